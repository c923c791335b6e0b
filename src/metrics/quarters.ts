/** Windows and fiscal quarters relative to the metric context. */
import type { DayNumber } from '../base/model.js';
import { addMonths, fiscalQuarterLabel, fiscalQuarterOf, isoFromDay, type Window } from '../base/time.js';
import type { MetricContext } from './types.js';

/** The twelve months before the context window: asOf − 24 months < d <= asOf − 12 months. */
export function previousYearWindow(ctx: MetricContext): Window {
  return { start: addMonths(ctx.asOf, -24), end: ctx.window.start };
}

/** "2024-07-01 to 2025-06-30": a window's first and last day, both inclusive, for notes and reasons. */
export function describeWindow(w: Window): string {
  return `${isoFromDay(w.start + 1)} to ${isoFromDay(w.end)}`;
}

export interface Quarter extends Window {
  /** First day (inclusive); `start` is the day before it (exclusive), `end` the last day. */
  readonly first: DayNumber;
  readonly label: string;
}

export function quarterOf(day: DayNumber, fiscalYearStartMonth: number): Quarter {
  const q = fiscalQuarterOf(day, fiscalYearStartMonth);
  return { start: q.start, end: q.end, first: q.first, label: fiscalQuarterLabel(q.first, fiscalYearStartMonth) };
}

export function previousQuarter(q: Quarter, fiscalYearStartMonth: number): Quarter {
  return quarterOf(q.first - 1, fiscalYearStartMonth);
}

export function nextQuarter(q: Quarter, fiscalYearStartMonth: number): Quarter {
  return quarterOf(q.end + 1, fiscalYearStartMonth);
}

/**
 * The last complete fiscal quarter: the latest quarter whose last day is <= asOf. When asOf is
 * the last day of its quarter, that quarter; otherwise the quarter before the one containing asOf.
 */
export function lastCompleteQuarter(ctx: MetricContext): Quarter {
  const fy = ctx.profile.fiscalYearStartMonth;
  const current = quarterOf(ctx.asOf, fy);
  return current.end <= ctx.asOf ? current : previousQuarter(current, fy);
}

/** The fiscal quarter after the one containing asOf (what "next quarter" means everywhere). */
export function nextQuarterAfterAsOf(ctx: MetricContext): Quarter {
  const fy = ctx.profile.fiscalYearStartMonth;
  return nextQuarter(quarterOf(ctx.asOf, fy), fy);
}

/** Complete fiscal quarters lying wholly inside the context window, oldest first. */
export function completeQuartersInWindow(ctx: MetricContext): readonly Quarter[] {
  const fy = ctx.profile.fiscalYearStartMonth;
  const out: Quarter[] = [];
  for (let q = lastCompleteQuarter(ctx); q.first > ctx.window.start; q = previousQuarter(q, fy)) out.push(q);
  return out.reverse();
}
