/**
 * lost_cycle_days (src/metrics/lost-cycle.ts), hand-computed. As of 2025-06-30: the window is
 * 2024-06-30 < close ≤ 2025-06-30.
 */
import type { Deal } from '../../src/base/model.js';
import { makeDataset, makeDeal } from '../helpers/builders.js';
import { MetricTester } from '../helpers/metric-tester.js';

const lost = (created: string | null, closed: string): Deal => makeDeal({ status: 'lost', created, closed });
const won = (created: string, closed: string): Deal => makeDeal({ status: 'won', created, closed });

/** 20 lost deals created 2025-01-01 and lost 1, 2, …, 20 days later. */
const TWENTY = Array.from({ length: 20 }, (_, i) => lost('2025-01-01', `2025-01-${String(i + 2).padStart(2, '0')}`));

new MetricTester('lost_cycle_days', { asOf: '2025-06-30' }).run([
  {
    // lost cycles: 2025-01-01 → 01-11 = 10; 2025-01-01 → 03-02 = 31 + 28 + 1 = 60; 2024-12-02 → 2025-04-01 = 30 + 90 = 120
    // median 60, mean 190 ÷ 3 = 63.333…; left out: no created date (counted), lost 2024-06-30 (window start is
    // exclusive), lost 2025-07-15 (after the as-of date). Won cycles 20 and 40: median 30, ratio 60 ÷ 30 = 2
    name: 'lost 10, 60, 120 days; won 20, 40 → 60, twice the won median',
    ds: makeDataset({
      deals: [
        lost('2025-01-01', '2025-01-11'),
        lost('2025-01-01', '2025-03-02'),
        lost('2024-12-02', '2025-04-01'),
        lost(null, '2025-02-01'),
        lost('2024-01-01', '2024-06-30'),
        lost('2025-05-01', '2025-07-15'),
        won('2025-01-01', '2025-01-21'),
        won('2025-01-01', '2025-02-10'),
      ],
    }),
    status: 'ok',
    value: 60,
    sampleSize: 3,
    notes: /^1 lost deals without a created date are left out$/,
    details: { count: 3, withoutCreatedDate: 1, meanDays: 190 / 3, wonMedianDays: 30, lostToWonRatio: 2 },
    evidence: { sample: 3, status: 'insufficient' },
  },
  {
    // median of 1 … 20 = (10 + 11) ÷ 2 = 10.5; 20 lost deals meet the minimum; no won deal: no ratio
    name: '20 lost deals of 1 … 20 days → 10.5, evidence ok, no won median',
    ds: makeDataset({ deals: TWENTY }),
    status: 'ok',
    value: 10.5,
    sampleSize: 20,
    details: { count: 20, withoutCreatedDate: 0, meanDays: 10.5, wonMedianDays: null, lostToWonRatio: null },
    evidence: { sample: 20, status: 'ok' },
  },
  {
    // a deal lost the day it was created is a 0-day cycle: (0 + 30) ÷ 2 = 15; won median 0 gives no ratio
    name: 'lost 0 and 30 days, won the same day → 15, ratio null',
    ds: makeDataset({ deals: [lost('2025-03-01', '2025-03-01'), lost('2025-03-01', '2025-03-31'), won('2025-03-01', '2025-03-01')] }),
    status: 'ok',
    value: 15,
    details: { wonMedianDays: 0, lostToWonRatio: null },
    evidence: { sample: 2, status: 'insufficient' },
  },
  { name: 'no deals file → n/a', ds: makeDataset({}), status: 'n/a', reason: 'needs a deals file (--deals)' },
  { name: 'empty deals file → n/a', ds: makeDataset({ deals: [] }), status: 'n/a', reason: /at least one usable deal/ },
  {
    name: 'only won deals → n/a naming the window',
    ds: makeDataset({ deals: [won('2025-01-01', '2025-01-21')] }),
    status: 'n/a',
    reason: 'needs lost deals closed in the window (2024-07-01 to 2025-06-30)',
  },
  {
    name: 'lost deals without created dates → n/a, counted',
    ds: makeDataset({ deals: [lost(null, '2025-01-11'), lost(null, '2025-02-11')] }),
    status: 'n/a',
    reason: 'needs created dates on the lost deals closed in the window: none of the 2 has one (the deals file created column)',
  },
]);
