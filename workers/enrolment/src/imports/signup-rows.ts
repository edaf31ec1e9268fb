import { isIsoDate } from "@jangkau/shared/domain/calendar/index";
import {
  BPU_OCCUPATIONS,
  bandForIncome,
  type ContributionRuleSet,
} from "@jangkau/shared/domain/contribution/index";
import { normalizeNik, parseNik } from "@jangkau/shared/domain/nik/index";
import { PAYERS } from "@jangkau/shared/schema/enums";
import type { SignupInput } from "@jangkau/shared/schema/signups/validation";

/**
 * Turns the text cells of a list row into the sign-up record the capture screen sends, so
 * the one validator (`validateSignupRecord`) judges both. Only spelling is translated here
 * (`L`/`P`, `31/12/1980`, `Ya`, an occupation's label, a rupiah income); whether a value is
 * acceptable stays the validator's call: what cannot be translated is passed on as typed,
 * and the validator names the field.
 */

/** What the whole list shares, set when it is uploaded. */
export interface ListDefaults {
  payer?: string;
  sponsorPartnerId?: string;
  sponsoredFrom?: string;
  sponsoredUntil?: string;
  villageCode?: string;
  incomeBand?: string;
  occupation?: string;
  /** The sender states that every person on the list consented (form attached): `"yes"`. */
  consent?: string;
  consentVersion?: string;
}

const clean = (s: string | undefined) => (s ?? "").replace(/\s+/g, " ").trim();
const key = (s: string) => clean(s).toLowerCase();

const SEX_WORDS: Record<string, "M" | "F"> = {
  l: "M",
  "laki-laki": "M",
  "laki laki": "M",
  laki: "M",
  pria: "M",
  m: "M",
  male: "M",
  p: "F",
  perempuan: "F",
  wanita: "F",
  f: "F",
  female: "F",
};

const YES = new Set(["ya", "y", "yes", "1", "true", "ikut", "v", "✓"]);
const NO = new Set(["tidak", "t", "no", "n", "0", "false", "tdk", "-", ""]);

const MONTHS: Record<string, number> = {
  jan: 1,
  januari: 1,
  feb: 2,
  februari: 2,
  peb: 2,
  pebruari: 2,
  mar: 3,
  maret: 3,
  apr: 4,
  april: 4,
  mei: 5,
  jun: 6,
  juni: 6,
  jul: 7,
  juli: 7,
  agu: 8,
  ags: 8,
  agt: 8,
  agustus: 8,
  sep: 9,
  sept: 9,
  september: 9,
  okt: 10,
  oktober: 10,
  nov: 11,
  nopember: 11,
  november: 11,
  des: 12,
  desember: 12,
};

const two = (n: number) => String(n).padStart(2, "0");

/** `31/12/1980`, `31-12-1980`, `31.12.1980`, `31 Desember 1980`, `1980-12-31` → `1980-12-31`. */
export function listDateToIso(text: string): string {
  const s = clean(text);
  if (isIsoDate(s)) return s;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (iso) return `${iso[1]}-${two(Number(iso[2]))}-${two(Number(iso[3]))}`;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (dmy) return `${dmy[3]}-${two(Number(dmy[2]))}-${two(Number(dmy[1]))}`;
  const named = /^(\d{1,2})[\s-]+([A-Za-z]+)[\s-]+(\d{4})$/.exec(s);
  if (named) {
    const month = MONTHS[named[2]!.toLowerCase()];
    if (month) return `${named[3]}-${two(month)}-${two(Number(named[1]))}`;
  }
  return s;
}

function occupationCode(text: string): string {
  const k = key(text);
  const found = BPU_OCCUPATIONS.find((o) => o.code === k || o.label.toLowerCase() === k);
  return found ? found.code : clean(text);
}

const PAYER_WORDS: Record<string, string> = {
  mandiri: "self",
  sendiri: "self",
  pribadi: "self",
  "bantuan pemda": "apbd",
  pemda: "apbd",
  pemkot: "apbd",
  pemkab: "apbd",
};

function payerCode(text: string): string {
  const k = key(text);
  if ((PAYERS as readonly string[]).includes(k)) return k;
  return PAYER_WORDS[k] ?? clean(text);
}

/** A band code (`B01`) as is; a rupiah income (`1.500.000`, `Rp 1500000`) → its band. */
function incomeBandCode(text: string, ruleSet: ContributionRuleSet | undefined): string {
  const s = clean(text);
  if (/^[A-Za-z]\d+$/.test(s)) return s.toUpperCase();
  const digits = s.replace(/^rp\.?\s*/i, "").replace(/[.,\s]/g, "");
  if (!ruleSet || !/^\d{1,12}$/.test(digits)) return s;
  try {
    return bandForIncome(ruleSet, Number(digits)).code;
  } catch {
    return s;
  }
}

function yesNo(text: string | undefined): boolean | string {
  const k = key(text ?? "");
  if (YES.has(k)) return true;
  if (NO.has(k)) return false;
  return clean(text);
}

/**
 * The sign-up record for a list row. Sex and birth date left empty are read from the NIK
 * (which encodes both); anything typed is kept and compared with the NIK by the validator.
 */
export function listRowToSignupInput(
  values: Readonly<Record<string, string>>,
  defaults: ListDefaults,
  context: { id: string; at: string; ruleSet: ContributionRuleSet | undefined },
): SignupInput {
  const nikText = clean(values.nik);
  const nik = parseNik(nikText);
  const sexText = key(values.sex ?? "");
  const sex = sexText ? (SEX_WORDS[sexText] ?? clean(values.sex)) : nik.ok ? nik.sex : "";
  const birthText = clean(values.birthDate);
  const birthDate = birthText ? listDateToIso(birthText) : nik.ok ? nik.birthDate : "";
  const payer = values.payer?.trim() ? payerCode(values.payer) : (defaults.payer ?? "");
  const jht = yesNo(values.jht);
  const consent = defaults.consent === "yes";
  return {
    id: context.id,
    eventId: null,
    nik: nik.ok ? nik.nik : normalizeNik(nikText) || nikText,
    fullName: clean(values.fullName),
    sex: sex as SignupInput["sex"],
    birthDate,
    phone: clean(values.phone) || null,
    occupation: (values.occupation?.trim()
      ? occupationCode(values.occupation)
      : (defaults.occupation ?? "")) as SignupInput["occupation"],
    villageCode: clean(values.villageCode) || (defaults.villageCode ?? ""),
    address: clean(values.address) || null,
    incomeBand: values.incomeBand?.trim()
      ? incomeBandCode(values.incomeBand, context.ruleSet)
      : (defaults.incomeBand ?? "B01"),
    jht: jht as boolean,
    payer: payer as SignupInput["payer"],
    sponsorPartnerId: payer === "self" ? null : (defaults.sponsorPartnerId ?? null),
    sponsoredFrom: payer === "self" ? null : (defaults.sponsoredFrom ?? null),
    sponsoredUntil: payer === "self" ? null : (defaults.sponsoredUntil ?? null),
    consentGiven: consent,
    consentVersion: defaults.consentVersion ?? "",
    consentAt: context.at,
    recordedAt: context.at,
    identityConfirmed: false,
  };
}
