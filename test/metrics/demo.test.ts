/**
 * Issue 3: "On fixtures/demo, the metrics land near the magnitudes planted by the generator
 * (documented in fixtures/demo/README.md), and a test says so with stated tolerances."
 *
 * The demo is read through the real modules (config loader, input resolver, ingest, audit core),
 * the way the CLI does it, but in-process so every figure comes from one read. Tolerances are the
 * README's "tolerance" column; for the "Everything else" table (no tolerance column) we allow half
 * a unit of the printed precision (4 decimals: ±0.00005; whole dollars: ±$1), since the README says
 * the figures are exact sums and the tolerance only covers rounding of the printed value.
 *
 * Where the README's figure and our metric are defined differently (not a bug), the test says so
 * next to the assertion and asserts the figure through the matching detail or a direct sum instead.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { runAudit } from '../../src/audit/run.js';
import type { AuditReport } from '../../src/audit/contract.js';
import type { Config } from '../../src/config/schema.js';
import { loadConfig } from '../../src/io/config.js';
import { readInputs, resolveInputPaths } from '../../src/io/inputs.js';
import type { MetricResult } from '../../src/metrics/types.js';
import type { Dataset, Deal } from '../../src/base/model.js';
import { dayFromIso } from '../../src/base/time.js';
import { ROOT } from '../helpers/cli.js';

const DEMO = resolve(ROOT, 'fixtures', 'demo');
const AS_OF = '2025-12-31';

let ds: Dataset;
let config: Config;
let report: AuditReport;

beforeAll(async () => {
  const loaded = await loadConfig(undefined, DEMO, ROOT);
  config = loaded.config;
  const paths = resolveInputPaths({ dir: DEMO }, config, loaded.baseDir, ROOT);
  // threads: 1 keeps the read in-process (no worker threads over the compiled worker file).
  ds = await readInputs(paths, { config, cwd: ROOT, threads: 1 });
  const result = runAudit(ds, config, { toolVersion: 'test' });
  if (!result.ok) throw new Error(`audit failed: ${JSON.stringify(result.problems)}`);
  report = result.report;
});

function metric(id: string): MetricResult & { value: number } {
  const m = report.metrics.find((x) => x.id === id);
  if (m === undefined) throw new Error(`no metric ${id}`);
  if (m.status !== 'ok' || m.value === null) throw new Error(`metric ${id} is n/a: ${m.reason ?? ''}`);
  return m as MetricResult & { value: number };
}

function detail(id: string, key: string): number {
  const d = metric(id).details?.[key];
  if (typeof d !== 'number') throw new Error(`metric ${id} has no numeric detail "${key}" (got ${JSON.stringify(d)})`);
  return d;
}

/** |actual − expected| ≤ tolerance, with a message naming the figure. */
function near(label: string, actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected), `${label}: got ${actual}, planted ${expected} ± ${tolerance}`).toBeLessThanOrEqual(tolerance + 1e-12);
}

const day = (iso: string): number => {
  const d = dayFromIso(iso);
  if (d === null) throw new Error(iso);
  return d;
};

describe('fixtures/demo: the README matches this checkout', () => {
  it('still documents the figures this test pins (regenerate both together)', () => {
    const readme = readFileSync(resolve(DEMO, 'README.md'), 'utf8');
    for (const figure of ['0.7720', '0.9260', '1.0800', '0.8295', '0.9171', '0.8586', '0.5360', '0.5649', '0.5244', '0.5744', '$1,900,301', '0.2280', '$5,118,205', '3.140', '5.538', '4.800', '0.4040']) {
      expect(readme, `README no longer lists ${figure}`).toContain(figure);
    }
  });

  it('reads as the README says: 2777 deal rows, 2772 used (608 won / 1773 lost / 391 open), 144 spend, 775 renewals', () => {
    expect(report.asOf).toBe(AS_OF);
    expect(report.asOfSource).toBe('config');
    expect(report.window).toEqual({ start: '2024-12-31', end: AS_OF });
    const deals = ds.files.find((f) => f.kind === 'deals');
    expect(deals?.rows).toEqual({ read: 2777, used: 2772, rejected: 5 });
    const count = (s: Deal['status']) => ds.deals.filter((d) => d.status === s).length;
    expect([count('won'), count('lost'), count('open')]).toEqual([608, 1773, 391]);
    expect(ds.spend).toHaveLength(144);
    expect(ds.renewals).toHaveLength(775);
  });
});

describe('planted situation 1: retention, renewals due in 2025 (tolerance ±0.002)', () => {
  it('1a SMB GRR 0.7720', () => near('SMB.grr', detail('grr', 'SMB.grr'), 0.772, 0.002));
  it('1b Mid-Market GRR 0.9260', () => near('Mid-Market.grr', detail('grr', 'Mid-Market.grr'), 0.926, 0.002));
  it('1c Mid-Market NRR 1.0800', () => near('Mid-Market.nrr', detail('nrr', 'Mid-Market.nrr'), 1.08, 0.002));
  it('1d overall GRR 0.8295 (< 0.85)', () => {
    near('grr', metric('grr').value, 0.8295, 0.002);
    expect(metric('grr').value).toBeLessThan(0.85);
  });
  it('1e overall NRR 0.9171', () => near('nrr', metric('nrr').value, 0.9171, 0.002));
  it('1f logo retention 0.8586', () => near('logo_retention', metric('logo_retention').value, 0.8586, 0.002));
  it('notes: 430 SMB + 51 Mid-Market renewals, SMB NRR 0.8200, churned $882,351 of $7,762,605 due', () => {
    expect(detail('grr', 'SMB.renewals')).toBe(430);
    expect(detail('grr', 'Mid-Market.renewals')).toBe(51);
    near('SMB.nrr', detail('nrr', 'SMB.nrr'), 0.82, 0.002);
    near('churned_arr', metric('churned_arr').value, 882_351, 1);
    near('grr arrBefore', detail('grr', 'arrBefore'), 7_762_605, 1);
  });
});

describe('planted situation 2: quarter-end skew, 2025 quarters (tolerance ±0.005)', () => {
  it.each([
    ['Q1', 0.536],
    ['Q2', 0.5649],
    ['Q3', 0.5244],
    ['Q4', 0.5744],
  ])('2025 %s share of won amount in the last 14 days: %f', (q, planted) => {
    near(`share FY2025 ${q}`, detail('quarter_end_skew', `share FY2025 ${q}`), planted, 0.005);
  });

  it('the pooled value over the four quarters lies in the intended 0.50–0.60 band', () => {
    // The README plants per-quarter shares; our metric pools the complete quarters in the window.
    const v = metric('quarter_end_skew').value;
    expect(v).toBeGreaterThanOrEqual(0.5);
    expect(v).toBeLessThanOrEqual(0.6);
    expect(detail('quarter_end_skew', 'quarters')).toBe(4);
  });
});

describe('planted situation 3: stale and past-due pipeline', () => {
  it('3a 70 past-due open deals (exact)', () => {
    expect(metric('past_due_open_deals').value).toBe(70);
    expect(detail('stale_pipeline_share', 'pastDue')).toBe(70);
  });

  it('3b past-due open value $1,900,301 (±$1)', () => {
    near('pastDueValue', detail('past_due_open_deals', 'pastDueValue'), 1_900_301, 1);
  });

  it('3c days past due run 31–199 (exact; no metric reports it, checked on the ingested deals)', () => {
    const asOf = day(AS_OF);
    const late = ds.deals.filter((d) => d.status === 'open' && d.closed !== null && d.closed < asOf).map((d) => asOf - (d.closed as number));
    expect(late).toHaveLength(70);
    expect([Math.min(...late), Math.max(...late)]).toEqual([31, 199]);
  });

  it('3d stale share of open pipeline value 0.2280 (±0.002): the same 70 deals by either criterion', () => {
    near('stale_pipeline_share', metric('stale_pipeline_share').value, 0.228, 0.002);
    // Our metric flags "past due OR older than 2 × median cycle". The README says both select the
    // same 70 deals; precisely, the age criterion alone flags 67 of them (3 past-due deals are
    // younger than 117 days) and flags nothing outside them, so the union is the same 70.
    expect(detail('stale_pipeline_share', 'count')).toBe(70);
    near('stale value', detail('stale_pipeline_share', 'value'), 1_900_301, 1);
    expect(detail('stale_pipeline_share', 'olderThanLimit')).toBeLessThanOrEqual(70);
  });

  it('3e open pipeline expected to close in 2026 Q1: $5,118,205 (±$1)', () => {
    near('openPipeline', detail('pipeline_coverage', 'openPipeline'), 5_118_205, 1);
  });

  it('3f pipeline coverage 2026 Q1 3.140 (±0.01) against targets.nextQuarterBookings', () => {
    near('pipeline_coverage', metric('pipeline_coverage').value, 3.14, 0.01);
    expect(detail('pipeline_coverage', 'target')).toBe(1_630_000);
  });
});

describe('planted situation 4: Paid Social CAC is a multiple of the other paid channels (±0.01)', () => {
  it('4a/4b in the TTM window (2025): Paid Social ÷ Paid Search 5.538, ÷ Events 4.800', () => {
    const social = detail('cac_by_channel', 'Paid Social.cac');
    near('Paid Social ÷ Paid Search', social / detail('cac_by_channel', 'Paid Search.cac'), 5.538, 0.01);
    near('Paid Social ÷ Events', social / detail('cac_by_channel', 'Events.cac'), 4.8, 0.01);
  });

  it('channel detail 2025: spend and won new deals per paid channel as the README table', () => {
    expect(detail('cac_by_channel', 'Paid Search.spend')).toBe(376_999);
    expect(detail('cac_by_channel', 'Paid Search.won')).toBe(58);
    expect(detail('cac_by_channel', 'Paid Social.spend')).toBe(432_000);
    expect(detail('cac_by_channel', 'Paid Social.won')).toBe(12);
    expect(detail('cac_by_channel', 'Events.spend')).toBe(225_000);
    expect(detail('cac_by_channel', 'Events.won')).toBe(30);
  });

  it('4c/4d over 24 months: same ratios (cac_by_channel is TTM only, so summed from the ingested rows)', () => {
    // The metric has no 24-month window; this checks the planted 24-month figures on the ingested
    // data with the README's definition (channel spend ÷ won new-business deals from that source).
    const cac = (channel: string): number => {
      const spend = ds.spend.filter((s) => s.channel === channel).reduce((a, s) => a + s.amountCents, 0) / 100;
      const won = ds.deals.filter((d) => d.status === 'won' && d.type === 'new' && d.source === channel).length;
      return spend / won;
    };
    near('24 mo Paid Social ÷ Paid Search', cac('Paid Social') / cac('Paid Search'), 5.538, 0.01);
    near('24 mo Paid Social ÷ Events', cac('Paid Social') / cac('Events'), 4.8, 0.01);
  });
});

describe('planted situation 5: one rep closes too large a share', () => {
  it('top owner share of 2025 won bookings 0.4040 (±0.002), Marcus Delgado', () => {
    near('rep_concentration', metric('rep_concentration').value, 0.404, 0.002);
    expect(metric('rep_concentration').details?.owner).toBe('Marcus Delgado');
    expect(detail('rep_concentration', 'owners')).toBe(8);
  });
});

describe('everything else (healthy-normal): ± half a printed unit', () => {
  it('win rate by count 2025 0.2652 and by value 0.2642', () => {
    near('win_rate', metric('win_rate').value, 0.2652, 0.00005);
    near('win_rate_by_value', metric('win_rate_by_value').value, 0.2642, 0.00005);
  });

  it('median won sales cycle 2025: 58.5 days', () => {
    expect(metric('sales_cycle_days').value).toBe(58.5);
  });

  it('bookings 2025 $6,118,103 (all won) and year-over-year growth from $4,222,605', () => {
    // The README prints whole dollars; a few won amounts end in .50, so the exact sum is $6,118,102.50.
    near('bookings', metric('bookings').value, 6_118_103, 1);
    near('bookings previous', detail('bookings_growth_yoy', 'previous'), 4_222_605, 1);
    near('bookings_growth_yoy', metric('bookings_growth_yoy').value, 6_118_103 / 4_222_605 - 1, 0.0005);
  });

  it('2025 bookings by quarter (Q3 $1,496,101 -> Q4 $1,736,601)', () => {
    near('Q4', detail('bookings_growth_qoq', 'quarterBookings'), 1_736_601, 1);
    near('Q3', detail('bookings_growth_qoq', 'previousQuarterBookings'), 1_496_101, 1);
  });

  it('new-business bookings 2025 $5,545,903 and S&M spend 2025 $2,380,235', () => {
    near('new ARR', detail('arr_growth', 'newArr'), 5_545_903, 1);
    near('new ARR (cac_payback / new_arr_per_sm_dollar)', detail('new_arr_per_sm_dollar', 'newArr'), 5_545_903, 1);
    near('S&M spend', detail('cac', 'salesAndMarketingSpend'), 2_380_235, 1);
    // README: "spend ÷ new-business bookings" 0.4292 is the inverse of new_arr_per_sm_dollar.
    near('spend ÷ new bookings', 1 / metric('new_arr_per_sm_dollar').value, 0.4292, 0.00005);
  });

  it('expansion share of 2025 won amount 0.0935 (README definition; our expansion_share is renewals-based)', () => {
    // Not the same figure as our `expansion_share` metric (expansion ARR from the renewals file ÷
    // new ARR, 0.109 here): the README measures won Existing Business deals ÷ all won amount.
    // Both numbers come from the same rows, so bookings − new-business bookings gives the README's.
    const share = (metric('bookings').value - detail('arr_growth', 'newArr')) / metric('bookings').value;
    near('expansion share of won amount', share, 0.0935, 0.00005);
  });

  it('probability-weighted open pipeline 2026 Q1 $3,232,723', () => {
    near('projection_next_quarter', metric('projection_next_quarter').value, 3_232_723, 1);
  });

  it('top-10 accounts 0.1186 and largest account 0.0133 of 2025 bookings', () => {
    near('top10_concentration', metric('top10_concentration').value, 0.1186, 0.00005);
    near('largest_account_share', metric('largest_account_share').value, 0.0133, 0.00005);
  });

  it('quota attainment 2025 0.6250 (5 of 8 owners at or above quota)', () => {
    expect(metric('quota_attainment').value).toBe(0.625);
    expect(detail('quota_attainment', 'atOrAboveQuota')).toBe(5);
  });

  it.each([
    ['2025 Q1', 0.9296],
    ['2025 Q2', 0.9103],
    ['2025 Q3', 0.72],
    ['2025 Q4', 0.9501],
  ])('forecast accuracy %s %f', (label, planted) => {
    near(`accuracy: ${label}`, detail('forecast_accuracy', `accuracy: ${label}`), planted, 0.00005);
  });

  it('missing source share: blank on 4.1 % of rows', () => {
    near('missing_source_share', metric('missing_source_share').value, 0.041, 0.0005);
  });

  it('data quality: 5 of 3696 rows rejected, 1 duplicate id', () => {
    near('rejected_row_rate', metric('rejected_row_rate').value, 5 / 3696, 1e-12);
    expect(metric('duplicate_deal_ids').value).toBe(1);
  });
});

describe('ARR growth reads the revenue ledger: starting + net new ARR = the generator ledger ARR', () => {
  it('the implied ending ARR is the ledger ARR ($12,983,307): every 2025 expansion deal counted once', () => {
    // Expansion deals won in 2025 count as expansion (issue 14 point 7); the ones closed on or
    // before their account's 2025 renewal are already in its arr_before, so they leave the
    // starting ARR (ledger.ts). Before: expansion deals were ignored and the implied ending ARR
    // was the ledger ARR minus the expansion deals no 2025 renewal saw.
    const ending = detail('arr_growth', 'startingArr') + detail('arr_growth', 'netNewArr');
    near('ledger ARR', ending, 12_983_307, 1);
    const asOf = day(AS_OF);
    const start = day('2025-01-01');
    const expansion = ds.deals
      .filter((d) => d.status === 'won' && d.type === 'expansion' && d.closed !== null && d.closed >= start && d.closed <= asOf)
      .reduce((a, d) => a + d.amountCents, 0) / 100;
    near('CRM expansion', detail('arr_growth', 'crmExpansionArr'), expansion, 1e-9);
  });
});
