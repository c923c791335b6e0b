/**
 * Plans written for this company (issue 18), for the patterns tailor.ts does not cover: every
 * Path and Process step names what it acts on (segment, channel, rep, reason, quarter, account,
 * period) with the company's own numbers, and sets targets better than today. Each tailor reads
 * only what its pattern's detection put in the finding's metrics, plus the engines, the funnel and
 * the loss reasons; KPI lines already resolved against the benchmarks are kept (they carry "now").
 *
 * pipeline_starvation and slowing_velocity are tailored in tailor-pipeline.ts.
 *
 * Pure: a finding and the pattern input in, a finding out. Also holds what the tailor files share
 * (Tailor, num, withOwners).
 */
import { formatValue } from '../base/format.js';
import { LOSS_CATEGORY_LABELS, type LossCategory } from '../base/labels.js';
import type { FunnelRow } from '../metrics/channel-funnel.js';
import type { Owner } from '../rules/schema.js';
import { segmentReads } from './engines-read.js';
import { fmtDays as days, fmtX as x2 } from './patterns/kit.js';
import { pct, type PatternInput } from './signals.js';
import type { Finding, ProcessStep } from './types.js';

export type Tailor = (f: Finding, input: PatternInput) => Finding;

const months = (v: number): string => formatValue(v, 'months');
/** A finding's metric value when it is a finite number. */
export const num = (f: Finding, key: string): number | null => {
  const v = f.metrics[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};
const kpiOf = (f: Finding, i: number, fallback: string): string => f.process[i]?.kpi ?? fallback;
/** A KPI the benchmark resolver turned into "(today; benchmark … met: hold)": no target better than today. */
const held = (kpi: string): boolean => /met: hold\)/.test(kpi);

/**
 * The source (or owner) KPI on deals: a target better than today, or, when every deal already
 * carries one, what to keep and why. Above the good point: back under it; under it: on every deal.
 */
function fieldKpi(input: PatternInput, rule: 'missing_source_share' | 'missing_owner_share', field: string, why: string): string | null {
  const share = input.value(rule);
  const missing = input.num(rule, 'missing');
  const deals = input.num(rule, 'deals');
  if (share === null) return null;
  const good = input.threshold({ rule, point: 'good' });
  if (good !== null && share > good) return `deals without ${field === 'source' ? 'a source' : 'an owner'} ≤ ${pct(good)} (now ${pct(share)})`;
  if (share > 0) return `${field} on 100% of deals (now ${pct(1 - share)}${missing === null ? '' : `, ${missing} without`})`;
  return `keep ${field} required: set on all ${deals === null ? '' : `${deals} `}deals today, ${why}`;
}

/** The finding's owners with `owners` added after them (no repeats). */
export function withOwners(f: Finding, owners: readonly Owner[]): Owner[] {
  const out = [...f.owners];
  for (const o of owners) if (!out.includes(o)) out.push(o);
  return out;
}

/** Paid funnel rows that won at least one customer, cheapest cost per win first. */
function paidByCostPerWin(input: PatternInput): FunnelRow[] {
  const rows = input.cro.funnel?.rows ?? [];
  return rows.filter((r) => r.paid && r.costPerWon !== null && r.won > 0).sort((a, b) => (a.costPerWon as number) - (b.costPerWon as number));
}

/** The material segment engine with the best win rate, and the one with the worst. */
function winRateEnds(input: PatternInput): { best: { label: string; winRate: number } | null; worst: { label: string; winRate: number } | null } {
  const es = segmentReads(input)
    .map((r) => r.engine)
    .filter((e) => e.winRate !== null && !e.small)
    .sort((a, b) => (b.winRate as number) - (a.winRate as number));
  const first = es[0];
  const last = es.length > 1 ? es[es.length - 1] : undefined;
  return {
    best: first === undefined ? null : { label: first.label, winRate: first.winRate as number },
    worst: last === undefined ? null : { label: last.label, winRate: last.winRate as number },
  };
}

// ---------------------------------------------------------------------------------------------
// expensive_growth: the CAC to reach, the channel to cap, the ARR per customer that pays back

const expensiveGrowth: Tailor = (f, input) => {
  const cac = num(f, 'cac');
  const benchCac = num(f, 'benchmark_cac');
  const n = num(f, 'cac.newCustomers');
  const arpc = num(f, 'cac_payback_months.avgNewArrPerCustomer');
  const gm = num(f, 'cac_payback_months.grossMargin');
  const payback = num(f, 'cac_payback_months');
  const good = num(f, 'benchmark.cac_payback_months.good');
  if (cac === null || benchCac === null || n === null || arpc === null || gm === null || payback === null || good === null || gm <= 0) return f;
  const paid = paidByCostPerWin(input);
  const worst = paid.length > 1 ? paid[paid.length - 1] : undefined;
  const best = paid.length > 1 ? paid[0] : undefined;
  // the new ARR per customer that would pay today's CAC back in the benchmark's good months
  const arpcNeeded = (cac * 12) / (good * gm);
  const over = Math.max(0, (cac - benchCac) * n);
  const first: ProcessStep =
    worst !== undefined && best !== undefined
      ? {
          by: 30,
          owner: 'Marketing',
          step: `Break the ${input.money(cac)} CAC down by channel: ${worst.channel} costs ${input.money(worst.costPerWon as number)} per won customer (${worst.won} wins) against ${input.money(best.costPerWon as number)} for ${best.channel}; cap ${worst.channel} at the campaigns that win at or under ${input.money(benchCac)} per customer.`,
          kpi: `${worst.channel} cost per win ≤ ${input.money(Math.max(benchCac, best.costPerWon as number))} (now ${input.money(worst.costPerWon as number)})`,
        }
      : {
          by: 30,
          owner: 'Marketing',
          step: `Break the ${input.money(cac)} CAC of the ${n} new customers of the last twelve months down by channel and segment, and cap every programme that costs more than ${input.money(benchCac)} per customer (the cost that pays back in ${months(good)}).`,
          kpi: kpiOf(f, 0, `CAC ≤ ${input.money(benchCac)} (now ${input.money(cac)})`),
        };
  const ends = winRateEnds(input);
  const second: ProcessStep = {
    by: 60,
    owner: 'Sales',
    step: `Raise the ARR each new customer brings from ${input.money(arpc)} toward ${input.money(arpcNeeded)}, the size that pays today's CAC back in ${months(good)}: a minimum deal size or price floor${ends.worst !== null ? `, and qualify harder in ${ends.worst.label} (wins ${pct(ends.worst.winRate, 0)})` : ''}.`,
    kpi: `new ARR per customer ≥ ${input.money(arpcNeeded)} (now ${input.money(arpc)})`,
  };
  const third: ProcessStep = {
    by: 90,
    owner: 'Executive',
    step: `Re-plan the sales and marketing budget to buy the next ${n} customers at ≤ ${input.money(benchCac)} each instead of ${input.money(cac)}: about ${input.money(over)} a year of spend beyond the benchmark to recover or redeploy.`,
    kpi: kpiOf(f, 2, `CAC payback ≤ ${months(good)} (now ${months(payback)})`),
  };
  return {
    ...f,
    path: `Buy growth where it pays back: each of the ${n} new customers cost ${input.money(cac)} and takes ${months(payback)} to repay it (benchmark ${months(good)}, ${input.money(benchCac)} per customer)${worst !== undefined ? `; cap ${worst.channel}, the dearest channel at ${input.money(worst.costPerWon as number)} per win` : ''}, and lift new ARR per customer from ${input.money(arpc)} toward ${input.money(arpcNeeded)}.`,
    process: [first, second, third],
  };
};

// ---------------------------------------------------------------------------------------------
// under_investment: how much more to spend, where, and how many more customers it buys

const underInvestment: Tailor = (f, input) => {
  const ltv = num(f, 'ltv_to_cac.ltv');
  const cac = num(f, 'ltv_to_cac.cac');
  const n = num(f, 'cac.newCustomers');
  const top = num(f, 'benchmark.ltv_to_cac.goodMax');
  const headroom = num(f, 'spend_headroom');
  const ratio = num(f, 'ltv_to_cac');
  const payback = num(f, 'cac_payback_months');
  if (ltv === null || cac === null || n === null || top === null || headroom === null || ratio === null || payback === null || top <= 0) return f;
  const maxCac = ltv / top;
  const extra = maxCac > 0 ? Math.floor(headroom / maxCac) : 0;
  const paid = paidByCostPerWin(input);
  const best = paid.slice(0, 2);
  const where = best.length > 0 ? best.map((r) => `${r.channel} (${input.money(r.costPerWon as number)} per win)`).join(' and ') : 'the channels with the shortest payback';
  return {
    ...f,
    path: `Invest ahead of the curve: customers are worth ${input.money(ltv)} and cost ${input.money(cac)} (LTV:CAC ${x2(ratio)}, payback ${months(payback)}); raise acquisition spend by up to ${input.money(headroom)} a year in steps on ${where}, add sales capacity for it, and stop when a customer costs ${input.money(maxCac)} (LTV:CAC ${x2(top)}).`,
    process: [
      {
        by: 30,
        owner: 'Executive',
        step: `Confirm the ${input.money(ltv)} lifetime value on the renewals of the last twelve months, then approve a budget increase of up to ${input.money(headroom)} a year with a stop rule: no channel above ${input.money(maxCac)} per new customer.`,
        // a lower LTV:CAC is not a better one: the KPI is the budget decision, and the ratio is the floor to keep
        kpi: `budget increase of up to ${input.money(headroom)} a year approved with its stop rule (today none); LTV:CAC kept ≥ ${x2(top)} as spend rises (now ${x2(ratio)}), the top of the healthy band: below it growth is bought too dear`,
      },
      {
        by: 60,
        owner: 'Marketing',
        step:
          best.length > 0
            ? `Raise spend in monthly steps on ${where}; watch cost per SQL for saturation (today ${best.map((r) => `${r.channel} ${r.costPerSql === null ? 'n/a' : input.money(r.costPerSql)}`).join(', ')}).`
            : `Raise spend in monthly steps on the channels that pay back fastest (blended payback ${months(payback)} today); watch cost per opportunity for saturation.`,
        kpi: `new customers ≥ ${n + Math.max(1, Math.floor(extra / 2))} a year at ≤ ${input.money(maxCac)} each by day 60 (now ${n} at ${input.money(cac)})`,
      },
      {
        by: 90,
        owner: 'Sales',
        step: `Hire and ramp reps ahead of the added pipeline: the headroom buys up to ${extra} more customers a year on top of today's ${n}, so capacity must grow with it.`,
        kpi: `new customers ≥ ${n + Math.max(1, extra)} a year (now ${n})`,
      },
    ],
  };
};

// ---------------------------------------------------------------------------------------------
// marketing_sales_disconnect: the leads, the channel whose hand-off leaks, the source gap

const disconnect: Tailor = (f, input) => {
  const rate = num(f, 'lead_to_opportunity_rate');
  const leads = num(f, 'lead_to_opportunity_rate.leads');
  const pass = num(f, 'benchmark.lead_to_opportunity_rate.pass');
  if (rate === null || leads === null || pass === null) return f;
  const opps = Math.round(rate * leads);
  const target = Math.ceil(pass * leads - 1e-9);
  const missing = input.value('missing_source_share');
  const missingN = input.num('missing_source_share', 'missing');
  const rows = (input.cro.funnel?.rows ?? []).filter((r) => r.sqls !== null && r.sqls > 0 && r.sqlToOpportunity !== null);
  const leak = [...rows].sort((a, b) => (a.sqlToOpportunity as number) - (b.sqlToOpportunity as number))[0];
  const best = [...rows].sort((a, b) => (b.sqlToOpportunity as number) - (a.sqlToOpportunity as number))[0];
  const leakText =
    leak !== undefined && best !== undefined && leak !== best
      ? `${leak.channel} turns ${pct(leak.sqlToOpportunity as number)} of its ${leak.sqls} SQLs into opportunities against ${pct(best.sqlToOpportunity as number)} for ${best.channel}`
      : null;
  return {
    ...f,
    path: `Run marketing and sales as one funnel: ${leads} leads gave about ${opps} opportunities (${pct(rate)}; ${target} at the ${pct(pass)} pass point)${leakText === null ? '' : `, and ${leakText}`}; one written definition per stage, a follow-up service level on every lead, a source on every deal${missing !== null ? ` (${pct(missing)} carry none today)` : ''}, one shared pipeline target.`,
    process: [
      {
        by: 30,
        owner: 'RevOps',
        step: `Write one lead → MQL → SQL → opportunity definition with a 24-hour first-touch service level, and make source required${missingN !== null && missing !== null ? `: ${missingN} deals (${pct(missing)}) carry no source today` : ''}.`,
        kpi: fieldKpi(input, 'missing_source_share', 'source', 'the funnel by channel rests on it') ?? 'source on 100% of new deals',
      },
      {
        by: 60,
        owner: 'Marketing',
        step:
          leak !== undefined && leakText !== null
            ? `Review ${leak.channel} with sales every week: ${leak.sqls} SQLs gave ${leak.opportunities} opportunities; agree why sales rejects them, and feed the reasons back into ${leak.channel} targeting.`
            : `Review the ${leads} leads by source with sales every week; cut the sources whose leads never become one of the ${opps} opportunities, and feed disqualification reasons back into targeting.`,
        kpi: kpiOf(f, 1, `lead-to-opportunity ≥ ${pct(pass)} (now ${pct(rate)})`),
      },
      {
        by: 90,
        owner: 'Executive',
        step: `Give marketing and sales one shared pipeline target: ${target} opportunities from the same ${leads} leads (about ${opps} today), in one report.`,
        // the template's second clause (pipeline per marketing dollar ≥ its good point) carries no "now" and
        // can sit below today's value: the KPI is the step's shared target, counted against today's
        kpi: `opportunities ≥ ${target} from the same ${leads} leads, lead-to-opportunity ${pct(pass)} (now about ${opps}, ${pct(rate)})`,
      },
    ],
  };
};

// ---------------------------------------------------------------------------------------------
// customer_concentration: the account, and how much other bookings must grow to dilute it

const concentration: Tailor = (f, input) => {
  const largest = num(f, 'largest_account_share');
  const top10 = num(f, 'top10_concentration');
  const total = num(f, 'largest_account_share.totalBookings') ?? num(f, 'top10_concentration.totalBookings');
  const account = input.text('largest_account_share', 'account');
  const goodLargest = input.threshold({ rule: 'largest_account_share', point: 'good' });
  if (largest === null || total === null || account === null || goodLargest === null || goodLargest <= 0) return f;
  const amount = largest * total;
  const dilute = Math.max(0, amount / goodLargest - total);
  const grows = segmentReads(input).find((r) => r.growth === 'grows')?.engine.label;
  return {
    ...f,
    path: `De-risk the revenue base: ${account} brought ${pct(largest)} of won bookings (${input.money(amount)} of ${input.money(total)})${top10 !== null ? ` and the ten largest accounts ${pct(top10)}` : ''}; protect ${account} with an executive sponsor and an early renewal, and grow the rest of the base by ${input.money(dilute)} so ${account} falls to ${pct(goodLargest, 0)}.`,
    process: [
      {
        by: 30,
        owner: 'Customer Success',
        step: `Executive sponsor and a business review for ${account} (${input.money(amount)} of bookings) and the other largest accounts${top10 !== null ? ` (${pct(top10)} of bookings together)` : ''}; map each renewal date and risk.`,
        kpi: `${account} and every top-10 account with a sponsor and a renewal plan`,
      },
      {
        by: 60,
        owner: 'Sales',
        step: `Build new-logo pipeline${grows !== undefined ? ` in ${grows}` : ' below the largest accounts'}: ${input.money(dilute)} more bookings from other accounts bring ${account} from ${pct(largest)} to ${pct(goodLargest, 0)} of the total.`,
        kpi: kpiOf(f, 1, `${account}'s share ≤ ${pct(goodLargest, 0)} (now ${pct(largest)})`),
      },
      {
        by: 90,
        owner: 'Executive',
        step: `Concentration policy: multi-year terms and pricing for ${account}, and a plan that survives losing it (${input.money(amount)} of bookings).`,
        kpi: kpiOf(f, 2, `largest ≤ ${pct(goodLargest, 0)}`),
      },
    ],
  };
};

// ---------------------------------------------------------------------------------------------
// expansion_gap: the base, the expansion ARR to add, the segment that expands least

const expansion: Tailor = (f, input) => {
  const nrr = num(f, 'nrr');
  const grr = num(f, 'grr');
  const base = num(f, 'nrr.arrBefore');
  const good = num(f, 'benchmark.nrr.good');
  if (nrr === null || grr === null || base === null || good === null) return f;
  const pass = input.threshold({ rule: 'nrr', point: 'pass' }) ?? good;
  const expansionArr = input.num('nrr', 'expansionArr');
  const toPass = Math.max(0, (pass - nrr) * base);
  const toGood = Math.max(0, (good - nrr) * base);
  const segs = segmentReads(input)
    .map((r) => r.engine)
    .filter((e) => e.nrr !== null && e.renewals > 0)
    .sort((a, b) => (a.nrr as number) - (b.nrr as number));
  const low = segs.length > 1 ? segs[0] : undefined;
  // the first KPI carries today's value: expansion share when measured, else the expansion ARR itself
  const template = f.process[0]?.kpi ?? '';
  const expansionKpi =
    input.value('expansion_share') !== null && template.includes('(now ') && !held(template)
      ? template
      : expansionArr !== null
        ? `expansion ARR ≥ ${input.money(expansionArr + toPass)} a year (now ${input.money(expansionArr)})`
        : `expansion ARR ≥ ${input.money(toPass)} a year (now not measured: the renewals carry no expansion amount)`;
  return {
    ...f,
    owners: withOwners(f, ['Executive']),
    path: `Build an expansion motion on a base that stays (GRR ${pct(grr)}): NRR is ${pct(nrr)} against ${pct(good)}${expansionArr !== null ? `, expansion added ${input.money(expansionArr)}` : ''} on ${input.money(base)} up for renewal; at the benchmark it would add ${input.money(toGood)} more a year${low !== undefined ? `, starting with ${low.label} (NRR ${pct(low.nrr as number)})` : ''}.`,
    process: [
      {
        by: 30,
        owner: 'Customer Success',
        step: `List the accounts in the ${input.money(base)} renewal base${low !== undefined ? `, ${low.label} first (${low.renewals} renewals, NRR ${pct(low.nrr as number)})` : ''}, with seat or usage headroom and no expansion in twelve months; give each an expansion owner.`,
        kpi: expansionKpi,
      },
      {
        by: 60,
        owner: 'Sales',
        step: `Upsell packages, cross-sell and price reviews at renewal, with an expansion quota of ${input.money(toPass)} a year on top of today's${expansionArr !== null ? ` ${input.money(expansionArr)}` : ''} (what NRR ${pct(pass)} needs).`,
        kpi: kpiOf(f, 1, `NRR ≥ ${pct(pass)} (now ${pct(nrr)})`),
      },
      {
        by: 90,
        owner: 'Executive',
        step: `Make NRR a company goal (${pct(nrr)} today, ${pct(good)} target: ${input.money(toGood)} of ARR a year) and tie customer-success and account-manager pay to it.`,
        kpi: kpiOf(f, 2, `NRR ≥ ${pct(good)} (now ${pct(nrr)})`),
      },
    ],
  };
};

// ---------------------------------------------------------------------------------------------
// unreliable_forecast: the periods that missed, by how much

const forecast: Tailor = (f, input) => {
  const acc = num(f, 'forecast_accuracy');
  if (acc === null) return f;
  const periods: { label: string; actual: number; forecast: number }[] = [];
  for (const [k, v] of Object.entries(f.metrics)) {
    if (!k.startsWith('actual: ') || typeof v !== 'number') continue;
    const label = k.slice(8);
    const fc = f.metrics[`forecast: ${label}`];
    if (typeof fc === 'number') periods.push({ label, actual: v, forecast: fc });
  }
  const reps = input.num('rep_concentration', 'owners');
  const worst = [...periods].sort((a, b) => Math.abs(b.actual - b.forecast) - Math.abs(a.actual - a.forecast))[0];
  const miss = periods.reduce((t, p) => t + Math.abs(p.actual - p.forecast), 0);
  const worstText = worst === undefined ? null : `${worst.label}: forecast ${input.money(worst.forecast)}, booked ${input.money(worst.actual)}`;
  return {
    ...f,
    path: `Make the forecast a process, not an opinion: forecasts averaged ${pct(acc)} accuracy${worstText === null ? '' : ` (worst ${worstText})`}; defined categories with evidence for commit, weekly snapshots, accuracy per rep, and plans built on the commit number.`,
    process: [
      {
        by: 30,
        owner: 'Sales',
        step: `Define commit, best case and pipeline with the evidence commit needs; ${reps === null ? 'every rep submits' : `all ${reps} reps submit`} weekly${worstText === null ? '' : `, reviewed against ${worstText}`}.`,
        kpi: kpiOf(f, 0, `forecast accuracy ≥ ${pct(acc)}`),
      },
      {
        by: 60,
        owner: 'RevOps',
        step: `Snapshot the forecast weekly and measure accuracy per rep and per category, so the ${pct(acc)} average${periods.length > 0 ? ` over ${periods.length} period${periods.length === 1 ? '' : 's'}` : ''} can be traced to who and which category missed.`,
        kpi: kpiOf(f, 1, `forecast accuracy ≥ ${pct(acc)}`),
      },
      {
        by: 90,
        owner: 'Executive',
        step: `Plan hiring and spend on the commit number and review the variance every quarter${periods.length > 0 ? `; the last ${periods.length} period${periods.length === 1 ? '' : 's'} missed by ${input.money(miss)} in total` : ''}.`,
        kpi: kpiOf(f, 2, `forecast accuracy ≥ ${pct(acc)}`),
      },
    ],
  };
};

// ---------------------------------------------------------------------------------------------
// data_blind_spots: the rows, fields and days actually missing

const blindSpots: Tailor = (f, input) => {
  const rejected = input.value('rejected_row_rate');
  const rejectedN = input.num('rejected_row_rate', 'rejected');
  const read = input.num('rejected_row_rate', 'read');
  const src = input.value('missing_source_share');
  const srcN = input.num('missing_source_share', 'missing');
  const own = input.value('missing_owner_share');
  const ownN = input.num('missing_owner_share', 'missing');
  const deals = input.num('missing_source_share', 'deals') ?? input.num('missing_owner_share', 'deals');
  const freshDays = input.value('data_freshness_days');
  const freshGood = input.threshold({ rule: 'data_freshness_days', point: 'good' });
  // the export's age is named only when it is itself a blind spot
  const fresh = freshDays !== null && (freshGood === null || freshDays > freshGood) ? freshDays : null;
  const gaps: string[] = [];
  if (rejected !== null && rejectedN !== null && read !== null && rejectedN > 0) gaps.push(`${rejectedN} of ${read} rows rejected (${pct(rejected)})`);
  if (src !== null && srcN !== null && srcN > 0) gaps.push(`${srcN}${deals === null ? '' : ` of ${deals}`} deals without a source`);
  if (own !== null && ownN !== null && ownN > 0) gaps.push(`${ownN}${deals === null ? '' : ` of ${deals}`} without an owner`);
  if (fresh !== null) gaps.push(`an export ${Math.round(fresh)} days old`);
  if (gaps.length === 0) return f;
  const fieldKpis = [
    fieldKpi(input, 'missing_source_share', 'source', 'the channel views rest on it'),
    fieldKpi(input, 'missing_owner_share', 'owner', 'the rep views rest on it'),
  ].filter((k): k is string => k !== null);
  return {
    ...f,
    path: `Make the data trustworthy enough to run the business on: ${gaps.join(', ')}; fix them at the source, require source and owner in the CRM, and run this audit monthly.`,
    process: [
      {
        by: 30,
        owner: 'RevOps',
        step:
          rejectedN !== null && read !== null && rejectedN > 0
            ? `Fix the export: correct the ${rejectedN} rejected row${rejectedN === 1 ? '' : 's'} of ${read} at the source (list them with --rejects) and map any missing columns.`
            : srcN !== null && srcN > 0
              ? `Fix the export: find where the deal source lives in the CRM (lead source, campaign, UTM) and add it to the export; ${srcN}${deals === null ? '' : ` of ${deals}`} deals arrive without one today.`
              : `Fix the export: no rows are rejected today, so map the missing fields${ownN !== null && ownN > 0 ? ` (owner is missing on ${ownN} deals)` : ''}${fresh !== null ? ` and refresh the ${Math.round(fresh)}-day-old export` : ''}.`,
        kpi:
          rejectedN !== null && read !== null && rejectedN > 0
            ? held(kpiOf(f, 0, '')) || f.process[0] === undefined
              ? `0 rejected rows on the next export (now ${rejectedN} of ${read})`
              : kpiOf(f, 0, '')
            : src !== null && srcN !== null && srcN > 0
              ? `source on ≥ ${pct(1 - (input.threshold({ rule: 'missing_source_share', point: 'good' }) ?? 0))} of deals (now ${pct(1 - src)})`
              : ownN !== null && ownN > 0
                ? (fieldKpi(input, 'missing_owner_share', 'owner', 'the rep views rest on it') ?? `owner on every deal (now ${ownN} without)`)
                : fresh !== null && freshGood !== null
                  ? `export at most ${days(freshGood)} old (now ${days(fresh)})`
                  : `the fields the audit needs mapped in the export (today: ${gaps.join(', ')})`,
      },
      {
        by: 60,
        owner: 'RevOps',
        step:
          (srcN ?? 0) + (ownN ?? 0) === 0 && rejectedN !== null && rejectedN > 0
            ? `Move the checks that rejected ${rejectedN} of ${read} rows into the CRM (required fields, formats, valid dates and amounts) so new records arrive clean; keep source and owner required${deals === null ? '' : ` (set on all ${deals} deals today)`}.`
            : `Make source and owner required fields and backfill${srcN !== null && srcN > 0 ? ` the ${srcN} deals without a source` : ''}${ownN !== null && ownN > 0 ? `${srcN !== null && srcN > 0 ? ' and' : ''} the ${ownN} without an owner` : ''}${(srcN ?? 0) + (ownN ?? 0) === 0 ? ` open deals as they move${fresh !== null ? `, and schedule a daily export (today's is ${Math.round(fresh)} days old)` : ''}` : ''}.`,
        kpi: fieldKpis.length > 0 ? fieldKpis.join('; ') : kpiOf(f, 1, 'source and owner on 100% of deals'),
      },
      {
        by: 90,
        owner: 'Executive',
        step: `Run this audit monthly in CI on a fresh export and hold each function to its fields (Marketing to source, Sales to owner and amount) until none of today's gaps remain: ${gaps.join(', ')}.`,
        kpi: `${fresh !== null && freshGood !== null ? `export at most ${days(freshGood)} old (now ${days(fresh)}); ` : ''}none of today's gaps left at the monthly audit (now ${gaps.length}: ${gaps.join(', ')})`,
      },
    ],
  };
};

// ---------------------------------------------------------------------------------------------
// growth_profit_imbalance: which side is short, by how much, on what base

const rule40: Tailor = (f, input) => {
  const r40 = num(f, 'rule_of_40');
  const growth = num(f, 'rule_of_40.growth');
  const margin = num(f, 'rule_of_40.operatingMargin');
  const base = num(f, 'revenue_base');
  const good = num(f, 'benchmark.rule_of_40.good');
  if (r40 === null || growth === null || margin === null || good === null) return f;
  const gap = good - r40;
  const marginSide = margin < 0;
  const money = base === null ? null : Math.max(0, gap * base);
  const payback = input.value('cac_payback_months');
  const worst = paidByCostPerWin(input).at(-1);
  const best = paidByCostPerWin(input)[0];
  const nrr = input.value('nrr');
  const growthLevers = [
    ...(nrr !== null ? [`expansion of the installed base (NRR ${pct(nrr)})`] : []),
    ...(best !== undefined && best !== worst ? [`${best.channel} (${input.money(best.costPerWon as number)} per won customer)`] : []),
  ];
  const slowest = worst !== undefined ? `${worst.channel} (${input.money(worst.costPerWon as number)} per won customer)` : payback !== null ? `the programmes behind today's ${months(payback)} CAC payback` : null;
  const lever = marginSide
    ? `cut the spend that pays back slowest${slowest === null ? `, ${money === null ? '' : `${input.money(money)} a year of cost or `}the growth to match` : `: ${slowest}`}`
    : `reinvest in ${growthLevers.length > 0 ? growthLevers.join(' and ') : `the levers that add growth at a ${pct(margin)} margin`}`;
  return {
    ...f,
    path: `Fix the ${marginSide ? 'margin' : 'growth'} side: growth ${pct(growth)} plus operating margin ${pct(margin)} makes ${pct(r40)}, ${pct(gap)} short of ${pct(good)}${money === null ? '' : ` (${input.money(money)} a year on a ${input.money(base as number)} base)`}; ${lever}.`,
    process: [
      {
        by: 30,
        owner: 'Executive',
        step: `Set the growth and margin mix for the next four quarters that closes the ${pct(gap)} gap: ${marginSide ? `for example operating margin from ${pct(margin)} to ${pct(margin + gap)} at ${pct(growth)} growth, or growth from ${pct(growth)} to ${pct(growth + gap)} at today's margin` : `for example growth from ${pct(growth)} to ${pct(growth + gap)} at a ${pct(margin)} margin`}.`,
        kpi: kpiOf(f, 0, `Rule of 40 ≥ ${pct(good)} (now ${pct(r40)})`),
      },
      {
        by: 60,
        owner: marginSide ? 'Executive' : 'Marketing',
        step: marginSide
          ? `${lever.charAt(0).toUpperCase()}${lever.slice(1)}; keep the spend that pays back within the benchmark.`
          : `Move budget to the most efficient growth: ${lever.replace(/^reinvest in /, '')}, and report the growth it buys monthly.`,
        kpi: kpiOf(f, 1, `Rule of 40 ≥ ${pct(good)}`),
      },
      {
        by: 90,
        owner: 'Executive',
        step: `Re-plan the year to the Rule of 40 (${pct(r40)} today) and report growth and margin to the board every quarter.`,
        kpi: kpiOf(f, 2, `Rule of 40 ≥ ${pct(good)} (now ${pct(r40)})`),
      },
    ],
  };
};

// ---------------------------------------------------------------------------------------------
// competitive_displacement and qualification_gap: the reasons, segments and reps

function lossTailor(category: LossCategory): Tailor {
  return (f, input) => {
    const l = input.cro.losses;
    if (l === null) return f;
    const rows = l.reasons.filter((r) => r.category === category);
    if (rows.length === 0) return f;
    const count = rows.reduce((t, r) => t + r.count, 0);
    const value = rows.reduce((t, r) => t + r.value, 0);
    const top = [...rows].sort((a, b) => b.value - a.value)[0] as (typeof rows)[number];
    const label = LOSS_CATEGORY_LABELS[category];
    const segs = l.bySegment.filter((c) => c.group !== '(none)' && rows.some((r) => r.reason === c.topReason)).sort((a, b) => (b.topShare ?? 0) - (a.topShare ?? 0));
    const reps = l.byOwner.filter((c) => c.group !== '(none)' && rows.some((r) => r.reason === c.topReason) && c.lost >= 20).sort((a, b) => (b.topShare ?? 0) - (a.topShare ?? 0)).slice(0, 2);
    const seg = segs[0];
    const share = num(f, 'losses.leadShare');
    const ends = winRateEnds(input);
    const wr = input.value('win_rate');
    const repText = reps.length > 0 ? `, starting with ${reps.map((c) => `${c.group} (${pct(c.topShare ?? 0, 0)} of their ${input.money(c.lostValue)} lost)`).join(' and ')}` : '';
    const segText = seg === undefined ? '' : ` ${seg.group} loses most on it (${pct(seg.topShare ?? 0, 0)} of its ${input.money(seg.lostValue)} lost).`;
    const shareKpi = share === null ? `${label} share of lost value falling quarter over quarter` : `${label} share of lost value ≤ ${pct(Math.max(0, share - 0.05), 0)} (now ${pct(share)})`;
    if (category === 'competitor') {
      return {
        ...f,
        path: `Win the head-to-head: ${count} deals (${input.money(value)}) were lost to competitors, "${top.reason}" first (${top.count} deals, ${input.money(top.value)}).${segText} Name the competitor on every deal, arm the reps against it, and pick the segments where the company wins${ends.best !== null ? ` (${ends.best.label} wins ${pct(ends.best.winRate, 0)})` : ''}.`,
        process: [
          {
            by: 30,
            owner: 'Sales',
            step: `Review the ${count} competitive losses (${input.money(value)}) deal by deal with the reps who lost them${repText}, and record the competitor on every open deal.`,
            kpi: 'competitor named on 100% of open deals and competitive losses',
          },
          {
            by: 60,
            owner: 'Marketing',
            step: `Battlecards and proof points against "${top.reason}" (${top.count} losses)${seg !== undefined ? `, first for ${seg.group}` : ''}; train every rep.`,
            kpi: shareKpi,
          },
          {
            by: 90,
            owner: 'Executive',
            step:
              ends.best !== null
                ? `Decide where to compete: focus pipeline on ${ends.best.label}, where the company wins ${pct(ends.best.winRate, 0)} of its deals${ends.worst !== null ? `, and stop chasing head-to-head deals in ${ends.worst.label} (${pct(ends.worst.winRate, 0)})` : ''}.`
                : `Decide where to compete: measure the head-to-head win rate by segment${wr === null ? '' : ` against today's ${pct(wr)} overall`} and focus pipeline where it is highest, so fewer deals join the ${count} lost to competitors.`,
            kpi: kpiOf(f, 2, wr === null ? 'win rate up quarter over quarter' : `win rate > ${pct(wr)}`),
          },
        ],
      };
    }
    // no decision / no budget: qualification
    const stale = input.num('stale_pipeline_share', 'count');
    return {
      ...f,
      owners: withOwners(f, ['Executive']),
      path: `Qualify earlier and harder: ${count} deals (${input.money(value)}) ended in ${label}, "${top.reason}" first (${top.count} deals).${segText} A written entry standard for the pipeline (pain, budget, decision process, timing), early disqualification, and the reasons fed back to marketing.`,
      process: [
        {
          by: 30,
          owner: 'RevOps',
          step: `Write the entry standard a deal must meet to enter the pipeline and make its fields required; test it on the ${count} deals lost to ${label}${repText}.`,
          kpi: 'qualification fields on 100% of new deals',
        },
        {
          by: 60,
          owner: 'Sales',
          step: `Inspect every open deal older than the median cycle against the standard${stale !== null ? ` (${stale} stale deals today)` : ''}; close out those without a decision process${seg !== undefined ? `, ${seg.group} first` : ''}, before they join the ${count} deals lost to ${label}.`,
          kpi: kpiOf(f, 1, 'stale share falling'),
        },
        {
          by: 90,
          owner: 'Marketing',
          step: `Feed the "${top.reason}" losses (${input.money(top.value)}) back into targeting and MQL criteria${seg !== undefined ? ` for ${seg.group}` : ''}.`,
          kpi: shareKpi,
        },
      ],
    };
  };
}

export const MORE_TAILORS: Readonly<Record<string, Tailor>> = {
  expensive_growth: expensiveGrowth,
  under_investment: underInvestment,
  marketing_sales_disconnect: disconnect,
  customer_concentration: concentration,
  expansion_gap: expansion,
  unreliable_forecast: forecast,
  data_blind_spots: blindSpots,
  growth_profit_imbalance: rule40,
  competitive_displacement: lossTailor('competitor'),
  qualification_gap: lossTailor('no_decision'),
};
