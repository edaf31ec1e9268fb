import autocannon from "autocannon";
import { DEMO_IDS } from "../packages/node/src/seed/demo.ts";
import { AS } from "../test/support/app.ts";
import { signupGenerator, villagesOf } from "../test/support/signup-generator.ts";
import { type Figure, ratioOf, round } from "./support/figures.ts";
import { freshDatabase, startServer } from "./support/launch.ts";

const CONNECTIONS = 32;
const SECONDS = 10;

/**
 * (b) One sign-up per POST /api/enrolment/signups at 32 concurrent connections (autocannon,
 * a new UUID and NIK in every request) against `GET /ok` — a bare route on the same server
 * process that answers without the app. The server runs in its own process; autocannon in
 * this one, on the other core.
 */
export async function benchSingle(): Promise<Figure[]> {
  const database = await freshDatabase();
  const server = await startServer(database);
  try {
    const token = await server.login(AS.staffMadiun);
    const villages = await villagesOf(database.db, "357701");
    const next = signupGenerator(
      { eventId: DEMO_IDS.events.sosialisasiMadiun, district: "357701", villages },
      { start: 1_000_000 },
    );
    const headers = { "Content-Type": "application/json", Authorization: `Bearer ${token}` };
    const signupLoad = (duration: number) =>
      autocannon({
        url: server.url,
        connections: CONNECTIONS,
        duration,
        requests: [
          {
            method: "POST",
            path: "/api/enrolment/signups",
            headers,
            setupRequest: (req) => ({ ...req, body: JSON.stringify(next()) }),
          },
        ],
      });
    const okLoad = (duration: number) =>
      autocannon({ url: `${server.url}/ok`, connections: CONNECTIONS, duration });

    await okLoad(2);
    await signupLoad(3); // warm-up: JIT and the first pages of every index
    const ok = await okLoad(SECONDS);
    const signup = await signupLoad(SECONDS);
    if (signup.non2xx > 0 || signup.errors > 0)
      throw new Error(`single POST: ${signup.non2xx} non-2xx and ${signup.errors} errors`);
    const reqs = signup.requests.average;
    const p99 = signup.latency.p99;
    return [
      {
        id: "single.post32",
        label: `Single sign-up POST, ${CONNECTIONS} connections`,
        value: round(reqs, 0),
        unit: "req/s",
        details: {
          p50Ms: signup.latency.p50,
          p99Ms: p99,
          created: signup["2xx"],
          okP50Ms: ok.latency.p50,
          okP99Ms: ok.latency.p99,
          seconds: SECONDS,
        },
        baseline: {
          label: "bare GET /ok on the same server",
          value: round(ok.requests.average, 0),
          unit: "req/s",
        },
        ratio: ratioOf(reqs, ok.requests.average),
        goal: { text: "≥ 2,000 req/s and p99 ≤ 50 ms", met: reqs >= 2_000 && p99 <= 50 },
        command: "npm run bench -- --only single",
      },
    ];
  } finally {
    await server.stop();
    database.remove();
  }
}
