import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { signups } from "../../../packages/shared/src/schema/index.ts";
import { AS, createTestApp, type TestApp } from "../../support/app.ts";
import {
  batchOf,
  commitAll,
  csvLine,
  encode,
  HEADER,
  person,
  personLine,
  stagedRows,
  uploadList,
} from "./support.ts";

let t: TestApp;
let staff: string;

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.login(AS.staffMadiun);
});

const ROWS = Number(process.env.IMPORT_ROWS ?? 50_000);

/** How row i is spoiled, with the finding the report must name (every 100th row: 1 %). */
const CORRUPTIONS: readonly { code: string; spoil: (cells: string[]) => void }[] = [
  {
    code: "nik_length",
    spoil: (cells) => {
      cells[1] = (cells[1] ?? "").slice(0, 15);
    },
  },
  {
    code: "formula_not_allowed",
    spoil: (cells) => {
      cells[2] = '=HYPERLINK("http://x","klik")';
    },
  },
  {
    code: "invalid_date",
    spoil: (cells) => {
      cells[4] = "31/02/1980";
    },
  },
  {
    code: "phone_too_short",
    spoil: (cells) => {
      cells[5] = "0812";
    },
  },
  {
    code: "invalid_choice",
    spoil: (cells) => {
      cells[7] = "Astronot";
    },
  },
  {
    code: "invalid_choice",
    spoil: (cells) => {
      cells[3] = "X";
    },
  },
];

describe("a 50,000-row list with 1 % bad rows", () => {
  it("imports with an exact per-row error report, and importing it twice adds nothing", async () => {
    const bad = new Map<number, string>();
    const lines = [HEADER];
    for (let i = 0; i < ROWS; i++) {
      const cells = personLine(100_000 + i, person(100_000 + i));
      if (i % 100 === 37) {
        const c = CORRUPTIONS[(i / 100) | (0 % CORRUPTIONS.length)]!;
        const corruption = CORRUPTIONS[Math.floor(i / 100) % CORRUPTIONS.length] ?? c;
        corruption.spoil(cells);
        bad.set(i + 2, corruption.code);
      }
      lines.push(cells);
    }
    const bytes = encode(lines.map(csvLine).join("\r\n"));

    const heapBefore = process.memoryUsage().heapUsed;
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const started = performance.now();
    const upload = await uploadList(t, staff, bytes, { fileName: "pendataan-kota-madiun.csv" });
    const staged = performance.now();
    await commitAll(t, staff, upload.batchId);
    const committed = performance.now();
    clearInterval(sampler);

    const summary = await batchOf(t, staff, upload.batchId);
    expect(summary.status).toBe("committed");
    expect(summary.counts).toMatchObject({
      committed: ROWS - bad.size,
      error: bad.size,
      duplicate: 0,
      ok: 0,
    });

    // The report names exactly the rows that were spoiled, each with the finding it deserves.
    const errors = await stagedRows(t, staff, upload.batchId, "error");
    expect(new Set(errors.map((r) => r.rowNumber))).toEqual(new Set(bad.keys()));
    for (const r of errors) expect(r.errors.map((e) => e.code)).toContain(bad.get(r.rowNumber));
    const report = await t.request(`/api/enrolment/imports/${upload.batchId}/report`, { token: staff });
    const reportLines = (await report.text()).trim().split("\r\n").slice(1);
    expect(new Set(reportLines.map((l) => Number(JSON.parse(l.split(",")[0]!))))).toEqual(
      new Set(bad.keys()),
    );

    const [count] = await t.db
      .select({ n: sql<number>`count(*)` })
      .from(signups)
      .where(eq(signups.importBatchId, upload.batchId));
    expect(count?.n).toBe(ROWS - bad.size);

    // Twice: the same file returns the finished import and adds nothing.
    const again = await uploadList(t, staff, bytes, { fileName: "pendataan-kota-madiun (2).csv" });
    expect(again).toMatchObject({ status: 200, resumed: true, batchId: upload.batchId });
    const [total] = await t.db.select({ n: sql<number>`count(*)` }).from(signups);
    expect(total?.n).toBe(ROWS - bad.size);

    console.info(
      JSON.stringify({
        rows: ROWS,
        bytes: bytes.byteLength,
        stageSeconds: ((staged - started) / 1000).toFixed(1),
        commitSeconds: ((committed - staged) / 1000).toFixed(1),
        heapGrowthMB: ((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20).toFixed(0),
        peakRssMB: (peakRss / 2 ** 20).toFixed(0),
      }),
    );
  }, 400_000);
});
