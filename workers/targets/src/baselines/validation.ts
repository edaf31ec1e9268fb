import { SEGMENTS } from "@jangkau/shared/schema/enums";
import { queryInt, text, uuid, year } from "@jangkau/shared/validation/common";
import * as v from "valibot";
import { MAX_POTENTIAL } from "../targets/validation.ts";

/** A historical total: a whole office (`regencyCode` "") or one of its regencies, for a year and segment. */
export const baselineBody = v.object({
  officeId: text(64),
  year,
  segment: v.picklist(SEGMENTS, "Segmen harus bpu, pu atau jakon."),
  regencyCode: v.optional(
    v.union(
      [v.literal(""), v.pipe(v.string(), v.regex(/^\d{2}\.\d{2}$/))],
      "Kode kabupaten/kota harus seperti 35.72, atau kosong untuk seluruh kantor.",
    ),
    "",
  ),
  total: v.pipe(
    v.number(),
    v.integer("Jumlah harus bilangan bulat."),
    v.minValue(0, "Jumlah tidak boleh negatif."),
    v.maxValue(MAX_POTENTIAL, "Jumlah tidak masuk akal (lebih dari 100 juta)."),
  ),
  source: v.optional(v.nullable(text(200))),
});
export type BaselineInput = v.InferOutput<typeof baselineBody>;

export const baselineListQuery = v.object({
  officeId: v.optional(text(64)),
  year: v.optional(queryInt(2000, 2100)),
  segment: v.optional(v.picklist(SEGMENTS)),
});

export const baselineIdParam = v.object({ id: uuid });

export const importQuery = v.object({
  dryRun: v.optional(v.picklist(["true", "false"], "dryRun harus true atau false.")),
});
