import { inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { dbFor } from "../../../packages/shared/src/db/index.ts";
import { auditLog, signups, users } from "../../../packages/shared/src/schema/index.ts";
import { AS, createTestApp, type TestApp } from "../../support/app.ts";
import { blitarRecord, errorOf, madiunRecord } from "./records.ts";

/**
 * Single sign-up POSTs that arrive together on the Node host are committed together
 * (workers/enrolment/src/signups/group-commit.ts) — and each request still gets exactly the
 * answer it would have got alone.
 */
let t: TestApp;
let staff: string;
let manager: string;
/** Write transactions the app's database client ran since the last reset. */
let writes = 0;

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.login(AS.staffMadiun);
  manager = await t.login(AS.managerJatim);
  // The app's workers share this client (one per URL per process): count its write batches.
  const client = dbFor(t.env.TURSO_DATABASE_URL).$client;
  const batch = client.batch.bind(client);
  client.batch = ((stmts: Parameters<typeof batch>[0], mode?: Parameters<typeof batch>[1]) => {
    if (mode === "write") writes += 1;
    return batch(stmts, mode);
  }) as typeof client.batch;
});

const post = (token: string, record: unknown, requestId?: string) =>
  t.request("/api/enrolment/signups", {
    method: "POST",
    token,
    json: record,
    ...(requestId ? { headers: { "X-Request-Id": requestId } } : {}),
  });

describe("single sign-ups committed together", () => {
  it("answers 20 concurrent POSTs each with its own 201 and audit entry, in far fewer write transactions", async () => {
    const records = Array.from({ length: 20 }, () => madiunRecord());
    writes = 0;
    const responses = await Promise.all(records.map((r, i) => post(staff, r, `group-test-${i}`)));
    expect(responses.map((r) => r.status)).toEqual(records.map(() => 201));
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { signup: { id: string } }[];
    expect(bodies.map((b) => b.signup.id)).toEqual(records.map((r) => r.id));
    expect(writes).toBeGreaterThanOrEqual(1);
    expect(writes).toBeLessThanOrEqual(2);

    const stored = await t.db
      .select({ id: signups.id })
      .from(signups)
      .where(
        inArray(
          signups.id,
          records.map((r) => r.id),
        ),
      );
    expect(stored).toHaveLength(20);
    const audits = await t.db
      .select({ entityId: auditLog.entityId, requestId: auditLog.requestId })
      .from(auditLog)
      .where(
        inArray(
          auditLog.entityId,
          records.map((r) => r.id),
        ),
      );
    expect(new Map(audits.map((a) => [a.entityId, a.requestId]))).toEqual(
      new Map(records.map((r, i) => [r.id, `group-test-${i}`])),
    );
  });

  it("fails a bad record alone: the others of the same turn are stored", async () => {
    const good = [madiunRecord(), madiunRecord(), madiunRecord()];
    const invalid = madiunRecord({ phone: "12" });
    const forbidden = blitarRecord(); // petugas.madiun is not assigned to the Blitar event
    const [a, b, c, bad, elsewhere] = await Promise.all(
      [...good, invalid, forbidden].map((r) => post(staff, r)),
    );
    expect([a?.status, b?.status, c?.status]).toEqual([201, 201, 201]);
    expect(bad?.status).toBe(400);
    const badError = await errorOf(bad as Response);
    expect(badError.code).toBe("validation_failed");
    expect(JSON.stringify(badError.details)).toContain("phone");
    expect(elsewhere?.status).toBe(403);
    expect((await errorOf(elsewhere as Response)).code).toBe("event_forbidden");
  });

  it("tells the second of two UUIDs with one NIK which sign-up has it, without an index into the group", async () => {
    const first = madiunRecord();
    const second = madiunRecord({ nik: first.nik, birthDate: first.birthDate, sex: first.sex });
    const [one, two] = await Promise.all([post(staff, first), post(staff, second)]);
    expect(one?.status).toBe(201);
    expect(two?.status).toBe(409);
    const error = await errorOf(two as Response);
    expect(error.code).toBe("duplicate_nik");
    const duplicate = (error.details as { duplicate: Record<string, unknown> }).duplicate;
    expect(duplicate).toMatchObject({ sameScope: true, signupId: first.id });
    expect(duplicate.eventTitle).toEqual(expect.any(String));
    expect(duplicate).not.toHaveProperty("inBatchIndex");
  });

  it("answers the same UUID twice in one turn with one 201 and one 409 idempotency_in_progress", async () => {
    const record = madiunRecord();
    const [one, two] = await Promise.all([post(staff, record), post(staff, record)]);
    expect([one?.status, two?.status].sort()).toEqual([201, 409]);
    const loser = one?.status === 409 ? one : two;
    expect((await errorOf(loser as Response)).code).toBe("idempotency_in_progress");
    const again = await post(staff, record);
    expect(again.status).toBe(200);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
  });

  it("keeps each caller's sign-ups under their own name when two callers post in one turn", async () => {
    const byStaff = madiunRecord();
    const byManager = madiunRecord();
    const [s, m] = await Promise.all([post(staff, byStaff), post(manager, byManager)]);
    expect([s?.status, m?.status]).toEqual([201, 201]);
    const rows = await t.db
      .select({ id: signups.id, recordedBy: signups.recordedBy })
      .from(signups)
      .where(inArray(signups.id, [byStaff.id, byManager.id]));
    const emails = await t.db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(inArray(users.email, [AS.staffMadiun, AS.managerJatim]));
    const userId = new Map(emails.map((u) => [u.email, u.id]));
    expect(new Map(rows.map((r) => [r.id, r.recordedBy]))).toEqual(
      new Map([
        [byStaff.id, userId.get(AS.staffMadiun)],
        [byManager.id, userId.get(AS.managerJatim)],
      ]),
    );
  });
});
