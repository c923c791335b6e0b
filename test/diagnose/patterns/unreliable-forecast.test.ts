/**
 * unreliable_forecast (accuracy good 90%, pass 87.5%). Forecasts Q1 100,000 and Q2 120,000 against
 * monthly bookings 30,000 × 3 = 90,000 and 50,000 × 3 = 150,000: the shortfall (100,000 − 90,000)
 * is the exposure; misses above the forecast are shown and never added; no annual money.
 */
import { unreliableForecast } from '../../../src/diagnose/patterns/unreliable-forecast.js';
import { PatternTester } from '../../helpers/pattern-tester.js';
import { metric, point, series } from '../helpers.js';

const EPS = 1e-4;
const forecasts = [
  { start: '2025-01-01', end: '2025-03-31', amountCents: 10_000_000, label: 'Q1' },
  { start: '2025-04-01', end: '2025-06-30', amountCents: 12_000_000, label: 'Q2' },
];
const opts = {
  asOf: '2025-06-30',
  profile: { forecasts },
  series: { bookings: series({ '2025-01': 30_000, '2025-02': 30_000, '2025-03': 30_000, '2025-04': 50_000, '2025-05': 50_000, '2025-06': 50_000 }) },
};

new PatternTester(unreliableForecast).run({
  valid: [
    { name: 'accuracy 95%', metrics: [metric('forecast_accuracy', 0.95)], ...opts },
    { name: 'accuracy just above the pass point: a watch item', metrics: [metric('forecast_accuracy', point('forecast_accuracy', 'pass') + EPS)], ...opts, status: 'near' },
    { name: 'accuracy n/a: could not check', metrics: [metric('forecast_accuracy', null)], ...opts, status: 'missing' },
  ],
  invalid: [
    {
      name: 'accuracy 70%: shortfall 10,000 in Q1, Q2 30,000 above forecast, never netted',
      metrics: [metric('forecast_accuracy', 0.7, { 'accuracy: Q1': 0.9, 'accuracy: Q2': 0.75 })],
      ...opts,
      impact: { annual: null, exposure: 10_000, likelihood: null, formula: 'shortfall ($100,000.00 − $90,000.00) = $10,000.00; above forecast (not a loss): Q2 +$30,000.00' },
      evidence: ['Forecasts averaged 70.0% accuracy (benchmark ≥ 90.0%).', 'Per period: Q1 90.0%, Q2 75.0%.'],
      values: { forecast_accuracy: 0.7, 'actual: Q1': 90_000, 'forecast: Q1': 100_000, 'actual: Q2': 150_000, 'forecast: Q2': 120_000 },
    },
    { name: 'accuracy just below the pass point: the same 10,000 shortfall', metrics: [metric('forecast_accuracy', point('forecast_accuracy', 'pass') - EPS)], ...opts, impact: { annual: null, exposure: 10_000 } },
    {
      name: 'a forecast period that is not whole months: the finding stays, with no number',
      metrics: [metric('forecast_accuracy', 0.7)],
      ...opts,
      profile: { forecasts: [{ ...forecasts[0]!, start: '2025-01-15' }] },
      impact: { annual: null, formula: 'does not cover whole months' },
    },
  ],
});
