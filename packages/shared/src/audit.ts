import type { Context } from "hono";
import type { Db } from "./db/index.ts";
import type { AppEnv } from "./http/types.ts";
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
  return db.insert(auditLog).values({
    id: crypto.randomUUID(),
    at: new Date().toISOString(),
    actorUserId: c.get("principal")?.userId ?? null,
    action,
    entity,
    entityId,
    details: details ?? null,
    requestId: c.get("requestId"),
  });
}
