/**
 * "Did you mean": the one edit-distance suggestion every layer uses (rule ids, column names,
 * config keys, `explain` ids). Callers phrase the hint themselves.
 */

/**
 * Levenshtein distance; small strings only (headers, ids). With `max`, any distance above it may be
 * reported as max + 1 (the computation stops once every path exceeds it): for callers that only
 * compare the distance with a limit.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j] as number;
      const d = Math.min((prev[j] as number) + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev[j] = d;
      if (d < rowMin) rowMin = d;
      diag = tmp;
    }
    // every later row only grows from this one's minimum
    if (rowMin > max) return max + 1;
  }
  return prev[b.length] as number;
}

/**
 * The closest candidate within max(2, ⌊length / 3⌋) edits of the input, or null. Both sides are
 * compared through `key` (e.g. a header normaliser); ties go to the earlier candidate.
 */
export function suggest(input: string, candidates: readonly string[], key: (s: string) => string = (s) => s): string | null {
  const k = key(input);
  const limit = Math.max(2, Math.floor(k.length / 3));
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(k, key(c));
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= limit ? best : null;
}
