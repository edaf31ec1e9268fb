import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../packages/node/src/seed/demo.ts";
import { auditLog, participants, rollupCells, signups } from "../../packages/shared/src/schema/index.ts";
import { AS } from "../support/app.ts";
import { signupGenerator, villagesOf } from "../support/signup-generator.ts";
import { expectNoNikInLogsOrUrls, type LiveHost, startLiveHost } from "./support/live-host.ts";
import { startLossyProxy } from "./support/lossy-proxy.ts";

const TABLETS = 50;
const PER_TABLET = 200;
const BATCH = 25;
const DROP_SHARE = 0.3;
const EVENT = DEMO_IDS.events.sosialisasiMadiun;

interface RecordResult {
  id: string;
  status: string;
  signup?: Record<string, unknown>;
}

let host: LiveHost;
beforeAll(async () => {
  host = await startLiveHost();
});
afterAll(async () => {
  await host?.close();
});

describe("an outreach day: 50 tablets syncing through a network that loses 30 % of answers", () => {
  it("stores exactly 10,000 sign-ups — none lost, none doubled — and every replay equals the original", async () => {
    const token = await host.login(AS.staffMadiun);
    const villages = await villagesOf(host.db, "357701");
    const proxy = await startLossyProxy(host.url, { dropShare: DROP_SHARE, seed: 20_261_122 });

    /** Every answer a tablet received per record, in order. */
    const seen = new Map<string, RecordResult[]>();
    let networkErrors = 0;
    let attempts = 0;

    const syncTablet = async (tablet: number) => {
      const next = signupGenerator(
        { eventId: EVENT, district: "357701", villages },
        { start: tablet * PER_TABLET },
      );
      const outbox = Array.from({ length: PER_TABLET }, () => next());
      for (let from = 0; from < outbox.length; from += BATCH) {
        const batch = outbox.slice(from, from + BATCH);
        // The tablet keeps its outbox until an answer arrives, and resends the same records.
        for (let attempt = 1; ; attempt++) {
          expect(attempt, "a batch that never gets through").toBeLessThan(40);
          attempts += 1;
          let res: Response;
          try {
            res = await host.request("/api/enrolment/signups/batch", {
              base: proxy.url,
              method: "POST",
              token,
              json: { records: batch },
            });
          } catch {
            networkErrors += 1;
            continue;
          }
          expect(res.status).toBe(200);
          const { results } = (await res.json()) as { results: RecordResult[] };
          for (const r of results) seen.set(r.id, [...(seen.get(r.id) ?? []), r]);
          const pending = results.filter((r) => r.status === "idempotency_in_progress");
          expect(
            results.filter((r) => !["created", "replayed", "idempotency_in_progress"].includes(r.status)),
          ).toEqual([]);
          if (pending.length === 0) break;
        }
      }
      return outbox.map((r) => r.id);
    };

    const ids = (await Promise.all(Array.from({ length: TABLETS }, (_, t) => syncTablet(t)))).flat();
    await proxy.close();
    expect(ids).toHaveLength(TABLETS * PER_TABLET);

    // The network really lost about 30 % of the answers, after the host had committed them.
    expect(networkErrors).toBe(proxy.dropped.length);
    expect(proxy.dropped.length / attempts).toBeGreaterThan(0.2);
    expect(proxy.dropped.length / attempts).toBeLessThan(0.4);
    const droppedCreates = new Map<string, RecordResult>();
    for (const d of proxy.dropped) {
      expect(d.status).toBe(200);
      for (const r of (JSON.parse(d.body) as { results: RecordResult[] }).results)
        if (r.status === "created") droppedCreates.set(r.id, r);
    }
    expect(droppedCreates.size).toBeGreaterThan(0);

    // Every record was created exactly once across all answers, delivered or lost.
    for (const id of ids) {
      const answers = seen.get(id) ?? [];
      const created = answers.filter((r) => r.status === "created").length + (droppedCreates.has(id) ? 1 : 0);
      expect(created, `record ${id} created`).toBe(1);
      // Replays carry the stored sign-up exactly as the original answer did.
      const original = droppedCreates.get(id) ?? answers.find((r) => r.status === "created");
      for (const replay of answers.filter((r) => r.status === "replayed"))
        expect(replay.signup).toEqual(original?.signup);
    }

    // The database holds each of them once, with one participant, one audit entry and one count.
    const count = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n;
    expect(
      await count(
        host.db.select({ n: sql<number>`count(*)` }).from(signups).where(eq(signups.eventId, EVENT)),
      ),
    ).toBe(10_000);
    let stored = 0;
    for (let i = 0; i < ids.length; i += 500) {
      stored += (await count(
        host.db
          .select({ n: sql<number>`count(*)` })
          .from(signups)
          .where(inArray(signups.id, ids.slice(i, i + 500))),
      )) as number;
    }
    expect(stored).toBe(10_000);
    expect(await count(host.db.select({ n: sql<number>`count(*)` }).from(participants))).toBe(10_000);
    expect(
      await count(
        host.db
          .select({ n: sql<number>`count(*)` })
          .from(auditLog)
          .where(eq(auditLog.action, "signup.created")),
      ),
    ).toBe(10_000);
    const [cell] = await host.db
      .select({ n: sql<number>`sum(${rollupCells.recorded})` })
      .from(rollupCells)
      .where(and(eq(rollupCells.scope, `event:${EVENT}`), eq(rollupCells.dim, "total")));
    expect(cell?.n).toBe(10_000);
  });

  it("logged every request without a NIK in any line or URL", () => {
    expectNoNikInLogsOrUrls(host);
  });
});
