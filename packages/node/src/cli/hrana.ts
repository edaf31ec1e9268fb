/**
 * Dev/test only: serves a local SQLite file over Hrana-over-HTTP, so `@libsql/client` (and its /web
 * build, as used by the Workers) can connect with `url: "http://127.0.0.1:PORT"`.
 *
 *   tsx packages/node/src/cli/hrana.ts --db ./data/edge.db --port 8080 [--auth-token TOKEN]
 *
 * `--db :memory:` serves a throwaway database. The token may also come from HRANA_AUTH_TOKEN.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { startHranaServer } from "../hrana/server.ts";

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    port: { type: "string", default: "8080" },
    "auth-token": { type: "string" },
  },
});

const port = Number(values.port);
if (!values.db || !Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(
    "usage: tsx packages/node/src/cli/hrana.ts --db <file|:memory:> [--port 8080] [--auth-token TOKEN]",
  );
  process.exit(2);
}
if (values.db !== ":memory:") mkdirSync(dirname(values.db), { recursive: true });

const server = await startHranaServer({
  path: values.db,
  port,
  authToken: values["auth-token"] ?? process.env.HRANA_AUTH_TOKEN,
});
console.log(server.url);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close().then(() => process.exit(0));
  });
}
