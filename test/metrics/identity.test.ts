/**
 * One account identity (issue 15): a customer billed as "Acme Inc" and later as "ACME, Inc." is
 * one account in every metric that groups or joins by account. Hand-computed, as-of 2025-06-30
 * (window 2024-06-30 exclusive to 2025-06-30).
 */
import { describe, expect, it } from 'vitest';
import { accountKey, channelKey, normalizeKey } from '../../src/base/identity.js';
import { computeMetrics } from '../../src/metrics/engine.js';
import type { MetricResult } from '../../src/metrics/types.js';
import type { Dataset, Subscription } from '../../src/base/model.js';
import { computeItems } from '../../src/audit/items.js';
import { day, makeCtx, makeDataset, makeDeal, makeRenewal } from '../helpers/builders.js';

const AS_OF = '2025-06-30';

function sub(account: string, start: string, end: string | null, arr: number, line: number): Subscription {
  return { line, id: `s${line}`, account, start: day(start), end: end === null ? null : day(end), arrCents: arr * 100, plan: null, segment: null, status: null, trial: false };
}

function withSubs(subs: readonly Subscription[], base: Dataset = makeDataset()): Dataset {
  return { ...base, subscriptions: subs, present: { ...base.present, subscriptions: true } };
}

function byId(metrics: readonly MetricResult[], id: string): MetricResult {
  const m = metrics.find((x) => x.id === id);
  if (!m) throw new Error(`no metric ${id}`);
  return m;
}

describe('accountKey / channelKey / normalizeKey: one rule', () => {
  it.each([
    ['Acme Inc', 'ACME, Inc.'],
    ['Acme Inc', ' acme-inc '],
    ['Émile & Co', 'émile co'],
  ])('%s is the same account as %s', (a, b) => {
    expect(accountKey(a)).toBe(accountKey(b));
  });
  it('keeps different names apart, and a name of punctuation only as itself', () => {
    expect(accountKey('Acme Inc')).not.toBe(accountKey('Acme Ltd'));
    expect(accountKey('---')).toBe('---');
    expect(normalizeKey('---')).toBe('');
    expect(channelKey('Paid Search')).toBe(normalizeKey('paid_search'));
  });
});

describe('"Acme Inc" then "ACME, Inc." in the subscriptions: one continuing customer everywhere', () => {
  // Acme 12,000 ARR all year under two spellings (the name changed on 2025-03-01); Beta 6,000
  // churns on 2025-01-01; Gamma 3,000 is new on 2024-10-01.
  const ds = withSubs([
    sub('Acme Inc', '2024-01-01', '2025-03-01', 12_000, 2),
    sub('ACME, Inc.', '2025-03-01', null, 12_000, 3),
    sub('Beta LLC', '2024-01-01', '2025-01-01', 6_000, 4),
    sub('Gamma', '2024-10-01', null, 3_000, 5),
  ]);
  const m = computeMetrics(ds, makeCtx(AS_OF)).metrics;

  it.each([
    // cohort on 2024-06-30: Acme 12,000 + Beta 6,000 = 18,000; now Acme 12,000
    ['grr', 12_000 / 18_000],
    ['nrr', 12_000 / 18_000],
    ['logo_retention', 1 / 2],
    ['churned_arr', 6_000],
    ['contraction_arr', 0],
    ['expansion_arr', 0],
    // (new 3,000 + expansion 0) ÷ (churn 6,000 + contraction 0); before: Acme counted 12,000 churned and 12,000 new → 15,000 ÷ 18,000
    ['quick_ratio', 3_000 / 6_000],
  ])('%s = %f', (id, expected) => {
    expect(byId(m, id).value).toBeCloseTo(expected, 10);
  });

  it('the quick ratio counts the same churn as GRR and no Acme "new" ARR', () => {
    expect(byId(m, 'quick_ratio').details).toMatchObject({ source: 'subscriptions', newArr: 3_000, expansionArr: 0, churnedArr: 6_000, contractionArr: 0 });
    expect(byId(m, 'grr').details).toMatchObject({ churnedArr: 6_000, contractionArr: 0 });
  });
});

describe('"Acme Inc" / "ACME, Inc." in the renewals', () => {
  it('trailing-cohort NRR follows one account across both spellings', () => {
    // Acme Inc renewed on 2024-03-01 10,000 → 12,000; ACME, Inc. renewed on 2025-03-01 12,000 → 15,000.
    // One account: 12,000 on 2024-06-30, 15,000 on 2025-06-30 → 1.25 (two accounts read 27,000 ÷ 24,000 = 1.125).
    const ds = makeDataset({
      renewals: [
        makeRenewal({ account: 'Acme Inc', renewalDate: '2024-03-01', arrBeforeCents: 1_000_000, arrAfterCents: 1_200_000 }),
        makeRenewal({ account: 'ACME, Inc.', renewalDate: '2025-03-01', arrBeforeCents: 1_200_000, arrAfterCents: 1_500_000 }),
      ],
    });
    const nrr = byId(computeMetrics(ds, makeCtx(AS_OF, { methodology: { ...makeCtx(AS_OF).profile.methodology, nrrWindow: 'trailing_12m_cohort' } })).metrics, 'nrr');
    expect(nrr.value).toBeCloseTo(1.25, 10);
    expect(nrr.details).toMatchObject({ cohortAccounts: 1, arrThen: 12_000, arrNow: 15_000 });
  });

  it('logo retention judges one account by its latest renewal, whatever the spelling', () => {
    // Acme Inc's old contract ended (2024-09-01, 0) and ACME, Inc. renewed on 2025-03-01: 1 of 1 retained
    const ds = makeDataset({
      renewals: [
        makeRenewal({ account: 'Acme Inc', renewalDate: '2024-09-01', arrBeforeCents: 500_000, arrAfterCents: 0 }),
        makeRenewal({ account: 'ACME, Inc.', renewalDate: '2025-03-01', arrBeforeCents: 1_200_000, arrAfterCents: 1_200_000 }),
        makeRenewal({ account: 'Beta', renewalDate: '2025-04-01', arrBeforeCents: 600_000, arrAfterCents: 0 }),
      ],
    });
    const logo = byId(computeMetrics(ds, makeCtx(AS_OF)).metrics, 'logo_retention');
    expect(logo.value).toBeCloseTo(1 / 2, 10);
    expect(logo.details).toMatchObject({ accountsDue: 2, accountsRetained: 1, contractsDue: 3 });
  });

  it('at-risk accounts: one item for both spellings, their ARR summed', () => {
    const ds = makeDataset({
      renewals: [
        makeRenewal({ account: 'Acme Inc', renewalDate: '2025-07-15', arrBeforeCents: 1_000_000, arrAfterCents: 0 }),
        makeRenewal({ account: 'ACME, Inc.', renewalDate: '2025-08-01', arrBeforeCents: 500_000, arrAfterCents: 400_000 }),
      ],
    });
    const items = computeItems(ds, makeCtx(AS_OF)).atRiskAccounts;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: 'account:Acme Inc', account: 'Acme Inc', renewalDate: '2025-07-15', arrBefore: 15_000, arrAfter: 4_000 });
  });
});

describe('"Acme Inc" / "ACME, Inc." in the deals', () => {
  it('concentration counts one customer under its code-unit-smallest spelling', () => {
    const deals = [
      makeDeal({ account: 'Acme Inc', status: 'won', amountCents: 3_000_000, closed: '2025-02-01' }),
      makeDeal({ account: 'ACME, Inc.', status: 'won', amountCents: 3_000_000, closed: '2025-03-01' }),
      ...Array.from({ length: 10 }, (_, i) => makeDeal({ account: `Other ${i}`, status: 'won', amountCents: 400_000, closed: '2025-04-01' })),
    ];
    const top = byId(computeMetrics(makeDataset({ deals }), makeCtx(AS_OF)).metrics, 'top10_concentration');
    // top 10 = Acme 60,000 + nine others 36,000 = 96,000 of 100,000
    expect(top.value).toBeCloseTo(0.96, 10);
  });
});
