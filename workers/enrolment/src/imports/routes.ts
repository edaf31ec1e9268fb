import { auditEntry } from "@jangkau/shared/audit";
import { isAdmin, type Principal } from "@jangkau/shared/auth/permissions";
import { ForbiddenError, PayloadTooLargeError } from "@jangkau/shared/errors";
import { principal, route } from "@jangkau/shared/http/route";
import type { AppEnv } from "@jangkau/shared/http/types";
import { valid } from "@jangkau/shared/http/validate";
import { IMPORT_LIMITS } from "@jangkau/shared/imports/limits";
import { importMappings, offices, partners, signups } from "@jangkau/shared/schema/index";
import { and, asc, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import Papa from "papaparse";
import {
  batchSummary,
  correctStagedRow,
  createBatch,
  errorReportLines,
  finalizeBatch,
  listBatches,
  loadBatch,
  rowsPage,
  stageChunk,
  vaultOf,
} from "./batches.ts";
import { commitStep, undoBatch } from "./commit.ts";
import { EXPORT_COLUMNS, EXPORT_PAGE, exportPage } from "./export.ts";
import { applyDecisions, reviewQueue } from "./review.ts";
import {
  batchParam,
  chunkBody,
  chunkParam,
  correctRowBody,
  createBatchBody,
  decisionsBody,
  exportQuery,
  listQuery,
  mappingQuery,
  reviewQuery,
  rowParam,
  rowsQuery,
} from "./validation.ts";

const tags = ["imports"];

const chunkLimit = bodyLimit({
  maxSize: IMPORT_LIMITS.maxChunkBytes,
  onError: () => {
    throw new PayloadTooLargeError(
      "chunk_too_large",
      `Potongan unggahan melebihi ${Math.round(IMPORT_LIMITS.maxChunkBytes / 1024)} KB.`,
      { limitBytes: IMPORT_LIMITS.maxChunkBytes, limitRows: IMPORT_LIMITS.chunkRows },
    );
  },
});

/** CSV as people open it in Excel: UTF-8 with BOM, CRLF, every cell quoted. */
const csvLines = (lines: string[][]) => `${Papa.unparse(lines, { quotes: true, newline: "\r\n" })}\r\n`;

/** Exports carry full NIKs: the role's permission is checked by `route()`, the user's own flag here. */
function assertMayReveal(p: Principal) {
  if (!p.canRevealNik)
    throw new ForbiddenError("nik_reveal_not_allowed", "Akun Anda tidak diizinkan membuka NIK lengkap.");
}

const attachment = (name: string) => `attachment; filename="${name.replace(/[^\w.-]/g, "_")}"`;

/**
 * Pendataan: lists of workers from lurah, paguyuban and CSR sponsors — upload in resumable
 * chunks, preview with per-row findings, commit, undo; the verification queue; export of
 * verified sign-ups for BPJS registration; and the KPJ numbers that come back.
 */
export const importRoutes = new Hono<AppEnv>()
  .get(
    "/sources",
    route({
      summary: "Partners a list may come from (paguyuban, koperasi, CSR)",
      tags,
      permission: "imports:write",
    }),
    async (c) => {
      const p = principal(c);
      const db = c.get("db");
      const scoped = isAdmin(p)
        ? undefined
        : or(
            inArray(partners.officeId, p.officeIds.length ? p.officeIds : [""]),
            inArray(
              partners.officeId,
              db
                .select({ id: offices.parentId })
                .from(offices)
                .where(
                  and(
                    inArray(offices.id, p.officeIds.length ? p.officeIds : [""]),
                    isNotNull(offices.parentId),
                  ),
                ),
            ),
          );
      const rows = await db
        .select({ id: partners.id, name: partners.name, type: partners.type, officeId: partners.officeId })
        .from(partners)
        .where(scoped)
        .orderBy(asc(partners.name));
      return c.json({ partners: rows }, 200);
    },
  )
  .get(
    "/mappings",
    route({ summary: "The column mapping remembered for a source", tags, permission: "imports:write" }),
    valid("query", mappingQuery),
    async (c) => {
      const p = principal(c);
      const { officeId, sourceKey } = c.req.valid("query");
      if (!isAdmin(p) && !p.officeIds.includes(officeId))
        throw new ForbiddenError("office_out_of_scope", "Kantor di luar wilayah kerja Anda.");
      const [row] = await c
        .get("db")
        .select({ mapping: importMappings.mapping, updatedAt: importMappings.updatedAt })
        .from(importMappings)
        .where(and(eq(importMappings.officeId, officeId), eq(importMappings.sourceKey, sourceKey)));
      return c.json({ mapping: row?.mapping ?? null, updatedAt: row?.updatedAt ?? null }, 200);
    },
  )
  .get(
    "/",
    route({ summary: "Recent imports of the caller's offices", tags, permission: "imports:write" }),
    valid("query", listQuery),
    async (c) =>
      c.json({ batches: await listBatches(c.get("db"), principal(c), c.req.valid("query").kind) }, 200),
  )
  .post(
    "/",
    route({
      summary: "Open an import for a file (the same file again resumes or returns the earlier import)",
      description:
        "201 with a new batch; 200 with the existing one when this office already imported this file (same SHA-256): a finished import adds nothing, an interrupted upload resumes at `missingChunks`. 413 file_too_large / too_many_rows; 400 missing_columns naming each required column.",
      tags,
      permission: "imports:write",
    }),
    valid("json", createBatchBody),
    async (c) => {
      const { batch, resumed } = await createBatch(c, c.req.valid("json"));
      const summary = await batchSummary(c.get("db"), batch);
      return c.json({ batch: summary, resumed }, resumed ? 200 : 201);
    },
  )
  .get(
    "/review",
    route({
      summary: "Verification queue: imported sign-ups to accept, reject or correct",
      tags,
      permission: "signups:review",
    }),
    valid("query", reviewQuery),
    async (c) => c.json(await reviewQueue(c.get("db"), principal(c), c.req.valid("query")), 200),
  )
  .post(
    "/review/decisions",
    route({
      summary: "Accept, reject (with a reason) or correct imported sign-ups, singly or in bulk",
      tags,
      permission: "signups:review",
    }),
    valid("json", decisionsBody),
    async (c) => c.json({ results: await applyDecisions(c, c.req.valid("json").decisions) }, 200),
  )
  .get(
    "/export/lines",
    route({
      summary: "Verified sign-ups with full NIK, 1,000 lines a page (the SPA builds the XLSX from them)",
      description:
        "A NIK reveal: needs nik:reveal and the user's reveal flag, and is audited per page. `after` is the last sign-up id of the previous page (`next`).",
      tags,
      permission: "nik:reveal",
    }),
    valid("query", exportQuery),
    async (c) => {
      const p = principal(c);
      assertMayReveal(p);
      const q = c.req.valid("query");
      const db = c.get("db");
      if (q.batchId) await loadBatch(db, p, q.batchId);
      const page = await exportPage(db, vaultOf(c), p, q, q.after ?? "");
      await auditEntry(c, "nik.revealed", "signup_export", q.batchId ?? q.officeId ?? "scope", {
        format: "lines",
        rows: page.lines.length,
      });
      c.header("Cache-Control", "no-store");
      return c.json({ columns: [...EXPORT_COLUMNS], lines: page.lines, next: page.lastId }, 200);
    },
  )
  .get(
    "/export",
    route({
      summary: "Verified sign-ups with full NIK for BPJS registration, as CSV",
      description:
        "A NIK reveal: needs nik:reveal and the user's reveal flag, and is audited with the row count. Streams 1,000 rows per database read; formula-like text is escaped.",
      tags,
      permission: "nik:reveal",
    }),
    valid("query", exportQuery),
    async (c) => {
      const p = principal(c);
      assertMayReveal(p);
      const q = c.req.valid("query");
      const db = c.get("db");
      if (q.batchId) await loadBatch(db, p, q.batchId);
      const vault = vaultOf(c);
      const [count] = await db
        .select({ n: sql<number>`count(*)` })
        .from(signups)
        .where(
          and(
            eq(signups.status, "verified"),
            isAdmin(p) ? undefined : inArray(signups.officeId, p.officeIds.length ? p.officeIds : [""]),
            q.batchId ? eq(signups.importBatchId, q.batchId) : undefined,
            q.officeId ? eq(signups.officeId, q.officeId) : undefined,
          ),
        );
      await auditEntry(c, "nik.revealed", "signup_export", q.batchId ?? q.officeId ?? "scope", {
        format: "csv",
        rows: count?.n ?? 0,
      });
      let after = "";
      let first = true;
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const page = await exportPage(db, vault, p, q, after, EXPORT_PAGE);
          const lines = first ? [[...EXPORT_COLUMNS], ...page.lines] : page.lines;
          if (lines.length) controller.enqueue(encoder.encode(`${first ? "\uFEFF" : ""}${csvLines(lines)}`));
          first = false;
          if (!page.lastId || page.lines.length < EXPORT_PAGE) controller.close();
          else after = page.lastId;
        },
      });
      return c.body(body, 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": attachment(
          `pendaftaran-terverifikasi-${new Date().toISOString().slice(0, 10)}.csv`,
        ),
        "Cache-Control": "no-store",
      });
    },
  )
  .get(
    "/:id",
    route({
      summary: "An import with its progress (chunks in and missing, rows by status)",
      tags,
      permission: "imports:write",
    }),
    valid("param", batchParam),
    async (c) => {
      const db = c.get("db");
      return c.json(await batchSummary(db, await loadBatch(db, principal(c), c.req.valid("param").id)), 200);
    },
  )
  .put(
    "/:id/chunks/:index",
    route({
      summary: "Stage one chunk of rows (at most 1,000; idempotent per chunk index)",
      description:
        "Every row is checked with the capture screen's validator and stored sealed. A chunk already staged answers `replayed: true` and changes nothing.",
      tags,
      permission: "imports:write",
    }),
    chunkLimit,
    valid("param", chunkParam),
    valid("json", chunkBody),
    async (c) => {
      const { id, index } = c.req.valid("param");
      const batch = await loadBatch(c.get("db"), principal(c), id);
      return c.json(await stageChunk(c, batch, index, c.req.valid("json").rows), 200);
    },
  )
  .post(
    "/:id/validate",
    route({
      summary: "Close the upload and settle duplicates (in the file and against enrolled NIKs)",
      tags,
      permission: "imports:write",
    }),
    valid("param", batchParam),
    async (c) => {
      const db = c.get("db");
      const batch = await finalizeBatch(c, await loadBatch(db, principal(c), c.req.valid("param").id));
      return c.json(await batchSummary(db, batch), 200);
    },
  )
  .get(
    "/:id/rows",
    route({
      summary: "Staged rows with their findings (masked NIK, name)",
      tags,
      permission: "imports:write",
    }),
    valid("param", batchParam),
    valid("query", rowsQuery),
    async (c) => {
      const batch = await loadBatch(c.get("db"), principal(c), c.req.valid("param").id);
      c.header("Cache-Control", "no-store");
      return c.json(await rowsPage(c, batch, c.req.valid("query")), 200);
    },
  )
  .get(
    "/:id/report",
    route({
      summary: "The per-row error report as CSV: row, status, column, code, reason",
      tags,
      permission: "imports:write",
    }),
    valid("param", batchParam),
    async (c) => {
      const db = c.get("db");
      const batch = await loadBatch(db, principal(c), c.req.valid("param").id);
      const lines = await errorReportLines(db, batch);
      return c.body(`\uFEFF${csvLines(lines)}`, 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": attachment(`laporan-kesalahan-${batch.fileName}.csv`),
        "Cache-Control": "no-store",
      });
    },
  )
  .patch(
    "/:id/rows/:rowNumber",
    route({
      summary: "Correct a staged row before commit (checked again with the same rules)",
      tags,
      permission: "imports:write",
    }),
    valid("param", rowParam),
    valid("json", correctRowBody),
    async (c) => {
      const { id, rowNumber } = c.req.valid("param");
      const batch = await loadBatch(c.get("db"), principal(c), id);
      return c.json(await correctStagedRow(c, batch, rowNumber, c.req.valid("json").values), 200);
    },
  )
  .post(
    "/:id/commit",
    route({
      summary: "Commit the next rows of a validated import (repeat until status is committed)",
      description:
        "Each call enrols up to 500 rows through the sign-up service (source = the list, state recorded) or, for a KPJ import, registers them. Safe to repeat after a lost response.",
      tags,
      permission: "imports:write",
    }),
    valid("param", batchParam),
    async (c) => {
      const db = c.get("db");
      const step = await commitStep(c, await loadBatch(db, principal(c), c.req.valid("param").id));
      return c.json(step, 200);
    },
  )
  .post(
    "/:id/undo",
    route({
      summary: "Undo an import while all its sign-ups are still recorded (or discard one never committed)",
      tags,
      permission: "imports:write",
    }),
    valid("param", batchParam),
    async (c) => {
      const db = c.get("db");
      return c.json(await undoBatch(c, await loadBatch(db, principal(c), c.req.valid("param").id)), 200);
    },
  );
