/**
 * How a spend file is laid out, decided from its header row and its preamble before the rows are
 * read. Pure.
 *
 * - currency in the amount header: "Amount spent (USD)" is compared with the aliases as
 *   "Amount spent", and USD becomes the currency of every row that has no currency column;
 * - wide layout: one row per period and one spend column per channel (`tv_S, search_S` as in
 *   Meta's Robyn samples, `spend_tv`, `tv_spend`) when the file has no channel and no single
 *   amount column; the rows are unpivoted into one spend row per channel;
 * - a period stated by the preamble ("November 1, 2024 - November 30, 2024", "All time") stands
 *   in for a missing period column.
 */
import { normalizeKey } from './cells.js';
import { resolveHeader, type HeaderResult } from './header.js';
import type { Preamble } from './preamble.js';

export interface WideColumn {
  readonly index: number;
  readonly header: string;
  readonly channel: string;
}

export interface SpendLayout {
  /** The header as compared with the aliases (currency suffixes taken off). */
  readonly header: readonly string[];
  /** The currency an amount header states ("Amount spent (USD)" -> USD), or null. */
  readonly headerCurrency: string | null;
  readonly preamble: Preamble;
  /** Spend columns of a wide layout, or null for one row per period and channel. */
  readonly wide: readonly WideColumn[] | null;
  /** Preset to use instead of detecting one ('wide' for a wide layout). */
  readonly forcedPreset: string | undefined;
  /** Required fields this layout supplies another way. */
  readonly notRequired: readonly string[];
  /** The config's column overrides as compared with `header` (currency suffixes taken off too). */
  readonly columns: Readonly<Record<string, string>>;
}

const CURRENCY_SUFFIX = /^(.*\S)\s*\(([A-Z]{3})\)$/;
const CHANNEL_HEADERS = new Set(['channel', 'source', 'platform', 'campaignchannel', 'medium']);
const AMOUNT_HEADERS = new Set(['amount', 'spend', 'cost', 'spendamount', 'amountspent', 'totalspent']);

/** "tv_S" (Robyn's spend suffix), "spend_tv", "tv_spend", "TV Spend". */
export function wideChannel(header: string): string | null {
  const h = header.trim();
  let m = /^(.+?)_S$/.exec(h);
  if (m) return m[1] as string;
  m = /^spend[_\s-]+(.+)$/i.exec(h);
  if (m) return m[1] as string;
  m = /^(.+?)[_\s-]+spend$/i.exec(h);
  if (m && !/^(total|ad|media|marketing)$/i.test(m[1] as string)) return m[1] as string;
  return null;
}

export function spendLayout(
  rawHeader: readonly string[],
  preamble: Preamble,
  overrides: Readonly<Record<string, string>> = {},
  forcedPreset?: string,
): SpendLayout {
  let headerCurrency: string | null = null;
  const header = rawHeader.map((h) => {
    const m = CURRENCY_SUFFIX.exec(h.trim());
    if (!m) return h;
    const base = m[1] as string;
    if (AMOUNT_HEADERS.has(normalizeKey(base)) || /spent|spend|cost|amount/i.test(base)) headerCurrency ??= m[2] as string;
    return base;
  });
  const normalized = header.map(normalizeKey);
  const notRequired: string[] = [];
  if (preamble.range !== null) notRequired.push('period');

  let wide: WideColumn[] | null = null;
  const longLayout =
    forcedPreset !== undefined && forcedPreset !== 'wide'
      ? true
      : 'channel' in overrides || 'amount' in overrides || normalized.some((h) => CHANNEL_HEADERS.has(h) || AMOUNT_HEADERS.has(h));
  if (!longLayout) {
    const cols: WideColumn[] = [];
    header.forEach((h, index) => {
      const channel = wideChannel(h);
      if (channel !== null && channel.trim() !== '') cols.push({ index, header: rawHeader[index] as string, channel: channel.trim() });
    });
    if (cols.length > 0) wide = cols;
  }
  if (wide) notRequired.push('channel', 'amount');
  const columns = Object.fromEntries(Object.entries(overrides).map(([f, h]) => [f, CURRENCY_SUFFIX.exec(h.trim())?.[1] ?? h]));
  return {
    header,
    columns,
    headerCurrency,
    preamble,
    wide,
    forcedPreset: wide ? 'wide' : forcedPreset,
    notRequired,
  };
}

/** The header text of each mapped field as written in the file (before currency suffixes were taken off). */
export function originalNames(index: Readonly<Record<string, number>>, rawHeader: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(index).map(([field, i]) => [field, rawHeader[i] as string]));
}

/**
 * A spend file's header resolved the way its layout asks (currency suffixes, wide columns, a
 * period from the preamble), with the mapping naming the headers as written in the file.
 */
export function resolveSpendHeader(
  rawHeader: readonly string[],
  preamble: Preamble,
  overrides: Readonly<Record<string, string>> = {},
  forcedPreset?: string,
): { readonly result: HeaderResult; readonly layout: SpendLayout } {
  const layout = spendLayout(rawHeader, preamble, overrides, forcedPreset);
  const result = resolveHeader('spend', layout.header, layout.columns, layout.forcedPreset, layout.notRequired);
  if (!result.ok) return { result, layout };
  return { result: { ok: true, mapping: { ...result.mapping, names: originalNames(result.mapping.index, rawHeader) } }, layout };
}
