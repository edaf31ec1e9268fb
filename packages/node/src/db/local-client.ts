import { createRequire } from "node:module";
import {
  type Client,
  type InArgs,
  type InStatement,
  type InValue,
  LibsqlBatchError,
  LibsqlError,
  type ResultSet,
  type Row,
  type Transaction,
  type TransactionMode,
  type Value,
} from "@libsql/client";

// `libsql` is the engine @libsql/client runs on for `file:` URLs (a CommonJS module).
const Database = createRequire(import.meta.url)("libsql") as LibsqlDatabaseClass;

interface LibsqlStatement {
  readonly reader: boolean;
  raw(toggle?: boolean): LibsqlStatement;
  all(args: unknown): unknown[][];
  run(args: unknown): { changes: number; lastInsertRowid: number | bigint };
  columns(): { name: string }[];
}
interface LibsqlDatabase {
  readonly inTransaction: boolean;
  prepare(sql: string): LibsqlStatement;
  exec(sql: string): void;
  close(): void;
}
type LibsqlDatabaseClass = (new (
  path: string,
) => LibsqlDatabase) & {
  SqliteError: new (...args: never[]) => Error & { code: string; rawCode?: number };
};

/**
 * Prepared statements kept per client (the SQL of a multi-row insert differs by row count),
 * and the longest SQL kept: a 500-row insert is prepared once per 500 rows anyway, and a
 * few hundred of them would hold tens of megabytes.
 */
const MAX_CACHED_STATEMENTS = 200;
const MAX_CACHED_SQL_LENGTH = 16_384;
/** Statements after which the cached statements are dropped (their columns may change). */
const SCHEMA_CHANGE = /^\s*(create|alter|drop)\b/i;

interface Prepared {
  stmt: LibsqlStatement;
  reader: boolean;
  columns: string[];
  /** Rows of this statement: index access (`row[0]`, `row.length`) from the class, names own. */
  Row: new (
    values: Value[],
  ) => Record<string, unknown>;
}

/**
 * A `@libsql/client` `Client` for a local `file:` database on the Node host, on the same
 * `libsql` engine, that keeps its prepared statements. @libsql/client prepares every statement
 * anew and builds each row with `Object.defineProperty` per value; on the Node host those two
 * were a tenth of a single sign-up POST and a fifth of an office drill-down read.
 *
 * Same contract as @libsql/client's file client for what Jangkau uses — `execute`, `batch`
 * (one transaction, `LibsqlBatchError` naming the failed statement, rolled back), `migrate`,
 * `executeMultiple`, rows readable by index and by column name, `LibsqlError` with SQLite's
 * codes — with two differences: integers come back as JavaScript numbers without a range
 * check (no column here holds one beyond 2^53), and interactive `transaction()` is not offered
 * (nothing in Jangkau opens one; the HTTP client used against Turso keeps it). One connection,
 * set to WAL, `synchronous = NORMAL` and a busy timeout, as `migrateDatabase` sets the others.
 */
export class LocalClient implements Client {
  readonly protocol = "file";
  closed = false;
  readonly #db: LibsqlDatabase;
  readonly #cache = new Map<string, Prepared>();

  constructor(path: string) {
    this.#db = new Database(path);
    // The busy timeout first: switching a file to WAL waits for other writers to finish.
    this.#exec("PRAGMA busy_timeout = 5000");
    this.#exec("PRAGMA journal_mode = WAL");
    this.#exec("PRAGMA synchronous = NORMAL");
  }

  execute(stmt: InStatement): Promise<ResultSet>;
  execute(sql: string, args?: InArgs): Promise<ResultSet>;
  async execute(stmt: InStatement, args?: InArgs): Promise<ResultSet> {
    this.#checkOpen();
    return typeof stmt === "string" ? this.#run(stmt, args) : this.#run(stmt.sql, stmt.args);
  }

  async batch(stmts: Array<InStatement | [string, InArgs?]>, mode: TransactionMode = "deferred") {
    this.#checkOpen();
    return this.#inTransaction(beginFor(mode), stmts);
  }

  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    this.#checkOpen();
    this.#exec("PRAGMA foreign_keys = off");
    try {
      return this.#inTransaction("BEGIN DEFERRED", stmts);
    } finally {
      this.#exec("PRAGMA foreign_keys = on");
      this.#cache.clear();
    }
  }

  async executeMultiple(sql: string): Promise<void> {
    this.#checkOpen();
    try {
      this.#exec(sql);
    } finally {
      if (this.#db.inTransaction) this.#exec("ROLLBACK");
      this.#cache.clear();
    }
  }

  transaction(): Promise<Transaction> {
    return Promise.reject(
      new LibsqlError(
        "Interactive transactions are not offered by the local client; use batch().",
        "TRANSACTION_NOT_SUPPORTED",
      ),
    );
  }

  async sync(): Promise<undefined> {
    return undefined;
  }

  reconnect(): void {}

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.#cache.clear();
    this.#db.close();
  }

  #checkOpen() {
    if (this.closed) throw new LibsqlError("The client is closed", "CLIENT_CLOSED");
  }

  /** `exec` with errors reported as @libsql/client reports them (a busy BEGIN or COMMIT too). */
  #exec(sql: string): void {
    try {
      this.#db.exec(sql);
    } catch (err) {
      throw toLibsqlError(err);
    }
  }

  #inTransaction(begin: string, stmts: Array<InStatement | [string, InArgs?]>): ResultSet[] {
    this.#exec(begin);
    try {
      const results: ResultSet[] = [];
      for (const [index, stmt] of stmts.entries()) {
        if (!this.#db.inTransaction)
          throw new LibsqlBatchError("The transaction has been rolled back", index, "TRANSACTION_CLOSED");
        try {
          if (typeof stmt === "string") results.push(this.#run(stmt));
          else if (Array.isArray(stmt)) results.push(this.#run(stmt[0], stmt[1]));
          else results.push(this.#run(stmt.sql, stmt.args));
        } catch (err) {
          if (err instanceof LibsqlError && !(err instanceof LibsqlBatchError))
            throw new LibsqlBatchError(err.message, index, err.code, err.extendedCode, err.rawCode, err);
          throw err;
        }
      }
      this.#exec("COMMIT");
      return results;
    } finally {
      if (this.#db.inTransaction) this.#exec("ROLLBACK");
    }
  }

  #run(sql: string, args?: InArgs): ResultSet {
    try {
      let prepared = this.#prepare(sql);
      const bound = bind(args);
      if (prepared.reader) {
        const raw = prepared.stmt.all(bound);
        // SQLite re-prepares a statement after a schema change made elsewhere; `select *`
        // may then return other columns than were cached.
        if (raw.length > 0 && raw[0]?.length !== prepared.columns.length)
          prepared = this.#describe(sql, prepared.stmt);
        const described = prepared;
        const rows = raw.map((values) => toRow(described, values));
        return resultSet(prepared.columns, rows, 0, undefined);
      }
      const info = prepared.stmt.run(bound);
      if (SCHEMA_CHANGE.test(sql)) this.#cache.clear();
      return resultSet([], [], info.changes, BigInt(info.lastInsertRowid));
    } catch (err) {
      throw toLibsqlError(err);
    }
  }

  #prepare(sql: string): Prepared {
    const hit = this.#cache.get(sql);
    if (hit) {
      // Least recently used goes first: move the hit to the end.
      this.#cache.delete(sql);
      this.#cache.set(sql, hit);
      return hit;
    }
    const stmt = this.#db.prepare(sql);
    if (stmt.reader) stmt.raw(true);
    return this.#describe(sql, stmt);
  }

  /** `stmt` with its current result columns, cached under `sql` unless the SQL is long. */
  #describe(sql: string, stmt: LibsqlStatement): Prepared {
    const reader = stmt.reader;
    const columns = reader ? stmt.columns().map((c) => c.name) : [];
    const prepared: Prepared = { stmt, reader, columns, Row: rowClass(columns.length) };
    if (sql.length <= MAX_CACHED_SQL_LENGTH) {
      this.#cache.delete(sql);
      if (this.#cache.size >= MAX_CACHED_STATEMENTS)
        this.#cache.delete(this.#cache.keys().next().value as string);
      this.#cache.set(sql, prepared);
    }
    return prepared;
  }
}

/** Opens `file:<path>` (also `file://<path>`) with the local client. */
export function openLocalClient(url: string): Client {
  return new LocalClient(url.replace(/^file:(\/\/)?/, ""));
}

function beginFor(mode: TransactionMode): string {
  if (mode === "write") return "BEGIN IMMEDIATE";
  if (mode === "read") return "BEGIN TRANSACTION READONLY";
  if (mode === "deferred") return "BEGIN DEFERRED";
  throw new RangeError('Unknown transaction mode, supported values are "write", "read" and "deferred"');
}

/**
 * A row class for results of `length` columns: the values in a private field, read by index
 * through getters on the prototype, so a row spreads and serialises to its column names only
 * (as @libsql/client's rows do) while drizzle reads it by position.
 */
function rowClass(length: number): new (values: Value[]) => Record<string, unknown> {
  class LocalRow {
    readonly #values: Value[];
    constructor(values: Value[]) {
      this.#values = values;
    }
    static at(row: LocalRow, i: number): Value {
      return row.#values[i] as Value;
    }
  }
  for (let i = 0; i < length; i++) {
    Object.defineProperty(LocalRow.prototype, i, {
      get(this: LocalRow) {
        return LocalRow.at(this, i);
      },
    });
  }
  Object.defineProperty(LocalRow.prototype, "length", { value: length });
  return LocalRow as unknown as new (
    values: Value[],
  ) => Record<string, unknown>;
}

function toRow(prepared: Prepared, raw: unknown[]): Row {
  const values = raw.map(fromSql);
  const row = new prepared.Row(values);
  const { columns } = prepared;
  for (let i = 0; i < columns.length; i++) {
    const name = columns[i] as string;
    // The first of two columns with one name wins, and "length" stays the count, as in @libsql/client.
    if (name !== "length" && !Object.hasOwn(row, name)) row[name] = values[i];
  }
  return row as unknown as Row;
}

function fromSql(value: unknown): Value {
  if (value instanceof Uint8Array)
    return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength) as ArrayBuffer;
  return value as Value;
}

function bind(args: InArgs | undefined): unknown {
  if (args === undefined) return [];
  if (Array.isArray(args)) return args.map(toSql);
  const named: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) {
    const key = name[0] === "@" || name[0] === "$" || name[0] === ":" ? name.slice(1) : name;
    named[key] = toSql(value);
  }
  return named;
}

function toSql(value: InValue): unknown {
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      throw new RangeError("Only finite numbers (not Infinity or NaN) can be passed as arguments");
    return value;
  }
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError("undefined cannot be passed as argument to the database");
  return value;
}

function resultSet(
  columns: string[],
  rows: Row[],
  rowsAffected: number,
  lastInsertRowid: bigint | undefined,
) {
  return {
    columns,
    columnTypes: columns.map(() => ""),
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON() {
      return {
        columns,
        columnTypes: columns.map(() => ""),
        rows: rows.map((r) => Array.prototype.map.call(r, (v) => (typeof v === "bigint" ? `${v}` : v))),
        rowsAffected,
        lastInsertRowid: lastInsertRowid === undefined ? null : `${lastInsertRowid}`,
      };
    },
  } satisfies ResultSet;
}

const SQLITE_CODES: Record<number, string> = {
  1: "SQLITE_ERROR",
  2: "SQLITE_INTERNAL",
  3: "SQLITE_PERM",
  4: "SQLITE_ABORT",
  5: "SQLITE_BUSY",
  6: "SQLITE_LOCKED",
  7: "SQLITE_NOMEM",
  8: "SQLITE_READONLY",
  9: "SQLITE_INTERRUPT",
  10: "SQLITE_IOERR",
  11: "SQLITE_CORRUPT",
  12: "SQLITE_NOTFOUND",
  13: "SQLITE_FULL",
  14: "SQLITE_CANTOPEN",
  15: "SQLITE_PROTOCOL",
  16: "SQLITE_EMPTY",
  17: "SQLITE_SCHEMA",
  18: "SQLITE_TOOBIG",
  19: "SQLITE_CONSTRAINT",
  20: "SQLITE_MISMATCH",
  21: "SQLITE_MISUSE",
  22: "SQLITE_NOLFS",
  23: "SQLITE_AUTH",
  24: "SQLITE_FORMAT",
  25: "SQLITE_RANGE",
  26: "SQLITE_NOTADB",
  27: "SQLITE_NOTICE",
  28: "SQLITE_WARNING",
};

/** libsql's SqliteError as @libsql/client reports it: base code, extended code, raw code. */
function toLibsqlError(err: unknown): unknown {
  if (err instanceof Database.SqliteError) {
    const base =
      err.rawCode === undefined ? "SQLITE_UNKNOWN" : (SQLITE_CODES[err.rawCode & 0xff] ?? "SQLITE_UNKNOWN");
    return new LibsqlError(err.message, base, err.code, err.rawCode, err);
  }
  return err;
}
