/**
 * expensive_growth: CAC pays back slower than the segment benchmark and LTV:CAC is under the
 * healthy band.
 */
import { formatValue } from '../../base/format.js';
import { bench, fmtX, impact, noImpact, segmentName, standard, type Metrics, type Pattern } from './kit.js';
import { cents, pct } from '../signals.js';

export const expensiveGrowth: Pattern = standard(
  {
    id: 'expensive_growth',
    title: 'Expensive growth: customers cost too much to win',
    description:
      'CAC takes longer to pay back than the segment benchmark and lifetime value is under three times CAC: each new customer ties up cash for too long and barely repays its cost.',
    area: 'acquisition',
    owners: ['Marketing', 'Sales', 'Executive'],
    severity: 'critical',
    requires: ['cac_payback_months', 'ltv_to_cac', 'cac', 'new_arr_per_sm_dollar'],
    triggers: [
      {
        metric: 'cac_payback_months',
        op: 'above',
        at: { rule: 'cac_payback_months', point: 'pass' },
        near: { rule: 'cac_payback_months', point: 'good' },
        label: 'CAC payback longer than the segment pass point',
      },
      { metric: 'ltv_to_cac', op: 'below', at: { rule: 'ltv_to_cac', point: 'good' }, label: 'LTV:CAC below the lower edge of the healthy band' },
    ],
    impactFormula:
      '(CAC − benchmark CAC) × new customers, where benchmark CAC = good payback months × average new ARR per customer ÷ 12 × gross margin: the S&M spend of the last twelve months beyond what the benchmark payback would need for the same customers.',
    impactModel: { kind: 'loss', basis: 'spend' },
    path:
      'Buy growth where it pays back: measure CAC and payback by channel and segment, cut or cap what pays back slowest, and raise the ARR each new customer brings (qualification, pricing, packaging).',
    process: [
      { by: 30, owner: 'Marketing', step: 'Break CAC and payback down by channel and segment; pause or cap the programmes that pay back after {cac_payback_months.poor}.', kpi: 'CAC payback ≤ {cac_payback_months.pass}', kpiMetric: 'cac_payback_months' },
      { by: 60, owner: 'Sales', step: 'Tighten qualification and set a minimum deal size or price floor so each new customer brings more ARR per sales hour.', kpi: 'new ARR per S&M dollar ≥ {new_arr_per_sm_dollar.pass}', kpiMetric: 'new_arr_per_sm_dollar' },
      { by: 90, owner: 'Executive', step: 'Re-plan the sales and marketing budget against payback: fund only channels and segments at or under the benchmark.', kpi: 'CAC payback ≤ {cac_payback_months.good}; LTV:CAC ≥ {ltv_to_cac.good}', kpiMetric: 'cac_payback_months' },
    ],
  },
  (input) => {
    const payback = input.value('cac_payback_months') as number;
    const ltvCac = input.value('ltv_to_cac') as number;
    const good = bench(input, 'cac_payback_months', 'good') as number;
    const cac = input.value('cac');
    const arpc = input.num('cac_payback_months', 'avgNewArrPerCustomer');
    const gm = input.num('cac_payback_months', 'grossMargin');
    const n = input.num('cac', 'newCustomers');
    const evidence = [
      `CAC takes ${formatValue(payback, 'months')} to pay back (${segmentName(input)} benchmark ≤ ${formatValue(good, 'months')}) and LTV:CAC is ${fmtX(ltvCac)} (healthy from ${fmtX(bench(input, 'ltv_to_cac', 'good') as number)}).`,
    ];
    const metrics: Metrics = {
      cac_payback_months: payback,
      ltv_to_cac: ltvCac,
      cac,
      'cac_payback_months.avgNewArrPerCustomer': arpc,
      'cac_payback_months.grossMargin': gm,
      'cac.newCustomers': n,
      'benchmark.cac_payback_months.good': good,
    };
    if (cac === null || arpc === null || gm === null || n === null) {
      return { evidence, metrics, impact: noImpact('CAC, new ARR per customer, gross margin or the new-customer count is n/a') };
    }
    const benchCac = (good * arpc * gm) / 12;
    metrics['benchmark_cac'] = benchCac;
    evidence.push(`Each new customer cost ${input.money(cac)} against ${input.money(benchCac)} at the benchmark payback; ${n} new customers were won in the last twelve months.`);
    const annual = (cac - benchCac) * n;
    return {
      evidence,
      metrics,
      impact: impact(
        annual,
        `(CAC ${input.exact(cac)} − benchmark CAC ${input.exact(benchCac)}) × ${n} new customers = ${input.exact(cents(Math.max(0, annual)))}; benchmark CAC = ${good} months × ${input.exact(arpc)} ÷ 12 × ${pct(gm, 0)} gross margin`,
      ),
    };
  },
);
