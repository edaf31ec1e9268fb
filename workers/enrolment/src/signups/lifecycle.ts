import type { Principal } from "@jangkau/shared/auth/permissions";
import type { Db } from "@jangkau/shared/db/index";
import { ConflictError, NotFoundError } from "@jangkau/shared/errors";
import { RollupDeltas } from "@jangkau/shared/rollups/signups";
import { auditLog, offices, participants, type SignupStatus, signups } from "@jangkau/shared/schema/index";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { SQLiteInsertValue } from "drizzle-orm/sqlite-core";
import { rollupUpserts } from "./rollups.ts";
import { signupReadScope } from "./scope.ts";
import { factsOf } from "./service.ts";

/**
 * The life of a sign-up: recorded → verified → registered (KPJ number entered or imported),
 * or rejected with a reason from recorded or verified. Registered and rejected are final; a
 * rejected person may be signed up again.
 */
export const SIGNUP_TRANSITIONS: Readonly<Record<SignupStatus, readonly SignupStatus[]>> = {
  recorded: ["verified", "rejected"],
  verified: ["registered", "rejected"],
  registered: [],
  rejected: [],
};

export type StatusChange =
  | { to: "verified" }
  | { to: "rejected"; reason: string }
  | { to: "registered"; kpj: string };

/** Who acts, for the audit log. */
export interface Actor {
  principal: Principal;
  requestId?: string | null;
  now?: Date;
}

const ACTION: Record<StatusChange["to"], string> = {
  verified: "signup.verified",
  rejected: "signup.rejected",
  registered: "signup.registered",
};

const scopedColumns = {
  id: signups.id,
  participantId: signups.participantId,
  status: signups.status,
  version: signups.version,
  officeId: signups.officeId,
  campaignId: signups.campaignId,
  eventId: signups.eventId,
  signupMonth: signups.signupMonth,
  regencyCode: signups.regencyCode,
  occupation: signups.occupation,
  payer: signups.payer,
  source: signups.source,
  officeParentId: offices.parentId,
};

async function signupsInScope(db: Db, principal: Principal, ids: readonly string[]) {
  return db
    .select(scopedColumns)
    .from(signups)
    .innerJoin(offices, eq(offices.id, signups.officeId))
    .where(and(inArray(signups.id, [...ids]), signupReadScope(principal)));
}

async function signupInScope(db: Db, principal: Principal, id: string) {
  const [row] = await signupsInScope(db, principal, [id]);
  if (!row) throw new NotFoundError("signup_not_found", "Pendaftaran tidak ditemukan.");
  return row;
}

type ScopedSignup = Awaited<ReturnType<typeof signupInScope>>;

function versionConflict(current: number) {
  return new ConflictError(
    "version_conflict",
    "Data pendaftaran sudah diubah orang lain. Muat ulang lalu coba lagi.",
    { currentVersion: current },
  );
}

/**
 * An audit row that is also the write's precondition: its `entity_id` is read from the
 * sign-up row *as expected* (this id, version and status). If anyone changed or deleted the
 * row since it was read, the subquery is NULL, the NOT NULL column refuses it and the whole
 * `db.batch()` rolls back — so the status, the audit entry and the rollups change together
 * or not at all.
 */
function guardedAuditRow(
  actor: Actor,
  s: ScopedSignup,
  expectedVersion: number,
  action: string,
  details: Record<string, unknown>,
): SQLiteInsertValue<typeof auditLog> {
  return {
    id: crypto.randomUUID(),
    at: (actor.now ?? new Date()).toISOString(),
    actorUserId: actor.principal.userId,
    action,
    entity: "signup",
    entityId: sql`(select ${signups.id} from ${signups} where ${signups.id} = ${s.id} and ${signups.version} = ${expectedVersion} and ${signups.status} = ${s.status})`,
    details,
    requestId: actor.requestId ?? null,
  };
}

/** Whether a failed guarded batch lost to a concurrent change: re-read and compare. */
async function explainFailure(
  db: Db,
  expected: readonly { s: ScopedSignup; version: number }[],
  err: unknown,
): Promise<never> {
  const now = await db
    .select({ id: signups.id, version: signups.version, status: signups.status })
    .from(signups)
    .where(
      inArray(
        signups.id,
        expected.map((e) => e.s.id),
      ),
    );
  for (const { s, version } of expected) {
    const row = now.find((r) => r.id === s.id);
    if (!row) throw new NotFoundError("signup_not_found", "Pendaftaran tidak ditemukan.");
    if (row.version !== version || row.status !== s.status) throw versionConflict(row.version);
  }
  throw err;
}

/** One status change of {@link changeSignupStatuses}. */
export interface StatusChangeRequest {
  id: string;
  expectedVersion: number;
  change: StatusChange;
}

/**
 * Moves sign-ups to their next status, with an optimistic version check per sign-up: the
 * statuses, the audit entries and the rollup cells change in one `db.batch()`, all or none.
 * Used for one sign-up by the routes and for many by KPJ imports and the demo data.
 *
 * @throws NotFoundError for a sign-up outside the caller's scope; ConflictError
 *   `version_conflict`, `invalid_transition`, `kpj_taken` — naming the first offending one.
 */
export async function changeSignupStatuses(db: Db, actor: Actor, requests: readonly StatusChangeRequest[]) {
  if (requests.length === 0) return [];
  const found = new Map(
    (
      await signupsInScope(
        db,
        actor.principal,
        requests.map((r) => r.id),
      )
    ).map((s) => [s.id, s]),
  );
  const kpjs = requests.flatMap((r) => (r.change.to === "registered" ? [r.change.kpj] : []));
  const kpjHolders = kpjs.length
    ? await db
        .select({ id: participants.id, kpj: participants.kpj })
        .from(participants)
        .where(inArray(participants.kpj, kpjs))
    : [];
  const kpjSeen = new Set<string>();
  const planned: { s: ScopedSignup; version: number; change: StatusChange }[] = [];
  for (const r of requests) {
    const s = found.get(r.id);
    if (!s) throw new NotFoundError("signup_not_found", "Pendaftaran tidak ditemukan.");
    if (s.version !== r.expectedVersion) throw versionConflict(s.version);
    if (!SIGNUP_TRANSITIONS[s.status].includes(r.change.to))
      throw new ConflictError("invalid_transition", "Perubahan status ini tidak diizinkan.", {
        id: s.id,
        from: s.status,
        to: r.change.to,
      });
    if (r.change.to === "registered") {
      const kpj = r.change.kpj;
      if (kpjSeen.has(kpj) || kpjHolders.some((h) => h.kpj === kpj && h.id !== s.participantId))
        throw new ConflictError("kpj_taken", "Nomor KPJ sudah dipakai peserta lain.", { id: s.id });
      kpjSeen.add(kpj);
    }
    planned.push({ s, version: r.expectedVersion, change: r.change });
  }

  const now = (actor.now ?? new Date()).toISOString();
  const deltas = new RollupDeltas();
  const audits: SQLiteInsertValue<typeof auditLog>[] = [];
  const updates = [];
  for (const { s, version, change } of planned) {
    const officesById = new Map([[s.officeId, { parentId: s.officeParentId }]]);
    const at = {
      officeId: s.officeId,
      campaignId: s.campaignId,
      regencyCode: s.regencyCode,
      source: s.source,
    };
    deltas.change(
      factsOf(s, { ...at, status: s.status }, officesById),
      factsOf(s, { ...at, status: change.to }, officesById),
    );
    audits.push(guardedAuditRow(actor, s, version, ACTION[change.to], { from: s.status, to: change.to }));
    updates.push(
      db
        .update(signups)
        .set({
          status: change.to,
          rejectReason: change.to === "rejected" ? change.reason : null,
          version: sql`${signups.version} + 1`,
          updatedAt: now,
        })
        .where(eq(signups.id, s.id)),
    );
    if (change.to === "registered")
      updates.push(
        db
          .update(participants)
          .set({ kpj: change.kpj, updatedAt: now, version: sql`${participants.version} + 1` })
          .where(eq(participants.id, s.participantId)),
      );
  }
  const statements = [
    // The guards come first: a stale row stops the batch before anything is written.
    ...chunk(audits, 300).map((rows) => db.insert(auditLog).values(rows)),
    ...updates,
    ...rollupUpserts(db, deltas),
  ];
  try {
    await db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
  } catch (err) {
    if (String((err as Error)?.message ?? "").includes("participants.kpj"))
      throw new ConflictError("kpj_taken", "Nomor KPJ sudah dipakai peserta lain.");
    await explainFailure(db, planned, err);
  }
  return planned.map(({ s, version, change }) => ({ id: s.id, status: change.to, version: version + 1 }));
}

/** Moves one sign-up to its next status (see {@link changeSignupStatuses}). */
export async function changeSignupStatus(
  db: Db,
  actor: Actor,
  id: string,
  expectedVersion: number,
  change: StatusChange,
) {
  const [result] = await changeSignupStatuses(db, actor, [{ id, expectedVersion, change }]);
  return result as { id: string; status: SignupStatus; version: number };
}

function chunk<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * Deletes a sign-up (a record made in error) and, when the person has no other sign-up and no
 * payment, the participant with their protected NIK. Rollups are decremented in the same batch.
 */
export async function deleteSignup(db: Db, actor: Actor, id: string, expectedVersion: number) {
  const s = await signupInScope(db, actor.principal, id);
  if (s.version !== expectedVersion) throw versionConflict(s.version);
  const officesById = new Map([[s.officeId, { parentId: s.officeParentId }]]);
  const deltas = new RollupDeltas().remove(
    factsOf(
      s,
      {
        officeId: s.officeId,
        campaignId: s.campaignId,
        regencyCode: s.regencyCode,
        source: s.source,
        status: s.status,
      },
      officesById,
    ),
  );
  const statements = [
    db
      .insert(auditLog)
      .values(guardedAuditRow(actor, s, expectedVersion, "signup.deleted", { status: s.status })),
    db.delete(signups).where(eq(signups.id, s.id)),
    db
      .delete(participants)
      .where(
        and(
          eq(participants.id, s.participantId),
          sql`not exists (select 1 from signups where participant_id = ${s.participantId})`,
          sql`not exists (select 1 from contributions where participant_id = ${s.participantId})`,
        ),
      ),
    ...rollupUpserts(db, deltas),
  ];
  try {
    await db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
  } catch (err) {
    await explainFailure(db, [{ s, version: expectedVersion }], err);
  }
  return { id: s.id, deleted: true as const };
}
