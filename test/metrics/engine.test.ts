/**
 * The metric engine (computeMetrics, results, series, breakdowns), the registry, and the shared
 * helpers every metric relies on (statistics, quarters, windows, default as-of).
 */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/base/model.js';
import { METRIC_AREAS, type MetricDefinition, type MetricOutcome } from '../../src/metrics/types.js';
import {
  BREAKDOWN_METRICS,
  computeBreakdown,
  computeMetrics,
  createSharedCache,
  defaultAsOf,
  groupOf,
  makeContext,
  toMetricResult,
} from '../../src/metrics/engine.js';
import { METRICS, getMetric } from '../../src/metrics/registry.js';
import { GROWTH_METRICS } from '../../src/metrics/growth.js';
import { PIPELINE_METRICS } from '../../src/metrics/pipeline.js';
import { SERIES_IDS, computeSeries } from '../../src/metrics/series.js';
import { buildDayIndex, monthsBetween, rangeSum } from '../../src/metrics/indexes.js';
import { completeQuartersInWindow, describeWindow, lastCompleteQuarter, nextQuarterAfterAsOf, previousYearWindow } from '../../src/metrics/quarters.js';
import { isNewBusiness } from '../../src/metrics/deal-selections.js';
import { mean, median, percentile, sum } from '../../src/metrics/stats.js';
import { value, na } from '../../src/metrics/outcome.js';
import { isoFromDay } from '../../src/base/time.js';
import { day, deepFreeze, makeCache, makeCtx, makeDataset, makeDeal, makeProfile, makeRenewal, makeSpend } from '../helpers/builders.js';

// ---------------------------------------------------------------------------------------------
// Statistics

describe('median / percentile (type 7, linear interpolation)', () => {
  it.each([
    { values: [], p: 0.5, expected: null },
    { values: [7], p: 0.5, expected: 7 },
    { values: [3, 1, 2], p: 0.5, expected: 2 },
    // even count: (2 + 3) ÷ 2
    { values: [4, 1, 3, 2], p: 0.5, expected: 2.5 },
    // h = 3 × 0.75 = 2.25 → 50 + 0.25 × 50
    { values: [100, 10, 50, 30], p: 0.75, expected: 62.5 },
    // h = 4 × 0.9 = 3.6 → 4 + 0.6 × (5 − 4)
    { values: [1, 2, 3, 4, 5], p: 0.9, expected: 4.6 },
    { values: [1, 2, 3, 4, 5], p: 0, expected: 1 },
    { values: [1, 2, 3, 4, 5], p: 1, expected: 5 },
    { values: [-5, 5], p: 0.5, expected: 0 },
  ])('percentile($values, $p) = $expected', ({ values, p, expected }) => {
    const r = percentile(values, p);
    if (expected === null) expect(r).toBeNull();
    else expect(r).toBeCloseTo(expected, 12);
    if (p === 0.5) expect(median(values)).toEqual(r);
  });

  it('sorts numerically (10 > 9), not as strings', () => {
    expect(median([9, 10, 100])).toBe(10);
  });

  it('does not mutate its input', () => {
    const values = Object.freeze([3, 1, 2]);
    expect(median(values)).toBe(2);
    expect(values).toEqual([3, 1, 2]);
  });

  it('mean and sum', () => {
    expect(mean([])).toBeNull();
    expect(mean([1, 2, 6])).toBe(3);
    expect(sum([])).toBe(0);
    expect(sum([150, 250, 1])).toBe(401);
  });
});

// ---------------------------------------------------------------------------------------------
// Time helpers

describe('fiscal quarters and windows', () => {
  it.each([
    // asOf, FY start, last complete, next quarter, complete quarters in window
    { asOf: '2025-06-30', fy: 1, last: 'FY2025 Q2', next: 'FY2025 Q3', complete: ['FY2024 Q3', 'FY2024 Q4', 'FY2025 Q1', 'FY2025 Q2'] },
    { asOf: '2025-06-29', fy: 1, last: 'FY2025 Q1', next: 'FY2025 Q3', complete: ['FY2024 Q3', 'FY2024 Q4', 'FY2025 Q1'] },
    { asOf: '2025-05-15', fy: 2, last: 'FY2026 Q1', next: 'FY2026 Q3', complete: ['FY2025 Q3', 'FY2025 Q4', 'FY2026 Q1'] },
    { asOf: '2025-01-01', fy: 10, last: 'FY2025 Q1', next: 'FY2025 Q3', complete: ['FY2024 Q3', 'FY2024 Q4', 'FY2025 Q1'] },
  ])('asOf $asOf, FY from month $fy: last complete $last, next $next', ({ asOf, fy, last, next, complete }) => {
    const ctx = makeCtx(asOf, { fiscalYearStartMonth: fy });
    expect(lastCompleteQuarter(ctx).label).toBe(last);
    expect(nextQuarterAfterAsOf(ctx).label).toBe(next);
    expect(completeQuartersInWindow(ctx).map((q) => q.label)).toEqual(complete);
  });

  it('last complete quarter bounds (first day inclusive, start exclusive)', () => {
    const q = lastCompleteQuarter(makeCtx('2025-05-15'));
    expect(isoFromDay(q.first)).toBe('2025-01-01');
    expect(isoFromDay(q.start)).toBe('2024-12-31');
    expect(isoFromDay(q.end)).toBe('2025-03-31');
  });

  it('makeContext: trailing twelve months', () => {
    const ctx = makeContext(day('2025-02-28'), makeProfile());
    expect(isoFromDay(ctx.window.start)).toBe('2024-02-28');
    expect(isoFromDay(ctx.window.end)).toBe('2025-02-28');
    expect(describeWindow(ctx.window)).toBe('2024-02-29 to 2025-02-28');
    expect(describeWindow(previousYearWindow(ctx))).toBe('2023-03-01 to 2024-02-28');
  });

  it('monthsBetween', () => {
    expect(monthsBetween(day('2024-11-30'), day('2025-02-01'))).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(monthsBetween(day('2025-01-31'), day('2025-01-01'))).toEqual([]);
    expect(monthsBetween(day('2025-01-31'), day('2025-01-31'))).toEqual(['2025-01']);
  });

  it('day index range sums are inclusive on both ends', () => {
    const idx = buildDayIndex([
      { d: 10, c: 1 },
      { d: 10, c: 2 },
      { d: 12, c: 4 },
      { d: 15, c: 8 },
    ], (x) => x.d, (x) => x.c);
    expect(rangeSum(idx, 10, 12)).toEqual({ cents: 7, count: 3 });
    expect(rangeSum(idx, 11, 15)).toEqual({ cents: 12, count: 2 });
    expect(rangeSum(idx, 16, 20)).toEqual({ cents: 0, count: 0 });
    expect(rangeSum(idx, 12, 11)).toEqual({ cents: 0, count: 0 });
  });
});

// ---------------------------------------------------------------------------------------------
// Shared helpers

describe('shared helpers', () => {
  it('isNewBusiness: only type new when the type column exists, every deal otherwise', () => {
    expect(isNewBusiness(makeDeal({ type: 'new' }), true)).toBe(true);
    expect(isNewBusiness(makeDeal({ type: 'expansion' }), true)).toBe(false);
    expect(isNewBusiness(makeDeal({ type: null }), true)).toBe(false);
    expect(isNewBusiness(makeDeal({ type: null }), false)).toBe(true);
  });

  it('createSharedCache builds each derivation (and each parameter set of it) once', () => {
    const cache = createSharedCache();
    let builds = 0;
    const build = () => ++builds;
    const a = (): number => 0;
    const b = (): number => 0;
    expect(cache.get(a, build)).toBe(1);
    expect(cache.get(a, build)).toBe(1);
    expect(cache.get(b, build)).toBe(2);
    expect(cache.get(a, build, '1:2')).toBe(3);
    expect(cache.get(a, build, '1:2')).toBe(3);
    expect(cache.get(a, build, '1:3')).toBe(4);
    expect(builds).toBe(4);
  });

  it('value / na constructors drop empty extras', () => {
    expect(value(1)).toEqual({ kind: 'value', value: 1 });
    expect(value(1, { notes: [], sampleSize: 3 })).toEqual({ kind: 'value', value: 1, sampleSize: 3 });
    expect(na('needs x')).toEqual({ kind: 'na', reason: 'needs x' });
  });

  it.each([
    {
      // the open deal's expected close (2026-01-01) is a forecast and does not count
      name: 'latest won/lost close, open expected close excluded',
      ds: makeDataset({ deals: [makeDeal({ created: '2025-04-20', closed: '2025-05-01' }), makeDeal({ status: 'open', created: '2025-01-01', closed: '2026-01-01' })] }),
      expected: '2025-05-01',
    },
    { name: "an open deal's created date counts", ds: makeDataset({ deals: [makeDeal({ closed: '2025-05-01' }), makeDeal({ status: 'open', created: '2025-05-10', closed: '2026-01-01' })] }), expected: '2025-05-10' },
    { name: 'a lost deal counts', ds: makeDataset({ deals: [makeDeal({ status: 'lost', created: '2025-04-20', closed: '2025-05-02' })] }), expected: '2025-05-02' },
    // issue 14: a close more than 31 days after the last activity (created 2025-01-01) is future-dated
    { name: 'an isolated later close does not move it', ds: makeDataset({ deals: [makeDeal({ status: 'lost', created: '2025-01-01', closed: '2025-05-02' })] }), expected: '2025-01-01' },
    { name: 'spend period start counts', ds: makeDataset({ deals: [makeDeal({ closed: '2025-05-01' })], spend: [makeSpend({ periodStart: '2025-06-01' })] }), expected: '2025-06-01' },
    { name: 'renewal date counts', ds: makeDataset({ renewals: [makeRenewal({ renewalDate: '2025-07-01' })] }), expected: '2025-07-01' },
    { name: 'no dates at all → null', ds: makeDataset({ deals: [makeDeal({ created: null, closed: null })] }), expected: null },
    { name: 'empty dataset → null', ds: makeDataset({}), expected: null },
  ])('defaultAsOf: $name', ({ ds, expected }) => {
    const d = defaultAsOf(ds);
    expect(d === null ? null : isoFromDay(d)).toBe(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// Results

const fake = (compute: () => MetricOutcome): MetricDefinition => ({
  id: 'fake',
  title: 'Fake',
  area: 'growth',
  unit: 'ratio',
  definition: 'A test metric.',
  formula: 'x',
  inputs: ['deals'],
  configKeys: [],
  compute,
});

describe('toMetricResult', () => {
  it('a value: keys in MetricResult order, notes default to []', () => {
    const r = toMetricResult(fake(() => value(0.25, { sampleSize: 4, details: { won: 1 } })), value(0.25, { sampleSize: 4, details: { won: 1 } }));
    expect(Object.keys(r)).toEqual(['id', 'title', 'area', 'unit', 'value', 'status', 'reason', 'inputs', 'notes', 'sampleSize', 'details', 'evidence']);
    expect(r).toEqual({
      id: 'fake',
      title: 'Fake',
      area: 'growth',
      unit: 'ratio',
      value: 0.25,
      status: 'ok',
      reason: null,
      inputs: ['deals'],
      notes: [],
      sampleSize: 4,
      details: { won: 1 },
      evidence: null,
    });
  });

  it('an n/a: value null, reason kept, a leading "n/a: " dropped', () => {
    const def = fake(() => na('x'));
    const r = toMetricResult(def, na('n/a: needs marketing spend (--spend)', ['a note']));
    expect(Object.keys(r)).toEqual(['id', 'title', 'area', 'unit', 'value', 'status', 'reason', 'inputs', 'notes', 'sampleSize', 'details', 'evidence']);
    expect(r).toMatchObject({ value: null, status: 'n/a', reason: 'needs marketing spend (--spend)', notes: ['a note'], sampleSize: null, details: null });
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('a non-finite value (%s) becomes n/a "internal: non-finite value"', (v) => {
    const r = toMetricResult(fake(() => value(v)), value(v));
    expect(r).toMatchObject({ value: null, status: 'n/a', reason: 'internal: non-finite value', details: null });
  });

  it('non-finite detail numbers become null', () => {
    const r = toMetricResult(fake(() => value(1)), value(1, { details: { a: Number.NaN, b: 2, c: 'x', d: null } }));
    expect(r.details).toEqual({ a: null, b: 2, c: 'x', d: null });
  });
});

// ---------------------------------------------------------------------------------------------
// Registry

describe('registry', () => {
  it('ids are unique and snake_case', () => {
    const ids = METRICS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it('metrics are grouped by area in METRIC_AREAS order (growth first, then pipeline), each file in its own order', () => {
    const areas = METRICS.map((m) => METRIC_AREAS.indexOf(m.area));
    expect(areas).toEqual([...areas].sort((a, b) => a - b));
    const ids = METRICS.map((m) => m.id);
    for (const list of [GROWTH_METRICS, PIPELINE_METRICS]) {
      const at = list.map((m) => ids.indexOf(m.id));
      expect(at).toEqual([...at].sort((a, b) => a - b));
    }
    expect(ids.slice(0, GROWTH_METRICS.length)).toEqual(GROWTH_METRICS.map((m) => m.id));
  });

  it('getMetric finds by id', () => {
    expect(getMetric('win_rate')?.title).toBe('Win rate');
    expect(getMetric('nope')).toBeUndefined();
  });

  it('every breakdown metric is registered', () => {
    for (const id of BREAKDOWN_METRICS) expect(getMetric(id)).toBeDefined();
  });

  it('every metric states its definition, formula, inputs and config keys', () => {
    for (const m of METRICS) {
      expect(m.definition.trim().length, m.id).toBeGreaterThan(0);
      expect(m.formula.trim().length, m.id).toBeGreaterThan(0);
      expect(Array.isArray(m.inputs), m.id).toBe(true);
      expect(Array.isArray(m.configKeys), m.id).toBe(true);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// computeMetrics

/** A dataset touching every input, ids and lines fixed so two builds are identical. */
function richDataset(): Dataset {
  const d = (n: number, p: Parameters<typeof makeDeal>[0]) => makeDeal({ line: n, id: `D${n}`, ...p });
  return makeDataset({
    deals: [
      d(2, { status: 'won', amountCents: 1_500_000, created: '2025-01-01', closed: '2025-02-10', owner: 'alice', source: 'ads', segment: 'smb', type: 'new', account: 'A' }),
      d(3, { status: 'won', amountCents: 900_000, created: '2024-02-01', closed: '2024-05-01', owner: 'bob', source: 'ads', type: 'new', account: 'B' }),
      d(4, { status: 'lost', amountCents: 700_000, created: '2024-09-01', closed: '2024-12-01', owner: 'bob', source: 'events' }),
      d(5, { status: 'won', amountCents: 300_000, created: '2025-03-01', closed: '2025-06-20', owner: 'alice', type: 'expansion', account: 'A' }),
      d(6, { status: 'open', amountCents: 2_000_000, created: '2025-04-01', closed: '2025-08-15', owner: 'carol', probability: 0.4 }),
      d(7, { status: 'open', amountCents: 500_000, created: '2025-05-01', closed: '2025-05-30', owner: null }),
    ],
    spend: [
      makeSpend({ line: 2, periodStart: '2025-01-01', amountCents: 400_000, leads: 40 }),
      makeSpend({ line: 3, periodStart: '2025-02-01', amountCents: 200_000, category: 'sales', channel: 'sdr' }),
      makeSpend({ line: 4, periodStart: '2024-10-01', amountCents: 100_000, channel: 'events', leads: 5 }),
    ],
    renewals: [
      makeRenewal({ line: 2, account: 'R1', renewalDate: '2025-03-01', arrBeforeCents: 1_000_000, arrAfterCents: 1_200_000 }),
      makeRenewal({ line: 3, account: 'R2', renewalDate: '2024-11-01', arrBeforeCents: 500_000, arrAfterCents: 0 }),
    ],
  });
}

const RICH_CTX = () =>
  makeContext(
    day('2025-06-30'),
    makeProfile({ operatingMargin: 0.1, grossMargin: 0.8, quotasCents: { alice: 1_000_000 }, nextQuarterTargetCents: 1_000_000 }),
  );

describe('computeMetrics', () => {
  it('runs every registered metric in registry order; as-of and window as ISO', () => {
    const r = computeMetrics(richDataset(), RICH_CTX());
    // metrics with onlyWithInputs (the revenue lens) are reported only with subscriptions or accounts
    expect(r.metrics.map((m) => m.id)).toEqual(METRICS.filter((m) => m.onlyWithInputs === undefined).map((m) => m.id));
    expect(r.asOf).toBe('2025-06-30');
    expect(r.window).toEqual({ start: '2024-06-30', end: '2025-06-30' });
    expect(r.breakdowns).toEqual({});
    expect(Object.keys(r.series)).toEqual([...SERIES_IDS]);
  });

  it('never puts NaN or Infinity in a value, and every n/a carries a reason', () => {
    for (const ds of [richDataset(), makeDataset({}), makeDataset({ deals: [] }), makeDataset({ deals: [makeDeal({ amountCents: 0 })], spend: [], renewals: [] })]) {
      const r = computeMetrics(ds, RICH_CTX(), { by: 'owner' });
      for (const m of r.metrics) {
        if (m.status === 'ok') expect(Number.isFinite(m.value), m.id).toBe(true);
        else {
          expect(m.value, m.id).toBeNull();
          expect(m.reason, m.id).toMatch(/\S/);
          expect(m.reason, m.id).not.toMatch(/^internal/);
        }
      }
      expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    }
  });

  it('is deterministic: same input, same JSON; input order does not matter', () => {
    const a = JSON.stringify(computeMetrics(richDataset(), RICH_CTX(), { by: 'source' }));
    const b = JSON.stringify(computeMetrics(richDataset(), RICH_CTX(), { by: 'source' }));
    expect(b).toBe(a);
    const ds = richDataset();
    const shuffled = { ...ds, deals: [...ds.deals].reverse(), spend: [...ds.spend].reverse(), renewals: [...ds.renewals].reverse() };
    expect(JSON.stringify(computeMetrics(shuffled, RICH_CTX(), { by: 'source' }))).toBe(a);
  });

  it('does not mutate a deep-frozen dataset or context', () => {
    const frozen = deepFreeze(richDataset());
    const ctx = deepFreeze(RICH_CTX());
    const expected = computeMetrics(richDataset(), RICH_CTX(), { by: 'owner' });
    expect(computeMetrics(frozen, ctx, { by: 'owner' })).toEqual(expected);
  });

  it('without a deals file, deal metrics say which input unlocks them', () => {
    const r = computeMetrics(makeDataset({ spend: [makeSpend({})] }), RICH_CTX());
    expect(r.metrics.find((m) => m.id === 'bookings')).toMatchObject({ status: 'n/a', reason: 'needs a deals file (--deals)' });
  });
});

// ---------------------------------------------------------------------------------------------
// Series

describe('series', () => {
  // asOf 2025-03-15; earliest event: spend 2025-01-01 → months 2025-01..2025-03.
  const ds = makeDataset({
    deals: [
      makeDeal({ status: 'won', amountCents: 100_000, created: '2025-01-10', closed: '2025-01-20', type: 'new' }), // Jan: won, cycle 10, new customer
      makeDeal({ status: 'lost', amountCents: 50_000, created: '2025-01-15', closed: '2025-02-05' }), // created Jan, closed Feb
      makeDeal({ status: 'won', amountCents: 200_000, created: '2025-02-01', closed: '2025-02-21', type: 'expansion' }), // Feb: won, cycle 20, not new
      makeDeal({ status: 'won', amountCents: 300_000, created: '2025-02-10', closed: '2025-03-20' }), // closes after asOf: created Feb only
      makeDeal({ status: 'open', amountCents: 400_000, created: '2025-03-01', closed: '2025-06-30' }), // created Mar; expected close ignored
    ],
    spend: [
      makeSpend({ periodStart: '2025-01-01', amountCents: 30_000 }),
      makeSpend({ periodStart: '2025-01-01', amountCents: 20_000, category: 'sales' }),
      makeSpend({ periodStart: '2025-01-01', amountCents: 10_000, category: 'other' }),
      makeSpend({ periodStart: '2025-02-01', amountCents: 5_000 }),
      makeSpend({ periodStart: '2025-04-01', amountCents: 99_900 }), // after asOf
    ],
  });
  const values = (s: readonly { month: string; value: number | null }[]) => s.map((p) => p.value);

  it('monthly values worked out by hand', () => {
    const s = computeSeries(ds, makeCtx('2025-03-15'), makeCache());
    expect(s.bookings.map((p) => p.month)).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(values(s.bookings)).toEqual([1000, 2000, 0]);
    // Jan 1000 + 500; Feb 2000 + 3000; Mar 4000
    expect(values(s.pipeline_created)).toEqual([1500, 5000, 4000]);
    // Jan 1 of 1; Feb 1 won of 2 closed; Mar nothing closed
    expect(values(s.win_rate)).toEqual([1, 0.5, null]);
    expect(values(s.median_cycle_days)).toEqual([10, 20, null]);
    // every category: Jan 300 + 200 + 100; Feb 50; Mar 0
    expect(values(s.spend)).toEqual([600, 50, 0]);
    // type column exists: only the type-new deal is a new customer
    expect(values(s.new_customers)).toEqual([1, 0, 0]);
    // Jan: (300 marketing + 200 sales) ÷ 1; Feb: no new customer → null
    expect(values(s.cac)).toEqual([500, null, null]);
  });

  it('without a spend file: spend and cac are null', () => {
    const noSpend = { ...ds, spend: [], present: { ...ds.present, spend: false } };
    const s = computeSeries(noSpend, makeCtx('2025-03-15'), makeCache());
    expect(values(s.spend)).toEqual([null, null, null]);
    expect(values(s.cac)).toEqual([null, null, null]);
  });

  it('no dated events → empty series', () => {
    const s = computeSeries(makeDataset({ deals: [] }), makeCtx('2025-03-15'), makeCache());
    for (const id of SERIES_IDS) expect(s[id]).toEqual([]);
  });

  it('span is capped at 120 months back from asOf', () => {
    const s = computeSeries(makeDataset({ deals: [makeDeal({ created: '1990-01-01', closed: '2025-01-01' })] }), makeCtx('2025-03-15'), makeCache());
    expect(s.bookings.length).toBe(120);
    expect(s.bookings[0]?.month).toBe('2015-04');
  });
});

// ---------------------------------------------------------------------------------------------
// Breakdowns

describe('breakdowns (--by)', () => {
  const closed = (owner: string | null, status: 'won' | 'lost', amount: number) =>
    makeDeal({ owner, status, amountCents: amount * 100, created: '2025-01-01', closed: '2025-03-01' });
  // alice: 6 won (1000 each) + 4 lost = 10 closed → not small; win rate 0.6, bookings 6000
  // bob: 1 won 5000 → small; blank and null owners → "(none)"; zed only won in 2020 → inactive, not listed
  const ds = makeDataset({
    deals: [
      ...Array.from({ length: 6 }, () => closed('alice', 'won', 1000)),
      ...Array.from({ length: 4 }, () => closed('alice', 'lost', 1000)),
      closed('bob', 'won', 5000),
      closed(null, 'lost', 1),
      closed('  ', 'won', 2),
      makeDeal({ owner: 'zed', created: '2020-01-01', closed: '2020-02-01' }),
    ],
  });

  it('groups sorted by name, small groups flagged, inactive groups left out', () => {
    const groups = computeBreakdown(ds, makeCtx('2025-06-30'), 'owner');
    expect(groups.map((g) => [g.group, g.closedDeals, g.isSmall])).toEqual([
      ['(none)', 2, true],
      ['alice', 10, false],
      ['bob', 1, true],
    ]);
    const alice = groups[1];
    expect(alice?.metrics.map((m) => m.id)).toEqual([...BREAKDOWN_METRICS]);
    expect(alice?.metrics.map((m) => m.value)).toEqual([6000, 0.6, 1000, 59]);
    expect(groups[0]?.metrics.find((m) => m.id === 'bookings')?.value).toBe(2);
  });

  it('computeMetrics puts the groups under the dimension name', () => {
    const r = computeMetrics(ds, makeCtx('2025-06-30'), { by: 'owner' });
    expect(Object.keys(r.breakdowns)).toEqual(['owner']);
    expect(r.breakdowns.owner?.map((g) => g.group)).toEqual(['(none)', 'alice', 'bob']);
  });

  it('groupOf: blank or null → "(none)"', () => {
    expect(groupOf(makeDeal({ segment: 'smb' }), 'segment')).toBe('smb');
    expect(groupOf(makeDeal({ segment: '' }), 'segment')).toBe('(none)');
    expect(groupOf(makeDeal({ source: null }), 'source')).toBe('(none)');
  });

  it('a dataset without deals has no groups', () => {
    expect(computeBreakdown(makeDataset({}), makeCtx('2025-06-30'), 'pipeline')).toEqual([]);
  });
});
