import type { SignupInput } from "@jangkau/shared/schema/signups/validation";
import { api, call } from "../../api/client.ts";

/** Every call of the capture screen, typed from the enrolment worker's routes. */

export const fetchCaptureEvents = () => call(api.enrolment.enrolment.capture.events.$get());
export type CaptureEvents = Awaited<ReturnType<typeof fetchCaptureEvents>>;
export type CaptureEvent = CaptureEvents["events"][number];

export const fetchConsent = () => call(api.enrolment.enrolment.consent.$get());
export type Consent = Awaited<ReturnType<typeof fetchConsent>>;

export const fetchRules = () => call(api.enrolment.enrolment["contribution-rules"].$get());
export type Rules = Awaited<ReturnType<typeof fetchRules>>;

export const checkNik = (json: { nik: string; birthDate?: string; sex?: "M" | "F" }, signal?: AbortSignal) =>
  call(api.enrolment.enrolment["nik-check"].$post({ json }, signal ? { init: { signal } } : undefined));
export type NikCheck = Awaited<ReturnType<typeof checkNik>>;

export const postBatch = (records: SignupInput[]) =>
  call(api.enrolment.enrolment.signups.batch.$post({ json: { records } }));
export type BatchOutcome = Awaited<ReturnType<typeof postBatch>>;
export type BatchResult = BatchOutcome["results"][number];
