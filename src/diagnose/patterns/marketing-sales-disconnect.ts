/**
 * marketing_sales_disconnect: few leads become opportunities, with unattributed deals or little
 * pipeline per marketing dollar.
 */
import { bench, fmtX, impact, noImpact, standard, type Metrics, type Pattern } from './kit.js';
import { cents, pct } from '../signals.js';

export const marketingSalesDisconnect: Pattern = standard(
  {
    id: 'marketing_sales_disconnect',
    title: 'Marketing–sales disconnect',
    description:
      'Few leads become opportunities, and either many deals carry no source or spend creates little pipeline: marketing and sales run on different definitions, and the hand-off leaks.',
    area: 'pipeline',
    owners: ['Marketing', 'Sales', 'RevOps'],
    severity: 'warning',
    requires: ['lead_to_opportunity_rate', 'missing_source_share', 'pipeline_per_marketing_dollar', 'win_rate', 'avg_deal_size'],
    triggers: [
      {
        metric: 'lead_to_opportunity_rate',
        op: 'below',
        at: { rule: 'lead_to_opportunity_rate', point: 'pass' },
        near: { rule: 'lead_to_opportunity_rate', point: 'good' },
        label: 'lead-to-opportunity rate below the pass point',
      },
      {
        metric: 'missing_source_share',
        op: 'above',
        at: { rule: 'missing_source_share', point: 'pass' },
        near: { rule: 'missing_source_share', point: 'good' },
        group: 'any',
        label: 'share of deals without a source above the pass point',
      },
      {
        metric: 'pipeline_per_marketing_dollar',
        op: 'below',
        at: { rule: 'pipeline_per_marketing_dollar', point: 'pass' },
        near: { rule: 'pipeline_per_marketing_dollar', point: 'good' },
        group: 'any',
        label: 'pipeline created per marketing dollar below the pass point',
      },
    ],
    impactFormula:
      '(lead-to-opportunity pass point − rate) × leads × win rate × average deal size: the bookings from the opportunities a hand-off at the benchmark would have created. Measured to the pass point, not good, because lead definitions vary widely between companies.',
    impactModel: { kind: 'loss', basis: 'bookings' },
    path:
      'Run marketing and sales as one funnel: one written definition per funnel stage, a follow-up service level for every lead, a source on every deal, and one shared pipeline target.',
    process: [
      { by: 30, owner: 'RevOps', step: 'Write one lead → MQL → SQL → opportunity definition with a follow-up service level (first touch within 24 hours) and make source a required field.', kpi: 'deals without a source ≤ {missing_source_share.good}', kpiMetric: 'missing_source_share' },
      { by: 60, owner: 'Marketing', step: 'Review lead sources with sales every week; cut sources that do not convert and feed disqualification reasons back into targeting.', kpi: 'lead-to-opportunity ≥ {lead_to_opportunity_rate.pass}', kpiMetric: 'lead_to_opportunity_rate' },
      { by: 90, owner: 'Executive', step: 'Give marketing and sales one shared pipeline target and one report.', kpi: 'lead-to-opportunity ≥ {lead_to_opportunity_rate.good}; pipeline per marketing dollar ≥ {pipeline_per_marketing_dollar.good}', kpiMetric: 'lead_to_opportunity_rate' },
    ],
  },
  (input, ev) => {
    const rate = input.value('lead_to_opportunity_rate') as number;
    const fair = bench(input, 'lead_to_opportunity_rate', 'pass') as number;
    const leads = input.num('lead_to_opportunity_rate', 'leads');
    const opps = input.num('lead_to_opportunity_rate', 'opportunities');
    const winRate = input.value('win_rate');
    const size = input.value('avg_deal_size');
    const evidence = [`Only ${pct(rate)} of ${leads ?? '?'} leads became opportunities (${opps ?? '?'} deals created; the rule passes from ${pct(fair)}).`];
    const missing = ev('missing_source_share');
    if (missing.state === 'met' && missing.value !== null) evidence.push(`${pct(missing.value)} of deals carry no source, so channel results cannot be traced.`);
    const ppd = ev('pipeline_per_marketing_dollar');
    if (ppd.state === 'met' && ppd.value !== null) evidence.push(`Each marketing dollar creates ${fmtX(ppd.value)} in pipeline (the rule passes from ${fmtX(ppd.at as number)}).`);
    const metrics: Metrics = {
      lead_to_opportunity_rate: rate,
      'lead_to_opportunity_rate.leads': leads,
      win_rate: winRate,
      avg_deal_size: size,
      'benchmark.lead_to_opportunity_rate.pass': fair,
    };
    if (leads === null || winRate === null || size === null) return { evidence, metrics, impact: noImpact('the lead count, win rate or average deal size is n/a') };
    const annual = (fair - rate) * leads * winRate * size;
    return {
      evidence,
      metrics,
      impact: impact(
        annual,
        `(lead-to-opportunity pass point ${pct(fair, 2)} − ${pct(rate, 2)}) × ${leads} leads × win rate ${pct(winRate, 2)} × average deal ${input.exact(size)} = ${input.exact(cents(Math.max(0, annual)))}`,
      ),
    };
  },
);
