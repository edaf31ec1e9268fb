import { gateway } from "./app.ts";

/** Cloudflare Workers entry point of the gateway (root wrangler.toml). */
export default { fetch: gateway.fetch };
