import type { Db } from "@jangkau/shared/db/index";
import { RateLimitedError } from "@jangkau/shared/errors";
import { loginThrottle } from "@jangkau/shared/schema/index";
import { sha256Hex } from "@jangkau/shared/security/encoding";
import { inArray, sql } from "drizzle-orm";

/**
 * Failed-login throttling kept in the database, so it holds across Worker isolates:
 * 5 attempts without a success per account or 30 per client address within 15 minutes lock
 * that key for 15 minutes. Keys are hashed: no email or address is stored.
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

/**
 * Counts this login attempt against both keys BEFORE the password is checked, in one atomic
 * batch, and refuses it with 429 when a key has used up its attempts. Checking first and
 * counting after the (deliberately slow) password hash would let a burst of parallel guesses
 * all pass the check; reserving first admits exactly `limit` attempts per key and window.
 * A successful login gives its attempt back ({@link settleSuccess}).
 */
export async function reserveAttempt(db: Db, keys: { acct: string; ip: string }, now = Date.now()) {
  const nowIso = new Date(now).toISOString();
  const windowFloor = new Date(now - WINDOW_MS).toISOString();
  const lockUntil = new Date(now + LOCK_MS).toISOString();
  const reserve = (kind: "acct" | "ip") => {
    // A window older than 15 minutes, no longer locked, starts over.
    const startsOver = sql`(${loginThrottle.windowStartedAt} < ${windowFloor} AND (${loginThrottle.lockedUntil} IS NULL OR ${loginThrottle.lockedUntil} <= ${nowIso}))`;
    return db
      .insert(loginThrottle)
      .values({ key: keys[kind], failures: 1, windowStartedAt: nowIso })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: {
          failures: sql`CASE WHEN ${startsOver} THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
          windowStartedAt: sql`CASE WHEN ${startsOver} THEN ${nowIso} ELSE ${loginThrottle.windowStartedAt} END`,
          // The attempt that uses up the allowance sets the lock; later ones find it.
          lockedUntil: sql`CASE WHEN ${startsOver} THEN NULL WHEN ${loginThrottle.failures} + 1 >= ${LIMITS[kind]} AND (${loginThrottle.lockedUntil} IS NULL OR ${loginThrottle.lockedUntil} <= ${nowIso}) THEN ${lockUntil} ELSE ${loginThrottle.lockedUntil} END`,
        },
      })
      .returning({ failures: loginThrottle.failures, lockedUntil: loginThrottle.lockedUntil });
  };
  const [[acct], [ip]] = await db.batch([reserve("acct"), reserve("ip")]);
  for (const [row, limit] of [
    [acct, LIMITS.acct],
    [ip, LIMITS.ip],
  ] as const) {
    if (row && row.failures > limit) {
      const until = row.lockedUntil ? Date.parse(row.lockedUntil) : now + LOCK_MS;
      throw new RateLimitedError(Math.max(1, Math.ceil((until - now) / 1000)));
    }
  }
}

/**
 * A successful login: the account's count starts over, and the client address gets its
 * reserved attempt back (an office behind one address signs in many people), lifting a lock
 * that only this attempt had set.
 */
export async function settleSuccess(db: Db, keys: { acct: string; ip: string }) {
  await db.batch([
    db.delete(loginThrottle).where(inArray(loginThrottle.key, [keys.acct])),
    db
      .update(loginThrottle)
      .set({
        failures: sql`max(${loginThrottle.failures} - 1, 0)`,
        lockedUntil: sql`CASE WHEN ${loginThrottle.failures} - 1 < ${LIMITS.ip} THEN NULL ELSE ${loginThrottle.lockedUntil} END`,
      })
      .where(inArray(loginThrottle.key, [keys.ip])),
  ]);
}
