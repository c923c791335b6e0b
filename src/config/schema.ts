/**
 * revhealth.config.json, validated with zod. The file is data only: it is parsed as JSON and
 * never executed. Unknown keys are reported (as likely typos) by the config loader, not silently kept.
 */
import { z } from 'zod';
import { dayFromIso } from '../base/time.js';
import { lazy } from '../base/lazy.js';
import { methodologySchema, resolveMethodology, type Methodology } from './methodology.js';

export const SEGMENTS = ['smb', 'mid-market', 'enterprise', 'mixed'] as const;
export type Segment = (typeof SEGMENTS)[number];

/** Config dates: a real calendar day between these years (a year 0001 or 2205 is a typo). */
export const CONFIG_YEAR_MIN = 1900;
export const CONFIG_YEAR_MAX = 2200;
/** The largest amount, weight and threshold a config or rule pack may hold (far past any real company; keeps sums finite). */
export const MAX_MONEY = 1e15;
export const MAX_WEIGHT = 1000;
// Every zod schema is built on first use (lazy), never at import: building them all costs tens
// of milliseconds of start-up that `--version` or an audit without a config never needs.
const isoDate = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date like 2025-06-30' })
    .refine((s) => dayFromIso(s) !== null, { error: 'not a real calendar date' })
    .refine((s) => Number(s.slice(0, 4)) >= CONFIG_YEAR_MIN && Number(s.slice(0, 4)) <= CONFIG_YEAR_MAX, {
      error: `expected a year between ${CONFIG_YEAR_MIN} and ${CONFIG_YEAR_MAX}`,
    });
const fraction = (what: string) =>
  z.number({ error: `expected ${what} as a fraction, e.g. 0.75 for 75 %` }).min(-1).max(1);
const money = () =>
  z
    .number({ error: 'expected an amount in the company currency, e.g. 250000' })
    .nonnegative({ error: 'expected an amount >= 0' })
    .max(MAX_MONEY, { error: `expected an amount of at most ${MAX_MONEY}` });
/** A rule or area weight: finite, 0..MAX_WEIGHT (a weight of 1e308 would make the score sum infinite). */
export const weightSchema = lazy(() =>
  z
    .number({ error: 'expected a weight >= 0' })
    .nonnegative({ error: 'expected a weight >= 0' })
    .max(MAX_WEIGHT, { error: `expected a weight of at most ${MAX_WEIGHT}` }),
);
/** A threshold (control point): finite, at most MAX_MONEY in size. */
export const thresholdNumber = (what: string) =>
  z
    .number({ error: `expected ${what} as a number` })
    .min(-MAX_MONEY, { error: `expected ${what} of at least ${-MAX_MONEY}` })
    .max(MAX_MONEY, { error: `expected ${what} of at most ${MAX_MONEY}` });

export const DATE_FORMATS = ['MDY', 'DMY', 'YMD'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];
const dateFormatSchema = lazy(() =>
  z.enum(DATE_FORMATS, {
    error: 'expected "MDY" (03/31/2025), "DMY" (31/03/2025) or "YMD" (2025-03-31)',
  }),
);

const columnsSchema = lazy(() => z.record(z.string(), z.string().min(1)));

export const dealsInputSchema = lazy(() =>
  z.strictObject({
    file: z.string().optional(),
    /** canonical field -> header in the file */
    columns: columnsSchema().optional(),
    /** Stage values per status; added to the preset's defaults (config wins on conflict). */
    stages: z
      .strictObject({
        won: z.array(z.string()).optional(),
        lost: z.array(z.string()).optional(),
        open: z.array(z.string()).optional(),
      })
      .optional(),
    types: z
      .strictObject({
        new: z.array(z.string()).optional(),
        expansion: z.array(z.string()).optional(),
        renewal: z.array(z.string()).optional(),
      })
      .optional(),
    dateFormat: dateFormatSchema().optional(),
    /** What the amount column holds; only annual contract value is supported for ARR metrics today. */
    amountIs: z.enum(['acv', 'tcv', 'mrr']).optional(),
    /** Force a preset instead of detecting it. */
    preset: z.string().optional(),
  }),
);

export const spendInputSchema = lazy(() =>
  z.strictObject({
    file: z.string().optional(),
    columns: columnsSchema().optional(),
    dateFormat: dateFormatSchema().optional(),
    preset: z.string().optional(),
    /** Channel names (case-insensitive) whose spend is sales cost, not marketing. */
    salesChannels: z.array(z.string()).optional(),
  }),
);

export const renewalsInputSchema = lazy(() =>
  z.strictObject({
    file: z.string().optional(),
    columns: columnsSchema().optional(),
    dateFormat: dateFormatSchema().optional(),
    preset: z.string().optional(),
  }),
);

export const companySchema = lazy(() =>
  z.strictObject({
    name: z.string().optional(),
    segment: z.enum(SEGMENTS, { error: `expected one of ${SEGMENTS.join(', ')}` }).optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, { error: 'expected a 3-letter ISO currency code like USD' }).optional(),
    grossMargin: fraction('gross margin').optional(),
    operatingMargin: fraction('operating margin').optional(),
    fiscalYearStartMonth: z.number().int().min(1).max(12, { error: 'expected a month number 1..12' }).optional(),
    /** Current ARR when known from finance; otherwise derived from renewals. */
    arr: money().optional(),
  }),
);

export const forecastSchema = lazy(() =>
  z
    .strictObject({
      /** First and last day of the forecast period (inclusive). */
      start: isoDate(),
      end: isoDate(),
      amount: money(),
      label: z.string().optional(),
    })
    .refine((f) => f.end >= f.start, { error: 'the period ends before it starts (end < start)', path: ['end'] }),
);

export const targetsSchema = lazy(() =>
  z.strictObject({
    /** Bookings target for the quarter after the as-of date. */
    nextQuarterBookings: money().optional(),
    /** Annual quota per owner name, as it appears in the deals file. */
    quotas: z.record(z.string(), money()).optional(),
  }),
);

export const ruleOverrideSchema = lazy(() =>
  z.strictObject({
    disabled: z.boolean().optional(),
    weight: weightSchema().optional(),
    severity: z.enum(['critical', 'warning', 'info']).optional(),
    /** Control points; either for every segment (`default`) or per segment. */
    thresholds: z
      .record(
        z.string(),
        z.strictObject({
          good: thresholdNumber('good'),
          fair: thresholdNumber('fair'),
          poor: thresholdNumber('poor'),
          goodMax: thresholdNumber('goodMax').optional(),
          fairMax: thresholdNumber('fairMax').optional(),
          poorMax: thresholdNumber('poorMax').optional(),
        }),
      )
      .optional(),
  }),
);

export const rulesConfigSchema = lazy(() =>
  z.strictObject({
    overrides: z.record(z.string(), ruleOverrideSchema()).optional(),
    /** Extra rule pack files (JSON), resolved relative to the config file. */
    packs: z.array(z.string()).optional(),
    /** Rule override files (JSON `{ "overrides": { ruleId: override } }`, e.g. the ratchet from `init --from-current`), relative to the config file; applied after `overrides`, in order. */
    overridesFiles: z.array(z.string()).optional(),
  }),
);

/**
 * Conversion rates into company.currency: one rate per currency ({"EUR": 1.08}: 1 EUR = 1.08 in
 * the company currency) or one per month ({"EUR": {"2025-01": 1.08, "2025-02": 1.07}}), the month
 * being the deal's close month (created month for an open deal without a close date).
 */
export const fxRatesSchema = lazy(() => {
  const currencyCode = z.string().regex(/^[A-Z]{3}$/, { error: 'expected a 3-letter ISO currency code like EUR' });
  const fxRate = z.number({ error: 'expected a rate: company-currency units per unit of this currency, e.g. 1.08' }).positive().max(1e9);
  return z.record(
    currencyCode,
    z.union([fxRate, z.record(z.string().regex(/^\d{4}-\d{2}$/, { error: 'expected a month like 2025-01' }), fxRate)]),
  );
});

export const configSchema = lazy(() =>
  z.strictObject({
    $schema: z.string().optional(),
    company: companySchema().optional(),
    fxRates: fxRatesSchema().optional(),
    targets: targetsSchema().optional(),
    forecasts: z.array(forecastSchema()).optional(),
    inputs: z
      .strictObject({
        deals: dealsInputSchema().optional(),
        spend: spendInputSchema().optional(),
        renewals: renewalsInputSchema().optional(),
        // subscriptions and accounts take the same keys as renewals: file, columns, dateFormat, preset
        subscriptions: renewalsInputSchema().optional(),
        accounts: renewalsInputSchema().optional(),
      })
      .optional(),
    rules: rulesConfigSchema().optional(),
    asOf: isoDate().optional(),
    /** Definitional choices where sources differ (src/config/methodology.ts); defaults = today's definitions. */
    methodology: methodologySchema().optional(),
    /** Recognised revenue per period from finance (for methodology.magicNumber "revenue"). */
    revenue: z.array(forecastSchema()).optional(),
  }),
);

type Infer<S extends () => z.ZodType> = z.infer<ReturnType<S>>;
export type Config = Infer<typeof configSchema>;
export type DealsInputConfig = Infer<typeof dealsInputSchema>;
export type FxRates = Infer<typeof fxRatesSchema>;
export type SpendInputConfig = Infer<typeof spendInputSchema>;
export type RenewalsInputConfig = Infer<typeof renewalsInputSchema>;
export type RuleOverride = Infer<typeof ruleOverrideSchema>;

/** The company profile with defaults applied; what the metrics and rules see. */
export interface Profile {
  readonly name: string;
  readonly segment: Segment;
  readonly currency: string;
  readonly grossMargin: number | null;
  readonly operatingMargin: number | null;
  readonly fiscalYearStartMonth: number;
  readonly arrCents: number | null;
  readonly nextQuarterTargetCents: number | null;
  /** owner -> annual quota in cents */
  readonly quotasCents: Readonly<Record<string, number>> | null;
  readonly forecasts: readonly { readonly start: string; readonly end: string; readonly amountCents: number; readonly label: string | null }[];
  /** Methodology settings with defaults applied. */
  readonly methodology: Methodology;
  /** Recognised revenue periods from the config (`revenue`), sorted by start. */
  readonly revenue: readonly { readonly start: string; readonly end: string; readonly amountCents: number; readonly label: string | null }[];
}

export function profileFromConfig(config: Config, segmentOverride?: Segment): Profile {
  const c = config.company ?? {};
  const quotas = config.targets?.quotas;
  return {
    name: c.name ?? 'Unnamed company',
    segment: segmentOverride ?? c.segment ?? 'mixed',
    currency: c.currency ?? 'USD',
    grossMargin: c.grossMargin ?? null,
    operatingMargin: c.operatingMargin ?? null,
    fiscalYearStartMonth: c.fiscalYearStartMonth ?? 1,
    arrCents: c.arr === undefined ? null : Math.round(c.arr * 100),
    nextQuarterTargetCents:
      config.targets?.nextQuarterBookings === undefined ? null : Math.round(config.targets.nextQuarterBookings * 100),
    quotasCents: quotas
      ? Object.fromEntries(
          Object.entries(quotas)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([k, v]) => [k, Math.round(v * 100)]),
        )
      : null,
    forecasts: (config.forecasts ?? [])
      .map((f) => ({ start: f.start, end: f.end, amountCents: Math.round(f.amount * 100), label: f.label ?? null }))
      .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)),
    methodology: resolveMethodology(config.methodology),
    revenue: (config.revenue ?? [])
      .map((f) => ({ start: f.start, end: f.end, amountCents: Math.round(f.amount * 100), label: f.label ?? null }))
      .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)),
  };
}
