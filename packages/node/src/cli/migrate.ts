import { dbFor } from "@jangkau/shared/db/index";
import { loadConfig } from "../config.ts";
import { migrateDatabase } from "../migrate.ts";
import { prepareDatabase } from "../prepare.ts";

/** `npm run db:migrate`: apply migrations and reference data to DATABASE_URL (file:, http://, libsql://). */
const config = loadConfig();
const db = dbFor(config.env.TURSO_DATABASE_URL, config.env.TURSO_AUTH_TOKEN);
await migrateDatabase(db, config.env.TURSO_DATABASE_URL);
await prepareDatabase(db, config.env, { demo: false });
console.log("Migrasi dan data referensi selesai.");
