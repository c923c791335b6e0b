/**
 * Pipeline and sales metrics. Each is data plus one pure compute function (STYLE B3);
 * the definitions and formulas below are what `revhealth explain` prints.
 *
 * Window: asOf − 12 months < d <= asOf. "Closed in the window" = won or lost with the close
 * date in the window. "Open deals" = status open and created on or before asOf (see deal-selections.ts).
 * Cycle days = close date − created date in whole calendar days.
 */
import { dataEndDay, importStampNote, pipelineReconstructionNotes } from './as-of.js';
import { QUARTER_START_GRACE_DAYS, closeHistoryStart, closedDealsInWindow, dealsCreatedInWindow, nextQuarterPipeline, openDeals, spendInWindow, wonCycleDaysInWindow, wonDealsInWindow } from './deal-selections.js';
import { addMonths, firstOfMonth, inWindow, isoFromDay, trailingMonths, type Window } from '../base/time.js';
import type { Dataset, Deal } from '../base/model.js';
import type { MetricContext, MetricDefinition, SharedCache } from './types.js';
import { REASONS, na, requireDeals, value } from './outcome.js';
import { compareStrings, mean, median, percentile, sumCents, toUnits } from './stats.js';
import { completeQuartersInWindow, describeWindow, lastCompleteQuarter, nextQuarter, previousQuarter, quarterOf } from './quarters.js';
import { rangeSum, windowSum, wonByCloseIndex } from './indexes.js';
import { methodologyNote } from '../config/methodology.js';
import { staleOpenDeals } from './stale.js';
import { formatCount } from '../base/format.js';

function needClosed(ctx: MetricContext): string {
  return `needs deals closed (won or lost) in the window (${describeWindow(ctx.window)})`;
}

function needWon(ctx: MetricContext): string {
  return `needs won deals closed in the window (${describeWindow(ctx.window)})`;
}

// ---------------------------------------------------------------------------------------------
// Win rate, deal size, cycle

export const winRate = {
  id: 'win_rate',
  title: 'Win rate',
  area: 'pipeline',
  unit: 'ratio',
  definition:
    'Share of the deals decided in the last twelve months that were won, by count. Open deals are left out. ' +
    'methodology.winRate "value" weights deals by amount; methodology.staleDealsAsLost counts stale open deals as lost.',
  formula:
    'won ÷ (won + lost), counting deals whose close date is in (asOf − 12 months, asOf]; value basis: Σ won amount ÷ (Σ won + Σ lost amount); ' +
    'with staleDealsAsLost the stale open deals (see stale_pipeline_share) join the lost side',
  inputs: ['deals'],
  configKeys: ['methodology.winRate', 'methodology.staleDealsAsLost'],
  compute(ds, ctx, shared) {
    const missing = requireDeals(ds);
    if (missing) return missing;
    const m = ctx.profile.methodology;
    const notes = [methodologyNote(m, 'winRate'), methodologyNote(m, 'staleDealsAsLost')];
    const closed = closedDealsInWindow(ds, ctx, shared);
    const stale = m.staleDealsAsLost ? staleOpenDeals(ds, ctx, shared) : null;
    const staleCount = stale?.deals.length ?? 0;
    if (closed.length + staleCount === 0) return na(needClosed(ctx), notes);
    const wonDeals = wonDealsInWindow(ds, ctx, shared);
    const won = wonDeals.length;
    const extra: Record<string, number> = stale ? { staleCountedAsLost: staleCount } : {};
    if (m.winRate === 'value') {
      const wonCents = sumCents(wonDeals);
      const lostCents = sumCents(closed) - wonCents + (stale?.amountCents ?? 0);
      if (wonCents + lostCents === 0) return na('won and lost amounts in the window total 0', notes);
      return value(wonCents / (wonCents + lostCents), {
        sampleSize: closed.length + staleCount,
        notes,
        details: { won, lost: closed.length - won, wonAmount: toUnits(wonCents), lostAmount: toUnits(lostCents), ...extra },
      });
    }
    return value(won / (closed.length + staleCount), {
      sampleSize: closed.length + staleCount,
      notes,
      details: { won, lost: closed.length - won, ...extra },
    });
  },
} satisfies MetricDefinition;

export const winRateByValue = {
  id: 'win_rate_by_value',
  title: 'Win rate by value',
  area: 'pipeline',
  unit: 'ratio',
  definition:
    'Share of the amount decided in the last twelve months that was won: the win rate weighted by deal size. ' +
    'methodology.staleDealsAsLost adds the amount of stale open deals to the lost side.',
  formula: 'Σ won amount ÷ (Σ won amount + Σ lost amount), deals whose close date is in the window',
  inputs: ['deals'],
  configKeys: ['methodology.staleDealsAsLost'],
  compute(ds, ctx, shared) {
    const missing = requireDeals(ds);
    if (missing) return missing;
    const m = ctx.profile.methodology;
    const notes = [methodologyNote(m, 'staleDealsAsLost')];
    const closed = closedDealsInWindow(ds, ctx, shared);
    const stale = m.staleDealsAsLost ? staleOpenDeals(ds, ctx, shared) : null;
    const staleCount = stale?.deals.length ?? 0;
    if (closed.length + staleCount === 0) return na(needClosed(ctx), notes);
    const wonCents = sumCents(wonDealsInWindow(ds, ctx, shared));
    const closedCents = sumCents(closed) + (stale?.amountCents ?? 0);
    if (closedCents === 0) return na('won and lost amounts in the window total 0', notes);
    const lostCount = closed.length - wonDealsInWindow(ds, ctx, shared).length + staleCount;
    if (closedCents === wonCents && lostCount > 0) {
      return na(`the ${formatCount(lostCount)} lost deals in the window carry no amount (the export leaves them at 0): by value the win rate would read 100%`, notes);
    }
    return value(wonCents / closedCents, {
      sampleSize: closed.length + staleCount,
      notes,
      details: {
        wonAmount: toUnits(wonCents),
        lostAmount: toUnits(closedCents - wonCents),
        ...(stale ? { staleCountedAsLost: staleCount } : {}),
      },
    });
  },
} satisfies MetricDefinition;

export const avgDealSize = {
  id: 'avg_deal_size',
  title: 'Average deal size',
  area: 'pipeline',
  unit: 'currency',
  definition: 'Mean amount of the deals won in the last twelve months.',
  formula: 'Σ won amount ÷ number of won deals, close date in the window',
  inputs: ['deals'],
  configKeys: [],
  compute(ds, ctx, shared) {
    const w = wonWithAmountOrNa(ds, ctx, shared);
    if ('kind' in w) return w;
    const { won, withoutAmount } = w;
    const total = sumCents(won);
    return value(toUnits(total) / won.length, { sampleSize: won.length, details: { count: won.length, total: toUnits(total), withoutAmount } });
  },
} satisfies MetricDefinition;

export const medianDealSize = {
  id: 'median_deal_size',
  title: 'Median deal size',
  area: 'pipeline',
  unit: 'currency',
  definition: 'Median amount of the deals won in the last twelve months (an even count averages the two middle deals).',
  formula: 'median of won amounts, close date in the window',
  inputs: ['deals'],
  configKeys: [],
  compute(ds, ctx, shared) {
    const w = wonWithAmountOrNa(ds, ctx, shared);
    if ('kind' in w) return w;
    const { won, withoutAmount } = w;
    const m = median(won.map((d) => d.amountCents)) as number;
    return value(toUnits(m), { sampleSize: won.length, details: { count: won.length, withoutAmount } });
  },
} satisfies MetricDefinition;

/**
 * The won deals of the window that carry an amount, and how many do not: won deals without an
 * amount (ingest keeps them for counts) are left out of value figures, and said. n/a without any.
 */
function wonWithAmountOrNa(ds: Dataset, ctx: MetricContext, shared: SharedCache): { readonly won: readonly Deal[]; readonly withoutAmount: number } | ReturnType<typeof na> {
  const missing = requireDeals(ds);
  if (missing) return missing;
  const allWon = wonDealsInWindow(ds, ctx, shared);
  if (allWon.length === 0) return na(needWon(ctx));
  const won = allWon.filter((d) => d.amountMissing !== true);
  if (won.length === 0) return na(`none of the ${allWon.length} won deals has an amount`);
  return { won, withoutAmount: allWon.length - won.length };
}

function cycleOutcomeOrNa(ds: Dataset, ctx: MetricContext, shared: SharedCache): readonly number[] | ReturnType<typeof na> {
  const missing = requireDeals(ds);
  if (missing) return missing;
  const won = wonDealsInWindow(ds, ctx, shared);
  if (won.length === 0) return na(needWon(ctx));
  const cycles = wonCycleDaysInWindow(ds, ctx, shared);
  if (cycles.length === 0) return na('needs created dates on the won deals (the deals file created column)');
  return cycles;
}

/** The import-stamp note for a metric that reads created dates (as-of.ts importStamp), or none. */
function stampNotes(ds: Dataset): string[] {
  const n = importStampNote(ds);
  return n === null ? [] : [n];
}

function cycleNotes(ds: Dataset, ctx: MetricContext, shared: SharedCache): string[] {
  const won = wonDealsInWindow(ds, ctx, shared).length;
  const withDates = wonCycleDaysInWindow(ds, ctx, shared).length;
  return [...(won > withDates ? [`${won - withDates} won deals without a created date are left out`] : []), ...stampNotes(ds)];
}

export const salesCycleDays = {
  id: 'sales_cycle_days',
  title: 'Sales cycle (median days)',
  area: 'pipeline',
  unit: 'days',
  definition: 'Median number of calendar days from creation to close for the deals won in the last twelve months.',
  formula: 'median of (close date − created date) in days over won deals with close date in the window',
  inputs: ['deals'],
  configKeys: [],
  compute(ds, ctx, shared) {
    const c = cycleOutcomeOrNa(ds, ctx, shared);
    if ('kind' in c) return c;
    return value(median(c) as number, {
      sampleSize: c.length,
      notes: cycleNotes(ds, ctx, shared),
      details: { count: c.length, meanDays: mean(c) },
    });
  },
} satisfies MetricDefinition;

export const salesCycleDaysP75 = {
  id: 'sales_cycle_days_p75',
  title: 'Sales cycle (75th percentile days)',
  area: 'pipeline',
  unit: 'days',
  definition:
    'Days from creation to close within which three quarters of the deals won in the last twelve months closed: the long tail of the cycle.',
  formula:
    '75th percentile of (close date − created date) over won deals with close date in the window, linear interpolation between ranks (Excel PERCENTILE.INC)',
  inputs: ['deals'],
  configKeys: [],
  compute(ds, ctx, shared) {
    const c = cycleOutcomeOrNa(ds, ctx, shared);
    if ('kind' in c) return c;
    return value(percentile(c, 0.75) as number, {
      sampleSize: c.length,
      notes: cycleNotes(ds, ctx, shared),
      details: { count: c.length },
    });
  },
} satisfies MetricDefinition;

export const pipelineVelocity = {
  id: 'pipeline_velocity',
  title: 'Pipeline velocity (per month)',
  area: 'pipeline',
  unit: 'currency',
  definition:
    'Expected won amount the current open pipeline produces per month at the trailing win rate, deal size and cycle length.',
  formula:
    'open deals × win rate (by count) × average won deal size ÷ average (mean) sales cycle days of won deals × 30; rates, size and cycle over the window',
  inputs: ['deals'],
  configKeys: [],
  compute(ds, ctx, shared) {
    const missing = requireDeals(ds);
    if (missing) return missing;
    const closed = closedDealsInWindow(ds, ctx, shared);
    if (closed.length === 0) return na(`${needClosed(ctx)} for the win rate`);
    const won = wonDealsInWindow(ds, ctx, shared);
    if (won.length === 0) return na(`${needWon(ctx)} for the deal size and cycle`);
    const cycles = wonCycleDaysInWindow(ds, ctx, shared);
    const avgCycle = mean(cycles);
    if (avgCycle === null) return na('needs created dates on the won deals for the cycle length');
    if (avgCycle === 0) return na('the average sales cycle of won deals is 0 days, so velocity is undefined');
    const open = openDeals(ds, ctx, shared).length;
    const rate = won.length / closed.length;
    const valued = won.filter((d) => d.amountMissing !== true);
    if (valued.length === 0) return na(`none of the ${won.length} won deals has an amount`);
    const avgSize = toUnits(sumCents(valued)) / valued.length;
    const perDay = (open * rate * avgSize) / avgCycle;
    return value(perDay * 30, {
      sampleSize: open,
      notes: ['per month = per day × 30; the cycle is the mean, not the median of sales_cycle_days', ...pipelineReconstructionNotes(ds), ...stampNotes(ds)],
      details: { openDeals: open, winRate: rate, avgDealSize: avgSize, avgCycleDays: avgCycle, perDay },
    });
  },
} satisfies MetricDefinition;

// ---------------------------------------------------------------------------------------------
// Pipeline size and coverage

/** How many past quarter-ends the proxy coverage is also read at (the company's own history). */
export const COVERAGE_HISTORY_QUARTERS = 4;

/**
 * The proxy coverage (next quarter's open pipeline ÷ the bookings of the last complete quarter) at
 * the same point of each of the previous COVERAGE_HISTORY_QUARTERS quarters (their ends for a
 * quarter-end as-of, else the as-of date 3, 6, 9, 12 months back), with every deal as it stood on
 * that date (pointInTime). Quarters without pipeline data or bookings are skipped. Oldest first.
 */
export function coverageHistory(ds: Dataset, ctx: MetricContext): number[] {
  const fy = ctx.profile.fiscalYearStartMonth;
  // read at the same point of each earlier quarter: at their ends when the as-of is a quarter's last
  // day, else the same day 3, 6, 9, 12 months back (a month into a quarter, next quarter's pipeline
  // is always thinner than at a quarter's end: comparing the two fired starvation on healthy data)
  const atEnd = quarterOf(ctx.asOf, fy).end === ctx.asOf;
  const ends: number[] = [];
  const nexts: Window[] = [];
  const booked: Window[] = [];
  let q = previousQuarter(quarterOf(ctx.asOf, fy), fy);
  for (let k = 0; k < COVERAGE_HISTORY_QUARTERS; k++, q = previousQuarter(q, fy)) {
    const end = atEnd ? q.end : addMonths(ctx.asOf, -3 * (k + 1));
    const at = quarterOf(end, fy);
    ends.push(end);
    nexts.push(nextQuarter(at, fy));
    // the proxy target as the metric reads it on that day: the last complete quarter's bookings
    booked.push(at.end === end ? at : previousQuarter(at, fy));
  }
  // every deal as it stood on each end (pointInTime(ds, end), without building those datasets):
  // a deal closed after the end is open then, unless it is future-dated (after the data's end)
  // or was created after the end
  const dataEnd = dataEndDay(ds);
  const n = ends.length;
  const pipe = new Array<number>(n).fill(0);
  const any = new Array<boolean>(n).fill(false);
  const bookedCents = new Array<number>(n).fill(0);
  for (let di = 0; di < ds.deals.length; di++) {
    const d = ds.deals[di] as Deal;
    const status = d.status;
    const created = d.created;
    const closed = d.closed;
    const cents = d.amountCents;
    for (let i = 0; i < n; i++) {
      const end = ends[i] as number;
      let open = status === 'open';
      if (!open && closed !== null && closed > end) {
        // reopened at `end`, or left as it is (future-dated, or created after it: read by neither sum)
        if ((dataEnd !== null && closed > dataEnd) || (created !== null && created > end)) continue;
        open = true;
      }
      if (open) {
        if (created !== null && created > end) continue;
        if (created !== null) any[i] = true;
        if (inWindow(closed, nexts[i] as Window)) pipe[i] = (pipe[i] as number) + cents;
      } else if (status === 'won' && inWindow(closed, booked[i] as Window)) bookedCents[i] = (bookedCents[i] as number) + cents;
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const b = bookedCents[i] as number;
    if (!any[i] || b === 0) continue;
    out.push((pipe[i] as number) / b);
  }
  return out.reverse();
}

export const pipelineCoverage = {
  id: 'pipeline_coverage',
  title: 'Pipeline coverage (next quarter)',
  area: 'pipeline',
  unit: 'multiple',
  definition:
    "Open pipeline expected to close in the next fiscal quarter (the one after the quarter containing the as-of date) against that quarter's bookings target. Without targets.nextQuarterBookings, the last complete fiscal quarter's bookings stand in as a proxy target; so they do when --as-of falls in another fiscal quarter than the config's asOf (the target is the one of the quarter after the config's asOf).",
  formula:
    'Σ amount of open deals with expected close in the next fiscal quarter ÷ targets.nextQuarterBookings (proxy: won amount closed in the last complete fiscal quarter)',
  inputs: ['deals'],
  configKeys: ['targets.nextQuarterBookings', 'company.fiscalYearStartMonth'],
  compute(ds, ctx, shared) {
    const missing = requireDeals(ds);
    if (missing) return missing;
    const next = nextQuarterPipeline(ds, ctx, shared);
    if ('gap' in next) return na(next.gap);
    const { quarter: nq, deals: pipe, cents: pipeCents } = next;
    const notes: string[] = pipelineReconstructionNotes(ds);
    let targetCents = ctx.profile.nextQuarterTargetCents;
    let basis = 'targets.nextQuarterBookings';
    if (targetCents === null) {
      const lq = lastCompleteQuarter(ctx);
      targetCents = windowSum(wonByCloseIndex(ds, shared), lq).cents;
      basis = `proxy: bookings of ${lq.label}`;
      if (targetCents === 0) {
        return na(`needs targets.nextQuarterBookings in revhealth.config.json (no bookings in ${lq.label} to use as a proxy)`);
      }
      notes.push(`no target configured: ${lq.label} bookings used as a proxy target (set targets.nextQuarterBookings)`);
    } else if (targetCents === 0) {
      return na('targets.nextQuarterBookings is 0; coverage needs a positive target');
    }
    const history = basis.startsWith('proxy') ? coverageHistory(ds, ctx) : [];
    const historyMedian = median(history);
    if (history.length > 0) {
      notes.push(`the same proxy coverage at the same point of the previous ${history.length} quarters (deals as they stood then): median ${historyMedian?.toFixed(2)}×`);
    }
    return value(pipeCents / targetCents, {
      sampleSize: pipe.length,
      notes,
      details: {
        quarter: nq.label,
        openPipeline: toUnits(pipeCents),
        openDeals: pipe.length,
        target: toUnits(targetCents),
        targetBasis: basis,
        ...(basis.startsWith('proxy') ? { historyQuarters: history.length, historyMedian } : {}),
      },
    });
  },
} satisfies MetricDefinition;

export const pipelineCreated = {
  id: 'pipeline_created',
  title: 'Pipeline created',
  area: 'pipeline',
  unit: 'currency',
  definition: 'Amount of all deals created in the last twelve months, whatever their status now.',
  formula: 'Σ amount of deals with created date in (asOf − 12 months, asOf]; per-month average = total ÷ 12',
  inputs: ['deals'],
  configKeys: [],
  compute(ds, ctx, shared) {
    const missing = requireDeals(ds);
    if (missing) return missing;
    const created = dealsCreatedInWindow(ds, ctx, shared);
    const notWon = created.filter((d) => d.status !== 'won');
    // issue 14: an export whose lost and open deals carry no value makes "pipeline created" just bookings
    if (notWon.length > 0 && notWon.every((d) => d.amountCents === 0) && created.some((d) => d.amountCents > 0)) {
      return na(
        `none of the ${formatCount(notWon.length)} lost or open deals created in the window carries an amount: pipeline created would only repeat the bookings (export the amounts of lost and open deals)`,
      );
    }
    const total = sumCents(created);
    return value(toUnits(total), {
      sampleSize: created.length,
      notes: stampNotes(ds),
      details: { count: created.length, perMonthAverage: toUnits(total) / 12 },
    });
  },
} satisfies MetricDefinition;

export const pipelinePerMarketingDollar = {
  id: 'pipeline_per_marketing_dollar',
  title: 'Pipeline per marketing dollar',
  area: 'pipeline',
  unit: 'multiple',
  definition:
    'Pipeline created for each unit of marketing spend over the last twelve months. A spend row counts when its period starts in the window; only category "marketing" counts.',
  formula: 'pipeline created in the window ÷ Σ marketing-category spend with period start in the window',
  inputs: ['deals', 'spend'],
  configKeys: ['inputs.spend.salesChannels'],
  compute(ds, ctx, shared) {
    if (!ds.present.spend) return na(REASONS.noSpendFile);
    const missing = requireDeals(ds);
    if (missing) return missing;
    const mkt = spendInWindow(ds, ctx, shared).filter((r) => r.category === 'marketing');
    const mktCents = sumCents(mkt);
    if (mktCents === 0) {
      return na(`needs marketing-category spend in the window (${describeWindow(ctx.window)}); the spend file has none there`);
    }
    const pipeCents = sumCents(dealsCreatedInWindow(ds, ctx, shared));
    return value(pipeCents / mktCents, {
      sampleSize: mkt.length,
      notes: stampNotes(ds),
      details: { pipelineCreated: toUnits(pipeCents), marketingSpend: toUnits(mktCents) },
    });
  },
} satisfies MetricDefinition;

export const stalePipelineShare = {
  id: 'stale_pipeline_share',
  title: 'Stale pipeline share',
  area: 'pipeline',
  unit: 'ratio',
  definition:
    'Share of open pipeline value that is stale: past its expected close date, or older than twice the median sales cycle of won deals.',
  formula:
    'Σ amount of open deals with (expected close < asOf) or (asOf − created > 2 × sales_cycle_days) ÷ Σ amount of open deals',
  inputs: ['deals'],
  configKeys: [],
  compute(ds, ctx, shared) {
    const missing = requireDeals(ds);
    if (missing) return missing;
    const open = openDeals(ds, ctx, shared);
    if (open.length === 0) return na('needs open deals in the deals file');
    const totalCents = sumCents(open);
    if (totalCents === 0) return na('open pipeline amounts total 0');
    const med = median(wonCycleDaysInWindow(ds, ctx, shared));
    const ageLimit = med === null ? null : 2 * med;
    let staleCents = 0;
    let stale = 0;
    let pastDue = 0;
    let pastDueCents = 0;
    let aged = 0;
    for (const d of open) {
      const isPastDue = d.closed !== null && d.closed < ctx.asOf;
      const isAged = ageLimit !== null && d.created !== null && ctx.asOf - d.created > ageLimit;
      if (isPastDue) {
        pastDue += 1;
        pastDueCents += d.amountCents;
      }
      if (isAged) aged += 1;
      if (isPastDue || isAged) {
        stale += 1;
        staleCents += d.amountCents;
      }
    }
    const notes = [
      ...(ageLimit === null ? ['no median sales cycle (no won deals with both dates in the window): only past-due deals count as stale'] : []),
      ...pipelineReconstructionNotes(ds),
      ...(ageLimit === null ? [] : stampNotes(ds)),
    ];
    return value(staleCents / totalCents, {
      sampleSize: open.length,
      notes,
      details: {
        count: stale,
        value: toUnits(staleCents),
        openDeals: open.length,
        openPipeline: toUnits(totalCents),
        pastDue,
        pastDueValue: toUnits(pastDueCents),
        olderThanLimit: aged,
        ageLimitDays: ageLimit,
      },
    });
  },
} satisfies MetricDefinition;

export const quarterEndSkew = {
  id: 'quarter_end_skew',
  title: 'Quarter-end skew',
  area: 'pipeline',
  unit: 'ratio',
  definition:
    "Share of won amount closed in the last 14 days of its fiscal quarter, pooled over every complete fiscal quarter lying wholly inside the window (three or four quarters): the quarter-end hockey stick.",
  formula:
    'Σ over complete quarters Q in the window of won amount closed in [Q.last − 13 days, Q.last] ÷ Σ won amount closed in those quarters',
  inputs: ['deals'],
  configKeys: ['company.fiscalYearStartMonth'],
  compute(ds, ctx, shared) {
    const missing = requireDeals(ds);
    if (missing) return missing;
    const idx = wonByCloseIndex(ds, shared);
    // a quarter the data enters part-way (one month of closes) is not complete: its last two weeks would weigh too much
    const start = closeHistoryStart(ds, shared);
    const all = completeQuartersInWindow(ctx);
    const quarters = all.filter((q) => start === null || start <= q.first + QUARTER_START_GRACE_DAYS);
    const skipped = all.length - quarters.length;
    let lastCents = 0;
    let totalCents = 0;
    let deals = 0;
    const perQuarter: Record<string, number | null> = {};
    // per-quarter share, keyed "share FY2025 Q1"; null when nothing was won in that quarter
    for (const q of quarters) {
      const all = windowSum(idx, q);
      const tail = rangeSum(idx, q.end - 13, q.end);
      lastCents += tail.cents;
      totalCents += all.cents;
      deals += all.count;
      perQuarter[`share ${q.label}`] = all.cents === 0 ? null : tail.cents / all.cents;
    }
    if (quarters.length === 0) {
      return na(skipped > 0 ? `needs a complete fiscal quarter inside the window; the closed deals start on ${isoFromDay(start as number)}, part-way into the earliest` : 'needs a complete fiscal quarter inside the window');
    }
    if (totalCents === 0) return na(`needs won deals closed in the complete fiscal quarters of the window (${quarters.map((q) => q.label).join(', ')})`);
    return value(lastCents / totalCents, {
      sampleSize: deals,
      ...(skipped > 0 ? { notes: [`${skipped} quarter${skipped === 1 ? '' : 's'} left out: the closed deals start on ${isoFromDay(start as number)}, part-way into ${skipped === 1 ? 'it' : 'them'}`] } : {}),
      details: { quarters: quarters.length, lastTwoWeeksBookings: toUnits(lastCents), quarterBookings: toUnits(totalCents), ...perQuarter },
    });
  },
} satisfies MetricDefinition;

// ---------------------------------------------------------------------------------------------
// Reps

/** Won cents in the window per non-null owner, and the unowned remainder. */
function ownerBookings(ds: Dataset, ctx: MetricContext, shared: SharedCache): { readonly per: ReadonlyMap<string, number>; readonly unownedCents: number } {
  return shared.get(ownerBookings, () => {
    const per = new Map<string, number>();
    let unownedCents = 0;
    for (const d of wonDealsInWindow(ds, ctx, shared)) {
      if (d.owner === null) unownedCents += d.amountCents;
      else per.set(d.owner, (per.get(d.owner) ?? 0) + d.amountCents);
    }
    return { per, unownedCents };
  });
}

export const repConcentration = {
  id: 'rep_concentration',
  title: 'Rep concentration',
  area: 'pipeline',
  unit: 'ratio',
  definition:
    "Top owner's share of the won bookings of the last twelve months: dependence on one rep. Deals without an owner stay in the total but cannot be the top owner.",
  formula: 'won amount of the owner with the most won amount in the window ÷ Σ won amount in the window (all deals)',
  inputs: ['deals'],
  configKeys: [],
  compute(ds, ctx, shared) {
    const missing = requireDeals(ds);
    if (missing) return missing;
    if (!ds.deals.some((d) => d.owner !== null)) return na('needs an owner column in the deals file');
    const won = wonDealsInWindow(ds, ctx, shared);
    if (won.length === 0) return na(needWon(ctx));
    const totalCents = sumCents(won);
    if (totalCents === 0) return na('won bookings in the window total 0, nothing to share out');
    const { per, unownedCents } = ownerBookings(ds, ctx, shared);
    const ranked = [...per.entries()].sort((a, b) => b[1] - a[1] || compareStrings(a[0], b[0]));
    const top = ranked[0];
    if (top === undefined) return na('needs an owner on the won deals of the window');
    const notes = unownedCents > 0 ? ['some won deals have no owner: they count in the total (unownedBookings) but not as an owner'] : [];
    return value(top[1] / totalCents, {
      sampleSize: won.length,
      notes,
      details: {
        owner: top[0],
        ownerBookings: toUnits(top[1]),
        totalBookings: toUnits(totalCents),
        owners: ranked.length,
        unownedBookings: toUnits(unownedCents),
      },
    });
  },
} satisfies MetricDefinition;

export const quotaAttainment = {
  id: 'quota_attainment',
  title: 'Quota attainment',
  area: 'pipeline',
  unit: 'ratio',
  definition:
    'Share of the owners listed in targets.quotas whose won bookings over the last twelve months reached their annual quota. Owner names must match the deals file exactly. n/a when the closed deals start more than 14 days into the twelve months (part of a year cannot be judged against an annual quota).',
  formula: 'count(owners with Σ won amount in the window ≥ annual quota) ÷ count(owners with a quota)',
  inputs: ['deals'],
  configKeys: ['targets.quotas'],
  compute(ds, ctx, shared) {
    const quotas = ctx.profile.quotasCents;
    const owners = quotas === null ? [] : Object.keys(quotas).sort(compareStrings);
    if (quotas === null || owners.length === 0) return na('needs targets.quotas in revhealth.config.json');
    const missing = requireDeals(ds);
    if (missing) return missing;
    // an annual quota against part of a year of bookings reads every rep as missing it
    const start = closeHistoryStart(ds, shared);
    if (start !== null && start > ctx.window.start + 1 + QUARTER_START_GRACE_DAYS) {
      const months = Math.round(((ctx.window.end - start + 1) / 365.25) * 12);
      return na(
        `the closed deals start on ${isoFromDay(start)}, part-way into the twelve months (${describeWindow(ctx.window)}): the bookings cover about ${months} of its 12 months, too few to judge an annual quota`,
      );
    }
    const { per } = ownerBookings(ds, ctx, shared);
    const details: Record<string, number | string | null> = {};
    const without: string[] = [];
    let attained = 0;
    for (const o of owners) {
      const quota = quotas[o] as number;
      const booked = per.get(o) ?? 0;
      if (!per.has(o)) without.push(o);
      if (booked >= quota) attained += 1;
      details[`attainment: ${o}`] = quota === 0 ? null : booked / quota;
    }
    const notes = without.length > 0 ? [`${without.length} owners with a quota have no won deals in the window: ${without.join(', ')}`] : [];
    return value(attained / owners.length, {
      sampleSize: owners.length,
      notes,
      details: { owners: owners.length, atOrAboveQuota: attained, ...details },
    });
  },
} satisfies MetricDefinition;

// ---------------------------------------------------------------------------------------------
// Funnel

export const leadToOpportunityRate = {
  id: 'lead_to_opportunity_rate',
  title: 'Lead-to-opportunity rate',
  area: 'pipeline',
  unit: 'ratio',
  definition:
    'Deals created per lead counted in the spend file, over the twelve whole months ending with the last complete month on or before the as-of date (spend rows count by whole months, so a mid-month as-of must not cut the leads and keep the deals). A rate above 100% means the leads do not cover the opportunities: n/a.',
  formula:
    'number of deals created in the twelve whole months to the last complete month ≤ asOf ÷ Σ leads of spend rows with period start in those months',
  inputs: ['deals', 'spend'],
  configKeys: [],
  compute(ds, ctx, shared) {
    if (!ds.present.spend) return na('needs marketing spend with a leads column (--spend)');
    if (!ds.spend.some((r) => r.leads !== null)) return na('needs a leads column in the spend file');
    const missing = requireDeals(ds);
    if (missing) return missing;
    const end = addMonths(firstOfMonth(ctx.asOf), 1) - 1 === ctx.asOf ? ctx.asOf : firstOfMonth(ctx.asOf) - 1;
    const w = trailingMonths(end, 12);
    const rows = ds.spend.filter((r) => inWindow(r.periodStart, w));
    let leads = 0;
    let rowsWithLeads = 0;
    for (const r of rows) {
      if (r.leads !== null) {
        leads += r.leads;
        rowsWithLeads += 1;
      }
    }
    if (leads === 0) return na(`needs leads in the months ${describeWindow(w)}; the spend file counts none there`);
    const opps = ds.deals.filter((d) => inWindow(d.created, w)).length;
    if (opps > leads) {
      return na(
        `${formatCount(opps)} opportunities against ${formatCount(leads)} leads in ${describeWindow(w)}: the leads count does not cover every opportunity (deals from sources outside the spend file, or leads not loaded)`,
      );
    }
    const notes = ['opportunities = every deal created in the months counted, whatever its source', ...stampNotes(ds)];
    if (end !== ctx.asOf) notes.push(`counted over whole months ${describeWindow(w)}: the as-of month is partial`);
    if (rowsWithLeads < rows.length) notes.push(`${rows.length - rowsWithLeads} spend rows in the window have no leads count`);
    return value(opps / leads, { sampleSize: leads, notes, details: { opportunities: opps, leads } });
  },
} satisfies MetricDefinition;

export const opportunityToWinRate = {
  id: 'opportunity_to_win_rate',
  title: 'Win rate, cohort variant',
  area: 'pipeline',
  unit: 'ratio',
  definition:
    'Share of the deals created in the last twelve months that were won by the as-of date (opportunity-to-win). A cohort variant of win_rate, not a rival to it: recent deals still open count in the denominator, so it reads lower and rises as the cohort matures. The report uses win_rate; the funnel section reconciles the two.',
  formula: 'count(deals created in the window with status won and close date ≤ asOf) ÷ count(deals created in the window)',
  inputs: ['deals'],
  configKeys: [],
  compute(ds, ctx, shared) {
    const missing = requireDeals(ds);
    if (missing) return missing;
    const created = dealsCreatedInWindow(ds, ctx, shared);
    if (created.length === 0) return na(`needs deals created in the window (${describeWindow(ctx.window)})`);
    let won = 0;
    let open = 0;
    for (const d of created) {
      if (d.status === 'won' && (d.closed === null || d.closed <= ctx.asOf)) won += 1;
      else if (d.status === 'open') open += 1;
    }
    return value(won / created.length, {
      sampleSize: created.length,
      details: { created: created.length, won, stillOpen: open },
    });
  },
} satisfies MetricDefinition;

export const PIPELINE_METRICS: readonly MetricDefinition[] = [
  winRate,
  winRateByValue,
  avgDealSize,
  medianDealSize,
  salesCycleDays,
  salesCycleDaysP75,
  pipelineVelocity,
  pipelineCoverage,
  pipelineCreated,
  pipelinePerMarketingDollar,
  stalePipelineShare,
  quarterEndSkew,
  repConcentration,
  quotaAttainment,
  leadToOpportunityRate,
  opportunityToWinRate,
];
