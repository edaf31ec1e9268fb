import { type Client, createClient } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import * as schema from "../schema/index.ts";

export type Db = LibSQLDatabase<typeof schema> & { $client: Client };

/**
 * Build the drizzle database from a URL. `@libsql/client` resolves by export condition:
 * its Node build (file:, libsql://, http://) under Node, its fetch-only `/web` build under
 * workerd (`workerd` condition) — one factory for both runtimes.
 */
export function createDb(url: string, authToken?: string): Db {
  const client =
    url.startsWith("file:") && localClient
      ? localClient(url)
      : createClient({
          url,
          ...(authToken ? { authToken } : {}),
          // A local file gets one connection: every statement runs synchronously on this thread
          // anyway (no interactive transactions are used), and per-connection settings made by
          // migrateDatabase — synchronous = NORMAL, busy_timeout — then hold for every write.
          // More connections would each start at SQLite's defaults (an fsync on every commit).
          ...(url.startsWith("file:") ? { concurrency: 1 } : {}),
        });
  return drizzle(client, { schema, casing: "snake_case" }) as Db;
}

let localClient: ((url: string) => Client) | null = null;

/**
 * Open local `file:` databases with this client instead of @libsql/client's (null: back to
 * it). The Node host plugs in one that keeps its prepared statements
 * (packages/node/src/db/local-client.ts); Workers have no local files.
 */
export function useLocalClient(open: ((url: string) => Client) | null): void {
  localClient = open;
}

const cache = new Map<string, Db>();

/** One client per database URL per isolate/process; clients hold no per-request state. */
export function dbFor(url: string, authToken?: string): Db {
  const key = `${url}#${authToken ?? ""}`;
  let db = cache.get(key);
  if (!db) {
    db = createDb(url, authToken);
    cache.set(key, db);
  }
  return db;
}

export { schema };
