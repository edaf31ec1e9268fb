/**
 * Local Hrana-over-HTTP server — DEV AND TEST INFRASTRUCTURE ONLY, never deploy it.
 *
 * In production our Workers reach Turso with `@libsql/client/web` over HTTP. This server lets the same
 * client (node or /web build) use an `http://127.0.0.1:PORT` URL against a local SQLite file. It follows
 * tursodatabase/libsql docs/HTTP_V2_SPEC.md and docs/HRANA_3_SPEC.md, and copies sqld's behaviour
 * (libsql-server/src/hrana) where the specs leave room: error codes and messages, argument binding,
 * affected_row_count / last_insert_rowid rules, stored-SQL limits, 10 s stream expiry.
 *
 * Implemented:
 * - GET /v2 and GET /v3 (200), GET /v3-protobuf (404, so v3 clients fall back to JSON), GET /health.
 * - POST /v2/pipeline and POST /v3/pipeline (JSON) with the stream requests execute, batch (conditions
 *   ok, error, not, and, or, and is_autocommit on v3), sequence, describe, store_sql, close_sql,
 *   get_autocommit (v3) and close.
 * - Streams: each stream is its own libsql connection. It stays open between HTTP requests under a
 *   random single-use baton, so interactive transactions keep their connection and are isolated. A
 *   stream ends on `close`, on a protocol error or after 10 s idle; any open transaction is rolled back.
 *   An unknown, reused or expired baton gets HTTP 400 with a JSON `{message, code}` body.
 * - Values null / integer (decimal string) / float / text / blob (base64) in both directions;
 *   positional and named args; want_rows; cols with decltype.
 * - SQL errors come back as `{type: "error", error: {message, code}}` results, never as HTTP 500.
 * - Optional bearer token for the pipeline endpoints (401 otherwise). The GET endpoints are open,
 *   because the client probes them without credentials.
 *
 * Not implemented: the Protobuf encoding and the /v3/cursor endpoints (@libsql/client 0.18 only
 * speaks v2 JSON over HTTP), `base_url` (always null) and replication indexes (ignored).
 *
 * Approximations (the `libsql` package does not expose SQLite's parser): statement splitting,
 * parameter names, the is_readonly flag and the statement kind (is it an INSERT, UPDATE or DELETE?)
 * come from the small tokenizer below. Syntax errors are reported as SQL_PARSE_ERROR, like sqld, but
 * the message is SQLite's and has no offset. Node runs SQLite synchronously, so SQLite's busy_timeout
 * stays short: a long wait would freeze the whole server, and the stream holding the lock could never
 * commit. Longer lock waits happen here instead, by retrying SQLITE_BUSY statements asynchronously for
 * up to 5 s. SQLite leaves a statement that failed with SQLITE_BUSY active, which would stop later
 * writes on that connection from committing, so a stream whose statement finally fails with
 * SQLITE_BUSY gets a fresh connection: an open transaction on it is rolled back (SQLite's advice too).
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "libsql";

export interface HranaServerOptions {
  /** SQLite file path, or ":memory:" for a throwaway database (a temp file deleted on close). */
  path: string;
  /** 0 (default) picks a random free port. */
  port?: number;
  host?: "127.0.0.1";
  /** When set, pipeline requests must send `Authorization: Bearer <authToken>`. */
  authToken?: string;
  /** Idle time after which a stream expires. Defaults to 10 s, like sqld. */
  streamIdleMs?: number;
  /** How long a statement waits for a lock held by another stream before SQLITE_BUSY. Defaults to 5 s. */
  busyWaitMs?: number;
}

export interface HranaServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const SQLITE_BUSY_TIMEOUT_MS = 20; // blocks the event loop, keep it short (see header)
const EXPIRED_BATON_MEMORY_MS = 5 * 60_000; // remember expired batons to tell "expired" from "invalid"
const MAX_STORED_SQLS = 50; // sqld limits for store_sql
const MAX_STORED_SQL_BYTES = 5_000;
const MAX_BODY_BYTES = 64 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------------
// Errors

/** Breaks the protocol: the HTTP request fails with 400 and the stream is closed. */
class ProtocolError extends Error {
  constructor(
    message: string,
    readonly code = "PROTOCOL_ERROR",
  ) {
    super(message);
  }
}

/** Fails one stream request: reported as a `{type: "error"}` result, the stream lives on. */
class RequestError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

// Primary result codes 1..26 as sqld names them (via rusqlite); "-" (SQLITE_ERROR, ...) is SQLITE_UNKNOWN.
const SQLITE_NAMES = (
  "- INTERNAL PERM ABORT BUSY LOCKED NOMEM READONLY INTERRUPT IOERR CORRUPT NOTFOUND FULL CANTOPEN " +
  "PROTOCOL - SCHEMA TOOBIG CONSTRAINT MISMATCH MISUSE NOLFS AUTH - RANGE NOTADB"
).split(" ");
const sqliteCodeName = (rawCode: number) => {
  const name = SQLITE_NAMES[(rawCode & 0xff) - 1];
  return name && name !== "-" ? `SQLITE_${name}` : "SQLITE_UNKNOWN";
};

const isSyntaxError = (e: unknown) =>
  /syntax error|incomplete input|unrecognized token/.test((e as Error)?.message ?? "");

/** Turns an error thrown by libsql into a RequestError; anything else is a bug and is rethrown. */
function toRequestError(e: unknown): RequestError {
  if (e instanceof RequestError) return e;
  const { message, code, rawCode } = (e ?? {}) as { message?: string; code?: unknown; rawCode?: unknown };
  if (typeof code !== "string" || !code.startsWith("SQLITE_")) throw e;
  if (isSyntaxError(e))
    return new RequestError(`SQL string could not be parsed: ${message}`, "SQL_PARSE_ERROR");
  return new RequestError(
    `SQLite error: ${message}`,
    sqliteCodeName(typeof rawCode === "number" ? rawCode : 1),
  );
}

// ---------------------------------------------------------------------------------------------------
// JSON input checks

type Json = Record<string, unknown>;

function obj(v: unknown, what: string): Json {
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw new ProtocolError(`${what} must be an object`);
  return v as Json;
}
function arr(v: unknown, what: string, optional = false): unknown[] {
  if (optional && v == null) return [];
  if (!Array.isArray(v)) throw new ProtocolError(`${what} must be an array`);
  return v;
}
function str(v: unknown, what: string): string {
  if (typeof v !== "string") throw new ProtocolError(`${what} must be a string`);
  return v;
}
function int32(v: unknown, what: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < -(2 ** 31) || v >= 2 ** 31) {
    throw new ProtocolError(`${what} must be a 32-bit integer`);
  }
  return v;
}

// ---------------------------------------------------------------------------------------------------
// Values

type SqlValue = null | bigint | number | string | Buffer;
type ProtoValue =
  | { type: "null" }
  | { type: "integer"; value: string }
  | { type: "float"; value: number }
  | { type: "text"; value: string }
  | { type: "blob"; base64: string };

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

function valueFromProto(raw: unknown): SqlValue {
  const v = obj(raw, "Value");
  switch (v.type) {
    case "null":
      return null;
    case "integer": {
      const text = str(v.value, "integer value");
      const n = /^-?\d+$/.test(text) ? BigInt(text) : undefined;
      if (n === undefined || n < I64_MIN || n > I64_MAX) throw new ProtocolError(`Invalid integer ${text}`);
      return n;
    }
    case "float":
      if (typeof v.value !== "number") throw new ProtocolError("float value must be a number");
      return v.value;
    case "text":
      return str(v.value, "text value");
    case "blob":
      return Buffer.from(str(v.base64, "blob base64"), "base64");
    default:
      throw new ProtocolError(`Unknown value type ${JSON.stringify(v.type)}`);
  }
}

// Rows are read with safeIntegers, so integers arrive as bigint and reals as number.
function valueToProto(v: unknown): ProtoValue {
  if (v === null || v === undefined) return { type: "null" };
  if (typeof v === "bigint") return { type: "integer", value: v.toString() };
  if (typeof v === "number") return { type: "float", value: v };
  if (typeof v === "string") return { type: "text", value: v };
  if (v instanceof Uint8Array) {
    // sqld writes base64 without padding; clients accept both.
    const base64 = Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64");
    return { type: "blob", base64: base64.replace(/=+$/, "") };
  }
  throw new Error(`Unexpected value from SQLite: ${typeof v}`);
}

// ---------------------------------------------------------------------------------------------------
// A small SQL tokenizer: enough to split statements, find parameters and classify a statement.

interface Token {
  kind: "word" | "param" | "punct" | "literal";
  text: string; // words are upper-cased
  start: number;
  end: number;
}

const IDENT_CHAR = /[A-Za-z0-9_$\u0080-\uffff]/;

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: Token["kind"], end: number, text = sql.slice(i, end)) => {
    tokens.push({ kind, text, start: i, end });
    i = end;
  };
  while (i < sql.length) {
    const c = sql[i] ?? "";
    const next = sql[i + 1] ?? "";
    if (/\s/.test(c)) {
      i++;
    } else if (c === "-" && next === "-") {
      const eol = sql.indexOf("\n", i);
      i = eol < 0 ? sql.length : eol + 1;
    } else if (c === "/" && next === "*") {
      const close = sql.indexOf("*/", i + 2);
      i = close < 0 ? sql.length : close + 2;
    } else if (c === "'" || c === '"' || c === "`" || c === "[") {
      // string literal or quoted identifier; a doubled quote is an escaped quote
      const quote = c === "[" ? "]" : c;
      let j = i + 1;
      for (;;) {
        const k = sql.indexOf(quote, j);
        if (k < 0) j = sql.length;
        else if (quote !== "]" && sql[k + 1] === quote) {
          j = k + 2;
          continue;
        } else j = k + 1;
        break;
      }
      push("literal", j);
    } else if (c === "?" || ((c === ":" || c === "@" || c === "$") && IDENT_CHAR.test(next))) {
      let j = i + 1;
      const partOfName = c === "?" ? /[0-9]/ : IDENT_CHAR;
      while (j < sql.length && partOfName.test(sql[j] ?? "")) j++;
      push("param", j);
    } else if (IDENT_CHAR.test(c)) {
      let j = i + 1;
      while (j < sql.length && IDENT_CHAR.test(sql[j] ?? "")) j++;
      push("word", j, sql.slice(i, j).toUpperCase());
    } else {
      push("punct", i + 1);
    }
  }
  return tokens;
}

const isWord = (t: Token | undefined, word: string) => t?.kind === "word" && t.text === word;
const isPunct = (t: Token | undefined, p: string) => t?.kind === "punct" && t.text === p;

/** Splits on top-level `;`. Inside CREATE TRIGGER, only `; END;` ends the statement (as sqlite3_complete). */
function splitStatements(tokens: Token[]): Token[][] {
  const statements: Token[][] = [];
  let current: Token[] = [];
  for (const tok of tokens) {
    if (!isPunct(tok, ";")) {
      current.push(tok);
      continue;
    }
    const [w0, w1, w2] = current;
    const isTrigger =
      isWord(w0, "CREATE") &&
      (isWord(w1, "TRIGGER") || ((isWord(w1, "TEMP") || isWord(w1, "TEMPORARY")) && isWord(w2, "TRIGGER")));
    if (isTrigger && !(isWord(current.at(-1), "END") && isPunct(current.at(-2), ";"))) {
      current.push(tok);
      continue;
    }
    if (current.length > 0) statements.push(current);
    current = [];
  }
  if (current.length > 0) statements.push(current);
  return statements;
}

interface SqlInfo {
  /** The main keyword: SELECT, INSERT, CREATE, ... (for WITH, the statement after the CTEs). */
  kind: string;
  /** Parameter names by index (SQLite numbering, 1-based index = array index + 1); null for `?`. */
  params: (string | null)[];
}

const MAIN_AFTER_WITH = new Set(["SELECT", "VALUES", "INSERT", "REPLACE", "UPDATE", "DELETE"]);
const READONLY_KINDS = new Set([
  "SELECT",
  "VALUES",
  "EXPLAIN",
  "BEGIN",
  "COMMIT",
  "END",
  "ROLLBACK",
  "SAVEPOINT",
  "RELEASE",
]);
const IUD_KINDS = new Set(["INSERT", "REPLACE", "UPDATE", "DELETE"]);

function analyze(tokens: Token[]): SqlInfo {
  let kind = tokens[0]?.kind === "word" ? tokens[0].text : "";
  if (kind === "WITH") {
    let depth = 0;
    for (const t of tokens) {
      if (isPunct(t, "(")) depth++;
      else if (isPunct(t, ")")) depth--;
      else if (depth === 0 && t.kind === "word" && MAIN_AFTER_WITH.has(t.text)) {
        kind = t.text;
        break;
      }
    }
  }
  // SQLite numbering: `?` takes the next index, `?NNN` index NNN, a repeated name reuses its index.
  const params: (string | null)[] = [];
  for (const t of tokens) {
    if (t.kind !== "param") continue;
    if (t.text === "?") params.push(null);
    else if (t.text.startsWith("?")) {
      const index = Number(t.text.slice(1));
      while (params.length < index) params.push(null);
      params[index - 1] = t.text;
    } else if (!params.includes(t.text)) params.push(t.text);
  }
  return { kind, params };
}

/** Parses SQL text that must hold exactly one statement (sqld: SQL_NO_STATEMENT, SQL_MANY_STATEMENTS). */
function analyzeSingle(sql: string): SqlInfo {
  const statements = splitStatements(tokenize(sql));
  const [first] = statements;
  if (!first) throw new RequestError("SQL string does not contain any statement", "SQL_NO_STATEMENT");
  if (statements.length > 1)
    throw new RequestError("SQL string contains more than one statement", "SQL_MANY_STATEMENTS");
  return analyze(first);
}

// ---------------------------------------------------------------------------------------------------
// Streams and statement execution

interface Stream {
  config: { path: string; busyWaitMs: number };
  db: Database.Database | null; // null once closed
  meta: Database.Statement | null; // SELECT changes(), last_insert_rowid()
  sqls: Map<number, string>; // store_sql texts, scoped to the stream
  timer?: NodeJS.Timeout;
}

function openConnection(path: string): Database.Database {
  const db = new Database(path);
  db.exec(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  return db;
}

function closeStream(stream: Stream): void {
  clearTimeout(stream.timer);
  const db = stream.db;
  if (!db) return;
  stream.db = null;
  stream.meta = null;
  try {
    if (db.inTransaction) db.exec("ROLLBACK");
  } catch {
    // closing the connection rolls back anyway
  }
  db.close();
}

function streamDb(stream: Stream): Database.Database {
  if (!stream.db) throw new ProtocolError("The stream has already been closed", "STREAM_CLOSED");
  return stream.db;
}

interface Query {
  sql: string;
  info: SqlInfo;
  args: SqlValue[];
  namedArgs: Map<string, SqlValue> | null; // null: bind `args` by position
  wantRows: boolean;
}

interface StmtResult {
  cols: { name: string | null; decltype: string | null }[];
  rows: ProtoValue[][];
  affected_row_count: number;
  last_insert_rowid: string | null;
}

function resolveSql(stream: Stream, sql: unknown, sqlId: unknown): string {
  if (sql != null && sqlId != null) throw new ProtocolError("Only one of sql and sql_id may be given");
  if (sql != null) return str(sql, "sql");
  if (sqlId == null) throw new ProtocolError("One of sql and sql_id must be given");
  const stored = stream.sqls.get(int32(sqlId, "sql_id"));
  if (stored === undefined)
    throw new ProtocolError(`SQL text with id ${sqlId} was not found`, "SQL_NOT_FOUND");
  return stored;
}

function toQuery(stream: Stream, raw: unknown): Query {
  const stmt = obj(raw, "Stmt");
  const sql = resolveSql(stream, stmt.sql, stmt.sql_id);
  const info = analyzeSingle(sql);
  const args = arr(stmt.args, "args", true).map(valueFromProto);
  const named = arr(stmt.named_args, "named_args", true).map((a): [string, SqlValue] => {
    const arg = obj(a, "NamedArg");
    return [str(arg.name, "named arg name"), valueFromProto(arg.value)];
  });
  if (args.length > 0 && named.length > 0) {
    throw new RequestError(
      "Specifying both positional and named arguments is not supported",
      "ARGS_BOTH_POSITIONAL_AND_NAMED",
    );
  }
  const namedArgs = named.length > 0 ? new Map(named) : null;
  return { sql, info, args, namedArgs, wantRows: stmt.want_rows !== false };
}

/** sqld's rules: `?NNN` binds args[NNN-1], `:x` binds named `:x` or `x`, `?` binds by position. */
function bindValues(q: Query): SqlValue[] {
  const { params, kind } = q.info;
  const given = q.namedArgs ? q.namedArgs.size : q.args.length;
  const invalid = (why: string) =>
    new RequestError(`Arguments do not match SQL parameters: ${why}`, "ARGS_INVALID");
  if (given > params.length) throw invalid(`too many parameters, expected ${params.length} found ${given}`);
  const values: SqlValue[] = [];
  for (const [i, name] of params.entries()) {
    let value: SqlValue | undefined;
    if (name === null) value = q.namedArgs ? undefined : q.args[i];
    else if (name.startsWith("?")) value = q.namedArgs ? undefined : q.args[Number(name.slice(1)) - 1];
    else if (q.namedArgs?.has(name)) value = q.namedArgs.get(name);
    else value = q.namedArgs?.get(name.slice(1));
    if (value === undefined) {
      if (kind === "EXPLAIN") break; // like sqld: EXPLAIN may leave parameters unbound
      throw invalid(`value for parameter ${name ?? i + 1} not found`);
    }
    values.push(value);
  }
  return values;
}

async function runQuery(stream: Stream, q: Query): Promise<StmtResult> {
  const values = bindValues(q);
  const stmt = streamDb(stream).prepare(q.sql);
  const deadline = Date.now() + stream.config.busyWaitMs;
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    try {
      return execute(stream, stmt, q, values); // re-running the same statement resets it first
    } catch (e) {
      const code = (e as { rawCode?: unknown })?.rawCode;
      if (typeof code !== "number" || (code & 0xff) !== 5) throw e;
      // plain SQLITE_BUSY: another stream holds the lock, wait without blocking the event loop
      if (code === 5 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, delay));
        continue;
      }
      // giving up (or SQLITE_BUSY_SNAPSHOT, which waiting cannot fix): see the header
      closeStream(stream);
      stream.db = openConnection(stream.config.path);
      throw e;
    }
  }
}

function execute(stream: Stream, stmt: Database.Statement, q: Query, values: SqlValue[]): StmtResult {
  const db = streamDb(stream);
  const result: StmtResult = { cols: [], rows: [], affected_row_count: 0, last_insert_rowid: null };
  if (stmt.reader) {
    stmt.raw(true).safeIntegers(true);
    result.cols = stmt.columns().map((c) => ({ name: c.name, decltype: c.type ?? null }));
    for (const row of stmt.iterate(values)) {
      if (q.wantRows) result.rows.push((row as unknown[]).map(valueToProto));
    }
    // libsql does not reset an EXPLAIN statement after its last row, and an active EXPLAIN of a write
    // counts as a pending write (COMMIT fails with "SQL statements in progress"); get() resets it.
    if (q.info.kind === "EXPLAIN") stmt.get(values);
  } else {
    stmt.run(values);
  }
  // Like sqld: changes() only for INSERT/UPDATE/DELETE, last_insert_rowid only for INSERT.
  if (IUD_KINDS.has(q.info.kind)) {
    stream.meta ??= db.prepare("SELECT changes(), last_insert_rowid()").raw(true).safeIntegers(true);
    const [changes, rowid] = stream.meta.get() as [bigint, bigint];
    result.affected_row_count = Number(changes);
    if (q.info.kind === "INSERT" || q.info.kind === "REPLACE") result.last_insert_rowid = rowid.toString();
  }
  return result;
}

/** Fails early with SQL_PARSE_ERROR, as sqld parses a whole batch or sequence before running it. */
function checkSyntax(db: Database.Database, sql: string): void {
  try {
    db.prepare(sql);
  } catch (e) {
    if (isSyntaxError(e)) throw toRequestError(e);
    // other errors (e.g. a table created by an earlier step) are reported when the statement runs
  }
}

// ---------------------------------------------------------------------------------------------------
// Stream requests

interface BatchState {
  stream: Stream;
  results: (StmtResult | null)[];
  errors: ({ message: string; code: string } | null)[];
}
type Cond = (state: BatchState) => boolean;

function toCond(raw: unknown, stepIndex: number, version: number): Cond {
  const c = obj(raw, "BatchCond");
  const step = () => {
    if (typeof c.step !== "number" || !Number.isInteger(c.step) || c.step < 0 || c.step >= stepIndex) {
      throw new ProtocolError("Batch condition refers to a step that does not precede it");
    }
    return c.step;
  };
  const list = () => arr(c.conds, "conds").map((x) => toCond(x, stepIndex, version));
  switch (c.type) {
    case "ok": {
      const s = step();
      return (st) => st.results[s] != null;
    }
    case "error": {
      const s = step();
      return (st) => st.errors[s] != null;
    }
    case "not": {
      const inner = toCond(c.cond, stepIndex, version);
      return (st) => !inner(st);
    }
    case "and": {
      const conds = list();
      return (st) => conds.every((cond) => cond(st));
    }
    case "or": {
      const conds = list();
      return (st) => conds.some((cond) => cond(st));
    }
    case "is_autocommit":
      if (version < 3) throw new ProtocolError("Condition is_autocommit requires Hrana 3 (/v3/pipeline)");
      return (st) => !streamDb(st.stream).inTransaction;
    default:
      throw new ProtocolError(`Unknown batch condition type ${JSON.stringify(c.type)}`);
  }
}

async function runBatch(stream: Stream, raw: unknown, version: number) {
  const db = streamDb(stream);
  const steps = arr(obj(raw, "Batch").steps, "steps").map((s, i) => {
    const step = obj(s, "BatchStep");
    return {
      query: toQuery(stream, step.stmt),
      cond: step.condition == null ? null : toCond(step.condition, i, version),
    };
  });
  for (const { query } of steps) checkSyntax(db, query.sql);
  const state: BatchState = { stream, results: [], errors: [] };
  for (const { query, cond } of steps) {
    let result: StmtResult | null = null;
    let error: RequestError | null = null;
    if (!cond || cond(state)) {
      try {
        result = await runQuery(stream, query);
      } catch (e) {
        error = toRequestError(e);
      }
    }
    state.results.push(result);
    state.errors.push(error && { message: error.message, code: error.code });
  }
  return { step_results: state.results, step_errors: state.errors };
}

async function runSequence(stream: Stream, sql: string): Promise<void> {
  const db = streamDb(stream);
  const statements = splitStatements(tokenize(sql)).map((toks) => {
    const text = sql.slice(toks[0]?.start, toks.at(-1)?.end);
    return { sql: text, info: analyze(toks), args: [], namedArgs: null, wantRows: false };
  });
  for (const q of statements) checkSyntax(db, q.sql);
  for (const q of statements) await runQuery(stream, q);
}

function describe(stream: Stream, sql: string) {
  const db = streamDb(stream);
  const info = analyzeSingle(sql);
  const stmt = db.prepare(sql);
  return {
    params: info.params.map((name) => ({ name })),
    cols: stmt.reader ? stmt.columns().map((c) => ({ name: c.name, decltype: c.type ?? null })) : [],
    is_explain: info.kind === "EXPLAIN",
    is_readonly: READONLY_KINDS.has(info.kind) || (info.kind === "PRAGMA" && !sql.includes("=")), // approximation
  };
}

async function handleRequest(stream: Stream, raw: unknown, version: number): Promise<Json> {
  const req = obj(raw, "StreamRequest");
  switch (req.type) {
    case "execute":
      return { type: "execute", result: await runQuery(stream, toQuery(stream, req.stmt)) };
    case "batch":
      return { type: "batch", result: await runBatch(stream, req.batch, version) };
    case "sequence":
      await runSequence(stream, resolveSql(stream, req.sql, req.sql_id));
      return { type: "sequence" };
    case "describe":
      return { type: "describe", result: describe(stream, resolveSql(stream, req.sql, req.sql_id)) };
    case "store_sql": {
      const id = int32(req.sql_id, "sql_id");
      const sql = str(req.sql, "sql");
      if (stream.sqls.has(id)) throw new ProtocolError(`SQL text with id ${id} already exists`, "SQL_EXISTS");
      if (stream.sqls.size >= MAX_STORED_SQLS) {
        throw new RequestError(
          `The server already stores ${stream.sqls.size} SQL texts, it cannot store more`,
          "SQL_STORE_TOO_MANY",
        );
      }
      if (Buffer.byteLength(sql) > MAX_STORED_SQL_BYTES) {
        throw new RequestError(
          `The statement is too large to be stored: ${Buffer.byteLength(sql)} B`,
          "SQL_STORE_TOO_LARGE",
        );
      }
      stream.sqls.set(id, sql);
      return { type: "store_sql" };
    }
    case "close_sql":
      stream.sqls.delete(int32(req.sql_id, "sql_id"));
      return { type: "close_sql" };
    case "get_autocommit":
      if (version < 3) throw new ProtocolError("get_autocommit requires Hrana 3 (/v3/pipeline)");
      return { type: "get_autocommit", is_autocommit: !streamDb(stream).inTransaction };
    case "close":
      closeStream(stream);
      return { type: "close" };
    default:
      throw new ProtocolError(`Unknown stream request type ${JSON.stringify(req.type)}`);
  }
}

async function handleResult(stream: Stream, raw: unknown, version: number): Promise<Json> {
  try {
    return { type: "ok", response: await handleRequest(stream, raw, version) };
  } catch (e) {
    if (e instanceof ProtocolError) throw e;
    const { message, code } = toRequestError(e);
    return { type: "error", error: { message, code } };
  }
}

// ---------------------------------------------------------------------------------------------------
// HTTP

export async function startHranaServer(options: HranaServerOptions): Promise<HranaServer> {
  const host = options.host ?? "127.0.0.1";
  const idleMs = options.streamIdleMs ?? 10_000;
  const busyWaitMs = options.busyWaitMs ?? 5_000;
  let path = options.path;
  let tempDir: string | undefined;
  if (path === ":memory:") {
    // Every stream needs its own connection to the same database, so ":memory:" becomes a temp file.
    tempDir = mkdtempSync(join(tmpdir(), "hrana-"));
    path = join(tempDir, "memory.db");
  }
  const config = { path, busyWaitMs };
  // Held open for the server's lifetime, so SQLite does not checkpoint and drop the WAL after every stream.
  const keeper = openConnection(path);
  keeper.exec("PRAGMA journal_mode = WAL");

  const idle = new Map<string, Stream>(); // baton → stream waiting for its next request
  const expired = new Map<string, number>(); // baton → when it expired
  let closed = false;

  const release = (stream: Stream): string | null => {
    if (!stream.db) return null;
    if (closed) {
      closeStream(stream);
      return null;
    }
    const baton = randomBytes(24).toString("base64url");
    idle.set(baton, stream);
    stream.timer = setTimeout(() => {
      idle.delete(baton);
      closeStream(stream);
      const now = Date.now();
      expired.set(baton, now);
      for (const [old, at] of expired) if (at < now - EXPIRED_BATON_MEMORY_MS) expired.delete(old);
    }, idleMs);
    stream.timer.unref();
    return baton;
  };

  const acquire = (baton: unknown): Stream => {
    if (baton == null) return { config, db: openConnection(path), meta: null, sqls: new Map() };
    const stream = typeof baton === "string" ? idle.get(baton) : undefined;
    if (!stream) {
      if (typeof baton === "string" && expired.has(baton)) {
        throw new ProtocolError("The stream has expired due to inactivity", "STREAM_EXPIRED");
      }
      throw new ProtocolError(
        "Invalid baton: the stream is unknown, closed, or the baton was already used",
        "BATON_INVALID",
      );
    }
    idle.delete(baton as string);
    clearTimeout(stream.timer);
    return stream;
  };

  const pipeline = async (body: unknown, version: number) => {
    const req = obj(body, "Pipeline request body");
    const requests = arr(req.requests, "requests");
    const stream = acquire(req.baton);
    try {
      const results: Json[] = [];
      for (const r of requests) results.push(await handleResult(stream, r, version));
      return { baton: release(stream), base_url: null, results };
    } catch (e) {
      closeStream(stream);
      throw e;
    }
  };

  const authorized = (req: IncomingMessage): boolean => {
    if (!options.authToken) return true;
    const expected = Buffer.from(`Bearer ${options.authToken}`);
    const got = Buffer.from(req.headers.authorization ?? "");
    return got.length === expected.length && timingSafeEqual(got, expected);
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const pathname = new URL(req.url ?? "/", "http://localhost").pathname.replace(/\/+$/, "");
    if (req.method === "GET" && (pathname === "" || pathname === "/health")) return sendText(res, 200, "ok");
    if (req.method === "GET" && (pathname === "/v2" || pathname === "/v3")) {
      return sendText(res, 200, `Hello, this is HTTP API ${pathname.slice(1)} (Hrana over HTTP), dev server`);
    }
    const version = { "/v2/pipeline": 2, "/v3/pipeline": 3 }[pathname];
    if (req.method !== "POST" || version === undefined) return sendText(res, 404, "Not found");
    if (!authorized(req)) return sendJson(res, 401, { message: "Unauthorized", code: "UNAUTHORIZED" });
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (e) {
      throw e instanceof ProtocolError ? e : new ProtocolError("Request body is not valid JSON");
    }
    sendJson(res, 200, await pipeline(body, version));
  };

  const server = createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      if (e instanceof ProtocolError) sendJson(res, 400, { message: e.message, code: e.code });
      else
        sendJson(res, 500, {
          message: `Internal error: ${(e as Error)?.message ?? e}`,
          code: "INTERNAL_ERROR",
        });
    });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (e) {
    keeper.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    throw e;
  }
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host}:${port}`,
    port,
    async close() {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      for (const stream of idle.values()) closeStream(stream);
      idle.clear();
      keeper.close();
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new ProtocolError("Request body is too large"));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  // exactly "application/json": the client only parses error bodies with that content type
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/plain" }).end(text);
}
