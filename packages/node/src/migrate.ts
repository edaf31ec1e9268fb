import { resolve } from "node:path";
import type { Db } from "@jangkau/shared/db/index";
import { migrate } from "drizzle-orm/libsql/migrator";
import { ROOT } from "./config.ts";

export const MIGRATIONS = resolve(ROOT, "packages/shared/drizzle");

/**
 * Apply the committed drizzle migrations. Works on file:, http:// and libsql:// URLs. On a
 * local file, turn on WAL (readers never block the writer) and NORMAL sync, which is
 * durable across process crashes — the kill -9 reliability test checks exactly that.
 */
export async function migrateDatabase(db: Db, url: string): Promise<void> {
  if (url.startsWith("file:")) {
    await db.$client.execute("PRAGMA journal_mode = WAL");
    await db.$client.execute("PRAGMA synchronous = NORMAL");
    await db.$client.execute("PRAGMA busy_timeout = 5000");
  }
  await migrate(db, { migrationsFolder: MIGRATIONS });
}
