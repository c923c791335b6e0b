/**
 * Subscription analytics and the revenue-lens metrics, against hand counts:
 * - fixtures/subscriptions (every number worked out in its README): MRR movements with new,
 *   expansion, contraction, churn, reactivation and trials; cohorts; monthly churn rates;
 *   penetration; close rate vs expected;
 * - the RavenStack subscriptions (../shared/datasets, read in place, never copied): the movement
 *   table balances every month.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDataset, type ReadTables } from '../../src/ingest/dataset.js';
import { readTable } from '../../src/ingest/read-table.js';
import { computeMetrics } from '../../src/metrics/engine.js';
import { LENS_METRICS } from '../../src/metrics/lens.js';
import { getMetric } from '../../src/metrics/registry.js';
import { SUBSCRIPTION_METRICS } from '../../src/metrics/subscriptions.js';
import { buildLedger, mrrMovements, type MovementRow } from '../../src/metrics/subscription-ledger.js';
import { cohortsByQuarter, windowCohort } from '../../src/metrics/subscription-cohorts.js';
import { subscriptionsBlock } from '../../src/metrics/subscription-block.js';
import type { MetricOutcome } from '../../src/metrics/types.js';
import type { Dataset, InputKind, Subscription } from '../../src/base/model.js';
import { day, deepFreeze, makeCache, makeCtx, makeDataset, makeDeal, makeRenewal } from '../helpers/builders.js';
import { ROOT } from '../helpers/cli.js';
import { MetricTester } from '../helpers/metric-tester.js';
import { one } from '../helpers/streams.js';

const FIXTURE = join(ROOT, 'fixtures', 'subscriptions');
const RAVENSTACK = resolve(ROOT, '..', 'shared', 'datasets', 'ravenstack-saas', 'ravenstack_subscriptions.csv');

/** Reads files through the real ingest into a Dataset. */
async function load(files: Partial<Record<InputKind, string>>): Promise<Dataset> {
  const tables: Record<string, unknown> = {};
  for (const [kind, path] of Object.entries(files) as [InputKind, string][]) {
    const r = await readTable(kind, path, one(readFileSync(path)), { config: {} });
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join(' | '));
    tables[kind] = { records: r.records, report: r.report };
  }
  return buildDataset(tables as ReadTables);
}

const fixture = (name: string): string => join(FIXTURE, name);
const AS_OF = '2025-06-30';

function metric(id: string): (ds: Dataset, asOf?: string) => MetricOutcome {
  const def = getMetric(id);
  if (!def) throw new Error(`no metric ${id}`);
  return (ds, asOf = AS_OF) => def.compute(ds, makeCtx(asOf), makeCache());
}

function valueOf(o: MetricOutcome): number {
  if (o.kind !== 'value') throw new Error(`expected a value, got n/a: ${o.reason}`);
  return o.value;
}

/** The movement rows in MRR currency units (ARR cents ÷ 1200), for reading against the README table. */
function inMrr(rows: readonly MovementRow[]): (string | number)[][] {
  return rows.map((r) => [r.month, r.openingCents / 1200, r.newCents / 1200, r.expansionCents / 1200, r.reactivationCents / 1200, r.contractionCents / 1200, r.churnCents / 1200, r.closingCents / 1200]);
}

function balances(r: MovementRow): boolean {
  return r.openingCents + r.newCents + r.expansionCents + r.reactivationCents - r.contractionCents - r.churnCents === r.closingCents;
}

describe('MRR movements on fixtures/subscriptions (hand-computed in its README)', () => {
  it('classifies new, expansion, churn, contraction and reactivation month by month; trials and MRR-0 rows excluded', async () => {
    const ds = await load({ subscriptions: fixture('subscriptions.csv') });
    const ledger = buildLedger(ds.subscriptions ?? [], day(AS_OF));
    expect(ledger.counts).toEqual({ rows: 10, paid: 7, trials: 2, zeroMrr: 1, notStarted: 0, betweenMonthEnds: 1, accounts: 4 });
    const rows = mrrMovements(ledger);
    //                 month      opening  new  expansion  reactivation  contraction  churn  closing
    expect(inMrr(rows)).toEqual([
      ['2025-01', 0, 300, 0, 0, 0, 0, 300],
      ['2025-02', 300, 300, 0, 0, 0, 0, 600],
      ['2025-03', 600, 0, 50, 0, 0, 0, 650],
      ['2025-04', 650, 0, 0, 0, 0, 200, 450],
      ['2025-05', 450, 0, 0, 0, 180, 0, 270],
      ['2025-06', 270, 0, 0, 150, 0, 0, 420],
    ]);
    expect(rows.map((r) => [r.openingCustomers, r.newCustomers, r.reactivatedCustomers, r.churnedCustomers, r.closingCustomers])).toEqual([
      [0, 2, 0, 0, 2],
      [2, 1, 0, 0, 3],
      [3, 0, 0, 0, 3],
      [3, 0, 0, 1, 2],
      [2, 0, 0, 0, 2],
      [2, 0, 1, 0, 3],
    ]);
    for (const r of rows) expect(balances(r), r.month).toBe(true);
  });

  it('snapshots the as-of month at the as-of date and ignores subscriptions that start later', () => {
    const s = (p: Partial<Subscription>): Subscription => ({ line: 2, id: null, account: 'A', start: day('2025-01-01'), end: null, arrCents: 12_000, plan: null, segment: null, status: null, trial: false, ...p });
    const ledger = buildLedger([s({}), s({ account: 'B', start: day('2025-03-20') }), s({ account: 'C', start: day('2025-04-01') })], day('2025-03-15'));
    expect(ledger.months).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(ledger.days).toEqual([day('2025-01-31'), day('2025-02-28'), day('2025-03-15')]);
    expect(ledger.counts.notStarted).toBe(2); // B (2025-03-20) and C (2025-04-01)
    // B starts on 2025-03-20: after the as-of snapshot, so no movement yet
    expect(mrrMovements(ledger).map((r) => r.newCustomers)).toEqual([1, 0, 0]);
  });

  it('an account with two overlapping subscriptions is one customer; the end date is exclusive', () => {
    const s = (p: Partial<Subscription>): Subscription => ({ line: 2, id: null, account: 'A', start: day('2025-01-01'), end: null, arrCents: 1200, plan: null, segment: null, status: null, trial: false, ...p });
    const ledger = buildLedger([s({ end: day('2025-02-28') }), s({ account: 'a', start: day('2025-02-15'), arrCents: 2400 })], day('2025-03-31'));
    // "A" and "a" are the same account; the first subscription is not active on 2025-02-28 (its end)
    expect(ledger.names).toEqual(['A']);
    expect(mrrMovements(ledger).map((r) => [r.closingCents, r.closingCustomers])).toEqual([
      [1200, 1],
      [2400, 1],
      [2400, 1],
    ]);
  });

  it('cohorts by start quarter: net, gross and logo retention one quarter later', async () => {
    const ds = await load({ subscriptions: fixture('subscriptions.csv') });
    const cohorts = cohortsByQuarter(buildLedger(ds.subscriptions ?? [], day(AS_OF)), day(AS_OF), 1);
    expect(cohorts).toHaveLength(1);
    const c = cohorts[0];
    expect(c).toMatchObject({ label: 'FY2025 Q1', first: day('2025-01-01'), customers: 3, startingCents: 600 * 1200 });
    expect(c?.periods).toEqual([{ quarter: 1, end: day('2025-06-30'), customers: 3, cents: 420 * 1200, grossCents: 370 * 1200 }]);
    const block = subscriptionsBlock(ds, makeCtx(AS_OF), makeCache());
    const p = block?.cohorts[0]?.periods[0];
    expect(p?.nrr).toBeCloseTo(0.7, 12);
    expect(p?.grr).toBeCloseTo(370 / 600, 12);
    expect(p?.logoRetention).toBe(1);
    expect(block?.movements.map((m) => m.closingMrr)).toEqual([300, 600, 650, 450, 270, 420]);
  });

  it('the 12-month cohort: ARR then and now for the accounts paying on the start day', async () => {
    const ds = await load({ subscriptions: fixture('subscriptions.csv') });
    const ledger = buildLedger(ds.subscriptions ?? [], day(AS_OF));
    const c = windowCohort(ledger, day('2025-02-28'), day(AS_OF));
    // Acme 100 → 150 (expansion 50), Beta 200 → 150 (churned, came back smaller: contraction 50), Gamma 300 → 120 (contraction 180)
    expect(c).toMatchObject({
      accounts: 3,
      retainedAccounts: 3,
      beforeCents: 600 * 1200,
      afterCents: 420 * 1200,
      retainedCents: 370 * 1200,
      expansionCents: 50 * 1200,
      contractionCents: 230 * 1200,
      churnedCents: 0,
    });
  });
});

// The subscription metrics through MetricTester (test/helpers/metric-tester.ts): the audit's path over
// the fixture read by the real ingest (frozen), hand counts from its README. No evidence minimum is
// declared for them (evidence null).
const SUBS = await load({ subscriptions: fixture('subscriptions.csv') });
const NO_SUBS = makeDataset({ deals: [] });
const NEEDS_SUBS = 'needs a subscriptions file (--subscriptions)';

new MetricTester('mrr_churn_rate', { asOf: AS_OF }).run([
  // README: churned + contracted MRR (200 + 180) ÷ MRR at month starts (0 + 300 + 600 + 650 + 450 + 270 = 2270);
  // net also subtracts the expansion and reactivation MRR (50 + 150)
  { name: 'fixture: 380 ÷ 2270 monthly, net (380 − 50 − 150) ÷ 2270', ds: SUBS, status: 'ok', value: 380 / 2270, details: { netMrrChurnRate: (380 - 50 - 150) / 2270 }, evidence: null },
  { name: 'no subscriptions file → n/a naming the flag', ds: NO_SUBS, status: 'n/a', reason: NEEDS_SUBS },
]);

new MetricTester('logo_churn_rate', { asOf: AS_OF }).run([
  // README: 1 churned ÷ customers at the start of each month (0 + 2 + 3 + 3 + 2 + 2 = 12)
  { name: 'fixture: 1 churned customer ÷ 12 customers at month starts → 1/12', ds: SUBS, status: 'ok', value: 1 / 12, evidence: null },
  { name: 'no subscriptions file → n/a naming the flag', ds: NO_SUBS, status: 'n/a', reason: NEEDS_SUBS },
]);

new MetricTester('recurring_revenue_growth', { asOf: AS_OF }).run([
  { name: 'nobody paid twelve months earlier (2024-06-30) → n/a with the reason', ds: SUBS, status: 'n/a', reason: /needs subscriptions paying on 2024-06-30/ },
  // as of 2026-02-28 the window starts on 2025-02-28: Acme 100, Beta 200, Gamma 300 paying then (600), 420 now
  { name: 'a year later: 420 ÷ 600 − 1', ds: SUBS, asOf: '2026-02-28', status: 'ok', value: 420 / 600 - 1, evidence: null },
  { name: 'no subscriptions file → n/a naming the flag', ds: NO_SUBS, status: 'n/a', reason: NEEDS_SUBS },
]);

describe('subscription metrics', () => {
  it('grr is n/a with the reason when nobody paid twelve months earlier', async () => {
    const ds = await load({ subscriptions: fixture('subscriptions.csv') });
    const grr = metric('grr')(ds);
    expect(grr.kind === 'na' && grr.reason).toMatch(/needs accounts paying on 2024-06-30/);
  });

  it('a year later: GRR / NRR / logo retention from the subscriptions, saying so', async () => {
    const ds = await load({ subscriptions: fixture('subscriptions.csv') });
    // as of 2026-02-28 the window starts on 2025-02-28: Acme 100, Beta 200, Gamma 300 paying then
    const asOf = '2026-02-28';
    const grr = metric('grr')(ds, asOf);
    expect(valueOf(grr)).toBeCloseTo(370 / 600, 12);
    expect(grr.kind === 'value' && grr.details).toMatchObject({ source: 'subscriptions', arrBefore: 7200, arrRetained: 4440, churnedArr: 0, contractionArr: 2760 });
    expect(grr.kind === 'value' && grr.notes?.join(' ')).toMatch(/source: subscriptions \(no renewals file was given\)/);
    expect(valueOf(metric('nrr')(ds, asOf))).toBeCloseTo(0.7, 12);
    expect(valueOf(metric('logo_retention')(ds, asOf))).toBe(1);
    expect(valueOf(metric('expansion_arr')(ds, asOf))).toBe(600);
    expect(valueOf(metric('contraction_arr')(ds, asOf))).toBe(2760);
  });

  it('with renewals too, the retention metrics keep the renewals and show the subscription value beside', async () => {
    const subs = await load({ subscriptions: fixture('subscriptions.csv') });
    const ds = { ...subs, renewals: [makeRenewal({ renewalDate: '2025-12-01', arrBeforeCents: 1_000_000, arrAfterCents: 900_000 })], present: { ...subs.present, renewals: true } };
    const grr = metric('grr')(ds, '2026-02-28');
    expect(valueOf(grr)).toBeCloseTo(0.9, 12);
    expect(grr.kind === 'value' && grr.details).toMatchObject({ source: 'renewals' });
    expect(grr.kind === 'value' && (grr.details?.subscriptionsValue as number)).toBeCloseTo(370 / 600, 12);
    expect(grr.kind === 'value' && grr.notes?.join(' ')).toMatch(/source: the renewals file/);
  });

  it('without subscriptions the retention metrics are exactly what they were', () => {
    const ds = makeDataset({ renewals: [makeRenewal({ renewalDate: '2025-03-01', arrBeforeCents: 1_000_000, arrAfterCents: 800_000 })] });
    const grr = metric('grr')(ds);
    expect(grr.kind === 'value' && grr.details?.source).toBeUndefined();
    expect(metric('grr')(makeDataset({}))).toEqual({ kind: 'na', reason: 'needs a renewals file (--renewals)' });
  });

  it('every subscription metric is n/a without the subscriptions file, naming the flag', () => {
    for (const def of SUBSCRIPTION_METRICS) {
      expect(def.compute(makeDataset({ deals: [] }), makeCtx(AS_OF), makeCache()), def.id).toEqual({ kind: 'na', reason: 'needs a subscriptions file (--subscriptions)' });
    }
  });

  it('metrics do not mutate a frozen dataset and give the same outcome twice', async () => {
    const ds = deepFreeze(await load({ subscriptions: fixture('subscriptions.csv'), accounts: fixture('accounts.csv'), deals: fixture('deals.csv') }));
    for (const def of [...SUBSCRIPTION_METRICS, ...LENS_METRICS]) {
      expect(def.compute(ds, makeCtx(AS_OF), makeCache()), def.id).toEqual(def.compute(ds, makeCtx(AS_OF), makeCache()));
    }
  });
});

describe('penetration on fixtures/subscriptions (hand count in its README)', () => {
  it('market penetration = targets with a won deal ÷ target accounts, per segment', async () => {
    const ds = await load({ deals: fixture('deals.csv'), accounts: fixture('accounts.csv') });
    const o = metric('market_penetration')(ds);
    expect(valueOf(o)).toBeCloseTo(1 / 5, 12);
    expect(o.kind === 'value' && o.details).toEqual({
      targetAccounts: 5,
      customers: 1,
      outsideTargetList: 2,
      'Enterprise.penetration': 0,
      'Enterprise.targets': 1,
      'Enterprise.customers': 0,
      'Mid-Market.penetration': 0,
      'Mid-Market.targets': 2,
      'Mid-Market.customers': 0,
      'SMB.penetration': 0.5,
      'SMB.targets': 2,
      'SMB.customers': 1,
    });
  });

  it('paying subscribers count as customers when subscriptions are given', async () => {
    const ds = await load({ deals: fixture('deals.csv'), accounts: fixture('accounts.csv'), subscriptions: fixture('subscriptions.csv') });
    expect(valueOf(metric('market_penetration')(ds))).toBeCloseTo(4 / 5, 12);
  });

  it('pipeline penetration = targets with any deal ÷ target accounts', async () => {
    const ds = await load({ deals: fixture('deals.csv'), accounts: fixture('accounts.csv') });
    const o = metric('pipeline_penetration')(ds);
    expect(valueOf(o)).toBeCloseTo(4 / 5, 12);
    expect(o.kind === 'value' && o.details).toMatchObject({ 'SMB.penetration': 1, 'Enterprise.penetration': 1, 'Mid-Market.penetration': 0.5 });
  });

  it('n/a with a reason without an accounts file, or without account names on the deals', async () => {
    const deals = await load({ deals: fixture('deals.csv') });
    expect(metric('market_penetration')(deals)).toEqual({ kind: 'na', reason: 'needs an accounts file (--accounts): the target accounts to measure penetration against' });
    expect(metric('pipeline_penetration')(deals)).toEqual({ kind: 'na', reason: 'needs an accounts file (--accounts): the target accounts to measure penetration against' });
    const accounts = await load({ accounts: fixture('accounts.csv') });
    const noAccountColumn = { ...accounts, deals: [makeDeal({})], present: { ...accounts.present, deals: true } };
    expect(metric('pipeline_penetration')(noAccountColumn)).toMatchObject({ kind: 'na', reason: expect.stringMatching(/account column in the deals file/) });
  });

  it('an accounts file with a name and an id column matches deals by name and subscriptions by id (RavenStack layout)', async () => {
    const accounts = await readTable('accounts', 'accounts.csv', one(Buffer.from('account_id,account_name,industry\nA-1,Company_1,EdTech\nA-2,Company_2,FinTech\nA-3,Company_3,DevTools\n')), { config: {} });
    if (!accounts.ok) throw new Error('accounts');
    expect(accounts.report.mapping).toMatchObject({ account: 'account_name', id: 'account_id' });
    const sub: Subscription = { line: 2, id: null, account: 'A-2', start: day('2025-01-01'), end: null, arrCents: 12_000, plan: null, segment: null, status: null, trial: false };
    const base = makeDataset({ deals: [makeDeal({ account: 'Company_1', closed: '2025-03-01' })] });
    const ds: Dataset = { ...base, accounts: accounts.records, subscriptions: [sub], present: { ...base.present, accounts: true, subscriptions: true } };
    const o = metric('market_penetration')(ds);
    expect(valueOf(o)).toBeCloseTo(2 / 3, 12);
    expect(o.kind === 'value' && o.details).toMatchObject({ targetAccounts: 3, customers: 2, outsideTargetList: 0 });
  });

  it('close rate vs expected: the fixture\'s closed deals carry no open-stage probability → n/a, saying why', async () => {
    const ds = await load({ deals: fixture('deals.csv') });
    const o = metric('close_rate_vs_expected')(ds);
    expect(o.kind).toBe('na');
  });

  // issue 14 point 7: the same population on both sides; a perfectly calibrated column reads 1.0
  it.each([
    {
      // four deals at 25% (10,000 each): one won → 10,000 ÷ (4 × 0.25 × 10,000) = 1.0
      name: 'perfectly calibrated: 1 of 4 deals at 25% won → 1.0',
      deals: [0, 1, 2, 3].map((i) => makeDeal({ status: i === 0 ? 'won' : 'lost', probability: 0.25, closed: '2025-03-01', amountCents: 1_000_000 })),
      want: 1,
    },
    {
      // two at 80% (10,000 each), one won → 10,000 ÷ 16,000 = 0.625
      name: 'over-optimistic: 1 of 2 deals at 80% won → 0.625',
      deals: [makeDeal({ status: 'won', probability: 0.8, closed: '2025-03-01' }), makeDeal({ status: 'lost', probability: 0.8, closed: '2025-03-02' })],
      want: 0.625,
    },
    {
      name: 'closed deals reset to 0% / 100% → n/a',
      deals: [makeDeal({ status: 'won', probability: 1, closed: '2025-03-01' }), makeDeal({ status: 'lost', probability: 0, closed: '2025-03-02' })],
      want: null,
    },
  ])('$name', ({ deals, want }) => {
    const o = metric('close_rate_vs_expected')(makeDataset({ deals }));
    if (want === null) expect(o).toMatchObject({ kind: 'na', reason: expect.stringMatching(/0% \/ 100%/) });
    else expect(valueOf(o)).toBeCloseTo(want, 12);
  });
});

describe('the engine reports the subscription metrics only with subscriptions or accounts', () => {
  it('subscription metrics absent without them, present with either; the lens metrics always present', async () => {
    const subscriptionIds = SUBSCRIPTION_METRICS.map((m) => m.id);
    const lensIds = LENS_METRICS.map((m) => m.id);
    const plain = computeMetrics(await load({ deals: fixture('deals.csv') }), makeCtx(AS_OF));
    for (const id of subscriptionIds) expect(plain.metrics.some((m) => m.id === id), id).toBe(false);
    for (const id of lensIds) expect(plain.metrics.some((m) => m.id === id), id).toBe(true);
    expect(plain.metrics.find((m) => m.id === 'market_penetration')).toMatchObject({ status: 'n/a' });
    const withAccounts = computeMetrics(await load({ deals: fixture('deals.csv'), accounts: fixture('accounts.csv') }), makeCtx(AS_OF));
    for (const id of [...subscriptionIds, ...lensIds]) expect(withAccounts.metrics.some((m) => m.id === id), id).toBe(true);
    expect(withAccounts.metrics.find((m) => m.id === 'mrr_churn_rate')).toMatchObject({ status: 'n/a', reason: 'needs a subscriptions file (--subscriptions)' });
  });
});

const HAS_RAVENSTACK = existsSync(RAVENSTACK);
if (!HAS_RAVENSTACK) console.warn(`RavenStack test skipped: ${RAVENSTACK} not found (the shared datasets folder sits beside the repository as ../shared)`);

describe.skipIf(!HAS_RAVENSTACK)(`RavenStack subscriptions (../shared/datasets/ravenstack-saas, read in place)${HAS_RAVENSTACK ? '' : ': SKIPPED, folder absent'}`, () => {
  it('the movement table balances every month; trials at MRR 0 are excluded and counted', async () => {
    const ds = await load({ subscriptions: RAVENSTACK });
    const file = ds.files[0];
    expect(file?.rows).toEqual({ read: 5000, used: 5000, rejected: 0 });
    const subs = ds.subscriptions ?? [];
    const ledger = buildLedger(subs, day('2024-12-31'));
    expect(ledger.counts.trials).toBe(778);
    expect(subs.filter((s) => s.trial).every((s) => s.arrCents === 0)).toBe(true);
    expect(ledger.counts.paid + ledger.counts.trials + ledger.counts.zeroMrr).toBe(5000);
    const rows = mrrMovements(ledger);
    expect(rows.length).toBe(24);
    expect(rows[0]?.month).toBe('2023-01');
    for (const r of rows) expect(balances(r), r.month).toBe(true);
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.openingCents, rows[i]?.month).toBe(rows[i - 1]?.closingCents);
    // the closing MRR of the last month is the MRR of the paid subscriptions active on 2024-12-31
    const active = subs.filter((s) => !s.trial && s.start <= day('2024-12-31') && (s.end === null || s.end > day('2024-12-31')));
    expect(rows[rows.length - 1]?.closingCents).toBe(active.reduce((t, s) => t + s.arrCents, 0));
    // the report block in currency units balances too (floating point: within a cent)
    const block = subscriptionsBlock(ds, makeCtx('2024-12-31'), makeCache());
    for (const m of block?.movements ?? []) {
      expect(m.openingMrr + m.newMrr + m.expansionMrr + m.reactivationMrr - m.contractionMrr - m.churnMrr).toBeCloseTo(m.closingMrr, 2);
    }
  });
});

describe('the movement window is twelve whole months up to the as-of month (issue 14 point 7)', () => {
  // A 12,000 ARR throughout; B 6,000 ends 2024-06-20; C 3,000 ends 2025-03-10.
  const subs: Subscription[] = [
    { line: 2, id: 'a', account: 'A', start: day('2024-01-01'), end: null, arrCents: 1_200_000, plan: null, segment: null, status: null, trial: false },
    { line: 3, id: 'b', account: 'B', start: day('2024-01-01'), end: day('2024-06-20'), arrCents: 600_000, plan: null, segment: null, status: null, trial: false },
    { line: 4, id: 'c', account: 'C', start: day('2024-01-01'), end: day('2025-03-10'), arrCents: 300_000, plan: null, segment: null, status: null, trial: false },
  ];
  const ds: Dataset = { ...makeDataset(), subscriptions: subs, present: { deals: false, spend: false, renewals: false, subscriptions: true } };
  it.each([
    // 2024-07 … 2025-06: openings 9 × 15,000 (Jul–Mar) + 3 × 12,000 = 171,000 ARR; churn C 3,000.
    // A 13-month grid (2024-06 too, month-end 2024-06-30 after the window start 2024-06-15) added B's 6,000 and 21,000 of opening.
    { asOf: '2025-06-15', months: 12, rate: 3_000 / 171_000 },
    { asOf: '2025-06-30', months: 12, rate: 3_000 / 171_000 },
    // leap-year month end: window start 2024-02-28, February 2024's snapshot 2024-02-29 lies after it; 2024-03 … 2025-02:
    // openings 3 × 21,000 (Mar–May) + 1 × 21,000 (Jun, B churns in it) + 8 × 15,000 (Jul–Feb) = 204,000; churn B 6,000
    { asOf: '2025-02-28', months: 12, rate: 6_000 / 204_000 },
  ])('as-of $asOf: $months months, MRR churn rate $rate', ({ asOf, months, rate }) => {
    const o = metric('mrr_churn_rate')(ds, asOf);
    if (o.kind !== 'value') throw new Error(o.reason);
    expect(o.details?.months).toBe(months);
    expect(o.value).toBeCloseTo(rate, 12);
    const logos = metric('logo_churn_rate')(ds, asOf);
    expect(logos.kind === 'value' ? logos.details?.months : null).toBe(months);
  });
});
