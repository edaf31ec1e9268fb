import { auditEntry } from "@jangkau/shared/audit";
import { inOfficeScope, type Principal } from "@jangkau/shared/auth/permissions";
import type { Db } from "@jangkau/shared/db/index";
import { currentConsent } from "@jangkau/shared/domain/consent/index";
import { maskNik, normalizeNik } from "@jangkau/shared/domain/nik/index";
import { dateInTimeZone, type TimeZone } from "@jangkau/shared/domain/timezone/index";
import {
  ConflictError,
  type FieldIssue,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  ValidationError,
} from "@jangkau/shared/errors";
import { officeScope } from "@jangkau/shared/http/scope";
import type { AppEnv } from "@jangkau/shared/http/types";
import { IMPORT_FIELDS_BY_KIND, missingRequiredFields } from "@jangkau/shared/imports/fields";
import { IMPORT_LIMITS, megabytes } from "@jangkau/shared/imports/limits";
import type { UploadRow } from "@jangkau/shared/imports/reader";
import {
  areas,
  importBatches,
  importChunks,
  importMappings,
  importRows,
  offices,
  partners,
} from "@jangkau/shared/schema/index";
import { validateSignupRecord } from "@jangkau/shared/schema/signups/validation";
import { type NikVault, nikVault } from "@jangkau/shared/security/nik-vault";
import { and, asc, desc, eq, gt, inArray, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Context } from "hono";
import { listRowSignupId, openPayload, sealPayload } from "./payload.ts";
import {
  type CheckedRow,
  checkKpjRow,
  checkSignupRow,
  fieldLabel,
  loadSignupCheckContext,
  type RowError,
  signupRecordOf,
} from "./row-checks.ts";
import type { CreateBatchBody } from "./validation.ts";

export type Batch = typeof importBatches.$inferSelect;
type Ctx = Context<AppEnv>;

export const vaultOf = (c: Ctx): NikVault => nikVault(c.env.NIK_ENC_KEYS, c.env.NIK_HMAC_KEY);

/** Runs statements as one atomic `db.batch` (nothing to do for none). */
export async function runBatch(db: Db, statements: BatchItem<"sqlite">[]): Promise<void> {
  if (statements.length === 0) return;
  await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
}

/** The batch if it is in the caller's scope; otherwise not found (its existence is not told). */
export async function loadBatch(db: Db, p: Principal, id: string): Promise<Batch> {
  const [batch] = await db
    .select()
    .from(importBatches)
    .where(and(eq(importBatches.id, id), officeScope(p, importBatches.officeId)));
  if (!batch) throw new NotFoundError("import_not_found", "Impor tidak ditemukan.");
  return batch;
}

export async function officeTimeZone(db: Db, officeId: string): Promise<TimeZone> {
  const [office] = await db
    .select({ timeZone: offices.timeZone })
    .from(offices)
    .where(eq(offices.id, officeId));
  return office?.timeZone ?? "WIB";
}

/** Under which key a source's column mapping is remembered. */
export function sourceKeyOf(b: {
  kind: string;
  source?: string | null;
  sourcePartnerId?: string | null;
  sourceAreaCode?: string | null;
}): string {
  if (b.kind === "kpj") return "kpj";
  return `${b.source}:${b.sourcePartnerId ?? b.sourceAreaCode ?? ""}`;
}

const expectedChunks = (totalRows: number) => Math.ceil(totalRows / IMPORT_LIMITS.chunkRows);

/** Payer a list's sign-ups default to, by who sent the list. */
const DEFAULT_PAYER: Record<string, string> = {
  kelurahan_list: "apbd",
  paguyuban_list: "paguyuban",
  csr_list: "csr",
};

/**
 * Checks where the list comes from: a kelurahan list names a village, a paguyuban or CSR list
 * names a partner of that kind that works with this office (or its regional office).
 */
async function checkSource(db: Db, body: CreateBatchBody): Promise<void> {
  if (body.kind !== "signups") return;
  if (!body.source)
    throw new ValidationError("Sumber daftar wajib dipilih.", [
      { path: "source", code: "required", message: "Pilih sumber daftar: kelurahan, paguyuban atau CSR." },
    ]);
  if (body.source === "kelurahan_list") {
    const [area] = body.sourceAreaCode
      ? await db.select().from(areas).where(eq(areas.code, body.sourceAreaCode))
      : [];
    if (area?.level !== "village")
      throw new ValidationError("Kelurahan tidak dikenal.", [
        { path: "sourceAreaCode", code: "unknown_village", message: "Pilih kelurahan/desa asal daftar." },
      ]);
    return;
  }
  const wanted = body.source === "csr_list" ? ["csr_company"] : ["paguyuban", "koperasi"];
  const [office] = await db
    .select({ id: offices.id, parentId: offices.parentId })
    .from(offices)
    .where(eq(offices.id, body.officeId));
  const [partner] = body.sourcePartnerId
    ? await db.select().from(partners).where(eq(partners.id, body.sourcePartnerId))
    : [];
  const reachable = [office?.id, office?.parentId].filter(Boolean);
  if (!partner || !wanted.includes(partner.type) || !reachable.includes(partner.officeId))
    throw new ValidationError("Mitra asal daftar tidak dikenal.", [
      {
        path: "sourcePartnerId",
        code: "unknown_partner",
        message:
          body.source === "csr_list"
            ? "Pilih perusahaan CSR yang bekerja sama dengan kantor ini."
            : "Pilih paguyuban yang bekerja sama dengan kantor ini.",
      },
    ]);
}

/** Values every row shares, completed from the source (payer, sponsor, village, consent version). */
function listDefaults(body: CreateBatchBody, today: string): Record<string, string> {
  const d: Record<string, string> = { ...(body.defaults ?? {}) };
  if (body.kind !== "signups") return d;
  d.payer ??= DEFAULT_PAYER[body.source ?? ""] ?? "self";
  if (body.source === "kelurahan_list" && body.sourceAreaCode) d.villageCode ??= body.sourceAreaCode;
  if ((body.source === "csr_list" || body.source === "paguyuban_list") && body.sourcePartnerId)
    d.sponsorPartnerId ??= body.sourcePartnerId;
  d.consentVersion ??= currentConsent(today).version;
  return d;
}

/** Fields a list may leave to its shared values; each is checked once, at upload. */
const SHARED_FIELDS = [
  "payer",
  "sponsorPartnerId",
  "sponsoredFrom",
  "sponsoredUntil",
  "consentGiven",
  "consentVersion",
  "villageCode",
  "occupation",
  "incomeBand",
  "jht",
] as const;

/**
 * The values a whole list shares (payer, sponsor, period, consent, and the village or
 * occupation when no column carries them) are judged once, by the same validator, on a
 * record made of those values and a placeholder person — so a missing sponsor is one clear
 * refusal at upload, not the same finding on 50,000 rows.
 */
async function checkListDefaults(
  db: Db,
  body: CreateBatchBody,
  defaults: Record<string, string>,
  timeZone: TimeZone,
): Promise<void> {
  const now = new Date().toISOString();
  const ctx = await loadSignupCheckContext(db, { createdAt: now, defaults }, timeZone, []);
  const PLACEHOLDER_VILLAGE = "00.00.00.0000";
  const mapped = new Set(Object.keys(body.columnMapping));
  const probe = signupRecordOf(
    ctx,
    {
      rowNumber: 0,
      values: {
        nik: "3577010101800001",
        fullName: "Contoh Peserta",
        ...(mapped.has("villageCode") ? { villageCode: PLACEHOLDER_VILLAGE } : {}),
        ...(mapped.has("occupation") ? { occupation: "lainnya" } : {}),
        ...(mapped.has("payer") ? { payer: defaults.payer ?? "self" } : {}),
      },
    },
    crypto.randomUUID(),
  );
  const result = validateSignupRecord(probe, {
    ...ctx.validation,
    isKnownArea: (code) => (code === PLACEHOLDER_VILLAGE ? true : ctx.knownAreas.has(code)),
  });
  if (result.ok) return;
  const shared = new Set<string>(SHARED_FIELDS.filter((f) => !mapped.has(f)));
  const issues = result.issues
    .filter((i) => shared.has(i.path))
    .map((i) => ({
      path: `defaults.${i.path}`,
      code: i.code,
      message:
        i.path === "villageCode" && !defaults.villageCode
          ? "Petakan kolom kode kelurahan atau pilih kelurahan asal daftar."
          : i.path === "occupation" && !defaults.occupation
            ? "Petakan kolom pekerjaan atau pilih satu pekerjaan untuk seluruh daftar."
            : i.message,
    }));
  if (issues.length)
    throw new ValidationError("Data bersama untuk seluruh daftar belum lengkap.", issues, "invalid_defaults");
}

/**
 * Opens an import. The same file (office, kind, SHA-256) opens the batch it opened before —
 * a resumed upload continues it, a finished one adds nothing — and a file whose import was
 * undone starts over in the same batch.
 */
export async function createBatch(
  c: Ctx,
  body: CreateBatchBody,
): Promise<{ batch: Batch; resumed: boolean }> {
  const p = c.get("principal");
  const db = c.get("db");
  if (!p || !inOfficeScope(p, body.officeId))
    throw new ForbiddenError("office_out_of_scope", "Kantor di luar wilayah kerja Anda.");
  if (body.fileBytes > IMPORT_LIMITS.maxFileBytes)
    throw new PayloadTooLargeError(
      "file_too_large",
      `Berkas ${megabytes(body.fileBytes)} melebihi batas ${megabytes(IMPORT_LIMITS.maxFileBytes)}.`,
      { limitBytes: IMPORT_LIMITS.maxFileBytes },
    );
  if (body.totalRows > IMPORT_LIMITS.maxRows)
    throw new PayloadTooLargeError(
      "too_many_rows",
      `Berkas berisi ${body.totalRows} baris; paling banyak ${IMPORT_LIMITS.maxRows} baris per unggahan.`,
      { limitRows: IMPORT_LIMITS.maxRows },
    );
  if (body.headers.length > IMPORT_LIMITS.maxColumns)
    throw new ValidationError("Terlalu banyak kolom.", [
      {
        path: "headers",
        code: "too_many_columns",
        message: `Paling banyak ${IMPORT_LIMITS.maxColumns} kolom.`,
      },
    ]);

  // The same file again: its import as it stands (resume an upload, or learn it is done) —
  // looked up first, so a resumed upload never fails on a setting changed since.
  const [existing] = await db
    .select()
    .from(importBatches)
    .where(
      and(
        eq(importBatches.officeId, body.officeId),
        eq(importBatches.kind, body.kind),
        eq(importBatches.fileHash, body.fileHash),
      ),
    );
  if (existing && existing.status !== "undone") return { batch: existing, resumed: true };

  const known = new Set<string>(IMPORT_FIELDS_BY_KIND[body.kind].map((f) => f.key));
  const issues: FieldIssue[] = [];
  for (const [field, header] of Object.entries(body.columnMapping)) {
    if (!known.has(field))
      issues.push({
        path: `columnMapping.${field}`,
        code: "unknown_field",
        message: "Kolom tujuan tidak dikenal.",
      });
    else if (!body.headers.includes(header))
      issues.push({
        path: `columnMapping.${field}`,
        code: "unknown_header",
        message: `Kolom berkas untuk "${fieldLabel(field)}" tidak ada di berkas.`,
      });
  }
  for (const f of missingRequiredFields(body.kind, body.headers, body.columnMapping)) {
    if (issues.some((i) => i.path === `columnMapping.${f.key}`)) continue;
    issues.push({
      path: `columnMapping.${f.key}`,
      code: "missing_column",
      message: `Kolom wajib "${f.label}" tidak ada di berkas atau belum dipetakan.`,
    });
  }
  if (body.kind === "kpj" && !body.columnMapping.signupId && !body.columnMapping.nik)
    issues.push({
      path: "columnMapping.nik",
      code: "missing_column",
      message: 'Petakan kolom "NIK" atau "ID pendaftaran" untuk mencocokkan peserta.',
    });
  if (issues.length) throw new ValidationError("Pemetaan kolom belum lengkap.", issues, "missing_columns");
  await checkSource(db, body);

  const timeZone = await officeTimeZone(db, body.officeId);
  const defaults = listDefaults(body, dateInTimeZone(new Date(), timeZone));

  if (body.kind === "signups") await checkListDefaults(db, body, defaults, timeZone);

  const now = new Date().toISOString();
  const fields = {
    source: body.kind === "signups" ? (body.source ?? null) : null,
    sourcePartnerId: body.kind === "signups" ? (body.sourcePartnerId ?? null) : null,
    sourceAreaCode: body.kind === "signups" ? (body.sourceAreaCode ?? null) : null,
    fileName: body.fileName,
    columnMapping: body.columnMapping,
    format: body.format,
    fileBytes: body.fileBytes,
    totalChunks: expectedChunks(body.totalRows),
    totalRows: body.totalRows,
    defaults,
    status: "uploaded" as const,
    okRows: 0,
    errorRows: 0,
    committedRows: 0,
    createdBy: p.userId,
    createdAt: now,
    updatedAt: now,
  };
  const id = existing?.id ?? crypto.randomUUID();
  const sourceKey = sourceKeyOf({ kind: body.kind, ...fields });
  const remember = db
    .insert(importMappings)
    .values({ officeId: body.officeId, sourceKey, mapping: body.columnMapping })
    .onConflictDoUpdate({
      target: [importMappings.officeId, importMappings.sourceKey],
      set: { mapping: body.columnMapping, updatedAt: now },
    });
  const audit = auditEntry(c, existing ? "import.restarted" : "import.opened", "import_batch", id, {
    kind: body.kind,
    source: fields.source,
    totalRows: body.totalRows,
    format: body.format,
  });
  if (existing) {
    await db.batch([
      db.delete(importRows).where(eq(importRows.batchId, id)),
      db.delete(importChunks).where(eq(importChunks.batchId, id)),
      db.update(importBatches).set(fields).where(eq(importBatches.id, id)),
      remember,
      audit,
    ]);
  } else {
    await db.batch([
      db.insert(importBatches).values({
        id,
        officeId: body.officeId,
        kind: body.kind,
        fileHash: body.fileHash,
        ...fields,
      }),
      remember,
      audit,
    ]);
  }
  return { batch: await loadBatch(db, p, id), resumed: false };
}

/** What one staged row reports back: only rows with findings are listed. */
export interface StagedRowReport {
  rowNumber: number;
  status: "ok" | "error";
  errors: RowError[];
}

/**
 * Stages one chunk: checks every row, seals its data, and writes rows and the chunk's ledger
 * entry in one `db.batch` — so a chunk is staged once, whole, however often it is sent.
 */
export async function stageChunk(
  c: Ctx,
  batch: Batch,
  chunkIndex: number,
  rows: UploadRow[],
): Promise<{ chunkIndex: number; replayed: boolean; staged: number; errors: StagedRowReport[] }> {
  const db = c.get("db");
  if (chunkIndex >= batch.totalChunks)
    throw new ValidationError("Nomor potongan di luar berkas.", [
      {
        path: "index",
        code: "chunk_out_of_range",
        message: `Berkas ini terdiri dari ${batch.totalChunks} potongan.`,
      },
    ]);
  const [already] = await db
    .select()
    .from(importChunks)
    .where(and(eq(importChunks.batchId, batch.id), eq(importChunks.chunkIndex, chunkIndex)));
  if (already) return { chunkIndex, replayed: true, staged: already.rowCount, errors: [] };
  if (batch.status !== "uploaded")
    throw new ConflictError("import_closed", "Impor ini sudah tidak menerima baris baru.", {
      status: batch.status,
    });

  const numbers = new Set<number>();
  for (const [i, r] of rows.entries()) {
    if (numbers.has(r.rowNumber))
      throw new ValidationError("Nomor baris ganda dalam potongan.", [
        {
          path: `rows.${i}.rowNumber`,
          code: "duplicate_row_number",
          message: "Nomor baris muncul dua kali.",
        },
      ]);
    numbers.add(r.rowNumber);
  }

  const vault = vaultOf(c);
  let checked: CheckedRow[];
  if (batch.kind === "signups") {
    const ctx = await loadSignupCheckContext(db, batch, await officeTimeZone(db, batch.officeId), rows);
    checked = await Promise.all(
      rows.map(async (r) => checkSignupRow(ctx, vault, r, await listRowSignupId(batch.id, r.rowNumber))),
    );
  } else {
    checked = await Promise.all(rows.map((r) => checkKpjRow(vault, r)));
  }
  const sealed = await Promise.all(rows.map((r) => sealPayload(vault, r)));
  const values = checked.map((row, i) => ({
    batchId: batch.id,
    rowNumber: row.rowNumber,
    status: row.errors.length ? ("error" as const) : ("ok" as const),
    nikHash: row.dedupeKey,
    payloadCipher: sealed[i] ?? null,
    errors: row.errors.length ? row.errors : null,
  }));
  const statements: BatchItem<"sqlite">[] = [];
  for (let i = 0; i < values.length; i += 100) {
    statements.push(
      db
        .insert(importRows)
        .values(values.slice(i, i + 100))
        .onConflictDoNothing(),
    );
  }
  await runBatch(db, [
    ...statements,
    db
      .insert(importChunks)
      .values({ batchId: batch.id, chunkIndex, rowCount: rows.length, receivedAt: new Date().toISOString() })
      .onConflictDoNothing(),
    db
      .update(importBatches)
      .set({ updatedAt: new Date().toISOString() })
      .where(eq(importBatches.id, batch.id)),
  ]);
  return {
    chunkIndex,
    replayed: false,
    staged: rows.length,
    errors: checked
      .filter((r) => r.errors.length)
      .map((r) => ({ rowNumber: r.rowNumber, status: "error" as const, errors: r.errors })),
  };
}

export async function receivedChunks(db: Db, batchId: string): Promise<number[]> {
  const rows = await db
    .select({ index: importChunks.chunkIndex })
    .from(importChunks)
    .where(eq(importChunks.batchId, batchId))
    .orderBy(asc(importChunks.chunkIndex));
  return rows.map((r) => r.index);
}

export type RowCounts = Record<"ok" | "error" | "duplicate" | "committed" | "skipped", number>;

export async function rowCounts(db: Db, batchId: string): Promise<RowCounts> {
  const rows = await db
    .select({ status: importRows.status, n: sql<number>`count(*)` })
    .from(importRows)
    .where(eq(importRows.batchId, batchId))
    .groupBy(importRows.status);
  const counts: RowCounts = { ok: 0, error: 0, duplicate: 0, committed: 0, skipped: 0 };
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

/** The batch with its progress: chunks in and missing, rows by status. */
export async function batchSummary(db: Db, batch: Batch) {
  const [chunks, counts] = await Promise.all([receivedChunks(db, batch.id), rowCounts(db, batch.id)]);
  const have = new Set(chunks);
  const missing: number[] = [];
  for (let i = 0; i < batch.totalChunks && missing.length < 500; i++) if (!have.has(i)) missing.push(i);
  return {
    id: batch.id,
    officeId: batch.officeId,
    kind: batch.kind,
    source: batch.source,
    sourcePartnerId: batch.sourcePartnerId,
    sourceAreaCode: batch.sourceAreaCode,
    fileName: batch.fileName,
    format: batch.format,
    fileBytes: batch.fileBytes,
    columnMapping: batch.columnMapping,
    defaults: batch.defaults,
    status: batch.status,
    totalRows: batch.totalRows,
    totalChunks: batch.totalChunks,
    receivedChunks: chunks.length,
    missingChunks: missing,
    counts,
    createdAt: batch.createdAt,
    updatedAt: batch.updatedAt,
  };
}

/**
 * Closes the upload and settles duplicates: a NIK seen earlier in the file (the earliest row
 * keeps it), or one that already has a live sign-up. Run again after a correction; rows
 * already committed are never touched.
 */
export async function finalizeBatch(c: Ctx, batch: Batch) {
  const db = c.get("db");
  const chunks = await receivedChunks(db, batch.id);
  if (chunks.length < batch.totalChunks) {
    const have = new Set(chunks);
    const missing = [];
    for (let i = 0; i < batch.totalChunks && missing.length < 500; i++) if (!have.has(i)) missing.push(i);
    throw new ConflictError("chunks_missing", "Belum semua bagian berkas terunggah.", {
      missingChunks: missing,
    });
  }
  if (!["uploaded", "validated", "committing"].includes(batch.status))
    throw new ConflictError("import_closed", "Impor ini sudah selesai.", { status: batch.status });

  const dupInFile = batch.kind === "kpj" ? "Baris ini sama dengan baris " : "NIK sama dengan baris ";
  const statements: BatchItem<"sqlite">[] = [
    db.run(sql`update import_rows set status = 'ok', errors = null
      where batch_id = ${batch.id} and status = 'duplicate'`),
    // The earliest row of each repeated key keeps it; later rows are duplicates naming it.
    db.run(sql`update import_rows set status = 'duplicate', errors = json_array(json_object(
        'field', ${batch.kind === "kpj" ? "kpj" : "nik"}, 'code', 'duplicate_in_file',
        'message', ${dupInFile} || f.first_row || '.'))
      from (select nik_hash, min(row_number) as first_row from import_rows
        where batch_id = ${batch.id} and nik_hash is not null
        group by nik_hash having count(*) > 1) as f
      where import_rows.batch_id = ${batch.id} and import_rows.status = 'ok'
        and import_rows.nik_hash = f.nik_hash and import_rows.row_number > f.first_row`),
  ];
  if (batch.kind === "signups") {
    statements.push(
      db.run(sql`update import_rows set status = 'duplicate', errors = json_array(json_object(
          'field', 'nik', 'code', 'already_enrolled',
          'message', 'NIK ini sudah memiliki pendaftaran yang masih berlaku.'))
        where batch_id = ${batch.id} and status = 'ok' and exists (
          select 1 from participants p join signups s on s.participant_id = p.id
          where p.nik_hash = import_rows.nik_hash and s.status <> 'rejected')`),
    );
  }
  await runBatch(db, statements);
  const counts = await rowCounts(db, batch.id);
  const status = batch.status === "uploaded" ? "validated" : batch.status;
  await db.batch([
    db
      .update(importBatches)
      .set({
        status,
        okRows: counts.ok + counts.committed,
        errorRows: counts.error + counts.duplicate,
        committedRows: counts.committed,
        updatedAt: new Date().toISOString(),
      })
      .where(eq(importBatches.id, batch.id)),
    auditEntry(c, "import.validated", "import_batch", batch.id, { ...counts }),
  ]);
  return { ...batch, status };
}

/** A page of staged rows for the preview: masked NIK and name only, plus the findings. */
export async function rowsPage(
  c: Ctx,
  batch: Batch,
  q: { status?: (typeof importRows.$inferSelect)["status"]; offset?: number; limit?: number },
) {
  const db = c.get("db");
  const vault = vaultOf(c);
  const rows = await db
    .select()
    .from(importRows)
    .where(and(eq(importRows.batchId, batch.id), q.status ? eq(importRows.status, q.status) : undefined))
    .orderBy(asc(importRows.rowNumber))
    .limit(q.limit ?? 50)
    .offset(q.offset ?? 0);
  const [total] = await db
    .select({ n: sql<number>`count(*)` })
    .from(importRows)
    .where(and(eq(importRows.batchId, batch.id), q.status ? eq(importRows.status, q.status) : undefined));
  return {
    total: total?.n ?? 0,
    rows: await Promise.all(
      rows.map(async (r) => {
        const payload = r.payloadCipher ? await openPayload(vault, r.payloadCipher) : { values: {} };
        const nik = normalizeNik(payload.values.nik ?? "");
        return {
          rowNumber: r.rowNumber,
          status: r.status,
          errors: r.errors ?? [],
          signupId: r.signupId,
          nikMasked: nik ? maskNik(nik) : "",
          fullName: (payload.values.fullName ?? "").slice(0, 100),
          kpj: batch.kind === "kpj" ? (payload.values.kpj ?? "") : undefined,
        };
      }),
    ),
  };
}

/** Every finding, one line per row and field, as CSV (no personal data: row, field, code, reason). */
export async function errorReportLines(db: Db, batch: Batch): Promise<string[][]> {
  const lines: string[][] = [["Baris", "Status", "Kolom", "Kode", "Keterangan"]];
  let after = 0;
  for (;;) {
    const rows = await db
      .select({ rowNumber: importRows.rowNumber, status: importRows.status, errors: importRows.errors })
      .from(importRows)
      .where(
        and(
          eq(importRows.batchId, batch.id),
          inArray(importRows.status, ["error", "duplicate"]),
          gt(importRows.rowNumber, after),
        ),
      )
      .orderBy(asc(importRows.rowNumber))
      .limit(2000);
    if (rows.length === 0) break;
    for (const r of rows) {
      for (const e of r.errors ?? []) {
        lines.push([String(r.rowNumber), r.status, fieldLabel(e.field), e.code, e.message]);
      }
      after = r.rowNumber;
    }
  }
  return lines;
}

/** Replaces a staged row's values (before commit) and checks it again with the same rules. */
export async function correctStagedRow(
  c: Ctx,
  batch: Batch,
  rowNumber: number,
  values: Record<string, string>,
): Promise<StagedRowReport> {
  const db = c.get("db");
  if (!["validated", "committing"].includes(batch.status))
    throw new ConflictError("import_closed", "Baris hanya dapat diperbaiki sebelum impor selesai.", {
      status: batch.status,
    });
  const [row] = await db
    .select()
    .from(importRows)
    .where(and(eq(importRows.batchId, batch.id), eq(importRows.rowNumber, rowNumber)));
  if (!row) throw new NotFoundError("import_row_not_found", "Baris tidak ditemukan.");
  if (row.status === "committed")
    throw new ConflictError("row_committed", "Baris ini sudah didaftarkan; perbaiki di antrean verifikasi.");
  const vault = vaultOf(c);
  const before = row.payloadCipher ? await openPayload(vault, row.payloadCipher) : { values: {} };
  const upload: UploadRow = { rowNumber, values: { ...before.values, ...values } };
  let checked: CheckedRow;
  if (batch.kind === "signups") {
    const ctx = await loadSignupCheckContext(db, batch, await officeTimeZone(db, batch.officeId), [upload]);
    checked = await checkSignupRow(ctx, vault, upload, await listRowSignupId(batch.id, rowNumber));
  } else {
    checked = await checkKpjRow(vault, upload);
  }
  const status = checked.errors.length ? ("error" as const) : ("ok" as const);
  await db.batch([
    db
      .update(importRows)
      .set({
        status,
        errors: checked.errors.length ? checked.errors : null,
        nikHash: checked.dedupeKey,
        payloadCipher: await sealPayload(vault, upload),
      })
      .where(and(eq(importRows.batchId, batch.id), eq(importRows.rowNumber, rowNumber))),
    auditEntry(c, "import.row_corrected", "import_batch", batch.id, {
      rowNumber,
      fields: Object.keys(values),
      status,
    }),
  ]);
  // Duplicates depend on the other rows: settle them again for the whole batch.
  await finalizeBatch(c, await loadBatch(db, c.get("principal") as Principal, batch.id));
  const [after] = await db
    .select()
    .from(importRows)
    .where(and(eq(importRows.batchId, batch.id), eq(importRows.rowNumber, rowNumber)));
  return {
    rowNumber,
    status: after?.status === "ok" ? "ok" : "error",
    errors: after?.errors ?? [],
  };
}

/** Batches of the caller's offices, newest first. */
export async function listBatches(db: Db, p: Principal, kind?: "signups" | "kpj") {
  return db
    .select({
      id: importBatches.id,
      officeId: importBatches.officeId,
      kind: importBatches.kind,
      source: importBatches.source,
      fileName: importBatches.fileName,
      status: importBatches.status,
      totalRows: importBatches.totalRows,
      totalChunks: importBatches.totalChunks,
      okRows: importBatches.okRows,
      errorRows: importBatches.errorRows,
      committedRows: importBatches.committedRows,
      createdAt: importBatches.createdAt,
      updatedAt: importBatches.updatedAt,
      receivedChunks: sql<number>`(select count(*) from import_chunks ic where ic.batch_id = ${importBatches.id})`,
    })
    .from(importBatches)
    .where(
      and(
        officeScope(p, importBatches.officeId),
        kind ? eq(importBatches.kind, kind) : inArray(importBatches.kind, ["signups", "kpj"]),
      ),
    )
    .orderBy(desc(importBatches.createdAt))
    .limit(50);
}
