/**
 * The bindings every API worker receives. On Cloudflare they come from `wrangler.toml` vars
 * and secrets; on the Node host `packages/node/src/config.ts` builds the same object from
 * process.env. Nothing else reads configuration.
 */
export interface Env {
  /** `libsql://…` (Turso), `http://127.0.0.1:…` (local Hrana endpoint) or `file:…` (Node host only). */
  TURSO_DATABASE_URL: string;
  TURSO_AUTH_TOKEN?: string;
  /** HS256 key for session tokens, at least 32 characters. */
  JWT_SECRET: string;
  /** AES-GCM keys for NIK encryption: `1:<base64 32 bytes>,2:<base64 32 bytes>`; the highest version encrypts. */
  NIK_ENC_KEYS: string;
  /** HMAC-SHA256 key (base64) for the NIK lookup hash. Never rotated without a rehash. */
  NIK_HMAC_KEY: string;
  /** "production" | "development" | "test". Demo logins are only printed outside production. */
  APP_ENV?: string;
}

/** The gateway's bindings: one service binding per API worker, plus its static assets. */
export interface GatewayEnv {
  CAMPAIGNS: Fetcher;
  ENROLMENT: Fetcher;
  TARGETS: Fetcher;
  ASSETS?: Fetcher;
}

/** A fetch-only service binding; on the Node host it calls the app in-process. */
export interface Fetcher {
  fetch(input: Request | string, init?: RequestInit): Promise<Response>;
}

export const TOKEN_ISSUER = "jangkau";
export const TOKEN_AUDIENCE = "jangkau-api";
