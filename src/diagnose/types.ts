/**
 * The diagnosis contract (JSON: perspective, findings, watch, notChecked, byFunction, croReadiness).
 * Key order here is the JSON key order.
 */
import type { Owner } from '../rules/schema.js';

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
    /** Estimated annual revenue at stake, currency units; null when it cannot be estimated. */
    readonly annual: number | null;
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
  /** Sum of the findings' annual impact where known. */
  readonly annualAtStake: number;
}

export interface CroTrigger {
  readonly id: 'arr_band' | 'crossing_band' | 'churn_despite_bookings' | 'functions_misaligned' | 'segment_expansion' | 'scaling_transition' | 'plateau';
  readonly fired: boolean;
  /** The numbers behind it, fired or not. */
  readonly evidence: string;
}

export interface CroReadiness {
  readonly verdict: 'founder-led with a sales leader' | 'fractional CRO' | 'full-time CRO';
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

export interface Diagnosis {
  readonly perspective: Perspective;
  readonly findings: readonly Finding[];
  readonly watch: readonly WatchItem[];
  readonly notChecked: readonly NotChecked[];
  readonly byFunction: readonly FunctionGroup[];
  readonly croReadiness: CroReadiness;
  /** What would sharpen the audit and what each piece would unlock (issue 18); absent in older reports. */
  readonly dataWeNeed?: readonly DataNeed[];
}
