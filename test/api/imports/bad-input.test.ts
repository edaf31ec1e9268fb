import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { SIGNUP_IMPORT_FIELDS } from "../../../packages/shared/src/imports/fields.ts";
import { IMPORT_LIMITS } from "../../../packages/shared/src/imports/limits.ts";
import {
  knownHeaderSet,
  ListFileRefusal,
  readListFile,
} from "../../../packages/shared/src/imports/reader.ts";
import { AS, createTestApp, type TestApp } from "../../support/app.ts";
import {
  csvLine,
  encode,
  HEADER,
  KELURAHAN_DEFAULTS,
  MADIUN_VILLAGE,
  person,
  personLine,
  stagedRows,
  uploadList,
} from "./support.ts";

let t: TestApp;
let staff: string;
const known = knownHeaderSet(SIGNUP_IMPORT_FIELDS);

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.login(AS.staffMadiun);
});

async function refusal(bytes: Uint8Array): Promise<ListFileRefusal> {
  try {
    await readListFile(bytes, known);
  } catch (err) {
    if (err instanceof ListFileRefusal) return err;
    throw err;
  }
  throw new Error("file was not refused");
}

const validCreate = (over: Record<string, unknown> = {}) => ({
  officeId: "kc-madiun",
  kind: "signups",
  source: "kelurahan_list",
  sourceAreaCode: MADIUN_VILLAGE,
  fileName: "daftar.csv",
  fileHash: "a".repeat(64),
  fileBytes: 1_000,
  format: "csv",
  headers: ["NIK", "Nama Lengkap"],
  columnMapping: { nik: "NIK", fullName: "Nama Lengkap" },
  totalRows: 10,
  defaults: { ...KELURAHAN_DEFAULTS, occupation: "pedagang_pasar" },
  ...over,
});

type ErrorBody = {
  error: { code: string; details?: { issues?: { path: string; code: string }[] } & Record<string, unknown> };
};

describe("files refused as a whole (read where the file is, before anything is sent)", () => {
  it("tells the type from the content, not the name", async () => {
    expect((await refusal(encode("%PDF-1.7\n…"))).code).toBe("unsupported_file_type");
    expect(await refusal(new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]))).toMatchObject({
      code: "unsupported_file_type",
      details: { detected: "EXE" },
    });
    expect((await refusal(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).code).toBe(
      "legacy_excel",
    );
    expect(await refusal(new Uint8Array([1, 2, 0, 4, 5, 0, 7]))).toMatchObject({
      details: { detected: "binary" },
    });
    // A ZIP that is not a workbook (renamed .docx, a zipped folder).
    expect((await refusal(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0, 0]))).code).toBe(
      "not_a_spreadsheet",
    );
    expect((await refusal(new Uint8Array())).code).toBe("file_empty");
  });

  it("refuses text that is not UTF-8, naming the line", async () => {
    const lines = [HEADER, personLine(1), personLine(2)].map(csvLine).join("\n");
    // "Sutrisnö" saved as Windows-1252 on the fourth line: 0xF6 is not UTF-8.
    const bytes = new Uint8Array([
      ...encode(`${lines}\n`),
      ...encode("3;3577010101800003;Sutrisn"),
      0xf6,
      0x0a,
    ]);
    expect(await refusal(bytes)).toMatchObject({ code: "invalid_encoding", details: { line: 4 } });
  });

  it("refuses a file over the size cap and over the row cap", async () => {
    const big = new Uint8Array(IMPORT_LIMITS.maxFileBytes + 1).fill(0x41);
    expect(await refusal(big)).toMatchObject({
      code: "file_too_large",
      details: { limit: IMPORT_LIMITS.maxFileBytes },
    });
    const many = `NIK;Nama\n${"3577010101800001;Siti\n".repeat(IMPORT_LIMITS.maxRows + 1)}`;
    expect(await refusal(encode(many))).toMatchObject({
      code: "too_many_rows",
      details: { limit: IMPORT_LIMITS.maxRows },
    });
  });

  it("finds the header below a title row, and refuses a sheet without one", async () => {
    const titled = [
      "DATA PEKERJA INFORMAL KELURAHAN OROOROMBO",
      "",
      HEADER.join(";"),
      csvLine(personLine(1)),
    ].join("\n");
    const file = await readListFile(encode(titled), known);
    expect(file.headerRow).toBe(3);
    expect(file.rows[0]?.rowNumber).toBe(4);
    expect((await refusal(encode("satu\ndua\n"))).code).toBe("no_header");
  });
});

describe("the API refuses what a client sends anyway", () => {
  it("413 for a file or a row count over the limits, with the limit", async () => {
    const tooBig = await t.request("/api/enrolment/imports", {
      method: "POST",
      token: staff,
      json: validCreate({ fileBytes: 100 * 1024 * 1024 }),
    });
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as ErrorBody).error).toMatchObject({
      code: "file_too_large",
      details: { limitBytes: IMPORT_LIMITS.maxFileBytes },
    });
    const tooMany = await t.request("/api/enrolment/imports", {
      method: "POST",
      token: staff,
      json: validCreate({ totalRows: IMPORT_LIMITS.maxRows + 1 }),
    });
    expect(tooMany.status).toBe(413);
    expect(((await tooMany.json()) as ErrorBody).error.code).toBe("too_many_rows");
  });

  it("400 naming each required column that is missing", async () => {
    const res = await t.request("/api/enrolment/imports", {
      method: "POST",
      token: staff,
      json: validCreate({ headers: ["Nama", "Alamat"], columnMapping: { fullName: "Nama" } }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe("missing_columns");
    expect(body.error.details?.issues).toEqual([
      expect.objectContaining({ path: "columnMapping.nik", code: "missing_column" }),
    ]);
  });

  it("400 when the list's shared values break a rule (no sponsor for an APBD list, no consent)", async () => {
    const res = await t.request("/api/enrolment/imports", {
      method: "POST",
      token: staff,
      json: validCreate({ defaults: { consent: "no" } }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe("invalid_defaults");
    expect(body.error.details?.issues?.map((i) => i.path)).toEqual(
      expect.arrayContaining(["defaults.sponsorPartnerId", "defaults.consentGiven"]),
    );
  });

  it("413 for an oversized chunk and 400 for more rows than a chunk holds", async () => {
    const open = await t.request("/api/enrolment/imports", {
      method: "POST",
      token: staff,
      json: validCreate({ fileHash: "b".repeat(64), totalRows: 3_000 }),
    });
    const { batch } = (await open.json()) as { batch: { id: string } };
    const long = "x".repeat(400);
    const huge = Array.from({ length: 1_000 }, (_, i) => ({
      rowNumber: i + 2,
      values: { nik: long, fullName: long, address: long, phone: long, occupation: long, sex: long },
    }));
    const res = await t.request(`/api/enrolment/imports/${batch.id}/chunks/0`, {
      method: "PUT",
      token: staff,
      json: { rows: huge },
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorBody).error.code).toBe("chunk_too_large");
    const rows = Array.from({ length: 1_001 }, (_, i) => ({ rowNumber: i + 2, values: { nik: "1" } }));
    const many = await t.request(`/api/enrolment/imports/${batch.id}/chunks/0`, {
      method: "PUT",
      token: staff,
      json: { rows },
    });
    expect(many.status).toBe(400);
    const outside = await t.request(`/api/enrolment/imports/${batch.id}/chunks/9`, {
      method: "PUT",
      token: staff,
      json: { rows: [{ rowNumber: 2, values: { nik: "1" } }] },
    });
    expect(((await outside.json()) as ErrorBody).error.details?.issues?.[0]?.code).toBe("chunk_out_of_range");
  });
});

describe("bad cells are reported per row; the other rows go on", () => {
  it("flags formulas and broken characters in a CSV, but not a phone number starting with +", async () => {
    const lines = [
      HEADER,
      personLine(1),
      ["2", person(2).nik, '=HYPERLINK("http://contoh.test","klik")', "L", person(2).birth, "", "", "ojek"],
      ["3", person(3).nik, person(3).name, person(3).sex, person(3).birth, "+62 812-3456-7890", "", "ojek"],
      ["4", person(4).nik, person(4).name, person(4).sex, person(4).birth, "", "@SUM(A1:A9)", "ojek"],
      ["5", person(5).nik, "Sutrisn\uFFFD", person(5).sex, person(5).birth, "", "", "ojek"],
      [
        "6",
        person(6).nik,
        person(6).name,
        person(6).sex,
        person(6).birth,
        "",
        "-2+3+cmd|' /C calc'!A0",
        "ojek",
      ],
    ];
    const upload = await uploadList(t, staff, encode(lines.map(csvLine).join("\n")), {
      fileName: "rumus.csv",
    });
    const errors = await stagedRows(t, staff, upload.batchId, "error");
    expect(errors.map((r) => [r.rowNumber, r.errors.map((e) => `${e.field}:${e.code}`)])).toEqual([
      [3, ["fullName:formula_not_allowed"]],
      [5, ["address:formula_not_allowed"]],
      [6, ["fullName:invalid_encoding"]],
      [7, ["address:formula_not_allowed"]],
    ]);
    expect((await stagedRows(t, staff, upload.batchId, "ok")).map((r) => r.rowNumber)).toEqual([2, 4]);
  });

  it("flags XLSX formula cells and NIKs stored as numbers", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Pendataan");
    ws.addRow(["NIK", "Nama Lengkap", "Tanggal Lahir", "Pekerjaan"]);
    const a = person(20);
    const b = person(21);
    const c = person(22);
    ws.addRow([a.nik, a.name, a.birth, "Buruh tani"]);
    ws.addRow([Number(b.nik), b.name, b.birth, "Buruh tani"]);
    ws.addRow([c.nik, { formula: 'CONCAT("Sri ","Rahayu")', result: "Sri Rahayu" }, c.birth, "Buruh tani"]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const upload = await uploadList(t, staff, bytes, { fileName: "daftar.xlsx" });
    expect(upload.file.format).toBe("xlsx");
    const errors = await stagedRows(t, staff, upload.batchId, "error");
    expect(errors.map((r) => [r.rowNumber, r.errors[0]?.code])).toEqual([
      [3, "nik_stored_as_number"],
      [4, "formula_not_allowed"],
    ]);
  });

  it("gives field and reason in Bahasa Indonesia for rule breaks, from the capture validator", async () => {
    const bad = personLine(30);
    bad[4] = "31/02/1980";
    bad[5] = "0812";
    const upload = await uploadList(t, staff, encode([HEADER, bad].map(csvLine).join("\n")), {
      fileName: "aturan.csv",
    });
    const [row] = await stagedRows(t, staff, upload.batchId, "error");
    expect(row?.errors.map((e) => [e.field, e.code])).toEqual([
      ["birthDate", "invalid_date"],
      ["phone", "phone_too_short"],
    ]);
    expect(row?.errors[1]?.message).toBe("Nomor HP terlalu pendek.");
  });

  it("an unfinished upload stays listed and can be discarded", async () => {
    const lines = [HEADER, ...Array.from({ length: 1_500 }, (_, i) => personLine(40_000 + i))];
    const partial = await uploadList(t, staff, encode(lines.map(csvLine).join("\n")), {
      onlyChunks: [0],
      fileName: "terputus.csv",
    });
    const list = await t.request("/api/enrolment/imports", { token: staff });
    const { batches } = (await list.json()) as {
      batches: { id: string; status: string; receivedChunks: number }[];
    };
    expect(batches.find((b) => b.id === partial.batchId)).toMatchObject({
      status: "uploaded",
      receivedChunks: 1,
    });
    const undo = await t.request(`/api/enrolment/imports/${partial.batchId}/undo`, {
      method: "POST",
      token: staff,
    });
    expect(undo.status).toBe(200);
    const rows = await stagedRows(t, staff, partial.batchId);
    expect(rows).toHaveLength(0);
  });
});
