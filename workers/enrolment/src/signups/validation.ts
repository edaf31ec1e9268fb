import { SIGNUP_STATUSES } from "@jangkau/shared/schema/enums";
import { month, queryInt, text, uuid } from "@jangkau/shared/validation/common";
import * as v from "valibot";
import { MAX_BATCH_RECORDS } from "./service.ts";

/**
 * Request shapes of the sign-up routes. The records themselves are validated one by one by
 * the service (`validateSignupRecord`), so one bad record is reported with its index instead
 * of failing the whole batch.
 */
export const batchBody = v.object({
  records: v.array(v.unknown(), "Isi `records` dengan daftar catatan pendaftaran."),
});

/** One record, as an object; its fields are checked by the service with codes per rule. */
export const singleBody = v.looseObject({});

/** Body-size caps: a full batch of the largest records fits in 1 MiB with room to spare. */
export const MAX_BATCH_BYTES = 1024 * 1024;
export const MAX_SINGLE_BYTES = 16 * 1024;
export { MAX_BATCH_RECORDS };

export const idParam = v.object({ id: uuid });

export const listQuery = v.object({
  eventId: v.optional(uuid),
  status: v.optional(v.picklist(SIGNUP_STATUSES)),
  month: v.optional(month),
  page: v.optional(queryInt(1, 100_000)),
  pageSize: v.optional(queryInt(1, 100)),
});

const version = v.pipe(v.number("Versi data wajib diisi."), v.integer(), v.minValue(1));

export const verifyBody = v.object({ version });
export const rejectBody = v.object({
  version,
  reason: v.pipe(text(500, 3), v.minLength(3, "Alasan penolakan minimal 3 karakter.")),
});
/** KPJ: the BPJS Ketenagakerjaan card number, 11 digits. */
export const registerBody = v.object({
  version,
  kpj: v.pipe(v.string(), v.trim(), v.regex(/^\d{11}$/, "Nomor KPJ harus 11 digit angka.")),
});
export const deleteQuery = v.object({ version: queryInt(1, 1_000_000) });
