/**
 * One sign-up record, validated the same way on the tablet (offline, before it enters the
 * outbox), on the server (every record of a batch), and by the list importer. Pure: no I/O,
 * no Node APIs — what needs the database (is this village real? is this sponsor a CSR
 * company?) comes in through {@link SignupValidationContext}.
 *
 * Every issue names its field (`path`), a stable `code` and a message in Bahasa Indonesia
 * that describes the rule, never the value (which may be personal data).
 */
import * as v from "valibot";
import { addMonths, compareIso, isIsoDate, monthOfDate, monthsBetween } from "../../domain/calendar/index.ts";
import { consentByVersion } from "../../domain/consent/index.ts";
import {
  BPU_OCCUPATION_CODES,
  type ContributionBreakdown,
  ContributionError,
  type ContributionRuleSet,
  computeContribution,
  type DiscountRule,
  sectorForOccupation,
} from "../../domain/contribution/index.ts";
import {
  compareNikWithEntered,
  maskNik,
  type NikMismatch,
  type NikRejection,
  type ParsedNik,
  parseNik,
} from "../../domain/nik/index.ts";
import { normalizeIndonesianMobile, type PhoneRejection } from "../../domain/phone/index.ts";
import { monthInTimeZone } from "../../domain/retention/index.ts";
import { dateInTimeZone, type TimeZone } from "../../domain/timezone/index.ts";
import type { FieldIssue } from "../../errors.ts";
import "../../validation/messages.ts";
import { type PARTNER_TYPES, PAYERS, type Payer, SEXES } from "../enums.ts";

/** Youngest age at which a worker can be enrolled (assumption: the legal working age, UU 13/2003). */
export const MIN_WORKING_AGE = 15;
/** Longest sponsored period a CSR or budget programme may declare, in months. */
export const MAX_SPONSORED_MONTHS = 60;
/** A tablet's clock may run ahead a little; anything later is "in the future". */
export const CLOCK_SKEW_MS = 10 * 60_000;
/** A record older than this is refused: a tablet should not hold records for more than a year. */
export const MAX_RECORD_AGE_DAYS = 366;

export type PartnerType = (typeof PARTNER_TYPES)[number];

/** Which partner organisations can pay for which payer kind. */
export const SPONSOR_TYPES_BY_PAYER: Readonly<Record<Payer, readonly PartnerType[]>> = {
  self: [],
  csr: ["csr_company"],
  apbd: ["pemda", "dinas_koperasi_ukm", "disnaker", "kecamatan_kelurahan"],
  apbn: ["pemda", "dinas_koperasi_ukm", "disnaker"],
  paguyuban: ["paguyuban", "koperasi"],
};
/** Payers that must name the paying organisation. APBN programmes are run centrally. */
const SPONSOR_REQUIRED: readonly Payer[] = ["csr", "apbd", "paguyuban"];
/** Payers that pay for a fixed period (a CSR or budget programme), which must be stated. */
const PERIOD_REQUIRED: readonly Payer[] = ["csr", "apbd", "apbn"];

const uuid = (message: string) => v.pipe(v.string(), v.uuid(message), v.toLowerCase());
const isoDateText = (message: string) =>
  v.pipe(v.string(), v.isoDate(message), v.check(isIsoDate, "Tanggal tidak ada di kalender."));
const timestamp = (message: string) => v.pipe(v.string(), v.isoTimestamp(message));

/** The record as the tablet sends it. Field shape only; the rules that span fields follow below. */
export const signupRecordSchema = v.object({
  /** Generated on the tablet at save: the record's identity and idempotency key. */
  id: uuid("ID catatan harus UUID yang dibuat perangkat."),
  eventId: v.nullish(uuid("Pilih kegiatan dari daftar.")),
  nik: v.pipe(v.string(), v.trim(), v.nonEmpty("NIK wajib diisi."), v.maxLength(24, "NIK harus 16 digit.")),
  fullName: v.pipe(
    v.string(),
    v.trim(),
    v.transform((s) => s.replace(/\s+/g, " ")),
    v.minLength(2, "Nama lengkap minimal 2 huruf."),
    v.maxLength(100, "Nama lengkap maksimal 100 karakter."),
    v.regex(
      /^\p{L}[\p{L}\p{M} .,'’-]*$/u,
      "Nama hanya boleh berisi huruf, spasi, titik, koma, apostrof dan tanda hubung.",
    ),
  ),
  sex: v.picklist(SEXES, "Pilih jenis kelamin: laki-laki atau perempuan."),
  birthDate: isoDateText("Tanggal lahir harus berformat YYYY-MM-DD."),
  phone: v.nullish(v.pipe(v.string(), v.trim(), v.maxLength(24, "Nomor HP terlalu panjang."))),
  occupation: v.picklist(BPU_OCCUPATION_CODES, "Pilih pekerjaan dari daftar."),
  villageCode: v.pipe(
    v.string(),
    v.regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, "Pilih desa/kelurahan dari daftar (kode Kemendagri)."),
  ),
  address: v.nullish(v.pipe(v.string(), v.trim(), v.maxLength(200, "Alamat maksimal 200 karakter."))),
  incomeBand: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,20}$/, "Pilih golongan penghasilan dari daftar.")),
  jht: v.optional(v.boolean("Pilihan JHT harus ya atau tidak."), false),
  payer: v.picklist(PAYERS, "Pilih siapa yang membayar iuran."),
  sponsorPartnerId: v.nullish(uuid("Pilih organisasi pembayar dari daftar.")),
  sponsoredFrom: v.nullish(isoDateText("Awal masa tanggungan harus berformat YYYY-MM-DD.")),
  sponsoredUntil: v.nullish(isoDateText("Akhir masa tanggungan harus berformat YYYY-MM-DD.")),
  consentGiven: v.boolean("Persetujuan harus ya atau tidak."),
  consentVersion: v.pipe(
    v.string(),
    v.nonEmpty("Versi teks persetujuan wajib diisi."),
    v.maxLength(20, "Versi teks persetujuan tidak dikenal."),
  ),
  consentAt: timestamp("Waktu persetujuan harus berformat ISO-8601."),
  recordedAt: timestamp("Waktu pencatatan harus berformat ISO-8601."),
  /** The officer checked the KTP and confirms the data although it disagrees with the NIK. */
  identityConfirmed: v.optional(v.boolean("Konfirmasi KTP harus ya atau tidak."), false),
});

/** What the tablet sends for one sign-up. */
export type SignupInput = v.InferInput<typeof signupRecordSchema>;
/** A record whose fields have the right shape (types, formats), before the cross-field rules. */
export type SignupShape = v.InferOutput<typeof signupRecordSchema>;

/** A record that passed every rule, normalised (16-digit NIK, E.164 phone, tidy name). */
export interface ValidSignup extends Omit<SignupShape, "phone" | "address"> {
  phone: string | null;
  address: string | null;
  eventId: string | null;
  sponsorPartnerId: string | null;
  sponsoredFrom: string | null;
  sponsoredUntil: string | null;
  nikParsed: ParsedNik;
  nikMasked: string;
  /** `YYYY-MM` of `recordedAt` in the venue's time zone: the month the sign-up counts in. */
  signupMonth: string;
  contribution: ContributionBreakdown;
}

/** A finding that does not stop the record (unknown NIK region, a confirmed mismatch). */
export interface SignupWarning {
  path: string;
  code: string;
  message: string;
}

/**
 * The outcome for one record. `shape` is the record with well-formed fields, present whenever
 * the field schema passed — also when a cross-field rule failed — so a replay can be
 * recognised by its fingerprint even if a rule that depends on the date would now refuse it.
 */
export type SignupValidation =
  | { ok: true; value: ValidSignup; shape: SignupShape; warnings: SignupWarning[] }
  | { ok: false; issues: FieldIssue[]; shape: SignupShape | null; warnings: SignupWarning[] };

/** What the rules need beyond the record. Lookups answer `undefined` when they cannot tell (offline). */
export interface SignupValidationContext {
  now: Date;
  rules: readonly ContributionRuleSet[];
  discounts: readonly DiscountRule[];
  /** The venue's (or, for a list, the office's) time zone. */
  timeZone: TimeZone;
  /** Capture at an event: the event is required. Lists may come without one. */
  requireEvent?: boolean;
  /** Is this Kemendagri code (village, district) on the current list? */
  isKnownArea?: (code: string) => boolean | undefined;
  /** The paying organisation's type, `null` when there is no such organisation. */
  sponsorType?: (partnerId: string) => PartnerType | null | undefined;
}

/** Messages for the NIK's structural rejections, by the domain's reason. */
export const NIK_REJECTION_MESSAGES: Record<NikRejection, string> = {
  digits: "NIK hanya boleh berisi angka.",
  length: "NIK harus 16 digit.",
  birth_date: "Tanggal lahir di dalam NIK (digit 7–12) tidak valid.",
  serial: "Nomor urut NIK (4 digit terakhir) tidak boleh 0000.",
};

const PHONE_MESSAGES: Record<PhoneRejection, string> = {
  empty: "Nomor HP kosong.",
  characters: "Nomor HP hanya boleh berisi angka, spasi, tanda hubung dan +.",
  foreign_country_code: "Nomor HP harus nomor Indonesia (+62).",
  not_mobile: "Nomor HP harus nomor seluler (diawali 08 atau +628).",
  too_short: "Nomor HP terlalu pendek.",
  too_long: "Nomor HP terlalu panjang.",
};

/** Messages for a NIK that disagrees with the entered birth date or sex. */
export const NIK_MISMATCH_MESSAGES: Record<NikMismatch["code"], string> = {
  birth_date_mismatch: "Tanggal lahir tidak sama dengan tanggal lahir di NIK. Periksa KTP.",
  birth_day_month_swapped: "Tanggal dan bulan lahir tertukar dibanding NIK. Periksa KTP.",
  birth_century_mismatch: "Abad tahun lahir berbeda dengan NIK. Periksa KTP.",
  sex_mismatch: "Jenis kelamin tidak sama dengan NIK (tanggal lahir perempuan di NIK ditambah 40).",
};

/** Codes for valibot's own checks, so every issue carries one of our codes. */
function codeOfIssue(issue: v.BaseIssue<unknown>): string {
  if (issue.kind === "schema") {
    if (issue.received === "undefined") return "required";
    return issue.type === "picklist" ? "invalid_choice" : "invalid_type";
  }
  switch (issue.type) {
    case "non_empty":
      return "required";
    case "min_length":
      return "too_short";
    case "max_length":
      return "too_long";
    case "picklist":
      return "invalid_choice";
    case "uuid":
      return "invalid_uuid";
    case "iso_date":
    case "check":
      return "invalid_date";
    case "iso_timestamp":
      return "invalid_timestamp";
    default:
      return "invalid_format";
  }
}

function pathOf(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? []).map((seg) => String(seg.key)).join(".") || "(root)";
}

const issue = (path: string, code: string, message: string): FieldIssue => ({ path, code, message });

function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * Validates one sign-up record. Runs the field schema, then the rules that span fields or
 * need context: NIK structure and agreement with birth date and sex, working age, phone,
 * village, payer and sponsor, sponsored period, consent, recording time, and the
 * contribution from the rules in force for the sign-up month.
 *
 * Returns every issue found (one per field at most), or the normalised record with any
 * warnings (an unknown NIK region is a warning: NIKs issued before a regency split keep the
 * old code).
 */
export function validateSignupRecord(input: unknown, ctx: SignupValidationContext): SignupValidation {
  const warnings: SignupWarning[] = [];
  const parsed = v.safeParse(signupRecordSchema, input, { abortPipeEarly: true });
  const issues: FieldIssue[] = [];
  if (!parsed.success) {
    const seen = new Set<string>();
    for (const i of parsed.issues) {
      const path = pathOf(i);
      if (seen.has(path)) continue;
      seen.add(path);
      issues.push(issue(path, codeOfIssue(i), i.message));
    }
    // Without a well-formed record the cross-field rules would only repeat these issues.
    if (!parsed.output || typeof input !== "object" || input === null)
      return { ok: false, issues, shape: null, warnings };
  }
  const r = parsed.output as SignupShape;
  const shape = parsed.success ? parsed.output : null;
  const bad = new Set(issues.map((i) => i.path));
  const add = (path: string, code: string, message: string) => {
    if (bad.has(path)) return;
    bad.add(path);
    issues.push(issue(path, code, message));
  };

  const today = dateInTimeZone(ctx.now, ctx.timeZone);

  if (ctx.requireEvent && !r.eventId && !bad.has("eventId")) add("eventId", "required", "Pilih kegiatan.");

  // NIK: structure, then agreement with what the officer typed from the KTP.
  let nik: ParsedNik | null = null;
  if (!bad.has("nik")) {
    const result = parseNik(r.nik, today);
    if (result.ok) nik = result;
    else add("nik", `nik_${result.reason}`, NIK_REJECTION_MESSAGES[result.reason]);
  }
  if (nik) {
    const mismatches = compareNikWithEntered(nik, {
      birthDate: bad.has("birthDate") ? null : r.birthDate,
      sex: bad.has("sex") ? null : r.sex,
    });
    for (const m of mismatches) {
      if (r.identityConfirmed)
        warnings.push({ path: m.field, code: m.code, message: NIK_MISMATCH_MESSAGES[m.code] });
      else add(m.field, m.code, NIK_MISMATCH_MESSAGES[m.code]);
    }
    const regionKnown = ctx.isKnownArea?.(nik.districtCode);
    if (regionKnown === false) {
      warnings.push({
        path: "nik",
        code: "unknown_region",
        message:
          "Kode wilayah NIK tidak ada di daftar Kemendagri saat ini (mungkin wilayah sebelum pemekaran).",
      });
    }
  }

  if (!bad.has("birthDate")) {
    if (compareIso(r.birthDate, today) > 0)
      add("birthDate", "birth_date_future", "Tanggal lahir di masa depan.");
    else if (ageOn(r.birthDate, today) < MIN_WORKING_AGE)
      add("birthDate", "below_working_age", `Peserta harus berusia minimal ${MIN_WORKING_AGE} tahun.`);
    else if (ageOn(r.birthDate, today) > 99)
      add("birthDate", "implausible_age", "Usia lebih dari 99 tahun. Periksa tanggal lahir.");
  }

  let phone: string | null = null;
  if (!bad.has("phone") && r.phone) {
    const result = normalizeIndonesianMobile(r.phone);
    if (result.ok) phone = result.e164;
    else add("phone", `phone_${result.reason}`, PHONE_MESSAGES[result.reason]);
  }

  if (!bad.has("villageCode") && ctx.isKnownArea?.(r.villageCode) === false)
    add("villageCode", "unknown_village", "Desa/kelurahan tidak ada di daftar Kemendagri.");

  // Who pays: self-payers name nobody; sponsors must be the right kind of organisation.
  const sponsorId = r.sponsorPartnerId ?? null;
  if (!bad.has("payer")) {
    if (r.payer === "self") {
      if (sponsorId)
        add("sponsorPartnerId", "not_allowed", "Peserta mandiri tidak memiliki organisasi pembayar.");
      if (r.sponsoredFrom)
        add("sponsoredFrom", "not_allowed", "Peserta mandiri tidak memiliki masa tanggungan.");
      if (r.sponsoredUntil)
        add("sponsoredUntil", "not_allowed", "Peserta mandiri tidak memiliki masa tanggungan.");
    } else {
      if (!sponsorId && SPONSOR_REQUIRED.includes(r.payer))
        add("sponsorPartnerId", "required", "Pilih organisasi yang membayar iuran.");
      if (sponsorId && !bad.has("sponsorPartnerId")) {
        const type = ctx.sponsorType?.(sponsorId);
        if (type === null) add("sponsorPartnerId", "unknown_sponsor", "Organisasi pembayar tidak ditemukan.");
        else if (type !== undefined && !SPONSOR_TYPES_BY_PAYER[r.payer].includes(type))
          add(
            "sponsorPartnerId",
            "sponsor_type_mismatch",
            "Jenis organisasi tidak sesuai dengan pembayar yang dipilih.",
          );
      }
      if (PERIOD_REQUIRED.includes(r.payer)) {
        if (!r.sponsoredFrom) add("sponsoredFrom", "required", "Isi awal masa tanggungan.");
        if (!r.sponsoredUntil) add("sponsoredUntil", "required", "Isi akhir masa tanggungan.");
      }
      if (r.sponsoredFrom && r.sponsoredUntil && !bad.has("sponsoredFrom") && !bad.has("sponsoredUntil")) {
        const from = monthOfDate(r.sponsoredFrom);
        const until = monthOfDate(r.sponsoredUntil);
        if (compareIso(r.sponsoredUntil, r.sponsoredFrom) < 0)
          add("sponsoredUntil", "period_order", "Akhir masa tanggungan sebelum awalnya.");
        else if (monthsBetween(from, until) >= MAX_SPONSORED_MONTHS)
          add(
            "sponsoredUntil",
            "period_too_long",
            `Masa tanggungan paling lama ${MAX_SPONSORED_MONTHS} bulan.`,
          );
      }
    }
  }

  // Consent is required, to a published wording that was in force when it was given.
  if (!bad.has("consentGiven") && r.consentGiven !== true)
    add("consentGiven", "consent_required", "Peserta harus menyetujui pemrosesan data pribadi.");
  const nowMs = ctx.now.getTime();
  if (!bad.has("consentVersion")) {
    const text = consentByVersion(r.consentVersion);
    if (!text) add("consentVersion", "unknown_consent_version", "Versi teks persetujuan tidak dikenal.");
    else if (
      !bad.has("consentAt") &&
      compareIso(dateInTimeZone(r.consentAt, ctx.timeZone), text.effectiveFrom) < 0
    )
      add(
        "consentVersion",
        "consent_not_in_force",
        "Teks persetujuan ini belum berlaku pada waktu persetujuan.",
      );
  }
  if (!bad.has("consentAt") && Date.parse(r.consentAt) > nowMs + CLOCK_SKEW_MS)
    add("consentAt", "in_future", "Waktu persetujuan di masa depan. Periksa jam perangkat.");

  if (!bad.has("recordedAt")) {
    const at = Date.parse(r.recordedAt);
    if (at > nowMs + CLOCK_SKEW_MS)
      add("recordedAt", "in_future", "Waktu pencatatan di masa depan. Periksa jam perangkat.");
    else if (at < nowMs - MAX_RECORD_AGE_DAYS * 86_400_000)
      add("recordedAt", "too_old", "Catatan lebih dari satu tahun; daftarkan ulang peserta.");
  }

  // The contribution for the sign-up month, from the rules in force then.
  let contribution: ContributionBreakdown | null = null;
  let signupMonth = "";
  if (!bad.has("recordedAt")) {
    signupMonth = monthInTimeZone(r.recordedAt, ctx.timeZone);
    if (!bad.has("incomeBand") && !bad.has("occupation") && !bad.has("payer")) {
      try {
        contribution = computeContribution({
          rules: ctx.rules,
          discounts: ctx.discounts,
          month: signupMonth,
          bandCode: r.incomeBand,
          programmes: { jht: r.jht },
          sector: sectorForOccupation(r.occupation),
          payer: r.payer,
          standing: "new",
        });
      } catch (err) {
        if (!(err instanceof ContributionError)) throw err;
        if (err.code === "unknown_band")
          add("incomeBand", "unknown_band", "Golongan penghasilan tidak ada pada aturan iuran yang berlaku.");
        else
          add("recordedAt", "no_contribution_rule", "Tidak ada aturan iuran yang berlaku untuk bulan ini.");
      }
    }
  }

  if (issues.length > 0 || !nik || !contribution || !shape) return { ok: false, issues, shape, warnings };
  return {
    ok: true,
    warnings,
    shape,
    value: {
      ...r,
      nik: nik.nik,
      eventId: r.eventId ?? null,
      phone,
      address: r.address ? r.address : null,
      sponsorPartnerId: sponsorId,
      sponsoredFrom: r.payer === "self" ? null : (r.sponsoredFrom ?? null),
      sponsoredUntil: r.payer === "self" ? null : (r.sponsoredUntil ?? null),
      nikParsed: nik,
      nikMasked: maskNik(nik.nik),
      signupMonth,
      contribution,
    },
  };
}

/**
 * The fields that make a record's identity for idempotency, in a fixed order, with the NIK
 * replaced by its keyed hash — so the fingerprint (`signups.payload_hash`) of a replayed
 * record matches, a different record under the same UUID does not, and the fingerprint
 * itself reveals no NIK. `nikHash` is the vault's HMAC of the NIK's digits.
 */
export function signupFingerprintSource(value: SignupShape, nikHash: string): string {
  return JSON.stringify([
    value.id,
    value.eventId,
    nikHash,
    value.fullName,
    value.sex,
    value.birthDate,
    value.phone,
    value.occupation,
    value.villageCode,
    value.address,
    value.incomeBand,
    value.jht,
    value.payer,
    value.sponsorPartnerId,
    value.sponsoredFrom,
    value.sponsoredUntil,
    value.consentVersion,
    value.consentAt,
    value.recordedAt,
    value.identityConfirmed,
  ]);
}

/** The default sponsored period shown on the tablet: this month and the next five (a CSR's 6 months). */
export function defaultSponsoredPeriod(today: string, months = 6): { from: string; until: string } {
  const month = today.slice(0, 7);
  const last = addMonths(month, months - 1);
  const [y, m] = last.split("-").map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, until: `${last}-${String(lastDay).padStart(2, "0")}` };
}
