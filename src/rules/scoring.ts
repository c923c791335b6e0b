/**
 * The scoring math, in one place (STYLE B4, B6; SPEC §5).
 *
 * A rule's score (0–100) is piecewise linear between its control points:
 *   good → 100, fair → 60, poor → 20.
 * Better than `good` stays at 100 (clamped). Worse than `poor` continues the fair→poor slope
 * down to 0 and is clamped there. A `band` rule scores its lower side (good/fair/poor, higher is
 * better) and its upper side (goodMax/fairMax/poorMax, lower is better) and takes the lower score.
 *
 * Linear, not Lighthouse's log-normal curve, because a CRO must be able to explain a score to a
 * board in one sentence ("a GRR of 86 % sits half-way between fair and good, so 80").
 *
 * Status and letter cut-offs apply to the score rounded to one decimal (the displayed score), so
 * the status never disagrees with the number printed next to it.
 *
 * The scale's constants (SCORE_AT, STATUS_CUTOFFS) and the pass line (pointOf) are in
 * base/score-scale.ts, which diagnose/ and the renderers read too.
 */
import { thresholdOrderProblems, type Direction, type Thresholds } from './schema.js';
import { SCORE_AT, STATUS_CUTOFFS, type ScoreStatus } from '../base/score-scale.js';


export type Letter = 'A' | 'B' | 'C' | 'D' | 'F';

/** Letter cut-offs on the rounded score (SPEC §5), best first. Boundaries are inclusive. */
export const LETTER_SCALE: readonly { readonly letter: Letter; readonly minScore: number }[] = [
  { letter: 'A', minScore: 90 },
  { letter: 'B', minScore: 80 },
  { letter: 'C', minScore: 70 },
  { letter: 'D', minScore: 60 },
  { letter: 'F', minScore: 0 },
];

/** Higher is better: exact at each control point, continuing the fair→poor slope below poor. */
function scoreHigher(value: number, good: number, fair: number, poor: number): number {
  if (value >= good) return SCORE_AT.good;
  if (value >= fair) return SCORE_AT.fair + ((SCORE_AT.good - SCORE_AT.fair) * (value - fair)) / (good - fair);
  const score = SCORE_AT.poor + ((SCORE_AT.fair - SCORE_AT.poor) * (value - poor)) / (fair - poor);
  return Math.max(0, score);
}

/** Lower is better: the mirror image of `scoreHigher` (negating keeps the control points exact). */
function scoreLower(value: number, good: number, fair: number, poor: number): number {
  return scoreHigher(-value, -good, -fair, -poor);
}

/**
 * Score of `value` against control points, full precision in [0, 100].
 * Throws on NaN and on control points in the wrong order for the direction (validated rules never have them).
 */
export function scoreValue(value: number, direction: Direction, thresholds: Thresholds): number {
  if (Number.isNaN(value)) throw new Error('scoreValue: value is NaN');
  const problems = thresholdOrderProblems(direction, thresholds);
  if (problems.length > 0) throw new Error(`scoreValue: ${problems.join('; ')}`);
  const { good, fair, poor } = thresholds;
  if (direction === 'higher') return scoreHigher(value, good, fair, poor);
  if (direction === 'lower') return scoreLower(value, good, fair, poor);
  // band: the order check guarantees the upper points exist
  const lowerSide = scoreHigher(value, good, fair, poor);
  const upperSide = scoreLower(value, thresholds.goodMax as number, thresholds.fairMax as number, thresholds.poorMax as number);
  return Math.min(lowerSide, upperSide);
}

/** One decimal, for output. Keep full precision in the math and round once, here. */
export function roundScore(score: number): number {
  return Math.round(score * 10) / 10;
}

/** `pass` (≥ 80), `warn` (≥ 50) or `fail` (< 50), on the score rounded to one decimal. */
export function statusFor(score: number): ScoreStatus {
  const rounded = roundScore(score);
  for (const cut of STATUS_CUTOFFS) if (rounded >= cut.minScore) return cut.status;
  return 'fail';
}

/** A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else F, on the score rounded to one decimal. */
export function letterGrade(score: number): Letter {
  const rounded = roundScore(score);
  for (const cut of LETTER_SCALE) if (rounded >= cut.minScore) return cut.letter;
  return 'F';
}

/** Rank of a letter, higher is better (A = 4 … F = 0), for comparisons such as `--min-grade`. */
export function letterRank(letter: Letter): number {
  return LETTER_SCALE.length - 1 - LETTER_SCALE.findIndex((c) => c.letter === letter);
}
