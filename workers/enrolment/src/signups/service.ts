import type { Principal } from "@jangkau/shared/auth/permissions";
import type { Db } from "@jangkau/shared/db/index";
import { canRecordSignups } from "@jangkau/shared/domain/events/index";
import { normalizeNik } from "@jangkau/shared/domain/nik/index";
import { dateInTimeZone, type TimeZone, timeZoneForProvince } from "@jangkau/shared/domain/timezone/index";
import type { Env } from "@jangkau/shared/env";
import { type FieldIssue, ForbiddenError, ValidationError } from "@jangkau/shared/errors";
import { newRowId } from "@jangkau/shared/ids";
import { RollupDeltas, type SignupFacts } from "@jangkau/shared/rollups/signups";
import {
  auditLog,
  participants,
  type SignupSource,
  type SignupStatus,
  signups,
} from "@jangkau/shared/schema/index";
import {
  type PartnerType,
  type SignupValidation,
  type SignupWarning,
  signupFingerprintSource,
  type ValidSignup,
  validateSignupRecord,
} from "@jangkau/shared/schema/signups/validation";
import { sha256Hex } from "@jangkau/shared/security/encoding";
import { type NikVault, nikVault } from "@jangkau/shared/security/nik-vault";
import type { InStatement, ResultSet } from "@libsql/client";
import { toSnakeCase } from "drizzle-orm/casing";
import {
  areaCodesOf,
  areasStatement,
  eventsOf,
  eventsStatement,
  type KnownParticipant,
  knownParticipantsOf,
  knownParticipantsStatement,
  type PlanEvent,
  type StoredSignup,
  sponsorsOf,
  sponsorsStatement,
  storedSignupsOf,
  storedSignupsStatement,
} from "./plan-reads.ts";
import { insertStatements } from "./raw-insert.ts";
import { signupReference } from "./reference.ts";
import { rollupUpsertStatements } from "./rollups.ts";
import { inSignupReadScope, mayRecordAtEvent } from "./scope.ts";

/** Most records one batch may carry (the tablet sends 25; the importer up to this). */
export const MAX_BATCH_RECORDS = 500;

/** What happened to one record of a batch. */
export type RecordStatus =
  /** Stored now. */
  | "created"
  /** Stored earlier under this UUID with the same payload: nothing written, the stored sign-up returned. */
  | "replayed"
  /** This NIK already has a live sign-up (or an earlier record of this batch has it). */
  | "duplicate_nik"
  /** A field broke a rule; see `issues`. */
  | "invalid"
  /** This UUID was used for a different payload. */
  | "id_conflict"
  /** The event no longer takes sign-ups (cancelled). */
  | "event_closed"
  /** The caller may not record at this event (not assigned, other branch). */
  | "event_forbidden"
  /** The same UUID is being stored by a request still running in this isolate. */
  | "idempotency_in_progress";

/** A stored sign-up as the recorder sees it — the masked NIK only. */
export interface RecordedSignup {
  id: string;
  participantId: string;
  nikMasked: string;
  status: SignupStatus;
  eventId: string | null;
  signupMonth: string;
  recordedAt: string;
  monthlyContribution: number;
  contributionRuleId: string;
  discountId: string | null;
}

/**
 * The existing sign-up a duplicate NIK collided with. Outside the caller's scope only the date
 * is told (the person is enrolled somewhere), nothing about where or by whom.
 */
export interface DuplicateInfo {
  sameScope: boolean;
  /** Local date of the existing sign-up, `YYYY-MM-DD`. */
  signupDate: string;
  eventTitle?: string;
  signupId?: string;
  /** Set when the earlier record is in the same batch. */
  inBatchIndex?: number;
}

export interface RecordResult {
  index: number;
  id: string | null;
  status: RecordStatus;
  issues?: FieldIssue[];
  warnings?: SignupWarning[];
  duplicate?: DuplicateInfo;
  signup?: RecordedSignup;
}

export interface RecordOutcome {
  results: RecordResult[];
  summary: Record<RecordStatus, number>;
}

export interface RecordOptions {
  /** `event` for capture at the venue; list sources for the importer. */
  source: SignupSource;
  now?: Date;
  requestId?: string | null;
  /** Per record, when the records came from different requests (see `group-commit.ts`); else `requestId`. */
  requestIds?: readonly (string | null)[];
  /** The branch that list sign-ups without an event count for (must be in the caller's scope). */
  officeId?: string;
  campaignId?: string | null;
  importBatchId?: string | null;
}

/**
 * UUIDs being stored by a request of this isolate right now. A second request with the same
 * UUID is told `idempotency_in_progress` instead of racing the first. Across isolates the
 * primary key on `signups.id` still allows one row only: the later write fails its batch,
 * which is then planned again and finds the stored row — a replay or an `id_conflict`.
 */
const inFlight = new Set<string>();

const RECORD_STATUSES: RecordStatus[] = [
  "created",
  "replayed",
  "duplicate_nik",
  "invalid",
  "id_conflict",
  "event_closed",
  "event_forbidden",
  "idempotency_in_progress",
];

/** Columns written by the hot path (plain libSQL statements, see `raw-insert.ts`). */
const PARTICIPANT_COLUMNS = [
  "id",
  "nikHash",
  "nikCipher",
  "nikKeyVersion",
  "nikMasked",
  "fullName",
  "sex",
  "birthDate",
  "phone",
  "villageCode",
  "regencyCode",
  "address",
  "timeZone",
  "createdAt",
  "updatedAt",
] as const;
const PERSONAL_COLUMNS = [
  "fullName",
  "sex",
  "birthDate",
  "phone",
  "villageCode",
  "regencyCode",
  "address",
  "timeZone",
] as const;
type PersonalColumn = (typeof PERSONAL_COLUMNS)[number];
const SIGNUP_COLUMNS = [
  "id",
  "participantId",
  "eventId",
  "campaignId",
  "importBatchId",
  "source",
  "officeId",
  "regencyCode",
  "occupation",
  "incomeBand",
  "jht",
  "payer",
  "sponsorPartnerId",
  "sponsoredFrom",
  "sponsoredUntil",
  "monthlyContribution",
  "contributionRuleId",
  "discountId",
  "consentVersion",
  "consentAt",
  "status",
  "signupMonth",
  "recordedAt",
  "recordedBy",
  "payloadHash",
  "createdAt",
  "updatedAt",
] as const;
const AUDIT_COLUMNS = [
  "id",
  "at",
  "actorUserId",
  "action",
  "entity",
  "entityId",
  "details",
  "requestId",
] as const;

/** How many times a batch is planned again after losing a race on a unique key. */
const MAX_ATTEMPTS = 3;

/**
 * Records sign-ups — from a tablet's outbox, a single POST or an imported list — and says per
 * record what happened. One bad record never stops the others; a batch is written with one
 * `db.batch()` (participants, sign-ups, audit entries and rollup cells together) after one
 * read round trip, with NIK hashing and encryption done concurrently.
 *
 * Idempotent per record UUID: the same UUID and payload again → `replayed` with the stored
 * sign-up; the same UUID with another payload → `id_conflict`. A NIK with a live sign-up →
 * `duplicate_nik`, reported for the officer to resolve, never merged.
 *
 * @throws ForbiddenError when a list's office is outside the caller's scope.
 */
export async function recordSignups(
  db: Db,
  env: Pick<Env, "NIK_ENC_KEYS" | "NIK_HMAC_KEY">,
  principal: Principal,
  records: readonly unknown[],
  options: RecordOptions,
): Promise<RecordOutcome> {
  if (options.officeId && principal.role !== "admin" && !principal.officeIds.includes(options.officeId))
    throw new ForbiddenError("office_out_of_scope", "Kantor di luar wilayah kerja Anda.");

  const results: (RecordResult | undefined)[] = new Array(records.length);
  const claimed: string[] = [];
  const rawIds = records.map(rawId);
  for (const [index, id] of rawIds.entries()) {
    if (!id) continue;
    if (inFlight.has(id) && !claimed.includes(id)) {
      results[index] = { index, id, status: "idempotency_in_progress" };
    } else if (!claimed.includes(id)) {
      inFlight.add(id);
      claimed.push(id);
    }
  }
  try {
    const vault = nikVault(env.NIK_ENC_KEYS, env.NIK_HMAC_KEY);
    for (let attempt = 1; ; attempt++) {
      try {
        const done = await planAndWrite(db, vault, principal, records, results, options);
        return { results: done, summary: summarise(done) };
      } catch (err) {
        // Lost a race on a unique key (same UUID or NIK stored meanwhile by another isolate):
        // plan again from the database's current state.
        if (attempt < MAX_ATTEMPTS && isConstraintViolation(err)) continue;
        throw err;
      }
    }
  } finally {
    for (const id of claimed) inFlight.delete(id);
  }
}

/** The record's UUID as sent (lower case), before validation; null when absent or absurd. */
export function rawId(record: unknown): string | null {
  if (typeof record !== "object" || record === null) return null;
  const id = (record as { id?: unknown }).id;
  return typeof id === "string" && id.length <= 64 ? id.toLowerCase() : null;
}

function rawString(record: unknown, key: string): string | null {
  if (typeof record !== "object" || record === null) return null;
  const value = (record as Record<string, unknown>)[key];
  return typeof value === "string" && value.length <= 64 ? value : null;
}

function summarise(results: RecordResult[]): Record<RecordStatus, number> {
  const summary = Object.fromEntries(RECORD_STATUSES.map((s) => [s, 0])) as Record<RecordStatus, number>;
  for (const r of results) summary[r.status] += 1;
  return summary;
}

/** True for SQLite unique/primary-key violations, wherever the driver wrapped them. */
export function isConstraintViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    const message = (e as { message?: unknown }).message;
    if (typeof code === "string" && code.startsWith("SQLITE_CONSTRAINT")) return true;
    if (typeof message === "string" && /UNIQUE constraint failed|SQLITE_CONSTRAINT/.test(message))
      return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

async function planAndWrite(
  db: Db,
  vault: NikVault,
  principal: Principal,
  records: readonly unknown[],
  preset: readonly (RecordResult | undefined)[],
  options: RecordOptions,
): Promise<RecordResult[]> {
  const now = options.now ?? new Date();
  const results = [...preset];

  // What the lookups need, read from the raw records (junk simply finds nothing).
  const nikDigits = records.map((r) => {
    const nik = rawString(r, "nik");
    const digits = nik === null ? null : normalizeNik(nik);
    return digits && /^\d{16}$/.test(digits) ? digits : null;
  });
  const nikHashes = await Promise.all(nikDigits.map((d) => (d ? vault.hash(d) : null)));
  const ids = unique(rawIdsOf(records, results));
  const eventIds = unique(records.map((r) => rawString(r, "eventId")?.toLowerCase() ?? null));
  const areaCodes = unique([
    ...records.map((r) => rawString(r, "villageCode")),
    ...nikDigits.map((d) => (d ? `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}` : null)),
  ]);
  const sponsorIds = unique(records.map((r) => rawString(r, "sponsorPartnerId")?.toLowerCase() ?? null));
  const hashes = unique(nikHashes);

  // One round trip for everything the plan reads about these records; reference data is cached.
  const [reference, [eventRs, areaRs, sponsorRs, storedRs, knownRs]] = await Promise.all([
    signupReference(db),
    db.$client.batch(
      [
        eventsStatement(eventIds, principal.userId),
        areasStatement(areaCodes),
        sponsorsStatement(sponsorIds),
        storedSignupsStatement(ids),
        knownParticipantsStatement(hashes, principal.userId),
      ],
      "read",
    ) as Promise<[ResultSet, ResultSet, ResultSet, ResultSet, ResultSet]>,
  ]);
  const eventRows = eventsOf(eventRs);
  const areaRows = areaCodesOf(areaRs);
  const partnerRows = sponsorsOf(sponsorRs);
  const existingById = storedSignupsOf(storedRs);
  const existingByNik = knownParticipantsOf(knownRs);

  const eventsById = new Map<string, PlanEvent>(eventRows.map((e) => [e.id, e]));
  const knownAreas = new Set(areaRows);
  const sponsorTypes = new Map<string, PartnerType>(partnerRows.map((p) => [p.id, p.type]));
  const officesById = reference.offices;
  const storedById = new Map(existingById.map((s) => [s.id, s]));
  const participantByHash = new Map(existingByNik.map((p) => [p.nikHash, p]));
  const { rules, discounts } = reference;
  const listOffice = options.officeId ? officesById.get(options.officeId) : undefined;
  if (options.officeId && !listOffice)
    throw new ValidationError("Kantor tidak ditemukan.", [
      { path: "officeId", code: "unknown_office", message: "Kantor tidak ditemukan." },
    ]);

  const deltas = new RollupDeltas();
  const participantInserts: (typeof participants.$inferInsert)[] = [];
  const participantUpdates: { id: string; set: Pick<typeof participants.$inferInsert, PersonalColumn> }[] =
    [];
  const signupInserts: (typeof signups.$inferInsert)[] = [];
  const auditInserts: (typeof auditLog.$inferInsert)[] = [];
  const toEncrypt: { row: typeof participants.$inferInsert; nik: string }[] = [];
  /** First record of this batch per UUID and per NIK hash, with its fingerprint. */
  const batchIds = new Map<string, { index: number; fingerprint: string | null }>();
  const batchNiks = new Map<string, number>();
  const writtenAt = now.toISOString();

  const eventOf = (record: unknown) => {
    const eventId = rawString(record, "eventId")?.toLowerCase();
    return eventId ? eventsById.get(eventId) : undefined;
  };
  const validations: (SignupValidation | null)[] = records.map((record, index) =>
    results[index]
      ? null
      : validateSignupRecord(record, {
          now,
          rules,
          discounts,
          timeZone: eventOf(record)?.timeZone ?? listOffice?.timeZone ?? "WIB",
          requireEvent: options.source === "event",
          isKnownArea: (code) => knownAreas.has(code),
          sponsorType: (id) => sponsorTypes.get(id) ?? null,
        }),
  );
  const fingerprints = await Promise.all(
    validations.map((v, index) => {
      const nikHash = nikHashes[index];
      return v?.shape && nikHash ? sha256Hex(signupFingerprintSource(v.shape, nikHash)) : null;
    }),
  );

  for (const [index, record] of records.entries()) {
    const validation = validations[index];
    if (results[index] || !validation) continue;
    const event = eventOf(record);
    const timeZone: TimeZone = event?.timeZone ?? listOffice?.timeZone ?? "WIB";
    const nikHash = nikHashes[index] ?? null;
    const id = validation.shape?.id ?? rawId(record);
    const fingerprint = fingerprints[index] ?? null;

    // The UUID first: a replay is recognised even if a rule that depends on today would now refuse it.
    if (id) {
      const stored = storedById.get(id);
      if (stored) {
        results[index] =
          fingerprint !== null && fingerprint === stored.payloadHash
            ? { index, id, status: "replayed", signup: recordedView(stored) }
            : { index, id, status: "id_conflict" };
        continue;
      }
      const earlier = batchIds.get(id);
      if (earlier) {
        const first = results[earlier.index];
        results[index] =
          fingerprint !== null && fingerprint === earlier.fingerprint && first
            ? { ...first, index, status: first.status === "created" ? "replayed" : first.status }
            : { index, id, status: "id_conflict" };
        continue;
      }
      batchIds.set(id, { index, fingerprint });
    }

    if (!validation.ok) {
      results[index] = {
        index,
        id,
        status: "invalid",
        issues: validation.issues,
        ...(validation.warnings.length ? { warnings: validation.warnings } : {}),
      };
      continue;
    }
    const value = validation.value;
    const warnings = validation.warnings.length ? { warnings: validation.warnings } : {};

    // Where it counts: the event's branch, or the list's office.
    let officeId: string;
    let campaignId: string | null;
    if (value.eventId) {
      if (!event) {
        results[index] = {
          index,
          id,
          status: "invalid",
          issues: [{ path: "eventId", code: "unknown_event", message: "Kegiatan tidak ditemukan." }],
        };
        continue;
      }
      if (!mayRecordAtEvent(principal, event, event.assigned === 1, options.source)) {
        results[index] = { index, id, status: "event_forbidden" };
        continue;
      }
      if (!canRecordSignups(event).ok) {
        results[index] = { index, id, status: "event_closed" };
        continue;
      }
      officeId = event.officeId;
      campaignId = event.campaignId;
    } else if (listOffice) {
      officeId = listOffice.id;
      campaignId = options.campaignId ?? null;
    } else {
      results[index] = {
        index,
        id,
        status: "invalid",
        issues: [{ path: "eventId", code: "required", message: "Pilih kegiatan." }],
      };
      continue;
    }

    // One live sign-up per person: earlier in this batch, or already stored.
    const hash = nikHash as string;
    const earlierNik = batchNiks.get(hash);
    if (earlierNik !== undefined) {
      results[index] = {
        index,
        id,
        status: "duplicate_nik",
        duplicate: {
          sameScope: true,
          signupDate: dateInTimeZone(value.recordedAt, timeZone),
          ...inBatchEarlier(results[earlierNik], eventOf(records[earlierNik])),
          inBatchIndex: earlierNik,
        },
      };
      continue;
    }
    const known = participantByHash.get(hash);
    const duplicate = known ? duplicateInfo(principal, known) : null;
    if (duplicate) {
      results[index] = { index, id, status: "duplicate_nik", duplicate };
      continue;
    }
    batchNiks.set(hash, index);

    const participantId = known?.participantId ?? newRowId();
    const regencyCode = value.villageCode.slice(0, 5);
    const personal = {
      fullName: value.fullName,
      sex: value.sex,
      birthDate: value.birthDate,
      phone: value.phone,
      villageCode: value.villageCode,
      regencyCode,
      address: value.address,
      timeZone: timeZoneForProvince(value.villageCode) ?? timeZone,
    };
    if (known) {
      // Enrolled before, every sign-up since rejected: the person is enrolled again with today's data.
      participantUpdates.push({ id: participantId, set: personal });
    } else {
      const row: typeof participants.$inferInsert = {
        id: participantId,
        nikHash: hash,
        nikCipher: "",
        nikKeyVersion: 0,
        nikMasked: value.nikMasked,
        ...personal,
        createdAt: writtenAt,
        updatedAt: writtenAt,
      };
      participantInserts.push(row);
      toEncrypt.push({ row, nik: value.nik });
    }
    signupInserts.push(
      signupRow(value, writtenAt, {
        participantId,
        officeId,
        campaignId,
        regencyCode,
        fingerprint,
        principal,
        options,
      }),
    );
    auditInserts.push({
      id: newRowId(),
      at: writtenAt,
      actorUserId: principal.userId,
      action: "signup.created",
      entity: "signup",
      entityId: value.id,
      details: {
        source: options.source,
        eventId: value.eventId,
        ...(options.importBatchId ? { importBatchId: options.importBatchId } : {}),
      },
      requestId: options.requestIds?.[index] ?? options.requestId ?? null,
    });
    deltas.insert(factsOf(value, { officeId, campaignId, regencyCode, source: options.source }, officesById));
    results[index] = {
      index,
      id: value.id,
      status: "created",
      ...warnings,
      signup: {
        id: value.id,
        participantId,
        nikMasked: value.nikMasked,
        status: "recorded",
        eventId: value.eventId,
        signupMonth: value.signupMonth,
        recordedAt: value.recordedAt,
        monthlyContribution: value.contribution.total,
        contributionRuleId: value.contribution.ruleSetId,
        discountId: value.contribution.discountId,
      },
    };
  }

  // Encrypt the new NIKs concurrently, then write everything in one batch.
  await Promise.all(
    toEncrypt.map(async ({ row, nik }) => {
      const { cipher, keyVersion } = await vault.encrypt(nik);
      row.nikCipher = cipher;
      row.nikKeyVersion = keyVersion;
    }),
  );
  const statements: InStatement[] = [
    ...insertStatements(participants, PARTICIPANT_COLUMNS, participantInserts),
    ...participantUpdates.map(({ id, set }) => ({
      sql: `update participants set ${PERSONAL_COLUMNS.map((c) => `${toSnakeCase(c)} = ?`).join(", ")}, updated_at = ? where id = ?`,
      args: [...PERSONAL_COLUMNS.map((c) => set[c] ?? null), writtenAt, id],
    })),
    ...insertStatements(signups, SIGNUP_COLUMNS, signupInserts),
    ...insertStatements(auditLog, AUDIT_COLUMNS, auditInserts),
    ...rollupUpsertStatements(deltas),
  ];
  if (statements.length > 0) await db.$client.batch(statements, "write");
  return results as RecordResult[];
}

/** What the caller may learn of the earlier record of the same batch with this NIK: its sign-up and event. */
function inBatchEarlier(earlier: RecordResult | undefined, event: PlanEvent | undefined) {
  return {
    ...(earlier?.signup ? { signupId: earlier.signup.id } : {}),
    ...(event ? { eventTitle: event.title } : {}),
  };
}

function rawIdsOf(
  records: readonly unknown[],
  results: readonly (RecordResult | undefined)[],
): (string | null)[] {
  return records.map((r, i) => (results[i] ? null : rawId(r)));
}

/**
 * What a duplicate NIK tells the caller about the live sign-up it collided with — `null` when
 * the person has none. Within scope: when, where (the event) and which sign-up; outside: the
 * date only.
 */
export function duplicateInfo(principal: Principal, known: KnownParticipant): DuplicateInfo | null {
  if (!known.signupId || !known.officeId || !known.recordedAt) return null;
  const sameScope = inSignupReadScope(
    principal,
    { officeId: known.officeId, recordedBy: known.recordedBy, eventId: known.eventId },
    new Set(known.callerAssigned && known.eventId ? [known.eventId] : []),
  );
  const signupDate = dateInTimeZone(known.recordedAt, known.eventTimeZone ?? "WIB");
  if (!sameScope) return { sameScope, signupDate };
  return {
    sameScope,
    signupDate,
    signupId: known.signupId,
    ...(known.eventTitle ? { eventTitle: known.eventTitle } : {}),
  };
}

function unique<T>(values: readonly (T | null | undefined)[]): T[] {
  return [...new Set(values.filter((v): v is T => v !== null && v !== undefined))];
}

/** The stored sign-up as the recorder sees it (without the payload fingerprint). */
function recordedView({ payloadHash: _, ...signup }: StoredSignup): RecordedSignup {
  return signup;
}

function signupRow(
  value: ValidSignup,
  writtenAt: string,
  at: {
    participantId: string;
    officeId: string;
    campaignId: string | null;
    regencyCode: string;
    fingerprint: string | null;
    principal: Principal;
    options: RecordOptions;
  },
): typeof signups.$inferInsert {
  return {
    id: value.id,
    participantId: at.participantId,
    eventId: value.eventId,
    campaignId: at.campaignId,
    importBatchId: at.options.importBatchId ?? null,
    source: at.options.source,
    officeId: at.officeId,
    regencyCode: at.regencyCode,
    occupation: value.occupation,
    incomeBand: value.incomeBand,
    jht: value.jht,
    payer: value.payer,
    sponsorPartnerId: value.sponsorPartnerId,
    sponsoredFrom: value.sponsoredFrom,
    sponsoredUntil: value.sponsoredUntil,
    monthlyContribution: value.contribution.total,
    contributionRuleId: value.contribution.ruleSetId,
    discountId: value.contribution.discountId,
    consentVersion: value.consentVersion,
    consentAt: value.consentAt,
    status: "recorded",
    signupMonth: value.signupMonth,
    recordedAt: value.recordedAt,
    recordedBy: at.principal.userId,
    payloadHash: at.fingerprint ?? "",
    createdAt: writtenAt,
    updatedAt: writtenAt,
  };
}

/** What a sign-up adds to the rollups. */
export function factsOf(
  s: { eventId: string | null; signupMonth: string; occupation: string; payer: string },
  at: {
    officeId: string;
    campaignId: string | null;
    regencyCode: string | null;
    source: string;
    status?: SignupStatus;
  },
  officesById: ReadonlyMap<string, { parentId: string | null }>,
): SignupFacts {
  const parent = officesById.get(at.officeId)?.parentId;
  return {
    officePath: parent ? [at.officeId, parent] : [at.officeId],
    campaignId: at.campaignId,
    eventId: s.eventId,
    signupMonth: s.signupMonth,
    regencyCode: at.regencyCode,
    occupation: s.occupation,
    payer: s.payer,
    source: at.source,
    status: at.status ?? "recorded",
  };
}
