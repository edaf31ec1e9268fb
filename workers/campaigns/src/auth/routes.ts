import { HOME_BY_ROLE } from "@jangkau/shared/auth/permissions";
import { issueSessionToken, SESSION_COOKIE, SESSION_TTL_SECONDS } from "@jangkau/shared/auth/session";
import { NotFoundError, UnauthorizedError } from "@jangkau/shared/errors";
import { principal, route } from "@jangkau/shared/http/route";
import type { AppEnv } from "@jangkau/shared/http/types";
import { valid } from "@jangkau/shared/http/validate";
import { offices, partners, users } from "@jangkau/shared/schema/index";
import { decoyHash, verifyPassword } from "@jangkau/shared/security/password";
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { findUserByEmail, principalFor } from "./principal.ts";
import { reserveAttempt, settleSuccess, throttleKeys } from "./throttle.ts";
import { loginInput } from "./validation.ts";

const tags = ["auth"];

export const authRoutes = new Hono<AppEnv>()
  .post(
    "/login",
    route({ summary: "Log in with email and password", tags, permission: "public" }),
    valid("json", loginInput),
    async (c) => {
      const { email, password } = c.req.valid("json");
      const db = c.get("db");
      const keys = await throttleKeys(email, c.req.header("CF-Connecting-IP") ?? "unknown");
      await reserveAttempt(db, keys);

      const user = await findUserByEmail(db, email);
      // Always run PBKDF2, so an unknown email costs the same time as a wrong password.
      const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
      if (!user || !ok || !user.active) {
        throw new UnauthorizedError("invalid_credentials", "Email atau kata sandi salah.");
      }
      await settleSuccess(db, keys);
      await db.update(users).set({ lastLoginAt: new Date().toISOString() }).where(eq(users.id, user.id));

      const p = await principalFor(db, user);
      const token = await issueSessionToken(p, c.env.JWT_SECRET);
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: "Strict",
        secure: new URL(c.req.url).protocol === "https:",
        path: "/",
        maxAge: SESSION_TTL_SECONDS,
      });
      return c.json(
        { token, home: HOME_BY_ROLE[p.role], user: { id: p.userId, name: p.name, role: p.role } },
        200,
      );
    },
  )
  .post(
    "/logout",
    route({ summary: "End the session (clears the cookie)", tags, permission: "public" }),
    (c) => {
      deleteCookie(c, SESSION_COOKIE, { path: "/" });
      return c.json({ ok: true as const }, 200);
    },
  )
  .get(
    "/me",
    route({ summary: "The signed-in user, role, scope and home screen", tags, permission: "session:self" }),
    async (c) => {
      const p = principal(c);
      const db = c.get("db");
      const user = await db.query.users.findFirst({ where: eq(users.id, p.userId) });
      if (!user?.active) throw new NotFoundError("user_not_found", "Pengguna tidak ditemukan.");
      const office = user.officeId
        ? await db.query.offices.findFirst({ where: eq(offices.id, user.officeId) })
        : null;
      const partner = user.partnerId
        ? await db.query.partners.findFirst({ where: eq(partners.id, user.partnerId) })
        : null;
      return c.json(
        {
          id: user.id,
          email: user.email,
          name: user.name,
          role: user.role,
          canRevealNik: user.canRevealNik,
          home: HOME_BY_ROLE[user.role],
          office: office
            ? { id: office.id, name: office.name, kind: office.kind, timeZone: office.timeZone }
            : null,
          partner: partner ? { id: partner.id, name: partner.name, type: partner.type } : null,
          officeIds: p.officeIds,
        },
        200,
      );
    },
  );
