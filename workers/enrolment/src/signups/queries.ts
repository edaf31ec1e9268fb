import type { Principal } from "@jangkau/shared/auth/permissions";
import type { Db } from "@jangkau/shared/db/index";
import { NotFoundError } from "@jangkau/shared/errors";
import {
  areas,
  auditLog,
  events,
  participants,
  partners,
  type SignupStatus,
  signups,
  users,
} from "@jangkau/shared/schema/index";
import { and, asc, count, desc, eq, isNotNull, type SQL } from "drizzle-orm";
import { signupReadScope } from "./scope.ts";

export interface SignupListFilter {
  eventId?: string;
  status?: SignupStatus;
  month?: string;
  page: number;
  pageSize: number;
}

/**
 * Sign-ups in the caller's scope, newest first, one page at a time — with the masked NIK only,
 * and the events that have sign-ups in scope (for the filter).
 */
export async function listSignups(db: Db, p: Principal, f: SignupListFilter) {
  const scope = signupReadScope(p);
  const where: SQL | undefined = and(
    scope,
    f.eventId ? eq(signups.eventId, f.eventId) : undefined,
    f.status ? eq(signups.status, f.status) : undefined,
    f.month ? eq(signups.signupMonth, f.month) : undefined,
  );
  const [items, [total], eventFacets] = await db.batch([
    db
      .select({
        id: signups.id,
        status: signups.status,
        version: signups.version,
        nikMasked: participants.nikMasked,
        fullName: participants.fullName,
        sex: participants.sex,
        occupation: signups.occupation,
        payer: signups.payer,
        source: signups.source,
        eventId: signups.eventId,
        eventTitle: events.title,
        timeZone: events.timeZone,
        signupMonth: signups.signupMonth,
        recordedAt: signups.recordedAt,
        monthlyContribution: signups.monthlyContribution,
        kpj: participants.kpj,
      })
      .from(signups)
      .innerJoin(participants, eq(participants.id, signups.participantId))
      .leftJoin(events, eq(events.id, signups.eventId))
      .where(where)
      .orderBy(desc(signups.recordedAt), desc(signups.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(signups).where(where),
    db
      .selectDistinct({ id: events.id, title: events.title, startsAt: events.startsAt })
      .from(signups)
      .innerJoin(events, eq(events.id, signups.eventId))
      .where(and(scope, isNotNull(signups.eventId)))
      .orderBy(desc(events.startsAt))
      .limit(100),
  ]);
  return {
    items,
    total: total?.n ?? 0,
    page: f.page,
    pageSize: f.pageSize,
    events: eventFacets.map((e) => ({ id: e.id, title: e.title })),
  };
}

/** One sign-up in scope with its participant (masked NIK), event, sponsor and history. */
export async function signupDetail(db: Db, p: Principal, id: string) {
  const [row] = await db
    .select({
      signup: signups,
      participant: {
        id: participants.id,
        nikMasked: participants.nikMasked,
        fullName: participants.fullName,
        sex: participants.sex,
        birthDate: participants.birthDate,
        phone: participants.phone,
        villageCode: participants.villageCode,
        address: participants.address,
        kpj: participants.kpj,
      },
      eventTitle: events.title,
      eventTimeZone: events.timeZone,
      sponsorName: partners.name,
      villageName: areas.name,
    })
    .from(signups)
    .innerJoin(participants, eq(participants.id, signups.participantId))
    .leftJoin(events, eq(events.id, signups.eventId))
    .leftJoin(partners, eq(partners.id, signups.sponsorPartnerId))
    .leftJoin(areas, eq(areas.code, participants.villageCode))
    .where(and(eq(signups.id, id), signupReadScope(p)));
  if (!row) throw new NotFoundError("signup_not_found", "Pendaftaran tidak ditemukan.");
  const history = await db
    .select({ at: auditLog.at, action: auditLog.action, actorName: users.name, details: auditLog.details })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.entity, "signup"), eq(auditLog.entityId, id)))
    .orderBy(asc(auditLog.at));
  const { payloadHash: _fingerprint, ...signup } = row.signup;
  return {
    signup,
    participant: row.participant,
    event: signup.eventId ? { id: signup.eventId, title: row.eventTitle, timeZone: row.eventTimeZone } : null,
    sponsorName: row.sponsorName,
    villageName: row.villageName,
    history,
  };
}
