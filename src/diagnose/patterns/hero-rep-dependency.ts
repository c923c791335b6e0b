/**
 * hero_rep_dependency: one rep closes a large share of the won bookings.
 */
import { bench, noImpact, RISK_LIKELIHOOD, riskImpact, standard, type Metrics, type Pattern } from './kit.js';
import { pct } from '../signals.js';

export const heroRepDependency: Pattern = standard(
  {
    id: 'hero_rep_dependency',
    title: 'Hero-rep dependency',
    description: 'One rep closes a large share of the bookings: the company is one resignation away from a missed year, and the sales motion lives in one head.',
    area: 'pipeline',
    owners: ['Sales', 'Executive'],
    severity: 'warning',
    requires: ['rep_concentration', 'quota_attainment'],
    triggers: [
      {
        metric: 'rep_concentration',
        op: 'above',
        at: { rule: 'rep_concentration', point: 'pass' },
        near: { rule: 'rep_concentration', point: 'good' },
        label: "top owner's share of won bookings above the pass point",
      },
      {
        metric: 'rep_concentration',
        detail: 'owners',
        op: 'atLeast',
        at: { value: 3, unit: 'count', why: 'with one or two owners the top share is high by construction (see the rep_concentration rule)' },
        label: 'owners with won deals in the window',
      },
    ],
    impactFormula: "risk: exposure = (top owner's share − good point) × won bookings, the bookings above a healthy share that ride on one person; × likelihood 30%, the typical annual turnover of quota-carrying reps (rule of thumb).",
    impactModel: { kind: 'risk', basis: 'bookings' },
    path:
      "Turn the hero's know-how into a system: document and teach how they win, spread pipeline on capacity rather than history, and secure the top rep while the team catches up.",
    process: [
      { by: 30, owner: 'Sales', step: 'Document how the top rep wins (profile, discovery, deal strategy) and have them co-sell one deal with each other rep.', kpi: "top rep's share ≤ {rep_concentration.pass}", kpiMetric: 'rep_concentration' },
      { by: 60, owner: 'Sales', step: 'Rebalance territories and inbound routing on capacity; make the top rep a coach with a team goal.', kpi: 'quota attainment ≥ {quota_attainment.good}', kpiMetric: 'quota_attainment' },
      { by: 90, owner: 'Executive', step: 'Retention plan for the top rep (equity, path to leadership) and hiring so no rep carries more than the benchmark share.', kpi: "top rep's share ≤ {rep_concentration.good}", kpiMetric: 'rep_concentration' },
    ],
  },
  (input) => {
    const share = input.value('rep_concentration') as number;
    const good = bench(input, 'rep_concentration', 'good') as number;
    const owner = input.text('rep_concentration', 'owner') ?? 'the top owner';
    const ownerBookings = input.num('rep_concentration', 'ownerBookings');
    const total = input.num('rep_concentration', 'totalBookings');
    const owners = input.num('rep_concentration', 'owners');
    const evidence = [
      `${owner} closed ${pct(share)} of won bookings${ownerBookings !== null && total !== null ? ` (${input.money(ownerBookings)} of ${input.money(total)})` : ''} among ${owners ?? '?'} owners; healthy is at most ${pct(good)}.`,
    ];
    const metrics: Metrics = { rep_concentration: share, 'rep_concentration.totalBookings': total, 'benchmark.rep_concentration.good': good };
    if (total === null) return { evidence, metrics, impact: noImpact('total bookings detail is n/a') };
    const leaves = RISK_LIKELIHOOD.repLeaves;
    return { evidence, metrics, impact: riskImpact(input, (share - good) * total, leaves.value, leaves.why, `(top share ${pct(share, 2)} − healthy ${pct(good, 2)}) × bookings ${input.exact(total)}`) };
  },
);
