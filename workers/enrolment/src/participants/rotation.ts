import type { Db } from "@jangkau/shared/db/index";
import type { Env } from "@jangkau/shared/env";
import { participants } from "@jangkau/shared/schema/index";
import { nikVault, parseEncKeys } from "@jangkau/shared/security/nik-vault";
import { and, asc, eq, lt, sql } from "drizzle-orm";

/**
 * NIK key rotation, step 2 of 3 (1: add `n+1:<new key>` to NIK_ENC_KEYS on every worker —
 * new rows are encrypted with it at once, old rows still decrypt with the version stored
 * beside them; 2: run this; 3: remove the old key once it reports nothing left).
 *
 * Re-encrypts, a chunk per `db.batch()`, every participant whose NIK is under an older key
 * version. Each update is conditional on the version it read, so running it twice, or while
 * sign-ups are being recorded, is safe. The lookup hash does not change.
 */
export async function reencryptNiks(
  db: Db,
  env: Pick<Env, "NIK_ENC_KEYS" | "NIK_HMAC_KEY">,
  options: { chunk?: number } = {},
): Promise<{ reencrypted: number; currentVersion: number }> {
  const vault = nikVault(env.NIK_ENC_KEYS, env.NIK_HMAC_KEY);
  const currentVersion = Math.max(...parseEncKeys(env.NIK_ENC_KEYS).keys());
  const chunk = options.chunk ?? 500;
  let reencrypted = 0;
  for (;;) {
    const rows = await db
      .select({ id: participants.id, cipher: participants.nikCipher, keyVersion: participants.nikKeyVersion })
      .from(participants)
      .where(lt(participants.nikKeyVersion, currentVersion))
      .orderBy(asc(participants.id))
      .limit(chunk);
    if (rows.length === 0) break;
    // Drizzle queries are thenables: seal first, build the statements after, so none runs alone.
    const sealed = await Promise.all(
      rows.map(async (r) => vault.encrypt(await vault.decrypt(r.cipher, r.keyVersion))),
    );
    const updates = rows.map((r, i) =>
      db
        .update(participants)
        .set({ nikCipher: sealed[i]?.cipher, nikKeyVersion: sealed[i]?.keyVersion })
        .where(and(eq(participants.id, r.id), eq(participants.nikKeyVersion, r.keyVersion))),
    );
    await db.batch(updates as [(typeof updates)[number], ...(typeof updates)[number][]]);
    reencrypted += rows.length;
  }
  return { reencrypted, currentVersion };
}

/**
 * Replaces every NIK lookup hash with one under a new HMAC key (decrypting each NIK). Run it
 * in a maintenance window with sign-up writes stopped and the tablets' outboxes drained, then
 * switch NIK_HMAC_KEY on every worker: until the switch, lookups with the old key miss the
 * rows already moved. Sign-up fingerprints are keyed by the hash too, so a record still held
 * by a tablet would come back as an `id_conflict` afterwards instead of a replay.
 */
export async function rehashNiks(
  db: Db,
  env: Pick<Env, "NIK_ENC_KEYS" | "NIK_HMAC_KEY">,
  newHmacKey: string,
  options: { chunk?: number } = {},
): Promise<{ rehashed: number }> {
  const vault = nikVault(env.NIK_ENC_KEYS, env.NIK_HMAC_KEY);
  const next = nikVault(env.NIK_ENC_KEYS, newHmacKey);
  const chunk = options.chunk ?? 500;
  let rehashed = 0;
  let after = "";
  for (;;) {
    const rows = await db
      .select({ id: participants.id, cipher: participants.nikCipher, keyVersion: participants.nikKeyVersion })
      .from(participants)
      .where(sql`${participants.id} > ${after}`)
      .orderBy(asc(participants.id))
      .limit(chunk);
    if (rows.length === 0) break;
    const hashes = await Promise.all(
      rows.map(async (r) => next.hash(await vault.decrypt(r.cipher, r.keyVersion))),
    );
    const updates = rows.map((r, i) =>
      db.update(participants).set({ nikHash: hashes[i] }).where(eq(participants.id, r.id)),
    );
    await db.batch(updates as [(typeof updates)[number], ...(typeof updates)[number][]]);
    rehashed += rows.length;
    after = rows[rows.length - 1]?.id ?? after;
  }
  return { rehashed };
}
