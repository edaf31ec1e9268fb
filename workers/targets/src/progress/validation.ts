import { SEGMENTS } from "@jangkau/shared/schema/enums";
import { month, queryInt, text, uuid } from "@jangkau/shared/validation/common";
import * as v from "valibot";
import { RANK_BY } from "./yield.ts";

const common = {
  year: v.optional(queryInt(2000, 2100)),
  segment: v.optional(v.picklist(SEGMENTS, "Segmen harus bpu, pu atau jakon."), "bpu"),
  /** Measure progress at the end of this month of the year (default: today, or December of a past year). */
  asOf: v.optional(month),
  rankBy: v.optional(v.picklist(RANK_BY, "Urutan harus signups, cost_per_signup atau signups_per_attendee.")),
};

export const overviewQuery = v.object(common);
export const officeQuery = v.object({
  ...common,
  regency: v.optional(
    v.pipe(v.string(), v.regex(/^\d{2}\.\d{2}$/, "Kode kabupaten/kota harus seperti 35.72.")),
  ),
});
export const officeParam = v.object({ officeId: text(64) });
export const campaignParam = v.object({ campaignId: uuid });
export const eventParam = v.object({ eventId: uuid });
