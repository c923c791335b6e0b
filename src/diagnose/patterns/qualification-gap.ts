/**
 * qualification_gap: "no decision" or "no budget" leads the value lost (deals' lost reasons).
 * Shared logic in patterns/loss-reasons.ts.
 */
import type { Pattern } from './kit.js';
import { check, trigger } from './loss-reasons.js';

export const qualificationGap: Pattern = {
  id: 'qualification_gap',
  title: 'Qualification gap: "no decision" leads the losses',
  description: 'More lost value goes to no decision or no budget than to any competitor or price: deals enter the pipeline without a buyer, a budget or a reason to act now.',
  area: 'pipeline',
  owners: ['Sales', 'Marketing', 'RevOps'],
  severity: 'warning',
  requires: ['win_rate', 'stale_pipeline_share'],
  triggers: trigger('no_decision'),
  impactFormula: 'not estimated as a loss: the value lost to no decision in the window, with its ceiling at the win rate.',
  impactModel: { kind: 'upside', basis: 'bookings' },
  path: 'Qualify earlier and harder: a written entry standard for the pipeline (pain, budget, decision process, timing), disqualify early, and give marketing the reasons back.',
  process: [
    { by: 30, owner: 'RevOps', step: 'Write the qualification standard for a deal to enter the pipeline and make its fields required.', kpi: 'qualification fields on 100% of new deals' },
    { by: 60, owner: 'Sales', step: 'Inspect every deal older than the median cycle against the standard; close out those without a decision process.', kpi: 'stale share ≤ {stale_pipeline_share.good}', kpiMetric: 'stale_pipeline_share' },
    { by: 90, owner: 'Marketing', step: 'Feed "no decision" losses back into targeting and MQL criteria.', kpi: 'win rate ≥ {win_rate.good}', kpiMetric: 'win_rate' },
  ],
  detect: (input) => check(input, 'no_decision'),
};
