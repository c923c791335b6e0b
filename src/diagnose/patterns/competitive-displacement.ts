/**
 * competitive_displacement: a competitor leads the value lost (deals' lost reasons).
 * Shared logic in patterns/loss-reasons.ts.
 */
import type { Pattern } from './kit.js';
import { check, trigger } from './loss-reasons.js';

export const competitiveDisplacement: Pattern = {
  id: 'competitive_displacement',
  title: 'Competitive displacement: a competitor leads the losses',
  description: 'More lost value goes to competitors than to any other reason: the company is out-positioned or out-sold in head-to-head deals.',
  area: 'pipeline',
  owners: ['Sales', 'Marketing', 'Executive'],
  severity: 'warning',
  requires: ['win_rate'],
  triggers: trigger('competitor'),
  impactFormula: 'not estimated as a loss: the value lost to competitors in the window, with its ceiling at the win rate.',
  impactModel: { kind: 'upside', basis: 'bookings' },
  path: 'Win the head-to-head: name the competitor in every lost deal, build battlecards and proof against them, and pick the segments where the company wins instead of fighting everywhere.',
  process: [
    { by: 30, owner: 'Sales', step: 'Record the competitor on every open and lost deal and review the last quarter of competitive losses deal by deal.', kpi: 'competitor named on 100% of competitive losses' },
    { by: 60, owner: 'Marketing', step: 'Battlecards and proof points against the competitors that win most; train every rep.', kpi: 'win rate in competitive deals up quarter over quarter' },
    { by: 90, owner: 'Executive', step: 'Decide where to compete: focus pipeline on the segments where head-to-head win rates are highest.', kpi: 'win rate ≥ {win_rate.good}', kpiMetric: 'win_rate' },
  ],
  detect: (input) => check(input, 'competitor'),
};
