import { api, call } from "../../api/client.ts";

/** The dashboard's reads, typed from the targets worker's routes. */
export type Segment = "bpu" | "pu" | "jakon";
export type RankBy = "signups" | "cost_per_signup" | "signups_per_attendee";

export interface ProgressFilter {
  year: number;
  segment: Segment;
  regency?: string;
  rankBy?: RankBy;
}

const query = (f: ProgressFilter) => ({
  year: String(f.year),
  segment: f.segment,
  ...(f.regency ? { regency: f.regency } : {}),
  ...(f.rankBy ? { rankBy: f.rankBy } : {}),
});

export const fetchOverview = (f: ProgressFilter) =>
  call(api.targets.targets.progress.offices.$get({ query: { year: String(f.year), segment: f.segment } }));
export type Overview = Awaited<ReturnType<typeof fetchOverview>>;
export type OfficeCard = Overview["offices"][number];

export const fetchOfficeProgress = (officeId: string, f: ProgressFilter) =>
  call(api.targets.targets.progress.offices[":officeId"].$get({ param: { officeId }, query: query(f) }));
export type OfficeProgress = Awaited<ReturnType<typeof fetchOfficeProgress>>;
export type Progress = OfficeProgress["progress"];
export type EventRow = OfficeProgress["events"][number];

export const fetchCampaignProgress = (campaignId: string, f: ProgressFilter) =>
  call(
    api.targets.targets.progress.campaigns[":campaignId"].$get({ param: { campaignId }, query: query(f) }),
  );
export type CampaignProgress = Awaited<ReturnType<typeof fetchCampaignProgress>>;

export const fetchEventProgress = (eventId: string) =>
  call(api.targets.targets.progress.events[":eventId"].$get({ param: { eventId } }));
export type EventProgress = Awaited<ReturnType<typeof fetchEventProgress>>;
