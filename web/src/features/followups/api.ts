import { api, call } from "../../api/client.ts";

/** Every call of the follow-up screens, typed from the enrolment worker's routes. */

type ListQuery = NonNullable<Parameters<typeof api.enrolment.enrolment.followups.$get>[0]>["query"];
export type CallListQuery = Partial<ListQuery>;

export const fetchCallList = (query: CallListQuery) =>
  call(api.enrolment.enrolment.followups.$get({ query: query as ListQuery }));
export type CallTask = Awaited<ReturnType<typeof fetchCallList>>["tasks"][number];
export type FollowupKind = CallTask["kind"];
export type Outcome = NonNullable<CallTask["outcome"]>;

export const recordOutcome = (id: string, outcome: Outcome, note: string | null) =>
  call(
    api.enrolment.enrolment.followups[":id"].outcome.$patch({
      param: { id },
      json: { outcome, note: note || null },
    }),
  );

/** The CSV download of the same list (the query holds filters only, never personal data). */
export function callListCsvUrl(query: CallListQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, String(v));
  const qs = params.toString();
  return `/api/enrolment/followups/call-list.csv${qs ? `?${qs}` : ""}`;
}

/** `https://wa.me/<number>?text=<message>` opens WhatsApp with the message ready to send. */
export const whatsappLink = (number: string, message: string) =>
  `https://wa.me/${number}?text=${encodeURIComponent(message)}`;
