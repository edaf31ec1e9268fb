import type { SignupStatus } from "@jangkau/shared/schema/enums";
import { api, call } from "../../api/client.ts";

/** Every call of the sign-up screens, typed from the enrolment worker's routes. */
export interface SignupQuery {
  eventId?: string;
  status?: SignupStatus;
  month?: string;
  page?: string;
  pageSize?: string;
}

const signups = api.enrolment.enrolment.signups;

export const fetchSignups = (query: SignupQuery) => call(signups.$get({ query }));
export type SignupPage = Awaited<ReturnType<typeof fetchSignups>>;
export type SignupRow = SignupPage["items"][number];

export const fetchSignup = (id: string) => call(signups[":id"].$get({ param: { id } }));
export type SignupDetail = Awaited<ReturnType<typeof fetchSignup>>;

export const verifySignup = (id: string, version: number) =>
  call(signups[":id"].verify.$post({ param: { id }, json: { version } }));
export const rejectSignup = (id: string, version: number, reason: string) =>
  call(signups[":id"].reject.$post({ param: { id }, json: { version, reason } }));
export const registerSignup = (id: string, version: number, kpj: string) =>
  call(signups[":id"].register.$post({ param: { id }, json: { version, kpj } }));
export const deleteSignup = (id: string, version: number) =>
  call(signups[":id"].$delete({ param: { id }, query: { version: String(version) } }));

export const revealNik = (participantId: string) =>
  call(api.enrolment.enrolment.participants[":id"]["reveal-nik"].$post({ param: { id: participantId } }));
