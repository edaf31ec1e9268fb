import * as v from "valibot";
import "./messages.ts";

/** Building blocks shared by the feature validators. */
export const uuid = v.pipe(v.string(), v.uuid());
export const isoDate = v.pipe(v.string(), v.isoDate());
export const month = v.pipe(v.string(), v.regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Bulan harus berformat YYYY-MM."));
export const rupiah = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000_000_000));
export const count = (max = 10_000_000) => v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(max));
export const text = (max: number, min = 1) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.minLength(min, "Wajib diisi."),
    v.maxLength(max, `Maksimal ${max} karakter.`),
  );
export const areaCode = v.pipe(
  v.string(),
  v.regex(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/, "Kode wilayah Kemendagri tidak valid."),
);
/** Query-string integers arrive as text. */
export const queryInt = (min: number, max: number) =>
  v.pipe(
    v.string(),
    v.regex(/^\d+$/, "Harus bilangan bulat."),
    v.transform(Number),
    v.minValue(min),
    v.maxValue(max),
  );
export const year = v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100));
