import type { Principal } from "@jangkau/shared/auth/permissions";
import type { Db } from "@jangkau/shared/db/index";
import type { Env } from "@jangkau/shared/env";
import { sharedRequestWork } from "@jangkau/shared/runtime/host";
import DataLoader from "dataloader";
import { type RecordResult, rawId, recordSignups } from "./service.ts";

/** Most single sign-ups committed together; more wait for the next turn. */
const MAX_GROUP = 100;

interface SingleSignup {
  db: Db;
  env: Pick<Env, "NIK_ENC_KEYS" | "NIK_HMAC_KEY">;
  principal: Principal;
  record: unknown;
  requestId: string | null;
}

/** One loader per database client: it gathers the single sign-ups of one event-loop turn. */
const loaders = new WeakMap<Db, DataLoader<SingleSignup, RecordResult>>();

const nextTurn: (run: () => void) => void =
  typeof setImmediate === "function" ? (run) => setImmediate(run) : (run) => setTimeout(run, 0);

/**
 * Records one sign-up (POST /signups) and says what happened to it — exactly as a batch of
 * one would, but on a host where requests may share database work (the Node host), the
 * single sign-ups that arrive in the same turn of the event loop are committed together:
 * one read round trip and one write transaction for all of them instead of two per request
 * (DataLoader gathers them). Each request still gets its own result and its own audit entry
 * with its own request id; a bad record affects only its own request.
 *
 * On Workers each request keeps its own I/O, so there every call is a batch of one.
 */
export async function recordSingleSignup(
  db: Db,
  env: SingleSignup["env"],
  principal: Principal,
  record: unknown,
  requestId: string | null,
): Promise<RecordResult> {
  if (!sharedRequestWork()) {
    const { results } = await recordSignups(db, env, principal, [record], { source: "event", requestId });
    return results[0] as RecordResult;
  }
  let loader = loaders.get(db);
  if (!loader) {
    loader = new DataLoader(commitTogether, {
      cache: false,
      maxBatchSize: MAX_GROUP,
      batchScheduleFn: nextTurn,
    });
    loaders.set(db, loader);
  }
  return loader.load({ db, env, principal, record, requestId });
}

/**
 * The sign-ups of one turn, grouped by caller (scope decisions and the audit actor are per
 * caller), each group recorded as one batch. The same UUID twice in one turn: the later
 * request is told `idempotency_in_progress`, as it would be had the first been mid-write.
 */
async function commitTogether(pending: readonly SingleSignup[]): Promise<(RecordResult | Error)[]> {
  const out: (RecordResult | Error)[] = new Array(pending.length);
  const groups = new Map<string, number[]>();
  const ids = new Set<string>();
  for (const [i, p] of pending.entries()) {
    const id = rawId(p.record);
    if (id && ids.has(id)) {
      out[i] = { index: 0, id, status: "idempotency_in_progress" };
      continue;
    }
    if (id) ids.add(id);
    const key = JSON.stringify(p.principal);
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  }
  await Promise.all(
    [...groups.values()].map(async (members) => {
      const first = pending[members[0] as number] as SingleSignup;
      try {
        const { results } = await recordSignups(
          first.db,
          first.env,
          first.principal,
          members.map((i) => pending[i]?.record),
          { source: "event", requestIds: members.map((i) => pending[i]?.requestId ?? null) },
        );
        for (const [k, i] of members.entries()) out[i] = alone(results[k] as RecordResult);
      } catch (err) {
        for (const i of members) out[i] = err instanceof Error ? err : new Error(String(err));
      }
    }),
  );
  return out;
}

/** A group member's result as its own request sees it: index 0, no index into the group. */
function alone(result: RecordResult): RecordResult {
  if (!result.duplicate || result.duplicate.inBatchIndex === undefined) return { ...result, index: 0 };
  const { inBatchIndex: _, ...duplicate } = result.duplicate;
  return { ...result, index: 0, duplicate };
}
