/**
 * The engines as a CRO reads them (issue 18): which engine grows, which one leaks, which one the
 * company leans on, and the binding constraint as a sentence about the business with numbers.
 * Reads the graded engines (metrics/engines.ts, diagnose/engine-grades.ts); pure.
 *
 * - grows: bookings growth at or above the bookings_growth_yoy `fair` point (the benchmark
 *   median); grows slowly: above `poor`; shrinks: at or below `poor` (flat or falling).
 * - keeps / leaks: the engine's GRR graded on its own segment's points: pass → keeps; warn →
 *   keeps most; fail → leaks. Not said without enough renewals (the grade abstains).
 * - material: a segment engine with at least MATERIAL_SEGMENT_SHARE of bookings or of wins.
 */
import { MATERIAL_SEGMENT_SHARE, type Engine } from '../metrics/engines.js';
import { engineGrade } from './engine-grades.js';
import { pct, type PatternInput } from './signals.js';

export interface EngineRead {
  readonly engine: Engine;
  readonly growth: 'grows' | 'grows slowly' | 'shrinks' | null;
  readonly retention: 'keeps' | 'keeps most' | 'leaks' | null;
  /** (segment GRR good − GRR) × ARR due, when it leaks. */
  readonly leakArr: number | null;
  readonly grrGood: number | null;
}

const signedPct = (v: number): string => `${v >= 0 ? '+' : '−'}${pct(Math.abs(v), 0)}`;

export function readEngine(e: Engine, input: PatternInput): EngineRead {
  let growth: EngineRead['growth'] = null;
  if (e.bookingsGrowthYoy !== null && !e.small) {
    const fair = input.threshold({ rule: 'bookings_growth_yoy', point: 'fair' }, e.benchmarkSegment);
    const poor = input.threshold({ rule: 'bookings_growth_yoy', point: 'poor' }, e.benchmarkSegment);
    if (fair !== null && poor !== null) growth = e.bookingsGrowthYoy >= fair ? 'grows' : e.bookingsGrowthYoy > poor ? 'grows slowly' : 'shrinks';
  }
  const g = engineGrade(e, 'grr');
  const retention: EngineRead['retention'] = g === undefined ? null : g.status === 'pass' ? 'keeps' : g.status === 'warn' ? 'keeps most' : 'leaks';
  const leakArr = g !== undefined && g.status !== 'pass' && e.arrDue !== null ? Math.max(0, (g.good - g.value) * e.arrDue) : null;
  return { engine: e, growth, retention, leakArr, grrGood: g?.good ?? null };
}

/** Material segment engines, read. Empty when the company has one segment or none. */
export function segmentReads(input: PatternInput): EngineRead[] {
  const b = input.cro.engines;
  if (b === null || !b.mixed) return [];
  const totalWon = b.segments.reduce((t, s) => t + s.won, 0);
  return b.segments
    .filter((s) => (s.bookingsShare ?? 0) >= MATERIAL_SEGMENT_SHARE || (totalWon > 0 && s.won / totalWon >= MATERIAL_SEGMENT_SHARE))
    .map((s) => readEngine(s, input));
}

/** "Mid-Market grows and keeps (+78% bookings, 60% of bookings; GRR 92.6%, NRR 108.0%)". */
export function engineSentence(r: EngineRead, input: PatternInput): string {
  const e = r.engine;
  const verbs: string[] = [];
  if (r.growth !== null) verbs.push(r.growth);
  if (r.retention !== null) verbs.push(r.retention);
  const bits: string[] = [];
  if (e.bookingsGrowthYoy !== null) bits.push(`${signedPct(e.bookingsGrowthYoy)} bookings year over year`);
  if (e.bookingsShare !== null) bits.push(`${pct(e.bookingsShare, 0)} of bookings`);
  if (e.winRate !== null) bits.push(`wins ${pct(e.winRate, 0)}`);
  const ret: string[] = [];
  if (e.grr !== null && e.renewals > 0) ret.push(`GRR ${pct(e.grr)}${r.retention === 'leaks' && r.grrGood !== null ? ` against ${pct(r.grrGood, 0)} for its segment` : ''}`);
  if (e.nrr !== null && e.renewals > 0) ret.push(`NRR ${pct(e.nrr)}`);
  const detail = [bits.join(', '), ret.join(', ')].filter((x) => x !== '').join('; ');
  return `${e.label} ${verbs.length > 0 ? verbs.join(' and ') : 'is too small to judge'}${detail === '' ? '' : ` (${detail})`}`;
}

export interface EngineConstraint {
  readonly sentence: string;
  /** The engine the constraint is about. */
  readonly engine: string;
  readonly annual: number | null;
}

/**
 * The binding constraint read from the engines: the leaking segment that loses the most ARR,
 * with how much of the new business still goes into it; null when no material segment leaks.
 */
export function engineConstraint(input: PatternInput): EngineConstraint | null {
  const reads = segmentReads(input);
  const leaking = reads.filter((r) => r.retention === 'leaks' && r.leakArr !== null).sort((a, b) => (b.leakArr as number) - (a.leakArr as number));
  const worst = leaking[0];
  if (worst === undefined) return null;
  const e = worst.engine;
  const allNew = reads.reduce((t, r) => t + r.engine.newDeals, 0);
  const others = reads.filter((r) => r !== worst && r.retention === 'keeps').map((r) => r.engine.label);
  const sentence =
    `the ${e.label} engine keeps ${pct(e.grr ?? 0)} of its ARR against ${pct(worst.grrGood ?? 0, 0)} for its segment, losing about ${input.money(worst.leakArr ?? 0)} a year beyond the benchmark on ${input.money(e.arrDue ?? 0)} due` +
    (allNew > 0 ? `, yet it still takes ${e.newDeals} of ${allNew} new deals` : '') +
    (others.length > 0 ? `: growth bought there leaks out, while ${others.join(' and ')} keep${others.length === 1 ? 's' : ''} what ${others.length === 1 ? 'it wins' : 'they win'}` : '');
  return { sentence, engine: e.label, annual: worst.leakArr };
}

/** The growth engine's dependence on one rep: "30 of 84 Mid-Market wins come from one rep (Marcus Delgado)". */
export function repDependence(input: PatternInput): string | null {
  const reads = segmentReads(input).filter((r) => r.growth === 'grows');
  const pass = input.threshold({ rule: 'rep_concentration', point: 'pass' });
  const hit = reads
    .map((r) => r.engine)
    .filter((e) => e.topRepShare !== null && e.topRep !== null && e.won >= 20 && pass !== null && e.topRepShare > pass)
    .sort((a, b) => (b.topRepShare as number) - (a.topRepShare as number))[0];
  if (hit === undefined) return null;
  return `${hit.topRepWins} of ${hit.won} ${hit.label} wins come from one rep (${hit.topRep})`;
}

/** Motions worth naming: a side winning at least 5 points more than the other. */
export function motionLines(input: PatternInput): string[] {
  const b = input.cro.engines;
  if (b === null) return [];
  const out: string[] = [];
  for (const g of b.motions) {
    const [x, y] = g.engines;
    if (x === undefined || y === undefined || x.winRate === null || y.winRate === null || x.small || y.small) continue;
    if (Math.abs(x.winRate - y.winRate) < 0.05) continue;
    const [hi, lo] = x.winRate > y.winRate ? [x, y] : [y, x];
    out.push(`${g.title}: ${hi.label} wins ${pct(hi.winRate as number)} against ${pct(lo.winRate as number)} ${lo.label.toLowerCase()}, on ${pct(hi.bookingsShare ?? 0, 0)} of bookings${hi.bookingsGrowthYoy !== null ? ` (${signedPct(hi.bookingsGrowthYoy)} year over year)` : ''}.`);
  }
  return out;
}
