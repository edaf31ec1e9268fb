import { inArray, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { isAdmin, type Principal } from "../auth/permissions.ts";

/**
 * The office-scope condition for a query: admin sees all, everyone else the offices their
 * token carries. Put it in the WHERE clause — scope is never applied by filtering afterwards.
 */
export function officeScope(p: Principal, column: SQLiteColumn): SQL | undefined {
  if (isAdmin(p)) return undefined;
  if (p.officeIds.length === 0) return sql`0`;
  return inArray(column, p.officeIds);
}
