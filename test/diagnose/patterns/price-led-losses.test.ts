/**
 * price_led_losses (issue 18): price leads the lost value among the deals that give a reason, with
 * at least 25% of it, on reasons for at least 30 lost deals and half of them. Not estimated as a
 * loss: the formula states the ceiling, the value lost on price at the win rate.
 */
import { priceLedLosses } from '../../../src/diagnose/patterns/price-led-losses.js';
import { PatternTester } from '../../helpers/pattern-tester.js';
import { lossInputs, metric } from '../helpers.js';

const win = [metric('win_rate', 0.25, { won: 25, lost: 75 })];

new PatternTester(priceLedLosses).run({
  valid: [
    { name: 'a competitor leads', metrics: win, cro: lossInputs([['Lost to competitor', 25, 4_000], ['Price', 10, 4_000]]) },
    // five categories of 20% each
    { name: 'no category reaches a quarter of the lost value', metrics: win, cro: lossInputs([['Price', 10, 1_000], ['Competitor', 10, 1_000], ['No decision', 10, 1_000], ['Timing', 10, 1_000], ['Missing feature', 10, 1_000]]) },
    { name: 'reasons on 29 lost deals, fewer than 30', metrics: win, cro: lossInputs([['Price', 29, 1_000]]), status: 'missing', missing: 'needs a lost reason on at least 30 lost deals and half of them (29 of 29 carry one)' },
    { name: 'reasons on 30 of 61 lost deals, under half', metrics: win, cro: lossInputs([['Price', 30, 1_000], [null, 31, 1_000]]), status: 'missing', missing: 'needs a lost reason on at least 30 lost deals and half of them (30 of 61 carry one)' },
    { name: 'no lost-reason column', metrics: win, status: 'missing', missing: 'needs lost deals in the window with a lost-reason column' },
  ],
  invalid: [
    {
      // price 20 × 5,000 = 100,000 leads competitor 30 × 3,000 = 90,000 by value, not by count: 100 ÷ 190 = 52.6%;
      // ceiling 100,000 × 25% win rate = 25,000
      name: 'price leads by value (52.6%): ceiling 100,000 × 25% = 25,000, not a loss',
      metrics: win,
      cro: lossInputs([['Price', 20, 5_000], ['Competitor', 30, 3_000]]),
      impact: { annual: null, formula: 'not estimated as a loss: $100.0k was lost on price / packaging in the last twelve months; at the 25.0% win rate that is at most $25.0k of bookings a year' },
      evidence: ['Price / packaging leads why deals are lost: 52.6% of the lost value that has a reason ($100.0k in 20 of 50 deals) in the last twelve months.'],
      values: { 'losses.leadShare': 100_000 / 190_000, 'losses.leadValue': 100_000, 'losses.withReason': 50, win_rate: 0.25 },
    },
  ],
});
