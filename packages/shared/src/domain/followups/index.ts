/**
 * Which follow-up calls a participant's payment status implies, and the ready message a
 * caller sends over WhatsApp. Pure: the enrolment worker stores the tasks (one per
 * participant, kind and period, so generating twice changes nothing).
 *
 * - `payment_reminder` — the paid period ends this month (or the first payment is still due
 *   in the sign-up month): pay the next month before protection ends.
 * - `arrears` — 1–3 months behind: the months can still be paid until the deadline.
 * - `sponsor_ending` — a CSR/APBD/paguyuban sponsorship ends within 30 days: switch to self-pay.
 * - `reactivation` — lapsed (or never paid): participation can resume with the same NIK, no fine.
 */
import {
  addMonths,
  compareIso,
  daysBetween,
  type IsoDate,
  lastDayOfMonth,
  parseIsoDate,
  parseYearMonth,
  type YearMonth,
} from "../calendar/index.ts";
import { MAX_ARREARS_MONTHS, type ParticipantStatusResult } from "../retention/index.ts";

export type FollowupKind = "payment_reminder" | "arrears" | "sponsor_ending" | "reactivation";

/** Days before the paid period ends when the reminder is due to be made. */
export const REMINDER_DAYS_BEFORE_END = 7;

/** A follow-up a participant's status calls for. */
export interface FollowupPlan {
  kind: FollowupKind;
  /**
   * The month the task is about, which keeps generation idempotent: the month to be paid
   * (reminder), the first unpaid month (arrears, reactivation), the last sponsored month.
   */
  periodKey: YearMonth;
  /** The last day to act: end of protection, arrears deadline, end of sponsorship. */
  dueDate: IsoDate;
}

export interface FollowupInput {
  status: ParticipantStatusResult;
  signupMonth: YearMonth;
  /** The as-of month the status was computed for (the participant's current month). */
  asOfMonth: YearMonth;
  /** Today in the participant's time zone, inside `asOfMonth`. */
  today: IsoDate;
  reminderDays?: number;
}

/** True when a sponsor (CSR, APBD, paguyuban programme) pays for `month`. */
function sponsorPays(status: ParticipantStatusResult, month: YearMonth): boolean {
  return status.sponsoredUntil !== null && compareIso(month, status.sponsoredUntil) <= 0;
}

/** Last day on which months from `firstUnpaid` on may still be paid as arrears. */
export function arrearsDeadline(firstUnpaid: YearMonth): IsoDate {
  return lastDayOfMonth(addMonths(firstUnpaid, MAX_ARREARS_MONTHS - 1));
}

/**
 * The follow-ups a participant's status implies today. Months a sponsor pays for raise no
 * reminder or arrears call to the worker (the sponsor's payment is awaited instead); the end
 * of the sponsorship does. At most one task per kind.
 */
export function followupsFor(input: FollowupInput): FollowupPlan[] {
  const { status, signupMonth, asOfMonth, today } = input;
  const reminderDays = input.reminderDays ?? REMINDER_DAYS_BEFORE_END;
  const plans: FollowupPlan[] = [];
  const firstUnpaid = status.paidThrough === null ? signupMonth : addMonths(status.paidThrough, 1);

  switch (status.status) {
    case "registered":
      if (sponsorPays(status, firstUnpaid)) break;
      if (asOfMonth === signupMonth) {
        plans.push({
          kind: "payment_reminder",
          periodKey: signupMonth,
          dueDate: lastDayOfMonth(signupMonth),
        });
      } else {
        plans.push({ kind: "arrears", periodKey: firstUnpaid, dueDate: arrearsDeadline(firstUnpaid) });
      }
      break;
    case "active": {
      const paidThrough = status.paidThrough as YearMonth;
      const periodEnd = lastDayOfMonth(paidThrough);
      if (
        paidThrough === asOfMonth &&
        daysBetween(today, periodEnd) <= reminderDays &&
        !sponsorPays(status, firstUnpaid)
      ) {
        plans.push({ kind: "payment_reminder", periodKey: firstUnpaid, dueDate: periodEnd });
      }
      break;
    }
    case "in_arrears":
      if (!sponsorPays(status, firstUnpaid)) {
        plans.push({ kind: "arrears", periodKey: firstUnpaid, dueDate: arrearsDeadline(firstUnpaid) });
      }
      break;
    case "lapsed":
    case "never_paid":
      plans.push({ kind: "reactivation", periodKey: firstUnpaid, dueDate: lastDayOfMonth(asOfMonth) });
      break;
  }

  if (
    status.sponsorEndingWithinDays !== undefined &&
    status.sponsoredUntil !== null &&
    (status.paidThrough === null || compareIso(status.paidThrough, status.sponsoredUntil) <= 0)
  ) {
    plans.push({
      kind: "sponsor_ending",
      periodKey: status.sponsoredUntil,
      dueDate: lastDayOfMonth(status.sponsoredUntil),
    });
  }
  return plans;
}

const MONTHS_ID = [
  "Januari",
  "Februari",
  "Maret",
  "April",
  "Mei",
  "Juni",
  "Juli",
  "Agustus",
  "September",
  "Oktober",
  "November",
  "Desember",
] as const;

/** `"2026-05"` → `"Mei 2026"`. */
export function indonesianMonth(month: YearMonth): string {
  const { year, month: m } = parseYearMonth(month);
  return `${MONTHS_ID[m - 1]} ${year}`;
}

/** `"2026-05-31"` → `"31 Mei 2026"`. */
export function indonesianDate(date: IsoDate): string {
  const { year, month, day } = parseIsoDate(date);
  return `${day} ${MONTHS_ID[month - 1]} ${year}`;
}

/** `16800` → `"Rp16.800"`, as Indonesians write it. */
export function rupiahText(amount: number): string {
  const digits = String(Math.round(Math.abs(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${amount < 0 ? "-" : ""}Rp${digits}`;
}

/** What a message needs; the first name only — the message leaves the system on a phone. */
export interface FollowupMessageInput {
  kind: FollowupKind;
  firstName: string;
  periodKey: YearMonth;
  dueDate: IsoDate;
  /** The monthly contribution the participant is expected to pay. */
  monthlyAmount: number;
  /** Who sends it: the staff member or paguyuban coordinator… */
  senderName: string;
  /** …and for whom: "BPJS Ketenagakerjaan Kantor Cabang Blitar", or the paguyuban's name. */
  senderOrganisation: string;
  /** The sponsor's name, for `sponsor_ending`. */
  sponsorName?: string | null;
}

const PAY_CHANNELS = "Pembayaran dapat melalui aplikasi JMO, kantor pos, minimarket, atau bank mitra.";

/**
 * The ready WhatsApp text of a follow-up, in Bahasa Indonesia. Holds the first name and
 * amounts only — never a NIK, birth date or address.
 */
export function followupMessage(m: FollowupMessageInput): string {
  const hello = `Halo Bapak/Ibu ${m.firstName},`;
  const sign = `Salam, ${m.senderName} — ${m.senderOrganisation}`;
  const amount = rupiahText(m.monthlyAmount);
  let body: string;
  switch (m.kind) {
    case "payment_reminder":
      body =
        `iuran BPJS Ketenagakerjaan Anda untuk bulan ${indonesianMonth(m.periodKey)} sebesar ${amount} ` +
        `dapat dibayar paling lambat ${indonesianDate(m.dueDate)} agar perlindungan kecelakaan kerja dan kematian tetap berlaku. ` +
        PAY_CHANNELS;
      break;
    case "arrears":
      body =
        `iuran BPJS Ketenagakerjaan Anda belum tercatat sejak bulan ${indonesianMonth(m.periodKey)}. ` +
        `Tunggakan (${amount} per bulan) masih dapat dibayar sampai ${indonesianDate(m.dueDate)} ` +
        `agar kepesertaan Anda tidak berhenti. ${PAY_CHANNELS}`;
      break;
    case "sponsor_ending":
      body =
        `iuran BPJS Ketenagakerjaan Anda dibayar oleh ${m.sponsorName ?? "program bantuan iuran"} ` +
        `sampai bulan ${indonesianMonth(m.periodKey)}. Mulai bulan ${indonesianMonth(addMonths(m.periodKey, 1))} ` +
        `iuran ${amount} per bulan perlu dibayar sendiri atau melalui paguyuban agar perlindungan tidak terputus. ` +
        PAY_CHANNELS;
      break;
    case "reactivation":
      body =
        "kepesertaan BPJS Ketenagakerjaan Anda saat ini tidak aktif. Anda dapat aktif kembali dengan NIK yang sama, " +
        `tanpa denda, cukup dengan membayar iuran ${amount} per bulan. ${PAY_CHANNELS}`;
      break;
  }
  return `${hello} ${body}\n\n${sign}`;
}

/** The first word of a full name, for greetings and coordinators' lists. */
export function firstNameOf(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? "";
}
