/**
 * Issue 13: amounts in several currencies are never summed as one. A deals file without a currency
 * column may still write the currency in the amount cell ("€12.000", "GBP 1,200", "1 200,50 €"):
 * that currency is the row's, so the rows are converted with fxRates or left out with a warning.
 */
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/ingest/dataset.js';
import { readTable } from '../../src/ingest/read-table.js';

async function* once(text: string): AsyncIterable<Uint8Array> {
  yield Buffer.from(text, 'utf8');
}

async function dataset(rows: readonly string[], company: string | null, rates: Record<string, number> = {}) {
  const text = ['deal_id,stage,amount,created_date,close_date,owner,account', ...rows, ''].join('\n');
  const r = await readTable('deals', 'deals.csv', once(text), { config: {} });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join(' | '));
  return buildDataset({ deals: { records: r.records, report: r.report } }, { currency: { company, rates } });
}

const won = (i: number, amount: string): string => `${i},Closed Won,"${amount}",2024-01-01,2024-02-01,Ann,A${i}`;

describe('currency written in the amount cell', () => {
  it('EUR and GBP cells with company USD and no rates: left out of value metrics with a warning naming each', async () => {
    const ds = await dataset([won(1, 'USD 1,000'), won(2, '€2.000,00'), won(3, '£300.00'), won(4, '500')], 'USD');
    // USD 1,000 and the plain 500 stay; €2,000 and £300 are not summed with them
    expect(ds.deals.map((d) => [d.amountCents, d.amountMissing === true])).toEqual([
      [100_000, false],
      [0, true],
      [0, true],
      [50_000, false],
    ]);
    const warnings = ds.files[0]!.warnings.filter((w) => w.code === 'currency_without_rate').map((w) => w.message);
    expect(warnings.join(' ')).toMatch(/1 deal\(s\) in EUR .*2,000 EUR/);
    expect(warnings.join(' ')).toMatch(/1 deal\(s\) in GBP .*300 GBP/);
  });

  it('with rates: converted (EUR 1.1, GBP 1.25)', async () => {
    const ds = await dataset([won(1, 'USD 1,000'), won(2, '€2.000,00'), won(3, '£300.00')], 'USD', { EUR: 1.1, GBP: 1.25 });
    // 2,000 × 1.1 = 2,200; 300 × 1.25 = 375
    expect(ds.deals.map((d) => d.amountCents)).toEqual([100_000, 220_000, 37_500]);
  });

  it('every cell in euros and no company.currency: the file is in EUR, nothing left out', async () => {
    const ds = await dataset([won(1, '€1.000,00'), won(2, '€2.000,00')], null);
    expect(ds.deals.map((d) => d.amountCents)).toEqual([100_000, 200_000]);
    expect(ds.statedCurrency).toBe('EUR');
  });

  it('a plain "$" says no currency (it is ambiguous): unchanged', async () => {
    const ds = await dataset([won(1, '$1,000'), won(2, '$2,000')], 'USD');
    expect(ds.deals.map((d) => d.amountCents)).toEqual([100_000, 200_000]);
    expect(ds.files[0]!.warnings.filter((w) => w.code.startsWith('currency'))).toEqual([]);
  });
});
