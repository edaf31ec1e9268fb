import { writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { dbFor } from "@jangkau/shared/db/index";
import { loadConfig, ROOT } from "../config.ts";
import { migrateDatabase } from "../migrate.ts";
import { prepareDatabase } from "../prepare.ts";

/** `npm run db:seed:demo`: demo organisation and sign-ups into an empty database (never in production). */
const config = loadConfig();
if (config.production) {
  console.error("Data demo tidak boleh dimuat di produksi.");
  process.exit(1);
}
const db = dbFor(config.env.TURSO_DATABASE_URL, config.env.TURSO_AUTH_TOKEN);
await migrateDatabase(db, config.env.TURSO_DATABASE_URL);
const { logins } = await prepareDatabase(db, config.env, { demo: true });
if (!logins) {
  console.log("Database sudah berisi data; demo tidak dimuat ulang.");
} else {
  const url = config.env.TURSO_DATABASE_URL;
  const file = url.startsWith("file:")
    ? resolve(dirname(url.slice(5)), "demo-logins.json")
    : resolve(ROOT, "data/demo-logins.json");
  writeFileSync(file, JSON.stringify(logins, null, 2), { mode: 0o600 });
  for (const l of logins) console.log(`${l.role.padEnd(8)} ${l.email.padEnd(36)} ${l.password}`);
}
