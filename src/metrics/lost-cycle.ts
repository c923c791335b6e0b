/**
 * Lost-deal cycle: how long deals are worked before they are lost, beside the won cycle.
 *
 * Definition: the sales-cycle measure of BENCHMARKS.md §2.1 (close date − created date, kpitree
 * [S27]; "cycle time is a median, not a mean", ooligo [S55]) applied to the lost deals closed in
 * the window instead of the won ones. A lost cycle far longer than the won one means deals are
 * disqualified late: capacity spent on deals that were not going to close.
 *
 * Not graded: BENCHMARKS.md has no published figure for the lost-deal cycle (the Bridge Group
 * 60-day median [S50] and Ebsta × Pavilion's 6.5 months [S51] are won or all-deal cycles), so the
 * value is reported with the won median and their ratio beside it (rules/default-pack.ts
 * UNGRADED_METRICS says why).
 *
 * Evidence: 20 lost deals, the floor every cycle and rate metric uses (evidence.ts).
 */
import { importStampNote } from './as-of.js';
import { closedDealsInWindow, cycleDays, wonCycleDaysInWindow } from './deal-selections.js';
import { na, requireDeals, value } from './outcome.js';
import { describeWindow } from './quarters.js';
import { mean, median } from './stats.js';
import type { MetricDefinition } from './types.js';

export const lostCycleDays = {
  id: 'lost_cycle_days',
  title: 'Lost-deal cycle (median days)',
  area: 'pipeline',
  unit: 'days',
  definition:
    'Median number of calendar days from creation to close for the deals lost in the last twelve months: how long a deal is worked before it is lost. Beside it the won median (sales_cycle_days) and their ratio: lost deals that last much longer than won ones are disqualified late.',
  formula:
    'median of (close date − created date) in days over lost deals with close date in the window; details.lostToWonRatio = that median ÷ the median of the won deals (sales_cycle_days)',
  inputs: ['deals'],
  configKeys: [],
  evidence: { min: 20, of: 'lost deals' },
  compute(ds, ctx, shared) {
    const missing = requireDeals(ds);
    if (missing) return missing;
    const lost = closedDealsInWindow(ds, ctx, shared).filter((d) => d.status === 'lost');
    if (lost.length === 0) return na(`needs lost deals closed in the window (${describeWindow(ctx.window)})`);
    const cycles: number[] = [];
    for (const d of lost) {
      const c = cycleDays(d);
      if (c !== null) cycles.push(c);
    }
    const without = lost.length - cycles.length;
    if (cycles.length === 0) {
      return na(`needs created dates on the lost deals closed in the window: none of the ${lost.length} has one (the deals file created column)`);
    }
    const days = median(cycles) as number;
    const wonMedian = median(wonCycleDaysInWindow(ds, ctx, shared));
    const stamp = importStampNote(ds);
    return value(days, {
      sampleSize: cycles.length,
      notes: [...(without > 0 ? [`${without} lost deals without a created date are left out`] : []), ...(stamp === null ? [] : [stamp])],
      details: {
        count: cycles.length,
        withoutCreatedDate: without,
        meanDays: mean(cycles),
        wonMedianDays: wonMedian,
        lostToWonRatio: wonMedian !== null && wonMedian > 0 ? days / wonMedian : null,
      },
    });
  },
} satisfies MetricDefinition;

export const LOST_CYCLE_METRICS: readonly MetricDefinition[] = [lostCycleDays];
