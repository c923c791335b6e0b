/**
 * The diagnosis contract (JSON: perspective, findings, watch, notChecked, byFunction, croReadiness).
 * Key order here is the JSON key order.
 */
import type { Owner } from '../rules/schema.js';

export type ImpactKind = 'loss' | 'risk' | 'upside';

export interface Perspective {
  /** One short paragraph, computed from the data. */
  readonly summary: string;
  /** e.g. "$1M–$10M ARR" */
  readonly arrBand: string;
  /** ARR used for the band (currency units) and where it came from. */
  readonly arr: number | null;
  readonly arrSource: 'config' | 'subscriptions' | 'renewals' | 'bookings' | null;
  /** e.g. "scale-up" */
  readonly stage: string;
  /** Where growth comes from: new logos vs expansion shares, and the channels that matter. */
  readonly growthSources: readonly string[];
  readonly strongestArea: string | null;
  readonly weakestArea: string | null;
  /** The one constraint that holds growth back most (a finding id or an area). */
  readonly bindingConstraint: string | null;
}

export interface ProcessStep {
  /** 30, 60 or 90 (days) */
  readonly by: 30 | 60 | 90;
  readonly step: string;
  readonly owner: Owner;
  /** KPI to watch and its target, e.g. "GRR ≥ 90%" */
  readonly kpi: string;
}

export interface Finding {
  /** Pattern id (public API), e.g. "leaky_bucket". */
  readonly id: string;
  readonly title: string;
  readonly severity: 'critical' | 'warning' | 'info';
  readonly owners: readonly Owner[];
  /** The evidence sentence(s), built from the actual numbers. */
  readonly evidence: readonly string[];
  /** The metric values the evidence and the impact rest on (metric id -> value). */
  readonly metrics: Readonly<Record<string, number | null>>;
  readonly impact: {
    /**
     * The impact model (explain): loss = revenue leaking each year; risk = revenue exposed to an
     * event, annual = exposure × likelihood; upside = a gain available. Kinds are never added
     * together. Always set by diagnose; optional only so older audit files still read.
     */
    readonly kind?: ImpactKind;
    /** Estimated annual amount of that kind, currency units; null when it cannot be estimated. */
    readonly annual: number | null;
    /** Risk only: the revenue exposed to the event (currency units). */
    readonly exposure?: number | null;
    /** Risk only: the stated likelihood of the event in a year (0..1). */
    readonly likelihood?: number | null;
    /** The formula with the numbers put in, reproducible by hand. */
    readonly formula: string;
  };
  readonly path: string;
  readonly process: readonly ProcessStep[];
}

export interface WatchItem {
  readonly id: string;
  readonly title: string;
  /** Why it is close to firing. */
  readonly note: string;
}

export interface NotChecked {
  readonly id: string;
  readonly title: string;
  /** The data that would let the pattern be checked. */
  readonly needs: string;
}

export interface FunctionGroup {
  readonly owner: Owner;
  readonly findings: readonly string[];
  readonly failingRules: readonly string[];
  /**
   * Annual losses of the function's findings. Findings on the same money base (bookings, ARR,
   * pipeline, spend) overlap: only the largest of each base counts, so nothing is counted twice.
   */
  readonly annualAtStake: number;
  /** Risks (exposure × likelihood), on the same no-double-count rule; never added to losses. */
  readonly annualAtRisk?: number;
  /** Upside available, on the same rule; never added to losses or risks. */
  readonly annualUpside?: number;
}

export interface CroTrigger {
  readonly id: 'arr_band' | 'crossing_band' | 'churn_despite_bookings' | 'functions_misaligned' | 'segment_expansion' | 'scaling_transition' | 'plateau';
  readonly fired: boolean;
  /** The numbers behind it, fired or not. */
  readonly evidence: string;
}

export interface CroReadiness {
  /** 'not enough data': ARR unknown and no trigger fired, so nothing supports a verdict. */
  readonly verdict: 'founder-led with a sales leader' | 'fractional CRO' | 'full-time CRO' | 'not enough data';
  readonly reasons: readonly string[];
  /** Each framework trigger checked, with its evidence (issue 18); absent in older reports. */
  readonly triggers?: readonly CroTrigger[];
  /** What the role would fix first. */
  readonly fixFirst?: readonly string[];
}

/** A piece of data that would sharpen the audit (issue 18). */
export interface DataNeed {
  readonly data: string;
  /** Why it is needed here, with this company's numbers. */
  readonly why: string;
  readonly unlocks: string;
}

/** A pattern that threw: reported, never fatal (the audit completes and the CLI exits 1). */
export interface PatternError {
  readonly id: string;
  readonly message: string;
}

export interface Diagnosis {
  readonly perspective: Perspective;
  readonly findings: readonly Finding[];
  readonly watch: readonly WatchItem[];
  readonly notChecked: readonly NotChecked[];
  readonly byFunction: readonly FunctionGroup[];
  readonly croReadiness: CroReadiness;
  /** Patterns that threw (also listed under notChecked with the message); absent when none. */
  readonly errors?: readonly PatternError[];
  /** What would sharpen the audit and what each piece would unlock (issue 18); absent in older reports. */
  readonly dataWeNeed?: readonly DataNeed[];
}
