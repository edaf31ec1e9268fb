import type { InStatement, TransactionMode } from "@libsql/client";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../../packages/node/src/seed/demo.ts";
import type { Principal } from "../../../packages/shared/src/auth/permissions.ts";
import { auditLog, participants, signups } from "../../../packages/shared/src/schema/index.ts";
import { recordSignups } from "../../../workers/enrolment/src/signups/service.ts";
import { AS, createTestApp, type TestApp } from "../../support/app.ts";
import { blitarRecord, errorOf, madiunRecord, postBatch } from "./records.ts";

let t: TestApp;
let staff: string;
beforeAll(async () => {
  t = await createTestApp();
  staff = await t.login(AS.staffMadiun);
});

const countRows = async (id: string) =>
  (await t.db.select({ n: sql<number>`count(*)` }).from(signups).where(eq(signups.id, id)))[0]?.n;

describe("idempotency per record UUID", () => {
  it("stores a record once and answers a replay with the original sign-up", async () => {
    const record = madiunRecord();
    const first = await t.request("/api/enrolment/signups", { method: "POST", token: staff, json: record });
    expect(first.status).toBe(201);
    const created = (await first.json()) as {
      signup: { id: string; participantId: string; nikMasked: string };
    };
    expect(created.signup.id).toBe(record.id);

    const again = await t.request("/api/enrolment/signups", { method: "POST", token: staff, json: record });
    expect(again.status).toBe(200);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    const replayed = (await again.json()) as typeof created;
    expect(replayed.signup).toEqual(created.signup);

    const [batchReplay] = await postBatch(t, staff, [record]);
    expect(batchReplay).toMatchObject({ index: 0, status: "replayed", signup: created.signup });
    expect(await countRows(record.id)).toBe(1);
  });

  it("refuses the same UUID with a different payload (409 id_conflict)", async () => {
    const record = madiunRecord();
    expect(
      (await t.request("/api/enrolment/signups", { method: "POST", token: staff, json: record })).status,
    ).toBe(201);
    const changed = { ...record, address: "Jl. Lain 9" };
    const res = await t.request("/api/enrolment/signups", { method: "POST", token: staff, json: changed });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe("id_conflict");
    const [inBatch] = await postBatch(t, staff, [changed]);
    expect(inBatch?.status).toBe("id_conflict");
    const [row] = await t.db
      .select({ address: participants.address })
      .from(signups)
      .innerJoin(participants, eq(participants.id, signups.participantId))
      .where(eq(signups.id, record.id));
    expect(row?.address).toBe(record.address);
  });

  it("treats a UUID repeated inside one batch as a replay, or a conflict if the payload differs", async () => {
    const record = madiunRecord();
    const results = await postBatch(t, staff, [record, record, { ...record, fullName: "Orang Lain" }]);
    expect(results.map((r) => r.status)).toEqual(["created", "replayed", "id_conflict"]);
    expect(await countRows(record.id)).toBe(1);
  });

  it("answers a concurrent request with the same UUID without storing it twice", async () => {
    const record = madiunRecord();
    const responses = await Promise.all(
      [1, 2, 3].map(() =>
        t.request("/api/enrolment/signups", { method: "POST", token: staff, json: record }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    for (const r of responses.filter((r) => r.status !== 201)) {
      if (r.status === 409) expect((await errorOf(r)).code).toBe("idempotency_in_progress");
      else expect(r.status).toBe(200);
    }
    expect(await countRows(record.id)).toBe(1);
  });

  it("re-plans after losing a race on the UUID to another isolate: the later write becomes a replay", async () => {
    const record = madiunRecord();
    const principal: Principal = {
      userId: DEMO_IDS.users.staffMadiun,
      role: "staff",
      name: "Dwi Prasetyo",
      officeId: "kc-madiun",
      officeIds: ["kc-madiun"],
      partnerId: null,
      canRevealNik: false,
    };
    // "Another isolate" commits the very same write just before ours runs it, so ours hits the
    // primary key on signups.id.
    let writes = 0;
    const client = new Proxy(t.db.$client, {
      get(target, prop, receiver) {
        if (prop !== "batch") return Reflect.get(target, prop, receiver);
        return async (statements: InStatement[], mode?: TransactionMode) => {
          if (mode === "write" && writes++ === 0) await target.batch(statements, mode);
          return target.batch(statements, mode);
        };
      },
    });
    const racing = new Proxy(t.db, {
      get: (target, prop, receiver) => (prop === "$client" ? client : Reflect.get(target, prop, receiver)),
    });
    const outcome = await recordSignups(racing, t.env, principal, [record], { source: "event" });
    // One write attempt, lost to the primary key; the re-plan finds the stored row and writes nothing.
    expect(writes).toBe(1);
    expect(outcome.results[0]?.status).toBe("replayed");
    expect(await countRows(record.id)).toBe(1);
  });
});

describe("duplicate NIKs are reported per record, never dropped or merged", () => {
  it("reports a NIK already enrolled, with the event and date, inside the caller's scope", async () => {
    const first = madiunRecord();
    await postBatch(t, staff, [first]);
    const second = madiunRecord({ nik: first.nik, birthDate: first.birthDate, sex: first.sex });
    const [result] = await postBatch(t, staff, [second]);
    expect(result).toMatchObject({
      index: 0,
      id: second.id,
      status: "duplicate_nik",
      duplicate: {
        sameScope: true,
        signupId: first.id,
        eventTitle: "Sosialisasi Jaminan Sosial Pekerja Informal kepada Lurah dan Camat se-Kota Madiun",
      },
    });
    expect(result?.duplicate?.signupDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await countRows(second.id)).toBe(0);

    const single = await t.request("/api/enrolment/signups", { method: "POST", token: staff, json: second });
    expect(single.status).toBe(409);
    const error = await errorOf(single);
    expect(error.code).toBe("duplicate_nik");
    expect(error.details?.duplicate).toMatchObject({ sameScope: true, signupId: first.id });
  });

  it("tells someone out of scope only that, and when, the person is enrolled", async () => {
    const blitarStaff = await t.login(AS.staffBlitar);
    const enrolled = blitarRecord();
    expect((await postBatch(t, blitarStaff, [enrolled]))[0]?.status).toBe("created");
    const [result] = await postBatch(t, staff, [
      madiunRecord({ nik: enrolled.nik, birthDate: enrolled.birthDate, sex: enrolled.sex }),
    ]);
    expect(result?.status).toBe("duplicate_nik");
    expect(Object.keys(result?.duplicate ?? {}).sort()).toEqual(["sameScope", "signupDate"]);
    expect(result?.duplicate?.sameScope).toBe(false);
  });

  it("reports the second of two records with one NIK in the same batch", async () => {
    const a = madiunRecord();
    const b = madiunRecord({ nik: a.nik, birthDate: a.birthDate, sex: a.sex });
    const results = await postBatch(t, staff, [a, b]);
    expect(results.map((r) => r.status)).toEqual(["created", "duplicate_nik"]);
    expect(results[1]?.duplicate).toMatchObject({ inBatchIndex: 0, sameScope: true });
  });

  it("enrols a person again once every earlier sign-up was rejected", async () => {
    const manager = await t.login(AS.managerJatim);
    const first = madiunRecord();
    await postBatch(t, staff, [first]);
    const rejected = await t.request(`/api/enrolment/signups/${first.id}/reject`, {
      method: "POST",
      token: manager,
      json: { version: 1, reason: "Data ganda dari pendataan kelurahan" },
    });
    expect(rejected.status).toBe(200);
    const again = madiunRecord({
      nik: first.nik,
      birthDate: first.birthDate,
      sex: first.sex,
      fullName: "Nama Baru",
    });
    const [result] = await postBatch(t, staff, [again]);
    expect(result?.status).toBe("created");
    const people = await t.db
      .select({ id: signups.participantId })
      .from(signups)
      .where(sql`${signups.id} in (${first.id}, ${again.id})`);
    expect(new Set(people.map((p) => p.id)).size).toBe(1);
  });
});

describe("partial batches", () => {
  it("stores the good records and rejects each bad one with its index, field and reason", async () => {
    const good1 = madiunRecord();
    const good2 = madiunRecord();
    const results = await postBatch(t, staff, [
      good1,
      madiunRecord({ nik: "12345" }),
      "not a record",
      madiunRecord({ phone: "+44 20 7946 0000", consentGiven: false }),
      good2,
    ]);
    expect(results.map((r) => [r.index, r.status])).toEqual([
      [0, "created"],
      [1, "invalid"],
      [2, "invalid"],
      [3, "invalid"],
      [4, "created"],
    ]);
    expect(results[1]?.issues).toEqual([{ path: "nik", code: "nik_length", message: "NIK harus 16 digit." }]);
    expect(results[2]?.issues?.[0]?.code).toBe("invalid_type");
    expect(results[3]?.issues?.map((i) => `${i.path}:${i.code}`).sort()).toEqual([
      "consentGiven:consent_required",
      "phone:phone_foreign_country_code",
    ]);
    expect(await countRows(good1.id)).toBe(1);
    expect(await countRows(good2.id)).toBe(1);
  });

  it("writes the audit entries with the sign-ups and returns a summary", async () => {
    const records = [madiunRecord(), madiunRecord()];
    const res = await t.request("/api/enrolment/signups/batch", {
      method: "POST",
      token: staff,
      json: { records },
    });
    const body = (await res.json()) as { summary: Record<string, number> };
    expect(body.summary).toMatchObject({ created: 2, invalid: 0 });
    const entries = await t.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.entityId} in (${records[0]?.id}, ${records[1]?.id})`);
    expect(entries.map((e) => e.action)).toEqual(["signup.created", "signup.created"]);
    expect(entries[0]?.actorUserId).toBe(DEMO_IDS.users.staffMadiun);
  });

  it("accepts a full batch of 500 records", async () => {
    const records = Array.from({ length: 500 }, () => madiunRecord());
    const results = await postBatch(t, staff, records);
    expect(results.filter((r) => r.status === "created")).toHaveLength(500);
  });
});

describe("oversized and malformed batches", () => {
  it("refuses more than 500 records with 413 batch_too_large", async () => {
    const records = Array.from({ length: 501 }, () => ({ id: crypto.randomUUID() }));
    const res = await t.request("/api/enrolment/signups/batch", {
      method: "POST",
      token: staff,
      json: { records },
    });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe("batch_too_large");
  });

  it("refuses a body over 1 MiB with 413 before reading it", async () => {
    const padding = "x".repeat(1024 * 1024);
    const res = await t.request("/api/enrolment/signups/batch", {
      method: "POST",
      token: staff,
      json: { records: [madiunRecord({ address: padding })] },
    });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe("batch_too_large");
  });

  it("caps a single record at 16 KiB", async () => {
    const res = await t.request("/api/enrolment/signups", {
      method: "POST",
      token: staff,
      json: madiunRecord({ address: "x".repeat(20_000) }),
    });
    expect(res.status).toBe(413);
  });

  it.each([
    ["broken JSON", "{ records: [", "malformed_request"],
    ["records missing", JSON.stringify({}), "validation_failed"],
    ["records not a list", JSON.stringify({ records: "semua" }), "validation_failed"],
  ])("answers %s with a 400", async (_label, body, code) => {
    const res = await t.request("/api/enrolment/signups/batch", {
      method: "POST",
      token: staff,
      body,
      headers: { "Content-Type": "application/json" },
    });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe(code);
  });

  it("answers a single invalid record with 400 and the field issues", async () => {
    const res = await t.request("/api/enrolment/signups", {
      method: "POST",
      token: staff,
      json: madiunRecord({ birthDate: "31-12-1990", occupation: "pilot" }),
    });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe("validation_failed");
    const issues = error.details?.issues as { path: string; code: string }[];
    expect(issues.map((i) => `${i.path}:${i.code}`).sort()).toEqual([
      "birthDate:invalid_date",
      "occupation:invalid_choice",
    ]);
  });
});
