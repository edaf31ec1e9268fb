import { describe, expect, it } from "vitest";
import {
  asOfMonth,
  computeProgress,
  eventInYear,
  type ProgressInput,
} from "../../../workers/targets/src/progress/compute.ts";

const input = (over: Partial<ProgressInput> = {}): ProgressInput => ({
  year: 2021,
  asOf: "2021-11",
  target: { value: 15_030, potential: null, startingParticipants: null, monthlySplit: null },
  imported: 0,
  signupsByMonth: {},
  baselineTotal: null,
  ...over,
});

describe("asOfMonth", () => {
  it("is December for a past year, this month for this year, null for a future one", () => {
    expect(asOfMonth(2021, "2026-06")).toBe("2021-12");
    expect(asOfMonth(2026, "2026-06")).toBe("2026-06");
    expect(asOfMonth(2027, "2026-06")).toBeNull();
  });

  it("takes a month asked for only inside the year, naming the field otherwise", () => {
    expect(asOfMonth(2021, "2026-06", "2021-11")).toBe("2021-11");
    expect(() => asOfMonth(2021, "2026-06", "2022-01")).toThrowError(
      expect.objectContaining({ details: { issues: [expect.objectContaining({ path: "asOf" })] } }),
    );
  });
});

describe("computeProgress", () => {
  it("counts sign-ups month by month, only up to the as-of month", () => {
    const p = computeProgress(
      input({ signupsByMonth: { "2021-03": 10, "2021-11": 5, "2021-12": 99, "2020-12": 7 } }),
    );
    expect(p.signups).toBe(15);
    expect(p.monthly[10]).toEqual({ month: "2021-11", signups: 5, reached: 15, targetPath: 13_778 });
    expect(p.monthly[11]).toMatchObject({ signups: 99, reached: null, targetPath: 15_030 });
  });

  it("adds an imported total and the opening stock to what is reached", () => {
    const p = computeProgress(
      input({
        imported: 100,
        signupsByMonth: { "2021-02": 20 },
        target: { value: 1_000, potential: 10_000, startingParticipants: 500, monthlySplit: null },
      }),
    );
    expect(p).toMatchObject({ opening: 500, imported: 100, signups: 20, reached: 620 });
    expect(p.coverage?.percent).toBe(6.2);
    // The path climbs from the opening stock to the target.
    expect(p.monthly[0]?.targetPath).toBe(500 + Math.round(500 / 12));
    expect(p.monthly[11]?.targetPath).toBe(1_000);
    // Run rate and projection count what was gained this year, not the stock carried in.
    expect(p.runRate).toBeCloseTo(120 / 11, 9);
    expect(p.projection).toBe(500 + Math.round((120 / 11) * 12));
  });

  it("gives no achievement, coverage or gap without a target", () => {
    const p = computeProgress(input({ target: null, signupsByMonth: { "2021-01": 3 } }));
    expect(p).toMatchObject({
      target: null,
      achievement: null,
      coverage: null,
      gapPerMonth: null,
      reached: 3,
    });
    expect(p.monthly.every((m) => m.targetPath === null)).toBe(true);
  });

  it("spreads the whole target over twelve months for a year not begun", () => {
    const p = computeProgress(input({ year: 2030, asOf: null }));
    expect(p).toMatchObject({ signups: 0, runRate: null, projection: null, remainingMonths: null });
    expect(p.gapPerMonth).toBe(Math.ceil(15_030 / 12));
  });

  it("falls back to an even path when a stored split is unusable", () => {
    const p = computeProgress(
      input({ target: { value: 1_200, potential: null, startingParticipants: null, monthlySplit: [0, 0] } }),
    );
    expect(p.monthly.map((m) => m.targetPath)).toEqual([
      100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200,
    ]);
  });

  it("reports no gap once the target is met, and none left in December", () => {
    expect(computeProgress(input({ imported: 17_189 })).gapPerMonth).toBe(0);
    expect(computeProgress(input({ asOf: "2021-12", imported: 100 })).gapPerMonth).toBeNull();
  });
});

describe("eventInYear", () => {
  const e = { id: "e1", startsAt: "2025-12-31T18:00:00.000Z", timeZone: "WIB" as const };
  it("places an event by its local date", () => {
    // 01:00 WIB on 1 January 2026.
    expect(eventInYear(e, 2026, [])).toBe(true);
    expect(eventInYear({ ...e, timeZone: "WIB" }, 2025, [])).toBe(false);
  });
  it("keeps a December event in the next year's view when its sign-ups were counted then", () => {
    const dec = { ...e, startsAt: "2025-12-10T02:00:00.000Z" };
    const cell = {
      scope: "event:e1",
      month: "2026-01",
      dim: "total",
      key: "",
      recorded: 3,
      verified: 0,
      registered: 0,
      rejected: 0,
    };
    expect(eventInYear(dec, 2026, [cell])).toBe(true);
    expect(eventInYear(dec, 2026, [{ ...cell, scope: "event:e2" }])).toBe(false);
  });
});
