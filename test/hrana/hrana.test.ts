import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Client, createClient, LibsqlBatchError, LibsqlError } from "@libsql/client";
import { createClient as createWebClient } from "@libsql/client/web";
import { eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HranaServer, startHranaServer } from "../../packages/node/src/hrana/server.ts";

const dir = mkdtempSync(join(tmpdir(), "jangkau-hrana-test-"));
const servers: HranaServer[] = [];
const clients: Client[] = [];
let server: HranaServer;

async function start(options: Partial<Parameters<typeof startHranaServer>[0]> = {}) {
  const s = await startHranaServer({ path: join(dir, `db-${servers.length}.db`), ...options });
  servers.push(s);
  return s;
}

function track<T extends Client>(client: T): T {
  clients.push(client);
  return client;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends one raw Hrana-over-HTTP pipeline request. */
async function pipeline(url: string, body: unknown, version = 2, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/v${version}/pipeline`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  // JSON.parse keeps the raw protocol JSON loosely typed for the assertions below
  return {
    status: res.status,
    contentType: res.headers.get("content-type"),
    body: JSON.parse(await res.text()),
  };
}

const execute = (sql: string, extra: Record<string, unknown> = {}) => ({
  type: "execute",
  stmt: { sql, ...extra },
});

beforeAll(async () => {
  server = await start();
});

afterAll(async () => {
  for (const c of clients) c.close();
  for (const s of servers) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("HTTP endpoints", () => {
  it("answers the version probes the way @libsql/hrana-client expects", async () => {
    expect((await fetch(`${server.url}/v2`)).status).toBe(200);
    expect((await fetch(`${server.url}/v3`)).status).toBe(200);
    // the client probes v3-protobuf first; 404 makes it fall back to JSON
    expect((await fetch(`${server.url}/v3-protobuf`)).status).toBe(404);
    expect((await fetch(`${server.url}/v3-protobuf/pipeline`, { method: "POST", body: "" })).status).toBe(
      404,
    );
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.text()).toBe("ok");
  });

  it("rejects malformed bodies and unknown request types with 400", async () => {
    const res = await fetch(`${server.url}/v2/pipeline`, { method: "POST", body: "{not json" });
    expect(res.status).toBe(400);
    const unknown = await pipeline(server.url, { baton: null, requests: [{ type: "frobnicate" }] });
    expect(unknown.status).toBe(400);
    expect(unknown.contentType).toBe("application/json");
    expect(unknown.body.message).toMatch(/frobnicate/);
  });
});

describe.each([
  ["node", createClient],
  ["web", createWebClient],
] as const)("@libsql/client (%s build)", (name, create) => {
  let client: Client;
  let big: Client;
  const t = `values_${name}`;

  beforeAll(async () => {
    client = track(create({ url: server.url }));
    big = track(create({ url: server.url, intMode: "bigint" }));
    await client.execute(
      `CREATE TABLE ${t} (id INTEGER PRIMARY KEY, i INTEGER, f REAL, s TEXT UNIQUE, b BLOB, n)`,
    );
  });

  it("round-trips every value type", async () => {
    const blob = new Uint8Array([0, 1, 2, 250, 255]);
    const inserted = await client.execute({
      sql: `INSERT INTO ${t} (i, f, s, b, n) VALUES (?, ?, ?, ?, ?)`,
      args: [42, 3.25, "héllo ✓ 🚀", blob, null],
    });
    expect(inserted.rowsAffected).toBe(1);
    expect(inserted.lastInsertRowid).toBe(1n);

    const rs = await client.execute(`SELECT i, f, s, b, n, typeof(i) AS ti, 1.0 AS one FROM ${t}`);
    expect(rs.columns).toEqual(["i", "f", "s", "b", "n", "ti", "one"]);
    expect(rs.columnTypes).toEqual(["INTEGER", "REAL", "TEXT", "BLOB", "", "", ""]);
    const row = rs.rows[0]!;
    expect(row.i).toBe(42);
    expect(row.ti).toBe("integer"); // JS numbers travel as floats; the column affinity makes them integers
    expect(row.f).toBe(3.25);
    expect(row.s).toBe("héllo ✓ 🚀");
    expect(new Uint8Array(row.b as ArrayBuffer)).toEqual(blob);
    expect(row.n).toBeNull();
    expect(row.one).toBe(1);
    expect(rs.rowsAffected).toBe(0);
    expect(rs.lastInsertRowid).toBeUndefined();
  });

  it("keeps 64-bit integers exact", async () => {
    const max = 9223372036854775807n;
    const min = -9223372036854775808n;
    const rs = await big.execute({ sql: "SELECT ? AS max, ? AS min, typeof(?) AS t", args: [max, min, max] });
    expect(rs.rows[0]).toMatchObject({ max, min, t: "integer" });
    const res = await big.execute({
      sql: `INSERT INTO ${t} (id, s) VALUES (?, 'big') RETURNING id`,
      args: [max],
    });
    expect(res.lastInsertRowid).toBe(max);
    expect(res.rows[0]?.id).toBe(max);
    // the default intMode refuses to lose precision
    await expect(client.execute(`SELECT id FROM ${t} WHERE s = 'big'`)).rejects.toThrow(RangeError);
  });

  it("binds positional and named arguments", async () => {
    const pos = await client.execute({ sql: "SELECT ? AS a, ?3 AS c, ?2 AS b", args: [1, 2, 3] });
    expect(pos.rows[0]).toMatchObject({ a: 1, b: 2, c: 3 });
    const named = await client.execute({
      sql: "SELECT :a AS a, @b AS b, $c AS c, :a AS again",
      args: { a: "x", "@b": "y", $c: "z" },
    });
    expect(named.rows[0]).toMatchObject({ a: "x", b: "y", c: "z", again: "x" });
    const quoted = await client.execute({ sql: "SELECT '?' AS q, ? AS v -- ? :nope", args: [7] });
    expect(quoted.rows[0]).toMatchObject({ q: "?", v: 7 });
  });

  it("surfaces SQL errors as LibsqlError with sqld's codes", async () => {
    const codeOf = async (p: Promise<unknown>) => {
      const e = await p.then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(LibsqlError);
      return (e as LibsqlError).code;
    };
    await client.execute(`INSERT INTO ${t} (s) VALUES ('dup')`);
    expect(await codeOf(client.execute(`INSERT INTO ${t} (s) VALUES ('dup')`))).toBe("SQLITE_CONSTRAINT");
    expect(await codeOf(client.execute("SELEC 1"))).toBe("SQL_PARSE_ERROR");
    expect(await codeOf(client.execute("SELECT * FROM no_such_table"))).toBe("SQLITE_UNKNOWN");
    expect(await codeOf(client.execute("SELECT 1; SELECT 2"))).toBe("SQL_MANY_STATEMENTS");
    expect(await codeOf(client.execute({ sql: "SELECT ?, ?", args: [1] }))).toBe("ARGS_INVALID");
    expect(await codeOf(client.execute({ sql: "SELECT ?", args: [1, 2] }))).toBe("ARGS_INVALID");
    expect(await codeOf(client.execute({ sql: "SELECT :a", args: { b: 1 } }))).toBe("ARGS_INVALID");
    // the server is still fine afterwards
    expect((await client.execute("SELECT 1 AS ok")).rows[0]?.ok).toBe(1);
  });

  it("runs batch('write') atomically", async () => {
    const b = `batch_${name}`;
    await client.execute(`CREATE TABLE ${b} (id INTEGER PRIMARY KEY, v TEXT UNIQUE)`);
    const ok = await client.batch(
      [
        `INSERT INTO ${b} (v) VALUES ('a')`,
        { sql: `INSERT INTO ${b} (v) VALUES (?)`, args: ["b"] },
        `SELECT v FROM ${b}`,
      ],
      "write",
    );
    expect(ok.map((r) => r.rowsAffected)).toEqual([1, 1, 0]);
    expect(ok[2]?.rows.map((r) => r.v)).toEqual(["a", "b"]);

    const failing = client.batch(
      [
        `INSERT INTO ${b} (v) VALUES ('c')`,
        `UPDATE ${b} SET v = 'd' WHERE v = 'a'`,
        `INSERT INTO ${b} (v) VALUES ('b')`,
      ],
      "write",
    );
    const err = await failing.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(LibsqlBatchError);
    expect((err as LibsqlBatchError).statementIndex).toBe(2);
    expect((err as LibsqlBatchError).code).toBe("SQLITE_CONSTRAINT");
    const after = await client.execute(`SELECT v FROM ${b} ORDER BY id`);
    expect(after.rows.map((r) => r.v)).toEqual(["a", "b"]); // neither 'c' nor 'd' survived
  });

  it("commits and rolls back interactive transactions", async () => {
    const x = `tx_${name}`;
    await client.execute(`CREATE TABLE ${x} (v TEXT)`);
    const tx = await client.transaction("write");
    await tx.execute({ sql: `INSERT INTO ${x} VALUES (?)`, args: ["committed"] });
    expect((await tx.execute(`SELECT count(*) AS n FROM ${x}`)).rows[0]?.n).toBe(1);
    await tx.commit();

    const rb = await client.transaction("write");
    await rb.batch([`INSERT INTO ${x} VALUES ('rolled back')`, `DELETE FROM ${x} WHERE v = 'committed'`]);
    await rb.rollback();
    const rows = await client.execute(`SELECT v FROM ${x}`);
    expect(rows.rows.map((r) => r.v)).toEqual(["committed"]);
  });

  it("runs executeMultiple, including triggers and comments", async () => {
    const m = `multi_${name}`;
    await client.executeMultiple(`
      -- a comment; with a semicolon
      CREATE TABLE ${m} (v TEXT, n INTEGER DEFAULT 0);
      CREATE TABLE ${m}_log (v TEXT);
      CREATE TRIGGER ${m}_trg AFTER INSERT ON ${m} BEGIN
        INSERT INTO ${m}_log VALUES (new.v || ';');
        UPDATE ${m} SET n = CASE WHEN new.v = 'a' THEN 1 ELSE 2 END WHERE rowid = new.rowid;
      END;
      INSERT INTO ${m} (v) VALUES ('a'); /* block; comment */ INSERT INTO ${m} (v) VALUES ('b;c')
    `);
    const rs = await client.execute(`SELECT v, n FROM ${m} ORDER BY rowid`);
    expect(rs.rows.map((r) => [r.v, r.n])).toEqual([
      ["a", 1],
      ["b;c", 2],
    ]);
    expect((await client.execute(`SELECT count(*) AS n FROM ${m}_log`)).rows[0]?.n).toBe(2);
    await expect(client.executeMultiple(`INSERT INTO ${m} (v) VALUES ('x'); SELEC 1;`)).rejects.toMatchObject(
      {
        code: "SQL_PARSE_ERROR",
      },
    );
    // like sqld, the whole text is parsed before anything runs
    expect((await client.execute(`SELECT count(*) AS n FROM ${m} WHERE v = 'x'`)).rows[0]?.n).toBe(0);
  });
});

describe("streams", () => {
  let client: Client;

  beforeAll(async () => {
    client = track(createClient({ url: server.url }));
    await client.execute("CREATE TABLE iso (v TEXT)");
  });

  it("isolates concurrent transactions, each on its own connection", async () => {
    const writer = await client.transaction("write");
    await writer.execute("INSERT INTO iso VALUES ('w1')");

    const reader = await client.transaction("deferred");
    expect((await reader.execute("SELECT count(*) AS n FROM iso")).rows[0]?.n).toBe(0);
    expect((await client.execute("SELECT count(*) AS n FROM iso")).rows[0]?.n).toBe(0);

    await writer.commit();
    // the reader keeps its snapshot until it ends; a new stream sees the commit
    expect((await reader.execute("SELECT count(*) AS n FROM iso")).rows[0]?.n).toBe(0);
    expect((await client.execute("SELECT count(*) AS n FROM iso")).rows[0]?.n).toBe(1);
    await reader.commit();
  });

  it("lets a second writer wait for the first without blocking the server", async () => {
    const first = await client.transaction("write");
    await first.execute("INSERT INTO iso VALUES ('first')");

    const second = await client.transaction("write");
    let secondDone = false;
    const pending = second.execute("INSERT INTO iso VALUES ('second')").then((r) => {
      secondDone = true;
      return r;
    });
    await sleep(150);
    expect(secondDone).toBe(false); // BEGIN IMMEDIATE is waiting for the write lock
    expect((await client.execute("SELECT 1 AS alive")).rows[0]?.alive).toBe(1); // server still serves

    await first.commit();
    await pending;
    await second.commit();
    const rows = await client.execute("SELECT v FROM iso WHERE v IN ('first', 'second') ORDER BY rowid");
    expect(rows.rows.map((r) => r.v)).toEqual(["first", "second"]);
  });

  it("gives up on a lock after busyWaitMs with SQLITE_BUSY and stays healthy", async () => {
    const impatient = await start({ busyWaitMs: 150 });
    const c = track(createClient({ url: impatient.url }));
    await c.execute("CREATE TABLE t (v TEXT)");
    const holder = await c.transaction("write");
    await holder.execute("INSERT INTO t VALUES ('holder')");

    await expect(c.execute("INSERT INTO t VALUES ('autocommit')")).rejects.toMatchObject({
      code: "SQLITE_BUSY",
    });
    await expect(c.transaction("write").then((tx) => tx.execute("SELECT 1"))).rejects.toMatchObject({
      code: "SQLITE_BUSY",
    });
    const deferred = await c.transaction("deferred");
    await deferred.execute("SELECT count(*) FROM t");
    await expect(deferred.execute("INSERT INTO t VALUES ('deferred')")).rejects.toMatchObject({
      code: "SQLITE_BUSY",
    });
    deferred.close();

    await holder.commit();
    // no statement was left half-run: every stream can write and commit again
    await c.execute("INSERT INTO t VALUES ('after')");
    const tx = await c.transaction("write");
    await tx.execute("INSERT INTO t VALUES ('tx after')");
    await tx.commit();
    const rows = await c.execute("SELECT v FROM t ORDER BY rowid");
    expect(rows.rows.map((r) => r.v)).toEqual(["holder", "after", "tx after"]);
  });

  it("closes a stream on close and rolls back its transaction", async () => {
    const tx = await client.transaction("write");
    await tx.execute("INSERT INTO iso VALUES ('closed')");
    tx.close();
    await sleep(50);
    expect((await client.execute("SELECT count(*) AS n FROM iso WHERE v = 'closed'")).rows[0]?.n).toBe(0);
    // the write lock is free again
    await client.execute("INSERT INTO iso VALUES ('after close')");
  });

  it("expires idle streams, rolls them back and rejects their baton", async () => {
    const quick = await start({ streamIdleMs: 200 });
    const c = track(createClient({ url: quick.url }));
    await c.execute("CREATE TABLE t (v TEXT)");

    const tx = await c.transaction("write");
    await tx.execute("INSERT INTO t VALUES ('lost')");
    await sleep(500);
    await expect(tx.execute("SELECT 1")).rejects.toMatchObject({ code: "STREAM_EXPIRED" });
    expect((await c.execute("SELECT count(*) AS n FROM t")).rows[0]?.n).toBe(0);
    await c.execute("INSERT INTO t VALUES ('lock released')");

    const open = await pipeline(quick.url, { baton: null, requests: [execute("SELECT 1")] });
    await sleep(500);
    const late = await pipeline(quick.url, { baton: open.body.baton, requests: [execute("SELECT 1")] });
    expect(late.status).toBe(400);
    expect(late.body.code).toBe("STREAM_EXPIRED");
  });

  it("issues single-use batons and forgets closed streams", async () => {
    const first = await pipeline(server.url, { baton: null, requests: [execute("SELECT 1")] });
    expect(first.status).toBe(200);
    expect(typeof first.body.baton).toBe("string");
    expect(first.body.base_url).toBeNull();

    const second = await pipeline(server.url, { baton: first.body.baton, requests: [execute("SELECT 2")] });
    expect(second.body.baton).not.toBe(first.body.baton);
    const reused = await pipeline(server.url, { baton: first.body.baton, requests: [] });
    expect(reused.status).toBe(400);
    expect(reused.body.code).toBe("BATON_INVALID");

    const third = await pipeline(server.url, {
      baton: null,
      requests: [execute("SELECT 1"), { type: "close" }],
    });
    expect(third.body.baton).toBeNull();
    expect(third.body.results.map((r: { response: { type: string } }) => r.response.type)).toEqual([
      "execute",
      "close",
    ]);
    const forged = await pipeline(server.url, { baton: "not-a-baton", requests: [] });
    expect(forged.status).toBe(400);
  });
});

describe("raw Hrana requests", () => {
  it("encodes values exactly as the spec says", async () => {
    const { body } = await pipeline(server.url, {
      baton: null,
      requests: [
        execute("SELECT ? AS i, ? AS f, ? AS s, ? AS b, ? AS n, 2.0 AS two", {
          args: [
            { type: "integer", value: "-9223372036854775808" },
            { type: "float", value: 0.5 },
            { type: "text", value: "teks" },
            { type: "blob", base64: Buffer.from("hrana").toString("base64") },
            { type: "null" },
          ],
        }),
        execute("SELECT 1", { want_rows: false }),
        { type: "close" },
      ],
    });
    const result = body.results[0].response.result;
    expect(result.cols).toEqual([
      { name: "i", decltype: null },
      { name: "f", decltype: null },
      { name: "s", decltype: null },
      { name: "b", decltype: null },
      { name: "n", decltype: null },
      { name: "two", decltype: null },
    ]);
    expect(result.rows).toEqual([
      [
        { type: "integer", value: "-9223372036854775808" },
        { type: "float", value: 0.5 },
        { type: "text", value: "teks" },
        { type: "blob", base64: "aHJhbmE" }, // unpadded, like sqld
        { type: "null" },
        { type: "float", value: 2 },
      ],
    ]);
    expect(result.affected_row_count).toBe(0);
    expect(result.last_insert_rowid).toBeNull();
    expect(body.results[1].response.result.rows).toEqual([]);
  });

  it("evaluates batch conditions (ok, error, not, and, or, is_autocommit)", async () => {
    const step = (sql: string, condition?: unknown) => ({
      stmt: { sql },
      ...(condition ? { condition } : {}),
    });
    const { status, body } = await pipeline(
      server.url,
      {
        baton: null,
        requests: [
          {
            type: "batch",
            batch: {
              steps: [
                step("SELECT 1"), // 0 ok
                step("SELECT * FROM missing_table"), // 1 error
                step("SELECT 'ok0'", { type: "ok", step: 0 }), // 2 runs
                step("SELECT 'ok1'", { type: "ok", step: 1 }), // 3 skipped
                step("SELECT 'err1'", { type: "error", step: 1 }), // 4 runs
                step("SELECT 'not'", { type: "not", cond: { type: "ok", step: 1 } }), // 5 runs
                step("SELECT 'and'", {
                  type: "and",
                  conds: [
                    { type: "ok", step: 0 },
                    { type: "ok", step: 1 },
                  ],
                }), // 6 skipped
                step("SELECT 'or'", {
                  type: "or",
                  conds: [
                    { type: "ok", step: 0 },
                    { type: "ok", step: 1 },
                  ],
                }), // 7 runs
                step("BEGIN", { type: "is_autocommit" }), // 8 runs
                step("SELECT 'in tx'", { type: "not", cond: { type: "is_autocommit" } }), // 9 runs
                step("ROLLBACK"), // 10
              ],
            },
          },
          { type: "get_autocommit" },
          { type: "close" },
        ],
      },
      3,
    );
    expect(status).toBe(200);
    const { step_results, step_errors } = body.results[0].response.result;
    const ran = step_results.map((r: unknown, i: number) =>
      r ? "ok" : step_errors[i] ? "error" : "skipped",
    );
    expect(ran).toEqual(["ok", "error", "ok", "skipped", "ok", "ok", "skipped", "ok", "ok", "ok", "ok"]);
    expect(step_errors[1]).toMatchObject({
      code: "SQLITE_UNKNOWN",
      message: expect.stringMatching(/no such table/),
    });
    expect(body.results[1].response).toEqual({ type: "get_autocommit", is_autocommit: true });
  });

  it("rejects v3-only features on v2 and bad step references", async () => {
    const v2 = await pipeline(server.url, { baton: null, requests: [{ type: "get_autocommit" }] });
    expect(v2.status).toBe(400);
    const badStep = await pipeline(server.url, {
      baton: null,
      requests: [
        {
          type: "batch",
          batch: { steps: [{ stmt: { sql: "SELECT 1" }, condition: { type: "ok", step: 0 } }] },
        },
      ],
    });
    expect(badStep.status).toBe(400);
  });

  it("stores SQL texts per stream (store_sql, sql_id, close_sql)", async () => {
    const first = await pipeline(server.url, {
      baton: null,
      requests: [
        { type: "store_sql", sql_id: 7, sql: "SELECT ? * 2 AS doubled" },
        { type: "execute", stmt: { sql_id: 7, args: [{ type: "integer", value: "21" }] } },
        { type: "store_sql", sql_id: 8, sql: "x".repeat(5001) },
      ],
    });
    expect(first.body.results[0]).toEqual({ type: "ok", response: { type: "store_sql" } });
    expect(first.body.results[1].response.result.rows).toEqual([[{ type: "integer", value: "42" }]]);
    expect(first.body.results[2].error.code).toBe("SQL_STORE_TOO_LARGE");

    const second = await pipeline(server.url, {
      baton: first.body.baton,
      requests: [
        { type: "sequence", sql_id: 7 },
        { type: "close_sql", sql_id: 7 },
      ],
    });
    expect(second.body.results[0].error.code).toBe("ARGS_INVALID"); // sequences have no arguments
    expect(second.body.results[1]).toEqual({ type: "ok", response: { type: "close_sql" } });

    const third = await pipeline(server.url, {
      baton: second.body.baton,
      requests: [{ type: "execute", stmt: { sql_id: 7 } }],
    });
    expect(third.status).toBe(400); // unknown sql_id is a protocol error
    const other = await pipeline(server.url, {
      baton: null,
      requests: [{ type: "execute", stmt: { sql_id: 8 } }],
    });
    expect(other.status).toBe(400); // SQL texts do not leak between streams
  });

  it("describes statements", async () => {
    await pipeline(server.url, {
      baton: null,
      requests: [execute("CREATE TABLE described (id INTEGER, name TEXT)")],
    });
    const { body } = await pipeline(server.url, {
      baton: null,
      requests: [
        {
          type: "describe",
          sql: "SELECT id, name AS n FROM described WHERE id = ? OR name = :name OR id = ?5",
        },
        { type: "describe", sql: "INSERT INTO described VALUES (1, 'x')" },
        { type: "describe", sql: "EXPLAIN SELECT 1" },
        { type: "describe", sql: "SELECT * FROM nowhere" },
        { type: "close" },
      ],
    });
    expect(body.results[0].response.result).toEqual({
      params: [{ name: null }, { name: ":name" }, { name: null }, { name: null }, { name: "?5" }],
      cols: [
        { name: "id", decltype: "INTEGER" },
        { name: "n", decltype: "TEXT" },
      ],
      is_explain: false,
      is_readonly: true,
    });
    expect(body.results[1].response.result).toMatchObject({ params: [], cols: [], is_readonly: false });
    expect(body.results[2].response.result).toMatchObject({ is_explain: true, is_readonly: true });
    expect(body.results[3].type).toBe("error");
  });

  it("reports affected rows for IUD statements and the rowid for inserts only", async () => {
    const { body } = await pipeline(server.url, {
      baton: null,
      requests: [
        execute("CREATE TABLE counted (v INTEGER)"),
        execute("INSERT INTO counted VALUES (1), (2), (3)"),
        execute("WITH x AS (SELECT 1) UPDATE counted SET v = v + 1 WHERE v > 1"),
        execute("SELECT * FROM counted"),
        execute("EXPLAIN DELETE FROM counted"),
        execute("DELETE FROM counted"),
        { type: "close" },
      ],
    });
    const results = body.results
      .slice(0, 6)
      .map((r: { response: { result: Record<string, unknown> } }) => [
        r.response.result.affected_row_count,
        r.response.result.last_insert_rowid,
      ]);
    expect(results).toEqual([
      [0, null],
      [3, "3"],
      [2, null],
      [0, null],
      [0, null],
      [3, null],
    ]);
  });
});

describe("auth", () => {
  it("requires the bearer token on pipelines when one is configured", async () => {
    const secured = await start({ authToken: "s3cret" });
    expect((await fetch(`${secured.url}/v2`)).status).toBe(200);
    const denied = await pipeline(secured.url, { baton: null, requests: [] });
    expect(denied.status).toBe(401);

    const anonymous = track(createClient({ url: secured.url }));
    await expect(anonymous.execute("SELECT 1")).rejects.toBeInstanceOf(LibsqlError);
    const wrong = track(createWebClient({ url: secured.url, authToken: "wrong" }));
    await expect(wrong.execute("SELECT 1")).rejects.toBeInstanceOf(LibsqlError);
    const ok = track(createWebClient({ url: secured.url, authToken: "s3cret" }));
    expect((await ok.execute("SELECT 1 AS one")).rows[0]?.one).toBe(1);
  });
});

describe("drizzle-orm/libsql", () => {
  const people = sqliteTable("people", {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    joinedAt: integer("joined_at", { mode: "timestamp" }).notNull(),
  });

  it("creates, inserts, selects and runs transactions over HTTP", async () => {
    const db = drizzle(track(createWebClient({ url: server.url })));
    await db.run(
      sql`CREATE TABLE people (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, joined_at INTEGER NOT NULL)`,
    );
    const joinedAt = new Date("2025-01-02T03:04:05Z");
    const inserted = await db
      .insert(people)
      .values([
        { name: "Ani", joinedAt },
        { name: "Budi", joinedAt },
      ])
      .returning({ id: people.id });
    expect(inserted).toEqual([{ id: 1 }, { id: 2 }]);

    expect(await db.select().from(people).where(eq(people.name, "Budi"))).toEqual([
      { id: 2, name: "Budi", joinedAt },
    ]);

    await expect(
      db.transaction(async (tx) => {
        await tx.insert(people).values({ name: "Citra", joinedAt });
        tx.rollback();
      }),
    ).rejects.toThrow();
    await db.transaction(async (tx) => {
      await tx.update(people).set({ name: "Ani S." }).where(eq(people.id, 1));
    });
    const names = (await db.select({ name: people.name }).from(people).orderBy(people.id)).map((p) => p.name);
    expect(names).toEqual(["Ani S.", "Budi"]);
  });
});
