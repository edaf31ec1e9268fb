import {
  KPJ_IMPORT_FIELDS,
  type ListImportKind,
  SIGNUP_IMPORT_FIELDS,
  suggestMapping,
} from "../../../packages/shared/src/imports/fields.ts";
import {
  knownHeaderSet,
  type ListFile,
  readListFile,
  toUploadRow,
} from "../../../packages/shared/src/imports/reader.ts";
import { chunkOf, uploadChunks } from "../../../packages/shared/src/imports/upload.ts";
import { sha256Hex } from "../../../packages/shared/src/security/encoding.ts";
import type { TestApp } from "../../support/app.ts";

/** Kota Madiun, Kec. Kartoharjo, Kel. Oro-oro Ombo: the village a lurah's list comes from. */
export const MADIUN_VILLAGE = "35.77.01.1001";

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/**
 * The i-th person of a generated list: a NIK issued in Kota Madiun that encodes the birth date
 * and sex given beside it. Unique for i < 279,972 (serial × day).
 */
export function person(i: number, salt = 0) {
  const serial = (i % 9999) + 1;
  const dayIndex = Math.floor(i / 9999) % 28;
  const female = (i + salt) % 2 === 1;
  const day = dayIndex + 1;
  const month = ((i + salt) % 12) + 1;
  const year = 60 + ((i + salt) % 37);
  const nik = `357701${pad(female ? day + 40 : day)}${pad(month)}${pad(year)}${pad(serial, 4)}`;
  return {
    nik,
    name: `${["Sutrisno", "Siti", "Bambang", "Wahyuni", "Agus", "Sri"][i % 6]} ${letters(i + salt)}`,
    sex: female ? "P" : "L",
    birth: `${pad(day)}/${pad(month)}/19${pad(year)}`,
    phone: `0812${pad(i % 100_000_000, 8)}`,
    address: `RT 0${(i % 9) + 1} RW 02`,
    occupation: ["Pedagang pasar", "ojek", "Pengayuh becak", "Buruh tani"][i % 4] as string,
  };
}

/** Pemerintah Kota Madiun pays the premiums of the kelurahan lists (APBD, from 2020 in the seed). */
export const PEMKOT_MADIUN = "0b0c1f3e-1a01-4c6b-9c1a-000000000005";
const year = new Date().getUTCFullYear();
/** What a lurah's list shares: APBD paid by the Pemkot for this year, consent forms attached. */
export const KELURAHAN_DEFAULTS = {
  consent: "yes",
  sponsorPartnerId: PEMKOT_MADIUN,
  sponsoredFrom: `${year}-01-01`,
  sponsoredUntil: `${year}-12-31`,
};

const LETTERS = "abcdefghij";
/** A number spelled in letters (names carry no digits): 1203 → "Bcad". */
export function letters(n: number): string {
  const s = [...String(n)].map((d) => LETTERS[Number(d)]).join("");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const HEADER = [
  "No",
  "NIK",
  "Nama Lengkap",
  "Jenis Kelamin",
  "Tanggal Lahir",
  "No HP",
  "Alamat",
  "Pekerjaan",
];

/** A CSV line as a lurah's Excel writes it (`;`-separated, quoted when needed). */
export function csvLine(cells: readonly string[]): string {
  return cells.map((c) => (/[;"\n\r]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(";");
}

export function personLine(i: number, p = person(i)): string[] {
  return [String(i + 1), p.nik, p.name, p.sex, p.birth, p.phone, p.address, p.occupation];
}

export const encode = (s: string) => new TextEncoder().encode(s);

export interface UploadedList {
  batchId: string;
  resumed: boolean;
  status: number;
  body: Record<string, unknown>;
  file: ListFile;
}

/** Reads the file like the SPA, opens the import and sends the chunks still missing. */
export async function uploadList(
  t: TestApp,
  token: string,
  bytes: Uint8Array,
  opts: {
    kind?: ListImportKind;
    fileName?: string;
    officeId?: string;
    source?: string;
    sourceAreaCode?: string;
    sourcePartnerId?: string;
    defaults?: Record<string, string>;
    /** Send only these chunks (simulates a dropped connection). */
    onlyChunks?: number[];
    validate?: boolean;
  } = {},
): Promise<UploadedList> {
  const kind = opts.kind ?? "signups";
  const fields = kind === "kpj" ? KPJ_IMPORT_FIELDS : SIGNUP_IMPORT_FIELDS;
  const file = await readListFile(bytes, knownHeaderSet(fields));
  const mapping = suggestMapping(kind, file.headers);
  const rows = file.rows.map((r) => toUploadRow(r, file.headers, mapping));
  const res = await t.request("/api/enrolment/imports", {
    method: "POST",
    token,
    json: {
      officeId: opts.officeId ?? "kc-madiun",
      kind,
      ...(kind === "signups"
        ? {
            source: opts.source ?? "kelurahan_list",
            ...(opts.sourcePartnerId
              ? { sourcePartnerId: opts.sourcePartnerId }
              : { sourceAreaCode: opts.sourceAreaCode ?? MADIUN_VILLAGE }),
          }
        : {}),
      fileName: opts.fileName ?? "daftar.csv",
      fileHash: await sha256Hex(new Uint8Array(bytes)),
      fileBytes: bytes.byteLength,
      format: file.format,
      headers: file.headers,
      columnMapping: mapping,
      totalRows: rows.length,
      defaults:
        kind === "signups"
          ? {
              ...((opts.source ?? "kelurahan_list") === "kelurahan_list"
                ? KELURAHAN_DEFAULTS
                : { consent: "yes" }),
              ...opts.defaults,
            }
          : opts.defaults,
    },
  });
  const body = (await res.json()) as Record<string, unknown>;
  if (res.status !== 201 && res.status !== 200)
    return { batchId: "", resumed: false, status: res.status, body, file };
  const batch = body.batch as { id: string; missingChunks: number[]; status: string };
  const pending = opts.onlyChunks ?? batch.missingChunks;
  await uploadChunks({
    rows,
    pending,
    isRetryable: () => false,
    concurrency: 2,
    sendChunk: async (index) => {
      const r = await t.request(`/api/enrolment/imports/${batch.id}/chunks/${index}`, {
        method: "PUT",
        token,
        json: { rows: chunkOf(rows, index) },
      });
      if (r.status !== 200) throw new Error(`chunk ${index} → ${r.status} ${await r.text()}`);
    },
  });
  if (opts.validate !== false && !opts.onlyChunks && ["uploaded", "validated"].includes(batch.status)) {
    const v = await t.request(`/api/enrolment/imports/${batch.id}/validate`, { method: "POST", token });
    if (v.status !== 200) throw new Error(`validate → ${v.status} ${await v.text()}`);
  }
  return { batchId: batch.id, resumed: body.resumed === true, status: res.status, body, file };
}

/** Commits a validated import step by step, as the SPA's progress bar does. */
export async function commitAll(t: TestApp, token: string, batchId: string) {
  for (let step = 0; step < 1_000; step++) {
    const res = await t.request(`/api/enrolment/imports/${batchId}/commit`, { method: "POST", token });
    if (res.status !== 200) throw new Error(`commit → ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { status: string; remaining: number };
    if (body.status === "committed") return body;
  }
  throw new Error("commit did not finish");
}

export interface StagedRowView {
  rowNumber: number;
  status: string;
  errors: { field: string; code: string; message: string }[];
}

/** Every staged row of a status, page by page. */
export async function stagedRows(t: TestApp, token: string, batchId: string, status?: string) {
  const out: StagedRowView[] = [];
  for (let offset = 0; ; offset += 200) {
    const res = await t.request(
      `/api/enrolment/imports/${batchId}/rows?limit=200&offset=${offset}${status ? `&status=${status}` : ""}`,
      { token },
    );
    const body = (await res.json()) as { rows: StagedRowView[] };
    out.push(...body.rows);
    if (body.rows.length < 200) return out;
  }
}

export async function batchOf(t: TestApp, token: string, batchId: string) {
  const res = await t.request(`/api/enrolment/imports/${batchId}`, { token });
  return (await res.json()) as {
    status: string;
    counts: Record<string, number>;
    missingChunks: number[];
    receivedChunks: number;
    totalChunks: number;
  };
}
