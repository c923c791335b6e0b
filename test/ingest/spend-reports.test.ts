/**
 * Ad-platform report layouts on the spend side: preambles, Total rows, periods from date ranges,
 * per-row reporting ranges, wide layouts, currencies, conversions. Expectations are hand-computed.
 */
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { buildDataset } from '../../src/ingest/dataset.js';
import { dropLines, firstLines, readPreamble, parseRangeText } from '../../src/ingest/preamble.js';
import { readTable } from '../../src/ingest/read-table.js';
import { spendLayout, wideChannel } from '../../src/ingest/spend-layout.js';
import type { FileReport, SpendRow } from '../../src/base/model.js';
import { dayFromIso, isoFromDay } from '../../src/base/time.js';

async function* once(text: string): AsyncIterable<Uint8Array> {
  yield Buffer.from(text, 'utf8');
}

async function readSpend(text: string, config: Config = {}): Promise<{ records: SpendRow[]; report: FileReport }> {
  const r = await readTable('spend', 'report.csv', once(text), { config });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join(' | '));
  // every data row accounted for (a wide row gives several records, so used is rows, not records)
  expect(r.report.rows.read).toBe(r.report.rows.used + r.report.rows.rejected);
  expect(r.report.rows.rejected).toBe(r.report.rejects.length);
  return { records: r.records, report: r.report };
}

const warning = (report: FileReport, code: string): string | undefined => report.warnings.find((w) => w.code === code)?.message;
const day = (iso: string): number => dayFromIso(iso) as number;

describe('readPreamble', () => {
  it.each([
    ['Google Ads, one month', ['Campaign report', '"November 1, 2024 - November 30, 2024"', 'Campaign,Cost,Clicks'], 2, { from: '2024-11-01', to: '2024-11-30' }],
    ['Google Ads, "to" and short months', ['Campaign report', '"Sep 1, 2024 to Sep 30, 2024"', 'Day,Campaign,Cost'], 2, { from: '2024-09-01', to: '2024-09-30' }],
    ['day-first month names', ['Search keyword report', '1 October 2024 - 7 October 2024', 'Day,Campaign,Cost'], 2, { from: '2024-10-01', to: '2024-10-07' }],
    ['ISO range', ['Campaign report', '2024-08-10 - 2024-10-08', 'Campaign,Cost,Clicks'], 2, { from: '2024-08-10', to: '2024-10-08' }],
    ['All time', ['Campaign report', 'All time', 'Campaign,Cost,Clicks'], 2, 'all_time'],
    [
      'LinkedIn report info',
      ['Campaign Performance Report (in UTC)', '"Report Start: 11/1/2024, 12:00 AM"', '"Report End: 11/30/2024, 11:59 PM"', 'Account Name: Acme, Inc, West', '', 'Start Date (in UTC),Campaign Name,Total Spent'],
      5,
      { from: '2024-11-01', to: '2024-11-30' },
    ],
    ['title only', ['Spend export', 'month,channel,amount', '2025-01,Ads,10'], 1, null],
    ['no preamble', ['month,channel,amount', '2025-01,Ads,10'], 0, null],
    ['two columns throughout: nothing skipped', ['account,segment', 'Acme,smb'], 0, null],
    ['an unquoted range is not a header', ['Campaign report', 'November 1, 2024 - November 30, 2024', 'Campaign,Cost,Clicks'], 2, { from: '2024-11-01', to: '2024-11-30' }],
    ['a two-column header under a title', ['Campaign report', 'All time', 'Campaign,Cost', 'Brand,10.00'], 2, 'all_time'],
  ] as const)('%s', (_name, lines, skip, range) => {
    const p = readPreamble(lines);
    expect(p.skip).toBe(skip);
    if (range === null) expect(p.range).toBeNull();
    else if (range === 'all_time') expect(p.range?.kind).toBe('all_time');
    else {
      expect(p.range?.kind).toBe('range');
      if (p.range?.kind === 'range') expect({ from: isoFromDay(p.range.from), to: isoFromDay(p.range.to) }).toEqual(range);
    }
  });

  it('takes the day/month order its own slash dates prove', () => {
    expect(readPreamble(['R', '"Report Start: 11/1/2024, 12:00 AM"', '"Report End: 11/30/2024, 11:59 PM"', 'a,b,c']).dateOrder).toBe('MDY');
    expect(readPreamble(['R', 'Report Start: 1/11/2024', 'Report End: 30/11/2024', 'a,b,c']).dateOrder).toBe('DMY');
  });

  it('parseRangeText refuses a range that runs backwards or is not two dates', () => {
    expect(parseRangeText('November 30, 2024 - November 1, 2024')).toBeNull();
    expect(parseRangeText('Campaign report')).toBeNull();
  });

  it('firstLines and dropLines agree on CRLF, LF and a BOM', () => {
    const text = '\ufefftitle\r\nrange\nh1,h2,h3\r\n1,2,3';
    expect(firstLines(text)).toEqual(['title', 'range', 'h1,h2,h3', '1,2,3']);
    expect(dropLines(text, 2)).toBe('h1,h2,h3\r\n1,2,3');
  });
});

describe('spendLayout', () => {
  it.each([
    ['tv_S', 'tv'], ['facebook_S', 'facebook'], ['spend_search', 'search'], ['Google Spend', 'Google'],
    ['facebook_I', null], ['search_clicks_P', null], ['total_spend', null], ['DATE', null],
  ] as const)('wide channel of %s is %s', (header, channel) => {
    expect(wideChannel(header)).toBe(channel);
  });

  it('reads the currency off an amount header and leaves the other headers alone', () => {
    const l = spendLayout(['Campaign name', 'Amount spent (USD)', 'Cost per result (USD)'], readPreamble(['a,b,c']));
    expect(l.header).toEqual(['Campaign name', 'Amount spent', 'Cost per result']);
    expect(l.headerCurrency).toBe('USD');
    expect(l.wide).toBeNull();
  });

  it('a file with a channel or amount column is never wide', () => {
    expect(spendLayout(['month', 'channel', 'amount', 'tv_S'], readPreamble([])).wide).toBeNull();
    expect(spendLayout(['DATE', 'tv_S', 'search_S'], readPreamble([])).wide?.map((w) => w.channel)).toEqual(['tv', 'search']);
  });
});

const GOOGLE_ADS = [
  'Campaign report',
  '"November 1, 2024 - November 30, 2024"',
  'Campaign,Campaign state,Campaign type,Clicks,Currency code,Cost,Conversions',
  'Brand,Enabled,Search,412,USD,498.52,31.50',
  'Generic,Enabled,Search,"1,032",USD,"2,961.84",44.00',
  'Display,Paused,Display,215,USD,202.10,3.00',
  'Old,Removed,Search,0,USD,--,--',
];

describe('Google Ads report layout', () => {
  it('skips the preamble, dates every row from a one-month range, and leaves Total rows out', async () => {
    const text = [
      ...GOOGLE_ADS,
      'Total: Account,--,--,"1,659",USD,"3,662.46",78.50',
      'Total: Campaigns,--,--,"1,659",USD,"3,662.46",78.50',
      'Total: Search,--,--,"1,444",USD,"3,460.36",75.50',
      'Total: Display,--,--,215,USD,202.10,3.00',
    ].join('\n');
    const { records, report } = await readSpend(text, { company: { currency: 'USD' } });
    expect(report.preset).toBe('google_ads');
    expect(report.rows).toEqual({ read: 4, used: 4, rejected: 0 });
    expect(records.map((r) => [r.line, isoFromDay(r.periodStart), r.channel, r.amountCents])).toEqual([
      [4, '2024-11-01', 'Google Ads', 49852],
      [5, '2024-11-01', 'Google Ads', 296184],
      [6, '2024-11-01', 'Google Ads', 20210],
      [7, '2024-11-01', 'Google Ads', 0],
    ]);
    // 498.52 + 2,961.84 + 202.10 + 0 = 3,662.46
    expect(warning(report, 'report_totals')).toContain('4 total row(s) left out');
    expect(warning(report, 'report_totals')).toContain('the rows sum to 3662.46');
    expect(warning(report, 'totals_mismatch')).toBeUndefined();
    expect(warning(report, 'report_layout')).toContain('every row is dated 2024-11');
    expect(warning(report, 'report_layout')).toContain('1 row(s) with "--" as the amount');
    // conversions are not leads
    expect(records.every((r) => r.leads === null)).toBe(true);
    expect(warning(report, 'conversions_not_leads')).toContain('set inputs.spend.columns.leads to "Conversions"');
  });

  it('warns when the totals do not match the rows', async () => {
    const text = [...GOOGLE_ADS, 'Total: Account,--,--,"1,659",USD,"4,000.00",78.50'].join('\n');
    const { report } = await readSpend(text, { company: { currency: 'USD' } });
    expect(warning(report, 'report_totals')).toBeUndefined();
    expect(warning(report, 'totals_mismatch')).toContain('the rows sum to 3662.46 but "Total: Account" says 4000.00');
  });

  it('per-type totals alone are checked by their sum', async () => {
    const text = [...GOOGLE_ADS, 'Total: Search,--,--,"1,444",USD,"3,460.36",75.50', 'Total: Display,--,--,215,USD,202.10,3.00'].join('\n');
    const { report } = await readSpend(text, { company: { currency: 'USD' } });
    expect(warning(report, 'report_totals')).toContain('as "Total: Search + Total: Display" says');
  });

  it('a range over several months leaves rows undated, kept out of Dataset.spend', async () => {
    const text = ['Campaign report', '"September 1, 2024 - November 30, 2024"', ...GOOGLE_ADS.slice(2)].join('\n');
    const { records, report } = await readSpend(text, { company: { currency: 'USD' } });
    expect(records.every((r) => typeof r.undated === 'object')).toBe(true);
    expect(report.rows.used).toBe(4);
    expect(report.dateRange).toBeNull();
    expect(warning(report, 'undated_spend')).toContain('4 row(s) (3662.46 in total) have no period of their own');
    expect(warning(report, 'undated_spend')).toContain('2024-09-01 to 2024-11-30');
    const ds = buildDataset({ spend: { records, report } });
    expect(ds.spend).toEqual([]);
    expect(ds.undatedSpend?.length).toBe(4);
    expect(ds.present.spend).toBe(true);
  });

  it('an "All time" report is undated spend with a clear warning', async () => {
    const text = ['Campaign report', 'All time', ...GOOGLE_ADS.slice(2)].join('\n');
    const { records, report } = await readSpend(text, { company: { currency: 'USD' } });
    expect(records.map((r) => r.undated)).toEqual(['all_time', 'all_time', 'all_time', 'all_time']);
    expect(warning(report, 'undated_spend')).toContain('the report covers "All time" (line 2)');
  });

  it('a Month column dates the rows whatever the preamble range', async () => {
    const text = [
      'Campaign report',
      '"September 1, 2024 - October 31, 2024"',
      'Month,Campaign,Currency code,Cost',
      'September 2024,Brand,USD,455.10',
      '2024-10-01,Brand,USD,470.25',
      'Total: Account,--,USD,925.35',
    ].join('\n');
    const { records, report } = await readSpend(text, { company: { currency: 'USD' } });
    expect(records.map((r) => [isoFromDay(r.periodStart), r.undated])).toEqual([['2024-09-01', undefined], ['2024-10-01', undefined]]);
    expect(warning(report, 'report_totals')).toContain('the rows sum to 925.35');
  });
});

describe('period segments', () => {
  it.each([
    ['Quarter', 'Q4 2024', '2024-10-01'],
    ['Quarter', '2025 Q1', '2025-01-01'],
    ['Week', 'Week of Nov 4, 2024', '2024-11-04'],
    ['Week', 'Nov 11, 2024', '2024-11-11'],
    ['Month', 'November 2024', '2024-11-01'],
    ['Day', '2024-11-03', '2024-11-03'],
  ] as const)('%s "%s" -> %s', async (column, value, expected) => {
    const text = `Campaign report\n"November 1, 2024 - December 31, 2024"\n${column},Campaign,Currency code,Cost\n"${value}",Brand,USD,10.00\n`;
    const { records } = await readSpend(text, { company: { currency: 'USD' } });
    expect(records.map((r) => [isoFromDay(r.periodStart), r.undated])).toEqual([[expected, undefined]]);
  });
});

describe('Meta Ads reporting ranges', () => {
  it.each([
    ['one month: dated', '2024-11-01', '2024-11-30', { period: '2024-11-01', undated: false }],
    ['one day', '2024-11-03', '2024-11-03', { period: '2024-11-03', undated: false }],
    ['two months: undated', '2024-10-15', '2024-11-14', { period: '2024-10-15', undated: true }],
  ] as const)('%s', async (_name, start, end, expected) => {
    const text = `Reporting starts,Reporting ends,Campaign name,Amount spent (USD),Results\n${start},${end},Prospecting,"1,250.40",61\n`;
    const { records, report } = await readSpend(text, { company: { currency: 'USD' } });
    expect(report.preset).toBe('meta_ads');
    expect(report.mapping.amount).toBe('Amount spent (USD)');
    expect(records).toHaveLength(1);
    expect(records[0]?.amountCents).toBe(125040);
    expect(records[0]?.channel).toBe('Meta Ads');
    expect(isoFromDay(records[0]?.periodStart as number)).toBe(expected.period);
    expect(records[0]?.undated !== undefined).toBe(expected.undated);
  });

  it('a summary row (no campaign name) is a total, not spend', async () => {
    const text = 'Reporting starts,Reporting ends,Campaign name,Amount spent (USD)\n2024-11-01,2024-11-30,,"1,890.40"\n2024-11-01,2024-11-30,Prospecting,"1,250.40"\n2024-11-01,2024-11-30,Retargeting,640.00\n';
    const { records, report } = await readSpend(text, { company: { currency: 'USD' } });
    expect(records.map((r) => r.amountCents)).toEqual([125040, 64000]);
    expect(report.rows.read).toBe(2);
    expect(warning(report, 'report_totals')).toContain('"Summary row" (line 2); the rows sum to 1890.40');
  });

  it('the Day breakdown dates each row even inside a longer reporting range', async () => {
    const text = 'Reporting starts,Reporting ends,Day,Campaign name,Amount spent (USD)\n2024-10-01,2024-11-30,2024-10-14,P,42.10\n2024-10-01,2024-11-30,2024-11-02,P,44.00\n';
    const { records } = await readSpend(text, { company: { currency: 'USD' } });
    expect(records.map((r) => [isoFromDay(r.periodStart), r.undated])).toEqual([['2024-10-14', undefined], ['2024-11-02', undefined]]);
  });
});

describe('currencies', () => {
  const text = 'date_day,platform,spend,currency\n2024-11-01,Google Ads,100.00,EUR\n2024-11-01,LinkedIn Ads,250.00,USD\n2024-11-02,Meta Ads,40.00,USD\n';

  it('rows in another currency than company.currency are left out and named, never summed', async () => {
    const { records, report } = await readSpend(text, { company: { currency: 'EUR' } });
    expect(records.map((r) => r.amountCents)).toEqual([10000]);
    expect(report.rejectedByReason).toEqual({ foreign_currency: 2 });
    expect(warning(report, 'currency_without_rate')).toBe(
      '2 spend row(s) in USD (lines 3, 4; 290 USD in all) have no rate into EUR: left out of the spend (rejected as foreign_currency), never summed with the rest. Add a rate, e.g. "fxRates": {"USD": 1.0} in revhealth.config.json',
    );
    expect(report.rejects.map((r) => r.reason)).toContain('amount is in USD, not EUR (company.currency), and fxRates has no rate for USD in 2024-11; left out rather than summed with EUR');
  });

  it('without company.currency the currency of most rows is the base (as for deals), and the note says to set it', async () => {
    const { records, report } = await readSpend(text);
    expect(records.map((r) => r.amountCents)).toEqual([25000, 4000]);
    expect(report.rows.rejected).toBe(1);
    expect(warning(report, 'currency_without_rate')).toMatch(/^1 spend row\(s\) in EUR \(lines 2; 100 EUR in all\) have no rate into USD/);
    expect(warning(report, 'currency_assumed')).toMatch(/^company\.currency is not set: USD, the currency of most spend rows, is taken as the company currency/);
  });

  it('fxRates per month convert each row at its own month; a month without a rate is left out', async () => {
    const monthly = 'date_day,platform,spend,currency\n2024-11-03,Google Ads,100.00,EUR\n2024-12-03,Google Ads,100.00,EUR\n2025-01-03,Google Ads,100.00,EUR\n2024-11-03,Meta Ads,10.00,USD\n';
    const { records, report } = await readSpend(monthly, { company: { currency: 'USD' }, fxRates: { EUR: { '2024-11': 1.1, '2024-12': 1.05 } } });
    expect(records.map((r) => [isoFromDay(r.periodStart), r.amountCents])).toEqual([['2024-11-03', 11000], ['2024-12-03', 10500], ['2024-11-03', 1000]]);
    expect(report.rejects.map((r) => [r.line, r.code])).toEqual([[4, 'foreign_currency']]);
    expect(warning(report, 'currency_converted')).toBe('2 spend row(s) in EUR converted to USD at the monthly rates (fxRates in the config)');
    expect(report.warnings.find((w) => w.code === 'currency_without_rate')?.count).toBe(1);
  });

  it('a config naming the amount column with its currency suffix (as init writes it) still matches', async () => {
    const { records, report } = await readSpend('Reporting starts,Reporting ends,Campaign name,Amount spent (USD)\n2024-11-01,2024-11-30,P,10.00\n', {
      company: { currency: 'USD' },
      inputs: { spend: { preset: 'meta_ads', columns: { amount: 'Amount spent (USD)', period: 'Reporting starts' } } },
    });
    expect(records.map((r) => r.amountCents)).toEqual([1000]);
    expect(report.mapping).toMatchObject({ amount: 'Amount spent (USD)', period: 'Reporting starts', periodEnd: 'Reporting ends' });
  });

  it('the currency in the amount header applies to every row', async () => {
    const { report } = await readSpend('Reporting starts,Reporting ends,Campaign name,Amount spent (GBP)\n2024-11-01,2024-11-30,P,10.00\n', { company: { currency: 'USD' } });
    expect(report.rejectedByReason).toEqual({ foreign_currency: 1 });
  });
});

describe('wide layout', () => {
  it('unpivots *_S columns into one row per channel; "na" is no data', async () => {
    const text = [
      '"DATE","revenue","tv_S","search_S","facebook_S","facebook_I","events"',
      '2024-10-07,182000,12000,4100.5,2200,410000,"na"',
      '2024-10-14,176500,0,3980.25,2310.75,415200,"na"',
      '2024-10-21,190200,8000,"na",2405,430100,"event1"',
      '2024-10-28,190200,na,NA,,430100,"event1"',
    ].join('\n');
    const { records, report } = await readSpend(text);
    expect(report.preset).toBe('wide');
    expect(report.rows).toEqual({ read: 4, used: 3, rejected: 1 });
    expect(report.rejectedByReason).toEqual({ missing_amount: 1 });
    expect(records.map((r) => [isoFromDay(r.periodStart), r.channel, r.amountCents])).toEqual([
      ['2024-10-07', 'tv', 1200000], ['2024-10-07', 'search', 410050], ['2024-10-07', 'facebook', 220000],
      ['2024-10-14', 'tv', 0], ['2024-10-14', 'search', 398025], ['2024-10-14', 'facebook', 231075],
      ['2024-10-21', 'tv', 800000], ['2024-10-21', 'facebook', 240500],
    ]);
    expect(warning(report, 'report_layout')).toContain('other columns are not spend and were not read ("revenue", "facebook_I", "events")');
    expect(warning(report, 'report_layout')).toContain('4 "na" or blank spend cell(s)');
  });

  it('a bad amount rejects its row once, naming the column', async () => {
    const { report } = await readSpend('week,tv_spend,radio_spend\n2024-10-07,100,abc\n2024-10-14,100,50\n');
    expect(report.rows).toEqual({ read: 2, used: 1, rejected: 1 });
    expect(report.rejects[0]?.column).toBe('radio_spend');
    expect(report.rejects[0]?.columnIndex).toBe(3);
  });
});

describe('generic spend files are read as before', () => {
  it('a "Total" row at the end of a plain file is left out and checked', async () => {
    const { records, report } = await readSpend('month,channel,amount\n2025-01,Ads,100\n2025-02,Ads,50\nTotal,,150\n');
    expect(records.length).toBe(2);
    expect(report.rows.read).toBe(2);
    expect(warning(report, 'report_totals')).toContain('the rows sum to 150.00');
  });

  it('a channel named "Total Media" is data, not a total', async () => {
    const { records } = await readSpend('channel,month,amount\nTotal Media,2025-01,100\n');
    expect(records.length).toBe(1);
  });

  it('conversions are no longer read as leads', async () => {
    const { records, report } = await readSpend('month,channel,amount,conversions\n2025-01,Ads,100,12\n');
    expect(records[0]?.leads).toBeNull();
    expect(report.mapping.leads).toBeUndefined();
    expect(warning(report, 'conversions_not_leads')).toBeDefined();
  });

  it('mapping conversions to leads in the config reads them', async () => {
    const { records } = await readSpend('month,channel,amount,conversions\n2025-01,Ads,100,12\n', { inputs: { spend: { columns: { leads: 'conversions' } } } });
    expect(records[0]?.leads).toBe(12);
  });

  it('a preamble date range does not override a period column', async () => {
    const { records } = await readSpend('Spend report\n"January 1, 2025 - March 31, 2025"\nmonth,channel,amount\n2025-02,Ads,100\n');
    expect(records.map((r) => [isoFromDay(r.periodStart), r.undated])).toEqual([[isoFromDay(day('2025-02-01')), undefined]]);
  });
});

describe('encodings and rates', () => {
  it('a Google Ads "CSV (Excel)" download (UTF-16, tab-delimited) reads the same', async () => {
    const text = 'Campaign report\r\n"November 1, 2024 - November 30, 2024"\r\nCampaign\tCurrency code\tCost\r\nBrand\tUSD\t498.52\r\nGeneric\tUSD\t"2,961.84"\r\nTotal: Account\tUSD\t"3,460.36"\r\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    async function* chunks(): AsyncIterable<Uint8Array> {
      yield bytes;
    }
    const r = await readTable('spend', 'Campaign report.csv', chunks(), { config: { company: { currency: 'USD' } } });
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join(' | '));
    expect(r.report.delimiter).toBe('\t');
    expect(r.records.map((x) => [isoFromDay(x.periodStart), x.amountCents])).toEqual([['2024-11-01', 49852], ['2024-11-01', 296184]]);
    expect(r.report.warnings.find((w) => w.code === 'report_totals')?.message).toContain('the rows sum to 3460.36');
  });

  it('a configured rate converts rows in another currency instead of leaving them out', async () => {
    const { SpendBuilder } = await import('../../src/ingest/spend.js');
    const { resolveHeader } = await import('../../src/ingest/header.js');
    const header = ['date_day', 'platform', 'spend', 'currency'];
    const resolved = resolveHeader('spend', header);
    if (!resolved.ok) throw new Error('header');
    const b = new SpendBuilder({ kind: 'spend', path: 'x.csv', header, mapping: resolved.mapping, dateFormat: undefined }, undefined, { companyCurrency: 'USD', fxRates: { INR: 0.012 } });
    b.add(['2024-11-01', 'Google Ads', '10000.00', 'INR'], 2);
    b.add(['2024-11-01', 'Google Ads', '50.00', 'USD'], 3);
    b.add(['2024-11-01', 'Google Ads', '10.00', 'EUR'], 4);
    const built = b.finish();
    // 10,000 INR × 0.012 = 120.00 USD; EUR has no rate: left out
    expect(built.records.map((r) => r.amountCents)).toEqual([12000, 5000]);
    expect(built.state.rejects.map((r) => [r.line, r.code])).toEqual([[4, 'foreign_currency']]);
    expect(built.extraWarnings.map((w) => w.message)).toContain('1 spend row(s) in INR converted to USD at 0.012 (fxRates in the config)');
  });
});
