/**
 * The columns Jangkau reads from an uploaded list, per kind of import, with the header names
 * lists really use (a lurah's Excel sheet says "No. KTP" or "Nama Lengkap"), so the column
 * mapping can be suggested and then remembered per source.
 */

export interface ImportField {
  key: string;
  /** Label shown in the mapping screen and in error reports (Bahasa Indonesia). */
  label: string;
  required: boolean;
  /** Header names, compared after {@link normalizeHeader}. */
  aliases: readonly string[];
}

export const SIGNUP_IMPORT_FIELDS = [
  {
    key: "nik",
    label: "NIK",
    required: true,
    aliases: ["nik", "no ktp", "nomor ktp", "no nik", "nomor nik", "nomor induk kependudukan", "ktp"],
  },
  {
    key: "fullName",
    label: "Nama lengkap",
    required: true,
    aliases: ["nama", "nama lengkap", "nama peserta", "nama pekerja", "nama tenaga kerja"],
  },
  {
    key: "sex",
    label: "Jenis kelamin",
    required: false,
    aliases: ["jenis kelamin", "jk", "l/p", "lp", "kelamin", "gender", "sex"],
  },
  {
    key: "birthDate",
    label: "Tanggal lahir",
    required: false,
    aliases: ["tanggal lahir", "tgl lahir", "tgl. lahir", "tanggal_lahir", "lahir", "birth date"],
  },
  {
    key: "phone",
    label: "Nomor HP",
    required: false,
    aliases: [
      "no hp",
      "nomor hp",
      "hp",
      "no. hp",
      "telepon",
      "no telp",
      "nomor telepon",
      "whatsapp",
      "no wa",
    ],
  },
  {
    key: "villageCode",
    label: "Kode kelurahan/desa",
    required: false,
    aliases: ["kode kelurahan", "kode desa", "kode wilayah", "kode kel", "kelurahan kode"],
  },
  {
    key: "address",
    label: "Alamat",
    required: false,
    aliases: ["alamat", "alamat lengkap", "alamat rumah", "domisili"],
  },
  {
    key: "occupation",
    label: "Pekerjaan",
    required: false,
    aliases: ["pekerjaan", "jenis pekerjaan", "profesi", "jenis usaha", "mata pencaharian"],
  },
  {
    key: "incomeBand",
    label: "Golongan atau penghasilan per bulan",
    required: false,
    aliases: [
      "golongan",
      "golongan penghasilan",
      "penghasilan",
      "pendapatan",
      "penghasilan per bulan",
      "pendapatan per bulan",
      "upah",
    ],
  },
  {
    key: "jht",
    label: "Ikut JHT",
    required: false,
    aliases: ["jht", "ikut jht", "program jht", "jaminan hari tua"],
  },
  {
    key: "payer",
    label: "Pembayar iuran",
    required: false,
    aliases: ["pembayar", "pembayar iuran", "sumber iuran", "penanggung iuran"],
  },
] as const satisfies readonly ImportField[];

/** KPJ numbers returned by BPJS registration: matched by sign-up id or NIK. */
export const KPJ_IMPORT_FIELDS = [
  {
    key: "signupId",
    label: "ID pendaftaran",
    required: false,
    aliases: ["id pendaftaran", "signup id", "id"],
  },
  {
    key: "nik",
    label: "NIK",
    required: false,
    aliases: ["nik", "no ktp", "nomor ktp", "nomor induk kependudukan"],
  },
  {
    key: "kpj",
    label: "Nomor KPJ",
    required: true,
    aliases: ["kpj", "no kpj", "nomor kpj", "nomor kartu", "no kartu peserta", "nomor peserta"],
  },
] as const satisfies readonly ImportField[];

export type SignupImportFieldKey = (typeof SIGNUP_IMPORT_FIELDS)[number]["key"];
export type KpjImportFieldKey = (typeof KPJ_IMPORT_FIELDS)[number]["key"];

/** The kinds of list this feature reads, and their columns. */
export const IMPORT_FIELDS_BY_KIND = {
  signups: SIGNUP_IMPORT_FIELDS,
  kpj: KPJ_IMPORT_FIELDS,
} as const;
export type ListImportKind = keyof typeof IMPORT_FIELDS_BY_KIND;
export const LIST_IMPORT_KINDS = ["signups", "kpj"] as const satisfies readonly ListImportKind[];

/** Our field → the file's header it is read from. */
export type ColumnMapping = Record<string, string>;

/** `"  No. KTP "` → `"no ktp"`: lower case, punctuation and repeated spaces dropped. */
export function normalizeHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/[._:\-*()]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A mapping for the file's headers: the remembered one where its headers still exist in the
 * file, else the first header matching a field's alias.
 */
export function suggestMapping(
  kind: ListImportKind,
  headers: readonly string[],
  remembered?: ColumnMapping | null,
): ColumnMapping {
  const mapping: ColumnMapping = {};
  const taken = new Set<string>();
  for (const field of IMPORT_FIELDS_BY_KIND[kind]) {
    const previous = remembered?.[field.key];
    if (previous && headers.includes(previous) && !taken.has(previous)) {
      mapping[field.key] = previous;
      taken.add(previous);
      continue;
    }
    const aliases = new Set(field.aliases.map(normalizeHeader));
    const match = headers.find((h) => !taken.has(h) && aliases.has(normalizeHeader(h)));
    if (match) {
      mapping[field.key] = match;
      taken.add(match);
    }
  }
  return mapping;
}

/** Required fields the mapping leaves out, or maps to a header the file does not have. */
export function missingRequiredFields(
  kind: ListImportKind,
  headers: readonly string[],
  mapping: ColumnMapping,
): ImportField[] {
  return IMPORT_FIELDS_BY_KIND[kind].filter((f) => {
    const header = mapping[f.key];
    return f.required && (!header || !headers.includes(header));
  });
}
