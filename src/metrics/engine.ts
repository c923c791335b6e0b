/**
 * The metric engine: runs every registered metric in registry order over one dataset and
 * context, turns outcomes into the output contract (MetricResult), and adds the monthly series
 * and, when asked, the --by breakdowns. Pure: no clock, no I/O, no randomness.
 */
import { mixedCurrencyReason, type Dataset, type Deal } from '../base/model.js';
import { inWindow, isoFromDay } from '../base/time.js';
import { METRICS, getMetric } from './registry.js';
import { pointInTime } from './as-of.js';
import { evidenceRuleOf, judgeEvidence } from './evidence.js';
import { computeSeries } from './series.js';
import { compareStrings } from './stats.js';
import { createSharedCache } from './context.js';
import { na } from './outcome.js';
import type {
  BreakdownGroup,
  MetricContext,
  MetricDefinition,
  MetricOutcome,
  MetricResult,
  MetricsReport,
  SharedCache,
} from './types.js';

export { createSharedCache, defaultAsOf, makeContext } from './context.js';

export type BreakdownDimension = 'owner' | 'segment' | 'source' | 'pipeline';
export const BREAKDOWN_DIMENSIONS: readonly BreakdownDimension[] = ['owner', 'segment', 'source', 'pipeline'];

/** The metrics computed per group for --by, in this order. */
export const BREAKDOWN_METRICS: readonly string[] = ['bookings', 'win_rate', 'avg_deal_size', 'sales_cycle_days'];

/** Groups with fewer closed (won or lost) deals in the window than this are flagged isSmall. */
export const SMALL_GROUP_CLOSED_DEALS = 10;

/** Label of the group of deals whose dimension is empty. */
export const NO_GROUP_LABEL = '(none)';

export interface ComputeOptions {
  readonly by?: BreakdownDimension;
  /**
   * The run's derivation cache, when the caller computes more over the same point-in-time
   * dataset and context (audit.ts: items and the subscriptions block), so each intermediate is
   * derived once per run. Only for that dataset (`pointInTime(raw, ctx.asOf)`) and context.
   */
  readonly shared?: SharedCache;
}

export function computeMetrics(raw: Dataset, ctx: MetricContext, opts: ComputeOptions = {}): MetricsReport {
  // every metric reads the deals as they stood on the as-of date (as-of.ts)
  const ds = pointInTime(raw, ctx.asOf);
  const shared = opts.shared ?? createSharedCache();
  const metrics = runMetrics(reportedMetrics(ds), ds, ctx, shared);
  const computed = computeSeries(ds, ctx, shared);
  // spend in another currency than the report's: its monthly points are not shown either
  const series =
    ds.mixedCurrencies === undefined ? computed : { ...computed, spend: computed.spend.map((p) => ({ ...p, value: null })), cac: computed.cac.map((p) => ({ ...p, value: null })) };
  const breakdowns: Record<string, readonly BreakdownGroup[]> = {};
  if (opts.by !== undefined) breakdowns[opts.by] = computeBreakdown(ds, ctx, opts.by);
  return {
    asOf: isoFromDay(ctx.asOf),
    // The window as ctx.window holds it: start exclusive, end inclusive.
    window: { start: isoFromDay(ctx.window.start), end: isoFromDay(ctx.window.end) },
    metrics,
    series,
    breakdowns,
  };
}

/** The registered metrics this dataset reports: all but those whose `onlyWithInputs` were not given. */
export function reportedMetrics(ds: Dataset): readonly MetricDefinition[] {
  return METRICS.filter((m) => m.onlyWithInputs === undefined || m.onlyWithInputs.some((k) => ds.present[k] === true));
}

/** Runs `defs` in order over one dataset with one shared cache. */
export function runMetrics(
  defs: readonly MetricDefinition[],
  ds: Dataset,
  ctx: MetricContext,
  shared: SharedCache = createSharedCache(),
): MetricResult[] {
  const out: MetricResult[] = [];
  const mixed = ds.mixedCurrencies;
  for (const def of defs) {
    let result: MetricResult;
    if (mixed !== undefined && def.inputs.includes('spend')) {
      // deals and spend were each summed in their own currency (ingest/dataset.ts): never combine
      // them, and never print spend in the report's currency, which is the deals'
      out.push(toMetricResult(def, na(`${mixedCurrencyReason(mixed)} and company.currency in revhealth.config.json (the report is in ${mixed.deals}; spend is not converted)`)));
      continue;
    }
    try {
      result = toMetricResult(def, def.compute(ds, ctx, shared));
    } catch (err) {
      result = errorResult(def, err); // failure isolation (issue 15): one metric never aborts the audit
    }
    out.push(result);
  }
  return out;
}

/**
 * The output record for one outcome, keys in MetricResult order. A non-finite value becomes
 * n/a "internal: non-finite value"; a leading "n/a: " in a reason is dropped (status says it);
 * non-finite detail numbers become null so the JSON stays valid.
 */
export function toMetricResult(def: MetricDefinition, outcome: MetricOutcome): MetricResult {
  const head = { id: def.id, title: def.title, area: def.area, unit: def.unit };
  if (outcome.kind === 'value' && Number.isFinite(outcome.value)) {
    const ok = {
      ...head,
      value: outcome.value,
      status: 'ok' as const,
      reason: null,
      inputs: def.inputs,
      notes: outcome.notes ?? [],
      sampleSize: outcome.sampleSize !== undefined && Number.isFinite(outcome.sampleSize) ? outcome.sampleSize : null,
      details: outcome.details ? finiteDetails(outcome.details) : null,
    };
    return { ...ok, evidence: judgeEvidence(ok, evidenceRuleOf(def)) };
  }
  const reason = outcome.kind === 'na' ? outcome.reason.replace(/^n\/a:\s*/i, '') : 'internal: non-finite value';
  return {
    ...head,
    value: null,
    status: 'n/a',
    reason,
    inputs: def.inputs,
    notes: outcome.notes ?? [],
    sampleSize: null,
    details: null,
    evidence: null,
  };
}

/** A metric whose compute threw: status error with the message, so the rest of the audit completes. */
export function errorResult(def: MetricDefinition, err: unknown): MetricResult {
  const message = err instanceof Error ? err.message : String(err);
  return {
    id: def.id,
    title: def.title,
    area: def.area,
    unit: def.unit,
    value: null,
    status: 'error',
    reason: `internal error: ${message}`,
    inputs: def.inputs,
    notes: [],
    sampleSize: null,
    details: null,
    evidence: null,
  };
}

function finiteDetails(d: Readonly<Record<string, number | string | null>>): Record<string, number | string | null> {
  const out: Record<string, number | string | null> = {};
  for (const [k, v] of Object.entries(d)) out[k] = typeof v === 'number' && !Number.isFinite(v) ? null : v;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Breakdowns

/** The group label of a deal for a dimension: its value, or "(none)" when empty or blank. */
export function groupOf(deal: Deal, by: BreakdownDimension): string {
  const v = deal[by];
  return v === null || v.trim() === '' ? NO_GROUP_LABEL : v;
}

/**
 * One group per value of the dimension among the deals active around the window: created or
 * closed in the window, or open at asOf (so reps who left years ago do not clutter the list).
 * Each group runs BREAKDOWN_METRICS over the dataset restricted to all of that group's deals
 * (any date: the metrics apply the window themselves). Groups sorted by name (code-unit order).
 */
export function computeBreakdown(ds: Dataset, ctx: MetricContext, by: BreakdownDimension): BreakdownGroup[] {
  const defs = BREAKDOWN_METRICS.map((id) => getMetric(id)).filter((m): m is MetricDefinition => m !== undefined);
  const groups = new Map<string, { deals: Deal[]; active: boolean; closed: number }>();
  for (let di = 0; di < ds.deals.length; di++) {
    const deal = ds.deals[di] as Deal;
    const name = groupOf(deal, by);
    let g = groups.get(name);
    if (!g) {
      g = { deals: [], active: false, closed: 0 };
      groups.set(name, g);
    }
    g.deals.push(deal);
    const closedInWindow = deal.status !== 'open' && inWindow(deal.closed, ctx.window);
    if (closedInWindow) g.closed += 1;
    if (
      closedInWindow ||
      inWindow(deal.created, ctx.window) ||
      (deal.status === 'open' && (deal.created === null || deal.created <= ctx.asOf))
    ) {
      g.active = true;
    }
  }
  const out: BreakdownGroup[] = [];
  for (const name of [...groups.keys()].sort(compareStrings)) {
    const g = groups.get(name) as { deals: Deal[]; active: boolean; closed: number };
    if (!g.active) continue;
    const sub: Dataset = { ...ds, deals: g.deals };
    out.push({
      group: name,
      closedDeals: g.closed,
      isSmall: g.closed < SMALL_GROUP_CLOSED_DEALS,
      metrics: runMetrics(defs, sub, ctx),
    });
  }
  return out;
}
