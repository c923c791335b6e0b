/**
 * customer_concentration: the largest account, or the ten largest, carry too much of the bookings.
 */
import { bench, noImpact, RISK_LIKELIHOOD, riskImpact, standard, type Metrics, type Pattern } from './kit.js';
import { pct } from '../signals.js';

export const customerConcentration: Pattern = standard(
  {
    id: 'customer_concentration',
    title: 'Customer concentration',
    description: 'One account, or the ten largest, carry too much of the bookings: a single lost renewal can erase a year of growth, and those customers hold the pricing power.',
    area: 'growth',
    owners: ['Executive', 'Customer Success', 'Sales'],
    severity: 'warning',
    requires: ['largest_account_share', 'top10_concentration', 'logo_retention', 'grr'],
    triggers: [
      {
        metric: 'largest_account_share',
        op: 'above',
        at: { rule: 'largest_account_share', point: 'pass' },
        near: { rule: 'largest_account_share', point: 'good' },
        group: 'any',
        label: 'largest account share of won bookings above the pass point',
      },
      {
        metric: 'top10_concentration',
        op: 'above',
        at: { rule: 'top10_concentration', point: 'pass' },
        near: { rule: 'top10_concentration', point: 'good' },
        group: 'any',
        label: 'top-10 account share of won bookings above the pass point',
      },
    ],
    impactFormula:
      "risk: exposure = (largest account share − good point) × won bookings (or, when only the top ten trip, (top-10 share − good point) × won bookings); × likelihood = the company's own logo churn (1 − logo retention; else 1 − GRR; else 10%, rule of thumb).",
    impactModel: { kind: 'risk', basis: 'bookings' },
    path: 'De-risk the revenue base: protect the largest accounts with executive sponsorship and early renewals, and grow the rest of the base faster so no account can sink the year.',
    process: [
      { by: 30, owner: 'Customer Success', step: 'Executive sponsor and a business review for each of the largest accounts; map renewal dates and risks.', kpi: 'every top-10 account with a sponsor and a renewal plan' },
      { by: 60, owner: 'Sales', step: 'Build new-logo pipeline in the segment below the largest accounts to dilute dependence.', kpi: 'largest account share ≤ {largest_account_share.pass}', kpiMetric: 'largest_account_share' },
      { by: 90, owner: 'Executive', step: 'Set a concentration policy and reflect the risk in the plan, in multi-year terms and in pricing.', kpi: 'largest ≤ {largest_account_share.good}; top 10 ≤ {top10_concentration.good}', kpiMetric: 'largest_account_share' },
    ],
  },
  (input, ev) => {
    const largest = ev('largest_account_share');
    const top10 = ev('top10_concentration');
    const total = input.num('largest_account_share', 'totalBookings') ?? input.num('top10_concentration', 'totalBookings');
    const evidence: string[] = [];
    if (largest.value !== null) {
      const account = input.text('largest_account_share', 'account') ?? 'the largest account';
      evidence.push(`${account} brought ${pct(largest.value)} of won bookings (healthy at most ${pct(bench(input, 'largest_account_share', 'good') as number)}).`);
    }
    if (top10.value !== null) evidence.push(`The ten largest accounts brought ${pct(top10.value)} (healthy at most ${pct(bench(input, 'top10_concentration', 'good') as number)}).`);
    const useLargest = largest.state === 'met';
    const rule = useLargest ? 'largest_account_share' : 'top10_concentration';
    const share = (useLargest ? largest.value : top10.value) as number;
    const good = bench(input, rule, 'good') as number;
    const metrics: Metrics = { largest_account_share: largest.value, top10_concentration: top10.value, [`${rule}.totalBookings`]: total, [`benchmark.${rule}.good`]: good };
    if (total === null) return { evidence, metrics, impact: noImpact('total bookings detail is n/a') };
    const what = useLargest ? 'largest account share' : 'top-10 share';
    const logo = input.value('logo_retention');
    const grr = input.value('grr');
    const [likelihood, why] =
      logo !== null
        ? [1 - logo, `the company's own logo churn, 1 − logo retention ${pct(logo, 1)}`]
        : grr !== null
          ? [1 - grr, `the company's own revenue churn, 1 − GRR ${pct(grr, 1)}`]
          : [RISK_LIKELIHOOD.accountLeaves.value, RISK_LIKELIHOOD.accountLeaves.why];
    return { evidence, metrics, impact: riskImpact(input, (share - good) * total, Math.max(0, likelihood), why, `(${what} ${pct(share, 2)} − healthy ${pct(good, 2)}) × bookings ${input.exact(total)}`) };
  },
);
