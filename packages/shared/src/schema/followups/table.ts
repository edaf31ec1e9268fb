import { index, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { id, stamps } from "../columns.ts";
import { FOLLOWUP_KINDS, FOLLOWUP_OUTCOMES, FOLLOWUP_STATUSES } from "../enums.ts";
import { offices } from "../offices/table.ts";
import { participants } from "../participants/table.ts";
import { signups } from "../signups/table.ts";
import { users } from "../users/table.ts";

/**
 * Payment follow-ups generated from participant status: reminder before the paid period
 * ends, arrears, sponsorship ending, reactivation after lapse. `periodKey` (YYYY-MM) keeps
 * generation idempotent: one task per participant, kind and period.
 */
export const followupTasks = sqliteTable(
  "followup_tasks",
  {
    id: id(),
    participantId: text()
      .notNull()
      .references(() => participants.id, { onDelete: "cascade" }),
    signupId: text().references(() => signups.id, { onDelete: "set null" }),
    officeId: text()
      .notNull()
      .references(() => offices.id, { onDelete: "restrict" }),
    kind: text({ enum: FOLLOWUP_KINDS }).notNull(),
    periodKey: text().notNull(),
    dueDate: text().notNull(),
    assigneeUserId: text().references(() => users.id, { onDelete: "set null" }),
    status: text({ enum: FOLLOWUP_STATUSES }).notNull().default("open"),
    outcome: text({ enum: FOLLOWUP_OUTCOMES }),
    outcomeNote: text(),
    outcomeAt: text(),
    ...stamps(),
  },
  (t) => [
    uniqueIndex("followup_tasks_participant_kind_period_uq").on(t.participantId, t.kind, t.periodKey),
    index("followup_tasks_assignee_idx").on(t.assigneeUserId, t.status),
    index("followup_tasks_office_idx").on(t.officeId, t.status),
  ],
);
