import * as v from "valibot";

/**
 * Default valibot messages in Bahasa Indonesia, for any check that does not carry its own.
 * Messages describe the rule, never the value received (which may be personal data).
 */
const MESSAGES: Record<string, string> = {
  string: "Harus berupa teks.",
  number: "Harus berupa angka.",
  boolean: "Harus benar atau salah.",
  object: "Harus berupa objek.",
  array: "Harus berupa daftar.",
  picklist: "Pilihan tidak dikenal.",
  literal: "Nilai tidak diizinkan.",
  integer: "Harus bilangan bulat.",
  min_value: "Nilai terlalu kecil.",
  max_value: "Nilai terlalu besar.",
  min_length: "Terlalu pendek.",
  max_length: "Terlalu panjang.",
  non_empty: "Wajib diisi.",
  email: "Alamat email tidak valid.",
  uuid: "Harus UUID.",
  iso_date: "Tanggal harus berformat YYYY-MM-DD.",
  iso_timestamp: "Waktu harus berformat ISO-8601.",
  regex: "Format tidak valid.",
  strict_object: "Ada kolom yang tidak dikenal.",
  check: "Nilai tidak memenuhi aturan.",
};

v.setGlobalMessage((issue) => {
  if (issue.kind === "schema" && issue.received === "undefined") return "Wajib diisi.";
  return MESSAGES[issue.type] ?? "Nilai tidak valid.";
});
