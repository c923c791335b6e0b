/**
 * Issue 13: deals in several currencies are never summed as one. With fxRates they are converted
 * into company.currency (per currency, or per currency and close month); without a rate they are
 * kept for counts, left out of value metrics, and a note names the currency, the rows and the amount.
 */
import { describe, expect, it } from 'vitest';
import { configSchema, type FxRates } from '../../src/config/schema.js';
import { buildDataset } from '../../src/ingest/dataset.js';
import { readTable } from '../../src/ingest/read-table.js';
import type { Dataset } from '../../src/base/model.js';
import { runAudit } from '../../src/audit/run.js';
import { renderAuditHeader } from '../../src/report/terminal.js';
import { PLAIN } from '../../src/report/text.js';
import type { Config } from '../../src/config/schema.js';
import { one } from '../helpers/streams.js';

async function dataset(text: string, company: string | null, rates: FxRates): Promise<Dataset> {
  const r = await readTable('deals', 'deals.csv', one(text), { config: {} });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return buildDataset({ deals: { records: r.records, report: r.report } }, { currency: { company, rates } });
}

// Pipedrive-style: 2 USD deals, 2 EUR deals (one closed in January, one in February), 1 GBP deal
const PIPEDRIVE = [
  'Deal - ID,Deal - Value,Deal - Currency,Deal - Stage,Deal - Status,Deal - Deal created,Deal - Won time,Deal - Lost time,Deal - Expected close date',
  'D1,1000,USD,Negotiation,won,2025-01-02,2025-01-20,,',
  'D2,2000,USD,Negotiation,open,2025-01-02,,,2025-03-31',
  'D3,1000,EUR,Negotiation,won,2025-01-02,2025-01-25,,',
  'D4,500,EUR,Negotiation,won,2025-01-02,2025-02-10,,',
  'D5,3000,gbp,Negotiation,lost,2025-01-02,,2025-02-11,',
].join('\n');

function amounts(ds: Dataset): [string | null, number, boolean][] {
  return ds.deals.map((d) => [d.id, d.amountCents, d.amountMissing === true]);
}

describe('multi-currency deals', () => {
  const cases: [string, string | null, FxRates, [string | null, number, boolean][], string[]][] = [
    [
      'without rates: other currencies kept for counts, left out of value',
      'USD',
      {},
      [['D1', 100_000, false], ['D2', 200_000, false], ['D3', 0, true], ['D4', 0, true], ['D5', 0, true]],
      [
        'currency_without_rate: 2 deal(s) in EUR (lines 4, 5; 1,500 EUR in all) have no rate into USD',
        'currency_without_rate: 1 deal(s) in GBP (lines 6; 3,000 GBP in all) have no rate into USD',
      ],
    ],
    [
      'one rate per currency',
      'USD',
      { EUR: 1.08, GBP: 1.25 },
      [['D1', 100_000, false], ['D2', 200_000, false], ['D3', 108_000, false], ['D4', 54_000, false], ['D5', 375_000, false]],
      ['currency_converted: 2 deal(s) in EUR converted to USD at 1.08', 'currency_converted: 1 deal(s) in GBP converted to USD at 1.25'],
    ],
    [
      'monthly rates: the close month picks the rate; a month without one is left out',
      'USD',
      { EUR: { '2025-01': 1.1, '2025-02': 1.05 }, GBP: { '2025-01': 1.3 } },
      [['D1', 100_000, false], ['D2', 200_000, false], ['D3', 110_000, false], ['D4', 52_500, false], ['D5', 0, true]],
      ['currency_converted: 2 deal(s) in EUR converted to USD at the monthly rates', 'currency_without_rate: 1 deal(s) in GBP (lines 6; 3,000 GBP in all) have no rate into USD'],
    ],
    [
      'company currency EUR: USD rows need the rate',
      'EUR',
      { USD: 0.9, GBP: 1.2 },
      [['D1', 90_000, false], ['D2', 180_000, false], ['D3', 100_000, false], ['D4', 50_000, false], ['D5', 360_000, false]],
      ['currency_converted: 1 deal(s) in GBP converted to EUR at 1.2', 'currency_converted: 2 deal(s) in USD converted to EUR at 0.9'],
    ],
  ];
  it.each(cases)('%s', async (_name, company, rates, expected, notes) => {
    const ds = await dataset(PIPEDRIVE, company, rates);
    expect(amounts(ds)).toEqual(expected);
    const said = (ds.files[0]?.warnings ?? []).filter((w) => w.code.startsWith('currency_')).map((w) => `${w.code}: ${w.message}`);
    expect(said.length).toBe(notes.length);
    notes.forEach((n, i) => expect(said[i]).toContain(n));
    // deal counts are unchanged whatever the rates
    expect(ds.deals.length).toBe(5);
  });

  it('without company.currency, a one-currency file is taken as the company currency: nothing left out', async () => {
    const ds = await dataset('id,amount,currency,stage,created,closed\n1,100,EUR,won,2025-01-01,2025-02-01\n2,50,EUR,lost,2025-01-01,2025-02-01\n', null, {});
    expect(amounts(ds)).toEqual([['1', 10_000, false], ['2', 5_000, false]]);
    expect(ds.files[0]?.warnings.filter((w) => w.code.startsWith('currency_'))).toEqual([]);
  });

  it('without company.currency, several currencies: the most frequent is taken, and said', async () => {
    const ds = await dataset(PIPEDRIVE, null, {});
    // USD and EUR both have 2 rows: alphabetical order decides (EUR), and the note says which
    expect(amounts(ds).map(([id, , missing]) => [id, missing])).toEqual([['D1', true], ['D2', true], ['D3', false], ['D4', false], ['D5', true]]);
    expect(ds.files[0]?.warnings.some((w) => /company\.currency is not set: EUR/.test(w.message))).toBe(true);
  });

  it('an amount already in the company currency (HubSpot "Amount in company currency") is not converted again', async () => {
    const text = 'Record ID,Amount in company currency,Currency,Deal Stage,Create Date,Close Date\n1,100,EUR,closedwon,2025-01-01,2025-02-01\n2,100,USD,closedwon,2025-01-01,2025-02-01\n';
    const ds = await dataset(text, 'USD', {});
    expect(amounts(ds)).toEqual([['1', 10_000, false], ['2', 10_000, false]]);
  });

  it('the currency written in the amount cell ("€1,000", "500 GBP") counts like a currency column; "$" names none', async () => {
    const text = 'id,amount,stage,created,closed\n1,"$1,000",won,2025-01-01,2025-02-01\n2,"€1,000",won,2025-01-01,2025-02-01\n3,500 GBP,lost,2025-01-01,2025-02-01\n4,EUR 200,won,2025-01-01,2025-02-01\n';
    // without rates: the EUR and GBP rows are kept for counts and left out of value, and said
    const bare = await dataset(text, 'USD', {});
    expect(amounts(bare)).toEqual([['1', 100_000, false], ['2', 0, true], ['3', 0, true], ['4', 0, true]]);
    const said = (bare.files[0]?.warnings ?? []).filter((w) => w.code === 'currency_without_rate').map((w) => w.message);
    expect(said).toHaveLength(2);
    expect(said[0]).toContain('2 deal(s) in EUR (lines 3, 5; 1,200 EUR in all)');
    expect(said[1]).toContain('1 deal(s) in GBP (lines 4; 500 GBP in all)');
    // with rates: converted (1,000 × 1.1 = 1,100; 500 × 1.25 = 625; 200 × 1.1 = 220)
    const rated = await dataset(text, 'USD', { EUR: 1.1, GBP: 1.25 });
    expect(amounts(rated)).toEqual([['1', 100_000, false], ['2', 110_000, false], ['3', 62_500, false], ['4', 22_000, false]]);
  });

  it('fxRates in the config: a rate per currency or per month; bad codes and months are refused', () => {
    expect(configSchema().safeParse({ fxRates: { EUR: 1.08 } }).success).toBe(true);
    expect(configSchema().safeParse({ fxRates: { EUR: { '2025-01': 1.08 } } }).success).toBe(true);
    expect(configSchema().safeParse({ fxRates: { eur: 1.08 } }).success).toBe(false);
    expect(configSchema().safeParse({ fxRates: { EUR: { January: 1.08 } } }).success).toBe(false);
    expect(configSchema().safeParse({ fxRates: { EUR: -1 } }).success).toBe(false);
  });
});

describe('currency across inputs (issue 14, QA)', () => {
  const SPEND_EUR = 'period,channel,category,amount,currency\n2025-01,Paid Search,marketing,1000,EUR\n2025-02,Paid Search,marketing,2000,EUR\n';
  const SPEND_USD = 'period,channel,category,amount,currency\n2025-01,Paid Search,marketing,1000,USD\n2025-02,Paid Search,marketing,2000,USD\n';
  const DEALS_EUR = 'id,amount,currency,stage,created,closed\n1,100,EUR,won,2025-01-01,2025-02-01\n2,50,EUR,lost,2025-01-01,2025-02-01\n';
  async function folder(deals: string | null, spend: string | null, company: string | null, rates: FxRates = {}): Promise<Dataset> {
    const d = deals === null ? null : await readTable('deals', 'deals.csv', one(deals), { config: {} });
    const s = spend === null ? null : await readTable('spend', 'spend.csv', one(spend), { config: {} });
    if ((d !== null && !d.ok) || (s !== null && !s.ok)) throw new Error('read failed');
    return buildDataset(
      { ...(d !== null && d.ok ? { deals: { records: d.records, report: d.report } } : {}), ...(s !== null && s.ok ? { spend: { records: s.records, report: s.report } } : {}) },
      { currency: { company, rates } },
    );
  }
  it.each([
    { name: 'a spend-only folder in EUR is reported in EUR', deals: null, spend: SPEND_EUR, company: null, stated: 'EUR', mixed: null },
    { name: 'deals and spend both in EUR: EUR, nothing mixed', deals: DEALS_EUR, spend: SPEND_EUR, company: null, stated: 'EUR', mixed: null },
    { name: 'deals in EUR, spend in USD, no config: the deals currency, and the mix is said', deals: DEALS_EUR, spend: SPEND_USD, company: null, stated: 'EUR', mixed: { deals: 'EUR', spend: 'USD' } },
    { name: 'company.currency set: each reader converts into it, nothing mixed', deals: DEALS_EUR, spend: SPEND_USD, company: 'EUR', stated: null, mixed: null },
  ])('$name', async ({ deals, spend, company, stated, mixed }) => {
    const ds = await folder(deals, spend, company, company === null ? {} : { USD: 0.9 });
    expect(ds.statedCurrency ?? null).toBe(stated);
    expect(ds.mixedCurrencies ?? null).toEqual(mixed);
  });
  it('the audit of a spend-only EUR folder prints EUR', async () => {
    const r = runAudit(await folder(null, SPEND_EUR, null), {} as Config, { toolVersion: 'test', asOf: '2025-02-28' });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.report.company.currency).toBe('EUR');
  });
  it('deals in EUR and spend in USD: a loud warning, and every metric reading spend is n/a (none is printed in EUR)', async () => {
    const r = runAudit(await folder(DEALS_EUR, SPEND_USD, null), {} as Config, { toolVersion: 'test', asOf: '2025-02-28' });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const warnings = r.report.inputs.flatMap((i) => i.warnings);
    expect(warnings.filter((w) => w.includes('deals in EUR, spend in USD: set fxRates')).length).toBeGreaterThan(0);
    const spend = r.report.metrics.filter((m) => m.inputs.includes('spend'));
    expect(spend.some((m) => m.inputs.includes('deals'))).toBe(true);
    expect(spend.some((m) => m.inputs.length === 1)).toBe(true);
    for (const m of spend) {
      expect(m.status, m.id).toBe('n/a');
      expect(m.reason, m.id).toContain('deals in EUR, spend in USD: set fxRates');
    }
    // loudly: in the header, under the inputs, not only in the warnings at the end
    const header = renderAuditHeader(r.report, PLAIN).join('\n');
    expect(header).toMatch(/warning: deals in EUR, spend in USD: set fxRates/);
    // CAC, the QA case: EUR bookings over USD spend; the USD spend series is not charted in EUR either
    expect(r.report.metrics.find((m) => m.id === 'cac')?.status).toBe('n/a');
    expect((r.report.series['spend'] ?? []).every((p) => p.value === null)).toBe(true);
    expect((r.report.series['bookings'] ?? []).some((p) => p.value === 100)).toBe(true);
  });
});
