import { api, call } from "../../api/client.ts";

/** The partner's aggregate view (counts below 5 arrive as null with `suppressed: true`). */
export const fetchPartnerProgress = (year: number) =>
  call(api.targets.targets.partner.progress.$get({ query: { year: String(year) } }));
export type PartnerProgress = Awaited<ReturnType<typeof fetchPartnerProgress>>;

/** Same figures as CSV: a plain link, so the browser downloads it with the session cookie. */
export const partnerCsvUrl = (year: number) => `/api/targets/partner/progress.csv?year=${year}`;
