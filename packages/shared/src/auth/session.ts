import { sign, verify } from "hono/jwt";
import * as v from "valibot";
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from "../env.ts";
import { ROLES } from "../schema/enums.ts";
import type { Principal } from "./permissions.ts";

export const SESSION_COOKIE = "jangkau_session";
export const SESSION_TTL_SECONDS = 12 * 60 * 60;

const claims = v.object({
  /** Required: hono's verify checks `exp` only when present, and a session must end. */
  exp: v.number(),
  sub: v.string(),
  role: v.picklist(ROLES),
  name: v.string(),
  off: v.nullable(v.string()),
  offs: v.array(v.string()),
  ptn: v.nullable(v.string()),
  nik: v.boolean(),
});

/** Sign a session token (HS256) carrying the principal and its resolved scope. */
export async function issueSessionToken(p: Principal, secret: string, now = Date.now()): Promise<string> {
  const iat = Math.floor(now / 1000);
  return sign(
    {
      iss: TOKEN_ISSUER,
      aud: TOKEN_AUDIENCE,
      iat,
      exp: iat + SESSION_TTL_SECONDS,
      sub: p.userId,
      role: p.role,
      name: p.name,
      off: p.officeId,
      offs: p.officeIds,
      ptn: p.partnerId,
      nik: p.canRevealNik,
    },
    secret,
    "HS256",
  );
}

/** Tokens already verified in this process/isolate, oldest first (a token is immutable). */
const verified = new Map<string, { secret: string; exp: number; principal: Principal }>();
const MAX_VERIFIED = 5_000;

/**
 * Verify signature (HS256 only — "none" and other algorithms are refused), issuer, audience
 * and expiry; returns null for any invalid token.
 *
 * A token that verified once is remembered with its expiry, so the next request with the same
 * token checks only the expiry: a tablet sends the same token all day, and on Node each
 * WebCrypto call is a thread-pool round trip. Any other string — one changed character, a
 * new signature, another secret — is verified in full.
 */
export async function readSessionToken(
  token: string,
  secret: string,
  now = Date.now(),
): Promise<Principal | null> {
  const known = verified.get(token);
  if (known && known.secret === secret) return known.exp > now / 1000 ? known.principal : null;
  try {
    const payload = await verify(token, secret, { alg: "HS256", iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE });
    const parsed = v.safeParse(claims, payload);
    if (!parsed.success) return null;
    const c = parsed.output;
    const principal: Principal = {
      userId: c.sub,
      role: c.role,
      name: c.name,
      officeId: c.off,
      officeIds: c.offs,
      partnerId: c.ptn,
      canRevealNik: c.nik,
    };
    if (verified.size >= MAX_VERIFIED) verified.delete(verified.keys().next().value as string);
    Object.freeze(principal.officeIds);
    verified.set(token, { secret, exp: c.exp, principal: Object.freeze(principal) });
    return principal;
  } catch {
    return null;
  }
}
