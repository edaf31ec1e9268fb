import { expect } from "vitest";
import type { TestApp } from "../../support/app.ts";

/** The `{ error }` body of a failed call. */
export interface ErrorBody {
  code: string;
  message: string;
  details?: { issues?: { path: string; code: string }[]; [k: string]: unknown };
}

export async function errorOf(res: Response): Promise<ErrorBody> {
  return ((await res.json()) as { error: ErrorBody }).error;
}

/** Asserts status and error code, and that one issue names `path` with `issueCode`. */
export async function expectIssue(
  res: Response,
  status: number,
  code: string,
  path?: string,
  issueCode = code,
) {
  const body = await errorOf(res);
  expect({ status: res.status, code: body.code }).toEqual({ status, code });
  if (path) expect(body.details?.issues).toContainEqual(expect.objectContaining({ path, code: issueCode }));
  return body;
}

/** JSON helper for a call that must succeed with `status`. */
export async function ok<T = Record<string, unknown>>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

/** A typed request helper bound to one test app. */
export function client(t: TestApp) {
  return {
    get: (path: string, token: string) => t.request(path, { token }),
    post: (path: string, token: string, json: unknown) => t.request(path, { method: "POST", token, json }),
    patch: (path: string, token: string, json: unknown) => t.request(path, { method: "PATCH", token, json }),
    del: (path: string, token: string) => t.request(path, { method: "DELETE", token }),
  };
}

/** A local date `days` from today as YYYY-MM-DD (UTC calendar; fine for planning fixtures). */
export function dayFromNow(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
