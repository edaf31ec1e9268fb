/**
 * Monthly contribution (iuran) of a BPU participant, from rules kept as data: the rule set in
 * force, the participant's income band, the optional JHT, and any time-boxed discount.
 * Amounts are integer Rupiah.
 */
import { compareIso, firstDayOfMonth, type YearMonth } from "../calendar/index.ts";
import { DomainError } from "../errors.ts";
import type { BpuSector, ContributionRuleSet, DiscountRule, IncomeBand, Payer, Programme } from "./types.ts";

export * from "./occupations.ts";
export * from "./rules.ts";
export * from "./standing.ts";
export type * from "./types.ts";

/** Codes of {@link ContributionError}. */
export type ContributionErrorCode =
  | "no_rule_for_date"
  | "unknown_band"
  | "no_band_for_income"
  | "invalid_income"
  | "income_or_band_required";

/** A contribution cannot be computed from the given rules and input. */
export class ContributionError extends DomainError<ContributionErrorCode> {}

/**
 * Where the participant stands for PP 50/2025, which is for new and active participants: an
 * `inactive` (lapsed) participant paying arrears does not get the discount.
 */
export type ParticipantStanding = "new" | "active" | "inactive";

/** Why a discount that exists for the month and sector was not granted. */
export type DiscountWithheld = "payer_excluded" | "inactive_participant";

/** Input of {@link computeContribution}: give either `monthlyIncome` or `bandCode`. */
export type ContributionInput = {
  rules: readonly ContributionRuleSet[];
  discounts?: readonly DiscountRule[];
  /** The month paid for, `YYYY-MM`. */
  month: YearMonth;
  /** JHT is optional for BPU; JKK and JKM are always due. Default: no JHT. */
  programmes?: { jht: boolean };
  sector: BpuSector;
  payer: Payer;
  /** Default `active`. */
  standing?: ParticipantStanding;
} & ({ monthlyIncome: number; bandCode?: undefined } | { bandCode: string; monthlyIncome?: undefined });

/** One programme's amount. `base`/`rateBp` are `null` for the flat JKM. */
export interface ContributionLine {
  programme: Programme;
  base: number | null;
  rateBp: number | null;
  /** Before discount. */
  gross: number;
  discount: number;
  /** Payable: `gross − discount`. */
  amount: number;
}

/** Result of {@link computeContribution}. */
export interface ContributionBreakdown {
  month: YearMonth;
  band: IncomeBand;
  /** JKK before discount. */
  jkk: number;
  /** JKM before discount. */
  jkm: number;
  /** JHT (0 when not chosen); never discounted. */
  jht: number;
  /** Total taken off by the discount. */
  discount: number;
  /** Payable for the month: `jkk + jkm + jht − discount`. */
  total: number;
  ruleSetId: string;
  discountId: string | null;
  /** Set when a discount covers the month and sector but this participant does not get it. */
  discountWithheld: DiscountWithheld | null;
  lines: ContributionLine[];
}

/**
 * The rule set in force on the first day of `month`. When several overlap, the one with the
 * latest `effectiveFrom` wins (a newer regulation supersedes). Throws `no_rule_for_date`.
 */
export function ruleSetForMonth(
  rules: readonly ContributionRuleSet[],
  month: YearMonth,
): ContributionRuleSet {
  const day = firstDayOfMonth(month);
  let found: ContributionRuleSet | undefined;
  for (const rule of rules) {
    const started = compareIso(rule.effectiveFrom, day) <= 0;
    const notEnded = rule.effectiveTo === null || compareIso(day, rule.effectiveTo) <= 0;
    if (started && notEnded && (!found || compareIso(rule.effectiveFrom, found.effectiveFrom) > 0)) {
      found = rule;
    }
  }
  if (!found) {
    throw new ContributionError("no_rule_for_date", "Tidak ada aturan iuran yang berlaku untuk bulan ini.", {
      month,
    });
  }
  return found;
}

/** The band of `ruleSet` that contains a declared monthly income (integer Rupiah ≥ 0). */
export function bandForIncome(ruleSet: ContributionRuleSet, monthlyIncome: number): IncomeBand {
  if (!Number.isSafeInteger(monthlyIncome) || monthlyIncome < 0) {
    throw new ContributionError("invalid_income", "Penghasilan harus bilangan bulat Rupiah, tidak negatif.", {
      monthlyIncome,
    });
  }
  const band = ruleSet.bands.find(
    (b) => b.minIncome <= monthlyIncome && (b.maxIncome === null || monthlyIncome <= b.maxIncome),
  );
  if (!band) {
    throw new ContributionError("no_band_for_income", "Tidak ada golongan penghasilan untuk nilai ini.", {
      ruleSetId: ruleSet.id,
      monthlyIncome,
    });
  }
  return band;
}

/** The band of `ruleSet` with the given code. Throws `unknown_band`. */
export function bandByCode(ruleSet: ContributionRuleSet, bandCode: string): IncomeBand {
  const band = ruleSet.bands.find((b) => b.code === bandCode);
  if (!band) {
    throw new ContributionError("unknown_band", "Golongan penghasilan tidak dikenal.", {
      ruleSetId: ruleSet.id,
      bandCode,
    });
  }
  return band;
}

/**
 * The discount whose period contains the first day of `month` and whose sector matches, if
 * any — without looking at the payer or the participant's standing.
 */
export function discountForMonth(
  discounts: readonly DiscountRule[],
  month: YearMonth,
  sector: BpuSector,
): DiscountRule | null {
  const day = firstDayOfMonth(month);
  return (
    discounts.find(
      (d) => d.sectors === sector && compareIso(d.from, day) <= 0 && compareIso(day, d.to) <= 0,
    ) ?? null
  );
}

/** `amount × bp / 10 000`, rounded half up to whole Rupiah. */
function basisPoints(amount: number, bp: number): number {
  return Math.round((amount * bp) / 10_000);
}

/**
 * Computes one month's contribution.
 *
 * JKK = `jkkRateBp` of the band's `reportedWage`; JKM = `jkmFlat`; JHT = `jhtRateBp` of the
 * wage when chosen. A discount (PP 50/2025) applies when its period contains the first day of
 * the month and its sector matches, unless the payer is excluded (APBN/APBD) or the
 * participant is `inactive`; it takes `discountBp` off each listed programme, rounded half up
 * per programme. Lowest band, no JHT: 16,800; with PP 50/2025: 8,400.
 *
 * @throws ContributionError `no_rule_for_date`, `unknown_band`, `no_band_for_income`,
 *   `invalid_income`, `income_or_band_required`; DomainError `invalid_month`.
 */
export function computeContribution(input: ContributionInput): ContributionBreakdown {
  const ruleSet = ruleSetForMonth(input.rules, input.month);
  let band: IncomeBand;
  if (input.bandCode !== undefined) band = bandByCode(ruleSet, input.bandCode);
  else if (input.monthlyIncome !== undefined) band = bandForIncome(ruleSet, input.monthlyIncome);
  else throw new ContributionError("income_or_band_required", "Isi penghasilan atau golongan penghasilan.");

  const candidate = discountForMonth(input.discounts ?? [], input.month, input.sector);
  let discountWithheld: DiscountWithheld | null = null;
  if (candidate && (candidate.excludedPayers as readonly Payer[]).includes(input.payer)) {
    discountWithheld = "payer_excluded";
  } else if (candidate && input.standing === "inactive") {
    discountWithheld = "inactive_participant";
  }
  const discount = candidate && discountWithheld === null ? candidate : null;

  const line = (programme: Programme, base: number | null, rateBp: number | null, gross: number) => {
    const off =
      discount && (discount.appliesTo as readonly Programme[]).includes(programme)
        ? basisPoints(gross, discount.discountBp)
        : 0;
    return { programme, base, rateBp, gross, discount: off, amount: gross - off };
  };
  const wage = band.reportedWage;
  const lines: ContributionLine[] = [
    line("JKK", wage, ruleSet.jkkRateBp, basisPoints(wage, ruleSet.jkkRateBp)),
    line("JKM", null, null, ruleSet.jkmFlat),
  ];
  if (input.programmes?.jht)
    lines.push(line("JHT", wage, ruleSet.jhtRateBp, basisPoints(wage, ruleSet.jhtRateBp)));

  const gross = (programme: Programme) => lines.find((l) => l.programme === programme)?.gross ?? 0;
  const totalDiscount = lines.reduce((sum, l) => sum + l.discount, 0);
  return {
    month: input.month,
    band,
    jkk: gross("JKK"),
    jkm: gross("JKM"),
    jht: gross("JHT"),
    discount: totalDiscount,
    total: lines.reduce((sum, l) => sum + l.amount, 0),
    ruleSetId: ruleSet.id,
    discountId: discount?.id ?? null,
    discountWithheld,
    lines,
  };
}
