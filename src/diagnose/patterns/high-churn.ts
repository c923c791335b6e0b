/**
 * high_churn: retention judged on its own (renewals or subscriptions alone): GRR below the segment
 * fair point, when bookings do not grow at the median.
 */
import { bench, clear, fired, grrShortfall, notChecked, segmentName, watch, type Detection, type Metrics, type Pattern, type PatternDef } from './kit.js';
import { evaluateTriggers, nearNote, pct, type PatternInput, type Trigger } from '../signals.js';

const HIGH_CHURN_TRIGGERS: readonly Trigger[] = [
  {
    metric: 'grr',
    op: 'below',
    at: { rule: 'grr', point: 'fair' },
    near: { rule: 'grr', point: 'pass' },
    label: 'gross revenue retention below the segment fair point',
  },
];

const highChurnDef: PatternDef = {
  id: 'high_churn',
  title: 'High churn: the revenue base is leaking',
  description:
    'Gross revenue retention is below the fair point for the segment, whatever bookings do: a large part of the base leaves or shrinks every year. Read from renewals or subscriptions alone, so it needs no deals file; when bookings grow at the benchmark median or better, the leaky bucket tells the fuller story instead.',
  area: 'retention',
  owners: ['Customer Success', 'Executive', 'Sales'],
  severity: 'critical',
  requires: ['grr', 'bookings_growth_yoy', 'mrr_churn_rate'],
  triggers: HIGH_CHURN_TRIGGERS,
  impactFormula: 'loss: (GRR good point for the segment − GRR) × ARR up for renewal in the window: the ARR a year that lifting GRR to the benchmark would keep.',
  impactModel: { kind: 'loss', basis: 'arr' },
  path:
    'Find why customers leave before anything else: churn reason by lost ARR, the segment and the deal profile that churn most, and a renewal desk for the accounts at risk; stop selling to the profile the product does not keep.',
  process: [
    { by: 30, owner: 'Customer Success', step: 'Tag every churned and contracted account of the last twelve months with its reason and rank the reasons by lost ARR.', kpi: 'churn reason on 100% of lost ARR' },
    { by: 60, owner: 'Customer Success', step: 'Renewal desk 120 days ahead of every renewal in the segment that churns most, with a save plan per at-risk account.', kpi: 'GRR ≥ {grr.pass}', kpiMetric: 'grr' },
    { by: 90, owner: 'Sales', step: 'Qualify out the customer profile that churns most, and hand every new customer to onboarding with the promises made in the sale.', kpi: 'GRR ≥ {grr.good}', kpiMetric: 'grr' },
  ],
};

function detectHighChurn(input: PatternInput): Detection {
  // when the company sells well, the leaky bucket owns this finding (one finding, one loss)
  const growth = input.value('bookings_growth_yoy');
  const fairGrowth = bench(input, 'bookings_growth_yoy', 'fair');
  if (growth !== null && fairGrowth !== null && growth >= fairGrowth) return clear();
  const out = evaluateTriggers(HIGH_CHURN_TRIGGERS, input);
  if (out.status === 'na') return notChecked(out.missing ?? 'inputs are n/a');
  if (out.status === 'clear') return clear();
  if (out.status === 'near') return watch(nearNote(out.evals, input));
  const grr = input.value('grr') as number;
  const good = bench(input, 'grr', 'good') as number;
  const shortfall = grrShortfall(input, grr, good);
  const mrrChurn = input.value('mrr_churn_rate');
  const evidence = [`Gross revenue retention is ${pct(grr)} against the ${segmentName(input)} benchmark of ${pct(good)}.`];
  if (shortfall.evidence !== null) evidence.push(shortfall.evidence);
  if (mrrChurn !== null) evidence.push(`Monthly MRR churn averages ${pct(mrrChurn)}.`);
  if (growth === null) evidence.push('Bookings are not in the audit (no deals file): retention is judged on its own.');
  const metrics: Metrics = { grr, 'grr.arrBefore': shortfall.base, 'benchmark.grr.good': good, mrr_churn_rate: mrrChurn };
  return fired({ evidence, metrics, impact: shortfall.impact });
}

export const highChurn: Pattern = { ...highChurnDef, detect: detectHighChurn };
