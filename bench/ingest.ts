import type { InStatement } from "@libsql/client";
import { DEMO_IDS } from "../packages/node/src/seed/demo.ts";
import { maskNik } from "../packages/shared/src/domain/nik/index.ts";
import type { SignupInput } from "../packages/shared/src/schema/signups/validation.ts";
import { AS } from "../test/support/app.ts";
import { signupGenerator, villagesOf } from "../test/support/signup-generator.ts";
import { type Figure, median, ratioOf, round, timed } from "./support/figures.ts";
import { freshDatabase, startServer } from "./support/launch.ts";

const BATCH = 500;
const BATCHES_PER_ROUND = 6;
const ROUNDS = 3;
const ROWS_PER_STATEMENT = 200;

const hex = (bytes: number) =>
  Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, "0")).join("");
const base64 = (bytes: number) =>
  Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString("base64");

const PARTICIPANT_COLUMNS = [
  "id",
  "nik_hash",
  "nik_cipher",
  "nik_key_version",
  "nik_masked",
  "full_name",
  "sex",
  "birth_date",
  "phone",
  "village_code",
  "regency_code",
  "address",
  "time_zone",
  "created_at",
  "updated_at",
];
const SIGNUP_COLUMNS = [
  "id",
  "participant_id",
  "event_id",
  "campaign_id",
  "source",
  "office_id",
  "regency_code",
  "occupation",
  "income_band",
  "jht",
  "payer",
  "monthly_contribution",
  "contribution_rule_id",
  "consent_version",
  "consent_at",
  "status",
  "signup_month",
  "recorded_at",
  "recorded_by",
  "payload_hash",
  "created_at",
  "updated_at",
];

/**
 * The same rows the API would store for these records — participants with a hash, a
 * ciphertext of the same length and a masked NIK, sign-ups with every column the service
 * fills — as multi-row INSERTs of 200 rows, for one `client.batch(…, "write")`.
 */
function rawStatements(records: readonly SignupInput[], staffId: string): InStatement[] {
  const now = new Date().toISOString();
  const participants: unknown[][] = [];
  const signups: unknown[][] = [];
  for (const r of records) {
    const participantId = crypto.randomUUID();
    const village = r.villageCode;
    participants.push([
      participantId,
      hex(32),
      `${base64(12)}.${base64(32)}`,
      1,
      maskNik(r.nik),
      r.fullName,
      r.sex,
      r.birthDate,
      `+62${String(r.phone).slice(1)}`,
      village,
      village.slice(0, 5),
      r.address,
      "WIB",
      now,
      now,
    ]);
    signups.push([
      r.id,
      participantId,
      r.eventId,
      DEMO_IDS.campaigns.madiun,
      "event",
      "kc-madiun",
      village.slice(0, 5),
      r.occupation,
      r.incomeBand,
      r.jht ? 1 : 0,
      r.payer,
      16_800,
      "bpu-pp44-2015",
      r.consentVersion,
      r.consentAt,
      "recorded",
      r.recordedAt.slice(0, 7),
      r.recordedAt,
      staffId,
      hex(32),
      now,
      now,
    ]);
  }
  const insert = (table: string, columns: string[], rows: unknown[][]): InStatement[] => {
    const out: InStatement[] = [];
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
      const tuple = `(${columns.map(() => "?").join(",")})`;
      out.push({
        sql: `insert into ${table} (${columns.join(",")}) values ${chunk.map(() => tuple).join(",")}`,
        args: chunk.flat() as InStatement extends { args?: infer A } ? A : never,
      });
    }
    return out;
  };
  return [
    ...insert("participants", PARTICIPANT_COLUMNS, participants),
    ...insert("signups", SIGNUP_COLUMNS, signups),
  ];
}

/**
 * (a) Sign-up ingest through the batch API: 500-record batches POSTed over HTTP on
 * 127.0.0.1 to the Node host (its own process, embedded libSQL file) — validation, NIK
 * hashing and encryption, idempotency check, audit entries and rollup cells — against a
 * raw `@libsql/client` batch insert of equivalent rows into the same two tables of the
 * same file. Rounds alternate API and raw so drift on a noisy machine hits both; the figure
 * is the median round.
 */
export async function benchIngest(): Promise<Figure[]> {
  const database = await freshDatabase();
  const server = await startServer(database);
  try {
    const token = await server.login(AS.staffMadiun);
    const villages = await villagesOf(database.db, "357701");
    const next = signupGenerator({
      eventId: DEMO_IDS.events.sosialisasiMadiun,
      district: "357701",
      villages,
    });
    const batch = () => Array.from({ length: BATCH }, () => next());
    const post = async (records: SignupInput[]) => {
      const res = await fetch(`${server.url}/api/enrolment/signups/batch`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        body: JSON.stringify({ records }),
      });
      const body = (await res.json()) as { summary: { created: number } };
      if (res.status !== 200 || body.summary.created !== records.length)
        throw new Error(`batch → ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    };

    await post(batch()); // warm-up: JIT, statement caches, first pages of the indexes
    const apiRates: number[] = [];
    const rawRates: number[] = [];
    const apiBatchMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const apiBatches = Array.from({ length: BATCHES_PER_ROUND }, batch);
      let apiMs = 0;
      for (const records of apiBatches) {
        const [ms] = await timed(() => post(records));
        apiBatchMs.push(ms);
        apiMs += ms;
      }
      apiRates.push((BATCHES_PER_ROUND * BATCH) / (apiMs / 1000));

      const rawBatches = Array.from({ length: BATCHES_PER_ROUND }, () =>
        rawStatements(batch(), DEMO_IDS.users.staffMadiun),
      );
      let rawMs = 0;
      for (const statements of rawBatches) {
        const [ms] = await timed(() => database.db.$client.batch(statements, "write"));
        rawMs += ms;
      }
      rawRates.push((BATCHES_PER_ROUND * BATCH) / (rawMs / 1000));
    }
    const api = median(apiRates);
    const raw = median(rawRates);
    const ratio = api / raw;
    return [
      {
        id: "ingest.batch500",
        label: "Sign-up ingest, 500-record batches via HTTP",
        value: round(api, 0),
        unit: "records/s",
        details: {
          rounds: ROUNDS,
          recordsPerRound: BATCHES_PER_ROUND * BATCH,
          medianBatchMs: round(median(apiBatchMs)),
          apiRoundRates: apiRates.map((r) => Math.round(r)).join(" / "),
          rawRoundRates: rawRates.map((r) => Math.round(r)).join(" / "),
        },
        baseline: {
          label: "raw @libsql/client batch insert, same rows and tables",
          value: round(raw, 0),
          unit: "records/s",
        },
        ratio: ratioOf(api, raw),
        goal: { text: "≥ 50 % of raw", met: ratio >= 0.5 },
        command: "npm run bench -- --only ingest",
      },
    ];
  } finally {
    await server.stop();
    database.remove();
  }
}
