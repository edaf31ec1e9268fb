/**
 * Sends a read list to the API in chunks — the SPA's upload loop, also driven by the tests.
 * Transport-agnostic: the caller supplies how one chunk is sent, so the SPA uses its typed
 * client and a test its in-process app. Chunks the server already has (`missingChunks` of
 * the batch says which are still needed) are skipped, so a reload or a dropped connection
 * resumes where it stopped; a chunk sent twice is staged once by the server.
 */
import { IMPORT_LIMITS } from "./limits.ts";
import type { UploadRow } from "./reader.ts";

/** The rows of chunk `index` (chunks are fixed slices of the file's data rows). */
export function chunkOf<T>(rows: readonly T[], index: number, size: number = IMPORT_LIMITS.chunkRows): T[] {
  return rows.slice(index * size, (index + 1) * size);
}

export function chunkCount(rows: number, size: number = IMPORT_LIMITS.chunkRows): number {
  return Math.ceil(rows / size);
}

export interface ChunkUpload {
  rows: readonly UploadRow[];
  /** Chunk indexes still to send, from the batch's `missingChunks`. */
  pending: readonly number[];
  sendChunk(index: number, rows: UploadRow[]): Promise<void>;
  /** Whether a failure is worth retrying (network, 5xx, 429) rather than a refusal (4xx). */
  isRetryable(err: unknown): boolean;
  onProgress?(sent: number, total: number): void;
  /** Attempts per chunk before giving up (the caller then offers "continue"). */
  attempts?: number;
  /** Delay before retry n (1-based), in ms. */
  backoff?(attempt: number): number;
  signal?: AbortSignal;
  sleep?(ms: number): Promise<void>;
  /** Chunks in flight at once (the server stages each on its own; order does not matter). */
  concurrency?: number;
}

/** Sends every pending chunk, a few at a time, retrying transient failures; throws the first error. */
export async function uploadChunks(u: ChunkUpload): Promise<void> {
  const total = chunkCount(u.rows.length);
  const attempts = u.attempts ?? 5;
  const backoff = u.backoff ?? ((n: number) => Math.min(500 * 2 ** (n - 1), 8_000));
  const sleep = u.sleep ?? ((ms: number) => new Promise<void>((ok) => setTimeout(ok, ms)));
  let sent = total - u.pending.length;
  u.onProgress?.(sent, total);
  const queue = [...u.pending];
  let failure: unknown = null;

  async function sendOne(index: number) {
    for (let attempt = 1; ; attempt++) {
      if (u.signal?.aborted) throw new DOMException("Unggahan dihentikan.", "AbortError");
      try {
        await u.sendChunk(index, chunkOf(u.rows, index));
        return;
      } catch (err) {
        if (attempt >= attempts || !u.isRetryable(err)) throw err;
        await sleep(backoff(attempt));
      }
    }
  }

  async function lane() {
    for (let index = queue.shift(); index !== undefined && failure === null; index = queue.shift()) {
      try {
        await sendOne(index);
      } catch (err) {
        failure ??= err;
        return;
      }
      sent += 1;
      u.onProgress?.(sent, total);
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, u.concurrency ?? 1) }, lane));
  if (failure !== null) throw failure;
}
