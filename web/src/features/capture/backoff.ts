/** First retry after a failed batch; it doubles per attempt. */
export const BASE_DELAY_MS = 2_000;
/** Retries never wait longer than this. */
export const MAX_DELAY_MS = 5 * 60_000;

/**
 * How long a record waits after its `attempts`-th failed delivery: 2 s, 4 s, 8 s … capped at
 * 5 minutes, times a random factor of 0.5–1.5 so that a hall full of tablets coming back
 * online together does not retry in step.
 */
export function backoffDelay(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.5 + random()));
}
