import { describe, expect, it } from 'vitest';
import {
  LETTER_SCALE,
  letterGrade,
  letterRank,
  roundScore,
  scoreValue,
  statusFor,
} from '../../src/rules/scoring.js';
import { STATUS_CUTOFFS } from '../../src/base/score-scale.js';
import type { Direction, Thresholds } from '../../src/rules/schema.js';

const HIGHER: Thresholds = { good: 0.3, fair: 0.2, poor: 0.1 };
const LOWER: Thresholds = { good: 12, fair: 18, poor: 24 };
const BAND: Thresholds = { good: 3, fair: 2, poor: 1, goodMax: 5, fairMax: 7, poorMax: 10 };

describe('scoreValue: higher is better (good 0.30, fair 0.20, poor 0.10)', () => {
  it.each([
    // at the control points: exact
    [0.3, 100],
    [0.2, 60],
    [0.1, 20],
  ])('control point %s scores exactly %s', (value, expected) => {
    expect(scoreValue(value, 'higher', HIGHER)).toBe(expected);
  });

  it.each([
    // between: 60 + 40 × (0.25 − 0.20) / 0.10 = 80; 20 + 40 × (0.15 − 0.10) / 0.10 = 40
    [0.25, 80],
    [0.15, 40],
    [0.28, 92],
    // beyond good: clamped at 100
    [0.31, 100],
    [1, 100],
    // beyond poor: the fair→poor slope (400 points per unit) continues, clamped at 0
    [0.075, 10],
    [0.05, 0],
    [0, 0],
    [-5, 0],
  ])('%s scores %s', (value, expected) => {
    expect(scoreValue(value, 'higher', HIGHER)).toBeCloseTo(expected, 9);
  });
});

describe('scoreValue: lower is better (good 12, fair 18, poor 24 months)', () => {
  it.each([
    [12, 100],
    [18, 60],
    [24, 20],
  ])('control point %s scores exactly %s', (value, expected) => {
    expect(scoreValue(value, 'lower', LOWER)).toBe(expected);
  });

  it.each([
    // 60 + 40 × (18 − 15) / 6 = 80; 20 + 40 × (24 − 21) / 6 = 40
    [15, 80],
    [21, 40],
    [0, 100],
    [6, 100],
    [-3, 100],
    // 20 − 40 × 1.5 / 6 = 10; 20 − 40 × 3 / 6 = 0
    [25.5, 10],
    [27, 0],
    [1000, 0],
  ])('%s scores %s', (value, expected) => {
    expect(scoreValue(value, 'lower', LOWER)).toBeCloseTo(expected, 9);
  });
});

describe('scoreValue: band (lower side 1 / 2 / 3, upper side 5 / 7 / 10)', () => {
  it.each([
    [3, 100],
    [2, 60],
    [1, 20],
    [5, 100],
    [7, 60],
    [10, 20],
  ])('control point %s scores exactly %s', (value, expected) => {
    expect(scoreValue(value, 'band', BAND)).toBe(expected);
  });

  it.each([
    [4, 100], // inside the band
    [2.5, 80], // lower side, between fair and good
    [1.5, 40],
    [0.5, 0], // 20 − 40 × 0.5 / 1
    [0, 0],
    [6, 80], // upper side: 100 − 40 × 1 / 2
    [8.5, 40], // 60 − 40 × 1.5 / 3
    [11.5, 0], // 20 − 40 × 1.5 / 3
    [50, 0],
  ])('%s scores %s', (value, expected) => {
    expect(scoreValue(value, 'band', BAND)).toBeCloseTo(expected, 9);
  });

  it('takes the lower of the two sides when the band is narrow', () => {
    const narrow: Thresholds = { good: 3, fair: 2, poor: 1, goodMax: 3, fairMax: 4, poorMax: 5 };
    expect(scoreValue(3, 'band', narrow)).toBe(100);
    expect(scoreValue(3.5, 'band', narrow)).toBeCloseTo(80, 9);
    expect(scoreValue(2.5, 'band', narrow)).toBeCloseTo(80, 9);
  });
});

describe('scoreValue: shape', () => {
  const sweep = (from: number, to: number, steps: number): number[] =>
    Array.from({ length: steps + 1 }, (_, i) => from + ((to - from) * i) / steps);

  it('is monotonic: non-decreasing for higher, non-increasing for lower', () => {
    const higher = sweep(-0.2, 0.6, 400).map((v) => scoreValue(v, 'higher', HIGHER));
    const lower = sweep(0, 40, 400).map((v) => scoreValue(v, 'lower', LOWER));
    for (let i = 1; i < higher.length; i++) expect(higher[i]).toBeGreaterThanOrEqual(higher[i - 1] as number);
    for (let i = 1; i < lower.length; i++) expect(lower[i]).toBeLessThanOrEqual(lower[i - 1] as number);
  });

  it('is monotonic on each side of a band: rising up to good, falling after goodMax', () => {
    const up = sweep(-1, 3, 400).map((v) => scoreValue(v, 'band', BAND));
    const down = sweep(5, 15, 400).map((v) => scoreValue(v, 'band', BAND));
    for (let i = 1; i < up.length; i++) expect(up[i]).toBeGreaterThanOrEqual(up[i - 1] as number);
    for (let i = 1; i < down.length; i++) expect(down[i]).toBeLessThanOrEqual(down[i - 1] as number);
  });

  it.each<[Direction, Thresholds]>([
    ['higher', HIGHER],
    ['lower', LOWER],
    ['band', BAND],
  ])('stays within [0, 100] for %s, including infinities', (direction, t) => {
    const values = [...sweep(-100, 100, 1000), Number.MAX_VALUE, -Number.MAX_VALUE, Infinity, -Infinity];
    for (const v of values) {
      const s = scoreValue(v, direction, t);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(100);
    }
  });

  it('treats +Infinity as best for higher and worst for lower', () => {
    expect(scoreValue(Infinity, 'higher', HIGHER)).toBe(100);
    expect(scoreValue(-Infinity, 'higher', HIGHER)).toBe(0);
    expect(scoreValue(Infinity, 'lower', LOWER)).toBe(0);
    expect(scoreValue(-Infinity, 'lower', LOWER)).toBe(100);
  });

  it('throws on NaN and on control points in the wrong order, with exact messages', () => {
    expect(() => scoreValue(Number.NaN, 'higher', HIGHER)).toThrow('scoreValue: value is NaN');
    expect(() => scoreValue(1, 'higher', LOWER)).toThrow(
      'scoreValue: thresholds out of order for direction higher: expected good > fair > poor (got good 12, fair 18, poor 24)',
    );
    expect(() => scoreValue(1, 'lower', HIGHER)).toThrow(
      'scoreValue: thresholds out of order for direction lower: expected good < fair < poor (got good 0.3, fair 0.2, poor 0.1)',
    );
    expect(() => scoreValue(1, 'band', HIGHER)).toThrow(
      'scoreValue: direction band needs goodMax, fairMax and poorMax (the upper side of the band)',
    );
    expect(() => scoreValue(1, 'higher', { ...HIGHER, goodMax: 1 })).toThrow(
      'scoreValue: goodMax, fairMax and poorMax only apply to direction band (this rule is higher)',
    );
    expect(() => scoreValue(1, 'higher', { good: 0.2, fair: 0.2, poor: 0.1 })).toThrow(/out of order/);
  });
});

describe('statusFor: pass ≥ 80, warn ≥ 50, fail < 50 (on the score rounded to one decimal)', () => {
  it('documents the cut-offs as data', () => {
    expect(STATUS_CUTOFFS.map((c) => [c.status, c.minScore])).toEqual([
      ['pass', 80],
      ['warn', 50],
      ['fail', 0],
    ]);
  });

  it.each([
    [100, 'pass'],
    [80, 'pass'],
    [79.96, 'pass'], // displays as 80.0
    [79.94, 'warn'],
    [79.9, 'warn'],
    [50, 'warn'],
    [49.96, 'warn'], // displays as 50.0
    [49.9, 'fail'],
    [0, 'fail'],
  ] as const)('%s → %s', (score, status) => {
    expect(statusFor(score)).toBe(status);
  });
});

describe('letterGrade: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else F', () => {
  it.each([
    [100, 'A'],
    [90, 'A'],
    [89.96, 'A'], // displays as 90.0
    [89.9, 'B'],
    [80, 'B'],
    [79.9, 'C'],
    [70, 'C'],
    [69.9, 'D'],
    [60, 'D'],
    [59.9, 'F'],
    [0, 'F'],
  ] as const)('%s → %s', (score, letter) => {
    expect(letterGrade(score)).toBe(letter);
  });

  it('ranks letters best first', () => {
    expect(LETTER_SCALE.map((c) => c.letter)).toEqual(['A', 'B', 'C', 'D', 'F']);
    expect(['A', 'B', 'C', 'D', 'F'].map((l) => letterRank(l as 'A'))).toEqual([4, 3, 2, 1, 0]);
  });

  it('rounds to one decimal', () => {
    expect(roundScore(73.333333)).toBe(73.3);
    expect(roundScore(73.36)).toBe(73.4);
    expect(roundScore(0)).toBe(0);
    expect(roundScore(100)).toBe(100);
  });
});
