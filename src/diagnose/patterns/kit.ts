/**
 * The pattern kit: what a pattern declares (triggers, process, impact formula) and what its
 * detector returns. Every pattern module (patterns.ts and patterns/*.ts) builds on these types.
 */
import type { MetricArea } from '../../metrics/types.js';
import type { Owner, Severity } from '../../rules/schema.js';
import type { PatternInput, Trigger } from '../signals.js';
import type { Finding } from '../types.js';

/** A process step before its KPI placeholders are filled in for the segment. */
export interface ProcessTemplate {
  readonly by: 30 | 60 | 90;
  readonly owner: Owner;
  readonly step: string;
  /**
   * KPI and target (the step may use the same placeholders). `{rule.point}` is replaced by the rule's threshold for the segment
   * (e.g. `{grr.good}` → "90.0%"); `{t0}`, `{t1}`… by the pattern's own trigger constants.
   */
  readonly kpi: string;
  /** When set, the KPI gets the metric's current value appended: " (now 83.4%)". */
  readonly kpiMetric?: string;
}

export interface Detection {
  readonly fired: boolean;
  /** Not fired, but every condition holds or is inside its watch band. */
  readonly near: boolean;
  /** Why the pattern could not be checked (an input is n/a); null when it was checked. */
  readonly missing: string | null;
  /** Evidence sentences, built from the actual numbers (fired patterns). */
  readonly evidence: readonly string[];
  /** Why it is close to firing (near patterns). */
  readonly note: string | null;
  readonly metrics: Readonly<Record<string, number | null>>;
  readonly impact: Finding['impact'];
}

export interface Pattern {
  readonly id: string;
  readonly title: string;
  /** What the pattern is, in one or two sentences (explain). */
  readonly description: string;
  /** The area whose weakness the pattern explains (links findings to the Perspective). */
  readonly area: MetricArea;
  /** Owning functions, primary first. */
  readonly owners: readonly Owner[];
  readonly severity: Severity;
  /** Metric ids the pattern reads. */
  readonly requires: readonly string[];
  readonly triggers: readonly Trigger[];
  /** The impact formula in plain words. */
  readonly impactFormula: string;
  readonly path: string;
  readonly process: readonly ProcessTemplate[];
  detect(input: PatternInput): Detection;
}
