import type { DemoLogin } from "../../packages/node/src/seed/demo.ts";
import type { Db } from "../../packages/shared/src/db/index.ts";

/**
 * What a scenario needs from the system under test. Both runtimes provide it: the Node host
 * in-process (`createTestApp`, test/support/app.ts) and the deployed bundles in workerd
 * (`startEdgeApp`, test/support/edge.ts), so one scenario proves the same behaviour in both.
 */
export interface ScenarioApp {
  /** The key the workers verify sessions with, to forge tokens in the token scenarios. */
  env: { JWT_SECRET: string };
  /** The same database the workers use, for state a scenario sets up directly. */
  db: Db;
  logins: DemoLogin[];
  /** A request through the gateway, as the SPA sends it. */
  request(path: string, init?: RequestInit & { token?: string; json?: unknown }): Promise<Response>;
  /** Logs in as the demo user with this email and returns the bearer token. */
  login(email: string): Promise<string>;
}

/** The `error` object of an error response. */
export async function errorOf(res: Response) {
  return ((await res.json()) as { error: { code: string; message: string; details?: unknown } }).error;
}

/** The demo password of a seeded user. */
export function passwordOf(app: ScenarioApp, email: string): string {
  const password = app.logins.find((l) => l.email === email)?.password;
  if (!password) throw new Error(`no demo login ${email}`);
  return password;
}
