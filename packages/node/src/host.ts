import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { app as campaigns } from "@jangkau/campaigns/app";
import { app as enrolment } from "@jangkau/enrolment/app";
import { gateway } from "@jangkau/gateway/app";
import { useLocalClient } from "@jangkau/shared/db/index";
import type { Env, Fetcher, GatewayEnv } from "@jangkau/shared/env";
import { allowSharedRequestWork } from "@jangkau/shared/runtime/host";
import { useCryptoBackend } from "@jangkau/shared/security/backend";
import { app as targets } from "@jangkau/targets/app";
import { Hono } from "hono";
import { nodeCryptoBackend } from "./crypto.ts";
import { openLocalClient } from "./db/local-client.ts";

// NIK hashes, NIK ciphers and fingerprints through node:crypto on this host (same bytes as
// WebCrypto, without a thread-pool hop per call); the Workers keep WebCrypto.
useCryptoBackend(nodeCryptoBackend);
// One process and one database client serve every request here, so concurrent requests may
// share database work (single sign-ups committed together); Workers keep each request's own.
allowSharedRequestWork(true);
// Local files through a client that keeps its prepared statements (same engine, same contract).
useLocalClient(openLocalClient);

const toRequest = (input: Request | string, init?: RequestInit) =>
  input instanceof Request && !init ? input : new Request(input, init);

/** A service binding that calls a Hono app in this process, with the worker's bindings. */
function inProcess(
  app: { fetch: (req: Request, env: Env) => Response | Promise<Response> },
  env: Env,
): Fetcher {
  return { fetch: async (input, init) => app.fetch(toRequest(input, init), env) };
}

/**
 * Static files of the built SPA with the same fallback as Workers assets
 * (`not_found_handling = "single-page-application"`): unknown paths get index.html.
 */
function staticAssets(webDist: string): Fetcher {
  const assets = new Hono()
    .use("/assets/*", async (c, next) => {
      await next();
      if (c.res.ok) c.res.headers.set("Cache-Control", "public, max-age=31536000, immutable");
    })
    .use("*", serveStatic({ root: webDist }))
    .get("*", serveStatic({ root: webDist, path: "index.html" }));
  return { fetch: async (input, init) => assets.fetch(toRequest(input, init)) };
}

/** The gateway's bindings on the Node host: the three API apps in-process and the SPA files. */
export function nodeBindings(env: Env, webDist?: string): GatewayEnv {
  return {
    CAMPAIGNS: inProcess(campaigns, env),
    ENROLMENT: inProcess(enrolment, env),
    TARGETS: inProcess(targets, env),
    ASSETS: webDist && existsSync(resolve(webDist, "index.html")) ? staticAssets(webDist) : undefined,
  };
}

/**
 * The whole of Jangkau as one fetch function: the same gateway and the same worker apps as
 * on Cloudflare, joined in-process instead of by service bindings.
 */
export function nodeFetch(env: Env, webDist?: string) {
  const bindings = nodeBindings(env, webDist);
  return (req: Request) => gateway.fetch(req, bindings);
}
