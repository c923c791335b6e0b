/**
 * expansion_gap: customers stay (GRR passes) but NRR is below the segment pass point.
 */
import { bench, impact, noImpact, segmentName, standard, type Metrics, type Pattern } from './kit.js';
import { cents, pct } from '../signals.js';

export const expansionGap: Pattern = standard(
  {
    id: 'expansion_gap',
    title: 'Expansion gap: customers stay but do not grow',
    description: 'Gross retention is healthy but net revenue retention is below the benchmark: customers renew, yet the installed base is under-sold.',
    area: 'retention',
    owners: ['Customer Success', 'Sales'],
    severity: 'warning',
    requires: ['nrr', 'grr', 'expansion_share'],
    triggers: [
      { metric: 'nrr', op: 'below', at: { rule: 'nrr', point: 'pass' }, near: { rule: 'nrr', point: 'good' }, label: 'net revenue retention below the segment pass point' },
      { metric: 'grr', op: 'atLeast', at: { rule: 'grr', point: 'pass' }, label: 'gross revenue retention at or above the segment pass point (customers stay)' },
    ],
    impactFormula: '(NRR good point for the segment − NRR) × ARR up for renewal: the expansion ARR a year the base would add at the benchmark.',
    impactModel: { kind: 'upside', basis: 'arr' },
    path: 'Build an expansion motion on a healthy base: find the accounts with headroom, give them an expansion owner and offers (upsell, cross-sell, price at renewal), and pay for net retention.',
    process: [
      { by: 30, owner: 'Customer Success', step: 'List accounts with usage or seat headroom and no expansion in twelve months; give each an expansion owner.', kpi: 'expansion share ≥ {expansion_share.pass}', kpiMetric: 'expansion_share' },
      { by: 60, owner: 'Sales', step: 'Launch upsell packages, cross-sell and price reviews at renewal, with an expansion quota for account managers.', kpi: 'NRR ≥ {nrr.pass}', kpiMetric: 'nrr' },
      { by: 90, owner: 'Executive', step: 'Make NRR a company goal and align customer-success compensation with it.', kpi: 'NRR ≥ {nrr.good}', kpiMetric: 'nrr' },
    ],
  },
  (input) => {
    const nrr = input.value('nrr') as number;
    const grr = input.value('grr') as number;
    const good = bench(input, 'nrr', 'good') as number;
    const base = input.num('nrr', 'arrBefore');
    const expansion = input.num('nrr', 'expansionArr');
    const evidence = [
      `Customers stay (GRR ${pct(grr)}) but the base does not grow: NRR is ${pct(nrr)} against the ${segmentName(input)} benchmark of ${pct(good)}${expansion !== null && base !== null ? `; expansion added ${input.money(expansion)} on ${input.money(base)} up for renewal` : ''}.`,
    ];
    const metrics: Metrics = { nrr, grr, 'nrr.arrBefore': base, 'benchmark.nrr.good': good };
    if (base === null) return { evidence, metrics, impact: noImpact('the ARR up for renewal is n/a') };
    const annual = (good - nrr) * base;
    return { evidence, metrics, impact: impact(annual, `(NRR target ${pct(good, 2)} − NRR ${pct(nrr, 2)}) × ARR up for renewal ${input.exact(base)} = ${input.exact(cents(Math.max(0, annual)))}`) };
  },
);
