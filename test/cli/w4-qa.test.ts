/**
 * QA on real and hostile exports (w4): what a client would have seen wrongly, each pinned by a small
 * fixture written here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, ROOT, runCliAsync, tempDir } from '../helpers/cli.js';

const HEADER = 'deal_id,stage,amount,created_date,close_date,owner,account';

describe('a deals file whose every row is rejected', () => {
  // row 1: created "notadate" → invalid_date; row 2: amount "abc" → invalid_amount
  const dir = tempDir({
    'deals.csv': `${HEADER}\n1,Closed Won,1000,notadate,2024-02-01,Ann,Acme\n2,Closed Won,abc,2024-01-01,2024-02-03,Ann,Acme\n`,
  });

  it('audit says every row was rejected and points at validate, not at --as-of', async () => {
    const r = await runCliAsync(['audit', dir]);
    expect(r.code).toBe(2);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(r.stderr).toMatch(/every row of \S*deals\.csv was rejected \(2 of 2: invalid_amount 1, invalid_date 1\)/);
    expect(r.stderr).toMatch(/revhealth validate/);
    expect(r.stderr).not.toMatch(/pass --as-of/);
  });
});

describe('a deals export that states one currency, no config', () => {
  // Zoho CRM "Deals.csv" from a euro portal: every row says EUR
  const dir = tempDir({
    'Deals.csv': [
      'Record Id,Deal Owner,Deal Name,Amount,Closing Date,Account Name,Stage,Type,Lead Source,Created Time,Currency',
      'zcrm_1,Priya Raman,Acme - Platform,"24,000.00",21/02/2025,Acme Corp,Closed Won,New Business,Web,06/01/2025 09:12,EUR',
      'zcrm_2,Tom Becker,Bluefin - Platform,"48,000.00",14/03/2025,Bluefin,Closed Lost,New Business,Partner,09/01/2025 11:40,EUR',
      'zcrm_3,Tom Becker,Delta - Platform,"36,000.00",02/04/2025,Delta Retail,Closed Won,New Business,Web,01/02/2025 08:30,EUR',
      '',
    ].join('\n'),
  });

  it('the audit is in EUR (as the file states), not USD: euro amounts never printed with a dollar sign', async () => {
    const json = await runCliAsync(['audit', dir, '--format', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).company.currency).toBe('EUR');
    const text = await runCliAsync(['audit', dir, '--no-color']);
    expect(text.stdout).toMatch(/· EUR/);
    expect(text.stdout).not.toMatch(/\$60/);
  });

  it('company.currency in the config still wins: USD, the euro rows converted at fxRates', async () => {
    const csv = readFileSync(join(dir, 'Deals.csv'), 'utf8');
    const withConfig = tempDir({ 'Deals.csv': csv, 'revhealth.config.json': JSON.stringify({ company: { currency: 'USD' }, fxRates: { EUR: 1.1 } }) });
    const r = await runCliAsync(['audit', withConfig, '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.company.currency).toBe('USD');
    // (24,000 + 36,000) EUR × 1.1 = 66,000 USD
    expect(report.metrics.find((m: { id: string }) => m.id === 'bookings').value).toBeCloseTo(66_000, 2);
  });
});

describe('init on an empty export', () => {
  it.each([
    { name: '0 bytes', content: '' },
    { name: 'blank lines only', content: '\n\n\r\n' },
  ])('$name: says the file is empty (as validate does), not "map these columns"', async ({ content }) => {
    const dir = tempDir({ 'deals.csv': content });
    const r = await runCliAsync(['init', dir, '--yes']);
    expect(r.code).toBe(2);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(r.stderr).toMatch(/deals\.csv.*(empty|no rows)/);
    expect(r.stderr).not.toMatch(/Add these lines|no column found/);
  });
});

describe('two exports of one system, a month apart', () => {
  // a CRO drops this month's HubSpot export next to last month's: the newer one is read
  const HS = 'Record ID,Deal Name,Deal Stage,Close Date,Deal owner,Amount,Create Date,Pipeline';
  const r = (i: number, close: string): string => `${i},Deal ${i},Closed won,${close} 10:00,Ann,1000,2024-01-02 09:00,Sales Pipeline`;
  it.each([
    { older: 'hubspot-crm-exports-all-deals-2024-01-31.csv', newer: 'hubspot-crm-exports-all-deals-2024-03-31.csv' },
    { older: 'deals_20240131.csv', newer: 'deals_20240331.csv' },
  ])('$newer is read, not $older (same layout: the date in the name decides)', async ({ older, newer }) => {
    const dir = tempDir({
      [older]: [HS, r(1, '2024-01-10'), r(2, '2024-01-20'), ''].join('\n'),
      [newer]: [HS, r(1, '2024-01-10'), r(2, '2024-01-20'), r(3, '2024-03-05'), ''].join('\n'),
    });
    const v = await runCliAsync(['validate', dir, '--format', 'json']);
    expect(v.code).toBe(0);
    const files = JSON.parse(v.stdout).files as { path: string; rows: { read: number } }[];
    expect(files.map((f) => [f.path.split('/').at(-1), f.rows.read])).toEqual([[newer, 3]]);
  });
});

describe('a configured next-quarter target and a back-dated --as-of', () => {
  // the demo's targets.nextQuarterBookings (1.63M) is the target of the quarter after its asOf
  // 2025-12-31; at --as-of 2024-01-01 it was applied to FY2024 Q2 (0.02×, critical starvation)
  const demo = join(ROOT, 'fixtures/demo');
  it.each([
    { asOf: '2024-06-30', basis: /^proxy: bookings of FY2024 Q2$/ },
    { asOf: '2025-03-31', basis: /^proxy: bookings of FY2025 Q1$/ },
    { asOf: '2025-12-31', basis: /^targets\.nextQuarterBookings$/ },
    { asOf: '2025-11-15', basis: /^targets\.nextQuarterBookings$/ },
  ])('--as-of $asOf: coverage judged against $basis', async ({ asOf, basis }) => {
    const r = await runCliAsync(['audit', demo, '--format', 'json', '--as-of', asOf]);
    expect(r.code).toBe(0);
    const m = (JSON.parse(r.stdout).metrics as { id: string; details: Record<string, unknown> | null }[]).find((x) => x.id === 'pipeline_coverage');
    expect(String(m?.details?.targetBasis)).toMatch(basis);
  });
});
