import type { EVENT_STATUSES, EVENT_TYPES } from "@jangkau/shared/schema/enums";
import { api, call } from "../../api/client.ts";

/** Every call of the event screens, typed from the campaigns worker's routes. */

export interface EventFilter {
  office?: string;
  type?: (typeof EVENT_TYPES)[number];
  status?: (typeof EVENT_STATUSES)[number];
  partner?: string;
  campaign?: string;
  from?: string;
  to?: string;
  mine?: "1" | "0";
}

export const fetchEvents = (query: EventFilter) => call(api.campaigns.events.$get({ query }));
export type EventSummary = Awaited<ReturnType<typeof fetchEvents>>[number];

export const fetchEvent = (id: string) => call(api.campaigns.events[":id"].$get({ param: { id } }));
export type EventDetail = Awaited<ReturnType<typeof fetchEvent>>;

type CreateBody = Parameters<typeof api.campaigns.events.$post>[0]["json"];
type UpdateBody = Parameters<(typeof api.campaigns.events)[":id"]["$patch"]>[0]["json"];
export type EventPlanBody = CreateBody;

export const createEvent = (json: CreateBody) => call(api.campaigns.events.$post({ json }));
export const updateEvent = (id: string, json: UpdateBody) =>
  call(api.campaigns.events[":id"].$patch({ param: { id }, json }));
export const recordOutcome = (
  id: string,
  json: Parameters<(typeof api.campaigns.events)[":id"]["outcome"]["$patch"]>[0]["json"],
) => call(api.campaigns.events[":id"].outcome.$patch({ param: { id }, json }));
export const changeStatus = (
  id: string,
  json: Parameters<(typeof api.campaigns.events)[":id"]["status"]["$post"]>[0]["json"],
) => call(api.campaigns.events[":id"].status.$post({ param: { id }, json }));
export const addAction = (
  id: string,
  json: Parameters<(typeof api.campaigns.events)[":id"]["actions"]["$post"]>[0]["json"],
) => call(api.campaigns.events[":id"].actions.$post({ param: { id }, json }));
export const updateAction = (
  id: string,
  actionId: string,
  json: Parameters<(typeof api.campaigns.events)[":id"]["actions"][":actionId"]["$patch"]>[0]["json"],
) => call(api.campaigns.events[":id"].actions[":actionId"].$patch({ param: { id, actionId }, json }));

export const fetchAssignableStaff = (office: string) =>
  call(api.campaigns.events["assignable-staff"].$get({ query: { office } }));

export const fetchSharedEvents = () => call(api.campaigns.events.shared.$get());
export type SharedEvent = Awaited<ReturnType<typeof fetchSharedEvents>>[number];
export const fetchSharedEvent = (id: string) =>
  call(api.campaigns.events.shared[":id"].$get({ param: { id } }));

export const fetchPartners = () => call(api.campaigns.partners.$get({ query: {} }));
export type PartnerOption = Awaited<ReturnType<typeof fetchPartners>>[number];

export const fetchOffices = () => call(api.campaigns.offices.$get());
export type OfficeOption = Awaited<ReturnType<typeof fetchOffices>>[number];

export const fetchAreas = (query: { parent?: string; codes?: string }) =>
  call(api.campaigns.areas.$get({ query }));
export type AreaOption = Awaited<ReturnType<typeof fetchAreas>>[number];

export const fetchFeeds = () => call(api.campaigns.calendar.feeds.$get());
export const createFeed = (officeId: string) =>
  call(api.campaigns.calendar.feeds.$post({ json: { officeId } }));
export const revokeFeed = (id: string) =>
  call(api.campaigns.calendar.feeds[":id"].$delete({ param: { id } }));
