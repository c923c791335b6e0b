/**
 * quarter_end_hockey_stick: a large share of each quarter's bookings closes in its last two weeks.
 */
import { bench, detailPercents, noImpact, RISK_LIKELIHOOD, riskImpact, standard, type Metrics, type Pattern } from './kit.js';
import { pct } from '../signals.js';

export const quarterEndHockeyStick: Pattern = standard(
  {
    id: 'quarter_end_hockey_stick',
    title: 'Quarter-end hockey stick',
    description:
      "A large share of each quarter's bookings closes in its last two weeks: the team sells to the calendar, discounts to pull deals in, and every quarter's number hangs on a few days.",
    area: 'pipeline',
    owners: ['Sales', 'Executive'],
    severity: 'warning',
    requires: ['quarter_end_skew'],
    triggers: [
      {
        metric: 'quarter_end_skew',
        op: 'above',
        at: { rule: 'quarter_end_skew', point: 'pass' },
        near: { rule: 'quarter_end_skew', point: 'good' },
        label: "share of a quarter's bookings closed in its last 14 days above the pass point",
      },
    ],
    impactFormula:
      "risk (our choice over a discount-leakage estimate, which would need a discount assumption the data does not hold): exposure = (quarter-end share − good point) × bookings of the complete quarters, the bookings that depend on the last two weeks beyond a healthy share; × likelihood 25%: a slipped deal books one quarter later, a quarter of a year of timing, not lost revenue.",
    impactModel: { kind: 'risk', basis: 'bookings' },
    path:
      'Sell to the buyer, not the calendar: set weekly commit targets, inspect slipped close dates every week, put end-of-quarter discounts behind approval, and reward linear bookings.',
    process: [
      { by: 30, owner: 'Sales', step: 'Weekly commit targets and a weekly review of close dates that slipped; no deal is pulled in without a buyer reason.', kpi: 'quarter-end share ≤ {quarter_end_skew.pass}', kpiMetric: 'quarter_end_skew' },
      { by: 60, owner: 'RevOps', step: 'Discount approval desk with a cap on end-of-quarter concessions; report discount by week of the quarter.', kpi: 'quarter-end share ≤ {quarter_end_skew.pass}', kpiMetric: 'quarter_end_skew' },
      { by: 90, owner: 'Executive', step: 'Align compensation with linearity (accelerators on bookings in the first two months of the quarter).', kpi: 'quarter-end share ≤ {quarter_end_skew.good}; forecast accuracy ≥ {forecast_accuracy.good}', kpiMetric: 'quarter_end_skew' },
    ],
  },
  (input) => {
    const skew = input.value('quarter_end_skew') as number;
    const good = bench(input, 'quarter_end_skew', 'good') as number;
    const bookings = input.num('quarter_end_skew', 'quarterBookings');
    const per = detailPercents(input, 'quarter_end_skew', 'share ');
    const evidence = [
      `${pct(skew)} of the bookings of the last ${input.num('quarter_end_skew', 'quarters') ?? '?'} complete quarters closed in the quarter's last 14 days (healthy below ${pct(good)}; an even spread would be about 15%).`,
    ];
    if (per.length > 0) evidence.push(`Per quarter: ${per.join(', ')}.`);
    const metrics: Metrics = { quarter_end_skew: skew, 'quarter_end_skew.quarterBookings': bookings, 'benchmark.quarter_end_skew.good': good };
    if (bookings === null) return { evidence, metrics, impact: noImpact('the quarter bookings detail is n/a') };
    const slip = RISK_LIKELIHOOD.quarterEndSlip;
    return {
      evidence,
      metrics,
      impact: riskImpact(input, (skew - good) * bookings, slip.value, slip.why, `(quarter-end share ${pct(skew, 2)} − healthy ${pct(good, 2)}) × bookings of the complete quarters ${input.exact(bookings)}`),
    };
  },
);
