import { auditEntry } from "@jangkau/shared/audit";
import type { Principal } from "@jangkau/shared/auth/permissions";
import type { Db } from "@jangkau/shared/db/index";
import { ConflictError, NotFoundError } from "@jangkau/shared/errors";
import type { AppEnv } from "@jangkau/shared/http/types";
import { IMPORT_LIMITS } from "@jangkau/shared/imports/limits";
import { RollupDeltas } from "@jangkau/shared/rollups/signups";
import {
  importBatches,
  importChunks,
  importRows,
  offices,
  participants,
  signups,
} from "@jangkau/shared/schema/index";
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Context } from "hono";
import { changeSignupStatuses, type StatusChangeRequest } from "../signups/lifecycle.ts";
import { rollupUpserts } from "../signups/rollups.ts";
import { signupReadScope } from "../signups/scope.ts";
import { factsOf, type RecordResult, recordSignups } from "../signups/service.ts";
import {
  type Batch,
  finalizeBatch,
  loadBatch,
  officeTimeZone,
  rowCounts,
  runBatch,
  vaultOf,
} from "./batches.ts";
import { listRowSignupId, openPayload } from "./payload.ts";
import { loadSignupCheckContext, normalizeKpj, type RowError, signupRecordOf } from "./row-checks.ts";

type Ctx = Context<AppEnv>;

/** What became of the rows a commit step took. */
export interface CommitStep {
  status: Batch["status"];
  taken: number;
  committed: number;
  failed: number;
  remaining: number;
  counts: Awaited<ReturnType<typeof rowCounts>>;
}

/** A result of the sign-up service as the row's findings. */
function rowOutcome(r: RecordResult): {
  status: "committed" | "error" | "duplicate" | "ok";
  errors: RowError[] | null;
} {
  switch (r.status) {
    case "created":
    case "replayed":
      return { status: "committed", errors: null };
    case "duplicate_nik":
      return {
        status: "duplicate",
        errors: [
          {
            field: "nik",
            code: "already_enrolled",
            message: r.duplicate?.signupDate
              ? `NIK ini sudah terdaftar sejak ${r.duplicate.signupDate}.`
              : "NIK ini sudah memiliki pendaftaran yang masih berlaku.",
          },
        ],
      };
    case "invalid":
      return {
        status: "error",
        errors: (r.issues ?? []).map((i) => ({ field: i.path, code: i.code, message: i.message })),
      };
    case "idempotency_in_progress":
      return { status: "ok", errors: null };
    default:
      return {
        status: "error",
        errors: [{ field: "(baris)", code: r.status, message: "Baris tidak dapat didaftarkan." }],
      };
  }
}

/**
 * Commits the next rows of a validated batch (at most {@link IMPORT_LIMITS.commitRows}), so a
 * large list goes in over several short requests the SPA repeats while showing progress. Each
 * row's sign-up id is derived from the batch and row number: a step repeated after a lost
 * response replays the same records and creates nothing twice.
 */
export async function commitStep(c: Ctx, batch: Batch): Promise<CommitStep> {
  const db = c.get("db");
  if (batch.status === "uploaded") await finalizeBatch(c, batch);
  else if (!["validated", "committing"].includes(batch.status))
    throw new ConflictError("import_closed", "Impor ini sudah selesai atau dibatalkan.", {
      status: batch.status,
    });

  const rows = await db
    .select()
    .from(importRows)
    .where(and(eq(importRows.batchId, batch.id), eq(importRows.status, "ok")))
    .orderBy(asc(importRows.rowNumber))
    .limit(IMPORT_LIMITS.commitRows);

  let committed = 0;
  let failed = 0;
  if (rows.length) {
    const outcome =
      batch.kind === "signups" ? await commitSignupRows(c, batch, rows) : await commitKpjRows(c, batch, rows);
    committed = outcome.committed;
    failed = outcome.failed;
  }
  const counts = await rowCounts(db, batch.id);
  const status = counts.ok === 0 ? "committed" : "committing";
  await db.batch([
    db
      .update(importBatches)
      .set({
        status,
        okRows: counts.ok + counts.committed + counts.skipped,
        errorRows: counts.error + counts.duplicate,
        committedRows: counts.committed + counts.skipped,
        updatedAt: new Date().toISOString(),
      })
      .where(eq(importBatches.id, batch.id)),
    auditEntry(c, "import.committed_rows", "import_batch", batch.id, {
      taken: rows.length,
      committed,
      failed,
      remaining: counts.ok,
    }),
  ]);
  return { status, taken: rows.length, committed, failed, remaining: counts.ok, counts };
}

type StagedRow = typeof importRows.$inferSelect;

/**
 * The outcome of many staged rows in one statement (`update … from (values …)`), instead of
 * one update per row: a 500-row commit step writes its row statuses in a single round.
 */
function rowUpdates(db: Db, batchId: string, updates: { rowNumber: number; set: Partial<StagedRow> }[]) {
  const out: BatchItem<"sqlite">[] = [];
  for (let i = 0; i < updates.length; i += 500) {
    const values = updates
      .slice(i, i + 500)
      .map(
        (u) =>
          sql`(${u.rowNumber}, ${u.set.status ?? "ok"}, ${u.set.signupId ?? null}, ${u.set.errors ? JSON.stringify(u.set.errors) : null})`,
      );
    out.push(
      db.run(sql`update import_rows set status = v.column2, signup_id = v.column3, errors = v.column4
        from (values ${sql.join(values, sql`, `)}) as v
        where import_rows.batch_id = ${batchId} and import_rows.row_number = v.column1`),
    );
  }
  return out;
}

/** Sign-up rows go through the enrolment service — the one insert path, rollups included. */
async function commitSignupRows(c: Ctx, batch: Batch, rows: StagedRow[]) {
  const db = c.get("db");
  const vault = vaultOf(c);
  const uploads = await Promise.all(
    rows.map(async (r) => ({
      rowNumber: r.rowNumber,
      ...(r.payloadCipher ? await openPayload(vault, r.payloadCipher) : { values: {} }),
    })),
  );
  const ctx = await loadSignupCheckContext(db, batch, await officeTimeZone(db, batch.officeId), uploads);
  const ids = await Promise.all(rows.map((r) => listRowSignupId(batch.id, r.rowNumber)));
  const records = uploads.map((u, i) => signupRecordOf(ctx, u, ids[i] as string));
  const outcome = await recordSignups(db, c.env, c.get("principal") as Principal, records, {
    source: batch.source ?? "kelurahan_list",
    officeId: batch.officeId,
    importBatchId: batch.id,
    requestId: c.get("requestId"),
  });
  let committed = 0;
  let failed = 0;
  const updates = outcome.results.map((r, i) => {
    const o = rowOutcome(r);
    if (o.status === "committed") committed++;
    else if (o.status !== "ok") failed++;
    return {
      rowNumber: rows[i]?.rowNumber ?? 0,
      set: {
        status: o.status,
        errors: o.errors,
        signupId: o.status === "committed" ? (r.id ?? ids[i] ?? null) : null,
      },
    };
  });
  await runBatch(db, rowUpdates(db, batch.id, updates));
  return { committed, failed };
}

/**
 * KPJ rows register verified sign-ups through the sign-up lifecycle (`changeSignupStatuses`):
 * the participant gets the KPJ, the sign-up becomes `registered`, the audit entries and
 * rollup cells change in the same batch. Rows are matched within the caller's sign-up read
 * scope and checked first (found, verified, KPJ free), so the lifecycle only receives changes
 * it accepts; what it refuses is reported per row.
 */
async function commitKpjRows(c: Ctx, batch: Batch, rows: StagedRow[]) {
  const db = c.get("db");
  const p = c.get("principal") as Principal;
  const vault = vaultOf(c);
  const payloads = await Promise.all(
    rows.map(async (r) => (r.payloadCipher ? await openPayload(vault, r.payloadCipher) : { values: {} })),
  );
  const kpjs = payloads.map((pl) => normalizeKpj(pl.values.kpj ?? ""));
  const bySignup = rows
    .filter((r) => r.nikHash?.startsWith("signup:"))
    .map((r) => (r.nikHash as string).slice(7));
  const byNik = rows
    .filter((r) => r.nikHash && !r.nikHash.startsWith("signup:"))
    .map((r) => r.nikHash as string);
  const scope = and(signupReadScope(p), eq(signups.officeId, batch.officeId));
  const select = {
    id: signups.id,
    status: signups.status,
    version: signups.version,
    participantId: signups.participantId,
    nikHash: participants.nikHash,
    kpj: participants.kpj,
  };
  const [found1, found2, holders] = await db.batch([
    db
      .select(select)
      .from(signups)
      .innerJoin(participants, eq(participants.id, signups.participantId))
      .where(and(inArray(signups.id, bySignup.length ? bySignup : [""]), scope)),
    db
      .select(select)
      .from(signups)
      .innerJoin(participants, eq(participants.id, signups.participantId))
      .where(
        and(
          inArray(participants.nikHash, byNik.length ? byNik : [""]),
          ne(signups.status, "rejected"),
          scope,
        ),
      ),
    db
      .select({ id: participants.id, kpj: participants.kpj })
      .from(participants)
      .where(inArray(participants.kpj, kpjs.length ? kpjs : [""])),
  ]);
  const signupById = new Map(found1.map((s) => [s.id, s]));
  const signupByNik = new Map(found2.map((s) => [s.nikHash, s]));
  const kpjHolder = new Map(holders.map((h) => [h.kpj as string, h.id]));

  const changes: StatusChangeRequest[] = [];
  const updates: { rowNumber: number; set: Partial<StagedRow> }[] = [];
  let failed = 0;
  const fail = (rowNumber: number, code: string, message: string) => {
    failed++;
    updates.push({ rowNumber, set: { status: "error", errors: [{ field: "kpj", code, message }] } });
  };
  for (const [i, row] of rows.entries()) {
    const kpj = kpjs[i] as string;
    const key = row.nikHash ?? "";
    const s = key.startsWith("signup:") ? signupById.get(key.slice(7)) : signupByNik.get(key);
    if (!s) {
      fail(row.rowNumber, "signup_not_found", "Pendaftaran tidak ditemukan di kantor Anda.");
      continue;
    }
    if (s.status === "registered" && s.kpj === kpj) {
      updates.push({ rowNumber: row.rowNumber, set: { status: "skipped", errors: null, signupId: s.id } });
      continue;
    }
    if (s.status !== "verified") {
      fail(
        row.rowNumber,
        s.status === "registered" ? "already_registered" : "not_verified",
        s.status === "registered"
          ? "Peserta sudah terdaftar dengan nomor KPJ lain."
          : "Pendaftaran belum diverifikasi; verifikasi dahulu sebelum mencatat KPJ.",
      );
      continue;
    }
    const holder = kpjHolder.get(kpj);
    if (holder && holder !== s.participantId) {
      fail(row.rowNumber, "kpj_taken", "Nomor KPJ ini sudah dipakai peserta lain.");
      continue;
    }
    kpjHolder.set(kpj, s.participantId);
    changes.push({ id: s.id, expectedVersion: s.version, change: { to: "registered", kpj } });
    updates.push({ rowNumber: row.rowNumber, set: { status: "committed", errors: null, signupId: s.id } });
  }
  try {
    await changeSignupStatuses(db, { principal: p, requestId: c.get("requestId") }, changes);
  } catch (err) {
    // Someone changed one of these sign-ups meanwhile: nothing was written; the step is repeated.
    if (err instanceof ConflictError || err instanceof NotFoundError)
      throw new ConflictError(
        "version_conflict",
        "Sebagian pendaftaran berubah selama pencatatan KPJ. Ulangi langkah ini.",
      );
    throw err;
  }
  await runBatch(db, rowUpdates(db, batch.id, updates));
  return { committed: changes.length, failed };
}

/**
 * Undoes an import: removes its sign-ups, the participants they brought in, and their rollup
 * counts, in one batch. Only while every sign-up of the list is still `recorded` — once one is
 * verified or rejected, people have acted on the list and each must be handled in review.
 * A batch never committed is simply discarded (its staged rows deleted).
 */
export async function undoBatch(c: Ctx, batch: Batch) {
  const db = c.get("db");
  if (batch.status === "undone") return { status: "undone" as const, removed: 0 };
  if (batch.kind === "kpj" && batch.committedRows > 0)
    throw new ConflictError("import_not_undoable", "Impor KPJ yang sudah dicatat tidak dapat dibatalkan.");
  const list = await db
    .select({
      id: signups.id,
      status: signups.status,
      participantId: signups.participantId,
      officeId: signups.officeId,
      campaignId: signups.campaignId,
      eventId: signups.eventId,
      signupMonth: signups.signupMonth,
      regencyCode: signups.regencyCode,
      occupation: signups.occupation,
      payer: signups.payer,
      source: signups.source,
      others: sql<number>`(select count(*) from signups s2 where s2.participant_id = ${signups.participantId} and s2.id <> ${signups.id})`,
    })
    .from(signups)
    .where(eq(signups.importBatchId, batch.id));
  const reviewed = list.filter((s) => s.status !== "recorded").length;
  if (reviewed > 0)
    throw new ConflictError(
      "import_partly_reviewed",
      "Sebagian pendaftaran dari daftar ini sudah diverifikasi atau ditolak; impor tidak dapat dibatalkan.",
      { reviewed, recorded: list.length - reviewed },
    );
  const officeRows = await db.select({ id: offices.id, parentId: offices.parentId }).from(offices);
  const officesById = new Map(officeRows.map((o) => [o.id, o]));
  const deltas = new RollupDeltas();
  for (const s of list) deltas.remove(factsOf(s, { ...s, status: "recorded" }, officesById));
  const lone = list.filter((s) => s.others === 0).map((s) => s.participantId);

  const statements: BatchItem<"sqlite">[] = [
    // Guard: if a sign-up of this list left `recorded` since it was read, this insert hits the
    // primary key of an existing audit row and the whole batch is refused (no partial undo).
    db.run(sql`insert into audit_log (id, at, action, entity, entity_id)
      select a.id, a.at, a.action, a.entity, a.entity_id from audit_log a
      where a.entity = 'import_batch' and a.entity_id = ${batch.id}
        and exists (select 1 from signups s where s.import_batch_id = ${batch.id} and s.status <> 'recorded')
      limit 1`),
    db.delete(signups).where(and(eq(signups.importBatchId, batch.id), eq(signups.status, "recorded"))),
  ];
  for (let i = 0; i < lone.length; i += 400) {
    statements.push(db.delete(participants).where(inArray(participants.id, lone.slice(i, i + 400))));
  }
  statements.push(
    ...rollupUpserts(db, deltas),
    db.delete(importRows).where(eq(importRows.batchId, batch.id)),
    db.delete(importChunks).where(eq(importChunks.batchId, batch.id)),
    db
      .update(importBatches)
      .set({
        status: "undone",
        okRows: 0,
        errorRows: 0,
        committedRows: 0,
        updatedAt: new Date().toISOString(),
      })
      .where(eq(importBatches.id, batch.id)),
    auditEntry(c, "import.undone", "import_batch", batch.id, {
      removedSignups: list.length,
      removedParticipants: lone.length,
    }),
  );
  await runBatch(db, statements);
  return { status: "undone" as const, removed: list.length };
}

export { loadBatch };
