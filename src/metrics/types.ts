/**
 * The metric contract. A metric is data (id, title, unit, definition) plus one pure compute
 * function over the typed Dataset. Metrics compute and never judge: thresholds live in rules.
 */
import type { Dataset, DayNumber, InputKind } from '../base/model.js';
import type { Profile } from '../config/schema.js';
import type { Window } from '../base/time.js';

import type { MetricUnit } from '../base/format.js';

export type { MetricUnit };

export type MetricArea = 'growth' | 'pipeline' | 'acquisition' | 'retention' | 'data_quality';
export const METRIC_AREAS: readonly MetricArea[] = ['growth', 'pipeline', 'acquisition', 'retention', 'data_quality'];
export const AREA_TITLES: Readonly<Record<MetricArea, string>> = {
  growth: 'Growth & predictability',
  pipeline: 'Pipeline & sales',
  acquisition: 'Acquisition efficiency',
  retention: 'Retention & expansion',
  data_quality: 'Data quality',
};

/** What a compute function returns. */
export type MetricOutcome =
  | {
      readonly kind: 'value';
      /** Canonical unit: ratios 0..1, money in currency units (not cents), days, months, counts, multiples. */
      readonly value: number;
      /** How many records the value rests on (deals, renewals, spend rows...). */
      readonly sampleSize?: number;
      readonly notes?: readonly string[];
      /** Supporting numbers shown beside the value (numerator, denominator, per-channel values...). */
      readonly details?: Readonly<Record<string, number | string | null>>;
    }
  | {
      readonly kind: 'na';
      /** Says which data or config key would unlock the metric, e.g. "needs marketing spend (--spend)". */
      readonly reason: string;
      readonly notes?: readonly string[];
    };

/** Everything a metric may read besides the dataset. All of it comes from the shell, resolved. */
export interface MetricContext {
  readonly asOf: DayNumber;
  /** Trailing twelve months: asOf - 12 months < d <= asOf. */
  readonly window: Window;
  readonly profile: Profile;
  /**
   * Where the as-of date came from. 'data' means it is the data's own last activity date, so the
   * gap between the two (data freshness) is 0 by construction and is not measured. Absent = given.
   */
  readonly asOfSource?: 'flag' | 'config' | 'data';
}

export interface MetricDefinition {
  readonly id: string;
  readonly title: string;
  readonly area: MetricArea;
  readonly unit: MetricUnit;
  /** One or two sentences: what it measures and why it matters. */
  readonly definition: string;
  /** The formula in words/symbols, as `explain` prints it. */
  readonly formula: string;
  /** Which inputs it reads. */
  readonly inputs: readonly InputKind[];
  /** Config keys it reads, e.g. "company.grossMargin". */
  readonly configKeys: readonly string[];
  /**
   * When set, the metric is reported only when one of these inputs is given (the revenue-lens
   * metrics: a report without subscriptions or accounts stays exactly what it was).
   */
  readonly onlyWithInputs?: readonly InputKind[];
  /**
   * The sample the value needs to be graded and the range a real company falls in (evidence.ts).
   * Older metrics declare theirs in evidence.ts EVIDENCE; a metric declaring its own wins.
   */
  readonly evidence?: EvidenceRule;
  compute(ds: Dataset, ctx: MetricContext, shared: SharedCache): MetricOutcome;
}

/** Minimum evidence and plausible range of a metric (judged in evidence.ts). */
export interface EvidenceRule {
  readonly min?: number;
  /** What the sample counts, plural: "closed deals". */
  readonly of?: string;
  /** Read the sample from this numeric detail instead of sampleSize. */
  readonly detail?: string;
  readonly plausible?: { readonly min?: number; readonly max?: number; readonly cause: string };
}

/**
 * Memoised intermediates shared between metrics (closed deals in window, the revenue ledger...),
 * one cache per run over one dataset and context. A derivation is keyed by itself (the function
 * that derives it: two derivations can never share a key by a typo), plus its parameters when it
 * has any (a window as "start:end").
 */
export interface SharedCache {
  get<T>(derivation: Derivation, build: () => T, params?: string): T;
}

/** The function a memoised intermediate is derived by (its identity is the cache key). */
export type Derivation = (...args: never[]) => unknown;

/** One metric in the output contract (JSON `metrics[]`). Key order here is the JSON key order. */
export interface MetricResult {
  readonly id: string;
  readonly title: string;
  readonly area: MetricArea;
  readonly unit: MetricUnit;
  readonly value: number | null;
  /** error: the metric threw; `reason` holds the message (the audit completes and exits 1). */
  readonly status: 'ok' | 'n/a' | 'error';
  readonly reason: string | null;
  readonly inputs: readonly InputKind[];
  readonly notes: readonly string[];
  readonly sampleSize: number | null;
  readonly details: Readonly<Record<string, number | string | null>> | null;
  /**
   * The sample the value rests on against the metric's declared minimum, and whether the value is
   * plausible (evidence.ts); null when the metric has no value or declares no minimum. Always set
   * by the engine; optional only so that audit files from before schema 1.2.0 still read.
   */
  readonly evidence?: Evidence | null;
}

/** What a metric's value rests on (judged in evidence.ts). */
export interface Evidence {
  /** The sample the value rests on, or null when the metric reports none. */
  readonly sample: number | null;
  readonly of: string | null;
  readonly min: number | null;
  /** ok; insufficient (below the minimum: shown, not graded); check (implausible: check the inputs). */
  readonly status: 'ok' | 'insufficient' | 'check';
  /** The sentence a reader sees when status is not ok. */
  readonly note: string | null;
}

export interface MonthlyPoint {
  /** "YYYY-MM" */
  readonly month: string;
  readonly value: number | null;
}

export interface MetricsReport {
  readonly asOf: string;
  readonly window: { readonly start: string; readonly end: string };
  readonly metrics: readonly MetricResult[];
  /** series id -> monthly points over the data's span (bookings, pipeline_created, win_rate, median_cycle_days, spend, new_customers, cac). */
  readonly series: Readonly<Record<string, readonly MonthlyPoint[]>>;
  /** dimension -> group -> metrics for that group. Present only when asked with --by. */
  readonly breakdowns: Readonly<Record<string, readonly BreakdownGroup[]>>;
}

export interface BreakdownGroup {
  readonly group: string;
  /** Closed deals in the window for this group: small groups are flagged. */
  readonly closedDeals: number;
  readonly isSmall: boolean;
  readonly metrics: readonly MetricResult[];
}
