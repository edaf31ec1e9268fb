import type { TimeZone } from "@jangkau/shared/domain/timezone/index";
import type { events, SignupStatus } from "@jangkau/shared/schema/index";
import type { PartnerType } from "@jangkau/shared/schema/signups/validation";
import type { InStatement, ResultSet, Row } from "@libsql/client";
import type { RecordedSignup } from "./service.ts";

/**
 * What planning a batch of sign-ups reads about its records, as plain libSQL statements run in
 * one `batch()`: the events (and whether the caller is assigned to each), the known area
 * codes, the sponsors, the sign-ups already stored under the records' UUIDs, and the
 * participants already known by NIK hash. On the hot path of every sign-up, building these
 * through the query builder cost more than running them (5 % of the single-POST profile).
 * Column names follow the schema (`packages/shared/src/schema`); each row is typed by its mapper.
 */

export interface PlanEvent {
  id: string;
  title: string;
  officeId: string;
  campaignId: string | null;
  status: (typeof events.$inferSelect)["status"];
  timeZone: TimeZone;
  areaCode: string;
  assigned: number;
}

/** A sign-up already stored under one of the records' UUIDs, with the fingerprint of its payload. */
export interface StoredSignup extends RecordedSignup {
  payloadHash: string;
}

/** A participant known by NIK hash, with their live (not rejected) sign-up if any. */
export interface KnownParticipant {
  participantId: string;
  /** Whether the caller is assigned to the event of the live sign-up (staff scope). */
  callerAssigned: number;
  nikHash: string;
  signupId: string | null;
  officeId: string | null;
  recordedBy: string | null;
  eventId: string | null;
  recordedAt: string | null;
  eventTitle: string | null;
  eventTimeZone: TimeZone | null;
}

/** `(?, ?, …)` for a list, or `('')` — matching nothing — for an empty one. */
const list = (values: readonly string[]) => ({
  sql: values.length ? `(${values.map(() => "?").join(", ")})` : "('')",
  args: [...values],
});

const str = (row: Row, column: string) => row[column] as string;
const strOrNull = (row: Row, column: string) => (row[column] ?? null) as string | null;
const num = (row: Row, column: string) => Number(row[column]);

export function eventsStatement(ids: readonly string[], callerId: string): InStatement {
  const { sql, args } = list(ids);
  return {
    sql:
      "select e.id, e.title, e.office_id, e.campaign_id, e.status, e.time_zone, e.area_code, " +
      "exists (select 1 from event_staff es where es.event_id = e.id and es.user_id = ?) as assigned " +
      `from events e where e.id in ${sql}`,
    args: [callerId, ...args],
  };
}

export const eventsOf = (rs: ResultSet): PlanEvent[] =>
  rs.rows.map((r) => ({
    id: str(r, "id"),
    title: str(r, "title"),
    officeId: str(r, "office_id"),
    campaignId: strOrNull(r, "campaign_id"),
    status: str(r, "status") as PlanEvent["status"],
    timeZone: str(r, "time_zone") as TimeZone,
    areaCode: str(r, "area_code"),
    assigned: num(r, "assigned"),
  }));

export function areasStatement(codes: readonly string[]): InStatement {
  const { sql, args } = list(codes);
  return { sql: `select code from areas where code in ${sql}`, args };
}

export const areaCodesOf = (rs: ResultSet): string[] => rs.rows.map((r) => str(r, "code"));

export function sponsorsStatement(ids: readonly string[]): InStatement {
  const { sql, args } = list(ids);
  return { sql: `select id, type from partners where id in ${sql}`, args };
}

export const sponsorsOf = (rs: ResultSet): { id: string; type: PartnerType }[] =>
  rs.rows.map((r) => ({ id: str(r, "id"), type: str(r, "type") as PartnerType }));

export function storedSignupsStatement(ids: readonly string[]): InStatement {
  const { sql, args } = list(ids);
  return {
    sql:
      "select s.id, s.participant_id, s.payload_hash, s.status, s.event_id, s.signup_month, s.recorded_at, " +
      "s.monthly_contribution, s.contribution_rule_id, s.discount_id, p.nik_masked " +
      `from signups s join participants p on p.id = s.participant_id where s.id in ${sql}`,
    args,
  };
}

export const storedSignupsOf = (rs: ResultSet): StoredSignup[] =>
  rs.rows.map((r) => ({
    id: str(r, "id"),
    participantId: str(r, "participant_id"),
    payloadHash: str(r, "payload_hash"),
    status: str(r, "status") as SignupStatus,
    eventId: strOrNull(r, "event_id"),
    signupMonth: str(r, "signup_month"),
    recordedAt: str(r, "recorded_at"),
    monthlyContribution: num(r, "monthly_contribution"),
    contributionRuleId: str(r, "contribution_rule_id"),
    discountId: strOrNull(r, "discount_id"),
    nikMasked: str(r, "nik_masked"),
  }));

/** Participants by NIK hash, each with their live sign-up if any — the duplicate check's read. */
export function knownParticipantsStatement(hashes: readonly string[], callerId: string): InStatement {
  const { sql, args } = list(hashes);
  return {
    sql:
      "select p.id as participant_id, " +
      "exists (select 1 from event_staff es where es.event_id = s.event_id and es.user_id = ?) as caller_assigned, " +
      "p.nik_hash, s.id as signup_id, s.office_id, s.recorded_by, s.event_id, s.recorded_at, " +
      "e.title as event_title, e.time_zone as event_time_zone " +
      "from participants p " +
      "left join signups s on s.participant_id = p.id and s.status <> 'rejected' " +
      "left join events e on e.id = s.event_id " +
      `where p.nik_hash in ${sql}`,
    args: [callerId, ...args],
  };
}

export const knownParticipantsOf = (rs: ResultSet): KnownParticipant[] =>
  rs.rows.map((r) => ({
    participantId: str(r, "participant_id"),
    callerAssigned: num(r, "caller_assigned"),
    nikHash: str(r, "nik_hash"),
    signupId: strOrNull(r, "signup_id"),
    officeId: strOrNull(r, "office_id"),
    recordedBy: strOrNull(r, "recorded_by"),
    eventId: strOrNull(r, "event_id"),
    recordedAt: strOrNull(r, "recorded_at"),
    eventTitle: strOrNull(r, "event_title"),
    eventTimeZone: strOrNull(r, "event_time_zone") as TimeZone | null,
  }));
