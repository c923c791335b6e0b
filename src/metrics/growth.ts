/**
 * Growth and predictability metrics. Each is data plus one pure compute function (STYLE B3);
 * the definitions and formulas below are what `revhealth explain` prints.
 *
 * Window: the context window, asOf − 12 months < d <= asOf. "Won in a period" always means
 * status won and the close date in that period.
 */
import { accountKey } from '../base/identity.js';
import { arrMovementsInWindow, crmExpansionNotes, expansionInBaseNotes } from './ledger.js';
import { pipelineReconstructionNotes } from './as-of.js';
import type { Dataset, Deal } from '../base/model.js';
import { dictMemo } from './dict-memo.js';
import { dayFromIso, isoFromDay } from '../base/time.js';
import type { MetricContext, MetricDefinition, MetricOutcome, SharedCache } from './types.js';
import { methodologyNote } from '../config/methodology.js';
import { QUARTER_START_GRACE_DAYS, closeHistoryStart, NOTE_NO_TYPE_COLUMN, closedDealsInWindow, dealLabel, wonDealsInWindow, nextQuarterPipeline } from './deal-selections.js';
import { REASONS, na, requireDeals, value } from './outcome.js';
import { compareStrings, sumCents, toUnits } from './stats.js';
import { describeWindow, lastCompleteQuarter, previousQuarter, previousYearWindow } from './quarters.js';
import { rangeSum, windowSum, wonByCloseIndex } from './indexes.js';

// ---------------------------------------------------------------------------------------------

export const bookings = {
  id: 'bookings',
  title: 'Bookings',
  area: 'growth',
  unit: 'currency',
  definition: 'Total value of the deals won in the last twelve months: the top line the sales engine delivers.',
  formula: 'Σ amount of won deals with close date in (asOf − 12 months, asOf]',
  inputs: ['deals'],
  configKeys: [],
  compute(ds, ctx, shared) {
    const missing = requireDeals(ds);
    if (missing) return missing;
    const won = wonDealsInWindow(ds, ctx, shared);
    return value(toUnits(sumCents(won)), {
      sampleSize: won.length,
      notes: won.length === 0 ? [`no won deals closed in the window (${describeWindow(ctx.window)})`] : [],
      details: { count: won.length },
    });
  },
} satisfies MetricDefinition;

export const bookingsGrowthYoy = {
  id: 'bookings_growth_yoy',
  title: 'Bookings growth (year over year)',
  area: 'growth',
  unit: 'ratio',
  definition:
    'How much more (or less) was won in the last twelve months than in the twelve months before: the pace of the top line.',
  formula:
    '(B_current − B_previous) ÷ B_previous, where B_current = won amount closed in (asOf − 12 months, asOf] and B_previous = won amount closed in (asOf − 24 months, asOf − 12 months]',
  inputs: ['deals'],
  configKeys: [],
  compute(ds, ctx, shared) {
    const missing = requireDeals(ds);
    if (missing) return missing;
    const idx = wonByCloseIndex(ds, shared);
    const prevWindow = previousYearWindow(ctx);
    const cur = windowSum(idx, ctx.window);
    const prev = windowSum(idx, prevWindow);
    if (prev.cents === 0) {
      return na(
        `needs won deals closed in the previous twelve months (${describeWindow(prevWindow)}): deal history going back 24 months before the as-of date`,
      );
    }
    const notes: string[] = [];
    // the base is bookings, so the history that matters is the close dates (issue 14): deals created
    // years ago say nothing about whether their wins before the first close date were exported
    const earliest = closeHistoryStart(ds, shared);
    if (earliest !== null && earliest > prevWindow.start + 1) {
      const months = Math.round(((prevWindow.end - earliest + 1) / 365.25) * 12);
      notes.push(
        `the closed deals start on ${isoFromDay(earliest)}, inside the previous twelve months: the comparison base covers about ${months} of its 12 months, so growth is overstated`,
      );
    }
    return value((cur.cents - prev.cents) / prev.cents, {
      sampleSize: cur.count + prev.count,
      notes,
      details: {
        current: toUnits(cur.cents),
        previous: toUnits(prev.cents),
        currentCount: cur.count,
        previousCount: prev.count,
        previousWindow: describeWindow(prevWindow),
      },
    });
  },
} satisfies MetricDefinition;

export const bookingsGrowthQoq = {
  id: 'bookings_growth_qoq',
  title: 'Bookings growth (quarter over quarter)',
  area: 'growth',
  unit: 'ratio',
  definition:
    'Won amount of the last complete fiscal quarter against the quarter before it. The last complete quarter is the latest fiscal quarter whose last day is on or before the as-of date (the quarter containing the as-of date counts only when the as-of date is its last day).',
  formula: '(B_Q − B_Q−1) ÷ B_Q−1, B = won amount closed within the fiscal quarter (first to last day inclusive)',
  inputs: ['deals'],
  configKeys: ['company.fiscalYearStartMonth'],
  compute(ds, ctx, shared) {
    const missing = requireDeals(ds);
    if (missing) return missing;
    const idx = wonByCloseIndex(ds, shared);
    const q = lastCompleteQuarter(ctx);
    const p = previousQuarter(q, ctx.profile.fiscalYearStartMonth);
    const start = closeHistoryStart(ds, shared);
    if (start !== null && start > p.first + QUARTER_START_GRACE_DAYS) {
      return na(
        `the closed deals start on ${isoFromDay(start)}, inside ${p.label}: that quarter is not complete in the data, so growth against it would be overstated`,
      );
    }
    const bq = windowSum(idx, q);
    const bp = windowSum(idx, p);
    if (bp.cents === 0) {
      return na(`needs won deals closed in ${p.label} (${describeWindow(p)}), the quarter before ${q.label}`);
    }
    return value((bq.cents - bp.cents) / bp.cents, {
      sampleSize: bq.count + bp.count,
      details: {
        quarter: q.label,
        quarterBookings: toUnits(bq.cents),
        previousQuarter: p.label,
        previousQuarterBookings: toUnits(bp.cents),
      },
    });
  },
} satisfies MetricDefinition;

// ---------------------------------------------------------------------------------------------

export const arrGrowth = {
  id: 'arr_growth',
  title: 'ARR growth',
  area: 'growth',
  unit: 'ratio',
  definition:
    'Net change of annual recurring revenue over the last twelve months relative to the ARR base, where the renewals file gives that base. Assumes annual contracts: the ARR up for renewal in the window is the starting ARR. Expansion counts the renewals\' uplift and the expansion deals booked in the CRM, each once (an expansion deal already inside a renewal\'s arr_before leaves the starting ARR).',
  formula:
    '(new + expansion − contraction − churn) ÷ starting ARR; starting ARR = Σ arr_before of renewals due in the window − expansion deals won in the window on or before their account’s renewal; expansion = Σ (arr_after − arr_before) where arr_after > arr_before + Σ amount of won expansion deals closed in the window; contraction = Σ (arr_before − arr_after) where 0 < arr_after < arr_before; churn = Σ arr_before where arr_after = 0; new = Σ amount of won new-business deals closed in the window',
  inputs: ['deals', 'renewals'],
  configKeys: [],
  compute(ds, ctx, shared) {
    if (!ds.present.renewals) return na(REASONS.noRenewalsFile);
    if (!ds.present.deals) return na(`${REASONS.noDealsFile} for new ARR`);
    const m = arrMovementsInWindow(ds, ctx, shared);
    if (m.startingCents <= 0) {
      return na(`needs renewals due in the window (${describeWindow(ctx.window)}) with arr_before > 0: the starting ARR base`);
    }
    const notes = ['starting ARR is the ARR up for renewal in the window (annual contracts assumed)'];
    if (m.hasType) notes.push("new ARR counts won deals of type 'new' only", ...crmExpansionNotes(m), ...expansionInBaseNotes(m));
    else notes.push(NOTE_NO_TYPE_COLUMN);
    const net = m.newCents + m.expansionCents - m.contractionCents - m.churnCents;
    return value(net / m.startingCents, {
      sampleSize: m.renewals + m.newDeals + m.crmExpansionDeals,
      notes,
      details: {
        startingArr: toUnits(m.startingCents),
        newArr: toUnits(m.newCents),
        expansionArr: toUnits(m.expansionCents),
        contractionArr: toUnits(m.contractionCents),
        churnedArr: toUnits(m.churnCents),
        netNewArr: toUnits(net),
        renewals: m.renewals,
        newDeals: m.newDeals,
        ...(m.hasType ? { crmExpansionArr: toUnits(m.crmExpansionCents), crmExpansionDeals: m.crmExpansionDeals } : {}),
      },
    });
  },
} satisfies MetricDefinition;

export const ruleOf40 = {
  id: 'rule_of_40',
  title: 'Rule of 40',
  area: 'growth',
  unit: 'ratio',
  definition:
    'Growth rate plus operating margin, as a fraction (0.40 = 40 %): whether growth and profitability together clear the bar. Growth is ARR growth when the renewals give an ARR base, otherwise year-over-year bookings growth.',
  formula: 'growth + company.operatingMargin; growth = arr_growth when available, else bookings_growth_yoy',
  inputs: ['deals', 'renewals'],
  configKeys: ['company.operatingMargin'],
  compute(ds, ctx, shared) {
    const margin = ctx.profile.operatingMargin;
    if (margin === null) return na('needs company.operatingMargin in revhealth.config.json');
    const arr = arrGrowth.compute(ds, ctx, shared);
    const yoy = arr.kind === 'na' ? bookingsGrowthYoy.compute(ds, ctx, shared) : null;
    const growth = yoy ?? arr;
    if (growth.kind === 'na') {
      return na(`needs a growth rate: ARR growth ${arr.kind === 'na' ? arr.reason : ''}; bookings growth ${growth.reason}`);
    }
    const basis = yoy ? 'bookings_growth_yoy' : 'arr_growth';
    const notes = [
      arr.kind === 'na'
        ? `growth basis: bookings growth year over year (ARR growth is n/a: ${arr.reason})`
        : 'growth basis: ARR growth (arr_growth)',
    ];
    return value(growth.value + margin, {
      ...(growth.sampleSize !== undefined ? { sampleSize: growth.sampleSize } : {}),
      notes,
      details: { growth: growth.value, growthBasis: basis, operatingMargin: margin },
    });
  },
} satisfies MetricDefinition;

// ---------------------------------------------------------------------------------------------

export const forecastAccuracy = {
  id: 'forecast_accuracy',
  title: 'Forecast accuracy',
  area: 'growth',
  unit: 'ratio',
  definition:
    "How close the bookings forecasts in the config came to what was actually won (HubSpot's definition, dividing by the actual). Every forecast whose period ended on or before the as-of date counts, inside the window or not.",
  formula:
    'mean over past forecast periods of max(0, 1 − |actual − forecast| ÷ actual), actual = won amount closed from the period start to its end (inclusive); periods with actual = 0 are skipped; methodology.forecastAccuracy "forecast" divides by the forecast instead (periods with a 0 forecast skipped)',
  inputs: ['deals'],
  configKeys: ['forecasts', 'methodology.forecastAccuracy'],
  compute(ds, ctx, shared) {
    const forecasts = ctx.profile.forecasts;
    const byForecast = ctx.profile.methodology.forecastAccuracy === 'forecast';
    const methodNote = methodologyNote(ctx.profile.methodology, 'forecastAccuracy');
    if (forecasts.length === 0) return na('needs forecasts (start, end, amount) in revhealth.config.json', [methodNote]);
    const missing = requireDeals(ds);
    if (missing) return missing;
    const idx = wonByCloseIndex(ds, shared);
    const notes: string[] = [];
    const details: Record<string, number | string | null> = {};
    let total = 0;
    let used = 0;
    let past = 0;
    for (const f of forecasts) {
      const start = dayFromIso(f.start);
      const end = dayFromIso(f.end);
      const name = f.label ?? `${f.start} to ${f.end}`;
      if (start === null || end === null || end < start) {
        notes.push(`forecast ${name} skipped: its dates do not form a period`);
        continue;
      }
      if (end > ctx.asOf) continue;
      past += 1;
      const actual = rangeSum(idx, start, end).cents;
      let key = `accuracy: ${name}`;
      for (let i = 2; key in details; i += 1) key = `accuracy: ${name} (${i})`;
      const denominator = byForecast ? f.amountCents : actual;
      if (denominator === 0) {
        details[key] = null;
        notes.push(
          byForecast
            ? `forecast ${name} skipped: the forecast is 0, and accuracy divides by the forecast`
            : `forecast ${name} skipped: nothing was won in that period, and accuracy divides by the actual`,
        );
        continue;
      }
      const acc = Math.max(0, 1 - Math.abs(actual - f.amountCents) / denominator);
      details[key] = acc;
      total += acc;
      used += 1;
    }
    notes.push(methodNote);
    if (past === 0) return na('needs a forecast in revhealth.config.json whose period ended on or before the as-of date', [methodNote]);
    if (used === 0) {
      return na(
        byForecast ? 'needs a past forecast period with a forecast above 0: accuracy divides by the forecast' : 'needs a past forecast period with won bookings: accuracy divides by the actual',
        notes,
      );
    }
    return value(total / used, { sampleSize: used, notes, details: { periods: used, ...details } });
  },
} satisfies MetricDefinition;

export const projectionNextQuarter = {
  id: 'projection_next_quarter',
  title: 'Next-quarter projection',
  area: 'growth',
  unit: 'currency',
  definition:
    'A projection (not a forecast commitment) of what the open pipeline will book in the next fiscal quarter, the quarter after the one containing the as-of date: open deals expected to close in it, weighted by their probability when every one of them has one, otherwise by the trailing twelve-month win rate by count.',
  formula:
    'Σ amount × probability over open deals expected to close in the next fiscal quarter (when all have a probability); else Σ amount × win_rate, win_rate = won ÷ (won + lost) by count, closed in the window',
  inputs: ['deals'],
  configKeys: ['company.fiscalYearStartMonth'],
  compute(ds, ctx, shared) {
    const missing = requireDeals(ds);
    if (missing) return missing;
    const next = nextQuarterPipeline(ds, ctx, shared);
    if ('gap' in next) return na(next.gap);
    const { quarter: nq, deals: pipe, cents: pipeCents } = next;
    const notes = ['projection: open pipeline weighted by likelihood, not a committed forecast', ...pipelineReconstructionNotes(ds)];
    const base = { quarter: nq.label, openDeals: pipe.length, openPipeline: toUnits(pipeCents) };
    if (pipe.length === 0) {
      notes.push(`no open deals expected to close in ${nq.label}`);
      return value(0, { sampleSize: 0, notes, details: { ...base, weighting: null } });
    }
    const withProb = pipe.filter((d) => d.probability !== null).length;
    if (withProb === pipe.length) {
      let weighted = 0;
      for (const d of pipe) weighted += d.amountCents * (d.probability as number);
      notes.push('weighted by the probability column');
      return value(toUnits(weighted), { sampleSize: pipe.length, notes, details: { ...base, weighting: 'probability' } });
    }
    const closed = closedDealsInWindow(ds, ctx, shared);
    const won = wonDealsInWindow(ds, ctx, shared).length;
    if (closed.length === 0) {
      return na('needs deals closed (won or lost) in the window for a win rate, or a probability on every open deal');
    }
    const winRate = won / closed.length;
    if (withProb > 0) notes.push(`probability missing on ${pipe.length - withProb} of ${pipe.length} deals: weighted by the win rate instead`);
    notes.push('weighted by the trailing twelve-month win rate by count');
    return value(toUnits(pipeCents * winRate), {
      sampleSize: pipe.length,
      notes,
      details: { ...base, weighting: 'win rate', winRate },
    });
  },
} satisfies MetricDefinition;

// ---------------------------------------------------------------------------------------------

interface AccountRanking {
  /** Accounts by won amount, largest first, ties by name. */
  readonly ranked: readonly { readonly name: string; readonly cents: number }[];
  readonly totalCents: number;
  readonly deals: number;
  readonly dealsWithoutAccount: number;
}

/**
 * Won bookings in the window per account. A deal without an account counts as an account of its
 * own (named after its id or line): grouping them would invent a customer, dropping them would
 * hide bookings from the denominator.
 */
function accountRanking(ds: Dataset, ctx: MetricContext, shared: SharedCache): AccountRanking {
  return shared.get(accountRanking, () => {
    const won = wonDealsInWindow(ds, ctx, shared);
    // one account identity (base/identity): "Acme Inc" and "ACME, Inc." are one customer, shown
    // under the code-unit-smallest spelling
    // summed per raw spelling first (one Map lookup per deal), then the spellings merged by key in
    // the order first met, so the ranking and its ties are those of a per-deal grouping
    interface Group {
      readonly name: string;
      readonly noAccount: boolean;
      cents: number;
    }
    const byLabel = new Map<string, Group>();
    const order: Group[] = [];
    let without = 0;
    let totalCents = 0;
    // the group of a raw spelling, per dictionary code; a spelling met both on a column view and
    // on a plain record gets two groups of one name, merged by key below
    const rawGroup = dictMemo('account', (account): Group | null => {
      if (account === null) return null;
      const g: Group = { name: account, noAccount: false, cents: 0 };
      order.push(g);
      return g;
    });
    for (let di = 0; di < won.length; di++) {
      const d = won[di] as Deal;
      const cents = d.amountCents;
      totalCents += cents;
      let g = rawGroup(d);
      if (g === null) {
        without += 1;
        const name = `(no account: ${dealLabel(d)})`;
        let lg = byLabel.get(name);
        if (lg === undefined) {
          lg = { name, noAccount: true, cents: 0 };
          byLabel.set(name, lg);
          order.push(lg);
        }
        g = lg;
      }
      g.cents += cents;
    }
    const per = new Map<string, { name: string; cents: number }>();
    for (const g of order) {
      const key = g.noAccount ? `\u0000${g.name}` : accountKey(g.name);
      const cur = per.get(key);
      if (cur) {
        cur.cents += g.cents;
        if (compareStrings(g.name, cur.name) < 0) cur.name = g.name;
      } else per.set(key, { name: g.name, cents: g.cents });
    }
    const ranked = [...per.values()]
      .map(({ name, cents }) => ({ name, cents }))
      .sort((a, b) => b.cents - a.cents || compareStrings(a.name, b.name));
    return { ranked, totalCents, deals: won.length, dealsWithoutAccount: without };
  });
}

function concentrationNotes(r: AccountRanking): string[] {
  if (r.dealsWithoutAccount === 0) return [];
  if (r.dealsWithoutAccount === r.deals) return ['no account on any won deal: each deal counts as its own account'];
  return [`${r.dealsWithoutAccount} won deals without an account each count as their own account`];
}

function concentration(ds: Dataset, ctx: MetricContext, shared: SharedCache, top: number): MetricOutcome | { r: AccountRanking; topCents: number } {
  const missing = requireDeals(ds);
  if (missing) return missing;
  const r = accountRanking(ds, ctx, shared);
  if (r.deals === 0) return na(`needs won deals closed in the window (${describeWindow(ctx.window)})`);
  if (r.totalCents === 0) return na('won bookings in the window total 0, nothing to share out');
  let topCents = 0;
  for (const a of r.ranked.slice(0, top)) topCents += a.cents;
  return { r, topCents };
}

export const top10Concentration = {
  id: 'top10_concentration',
  title: 'Top-10 account concentration',
  area: 'growth',
  unit: 'ratio',
  definition:
    'Share of the last twelve months\u2019 won bookings that came from the ten largest accounts: dependence on a few customers. A won deal without an account counts as an account of its own.',
  formula: 'Σ won amount of the 10 accounts with the most won amount in the window ÷ Σ won amount in the window',
  inputs: ['deals'],
  configKeys: [],
  compute(ds, ctx, shared) {
    const c = concentration(ds, ctx, shared, 10);
    if ('kind' in c) return c;
    return value(c.topCents / c.r.totalCents, {
      sampleSize: c.r.deals,
      notes: concentrationNotes(c.r),
      details: { accounts: c.r.ranked.length, top10Bookings: toUnits(c.topCents), totalBookings: toUnits(c.r.totalCents) },
    });
  },
} satisfies MetricDefinition;

export const largestAccountShare = {
  id: 'largest_account_share',
  title: 'Largest account share',
  area: 'growth',
  unit: 'ratio',
  definition:
    'Share of the last twelve months\u2019 won bookings from the single largest account. A won deal without an account counts as an account of its own.',
  formula: 'won amount of the account with the most won amount in the window ÷ Σ won amount in the window',
  inputs: ['deals'],
  configKeys: [],
  compute(ds, ctx, shared) {
    const c = concentration(ds, ctx, shared, 1);
    if ('kind' in c) return c;
    const first = c.r.ranked[0] as { name: string; cents: number };
    return value(c.topCents / c.r.totalCents, {
      sampleSize: c.r.deals,
      notes: concentrationNotes(c.r),
      details: { account: first.name, accountBookings: toUnits(first.cents), totalBookings: toUnits(c.r.totalCents) },
    });
  },
} satisfies MetricDefinition;

export const GROWTH_METRICS: readonly MetricDefinition[] = [
  bookings,
  bookingsGrowthYoy,
  bookingsGrowthQoq,
  arrGrowth,
  ruleOf40,
  forecastAccuracy,
  projectionNextQuarter,
  top10Concentration,
  largestAccountShare,
];
