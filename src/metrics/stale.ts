/**
 * Stale open deals: the definition stale_pipeline_share uses, as a reusable selection (for
 * methodology.staleDealsAsLost in the win rates and for the audit's record lists).
 *
 * An open deal that existed at asOf is stale when it is past its expected close date
 * (closed < asOf) or older than twice the median sales cycle of the deals won in the window
 * (asOf − created > 2 × median). Without a median cycle only past-due deals are stale.
 */
import type { Deal } from '../base/model.js';
import { median } from './stats.js';
import { openDeals, wonCycleDaysInWindow } from './deal-selections.js';
import type { MetricContext, SharedCache } from './types.js';
import type { Dataset } from '../base/model.js';

export interface StaleDeal {
  readonly deal: Deal;
  readonly pastDue: boolean;
  readonly aged: boolean;
}

export interface StaleDeals {
  /** In dataset order. */
  readonly deals: readonly StaleDeal[];
  /** 2 × median won cycle in days, or null when there is no median. */
  readonly ageLimitDays: number | null;
  readonly amountCents: number;
}

export function staleOpenDeals(ds: Dataset, ctx: MetricContext, shared: SharedCache): StaleDeals {
  return shared.get(staleOpenDeals, () => {
    const med = median(wonCycleDaysInWindow(ds, ctx, shared));
    const ageLimitDays = med === null ? null : 2 * med;
    const deals: StaleDeal[] = [];
    let amountCents = 0;
    for (const d of openDeals(ds, ctx, shared)) {
      const pastDue = d.closed !== null && d.closed < ctx.asOf;
      const aged = ageLimitDays !== null && d.created !== null && ctx.asOf - d.created > ageLimitDays;
      if (pastDue || aged) {
        deals.push({ deal: d, pastDue, aged });
        amountCents += d.amountCents;
      }
    }
    return { deals, ageLimitDays, amountCents };
  });
}
