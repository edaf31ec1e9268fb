import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { MIGRATIONS, migrateDatabase } from "../../packages/node/src/migrate.ts";
import { loadAreas, loadOffices } from "../../packages/node/src/seed/reference.ts";
import { loadContributionRules } from "../../packages/node/src/seed/rules.ts";
import { createDb } from "../../packages/shared/src/db/index.ts";
import { sha256Hex } from "../../packages/shared/src/security/encoding.ts";

/**
 * Builds, once per migration set, a database with the schema and reference data (91k
 * areas). Each test file copies it instead of loading the areas again.
 */
export default async function setup(project: TestProject) {
  project.provide("templateDb", await templateDatabase());
}

/**
 * The path of the template database for the current migrations (schema, areas, offices,
 * contribution rules), built on first use and cached under the OS temp directory. Shared by
 * the test projects and the benchmarks.
 */
export async function templateDatabase(): Promise<string> {
  const files = readdirSync(MIGRATIONS)
    .filter((f) => f.endsWith(".sql"))
    .sort();
  const fingerprint = await sha256Hex(files.map((f) => readFileSync(join(MIGRATIONS, f), "utf8")).join("\n"));
  const dir = join(tmpdir(), "jangkau-template");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${fingerprint.slice(0, 16)}.db`);
  if (!existsSync(path)) {
    const building = `${path}.${process.pid}.tmp`;
    const db = createDb(`file:${building}`);
    await migrateDatabase(db, `file:${building}`);
    await loadAreas(db);
    await loadOffices(db);
    await loadContributionRules(db);
    await db.$client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    await db.$client.execute("PRAGMA journal_mode = DELETE");
    db.$client.close();
    renameSync(building, path);
  }
  return path;
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
  }
}
