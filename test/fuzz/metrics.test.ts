/**
 * Metric invariants on random datasets (the shapes ingest produces), random configs and as-of
 * dates: shares within [0, 1], GRR ≤ 1, GRR ≤ NRR, logo retention ≤ 1, win rate by count
 * within [0, 1] and equal to an independent count, medians within min–max, p75 ≥ median, and no
 * NaN or Infinity anywhere in the report (nor hidden as "internal: non-finite value").
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import type { AuditReport } from '../../src/audit/contract.js';
import type { Config } from '../../src/config/schema.js';
import { BREAKDOWN_DIMENSIONS, type BreakdownDimension } from '../../src/metrics/engine.js';
import type { Deal, FileReport, InputKind, Renewal, SpendRow } from '../../src/base/model.js';
import { dayFromIso, dayFromYmd, isoFromDay } from '../../src/base/time.js';
import { makeDataset, makeDeal, makeRenewal, makeSpend } from '../helpers/builders.js';
import { nonFiniteNumbers } from './csv-gen.js';
import { params, runs, timeout } from './fuzz-config.js';

const START = dayFromYmd(2022, 1, 1);
const SPAN = 2 * 365;
const OWNERS = ['Ava', 'Ben', 'Cara', 'Dev', '', ' '];
const ACCOUNTS = ['Acme', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta', 'Eta', 'Theta', 'Iota', 'Kappa', 'Lambda', 'Mu'];
const SEGMENTS = ['SMB', 'Mid-Market', 'Enterprise'];
const SOURCES = ['Paid Search', 'Events', 'Referral'];

/** Ratios that are shares of a whole: always within [0, 1]. */
const SHARES = [
  'win_rate', 'win_rate_by_value', 'rejected_row_rate', 'missing_source_share', 'missing_owner_share', 'top10_concentration',
  'largest_account_share', 'stale_pipeline_share', 'quarter_end_skew', 'rep_concentration', 'quota_attainment',
  'opportunity_to_win_rate', 'grr', 'logo_retention', 'expansion_share', 'forecast_accuracy',
];
/** Never negative. */
const NON_NEGATIVE = [
  'bookings', 'avg_deal_size', 'median_deal_size', 'sales_cycle_days', 'sales_cycle_days_p75', 'pipeline_velocity', 'pipeline_coverage',
  'pipeline_created', 'pipeline_per_marketing_dollar', 'nrr', 'churned_arr', 'contraction_arr', 'expansion_arr', 'cac', 'ltv',
  'duplicate_deal_ids', 'past_due_open_deals', 'lead_to_opportunity_rate', 'projection_next_quarter',
];

const mostly = fc.constantFrom(true, true, true, true, false);
const dayArb = fc.integer({ min: START, max: START + SPAN });
const centsArb = fc.oneof(fc.integer({ min: 0, max: 50_000_000 }), fc.constantFrom(0, 1, 100, 999_999_999_999_99));

const dealArb = fc
  .record({
    status: fc.constantFrom<Deal['status']>('won', 'won', 'lost', 'lost', 'open'),
    amountCents: centsArb,
    created: fc.option(dayArb, { freq: 8 }),
    offset: fc.integer({ min: -20, max: 300 }),
    closedNull: fc.boolean(),
    owner: fc.option(fc.constantFrom(...OWNERS), { freq: 5 }),
    source: fc.option(fc.constantFrom(...SOURCES)),
    segment: fc.option(fc.constantFrom(...SEGMENTS)),
    type: fc.option(fc.constantFrom<NonNullable<Deal['type']>>('new', 'expansion', 'renewal')),
    account: fc.option(fc.constantFrom(...ACCOUNTS), { freq: 5 }),
    probability: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
    pipeline: fc.option(fc.constantFrom('Default', 'Partner')),
  })
  .map((r) => {
    const base = r.created ?? START + (r.offset * 7) % SPAN;
    let closed: number | null = r.status === 'open' && r.closedNull ? null : base + r.offset;
    let created = r.created;
    // what ingest guarantees: won and lost deals have a close date, never before their created date
    if (r.status !== 'open' && closed === null) closed = base;
    if (r.status !== 'open' && created !== null && closed !== null && closed < created) created = null;
    return { ...r, created, closed };
  });

const renewalArb = fc.record({
  account: fc.constantFrom(...ACCOUNTS),
  renewalDate: dayArb,
  arrBeforeCents: fc.oneof(fc.integer({ min: 0, max: 20_000_000 }), fc.constant(0)),
  change: fc.oneof(fc.constant(0), fc.constant(-1), fc.double({ min: -1, max: 2, noNaN: true })),
  status: fc.option(fc.constantFrom('renewed', 'churned')),
  segment: fc.option(fc.constantFrom(...SEGMENTS)),
  startDate: fc.option(dayArb),
});

const spendArb = fc.record({
  month: fc.integer({ min: 0, max: 23 }),
  channel: fc.constantFrom('Paid Search', 'Events', 'Sales Salaries'),
  amountCents: fc.integer({ min: 0, max: 10_000_000 }),
  category: fc.constantFrom<SpendRow['category']>('marketing', 'sales', 'other'),
  leads: fc.option(fc.integer({ min: 0, max: 5000 })),
  mqls: fc.option(fc.integer({ min: 0, max: 500 })),
  sqls: fc.option(fc.integer({ min: 0, max: 100 })),
});

const isoArb = fc.integer({ min: START - 100, max: START + SPAN + 200 }).map(isoFromDay);
const configArb: fc.Arbitrary<Config> = fc.record(
  {
    company: fc.record(
      {
        grossMargin: fc.integer({ min: -1000, max: 1000 }).map((x) => x / 1000), // as configs write it; see the report for 5e-324
        operatingMargin: fc.double({ min: -1, max: 1, noNaN: true }),
        fiscalYearStartMonth: fc.integer({ min: 1, max: 12 }),
        arr: fc.oneof(fc.integer({ min: 0, max: 100_000_000 }), fc.constantFrom(0, 1e9, 1e13)), // see the report for 1e308
        segment: fc.constantFrom('smb', 'mid-market', 'enterprise', 'mixed' as const),
      },
      { requiredKeys: [] },
    ),
    targets: fc.record(
      {
        nextQuarterBookings: fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.constant(1e13)),
        quotas: fc.dictionary(fc.constantFrom(...OWNERS), fc.oneof(fc.integer({ min: 0, max: 5_000_000 }), fc.constant(0))),
      },
      { requiredKeys: [] },
    ),
    forecasts: fc.array(
      fc.record({
        start: fc.oneof(isoArb, fc.constantFrom('2025-02-30', '2025-13-01')),
        end: fc.oneof(isoArb, fc.constantFrom('2024-02-30', '0000-00-00')),
        amount: fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.constant(0)),
      }),
      { maxLength: 4 },
    ),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<Config>;

function fileReport(kind: InputKind, used: number, rejected: number, fields: readonly string[]): FileReport {
  return {
    kind,
    path: `${kind}.csv`,
    preset: 'generic',
    delimiter: ',',
    header: [...fields],
    mapping: Object.fromEntries(fields.map((f) => [f, f])),
    rows: { read: used + rejected, used, rejected },
    rejectedByReason: rejected > 0 ? { invalid_amount: rejected } : {},
    rejects: [],
    warnings: [],
    dateRange: null,
    dateOrder: null,
  };
}

const datasetArb = fc
  .record({
    deals: fc.array(dealArb, { minLength: 3, maxLength: 80 }),
    renewals: fc.array(renewalArb, { minLength: 1, maxLength: 40 }),
    spend: fc.array(spendArb, { minLength: 1, maxLength: 30 }),
    present: fc.record({ deals: mostly, spend: mostly, renewals: mostly }),
    rejected: fc.nat({ max: 20 }),
    withOptionalColumns: fc.boolean(),
  })
  .map((g) => {
    const deals = g.present.deals
      ? g.deals.map((d, i) =>
          makeDeal({
            line: i + 2,
            id: `D${i + 2}`,
            status: d.status,
            amountCents: d.amountCents,
            created: d.created,
            closed: d.closed,
            owner: d.owner,
            source: d.source,
            segment: d.segment,
            type: d.type,
            account: d.account,
            probability: d.probability,
            pipeline: d.pipeline,
          }),
        )
      : [];
    const renewals: Renewal[] = g.present.renewals
      ? g.renewals.map((r, i) =>
          makeRenewal({
            line: i + 2,
            account: r.account,
            renewalDate: r.renewalDate,
            arrBeforeCents: r.arrBeforeCents,
            arrAfterCents: r.change === -1 ? 0 : Math.max(0, Math.round(r.arrBeforeCents * (1 + r.change))),
            status: r.status,
            segment: r.segment,
            startDate: r.startDate,
          }),
        )
      : [];
    const spend: SpendRow[] = g.present.spend
      ? g.spend.map((s, i) =>
          makeSpend({
            line: i + 2,
            periodStart: dayFromYmd(2022 + Math.floor(s.month / 12), (s.month % 12) + 1, 1),
            channel: s.channel,
            amountCents: s.amountCents,
            category: s.category,
            leads: s.leads,
            mqls: s.mqls,
            sqls: s.sqls,
          }),
        )
      : [];
    const dealFields = ['id', 'amount', 'stage', 'created', 'closed', ...(g.withOptionalColumns ? ['owner', 'source', 'segment', 'type', 'account', 'probability'] : [])];
    const files: FileReport[] = [];
    if (g.present.deals) files.push(fileReport('deals', deals.length, g.rejected, dealFields));
    if (g.present.spend) files.push(fileReport('spend', spend.length, 0, ['period', 'channel', 'amount']));
    if (g.present.renewals) files.push(fileReport('renewals', renewals.length, 0, ['account', 'renewal_date', 'arr_before', 'arr_after']));
    return makeDataset({ deals, renewals, spend, files, present: g.present });
  });

function metric(report: AuditReport, id: string): number | null {
  return report.metrics.find((m) => m.id === id)?.value ?? null;
}

/** In the window: start < day ≤ end. */
function inWindow(report: AuditReport, day: number | null): boolean {
  if (day === null) return false;
  return day > (dayFromIso(report.window.start) as number) && day <= (dayFromIso(report.window.end) as number);
}

describe('metric invariants', () => {
  it(
    `hold on random datasets, configs and as-of dates (${runs(100)} audits)`,
    () => {
      fc.assert(
        fc.property(
          datasetArb,
          configArb,
          fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: isoArb }, { weight: 4, arbitrary: fc.integer({ min: START + 300, max: START + SPAN }).map(isoFromDay) }),
          fc.option(fc.constantFrom<BreakdownDimension>(...BREAKDOWN_DIMENSIONS)),
          (ds, config, asOf, by) => {
            const result = runAudit(ds, config, { toolVersion: 'fuzz', ...(asOf ? { asOf } : {}), ...(by ? { by } : {}) });
            if (!result.ok) {
              // only "no dates to anchor the audit" may stop it
              expect(result.problems.map((p) => p.path)).toEqual(['--as-of']);
              return;
            }
            const r = result.report;
            expect(nonFiniteNumbers(r)).toEqual([]);
            const hidden = r.metrics.filter((m) => (m.reason ?? '').includes('non-finite'));
            expect(hidden.map((m) => m.id)).toEqual([]);
            for (const group of Object.values(r.breakdowns)) {
              for (const g of group) expect(g.metrics.filter((m) => (m.reason ?? '').includes('non-finite')).map((m) => m.id)).toEqual([]);
            }

            for (const m of r.metrics) {
              if (m.value === null) continue;
              if (SHARES.includes(m.id)) {
                if (m.value < 0 || m.value > 1) throw new Error(`${m.id} = ${m.value} is outside [0, 1]`);
              }
              if (NON_NEGATIVE.includes(m.id) && m.value < 0) throw new Error(`${m.id} = ${m.value} is negative`);
              if (m.unit === 'count') expect(Number.isInteger(m.value)).toBe(true);
            }

            const grr = metric(r, 'grr');
            const nrr = metric(r, 'nrr');
            if (grr !== null && nrr !== null) expect(grr).toBeLessThanOrEqual(nrr + 1e-12);

            // win rate by count, recomputed independently
            const closedInWindow = ds.deals.filter((d) => d.status !== 'open' && inWindow(r, d.closed));
            const won = closedInWindow.filter((d) => d.status === 'won');
            const winRate = metric(r, 'win_rate');
            if (closedInWindow.length > 0 && winRate !== null) expect(winRate).toBeCloseTo(won.length / closedInWindow.length, 12);

            // GRR and NRR, recomputed independently
            const ren = ds.renewals.filter((x) => inWindow(r, x.renewalDate));
            const before = ren.reduce((s, x) => s + x.arrBeforeCents, 0);
            if (before > 0 && grr !== null && nrr !== null) {
              expect(grr).toBeCloseTo(ren.reduce((s, x) => s + Math.min(x.arrAfterCents, x.arrBeforeCents), 0) / before, 12);
              expect(nrr).toBeCloseTo(ren.reduce((s, x) => s + x.arrAfterCents, 0) / before, 12);
            }

            // medians within min–max, p75 ≥ median
            const sizes = won.map((d) => d.amountCents / 100);
            const med = metric(r, 'median_deal_size');
            if (med !== null && sizes.length > 0) {
              expect(med).toBeGreaterThanOrEqual(Math.min(...sizes) - 1e-9);
              expect(med).toBeLessThanOrEqual(Math.max(...sizes) + 1e-9);
            }
            const cycles = won.filter((d) => d.created !== null && d.closed !== null).map((d) => (d.closed as number) - (d.created as number));
            const cyc = metric(r, 'sales_cycle_days');
            const p75 = metric(r, 'sales_cycle_days_p75');
            if (cyc !== null && cycles.length > 0) {
              expect(cyc).toBeGreaterThanOrEqual(Math.min(...cycles));
              expect(cyc).toBeLessThanOrEqual(Math.max(...cycles));
            }
            if (cyc !== null && p75 !== null) expect(p75).toBeGreaterThanOrEqual(cyc);

            // grades are scores out of 100 (or null), coverage a share
            const o = r.grades.overall;
            if (o.score !== null) expect(o.score >= 0 && o.score <= 100).toBe(true);
            expect(o.coverage >= 0 && o.coverage <= 1).toBe(true);

            // the JSON the CLI prints is plain JSON with every number in it
            const json = JSON.stringify(r);
            expect(json).not.toMatch(/NaN|Infinity/);
            expect(nonFiniteNumbers(JSON.parse(json))).toEqual([]);
          },
        ),
        params(100),
      );
    },
    timeout(),
  );
});
