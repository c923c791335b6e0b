/**
 * "Did you mean": the one edit-distance suggestion every layer uses (rule ids, column names,
 * config keys, `explain` ids). Callers phrase the hint themselves.
 */

/** Levenshtein distance; small strings only (headers, ids). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j] as number;
      prev[j] = Math.min((prev[j] as number) + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
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
