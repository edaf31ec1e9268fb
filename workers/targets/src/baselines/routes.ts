import { PayloadTooLargeError, ValidationError } from "@jangkau/shared/errors";
import { principal, route } from "@jangkau/shared/http/route";
import type { AppEnv } from "@jangkau/shared/http/types";
import { valid } from "@jangkau/shared/http/validate";
import { Hono } from "hono";
import { MAX_CSV_BYTES } from "./csv.ts";
import { deleteBaseline, importBaselines, listBaselines, upsertBaseline } from "./service.ts";
import { baselineBody, baselineIdParam, baselineListQuery, importQuery } from "./validation.ts";

const tags = ["baselines"];

/** Historical totals (a branch's 2019 and 2020 BPU participants): entered, corrected, imported. */
export const baselineRoutes = new Hono<AppEnv>()
  .get(
    "/",
    route({ summary: "Historical totals of the offices in scope", tags, permission: "targets:read" }),
    valid("query", baselineListQuery),
    async (c) => c.json(await listBaselines(c.get("db"), principal(c), c.req.valid("query")), 200),
  )
  .put(
    "/",
    route({
      summary: "Enter or correct a historical total (keyed by office, year, segment, regency)",
      description: "Growth targets resting on a whole-office total are recomputed in the same batch.",
      tags,
      permission: "targets:write",
    }),
    valid("json", baselineBody),
    async (c) => c.json(await upsertBaseline(c, principal(c), c.req.valid("json")), 200),
  )
  .delete(
    "/:id",
    route({
      summary: "Delete a historical total (409 `baseline_in_use` under a growth target)",
      tags,
      permission: "targets:write",
    }),
    valid("param", baselineIdParam),
    async (c) => {
      await deleteBaseline(c, principal(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  )
  .post(
    "/import",
    route({
      summary:
        "Import historical totals from CSV (text/csv body; columns kantor,tahun,segmen,kab_kota,jumlah,sumber)",
      description:
        "Each row is validated on its own; valid rows are written, the others returned in `issues` with " +
        "their line and field. `?dryRun=true` only checks.",
      tags,
      permission: "targets:write",
    }),
    valid("query", importQuery),
    async (c) => {
      const type = c.req.header("Content-Type") ?? "";
      if (!/^text\/(csv|plain)\b/i.test(type)) {
        throw new ValidationError("Kirim berkas CSV (Content-Type: text/csv).", [
          { path: "(body)", code: "csv_required", message: "Isi permintaan harus berupa CSV." },
        ]);
      }
      const length = Number(c.req.header("Content-Length") ?? 0);
      if (length > MAX_CSV_BYTES)
        throw new PayloadTooLargeError("payload_too_large", "Berkas CSV terlalu besar (maks. 1 MB).");
      const text = await c.req.text();
      if (new TextEncoder().encode(text).length > MAX_CSV_BYTES) {
        throw new PayloadTooLargeError("payload_too_large", "Berkas CSV terlalu besar (maks. 1 MB).");
      }
      const result = await importBaselines(c, principal(c), text, c.req.valid("query").dryRun === "true");
      return c.json(result, 200);
    },
  );
