import * as v from "valibot";
import "@jangkau/shared/validation/common";

export const loginInput = v.object({
  email: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.email(), v.maxLength(254)),
  password: v.pipe(v.string(), v.minLength(1, "Kata sandi wajib diisi."), v.maxLength(200)),
});
