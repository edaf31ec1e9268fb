import * as v from "valibot";
import { count, isoDate, rupiah, text } from "../../validation/common.ts";
import { CAMPAIGN_STATUSES, SEGMENTS } from "../enums.ts";

/** An office id as the reference data spells it (`kc-madiun`, `kw-jatim`). */
export const officeId = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^[a-z0-9-]{2,60}$/, "Kode kantor tidak valid."),
);

const campaignFields = {
  name: text(200),
  segment: v.picklist(SEGMENTS),
  objective: v.nullable(text(2000)),
  periodStart: isoDate,
  periodEnd: isoDate,
  targetSignups: count(),
  budget: rupiah,
};

/** POST /api/campaigns — a new campaign starts as a draft. */
export const campaignCreateInput = v.strictObject({
  officeId,
  name: campaignFields.name,
  segment: v.optional(campaignFields.segment, "bpu"),
  objective: v.optional(campaignFields.objective, null),
  periodStart: campaignFields.periodStart,
  periodEnd: campaignFields.periodEnd,
  targetSignups: v.optional(campaignFields.targetSignups, 0),
  budget: v.optional(campaignFields.budget, 0),
});

/** PATCH /api/campaigns/:id — any field, the status, and the version the edit started from. */
export const campaignUpdateInput = v.strictObject({
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  ...v.partial(v.object(campaignFields)).entries,
  status: v.optional(v.picklist(CAMPAIGN_STATUSES)),
});

export const campaignListQuery = v.object({
  office: v.optional(officeId),
  status: v.optional(v.picklist(CAMPAIGN_STATUSES)),
  segment: v.optional(v.picklist(SEGMENTS)),
});

export type CampaignCreateInput = v.InferOutput<typeof campaignCreateInput>;
export type CampaignUpdateInput = v.InferOutput<typeof campaignUpdateInput>;
