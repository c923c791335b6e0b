/**
 * One identity rule for names compared loosely (base layer: every layer may import it).
 *
 * Two spellings of the same name are the same key when they differ only in case, spacing and
 * punctuation: "Acme Inc" = "ACME, Inc." = "acme-inc"; "Paid Search" = "paid_search". Every
 * place that groups or joins by account (renewals, subscriptions, MRR movements, retention,
 * at-risk items, the accounts join, concentration) uses `accountKey`; channels use `channelKey`;
 * header names and status words use `normalizeKey`. `toLowerCase` is locale-independent.
 */

/** Lower case, every character that is not a letter or a digit removed. */
export function normalizeKey(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Account grouping / join key: case, spacing and punctuation ignored (the raw name when that leaves nothing). */
export function accountKey(name: string): string {
  const k = normalizeKey(name);
  return k === '' ? name : k;
}

/**
 * accountKey memoised per raw name, for one pass over many records: a few thousand accounts
 * spread over a million deals normalise each spelling once (the regex is the slow part).
 */
export function accountKeyMemo(): (name: string) => string {
  const memo = new Map<string, string>();
  return (name) => {
    let k = memo.get(name);
    if (k === undefined) {
      k = accountKey(name);
      memo.set(name, k);
    }
    return k;
  };
}

/** Channel key used to match a deal's source to a spend channel ("Paid Search" = "paid_search" = "paid-search"). */
export function channelKey(name: string): string {
  return normalizeKey(name);
}
