import { describe, expect, it } from "vitest";
import { MIN_COUNT, shown, suppressParts } from "../../../workers/targets/src/partner/suppression.ts";

describe("small-count suppression", () => {
  it("hides any count below 5", () => {
    expect(MIN_COUNT).toBe(5);
    for (const n of [0, 1, 4]) expect(shown(n)).toEqual({ count: null, suppressed: true });
    expect(shown(5)).toEqual({ count: 5, suppressed: false });
  });

  it("hides a second part when one hidden part could be worked out from the total", () => {
    const out = suppressParts([
      { key: "self", count: 14 },
      { key: "paguyuban", count: 6 },
      { key: "csr", count: 3 },
    ]);
    expect(out.map((p) => [p.key, p.count])).toEqual([
      ["self", 14],
      ["paguyuban", null],
      ["csr", null],
    ]);
    // The companion is 5 or more: it is marked as such, never passed off as "< 5".
    expect(out.map((p) => p.companion ?? false)).toEqual([false, true, false]);
  });

  it("needs no second part when two are already hidden, or when the total is hidden too", () => {
    expect(suppressParts([{ count: 20 }, { count: 3 }, { count: 2 }]).map((p) => p.count)).toEqual([
      20,
      null,
      null,
    ]);
    expect(suppressParts([{ count: 3 }]).map((p) => p.count)).toEqual([null]);
    expect(suppressParts([{ count: 2 }, { count: 1 }]).map((p) => p.suppressed)).toEqual([true, true]);
  });

  it("leaves a breakdown with nothing small alone, keeping every other field", () => {
    expect(
      suppressParts([
        { month: "2026-01", count: 9 },
        { month: "2026-02", count: 5 },
      ]),
    ).toEqual([
      { month: "2026-01", count: 9, suppressed: false },
      { month: "2026-02", count: 5, suppressed: false },
    ]);
  });

  it("never lets the hidden parts be recovered by subtraction", () => {
    // Brute force over small breakdowns: if the total is shown, at least two parts are hidden or none.
    for (let a = 0; a < 8; a++)
      for (let b = 1; b < 8; b++)
        for (let c = 1; c < 8; c++) {
          const out = suppressParts([{ count: a }, { count: b }, { count: c }]);
          const hidden = out.filter((p) => p.suppressed).length;
          if (a + b + c >= MIN_COUNT) expect(hidden === 0 || hidden >= 2).toBe(true);
        }
  });
});
