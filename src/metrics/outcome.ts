/** Metric outcome constructors (value, n/a) and the common n/a reasons. */
import type { Dataset } from '../base/model.js';
import type { MetricOutcome } from './types.js';

export type ValueOutcome = Extract<MetricOutcome, { kind: 'value' }>;
export type NaOutcome = Extract<MetricOutcome, { kind: 'na' }>;

/** An n/a outcome. The reason names the data or config key that would unlock the metric. */
export function na(reason: string, notes?: readonly string[]): NaOutcome {
  return notes && notes.length > 0 ? { kind: 'na', reason, notes } : { kind: 'na', reason };
}

export interface ValueExtras {
  readonly sampleSize?: number;
  readonly notes?: readonly string[];
  readonly details?: Readonly<Record<string, number | string | null>>;
}

/** A value outcome; empty notes are dropped. The engine asserts the value is finite. */
export function value(v: number, extras: ValueExtras = {}): ValueOutcome {
  return {
    kind: 'value',
    value: v,
    ...(extras.sampleSize !== undefined ? { sampleSize: extras.sampleSize } : {}),
    ...(extras.notes && extras.notes.length > 0 ? { notes: extras.notes } : {}),
    ...(extras.details ? { details: extras.details } : {}),
  };
}

/** Common reasons, so the same missing input reads the same everywhere. */
export const REASONS = {
  noDealsFile: 'needs a deals file (--deals)',
  noDeals: 'needs at least one usable deal in the deals file',
  noSpendFile: 'needs marketing spend (--spend)',
  noRenewalsFile: 'needs a renewals file (--renewals)',
} as const;

/** n/a when the deals input is missing or empty; null when deals can be used. */
export function requireDeals(ds: Dataset): NaOutcome | null {
  if (!ds.present.deals) return na(REASONS.noDealsFile);
  if (ds.deals.length === 0) return na(REASONS.noDeals);
  return null;
}
