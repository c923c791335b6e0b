/**
 * Each spend fixture (fixtures/spend/, one per ad-platform layout) is read whole by `validate`
 * with no config, with the preset, totals and channels computed by hand from the file; and an
 * "All time" report's undated spend never feeds a metric that needs spend per period.
 */
import { copyFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCliAsync, tempDir } from '../helpers/cli.js';

interface ValidateJson {
  usable: boolean;
  files: { preset: string; rows: { read: number; used: number; rejected: number }; totals: Record<string, number>; dateRange: { min: string; max: string } | null; warnings: { code: string }[] }[];
}

const CASES = [
  // 498.52 + 2,961.84 + 202.10 + 613.04 + 0 ("--")
  { file: 'google-ads/Campaign report.csv', preset: 'google_ads', rows: 5, spend: 4275.5, channels: 1, dates: ['2024-11-01', '2024-11-01'], undated: undefined },
  // 455.10 + 2,610.00 + 470.25 + 2,790.40 + 498.52 + 2,961.84
  { file: 'google-ads-by-month/Campaign report.csv', preset: 'google_ads', rows: 6, spend: 9786.11, channels: 1, dates: ['2024-09-01', '2024-11-01'], undated: undefined },
  // 10,944.00 + 58,777.60, all undated
  { file: 'google-ads-all-time/Campaign report.csv', preset: 'google_ads', rows: 2, spend: 0, channels: 0, dates: null, undated: 69721.6 },
  // 1,250.40 + 640.00 + 310.15
  { file: 'meta-ads/Meta ads report.csv', preset: 'meta_ads', rows: 3, spend: 2200.55, channels: 1, dates: ['2024-11-01', '2024-11-01'], undated: undefined },
  // 42.10 + 39.85 + 44.00 + 18.25
  { file: 'meta-ads-daily/Meta ads report.csv', preset: 'meta_ads', rows: 4, spend: 144.2, channels: 1, dates: ['2024-10-14', '2024-11-03'], undated: undefined },
  // 1,820.55 + 512.30 + 96.00
  { file: 'linkedin-ads/campaign_performance_report.csv', preset: 'linkedin_ads', rows: 3, spend: 2428.85, channels: 1, dates: ['2024-11-01', '2024-11-01'], undated: undefined },
  // 96.50 + 140.25 + 210.00
  { file: 'fivetran/ad_report.csv', preset: 'fivetran_ad_report', rows: 3, spend: 446.75, channels: 3, dates: ['2024-11-04', '2024-11-05'], undated: undefined },
  // 12,000 + 4,100.50 + 2,200 + 0 + 3,980.25 + 2,310.75 + 8,000 + 2,405
  { file: 'wide/media_spend_weekly.csv', preset: 'wide', rows: 3, spend: 34996.5, channels: 3, dates: ['2024-10-07', '2024-10-21'], undated: undefined },
] as const;

describe('validate reads each spend report layout whole, with no config', () => {
  it.each(CASES)('$file', async (c) => {
    const cwd = tempDir();
    const res = await runCliAsync(['validate', '--spend', join(ROOT, 'fixtures', 'spend', c.file), '--format', 'json', '--strict'], { cwd });
    expect(res.code, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout) as ValidateJson;
    expect(out.usable).toBe(true);
    const f = out.files[0];
    expect(f?.preset).toBe(c.preset);
    expect(f?.rows).toEqual({ read: c.rows, used: c.rows, rejected: 0 });
    expect(f?.totals.spendAmount).toBeCloseTo(c.spend, 2);
    expect(f?.totals.channels).toBe(c.channels);
    expect(f?.totals.undatedSpendAmount).toBe(c.undated);
    expect(f?.dateRange === null ? null : [f?.dateRange.min, f?.dateRange.max]).toEqual(c.dates);
    // a report's total rows never count as spend: the checksum held wherever there are some
    expect(f?.warnings.some((w) => w.code === 'totals_mismatch')).toBe(false);
  });
});

describe('each spend report is found by content in a folder, under the name its platform gives it', () => {
  it.each(CASES)('$file', async (c) => {
    const dir = tempDir();
    copyFileSync(join(ROOT, 'fixtures', 'spend', c.file), join(dir, basename(c.file)));
    const res = await runCliAsync(['validate', dir, '--format', 'json', '--strict'], { cwd: dir });
    expect(res.code, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout) as ValidateJson;
    expect(out.files.map((f) => [f.preset, f.rows])).toEqual([[c.preset, { read: c.rows, used: c.rows, rejected: 0 }]]);
    expect(out.files[0]?.totals.spendAmount).toBeCloseTo(c.spend, 2);
  });

  it('a Google Ads "Campaign report.csv" (title and date-range preamble, no period column, Total: rows) beside the deals is used by audit with no config', async () => {
    const dir = tempDir({
      'Opportunity.csv':
        'id,amount,stage,created,closed,source\n1,12000,won,2024-09-02,2024-11-03,Google Ads\n2,9000,lost,2024-09-05,2024-11-10,Google Ads\n3,15000,won,2024-10-01,2024-11-20,Google Ads\n',
    });
    copyFileSync(join(ROOT, 'fixtures', 'spend', 'google-ads', 'Campaign report.csv'), join(dir, 'Campaign report.csv'));
    const res = await runCliAsync(['audit', dir, '--as-of', '2024-11-30', '--format', 'json'], { cwd: dir });
    expect(res.code, res.stderr).toBe(0);
    const report = JSON.parse(res.stdout) as { inputs: { kind: string; preset: string; path: string; rows: unknown }[]; metrics: { id: string; value: number | null }[] };
    expect(report.inputs.map((i) => [i.kind, i.preset, i.path, i.rows])).toEqual([
      ['deals', 'generic', 'Opportunity.csv', { read: 3, used: 3, rejected: 0 }],
      ['spend', 'google_ads', 'Campaign report.csv', { read: 5, used: 5, rejected: 0 }],
    ]);
    // 4,275.50 of November spend over the 2 deals won in November
    expect(report.metrics.find((m) => m.id === 'cac')?.value).toBeCloseTo(2137.75, 2);
  });
});

describe('undated spend in an audit', () => {
  it('an "All time" report leaves every metric that needs spend per period at n/a and the spend series empty', async () => {
    const dir = tempDir({
      'deals.csv':
        'id,amount,stage,created,closed,source\n1,12000,won,2024-09-02,2024-11-03,Paid Search\n2,9000,lost,2024-09-05,2024-11-10,Paid Search\n3,15000,won,2024-10-01,2024-11-20,Paid Search\n',
    });
    const res = await runCliAsync(
      ['audit', '--deals', join(dir, 'deals.csv'), '--spend', join(ROOT, 'fixtures', 'spend', 'google-ads-all-time', 'Campaign report.csv'), '--as-of', '2024-11-30', '--format', 'json'],
      { cwd: dir },
    );
    expect(res.code, res.stderr).not.toBe(2);
    const report = JSON.parse(res.stdout) as { metrics: { id: string; value: number | null }[]; series: { spend: { value: number | null }[] } };
    for (const id of ['cac', 'cac_by_channel', 'pipeline_per_marketing_dollar', 'magic_number']) {
      expect(report.metrics.find((m) => m.id === id)?.value, id).toBeNull();
    }
    expect(report.series.spend.every((p) => p.value === null)).toBe(true);
  });
});
