/**
 * `--by owner|segment|source|pipeline` as rows every renderer prints (terminal, Markdown, HTML,
 * and `revhealth metrics`): one row per group with the breakdown metrics formatted, the closed
 * deals behind them, and a mark on groups too small to read with confidence. Format, never compute.
 */
import type { AuditReport, BreakdownGroup } from '../audit/contract.js';
import { formatInt, formatValue } from '../base/format.js';

/** Short column labels for the breakdown metrics; any other id falls back to its title. */
const SHORT: Readonly<Record<string, string>> = {
  bookings: 'Bookings',
  win_rate: 'Win rate',
  avg_deal_size: 'Avg deal',
  sales_cycle_days: 'Cycle',
};

export const SMALL_GROUP_NOTE = 'fewer than 10 closed deals in the window: read with care';

/** Column heading for each --by dimension. */
export const DIMENSION_LABELS: Readonly<Record<string, string>> = {
  owner: 'Owner',
  segment: 'Segment',
  source: 'Source',
  pipeline: 'Pipeline',
};

export interface BreakdownTable {
  readonly dimension: string;
  /** Column labels for the metric values, in the groups' metric order. */
  readonly columns: readonly string[];
  readonly rows: readonly { readonly group: string; readonly isSmall: boolean; readonly values: readonly string[]; readonly closed: string }[];
  readonly anySmall: boolean;
}

export function breakdownTables(breakdowns: Readonly<Record<string, readonly BreakdownGroup[]>>, currency: string): BreakdownTable[] {
  const out: BreakdownTable[] = [];
  for (const [dimension, groups] of Object.entries(breakdowns)) {
    const first = groups[0]?.metrics ?? [];
    out.push({
      dimension,
      columns: first.map((m) => SHORT[m.id] ?? m.title),
      rows: groups.map((g) => ({
        group: g.group,
        isSmall: g.isSmall,
        values: g.metrics.map((m) => formatValue(m.value, m.unit, currency)),
        closed: formatInt(g.closedDeals),
      })),
      anySmall: groups.some((g) => g.isSmall),
    });
  }
  return out;
}

/** The report's breakdowns (absent without --by). */
export function reportBreakdowns(r: Pick<AuditReport, 'breakdowns' | 'company'>): BreakdownTable[] {
  return breakdownTables(r.breakdowns ?? {}, r.company.currency);
}

/** Cuts a text to `width` characters (code points), ending in "…" when cut. */
export function ellipsize(s: string, width: number): string {
  const cps = [...s];
  return cps.length <= width ? s : `${cps.slice(0, Math.max(0, width - 1)).join('')}…`;
}
