import { dbFor } from "@jangkau/shared/db/index";
import { reencryptNiks, rehashNiks } from "../../../../workers/enrolment/src/participants/rotation.ts";
import { loadConfig } from "../config.ts";

/**
 * NIK key rotation (see the enrolment worker's `participants/rotation.ts`):
 *
 *   tsx packages/node/src/cli/rotate-nik-keys.ts
 *       re-encrypts every NIK still under an older version of NIK_ENC_KEYS with the newest one
 *       (safe while the app runs; run again until it reports 0, then drop the old key)
 *
 *   NIK_HMAC_KEY_NEW=<base64> tsx packages/node/src/cli/rotate-nik-keys.ts --rehash
 *       recomputes every lookup hash under a new HMAC key — maintenance window only, then set
 *       NIK_HMAC_KEY to the new key on every worker
 *
 * Prints counts only, never a NIK.
 */
const config = loadConfig();
const db = dbFor(config.env.TURSO_DATABASE_URL, config.env.TURSO_AUTH_TOKEN);

if (process.argv.includes("--rehash")) {
  const next = process.env.NIK_HMAC_KEY_NEW;
  if (!next) {
    console.error("Isi NIK_HMAC_KEY_NEW dengan kunci HMAC baru (base64).");
    process.exit(1);
  }
  const { rehashed } = await rehashNiks(db, config.env, next);
  console.log(`${rehashed} hash NIK dihitung ulang. Sekarang ganti NIK_HMAC_KEY di semua worker.`);
} else {
  const { reencrypted, currentVersion } = await reencryptNiks(db, config.env);
  console.log(`${reencrypted} NIK dienkripsi ulang ke kunci versi ${currentVersion}.`);
}
