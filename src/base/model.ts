/**
 * The typed records every stage after ingest works on.
 *
 * Conventions (see docs/conventions.md):
 * - dates are whole UTC day numbers (days since 1970-01-01), time of day dropped;
 * - money is integer cents of the company currency (amountCents), summed as integers;
 * - ratios are fractions 0..1, never percentages;
 * - a missing optional value is null, never 0 or "".
 */

/** Days since 1970-01-01 (UTC). */
export type DayNumber = number;

export type InputKind = 'deals' | 'spend' | 'renewals' | 'subscriptions' | 'accounts';
export const INPUT_KINDS: readonly InputKind[] = ['deals', 'spend', 'renewals', 'subscriptions', 'accounts'];
/** The inputs added after the first three: optional in a Dataset (absent = not given, no records). */
export type ExtraInputKind = 'subscriptions' | 'accounts';

export type DealStatus = 'won' | 'lost' | 'open';
export type DealType = 'new' | 'expansion' | 'renewal';
export type SpendCategory = 'marketing' | 'sales' | 'other';

export interface Deal {
  /** Physical line in the source file where the record starts (header is line 1). */
  readonly line: number;
  /** The CRM id, or null when the export has no id column. */
  readonly id: string | null;
  readonly name: string | null;
  readonly amountCents: number;
  /**
   * True when the amount is not known in the company currency (blank in the file, or in a currency
   * without a rate): amountCents is then 0, count-based metrics use the deal and value metrics
   * leave it out. Absent = false.
   */
  readonly amountMissing?: boolean;
  readonly stage: string;
  readonly status: DealStatus;
  readonly created: DayNumber | null;
  /** Actual close date for won/lost deals, expected close date for open ones. */
  readonly closed: DayNumber | null;
  readonly owner: string | null;
  readonly pipeline: string | null;
  readonly source: string | null;
  readonly segment: string | null;
  readonly type: DealType | null;
  readonly account: string | null;
  /** 0..1 */
  readonly probability: number | null;
  readonly forecastCategory: string | null;
  readonly lostReason: string | null;
  readonly currency: string | null;
}

/**
 * A deal with some fields changed. Always use this to derive a deal, never `{ ...d }`: the deals
 * the reader returns are views over columns (ingest/deal-columns.ts) whose fields are getters, and
 * a spread of a view copies nothing. Every field is copied, in the reader's order.
 */
export function withDeal(d: Deal, patch: { -readonly [K in keyof Deal]?: Deal[K] }): Deal {
  const view = d as Deal & { toJSON?: () => Deal };
  return { ...(typeof view.toJSON === 'function' ? view.toJSON() : d), ...patch };
}

export interface SpendRow {
  readonly line: number;
  /** First day of the period (a month like 2025-03 becomes 2025-03-01). */
  readonly periodStart: DayNumber;
  readonly channel: string;
  readonly amountCents: number;
  readonly category: SpendCategory;
  readonly leads: number | null;
  readonly mqls: number | null;
  readonly sqls: number | null;
  /**
   * Set when the row has no period of its own: the range its report covers when that spans more
   * than one month, or 'all_time' for an "All time" report. Such rows are kept in
   * Dataset.undatedSpend, never in Dataset.spend, so no metric that needs spend per period can
   * use them; periodStart is then the range's first day (0 for 'all_time') and means nothing alone.
   */
  readonly undated?: { readonly from: DayNumber; readonly to: DayNumber } | 'all_time';
}

export interface Renewal {
  readonly line: number;
  readonly account: string;
  readonly renewalDate: DayNumber;
  readonly arrBeforeCents: number;
  readonly arrAfterCents: number;
  readonly status: string | null;
  readonly segment: string | null;
  readonly startDate: DayNumber | null;
  /** Why the account churned or contracted (a reason column); absent or null when not given. */
  readonly reason?: string | null;
}

/**
 * One subscription (or one period of it): what an account pays every month from `start` until
 * `end`. Money is kept as annual recurring value in integer cents (ARR = MRR × 12), so a file that
 * gives ARR and a file that gives MRR are both exact; MRR is ARR ÷ 12 at display.
 */
export interface Subscription {
  readonly line: number;
  readonly id: string | null;
  readonly account: string;
  /** First day the subscription is active. */
  readonly start: DayNumber;
  /** First day it is no longer active (the end date is exclusive); null = still active. */
  readonly end: DayNumber | null;
  /** Annual recurring value in integer cents (MRR × 12). */
  readonly arrCents: number;
  readonly plan: string | null;
  readonly segment: string | null;
  readonly status: string | null;
  /** A trial (trial flag, or a status like "trialing"): excluded from MRR and counted. */
  readonly trial: boolean;
}

/** One account of the market: a row of the accounts file (CRM companies export, target-account list). */
export interface Account {
  readonly line: number;
  readonly account: string;
  /** A separate account id column (CRM record id), also matched against deals and subscriptions; null without one. */
  readonly id: string | null;
  readonly segment: string | null;
  readonly industry: string | null;
  readonly region: string | null;
  /** The is_target flag; null when the file has no such column (every account is then a target). */
  readonly isTarget: boolean | null;
}

/** Why a row was not used. Codes are public API (JSON, --rejects CSV). */
export type RejectCode =
  | 'invalid_amount'
  | 'missing_amount'
  | 'negative_amount'
  | 'invalid_date'
  | 'missing_date'
  | 'unmapped_stage'
  | 'missing_stage'
  | 'duplicate_id'
  | 'missing_value'
  | 'invalid_value'
  | 'wrong_column_count'
  | 'foreign_currency';

export interface RejectedRow {
  readonly line: number;
  /** Header name of the offending column as it appears in the file, or null for whole-row problems. */
  readonly column: string | null;
  /** 1-based position of that column in the header. */
  readonly columnIndex: number | null;
  /** The raw cell (truncated for display by the shell). */
  readonly value: string | null;
  readonly code: RejectCode;
  /** A human sentence: what was found and what was expected. */
  readonly reason: string;
  /** The raw cells of the row, for --rejects. */
  readonly cells: readonly string[];
}

export type WarningCode =
  | 'no_id_column'
  | 'duplicate_id'
  | 'unmapped_stage'
  | 'open_without_close_date'
  | 'close_before_create'
  | 'multiple_currencies'
  | 'unknown_type'
  | 'date_order_from_other_column'
  | 'decimal_comma'
  | 'probability_percent_scale'
  | 'missing_optional_column'
  | 'past_due_open'
  | 'encoding'
  | 'blank_rows'
  | 'ragged_rows'
  | 'amount_missing_kept'
  | 'arr_mrr_mismatch'
  | 'concurrent_subscriptions'
  | 'names_joined'
  | 'unplaced_pipeline'
  | 'amount_missing_won'
  | 'currency_converted'
  | 'currency_assumed'
  | 'currency_without_rate'
  | 'currency_mixed'
  | 'duplicate_header'
  | 'amount_minor_units'
  | 'report_layout'
  | 'report_totals'
  | 'totals_mismatch'
  | 'undated_spend'
  | 'conversions_not_leads'
  | 'repeated_header'
  | 'amount_convention'
  | 'won_zero_amount'
  | 'report_footer'
  | 'concurrent_subscriptions';

export interface IngestWarning {
  readonly code: WarningCode;
  readonly message: string;
  /** How many rows it concerns, when it concerns rows. */
  readonly count?: number;
  /** Up to a handful of example lines. */
  readonly lines?: readonly number[];
}

export interface FileReport {
  readonly kind: InputKind;
  readonly path: string;
  /** Export flavour detected from the header row, e.g. "hubspot". */
  readonly preset: string;
  readonly delimiter: string;
  readonly header: readonly string[];
  /** canonical field -> header name used */
  readonly mapping: Readonly<Record<string, string>>;
  readonly rows: { readonly read: number; readonly used: number; readonly rejected: number };
  /** reject code -> count, sorted by code */
  readonly rejectedByReason: Readonly<Record<string, number>>;
  readonly rejects: readonly RejectedRow[];
  readonly warnings: readonly IngestWarning[];
  /** The currency the file's amounts are in when it states one (settled by its reader); absent otherwise. */
  readonly currency?: string;
  /** Earliest and latest date seen in the used rows (ISO), or null. */
  readonly dateRange: { readonly min: string; readonly max: string } | null;
  /** Date order used for slash dates: 'MDY', 'DMY', or null when the file had none. */
  readonly dateOrder: 'MDY' | 'DMY' | 'YMD' | null;
}

export interface Dataset {
  readonly deals: readonly Deal[];
  readonly spend: readonly SpendRow[];
  /** Spend rows without a period of their own (SpendRow.undated); absent when there are none. */
  readonly undatedSpend?: readonly SpendRow[];
  readonly renewals: readonly Renewal[];
  /** Subscriptions (--subscriptions); absent when not given. */
  readonly subscriptions?: readonly Subscription[];
  /** Accounts (--accounts); absent when not given. */
  readonly accounts?: readonly Account[];
  /** One per input given, in the order deals, spend, renewals, subscriptions, accounts. */
  readonly files: readonly FileReport[];
  /** The currency the deals file states (its only or most frequent one) when company.currency is not set; absent otherwise. */
  readonly statedCurrency?: string;
  /**
   * Without company.currency, deals and spend each stated in their own currency: each was summed in
   * it, so no metric may combine them (they are n/a until fxRates and company.currency are set).
   */
  readonly mixedCurrencies?: { readonly deals: string; readonly spend: string };
  /** Which inputs were supplied at all (the extra inputs' keys may be missing: not supplied). */
  readonly present: Readonly<Record<Exclude<InputKind, ExtraInputKind>, boolean>> & Readonly<Partial<Record<ExtraInputKind, boolean>>>;
}

/**
 * Rejected rows kept in memory per reason (the counts are always complete): a file of a million
 * bad lines must not hold a million rows. Every row still reaches the reject sink (--rejects).
 */
export const REJECT_EXAMPLES_PER_REASON = 1000;

/** Totals over all files: what the report header states ("4,812 rows read: 4,790 used, 22 rejected"). */
export function rowAccounting(files: readonly FileReport[]): { read: number; used: number; rejected: number } {
  let read = 0;
  let used = 0;
  let rejected = 0;
  for (const f of files) {
    read += f.rows.read;
    used += f.rows.used;
    rejected += f.rows.rejected;
  }
  return { read, used, rejected };
}

/** Why a metric reading deals and spend stated in two currencies is n/a: "deals in EUR, spend in USD: set fxRates". */
export function mixedCurrencyReason(m: NonNullable<Dataset['mixedCurrencies']>): string {
  return `deals in ${m.deals}, spend in ${m.spend}: set fxRates`;
}
