import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { ValidationTargets } from "hono";
import { validator } from "hono-openapi";
import { type FieldIssue, ValidationError } from "../errors.ts";

/** Turn standard-schema issues into our field issues (`records.3.nik`). */
export function toFieldIssues(issues: ReadonlyArray<StandardSchemaV1.Issue>): FieldIssue[] {
  return issues.map((i) => ({
    path: (i.path ?? []).map((seg) => String(typeof seg === "object" ? seg.key : seg)).join(".") || "(root)",
    code: "invalid",
    message: i.message,
  }));
}

const TARGET_LABEL: Record<keyof ValidationTargets, string> = {
  json: "Isi permintaan",
  form: "Formulir",
  query: "Parameter kueri",
  param: "Parameter rute",
  header: "Header",
  cookie: "Cookie",
};

/**
 * Validate a request part with a valibot schema, document it in OpenAPI, and on failure
 * throw a ValidationError naming each field — never echoing the input values back.
 */
export function valid<T extends keyof ValidationTargets, S extends StandardSchemaV1>(target: T, schema: S) {
  return validator(target, schema, (result) => {
    if (!result.success) {
      throw new ValidationError(`${TARGET_LABEL[target]} tidak valid.`, toFieldIssues(result.error));
    }
  });
}
