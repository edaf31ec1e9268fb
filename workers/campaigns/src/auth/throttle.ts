import type { Db } from "@jangkau/shared/db/index";
import { RateLimitedError } from "@jangkau/shared/errors";
import { loginThrottle } from "@jangkau/shared/schema/index";
import { sha256Hex } from "@jangkau/shared/security/encoding";
import { inArray, sql } from "drizzle-orm";

/**
 * Failed-login throttling kept in the database, so it holds across Worker isolates:
 * 5 failures per account or 30 per client address within 15 minutes lock that key for
 * 15 minutes. Keys are hashed: no email or address is stored.
 */
const WINDOW_MS = 15 * 60 * 1000;
const LOCK_MS = 15 * 60 * 1000;
const LIMITS = { acct: 5, ip: 30 } as const;

export async function throttleKeys(email: string, ip: string) {
  return {
    acct: `acct:${await sha256Hex(email.trim().toLowerCase())}`,
    ip: `ip:${await sha256Hex(ip)}`,
  };
}

export async function assertNotLocked(db: Db, keys: { acct: string; ip: string }, now = Date.now()) {
  const rows = await db
    .select()
    .from(loginThrottle)
    .where(inArray(loginThrottle.key, [keys.acct, keys.ip]));
  for (const row of rows) {
    const until = row.lockedUntil ? Date.parse(row.lockedUntil) : 0;
    if (until > now) throw new RateLimitedError(Math.ceil((until - now) / 1000));
  }
}

export async function recordFailure(db: Db, keys: { acct: string; ip: string }, now = Date.now()) {
  const nowIso = new Date(now).toISOString();
  const windowFloor = new Date(now - WINDOW_MS).toISOString();
  const lockUntil = new Date(now + LOCK_MS).toISOString();
  const bump = (kind: "acct" | "ip") =>
    db
      .insert(loginThrottle)
      .values({ key: keys[kind], failures: 1, windowStartedAt: nowIso })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        // A window older than 15 minutes starts over; reaching the limit sets the lock.
        set: {
          failures: sql`CASE WHEN ${loginThrottle.windowStartedAt} < ${windowFloor} THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
          windowStartedAt: sql`CASE WHEN ${loginThrottle.windowStartedAt} < ${windowFloor} THEN ${nowIso} ELSE ${loginThrottle.windowStartedAt} END`,
          lockedUntil: sql`CASE WHEN ${loginThrottle.windowStartedAt} >= ${windowFloor} AND ${loginThrottle.failures} + 1 >= ${LIMITS[kind]} THEN ${lockUntil} ELSE ${loginThrottle.lockedUntil} END`,
        },
      });
  await db.batch([bump("acct"), bump("ip")]);
}

export async function clearAccount(db: Db, keys: { acct: string }) {
  await db.delete(loginThrottle).where(inArray(loginThrottle.key, [keys.acct]));
}
