import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { migrateDatabase } from "../../packages/node/src/migrate.ts";
import { DEMO_IDS, seedDemoOrganisation } from "../../packages/node/src/seed/demo.ts";
import { seedDemoTargets } from "../../packages/node/src/seed/demo-targets.ts";
import { createDb, type Db } from "../../packages/shared/src/db/index.ts";
import { rebuildSignupRollups } from "../../packages/shared/src/rollups/signups.ts";
import { campaigns, eventPartners, events, officeRegencies } from "../../packages/shared/src/schema/index.ts";
import { templateDatabase } from "../../test/support/global-setup.ts";

/** Synthetic events per branch office, in the current year: what a national dashboard reads. */
const EVENTS_PER_BRANCH = 40;
/** Sign-ups are inserted this many rows per statement (one transaction each). */
const CHUNK = 500_000;
const OCCUPATIONS = ["pedagang_pasar", "pedagang_keliling", "ojek", "becak", "petani", "nelayan", "penjahit"];
const PAYERS = ["self", "self", "self", "apbd", "csr", "paguyuban"];

export interface GeneratedDatabase {
  url: string;
  signups: number;
  events: number;
  year: number;
  /** Seconds spent generating (0 when the cached file was used). */
  generatedInSeconds: number;
}

/**
 * A libSQL file with `count` generated sign-ups (and as many participants) spread over the
 * demo organisation's branches, 40 events per branch and the months of this year so far,
 * with rollup cells rebuilt from them by `rebuildSignupRollups` — the same cells the
 * incremental writes keep. Generated in SQL (recursive CTEs, secondary indexes built after
 * the load) and cached under the OS temp directory by template and size, so reruns are fast.
 */
export async function generatedDatabase(count: number, now = new Date()): Promise<GeneratedDatabase> {
  const year = now.getUTCFullYear();
  const template = await templateDatabase();
  const dir = join(tmpdir(), "jangkau-bench-reads");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${basename(template, ".db")}-${year}-${count}.db`);
  const result = (seconds: number, eventCount: number): GeneratedDatabase => ({
    url: `file:${file}`,
    signups: count,
    events: eventCount,
    year,
    generatedInSeconds: seconds,
  });
  if (existsSync(file)) {
    const db = createDb(`file:${file}`);
    const [row] = (await db.$client.execute("select count(*) as n from events")).rows;
    db.$client.close();
    return result(0, Number(row?.n ?? 0));
  }

  const started = performance.now();
  const building = `${file}.${process.pid}.tmp`;
  rmSync(building, { force: true });
  copyFileSync(template, building);
  const db = createDb(`file:${building}`);
  try {
    await migrateDatabase(db, `file:${building}`);
    await seedDemoOrganisation(db, now, 1_000);
    await seedDemoTargets(db, now);
    await addEvents(db, year);
    const indexes = await loadSignups(db, count, year, now);
    // Rollups before the secondary indexes: with them, SQLite walks the event and office
    // indexes and looks each of the millions of rows up at random; without, it scans.
    await rebuildSignupRollups(db);
    for (const index of indexes) await db.$client.execute(index.sql);
    await db.$client.execute("PRAGMA synchronous = NORMAL");
    await db.$client.execute("ANALYZE");
    const [eventCount] = (await db.$client.execute("select count(*) as n from events")).rows;
    await db.$client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    db.$client.close();
    renameSync(building, file);
    for (const suffix of ["-wal", "-shm"]) rmSync(`${building}${suffix}`, { force: true });
    return result(Math.round((performance.now() - started) / 1000), Number(eventCount?.n ?? 0));
  } catch (err) {
    db.$client.close();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${building}${suffix}`, { force: true });
    throw err;
  }
}

/** 40 events per branch in this year, each in a campaign of its branch; Palembang's shared with Dinkop Sumsel. */
async function addEvents(db: Db, year: number): Promise<void> {
  const branches = (await db.select().from(officeRegencies)).reduce((m, r) => {
    m.set(r.officeId, [...(m.get(r.officeId) ?? []), r.regencyCode]);
    return m;
  }, new Map<string, string[]>());
  const rows: (typeof events.$inferInsert)[] = [];
  const shared: (typeof eventPartners.$inferInsert)[] = [];
  const campaignRows: (typeof campaigns.$inferInsert)[] = [];
  for (const [officeId, regencies] of branches) {
    const campaignId = crypto.randomUUID();
    campaignRows.push({
      id: campaignId,
      officeId,
      name: `Kampanye beban ${officeId} ${year}`,
      segment: "bpu",
      periodStart: `${year}-01-01`,
      periodEnd: `${year}-12-31`,
      targetSignups: 10_000,
      budget: 100_000_000,
      status: "active",
      createdBy: DEMO_IDS.users.admin,
    });
    for (let i = 0; i < EVENTS_PER_BRANCH; i++) {
      const id = crypto.randomUUID();
      const month = String(1 + (i % 11)).padStart(2, "0");
      const day = String(1 + (i % 27)).padStart(2, "0");
      rows.push({
        id,
        campaignId,
        officeId,
        type: "sosialisasi",
        title: `Sosialisasi beban ${officeId} #${i + 1}`,
        startsAt: `${year}-${month}-${day}T01:00:00.000Z`,
        endsAt: `${year}-${month}-${day}T07:00:00.000Z`,
        timeZone: "WIB",
        venue: "Balai desa",
        areaCode: regencies[i % regencies.length] as string,
        targetSignups: 200,
        plannedBudget: 5_000_000,
        status: "held",
        sharedWithPartners: officeId === "kc-palembang",
        createdBy: DEMO_IDS.users.admin,
      });
      if (officeId === "kc-palembang")
        shared.push({ eventId: id, partnerId: DEMO_IDS.partners.dinkopSumsel, role: "co_host" });
    }
  }
  await db.insert(campaigns).values(campaignRows);
  for (let i = 0; i < rows.length; i += 50) await db.insert(events).values(rows.slice(i, i + 50));
  if (shared.length) await db.insert(eventPartners).values(shared);
}

/**
 * Participants and sign-ups straight in SQL: sign-up n goes to event n mod E, a month of
 * this year up to now, a status (80 % live), an occupation and a payer by n. Secondary
 * indexes are dropped for the load (a sort later instead of random inserts now); the
 * caller builds them again from the returned definitions.
 */
async function loadSignups(db: Db, count: number, year: number, now: Date): Promise<{ sql: string }[]> {
  const c = db.$client;
  const months = Math.max(1, now.getUTCMonth() + 1);
  await c.execute("PRAGMA synchronous = OFF");
  await c.execute("PRAGMA cache_size = -1000000");
  await c.execute("PRAGMA temp_store = MEMORY");
  // The rollup rebuild scans the whole table 25 times: mapped pages instead of a read() per page.
  await c.execute("PRAGMA mmap_size = 68719476736");
  await c.execute(
    "create temp table bench_events as select row_number() over (order by id) - 1 as idx, id, office_id, campaign_id, area_code from events",
  );
  const [eventsRow] = (await c.execute("select count(*) as n from bench_events")).rows;
  const eventTotal = Number(eventsRow?.n ?? 1);
  const indexes = (
    await c.execute(
      "select name, sql from sqlite_master where type = 'index' and tbl_name in ('signups', 'participants') and sql is not null",
    )
  ).rows.map((r) => ({ name: String(r.name), sql: String(r.sql) }));
  for (const index of indexes) await c.execute(`drop index ${index.name}`);

  const occupation = `case n % ${OCCUPATIONS.length} ${OCCUPATIONS.map((o, i) => `when ${i} then '${o}'`).join(" ")} end`;
  const payer = `case (n / 3) % ${PAYERS.length} ${PAYERS.map((p, i) => `when ${i} then '${p}'`).join(" ")} end`;
  const month = `printf('${year}-%02d', 1 + (n / 7) % ${months})`;
  for (let from = 0; from < count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK) - 1;
    const series = `with recursive s(n) as (select ${from} union all select n + 1 from s where n < ${to})`;
    await c.batch(
      [
        `${series}
        insert into participants (id, nik_hash, nik_cipher, nik_key_version, nik_masked, full_name, sex, birth_date, regency_code, time_zone, created_at, updated_at)
        select printf('00000000-0000-4000-9000-%012d', n), printf('%064d', n), 'bench', 1, '3577••••••••' || printf('%04d', n % 10000),
          'Peserta Beban', case n % 2 when 0 then 'M' else 'F' end, '1980-01-01',
          substr(e.area_code, 1, 5), 'WIB', '${now.toISOString()}', '${now.toISOString()}'
        from s join bench_events e on e.idx = n % ${eventTotal}`,
        `${series}
        insert into signups (id, participant_id, event_id, campaign_id, source, office_id, regency_code, occupation, income_band, jht, payer,
          monthly_contribution, contribution_rule_id, consent_version, consent_at, status, signup_month, recorded_at, payload_hash, created_at, updated_at)
        select printf('00000000-0000-4000-8000-%012d', n), printf('00000000-0000-4000-9000-%012d', n), e.id, e.campaign_id, 'event', e.office_id,
          substr(e.area_code, 1, 5), ${occupation}, 'B01', 0, ${payer}, 16800, 'bpu-pp44-2015', '2024-10',
          ${month} || '-10T02:00:00.000Z',
          case when n % 20 = 0 then 'rejected' when n % 5 = 1 then 'verified' when n % 5 = 2 then 'registered' else 'recorded' end,
          ${month}, ${month} || '-10T02:00:00.000Z', 'bench', '${now.toISOString()}', '${now.toISOString()}'
        from s join bench_events e on e.idx = n % ${eventTotal}`,
      ],
      "write",
    );
  }
  await c.execute("drop table bench_events");
  return indexes;
}
