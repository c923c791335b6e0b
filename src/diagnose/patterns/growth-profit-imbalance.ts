/**
 * growth_profit_imbalance: growth plus operating margin short of the Rule of 40.
 */
import { bench, ESTIMATE_ARR_METRICS, estimateArr, impact, noImpact, standard, type Metrics, type Pattern } from './kit.js';
import { cents, pct } from '../signals.js';

export const growthProfitImbalance: Pattern = standard(
  {
    id: 'growth_profit_imbalance',
    title: 'Growth–profit imbalance (Rule of 40)',
    description: 'Growth plus operating margin falls short of the Rule of 40: growth is bought with losses the growth rate does not justify, or profit is kept at the cost of growth.',
    area: 'growth',
    owners: ['Executive'],
    severity: 'warning',
    requires: ['rule_of_40', ...ESTIMATE_ARR_METRICS, 'cac_payback_months'],
    triggers: [
      { metric: 'rule_of_40', op: 'below', at: { rule: 'rule_of_40', point: 'pass' }, near: { rule: 'rule_of_40', point: 'good' }, label: 'growth % + operating margin % below the pass point' },
    ],
    impactFormula: '(Rule of 40 good point − Rule of 40) × revenue base (ARR: config, else renewals, else bookings): the growth or profit a year the company is short of the benchmark.',
    impactModel: { kind: 'upside', basis: 'arr' },
    path: 'Decide which side to fix and plan to it: if margin is the problem, cut the spend with the longest payback; if growth is, reinvest in the most efficient levers (expansion, best channels).',
    process: [
      { by: 30, owner: 'Executive', step: 'Decide the target mix of growth and margin for the next four quarters and which levers move each.', kpi: 'Rule of 40 ≥ {rule_of_40.pass}', kpiMetric: 'rule_of_40' },
      { by: 60, owner: 'Marketing', step: 'Cut the spend with the longest payback; move budget to the most efficient growth levers.', kpi: 'CAC payback ≤ {cac_payback_months.good}', kpiMetric: 'cac_payback_months' },
      { by: 90, owner: 'Executive', step: 'Re-plan the year to the Rule of 40 and report it to the board every quarter.', kpi: 'Rule of 40 ≥ {rule_of_40.good}', kpiMetric: 'rule_of_40' },
    ],
  },
  (input) => {
    const r40 = input.value('rule_of_40') as number;
    const good = bench(input, 'rule_of_40', 'good') as number;
    const growth = input.num('rule_of_40', 'growth');
    const margin = input.num('rule_of_40', 'operatingMargin');
    const basis = input.text('rule_of_40', 'growthBasis');
    const evidence = [
      `Growth ${growth === null ? 'n/a' : pct(growth)}${basis === null ? '' : ` (${basis.replace(/_/g, ' ')})`} plus operating margin ${margin === null ? 'n/a' : pct(margin)} makes ${pct(r40)}, short of ${pct(good)}.`,
    ];
    const arr = estimateArr(input);
    const metrics: Metrics = { rule_of_40: r40, 'rule_of_40.growth': growth, 'rule_of_40.operatingMargin': margin, revenue_base: arr.arr, 'benchmark.rule_of_40.good': good };
    if (arr.arr === null) return { evidence, metrics, impact: noImpact(arr.basis) };
    const annual = (good - r40) * arr.arr;
    return {
      evidence,
      metrics,
      impact: impact(annual, `(Rule of 40 target ${pct(good, 2)} − ${pct(r40, 2)}) × revenue base ${input.exact(arr.arr)} (${arr.basis}) = ${input.exact(cents(Math.max(0, annual)))}`),
    };
  },
);
