/** Statistics, integer cent sums and deterministic string order (inputs are never mutated). */


/**
 * Sorted ascending copy. A frozen array cannot change, so its sorted copy is kept and shared (the
 * won cycles of the window are read by the median, the 75th percentile, the stale-deal age limit
 * and the lost-cycle ratio: one sort, not four); the copy is never handed out.
 */
function sortedCopy(values: readonly number[]): Float64Array {
  if (!Object.isFrozen(values)) return Float64Array.from(values).sort();
  let s = SORTED.get(values);
  if (s === undefined) {
    s = Float64Array.from(values).sort();
    SORTED.set(values, s);
  }
  return s;
}

const SORTED = new WeakMap<readonly number[], Float64Array>();

/** Median; an even count averages the two middle values. Null for no values. */
export function median(values: readonly number[]): number | null {
  return percentile(values, 0.5);
}

/**
 * Percentile p in [0, 1] with linear interpolation between closest ranks — the "type 7"
 * definition used by Excel PERCENTILE.INC, Google Sheets PERCENTILE and NumPy's default:
 * h = (n − 1) × p; result = x[⌊h⌋] + (h − ⌊h⌋) × (x[⌊h⌋+1] − x[⌊h⌋]) over the sorted values.
 * p = 0.5 is the usual median. Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = sortedCopy(values);
  const h = (s.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  const a = s[lo] as number;
  const b = s[hi] as number;
  return a + (h - lo) * (b - a);
}

/** Arithmetic mean; null for no values. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let t = 0;
  for (const v of values) t += v;
  return t / values.length;
}

/** Sum of integer cents (exact below 2^53 cents). */
export function sum(values: readonly number[]): number {
  let t = 0;
  for (const v of values) t += v;
  return t;
}

/** Sum of `amountCents` over records. */
export function sumCents(records: readonly { readonly amountCents: number }[]): number {
  // a frozen list (the deal pass's selections) cannot change: its total is kept
  const frozen = Object.isFrozen(records);
  if (frozen) {
    const known = SUMS.get(records);
    if (known !== undefined) return known;
  }
  let t = 0;
  for (let i = 0; i < records.length; i++) t += (records[i] as { readonly amountCents: number }).amountCents;
  if (frozen) SUMS.set(records, t);
  return t;
}

const SUMS = new WeakMap<readonly { readonly amountCents: number }[], number>();

/** Cents to currency units: the single division at the end of a money metric. */
export function toUnits(cents: number): number {
  return cents / 100;
}


/** Compares strings by code unit (locale-free), for deterministic sorts. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Index of the first element >= x in an ascending array (xs.length when there is none). */
export function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * ARR movements of units (renewal rows, accounts) from a before to an after amount, in cents: all
 * of them, those still paying after (`retained`), and the churned (after 0, before > 0),
 * contracted and expanded ones with the ARR they lost or gained.
 */
export interface MovementTotals {
  count: number;
  beforeCents: number;
  afterCents: number;
  retainedCents: number;
  retained: number;
  churned: number;
  churnedCents: number;
  contraction: number;
  contractionCents: number;
  expansion: number;
  expansionCents: number;
}

export function newMovementTotals(): MovementTotals {
  return {
    count: 0,
    beforeCents: 0,
    afterCents: 0,
    retainedCents: 0,
    retained: 0,
    churned: 0,
    churnedCents: 0,
    contraction: 0,
    contractionCents: 0,
    expansion: 0,
    expansionCents: 0,
  };
}

/** Adds one unit's move from `before` to `after` (cents) to the totals. */
export function addMovement(t: MovementTotals, before: number, after: number): void {
  t.count += 1;
  t.beforeCents += before;
  t.afterCents += after;
  t.retainedCents += after < before ? after : before;
  if (after > 0) t.retained += 1;
  if (after === 0) {
    if (before > 0) {
      t.churned += 1;
      t.churnedCents += before;
    }
  } else if (after < before) {
    t.contraction += 1;
    t.contractionCents += before - after;
  } else if (after > before) {
    t.expansion += 1;
    t.expansionCents += after - before;
  }
}
