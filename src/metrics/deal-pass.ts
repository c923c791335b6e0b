/**
 * One pass over the deals for the selections nearly every metric starts from (issue 17: at a
 * million deals each full pass over the deal records costs as much as a small metric). The
 * selection helpers (closed in the window, open at asOf, created in the window, the pipeline's
 * last activity) read their result from here instead of filtering the deals each on its own.
 *
 * Every list keeps dataset order, so it is element for element the filter it replaces. Memoised
 * per run in the SharedCache (one dataset and context per cache, see shared.ts).
 */
import type { Dataset, Deal, DayNumber } from '../base/model.js';
import type { MetricContext, SharedCache } from './types.js';
import { previousYearWindow } from './quarters.js';

export interface DealPass {
  /** Won and lost deals closed in the context window: status ≠ open, start < closed ≤ end. */
  readonly closedInWindow: readonly Deal[];
  /** Of those, the won deals (status won), in dataset order: closedInWindow filtered by status. */
  readonly wonInWindow: readonly Deal[];
  /** Won deals closed in the twelve months before the window (previousYearWindow), in dataset order. */
  readonly wonInPriorYear: readonly Deal[];
  /** Open deals that existed at asOf: status open, created null or ≤ asOf. */
  readonly open: readonly Deal[];
  /** Deals of any status created in the context window: start < created ≤ end. */
  readonly createdInWindow: readonly Deal[];
  /**
   * The latest deal activity on or before asOf: created dates ≤ asOf and won/lost close dates
   * ≤ asOf; null when there is none.
   */
  readonly lastActivity: DayNumber | null;
}

export function dealPass(ds: Dataset, ctx: MetricContext, shared: SharedCache): DealPass {
  return shared.get(dealPass, () => {
    const { start, end } = ctx.window;
    const asOf = ctx.asOf;
    const closedInWindow: Deal[] = [];
    const wonInWindow: Deal[] = [];
    const wonInPriorYear: Deal[] = [];
    const prior = previousYearWindow(ctx);
    const open: Deal[] = [];
    const createdInWindow: Deal[] = [];
    let last: DayNumber | null = null;
    for (let di = 0; di < ds.deals.length; di++) {
      const d = ds.deals[di] as Deal;
      // each field read once
      const status = d.status;
      const created = d.created;
      const closed = d.closed;
      if (created !== null) {
        if (created > start && created <= end) createdInWindow.push(d);
        if (created <= asOf && (last === null || created > last)) last = created;
      }
      if (status === 'open') {
        if (created === null || created <= asOf) open.push(d);
      } else if (closed !== null) {
        if (closed > start && closed <= end) {
          closedInWindow.push(d);
          if (status === 'won') wonInWindow.push(d);
        } else if (status === 'won' && closed > prior.start && closed <= prior.end) wonInPriorYear.push(d);
        if (closed <= asOf && (last === null || closed > last)) last = closed;
      }
    }
    // frozen: read by many metrics, never changed; sumCents keeps one total per frozen list (stats.ts)
    return {
      closedInWindow: Object.freeze(closedInWindow),
      wonInWindow: Object.freeze(wonInWindow),
      wonInPriorYear: Object.freeze(wonInPriorYear),
      open: Object.freeze(open),
      createdInWindow: Object.freeze(createdInWindow),
      lastActivity: last,
    };
  });
}
