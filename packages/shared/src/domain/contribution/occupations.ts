import type { BpuSector } from "./types.ts";

/**
 * Occupations of BPU (informal) workers met at outreach events, with the sector that decides
 * the PP 50/2025 discount period. Written once, `as const`, for columns and validators alike.
 */
export const BPU_OCCUPATIONS = [
  { code: "pedagang_pasar", label: "Pedagang pasar", sector: "non_transport" },
  { code: "pedagang_keliling", label: "Pedagang keliling", sector: "non_transport" },
  { code: "ojek", label: "Pengemudi ojek (termasuk ojek online)", sector: "transport" },
  { code: "becak", label: "Pengayuh becak", sector: "transport" },
  { code: "sopir_angkot", label: "Sopir / angkot", sector: "transport" },
  { code: "nelayan", label: "Nelayan", sector: "non_transport" },
  { code: "petani", label: "Petani", sector: "non_transport" },
  { code: "buruh_tani", label: "Buruh tani", sector: "non_transport" },
  { code: "peternak", label: "Peternak", sector: "non_transport" },
  { code: "industri_rumahan", label: "Pekerja industri rumahan", sector: "non_transport" },
  { code: "pekerja_rumah_tangga", label: "Pekerja rumah tangga", sector: "non_transport" },
  { code: "guru_ngaji", label: "Guru ngaji", sector: "non_transport" },
  { code: "marbot_takmir", label: "Marbot / takmir masjid", sector: "non_transport" },
  { code: "penjahit", label: "Penjahit", sector: "non_transport" },
  { code: "tukang", label: "Tukang (bangunan, kayu, servis)", sector: "non_transport" },
  { code: "pemilik_umkm", label: "Pemilik usaha mikro dan kecil (UMKM)", sector: "non_transport" },
  { code: "seniman", label: "Seniman / pekerja seni", sector: "non_transport" },
  { code: "lainnya", label: "Lainnya", sector: "non_transport" },
] as const satisfies readonly { code: string; label: string; sector: BpuSector }[];

/** Code of a {@link BPU_OCCUPATIONS} entry. */
export type BpuOccupationCode = (typeof BPU_OCCUPATIONS)[number]["code"];

/** The occupation codes alone, e.g. for `v.picklist(BPU_OCCUPATION_CODES)`. */
export const BPU_OCCUPATION_CODES: readonly BpuOccupationCode[] = BPU_OCCUPATIONS.map((o) => o.code);

/** Sector of an occupation; unknown codes count as `non_transport` (the shorter discount). */
export function sectorForOccupation(code: string): BpuSector {
  return BPU_OCCUPATIONS.find((o) => o.code === code)?.sector ?? "non_transport";
}
