/**
 * Acquisition efficiency: what it costs to win a new customer and how fast that cost comes back
 * (SPEC §4, BENCHMARKS §2.1 CAC / CAC payback / LTV / magic number rows, §2.2 choices).
 *
 * Conventions shared by every metric in this file:
 * - "New customers" are won deals closed in the window with `type === 'new'` when the deals have a
 *   type column (any deal has a non-null type), otherwise every won deal (and a note says so).
 * - "New ARR" is the sum of those deals' amounts (the amount is annual contract value).
 * - "Sales & marketing spend" (S&M) is every spend row of category marketing or sales whose
 *   periodStart is in the window; category "other" is left out (noted when present). A note says
 *   whether sales costs were present (fully-loaded CAC) or not (marketing-only CAC).
 * - Sums are integer cents; money values are converted to currency units once at the end.
 */
import { accountKeyMemo, channelKey } from '../base/identity.js';
import { channelCacDetails, type ChannelCacRow } from '../base/details.js';
import type { Dataset, Deal } from '../base/model.js';
import { addMonths, dayFromIso, inWindow, isoFromDay, type Window } from '../base/time.js';
import { methodologyNote } from '../config/methodology.js';
import { NOTE_NO_TYPE_COLUMN, hasTypeColumn, isNewBusiness, wonDealsIn } from './deal-selections.js';
import { REASONS, na, requireDeals, value, type NaOutcome } from './outcome.js';
import { compareStrings, toUnits } from './stats.js';
import { lastCompleteQuarter, previousQuarter, type Quarter } from './quarters.js';
import { arrMovementsInWindow, crmExpansionNotes, newBusinessIn, type NewBusinessTotals } from './ledger.js';
import { logoTotals, renewalTotalsInWindow, requireRenewalCohort } from './retention.js';
import type { MetricContext, MetricDefinition, MetricOutcome, SharedCache } from './types.js';

/** Customer lifetime cap for LTV, in years. */
export const LTV_LIFETIME_CAP_YEARS = 5;

// ---------------------------------------------------------------------------------------------
// Shared intermediates

export interface SpendTotals {
  /** marketing + sales */
  readonly smCents: number;
  readonly marketingCents: number;
  readonly salesCents: number;
  /** category "other": not part of S&M */
  readonly otherCents: number;
  /** S&M rows counted */
  readonly rows: number;
}

/** Spend rows whose periodStart is in `w`, by category. Memoised per window. */
export function spendTotalsIn(ds: Dataset, shared: SharedCache, w: Window): SpendTotals {
  return shared.get(spendTotalsIn, () => {
    let marketingCents = 0;
    let salesCents = 0;
    let otherCents = 0;
    let rows = 0;
    for (const s of ds.spend) {
      if (!inWindow(s.periodStart, w)) continue;
      if (s.category === 'marketing') marketingCents += s.amountCents;
      else if (s.category === 'sales') salesCents += s.amountCents;
      else {
        otherCents += s.amountCents;
        continue;
      }
      rows += 1;
    }
    return { smCents: marketingCents + salesCents, marketingCents, salesCents, otherCents, rows };
  }, `${w.start}:${w.end}`);
}

export { newBusinessIn, type NewBusinessTotals } from './ledger.js';

function spendNotes(t: SpendTotals): string[] {
  const notes: string[] = [];
  if (t.salesCents > 0) {
    notes.push(
      `fully-loaded: sales & marketing spend includes sales costs (${toUnits(t.salesCents)} sales, ${toUnits(t.marketingCents)} marketing)`,
    );
  } else {
    notes.push(
      'marketing-only: no sales-category spend in the window, so sales salaries and commissions are not included (add them as spend rows with category "sales" for fully-loaded CAC)',
    );
  }
  if (t.otherCents > 0) notes.push(`spend of category "other" (${toUnits(t.otherCents)}) is not counted as sales & marketing`);
  return notes;
}

function newBusinessNotes(nb: NewBusinessTotals): string[] {
  return nb.hasType ? ['new customers: won deals with type "new"'] : [NOTE_NO_TYPE_COLUMN];
}

function windowText(w: Window): string {
  return `after ${isoFromDay(w.start)} up to ${isoFromDay(w.end)}`;
}

/** n/a for missing deals / spend inputs; null when both are usable. */
function requireDealsAndSpend(ds: Dataset): NaOutcome | null {
  const deals = requireDeals(ds);
  if (deals) return deals;
  if (!ds.present.spend) return na(REASONS.noSpendFile);
  return null;
}

function noSpendInWindow(w: Window, what = 'the window'): NaOutcome {
  return na(
    `needs sales & marketing spend with a period starting in ${what} (${windowText(w)}); the spend file has none (--spend)`,
  );
}

type GrossMarginCheck = { readonly gm: number; readonly gap: null } | { readonly gm: null; readonly gap: NaOutcome };

function grossMargin(ctx: MetricContext): GrossMarginCheck {
  const gm = ctx.profile.grossMargin;
  if (gm === null) return { gm: null, gap: na('needs company.grossMargin in revhealth.config.json') };
  if (!(gm > 0)) {
    return { gm: null, gap: na(`needs a positive company.grossMargin in revhealth.config.json (it is ${gm})`) };
  }
  return { gm, gap: null };
}

// ---------------------------------------------------------------------------------------------
// CAC

/** CAC per methodology.cac (blended by default); what `cac` and `ltv_to_cac` report. */
function cacOutcome(ds: Dataset, ctx: MetricContext, shared: SharedCache): MetricOutcome {
  return shared.get(cacOutcome, () => {
    const m = ctx.profile.methodology;
    const note = methodologyNote(m, 'cac');
    const outcome = m.cac === 'paid' ? paidCacOutcome(ds, ctx, shared) : m.cac === 'new_logo' ? newLogoCacOutcome(ds, ctx, shared) : blendedCacOutcome(ds, ctx, shared);
    return { ...outcome, notes: [...(outcome.notes ?? []), note] };
  });
}

/** Paid CAC: the blended paid-channel value of cac_by_channel. */
function paidCacOutcome(ds: Dataset, ctx: MetricContext, shared: SharedCache): MetricOutcome {
  const byChannel = computeCacByChannel(ds, ctx, shared);
  if (byChannel.kind === 'na') return byChannel;
  const d = byChannel.details ?? {};
  return value(byChannel.value, {
    sampleSize: byChannel.sampleSize ?? 0,
    notes: (byChannel.notes ?? []).filter((n) => !n.startsWith('spend but no won')),
    details: { marketingSpend: d.spend ?? null, newCustomers: d.won ?? null, unattributedNewCustomers: d.unattributedWon ?? null },
  });
}

export interface NewLogoTotals {
  /** accounts whose first won deal in the data closed in the window, plus won new-business deals without an account */
  readonly count: number;
  readonly accounts: number;
  readonly dealsWithoutAccount: number;
  readonly hasType: boolean;
  /** Accounts whose first won deal in the data is an expansion or renewal: existing customers, not new logos. */
  readonly existingCustomers: number;
}

/**
 * New logos won in `w`: accounts won for the first time, each counted once. With a deal type
 * column, an account whose first won deal in the data is an expansion or renewal was already a
 * customer before the export begins: it is not a new logo (issue 14).
 */
export function newLogosIn(ds: Dataset, shared: SharedCache, w: Window): NewLogoTotals {
  return shared.get(newLogosIn, () => {
    const hasType = hasTypeColumn(ds, shared);
    const firstWon = new Map<string, Deal>();
    const keyOf = accountKeyMemo();
    for (let di = 0; di < ds.deals.length; di++) {
      const d = ds.deals[di] as Deal;
      if (d.status !== 'won' || d.account === null || d.closed === null) continue;
      const key = keyOf(d.account);
      const cur = firstWon.get(key);
      if (cur === undefined || d.closed < (cur.closed as number)) firstWon.set(key, d);
    }
    let accounts = 0;
    let existingCustomers = 0;
    for (const first of firstWon.values()) {
      if (!inWindow(first.closed, w)) continue;
      if (hasType && (first.type === 'expansion' || first.type === 'renewal')) existingCustomers += 1;
      else accounts += 1;
    }
    let dealsWithoutAccount = 0;
    for (const d of wonDealsIn(ds, shared, w)) if (d.account === null && isNewBusiness(d, hasType)) dealsWithoutAccount += 1;
    return { count: accounts + dealsWithoutAccount, accounts, dealsWithoutAccount, hasType, existingCustomers };
  }, `${w.start}:${w.end}`);
}

/** New-logo CAC: all S&M ÷ accounts won for the first time. */
function newLogoCacOutcome(ds: Dataset, ctx: MetricContext, shared: SharedCache): MetricOutcome {
  const gap = requireDealsAndSpend(ds);
  if (gap) return gap;
  const sp = spendTotalsIn(ds, shared, ctx.window);
  if (sp.smCents <= 0) return noSpendInWindow(ctx.window);
  const logos = newLogosIn(ds, shared, ctx.window);
  if (logos.count === 0) {
    return na(`needs at least one account won for the first time in the window (${windowText(ctx.window)}): new-logo CAC divides by zero`);
  }
  const notes = [...spendNotes(sp), 'new logos: accounts whose first won deal in the data closed in the window, each counted once'];
  if (logos.existingCustomers > 0) {
    notes.push(`${logos.existingCustomers} account(s) whose first won deal in the data is an expansion or renewal are existing customers, not new logos`);
  }
  if (logos.dealsWithoutAccount > 0) notes.push(`${logos.dealsWithoutAccount} won new-business deal(s) without an account count as one new logo each`);
  return value(toUnits(sp.smCents) / logos.count, {
    sampleSize: logos.count,
    notes,
    details: {
      salesAndMarketingSpend: toUnits(sp.smCents),
      marketingSpend: toUnits(sp.marketingCents),
      salesSpend: toUnits(sp.salesCents),
      newLogos: logos.count,
    },
  });
}

/** Blended CAC (all S&M ÷ new customers won): today's definition, also the base of per-customer payback. */
function blendedCacOutcome(ds: Dataset, ctx: MetricContext, shared: SharedCache): MetricOutcome {
  return shared.get(blendedCacOutcome, () => {
    const gap = requireDealsAndSpend(ds);
    if (gap) return gap;
    const sp = spendTotalsIn(ds, shared, ctx.window);
    const nb = newBusinessIn(ds, shared, ctx.window);
    if (sp.smCents <= 0) return noSpendInWindow(ctx.window);
    if (nb.count === 0) {
      return na(
        `needs at least one new customer won in the window (${windowText(ctx.window)}): CAC divides by zero new customers`,
        newBusinessNotes(nb),
      );
    }
    return value(toUnits(sp.smCents) / nb.count, {
      sampleSize: nb.count,
      notes: [...spendNotes(sp), ...newBusinessNotes(nb)],
      details: {
        salesAndMarketingSpend: toUnits(sp.smCents),
        marketingSpend: toUnits(sp.marketingCents),
        salesSpend: toUnits(sp.salesCents),
        newCustomers: nb.count,
      },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// CAC by channel

/** Channel key (base/identity): "Paid Search" = "paid_search" = "paid-search". */
export { channelKey };

interface ChannelRow {
  /** Display name: the code-unit-smallest spelling seen in the spend file for this key. */
  name: string;
  spendCents: number;
  won: number;
}

function computeCacByChannel(ds: Dataset, ctx: MetricContext, shared: SharedCache): MetricOutcome {
  const gap = requireDealsAndSpend(ds);
  if (gap) return gap;
  const channels = new Map<string, ChannelRow>();
  let salesCents = 0;
  for (const s of ds.spend) {
    if (!inWindow(s.periodStart, ctx.window)) continue;
    if (s.category === 'sales') {
      salesCents += s.amountCents;
      continue;
    }
    if (s.category !== 'marketing') continue;
    const key = channelKey(s.channel);
    const name = s.channel.trim();
    const row = channels.get(key);
    if (row) {
      row.spendCents += s.amountCents;
      if (compareStrings(name, row.name) < 0) row.name = name;
    } else channels.set(key, { name, spendCents: s.amountCents, won: 0 });
  }
  if (channels.size === 0) {
    return na(
      `needs marketing spend by channel with a period starting in the window (${windowText(ctx.window)}); the spend file has none (--spend)`,
    );
  }
  const nb = newBusinessIn(ds, shared, ctx.window);
  let unattributed = 0;
  let noSource = 0;
  const keyOf = new Map<string, string>(); // source -> channel key: few distinct sources, many deals
  for (const d of wonDealsIn(ds, shared, ctx.window)) {
    if (!isNewBusiness(d, nb.hasType)) continue;
    if (d.source === null) {
      noSource += 1;
      continue;
    }
    let key = keyOf.get(d.source);
    if (key === undefined) {
      key = channelKey(d.source);
      keyOf.set(d.source, key);
    }
    const row = key === '' ? undefined : channels.get(key);
    if (row) row.won += 1;
    else unattributed += 1;
  }
  const rows = [...channels.entries()]
    .sort(([ka, a], [kb, b]) => compareStrings(a.name, b.name) || compareStrings(ka, kb))
    .map(([, r]) => r);
  let spendCents = 0;
  let won = 0;
  const withoutWins: string[] = [];
  const table: ChannelCacRow[] = [];
  for (const r of rows) {
    spendCents += r.spendCents;
    won += r.won;
    table.push({ channel: r.name, spend: toUnits(r.spendCents), won: r.won, cac: r.won > 0 ? toUnits(r.spendCents) / r.won : null });
    if (r.won === 0 && r.spendCents > 0) withoutWins.push(r.name);
  }
  const perChannel = channelCacDetails(table);
  const notes: string[] = [
    'deal source matched to spend channel ignoring case, spaces and punctuation ("Paid Search" = "paid_search")',
    ...newBusinessNotes(nb),
  ];
  if (withoutWins.length > 0) {
    notes.push(`spend but no won new deals sourced from: ${withoutWins.join(', ')} (cac null)`);
  }
  if (salesCents > 0) {
    notes.push(`sales-category spend (${toUnits(salesCents)}) is not tied to a channel and is left out; see cac for fully-loaded CAC`);
  }
  if (unattributed + noSource > 0) {
    notes.push(
      `${unattributed + noSource} won new deal(s) not attributed to a spend channel (${noSource} without a source)`,
    );
  }
  if (won === 0) {
    return na(
      'needs won new deals whose source names a spend channel (deals source column, inputs.deals.columns.source): no channel has a win in the window, so paid CAC divides by zero',
      notes,
    );
  }
  return value(toUnits(spendCents) / won, {
    sampleSize: won,
    notes,
    details: {
      spend: toUnits(spendCents),
      won,
      unattributedWon: unattributed + noSource,
      ...perChannel,
    },
  });
}

// ---------------------------------------------------------------------------------------------
// CAC payback, CAC ratio, magic number

/** The twelve months ending one quarter before asOf: the lagged S&M window of cacPayback.spend "prior_period". */
export function laggedSpendWindow(ctx: MetricContext): Window {
  return { start: addMonths(ctx.asOf, -15), end: addMonths(ctx.asOf, -3) };
}

function computeCacPayback(ds: Dataset, ctx: MetricContext, shared: SharedCache): MetricOutcome {
  const gap = requireDealsAndSpend(ds);
  if (gap) return gap;
  const meth = ctx.profile.methodology;
  const m = meth.cacPayback;
  const methodNotes = [
    methodologyNote(meth, 'cacPayback.basis'),
    methodologyNote(meth, 'cacPayback.spend'),
    methodologyNote(meth, 'cacPayback.grossMargin'),
  ];
  let gm: number | null = null;
  if (m.grossMargin) {
    const margin = grossMargin(ctx);
    if (margin.gap) return margin.gap;
    gm = margin.gm;
  }
  const factor = gm ?? 1;
  const lagged = m.spend === 'prior_period';
  const spendWindow = lagged ? laggedSpendWindow(ctx) : ctx.window;
  const sp = spendTotalsIn(ds, shared, spendWindow);
  if (sp.smCents <= 0) return noSpendInWindow(spendWindow, lagged ? 'the lagged spend window (twelve months ending one quarter before the as-of date)' : undefined);
  const nb = newBusinessIn(ds, shared, ctx.window);
  const spendNote = lagged ? [`lagged spend: S&M with a period starting ${windowText(spendWindow)}`] : [];
  if (m.basis === 'aggregate') {
    if (!ds.present.renewals) return na(`${REASONS.noRenewalsFile} for net new ARR (methodology.cacPayback.basis "aggregate")`, methodNotes);
    const t = arrMovementsInWindow(ds, ctx, shared);
    const netCents = t.newCents + t.expansionCents - t.contractionCents - t.churnCents;
    if (netCents <= 0) {
      return na(`net new ARR in the window is ${toUnits(netCents)} (new + expansion − contraction − churn): the spend is never paid back`, methodNotes);
    }
    return value((sp.smCents * 12) / (netCents * factor), {
      sampleSize: nb.count + t.renewals,
      notes: [...spendNotes(sp), ...newBusinessNotes(nb), ...crmExpansionNotes(t), ...spendNote, ...methodNotes],
      details: {
        salesAndMarketingSpend: toUnits(sp.smCents),
        netNewArr: toUnits(netCents),
        grossMargin: gm,
        monthlyGrossProfitOfNetNewArr: (toUnits(netCents) / 12) * factor,
      },
    });
  }
  if (nb.count === 0) {
    return na(
      `needs at least one new customer won in the window (${windowText(ctx.window)}): CAC divides by zero new customers`,
      newBusinessNotes(nb),
    );
  }
  if (nb.cents <= 0) {
    return na('needs new customers with a positive amount: their new ARR is 0, so payback divides by zero');
  }
  // CAC ÷ (new ARR / new customers / 12 × GM) = S&M × 12 ÷ (new ARR × GM); currency units cancel.
  const months = (sp.smCents * 12) / (nb.cents * factor);
  return value(months, {
    sampleSize: nb.count,
    notes: [...spendNotes(sp), ...newBusinessNotes(nb), ...spendNote, ...methodNotes],
    details: {
      cac: toUnits(sp.smCents) / nb.count,
      avgNewArrPerCustomer: toUnits(nb.cents) / nb.count,
      grossMargin: gm,
      monthlyGrossProfitPerCustomer: (toUnits(nb.cents) / nb.count / 12) * factor,
    },
  });
}

function computeNewArrPerSm(ds: Dataset, ctx: MetricContext, shared: SharedCache): MetricOutcome {
  const gap = requireDealsAndSpend(ds);
  if (gap) return gap;
  const sp = spendTotalsIn(ds, shared, ctx.window);
  if (sp.smCents <= 0) return noSpendInWindow(ctx.window);
  const nb = newBusinessIn(ds, shared, ctx.window);
  return value(nb.cents / sp.smCents, {
    sampleSize: nb.count,
    notes: [...spendNotes(sp), ...newBusinessNotes(nb)],
    details: {
      newArr: toUnits(nb.cents),
      salesAndMarketingSpend: toUnits(sp.smCents),
      newCustomers: nb.count,
    },
  });
}

/**
 * Recognised revenue of a quarter from the config's `revenue` periods: the sum of the periods lying
 * wholly inside it; null unless they cover every day of the quarter.
 */
function revenueOfQuarter(ctx: MetricContext, q: Quarter): number | null {
  let cents = 0;
  let days = 0;
  for (const p of ctx.profile.revenue) {
    const start = dayFromIso(p.start);
    const end = dayFromIso(p.end);
    if (start === null || end === null || end < start || start < q.first || end > q.end) continue;
    cents += p.amountCents;
    days += end - start + 1;
  }
  return days === q.end - q.first + 1 ? cents : null;
}

function computeMagicNumber(ds: Dataset, ctx: MetricContext, shared: SharedCache): MetricOutcome {
  const gap = requireDealsAndSpend(ds);
  if (gap) return gap;
  const q = lastCompleteQuarter(ctx);
  const prev = previousQuarter(q, ctx.profile.fiscalYearStartMonth);
  const sp = spendTotalsIn(ds, shared, prev);
  if (sp.smCents <= 0) return noSpendInWindow(prev, `${prev.label}, the quarter before ${q.label}`);
  const meth = ctx.profile.methodology;
  if (meth.magicNumber === 'revenue') {
    const note = methodologyNote(meth, 'magicNumber');
    const rq = revenueOfQuarter(ctx, q);
    const rp = revenueOfQuarter(ctx, prev);
    if (rq === null || rp === null) {
      const missing = [rq === null ? q.label : null, rp === null ? prev.label : null].filter((x) => x !== null).join(' and ');
      return na(`needs recognised revenue for ${missing} in the config's revenue periods (start, end, amount), covering every day of the quarter`, [note]);
    }
    return value(((rq - rp) * 4) / sp.smCents, {
      sampleSize: 2,
      notes: [`(revenue of ${q.label} − revenue of ${prev.label}) × 4 ÷ sales & marketing spend of ${prev.label}`, ...spendNotes(sp), note],
      details: {
        quarter: q.label,
        quarterRevenue: toUnits(rq),
        previousQuarterRevenue: toUnits(rp),
        spendQuarter: prev.label,
        spendQuarterSalesAndMarketing: toUnits(sp.smCents),
      },
    });
  }
  const nb = newBusinessIn(ds, shared, q);
  return value(nb.cents / sp.smCents, {
    sampleSize: nb.count,
    notes: [
      `new ARR won in ${q.label} (the last complete fiscal quarter) ÷ sales & marketing spend of ${prev.label}`,
      'ARR-based Scale VP magic number: new ARR is already annual, so it equals (quarterly revenue added × 4) and is not multiplied again',
      'gross new-business ARR (churn and expansion not netted)',
      ...spendNotes(sp),
      ...newBusinessNotes(nb),
      methodologyNote(meth, 'magicNumber'),
    ],
    details: {
      quarter: q.label,
      quarterNewArr: toUnits(nb.cents),
      quarterNewCustomers: nb.count,
      spendQuarter: prev.label,
      spendQuarterSalesAndMarketing: toUnits(sp.smCents),
    },
  });
}

// ---------------------------------------------------------------------------------------------
// LTV

function ltvOutcome(ds: Dataset, ctx: MetricContext, shared: SharedCache): MetricOutcome {
  return shared.get(ltvOutcome, () => {
    if (!ds.present.renewals) return na(REASONS.noRenewalsFile);
    const meth = ctx.profile.methodology;
    let gm: number | null = null;
    if (meth.ltv.grossMargin) {
      const margin = grossMargin(ctx);
      if (margin.gap) return margin.gap;
      gm = margin.gm;
    }
    const gap = requireRenewalCohort(ds, ctx, shared, true);
    if (gap) return gap;
    const t = renewalTotalsInWindow(ds, ctx, shared);
    const arpa = toUnits(t.beforeCents) / t.rows;
    const logoBasis = meth.ltv.churn === 'logo';
    const logos = logoBasis ? logoTotals(ds, ctx, shared) : null;
    // 1 − GRR (or 1 − logo retention), computed from integers so a 0 churn is exactly 0.
    const churn = logos
      ? (logos.accountsDue - logos.accountsRetained) / logos.accountsDue
      : (t.beforeCents - t.retainedCents) / t.beforeCents;
    const uncapped = churn > 0 ? 1 / churn : Number.POSITIVE_INFINITY;
    const capped = uncapped > LTV_LIFETIME_CAP_YEARS;
    const lifetimeYears = capped ? LTV_LIFETIME_CAP_YEARS : uncapped;
    const notes = [
      'ARPA and churn from renewals due in the trailing twelve months (ARPA = Σ arr_before ÷ contracts due)',
      logoBasis
        ? 'annual logo churn = 1 − logo retention (accounts lost ÷ accounts due)'
        : 'annual revenue churn = 1 − GRR (churned + contracted ARR ÷ ARR due)',
    ];
    if (capped) {
      notes.push(
        churn > 0
          ? `lifetime capped at ${LTV_LIFETIME_CAP_YEARS} years (1 ÷ churn would be ${uncapped.toFixed(1)} years)`
          : `no revenue churn in the window: lifetime capped at ${LTV_LIFETIME_CAP_YEARS} years`,
      );
    }
    notes.push(methodologyNote(meth, 'ltv.grossMargin'), methodologyNote(meth, 'ltv.churn'));
    return value(arpa * (gm ?? 1) * lifetimeYears, {
      sampleSize: t.rows,
      notes,
      details: {
        arpa,
        grossMargin: gm,
        ...(logoBasis ? { annualLogoChurn: churn } : { annualRevenueChurn: churn }),
        lifetimeYears,
        lifetimeCapped: capped ? 'yes' : 'no',
      },
    });
  });
}

function computeLtvToCac(ds: Dataset, ctx: MetricContext, shared: SharedCache): MetricOutcome {
  const ltv = ltvOutcome(ds, ctx, shared);
  if (ltv.kind === 'na') return ltv;
  const cac = cacOutcome(ds, ctx, shared);
  if (cac.kind === 'na') return cac;
  return value(ltv.value / cac.value, {
    sampleSize: cac.sampleSize ?? 0,
    notes: [
      'LTV from renewals (existing contracts), CAC from S&M spend per new customer in the same window',
      ...spendNotes(spendTotalsIn(ds, shared, ctx.window)),
      ...(ltv.notes ?? []).filter((n) => n.startsWith('methodology.')),
      ...(cac.notes ?? []).filter((n) => n.startsWith('methodology.')),
    ],
    details: { ltv: ltv.value, cac: cac.value },
  });
}

// ---------------------------------------------------------------------------------------------
// Definitions

const SM = 'S&M spend = spend rows of category marketing + sales with periodStart in the window';
const NEW = 'new customers = won deals closed in the window with type "new" (every won deal when there is no type column)';

export const ACQUISITION_METRICS: readonly MetricDefinition[] = [
  {
    id: 'cac',
    title: 'Customer acquisition cost',
    area: 'acquisition',
    unit: 'currency',
    definition:
      'Blended cost of winning one new customer over the last twelve months: all sales and marketing spend divided by new customers won. ' +
      'Fully-loaded when the spend file carries sales costs (category "sales"), marketing-only otherwise; the notes say which.',
    formula: `CAC = S&M spend in window ÷ new customers won in window; ${SM}; ${NEW}; methodology.cac "paid" = the value of cac_by_channel, "new_logo" = S&M spend ÷ accounts whose first won deal closed in the window`,
    inputs: ['deals', 'spend'],
    configKeys: ['inputs.spend.salesChannels', 'methodology.cac'],
    compute: cacOutcome,
  },
  {
    id: 'cac_by_channel',
    title: 'Paid CAC by channel',
    area: 'acquisition',
    unit: 'currency',
    definition:
      'Marketing spend per won new customer, channel by channel. A won new deal belongs to a channel when its source equals the ' +
      'spend channel, ignoring case, spaces and punctuation. The value is the blended paid-channel CAC; details hold ' +
      '"<channel>.spend", "<channel>.won" and "<channel>.cac" (null when the channel has spend but no wins), plus the totals ' +
      '"spend", "won" and "unattributedWon" (won new deals whose source matches no spend channel or is empty). Sales-category spend is left out.',
    formula:
      'channel CAC = marketing spend of the channel in window ÷ won new deals in window whose source matches the channel; ' +
      'value = Σ marketing spend of all channels in window ÷ Σ matched won new deals',
    inputs: ['deals', 'spend'],
    configKeys: ['inputs.spend.salesChannels', 'inputs.deals.columns.source'],
    compute: computeCacByChannel,
  },
  {
    id: 'cac_payback_months',
    title: 'CAC payback (gross-margin adjusted)',
    area: 'acquisition',
    unit: 'months',
    definition:
      'Months of gross profit from an average new customer needed to earn back what it cost to acquire: per-customer payback with ' +
      'same-window spend, adjusted for gross margin.',
    formula: `CAC ÷ (new ARR won in window ÷ new customers ÷ 12 × company.grossMargin) = S&M spend × 12 ÷ (new ARR × gross margin); ${SM}; methodology.cacPayback: basis "aggregate" = S&M × 12 ÷ (net new ARR × gross margin), net new = new + expansion − contraction − churn of the renewals due; spend "prior_period" = S&M of (asOf − 15 months, asOf − 3 months]; grossMargin false drops the gross margin`,
    inputs: ['deals', 'spend'],
    configKeys: ['company.grossMargin', 'methodology.cacPayback.basis', 'methodology.cacPayback.spend', 'methodology.cacPayback.grossMargin'],
    compute: computeCacPayback,
  },
  {
    id: 'new_arr_per_sm_dollar',
    title: 'New ARR per S&M dollar (CAC ratio)',
    area: 'acquisition',
    unit: 'multiple',
    definition:
      'New-business ARR won in the last twelve months for each unit of sales and marketing spend in the same window (the inverse of the KeyBanc CAC ratio).',
    formula: `Σ amount of new customers won in window ÷ S&M spend in window; ${SM}; ${NEW}`,
    inputs: ['deals', 'spend'],
    configKeys: [],
    compute: computeNewArrPerSm,
  },
  {
    id: 'magic_number',
    title: 'Magic number',
    area: 'acquisition',
    unit: 'multiple',
    definition:
      'Sales efficiency with a one-quarter lag, in the ARR form of the Scale Venture Partners magic number that the 0.5 / 0.75 / 1.0 ' +
      'bands refer to: new ARR won in the last complete fiscal quarter divided by the previous quarter\'s sales and marketing spend. ' +
      'Because ARR is already annual, it equals (quarterly revenue added × 4) ÷ prior-quarter S&M and is not multiplied by 4 again. ' +
      'Uses gross new-business ARR from won deals (churn is not netted).',
    formula:
      'new ARR won in quarter Q ÷ S&M spend in quarter Q−1, where Q is the last fiscal quarter ending on or before asOf ' +
      '(quarters follow company.fiscalYearStartMonth) and S&M = marketing + sales spend rows with periodStart in Q−1',
    inputs: ['deals', 'spend'],
    configKeys: ['company.fiscalYearStartMonth', 'methodology.magicNumber', 'revenue'],
    compute: computeMagicNumber,
  },
  {
    id: 'ltv',
    title: 'Customer lifetime value',
    area: 'acquisition',
    unit: 'currency',
    definition:
      'Gross profit an average account brings over its lifetime: annual ARPA × gross margin × expected lifetime in years, where ' +
      'lifetime = 1 ÷ annual revenue churn, capped at 5 years (and 5 years when nothing churned). ARPA and churn come from the ' +
      'renewals due in the last twelve months.',
    formula:
      'ARPA × company.grossMargin × min(1 ÷ churn, 5); ARPA = Σ arr_before ÷ renewals due in window; churn = 1 − GRR = ' +
      '1 − Σ min(arr_after, arr_before) ÷ Σ arr_before; methodology.ltv.grossMargin false drops the gross margin, methodology.ltv.churn "logo" uses 1 − logo_retention',
    inputs: ['renewals'],
    configKeys: ['company.grossMargin', 'methodology.ltv.grossMargin', 'methodology.ltv.churn'],
    compute: ltvOutcome,
  },
  {
    id: 'ltv_to_cac',
    title: 'LTV to CAC',
    area: 'acquisition',
    unit: 'multiple',
    definition: 'Lifetime gross profit of an account for each unit spent acquiring a new customer.',
    formula: 'ltv ÷ cac (both as their methodology settings define them)',
    inputs: ['deals', 'spend', 'renewals'],
    configKeys: ['company.grossMargin', 'methodology.cac', 'methodology.ltv.grossMargin', 'methodology.ltv.churn'],
    compute: computeLtvToCac,
  },
];
