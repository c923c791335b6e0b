/**
 * Methodology settings (config key `methodology`): the definitional choices where published
 * sources disagree (BENCHMARKS.md §2.2 "Where definitions differ"). Every key is optional; the
 * defaults are the definitions revhealth has always used, so a config without `methodology`
 * computes exactly what it did before.
 *
 * Each affected metric records the setting it used in its `notes` as a line starting with
 * `methodology.` (see `methodologyNote`), which every report shows next to the number.
 * `METHODOLOGY_SETTINGS` below is the documentation: key, choices, default, and the metrics each
 * setting changes (tests check that a switch changes those metrics and only those).
 */
import { z } from 'zod';
import { lazy } from '../base/lazy.js';

export const WIN_RATE_BASES = ['count', 'value'] as const;
export const CAC_BASES = ['blended', 'paid', 'new_logo'] as const;
export const PAYBACK_BASES = ['per_customer', 'aggregate'] as const;
export const PAYBACK_SPEND_PERIODS = ['same_period', 'prior_period'] as const;
export const LTV_CHURN_BASES = ['revenue', 'logo'] as const;
export const MAGIC_NUMBER_BASES = ['arr', 'revenue'] as const;
export const NRR_WINDOWS = ['renewals', 'trailing_12m_cohort'] as const;
export const FORECAST_ACCURACY_BASES = ['actual', 'forecast'] as const;

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `expected one of ${values.map((v) => `"${v}"`).join(', ')}` });

/** Built on first use (no zod schema is built at import: start-up). */
export const methodologySchema = lazy(() =>
  z.strictObject({
    /** Win rate by number of deals (count) or by amount (value). */
    winRate: choice(WIN_RATE_BASES).optional(),
    /** Count stale open deals (past their close date or older than 2× the median cycle) as lost in win rates. */
    staleDealsAsLost: z.boolean({ error: 'expected true or false' }).optional(),
    /** CAC: all S&M ÷ new customers (blended), paid-channel spend ÷ paid-channel wins (paid), all S&M ÷ first-time accounts (new_logo). */
    cac: choice(CAC_BASES).optional(),
    cacPayback: z
      .strictObject({
        /** Per new customer (CAC ÷ monthly gross profit per new customer) or aggregate (S&M ÷ monthly gross profit of net new ARR). */
        basis: choice(PAYBACK_BASES).optional(),
        /** S&M of the same twelve months, or of the twelve months ending one quarter earlier (lagged). */
        spend: choice(PAYBACK_SPEND_PERIODS).optional(),
        /** Multiply the ARR by company.grossMargin (true) or use revenue as is (false). */
        grossMargin: z.boolean({ error: 'expected true or false' }).optional(),
      })
      .optional(),
    ltv: z
      .strictObject({
        /** ARPA × gross margin × lifetime (true) or ARPA × lifetime (false). */
        grossMargin: z.boolean({ error: 'expected true or false' }).optional(),
        /** Lifetime = 1 ÷ revenue churn (1 − GRR) or 1 ÷ logo churn (1 − logo retention). */
        churn: choice(LTV_CHURN_BASES).optional(),
      })
      .optional(),
    /** Magic number on new ARR (arr) or on the change in recognised revenue from the config's `revenue` periods (revenue). */
    magicNumber: choice(MAGIC_NUMBER_BASES).optional(),
    /** NRR over the contracts due for renewal in the window (renewals) or over the accounts that were customers twelve months ago (trailing_12m_cohort). */
    nrrWindow: choice(NRR_WINDOWS).optional(),
    /** Forecast accuracy error divided by the actual (HubSpot) or by the forecast. */
    forecastAccuracy: choice(FORECAST_ACCURACY_BASES).optional(),
  }),
);

export type MethodologyConfig = z.infer<ReturnType<typeof methodologySchema>>;

/** Every setting resolved (defaults applied): what metrics read through `ctx.profile.methodology`. */
export interface Methodology {
  readonly winRate: (typeof WIN_RATE_BASES)[number];
  readonly staleDealsAsLost: boolean;
  readonly cac: (typeof CAC_BASES)[number];
  readonly cacPayback: {
    readonly basis: (typeof PAYBACK_BASES)[number];
    readonly spend: (typeof PAYBACK_SPEND_PERIODS)[number];
    readonly grossMargin: boolean;
  };
  readonly ltv: { readonly grossMargin: boolean; readonly churn: (typeof LTV_CHURN_BASES)[number] };
  readonly magicNumber: (typeof MAGIC_NUMBER_BASES)[number];
  readonly nrrWindow: (typeof NRR_WINDOWS)[number];
  readonly forecastAccuracy: (typeof FORECAST_ACCURACY_BASES)[number];
}

/** Today's definitions. */
export const DEFAULT_METHODOLOGY: Methodology = Object.freeze({
  winRate: 'count',
  staleDealsAsLost: false,
  cac: 'blended',
  cacPayback: Object.freeze({ basis: 'per_customer', spend: 'same_period', grossMargin: true }),
  ltv: Object.freeze({ grossMargin: true, churn: 'revenue' }),
  magicNumber: 'arr',
  nrrWindow: 'renewals',
  forecastAccuracy: 'actual',
} as const);

export function resolveMethodology(m: MethodologyConfig | undefined): Methodology {
  const d = DEFAULT_METHODOLOGY;
  return {
    winRate: m?.winRate ?? d.winRate,
    staleDealsAsLost: m?.staleDealsAsLost ?? d.staleDealsAsLost,
    cac: m?.cac ?? d.cac,
    cacPayback: {
      basis: m?.cacPayback?.basis ?? d.cacPayback.basis,
      spend: m?.cacPayback?.spend ?? d.cacPayback.spend,
      grossMargin: m?.cacPayback?.grossMargin ?? d.cacPayback.grossMargin,
    },
    ltv: { grossMargin: m?.ltv?.grossMargin ?? d.ltv.grossMargin, churn: m?.ltv?.churn ?? d.ltv.churn },
    magicNumber: m?.magicNumber ?? d.magicNumber,
    nrrWindow: m?.nrrWindow ?? d.nrrWindow,
    forecastAccuracy: m?.forecastAccuracy ?? d.forecastAccuracy,
  };
}

/** Dotted key of a setting, e.g. "cacPayback.basis". */
export type MethodologyKey =
  | 'winRate'
  | 'staleDealsAsLost'
  | 'cac'
  | 'cacPayback.basis'
  | 'cacPayback.spend'
  | 'cacPayback.grossMargin'
  | 'ltv.grossMargin'
  | 'ltv.churn'
  | 'magicNumber'
  | 'nrrWindow'
  | 'forecastAccuracy';

export interface MethodologySetting {
  readonly key: MethodologyKey;
  readonly choices: readonly (string | boolean)[];
  readonly default: string | boolean;
  /** Metric ids whose value the setting can change (and that carry its note). */
  readonly metrics: readonly string[];
  /** What each choice means, in a few words (shown in the notes). */
  readonly meaning: Readonly<Record<string, string>>;
}

/** The documentation of every setting, in config order. */
export const METHODOLOGY_SETTINGS: readonly MethodologySetting[] = [
  {
    key: 'winRate',
    choices: WIN_RATE_BASES,
    default: 'count',
    metrics: ['win_rate'],
    meaning: { count: 'won ÷ decided deals, by number of deals', value: 'won amount ÷ decided amount' },
  },
  {
    key: 'staleDealsAsLost',
    choices: [false, true],
    default: false,
    metrics: ['win_rate', 'win_rate_by_value'],
    meaning: {
      false: 'stale open deals are left out of the denominator',
      true: 'stale open deals (past their close date or older than 2× the median cycle) count as lost',
    },
  },
  {
    key: 'cac',
    choices: CAC_BASES,
    default: 'blended',
    metrics: ['cac', 'ltv_to_cac'],
    meaning: {
      blended: 'all sales & marketing spend ÷ new customers won',
      paid: 'marketing spend of the channels ÷ new customers won from those channels',
      new_logo: 'all sales & marketing spend ÷ accounts won for the first time',
    },
  },
  {
    key: 'cacPayback.basis',
    choices: PAYBACK_BASES,
    default: 'per_customer',
    metrics: ['cac_payback_months'],
    meaning: {
      per_customer: 'CAC ÷ monthly gross profit of an average new customer',
      aggregate: 'S&M ÷ monthly gross profit of net new ARR (new + expansion − contraction − churn)',
    },
  },
  {
    key: 'cacPayback.spend',
    choices: PAYBACK_SPEND_PERIODS,
    default: 'same_period',
    metrics: ['cac_payback_months'],
    meaning: {
      same_period: 'S&M of the same twelve months',
      prior_period: 'S&M of the twelve months ending one quarter earlier (lagged)',
    },
  },
  {
    key: 'cacPayback.grossMargin',
    choices: [true, false],
    default: true,
    metrics: ['cac_payback_months'],
    meaning: { true: 'gross-margin adjusted', false: 'on revenue, not gross profit' },
  },
  {
    key: 'ltv.grossMargin',
    choices: [true, false],
    default: true,
    metrics: ['ltv', 'ltv_to_cac'],
    meaning: { true: 'ARPA × gross margin × lifetime', false: 'ARPA × lifetime (revenue, no gross margin)' },
  },
  {
    key: 'ltv.churn',
    choices: LTV_CHURN_BASES,
    default: 'revenue',
    metrics: ['ltv', 'ltv_to_cac'],
    meaning: { revenue: 'lifetime = 1 ÷ revenue churn (1 − GRR)', logo: 'lifetime = 1 ÷ logo churn (1 − logo retention)' },
  },
  {
    key: 'magicNumber',
    choices: MAGIC_NUMBER_BASES,
    default: 'arr',
    metrics: ['magic_number'],
    meaning: {
      arr: 'new ARR of the quarter ÷ S&M of the quarter before',
      revenue: 'change in quarterly revenue × 4 ÷ S&M of the quarter before (revenue from the config)',
    },
  },
  {
    key: 'nrrWindow',
    choices: NRR_WINDOWS,
    default: 'renewals',
    metrics: ['nrr'],
    meaning: {
      renewals: 'contracts due for renewal in the trailing twelve months',
      trailing_12m_cohort: 'accounts that were customers twelve months ago: their ARR now ÷ their ARR then',
    },
  },
  {
    key: 'forecastAccuracy',
    choices: FORECAST_ACCURACY_BASES,
    default: 'actual',
    metrics: ['forecast_accuracy'],
    meaning: { actual: '1 − |actual − forecast| ÷ actual', forecast: '1 − |actual − forecast| ÷ forecast' },
  },
];

/** The value of a setting by its dotted key. */
export function methodologyValue(m: Methodology, key: MethodologyKey): string | boolean {
  switch (key) {
    case 'cacPayback.basis':
      return m.cacPayback.basis;
    case 'cacPayback.spend':
      return m.cacPayback.spend;
    case 'cacPayback.grossMargin':
      return m.cacPayback.grossMargin;
    case 'ltv.grossMargin':
      return m.ltv.grossMargin;
    case 'ltv.churn':
      return m.ltv.churn;
    default:
      return m[key];
  }
}

/** Prefix of the notes that record a methodology setting. Renderers show these beside the value. */
export const METHODOLOGY_NOTE_PREFIX = 'methodology.';

/**
 * The note a metric records for a setting it used, e.g.
 * `methodology.winRate = count (default): won ÷ decided deals, by number of deals`.
 */
export function methodologyNote(m: Methodology, key: MethodologyKey): string {
  const setting = METHODOLOGY_SETTINGS.find((s) => s.key === key) as MethodologySetting;
  const v = methodologyValue(m, key);
  const isDefault = v === setting.default;
  return `${METHODOLOGY_NOTE_PREFIX}${key} = ${String(v)}${isDefault ? ' (default)' : ''}: ${setting.meaning[String(v)] ?? ''}`;
}

/** The settings that differ from the defaults, as `key: before → after` lines (for comparisons). */
export function methodologyDifferences(a: Methodology, b: Methodology): string[] {
  const out: string[] = [];
  for (const s of METHODOLOGY_SETTINGS) {
    const x = methodologyValue(a, s.key);
    const y = methodologyValue(b, s.key);
    if (x !== y) out.push(`methodology.${s.key}: ${String(x)} → ${String(y)}`);
  }
  return out;
}
