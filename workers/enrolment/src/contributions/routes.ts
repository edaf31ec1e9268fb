import { auditEntry } from "@jangkau/shared/audit";
import { inOfficeScope } from "@jangkau/shared/auth/permissions";
import type { Db } from "@jangkau/shared/db/index";
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from "@jangkau/shared/errors";
import { principal, route } from "@jangkau/shared/http/route";
import { officeScope } from "@jangkau/shared/http/scope";
import type { AppEnv } from "@jangkau/shared/http/types";
import { valid } from "@jangkau/shared/http/validate";
import {
  contributions,
  followupTasks,
  importBatches,
  importRows,
  offices,
  signups,
} from "@jangkau/shared/schema/index";
import { nikVault } from "@jangkau/shared/security/nik-vault";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { Hono } from "hono";
import { loadPaymentFacts } from "../followups/service.ts";
import { checkImport, findBatch, type ImportRowReport, storedImportReport } from "./import.ts";
import {
  type ContributionIssue,
  checkEntry,
  contributionWrites,
  isDuplicateMonthViolation,
  knownPartners,
  loadContributionRules,
  paymentStatusNow,
} from "./service.ts";
import { contributionEntrySchema, contributionImportSchema, participantParam } from "./validation.ts";

/** A refused entry as the one error shape: status, code, the field and why. */
function refusal(issue: ContributionIssue): Error {
  const details = {
    issues: [{ path: issue.field, code: issue.code, message: issue.message }],
    ...issue.details,
  };
  if (issue.status === 404) return new NotFoundError(issue.code, issue.message);
  if (issue.status === 409) return new ConflictError(issue.code, issue.message, details);
  return new UnprocessableError(issue.code, issue.message, details);
}

async function runBatch(db: Db, statements: BatchItem<"sqlite">[]) {
  try {
    await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  } catch (err) {
    if (isDuplicateMonthViolation(err)) {
      throw new ConflictError("duplicate_month", "Iuran bulan ini baru saja dicatat oleh pengguna lain.", {
        issues: [{ path: "month", code: "duplicate_month", message: "Iuran bulan ini sudah tercatat." }],
      });
    }
    throw err;
  }
}

function summarise(rows: readonly ImportRowReport[]) {
  const count = (s: ImportRowReport["status"]) => rows.filter((r) => r.status === s).length;
  return {
    totalRows: rows.length,
    recorded: count("recorded"),
    unmatched: count("unmatched"),
    duplicates: count("duplicate"),
    errors: count("error"),
    flaggedRows: rows.filter((r) => r.status !== "recorded"),
  };
}

/** Paid months: manual entry and the payment-export import. */
export const contributionRoutes = new Hono<AppEnv>()
  .post(
    "/",
    route({
      summary: "Record one paid month, checked against the sign-up and the contribution rules",
      description:
        "409 duplicate_month; 422 month_before_signup, month_too_far_ahead, paid_at_in_future, amount_mismatch " +
        "(details.expectedAmount) unless overrideReason is given, sponsor_not_allowed, unknown_sponsor.",
      tags: ["contributions"],
      permission: "contributions:write",
    }),
    valid("json", contributionEntrySchema),
    async (c) => {
      const p = principal(c);
      const db = c.get("db");
      const body = c.req.valid("json");
      const now = new Date();
      const [facts] = await loadPaymentFacts(
        db,
        and(eq(signups.participantId, body.participantId), officeScope(p, signups.officeId)),
      );
      const check = checkEntry(body, facts, {
        rules: await loadContributionRules(db),
        partnerIds: await knownPartners(db, [body.sponsorPartnerId, facts?.sponsorPartnerId]),
        alsoPaid: [],
        now,
        source: "manual",
        recordedBy: p.userId,
      });
      if (!check.ok) throw refusal(check.issue);
      await runBatch(db, [
        ...(await contributionWrites(db, [check], now)),
        auditEntry(c, "contribution.record", "contribution", check.row.id as string, {
          participantId: check.row.participantId,
          month: check.row.month,
          source: "manual",
          amountOverridden: check.row.amountOverrideReason != null,
        }),
      ]);
      const after = { ...check.facts, paidMonths: [...check.facts.paidMonths, check.row.month] };
      return c.json(
        {
          contribution: check.row,
          expected: {
            amount: check.expected.total,
            discountId: check.expected.discountId,
            discountWithheld: check.expected.discountWithheld,
          },
          status: paymentStatusNow(after, now),
        },
        201,
      );
    },
  )
  .post(
    "/import",
    route({
      summary:
        "Import a branch's payment export (rows read from CSV/XLSX): match by KPJ or NIK, report every flagged row",
      description:
        "Columns: kpj, nik, bulan, jumlah, pembayar, tanggal_bayar (see contributions/import.ts). Idempotent per " +
        "office and file hash: the same file again returns the first report. dryRun checks without recording.",
      tags: ["contributions"],
      permission: "contributions:write",
    }),
    valid("json", contributionImportSchema),
    async (c) => {
      const p = principal(c);
      const db = c.get("db");
      const body = c.req.valid("json");
      if (!inOfficeScope(p, body.officeId)) {
        throw new ForbiddenError("office_out_of_scope", "Kantor ini di luar wilayah kerja Anda.");
      }
      const [office] = await db.select({ id: offices.id }).from(offices).where(eq(offices.id, body.officeId));
      if (!office) throw new NotFoundError("office_not_found", "Kantor tidak ditemukan.");
      // The export is the office's own: rows match its participants (and its branches', for a regional office).
      const branches = await db
        .select({ id: offices.id })
        .from(offices)
        .where(eq(offices.parentId, body.officeId));
      const exportOffices = [body.officeId, ...branches.map((b) => b.id)];

      const earlier = await findBatch(db, body.officeId, body.fileHash);
      if (earlier) {
        const rows = await storedImportReport(db, earlier.id);
        return c.json({ batchId: earlier.id, replayed: true, dryRun: false, ...summarise(rows) }, 200);
      }

      const vault = nikVault(c.env.NIK_ENC_KEYS, c.env.NIK_HMAC_KEY);
      const now = new Date();
      const batchId = crypto.randomUUID();
      const checked = await checkImport(db, body, {
        vault,
        scope: and(officeScope(p, signups.officeId), inArray(signups.officeId, exportOffices)),
        rules: await loadContributionRules(db),
        now,
        recordedBy: p.userId,
        batchId,
      });
      const summary = summarise(checked.rows);
      if (body.dryRun) return c.json({ batchId: null, replayed: false, dryRun: true, ...summary }, 200);

      const cellsByRow = new Map(body.rows.map((r) => [r.rowNumber, r.cells]));
      const staged: (typeof importRows.$inferInsert)[] = [];
      for (const r of checked.rows) {
        const match = checked.matched.get(r.rowNumber);
        const flagged = r.status !== "recorded";
        // Only flagged rows keep their cells (to be looked into), sealed like a NIK.
        const sealed = flagged
          ? await vault.encrypt(
              JSON.stringify({ headers: body.headers, cells: cellsByRow.get(r.rowNumber) ?? [] }),
            )
          : null;
        staged.push({
          batchId,
          rowNumber: r.rowNumber,
          status: r.status === "recorded" ? "committed" : r.status === "duplicate" ? "duplicate" : "error",
          nikHash: match?.nikHash ?? null,
          payloadCipher: sealed ? `${sealed.keyVersion}:${sealed.cipher}` : null,
          errors:
            flagged && r.code ? [{ field: r.field ?? "row", code: r.code, message: r.message ?? "" }] : null,
          signupId: match?.signupId ?? null,
        });
      }
      const statements: BatchItem<"sqlite">[] = [
        db.insert(importBatches).values({
          id: batchId,
          officeId: body.officeId,
          kind: "contributions",
          fileName: body.fileName,
          fileHash: body.fileHash,
          status: "committed",
          totalRows: summary.totalRows,
          okRows: summary.recorded,
          errorRows: summary.totalRows - summary.recorded,
          committedRows: summary.recorded,
          createdBy: p.userId,
        }),
      ];
      for (let i = 0; i < staged.length; i += 100)
        statements.push(db.insert(importRows).values(staged.slice(i, i + 100)));
      statements.push(...(await contributionWrites(db, checked.accepted, now)));
      statements.push(
        auditEntry(c, "contribution.import", "import_batch", batchId, {
          officeId: body.officeId,
          totalRows: summary.totalRows,
          recorded: summary.recorded,
          flagged: summary.totalRows - summary.recorded,
        }),
      );
      try {
        await runBatch(db, statements);
      } catch (err) {
        // The same file uploaded twice at once: the other upload won; answer with its report.
        const winner = await findBatch(db, body.officeId, body.fileHash);
        if (!winner) throw err;
        const rows = await storedImportReport(db, winner.id);
        return c.json({ batchId: winner.id, replayed: true, dryRun: false, ...summarise(rows) }, 200);
      }
      return c.json({ batchId, replayed: false, dryRun: false, ...summary }, 201);
    },
  );

/** A participant's paid months and payment status (mounted under /api/enrolment/participants). */
export const participantContributionRoutes = new Hono<AppEnv>().get(
  "/:id/contributions",
  route({
    summary: "A participant's paid months, payment status and open follow-ups",
    tags: ["contributions"],
    permission: "contributions:read",
  }),
  valid("param", participantParam),
  async (c) => {
    const p = principal(c);
    const db = c.get("db");
    const { id } = c.req.valid("param");
    const [facts] = await loadPaymentFacts(
      db,
      and(eq(signups.participantId, id), officeScope(p, signups.officeId)),
    );
    if (!facts)
      throw new NotFoundError(
        "participant_not_found",
        "Peserta tidak ditemukan atau di luar wilayah kerja Anda.",
      );
    const now = new Date();
    const [paid, tasks] = await db.batch([
      db
        .select({
          id: contributions.id,
          month: contributions.month,
          payer: contributions.payer,
          sponsorPartnerId: contributions.sponsorPartnerId,
          amount: contributions.amount,
          expectedAmount: contributions.expectedAmount,
          amountOverrideReason: contributions.amountOverrideReason,
          source: contributions.source,
          paidAt: contributions.paidAt,
        })
        .from(contributions)
        .where(eq(contributions.participantId, id))
        .orderBy(asc(contributions.month)),
      db
        .select({
          id: followupTasks.id,
          kind: followupTasks.kind,
          periodKey: followupTasks.periodKey,
          dueDate: followupTasks.dueDate,
          status: followupTasks.status,
          outcome: followupTasks.outcome,
          assigneeUserId: followupTasks.assigneeUserId,
        })
        .from(followupTasks)
        .where(eq(followupTasks.participantId, id))
        .orderBy(asc(followupTasks.dueDate)),
    ]);
    return c.json(
      {
        participantId: id,
        signup: {
          id: facts.signupId,
          officeId: facts.officeId,
          signupMonth: facts.signupMonth,
          payer: facts.payer,
          sponsorPartnerId: facts.sponsorPartnerId,
          sponsoredFrom: facts.sponsoredFrom,
          sponsoredUntil: facts.sponsoredUntil,
        },
        status: paymentStatusNow(facts, now),
        contributions: paid,
        followups: tasks,
      },
      200,
    );
  },
);
