import { and, eq, inArray } from "drizzle-orm";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, participants, rollupCells, signups } from "../../../packages/shared/src/schema/index.ts";
import { AS, createTestApp, type TestApp } from "../../support/app.ts";
import { commitAll, csvLine, encode, HEADER, person, personLine, stagedRows, uploadList } from "./support.ts";

let t: TestApp;
let staff: string;
let manager: string;

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.login(AS.staffMadiun);
  manager = await t.login(AS.managerJatim);
});

/** A committed list of `n` people starting at person `from`; returns its sign-up ids in row order. */
async function committedList(from: number, n: number, fileName: string) {
  const lines = [HEADER, ...Array.from({ length: n }, (_, i) => personLine(from + i))];
  const upload = await uploadList(t, staff, encode(lines.map(csvLine).join("\n")), { fileName });
  await commitAll(t, staff, upload.batchId);
  const rows = await stagedRows(t, staff, upload.batchId, "committed");
  const ids = await t.db
    .select({ id: signups.id })
    .from(signups)
    .where(eq(signups.importBatchId, upload.batchId));
  expect(ids).toHaveLength(n);
  return { batchId: upload.batchId, rows };
}

const decide = (token: string, decisions: unknown[]) =>
  t.request("/api/enrolment/imports/review/decisions", { method: "POST", token, json: { decisions } });

const nationalCell = async () => {
  const [c] = await t.db
    .select()
    .from(rollupCells)
    .where(
      and(
        eq(rollupCells.scope, "office:kc-madiun"),
        eq(rollupCells.dim, "source"),
        eq(rollupCells.key, "kelurahan_list"),
      ),
    );
  return c;
};

describe("verification and validation of an imported list", () => {
  it("lists the queue with masked NIKs, and accepts, rejects and corrects in bulk — each decision audited", async () => {
    const { batchId } = await committedList(200, 6, "verval.csv");
    const queue = await t.request(`/api/enrolment/imports/review?batchId=${batchId}`, { token: staff });
    expect(queue.status).toBe(200);
    const { rows, total } = (await queue.json()) as {
      total: number;
      rows: {
        id: string;
        rowNumber: number;
        nikMasked: string;
        fullName: string;
        status: string;
        version: number;
      }[];
    };
    expect(total).toBe(6);
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(rows[0]?.nikMasked).toMatch(/^3577•+\d{4}$/);
    expect(JSON.stringify(rows)).not.toContain(person(200).nik);

    const before = await nationalCell();
    const [a, b, c, d, e] = rows.map((r) => r.id);
    const res = await decide(staff, [
      { action: "accept", signupId: a },
      { action: "accept", signupId: b },
      { action: "reject", signupId: c, reason: "Sudah terdaftar di kantor lain (data ganda)" },
      {
        action: "correct",
        signupId: d,
        changes: { fullName: "Sri Rahayu Ningsih", phone: "0813-2222-3333" },
        accept: true,
      },
      { action: "correct", signupId: e, changes: { birthDate: "2099-01-01" } },
    ]);
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as {
      results: { signupId: string; status: string; newStatus?: string; issues?: { path: string }[] }[];
    };
    expect(results.map((r) => [r.status, r.newStatus])).toEqual([
      ["done", "verified"],
      ["done", "verified"],
      ["done", "rejected"],
      ["done", "verified"],
      ["invalid", undefined],
    ]);
    expect(results[4]?.issues?.map((i) => i.path)).toContain("birthDate");

    const stored = await t.db
      .select()
      .from(signups)
      .where(inArray(signups.id, [a, b, c, d, e] as string[]));
    const byId = new Map(stored.map((s) => [s.id, s]));
    expect(byId.get(c as string)).toMatchObject({
      status: "rejected",
      rejectReason: "Sudah terdaftar di kantor lain (data ganda)",
    });
    expect(byId.get(e as string)?.status).toBe("recorded");
    const [corrected] = await t.db
      .select()
      .from(participants)
      .where(eq(participants.id, byId.get(d as string)?.participantId as string));
    expect(corrected).toMatchObject({ fullName: "Sri Rahayu Ningsih", phone: "+6281322223333" });

    const audits = await t.db
      .select()
      .from(auditLog)
      .where(inArray(auditLog.entityId, [a, b, c, d, e] as string[]));
    expect(
      audits
        .filter((x) => x.action !== "signup.created")
        .map((x) => x.action)
        .sort(),
    ).toEqual(["signup.corrected", "signup.rejected", "signup.verified", "signup.verified"]);
    expect(JSON.stringify(audits)).not.toContain("Sri Rahayu");

    const after = await nationalCell();
    expect((after?.verified ?? 0) - (before?.verified ?? 0)).toBe(3);
    expect((after?.rejected ?? 0) - (before?.rejected ?? 0)).toBe(1);
    expect((before?.recorded ?? 0) - (after?.recorded ?? 0)).toBe(4);

    // A decision that the lifecycle does not allow is reported, not applied.
    const again = await decide(staff, [{ action: "accept", signupId: c }]);
    expect(((await again.json()) as { results: { status: string }[] }).results[0]?.status).toBe(
      "invalid_transition",
    );
    // Outside the caller's offices the sign-up is simply not found.
    const blitar = await t.login(AS.staffBlitar);
    const foreign = await decide(blitar, [{ action: "accept", signupId: e }]);
    expect(((await foreign.json()) as { results: { status: string }[] }).results[0]?.status).toBe(
      "not_found",
    );
  });
});

describe("export of verified sign-ups for BPJS registration, and the KPJ numbers that come back", () => {
  it("exports full NIKs only to those allowed to reveal them, audited, never cached, formulas escaped", async () => {
    const { batchId } = await committedList(300, 3, "ekspor.csv");
    const ids = (await t.db.select().from(signups).where(eq(signups.importBatchId, batchId))).map(
      (s) => s.id,
    );
    await decide(
      staff,
      ids.map((signupId) => ({ action: "accept", signupId })),
    );
    // A name that slipped in as a formula (e.g. edited by hand in the database) is never exported live.
    const [first] = await t.db
      .select()
      .from(signups)
      .where(eq(signups.id, ids[0] as string));
    await t.db
      .update(participants)
      .set({ fullName: '=HYPERLINK("http://contoh.test","klik")' })
      .where(eq(participants.id, first?.participantId as string));

    const denied = await t.request(`/api/enrolment/imports/export?batchId=${batchId}`, { token: staff });
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { error: { code: string } }).error.code).toBe("nik_reveal_not_allowed");

    const res = await t.request(`/api/enrolment/imports/export?batchId=${batchId}`, { token: manager });
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.headers.get("Content-Type")).toContain("text/csv");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<string[]>(new TextDecoder().decode(bytes).trim(), { header: false });
    const [header, ...lines] = parsed.data;
    expect(header?.slice(0, 3)).toEqual(["ID pendaftaran", "NIK", "Nama lengkap"]);
    expect(lines).toHaveLength(3);
    expect(new Set(lines.map((l) => l[1]))).toEqual(
      new Set([person(300).nik, person(301).nik, person(302).nik]),
    );
    const injected = lines.find((l) => l[0] === ids[0]);
    expect(injected?.[2]).toBe(`'=HYPERLINK("http://contoh.test","klik")`);
    for (const l of lines) for (const cell of l) expect(cell).not.toMatch(/^[=@]/);

    const reveals = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "nik.revealed"), eq(auditLog.entityId, batchId)));
    expect(reveals).toHaveLength(1);
    expect(reveals[0]?.details).toMatchObject({ format: "csv", rows: 3 });

    const json = await t.request(`/api/enrolment/imports/export/lines?batchId=${batchId}`, {
      token: manager,
    });
    const page = (await json.json()) as { columns: string[]; lines: string[][]; next: string | null };
    expect(page.lines).toHaveLength(3);
    expect(page.columns[1]).toBe("NIK");
  });

  it("imports KPJ numbers by sign-up id or NIK, registering verified sign-ups with a per-row report", async () => {
    const { batchId } = await committedList(400, 5, "kpj-sumber.csv");
    const list = await t.db.select().from(signups).where(eq(signups.importBatchId, batchId));
    const order = new Map(list.map((s) => [s.id, s]));
    const verified = list.slice(0, 4).map((s) => s.id);
    await decide(
      staff,
      verified.map((signupId) => ({ action: "accept", signupId })),
    );
    const notVerified = list[4]?.id as string;
    const nikOf = async (id: string) => {
      const s = order.get(id);
      const [p] = await t.db
        .select()
        .from(participants)
        .where(eq(participants.id, s?.participantId as string));
      return p?.nikMasked;
    };
    expect(await nikOf(verified[0] as string)).toMatch(/^3577/);

    // Which person sits behind each verified id (the test knows the NIKs it generated).
    const niks = new Map<string, string>();
    for (const s of list) {
      const [p] = await t.db.select().from(participants).where(eq(participants.id, s.participantId));
      const match = [400, 401, 402, 403, 404]
        .map((i) => person(i).nik)
        .find((n) => p?.nikMasked === `${n.slice(0, 4)}••••••••${n.slice(-4)}`);
      niks.set(s.id, match as string);
    }
    const csv = [
      ["ID Pendaftaran", "NIK", "Nomor KPJ"],
      [verified[0], "", "19010000001"],
      ["", niks.get(verified[1] as string), "1901-000-0002"],
      [verified[2], "", "19010000001"],
      [verified[3], "", "12345"],
      [notVerified, "", "19010000005"],
      ["7f1c2d3e-4b5a-4c6d-8e9f-000000000000", "", "19010000006"],
    ]
      .map((cells) => cells.join(","))
      .join("\n");
    const upload = await uploadList(t, staff, encode(csv), { kind: "kpj", fileName: "kpj-bpjs.csv" });
    expect(
      (await stagedRows(t, staff, upload.batchId, "error")).map((r) => [r.rowNumber, r.errors[0]?.code]),
    ).toEqual([[5, "kpj_format"]]);
    await commitAll(t, staff, upload.batchId);
    const report = await stagedRows(t, staff, upload.batchId);
    expect(report.map((r) => [r.rowNumber, r.status, r.errors[0]?.code ?? null])).toEqual([
      [2, "committed", null],
      [3, "committed", null],
      [4, "error", "kpj_taken"],
      [5, "error", "kpj_format"],
      [6, "error", "not_verified"],
      [7, "error", "signup_not_found"],
    ]);
    const registered = await t.db.select().from(signups).where(inArray(signups.id, verified));
    expect(registered.map((s) => s.status).sort()).toEqual([
      "registered",
      "registered",
      "verified",
      "verified",
    ]);
    const [p1] = await t.db
      .select()
      .from(participants)
      .where(eq(participants.id, order.get(verified[1] as string)?.participantId as string));
    expect(p1?.kpj).toBe("19010000002");

    // The same KPJ file again adds nothing; a re-saved one skips what is already registered.
    const again = await uploadList(t, staff, encode(csv), { kind: "kpj", fileName: "kpj-bpjs.csv" });
    expect(again.resumed).toBe(true);
    const resaved = await uploadList(t, staff, encode(`${csv}\n`), {
      kind: "kpj",
      fileName: "kpj-bpjs-2.csv",
    });
    await commitAll(t, staff, resaved.batchId);
    const second = await stagedRows(t, staff, resaved.batchId);
    expect(second.slice(0, 2).map((r) => r.status)).toEqual(["skipped", "skipped"]);
  });
});
