import { isAdmin, type Principal } from "@jangkau/shared/auth/permissions";
import type { Db } from "@jangkau/shared/db/index";
import { dateInTimeZone } from "@jangkau/shared/domain/index";
import { ForbiddenError, ValidationError } from "@jangkau/shared/errors";
import { offices } from "@jangkau/shared/schema/index";
import { asc } from "drizzle-orm";

export type OfficeNode = Pick<
  typeof offices.$inferSelect,
  "id" | "code" | "name" | "kind" | "parentId" | "timeZone"
>;

/** Every office (a few hundred rows nationally): the tree the scope and roll-ups walk. */
export async function allOffices(db: Db): Promise<OfficeNode[]> {
  return db
    .select({
      id: offices.id,
      code: offices.code,
      name: offices.name,
      kind: offices.kind,
      parentId: offices.parentId,
      timeZone: offices.timeZone,
    })
    .from(offices)
    .orderBy(asc(offices.kind), asc(offices.name));
}

/** The office and every office below it (regional → its branches). */
export function subtree(all: readonly OfficeNode[], officeId: string): string[] {
  const ids = [officeId];
  for (let i = 0; i < ids.length; i++) {
    for (const o of all) if (o.parentId === ids[i] && !ids.includes(o.id)) ids.push(o.id);
  }
  return ids;
}

/**
 * Refuse an office outside the caller's scope with 403 naming the field. An unknown office
 * is "outside scope" for a manager (no hint that it exists) and a 400 for an admin.
 */
export function assertOfficeInScope(
  p: Principal,
  officeId: string,
  known: ReadonlySet<string>,
  path = "officeId",
): void {
  if (isAdmin(p)) {
    if (!known.has(officeId)) {
      throw new ValidationError("Kantor tidak dikenal.", [
        { path, code: "unknown_office", message: "Kantor tidak dikenal." },
      ]);
    }
    return;
  }
  if (!p.officeIds.includes(officeId)) {
    const message = "Kantor ini di luar wilayah kewenangan Anda.";
    throw new ForbiddenError("office_out_of_scope", message, {
      issues: [{ path, code: "office_out_of_scope", message }],
    });
  }
}

/** The current month (`YYYY-MM`) in an office's time zone. */
export function currentMonth(timeZone: OfficeNode["timeZone"] = "WIB", now = new Date()): string {
  return dateInTimeZone(now, timeZone).slice(0, 7);
}
