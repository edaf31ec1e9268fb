import fc from "fast-check";
import type { JsonSchema } from "./openapi.ts";

/**
 * fast-check arbitraries for the fuzzing of input schemas: values shaped by a route's JSON
 * schema (from the OpenAPI document), and mutations that break them one field at a time.
 */

const isoDate = fc
  .date({ min: new Date("1900-01-01"), max: new Date("2100-12-31"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === "date") return isoDate;
  if (schema.format === "date-time")
    return fc
      .date({ noInvalidDate: true, min: new Date("2000-01-01"), max: new Date("2100-01-01") })
      .map((d) => d.toISOString());
  if (schema.format === "uuid") return fc.uuid();
  if (schema.format === "email") return fc.emailAddress();
  if (schema.pattern) {
    try {
      return fc
        .stringMatching(new RegExp(schema.pattern))
        .filter((s) => s.length <= (schema.maxLength ?? 10_000));
    } catch {
      // A pattern JavaScript cannot compile: fall through to plain strings.
    }
  }
  const minLength = Math.min(schema.minLength ?? 0, 200);
  return fc.string({
    minLength,
    maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 40, 200)),
    unit: "grapheme",
  });
}

/** A value the schema describes (most of the time valid, never guaranteed to be). */
export function shapedBy(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return fc.jsonValue({ maxDepth: 2 });
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) return fc.oneof(...variants.map((v) => shapedBy(v, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "object": {
      const entries = Object.entries(schema.properties ?? {});
      if (entries.length === 0)
        return fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 });
      return fc.record(Object.fromEntries(entries.map(([k, v]) => [k, shapedBy(v, depth + 1)])), {
        requiredKeys: (schema.required ?? []).filter((k) => schema.properties?.[k]),
      });
    }
    case "array": {
      const minLength = Math.min(schema.minItems ?? 0, 5);
      return fc.array(shapedBy(schema.items, depth + 1), {
        minLength,
        maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 5, 5)),
      });
    }
    case "string":
      return stringOf(schema);
    case "integer":
      return fc.integer({
        min: Math.max(schema.minimum ?? -1_000_000, Number.MIN_SAFE_INTEGER),
        max: Math.min(schema.maximum ?? 1_000_000_000, Number.MAX_SAFE_INTEGER),
      });
    case "number":
      return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e12, noNaN: true });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Values of the wrong kind, at the edges, or hostile: what a broken or malicious client sends. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    null,
    "",
    " ",
    -1,
    0,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER,
    "9999-99-99",
    "2026-02-30",
    "NaN",
    "Infinity",
    "true",
    "<script>alert(1)</script>",
    "'; drop table signups; --",
    '=HYPERLINK("http://x")',
    "\u0000",
    "\ud800",
    "𝕵𝖆𝖓𝖌𝖐𝖆𝖚",
    "3577010101900001",
    [],
    {},
    { __proto__: { admin: true } },
  ),
  fc.string({ minLength: 300, maxLength: 5_000 }),
);

type Mutation =
  | { kind: "as-is" }
  | { kind: "drop"; pick: number }
  | { kind: "replace"; pick: number; value: unknown }
  | { kind: "extra"; key: string; value: unknown }
  | { kind: "whole"; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.constant({ kind: "as-is" } as const), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("drop" as const), pick: fc.nat() }), weight: 2 },
  {
    arbitrary: fc.record({ kind: fc.constant("replace" as const), pick: fc.nat(), value: hostileValue }),
    weight: 5,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("extra" as const),
      key: fc.string({ maxLength: 20 }),
      value: hostileValue,
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant("whole" as const), value: hostileValue }), weight: 1 },
);

/** Applies one mutation to an object (a dropped, replaced or extra field; or another value entirely). */
export function mutate(value: unknown, m: Mutation): unknown {
  if (m.kind === "as-is") return value;
  if (m.kind === "whole" || typeof value !== "object" || value === null || Array.isArray(value))
    return m.kind === "whole" ? m.value : value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  if (m.kind === "extra") {
    copy[m.key] = m.value;
    return copy;
  }
  if (keys.length === 0) return copy;
  const key = keys[m.pick % keys.length] as string;
  if (m.kind === "drop") delete copy[key];
  else copy[key] = m.value;
  return copy;
}

/** A schema-shaped value with up to two mutations. */
export function mutatedFrom(base: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(base, mutation, mutation).map(([value, a, b]) => mutate(mutate(value, a), b));
}
