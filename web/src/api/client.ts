import { hc } from "hono/client";
import type { CampaignsApp } from "../../../workers/campaigns/src/app.ts";
import type { EnrolmentApp } from "../../../workers/enrolment/src/app.ts";
import type { TargetsApp } from "../../../workers/targets/src/app.ts";

/**
 * The one typed HTTP client of the SPA. Types come from the workers' route chains by
 * `import type` only — no server code enters the bundle. The session travels as the
 * httpOnly cookie set at login.
 */
const base = typeof location === "undefined" ? "http://localhost" : location.origin;
const init = { init: { credentials: "same-origin" as const } };

export const api = {
  campaigns: hc<CampaignsApp>(base, init).api,
  enrolment: hc<EnrolmentApp>(base, init).api,
  targets: hc<TargetsApp>(base, init).api,
};

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    details?: { issues?: { path: string; code: string; message: string }[] };
  };
}

/** A failed API call, carrying the server's error code, message and field issues. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: { path: string; code: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** Listeners told when any call answers 401 (the session ended), so the shell can go to login. */
const unauthorizedListeners = new Set<() => void>();
export const onUnauthorized = (fn: () => void) => {
  unauthorizedListeners.add(fn);
  return () => unauthorizedListeners.delete(fn);
};

/**
 * Await a client call and return its JSON body, or throw an ApiError. Network failures
 * (offline) surface as ApiError status 0, code "network".
 */
export async function call<T>(
  request: Promise<{ ok: boolean; status: number; json(): Promise<T> }>,
): Promise<T> {
  let res: Awaited<typeof request>;
  try {
    res = await request;
  } catch {
    throw new ApiError(0, "network", "Tidak ada koneksi ke server.");
  }
  if (res.ok) return res.json();
  let body: ApiErrorBody | undefined;
  try {
    body = (await res.json()) as unknown as ApiErrorBody;
  } catch {
    body = undefined;
  }
  if (res.status === 401) for (const fn of unauthorizedListeners) fn();
  throw new ApiError(
    res.status,
    body?.error.code ?? "http_error",
    body?.error.message ?? `HTTP ${res.status}`,
    body?.error.details?.issues ?? [],
  );
}
