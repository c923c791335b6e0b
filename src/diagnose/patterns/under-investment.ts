/**
 * under_investment: LTV:CAC above the healthy band with a fast payback and healthy retention:
 * efficient growth left on the table.
 */
import { formatValue } from '../../base/format.js';
import { bench, fmtX, impact, noImpact, standard, type Metrics, type Pattern } from './kit.js';
import { cents } from '../signals.js';

export const underInvestment: Pattern = standard(
  {
    id: 'under_investment',
    title: 'Under-investment: efficient growth left on the table',
    description:
      'Customers are worth far more than they cost (LTV:CAC above the healthy band) and CAC pays back fast, while retention holds: the company could spend more on acquisition and still meet the benchmarks.',
    area: 'acquisition',
    owners: ['Executive', 'Marketing', 'Sales'],
    severity: 'info',
    requires: ['ltv_to_cac', 'cac_payback_months', 'grr', 'cac', 'magic_number'],
    triggers: [
      {
        metric: 'ltv_to_cac',
        op: 'above',
        at: { rule: 'ltv_to_cac', point: 'passMax' },
        near: { rule: 'ltv_to_cac', point: 'goodMax' },
        label: 'LTV:CAC above the top of the healthy band',
      },
      { metric: 'cac_payback_months', op: 'atMost', at: { rule: 'cac_payback_months', point: 'good' }, label: 'CAC payback within the segment good point' },
      { metric: 'grr', op: 'atLeast', at: { rule: 'grr', point: 'pass' }, label: 'GRR at or above the segment pass point (no leaky bucket to pour customers into)' },
    ],
    impactFormula:
      'spend headroom × new ARR per S&M dollar at the benchmark fair point, where spend headroom = (LTV ÷ the top of the healthy LTV:CAC band − CAC) × new customers: the extra S&M the unit economics allow, at a conservative marginal efficiency.',
    impactModel: { kind: 'upside', basis: 'spend' },
    path:
      'Invest ahead of the curve: raise acquisition budget in steps on the channels with the best payback, add sales capacity to absorb the pipeline, and stop when payback or LTV:CAC reach the benchmark.',
    process: [
      { by: 30, owner: 'Executive', step: 'Confirm the unit economics by channel and cohort (LTV rests on the renewals of the last twelve months) and set a budget increase with a stop rule.', kpi: 'LTV:CAC ≤ {ltv_to_cac.goodMax}', kpiMetric: 'ltv_to_cac' },
      { by: 60, owner: 'Marketing', step: 'Raise spend in monthly steps on the channels with the shortest payback; watch for saturation in cost per opportunity.', kpi: 'CAC payback ≤ {cac_payback_months.good}', kpiMetric: 'cac_payback_months' },
      { by: 90, owner: 'Sales', step: 'Hire and ramp reps ahead of the added pipeline so coverage and win rate hold.', kpi: 'magic number ≥ {magic_number.good}', kpiMetric: 'magic_number' },
    ],
  },
  (input) => {
    const ratio = input.value('ltv_to_cac') as number;
    const payback = input.value('cac_payback_months') as number;
    const top = bench(input, 'ltv_to_cac', 'goodMax') as number;
    const efficiency = bench(input, 'new_arr_per_sm_dollar', 'fair');
    const ltv = input.num('ltv_to_cac', 'ltv');
    const cac = input.num('ltv_to_cac', 'cac');
    const n = input.num('cac', 'newCustomers');
    const evidence = [
      `LTV:CAC is ${fmtX(ratio)} (healthy band ${fmtX(bench(input, 'ltv_to_cac', 'good') as number)}–${fmtX(top)}) and CAC pays back in ${formatValue(payback, 'months')}, with GRR ${input.fmt(input.value('grr'), 'ratio')}.`,
    ];
    const metrics: Metrics = {
      ltv_to_cac: ratio,
      cac_payback_months: payback,
      'ltv_to_cac.ltv': ltv,
      'ltv_to_cac.cac': cac,
      'cac.newCustomers': n,
      'benchmark.ltv_to_cac.goodMax': top,
      'benchmark.new_arr_per_sm_dollar.fair': efficiency,
    };
    if (ltv === null || cac === null || n === null || efficiency === null) {
      return { evidence, metrics, impact: noImpact('LTV, CAC, the new-customer count or the new_arr_per_sm_dollar benchmark is n/a') };
    }
    const headroom = (ltv / top - cac) * n;
    metrics['spend_headroom'] = headroom;
    evidence.push(`At ${fmtX(top)} LTV:CAC each new customer could cost up to ${input.money(ltv / top)} instead of ${input.money(cac)}: about ${input.money(headroom)} more S&M a year for ${n} customers.`);
    const annual = headroom * efficiency;
    return {
      evidence,
      metrics,
      impact: impact(
        annual,
        `(LTV ${input.exact(ltv)} ÷ ${top} − CAC ${input.exact(cac)}) × ${n} new customers = ${input.exact(cents(headroom))} spend headroom; × ${efficiency} new ARR per S&M dollar (benchmark fair) = ${input.exact(cents(Math.max(0, annual)))} new ARR a year`,
      ),
    };
  },
);
