import type { ContributionRuleSet, DiscountRule } from "./types.ts";

/**
 * BPU contribution rules — seed data.
 *
 * Rates (PP 44/2015 on JKK and JKM, PP 46/2015 on JHT, as the domain brief states them): JKK
 * 1 % and JHT 2 % of the band's nominal income, JKM Rp6,800 flat. Lowest band: Rp10,000 JKK +
 * Rp6,800 JKM = Rp16,800 a month, the seeds' figure.
 *
 * Income bands — PP 44/2015 Annex II. What is confirmed: the lowest band's nominal income of
 * Rp1,000,000 (JKK Rp10,000: seeds and brief) and the highest JKK of Rp207,000, i.e. a top
 * nominal income of Rp20,700,000 (press summaries of PP 44/2015, e.g. radarmukomuko.disway.id
 * "Berapa Besaran Iuran BPJS Ketenagakerjaan?"). ASSUMPTION, to be checked against the Annex
 * (peraturan.bpk.go.id, "PP Nomor 44 Tahun 2015 - Lampiran 2"): the rows in between are taken
 * as Rp500,000 steps, each band paying on its upper bound. Correcting them is a data change:
 * edit these rows, or add a rule set with a later `effectiveFrom`.
 */
export const BPU_CONTRIBUTION_RULES: readonly ContributionRuleSet[] = [
  {
    id: "bpu-pp44-2015",
    effectiveFrom: "2015-07-01",
    effectiveTo: null,
    segment: "BPU",
    jkkRateBp: 100,
    jhtRateBp: 200,
    jkmFlat: 6_800,
    legalBasis: "PP 44/2015 Lampiran II; PP 46/2015",
    bands: [
      { code: "B01", minIncome: 0, maxIncome: 1_000_000, reportedWage: 1_000_000 },
      { code: "B02", minIncome: 1_000_001, maxIncome: 1_500_000, reportedWage: 1_500_000 },
      { code: "B03", minIncome: 1_500_001, maxIncome: 2_000_000, reportedWage: 2_000_000 },
      { code: "B04", minIncome: 2_000_001, maxIncome: 2_500_000, reportedWage: 2_500_000 },
      { code: "B05", minIncome: 2_500_001, maxIncome: 3_000_000, reportedWage: 3_000_000 },
      { code: "B06", minIncome: 3_000_001, maxIncome: 3_500_000, reportedWage: 3_500_000 },
      { code: "B07", minIncome: 3_500_001, maxIncome: 4_000_000, reportedWage: 4_000_000 },
      { code: "B08", minIncome: 4_000_001, maxIncome: 4_500_000, reportedWage: 4_500_000 },
      { code: "B09", minIncome: 4_500_001, maxIncome: 5_000_000, reportedWage: 5_000_000 },
      { code: "B10", minIncome: 5_000_001, maxIncome: 5_500_000, reportedWage: 5_500_000 },
      { code: "B11", minIncome: 5_500_001, maxIncome: 6_000_000, reportedWage: 6_000_000 },
      { code: "B12", minIncome: 6_000_001, maxIncome: 6_500_000, reportedWage: 6_500_000 },
      { code: "B13", minIncome: 6_500_001, maxIncome: 7_000_000, reportedWage: 7_000_000 },
      { code: "B14", minIncome: 7_000_001, maxIncome: 7_500_000, reportedWage: 7_500_000 },
      { code: "B15", minIncome: 7_500_001, maxIncome: 8_000_000, reportedWage: 8_000_000 },
      { code: "B16", minIncome: 8_000_001, maxIncome: 8_500_000, reportedWage: 8_500_000 },
      { code: "B17", minIncome: 8_500_001, maxIncome: 9_000_000, reportedWage: 9_000_000 },
      { code: "B18", minIncome: 9_000_001, maxIncome: 9_500_000, reportedWage: 9_500_000 },
      { code: "B19", minIncome: 9_500_001, maxIncome: 10_000_000, reportedWage: 10_000_000 },
      { code: "B20", minIncome: 10_000_001, maxIncome: 10_500_000, reportedWage: 10_500_000 },
      { code: "B21", minIncome: 10_500_001, maxIncome: 11_000_000, reportedWage: 11_000_000 },
      { code: "B22", minIncome: 11_000_001, maxIncome: 11_500_000, reportedWage: 11_500_000 },
      { code: "B23", minIncome: 11_500_001, maxIncome: 12_000_000, reportedWage: 12_000_000 },
      { code: "B24", minIncome: 12_000_001, maxIncome: 12_500_000, reportedWage: 12_500_000 },
      { code: "B25", minIncome: 12_500_001, maxIncome: 13_000_000, reportedWage: 13_000_000 },
      { code: "B26", minIncome: 13_000_001, maxIncome: 13_500_000, reportedWage: 13_500_000 },
      { code: "B27", minIncome: 13_500_001, maxIncome: 14_000_000, reportedWage: 14_000_000 },
      { code: "B28", minIncome: 14_000_001, maxIncome: 14_500_000, reportedWage: 14_500_000 },
      { code: "B29", minIncome: 14_500_001, maxIncome: 15_000_000, reportedWage: 15_000_000 },
      { code: "B30", minIncome: 15_000_001, maxIncome: 15_500_000, reportedWage: 15_500_000 },
      { code: "B31", minIncome: 15_500_001, maxIncome: 16_000_000, reportedWage: 16_000_000 },
      { code: "B32", minIncome: 16_000_001, maxIncome: 16_500_000, reportedWage: 16_500_000 },
      { code: "B33", minIncome: 16_500_001, maxIncome: 17_000_000, reportedWage: 17_000_000 },
      { code: "B34", minIncome: 17_000_001, maxIncome: 17_500_000, reportedWage: 17_500_000 },
      { code: "B35", minIncome: 17_500_001, maxIncome: 18_000_000, reportedWage: 18_000_000 },
      { code: "B36", minIncome: 18_000_001, maxIncome: 18_500_000, reportedWage: 18_500_000 },
      { code: "B37", minIncome: 18_500_001, maxIncome: 19_000_000, reportedWage: 19_000_000 },
      { code: "B38", minIncome: 19_000_001, maxIncome: 19_500_000, reportedWage: 19_500_000 },
      { code: "B39", minIncome: 19_500_001, maxIncome: 20_000_000, reportedWage: 20_000_000 },
      { code: "B40", minIncome: 20_000_001, maxIncome: null, reportedWage: 20_700_000 },
    ],
  },
];

/**
 * PP 50/2025: 50 % off JKK and JKM (Rp16,800 → Rp8,400 at the lowest band) for new and active
 * BPU participants — transport workers January 2026 – March 2027, other sectors April –
 * December 2026 — except those whose contributions are paid from the APBN or an APBD.
 */
export const PP50_2025_DISCOUNTS: readonly DiscountRule[] = [
  {
    id: "pp50-2025-transport",
    name: "PP 50/2025",
    discountBp: 5_000,
    appliesTo: ["JKK", "JKM"],
    sectors: "transport",
    from: "2026-01-01",
    to: "2027-03-31",
    excludedPayers: ["apbn", "apbd"],
    legalBasis: "PP 50/2025",
  },
  {
    id: "pp50-2025-non-transport",
    name: "PP 50/2025",
    discountBp: 5_000,
    appliesTo: ["JKK", "JKM"],
    sectors: "non_transport",
    from: "2026-04-01",
    to: "2026-12-31",
    excludedPayers: ["apbn", "apbd"],
    legalBasis: "PP 50/2025",
  },
];
