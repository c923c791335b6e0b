/**
 * The score scale's constants and the pass line (issue 15): what rules/scoring.ts scores with,
 * diagnose/ triggers on and the renderers print beside a benchmark ("pass ≥ 88%, good ≥ 90%"),
 * defined once. rules/scoring.ts holds the scoring math over them.
 */

/** Score at each control point. */
export const SCORE_AT = { good: 100, fair: 60, poor: 20 } as const;

export type ScoreStatus = 'pass' | 'warn' | 'fail';

/** Rule status cut-offs on the rounded score: pass ≥ 80, warn ≥ 50, fail < 50. */
export const STATUS_CUTOFFS: readonly { readonly status: ScoreStatus; readonly minScore: number }[] = [
  { status: 'pass', minScore: 80 },
  { status: 'warn', minScore: 50 },
  { status: 'fail', minScore: 0 },
];

/** A rule's control points (the rule pack's and the audit result's thresholds have this shape). */
export interface ControlPoints {
  readonly good: number;
  readonly fair: number;
  readonly poor: number;
  readonly goodMax?: number | undefined;
  readonly fairMax?: number | undefined;
  readonly poorMax?: number | undefined;
}

/**
 * A rule's control points, plus two derived ones: `pass` is the value at which the rule's score
 * crosses the pass cut-off (80: the midpoint of good and fair) on the lower side, `passMax` the
 * same on the upper side of a band rule. A trigger "past pass" holds exactly when the rule is not
 * passing (status warn or fail), so findings agree with the grades.
 */
export type ThresholdPoint = keyof ControlPoints | 'pass' | 'passMax';

const PASS_SCORE = STATUS_CUTOFFS.find((c) => c.status === 'pass')?.minScore ?? 80;

/** The value scoring PASS_SCORE between `fair` (60) and `good` (100); works for both directions. */
function passPoint(good: number, fair: number): number {
  return fair + ((good - fair) * (PASS_SCORE - SCORE_AT.fair)) / (SCORE_AT.good - SCORE_AT.fair);
}

export function pointOf(t: ControlPoints, point: ThresholdPoint): number | null {
  if (point === 'pass') return passPoint(t.good, t.fair);
  if (point === 'passMax') return t.goodMax === undefined || t.fairMax === undefined ? null : passPoint(t.goodMax, t.fairMax);
  return t[point] ?? null;
}
