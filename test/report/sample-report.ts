/**
 * A realistic, complete AuditReport built by hand for the renderer tests: a mid-market SaaS
 * company with healthy growth and leaky retention, a diagnosis and (optionally) a comparison with
 * last month's audit. Metric values are hand-made; rules and grades come from the real default
 * rule pack so the report is internally consistent.
 *
 *   makeSampleReport()                       // diagnosis + comparison
 *   makeSampleReport({ hostile: true })      // input-derived text replaced by attack strings
 *   makeSampleReport({ diagnosis: false, comparison: false })
 */
import type { AuditReport } from '../../src/audit/contract.js';
import type { Diagnosis } from '../../src/diagnose/types.js';
import type { MetricArea, MetricResult, MetricUnit, MonthlyPoint } from '../../src/metrics/types.js';
import type { InputKind } from '../../src/base/model.js';
import { METRICS } from '../../src/metrics/registry.js';
import { compareAudits } from '../../src/audit/compare.js';
import { DEFAULT_PACK } from '../../src/rules/default-pack.js';
import { evaluateRules, gradeAreas } from '../../src/rules/evaluate.js';
import { resolveRules } from '../../src/rules/resolve.js';
import { runCliAsync } from '../helpers/cli.js';

/** Attack strings a CSV cell could carry. */
export const HOSTILE = {
  script: '<script>alert(1)</script>',
  img: '<img src=x onerror=alert(1)>',
  formula: '=HYPERLINK("http://x")',
  mdLink: '| [x](javascript:alert(1))',
  ansi: '\u001b[2J',
} as const;

/** Ids of the SVG charts the HTML report draws for the sample report. */
export const CHART_IDS = ['chart-area-scores', 'chart-bookings-pipeline', 'chart-winrate-cycle', 'chart-retention-waterfall', 'chart-channel-cac'] as const;

export interface SampleOptions {
  /** Replace input-derived names (company, owner, channel, account, deal, warnings) with HOSTILE strings. */
  readonly hostile?: boolean;
  readonly diagnosis?: boolean;
  readonly comparison?: boolean;
  /** Last month's numbers (used to build the comparison baseline). */
  readonly variant?: 'current' | 'baseline';
}

interface Names {
  company: string;
  topRep: string;
  channelA: string;
  account: string;
  dealName: string;
  path: string;
  warning: string;
}

function names(hostile: boolean): Names {
  if (!hostile) {
    return {
      company: 'Northwind Analytics',
      topRep: 'Marcus Delgado',
      channelA: 'Paid Social',
      account: 'Beacon Apparel',
      dealName: 'Beacon Apparel – Enterprise renewal',
      path: 'exports/deals.csv',
      warning: 'stage values not mapped to won/lost/open: "Closed Won - Pending Legal" (1). Map them in revhealth.config.json',
    };
  }
  return {
    company: HOSTILE.script,
    topRep: HOSTILE.script,
    channelA: HOSTILE.img,
    account: HOSTILE.formula,
    dealName: `${HOSTILE.mdLink}${HOSTILE.ansi}`,
    path: `exports/${HOSTILE.ansi}deals|[x].csv`,
    warning: `stage values not mapped: "${HOSTILE.ansi}${HOSTILE.mdLink}" (1) ${HOSTILE.img}`,
  };
}

const METRIC_DEFS = new Map(METRICS.map((m) => [m.id, m]));

function metric(
  id: string,
  value: number | null,
  extra: { details?: Record<string, number | string | null>; notes?: string[]; sampleSize?: number; reason?: string } = {},
): MetricResult {
  const def = METRIC_DEFS.get(id);
  if (!def) throw new Error(`sample-report: unknown metric ${id}`);
  return {
    id,
    title: def.title,
    area: def.area as MetricArea,
    unit: def.unit as MetricUnit,
    value,
    status: value === null ? 'n/a' : 'ok',
    reason: value === null ? (extra.reason ?? 'not computed') : null,
    inputs: [...def.inputs],
    notes: extra.notes ?? [],
    sampleSize: value === null ? null : (extra.sampleSize ?? 100),
    details: value === null ? null : (extra.details ?? null),
  };
}

function months(from: string, values: readonly (number | null)[]): MonthlyPoint[] {
  let [y, m] = from.split('-').map(Number) as [number, number];
  return values.map((value) => {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
    return { month, value };
  });
}

function buildMetrics(n: Names, base: boolean): MetricResult[] {
  const grr = base ? 0.872 : 0.8336662111900612;
  const nrr = base ? 0.951 : 0.9241222384783577;
  const churned = base ? 640200 : 869900.5;
  const contraction = base ? 414100 : 500400;
  const expansion = base ? 834500 : 745200;
  const arrBefore = 8238257;
  const arrAfter = arrBefore - churned - contraction + expansion;
  return [
    metric('bookings', base ? 6850400 : 7053007.5, { details: { count: 391 }, sampleSize: 391 }),
    metric('bookings_growth_yoy', base ? 0.49 : 0.5355300773511841, { details: { current: 7053007.5, previous: 4593207 } }),
    metric('bookings_growth_qoq', -0.09468005890729835, { details: { quarter: 'FY2025 Q4', previousQuarter: 'FY2025 Q3' } }),
    metric('arr_growth', 0.6891878949637041, {
      details: { startingArr: arrBefore, newArr: 6302807.5, expansionArr: expansion, contractionArr: contraction, churnedArr: churned },
    }),
    metric('rule_of_40', 0.6091878949637042, { details: { growth: 0.6891878949637041, operatingMargin: -0.08 } }),
    metric('forecast_accuracy', null, { reason: 'needs forecasts per past period in the config (forecasts)' }),
    metric('projection_next_quarter', 3015102.2, { notes: ['projection: open pipeline weighted by likelihood, not a committed forecast'] }),
    metric('top10_concentration', 0.1147028413056416, { details: { accounts: 368, top10Bookings: 809000 } }),
    metric('largest_account_share', 0.01339853955918805, { details: { account: n.account, accountBookings: 94500, totalBookings: 7053007.5 } }),
    metric('win_rate', base ? 0.268 : 0.2596281540504648, { details: { won: 391, lost: 1115 }, sampleSize: 1506 }),
    metric('win_rate_by_value', 0.2437321626553307, { details: { wonAmount: 7053007.5, lostAmount: 21884525.5 } }),
    metric('avg_deal_size', 18038.382352941175, { details: { count: 391, total: 7053007.5 } }),
    metric('median_deal_size', 11400),
    metric('sales_cycle_days', base ? 49 : 51, { details: { count: 391, meanDays: 52.99 } }),
    metric('sales_cycle_days_p75', 65),
    metric('pipeline_velocity', 819288.9075413197, { notes: ['per month = per day × 30'] }),
    metric('pipeline_coverage', base ? 3.1 : 2.9720583333333335, {
      details: { quarter: 'FY2026 Q1', openPipeline: 5349705, target: 1800000, targetBasis: 'targets.nextQuarterBookings' },
    }),
    metric('pipeline_created', 32930235.5, { details: { count: 1664, perMonthAverage: 2744186.29 } }),
    metric('pipeline_per_marketing_dollar', 24.91174323461505),
    metric('stale_pipeline_share', base ? 0.231 : 0.2788896930872913, { details: { value: 2069000.5, openPipeline: 7418705.5 } }),
    metric('quarter_end_skew', 0.5545581087217049),
    metric('rep_concentration', 0.40399843612813396, {
      details: { owner: n.topRep, ownerBookings: 2849404, totalBookings: 7053007.5, owners: 8 },
    }),
    metric('quota_attainment', 0.5, { details: { owners: 8, atOrAboveQuota: 4, [`attainment: ${n.topRep}`]: 2.37 } }),
    metric('lead_to_opportunity_rate', 0.08275724871935147),
    metric('opportunity_to_win_rate', 0.21514423076923078),
    metric('cac', 8654.907216494845, { details: { salesAndMarketingSpend: 2518578, newCustomers: 291 } }),
    metric('cac_by_channel', 13218.76, {
      notes: ['spend but no won new deals sourced from: Content, SEO (cac null)'],
      details: {
        spend: 1321876,
        won: 100,
        unattributedWon: 191,
        'Content.spend': 120856,
        'Content.won': 0,
        'Content.cac': null,
        'Events.spend': 225001,
        'Events.won': 30,
        'Events.cac': 7500.033333333334,
        'Paid Search.spend': 357501,
        'Paid Search.won': 55,
        'Paid Search.cac': 6500.018181818182,
        [`${n.channelA}.spend`]: 540000,
        [`${n.channelA}.won`]: 15,
        [`${n.channelA}.cac`]: 36000,
        'SEO.spend': 78518,
        'SEO.won': 0,
        'SEO.cac': null,
      },
    }),
    metric('cac_payback_months', 6.14763402597237),
    metric('new_arr_per_sm_dollar', 2.502526227101166),
    metric('magic_number', 2.1995697758552524),
    metric('ltv', 64907.47939393939),
    metric('ltv_to_cac', base ? 6.8 : 7.49950031471583),
    metric('grr', grr, { details: { arrBefore, arrRetained: arrBefore - churned - contraction, churnedArr: churned, contractionArr: contraction } }),
    metric('nrr', nrr, { details: { arrBefore, arrAfter, expansionArr: expansion, contractionArr: contraction, churnedArr: churned } }),
    metric('logo_retention', 0.8545454545454545, { details: { accountsDue: 495, accountsRetained: 423 } }),
    metric('churned_arr', churned, { details: { contracts: 72, arrBefore } }),
    metric('contraction_arr', contraction, { details: { contracts: 162, arrBefore } }),
    metric('expansion_arr', expansion, { details: { contracts: 125, arrBefore } }),
    metric('expansion_share', 0.10573201007518791),
    metric('rejected_row_rate', 0.001288659793814433, { details: { read: 3880, rejected: 5 } }),
    metric('missing_source_share', 0.04418762746430999),
    metric('missing_owner_share', 0),
    metric('duplicate_deal_ids', 1),
    metric('past_due_open_deals', 70),
    metric('data_freshness_days', 0, { details: { latest: '2025-12-31' } }),
  ];
}

const SERIES_START = '2023-10';
const SERIES: Readonly<Record<string, readonly (number | null)[]>> = {
  bookings: [0, 0, 0, 303900.5, 261900, 378301, 283300.5, 313000.5, 494800.5, 329801, 426100.5, 582401, 320500.5, 319200.5, 580000.5, 310601, 272600, 911001, 256700, 485701, 1367200, 392201, 363300, 1054801, 137801, 379800, 1121301.5],
  pipeline_created: [228600, 827000, 1127701, 1751303, 1507802.5, 1612503, 1767602, 2007003.5, 1727502.5, 1817602, 1791601.5, 2294303.5, 2108700.5, 1851402.5, 1784202, 2132900, 1756002, 2413903.5, 3156402.5, 2959002, 2784803.5, 2838902, 2667706, 3103803.5, 3280704, 3004503, 2831603.5],
  win_rate: [null, null, null, 0.278, 0.273, 0.284, 0.211, 0.212, 0.29, 0.212, 0.244, 0.311, 0.214, 0.202, 0.303, 0.206, 0.164, 0.375, 0.143, 0.209, 0.372, 0.143, 0.142, 0.462, 0.11, 0.206, 0.341],
  median_cycle_days: [null, null, null, 53.5, 53, 48, 42, 58, 48, 52, 55, 55, 54, 54, 44, 50, 52, 53, 43, 51, 54, 63, 58, 49, 44.5, 52, 51],
  spend: [0, 0, 0, 146807, 147892, 177225, 151215, 147332, 177762, 156416, 156510, 184790, 183788, 159964, 163458, 189289, 196488, 223069, 194051, 200943, 235965, 200889, 200447, 238563, 234460, 196877, 207537],
  new_customers: [0, 0, 0, 22, 15, 22, 14, 16, 25, 16, 19, 24, 17, 14, 25, 16, 10, 43, 8, 20, 50, 14, 10, 46, 11, 21, 42],
  cac: [null, null, null, 6673.045, 9859.467, 8055.682, 10801.071, 9208.25, 7110.48, 9776, 8237.368, 7699.583, 10811.059, 11426, 6538.32, 11830.563, 19648.8, 5187.651, 24256.375, 10047.15, 4719.3, 14349.214, 20044.7, 5186.152, 21314.545, 9375.095, 4941.357],
};

function buildDiagnosis(n: Names): Diagnosis {
  return {
    perspective: {
      summary:
        `${n.company} is an $8.2M ARR mid-market SaaS business growing bookings 54% a year, almost all of it from new logos. ` +
        'Acquisition is efficient (CAC paid back in 6 months), but one dollar in six of the renewing base walks out each year: ' +
        'retention, not pipeline, is what holds growth back.',
      arrBand: '$1M–$10M ARR',
      arr: 8238257,
      arrSource: 'renewals',
      stage: 'scale-up',
      growthSources: [
        '89% of new ARR from new logos, 11% from expansion',
        `Paid Search and Events win 85 of the 100 attributed new customers; ${n.channelA} costs the most per customer`,
      ],
      strongestArea: 'growth',
      weakestArea: 'retention',
      bindingConstraint: 'leaky_bucket',
    },
    findings: [
      {
        id: 'leaky_bucket',
        title: 'Leaky bucket: churn undoes a large part of new bookings',
        severity: 'critical',
        owners: ['Customer Success', 'Executive'],
        evidence: [
          'Gross revenue retention is 83.4% against a 90.0% floor for mid-market.',
          `$869.9k churned and $500.4k contracted out of $8.24M up for renewal; ${n.account} is among the largest losses.`,
        ],
        metrics: { grr: 0.8336662111900612, churned_arr: 869900.5, contraction_arr: 500400 },
        impact: { annual: 546465, formula: '(90.0% − 83.4%) × $8.24M ARR up for renewal = $546.5k' },
        path: 'Run renewals as a managed process: every account gets a health score and an owner 120 days before renewal, and at-risk accounts get an executive sponsor.',
        process: [
          { by: 30, step: 'List every renewal of the next two quarters with ARR, owner and health; review it weekly.', owner: 'Customer Success', kpi: 'Renewals reviewed 120 days out = 100%' },
          { by: 60, step: 'Interview the last 20 churned accounts; turn the top three reasons into save plays.', owner: 'Customer Success', kpi: 'Churn reasons logged ≥ 90%' },
          { by: 90, step: 'Tie CS compensation to gross retention and report GRR monthly to the board.', owner: 'Executive', kpi: 'GRR ≥ 90%' },
        ],
      },
      {
        id: 'stale_pipeline',
        title: 'Stale pipeline inflates coverage',
        severity: 'warning',
        owners: ['Sales', 'RevOps'],
        evidence: [
          '27.9% of open pipeline ($2.07M of $7.42M) is past its close date or older than 102 days.',
          `The oldest open deal is "${n.dealName}".`,
        ],
        metrics: { stale_pipeline_share: 0.2788896930872913 },
        impact: { annual: 537170, formula: '$2.07M stale pipeline × 26.0% win rate = $537.2k' },
        path: 'Clean the pipeline every week: a deal past its close date is re-dated with a reason or closed lost.',
        process: [
          { by: 30, step: 'Close out or re-date every deal past its expected close date.', owner: 'Sales', kpi: 'Past-due open deals = 0' },
          { by: 60, step: 'Add a required next step and next-step date to every open deal.', owner: 'RevOps', kpi: 'Deals with a next step ≥ 95%' },
          { by: 90, step: 'Review stale share in the weekly forecast call.', owner: 'Sales', kpi: 'Stale pipeline share ≤ 15%' },
        ],
      },
      {
        id: 'expansion_gap',
        title: 'Expansion gap: customers who stay rarely grow',
        severity: 'warning',
        owners: ['Customer Success'],
        evidence: ['NRR is 92.4% while expansion adds only 9.0% of ARR up for renewal; expansion is 10.6% of new ARR against 40% for peers.'],
        metrics: { nrr: 0.9241222384783577, expansion_share: 0.10573201007518791 },
        impact: { annual: 489860, formula: '(105.0% − 92.4%) × $8.24M − $546.5k already counted for GRR = $489.9k' },
        path: 'Make expansion a planned motion: package an upgrade path and give account managers an expansion target.',
        process: [
          { by: 30, step: 'Identify accounts using over 80% of their plan.', owner: 'Customer Success', kpi: 'Upgrade candidates listed' },
          { by: 60, step: 'Launch a tiered upgrade offer for those accounts.', owner: 'Marketing', kpi: 'Expansion pipeline ≥ $300k' },
          { by: 90, step: 'Add an expansion quota for account managers.', owner: 'Executive', kpi: 'NRR ≥ 100%' },
        ],
      },
      {
        id: 'hero_rep_dependency',
        title: 'Hero-rep dependency',
        severity: 'warning',
        owners: ['Sales'],
        evidence: [`${n.topRep} closed 40.4% of bookings ($2.85M of $7.05M) among 8 reps.`],
        metrics: { rep_concentration: 0.40399843612813396 },
        impact: { annual: 284936, formula: '($2.85M − 25% × $7.05M) × 25% chance the rep leaves in a year = $284.9k' },
        path: "Turn the top rep's habits into the team's playbook and spread the largest accounts across the team.",
        process: [
          { by: 30, step: `Shadow ${n.topRep} on five deals and write down the discovery and closing steps.`, owner: 'Sales', kpi: 'Playbook v1 published' },
          { by: 60, step: 'Pair each rep below quota with a documented play.', owner: 'Sales', kpi: 'Reps at quota ≥ 60%' },
          { by: 90, step: 'Rebalance territories so no rep holds more than 30% of pipeline.', owner: 'RevOps', kpi: 'Top-rep share ≤ 30%' },
        ],
      },
      {
        id: 'channel_misallocation',
        title: 'Channel misallocation',
        severity: 'info',
        owners: ['Marketing'],
        evidence: [`${n.channelA} costs $36.0k per new customer, 5.5× Paid Search ($6.5k); it takes 41% of channel spend.`],
        metrics: { cac_by_channel: 13218.76 },
        impact: { annual: 198000, formula: '$270.0k moved from ' + n.channelA + ' to Paid Search × (1 ÷ $6.5k − 1 ÷ $36.0k) × $21.7k new ARR = $198.0k' },
        path: 'Shift budget from the most expensive channel to the ones that win customers at a third of the cost, in steps, watching CAC.',
        process: [
          { by: 30, step: `Cut ${n.channelA} spend by 25% and move it to Paid Search.`, owner: 'Marketing', kpi: 'Blended paid CAC ≤ $12.0k' },
          { by: 60, step: 'Attribute every won deal to a source.', owner: 'RevOps', kpi: 'Deals without a source ≤ 2%' },
          { by: 90, step: 'Repeat the shift if CAC held.', owner: 'Marketing', kpi: 'Paid CAC ≤ $10.0k' },
        ],
      },
      {
        id: 'quarter_end_hockey_stick',
        title: 'Quarter-end hockey stick',
        severity: 'warning',
        owners: ['Sales'],
        evidence: ['55.5% of each quarter’s bookings close in its last 14 days (every quarter of the year above 53%).'],
        metrics: { quarter_end_skew: 0.5545581087217049 },
        impact: { annual: null, formula: 'not estimated: the pattern moves bookings in time rather than losing them' },
        path: 'Pull deals forward with mid-quarter commit reviews and stop end-of-quarter discounting.',
        process: [
          { by: 30, step: 'Start a mid-quarter commit review.', owner: 'Sales', kpi: 'Commit reviewed at week 6' },
          { by: 60, step: 'Require approval for discounts in the last two weeks.', owner: 'Executive', kpi: 'Quarter-end discount share ↓' },
          { by: 90, step: 'Track the share of bookings in the last 14 days.', owner: 'RevOps', kpi: 'Quarter-end skew ≤ 40%' },
        ],
      },
    ],
    watch: [{ id: 'pipeline_starvation', title: 'Pipeline starvation', note: 'Coverage is 2.97×, close to the 2.5× floor for mid-market.' }],
    notChecked: [
      { id: 'unreliable_forecast', title: 'Unreliable forecast', needs: 'Forecasts submitted per past quarter in revhealth.config.json (forecasts).' },
      { id: 'marketing_sales_disconnect', title: 'Marketing–sales disconnect', needs: 'MQL and SQL counts per month in the spend file (mqls, sqls columns).' },
    ],
    byFunction: [
      { owner: 'Customer Success', findings: ['leaky_bucket', 'expansion_gap'], failingRules: ['grr', 'nrr', 'expansion_share'], annualAtStake: 1036325 },
      { owner: 'Sales', findings: ['stale_pipeline', 'hero_rep_dependency', 'quarter_end_hockey_stick'], failingRules: ['quarter_end_skew', 'rep_concentration'], annualAtStake: 822106 },
      { owner: 'Marketing', findings: ['channel_misallocation'], failingRules: [], annualAtStake: 198000 },
      { owner: 'RevOps', findings: ['stale_pipeline'], failingRules: [], annualAtStake: 537170 },
      { owner: 'Executive', findings: ['leaky_bucket'], failingRules: ['ltv_to_cac'], annualAtStake: 546465 },
    ],
    croReadiness: {
      verdict: 'fractional CRO',
      reasons: [
        'ARR of $8.24M is below the ~$10M mark where a full-time CRO usually pays for itself.',
        'Retention fails while bookings grow: a cross-functional pattern that no single function owns.',
        `Sales depends on one rep (${n.topRep}) for 40% of bookings.`,
      ],
    },
  };
}

const RESOLVED = resolveRules(DEFAULT_PACK, {}, [], { knownMetrics: METRICS.map((m) => m.id) });

export function makeSampleReport(opts: SampleOptions = {}): AuditReport {
  const n = names(opts.hostile ?? false);
  const base = opts.variant === 'baseline';
  const metrics = buildMetrics(n, base);
  const rules = evaluateRules(metrics, RESOLVED.rules, 'mid-market');
  const grades = gradeAreas(rules, RESOLVED.areas);
  const series: Record<string, MonthlyPoint[]> = {};
  for (const [id, values] of Object.entries(SERIES)) series[id] = months(SERIES_START, base ? values.slice(0, -1) : values);
  const file = (kind: InputKind, path: string, preset: string, read: number, rejected: Record<string, number>, warnings: string[], range: [string, string]) => {
    const r = Object.values(rejected).reduce((a, b) => a + b, 0);
    return { kind, path, preset, rows: { read, used: read - r, rejected: r }, rejectedByReason: rejected, dateRange: { min: range[0], max: range[1] }, warnings };
  };
  const report: AuditReport = {
    schemaVersion: '1.0.0',
    tool: { name: 'revhealth', version: '0.1.0' },
    company: { name: n.company, segment: 'mid-market', currency: 'USD' },
    asOf: base ? '2025-11-30' : '2025-12-31',
    asOfSource: 'flag',
    window: base ? { start: '2024-11-30', end: '2025-11-30' } : { start: '2024-12-31', end: '2025-12-31' },
    inputs: [
      file('deals', n.path, 'hubspot', 2947, { duplicate_id: 1, invalid_date: 2, missing_amount: 1, unmapped_stage: 1 }, [n.warning], ['2023-10-11', '2025-12-31']),
      file('spend', 'exports/spend.csv', 'generic', 144, {}, [], ['2024-01-01', '2025-12-01']),
      file('renewals', 'exports/renewals.csv', 'generic', 789, {}, [], ['2024-01-06', '2025-12-31']),
    ],
    rows: { read: 3880, used: 3875, rejected: 5 },
    grades,
    rules,
    metrics,
    series,
    breakdowns: {},
    ...(opts.diagnosis === false ? {} : { diagnosis: buildDiagnosis(n) }),
  };
  if (opts.comparison === false || base) return report;
  const baseline = makeSampleReport({ ...opts, variant: 'baseline', comparison: false });
  return { ...report, comparison: compareAudits(baseline, report) };
}

/** The demo company's audit, produced in-process (`revhealth demo --format json`). */
export async function demoAuditReport(): Promise<AuditReport> {
  const r = await runCliAsync(['demo', '--format', 'json']);
  if (r.code !== 0) throw new Error(`revhealth demo exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as AuditReport;
}
