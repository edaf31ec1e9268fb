/** The parts of the gateway's OpenAPI document the reliability tests walk. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
}

export interface Operation {
  method: string;
  /** OpenAPI path with `{param}` placeholders. */
  path: string;
  permission: string;
  roles: string[];
  pathParams: string[];
  query: { name: string; required: boolean; schema?: JsonSchema }[];
  /** The JSON body's schema, when the route takes one. */
  body: JsonSchema | null;
}

interface RawOperation {
  "x-permission"?: string;
  "x-roles"?: string[];
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/** Every documented operation except the documents' own routes (OpenAPI, health). */
export async function operationsOf(url: string): Promise<Operation[]> {
  const res = await fetch(`${url}/api/openapi.json`);
  if (res.status !== 200) throw new Error(`GET /api/openapi.json → ${res.status}`);
  const spec = (await res.json()) as { paths: Record<string, Record<string, RawOperation>> };
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    if (path.endsWith("/openapi.json") || path.endsWith("/health")) continue;
    for (const [method, op] of Object.entries(methods)) {
      if (!op["x-permission"] || !op["x-roles"])
        throw new Error(`${method} ${path} has no x-permission/x-roles`);
      const params = op.parameters ?? [];
      operations.push({
        method: method.toUpperCase(),
        path,
        permission: op["x-permission"],
        roles: op["x-roles"],
        pathParams: params.filter((p) => p.in === "path").map((p) => p.name),
        query: params
          .filter((p) => p.in === "query")
          .map((p) => ({ name: p.name, required: p.required === true, schema: p.schema })),
        body: op.requestBody?.content?.["application/json"]?.schema ?? null,
      });
    }
  }
  return operations;
}

/** `/api/events/{id}` with `{ id: "…" }` → `/api/events/…` (values URL-encoded). */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${path}`);
    return encodeURIComponent(value);
  });
}
