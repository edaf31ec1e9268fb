import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, importRows, rollupCells, signups } from "../../../packages/shared/src/schema/index.ts";
import { AS, createTestApp, type TestApp } from "../../support/app.ts";
import {
  batchOf,
  commitAll,
  csvLine,
  encode,
  HEADER,
  MADIUN_VILLAGE,
  person,
  personLine,
  stagedRows,
  uploadList,
} from "./support.ts";

let t: TestApp;
let staff: string;

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.login(AS.staffMadiun);
});

const signupCount = async (batchId?: string) => {
  const [row] = await t.db
    .select({ n: sql<number>`count(*)` })
    .from(signups)
    .where(batchId ? eq(signups.importBatchId, batchId) : undefined);
  return row?.n ?? 0;
};

describe("a lurah's list from upload to sign-ups", () => {
  it("stages, previews, commits as recorded sign-ups from the kelurahan, and rolls them up", async () => {
    const lines = [HEADER, ...Array.from({ length: 30 }, (_, i) => personLine(1000 + i))];
    const upload = await uploadList(t, staff, encode(lines.map(csvLine).join("\r\n")), {
      fileName: "kejuron.csv",
    });
    expect(upload.status).toBe(201);
    const summary = await batchOf(t, staff, upload.batchId);
    expect(summary).toMatchObject({ status: "validated", counts: { ok: 30, error: 0, duplicate: 0 } });

    // Personal data is sealed at rest: no NIK or name in clear in the staged rows.
    const raw = await t.db.select().from(importRows).where(eq(importRows.batchId, upload.batchId));
    const dump = JSON.stringify(raw);
    expect(dump).not.toContain(person(1000).nik);
    expect(dump).not.toContain(person(1000).name);
    expect(dump).not.toContain(person(1000).phone);

    await commitAll(t, staff, upload.batchId);
    const rows = await t.db.select().from(signups).where(eq(signups.importBatchId, upload.batchId));
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((r) => r.source))).toEqual(new Set(["kelurahan_list"]));
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["recorded"]));
    expect(new Set(rows.map((r) => r.payer))).toEqual(new Set(["apbd"]));
    expect(rows.every((r) => r.officeId === "kc-madiun" && r.eventId === null)).toBe(true);
    const [cell] = await t.db
      .select()
      .from(rollupCells)
      .where(
        and(
          eq(rollupCells.scope, "office:kc-madiun"),
          eq(rollupCells.dim, "source"),
          eq(rollupCells.key, "kelurahan_list"),
        ),
      );
    expect(cell?.recorded).toBeGreaterThanOrEqual(30);
    expect((await batchOf(t, staff, upload.batchId)).status).toBe("committed");
  });

  it("flags duplicates within the file (later rows) and against enrolled NIKs", async () => {
    const first = await uploadList(
      t,
      staff,
      encode([HEADER, personLine(2000), personLine(2001)].map(csvLine).join("\n")),
      { fileName: "a.csv" },
    );
    await commitAll(t, staff, first.batchId);

    const lines = [
      HEADER,
      personLine(2001),
      personLine(2002),
      personLine(2003),
      personLine(2002),
      personLine(2002),
    ];
    const second = await uploadList(t, staff, encode(lines.map(csvLine).join("\n")), { fileName: "b.csv" });
    const dups = await stagedRows(t, staff, second.batchId, "duplicate");
    expect(dups.map((r) => [r.rowNumber, r.errors[0]?.code])).toEqual([
      [2, "already_enrolled"],
      [5, "duplicate_in_file"],
      [6, "duplicate_in_file"],
    ]);
    expect(dups[1]?.errors[0]?.message).toContain("baris 3");
    await commitAll(t, staff, second.batchId);
    expect(await signupCount(second.batchId)).toBe(2);
  });

  it("uploading the same file again adds nothing", async () => {
    const bytes = encode([HEADER, personLine(3000), personLine(3001)].map(csvLine).join("\n"));
    const first = await uploadList(t, staff, bytes, { fileName: "ulang.csv" });
    await commitAll(t, staff, first.batchId);
    const before = await signupCount();

    const again = await uploadList(t, staff, bytes, { fileName: "ulang (1).csv" });
    expect(again.status).toBe(200);
    expect(again.resumed).toBe(true);
    expect(again.batchId).toBe(first.batchId);
    expect((again.body.batch as { status: string }).status).toBe("committed");
    const commit = await t.request(`/api/enrolment/imports/${again.batchId}/commit`, {
      method: "POST",
      token: staff,
    });
    expect(commit.status).toBe(409);
    expect(await signupCount()).toBe(before);

    // The same people in a re-saved file (another hash) are all duplicates: still nothing added.
    const resaved = await uploadList(t, staff, encode(`${new TextDecoder().decode(bytes)}\n`), {
      fileName: "ulang-lagi.csv",
    });
    expect(resaved.status).toBe(201);
    expect((await batchOf(t, staff, resaved.batchId)).counts).toMatchObject({ ok: 0, duplicate: 2 });
    await commitAll(t, staff, resaved.batchId);
    expect(await signupCount()).toBe(before);
  });

  it("resumes after a dropped connection without doubling anything", async () => {
    const lines = [HEADER, ...Array.from({ length: 2_500 }, (_, i) => personLine(10_000 + i))];
    const bytes = encode(lines.map(csvLine).join("\n"));
    // Chunks 0 and 1 arrive; the connection drops before chunk 2.
    const partial = await uploadList(t, staff, bytes, { onlyChunks: [0, 1], fileName: "besar.csv" });
    let summary = await batchOf(t, staff, partial.batchId);
    expect(summary).toMatchObject({
      status: "uploaded",
      receivedChunks: 2,
      totalChunks: 3,
      missingChunks: [2],
    });
    const early = await t.request(`/api/enrolment/imports/${partial.batchId}/validate`, {
      method: "POST",
      token: staff,
    });
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: { code: string; details: unknown } }).error).toMatchObject({
      code: "chunks_missing",
      details: { missingChunks: [2] },
    });

    // The lost response of chunk 1 makes the client send it again: staged once.
    const resent = await uploadList(t, staff, bytes, { onlyChunks: [1], fileName: "besar.csv" });
    expect(resent.resumed).toBe(true);
    // After a reload the same file is picked again and only the missing chunk goes out.
    const resumed = await uploadList(t, staff, bytes, { fileName: "besar.csv" });
    expect(resumed.batchId).toBe(partial.batchId);
    summary = await batchOf(t, staff, partial.batchId);
    expect(summary).toMatchObject({ status: "validated", counts: { ok: 2_500 }, missingChunks: [] });
    await commitAll(t, staff, partial.batchId);
    // A commit step repeated after a lost response replays; nothing is doubled.
    await t.request(`/api/enrolment/imports/${partial.batchId}/commit`, { method: "POST", token: staff });
    expect(await signupCount(partial.batchId)).toBe(2_500);
  });

  it("undoes an import while its sign-ups are still recorded, rollups included", async () => {
    const totalCell = async () => {
      const [c] = await t.db
        .select()
        .from(rollupCells)
        .where(and(eq(rollupCells.scope, "national"), eq(rollupCells.dim, "total")));
      return c?.recorded ?? 0;
    };
    const before = await totalCell();
    const upload = await uploadList(
      t,
      staff,
      encode([HEADER, personLine(4000), personLine(4001), personLine(4002)].map(csvLine).join("\n")),
      { fileName: "salah.csv" },
    );
    await commitAll(t, staff, upload.batchId);
    expect(await totalCell()).toBe(before + 3);

    const undo = await t.request(`/api/enrolment/imports/${upload.batchId}/undo`, {
      method: "POST",
      token: staff,
    });
    expect(undo.status).toBe(200);
    expect(await signupCount(upload.batchId)).toBe(0);
    expect(await totalCell()).toBe(before);
    expect((await batchOf(t, staff, upload.batchId)).status).toBe("undone");
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, upload.batchId), eq(auditLog.action, "import.undone")));
    expect(audits).toHaveLength(1);

    // The same file can be imported again after an undo.
    const again = await uploadList(
      t,
      staff,
      encode([HEADER, personLine(4000), personLine(4001), personLine(4002)].map(csvLine).join("\n")),
      { fileName: "salah.csv" },
    );
    expect(again.batchId).toBe(upload.batchId);
    expect((await batchOf(t, staff, again.batchId)).counts.ok).toBe(3);
  });

  it("refuses to undo once a sign-up of the list was reviewed", async () => {
    const upload = await uploadList(
      t,
      staff,
      encode([HEADER, personLine(4100), personLine(4101)].map(csvLine).join("\n")),
      { fileName: "ditinjau.csv" },
    );
    await commitAll(t, staff, upload.batchId);
    const [one] = await t.db.select().from(signups).where(eq(signups.importBatchId, upload.batchId));
    const decided = await t.request("/api/enrolment/imports/review/decisions", {
      method: "POST",
      token: staff,
      json: { decisions: [{ action: "accept", signupId: one?.id }] },
    });
    expect(decided.status).toBe(200);
    const undo = await t.request(`/api/enrolment/imports/${upload.batchId}/undo`, {
      method: "POST",
      token: staff,
    });
    expect(undo.status).toBe(409);
    expect(((await undo.json()) as { error: { code: string } }).error.code).toBe("import_partly_reviewed");
    expect(await signupCount(upload.batchId)).toBe(2);
  });

  it("remembers the column mapping per source", async () => {
    await uploadList(t, staff, encode([HEADER, personLine(5000)].map(csvLine).join("\n")), {
      fileName: "ingat.csv",
    });
    const res = await t.request(
      `/api/enrolment/imports/mappings?officeId=kc-madiun&sourceKey=${encodeURIComponent(`kelurahan_list:${MADIUN_VILLAGE}`)}`,
      { token: staff },
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { mapping: Record<string, string> }).mapping).toMatchObject({
      nik: "NIK",
      fullName: "Nama Lengkap",
      birthDate: "Tanggal Lahir",
    });
  });

  it("keeps imports to the caller's offices and to roles that may import", async () => {
    const upload = await uploadList(t, staff, encode([HEADER, personLine(6000)].map(csvLine).join("\n")), {
      fileName: "lingkup.csv",
    });
    const blitar = await t.login(AS.staffBlitar);
    expect((await t.request(`/api/enrolment/imports/${upload.batchId}`, { token: blitar })).status).toBe(404);
    const partner = await t.login(AS.partnerPaguyubanBlitar);
    expect((await t.request("/api/enrolment/imports", { token: partner })).status).toBe(403);
    const other = await uploadList(t, blitar, encode([HEADER, personLine(6001)].map(csvLine).join("\n")), {
      officeId: "kc-madiun",
    });
    expect(other.status).toBe(403);
  });
});
