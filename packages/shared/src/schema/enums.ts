/**
 * Enumerations written once and used by both the drizzle columns (`text(..., { enum })`)
 * and the valibot validators (`v.picklist(...)`).
 */
export const AREA_LEVELS = ["province", "regency", "district", "village"] as const;
export const OFFICE_KINDS = ["regional", "branch"] as const;
export const TIME_ZONES = ["WIB", "WITA", "WIT"] as const;
export const ROLES = ["admin", "manager", "staff", "partner"] as const;
export const SEGMENTS = ["bpu", "pu", "jakon"] as const;
export const CAMPAIGN_STATUSES = ["draft", "active", "closed"] as const;
export const EVENT_TYPES = ["sarasehan", "rapat_koordinasi", "sosialisasi", "jemput_bola", "gerai"] as const;
export const EVENT_STATUSES = ["planned", "confirmed", "held", "reported", "cancelled"] as const;
export const PARTNER_TYPES = [
  "dinas_koperasi_ukm",
  "disnaker",
  "pemda",
  "kecamatan_kelurahan",
  "csr_company",
  "paguyuban",
  "koperasi",
] as const;
export const PARTNER_LEVELS = ["national", "province", "regency", "district", "village"] as const;
export const EVENT_PARTNER_ROLES = ["co_host", "sponsor", "supporter"] as const;
export const SEXES = ["M", "F"] as const;
export const PAYERS = ["self", "csr", "apbd", "apbn", "paguyuban"] as const;
export const SIGNUP_SOURCES = ["event", "kelurahan_list", "paguyuban_list", "csr_list"] as const;
export const SIGNUP_STATUSES = ["recorded", "verified", "registered", "rejected"] as const;
export const CONTRIBUTION_SOURCES = ["manual", "import"] as const;
export const TARGET_KINDS = ["absolute", "growth"] as const;
export const TARGET_SPLIT_DIMENSIONS = ["regency", "month"] as const;
export const FOLLOWUP_KINDS = ["payment_reminder", "arrears", "sponsor_ending", "reactivation"] as const;
export const FOLLOWUP_STATUSES = ["open", "done", "cancelled"] as const;
export const FOLLOWUP_OUTCOMES = ["paid", "promised", "refused", "unreachable"] as const;
export const IMPORT_KINDS = ["signups", "contributions", "kpj", "baselines"] as const;
export const IMPORT_STATUSES = [
  "uploaded",
  "validated",
  "committing",
  "committed",
  "failed",
  "undone",
] as const;
export const IMPORT_ROW_STATUSES = ["ok", "error", "duplicate", "committed", "skipped"] as const;
export const DISCOUNT_SECTORS = ["transport", "non_transport"] as const;

export type Role = (typeof ROLES)[number];
export type Payer = (typeof PAYERS)[number];
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];
export type SignupSource = (typeof SIGNUP_SOURCES)[number];
export type EventType = (typeof EVENT_TYPES)[number];
export type EventStatus = (typeof EVENT_STATUSES)[number];
export type TimeZone = (typeof TIME_ZONES)[number];
