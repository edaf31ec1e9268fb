/**
 * Small-count suppression for partner views: a count below {@link MIN_COUNT} could point at
 * a handful of identifiable people, so partners see `null` with `suppressed: true` instead.
 *
 * Primary suppression alone leaks when a breakdown's parts add up to a total that is shown:
 * with one part hidden, total minus the others gives it back. So when exactly one part of
 * such a breakdown is hidden, the next smallest part is hidden too (secondary suppression),
 * marked `companion` so that no screen calls it "< 5".
 */
export const MIN_COUNT = 5;

export interface Shown {
  count: number | null;
  suppressed: boolean;
  /**
   * Hidden although 5 or more: the companion of a small count that the total would otherwise
   * give back. Shown as "*" — it is not "< 5".
   */
  companion?: true;
}

export function shown(n: number): Shown {
  return n < MIN_COUNT ? { count: null, suppressed: true } : { count: n, suppressed: false };
}

/** Suppress the parts of a breakdown whose parts sum to a total that is itself shown. */
export function suppressParts<T extends { count: number }>(
  parts: readonly T[],
): (Omit<T, "count"> & Shown)[] {
  const hidden = new Set<number>();
  parts.forEach((p, i) => {
    if (p.count < MIN_COUNT) hidden.add(i);
  });
  const totalShown = parts.reduce((s, p) => s + p.count, 0) >= MIN_COUNT;
  if (totalShown && hidden.size === 1 && parts.length > 1) {
    let next = -1;
    parts.forEach((p, i) => {
      if (!hidden.has(i) && (next === -1 || p.count < (parts[next] as T).count)) next = i;
    });
    if (next >= 0) hidden.add(next);
  }
  return parts.map((p, i) => {
    const { count, ...rest } = p;
    if (!hidden.has(i)) return { ...rest, count, suppressed: false };
    if (count < MIN_COUNT) return { ...rest, count: null, suppressed: true };
    return { ...rest, count: null, suppressed: true, companion: true as const };
  });
}
