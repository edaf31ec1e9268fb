import { describe, expect, it } from "vitest";
import {
  BPU_CONTRIBUTION_RULES,
  BPU_OCCUPATION_CODES,
  BPU_OCCUPATIONS,
  bandForIncome,
  type ContributionInput,
  type ContributionRuleSet,
  computeContribution,
  discountForMonth,
  PP50_2025_DISCOUNTS,
  ruleSetForMonth,
  sectorForOccupation,
} from "../../../packages/shared/src/domain/contribution/index.ts";
import { DomainError } from "../../../packages/shared/src/domain/errors.ts";

const seeds = { rules: BPU_CONTRIBUTION_RULES, discounts: PP50_2025_DISCOUNTS };

function compute(overrides: Partial<ContributionInput> = {}) {
  return computeContribution({
    ...seeds,
    month: "2025-06",
    monthlyIncome: 1_000_000,
    sector: "non_transport",
    payer: "self",
    ...overrides,
  } as ContributionInput);
}

describe("seed rule set (PP 44/2015)", () => {
  const [rules] = BPU_CONTRIBUTION_RULES;

  it("has contiguous, non-overlapping bands from Rp0 with an open top band", () => {
    expect(rules).toBeDefined();
    const bands = rules!.bands;
    expect(bands[0]).toMatchObject({ minIncome: 0, reportedWage: 1_000_000 });
    for (let i = 1; i < bands.length; i++) {
      expect(bands[i]!.minIncome).toBe(bands[i - 1]!.maxIncome! + 1);
      expect(bands[i]!.reportedWage).toBeGreaterThan(bands[i - 1]!.reportedWage);
    }
    expect(bands.at(-1)!.maxIncome).toBeNull();
    expect(new Set(bands.map((b) => b.code)).size).toBe(bands.length);
  });

  it("caps JKK at the published maximum of Rp207,000", () => {
    expect(compute({ monthlyIncome: 50_000_000 }).jkk).toBe(207_000);
  });
});

describe("computeContribution", () => {
  it("charges Rp16,800 at the lowest band (JKK 10,000 + JKM 6,800) — the seeds' figure", () => {
    const result = compute();
    expect(result).toMatchObject({
      band: { code: "B01", reportedWage: 1_000_000 },
      jkk: 10_000,
      jkm: 6_800,
      jht: 0,
      discount: 0,
      total: 16_800,
      ruleSetId: "bpu-pp44-2015",
      discountId: null,
      discountWithheld: null,
    });
    expect(result.lines).toEqual([
      { programme: "JKK", base: 1_000_000, rateBp: 100, gross: 10_000, discount: 0, amount: 10_000 },
      { programme: "JKM", base: null, rateBp: null, gross: 6_800, discount: 0, amount: 6_800 },
    ]);
  });

  it("adds the optional JHT at 2 % of the band's wage", () => {
    const result = compute({ programmes: { jht: true } });
    expect(result.jht).toBe(20_000);
    expect(result.total).toBe(36_800);
    expect(result.lines.map((l) => l.programme)).toEqual(["JKK", "JKM", "JHT"]);
  });

  it.each([
    [0, "B01", 10_000],
    [750_000, "B01", 10_000],
    [1_000_000, "B01", 10_000],
    [1_000_001, "B02", 15_000],
    [2_500_000, "B04", 25_000],
    [20_000_000, "B39", 200_000],
    [20_000_001, "B40", 207_000],
  ])("puts an income of Rp%i in band %s (JKK %i)", (monthlyIncome, code, jkk) => {
    const result = compute({ monthlyIncome });
    expect(result.band.code).toBe(code);
    expect(result.jkk).toBe(jkk);
  });

  it("accepts a band code instead of an income", () => {
    expect(compute({ monthlyIncome: undefined, bandCode: "B03" })).toMatchObject({
      jkk: 20_000,
      total: 26_800,
    });
  });

  it.each([
    [{ monthlyIncome: -1 }, "invalid_income"],
    [{ monthlyIncome: 1_500_000.5 }, "invalid_income"],
    [{ monthlyIncome: Number.NaN }, "invalid_income"],
    [{ monthlyIncome: undefined, bandCode: "B99" }, "unknown_band"],
    [{ monthlyIncome: undefined }, "income_or_band_required"],
    [{ month: "2025-13" }, "invalid_month"],
  ])("throws a typed error for %j → %s", (overrides, code) => {
    expect(() => compute(overrides as Partial<ContributionInput>)).toThrowError(
      expect.objectContaining({ code, status: 422 }),
    );
  });

  describe("PP 50/2025 discount", () => {
    it("halves JKK+JKM to Rp8,400 for a transport worker in January 2026", () => {
      const result = compute({ month: "2026-01", sector: "transport" });
      expect(result).toMatchObject({
        jkk: 10_000,
        jkm: 6_800,
        discount: 8_400,
        total: 8_400,
        discountId: "pp50-2025-transport",
      });
      expect(result.lines.map((l) => [l.programme, l.amount])).toEqual([
        ["JKK", 5_000],
        ["JKM", 3_400],
      ]);
    });

    it("never discounts JHT", () => {
      const result = compute({ month: "2026-06", sector: "transport", programmes: { jht: true } });
      expect(result.lines.find((l) => l.programme === "JHT")).toMatchObject({ gross: 20_000, discount: 0 });
      expect(result.total).toBe(8_400 + 20_000);
    });

    it.each([
      ["transport", "2025-12", null],
      ["transport", "2026-01", "pp50-2025-transport"],
      ["transport", "2027-03", "pp50-2025-transport"],
      ["transport", "2027-04", null],
      ["non_transport", "2026-03", null],
      ["non_transport", "2026-04", "pp50-2025-non-transport"],
      ["non_transport", "2026-12", "pp50-2025-non-transport"],
      ["non_transport", "2027-01", null],
    ] as const)("%s in %s → %s", (sector, month, discountId) => {
      const result = compute({ sector, month });
      expect(result.discountId).toBe(discountId);
      expect(result.total).toBe(discountId ? 8_400 : 16_800);
    });

    it.each(["apbd", "apbn"] as const)("is withheld when the premium comes from the %s", (payer) => {
      const result = compute({ month: "2026-05", sector: "transport", payer });
      expect(result).toMatchObject({
        total: 16_800,
        discount: 0,
        discountId: null,
        discountWithheld: "payer_excluded",
      });
    });

    it.each(["self", "csr", "paguyuban"] as const)("is granted when the payer is %s", (payer) => {
      expect(compute({ month: "2026-05", sector: "transport", payer }).total).toBe(8_400);
    });

    it("is for new and active participants, not for an inactive one paying arrears", () => {
      expect(compute({ month: "2026-05", sector: "transport", standing: "new" }).total).toBe(8_400);
      expect(compute({ month: "2026-05", sector: "transport", standing: "inactive" })).toMatchObject({
        total: 16_800,
        discountWithheld: "inactive_participant",
      });
    });

    it("applies per band, rounded per programme", () => {
      const result = compute({ month: "2026-05", sector: "transport", monthlyIncome: 1_200_000 });
      expect(result).toMatchObject({ jkk: 15_000, discount: 7_500 + 3_400, total: 7_500 + 3_400 });
    });

    it("withholds nothing when no discount covers the month", () => {
      expect(
        compute({ month: "2026-02", sector: "non_transport", payer: "apbd" }).discountWithheld,
      ).toBeNull();
    });
  });

  describe("rule sets by effective date", () => {
    const older: ContributionRuleSet = {
      id: "old",
      effectiveFrom: "2015-07-01",
      effectiveTo: "2026-06-30",
      segment: "BPU",
      jkkRateBp: 100,
      jhtRateBp: 200,
      jkmFlat: 6_800,
      bands: [{ code: "X", minIncome: 0, maxIncome: null, reportedWage: 1_000_000 }],
    };
    const newer: ContributionRuleSet = {
      ...older,
      id: "new",
      effectiveFrom: "2026-07-01",
      effectiveTo: null,
      jkmFlat: 7_000,
    };

    it("picks the rule set in force on the first day of the month", () => {
      expect(ruleSetForMonth([older, newer], "2026-06").id).toBe("old");
      expect(ruleSetForMonth([newer, older], "2026-07").id).toBe("new");
      expect(compute({ rules: [older, newer], month: "2026-07" }).jkm).toBe(7_000);
    });

    it("lets the latest effectiveFrom win where rule sets overlap", () => {
      const overlapping = { ...newer, id: "overlap", effectiveFrom: "2026-01-01" };
      expect(ruleSetForMonth([older, overlapping], "2026-03").id).toBe("overlap");
    });

    it("throws no_rule_for_date before the first rule set and after the last ends", () => {
      const check = (month: string) => {
        try {
          ruleSetForMonth([older], month);
          return null;
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          return (error as DomainError).code;
        }
      };
      expect(check("2015-06")).toBe("no_rule_for_date");
      expect(check("2026-07")).toBe("no_rule_for_date");
      expect(check("2015-07")).toBeNull();
    });

    it("throws no_band_for_income when the bands leave a gap", () => {
      const gappy: ContributionRuleSet = {
        ...older,
        bands: [{ code: "LOW", minIncome: 0, maxIncome: 1_000_000, reportedWage: 1_000_000 }],
      };
      expect(() => bandForIncome(gappy, 2_000_000)).toThrowError(
        expect.objectContaining({ code: "no_band_for_income" }),
      );
    });
  });

  it("exposes the matching discount without judging the payer", () => {
    expect(discountForMonth(PP50_2025_DISCOUNTS, "2026-04", "non_transport")?.id).toBe(
      "pp50-2025-non-transport",
    );
    expect(discountForMonth([], "2026-04", "transport")).toBeNull();
  });
});

describe("BPU occupations", () => {
  it("uses unique snake_case codes with Indonesian labels", () => {
    expect(new Set(BPU_OCCUPATION_CODES).size).toBe(BPU_OCCUPATIONS.length);
    for (const o of BPU_OCCUPATIONS) {
      expect(o.code).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(o.label.length).toBeGreaterThan(2);
    }
  });

  it("counts ojek (online included), becak and angkot drivers as transport, others not", () => {
    expect(sectorForOccupation("ojek")).toBe("transport");
    expect(sectorForOccupation("becak")).toBe("transport");
    expect(sectorForOccupation("sopir_angkot")).toBe("transport");
    expect(sectorForOccupation("nelayan")).toBe("non_transport");
    expect(sectorForOccupation("pedagang_pasar")).toBe("non_transport");
    expect(sectorForOccupation("not-a-code")).toBe("non_transport");
    expect(BPU_OCCUPATIONS.filter((o) => o.sector === "transport").map((o) => o.code)).toEqual([
      "ojek",
      "becak",
      "sopir_angkot",
    ]);
  });

  it("covers the occupations the seeds and brief name", () => {
    expect(BPU_OCCUPATION_CODES).toEqual(
      expect.arrayContaining([
        "pedagang_pasar",
        "pedagang_keliling",
        "nelayan",
        "petani",
        "buruh_tani",
        "peternak",
        "industri_rumahan",
        "pekerja_rumah_tangga",
        "guru_ngaji",
        "marbot_takmir",
        "penjahit",
        "tukang",
        "pemilik_umkm",
        "seniman",
        "lainnya",
      ]),
    );
  });
});
