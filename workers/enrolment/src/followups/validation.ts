import { FOLLOWUP_KINDS, FOLLOWUP_OUTCOMES, FOLLOWUP_STATUSES } from "@jangkau/shared/schema/enums";
import { queryInt, text, uuid } from "@jangkau/shared/validation/common";
import * as v from "valibot";

/** `?assignee=me|all|unassigned|<user id>&status=open|done|cancelled|all&kind=…&officeId=…` */
export const callListQuery = v.object({
  assignee: v.optional(v.union([v.picklist(["me", "all", "unassigned"]), uuid])),
  status: v.optional(v.picklist([...FOLLOWUP_STATUSES, "all"])),
  kind: v.optional(v.picklist(FOLLOWUP_KINDS)),
  officeId: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64))),
  limit: v.optional(queryInt(1, 2_000)),
});
export type CallListQuery = v.InferOutput<typeof callListQuery>;

export const taskParam = v.object({ id: uuid });

/**
 * What a call came to. `paid` and `refused` close the task; `promised` and `unreachable`
 * keep it open to call again (the latest attempt is kept).
 */
export const outcomeSchema = v.object({
  outcome: v.picklist(FOLLOWUP_OUTCOMES, "Pilih hasil: dibayar, dijanjikan, menolak, atau tidak terhubung."),
  note: v.nullish(text(500)),
});

export const assignSchema = v.object({ assigneeUserId: v.nullable(uuid) });

/** `asOf` (a date or an instant; default now) and one office, else every office in scope. */
export const generateSchema = v.object({
  asOf: v.optional(v.union([v.pipe(v.string(), v.isoDate()), v.pipe(v.string(), v.isoTimestamp())])),
  officeId: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64))),
});
