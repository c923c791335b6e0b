/**
 * Test builders: realistic defaults, so a test states only the fields it is about (STYLE B10.2).
 *
 *   makeDeal({ status: 'lost', amountCents: 500_000, closed: '2025-03-01' })
 *   makeDataset({ deals: [...], spend: [...] })
 *   makeCtx('2025-06-30', { fiscalYearStartMonth: 2 })   // MetricContext, trailing 12 months
 *   computeX(ds, ctx, makeCache())
 *
 * Dates may be given as day numbers or ISO strings ("2025-03-01").
 */
import type { Deal, DayNumber, Dataset, FileReport, InputKind, Renewal, SpendRow } from '../../src/base/model.js';
import type { Profile } from '../../src/config/schema.js';
import { DEFAULT_METHODOLOGY } from '../../src/config/methodology.js';
import type { MetricContext, SharedCache } from '../../src/metrics/types.js';
import { createSharedCache } from '../../src/metrics/context.js';
import { dayFromIso, trailingMonths } from '../../src/base/time.js';

type DateInput = DayNumber | string;

/** Day number of an ISO date; throws on a malformed date so a typo cannot pass silently. */
export function day(iso: string): DayNumber {
  const d = dayFromIso(iso);
  if (d === null) throw new Error(`day(): not an ISO date: ${iso}`);
  return d;
}

function toDay(d: DateInput): DayNumber {
  return typeof d === 'string' ? day(d) : d;
}

function toDayOrNull(d: DateInput | null): DayNumber | null {
  return d === null ? null : toDay(d);
}

let nextLine = 2;

/** Resets the line counter used for default `line`/`id` values (optional; tests need not call it). */
export function resetBuilders(): void {
  nextLine = 2;
}

export type DealInput = Partial<Omit<Deal, 'created' | 'closed'>> & {
  readonly created?: DateInput | null;
  readonly closed?: DateInput | null;
};

const STAGE_FOR_STATUS: Record<Deal['status'], string> = {
  won: 'Closed Won',
  lost: 'Closed Lost',
  open: 'Negotiation',
};

/**
 * A won deal of 10,000.00 created 2025-01-01 and closed 2025-02-01, every optional column null.
 * `stage` follows `status` unless given. `line` counts up from 2 and `id` is `D<line>` unless given.
 */
export function makeDeal(partial: DealInput = {}): Deal {
  const line = partial.line ?? nextLine++;
  const status = partial.status ?? 'won';
  return {
    line,
    id: partial.id !== undefined ? partial.id : `D${line}`,
    name: partial.name ?? null,
    amountCents: partial.amountCents ?? 1_000_000,
    stage: partial.stage ?? STAGE_FOR_STATUS[status],
    status,
    created: partial.created !== undefined ? toDayOrNull(partial.created) : day('2025-01-01'),
    closed: partial.closed !== undefined ? toDayOrNull(partial.closed) : day('2025-02-01'),
    owner: partial.owner ?? null,
    pipeline: partial.pipeline ?? null,
    source: partial.source ?? null,
    segment: partial.segment ?? null,
    type: partial.type ?? null,
    account: partial.account ?? null,
    probability: partial.probability ?? null,
    forecastCategory: partial.forecastCategory ?? null,
    lostReason: partial.lostReason ?? null,
    currency: partial.currency ?? null,
  };
}

export type SpendInput = Partial<Omit<SpendRow, 'periodStart'>> & { readonly periodStart?: DateInput };

/** Marketing spend of 1,000.00 on "paid_search" for January 2025, no funnel counts. */
export function makeSpend(partial: SpendInput = {}): SpendRow {
  return {
    line: partial.line ?? nextLine++,
    periodStart: partial.periodStart !== undefined ? toDay(partial.periodStart) : day('2025-01-01'),
    channel: partial.channel ?? 'paid_search',
    amountCents: partial.amountCents ?? 100_000,
    category: partial.category ?? 'marketing',
    leads: partial.leads ?? null,
    mqls: partial.mqls ?? null,
    sqls: partial.sqls ?? null,
  };
}

export type RenewalInput = Partial<Omit<Renewal, 'renewalDate' | 'startDate'>> & {
  readonly renewalDate?: DateInput;
  readonly startDate?: DateInput | null;
};

/** Account "Acme" renewing flat at 10,000.00 ARR on 2025-03-01. */
export function makeRenewal(partial: RenewalInput = {}): Renewal {
  return {
    line: partial.line ?? nextLine++,
    account: partial.account ?? 'Acme',
    renewalDate: partial.renewalDate !== undefined ? toDay(partial.renewalDate) : day('2025-03-01'),
    arrBeforeCents: partial.arrBeforeCents ?? 1_000_000,
    arrAfterCents: partial.arrAfterCents ?? 1_000_000,
    status: partial.status ?? null,
    segment: partial.segment ?? null,
    startDate: partial.startDate !== undefined ? toDayOrNull(partial.startDate) : null,
    ...(partial.reason !== undefined ? { reason: partial.reason } : {}),
  };
}

export interface DatasetInput {
  readonly deals?: readonly Deal[];
  readonly spend?: readonly SpendRow[];
  readonly renewals?: readonly Renewal[];
  readonly files?: readonly FileReport[];
  /** Defaults: an input is present when its array was given (even empty). */
  readonly present?: Partial<Record<InputKind, boolean>>;
}

export function makeDataset(input: DatasetInput = {}): Dataset {
  return {
    deals: input.deals ?? [],
    spend: input.spend ?? [],
    renewals: input.renewals ?? [],
    files: input.files ?? [],
    present: {
      deals: input.present?.deals ?? input.deals !== undefined,
      spend: input.present?.spend ?? input.spend !== undefined,
      renewals: input.present?.renewals ?? input.renewals !== undefined,
    },
  };
}

/** A profile with every optional value null, calendar fiscal year, segment "mixed". */
export function makeProfile(partial: Partial<Profile> = {}): Profile {
  return {
    name: 'Test Co',
    segment: 'mixed',
    currency: 'USD',
    grossMargin: null,
    operatingMargin: null,
    fiscalYearStartMonth: 1,
    arrCents: null,
    nextQuarterTargetCents: null,
    quotasCents: null,
    forecasts: [],
    methodology: DEFAULT_METHODOLOGY,
    revenue: [],
    ...partial,
  };
}

/** The metric context for an as-of date: trailing twelve months window. Same shape as makeContext in src. */
export function makeCtx(asOf: DateInput, profile: Partial<Profile> = {}): MetricContext {
  const a = toDay(asOf);
  return { asOf: a, window: trailingMonths(a, 12), profile: makeProfile(profile) };
}

/** Freezes an object graph in place (arrays and nested objects), returning it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) {
      deepFreeze((value as Record<string, unknown>)[key]);
    }
  }
  return value;
}

/** A fresh SharedCache (the one the engine uses), for calling one metric's compute directly. */
export function makeCache(): SharedCache {
  return createSharedCache();
}
