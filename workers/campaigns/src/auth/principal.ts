import type { Principal } from "@jangkau/shared/auth/permissions";
import type { Db } from "@jangkau/shared/db/index";
import { offices, users } from "@jangkau/shared/schema/index";
import { eq, inArray } from "drizzle-orm";

/** The offices a manager or staff member may see: their own and every office below it. */
export async function officeScope(db: Db, officeId: string): Promise<string[]> {
  const scope = [officeId];
  let frontier = [officeId];
  // Offices are at most two levels deep (regional → branch); loop guards any deeper tree.
  for (let depth = 0; depth < 4 && frontier.length > 0; depth++) {
    const children = await db
      .select({ id: offices.id })
      .from(offices)
      .where(inArray(offices.parentId, frontier));
    frontier = children.map((r) => r.id).filter((id) => !scope.includes(id));
    scope.push(...frontier);
  }
  return scope;
}

export async function principalFor(db: Db, user: typeof users.$inferSelect): Promise<Principal> {
  const officeIds = user.role === "admin" || !user.officeId ? [] : await officeScope(db, user.officeId);
  return {
    userId: user.id,
    role: user.role,
    name: user.name,
    officeId: user.officeId,
    officeIds: user.role === "staff" && user.officeId ? [user.officeId] : officeIds,
    partnerId: user.role === "partner" ? user.partnerId : null,
    canRevealNik: user.canRevealNik,
  };
}

export async function findUserByEmail(db: Db, email: string) {
  return db.query.users.findFirst({ where: eq(users.email, email.trim().toLowerCase()) });
}
