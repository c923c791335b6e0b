/**
 * Ingest of the subscriptions and accounts inputs: presets detected from the header, MRR / ARR /
 * price-per-interval money, trials, rejects with reasons, and the accounts list.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { readTable, type RecordOf } from '../../src/ingest/read-table.js';
import type { FileReport, InputKind } from '../../src/base/model.js';
import { day } from '../helpers/builders.js';
import { ROOT } from '../helpers/cli.js';
import { one } from '../helpers/streams.js';

async function readOk<K extends InputKind>(kind: K, text: string, config: Config = {}): Promise<{ records: RecordOf<K>[]; report: FileReport }> {
  const r = await readTable(kind, `${kind}.csv`, one(text), { config });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join(' | '));
  expect(r.report.rows.read).toBe(r.report.rows.used + r.report.rows.rejected);
  return r;
}

describe('subscriptions input', () => {
  it('reads the fixture: generic layout, MRR × 12 as ARR cents, blank end = active, trials flagged by flag or status', async () => {
    const { records, report } = await readOk('subscriptions', readFileSync(join(ROOT, 'fixtures/subscriptions/subscriptions.csv'), 'utf8'));
    expect(report.preset).toBe('generic');
    expect(report.rows).toEqual({ read: 10, used: 10, rejected: 0 });
    const s1 = records.find((r) => r.id === 'S1');
    expect(s1).toMatchObject({ account: 'Acme Inc', start: day('2025-01-10'), end: null, arrCents: 100 * 100 * 12, plan: 'Pro', trial: false });
    expect(records.find((r) => r.id === 'S3')?.end).toBe(day('2025-04-20'));
    expect(records.find((r) => r.id === 'S7')?.trial).toBe(true); // is_trial true
    expect(records.find((r) => r.id === 'S9')?.trial).toBe(true); // status "trialing"
    expect(records.find((r) => r.id === 'S10')).toMatchObject({ trial: false, arrCents: 0 });
    expect(report.dateRange).toEqual({ min: '2025-01-10', max: '2025-06-01' });
  });

  it('derives MRR from ARR (ARR kept exact), and prefers MRR when both are given, warning when they disagree', async () => {
    const arrOnly = await readOk('subscriptions', 'account,start_date,arr\nA,2025-01-01,1000\n');
    expect(arrOnly.records[0]?.arrCents).toBe(100_000);
    const both = await readOk('subscriptions', 'account,start_date,mrr_amount,arr_amount\nA,2025-01-01,10,120\nB,2025-01-01,10,100\n');
    expect(both.records.map((r) => r.arrCents)).toEqual([12_000, 12_000]);
    expect(both.report.warnings.find((w) => w.code === 'arr_mrr_mismatch')?.message).toMatch(/1 row\(s\) have an ARR that is not 12 × their MRR \(first on line 3\)/);
    const mrrBlank = await readOk('subscriptions', 'account,start_date,mrr,arr\nA,2025-01-01,,600\n');
    expect(mrrBlank.records[0]?.arrCents).toBe(60_000);
  });

  it('detects a Stripe-style export: price × quantity per interval, churn at "Ended At", status trialing is a trial', async () => {
    const csv = [
      'id,Customer ID,Customer Email,Plan,Quantity,Interval,Amount,Status,Created (UTC),Start Date (UTC),Canceled At (UTC),Ended At (UTC)',
      'sub_1,cus_A,a@x.io,pro,2,month,49.00,active,2025-01-01 10:00,2025-01-01 10:00,,',
      'sub_2,cus_B,b@x.io,pro,1,year,1200.00,canceled,2025-01-05 10:00,2025-01-05 10:00,2025-02-01 09:00,2025-03-01 00:00',
      'sub_3,cus_C,c@x.io,pro,1,month,49.00,trialing,2025-03-01 10:00,2025-03-01 10:00,,',
      'sub_4,cus_D,d@x.io,pro,1,week,10.00,active,2025-03-01 10:00,2025-03-01 10:00,,',
    ].join('\n');
    const { records, report } = await readOk('subscriptions', csv);
    expect(report.preset).toBe('stripe');
    expect(report.mapping).toMatchObject({ account: 'Customer ID', start: 'Start Date (UTC)', end: 'Ended At (UTC)', amount: 'Amount', interval: 'Interval' });
    expect(records.map((r) => r.arrCents)).toEqual([2 * 4900 * 12, 120_000, 4900 * 12, 1000 * 52]);
    expect(records[1]?.end).toBe(day('2025-03-01'));
    expect(records.map((r) => r.trial)).toEqual([false, false, true, false]);
  });

  it('detects a Chargebee-style export (subscriptions.* columns, MRR column, status in_trial)', async () => {
    const csv = [
      'subscriptions.id,subscriptions.customer_id,subscriptions.plan_id,subscriptions.status,subscriptions.started_at,subscriptions.cancelled_at,subscriptions.mrr,subscriptions.billing_period_unit',
      'sb1,cust1,basic,active,2025-01-01,,99.5,month',
      'sb2,cust2,basic,in_trial,2025-02-01,,0,month',
      'sb3,cust3,basic,cancelled,2025-01-01,2025-04-01,250,year',
    ].join('\n');
    const { records, report } = await readOk('subscriptions', csv);
    expect(report.preset).toBe('chargebee');
    expect(records.map((r) => [r.account, r.arrCents, r.trial])).toEqual([
      ['cust1', 9950 * 12, false],
      ['cust2', 0, true],
      ['cust3', 25_000 * 12, false],
    ]);
  });

  it('rejects rows with a reason: no account, no start, an end before the start, no money, an unknown interval', async () => {
    const csv = [
      'account,start_date,end_date,mrr',
      ',2025-01-01,,10',
      'B,,,10',
      'C,2025-03-01,2025-02-01,10',
      'D,2025-01-01,,',
      'E,2025-01-01,,-5',
      'F,2025-01-01,,10',
    ].join('\n');
    const { records, report } = await readOk('subscriptions', csv);
    expect(records.map((r) => r.account)).toEqual(['F']);
    expect(report.rejects.map((r) => [r.line, r.code])).toEqual([
      [2, 'missing_value'],
      [3, 'missing_date'],
      [4, 'invalid_value'],
      [5, 'missing_amount'],
      [6, 'negative_amount'],
    ]);
    expect(report.rejects[2]?.reason).toMatch(/end date on or after the start date/);
    const interval = await readOk('subscriptions', 'account,start_date,amount,interval\nA,2025-01-01,10,fortnight\n');
    expect(interval.report.rejects[0]).toMatchObject({ code: 'invalid_value', column: 'interval' });
  });

  it('refuses a file with no money column, naming what it expected', async () => {
    const r = await readTable('subscriptions', 'subscriptions.csv', one('account,start_date,plan\nA,2025-01-01,pro\n'), { config: {} });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.message).toMatch(/required column for the MRR is missing/);
  });
});

describe('accounts input', () => {
  it('reads the fixture: is_target flags (blank = false), segment, industry, region', async () => {
    const { records, report } = await readOk('accounts', readFileSync(join(ROOT, 'fixtures/subscriptions/accounts.csv'), 'utf8'));
    expect(report.preset).toBe('generic');
    expect(records.map((a) => [a.account, a.isTarget])).toEqual([
      ['Acme Inc', true],
      ['Beta LLC', true],
      ['Gamma Co', true],
      ['Delta', false],
      ['Epsilon', true],
      ['Zeta', false],
      ['Eta', true],
    ]);
    expect(records[0]).toMatchObject({ segment: 'SMB', industry: 'Software', region: 'US' });
    expect(report.dateRange).toBeNull();
  });

  it('reads a Maven-style accounts file (sector, office_location, no is_target column: every account is a target)', async () => {
    const { records } = await readOk('accounts', 'account,sector,year_established,revenue,employees,office_location,subsidiary_of\nAcme Corporation,technolgy,1996,1100.04,2822,United States,\n');
    expect(records[0]).toMatchObject({ account: 'Acme Corporation', industry: 'technolgy', region: 'United States', isTarget: null, segment: null });
  });

  it('rejects a duplicate account (case and punctuation ignored) and an unreadable target flag', async () => {
    const { records, report } = await readOk('accounts', 'account,is_target\nAcme Inc,yes\n"ACME, Inc.",no\nBeta,maybe\n');
    expect(records.map((a) => a.account)).toEqual(['Acme Inc']);
    expect(report.rejects.map((r) => [r.line, r.code])).toEqual([
      [3, 'duplicate_id'],
      [4, 'invalid_value'],
    ]);
    expect(report.rejects[0]?.reason).toMatch(/already listed on line 2/);
  });
});

describe('concurrent subscriptions per account (issue 14: summed without a word)', () => {
  const HEAD = 'subscription_id,account_id,start_date,end_date,mrr_amount,is_trial';
  it.each([
    {
      // A: S1 [Jan, Jun) and S2 [Mar, –) overlap → 2 at once; S3 from Jun overlaps S2 only → still 2.
      // B: S4 ends the day S5 starts (end is exclusive) → a replacement, 1 at once.
      // C: S6, S7, S8 all open → 3 at once. D: one row. E: a trial beside a paid row does not count.
      name: '2 of 5 accounts overlap, up to 3 at once',
      rows: [
        'S1,A,2024-01-01,2024-06-01,100,false',
        'S2,A,2024-03-01,,100,false',
        'S3,A,2024-06-01,,100,false',
        'S4,B,2024-01-01,2024-04-01,100,false',
        'S5,B,2024-04-01,,150,false',
        'S6,C,2024-01-01,,100,false',
        'S7,C,2024-02-01,,100,false',
        'S8,C,2024-02-01,,100,false',
        'S9,D,2024-01-01,,100,false',
        'S10,E,2024-01-01,,100,false',
        'S11,E,2024-02-01,2024-03-01,0,true',
      ],
      message: /^2 account\(s\) hold several paid subscriptions at the same time \(up to 3 at once, e\.g\. "C"\)/,
      count: 2,
    },
    { name: 'replacements only → no warning', rows: ['S1,A,2024-01-01,2024-04-01,100,false', 'S2,A,2024-04-01,,150,false'], message: null, count: 0 },
  ])('$name', async ({ rows, message, count }) => {
    const { report } = await readOk('subscriptions', [HEAD, ...rows, ''].join('\n'));
    const w = report.warnings.find((x) => x.code === 'concurrent_subscriptions');
    if (message === null) expect(w).toBeUndefined();
    else {
      expect(w?.message).toMatch(message);
      expect(w?.message).toMatch(/summed per account/);
      expect(w?.count).toBe(count);
    }
  });
});
