import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { serve } from "@hono/node-server";
import { dbFor } from "@jangkau/shared/db/index";
import { runRetentionJob } from "../../../workers/enrolment/src/followups/job.ts";
import { loadConfig, ROOT } from "./config.ts";
import { nodeFetch } from "./host.ts";
import { migrateDatabase } from "./migrate.ts";
import { prepareDatabase } from "./prepare.ts";

/**
 * `npm start`: migrate, load reference data, seed demo data into an empty database, build
 * the SPA if needed, and serve the SPA and every worker's API from one process.
 */
async function main() {
  const config = loadConfig();
  const { env } = config;
  const db = dbFor(env.TURSO_DATABASE_URL, env.TURSO_AUTH_TOKEN);
  await migrateDatabase(db, env.TURSO_DATABASE_URL);
  const seeded = await prepareDatabase(db, env, { demo: config.demo });
  // The daily retention job at every start: follow-up calls as of today, retention rebuilt.
  const job = await runRetentionJob(db, new Date());
  const newTasks = Object.values(job.followups.created).reduce((sum, n) => sum + n, 0);
  console.log(
    `Tindak lanjut: ${newTasks} tugas baru untuk ${job.followups.participants} peserta; retensi dihitung ulang.`,
  );

  const loginsFile = env.TURSO_DATABASE_URL.startsWith("file:")
    ? resolve(dirname(env.TURSO_DATABASE_URL.slice(5)), "demo-logins.json")
    : resolve(ROOT, "data/demo-logins.json");
  if (seeded.logins) writeFileSync(loginsFile, JSON.stringify(seeded.logins, null, 2), { mode: 0o600 });

  if (!existsSync(resolve(config.webDist, "index.html"))) {
    console.log("Membangun SPA (web/dist)…");
    const { build } = await import("vite");
    await build({ root: resolve(ROOT, "web"), logLevel: "warn" });
  }

  const fetch = nodeFetch(env, config.webDist);
  const server = serve({
    port: config.port,
    hostname: config.host,
    fetch: (req, node) => {
      // The client address for login throttling, as Cloudflare would set it; never trust the client's header.
      const address = (node as { incoming?: { socket?: { remoteAddress?: string } } }).incoming?.socket
        ?.remoteAddress;
      req.headers.set("CF-Connecting-IP", address ?? "unknown");
      return fetch(req);
    },
  });
  server.on("listening", () => {
    const url = `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${config.port}`;
    console.log(
      `\nJangkau berjalan di ${url}  (database: ${env.TURSO_DATABASE_URL.replace(/\/\/.*@/, "//")})`,
    );
    if (config.demo && existsSync(loginsFile)) {
      const logins = JSON.parse(readFileSync(loginsFile, "utf8")) as {
        role: string;
        email: string;
        password: string;
      }[];
      console.log("\nLogin demo (hanya mode demo):");
      for (const l of logins.slice(0, 4))
        console.log(`  ${l.role.padEnd(8)} ${l.email.padEnd(36)} ${l.password}`);
      console.log(`  …semua login demo: ${loginsFile}`);
    }
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
