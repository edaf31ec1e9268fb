import { nodeFetch } from "../packages/node/src/host.ts";
import { issueSessionToken } from "../packages/shared/src/auth/session.ts";
import { createDb } from "../packages/shared/src/db/index.ts";
import type { Env } from "../packages/shared/src/env.ts";
import { setLogSilent } from "../packages/shared/src/http/log.ts";
import { randomToken, toBase64 } from "../packages/shared/src/security/encoding.ts";
import { AS } from "../test/support/app.ts";
import { findUserByEmail, principalFor } from "../workers/campaigns/src/auth/principal.ts";
import { type Figure, median, percentile, ratioOf, round, timed } from "./support/figures.ts";
import { generatedDatabase } from "./support/generate-signups.ts";

const READS = 200;
const WARM_UP = 20;
const GOAL_P95_MS = 20;

const SIZE_NAMES: Record<string, number> = {
  "10k": 10_000,
  "100k": 100_000,
  "1m": 1_000_000,
  "10m": 10_000_000,
};

/** `10k,100k,1m,10m` (or plain numbers) → sign-up counts. */
export function parseSizes(spec: string): number[] {
  return spec.split(",").map((s) => {
    const key = s.trim().toLowerCase();
    const n = SIZE_NAMES[key] ?? Number(key);
    if (!Number.isInteger(n) || n <= 0)
      throw new Error(`--sizes: "${s}" is not 10k, 100k, 1m, 10m or a count`);
    return n;
  });
}

const sizeName = (n: number) => Object.entries(SIZE_NAMES).find(([, v]) => v === n)?.[0] ?? String(n);

/**
 * (c) The dashboard, an office's progress and the partner's view over 10k…10M generated
 * sign-ups, called in-process through the gateway and the targets worker (p50/p95 over 200
 * reads after a warm-up), against a naive `count(*)` of the live sign-ups of every office
 * over the year — what the dashboard would run without rollup cells.
 */
export async function benchReads(sizes: number[]): Promise<Figure[]> {
  setLogSilent(true);
  const figures: Figure[] = [];
  for (const count of sizes) {
    const generated = await generatedDatabase(count);
    const env: Env = {
      TURSO_DATABASE_URL: generated.url,
      JWT_SECRET: randomToken(48),
      NIK_ENC_KEYS: `1:${toBase64(crypto.getRandomValues(new Uint8Array(32)))}`,
      NIK_HMAC_KEY: toBase64(crypto.getRandomValues(new Uint8Array(32))),
      APP_ENV: "production",
    };
    const db = createDb(generated.url);
    const tokenOf = async (email: string) => {
      const user = await findUserByEmail(db, email);
      if (!user) throw new Error(`no user ${email}`);
      return issueSessionToken(await principalFor(db, user), env.JWT_SECRET);
    };
    const app = nodeFetch(env);
    const reads = [
      {
        key: "dashboard",
        label: "Dashboard, every office (admin)",
        path: "/api/targets/progress/offices",
        email: AS.admin,
      },
      {
        key: "office",
        label: "Regional office progress with drill-down (manager)",
        path: "/api/targets/progress/offices/kw-jatim",
        email: AS.managerJatim,
      },
      {
        key: "partner",
        label: "Partner progress (Dinkop Sumsel)",
        path: "/api/targets/partner/progress",
        email: AS.partnerDinkopSumsel,
      },
    ];

    const offices = (await db.$client.execute("select id from offices")).rows.map((r) => String(r.id));
    const naiveSql = `select count(*) as n from signups where office_id in (${offices.map(() => "?").join(",")}) and signup_month between ? and ? and status <> 'rejected'`;
    const naiveArgs = [...offices, `${generated.year}-01`, `${generated.year}-12`];
    const naive = async () => db.$client.execute({ sql: naiveSql, args: naiveArgs });
    const naiveRuns = count >= 1_000_000 ? 20 : READS;
    for (let i = 0; i < 3; i++) await naive();
    const naiveMs: number[] = [];
    let counted = 0;
    for (let i = 0; i < naiveRuns; i++) {
      const [ms, res] = await timed(naive);
      naiveMs.push(ms);
      counted = Number(res.rows[0]?.n ?? 0);
    }

    for (const read of reads) {
      const token = await tokenOf(read.email);
      const call = async () => {
        const res = await app(
          new Request(`http://localhost${read.path}`, { headers: { Authorization: `Bearer ${token}` } }),
        );
        if (res.status !== 200) throw new Error(`${read.path} → ${res.status}`);
        return res.text();
      };
      for (let i = 0; i < WARM_UP; i++) await call();
      const ms: number[] = [];
      for (let i = 0; i < READS; i++) ms.push((await timed(call))[0]);
      const p50 = median(ms);
      const p95 = percentile(ms, 95);
      figures.push({
        id: `reads.${sizeName(count)}.${read.key}`,
        label: `${read.label} @ ${sizeName(count)} sign-ups`,
        value: round(p95, 2),
        unit: "ms p95",
        details: {
          p50Ms: round(p50, 2),
          p95Ms: round(p95, 2),
          reads: READS,
          naiveP50Ms: round(median(naiveMs), 2),
          naiveP95Ms: round(percentile(naiveMs, 95), 2),
          naiveRuns,
          liveSignupsCounted: counted,
          events: generated.events,
          generatedInSeconds: generated.generatedInSeconds,
        },
        baseline: {
          label: "naive count(*) of the year's live sign-ups, every office",
          value: round(median(naiveMs), 2),
          unit: "ms p50",
        },
        ratio: ratioOf(p50, median(naiveMs)),
        goal: { text: `p95 ≤ ${GOAL_P95_MS} ms`, met: p95 <= GOAL_P95_MS },
        command: `npm run bench -- --only reads --sizes ${sizeName(count)}`,
      });
    }
    db.$client.close();
  }
  return figures;
}
