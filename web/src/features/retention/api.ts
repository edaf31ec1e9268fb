import { api, call } from "../../api/client.ts";

/** Every call of the retention screens, typed from the workers' routes. */

type RetentionQuery = Parameters<typeof api.enrolment.enrolment.retention.$get>[0]["query"];
export type RetentionBy = NonNullable<RetentionQuery["by"]>;

export const fetchRetention = (scope: string, by: RetentionBy = "total") =>
  call(api.enrolment.enrolment.retention.$get({ query: { scope, by } }));
export type RetentionReport = Awaited<ReturnType<typeof fetchRetention>>;
export type RetentionGroup = RetentionReport["groups"][number];
export type Funnel = RetentionGroup["funnel"];

export const fetchSharedRetention = () => call(api.enrolment.enrolment.retention.shared.$get());
export type SharedEventRetention = Awaited<ReturnType<typeof fetchSharedRetention>>["events"][number];

/** What the scope picker offers: the offices, campaigns and events in the caller's scope. */
export async function fetchScopeOptions() {
  const [offices, campaigns, events] = await Promise.all([
    call(api.campaigns.offices.$get()),
    call(api.campaigns.campaigns.$get({ query: {} })),
    call(api.campaigns.events.$get({ query: {} })),
  ]);
  return {
    offices: offices.map((o) => ({ scope: `office:${o.id}`, name: o.name })),
    campaigns: campaigns.map((c) => ({ scope: `campaign:${c.id}`, name: c.name })),
    events: events
      .filter((e) => e.status === "held" || e.status === "reported" || e.status === "confirmed")
      .map((e) => ({ scope: `event:${e.id}`, name: e.title })),
  };
}
