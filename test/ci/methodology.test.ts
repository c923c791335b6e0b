/**
 * Methodology settings (config `methodology`): one table row per switch, on a small dataset whose
 * every affected value is computed by hand below. Each switch must change exactly the metrics the
 * table names (and no other metric), and each affected metric records the setting in its notes.
 *
 * The dataset (as of 2025-12-31, window 2024-12-31 < d ≤ 2025-12-31, gross margin 0.8):
 *   won   W0 new   8,000  acct C  closed 2024-06-01 (before the window: C is not a new logo later)
 *   won   W1 new  10,000  acct A  2025-01-01 → 2025-03-01  (59 d)  source Paid Search
 *   won   W2 new  30,000  acct B  2025-02-01 → 2025-05-01  (89 d)  source Organic
 *   won   W3 exp  20,000  acct A  2025-03-01 → 2025-06-01  (92 d)
 *   won   W4 new  15,000  acct C  2025-07-01 → 2025-10-15 (106 d)  source Events
 *   lost  L1 new  40,000          closed 2025-04-01
 *   lost  L2 new  10,000          closed 2025-07-01
 *   open  O1      50,000  created 2025-06-01, expected 2025-11-30: past due → stale
 *   open  O2       5,000  created 2025-12-01, expected 2026-02-01: 30 days old, not stale
 *   spend marketing Paid Search 2024-10 9,000 (outside the window, inside the lagged one),
 *         Paid Search 2025-02 12,000, Events 2025-03 6,000, Events 2025-07 3,000; sales 2025-04 12,000
 *   renewals X 2025-03-01 10,000 → 12,000; Y 2025-06-01 20,000 → 0; Z 2025-09-01 10,000 → 8,000;
 *            W 2025-10-01 10,000 → 10,000; V 2024-06-01 5,000 → 6,000 (before the window)
 *   forecasts 2025 Q1 8,000 (actual 10,000), 2025 Q2 60,000 (actual 50,000)
 *   revenue   2025 Q3 100,000, 2025 Q4 106,000
 *
 * Defaults: won 4, lost 2 → win rate 4/6; S&M in window 33,000; new customers W1 W2 W4 = 3,
 * new ARR 55,000 → CAC 11,000, payback 33,000 × 12 ÷ (55,000 × 0.8) = 9; renewals due X Y Z W:
 * ARR before 50,000, retained 28,000 (GRR 0.56), after 30,000 (NRR 0.6); ARPA 12,500,
 * LTV = 12,500 × 0.8 × 1/0.44; magic number = new ARR of Q4 2025 (W4 15,000) ÷ S&M of Q3 (3,000) = 5.
 */
import { describe, expect, it } from 'vitest';
import { METRICS } from '../../src/metrics/registry.js';
import { runMetrics } from '../../src/metrics/engine.js';
import { DEFAULT_METHODOLOGY, METHODOLOGY_SETTINGS, resolveMethodology, type Methodology, type MethodologyConfig } from '../../src/config/methodology.js';
import { configSchema, profileFromConfig } from '../../src/config/schema.js';
import type { MetricResult } from '../../src/metrics/types.js';
import { makeCtx, makeDataset, makeDeal, makeRenewal, makeSpend } from '../helpers/builders.js';

const ds = makeDataset({
  deals: [
    makeDeal({ id: 'W0', status: 'won', type: 'new', amountCents: 800_000, account: 'C', created: '2024-05-01', closed: '2024-06-01' }),
    makeDeal({ id: 'W1', status: 'won', type: 'new', amountCents: 1_000_000, account: 'A', created: '2025-01-01', closed: '2025-03-01', source: 'Paid Search' }),
    makeDeal({ id: 'W2', status: 'won', type: 'new', amountCents: 3_000_000, account: 'B', created: '2025-02-01', closed: '2025-05-01', source: 'Organic' }),
    makeDeal({ id: 'W3', status: 'won', type: 'expansion', amountCents: 2_000_000, account: 'A', created: '2025-03-01', closed: '2025-06-01' }),
    makeDeal({ id: 'W4', status: 'won', type: 'new', amountCents: 1_500_000, account: 'C', created: '2025-07-01', closed: '2025-10-15', source: 'Events' }),
    makeDeal({ id: 'L1', status: 'lost', type: 'new', amountCents: 4_000_000, created: '2025-01-15', closed: '2025-04-01' }),
    makeDeal({ id: 'L2', status: 'lost', type: 'new', amountCents: 1_000_000, created: '2025-05-01', closed: '2025-07-01' }),
    makeDeal({ id: 'O1', status: 'open', type: 'new', amountCents: 5_000_000, created: '2025-06-01', closed: '2025-11-30' }),
    makeDeal({ id: 'O2', status: 'open', type: 'new', amountCents: 500_000, created: '2025-12-01', closed: '2026-02-01' }),
  ],
  spend: [
    makeSpend({ periodStart: '2024-10-01', channel: 'Paid Search', amountCents: 900_000 }),
    makeSpend({ periodStart: '2025-02-01', channel: 'Paid Search', amountCents: 1_200_000 }),
    makeSpend({ periodStart: '2025-03-01', channel: 'Events', amountCents: 600_000 }),
    makeSpend({ periodStart: '2025-07-01', channel: 'Events', amountCents: 300_000 }),
    makeSpend({ periodStart: '2025-04-01', channel: 'Sales Salaries', category: 'sales', amountCents: 1_200_000 }),
  ],
  renewals: [
    makeRenewal({ account: 'X', renewalDate: '2025-03-01', arrBeforeCents: 1_000_000, arrAfterCents: 1_200_000 }),
    makeRenewal({ account: 'Y', renewalDate: '2025-06-01', arrBeforeCents: 2_000_000, arrAfterCents: 0 }),
    makeRenewal({ account: 'Z', renewalDate: '2025-09-01', arrBeforeCents: 1_000_000, arrAfterCents: 800_000 }),
    makeRenewal({ account: 'W', renewalDate: '2025-10-01', arrBeforeCents: 1_000_000, arrAfterCents: 1_000_000 }),
    makeRenewal({ account: 'V', renewalDate: '2024-06-01', arrBeforeCents: 500_000, arrAfterCents: 600_000 }),
  ],
});

const BASE_PROFILE = {
  grossMargin: 0.8,
  forecasts: [
    { start: '2025-01-01', end: '2025-03-31', amountCents: 800_000, label: '2025 Q1' },
    { start: '2025-04-01', end: '2025-06-30', amountCents: 6_000_000, label: '2025 Q2' },
  ],
  revenue: [
    { start: '2025-07-01', end: '2025-09-30', amountCents: 10_000_000, label: null },
    { start: '2025-10-01', end: '2025-12-31', amountCents: 10_600_000, label: null },
  ],
};

function run(methodology: Methodology): Map<string, MetricResult> {
  const ctx = makeCtx('2025-12-31', { ...BASE_PROFILE, methodology });
  return new Map(runMetrics(METRICS, ds, ctx).map((m) => [m.id, m]));
}

const LTV_DEFAULT = 12_500 * 0.8 * (1 / 0.44);

/** Hand-computed defaults of every metric a switch can touch. */
const DEFAULTS: Record<string, number> = {
  win_rate: 4 / 6,
  win_rate_by_value: 75_000 / 125_000,
  cac: 33_000 / 3,
  ltv_to_cac: LTV_DEFAULT / 11_000,
  cac_payback_months: (33_000 * 12) / (55_000 * 0.8),
  ltv: LTV_DEFAULT,
  magic_number: 15_000 / 3_000,
  nrr: 30_000 / 50_000,
  forecast_accuracy: (0.8 + 0.8) / 2,
};

interface Row {
  readonly name: string;
  readonly config: MethodologyConfig;
  /** Exactly the metrics whose value changes, with their new hand-computed value. */
  readonly expected: Record<string, number>;
  readonly note: string;
}

const ROWS: readonly Row[] = [
  {
    name: 'winRate value',
    config: { winRate: 'value' },
    // won 75,000 ÷ (won 75,000 + lost 50,000)
    expected: { win_rate: 75_000 / 125_000 },
    note: 'methodology.winRate = value',
  },
  {
    name: 'staleDealsAsLost',
    config: { staleDealsAsLost: true },
    // O1 (past due) joins the lost side: 4 ÷ (6 + 1); by value 75,000 ÷ (125,000 + 50,000)
    expected: { win_rate: 4 / 7, win_rate_by_value: 75_000 / 175_000 },
    note: 'methodology.staleDealsAsLost = true',
  },
  {
    name: 'cac paid',
    config: { cac: 'paid' },
    // marketing of the channels 12,000 + 6,000 + 3,000 = 21,000 ÷ wins sourced from them (W1, W4) = 2
    expected: { cac: 10_500, ltv_to_cac: LTV_DEFAULT / 10_500 },
    note: 'methodology.cac = paid',
  },
  {
    name: 'cac new_logo',
    config: { cac: 'new_logo' },
    // accounts first won in the window: A, B (C was first won in 2024) → 33,000 ÷ 2
    expected: { cac: 16_500, ltv_to_cac: LTV_DEFAULT / 16_500 },
    note: 'methodology.cac = new_logo',
  },
  {
    name: 'cacPayback.basis aggregate',
    // net new ARR (the revenue ledger) = new 55,000 + expansion (2,000 renewal uplift + 20,000 CRM
    // expansion deal W3) − contraction 2,000 − churn 20,000 = 55,000: equal to the new ARR of the
    // default basis on this fixture, so the row also drops the gross margin to show the basis at
    // work: 396,000 ÷ 55,000 = 7.2 (default 396,000 ÷ (55,000 × 0.8) = 9)
    config: { cacPayback: { basis: 'aggregate', grossMargin: false } },
    expected: { cac_payback_months: 396_000 / 55_000 },
    note: 'methodology.cacPayback.basis = aggregate',
  },
  {
    name: 'cacPayback.spend prior_period',
    config: { cacPayback: { spend: 'prior_period' } },
    // S&M of (2024-09-30, 2025-09-30] = 9,000 + 12,000 + 6,000 + 12,000 + 3,000 = 42,000
    expected: { cac_payback_months: (42_000 * 12) / (55_000 * 0.8) },
    note: 'methodology.cacPayback.spend = prior_period',
  },
  {
    name: 'cacPayback.grossMargin false',
    config: { cacPayback: { grossMargin: false } },
    expected: { cac_payback_months: (33_000 * 12) / 55_000 },
    note: 'methodology.cacPayback.grossMargin = false',
  },
  {
    name: 'ltv.grossMargin false',
    config: { ltv: { grossMargin: false } },
    expected: { ltv: 12_500 / 0.44, ltv_to_cac: 12_500 / 0.44 / 11_000 },
    note: 'methodology.ltv.grossMargin = false',
  },
  {
    name: 'ltv.churn logo',
    config: { ltv: { churn: 'logo' } },
    // 1 of 4 accounts lost → lifetime 4 years
    expected: { ltv: 12_500 * 0.8 * 4, ltv_to_cac: 40_000 / 11_000 },
    note: 'methodology.ltv.churn = logo',
  },
  {
    name: 'magicNumber revenue',
    config: { magicNumber: 'revenue' },
    // (106,000 − 100,000) × 4 ÷ 3,000
    expected: { magic_number: 8 },
    note: 'methodology.magicNumber = revenue',
  },
  {
    name: 'nrrWindow trailing_12m_cohort',
    config: { nrrWindow: 'trailing_12m_cohort' },
    // accounts with ARR on 2024-12-31: X 10,000, Y 20,000, Z 10,000, W 10,000, V 6,000 = 56,000; now 12,000 + 0 + 8,000 + 10,000 + 6,000
    expected: { nrr: 36_000 / 56_000 },
    note: 'methodology.nrrWindow = trailing_12m_cohort',
  },
  {
    name: 'forecastAccuracy forecast',
    config: { forecastAccuracy: 'forecast' },
    // Q1: 1 − 2,000/8,000; Q2: 1 − 10,000/60,000
    expected: { forecast_accuracy: (0.75 + (1 - 10_000 / 60_000)) / 2 },
    note: 'methodology.forecastAccuracy = forecast',
  },
];

describe('methodology settings', () => {
  const base = run(DEFAULT_METHODOLOGY);

  it('the defaults compute the hand-computed values and say "(default)" next to each affected metric', () => {
    for (const [id, v] of Object.entries(DEFAULTS)) {
      expect(base.get(id)?.value, id).toBeCloseTo(v, 9);
    }
    for (const s of METHODOLOGY_SETTINGS) {
      for (const id of s.metrics) {
        const notes = base.get(id)?.notes ?? [];
        expect(notes.some((n) => n.startsWith(`methodology.${s.key} = ${String(s.default)} (default): `)), `${id} ${s.key}: ${notes.join(' | ')}`).toBe(true);
      }
    }
  });

  it.each(ROWS)('$name changes exactly its metrics, to the hand-computed values', (row) => {
    const after = run(resolveMethodology(row.config));
    const changed = METRICS.map((m) => m.id).filter((id) => {
      const a = base.get(id)?.value ?? null;
      const b = after.get(id)?.value ?? null;
      return a === null || b === null ? a !== b : Math.abs(a - b) > 1e-12;
    });
    expect(changed.sort()).toEqual(Object.keys(row.expected).sort());
    for (const [id, v] of Object.entries(row.expected)) {
      expect(after.get(id)?.value, id).toBeCloseTo(v, 9);
      expect((after.get(id)?.notes ?? []).some((n) => n.startsWith(row.note)), `${id} notes`).toBe(true);
    }
  });

  it('every switch in the documentation table is exercised by a row, and names only metrics that exist', () => {
    const ids = new Set(METRICS.map((m) => m.id));
    for (const s of METHODOLOGY_SETTINGS) {
      for (const id of s.metrics) expect(ids.has(id), id).toBe(true);
      expect(ROWS.some((r) => r.note.startsWith(`methodology.${s.key} = `)), s.key).toBe(true);
    }
  });

  it('the config accepts the settings, applies defaults for the rest and rejects an unknown choice', () => {
    const parsed = configSchema().parse({ methodology: { winRate: 'value', cacPayback: { basis: 'aggregate' } } });
    const p = profileFromConfig(parsed);
    expect(p.methodology).toEqual({ ...DEFAULT_METHODOLOGY, winRate: 'value', cacPayback: { ...DEFAULT_METHODOLOGY.cacPayback, basis: 'aggregate' } });
    expect(profileFromConfig({}).methodology).toEqual(DEFAULT_METHODOLOGY);
    const bad = configSchema().safeParse({ methodology: { winRate: 'amount' } });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toContain('expected one of \\"count\\", \\"value\\"');
    expect(configSchema().safeParse({ methodology: { winrate: 'value' } }).success).toBe(false);
  });

  it('n/a reasons name the data a setting needs', () => {
    const noRevenue = new Map(runMetrics(METRICS, ds, makeCtx('2025-12-31', { grossMargin: 0.8, methodology: resolveMethodology({ magicNumber: 'revenue' }) })).map((m) => [m.id, m]));
    expect(noRevenue.get('magic_number')?.reason).toMatch(/needs recognised revenue for FY2025 Q4 and FY2025 Q3|needs recognised revenue for .* in the config/);
    const noRenewals = makeDataset({ deals: ds.deals, spend: ds.spend });
    const agg = runMetrics(METRICS, noRenewals, makeCtx('2025-12-31', { grossMargin: 0.8, methodology: resolveMethodology({ cacPayback: { basis: 'aggregate' } }) })).find((m) => m.id === 'cac_payback_months');
    expect(agg?.reason).toContain('needs a renewals file (--renewals) for net new ARR');
    // without a gross margin, the raw payback and LTV still compute
    const noGm = new Map(runMetrics(METRICS, ds, makeCtx('2025-12-31', { methodology: resolveMethodology({ cacPayback: { grossMargin: false }, ltv: { grossMargin: false } }) })).map((m) => [m.id, m]));
    expect(noGm.get('cac_payback_months')?.value).toBeCloseTo(7.2, 9);
    expect(noGm.get('ltv')?.value).toBeCloseTo(12_500 / 0.44, 6);
  });
});
