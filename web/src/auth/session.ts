import { createResource, createRoot } from "solid-js";
import { ApiError, api, call, onUnauthorized } from "../api/client.ts";

export type Me = Awaited<ReturnType<typeof fetchMe>>;

async function fetchMe() {
  return call(api.campaigns.auth.me.$get());
}

/**
 * The signed-in user, shared by the whole SPA. `undefined` while loading, `null` when signed
 * out. The last known user is kept in localStorage so the shell (and the offline capture
 * screen) can open at a venue with no signal.
 */
const CACHE_KEY = "jangkau.me";

export const session = createRoot(() => {
  const [me, { mutate, refetch }] = createResource<Me | null>(async () => {
    try {
      const user = await fetchMe();
      localStorage.setItem(CACHE_KEY, JSON.stringify(user));
      return user;
    } catch (err) {
      if (err instanceof ApiError && err.status === 0) {
        const cached = localStorage.getItem(CACHE_KEY);
        return cached ? (JSON.parse(cached) as Me) : null;
      }
      localStorage.removeItem(CACHE_KEY);
      return null;
    }
  });
  onUnauthorized(() => {
    localStorage.removeItem(CACHE_KEY);
    mutate(null);
  });
  return { me, refetch, mutate };
});

export async function login(email: string, password: string) {
  const res = await call(api.campaigns.auth.login.$post({ json: { email, password } }));
  await session.refetch();
  return res;
}

/** Hooks that may veto a logout (the capture outbox does while records wait to sync). */
const logoutGuards = new Set<() => string | null>();
export function addLogoutGuard(guard: () => string | null) {
  logoutGuards.add(guard);
  return () => logoutGuards.delete(guard);
}

/** Returns a reason when logout is blocked; otherwise ends the session. */
export async function logout(): Promise<string | null> {
  for (const guard of logoutGuards) {
    const reason = guard();
    if (reason) return reason;
  }
  await call(api.campaigns.auth.logout.$post());
  localStorage.removeItem(CACHE_KEY);
  session.mutate(null);
  return null;
}
