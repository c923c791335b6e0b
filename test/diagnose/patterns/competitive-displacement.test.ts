/**
 * competitive_displacement (issue 18): a competitor leads the lost value among the deals that give
 * a reason (rules shared with price_led_losses, patterns/loss-reasons.ts).
 */
import { competitiveDisplacement } from '../../../src/diagnose/patterns/competitive-displacement.js';
import { PatternTester } from '../../helpers/pattern-tester.js';
import { lossInputs, metric } from '../helpers.js';

const win = [metric('win_rate', 0.25, { won: 25, lost: 75 })];

new PatternTester(competitiveDisplacement).run({
  valid: [
    { name: 'price leads by value', metrics: win, cro: lossInputs([['Price', 20, 5_000], ['Competitor', 30, 3_000]]) },
    { name: 'reasons on 29 lost deals', metrics: win, cro: lossInputs([['Lost to competitor', 29, 1_000]]), status: 'missing' },
  ],
  invalid: [
    {
      // competitor 25 × 4,000 = 100,000 of 140,000: 71.4%; ceiling 100,000 × 25% = 25,000
      name: 'a competitor leads (71.4%): ceiling 100,000 × 25% = 25,000',
      metrics: win,
      cro: lossInputs([['Lost to competitor', 25, 4_000], ['Price', 10, 4_000]]),
      impact: { annual: null, formula: 'at most $25.0k of bookings a year' },
      evidence: ['71.4% of the lost value that has a reason ($100.0k in 25 of 35 deals)'],
      values: { 'losses.leadValue': 100_000, 'losses.withReason': 35 },
    },
  ],
});
