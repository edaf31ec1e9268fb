import { html, raw } from "hono/html";

interface Operation {
  summary?: string;
  tags?: string[];
  "x-permission"?: string;
  "x-roles"?: string[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: unknown;
}
export interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string };
  paths?: Record<string, Record<string, Operation>>;
  components?: Record<string, Record<string, unknown>>;
}

/** One document from the three workers' documents: paths and components side by side. */
export function mergeSpecs(specs: OpenApiDoc[]): OpenApiDoc {
  const merged: OpenApiDoc = {
    openapi: "3.1.0",
    info: { title: "Jangkau API", version: "1.0.0" },
    paths: {},
    components: {},
  };
  for (const spec of specs) {
    Object.assign(merged.paths ?? {}, spec.paths);
    for (const [section, entries] of Object.entries(spec.components ?? {})) {
      merged.components ??= {};
      merged.components[section] = { ...merged.components[section], ...entries };
    }
  }
  return merged;
}

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** A readable, dependency-free page listing every route with its permission and roles. */
export function docsPage(spec: OpenApiDoc) {
  const rows = Object.entries(spec.paths ?? {}).flatMap(([path, ops]) =>
    METHODS.filter((m) => ops[m]).map((m) => ({ path, method: m.toUpperCase(), op: ops[m] as Operation })),
  );
  const byTag = new Map<string, typeof rows>();
  for (const r of rows) {
    const tag = r.op.tags?.[0] ?? "other";
    byTag.set(tag, [...(byTag.get(tag) ?? []), r]);
  }
  return html`<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Jangkau API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1d2733}
h1{margin-bottom:0}table{border-collapse:collapse;width:100%;margin-bottom:2rem}
td,th{border-bottom:1px solid #dde3ea;padding:.4rem .6rem;text-align:left;vertical-align:top}
code{font-size:.9em}.m{font-weight:700;width:5rem}.perm{color:#3a5a8c}
</style></head><body>
<h1>Jangkau API</h1>
<p>OpenAPI 3.1: <a href="/api/openapi.json">/api/openapi.json</a>. Errors are <code>{"error":{"code","message","details"}}</code>.
Authenticate with <code>POST /api/auth/login</code>, then a <code>Bearer</code> token or the session cookie.</p>
${raw(
  [...byTag.entries()]
    .map(
      ([tag, list]) =>
        `<h2>${escapeHtml(tag)}</h2><table><tr><th>Method</th><th>Path</th><th>Summary</th><th>Permission</th></tr>${list
          .map(
            (r) =>
              `<tr><td class="m">${r.method}</td><td><code>${escapeHtml(r.path)}</code></td><td>${escapeHtml(r.op.summary ?? "")}</td><td class="perm">${escapeHtml(r.op["x-permission"] ?? "")}<br><small>${escapeHtml((r.op["x-roles"] ?? []).join(", "))}</small></td></tr>`,
          )
          .join("")}</table>`,
    )
    .join(""),
)}
</body></html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
