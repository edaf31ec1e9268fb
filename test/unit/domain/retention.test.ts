import { describe, expect, it } from "vitest";
import {
  addMonths,
  cohortRetention,
  monthInTimeZone,
  monthsBetween,
  type PaymentHistory,
  participantStatus,
  retainedAt,
  suppressFunnelStages,
} from "../../../packages/shared/src/domain/retention/index.ts";

/** `count` consecutive months starting at `from`. */
function months(from: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(from, i));
}

function status(history: Partial<PaymentHistory> & Pick<PaymentHistory, "asOfMonth">) {
  return participantStatus({ signupMonth: "2025-10", paidMonths: [], ...history });
}

describe("month arithmetic", () => {
  it("adds months across the year boundary, both ways", () => {
    expect(addMonths("2025-12", 1)).toBe("2026-01");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2025-11", 14)).toBe("2027-01");
    expect(addMonths("2026-03", -27)).toBe("2023-12");
    expect(addMonths("2026-03", 0)).toBe("2026-03");
  });

  it("counts signed months between two months", () => {
    expect(monthsBetween("2025-11", "2026-02")).toBe(3);
    expect(monthsBetween("2026-02", "2025-11")).toBe(-3);
    expect(monthsBetween("2025-12", "2025-12")).toBe(0);
  });

  it("rejects malformed months and fractional steps", () => {
    expect(() => addMonths("2025-13", 1)).toThrowError(expect.objectContaining({ code: "invalid_month" }));
    expect(() => addMonths("2025-1", 1)).toThrowError(expect.objectContaining({ code: "invalid_month" }));
    expect(() => addMonths("2025-01", 1.5)).toThrowError(expect.objectContaining({ code: "invalid_month" }));
  });
});

describe("monthInTimeZone", () => {
  it("moves month boundaries with the participant's zone", () => {
    const instant = new Date("2026-01-31T17:30:00Z");
    expect(monthInTimeZone(instant, "WIB")).toBe("2026-02");
    expect(monthInTimeZone("2026-01-31T16:59:59Z", "WIB")).toBe("2026-01");
    expect(monthInTimeZone("2026-01-31T16:00:00Z", "WITA")).toBe("2026-02");
    expect(monthInTimeZone("2026-01-31T14:59:59Z", "WIT")).toBe("2026-01");
    expect(monthInTimeZone("2026-01-31T15:00:00Z", "WIT")).toBe("2026-02");
  });

  it("crosses into the new year in the east first", () => {
    expect(monthInTimeZone("2025-12-31T15:30:00Z", "WIT")).toBe("2026-01");
    expect(monthInTimeZone("2025-12-31T15:30:00Z", "WIB")).toBe("2025-12");
  });
});

describe("participantStatus", () => {
  it("is registered right after sign-up, before any payment", () => {
    expect(status({ asOfMonth: "2025-10" })).toMatchObject({
      status: "registered",
      paidThrough: null,
      monthsBehind: 1,
      periodStart: null,
    });
    expect(status({ asOfMonth: "2025-12" })).toMatchObject({ status: "registered", monthsBehind: 3 });
  });

  it("is never_paid after more than 3 months without a payment", () => {
    expect(status({ asOfMonth: "2026-01" })).toMatchObject({ status: "never_paid", monthsBehind: 4 });
  });

  it("is active when paid through the current month, across December → January", () => {
    const result = status({ paidMonths: months("2025-10", 4), asOfMonth: "2026-01" });
    expect(result).toMatchObject({
      status: "active",
      paidThrough: "2026-01",
      monthsBehind: 0,
      periodStart: "2025-10",
    });
  });

  it("counts months paid ahead", () => {
    const result = status({ paidMonths: months("2025-10", 12), asOfMonth: "2026-01" });
    expect(result).toMatchObject({ status: "active", paidThrough: "2026-09", monthsBehind: 0 });
  });

  it("accepts paid months in any order and with duplicates", () => {
    const result = status({ paidMonths: ["2025-12", "2025-10", "2025-11", "2025-11"], asOfMonth: "2025-12" });
    expect(result).toMatchObject({ status: "active", paidThrough: "2025-12" });
  });

  describe("arrears and lapse", () => {
    const paid = months("2025-10", 3); // October – December 2025

    it.each([
      ["2026-01", "in_arrears", 1],
      ["2026-02", "in_arrears", 2],
      ["2026-03", "in_arrears", 3],
      ["2026-04", "lapsed", 4],
      ["2026-09", "lapsed", 9],
    ])("as of %s → %s, %i month(s) behind", (asOfMonth, expected, behind) => {
      expect(status({ paidMonths: paid, asOfMonth })).toMatchObject({
        status: expected,
        paidThrough: "2025-12",
        monthsBehind: behind,
      });
    });

    it("is in arrears, not active, when an older month is paid but the latest is not", () => {
      expect(status({ paidMonths: ["2025-10"], asOfMonth: "2025-11" }).status).toBe("in_arrears");
    });

    it("treats a paid arrears gap as one continuous period", () => {
      const result = status({ paidMonths: ["2025-10", "2026-02", "2026-03"], asOfMonth: "2026-03" });
      expect(result).toMatchObject({
        status: "active",
        resumed: false,
        previousLapses: 0,
        periodStart: "2025-10",
      });
    });
  });

  describe("resumption with the same NIK", () => {
    it("makes a lapsed participant active again with a new payment, as a new period", () => {
      const paidMonths = [...months("2025-01", 2), "2025-09"];
      const result = status({ signupMonth: "2025-01", paidMonths, asOfMonth: "2025-09" });
      expect(result).toMatchObject({
        status: "active",
        paidThrough: "2025-09",
        monthsBehind: 0,
        periodStart: "2025-09",
        resumed: true,
        previousLapses: 1,
      });
    });

    it("splits periods at exactly 4 unpaid months but not at 3", () => {
      const threeGap = status({
        signupMonth: "2025-01",
        paidMonths: ["2025-01", "2025-05"],
        asOfMonth: "2025-05",
      });
      expect(threeGap).toMatchObject({ resumed: false, periodStart: "2025-01" });
      const fourGap = status({
        signupMonth: "2025-01",
        paidMonths: ["2025-01", "2025-06"],
        asOfMonth: "2025-06",
      });
      expect(fourGap).toMatchObject({ resumed: true, periodStart: "2025-06" });
    });

    it("ignores months paid only after the as-of month", () => {
      const result = status({ paidMonths: ["2025-10", "2026-06"], asOfMonth: "2026-02" });
      expect(result).toMatchObject({ status: "lapsed", paidThrough: "2025-10", monthsBehind: 4 });
    });
  });

  describe("sponsored premiums", () => {
    // A bank pays six months, October 2025 – March 2026.
    const sponsored = { signupMonth: "2025-10", paidMonths: months("2025-10", 6), sponsoredUntil: "2026-03" };

    it("warns when the sponsorship ends within 30 days", () => {
      expect(status({ ...sponsored, asOfMonth: "2026-03", today: "2026-03-10" })).toMatchObject({
        status: "active",
        sponsorship: "sponsored",
        sponsorEndingWithinDays: 21,
      });
      expect(
        status({ ...sponsored, asOfMonth: "2026-03", today: "2026-03-31" }).sponsorEndingWithinDays,
      ).toBe(0);
    });

    it("says nothing while the end is further away than the window", () => {
      const result = status({ ...sponsored, asOfMonth: "2026-02", today: "2026-02-15" });
      expect(result.sponsorEndingWithinDays).toBeUndefined();
      expect(
        status({ ...sponsored, asOfMonth: "2026-02", today: "2026-02-15", sponsorWarningDays: 60 }),
      ).toMatchObject({ sponsorEndingWithinDays: 44 });
    });

    it("defaults `today` to the first day of the as-of month", () => {
      expect(status({ ...sponsored, asOfMonth: "2026-03" }).sponsorEndingWithinDays).toBe(30);
    });

    it("flags workers who stopped paying when the sponsor stopped", () => {
      expect(status({ ...sponsored, asOfMonth: "2026-04" })).toMatchObject({
        status: "in_arrears",
        sponsorship: "ended",
        stoppedWhenSponsorshipEnded: true,
      });
      expect(status({ ...sponsored, asOfMonth: "2026-08" })).toMatchObject({
        status: "lapsed",
        stoppedWhenSponsorshipEnded: true,
      });
    });

    it("does not flag workers who switched to self-pay", () => {
      const selfPay = { ...sponsored, paidMonths: months("2025-10", 8) };
      expect(status({ ...selfPay, asOfMonth: "2026-05" })).toMatchObject({
        status: "active",
        sponsorship: "ended",
        stoppedWhenSponsorshipEnded: false,
      });
      expect(status({ ...selfPay, asOfMonth: "2026-05" }).sponsorEndingWithinDays).toBeUndefined();
    });

    it("reports no sponsorship when none is given", () => {
      expect(status({ asOfMonth: "2025-10" })).toMatchObject({
        sponsoredUntil: null,
        sponsorship: "none",
        stoppedWhenSponsorshipEnded: false,
      });
    });
  });

  it("rejects an as-of month before sign-up and malformed months", () => {
    expect(() => status({ asOfMonth: "2025-09" })).toThrowError(
      expect.objectContaining({ code: "as_of_before_signup" }),
    );
    expect(() => status({ asOfMonth: "2025-10", paidMonths: ["2025/10"] })).toThrowError(
      expect.objectContaining({ code: "invalid_month" }),
    );
  });
});

describe("retention", () => {
  const paidThree = months("2025-11", 3); // November 2025 – January 2026

  it("counts a participant retained at k when month signup + k is paid", () => {
    expect(retainedAt("2025-11", paidThree, 2, "2026-06")).toBe(true); // January 2026
    expect(retainedAt("2025-11", paidThree, 3, "2026-06")).toBe(false); // February 2026
    expect(retainedAt("2025-11", months("2025-11", 13), 12, "2026-11")).toBe(true);
  });

  it("returns null until month signup + k has come", () => {
    expect(retainedAt("2025-11", paidThree, 3, "2026-01")).toBeNull();
    expect(retainedAt("2025-11", paidThree, 3, "2026-02")).toBe(false);
  });

  it("counts a resumed participant as retained at k", () => {
    expect(retainedAt("2025-01", ["2025-01", "2025-07"], 6, "2025-12")).toBe(true);
  });

  it("rejects non-positive or fractional horizons", () => {
    for (const k of [0, -3, 1.5]) {
      expect(() => retainedAt("2025-11", paidThree, k, "2026-06")).toThrowError(
        expect.objectContaining({ code: "invalid_horizon" }),
      );
    }
  });

  it("builds a cohort curve at 3, 6 and 12 months over those observable", () => {
    const cohort = [
      { signupMonth: "2025-01", paidMonths: months("2025-01", 2) }, // stopped after two months
      { signupMonth: "2025-01", paidMonths: months("2025-01", 7) },
      { signupMonth: "2025-01", paidMonths: months("2025-01", 13) },
      { signupMonth: "2025-09", paidMonths: months("2025-09", 5) }, // too recent for 6 and 12
    ];
    expect(cohortRetention(cohort, [3, 6, 12], "2026-01")).toEqual([
      { k: 3, observed: 4, retained: 3, rate: 0.75 },
      { k: 6, observed: 3, retained: 2, rate: 2 / 3 },
      { k: 12, observed: 3, retained: 1, rate: 1 / 3 },
    ]);
    expect(cohortRetention([], [3], "2026-01")).toEqual([{ k: 3, observed: 0, retained: 0, rate: null }]);
  });
});

describe("a funnel as a partner sees it", () => {
  const order = ["signedUp", "registered", "firstPayment", "activeNow"] as const;
  const seen = (signedUp: number, registered: number, firstPayment: number, activeNow: number) =>
    suppressFunnelStages({ signedUp, registered, firstPayment, activeNow }, order);

  it("hides stages below 5", () => {
    expect(seen(7, 0, 3, 3)).toEqual({ signedUp: 7, registered: null, firstPayment: null, activeNow: null });
  });

  it("hides a stage whose difference from a shown one would tell fewer than 5 people", () => {
    // 12 signed up, 8 paid: "4 did not pay" would be a group of four.
    expect(seen(12, 12, 8, 8)).toEqual({ signedUp: 12, registered: 12, firstPayment: null, activeNow: null });
    // 20 signed up, 14 paid (6 did not), 11 still paying: 14 − 11 = 3 would tell.
    expect(seen(20, 0, 14, 11)).toEqual({
      signedUp: 20,
      registered: null,
      firstPayment: 14,
      activeNow: null,
    });
  });

  it("shows stages that differ by 5 or more, or not at all", () => {
    expect(seen(12, 12, 6, 6)).toEqual({ signedUp: 12, registered: 12, firstPayment: 6, activeNow: 6 });
    expect(seen(30, 25, 20, 9)).toEqual({ signedUp: 30, registered: 25, firstPayment: 20, activeNow: 9 });
  });

  it("leaves every pair of shown stages 0 or at least 5 apart, whatever the counts", () => {
    for (let i = 0; i < 2_000; i++) {
      const counts = order.map(() => Math.floor(Math.random() * 40));
      const out = seen(...(counts as [number, number, number, number]));
      const shown = Object.values(out).filter((v): v is number => v !== null);
      for (const a of shown) for (const b of shown) expect(a === b || Math.abs(a - b) >= 5).toBe(true);
      for (const v of shown) expect(v).toBeGreaterThanOrEqual(5);
    }
  });
});
