import type { SignupInput } from "@jangkau/shared/schema/signups/validation";
import { type DBSchema, type IDBPDatabase, openDB } from "idb";
import type { BatchResult } from "./api.ts";
import { setPendingCount } from "./pending.ts";

/**
 * The tablet's own storage (IndexedDB): the outbox of sign-ups saved at the venue, and what
 * the capture screen needs without a network (today's events with their villages and payers,
 * the consent text, the contribution rules).
 *
 * A record enters the outbox the moment the officer presses save, under the UUID it keeps
 * for ever (its idempotency key). Once the server holds it, its personal data is dropped
 * from the tablet; only the masked NIK and a first name stay for the day's list.
 */
export type OutboxState = "waiting" | "sent" | "conflict" | "invalid";

export interface OutboxEntry {
  id: string;
  state: OutboxState;
  /** The record as sent; `null` once the server holds it. */
  record: SignupInput | null;
  eventId: string | null;
  /** For lists: the first name and the masked NIK. */
  label: { name: string; nikMasked: string };
  savedAt: string;
  attempts: number;
  /** Epoch ms before which the sync does not retry this record. */
  nextAttemptAt: number;
  lastError?: string;
  /** The server's answer when it refused the record (conflict, invalid). */
  result?: Pick<BatchResult, "status" | "issues" | "duplicate">;
  sentAt?: string;
}

interface CaptureDb extends DBSchema {
  outbox: { key: string; value: OutboxEntry; indexes: { state: OutboxState } };
  cache: { key: string; value: { key: string; savedAt: string; value: unknown } };
}

let dbPromise: Promise<IDBPDatabase<CaptureDb>> | undefined;

function db() {
  dbPromise ??= openDB<CaptureDb>("jangkau-capture", 1, {
    upgrade(d) {
      const outbox = d.createObjectStore("outbox", { keyPath: "id" });
      outbox.createIndex("state", "state");
      d.createObjectStore("cache", { keyPath: "key" });
    },
  });
  return dbPromise;
}

const listeners = new Set<() => void>();
/** Called after every change of the outbox (the counters re-read it). */
export function onOutboxChange(fn: () => void) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

async function changed() {
  const entries = await allEntries();
  setPendingCount(entries.filter((e) => e.state !== "sent").length);
  for (const fn of listeners) fn();
}

export async function allEntries(): Promise<OutboxEntry[]> {
  const entries = await (await db()).getAll("outbox");
  return entries.sort((a, b) => (a.savedAt < b.savedAt ? -1 : 1));
}

export async function entriesIn(state: OutboxState): Promise<OutboxEntry[]> {
  return (await db()).getAllFromIndex("outbox", "state", state);
}

export async function getEntry(id: string) {
  return (await db()).get("outbox", id);
}

let persistAsked = false;

/** Saves a record into the outbox as waiting (also used to resend an edited one). */
export async function saveToOutbox(record: SignupInput, label: OutboxEntry["label"]): Promise<void> {
  if (!persistAsked) {
    persistAsked = true;
    // Ask the browser not to evict this origin's storage under pressure while records wait.
    void navigator.storage?.persist?.().catch(() => false);
  }
  await (await db()).put("outbox", {
    id: record.id,
    state: "waiting",
    record,
    eventId: record.eventId ?? null,
    label,
    savedAt: new Date().toISOString(),
    attempts: 0,
    nextAttemptAt: 0,
  });
  await changed();
}

/** Applies many changes in one transaction. */
export async function updateEntries(updates: { id: string; patch: Partial<OutboxEntry> }[]): Promise<void> {
  const tx = (await db()).transaction("outbox", "readwrite");
  for (const { id, patch } of updates) {
    const entry = await tx.store.get(id);
    if (entry) await tx.store.put({ ...entry, ...patch });
  }
  await tx.done;
  await changed();
}

export async function discardEntry(id: string): Promise<void> {
  await (await db()).delete("outbox", id);
  await changed();
}

/** Forgets sent records older than a day (their data is already on the server). */
export async function pruneSent(now = Date.now()): Promise<void> {
  const d = await db();
  for (const e of await d.getAllFromIndex("outbox", "state", "sent")) {
    if (now - Date.parse(e.sentAt ?? e.savedAt) > 86_400_000) await d.delete("outbox", e.id);
  }
  await changed();
}

export async function readCache<T>(key: string): Promise<{ savedAt: string; value: T } | undefined> {
  const row = await (await db()).get("cache", key);
  return row ? { savedAt: row.savedAt, value: row.value as T } : undefined;
}

export async function writeCache(key: string, value: unknown): Promise<void> {
  await (await db()).put("cache", { key, savedAt: new Date().toISOString(), value });
}

/** Clears what the tablet keeps — refused while any record has not reached the server. */
export async function clearDeviceData(): Promise<boolean> {
  const d = await db();
  const pending = (await d.getAll("outbox")).filter((e) => e.state !== "sent");
  if (pending.length > 0) return false;
  await d.clear("outbox");
  await d.clear("cache");
  await changed();
  return true;
}

/** Re-reads the outbox once (after a reload) so the pending counter is right before anything changes. */
export const refreshPending = changed;
