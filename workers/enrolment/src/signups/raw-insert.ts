import type { InStatement } from "@libsql/client";
import { getTableName, type Table } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";

/** Bound values per statement stay well under SQLite's 32,766. */
const MAX_PARAMS = 8_000;

type Value = string | number | null;

function bindable(value: unknown): Value {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string" || typeof value === "number") return value;
  return JSON.stringify(value);
}

/**
 * Multi-row INSERTs as plain libSQL statements, for the hot write path of sign-ups: building
 * a 500-row insert through the query builder costs more than running it. Column names follow
 * the schema's snake_case casing; booleans become 0/1 and JSON columns text, as drizzle
 * stores them. Columns not listed take their database default.
 */
export function insertStatements<T extends Table>(
  table: T,
  columns: readonly (keyof T["$inferInsert"] & string)[],
  rows: readonly T["$inferInsert"][],
): InStatement[] {
  if (rows.length === 0) return [];
  const head = `insert into "${getTableName(table)}" (${columns.map((c) => `"${toSnakeCase(c)}"`).join(", ")}) values `;
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const statements: InStatement[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const args: Value[] = [];
    for (const row of chunk) {
      const record = row as Record<string, unknown>;
      for (const c of columns) args.push(bindable(record[c]));
    }
    statements.push({ sql: head + chunk.map(() => tuple).join(", "), args });
  }
  return statements;
}
