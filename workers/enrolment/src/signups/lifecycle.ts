import type { Principal } from "@jangkau/shared/auth/permissions";
import type { Db } from "@jangkau/shared/db/index";
import { ConflictError, NotFoundError } from "@jangkau/shared/errors";
import { RollupDeltas } from "@jangkau/shared/rollups/signups";
import { auditLog, offices, participants, type SignupStatus, signups } from "@jangkau/shared/schema/index";
import { and, eq, ne, sql } from "drizzle-orm";
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

async function signupInScope(db: Db, principal: Principal, id: string) {
  const [row] = await db
    .select({
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
    })
    .from(signups)
    .innerJoin(offices, eq(offices.id, signups.officeId))
    .where(and(eq(signups.id, id), signupReadScope(principal)));
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
 * An audit insert that is also the write's precondition: its `entity_id` is read from the
 * sign-up row *as expected* (this id, version and status). If anyone changed or deleted the
 * row since it was read, the subquery is NULL, the NOT NULL column refuses it and the whole
 * `db.batch()` rolls back — so the status, the audit entry and the rollups change together
 * or not at all.
 */
function guardedAudit(
  db: Db,
  actor: Actor,
  s: ScopedSignup,
  expectedVersion: number,
  action: string,
  details: Record<string, unknown>,
) {
  return db.insert(auditLog).values({
    id: crypto.randomUUID(),
    at: (actor.now ?? new Date()).toISOString(),
    actorUserId: actor.principal.userId,
    action,
    entity: "signup",
    entityId: sql`(select ${signups.id} from ${signups} where ${signups.id} = ${s.id} and ${signups.version} = ${expectedVersion} and ${signups.status} = ${s.status})`,
    details,
    requestId: actor.requestId ?? null,
  });
}

/** Whether a failed guarded batch lost to a concurrent change: re-read and compare. */
async function explainFailure(
  db: Db,
  s: ScopedSignup,
  expectedVersion: number,
  err: unknown,
): Promise<never> {
  const [now] = await db
    .select({ version: signups.version, status: signups.status })
    .from(signups)
    .where(eq(signups.id, s.id));
  if (!now) throw new NotFoundError("signup_not_found", "Pendaftaran tidak ditemukan.");
  if (now.version !== expectedVersion || now.status !== s.status) throw versionConflict(now.version);
  throw err;
}

/**
 * Moves one sign-up to its next status, with an optimistic version check: the status, the
 * audit entry and the rollup cells change in one `db.batch()`.
 *
 * @throws NotFoundError outside the caller's scope; ConflictError `version_conflict`,
 *   `invalid_transition`, `kpj_taken`.
 */
export async function changeSignupStatus(
  db: Db,
  actor: Actor,
  id: string,
  expectedVersion: number,
  change: StatusChange,
) {
  const s = await signupInScope(db, actor.principal, id);
  if (s.version !== expectedVersion) throw versionConflict(s.version);
  if (!SIGNUP_TRANSITIONS[s.status].includes(change.to))
    throw new ConflictError("invalid_transition", "Perubahan status ini tidak diizinkan.", {
      from: s.status,
      to: change.to,
    });
  if (change.to === "registered") {
    const [taken] = await db
      .select({ id: participants.id })
      .from(participants)
      .where(and(eq(participants.kpj, change.kpj), ne(participants.id, s.participantId)));
    if (taken) throw new ConflictError("kpj_taken", "Nomor KPJ sudah dipakai peserta lain.");
  }

  const now = (actor.now ?? new Date()).toISOString();
  const officesById = new Map([[s.officeId, { parentId: s.officeParentId }]]);
  const at = { officeId: s.officeId, campaignId: s.campaignId, regencyCode: s.regencyCode, source: s.source };
  const deltas = new RollupDeltas().change(
    factsOf(s, { ...at, status: s.status }, officesById),
    factsOf(s, { ...at, status: change.to }, officesById),
  );
  const statements = [
    guardedAudit(db, actor, s, expectedVersion, ACTION[change.to], { from: s.status, to: change.to }),
    db
      .update(signups)
      .set({
        status: change.to,
        rejectReason: change.to === "rejected" ? change.reason : null,
        version: sql`${signups.version} + 1`,
        updatedAt: now,
      })
      .where(eq(signups.id, s.id)),
    ...(change.to === "registered"
      ? [
          db
            .update(participants)
            .set({ kpj: change.kpj, updatedAt: now, version: sql`${participants.version} + 1` })
            .where(eq(participants.id, s.participantId)),
        ]
      : []),
    ...rollupUpserts(db, deltas),
  ];
  try {
    await db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
  } catch (err) {
    if (change.to === "registered" && String((err as Error)?.message ?? "").includes("participants.kpj"))
      throw new ConflictError("kpj_taken", "Nomor KPJ sudah dipakai peserta lain.");
    await explainFailure(db, s, expectedVersion, err);
  }
  return { id: s.id, status: change.to, version: expectedVersion + 1 };
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
    guardedAudit(db, actor, s, expectedVersion, "signup.deleted", { status: s.status }),
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
    await explainFailure(db, s, expectedVersion, err);
  }
  return { id: s.id, deleted: true as const };
}
