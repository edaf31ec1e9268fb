import { describe, expect, it } from "vitest";
import {
  achievement,
  coverage,
  gapPerRemainingMonth,
  growthOverBaseline,
  growthTarget,
  monthlyRunRate,
  projectYearEnd,
  remainingMonthsInYear,
  targetPath,
} from "../../../packages/shared/src/domain/achievement/index.ts";

describe("achievement", () => {
  it("reproduces Blitar 2021: 17,189 reached of 15,030 → 114 %", () => {
    const result = achievement(17_189, 15_030);
    expect(result).not.toBeNull();
    expect(result!.ratio).toBeCloseTo(1.1436, 4);
    expect(result!.percent).toBe(114.36);
    expect(result!.wholePercent).toBe(114);
  });

  it("does not round 99.6 % up to a met target", () => {
    expect(achievement(996, 1_000)).toMatchObject({ percent: 99.6, wholePercent: 99 });
  });

  it("shows exact hits exactly, despite floating point", () => {
    expect(achievement(114, 100)!.wholePercent).toBe(114);
    expect(achievement(57, 50)!.wholePercent).toBe(114);
    expect(achievement(15_030, 15_030)).toMatchObject({ ratio: 1, percent: 100, wholePercent: 100 });
  });

  it("returns null for a zero target instead of Infinity", () => {
    expect(achievement(10, 0)).toBeNull();
    expect(achievement(0, 0)).toBeNull();
    expect(achievement(0, 10)).toMatchObject({ ratio: 0, percent: 0, wholePercent: 0 });
  });
});

describe("coverage", () => {
  it("reproduces Sumbagsel: 48,858 BPU participants → 3.63 % of the potential", () => {
    // The seed's "1.34 million" is rounded; 3.63 % was computed on the unrounded potential.
    expect(coverage(48_858, 1_345_000)!.percent).toBe(3.63);
    // On exactly 1,340,000 the same count is 3.65 %, which the dashboard must show as such.
    expect(coverage(48_858, 1_340_000)!.percent).toBe(3.65);
  });

  it("returns null for a zero potential", () => {
    expect(coverage(48_858, 0)).toBeNull();
  });
});

describe("growth", () => {
  it("sets Malang's target at +30 % over its 2019 BPU baseline of 22,761", () => {
    expect(growthTarget(22_761, 30)).toBe(29_590);
  });

  it("rounds up to whole people, without floating-point overshoot", () => {
    expect(growthTarget(100, 30)).toBe(130);
    expect(growthTarget(10, 15)).toBe(12);
    expect(growthTarget(200, 12.5)).toBe(225);
    expect(growthTarget(0, 30)).toBe(0);
    expect(growthTarget(1_000, -10)).toBe(900);
  });

  it("measures growth over the baseline (Malang target → +30 %)", () => {
    expect(growthOverBaseline(29_590, 22_761)!.percent).toBe(30);
    expect(growthOverBaseline(22_761, 22_761)).toMatchObject({ ratio: 0, percent: 0 });
    expect(growthOverBaseline(18_000, 20_000)!.percent).toBe(-10);
    expect(growthOverBaseline(5, 0)).toBeNull();
  });
});

describe("run rate and projection", () => {
  it("averages sign-ups per month from January through the as-of month", () => {
    const reached = { "2021-01": 1_000, "2021-02": 2_000, "2021-03": 3_000, "2021-04": 9_999 };
    expect(monthlyRunRate(reached, "2021-03")).toBe(2_000);
  });

  it("counts missing months as zero and ignores other years", () => {
    expect(monthlyRunRate({ "2020-12": 5_000, "2021-02": 400 }, "2021-04")).toBe(100);
    expect(monthlyRunRate({}, "2021-01")).toBe(0);
  });

  it("projects Blitar's 17,189 by November linearly to 18,752 in December", () => {
    expect(projectYearEnd(17_189, "2021-11")).toBe(18_752);
    expect(projectYearEnd(17_189, "2021-12")).toBe(17_189);
    expect(projectYearEnd(100, "2021-01")).toBe(1_200);
  });

  it("counts the months left after the as-of month", () => {
    expect(remainingMonthsInYear("2021-11")).toBe(1);
    expect(remainingMonthsInYear("2021-12")).toBe(0);
    expect(remainingMonthsInYear("2021-01")).toBe(11);
  });

  it("spreads the remaining gap over the remaining months, rounding up", () => {
    expect(gapPerRemainingMonth(15_030, 12_000, 3)).toBe(1_010);
    expect(gapPerRemainingMonth(10, 9, 4)).toBe(1);
  });

  it("needs nothing more once the target is met, and has no answer when time ran out", () => {
    expect(gapPerRemainingMonth(15_030, 17_189, 1)).toBe(0);
    expect(gapPerRemainingMonth(15_030, 17_189, 0)).toBe(0);
    expect(gapPerRemainingMonth(15_030, 15_000, 0)).toBeNull();
  });
});

describe("targetPath", () => {
  it("splits a target evenly into a cumulative path ending at the target", () => {
    const path = targetPath(15_030);
    expect(path).toHaveLength(12);
    expect(path[0]).toBe(1_253);
    expect(path[5]).toBe(7_515);
    expect(path[11]).toBe(15_030);
    for (let i = 1; i < 12; i++) expect(path[i]!).toBeGreaterThanOrEqual(path[i - 1]!);
  });

  it("uses absolute monthly targets as given when they sum to the target", () => {
    const split = [100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 900];
    expect(targetPath(2_000, split)).toEqual([
      100, 200, 300, 400, 500, 600, 700, 800, 900, 1_000, 1_100, 2_000,
    ]);
  });

  it("treats other splits as weights", () => {
    const halfInDecember = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 11];
    expect(targetPath(1_100, halfInDecember)).toEqual([
      50, 100, 150, 200, 250, 300, 350, 400, 450, 500, 550, 1_100,
    ]);
    const quarterly = [0, 0, 25, 0, 0, 25, 0, 0, 25, 0, 0, 25];
    expect(targetPath(15_030, quarterly)).toEqual([
      0, 0, 3_758, 3_758, 3_758, 7_515, 7_515, 7_515, 11_273, 11_273, 11_273, 15_030,
    ]);
  });

  it("handles small targets without decreasing steps", () => {
    const path = targetPath(5);
    expect(path.at(-1)).toBe(5);
    for (let i = 1; i < 12; i++) expect(path[i]!).toBeGreaterThanOrEqual(path[i - 1]!);
  });

  it.each([
    [[1, 2, 3], "invalid_split"],
    [new Array(12).fill(0), "invalid_split"],
    [[...new Array(11).fill(1), -1], "invalid_split"],
    [[...new Array(11).fill(1), Number.NaN], "invalid_split"],
  ])("rejects the split %j", (split, code) => {
    expect(() => targetPath(1_000, split)).toThrowError(expect.objectContaining({ code }));
  });

  it("rejects a negative or fractional target", () => {
    expect(() => targetPath(-1)).toThrowError(expect.objectContaining({ code: "invalid_count" }));
    expect(() => targetPath(10.5)).toThrowError(expect.objectContaining({ code: "invalid_count" }));
  });
});
