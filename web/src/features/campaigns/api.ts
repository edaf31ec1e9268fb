import type { CAMPAIGN_STATUSES } from "@jangkau/shared/schema/enums";
import { api, call } from "../../api/client.ts";

/** Every call of the campaign screens, typed from the campaigns worker's routes. */
export const fetchCampaigns = (
  query: { office?: string; status?: (typeof CAMPAIGN_STATUSES)[number] } = {},
) => call(api.campaigns.campaigns.$get({ query }));
export type CampaignSummary = Awaited<ReturnType<typeof fetchCampaigns>>[number];

export const fetchCampaign = (id: string) => call(api.campaigns.campaigns[":id"].$get({ param: { id } }));
export type CampaignDetail = Awaited<ReturnType<typeof fetchCampaign>>;

export const createCampaign = (json: Parameters<typeof api.campaigns.campaigns.$post>[0]["json"]) =>
  call(api.campaigns.campaigns.$post({ json }));
export const updateCampaign = (
  id: string,
  json: Parameters<(typeof api.campaigns.campaigns)[":id"]["$patch"]>[0]["json"],
) => call(api.campaigns.campaigns[":id"].$patch({ param: { id }, json }));
