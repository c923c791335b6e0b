/**
 * Spend: one row per period and channel -> a SpendRow, or a reject with its reason.
 *
 * Ad-platform report layouts (see presets.ts and spend-layout.ts):
 * - `Total…` rows ("Total: Account", "Total: Campaigns", "Total: Search", "Total") are not data:
 *   they are left out, counted, and used as a checksum of the rows' sum (mismatch -> warning);
 * - the period comes from the period column (Day / Week / Month / date_day / Start Date), else
 *   from a per-row reporting range (Meta's "Reporting starts" / "Reporting ends"), else from the
 *   preamble's date range. A range within one month dates the row; a range over several months,
 *   or an "All time" report, leaves it undated (SpendRow.undated): kept and counted, never used
 *   where spend per period is needed;
 * - an ad platform's report has no channel column: the preset names the channel;
 * - a wide layout (one spend column per channel) gives one SpendRow per channel and period;
 * - amounts in a currency other than the company's are converted with the config's fxRates (per
 *   currency, or per currency and the row's month), or left out (rejected as foreign_currency)
 *   with a warning naming the currency, rows and amount (ingest/currency.ts, shared with deals);
 * - conversions are never read as leads (a note says how to map them when they are).
 */
import type { DayNumber, SpendCategory, SpendRow } from '../base/model.js';
import type { FxRates, SpendInputConfig } from '../config/schema.js';
import { dayFromYmd, isoFromDay } from '../base/time.js';
import { AMOUNT_EXPECTED, COUNT_EXPECTED, normalizeKey, parseCount, parsePeriod, type AmountAmbiguity } from './cells.js';
import { AmountColumn, type DateValue } from './columns.js';
import { CurrencyTally, baseCurrency, currencyOfCell } from './currency.js';
import type { BuiltTable } from './deals.js';
import { NO_PREAMBLE, preambleNote, sameMonth } from './preamble.js';
import type { SpendLayout } from './spend-layout.js';
import { TableState, expectedSentence, fieldRejecter, openRow, truncate, type TableContext } from './table.js';

type Undated = NonNullable<SpendRow['undated']>;

interface SpendDraft {
  readonly line: number;
  readonly cells: readonly string[];
  readonly period: DateValue;
  readonly periodEnd: DateValue;
  readonly undated: Undated | null;
  readonly channel: string;
  readonly cents: number;
  readonly ambiguity: AmountAmbiguity;
  /** The currency the row states, or null (then it is in the base currency). */
  readonly currency: string | null;
  readonly category: SpendCategory;
  readonly leads: number | null;
  readonly mqls: number | null;
  readonly sqls: number | null;
}

export interface SpendReadOptions {
  /** How the file is laid out (preamble, wide columns, currency in the header). */
  readonly layout?: SpendLayout | undefined;
  /** company.currency when the config sets it. */
  readonly companyCurrency?: string | undefined;
  /** Rates into the company currency (config fxRates: per currency, or per currency and month). */
  readonly fxRates?: FxRates | undefined;
}

interface TotalRow {
  readonly line: number;
  readonly label: string;
  readonly cents: number | null;
  readonly ambiguity: AmountAmbiguity;
}

const NA_CELLS = new Set(['', 'na', 'n/a', 'nan', '-', '--', 'null', 'none']);
/** Totals over every row of the report (the others are per campaign type: "Total: Search", …). */
const OVERALL_TOTALS = new Set(['summaryrow', 'total', 'totals', 'grandtotal', 'totalaccount', 'totalcampaigns', 'totalfilteredcampaigns', 'totalallcampaigns', 'totalaccounts']);

/** "Q4 2024", "2024 Q4", "2024-Q4" (a Quarter segment): the quarter's first day, else null. */
export function quarterStart(raw: string): DayNumber | null {
  const s = raw.trim();
  const m = /^Q([1-4])[\s-]*(\d{4})$/i.exec(s) ?? /^(\d{4})[\s-]*Q([1-4])$/i.exec(s);
  if (!m) return null;
  const [q, y] = /^Q/i.test(s) ? [Number(m[1]), Number(m[2])] : [Number(m[2]), Number(m[1])];
  return dayFromYmd(y, (q - 1) * 3 + 1, 1);
}

/** "Total: Account", "Total", "Totals", "Grand total": a report's summary row, not data. */
export function totalLabel(cells: readonly string[]): string | null {
  for (const c of cells) {
    const t = c.trim();
    if (t === '') continue;
    const first = t.charCodeAt(0) | 0x20; // 't' or 'g', either case: the only rows worth a regex
    return (first === 0x74 || first === 0x67) && /^(?:grand\s+)?totals?(?:\s*:.*)?$/i.test(t) ? t : null;
  }
  return null;
}

export class SpendBuilder {
  readonly state: TableState;
  private readonly drafts: SpendDraft[] = [];
  private readonly amount: AmountColumn;
  private readonly salesChannels: ReadonlySet<string>;
  private readonly layout: SpendLayout | undefined;
  private readonly fixedChannel: string | undefined;
  private readonly companyCurrency: string | undefined;
  private readonly fxRates: FxRates;
  /** Rows per currency the file states, to settle the base currency without company.currency. */
  private readonly currencies = new Map<string, number>();
  private readonly totals: TotalRow[] = [];
  /** Every data row's amount (rejected rows too) by ambiguity, for the totals checksum. */
  private readonly sums: Record<AmountAmbiguity, number> = { none: 0, comma3: 0, dot3: 0 };
  private summed = 0;
  private readonly tally: CurrencyTally;
  private currencyNotes: BuiltTable<SpendRow>['extraWarnings'] = [];
  private readonly rangeEnd: boolean;
  /** Campaign / ad set / ad name columns of an ad platform's report (their rows always have a name). */
  private readonly nameColumns: readonly number[];
  /** The file says which currency its amounts are in (a column, or the amount header). */
  private readonly statesCurrency: boolean;
  private naCells = 0;
  private dashAmounts = 0;
  private usedRows = 0;

  constructor(ctx: TableContext, config: SpendInputConfig | undefined, options: SpendReadOptions = {}) {
    this.state = new TableState(ctx);
    this.layout = options.layout;
    // a wide layout has no amount column: its spend columns are read with one AmountColumn (one convention)
    this.amount = this.state.amountColumn(this.state.has('amount') ? 'amount' : (options.layout?.wide?.[0]?.header ?? 'amount'));
    this.salesChannels = new Set((config?.salesChannels ?? []).map(normalizeKey));
    this.fixedChannel = this.state.has('channel') ? undefined : ctx.mapping.preset.channel;
    this.nameColumns =
      this.fixedChannel === undefined
        ? []
        : ctx.header.flatMap((h, i) => (['campaign', 'campaignname', 'adsetname', 'adname', 'adgroup', 'adgroupname'].includes(normalizeKey(h)) ? [i] : []));
    this.statesCurrency = this.state.has('currency') || !!options.layout?.headerCurrency;
    this.rangeEnd = this.state.has('periodEnd') && /start/.test(normalizeKey(this.state.columnName('period') ?? ''));
    this.companyCurrency = options.companyCurrency;
    this.fxRates = options.fxRates ?? {};
    this.tally = new CurrencyTally(this.fxRates);
  }

  add(row: readonly string[], line: number): void {
    const st = this.state;
    const label = totalLabel(row);
    if (label !== null) return this.addTotal(row, line, label);
    // an ad platform's summary row: every name column blank (Meta's "include summary row")
    if (this.nameColumns.length > 0 && this.nameColumns.every((i) => (row[i] ?? '').trim() === '')) return this.addTotal(row, line, 'Summary row');
    const cells = openRow(st, row, line);
    if (cells === null) return;
    const rejectField = fieldRejecter(st, cells, line);
    const wide = this.layout?.wide ?? null;

    // the amount first, so the totals checksum sees every row
    let amount: { cents: number; ambiguity: AmountAmbiguity } | null = null;
    if (!wide) {
      let raw = st.cell(cells, 'amount');
      if (raw.trim() === '--') {
        // Google Ads writes "--" for a metric with no activity: no spend
        this.dashAmounts += 1;
        raw = '0';
      }
      const a = this.amount.read(raw, line);
      if (a.kind === 'ok') this.addToSum(a.cents, a.ambiguity);
      if (a.kind === 'missing') return rejectField('missing_amount', 'amount', AMOUNT_EXPECTED);
      if (a.kind === 'invalid') return rejectField('invalid_amount', 'amount', AMOUNT_EXPECTED);
      if (a.cents < 0) return rejectField('negative_amount', 'amount', 'a non-negative amount');
      amount = a;
    }

    let period: DateValue = null;
    let periodEnd: DateValue = null;
    let undated: Undated | null = null;
    if (st.has('period')) {
      const periodRaw = st.cell(cells, 'period');
      if (periodRaw.trim() === '') return rejectField('missing_date', 'period', 'a month like 2025-03 or a date');
      const quarter = quarterStart(periodRaw);
      const cell = quarter !== null ? ({ kind: 'day', day: quarter } as const) : parsePeriod(periodRaw.trim().replace(/^week of\s+/i, ''), st.ctx.dateFormat);
      if (cell.kind === 'day') period = cell.day;
      else if (cell.kind === 'pair') {
        const read = st.dateColumn('period').read(periodRaw.trim().replace(/^week of\s+/i, ''), line);
        if (!read.ok) return rejectField('invalid_date', 'period', 'a month like 2025-03 or a date');
        period = read.value;
      } else return rejectField('invalid_date', 'period', 'a month like 2025-03 or a date');
      // a per-row reporting range ("Reporting starts" / "Reporting ends"), unless a day column dates the row
      if (this.rangeEnd) {
        const read = st.dateColumn('periodEnd').read(st.cell(cells, 'periodEnd'), line);
        if (!read.ok) return rejectField('invalid_date', 'periodEnd', 'the last day of the reporting range, like 2025-03-31');
        periodEnd = read.value;
      }
    } else {
      const range = this.layout?.preamble.range ?? null;
      if (range === null) return rejectField('missing_date', 'period', 'a month like 2025-03 or a date');
      if (range.kind === 'all_time') undated = 'all_time';
      else if (sameMonth(range.from, range.to)) period = range.from;
      else {
        period = range.from;
        undated = { from: range.from, to: range.to };
      }
    }

    if (wide) return this.addWide(cells, line, period, periodEnd, undated);

    let channel = this.fixedChannel ?? st.cell(cells, 'channel').trim();
    if (channel === '') return rejectField('missing_value', 'channel', 'a channel name such as "Paid Search"');
    channel = channel.trim();

    const currency = this.currencyOf(cells);

    const counts: (number | null)[] = [];
    for (const field of ['leads', 'mqls', 'sqls'] as const) {
      if (!st.has(field)) {
        counts.push(null);
        continue;
      }
      const c = parseCount(st.cell(cells, field));
      if (c.kind === 'invalid') return rejectField('invalid_value', field, COUNT_EXPECTED);
      counts.push(c.kind === 'ok' ? c.value : null);
    }
    this.usedRows += 1;
    this.drafts.push({
      line,
      cells,
      period,
      periodEnd,
      undated,
      channel,
      cents: (amount as { cents: number }).cents,
      ambiguity: (amount as { ambiguity: AmountAmbiguity }).ambiguity,
      currency,
      category: this.categorize(st.cell(cells, 'category'), channel),
      leads: counts[0] ?? null,
      mqls: counts[1] ?? null,
      sqls: counts[2] ?? null,
    });
  }

  /** One spend row per channel column that holds an amount; "na" and blank cells are no data. */
  private addWide(cells: readonly string[], line: number, period: DateValue, periodEnd: DateValue, undated: Undated | null): void {
    const st = this.state;
    const parsed: { channel: string; cents: number; ambiguity: AmountAmbiguity }[] = [];
    for (const col of this.layout?.wide ?? []) {
      const raw = cells[col.index] ?? '';
      if (NA_CELLS.has(raw.trim().toLowerCase())) {
        this.naCells += 1;
        continue;
      }
      const a = this.amount.read(raw, line);
      const bad = a.kind !== 'ok' ? 'invalid_amount' : a.cents < 0 ? 'negative_amount' : null;
      if (bad !== null || a.kind !== 'ok') {
        st.record({
          line,
          column: col.header,
          columnIndex: col.index + 1,
          value: raw,
          code: bad ?? 'invalid_amount',
          reason: expectedSentence(col.header, bad === 'negative_amount' ? 'a non-negative amount' : `${AMOUNT_EXPECTED} (or "na" for no data)`, raw),
          cells,
        });
        return;
      }
      this.addToSum(a.cents, a.ambiguity);
      parsed.push({ channel: col.channel, cents: a.cents, ambiguity: a.ambiguity });
    }
    if (parsed.length === 0) {
      st.reject(cells, line, 'missing_amount', null, `no amount in any spend column (${(this.layout?.wide ?? []).map((c) => c.header).join(', ')}); expected ${AMOUNT_EXPECTED}`);
      return;
    }
    this.usedRows += 1;
    for (const p of parsed) {
      this.drafts.push({
        line, cells, period, periodEnd, undated, channel: p.channel, cents: p.cents, ambiguity: p.ambiguity, currency: null,
        category: this.categorize('', p.channel), leads: null, mqls: null, sqls: null,
      });
    }
  }

  /** The currency the row states (its currency column, else the amount header's), or null. */
  private currencyOf(cells: readonly string[]): string | null {
    if (!this.statesCurrency) return null;
    const c = currencyOfCell((this.state.has('currency') ? this.state.cell(cells, 'currency') : '') || this.layout?.headerCurrency);
    if (c !== null) this.currencies.set(c, (this.currencies.get(c) ?? 0) + 1);
    return c;
  }

  private addToSum(cents: number, ambiguity: AmountAmbiguity): void {
    this.sums[ambiguity] += cents;
    this.summed += 1;
  }

  private addTotal(row: readonly string[], line: number, label: string): void {
    const wide = this.layout?.wide ?? null;
    let cents: number | null = null;
    let ambiguity: AmountAmbiguity = 'none';
    const cols = wide ? wide.map((w) => w.index) : this.state.ctx.mapping.index.amount !== undefined ? [this.state.ctx.mapping.index.amount] : [];
    for (const i of cols) {
      const a = this.amount.read(row[i] ?? '', line);
      if (a.kind !== 'ok') continue;
      cents = (cents ?? 0) + a.cents;
      if (a.ambiguity !== 'none') ambiguity = a.ambiguity;
    }
    this.totals.push({ line, label, cents, ambiguity });
  }

  private categorize(raw: string, channel: string): SpendCategory {
    if (this.salesChannels.has(normalizeKey(channel))) return 'sales';
    const c = normalizeKey(raw);
    if (c === '' || c.includes('market') || c === 'mktg' || c === 'media' || c === 'ads' || c === 'advertising') return 'marketing';
    if (c.includes('sales') || c === 'sdr' || c === 'bdr' || c === 'commission' || c === 'commissions') return 'sales';
    return 'other';
  }

  finish(): BuiltTable<SpendRow> {
    const st = this.state;
    const { orders, problems, fileOrder } = st.settleDateOrders();
    const records: SpendRow[] = [];
    if (problems.length > 0) return { records, state: st, problems, dateOrder: fileOrder, extraWarnings: [] };
    const failedLines = new Set<number>();
    const { base, note } = baseCurrency(this.companyCurrency, this.currencies, 'spend rows');
    for (const d of this.drafts) {
      if (failedLines.has(d.line)) continue;
      let periodStart: DayNumber = 0;
      let undated = d.undated;
      if (undated !== 'all_time') {
        const period = st.settle(d.period, 'period', orders);
        if (period === undefined || period === null) {
          failedLines.add(d.line);
          st.reject(d.cells, d.line, 'invalid_date', 'period', expectedSentence(st.columnName('period'), `a real date in ${orders.get('period')} order`, st.cell(d.cells, 'period')));
          continue;
        }
        periodStart = period;
        if (d.periodEnd !== null) {
          const end = st.settle(d.periodEnd, 'periodEnd', orders);
          if (end === undefined || (end !== null && end < period)) {
            failedLines.add(d.line);
            st.reject(d.cells, d.line, 'invalid_date', 'periodEnd', expectedSentence(st.columnName('periodEnd'), `a real date on or after ${isoFromDay(period)}`, st.cell(d.cells, 'periodEnd')));
            continue;
          }
          if (end !== null && !sameMonth(period, end)) undated = { from: period, to: end };
        }
      }
      const cents = this.amount.settle(d.cents, d.ambiguity);
      let rate = 1;
      if (d.currency !== null && base !== null && d.currency !== base) {
        const r = this.tally.rate(d.currency, undated === null ? periodStart : null);
        if (r === null) {
          this.tally.leftOut(d.currency, cents, d.line);
          failedLines.add(d.line);
          const field = st.has('currency') ? 'currency' : 'amount';
          st.reject(
            d.cells,
            d.line,
            'foreign_currency',
            field,
            `amount is in ${truncate(d.currency, 12)}, not ${base}${this.companyCurrency ? ' (company.currency)' : ' (the currency of most rows)'}, and fxRates has no rate for ${truncate(d.currency, 12)}${undated === null ? ` in ${isoFromDay(periodStart).slice(0, 7)}` : ''}; left out rather than summed with ${base}`,
          );
          continue;
        }
        rate = r;
      }
      records.push({
        line: d.line,
        periodStart,
        channel: d.channel,
        amountCents: Math.round(cents * rate),
        category: d.category,
        leads: d.leads,
        mqls: d.mqls,
        sqls: d.sqls,
        ...(undated !== null ? { undated } : {}),
      });
    }
    // rows dropped while settling dates and currencies were counted as used
    const wideLinesDropped = failedLines.size;
    this.currencyNotes = [
      ...(note ? [note] : []),
      ...(base === null ? [] : this.tally.notes(base, 'spend row(s)', 'left out of the spend (rejected as foreign_currency), never summed with the rest')),
    ];
    const extra: BuiltTable<SpendRow>['extraWarnings'] = [];
    if (this.amount.isDecimalComma) {
      extra.push({ code: 'decimal_comma', message: `amounts in "${this.amount.header}" use a decimal comma (first seen on line ${this.amount.evidenceLine}); "1.250" is read as 1250` });
    }
    extra.push(...this.layoutWarnings(records));
    extra.push(...this.totalsWarnings());
    extra.push(...this.currencyNotes);
    return {
      records,
      state: st,
      problems,
      dateOrder: fileOrder,
      extraWarnings: extra,
      usedRows: this.usedRows - wideLinesDropped,
      // the currency the amounts were settled in: the report receives it (a spend-only folder in EUR prints EUR)
      ...(base !== null && /^[A-Z]{3}$/.test(base) ? { currency: base } : {}),
    };
  }

  private layoutWarnings(records: readonly SpendRow[]): BuiltTable<SpendRow>['extraWarnings'] {
    const out: BuiltTable<SpendRow>['extraWarnings'] = [];
    const st = this.state;
    const layout = this.layout;
    const preamble = layout?.preamble ?? NO_PREAMBLE;
    const parts: string[] = [];
    if (preamble.skip > 0 && preamble.lines.length > 0) parts.push(preambleNote(preamble));
    if (!st.has('period') && preamble.range?.kind === 'range' && sameMonth(preamble.range.from, preamble.range.to)) {
      parts.push(`every row is dated ${isoFromDay(preamble.range.from).slice(0, 7)} from the report's date range "${truncate(preamble.range.text, 60)}" (line ${preamble.range.line})`);
    }
    if (this.dashAmounts > 0) parts.push(`${this.dashAmounts} row(s) with "--" as the amount (no activity) read as 0`);
    if (this.fixedChannel !== undefined) parts.push(`the export has no channel column: every row is "${this.fixedChannel}" spend`);
    if (layout?.wide) {
      const used = new Set(layout.wide.map((w) => w.index));
      const mapped = new Set(Object.values(st.ctx.mapping.index));
      const ignored = st.ctx.header.filter((_, i) => !used.has(i) && !mapped.has(i));
      parts.push(
        `wide layout: one spend row per channel from ${layout.wide.map((w) => `"${truncate(w.header, 30)}"`).join(', ')}` +
          (ignored.length > 0 ? `; other columns are not spend and were not read (${ignored.slice(0, 8).map((h) => `"${truncate(h, 30)}"`).join(', ')}${ignored.length > 8 ? ', …' : ''})` : '') +
          (this.naCells > 0 ? `; ${this.naCells} "na" or blank spend cell(s) read as no data` : ''),
      );
    }
    if (parts.length > 0) out.push({ code: 'report_layout', message: `${parts.join('; ')}.` });

    const undated = records.filter((r) => r.undated !== undefined);
    if (undated.length > 0) {
      const cents = undated.reduce((n, r) => n + r.amountCents, 0);
      const first = undated[0]?.undated;
      const what =
        first === 'all_time'
          ? `the report covers "All time"${preamble.range ? ` (line ${preamble.range.line})` : ''}, with no dates`
          : `their reporting range spans several months (e.g. ${first ? `${isoFromDay(first.from)} to ${isoFromDay(first.to)}` : ''})`;
      out.push({
        code: 'undated_spend',
        message:
          `${undated.length} row(s) (${(cents / 100).toFixed(2)} in total) have no period of their own: ${what}. ` +
          'They are kept as undated spend and not used by any metric that needs spend per period (CAC, CAC payback, pipeline per marketing dollar, spend trends), which report n/a without dated spend; ' +
          'export the report segmented by month (or day) to use it.',
        count: undated.length,
      });
    }
    if (st.has('conversions') && !st.has('leads')) {
      const col = st.columnName('conversions');
      out.push({
        code: 'conversions_not_leads',
        message: `column "${col}" is not read as leads (an ad platform's conversion may be a purchase, a sign-up or a page view); if it counts leads, set inputs.spend.columns.leads to "${col}" in revhealth.config.json`,
      });
    }
    return out;
  }

  private totalsWarnings(): BuiltTable<SpendRow>['extraWarnings'] {
    if (this.totals.length === 0) return [];
    const settle = (cents: number, ambiguity: AmountAmbiguity): number => this.amount.settle(cents, ambiguity);
    const rowsCents = this.sums.none + settle(this.sums.comma3, 'comma3') + settle(this.sums.dot3, 'dot3');
    const tolerance = Math.max(1, this.summed); // a displayed cent of rounding per row
    const close = (c: number): boolean => Math.abs(c - rowsCents) <= tolerance;
    const withAmount = this.totals.filter((t) => t.cents !== null).map((t) => ({ ...t, cents: settle(t.cents as number, t.ambiguity) }));
    const overall = withAmount.filter((t) => OVERALL_TOTALS.has(normalizeKey(t.label)));
    const parts = withAmount.filter((t) => !OVERALL_TOTALS.has(normalizeKey(t.label)));
    const partsCents = parts.reduce((n, t) => n + t.cents, 0);
    const money = (c: number): string => (c / 100).toFixed(2);
    const labels = this.totals.slice(0, 4).map((t) => `"${truncate(t.label, 40)}" (line ${t.line})`).join(', ') + (this.totals.length > 4 ? ', …' : '');
    const excluded = `${this.totals.length} total row(s) left out of the data: ${labels}`;
    if (withAmount.length === 0) {
      return [{ code: 'report_totals', message: `${excluded}; they hold no amount to check the rows against.`, count: this.totals.length }];
    }
    const matched = overall.find((t) => close(t.cents)) ?? (parts.length > 0 && close(partsCents) ? { label: parts.map((p) => p.label).join(' + '), cents: partsCents } : null);
    if (matched) {
      return [{ code: 'report_totals', message: `${excluded}; the rows sum to ${money(rowsCents)}, as "${truncate(matched.label, 80)}" says.`, count: this.totals.length }];
    }
    const shown = (overall.length > 0 ? overall : parts).slice(0, 3).map((t) => `"${truncate(t.label, 40)}" says ${money(t.cents)}`);
    if (overall.length === 0 && parts.length > 1) shown.push(`together ${money(partsCents)}`);
    return [{
      code: 'totals_mismatch',
      message: `${excluded}; the rows sum to ${money(rowsCents)} but ${shown.join(', ')}: some rows may be missing from the export (filtered or removed campaigns), or the file was edited. Check the export before trusting the spend totals.`,
      count: this.totals.length,
    }];
  }
}
