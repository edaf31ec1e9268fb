import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../packages/node/src/seed/demo.ts";
import { DEMO_TARGET_IDS, seedDemoTargets } from "../../packages/node/src/seed/demo-targets.ts";
import { AS } from "../support/app.ts";
import { signupGenerator, villagesOf } from "../support/signup-generator.ts";
import { hostileValue, mutatedFrom, shapedBy } from "./support/arbitraries.ts";
import { expectNoNikInLogsOrUrls, type LiveHost, startLiveHost } from "./support/live-host.ts";
import { fillPath, type Operation, operationsOf } from "./support/openapi.ts";

/**
 * Property-based fuzzing of every input the API takes, over HTTP: JSON bodies shaped by each
 * route's schema and then broken field by field, arbitrary JSON, malformed text, hostile
 * query strings and path segments. Whatever arrives, the answer is never a 5xx, and every
 * refusal is a 4xx with an `error.code` that does not echo a NIK it was sent.
 *
 * The seed is fixed so CI is repeatable; FUZZ_SEED=<n> explores other inputs locally.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_122);
const RUNS = { shaped: 30, json: 10, text: 4, query: 12, path: 6 };

let host: LiveHost;
const tokens = new Map<string, string>();
let nextSignup: ReturnType<typeof signupGenerator>;
let signup = { id: "", participantId: "" };

beforeAll(async () => {
  host = await startLiveHost();
  await seedDemoTargets(host.db);
  tokens.set("admin", await host.login(AS.admin));
  tokens.set("partner", await host.login(AS.partnerDinkopSumsel));
  tokens.set("staff", await host.login(AS.staffMadiun));
  nextSignup = signupGenerator({
    eventId: DEMO_IDS.events.sosialisasiMadiun,
    district: "357701",
    villages: await villagesOf(host.db, "357701"),
  });
  const record = nextSignup();
  const res = await host.request("/api/enrolment/signups", {
    method: "POST",
    token: tokens.get("staff"),
    json: record,
  });
  expect(res.status).toBe(201);
  signup = {
    id: record.id,
    participantId: ((await res.json()) as { signup: { participantId: string } }).signup.participantId,
  };
});
afterAll(async () => {
  await host?.close();
});

/** Real objects for the path parameters, so fuzzed bodies reach the code behind the lookup. */
function paramValue(path: string, param: string): string {
  if (param === "officeId") return "kc-madiun";
  if (param === "campaignId" || (param === "id" && path.startsWith("/api/campaigns/")))
    return DEMO_IDS.campaigns.madiun;
  if (param === "eventId" || (param === "id" && path.startsWith("/api/events/shared/")))
    return DEMO_IDS.events.sarasehanPalembang;
  if (param === "id" && path.startsWith("/api/events/")) return DEMO_IDS.events.sosialisasiMadiun;
  if (param === "id" && path.startsWith("/api/partners/")) return DEMO_IDS.partners.pemkotMadiun;
  if (param === "id" && path.startsWith("/api/enrolment/signups/")) return signup.id;
  if (param === "id" && path.startsWith("/api/enrolment/participants/")) return signup.participantId;
  if (param === "id" && /^\/api\/targets\/\{id\}/.test(path)) return DEMO_TARGET_IDS.madiun;
  if (param === "index") return "0";
  if (param === "rowNumber") return "1";
  if (param === "file") return "feed.ics";
  return "00000000-0000-4000-8000-00000000dead";
}

function tokenFor(op: Operation): string | undefined {
  if (op.permission === "public") return undefined;
  return tokens.get(op.roles.includes("admin") ? "admin" : (op.roles[0] as string));
}

/** The properties every answer must have, whatever was sent. */
async function expectSafeAnswer(label: string, res: Response, sent: string) {
  const text = await res.text();
  const where = `${label} ← ${sent.slice(0, 300)}`;
  expect(res.status, `${where} → ${text.slice(0, 200)}`).toBeLessThan(500);
  if (res.status >= 400) {
    const code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
    expect(typeof code, `${where}: a refusal without error.code`).toBe("string");
    for (const nik of sent.match(/(?<!\d)\d{16}(?!\d)/g) ?? [])
      expect(text.includes(nik), `${where}: the refusal echoes a NIK`).toBe(false);
  }
}

/** Sign-up records from the generator, broken one or two fields at a time. */
const signupRecord = mutatedFrom(fc.constant(null).map(() => nextSignup()));

function bodyArbitrary(op: Operation): fc.Arbitrary<unknown> {
  if (op.path === "/api/enrolment/signups/batch")
    return fc.oneof(
      fc.record({ records: fc.array(signupRecord, { maxLength: 12 }) }),
      mutatedFrom(fc.record({ records: fc.array(signupRecord, { maxLength: 3 }) })),
    );
  if (op.path === "/api/enrolment/signups") return signupRecord;
  return mutatedFrom(shapedBy(op.body ?? undefined));
}

describe("fuzzing every input schema from /api/openapi.json", () => {
  let operations: Operation[] = [];
  beforeAll(async () => {
    operations = await operationsOf(host.url);
  });

  it("answers schema-shaped, mutated, arbitrary and malformed JSON bodies with 2xx or a coded 4xx", async () => {
    const withBody = operations.filter((op) => op.body);
    expect(withBody.length).toBeGreaterThan(20);
    for (const op of withBody) {
      const path = fillPath(
        op.path,
        Object.fromEntries(op.pathParams.map((p) => [p, paramValue(op.path, p)])),
      );
      const label = `${op.method} ${path}`;
      const send = async (body: string) =>
        expectSafeAnswer(
          label,
          await host.request(path, {
            method: op.method,
            token: tokenFor(op),
            headers: { "Content-Type": "application/json" },
            body,
          }),
          body,
        );
      await fc.assert(
        fc.asyncProperty(bodyArbitrary(op), (body) => send(JSON.stringify(body) ?? "null")),
        { numRuns: RUNS.shaped, seed: SEED },
      );
      await fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), (body) => send(JSON.stringify(body) ?? "null")),
        { numRuns: RUNS.json, seed: SEED },
      );
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 200 }), (text) => send(`{"x":${text}`)),
        { numRuns: RUNS.text, seed: SEED },
      );
    }
  });

  it("answers hostile query strings with 2xx or a coded 4xx", async () => {
    const withQuery = operations.filter((op) => op.method === "GET" && op.query.length > 0);
    expect(withQuery.length).toBeGreaterThan(10);
    for (const op of withQuery) {
      const path = fillPath(
        op.path,
        Object.fromEntries(op.pathParams.map((p) => [p, paramValue(op.path, p)])),
      );
      const query = fc.record(
        Object.fromEntries(
          op.query.map((q) => [
            q.name,
            fc
              .oneof(shapedBy(q.schema), hostileValue)
              .map((v) => (typeof v === "string" ? v : JSON.stringify(v))),
          ]),
        ),
        { requiredKeys: [] },
      );
      await fc.assert(
        fc.asyncProperty(query, async (values) => {
          // A NIK never belongs in a URL: the fuzzer keeps to what a client could send in one.
          const params = new URLSearchParams(
            Object.entries(values).filter(([, v]) => typeof v === "string" && !/\d{16}/.test(v)) as [
              string,
              string,
            ][],
          );
          const url = `${path}?${params}`;
          await expectSafeAnswer(`GET ${url}`, await host.request(url, { token: tokenFor(op) }), url);
        }),
        { numRuns: RUNS.query, seed: SEED },
      );
    }
  });

  it("answers arbitrary path segments with 2xx or a coded 4xx", async () => {
    const withParams = operations.filter(
      (op) => op.pathParams.length > 0 && (op.method === "GET" || op.body),
    );
    for (const op of withParams) {
      const segment = fc.oneof(
        fc.string({ minLength: 1, maxLength: 80 }).filter((s) => !/\d{16}/.test(s)),
        fc.uuid(),
        fc.constantFrom("..", "%00", "null", "-1", "0", "9".repeat(40)),
      );
      await fc.assert(
        fc.asyncProperty(segment, async (value) => {
          const path = fillPath(op.path, Object.fromEntries(op.pathParams.map((p) => [p, value])));
          const res = await host.request(path, {
            method: op.method,
            token: tokenFor(op),
            ...(op.body ? { json: {} } : {}),
          });
          await expectSafeAnswer(`${op.method} ${path}`, res, path);
        }),
        { numRuns: RUNS.path, seed: SEED },
      );
    }
  });

  it("logged every request without a NIK in any line or URL", () => {
    expectNoNikInLogsOrUrls(host);
  });
});
