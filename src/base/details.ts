/**
 * Tables inside a metric's `details`. The audit JSON keeps details flat (schema 1.x:
 * `{ "Paid Search.spend": 1200, "Paid Search.won": 3, "Paid Search.cac": 400, ... }`); this
 * module is the one place that writes that layout and reads it back as typed rows, so the metric,
 * the patterns and the renderers cannot each decode the string keys their own way.
 */

/** One channel of cac_by_channel. */
export interface ChannelCacRow {
  /** The spend channel's name as the spend file writes it. */
  readonly channel: string;
  /** Marketing spend of the channel in the window (currency units). */
  readonly spend: number;
  /** Won new deals whose source matches the channel. */
  readonly won: number;
  /** spend ÷ won; null when the channel won no new customer. */
  readonly cac: number | null;
}

export type Details = Readonly<Record<string, number | string | null>>;

const SUFFIX = { spend: '.spend', won: '.won', cac: '.cac' } as const;

/** cac_by_channel's per-channel keys, in the order of `rows`. */
export function channelCacDetails(rows: readonly ChannelCacRow[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const r of rows) {
    out[`${r.channel}${SUFFIX.spend}`] = r.spend;
    out[`${r.channel}${SUFFIX.won}`] = r.won;
    out[`${r.channel}${SUFFIX.cac}`] = r.cac;
  }
  return out;
}

const finite = (x: number | string | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

/**
 * cac_by_channel's rows, in the order the metric wrote them (by channel name). A channel whose
 * spend or won count is not a number (a hand-edited baseline) is left out; a cac that is not a
 * number reads as null.
 */
export function channelCacRows(details: Details | null | undefined): ChannelCacRow[] {
  if (details === null || details === undefined) return [];
  const rows: ChannelCacRow[] = [];
  for (const key of Object.keys(details)) {
    if (!key.endsWith(SUFFIX.spend)) continue;
    const channel = key.slice(0, -SUFFIX.spend.length);
    const spend = details[key];
    const won = details[`${channel}${SUFFIX.won}`];
    const cac = details[`${channel}${SUFFIX.cac}`];
    if (!finite(spend) || !finite(won)) continue;
    rows.push({ channel, spend, won, cac: finite(cac) ? cac : null });
  }
  return rows;
}
