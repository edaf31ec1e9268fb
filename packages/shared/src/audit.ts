import type { Context } from "hono";
import type { Db } from "./db/index.ts";
import type { AppEnv } from "./http/types.ts";
import { newRowId } from "./ids.ts";
import { auditLog } from "./schema/audit/table.ts";

/**
 * An audit-log insert to add to the write's `db.batch()`. `details` must hold ids, codes and
 * counts only — never a NIK, a name or a phone number.
 */
export function auditEntry(
  c: Context<AppEnv>,
  action: string,
  entity: string,
  entityId: string,
  details?: Record<string, unknown>,
) {
  const db: Db = c.get("db");
  return db.insert(auditLog).values(auditRow(c, action, entity, entityId, details));
}

/** The audit row itself, for writes that insert it conditionally (e.g. only if a version matches). */
export function auditRow(
  c: Context<AppEnv>,
  action: string,
  entity: string,
  entityId: string,
  details?: Record<string, unknown>,
): typeof auditLog.$inferInsert {
  return {
    id: newRowId(),
    at: new Date().toISOString(),
    actorUserId: c.get("principal")?.userId ?? null,
    action,
    entity,
    entityId,
    details: details ?? null,
    requestId: c.get("requestId"),
  };
}
