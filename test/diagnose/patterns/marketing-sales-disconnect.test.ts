/**
 * marketing_sales_disconnect (lead-to-opportunity good 15%, pass 11.5%; missing source pass 15%;
 * pipeline per marketing dollar pass 7.5×). Impact measured to the pass point:
 * (11.5% − rate) × leads × win rate × average deal size.
 */
import { marketingSalesDisconnect } from '../../../src/diagnose/patterns/marketing-sales-disconnect.js';
import type { MetricResult } from '../../../src/metrics/types.js';
import { PatternTester, approx } from '../../helpers/pattern-tester.js';
import { metric, point } from '../helpers.js';

const EPS = 1e-4;
const set = (l2o: number, missingSource: number, perDollar = 20): MetricResult[] => [
  metric('lead_to_opportunity_rate', l2o, { leads: 1_000, opportunities: Math.round(l2o * 1_000) }),
  metric('missing_source_share', missingSource),
  metric('pipeline_per_marketing_dollar', perDollar),
  metric('win_rate', 0.2),
  metric('avg_deal_size', 10_000),
];

new PatternTester(marketingSalesDisconnect).run({
  valid: [
    { name: 'a low conversion alone, no corroborating signal', metrics: set(0.05, 0.05, 20) },
    { name: 'conversion just above the pass point, many unattributed deals: a watch item', metrics: set(point('lead_to_opportunity_rate', 'pass') + EPS, 0.3), status: 'near' },
    { name: 'conversion n/a: could not check', metrics: [metric('lead_to_opportunity_rate', null), metric('missing_source_share', 0.3)], status: 'missing' },
  ],
  invalid: [
    {
      name: '5% conversion, 30% without a source: (11.5% − 5%) × 1,000 × 20% × 10,000 = 130,000',
      metrics: set(0.05, 0.3),
      impact: { annual: 130_000 },
      evidence: ['Only 5.0% of 1000 leads became opportunities (50 deals created; the rule passes from 11.5%).', '30.0% of deals carry no source, so channel results cannot be traced.'],
      values: { lead_to_opportunity_rate: 0.05, 'lead_to_opportunity_rate.leads': 1_000, win_rate: 0.2, avg_deal_size: 10_000 },
    },
    { name: '5% conversion, 4× pipeline per dollar: the same 130,000', metrics: set(0.05, 0.05, 4), impact: { annual: 130_000 }, evidence: ['Each marketing dollar creates 4.00× in pipeline (the rule passes from 7.50×).'] },
    { name: 'conversion just below the pass point: 0.01 point × 2,000,000 = 200', metrics: set(point('lead_to_opportunity_rate', 'pass') - EPS, 0.3), impact: { annual: approx(200, 2) } },
  ],
});
