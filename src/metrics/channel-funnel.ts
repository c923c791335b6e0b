/**
 * The full funnel by channel (issue 18): leads → MQLs → SQLs from the spend file, opportunities
 * and wins from the deals (source matched to the spend channel as cac_by_channel does), the
 * conversion at each step and the cost per step; and one reconciled win-rate definition with the
 * other shown as a named variant.
 *
 * Period counts, not a cohort: each stage is counted in the window by its own date — leads, MQLs
 * and SQLs by the spend row's period, opportunities by the deal's created date, wins by the close
 * date — so the cost per win of a paid channel equals its CAC in cac_by_channel. Opportunities and
 * wins are new-business deals (every deal without a type column). Pure and deterministic.
 */
import type { Dataset, Deal } from '../base/model.js';
import { inWindow } from '../base/time.js';
import { channelKey } from './acquisition.js';
import { compareStrings } from './stats.js';
import { hasTypeColumn, isNewBusiness } from './deal-selections.js';
import type { MetricContext, MetricResult, SharedCache } from './types.js';
import { createSharedCache } from './context.js';

export interface FunnelRow {
  /** Spend channel name, or the deal source when no spend row matches it. */
  readonly channel: string;
  /** True when the channel has marketing spend rows in the window. */
  readonly paid: boolean;
  readonly spend: number | null;
  readonly leads: number | null;
  readonly mqls: number | null;
  readonly sqls: number | null;
  readonly opportunities: number;
  readonly won: number;
  readonly leadToMql: number | null;
  readonly mqlToSql: number | null;
  readonly sqlToOpportunity: number | null;
  readonly opportunityToWon: number | null;
  readonly costPerLead: number | null;
  readonly costPerMql: number | null;
  readonly costPerSql: number | null;
  readonly costPerOpportunity: number | null;
  readonly costPerWon: number | null;
}

export interface WinRateVariant {
  readonly name: string;
  readonly value: number;
  readonly definition: string;
}

export interface WinRateReconciliation {
  /** The one definition the report uses (the win_rate metric). */
  readonly primary: WinRateVariant;
  readonly variants: readonly WinRateVariant[];
  /** Why the numbers differ, with the counts. */
  readonly explanation: string;
}

export interface ChannelFunnel {
  readonly basis: string;
  readonly rows: readonly FunnelRow[];
  readonly total: FunnelRow;
  readonly notes: readonly string[];
}

interface Acc {
  name: string;
  paid: boolean;
  spendCents: number;
  leads: number | null;
  mqls: number | null;
  sqls: number | null;
  opportunities: number;
  won: number;
}

const ratio = (a: number | null, b: number | null): number | null => (a === null || b === null || b === 0 ? null : a / b);

function toRow(a: Acc): FunnelRow {
  const spend = a.paid ? a.spendCents / 100 : null;
  return {
    channel: a.name,
    paid: a.paid,
    spend,
    leads: a.leads,
    mqls: a.mqls,
    sqls: a.sqls,
    opportunities: a.opportunities,
    won: a.won,
    leadToMql: ratio(a.mqls, a.leads),
    mqlToSql: ratio(a.sqls, a.mqls),
    // a paid channel no deal names as its source has no measured hand-off: null, not 0 (a note says why)
    sqlToOpportunity: a.paid && a.opportunities + a.won > 0 ? ratio(a.opportunities, a.sqls) : null,
    opportunityToWon: ratio(a.won, a.opportunities),
    costPerLead: ratio(spend, a.leads),
    costPerMql: ratio(spend, a.mqls),
    costPerSql: ratio(spend, a.sqls),
    costPerOpportunity: ratio(spend, a.paid && a.opportunities + a.won > 0 ? a.opportunities : null),
    costPerWon: ratio(spend, a.paid ? a.won : null),
  };
}

const add = (x: number | null, y: number | null): number | null => (y === null ? x : (x ?? 0) + y);

export function computeChannelFunnel(ds: Dataset, ctx: MetricContext, shared: SharedCache = createSharedCache()): ChannelFunnel | null {
  if (!ds.present.spend || ds.deals.length === 0) return null;
  const byKey = new Map<string, Acc>();
  for (const s of ds.spend) {
    if (s.category !== 'marketing' || !inWindow(s.periodStart, ctx.window)) continue;
    const key = channelKey(s.channel);
    const name = s.channel.trim();
    let a = byKey.get(key);
    if (a === undefined) {
      a = { name, paid: true, spendCents: 0, leads: null, mqls: null, sqls: null, opportunities: 0, won: 0 };
      byKey.set(key, a);
    } else if (compareStrings(name, a.name) < 0) a.name = name;
    a.spendCents += s.amountCents;
    a.leads = add(a.leads, s.leads);
    a.mqls = add(a.mqls, s.mqls);
    a.sqls = add(a.sqls, s.sqls);
  }
  if (byKey.size === 0) return null;
  const hasType = hasTypeColumn(ds, shared);
  const noSource = { opportunities: 0, won: 0 };
  // source text -> its channel's accumulator (null: no channel key): few distinct sources, many deals
  const accOf = new Map<string, Acc | null>();
  for (let di = 0; di < ds.deals.length; di++) {
    const d = ds.deals[di] as Deal;
    if (!isNewBusiness(d, hasType)) continue;
    const created = inWindow(d.created, ctx.window);
    const won = d.status === 'won' && inWindow(d.closed, ctx.window);
    if (!created && !won) continue;
    const src = d.source;
    let a = src === null ? null : accOf.get(src);
    if (a === undefined && src !== null) {
      const key = channelKey(src);
      if (key === '') a = null;
      else {
        a = byKey.get(key);
        if (a === undefined) {
          // named after the first deal that opens it, as before
          a = { name: src.trim(), paid: false, spendCents: 0, leads: null, mqls: null, sqls: null, opportunities: 0, won: 0 };
          byKey.set(key, a);
        }
      }
      accOf.set(src, a);
    }
    if (a === null || a === undefined) {
      if (created) noSource.opportunities += 1;
      if (won) noSource.won += 1;
      continue;
    }
    if (created) a.opportunities += 1;
    if (won) a.won += 1;
  }
  const accs = [...byKey.values()];
  const rows = accs
    .sort((x, y) => Number(y.paid) - Number(x.paid) || (y.paid ? y.spendCents - x.spendCents : y.won - x.won) || compareStrings(x.name, y.name))
    .map(toRow);
  const total: Acc = { name: 'All channels', paid: true, spendCents: 0, leads: null, mqls: null, sqls: null, opportunities: noSource.opportunities, won: noSource.won };
  for (const a of accs) {
    total.spendCents += a.spendCents;
    total.leads = add(total.leads, a.leads);
    total.mqls = add(total.mqls, a.mqls);
    total.sqls = add(total.sqls, a.sqls);
    total.opportunities += a.opportunities;
    total.won += a.won;
  }
  const notes: string[] = [];
  const unpaid = accs.filter((a) => !a.paid && (a.opportunities > 0 || a.won > 0)).map((a) => a.name).sort(compareStrings);
  const dark = accs.filter((a) => a.paid && a.opportunities === 0 && a.won === 0).map((a) => a.name).sort(compareStrings);
  if (unpaid.length > 0) notes.push(`deal sources with no spend row of the same name: ${unpaid.join(', ')} (their cost, if any, sits in another spend channel)`);
  if (dark.length > 0) notes.push(`spend channels no deal names as its source: ${dark.join(', ')} (their leads convert under other source names, or attribution is missing)`);
  if (noSource.opportunities + noSource.won > 0) notes.push(`${noSource.opportunities} opportunities and ${noSource.won} wins carry no source: counted in the total only`);
  notes.push('the total row adds every channel and source; its cost per step divides all marketing spend by all of that step, so it is the blended marketing cost');
  return {
    basis: `period counts in the window: leads, MQLs and SQLs by spend period, opportunities (new-business deals) by created date, wins by close date${hasType ? '' : '; no deal type column, so every deal counts'}`,
    rows,
    total: toRow(total),
    notes,
  };
}

function detail(m: MetricResult | undefined, key: string): number | null {
  const v = m?.details?.[key];
  return typeof v === 'number' ? v : null;
}

/**
 * One win-rate definition (the win_rate metric) and the opportunity-to-win cohort rate as a named
 * variant, with the counts that explain the gap. Null without a win rate.
 */
export function reconcileWinRates(metrics: readonly MetricResult[]): WinRateReconciliation | null {
  const wr = metrics.find((m) => m.id === 'win_rate');
  if (wr === undefined || wr.value === null) return null;
  const won = detail(wr, 'won');
  const lost = detail(wr, 'lost');
  const byValue = detail(wr, 'wonAmount') !== null;
  const primary: WinRateVariant = {
    name: 'Win rate',
    value: wr.value,
    definition: byValue
      ? 'won ÷ decided amount, deals closed in the last twelve months (methodology.winRate "value")'
      : `won ÷ (won + lost) by count, deals closed in the last twelve months${won !== null && lost !== null ? ` (${won} won, ${lost} lost)` : ''}`,
  };
  const variants: WinRateVariant[] = [];
  const otw = metrics.find((m) => m.id === 'opportunity_to_win_rate');
  let explanation = 'The report uses one win-rate definition: deals decided in the window, open deals left out.';
  if (otw !== undefined && otw.value !== null) {
    const created = detail(otw, 'created');
    const cWon = detail(otw, 'won');
    const open = detail(otw, 'stillOpen');
    variants.push({
      name: 'Opportunity-to-win (cohort)',
      value: otw.value,
      definition: 'won ÷ all deals created in the last twelve months, still-open deals counted as not won',
    });
    if (created !== null && cWon !== null && open !== null && created - open > 0) {
      const decided = cWon / (created - open);
      variants.push({ name: 'Cohort win rate, decided deals only', value: decided, definition: 'won ÷ (won + lost) among the deals created in the last twelve months' });
      explanation =
        `Both count the same kind of event; they differ in which deals they look at. Of the ${created} deals created in the window, ${cWon} are won and ${open} are still open: ` +
        `the cohort rate counts the open ones as not won (${(otw.value * 100).toFixed(1)}%), and on the decided ones alone it is ${(decided * 100).toFixed(1)}%, ` +
        `close to the ${(wr.value * 100).toFixed(1)}% win rate. Use the win rate; read the cohort rate as a lower bound that rises as the cohort matures.`;
    }
  }
  return { primary, variants, explanation };
}
