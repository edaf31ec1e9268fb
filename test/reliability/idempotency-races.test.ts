import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../packages/node/src/seed/demo.ts";
import { participants, signups } from "../../packages/shared/src/schema/index.ts";
import { AS } from "../support/app.ts";
import { signupGenerator, villagesOf } from "../support/signup-generator.ts";
import { expectNoNikInLogsOrUrls, type LiveHost, startLiveHost } from "./support/live-host.ts";

let host: LiveHost;
let token: string;
let nextSignup: ReturnType<typeof signupGenerator>;
beforeAll(async () => {
  // Over HTTP to the database with 20 ms of network, as on Workers with Turso: two requests
  // sent together are both in flight at once.
  host = await startLiveHost({ remoteDatabase: { latencyMs: 20 } });
  token = await host.login(AS.staffMadiun);
  nextSignup = signupGenerator({
    eventId: DEMO_IDS.events.sosialisasiMadiun,
    district: "357701",
    villages: await villagesOf(host.db, "357701"),
  });
});
afterAll(async () => {
  await host?.close();
});

const post = (record: unknown) =>
  host.request("/api/enrolment/signups", { method: "POST", token, json: record });
const errorCode = async (res: Response) => ((await res.json()) as { error?: { code?: string } }).error?.code;
const rowsWithIds = async (ids: string[]) =>
  (await host.db.select({ n: sql<number>`count(*)` }).from(signups).where(inArray(signups.id, ids)))[0]?.n;
const participantCount = async () =>
  (await host.db.select({ n: sql<number>`count(*)` }).from(participants))[0]?.n ?? 0;

describe("the same key at the same time", () => {
  it("answers two parallel POSTs of one record with one 201 and one 409, and stores one row", async () => {
    const records = Array.from({ length: 20 }, () => nextSignup());
    const before = await participantCount();
    for (const record of records) {
      const answers = await Promise.all([post(record), post(record)]);
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses, `record ${record.id}`).toEqual([201, 409]);
      const conflict = answers.find((r) => r.status === 409) as Response;
      expect(await errorCode(conflict)).toBe("idempotency_in_progress");
      // The tablet retries the 409 later and gets the stored sign-up back.
      const retry = await post(record);
      expect(retry.status).toBe(200);
      expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
    }
    expect(await rowsWithIds(records.map((r) => r.id))).toBe(records.length);
    expect((await participantCount()) - before).toBe(records.length);
  });

  it("lets only one of two different payloads under one key win, in parallel or one after the other", async () => {
    const before = await participantCount();
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const record = nextSignup();
      const other = { ...record, address: "Jl. Pahlawan 12" };
      ids.push(record.id);
      const answers = await Promise.all([post(record), post(other)]);
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409]);
      // Later, the losing payload is refused for good: 409 id_conflict (or 422), never stored.
      const loser = answers[0]?.status === 201 ? other : record;
      const again = await post(loser);
      expect([409, 422]).toContain(again.status);
      expect(await errorCode(again)).toBe("id_conflict");
    }
    // One after the other: the key is taken by the first payload.
    const first = nextSignup();
    ids.push(first.id);
    expect((await post(first)).status).toBe(201);
    const changed = await post({ ...first, fullName: "Sutrisno Hadi" });
    expect([409, 422]).toContain(changed.status);
    expect(await errorCode(changed)).toBe("id_conflict");
    const [stored] = await host.db
      .select({ name: participants.fullName })
      .from(signups)
      .innerJoin(participants, eq(participants.id, signups.participantId))
      .where(eq(signups.id, first.id));
    expect(stored?.name).toBe(first.fullName);

    expect(await rowsWithIds(ids)).toBe(ids.length);
    expect((await participantCount()) - before).toBe(ids.length);
  });

  it("answers a key sent in a batch and alone at the same time once as created", async () => {
    const batch = Array.from({ length: 200 }, () => nextSignup());
    const shared = batch[150] as (typeof batch)[number];
    const [batchRes, singleRes] = await Promise.all([
      host.request("/api/enrolment/signups/batch", { method: "POST", token, json: { records: batch } }),
      post(shared),
    ]);
    expect(batchRes.status).toBe(200);
    const { results } = (await batchRes.json()) as { results: { id: string; status: string }[] };
    const inBatch = results.find((r) => r.id === shared.id)?.status;
    const created = [inBatch === "created", singleRes.status === 201].filter(Boolean).length;
    expect(created).toBe(1);
    expect(results.filter((r) => r.id !== shared.id).every((r) => r.status === "created")).toBe(true);
    expect(await rowsWithIds(batch.map((r) => r.id))).toBe(
      results.filter((r) => r.status === "created").length + (singleRes.status === 201 ? 1 : 0),
    );
  });

  it("on the embedded file, where the host may take the two one after the other, still stores one row", async () => {
    const embedded = await startLiveHost();
    try {
      const staff = await embedded.login(AS.staffMadiun);
      const next = signupGenerator(
        {
          eventId: DEMO_IDS.events.sosialisasiMadiun,
          district: "357701",
          villages: await villagesOf(embedded.db, "357701"),
        },
        { start: 50_000 },
      );
      for (let i = 0; i < 20; i++) {
        const record = next();
        const send = () =>
          embedded.request("/api/enrolment/signups", { method: "POST", token: staff, json: record });
        const answers = await Promise.all([send(), send()]);
        const statuses = answers.map((r) => r.status).sort();
        // Overlapping: 201 and 409 idempotency_in_progress; one after the other: 201 and a 200 replay.
        expect([JSON.stringify([201, 409]), JSON.stringify([200, 201])]).toContain(JSON.stringify(statuses));
        const [row] = await embedded.db
          .select({ n: sql<number>`count(*)` })
          .from(signups)
          .where(eq(signups.id, record.id));
        expect(row?.n).toBe(1);
      }
      expectNoNikInLogsOrUrls(embedded);
    } finally {
      await embedded.close();
    }
  });

  it("logged every request without a NIK in any line or URL", () => {
    expectNoNikInLogsOrUrls(host);
  });
});
