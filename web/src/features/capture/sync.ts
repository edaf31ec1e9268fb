import { createSignal } from "solid-js";
import { ApiError } from "../../api/client.ts";
import { postBatch } from "./api.ts";
import { backoffDelay } from "./backoff.ts";
import { entriesIn, type OutboxEntry, pruneSent, refreshPending, updateEntries } from "./store.ts";

/**
 * Sends the outbox to the server in batches of at most 25 records, when the network comes
 * back (`online`), on a timer, after each save and when the tablet wakes up. A batch that
 * cannot be delivered waits with exponential backoff and jitter (2 s, 4 s, 8 s … up to 5
 * minutes, each ×0.5–1.5), so a hall full of tablets does not retry in step.
 *
 * Each record keeps its UUID, so a batch whose answer was lost is simply sent again: the
 * server answers `replayed` for what it already holds.
 */
export const SYNC_BATCH_SIZE = 25;
const TICK_MS = 15_000;

export type SyncProblem = "offline" | "network" | "session" | "server" | null;
const [syncing, setSyncing] = createSignal(false);
const [problem, setProblem] = createSignal<SyncProblem>(null);
const [lastSyncAt, setLastSyncAt] = createSignal<string | null>(null);

export { lastSyncAt, problem, syncing };

let running: Promise<void> | null = null;

/** Sends what is due now; concurrent calls share one run. */
export function syncNow(): Promise<void> {
  running ??= run().finally(() => {
    running = null;
  });
  return running;
}

async function run() {
  if (!navigator.onLine) {
    setProblem("offline");
    return;
  }
  setSyncing(true);
  try {
    for (;;) {
      const due = (await entriesIn("waiting"))
        .filter((e) => e.record && e.nextAttemptAt <= Date.now())
        .sort((a, b) => (a.savedAt < b.savedAt ? -1 : 1))
        .slice(0, SYNC_BATCH_SIZE);
      if (due.length === 0) break;
      const delivered = await send(due);
      if (!delivered) break;
    }
    await pruneSent();
  } finally {
    setSyncing(false);
  }
}

/** One batch; false when it could not be delivered (the records wait for their backoff). */
async function send(batch: OutboxEntry[]): Promise<boolean> {
  let outcome: Awaited<ReturnType<typeof postBatch>>;
  try {
    outcome = await postBatch(batch.map((e) => e.record as NonNullable<OutboxEntry["record"]>));
  } catch (err) {
    const status = err instanceof ApiError ? err.status : 0;
    setProblem(status === 0 ? "network" : status === 401 ? "session" : "server");
    const now = Date.now();
    await updateEntries(
      batch.map((e) => ({
        id: e.id,
        patch: {
          attempts: e.attempts + 1,
          nextAttemptAt: now + backoffDelay(e.attempts + 1),
          lastError: err instanceof ApiError ? err.code : "network",
        },
      })),
    );
    return false;
  }
  setProblem(null);
  setLastSyncAt(new Date().toISOString());
  const now = new Date().toISOString();
  await updateEntries(
    outcome.results.flatMap((r): { id: string; patch: Partial<OutboxEntry> }[] => {
      const entry = batch[r.index];
      if (!entry) return [];
      switch (r.status) {
        case "created":
        case "replayed":
          // The server holds it: drop the personal data from the tablet.
          return [
            {
              id: entry.id,
              patch: {
                state: "sent",
                record: null,
                sentAt: now,
                label: { name: entry.label.name, nikMasked: r.signup?.nikMasked ?? entry.label.nikMasked },
                result: { status: r.status },
              },
            },
          ];
        case "idempotency_in_progress":
          return [{ id: entry.id, patch: { nextAttemptAt: Date.now() + backoffDelay(1) } }];
        case "invalid":
          return [
            { id: entry.id, patch: { state: "invalid", result: { status: r.status, issues: r.issues } } },
          ];
        default:
          return [
            {
              id: entry.id,
              patch: { state: "conflict", result: { status: r.status, duplicate: r.duplicate } },
            },
          ];
      }
    }),
  );
  return true;
}

let started = false;

/** Starts the triggers once per page load. */
export function startSync() {
  if (started) return;
  started = true;
  void refreshPending();
  addEventListener("online", async () => {
    setProblem(null);
    // The network is back: whatever waited for its backoff may go now.
    const waiting = await entriesIn("waiting");
    await updateEntries(waiting.map((e) => ({ id: e.id, patch: { nextAttemptAt: 0 } })));
    void syncNow();
  });
  addEventListener("offline", () => setProblem("offline"));
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") void syncNow();
  });
  setInterval(() => void syncNow(), TICK_MS);
  void syncNow();
}
