/**
 * The post-ingest hot paths rewritten for speed at a million deals (issue 17): each keeps its
 * exact result. Hand-built cases for the branches, and a seeded comparison with the plain
 * definition (built from pointInTime / straightforward maps) on generated deals.
 */
import { describe, expect, it } from 'vitest';
import type { Dataset, Deal } from '../../src/base/model.js';
import { inWindow, isoFromDay } from '../../src/base/time.js';
import { dataEndDay, importStamp, pointInTime } from '../../src/metrics/as-of.js';
import { COVERAGE_HISTORY_QUARTERS, coverageHistory } from '../../src/metrics/pipeline.js';
import { addMonths, fiscalQuarterOf, ymdFromDay, type Window } from '../../src/base/time.js';
import type { MetricContext } from '../../src/metrics/types.js';
import { firstInOrder } from '../../src/audit/items.js';
import { day, makeCache, makeCtx, makeDataset, makeDeal } from '../helpers/builders.js';
// a small deterministic generator, so a failure reproduces
import { mulberry32 as rng } from '../../bench/generate.mjs';

/** Deals over 2023-2025 with every status, some without dates, some closed far in the future. */
function randomDeals(seed: number, n: number): Deal[] {
  const r = rng(seed);
  const base = day('2023-01-01');
  const out: Deal[] = [];
  for (let i = 0; i < n; i++) {
    const created = r() < 0.05 ? null : base + Math.floor(r() * 1000);
    const cycle = Math.floor(r() * 200);
    const status = (['won', 'lost', 'open'] as const)[Math.floor(r() * 3)] as Deal['status'];
    const far = r() < 0.02 ? 900 : 0;
    const closed = r() < 0.05 ? null : (created ?? base + 500) + cycle + far;
    out.push(makeDeal({ status, created, closed, amountCents: Math.floor(r() * 5_000_000) }));
  }
  return out;
}

// fiscal quarters straight from base/time (the metrics' own helpers move between files)
type Q = Window & { readonly first: number };
const quarterOf = (d: number, fy: number): Q => fiscalQuarterOf(d, fy);
const previousQuarter = (q: Q, fy: number): Q => quarterOf(q.first - 1, fy);
const nextQuarter = (q: Q, fy: number): Q => quarterOf(q.end + 1, fy);

/** coverageHistory as first written: one pointInTime dataset per past date. */
function coverageHistoryByDefinition(ds: Dataset, ctx: MetricContext): number[] {
  const fy = ctx.profile.fiscalYearStartMonth;
  const out: number[] = [];
  const atEnd = quarterOf(ctx.asOf, fy).end === ctx.asOf;
  let q = previousQuarter(quarterOf(ctx.asOf, fy), fy);
  for (let k = 0; k < COVERAGE_HISTORY_QUARTERS; k++, q = previousQuarter(q, fy)) {
    const end = atEnd ? q.end : addMonths(ctx.asOf, -3 * (k + 1));
    const at = quarterOf(end, fy);
    const then = pointInTime(ds, end);
    const next = nextQuarter(at, fy);
    const bookedQuarter = at.end === end ? at : previousQuarter(at, fy);
    let pipe = 0;
    let any = false;
    for (const d of then.deals) {
      if (d.status !== 'open' || (d.created !== null && d.created > end)) continue;
      if (d.created !== null) any = true;
      if (inWindow(d.closed, next)) pipe += d.amountCents;
    }
    let booked = 0;
    for (const d of then.deals) if (d.status === 'won' && inWindow(d.closed, bookedQuarter)) booked += d.amountCents;
    if (!any || booked === 0) continue;
    out.push(pipe / booked);
  }
  return out.reverse();
}

describe('coverageHistory reads each past date without building a dataset for it', () => {
  it('a future-dated loss and a deal created after the past date stay out of its pipeline', () => {
    // anchor 2025-05-01 (A's creation); X's close 9 days later extends it to 2025-05-10; F's close
    // 41 days after that is future-dated. At 2025-03-31: X is open and closes in Q2 (150,000), F
    // would add 500,000 if reopened, C (created 2025-04-10) 300,000 if counted; Q1 bookings are
    // P's 200,000: 0.75. At 2024-12-31: P open, closing in Q1 (200,000) over Q4 2024's W
    // (100,000): 2.0. 2024-09-30 and 2024-06-30 have no bookings in their quarter: skipped.
    const data = makeDataset({
      deals: [
        makeDeal({ status: 'won', amountCents: 10_000_000, created: '2024-10-01', closed: '2024-11-10' }),
        makeDeal({ status: 'won', amountCents: 20_000_000, created: '2024-12-01', closed: '2025-02-15' }),
        makeDeal({ status: 'won', amountCents: 15_000_000, created: '2025-03-01', closed: '2025-05-10' }),
        makeDeal({ status: 'lost', amountCents: 50_000_000, created: '2025-01-15', closed: '2025-06-20' }),
        makeDeal({ status: 'won', amountCents: 30_000_000, created: '2025-04-10', closed: '2025-04-20' }),
        makeDeal({ status: 'open', created: '2025-05-01', closed: '2025-09-30' }),
      ],
    });
    expect(isoFromDay(dataEndDay(data) as number)).toBe('2025-05-10');
    expect(coverageHistory(pointInTime(data, day('2025-06-30')), makeCtx('2025-06-30'))).toEqual([2, 0.75]);
  });

  it.each([
    { seed: 1, asOf: '2025-06-30', fy: 1 },
    { seed: 2, asOf: '2025-08-15', fy: 1 },
    { seed: 3, asOf: '2024-12-31', fy: 2 },
    { seed: 4, asOf: '2025-03-17', fy: 7 },
  ])('seed $seed, as of $asOf (fiscal year from month $fy): the same values as one pointInTime per date', ({ seed, asOf, fy }) => {
    const ctx = makeCtx(asOf, { fiscalYearStartMonth: fy });
    const pit = pointInTime(makeDataset({ deals: randomDeals(seed, 3000) }), ctx.asOf);
    const expected = coverageHistoryByDefinition(pit, ctx);
    expect(expected.length).toBeGreaterThan(0);
    expect(coverageHistory(pit, ctx)).toEqual(expected);
  });
});

describe('importStamp counts created days in a typed array', () => {
  const on = (iso: string, n: number): Deal[] => Array.from({ length: n }, () => makeDeal({ status: 'won', created: iso, closed: '2024-01-15' }));
  it.each([
    // two days with 10 of 20 each: the one met first in the file, as the Map in insertion order did
    { name: 'a tie goes to the day met first (the later day first)', deals: [...on('2024-06-03', 10), ...on('2024-05-01', 10)], stamp: { day: '2024-06-03', count: 10, of: 20 } },
    { name: 'a tie goes to the day met first (the earlier day first)', deals: [...on('2024-05-01', 10), ...on('2024-06-03', 10)], stamp: { day: '2024-05-01', count: 10, of: 20 } },
    { name: 'interleaved: first met wins', deals: [...on('2024-05-01', 1), ...on('2024-06-03', 10), ...on('2024-05-01', 9)], stamp: { day: '2024-05-01', count: 10, of: 20 } },
    // dates 9,998 years apart (more days than the typed array covers): counted in a Map, same answer
    { name: 'a span of millennia', deals: [...on('0001-01-01', 1), ...on('2024-06-03', 10), ...on('9999-01-01', 1)], stamp: { day: '2024-06-03', count: 10, of: 12 } },
    { name: 'no created dates', deals: Array.from({ length: 12 }, () => makeDeal({ created: null })), stamp: null },
  ])('$name', ({ deals, stamp }) => {
    const s = importStamp(makeDataset({ deals }));
    expect(s === null ? null : { day: isoFromDay(s.day), count: s.count, of: s.of }).toEqual(stamp);
  });

  it('a point-in-time dataset reads the same stamp as the raw one', () => {
    const deals = [...on('2024-06-03', 12), makeDeal({ status: 'won', created: '2024-02-01', closed: '2024-03-20' })];
    const raw = makeDataset({ deals });
    const pit = pointInTime(raw, day('2024-03-01'));
    expect(importStamp(pit)).toEqual(importStamp(raw));
    expect(importStamp(pit)).toEqual({ day: day('2024-06-03'), count: 12, of: 13 });
  });
});

describe('dataEndDay sorts only the closes after the anchor', () => {
  it.each([
    // anchor 2025-03-01; closes after it: 03-20 (19 days), 04-15 (26), 06-01 (47: ends the run)
    { name: 'a run of closes after the anchor, then a gap', closes: ['2025-06-01', '2025-03-20', '2025-01-10', '2025-04-15'], end: '2025-04-15' },
    { name: 'every close before the anchor', closes: ['2024-12-01', '2025-02-27'], end: '2025-03-01' },
    { name: 'one close 32 days after the anchor', closes: ['2025-04-02'], end: '2025-03-01' },
    // the anchor's deal read last: closes met before it are judged against the final anchor
    { name: 'closes read before the anchor deal', closes: ['2025-02-01', '2025-03-10', '2025-05-01'], end: '2025-03-10', anchorLast: true },
  ])('$name', ({ closes, end, anchorLast }) => {
    const anchor = makeDeal({ status: 'open', created: '2025-03-01', closed: '2025-12-31' });
    const others = closes.map((c) => makeDeal({ status: 'lost', created: '2024-11-01', closed: c }));
    const deals = anchorLast === true ? [...others, anchor] : [anchor, ...others];
    expect(isoFromDay(dataEndDay(makeDataset({ deals })) as number)).toBe(end);
  });
});

describe('ymdFromDay is arithmetic, and agrees with Date', () => {
  it.each([
    { day: 0, ymd: { year: 1970, month: 1, day: 1 } },
    { day: -1, ymd: { year: 1969, month: 12, day: 31 } },
    // 2024-02-29, 2100-03-01 (2100 is no leap year), 2000-02-29 (2000 is)
    { day: 19782, ymd: { year: 2024, month: 2, day: 29 } },
    { day: 47541, ymd: { year: 2100, month: 3, day: 1 } },
    { day: 11016, ymd: { year: 2000, month: 2, day: 29 } },
    { day: -719162, ymd: { year: 1, month: 1, day: 1 } },
  ])('day $day', ({ day: d, ymd }) => {
    expect(ymdFromDay(d)).toEqual(ymd);
  });

  it('every day from 1600 to 2400 reads as Date reads it', () => {
    let mismatches = 0;
    for (let d = -135140; d <= 157054; d++) {
      const x = new Date(d * 86_400_000);
      const y = ymdFromDay(d);
      if (y.year !== x.getUTCFullYear() || y.month !== x.getUTCMonth() + 1 || y.day !== x.getUTCDate()) mismatches += 1;
    }
    expect(mismatches).toBe(0);
  });
});

describe('firstInOrder: the first `limit` indexes of a sort, selected before sorting', () => {
  const byValue = (xs: readonly string[]) => (a: number, b: number) => (xs[a] as string) < (xs[b] as string) ? -1 : (xs[a] as string) > (xs[b] as string) ? 1 : a - b;
  it.each([
    // "b","a","c","a": ties keep the input order (index 1 before 3)
    { name: 'ties by position', xs: ['b', 'a', 'c', 'a'], limit: 0, expected: [1, 3, 0, 2] },
    { name: 'limit 2 of 4', xs: ['b', 'a', 'c', 'a'], limit: 2, expected: [1, 3] },
    { name: 'limit 1 of 5 (selection path)', xs: ['e', 'd', 'c', 'b', 'a'], limit: 1, expected: [4] },
    { name: 'limit 2 of 7 (selection path), duplicates', xs: ['x', 'm', 'a', 'm', 'a', 'z', 'b'], limit: 2, expected: [2, 4] },
    { name: 'limit above n', xs: ['b', 'a'], limit: 5, expected: [1, 0] },
    { name: 'empty', xs: [], limit: 3, expected: [] },
  ])('$name', ({ xs, limit, expected }) => {
    expect(firstInOrder(xs.length, byValue(xs), limit)).toEqual(expected);
  });

  it.each([
    { name: 'random ids', make: (r: () => number, i: number) => `deal:006${Math.floor(r() * 1e6)}`, n: 5000 },
    { name: 'sorted ids', make: (_r: () => number, i: number) => `deal:${String(i).padStart(6, '0')}`, n: 5000 },
    { name: 'reversed ids', make: (_r: () => number, i: number) => `deal:${String(99999 - i).padStart(6, '0')}`, n: 5000 },
    { name: 'few distinct ids', make: (r: () => number) => `deal:${Math.floor(r() * 5)}`, n: 5000 },
  ])('$name: the same indexes as a full sort cut to 100, 999 and 1', ({ make, n }) => {
    const r = rng(7);
    const xs = Array.from({ length: n }, (_, i) => make(r, i));
    const cmp = byValue(xs);
    const full = Array.from({ length: n }, (_, i) => i).sort(cmp);
    for (const limit of [100, 999, 1]) expect(firstInOrder(n, cmp, limit)).toEqual(full.slice(0, limit));
  });
});

describe('crm_billing_reconciliation reads the CRM side from one index, not one pass per month', () => {
  it('without a type column every won deal is new business: March 6,000 against billing 6,000, June 9,000 against 0', async () => {
    const { runMetrics } = await import('../../src/metrics/engine.js');
    const { METRICS } = await import('../../src/metrics/registry.js');
    const deals = [
      makeDeal({ id: 'N1', status: 'won', amountCents: 600_000, account: 'B', closed: '2025-03-10', created: '2025-02-01' }),
      makeDeal({ id: 'E1', status: 'won', amountCents: 900_000, account: 'A', closed: '2025-06-01', created: '2025-05-01' }),
      // lost and open deals never count
      makeDeal({ id: 'L1', status: 'lost', amountCents: 700_000, account: 'C', closed: '2025-04-10', created: '2025-02-01' }),
    ];
    const sub = (account: string, start: string, arr: number) => ({ line: 2, id: null, account, start: day(start), end: null, arrCents: arr * 100, plan: null, segment: null, status: null, trial: false });
    const base = makeDataset({ deals });
    const ds = { ...base, subscriptions: [sub('A', '2024-01-01', 12_000), sub('B', '2025-03-15', 6_000)], present: { ...base.present, subscriptions: true } };
    const m = runMetrics(METRICS, ds, makeCtx('2025-12-31')).find((x) => x.id === 'crm_billing_reconciliation');
    expect(m?.value).toBe(0.5);
    expect(m?.details).toMatchObject({ monthsCompared: 2, monthsFlagged: 1, '2025-03.crm': 6_000, '2025-03.gap': 0, '2025-06.crm': 9_000, '2025-06.billing': 0, '2025-06.gap': 1 });
  });
});

describe('dealPass: the window selections in one pass, each in dataset order', () => {
  it('hand-built: as of 2025-06-30, window 2024-06-30 < d ≤ 2025-06-30', async () => {
    const { dealPass } = await import('../../src/metrics/deal-pass.js');
    const deals = [
      makeDeal({ id: 'W', status: 'won', created: '2025-01-10', closed: '2025-03-01' }), // closed and created in the window
      makeDeal({ id: 'O', status: 'open', created: '2024-05-01', closed: '2025-09-30' }), // open, created before the window
      makeDeal({ id: 'F', status: 'open', created: '2025-07-15', closed: '2025-10-01' }), // created after asOf: not open yet
      makeDeal({ id: 'N', status: 'open', created: null, closed: null }), // no created date: open
      makeDeal({ id: 'L', status: 'lost', created: '2024-01-01', closed: '2024-06-30' }), // closed on the window's (exclusive) start
      makeDeal({ id: 'E', status: 'lost', created: '2025-06-01', closed: '2025-06-30' }), // closed on asOf: the latest activity
    ];
    const p = dealPass(makeDataset({ deals }), makeCtx('2025-06-30'), makeCache());
    expect(p.closedInWindow.map((d) => d.id)).toEqual(['W', 'E']);
    expect(p.wonInWindow.map((d) => d.id)).toEqual(['W']);
    expect(p.wonInPriorYear).toEqual([]); // L closed on the window's start is lost, not won
    expect(p.open.map((d) => d.id)).toEqual(['O', 'N']);
    expect(p.createdInWindow.map((d) => d.id)).toEqual(['W', 'E']);
    expect(p.lastActivity === null ? null : isoFromDay(p.lastActivity)).toBe('2025-06-30');
  });

  it.each([1, 2, 3])('seed %i: the same lists as the filters they replace', async (seed) => {
    const { dealPass } = await import('../../src/metrics/deal-pass.js');
    const ds = makeDataset({ deals: randomDeals(seed, 4000) });
    const ctx = makeCtx('2025-03-31');
    const p = dealPass(ds, ctx, makeCache());
    expect(p.closedInWindow).toEqual(ds.deals.filter((d) => d.status !== 'open' && inWindow(d.closed, ctx.window)));
    expect(p.wonInWindow).toEqual(ds.deals.filter((d) => d.status === 'won' && inWindow(d.closed, ctx.window)));
    const prior = { start: addMonths(ctx.asOf, -24), end: ctx.window.start };
    expect(p.wonInPriorYear).toEqual(ds.deals.filter((d) => d.status === 'won' && inWindow(d.closed, prior)));
    expect(p.wonInPriorYear.length).toBeGreaterThan(0);
    expect(p.open).toEqual(ds.deals.filter((d) => d.status === 'open' && (d.created === null || d.created <= ctx.asOf)));
    expect(p.createdInWindow).toEqual(ds.deals.filter((d) => inWindow(d.created, ctx.window)));
    let last: number | null = null;
    for (const d of ds.deals) {
      for (const x of [d.created, d.status !== 'open' ? d.closed : null]) if (x !== null && x <= ctx.asOf && (last === null || x > last)) last = x;
    }
    expect(p.lastActivity).toBe(last);
  });
});

describe('stale-deal items ordered by id without building every id', () => {
  // open deals past their expected close (2025-06-01 < asOf 2025-06-30): all stale
  const stale = (id: string | null, line: number) => makeDeal({ id, line, status: 'open', created: '2025-05-01', closed: '2025-06-01' });
  const deals = [stale(null, 9), stale('sZ', 2), stale(null, 100), stale('A1', 3), stale(null, 10), stale('', 4), stale('s', 5)];
  // "deal:" < "deal:A1" < "deal:s" < "deal:sZ" < "deals:line:10" < "deals:line:100" < "deals:line:9"
  const all = ['deal:', 'deal:A1', 'deal:s', 'deal:sZ', 'deals:line:10', 'deals:line:100', 'deals:line:9'];
  it.each([
    { limit: 0, expected: all },
    { limit: 3, expected: all.slice(0, 3) }, // 7 > 2 × 3: the selection path
    { limit: 1, expected: all.slice(0, 1) },
    { limit: 5, expected: all.slice(0, 5) },
  ])('limit $limit', async ({ limit, expected }) => {
    const { computeItems } = await import('../../src/audit/items.js');
    const items = computeItems(makeDataset({ deals }), makeCtx('2025-06-30'), limit, makeCache());
    expect(items.staleDeals.map((d) => d.id)).toEqual(expected);
    expect(items.totals?.staleDeals).toBe(7);
  });
});
