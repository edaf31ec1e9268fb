import type { Principal } from "@jangkau/shared/auth/permissions";
import type { Db } from "@jangkau/shared/db/index";
import { addMonths } from "@jangkau/shared/domain/calendar/index";
import {
  computeContribution,
  type Payer,
  sectorForOccupation,
} from "@jangkau/shared/domain/contribution/index";
import { type FollowupKind, firstNameOf, followupMessage } from "@jangkau/shared/domain/followups/index";
import { formatIndonesianMobile } from "@jangkau/shared/domain/phone/index";
import { dateInTimeZone, type TimeZone } from "@jangkau/shared/domain/timezone/index";
import { officeScope } from "@jangkau/shared/http/scope";
import {
  events,
  followupTasks,
  offices,
  participants,
  partners,
  signups,
  users,
} from "@jangkau/shared/schema/index";
import { and, asc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { ContributionRules } from "../contributions/service.ts";
import type { CallListQuery } from "./validation.ts";

/**
 * The call list: open (or worked) follow-up tasks with what the caller needs to reach the
 * participant, and a ready WhatsApp message.
 *
 * Personal data (UU 27/2022 PDP, DOMAIN.md): staff and managers see the participant's full
 * name, phone and masked NIK for tasks in their offices. A paguyuban coordinator (a partner
 * user) sees only tasks assigned to them, and of those only the first name and the phone —
 * what a call needs — never the NIK, birth date, address or the event.
 */

export interface CallListItem {
  id: string;
  kind: FollowupKind;
  periodKey: string;
  dueDate: string;
  status: "open" | "done" | "cancelled";
  outcome: "paid" | "promised" | "refused" | "unreachable" | null;
  outcomeNote: string | null;
  outcomeAt: string | null;
  assignee: { id: string; name: string } | null;
  participant: {
    id: string;
    name: string;
    phone: string | null;
    /** `62812…` for `https://wa.me/<number>`; null without a phone. */
    whatsapp: string | null;
    /** Staff and managers only. */
    nikMasked?: string;
  };
  /** Staff and managers only. */
  event?: { id: string; title: string } | null;
  monthlyAmount: number;
  message: string;
}

/** The SQL condition for which tasks the principal may see, before the list's own filters. */
export function taskScope(p: Principal): SQL | undefined {
  if (p.role === "partner") return eq(followupTasks.assigneeUserId, p.userId);
  return officeScope(p, followupTasks.officeId);
}

function assigneeCondition(p: Principal, assignee: CallListQuery["assignee"]): SQL | undefined {
  if (p.role === "partner") return undefined;
  const wanted = assignee ?? (p.role === "staff" ? "me" : "all");
  if (wanted === "all") return undefined;
  if (wanted === "me") return eq(followupTasks.assigneeUserId, p.userId);
  if (wanted === "unassigned") return isNull(followupTasks.assigneeUserId);
  return eq(followupTasks.assigneeUserId, wanted);
}

/** The month whose contribution a call asks for, and who would pay it. */
function askedMonth(kind: FollowupKind, periodKey: string, currentMonth: string): string {
  if (kind === "sponsor_ending") return addMonths(periodKey, 1);
  if (kind === "reactivation") return currentMonth;
  return periodKey;
}

const assigneeUsers = alias(users, "assignee");

export async function callList(
  db: Db,
  p: Principal,
  query: CallListQuery,
  ctx: { rules: ContributionRules; now: Date },
): Promise<CallListItem[]> {
  const status = query.status ?? "open";
  const rows = await db
    .select({
      task: followupTasks,
      assigneeName: assigneeUsers.name,
      fullName: participants.fullName,
      phone: participants.phone,
      nikMasked: participants.nikMasked,
      timeZone: participants.timeZone,
      occupation: signups.occupation,
      incomeBand: signups.incomeBand,
      jht: signups.jht,
      payer: signups.payer,
      sponsoredUntil: signups.sponsoredUntil,
      monthlyContribution: signups.monthlyContribution,
      sponsorName: partners.name,
      eventId: events.id,
      eventTitle: events.title,
      officeName: offices.name,
    })
    .from(followupTasks)
    .innerJoin(participants, eq(participants.id, followupTasks.participantId))
    .innerJoin(offices, eq(offices.id, followupTasks.officeId))
    .leftJoin(signups, eq(signups.id, followupTasks.signupId))
    .leftJoin(partners, eq(partners.id, signups.sponsorPartnerId))
    .leftJoin(events, eq(events.id, signups.eventId))
    .leftJoin(assigneeUsers, eq(assigneeUsers.id, followupTasks.assigneeUserId))
    .where(
      and(
        taskScope(p),
        assigneeCondition(p, query.assignee),
        status === "all" ? undefined : eq(followupTasks.status, status),
        query.kind ? eq(followupTasks.kind, query.kind) : undefined,
        query.officeId ? eq(followupTasks.officeId, query.officeId) : undefined,
      ),
    )
    .orderBy(asc(followupTasks.dueDate), asc(followupTasks.kind), asc(participants.fullName))
    .limit(query.limit ?? 500);

  // A coordinator signs as their paguyuban; staff as BPJS Ketenagakerjaan and their office.
  let partnerName: string | null = null;
  if (p.role === "partner" && p.partnerId) {
    const [row] = await db.select({ name: partners.name }).from(partners).where(eq(partners.id, p.partnerId));
    partnerName = row?.name ?? null;
  }
  const isCoordinator = p.role === "partner";

  return rows.map((r) => {
    const t = r.task;
    const currentMonth = dateInTimeZone(ctx.now, r.timeZone as TimeZone).slice(0, 7);
    const month = askedMonth(t.kind, t.periodKey, currentMonth);
    const monthlyAmount = expectedMonthly(ctx.rules, r, month);
    const name = isCoordinator ? firstNameOf(r.fullName) : r.fullName;
    const message = followupMessage({
      kind: t.kind,
      firstName: firstNameOf(r.fullName),
      periodKey: t.periodKey,
      dueDate: t.dueDate,
      monthlyAmount,
      senderName: p.name,
      senderOrganisation: partnerName ?? `BPJS Ketenagakerjaan ${r.officeName}`,
      sponsorName: r.sponsorName,
    });
    const item: CallListItem = {
      id: t.id,
      kind: t.kind,
      periodKey: t.periodKey,
      dueDate: t.dueDate,
      status: t.status,
      outcome: t.outcome,
      outcomeNote: t.outcomeNote,
      outcomeAt: t.outcomeAt,
      assignee: t.assigneeUserId ? { id: t.assigneeUserId, name: r.assigneeName ?? "" } : null,
      participant: {
        id: t.participantId,
        name,
        phone: r.phone,
        whatsapp: r.phone ? r.phone.replace(/\D/g, "") : null,
      },
      monthlyAmount,
      message,
    };
    if (!isCoordinator) {
      item.participant.nikMasked = r.nikMasked;
      item.event = r.eventId ? { id: r.eventId, title: r.eventTitle ?? "" } : null;
    }
    return item;
  });
}

/** What the asked month costs: the rules for the sign-up's band, the payer after the sponsorship. */
function expectedMonthly(
  rules: ContributionRules,
  r: {
    occupation: string | null;
    incomeBand: string | null;
    jht: boolean | null;
    payer: Payer | null;
    sponsoredUntil: string | null;
    monthlyContribution: number | null;
  },
  month: string,
): number {
  if (!r.incomeBand || !r.occupation) return r.monthlyContribution ?? 0;
  const sponsored = r.sponsoredUntil !== null && month <= r.sponsoredUntil.slice(0, 7);
  const payer: Payer = r.payer === "paguyuban" || sponsored ? (r.payer ?? "self") : "self";
  try {
    return computeContribution({
      rules: rules.rules,
      discounts: rules.discounts,
      month,
      bandCode: r.incomeBand,
      programmes: { jht: r.jht ?? false },
      sector: sectorForOccupation(r.occupation),
      payer,
      standing: "active",
    }).total;
  } catch {
    return r.monthlyContribution ?? 0;
  }
}

/** Rows of the CSV download, in Bahasa Indonesia; phones in the local form (no leading `+`). */
export function callListCsvRows(items: readonly CallListItem[]) {
  const KIND: Record<FollowupKind, string> = {
    payment_reminder: "Pengingat bayar",
    arrears: "Tunggakan",
    sponsor_ending: "Tanggungan berakhir",
    reactivation: "Aktivasi kembali",
  };
  return items.map((i) => ({
    jenis: KIND[i.kind],
    bulan: i.periodKey,
    jatuh_tempo: i.dueDate,
    nama: i.participant.name,
    telepon: i.participant.phone ? formatIndonesianMobile(i.participant.phone) : "",
    iuran: i.monthlyAmount,
    petugas: i.assignee?.name ?? "",
    status: i.status,
    hasil: i.outcome ?? "",
    catatan: i.outcomeNote ?? "",
    pesan: i.message,
  }));
}

/** Tasks by id that the principal may work on (scope in SQL). */
export function tasksInScope(db: Db, p: Principal, ids: readonly string[]) {
  return db
    .select()
    .from(followupTasks)
    .where(and(inArray(followupTasks.id, [...ids]), taskScope(p)));
}
