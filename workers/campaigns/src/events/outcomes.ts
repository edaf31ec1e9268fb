import type { Db } from "@jangkau/shared/db/index";
import { rollupCells } from "@jangkau/shared/schema/index";
import { and, eq, inArray, sql } from "drizzle-orm";

/**
 * Sign-up figures read from the rollup cells (scope `event:<id>` or `campaign:<id>`), summed
 * over months — never by scanning sign-ups. Live = recorded + verified + registered.
 */
const live = sql<number>`coalesce(sum(${rollupCells.recorded} + ${rollupCells.verified} + ${rollupCells.registered}), 0)`;

/** Live sign-ups per scope, e.g. `liveSignups(db, ["event:…", "event:…"])`; absent scopes are 0. */
export async function liveSignups(db: Db, scopes: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (scopes.length === 0) return out;
  for (let i = 0; i < scopes.length; i += 400) {
    const rows = await db
      .select({ scope: rollupCells.scope, live })
      .from(rollupCells)
      .where(and(inArray(rollupCells.scope, scopes.slice(i, i + 400)), eq(rollupCells.dim, "total")))
      .groupBy(rollupCells.scope);
    for (const r of rows) out.set(r.scope, Number(r.live));
  }
  return out;
}

export interface Breakdown {
  key: string;
  count: number;
}

export interface SignupBreakdown {
  total: number;
  byOccupation: Breakdown[];
  byPayer: Breakdown[];
}

/** One scope's live sign-ups in total, by occupation and by who pays (largest first). */
export async function signupBreakdown(db: Db, scope: string): Promise<SignupBreakdown> {
  const rows = await db
    .select({ dim: rollupCells.dim, key: rollupCells.key, live })
    .from(rollupCells)
    .where(and(eq(rollupCells.scope, scope), inArray(rollupCells.dim, ["total", "occupation", "payer"])))
    .groupBy(rollupCells.dim, rollupCells.key);
  const of = (dim: string) =>
    rows
      .filter((r) => r.dim === dim && Number(r.live) > 0)
      .map((r) => ({ key: r.key, count: Number(r.live) }))
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  return {
    total: Number(rows.find((r) => r.dim === "total")?.live ?? 0),
    byOccupation: of("occupation"),
    byPayer: of("payer"),
  };
}
