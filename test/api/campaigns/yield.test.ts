import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../../packages/node/src/seed/demo.ts";
import { AS, createTestApp, type TestApp } from "../../support/app.ts";
import { insertSignups } from "../../support/signup-fixtures.ts";
import { client, ok } from "./helpers.ts";

interface Detail {
  signups: {
    total: number;
    byOccupation: { key: string; count: number }[];
    byPayer: { key: string; count: number }[];
  };
  yield: {
    signups: number;
    targetSignups: number;
    achievement: number | null;
    costPerSignup: number | null;
    costBasis: string | null;
    signupsPerAttendee: number | null;
  };
}

const E = DEMO_IDS.events;
let t: TestApp;
let api: ReturnType<typeof client>;
let manager: string;
beforeAll(async () => {
  t = await createTestApp();
  api = client(t);
  manager = await t.login(AS.managerBlitar);
  // The Blitar jemput bola (target 100, 131 attended, cost Rp7,200,000): 72 live sign-ups
  // over two months — pedagang 40, penjahit 20, tukang becak 12; 50 self-paid, 22 paguyuban —
  // and 6 rejected ones that must not count.
  const at = (n: number, month: string, occupation: string, payer: "self" | "paguyuban") =>
    Array.from({ length: n }, () => ({ eventId: E.jemputBolaBlitar, signupMonth: month, occupation, payer }));
  await insertSignups(t.db, t.env, [
    ...at(30, "2026-01", "pedagang", "self"),
    ...at(10, "2026-02", "pedagang", "paguyuban"),
    ...at(20, "2026-01", "penjahit", "self"),
    ...at(12, "2026-02", "tukang_becak", "paguyuban").map((s, i) => ({
      ...s,
      status: i < 4 ? ("verified" as const) : ("registered" as const),
    })),
    ...at(6, "2026-01", "pedagang", "self").map((s) => ({ ...s, status: "rejected" as const })),
  ]);
});

describe("event yield and the post-event report figures come from the rollup cells", () => {
  it("counts live sign-ups by occupation and by payer, summed over months", async () => {
    const d = await ok<Detail>(await api.get(`/api/events/${E.jemputBolaBlitar}`, manager));
    expect(d.signups.total).toBe(72);
    expect(d.signups.byOccupation).toEqual([
      { key: "pedagang", count: 40 },
      { key: "penjahit", count: 20 },
      { key: "tukang_becak", count: 12 },
    ]);
    expect(d.signups.byPayer).toEqual([
      { key: "self", count: 50 },
      { key: "paguyuban", count: 22 },
    ]);
  });

  it("measures sign-ups against target, cost per sign-up and sign-ups per attendee", async () => {
    const d = await ok<Detail>(await api.get(`/api/events/${E.jemputBolaBlitar}`, manager));
    expect(d.yield).toEqual({
      signups: 72,
      targetSignups: 100,
      achievement: 0.72,
      costPerSignup: 100_000, // Rp7,200,000 / 72
      costBasis: "actual",
      signupsPerAttendee: 72 / 131,
    });
  });

  it("shows the live count in the event list and the campaign's total", async () => {
    const list = await ok<{ id: string; liveSignups: number }[]>(
      await api.get("/api/events?office=kc-blitar", manager),
    );
    expect(list.find((e) => e.id === E.jemputBolaBlitar)?.liveSignups).toBe(72);
    expect(list.find((e) => e.id === E.jemputBolaTulungagung)?.liveSignups).toBe(0);
    const campaign = await ok<{ liveSignups: number; achievement: number }>(
      await api.get(`/api/campaigns/${DEMO_IDS.campaigns.blitar}`, manager),
    );
    expect(campaign.liveSignups).toBe(72);
    expect(campaign.achievement).toBeCloseTo(72 / 350);
  });

  it("has no yield ratios for an event without sign-ups", async () => {
    const d = await ok<Detail>(await api.get(`/api/events/${E.jemputBolaTulungagung}`, manager));
    expect(d.yield).toMatchObject({ signups: 0, achievement: 0, costPerSignup: null, signupsPerAttendee: 0 });
  });
});
