import type { DISCOUNT_SECTORS, PAYERS } from "../../schema/enums.ts";
import type { IsoDate } from "../calendar/index.ts";

/** Who pays a participant's contribution. */
export type Payer = (typeof PAYERS)[number];

/** Sector for PP 50/2025: transport workers get the discount over a longer period. */
export type BpuSector = (typeof DISCOUNT_SECTORS)[number];

/** A programme of BPJS Ketenagakerjaan open to BPU participants. */
export type Programme = "JKK" | "JKM" | "JHT";

/**
 * A band of declared monthly income. A participant declaring an income within
 * `minIncome`–`maxIncome` (inclusive; `null` = no upper limit) contributes a percentage of
 * `reportedWage`, the band's nominal income.
 */
export interface IncomeBand {
  code: string;
  minIncome: number;
  maxIncome: number | null;
  reportedWage: number;
}

/**
 * Contribution rates and income bands in force from `effectiveFrom` to `effectiveTo`
 * (inclusive; `null` = until further notice). A change of regulation is a new rule set, not
 * a code change.
 */
export interface ContributionRuleSet {
  id: string;
  effectiveFrom: IsoDate;
  effectiveTo: IsoDate | null;
  segment: "BPU";
  /** JKK rate in basis points of the band's wage (100 = 1 %). */
  jkkRateBp: number;
  /** JHT rate in basis points of the band's wage (200 = 2 %); JHT is optional for BPU. */
  jhtRateBp: number;
  /** JKM, a flat amount in Rupiah. */
  jkmFlat: number;
  bands: IncomeBand[];
  /** The regulation the figures come from. */
  legalBasis?: string;
}

/**
 * A time-boxed discount on some programmes for one sector, valid `from`–`to` inclusive, that
 * participants paid by the listed public budgets do not get.
 */
export interface DiscountRule {
  id: string;
  name: string;
  /** Basis points off each listed programme (5000 = 50 %). */
  discountBp: number;
  appliesTo: Exclude<Programme, "JHT">[];
  sectors: BpuSector;
  from: IsoDate;
  to: IsoDate;
  excludedPayers: Extract<Payer, "apbn" | "apbd">[];
  legalBasis?: string;
}
