/**
 * Consent to the processing of personal data (UU 27/2022 PDP), as versioned data: the text
 * a worker agreed to is identified by its `version`, which every sign-up stores beside the
 * moment of consent. A new wording is a new entry with a later `effectiveFrom` — never an
 * edit of a published one, so what a person agreed to can always be shown again.
 */
import { compareIso, type IsoDate } from "../calendar/index.ts";

export interface ConsentText {
  /** Stored with each sign-up, e.g. `"2026-07"`. */
  version: string;
  /** First day this wording is shown on the tablets. */
  effectiveFrom: IsoDate;
  /** Bahasa Indonesia first; the English text is a translation for staff, not what is signed. */
  text: { id: string; en: string };
}

export const CONSENT_TEXTS: readonly ConsentText[] = [
  {
    version: "2024-10",
    effectiveFrom: "2024-10-17",
    text: {
      id:
        "Saya menyetujui BPJS Ketenagakerjaan mengumpulkan dan memproses NIK, nama, jenis kelamin, " +
        "tanggal lahir, nomor telepon, pekerjaan, alamat dan golongan penghasilan saya untuk " +
        "pendaftaran kepesertaan program jaminan sosial ketenagakerjaan, sesuai UU No. 27 Tahun 2022 " +
        "tentang Pelindungan Data Pribadi.",
      en:
        "I agree that BPJS Ketenagakerjaan collects and processes my NIK, name, sex, birth date, " +
        "phone number, occupation, address and income band to enrol me in the employment " +
        "social-security programmes, under Law 27/2022 on Personal Data Protection.",
    },
  },
  {
    version: "2026-07",
    effectiveFrom: "2026-07-01",
    text: {
      id:
        "Saya menyetujui BPJS Ketenagakerjaan mengumpulkan dan memproses NIK, nama, jenis kelamin, " +
        "tanggal lahir, nomor telepon, pekerjaan, alamat dan golongan penghasilan saya untuk " +
        "pendaftaran kepesertaan, penagihan dan pengingat iuran. Pihak yang membayar iuran saya " +
        "(pemerintah daerah, perusahaan CSR atau paguyuban) hanya menerima jumlah peserta, bukan " +
        "data pribadi saya. Saya dapat meminta akses, perbaikan atau penghapusan data saya di kantor " +
        "cabang BPJS Ketenagakerjaan, sesuai UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi.",
      en:
        "I agree that BPJS Ketenagakerjaan collects and processes my NIK, name, sex, birth date, " +
        "phone number, occupation, address and income band to enrol me, collect my contributions " +
        "and remind me of them. Whoever pays my contributions (local government, a CSR company or " +
        "a community association) receives participant counts only, never my personal data. I may " +
        "ask a BPJS Ketenagakerjaan branch office to access, correct or erase my data, under Law " +
        "27/2022 on Personal Data Protection.",
    },
  },
];

/** The wording in force on `today` (`YYYY-MM-DD`): the latest whose `effectiveFrom` has come. */
export function currentConsent(today: IsoDate, texts: readonly ConsentText[] = CONSENT_TEXTS): ConsentText {
  let found: ConsentText | undefined;
  for (const t of texts) {
    if (
      compareIso(t.effectiveFrom, today) <= 0 &&
      (!found || compareIso(t.effectiveFrom, found.effectiveFrom) > 0)
    )
      found = t;
  }
  // Before the first wording took effect there is nothing newer to show than the first.
  return found ?? (texts[0] as ConsentText);
}

/** The wording with this version, or `undefined` for a version that was never published. */
export function consentByVersion(
  version: string,
  texts: readonly ConsentText[] = CONSENT_TEXTS,
): ConsentText | undefined {
  return texts.find((t) => t.version === version);
}
