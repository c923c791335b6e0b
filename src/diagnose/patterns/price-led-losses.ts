/**
 * price_led_losses: price leads the value lost (deals' lost reasons): a pricing and packaging problem.
 * Shared logic in patterns/loss-reasons.ts.
 */
import type { Pattern } from './kit.js';
import { check, trigger } from './loss-reasons.js';

export const priceLedLosses: Pattern = {
  id: 'price_led_losses',
  title: 'Pricing and packaging: price leads the losses',
  description:
    'More lost value goes to price than to any other reason: buyers do not see the value at the price asked, or the packaging does not fit the segment. A pricing and packaging problem, which discounting alone does not fix.',
  area: 'pipeline',
  owners: ['Executive', 'Sales', 'Marketing'],
  severity: 'warning',
  requires: ['win_rate'],
  triggers: trigger('price'),
  impactFormula: 'not estimated as a loss: the value lost on price in the window, with its ceiling at the win rate.',
  impactModel: { kind: 'upside', basis: 'bookings' },
  path: 'Fix price where it is set, not deal by deal: find which segment and package lose on price, test packaging and price points for that segment, and arm the reps to sell value before price comes up.',
  process: [
    { by: 30, owner: 'Sales', step: 'Review the deals lost on price with the reps who lost them: segment, package, competitor price, and whether it was price or value not shown; separate "too expensive" from "no budget".', kpi: 'a written loss review of the price-lost deals' },
    { by: 60, owner: 'Executive', step: 'Test packaging and price points for the segment that loses most on price (an entry package, value metrics, annual terms) on new deals.', kpi: 'price share of lost value falling quarter over quarter' },
    { by: 90, owner: 'Marketing', step: 'Rebuild the value story and ROI proof for that segment so price is argued before the proposal, and review win rate by segment monthly.', kpi: 'win rate ≥ {win_rate.good}', kpiMetric: 'win_rate' },
  ],
  detect: (input) => check(input, 'price'),
};
