import { BPU_OCCUPATIONS } from "@jangkau/shared/domain/index";
import type { Payer, SignupSource } from "@jangkau/shared/schema/enums";

/** Indonesian labels of breakdown keys, for responses and CSV exports. */
const OCCUPATION = new Map<string, string>(BPU_OCCUPATIONS.map((o) => [o.code, o.label]));

export const PAYER_LABELS: Record<Payer, string> = {
  self: "Mandiri (bayar sendiri)",
  csr: "CSR perusahaan/bank",
  apbd: "APBD (pemerintah daerah)",
  apbn: "APBN",
  paguyuban: "Paguyuban / komunitas",
};

export const SOURCE_LABELS: Record<SignupSource, string> = {
  event: "Kegiatan",
  kelurahan_list: "Daftar kelurahan",
  paguyuban_list: "Daftar paguyuban",
  csr_list: "Daftar CSR",
};

export function labelOf(dim: string, key: string): string {
  if (dim === "occupation") return OCCUPATION.get(key) ?? key;
  if (dim === "payer") return PAYER_LABELS[key as Payer] ?? key;
  if (dim === "source") return SOURCE_LABELS[key as SignupSource] ?? key;
  return key;
}
