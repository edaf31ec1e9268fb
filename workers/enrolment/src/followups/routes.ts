import { auditEntry } from "@jangkau/shared/audit";
import { inOfficeScope, isAdmin } from "@jangkau/shared/auth/permissions";
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from "@jangkau/shared/errors";
import { principal, route } from "@jangkau/shared/http/route";
import type { AppEnv } from "@jangkau/shared/http/types";
import { valid } from "@jangkau/shared/http/validate";
import { followupTasks, signups, users } from "@jangkau/shared/schema/index";
import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import Papa from "papaparse";
import { loadContributionRules } from "../contributions/service.ts";
import { callList, callListCsvRows, tasksInScope } from "./call-list.ts";
import { generateFollowups } from "./service.ts";
import { assignSchema, callListQuery, generateSchema, outcomeSchema, taskParam } from "./validation.ts";

/** Outcomes that close a task; the others keep it on the list to call again. */
const CLOSING_OUTCOMES = new Set(["paid", "refused"]);

/** A date means noon WIB of that day; an instant is taken as given. */
const asOfInstant = (asOf: string | undefined) =>
  asOf === undefined ? new Date() : new Date(asOf.length === 10 ? `${asOf}T05:00:00.000Z` : asOf);

/** Follow-up tasks: the call list (staff, managers, paguyuban coordinators), outcomes, generation. */
export const followupRoutes = new Hono<AppEnv>()
  .get(
    "/",
    route({
      summary: "Call list: follow-up tasks with the participant's phone and a ready WhatsApp message",
      description:
        "Staff default to their own tasks (assignee=me), managers to all in scope. A partner user (paguyuban " +
        "coordinator) sees only tasks assigned to them, with the first name and phone only.",
      tags: ["followups"],
      permission: "followups:work",
    }),
    valid("query", callListQuery),
    async (c) => {
      const p = principal(c);
      const db = c.get("db");
      const tasks = await callList(db, p, c.req.valid("query"), {
        rules: await loadContributionRules(db),
        now: new Date(),
      });
      return c.json({ tasks }, 200);
    },
  )
  .get(
    "/call-list.csv",
    route({
      summary: "The call list as CSV (same filters), for printing or a spreadsheet",
      tags: ["followups"],
      permission: "followups:work",
    }),
    valid("query", callListQuery),
    async (c) => {
      const p = principal(c);
      const db = c.get("db");
      const tasks = await callList(db, p, c.req.valid("query"), {
        rules: await loadContributionRules(db),
        now: new Date(),
      });
      const csv = Papa.unparse(callListCsvRows(tasks), { escapeFormulae: true });
      return c.body(`\uFEFF${csv}\r\n`, 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": 'attachment; filename="daftar-panggilan.csv"',
        "Cache-Control": "no-store",
      });
    },
  )
  .patch(
    "/:id/outcome",
    route({
      summary:
        "Log what a call came to: paid or refused close the task; promised or unreachable keep it open",
      tags: ["followups"],
      permission: "followups:work",
    }),
    valid("param", taskParam),
    valid("json", outcomeSchema),
    async (c) => {
      const p = principal(c);
      const db = c.get("db");
      const { id } = c.req.valid("param");
      const { outcome, note } = c.req.valid("json");
      const [task] = await tasksInScope(db, p, [id]);
      if (!task) throw new NotFoundError("task_not_found", "Tugas tindak lanjut tidak ditemukan.");
      if (task.status !== "open") {
        throw new ConflictError("task_closed", "Tugas ini sudah selesai atau dibatalkan.", {
          status: task.status,
        });
      }
      const at = new Date().toISOString();
      const status = CLOSING_OUTCOMES.has(outcome) ? ("done" as const) : ("open" as const);
      await db.batch([
        db
          .update(followupTasks)
          .set({ outcome, outcomeNote: note ?? null, outcomeAt: at, status, updatedAt: at })
          .where(and(eq(followupTasks.id, id), eq(followupTasks.status, "open"))),
        auditEntry(c, "followup.outcome", "followup_task", id, { kind: task.kind, outcome, status }),
      ]);
      return c.json({ id, status, outcome, outcomeNote: note ?? null, outcomeAt: at }, 200);
    },
  )
  .patch(
    "/:id/assignee",
    route({
      summary:
        "Assign a task to a staff member of its office, or to the coordinator of the member's paguyuban",
      tags: ["followups"],
      permission: "followups:manage",
    }),
    valid("param", taskParam),
    valid("json", assignSchema),
    async (c) => {
      const p = principal(c);
      const db = c.get("db");
      const { id } = c.req.valid("param");
      const { assigneeUserId } = c.req.valid("json");
      const [task] = await tasksInScope(db, p, [id]);
      if (!task) throw new NotFoundError("task_not_found", "Tugas tindak lanjut tidak ditemukan.");
      if (assigneeUserId !== null) {
        const [[user], [signup]] = await db.batch([
          db.select().from(users).where(eq(users.id, assigneeUserId)),
          db
            .select({ payer: signups.payer, sponsorPartnerId: signups.sponsorPartnerId })
            .from(signups)
            .where(eq(signups.id, task.signupId ?? "")),
        ]);
        const staffOfOffice = user?.role === "staff" && user.officeId === task.officeId;
        const managerInScope =
          user?.role === "manager" && user.officeId !== null && inOfficeScope(p, user.officeId);
        const coordinator =
          user?.role === "partner" &&
          signup?.payer === "paguyuban" &&
          signup.sponsorPartnerId !== null &&
          user.partnerId === signup.sponsorPartnerId;
        if (!user?.active || !(staffOfOffice || managerInScope || coordinator)) {
          throw new UnprocessableError(
            "assignee_not_eligible",
            "Tugas hanya dapat diberikan kepada petugas kantor ini atau koordinator paguyuban peserta.",
            {
              issues: [
                {
                  path: "assigneeUserId",
                  code: "assignee_not_eligible",
                  message: "Pengguna tidak memenuhi syarat.",
                },
              ],
            },
          );
        }
      }
      const at = new Date().toISOString();
      await db.batch([
        db.update(followupTasks).set({ assigneeUserId, updatedAt: at }).where(eq(followupTasks.id, id)),
        auditEntry(c, "followup.assign", "followup_task", id, { assigneeUserId }),
      ]);
      return c.json({ id, assigneeUserId }, 200);
    },
  )
  .post(
    "/generate",
    route({
      summary: "Generate follow-up tasks from payment status for the offices in scope (idempotent)",
      description:
        "One task per participant, kind and period: running it again creates nothing new. Open tasks the status " +
        "no longer calls for are cancelled. Also run daily by `npm run followups:generate`.",
      tags: ["followups"],
      permission: "followups:manage",
    }),
    valid("json", generateSchema),
    async (c) => {
      const p = principal(c);
      const { asOf, officeId } = c.req.valid("json");
      if (officeId && !inOfficeScope(p, officeId)) {
        throw new ForbiddenError("office_out_of_scope", "Kantor ini di luar wilayah kerja Anda.");
      }
      const officeIds = officeId ? [officeId] : isAdmin(p) ? null : p.officeIds;
      const report = await generateFollowups(c.get("db"), { officeIds, now: asOfInstant(asOf) });
      return c.json(report, 200);
    },
  );
