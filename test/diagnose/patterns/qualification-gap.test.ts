/**
 * qualification_gap (issue 18): "no decision" and "no budget" together lead the lost value among
 * the deals that give a reason (rules shared with price_led_losses, patterns/loss-reasons.ts).
 */
import { qualificationGap } from '../../../src/diagnose/patterns/qualification-gap.js';
import { PatternTester } from '../../helpers/pattern-tester.js';
import { lossInputs, metric } from '../helpers.js';

const win = [metric('win_rate', 0.25, { won: 25, lost: 75 })];

new PatternTester(qualificationGap).run({
  valid: [
    { name: 'a competitor leads', metrics: win, cro: lossInputs([['Lost to competitor', 25, 4_000], ['No decision', 10, 4_000]]) },
    { name: 'reasons on under half the lost deals', metrics: win, cro: lossInputs([['No decision', 30, 1_000], [null, 31, 1_000]]), status: 'missing' },
  ],
  invalid: [
    {
      // no decision 15 × 4,000 + no budget 10 × 4,000 = 100,000 of 140,000 (price 10 × 4,000): 71.4%
      name: '"no decision" and "no budget" lead together (71.4%): ceiling 100,000 × 25% = 25,000',
      metrics: win,
      cro: lossInputs([['No decision', 15, 4_000], ['No budget', 10, 4_000], ['Price', 10, 4_000]]),
      impact: { annual: null, formula: 'at most $25.0k of bookings a year' },
      evidence: ['71.4% of the lost value that has a reason ($100.0k in 25 of 35 deals)', 'Reasons: "No decision" 15 deals, $60.0k; "No budget" 10 deals, $40.0k.'],
      values: { 'losses.leadValue': 100_000 },
    },
  ],
});
