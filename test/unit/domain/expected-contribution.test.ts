import { describe, expect, it } from "vitest";
import {
  BPU_CONTRIBUTION_RULES,
  computeContribution,
  type Payer,
  PP50_2025_DISCOUNTS,
  paymentStanding,
  sectorForOccupation,
} from "../../../packages/shared/src/domain/contribution/index.ts";

/**
 * What a month costs a participant, as the contributions API checks it: the rules in force,
 * PP 50/2025 by sector and month, the payer exclusion and the standing at payment time.
 */
function expected(occupation: string, month: string, payer: Payer, paidInMonth = month, paid: string[] = []) {
  const standing = paymentStanding({ signupMonth: "2025-06", otherPaidMonths: paid, month, paidInMonth });
  return computeContribution({
    rules: BPU_CONTRIBUTION_RULES,
    discounts: PP50_2025_DISCOUNTS,
    month,
    bandCode: "B01",
    sector: sectorForOccupation(occupation),
    payer,
    standing,
  });
}

describe("PP 50/2025 window for expected amounts", () => {
  it.each([
    ["ojek", "2025-12", 16_800],
    ["ojek", "2026-01", 8_400],
    ["ojek", "2027-03", 8_400],
    ["ojek", "2027-04", 16_800],
    ["pedagang", "2026-03", 16_800],
    ["pedagang", "2026-04", 8_400],
    ["pedagang", "2026-12", 8_400],
    ["pedagang", "2027-01", 16_800],
  ])("%s paying for %s owes %i", (occupation, month, amount) => {
    expect(expected(occupation, month, "self").total).toBe(amount);
  });

  it.each(["apbd", "apbn"] as const)("excludes premiums paid from the %s budget", (payer) => {
    const result = expected("pedagang", "2026-05", payer);
    expect(result.total).toBe(16_800);
    expect(result.discountWithheld).toBe("payer_excluded");
  });

  it.each(["self", "csr", "paguyuban"] as const)("grants the discount when the payer is %s", (payer) => {
    expect(expected("becak", "2026-02", payer).total).toBe(8_400);
  });
});

describe("paymentStanding", () => {
  it("is new for the first payment and active after", () => {
    expect(
      paymentStanding({
        signupMonth: "2026-04",
        otherPaidMonths: [],
        month: "2026-04",
        paidInMonth: "2026-04",
      }),
    ).toBe("new");
    expect(
      paymentStanding({
        signupMonth: "2026-04",
        otherPaidMonths: ["2026-04"],
        month: "2026-05",
        paidInMonth: "2026-05",
      }),
    ).toBe("active");
  });

  it("keeps an in-arrears participant active: months 1–3 late still get the discount", () => {
    const standing = paymentStanding({
      signupMonth: "2026-04",
      otherPaidMonths: ["2026-04"],
      month: "2026-05",
      paidInMonth: "2026-07",
    });
    expect(standing).toBe("active");
    expect(expected("pedagang", "2026-05", "self", "2026-07", ["2026-04"]).total).toBe(8_400);
  });

  it("withholds the discount from a lapsed participant paying an old month", () => {
    // Paid June 2025 only; by October 2026 participation has ended.
    const result = expected("pedagang", "2026-05", "self", "2026-10", ["2025-06"]);
    expect(result.discountWithheld).toBe("inactive_participant");
    expect(result.total).toBe(16_800);
  });

  it("treats a lapsed participant resuming with the current month as active again", () => {
    expect(
      paymentStanding({
        signupMonth: "2025-06",
        otherPaidMonths: ["2025-06"],
        month: "2026-05",
        paidInMonth: "2026-05",
      }),
    ).toBe("active");
    expect(expected("pedagang", "2026-05", "self", "2026-05", ["2025-06"]).total).toBe(8_400);
  });

  it("ignores the month being paid among the other months (a replay)", () => {
    expect(
      paymentStanding({
        signupMonth: "2026-04",
        otherPaidMonths: ["2026-04"],
        month: "2026-04",
        paidInMonth: "2026-04",
      }),
    ).toBe("new");
  });
});
