import { sql } from "drizzle-orm";
import type { Db } from "../db/index.ts";
import type { SignupStatus } from "../schema/enums.ts";
import { rollupCells } from "../schema/rollups/table.ts";

/**
 * Sign-up rollups: every write that adds, removes or changes a sign-up computes the cell
 * deltas here and adds their upserts to the same `db.batch()` — so a dashboard reads a few
 * cells, never the sign-ups, and the counters can never drift from a committed write.
 */

/** What a sign-up contributes to the rollups; `officePath` is its branch and every ancestor. */
export interface SignupFacts {
  officePath: string[];
  campaignId: string | null;
  eventId: string | null;
  signupMonth: string;
  regencyCode: string | null;
  occupation: string;
  payer: string;
  source: string;
  status: SignupStatus;
}

export type CellKey = `${string}|${string}|${string}|${string}`;
export type CellDelta = Record<SignupStatus, number>;

/** The breakdowns kept for every scope. */
export const ROLLUP_DIMS = ["total", "occupation", "payer", "source", "regency"] as const;

function scopesOf(f: SignupFacts): string[] {
  const scopes = ["national", ...f.officePath.map((id) => `office:${id}`)];
  if (f.campaignId) scopes.push(`campaign:${f.campaignId}`);
  if (f.eventId) scopes.push(`event:${f.eventId}`);
  return scopes;
}

function keysOf(f: SignupFacts): [dim: string, key: string][] {
  return [
    ["total", ""],
    ["occupation", f.occupation],
    ["payer", f.payer],
    ["source", f.source],
    ["regency", f.regencyCode ?? ""],
  ];
}

/** Accumulates deltas over many sign-ups so a 500-record batch upserts each cell once. */
export class RollupDeltas {
  readonly cells = new Map<CellKey, CellDelta>();

  private add(f: SignupFacts, sign: 1 | -1) {
    for (const scope of scopesOf(f)) {
      for (const [dim, key] of keysOf(f)) {
        const id: CellKey = `${scope}|${f.signupMonth}|${dim}|${key}`;
        let cell = this.cells.get(id);
        if (!cell) {
          cell = { recorded: 0, verified: 0, registered: 0, rejected: 0 };
          this.cells.set(id, cell);
        }
        cell[f.status] += sign;
      }
    }
  }

  /** A new sign-up. */
  insert(f: SignupFacts): this {
    this.add(f, 1);
    return this;
  }

  /** A deleted sign-up. */
  remove(f: SignupFacts): this {
    this.add(f, -1);
    return this;
  }

  /** Any change of status or of a dimension: out of the old cells, into the new. */
  change(before: SignupFacts, after: SignupFacts): this {
    this.add(before, -1);
    this.add(after, 1);
    return this;
  }

  /** Upsert statements for every non-zero cell, to append to the write's `db.batch()`. */
  statements(db: Db) {
    const out = [];
    for (const [id, d] of this.cells) {
      if (!d.recorded && !d.verified && !d.registered && !d.rejected) continue;
      const [scope, month, dim, key] = id.split("|") as [string, string, string, string];
      out.push(
        db
          .insert(rollupCells)
          .values({ scope, month, dim, key, ...d })
          .onConflictDoUpdate({
            target: [rollupCells.scope, rollupCells.month, rollupCells.dim, rollupCells.key],
            set: {
              recorded: sql`${rollupCells.recorded} + ${d.recorded}`,
              verified: sql`${rollupCells.verified} + ${d.verified}`,
              registered: sql`${rollupCells.registered} + ${d.registered}`,
              rejected: sql`${rollupCells.rejected} + ${d.rejected}`,
            },
          }),
      );
    }
    return out;
  }
}

/** Live sign-ups of a cell: everything not rejected. */
export const liveSignups = (c: { recorded: number; verified: number; registered: number }) =>
  c.recorded + c.verified + c.registered;

/**
 * Recompute every sign-up cell from the raw rows, in SQL (`npm run db:rebuild-rollups`).
 * Office ancestry: a branch's parent office also gets the branch's counts (two levels).
 */
export async function rebuildSignupRollups(db: Db): Promise<void> {
  const dims = [
    ["total", "''"],
    ["occupation", "s.occupation"],
    ["payer", "s.payer"],
    ["source", "s.source"],
    ["regency", "coalesce(s.regency_code, '')"],
  ] as const;
  const scopes = [
    ["'national'", "signups s"],
    ["'office:' || s.office_id", "signups s"],
    [
      "'office:' || o.parent_id",
      "signups s join offices o on o.id = s.office_id and o.parent_id is not null",
    ],
    ["'campaign:' || s.campaign_id", "signups s where s.campaign_id is not null"],
    ["'event:' || s.event_id", "signups s where s.event_id is not null"],
  ] as const;
  const statements = [sql`delete from rollup_cells`];
  for (const [scopeExpr, from] of scopes) {
    for (const [dim, keyExpr] of dims) {
      statements.push(
        sql.raw(`insert into rollup_cells (scope, month, dim, key, recorded, verified, registered, rejected)
          select ${scopeExpr}, s.signup_month, '${dim}', ${keyExpr},
            sum(s.status = 'recorded'), sum(s.status = 'verified'), sum(s.status = 'registered'), sum(s.status = 'rejected')
          from ${from}
          group by 1, 2, 3, 4`),
      );
    }
  }
  await db.batch(
    statements.map((s) => db.run(s)) as [ReturnType<typeof db.run>, ...ReturnType<typeof db.run>[]],
  );
}
