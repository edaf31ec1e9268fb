import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Client, createClient, LibsqlBatchError, LibsqlError } from "@libsql/client";
import { afterAll, describe, expect, it } from "vitest";
import { openLocalClient } from "../../../packages/node/src/db/local-client.ts";

/**
 * The Node host's local client keeps prepared statements; everything Jangkau relies on must
 * behave as with @libsql/client's own file client. Each case runs on both, on files of their own.
 */
const dir = mkdtempSync(join(tmpdir(), "jangkau-local-client-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
const clients: Record<string, () => Client> = {
  "@libsql/client": () => createClient({ url: `file:${join(dir, `ref-${++files}.db`)}`, concurrency: 1 }),
  LocalClient: () => openLocalClient(`file:${join(dir, `local-${++files}.db`)}`),
};

const schema = `
  create table people (id integer primary key, name text not null unique, born text, score real, photo blob, active integer);
  create table notes (id integer primary key, person_id integer references people(id), body text);
`;

/** What a call did, comparable across clients: rows as name → value, or the error's shape. */
async function outcome(run: () => Promise<unknown>) {
  try {
    const value = await run();
    return {
      ok: JSON.parse(
        JSON.stringify(value, (_k, v) => (v instanceof ArrayBuffer ? [...new Uint8Array(v)] : v)),
      ),
    };
  } catch (err) {
    const e = err as LibsqlError & { statementIndex?: number };
    return {
      error: {
        type: err instanceof LibsqlBatchError ? "batch" : err instanceof LibsqlError ? "libsql" : "other",
        code: e.code,
        extendedCode: e.extendedCode,
        statementIndex: e.statementIndex,
        name: (err as Error).name,
      },
    };
  }
}

async function scenario(open: () => Client) {
  const c = open();
  await c.executeMultiple(schema);
  const results: Record<string, unknown> = {};
  results.insert = await outcome(async () => {
    const r = await c.execute({
      sql: "insert into people (name, born, score, photo, active) values (?, ?, ?, ?, ?)",
      args: ["Sri", "1980-02-03", 4.5, new Uint8Array([1, 2, 3]).buffer, true],
    });
    return { rowsAffected: r.rowsAffected, lastInsertRowid: String(r.lastInsertRowid) };
  });
  results.named = await outcome(async () => {
    const r = await c.execute({
      sql: "insert into people (name, born, active) values (:name, $born, @active)",
      args: { ":name": "Slamet", born: new Date(Date.UTC(2020, 0, 1)), "@active": false },
    });
    return r.rowsAffected;
  });
  results.select = await outcome(async () => {
    const r = await c.execute(
      "select id, name, born, score, photo, active, name as name from people order by id",
    );
    return {
      columns: r.columns,
      byName: r.rows.map((row) => ({ ...row })),
      byIndex: r.rows.map((row) => Array.prototype.slice.call(row)),
      length: r.rows.map((row) => row.length),
    };
  });
  results.batch = await outcome(async () => {
    const rs = await c.batch(
      [
        { sql: "insert into notes (person_id, body) values (?, ?)", args: [1, "first"] },
        ["insert into notes (person_id, body) values (?, ?)", [1, "second"]],
        "select count(*) as n from notes",
      ],
      "write",
    );
    return rs.map((r) => ({ affected: r.rowsAffected, rows: r.rows.map((row) => ({ ...row })) }));
  });
  results.failedBatch = await outcome(() =>
    c.batch([
      { sql: "insert into notes (person_id, body) values (?, ?)", args: [1, "lost"] },
      { sql: "insert into people (name) values (?)", args: ["Sri"] },
    ]),
  );
  results.afterFailedBatch = await outcome(
    async () => (await c.execute("select count(*) as n from notes")).rows[0]?.n,
  );
  results.constraint = await outcome(() =>
    c.execute({ sql: "insert into people (name) values (?)", args: ["Sri"] }),
  );
  results.syntax = await outcome(() => c.execute("selec 1"));
  results.undefinedArg = await outcome(() => c.execute({ sql: "select ?", args: [undefined as never] }));
  results.readBatch = await outcome(async () =>
    (
      await c.batch(["select name from people where id = 1", "select body from notes order by id"], "read")
    ).map((r) => r.rows.map((row) => row[0])),
  );
  results.writeInRead = await outcome(() =>
    c.batch([{ sql: "insert into notes (body) values (?)", args: ["x"] }], "read"),
  );
  results.migrate = await outcome(async () => {
    await c.migrate(["alter table notes add column at text", "create index notes_at on notes(at)"]);
    return (await c.execute("select name from pragma_table_info('notes') order by cid")).rows.map(
      (r) => r.name,
    );
  });
  results.repeated = await outcome(async () => {
    const names: unknown[] = [];
    for (const id of [1, 2, 1])
      names.push(
        (await c.execute({ sql: "select name from people where id = ?", args: [id] })).rows[0]?.name,
      );
    return names;
  });
  c.close();
  results.closed = await outcome(() => c.execute("select 1"));
  return { results, closed: c.closed };
}

describe("the Node host's local client behaves as @libsql/client's file client", () => {
  it("for execute, named and positional args, rows by name and index, batches, errors, migrate and close", async () => {
    const reference = await scenario(clients["@libsql/client"] as () => Client);
    const local = await scenario(clients.LocalClient as () => Client);
    expect(local).toEqual(reference);
    // And the reference itself says what we rely on.
    expect(reference.results.failedBatch).toMatchObject({
      error: {
        type: "batch",
        code: "SQLITE_CONSTRAINT",
        extendedCode: "SQLITE_CONSTRAINT_UNIQUE",
        statementIndex: 1,
      },
    });
    expect(reference.results.afterFailedBatch).toEqual({ ok: 2 });
    expect(reference.closed).toBe(true);
  });

  it("reuses a prepared statement across calls, and still sees schema changes", async () => {
    const c = clients.LocalClient?.() as Client;
    await c.executeMultiple("create table t (a integer); insert into t values (1), (2);");
    const first = await c.execute("select * from t order by a");
    await c.execute("alter table t add column b text");
    await c.execute({ sql: "update t set b = ? where a = ?", args: ["dua", 2] });
    const second = await c.execute("select * from t order by a");
    expect(first.columns).toEqual(["a"]);
    expect(second.columns).toEqual(["a", "b"]);
    expect(second.rows.map((r) => ({ ...r }))).toEqual([
      { a: 1, b: null },
      { a: 2, b: "dua" },
    ]);
    c.close();
  });

  it("reports a write lock held elsewhere as SQLITE_BUSY, as @libsql/client does", async () => {
    const file = join(dir, "busy.db");
    const holder = createClient({ url: `file:${file}`, concurrency: 1 });
    await holder.execute("PRAGMA journal_mode = WAL");
    await holder.execute("create table t (a integer)");
    const lock = await holder.transaction("write");
    await lock.execute("insert into t values (1)");
    const c = openLocalClient(`file:${file}`);
    await c.execute("PRAGMA busy_timeout = 20");
    const err = await c.batch(["insert into t values (2)"], "write").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LibsqlError);
    expect(err).toMatchObject({ code: "SQLITE_BUSY" });
    lock.close();
    holder.close();
    await c.batch(["insert into t values (3)"], "write");
    expect((await c.execute("select count(*) as n from t")).rows[0]?.n).toBe(1);
    c.close();
  });

  it("refuses interactive transactions with a clear error", async () => {
    const c = clients.LocalClient?.() as Client;
    await expect(c.transaction("write")).rejects.toMatchObject({ code: "TRANSACTION_NOT_SUPPORTED" });
    c.close();
  });
});
