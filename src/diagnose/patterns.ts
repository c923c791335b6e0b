/**
 * The patterns (SPEC §6 "Pattern"): repeating cycles that limit growth, as declarative detectors.
 *
 * Each pattern is data — id (public API: JSON `findings[].id`, `revhealth explain <id>`), title,
 * owning functions, severity, the metrics it reads, its triggers (thresholds referenced from the
 * rule pack wherever a rule judges the metric, constants with their reasoning where none does),
 * the impact formula in words, the path (the solution) and the 30/60/90-day process — plus one
 * small `detect` that turns the audit's numbers into evidence, the metric values behind it and
 * the annual revenue at stake.
 *
 * Conventions shared by every pattern:
 * - A trigger on a graded metric holds past the rule's `pass` point for the profile's segment:
 *   the value where the rule's score drops below the pass cut-off (80, the midpoint of `good` and
 *   `fair`), so a pattern never fires on a passing rule and always agrees with the grades. The
 *   band between `pass` and `good` is the watch band (near: the rule passes but is not at `good`);
 *   the impact measures the distance to `good`, the benchmark's healthy level. Context triggers
 *   (no watch band) must hold for the pattern to fire or be near.
 * - A pattern whose inputs are n/a neither fires nor is near: it goes to "could not check" with
 *   the data that would unlock it (unless what we do know already rules it out).
 * - `impact.annual` is currency units, rounded to cents; `impact.formula` puts the numbers in,
 *   and `metrics` holds those numbers at full precision so the result is reproducible by hand.
 *   Keys: a metric id for its value, "<metric>.<detail>" for a detail, "benchmark.<rule>.<point>"
 *   for a threshold, and a few pattern-specific derived values named in the formula.
 */
import { formatValue } from '../base/format.js';
import { channelCacRows } from '../base/details.js';
import { addMonths, dayFromIso, fiscalQuarterLabel, fiscalQuarterOf, isoFromDay, monthKey, type Window } from '../base/time.js';
import type { DayNumber } from '../base/model.js';
import type { Finding, ImpactKind } from './types.js';
import { LOSS_REASON_PATTERNS } from './patterns/loss-reasons.js';
import type { Detection, Pattern } from './patterns/kit.js';
import {
  cents,
  evaluateTriggers,
  nearNote,
  pct,
  type PatternInput,
  type Trigger,
  type TriggerEval,
} from './signals.js';

// ---------------------------------------------------------------------------------------------
// Types: the pattern kit (patterns/kit.ts)

export type { Detection, Pattern, ProcessTemplate } from './patterns/kit.js';

type Impact = Finding['impact'];
type Metrics = Record<string, number | null>;

interface Assessment {
  readonly evidence: readonly string[];
  readonly metrics: Metrics;
  readonly impact: Impact;
}

type PatternDef = Omit<Pattern, 'detect'>;

/** Reads a trigger evaluation by metric id (first non-custom trigger on that metric). */
type EvalOf = (metric: string) => TriggerEval;

// ---------------------------------------------------------------------------------------------
// Helpers

const QUIET: Omit<Detection, 'fired' | 'near' | 'missing'> = { evidence: [], note: null, metrics: {}, impact: { annual: null, formula: '' } };

function clear(): Detection {
  return { fired: false, near: false, missing: null, ...QUIET };
}
function notChecked(missing: string): Detection {
  return { fired: false, near: false, missing, ...QUIET };
}
function watch(note: string, metrics: Metrics = {}): Detection {
  return { fired: false, near: true, missing: null, ...QUIET, note, metrics };
}
function fired(a: Assessment): Detection {
  return { fired: true, near: false, missing: null, note: null, ...a };
}

/** Impact with the formula; annual rounded to cents, never negative. */
function impact(annual: number | null, formula: string): Impact {
  return { annual: annual === null ? null : cents(Math.max(0, annual)), formula };
}

/**
 * A risk: revenue exposed to an event, times the stated likelihood of that event in a year.
 * `formula` shows how the exposure was computed; the likelihood and its reason are appended.
 */
function riskImpact(input: PatternInput, exposure: number, likelihood: number, why: string, formula: string): Impact {
  const e = cents(Math.max(0, exposure));
  const annual = cents(e * likelihood);
  return {
    annual,
    exposure: e,
    likelihood,
    formula: `exposure ${formula} = ${input.exact(e)}; × likelihood ${pct(likelihood, 1)} (${why}) = ${input.exact(annual)} a year`,
  };
}

function noImpact(why: string): Impact {
  return { annual: null, formula: `not estimated: ${why}` };
}

/**
 * The usual detect: evaluate the triggers; n/a → could not check; near → a watch item; fired →
 * the pattern's own assessment (evidence, metrics, impact).
 */
function standard(def: PatternDef, assess: (input: PatternInput, ev: EvalOf) => Assessment): Pattern {
  return {
    ...def,
    detect(input) {
      const out = evaluateTriggers(def.triggers, input);
      if (out.status === 'na') return notChecked(out.missing ?? 'inputs are n/a');
      if (out.status === 'clear') return clear();
      if (out.status === 'near') return watch(nearNote(out.evals, input));
      const ev: EvalOf = (metric) => {
        const e = out.evals.find((x) => x.trigger.metric === metric);
        if (e === undefined) throw new Error(`pattern ${def.id}: no trigger on ${metric}`);
        return e;
      };
      return fired(assess(input, ev));
    },
  };
}

/** Threshold of a rule point for the segment; the metric is keyed "benchmark.<rule>.<point>". */
function bench(input: PatternInput, rule: string, point: 'good' | 'fair' | 'poor' | 'goodMax' | 'pass'): number | null {
  return input.threshold({ rule, point });
}

function segmentName(input: PatternInput): string {
  return input.profile.segment === 'mixed' ? 'all-segment' : input.profile.segment;
}

const fmtDays = (d: number): string => formatValue(d, 'days');
const fmtX = (x: number): string => formatValue(x, 'multiple');

// ---------------------------------------------------------------------------------------------
// leaky_bucket

/** A renewal segment label ("SMB", "Mid-Market"...) as a rule segment key, or null. */
export function segmentKeyOf(label: string): 'smb' | 'mid-market' | 'enterprise' | null {
  const k = label.toLowerCase().replace(/[^a-z]/g, '');
  if (k === 'smb' || k === 'small' || k === 'smallbusiness' || k === 'smbs') return 'smb';
  if (k === 'midmarket' || k === 'mm' || k === 'mid' || k === 'midsize' || k === 'mme') return 'mid-market';
  if (k === 'enterprise' || k === 'ent' || k === 'large' || k === 'strategic') return 'enterprise';
  return null;
}

interface SegmentGrr {
  readonly label: string;
  readonly grr: number;
  readonly renewals: number;
  readonly pass: number | null;
  readonly good: number | null;
}

/** Per-segment GRR from the grr details, each with its own segment's thresholds. */
function segmentGrrs(input: PatternInput): SegmentGrr[] {
  const d = input.details('grr');
  if (d === null) return [];
  const out: SegmentGrr[] = [];
  for (const key of Object.keys(d).sort()) {
    if (!key.endsWith('.grr')) continue;
    const label = key.slice(0, -4);
    const grr = d[key];
    const renewals = d[`${label}.renewals`];
    if (typeof grr !== 'number' || typeof renewals !== 'number') continue;
    const seg = segmentKeyOf(label) ?? input.profile.segment;
    out.push({ label, grr, renewals, pass: input.threshold({ rule: 'grr', point: 'pass' }, seg), good: input.threshold({ rule: 'grr', point: 'good' }, seg) });
  }
  return out;
}

const LEAKY_TRIGGERS: readonly Trigger[] = [
  {
    metric: 'bookings_growth_yoy',
    op: 'atLeast',
    at: { rule: 'bookings_growth_yoy', point: 'fair' },
    label: 'bookings growth year over year at or above the benchmark median (the company sells well)',
  },
  {
    metric: 'grr',
    op: 'below',
    at: { rule: 'grr', point: 'pass' },
    near: { rule: 'grr', point: 'good' },
    label: 'gross revenue retention below the segment pass point',
  },
  {
    metric: 'grr',
    detail: '<segment>.renewals',
    op: 'atLeast',
    at: { value: 20, unit: 'count', why: 'sample-size floor (our choice): a renewal segment is judged on its own GRR only with at least 20 renewals in the window' },
    label: "segment check: when overall GRR passes, a renewal segment below its own segment's pass point makes a watch item",
    subject: 'renewals of the segment',
    custom: true,
  },
];

const leakyBucket = {
  id: 'leaky_bucket',
  title: 'Leaky bucket: strong selling, weak retention',
  description:
    'New bookings grow at a healthy pace while gross revenue retention sits below the floor for the segment: the company refills a bucket that keeps leaking, so growth costs more every year.',
  area: 'retention',
  owners: ['Customer Success', 'Executive'],
  severity: 'critical',
  requires: ['bookings_growth_yoy', 'grr'],
  triggers: LEAKY_TRIGGERS,
  impactFormula: '(GRR good point for the segment − GRR) × ARR up for renewal in the window: the ARR a year that lifting GRR to the segment floor would keep.',
  path:
    'Fix retention before buying more growth: find why customers leave (reason by lost ARR), build a renewal desk and health score around the segment that churns most, and stop acquiring customers the product does not keep.',
  process: [
    { by: 30, owner: 'Customer Success', step: 'Tag every churned and contracted account of the last twelve months with its reason (fit, onboarding, product gap, champion left, price) and rank the reasons by lost ARR.', kpi: 'churn reason on 100% of lost ARR' },
    { by: 60, owner: 'Customer Success', step: 'Stand up a health score and a 120-day renewal desk for the segment with the lowest GRR; every at-risk account gets an owner and a save plan.', kpi: 'GRR ≥ {grr.pass}', kpiMetric: 'grr' },
    { by: 90, owner: 'Executive', step: 'Tie acquisition to retention: qualify out the poor-fit profile in marketing and sales, and make GRR a company goal reviewed monthly.', kpi: 'GRR ≥ {grr.good}', kpiMetric: 'grr' },
  ],
} as const satisfies PatternDef;

function detectLeakyBucket(input: PatternInput): Detection {
  const out = evaluateTriggers(LEAKY_TRIGGERS, input);
  const minRenewals = (LEAKY_TRIGGERS[2]?.at as { value: number }).value;
  const segs = segmentGrrs(input).filter((s) => s.renewals >= minRenewals);
  const leaking = segs.filter((s) => s.pass !== null && s.grr < s.pass);
  if (out.status === 'na') return notChecked(out.missing ?? 'inputs are n/a');
  const segText = (list: readonly SegmentGrr[]): string =>
    list.map((s) => `${s.label} ${pct(s.grr)} (${s.renewals} renewals, benchmark ${s.good === null ? 'n/a' : pct(s.good)})`).join(', ');
  if (out.status !== 'fired') {
    const growth = out.evals[0];
    if (out.status === 'near') return watch(nearNote(out.evals, input));
    // Overall GRR is healthy, but a sizeable segment leaks: a watch item, when the company sells well.
    if (growth?.state === 'met' && leaking.length > 0) {
      return watch(`overall GRR passes, but segment GRR is below its own segment pass point: ${segText(leaking)}`);
    }
    return clear();
  }
  const grr = input.value('grr') as number;
  const growth = input.value('bookings_growth_yoy') as number;
  const good = bench(input, 'grr', 'good') as number;
  const fair = bench(input, 'bookings_growth_yoy', 'fair') as number;
  const base = input.num('grr', 'arrBefore');
  const churned = input.num('grr', 'churnedArr');
  const contraction = input.num('grr', 'contractionArr');
  const evidence = [
    `Bookings grew ${pct(growth)} year over year (benchmark median ${pct(fair)}), yet gross revenue retention is ${pct(grr)} against the ${segmentName(input)} benchmark of ${pct(good)}.`,
  ];
  if (base !== null && churned !== null && contraction !== null) {
    evidence.push(`Of ${input.money(base)} ARR up for renewal in the last twelve months, ${input.money(churned)} churned and ${input.money(contraction)} contracted.`);
  }
  if (segs.length > 1) {
    evidence.push(`By segment: ${segText(segs)}${leaking.length > 0 ? `; below its own segment's pass point: ${leaking.map((s) => s.label).join(', ')}` : ''}.`);
  }
  const metrics: Metrics = { bookings_growth_yoy: growth, grr, 'grr.arrBefore': base, 'benchmark.grr.good': good };
  const imp =
    base === null
      ? noImpact('the grr metric has no arrBefore detail (ARR up for renewal)')
      : impact(
          (good - grr) * base,
          `(GRR benchmark ${pct(good, 2)} − GRR ${pct(grr, 2)}) × ARR up for renewal ${input.exact(base)} = ${input.exact(cents(Math.max(0, (good - grr) * base)))}`,
        );
  return fired({ evidence, metrics, impact: imp });
}

// ---------------------------------------------------------------------------------------------
// high_churn: retention judged on its own (renewals or subscriptions alone)

const HIGH_CHURN_TRIGGERS: readonly Trigger[] = [
  {
    metric: 'grr',
    op: 'below',
    at: { rule: 'grr', point: 'fair' },
    near: { rule: 'grr', point: 'pass' },
    label: 'gross revenue retention below the segment fair point',
  },
];

const highChurnDef: PatternDef = {
  id: 'high_churn',
  title: 'High churn: the revenue base is leaking',
  description:
    'Gross revenue retention is below the fair point for the segment, whatever bookings do: a large part of the base leaves or shrinks every year. Read from renewals or subscriptions alone, so it needs no deals file; when bookings grow at the benchmark median or better, the leaky bucket tells the fuller story instead.',
  area: 'retention',
  owners: ['Customer Success', 'Executive', 'Sales'],
  severity: 'critical',
  requires: ['grr'],
  triggers: HIGH_CHURN_TRIGGERS,
  impactFormula: 'loss: (GRR good point for the segment − GRR) × ARR up for renewal in the window: the ARR a year that lifting GRR to the benchmark would keep.',
  path:
    'Find why customers leave before anything else: churn reason by lost ARR, the segment and the deal profile that churn most, and a renewal desk for the accounts at risk; stop selling to the profile the product does not keep.',
  process: [
    { by: 30, owner: 'Customer Success', step: 'Tag every churned and contracted account of the last twelve months with its reason and rank the reasons by lost ARR.', kpi: 'churn reason on 100% of lost ARR' },
    { by: 60, owner: 'Customer Success', step: 'Renewal desk 120 days ahead of every renewal in the segment that churns most, with a save plan per at-risk account.', kpi: 'GRR ≥ {grr.pass}', kpiMetric: 'grr' },
    { by: 90, owner: 'Sales', step: 'Qualify out the customer profile that churns most, and hand every new customer to onboarding with the promises made in the sale.', kpi: 'GRR ≥ {grr.good}', kpiMetric: 'grr' },
  ],
};

function detectHighChurn(input: PatternInput): Detection {
  // when the company sells well, the leaky bucket owns this finding (one finding, one loss)
  const growth = input.value('bookings_growth_yoy');
  const fairGrowth = bench(input, 'bookings_growth_yoy', 'fair');
  if (growth !== null && fairGrowth !== null && growth >= fairGrowth) return clear();
  const out = evaluateTriggers(HIGH_CHURN_TRIGGERS, input);
  if (out.status === 'na') return notChecked(out.missing ?? 'inputs are n/a');
  if (out.status === 'clear') return clear();
  if (out.status === 'near') return watch(nearNote(out.evals, input));
  const grr = input.value('grr') as number;
  const good = bench(input, 'grr', 'good') as number;
  const base = input.num('grr', 'arrBefore');
  const churned = input.num('grr', 'churnedArr');
  const contraction = input.num('grr', 'contractionArr');
  const mrrChurn = input.value('mrr_churn_rate');
  const evidence = [`Gross revenue retention is ${pct(grr)} against the ${segmentName(input)} benchmark of ${pct(good)}.`];
  if (base !== null && churned !== null && contraction !== null) {
    evidence.push(`Of ${input.money(base)} ARR up for renewal in the last twelve months, ${input.money(churned)} churned and ${input.money(contraction)} contracted.`);
  }
  if (mrrChurn !== null) evidence.push(`Monthly MRR churn averages ${pct(mrrChurn)}.`);
  if (growth === null) evidence.push('Bookings are not in the audit (no deals file): retention is judged on its own.');
  const metrics: Metrics = { grr, 'grr.arrBefore': base, 'benchmark.grr.good': good, mrr_churn_rate: mrrChurn };
  const imp =
    base === null
      ? noImpact('the grr metric has no arrBefore detail (ARR up for renewal)')
      : impact((good - grr) * base, `(GRR benchmark ${pct(good, 2)} − GRR ${pct(grr, 2)}) × ARR up for renewal ${input.exact(base)} = ${input.exact(cents(Math.max(0, (good - grr) * base)))}`);
  return fired({ evidence, metrics, impact: imp });
}

// ---------------------------------------------------------------------------------------------
// expensive_growth

const expensiveGrowth = standard(
  {
    id: 'expensive_growth',
    title: 'Expensive growth: customers cost too much to win',
    description:
      'CAC takes longer to pay back than the segment benchmark and lifetime value is under three times CAC: each new customer ties up cash for too long and barely repays its cost.',
    area: 'acquisition',
    owners: ['Marketing', 'Sales', 'Executive'],
    severity: 'critical',
    requires: ['cac_payback_months', 'ltv_to_cac', 'cac'],
    triggers: [
      {
        metric: 'cac_payback_months',
        op: 'above',
        at: { rule: 'cac_payback_months', point: 'pass' },
        near: { rule: 'cac_payback_months', point: 'good' },
        label: 'CAC payback longer than the segment pass point',
      },
      { metric: 'ltv_to_cac', op: 'below', at: { rule: 'ltv_to_cac', point: 'good' }, label: 'LTV:CAC below the lower edge of the healthy band' },
    ],
    impactFormula:
      '(CAC − benchmark CAC) × new customers, where benchmark CAC = good payback months × average new ARR per customer ÷ 12 × gross margin: the S&M spend of the last twelve months beyond what the benchmark payback would need for the same customers.',
    path:
      'Buy growth where it pays back: measure CAC and payback by channel and segment, cut or cap what pays back slowest, and raise the ARR each new customer brings (qualification, pricing, packaging).',
    process: [
      { by: 30, owner: 'Marketing', step: 'Break CAC and payback down by channel and segment; pause or cap the programmes that pay back after {cac_payback_months.poor}.', kpi: 'CAC payback ≤ {cac_payback_months.pass}', kpiMetric: 'cac_payback_months' },
      { by: 60, owner: 'Sales', step: 'Tighten qualification and set a minimum deal size or price floor so each new customer brings more ARR per sales hour.', kpi: 'new ARR per S&M dollar ≥ {new_arr_per_sm_dollar.pass}', kpiMetric: 'new_arr_per_sm_dollar' },
      { by: 90, owner: 'Executive', step: 'Re-plan the sales and marketing budget against payback: fund only channels and segments at or under the benchmark.', kpi: 'CAC payback ≤ {cac_payback_months.good}; LTV:CAC ≥ {ltv_to_cac.good}', kpiMetric: 'cac_payback_months' },
    ],
  },
  (input) => {
    const payback = input.value('cac_payback_months') as number;
    const ltvCac = input.value('ltv_to_cac') as number;
    const good = bench(input, 'cac_payback_months', 'good') as number;
    const cac = input.value('cac');
    const arpc = input.num('cac_payback_months', 'avgNewArrPerCustomer');
    const gm = input.num('cac_payback_months', 'grossMargin');
    const n = input.num('cac', 'newCustomers');
    const evidence = [
      `CAC takes ${formatValue(payback, 'months')} to pay back (${segmentName(input)} benchmark ≤ ${formatValue(good, 'months')}) and LTV:CAC is ${fmtX(ltvCac)} (healthy from ${fmtX(bench(input, 'ltv_to_cac', 'good') as number)}).`,
    ];
    const metrics: Metrics = {
      cac_payback_months: payback,
      ltv_to_cac: ltvCac,
      cac,
      'cac_payback_months.avgNewArrPerCustomer': arpc,
      'cac_payback_months.grossMargin': gm,
      'cac.newCustomers': n,
      'benchmark.cac_payback_months.good': good,
    };
    if (cac === null || arpc === null || gm === null || n === null) {
      return { evidence, metrics, impact: noImpact('CAC, new ARR per customer, gross margin or the new-customer count is n/a') };
    }
    const benchCac = (good * arpc * gm) / 12;
    metrics['benchmark_cac'] = benchCac;
    evidence.push(`Each new customer cost ${input.money(cac)} against ${input.money(benchCac)} at the benchmark payback; ${n} new customers were won in the last twelve months.`);
    const annual = (cac - benchCac) * n;
    return {
      evidence,
      metrics,
      impact: impact(
        annual,
        `(CAC ${input.exact(cac)} − benchmark CAC ${input.exact(benchCac)}) × ${n} new customers = ${input.exact(cents(Math.max(0, annual)))}; benchmark CAC = ${good} months × ${input.exact(arpc)} ÷ 12 × ${pct(gm, 0)} gross margin`,
      ),
    };
  },
);

// ---------------------------------------------------------------------------------------------
// under_investment

const underInvestment = standard(
  {
    id: 'under_investment',
    title: 'Under-investment: efficient growth left on the table',
    description:
      'Customers are worth far more than they cost (LTV:CAC above the healthy band) and CAC pays back fast, while retention holds: the company could spend more on acquisition and still meet the benchmarks.',
    area: 'acquisition',
    owners: ['Executive', 'Marketing', 'Sales'],
    severity: 'info',
    requires: ['ltv_to_cac', 'cac_payback_months', 'grr', 'cac'],
    triggers: [
      {
        metric: 'ltv_to_cac',
        op: 'above',
        at: { rule: 'ltv_to_cac', point: 'passMax' },
        near: { rule: 'ltv_to_cac', point: 'goodMax' },
        label: 'LTV:CAC above the top of the healthy band',
      },
      { metric: 'cac_payback_months', op: 'atMost', at: { rule: 'cac_payback_months', point: 'good' }, label: 'CAC payback within the segment good point' },
      { metric: 'grr', op: 'atLeast', at: { rule: 'grr', point: 'pass' }, label: 'GRR at or above the segment pass point (no leaky bucket to pour customers into)' },
    ],
    impactFormula:
      'spend headroom × new ARR per S&M dollar at the benchmark fair point, where spend headroom = (LTV ÷ the top of the healthy LTV:CAC band − CAC) × new customers: the extra S&M the unit economics allow, at a conservative marginal efficiency.',
    path:
      'Invest ahead of the curve: raise acquisition budget in steps on the channels with the best payback, add sales capacity to absorb the pipeline, and stop when payback or LTV:CAC reach the benchmark.',
    process: [
      { by: 30, owner: 'Executive', step: 'Confirm the unit economics by channel and cohort (LTV rests on the renewals of the last twelve months) and set a budget increase with a stop rule.', kpi: 'LTV:CAC ≤ {ltv_to_cac.goodMax}', kpiMetric: 'ltv_to_cac' },
      { by: 60, owner: 'Marketing', step: 'Raise spend in monthly steps on the channels with the shortest payback; watch for saturation in cost per opportunity.', kpi: 'CAC payback ≤ {cac_payback_months.good}', kpiMetric: 'cac_payback_months' },
      { by: 90, owner: 'Sales', step: 'Hire and ramp reps ahead of the added pipeline so coverage and win rate hold.', kpi: 'magic number ≥ {magic_number.good}', kpiMetric: 'magic_number' },
    ],
  },
  (input) => {
    const ratio = input.value('ltv_to_cac') as number;
    const payback = input.value('cac_payback_months') as number;
    const top = bench(input, 'ltv_to_cac', 'goodMax') as number;
    const efficiency = bench(input, 'new_arr_per_sm_dollar', 'fair');
    const ltv = input.num('ltv_to_cac', 'ltv');
    const cac = input.num('ltv_to_cac', 'cac');
    const n = input.num('cac', 'newCustomers');
    const evidence = [
      `LTV:CAC is ${fmtX(ratio)} (healthy band ${fmtX(bench(input, 'ltv_to_cac', 'good') as number)}–${fmtX(top)}) and CAC pays back in ${formatValue(payback, 'months')}, with GRR ${input.fmt(input.value('grr'), 'ratio')}.`,
    ];
    const metrics: Metrics = {
      ltv_to_cac: ratio,
      cac_payback_months: payback,
      'ltv_to_cac.ltv': ltv,
      'ltv_to_cac.cac': cac,
      'cac.newCustomers': n,
      'benchmark.ltv_to_cac.goodMax': top,
      'benchmark.new_arr_per_sm_dollar.fair': efficiency,
    };
    if (ltv === null || cac === null || n === null || efficiency === null) {
      return { evidence, metrics, impact: noImpact('LTV, CAC, the new-customer count or the new_arr_per_sm_dollar benchmark is n/a') };
    }
    const headroom = (ltv / top - cac) * n;
    metrics['spend_headroom'] = headroom;
    evidence.push(`At ${fmtX(top)} LTV:CAC each new customer could cost up to ${input.money(ltv / top)} instead of ${input.money(cac)}: about ${input.money(headroom)} more S&M a year for ${n} customers.`);
    const annual = headroom * efficiency;
    return {
      evidence,
      metrics,
      impact: impact(
        annual,
        `(LTV ${input.exact(ltv)} ÷ ${top} − CAC ${input.exact(cac)}) × ${n} new customers = ${input.exact(cents(headroom))} spend headroom; × ${efficiency} new ARR per S&M dollar (benchmark fair) = ${input.exact(cents(Math.max(0, annual)))} new ARR a year`,
      ),
    };
  },
);

// ---------------------------------------------------------------------------------------------
// pipeline_starvation

const pipelineStarvation = standard(
  {
    id: 'pipeline_starvation',
    title: 'Pipeline starvation: not enough pipeline for next quarter',
    description: "Open pipeline expected to close next quarter covers too little of the quarter's bookings target: the quarter is lost before it starts.",
    area: 'pipeline',
    owners: ['Sales', 'Marketing'],
    severity: 'critical',
    requires: ['pipeline_coverage', 'win_rate'],
    triggers: [
      {
        metric: 'pipeline_coverage',
        op: 'below',
        at: { rule: 'pipeline_coverage', point: 'pass' },
        near: { rule: 'pipeline_coverage', point: 'good' },
        label: 'next-quarter pipeline coverage below the segment pass point',
      },
    ],
    impactFormula:
      'risk: exposure = (coverage good point − coverage) × next-quarter target, the pipeline missing; × likelihood = win rate, the share of it that would have closed.',
    path:
      'Rebuild the pipeline engine: close the coverage gap for next quarter with targeted outbound, partner and expansion plays, and install a weekly pipeline-creation target so coverage two quarters out never drops below the benchmark.',
    process: [
      { by: 30, owner: 'Sales', step: "Inspect next quarter's pipeline deal by deal and have every rep write a pipeline-generation plan (outbound, partners, expansion) for their share of the gap.", kpi: 'coverage ≥ {pipeline_coverage.pass}', kpiMetric: 'pipeline_coverage' },
      { by: 60, owner: 'Marketing', step: 'Shift budget to the channels that create the most pipeline per dollar and run one campaign into the ideal customer profile.', kpi: 'pipeline per marketing dollar ≥ {pipeline_per_marketing_dollar.good}', kpiMetric: 'pipeline_per_marketing_dollar' },
      { by: 90, owner: 'RevOps', step: 'Set weekly pipeline-creation targets per rep and channel, tracked against coverage for the next two quarters.', kpi: 'coverage ≥ {pipeline_coverage.good}', kpiMetric: 'pipeline_coverage' },
    ],
  },
  (input) => {
    const coverage = input.value('pipeline_coverage') as number;
    const good = bench(input, 'pipeline_coverage', 'good') as number;
    const target = input.num('pipeline_coverage', 'target');
    const open = input.num('pipeline_coverage', 'openPipeline');
    const basis = input.text('pipeline_coverage', 'targetBasis');
    const quarter = input.text('pipeline_coverage', 'quarter') ?? 'next quarter';
    const winRate = input.value('win_rate');
    const evidence = [
      `Open pipeline for ${quarter} is ${open === null ? 'n/a' : input.money(open)}, ${fmtX(coverage)} the target of ${target === null ? 'n/a' : input.money(target)}${basis !== null && basis.startsWith('proxy') ? ` (${basis})` : ''}; the ${segmentName(input)} benchmark is ${fmtX(good)}.`,
    ];
    const metrics: Metrics = { pipeline_coverage: coverage, 'pipeline_coverage.target': target, 'pipeline_coverage.openPipeline': open, win_rate: winRate, 'benchmark.pipeline_coverage.good': good };
    if (target === null || winRate === null) return { evidence, metrics, impact: noImpact('the coverage target or the win rate is n/a') };
    const exposure = (good - coverage) * target;
    return {
      evidence,
      metrics,
      impact: riskImpact(
        input,
        exposure,
        winRate,
        'the win rate: the share of the missing pipeline that would have closed',
        `(coverage target ${fmtX(good)} − coverage ${coverage.toFixed(3)}×) × target ${input.exact(target)}`,
      ),
    };
  },
);

/**
 * Without a configured target, coverage rests on a proxy (last quarter's bookings), and a proxy
 * judged against the benchmark raises false alarms on healthy companies whose bookings are lumpy.
 * So the pattern then also needs the coverage to be well below the company's own history: below
 * this share of the median proxy coverage at the same point of the previous quarters (our choice).
 */
export const STARVATION_HISTORY_SHARE = 0.75;
/**
 * Below this median history the company has never held even half of next quarter's proxy target at
 * this point of a quarter (early in a quarter, with cycles shorter than the horizon, next quarter's
 * pipeline is not built yet): a ratio of small ratios is noise, so starvation is not judged (our choice).
 */
export const STARVATION_MIN_HISTORY = 0.5;

/**
 * The starvation risk is weighed by the win rate: a critical finding never rests on a win rate that
 * is n/a or below its minimum evidence (the impact would read "not estimated"), so the pattern then
 * goes to "could not check" with what would unlock it. A healthy coverage still rules it out.
 */
function detectPipelineStarvation(input: PatternInput): Detection {
  const d = detectStarvationByCoverage(input);
  if (d.fired && input.value('win_rate') === null) {
    return notChecked(`${input.reason('win_rate')} (the starvation risk is weighed by the win rate)`);
  }
  return d;
}

function detectStarvationByCoverage(input: PatternInput): Detection {
  const basis = input.text('pipeline_coverage', 'targetBasis');
  if (basis !== null && basis.startsWith('proxy')) {
    const coverage = input.value('pipeline_coverage');
    const hist = input.num('pipeline_coverage', 'historyMedian');
    const quarters = input.num('pipeline_coverage', 'historyQuarters') ?? 0;
    if (coverage !== null && (hist === null || quarters < 2)) {
      return notChecked('Pipeline coverage: needs targets.nextQuarterBookings in revhealth.config.json, or at least two past quarters of pipeline history to compare with');
    }
    if (coverage !== null && hist !== null && coverage >= STARVATION_HISTORY_SHARE * hist) {
      return clear();
    }
    if (coverage !== null && hist !== null && hist < STARVATION_MIN_HISTORY) {
      return notChecked(
        `Pipeline coverage: at this point of a quarter the company has held a median ${fmtX(hist)} of next quarter's proxy target over ${quarters} quarters, so next quarter's pipeline is not built yet this early; set targets.nextQuarterBookings in revhealth.config.json, or audit at a quarter end`,
      );
    }
    const d = pipelineStarvation.detect(input);
    if (!d.fired || hist === null) return d;
    return {
      ...d,
      evidence: [
        ...d.evidence,
        `No target is configured: against its own history the company held a median ${fmtX(hist)} of the same proxy at the same point of the previous ${quarters} quarters; ${fmtX(coverage as number)} is below ${pct(STARVATION_HISTORY_SHARE, 0)} of that.`,
      ],
    };
  }
  return pipelineStarvation.detect(input);
}

// ---------------------------------------------------------------------------------------------
// stale_pipeline

const stalePipeline = standard(
  {
    id: 'stale_pipeline',
    title: 'Stale pipeline: deals nobody is working',
    description:
      'A large share of open pipeline is past its expected close date or older than twice the median cycle: it inflates coverage and the forecast with revenue that will likely not come.',
    area: 'pipeline',
    owners: ['Sales', 'RevOps'],
    severity: 'warning',
    requires: ['stale_pipeline_share', 'win_rate'],
    triggers: [
      {
        metric: 'stale_pipeline_share',
        op: 'above',
        at: { rule: 'stale_pipeline_share', point: 'pass' },
        near: { rule: 'stale_pipeline_share', point: 'good' },
        label: 'stale share of open pipeline value above the pass point',
      },
    ],
    impactFormula:
      'risk: exposure = value of the stale deals that are not yet past due (past-due deals are already left out of coverage) × likelihood = win rate: the bookings the forecast counts on from deals that will likely not deliver them.',
    path:
      'Make the pipeline true again: scrub every stale deal (re-date with a buyer-confirmed next step or close it lost), then enforce hygiene rules so the forecast rests on live deals only.',
    process: [
      { by: 30, owner: 'Sales', step: 'Pipeline scrub: every past-due or aged deal gets a buyer-confirmed close date and next step, or is closed lost.', kpi: 'stale share ≤ {stale_pipeline_share.pass}', kpiMetric: 'stale_pipeline_share' },
      { by: 60, owner: 'RevOps', step: 'CRM hygiene rules: no open deal without a future close date and a next step; flag deals older than twice the median cycle automatically.', kpi: 'past-due open deals = 0 at each month end', kpiMetric: 'past_due_open_deals' },
      { by: 90, owner: 'Sales', step: 'Forecast from live pipeline only and review aged deals in every forecast call.', kpi: 'stale share ≤ {stale_pipeline_share.good}; forecast accuracy ≥ {forecast_accuracy.good}', kpiMetric: 'stale_pipeline_share' },
    ],
  },
  (input) => {
    const share = input.value('stale_pipeline_share') as number;
    const value = input.num('stale_pipeline_share', 'value');
    const count = input.num('stale_pipeline_share', 'count');
    const pastDue = input.num('stale_pipeline_share', 'pastDue');
    const limit = input.num('stale_pipeline_share', 'ageLimitDays');
    const winRate = input.value('win_rate');
    const evidence = [
      `${pct(share)} of open pipeline value${value === null ? '' : ` (${input.money(value)} in ${count ?? '?'} deals)`} is past its expected close date${limit === null ? '' : ` or older than ${fmtDays(limit)} (twice the median cycle)`}; healthy is at most ${pct(bench(input, 'stale_pipeline_share', 'good') as number)}.`,
    ];
    if (pastDue !== null) evidence.push(`${pastDue} open deals are past their expected close date.`);
    const metrics: Metrics = { stale_pipeline_share: share, 'stale_pipeline_share.value': value, 'stale_pipeline_share.count': count, win_rate: winRate };
    if (value === null || winRate === null) return { evidence, metrics, impact: noImpact('the stale value or the win rate is n/a') };
    // past-due deals are already outside coverage: counting them again would double count
    const pastDueValue = input.num('stale_pipeline_share', 'pastDueValue') ?? 0;
    const live = Math.max(0, value - pastDueValue);
    if (live === 0) {
      // nothing beyond what coverage already leaves out: a hygiene finding, with no money of its own
      return { evidence, metrics, impact: noImpact(`every stale deal (${input.money(value)}) is already past its close date and left out of coverage; the cost is a forecast resting on dead deals, not further revenue at risk`) };
    }
    return {
      evidence,
      metrics,
      impact: riskImpact(
        input,
        live,
        winRate,
        'the win rate: what a forecast expects these deals to book',
        `stale value ${input.exact(value)} − past-due value ${input.exact(pastDueValue)} (already outside coverage)`,
      ),
    };
  },
);

// ---------------------------------------------------------------------------------------------
// quarter_end_hockey_stick

const quarterEndHockeyStick = standard(
  {
    id: 'quarter_end_hockey_stick',
    title: 'Quarter-end hockey stick',
    description:
      "A large share of each quarter's bookings closes in its last two weeks: the team sells to the calendar, discounts to pull deals in, and every quarter's number hangs on a few days.",
    area: 'pipeline',
    owners: ['Sales', 'Executive'],
    severity: 'warning',
    requires: ['quarter_end_skew'],
    triggers: [
      {
        metric: 'quarter_end_skew',
        op: 'above',
        at: { rule: 'quarter_end_skew', point: 'pass' },
        near: { rule: 'quarter_end_skew', point: 'good' },
        label: "share of a quarter's bookings closed in its last 14 days above the pass point",
      },
    ],
    impactFormula:
      "risk (our choice over a discount-leakage estimate, which would need a discount assumption the data does not hold): exposure = (quarter-end share − good point) × bookings of the complete quarters, the bookings that depend on the last two weeks beyond a healthy share; × likelihood 25%: a slipped deal books one quarter later, a quarter of a year of timing, not lost revenue.",
    path:
      'Sell to the buyer, not the calendar: set weekly commit targets, inspect slipped close dates every week, put end-of-quarter discounts behind approval, and reward linear bookings.',
    process: [
      { by: 30, owner: 'Sales', step: 'Weekly commit targets and a weekly review of close dates that slipped; no deal is pulled in without a buyer reason.', kpi: 'quarter-end share ≤ {quarter_end_skew.pass}', kpiMetric: 'quarter_end_skew' },
      { by: 60, owner: 'RevOps', step: 'Discount approval desk with a cap on end-of-quarter concessions; report discount by week of the quarter.', kpi: 'quarter-end share ≤ {quarter_end_skew.pass}', kpiMetric: 'quarter_end_skew' },
      { by: 90, owner: 'Executive', step: 'Align compensation with linearity (accelerators on bookings in the first two months of the quarter).', kpi: 'quarter-end share ≤ {quarter_end_skew.good}; forecast accuracy ≥ {forecast_accuracy.good}', kpiMetric: 'quarter_end_skew' },
    ],
  },
  (input) => {
    const skew = input.value('quarter_end_skew') as number;
    const good = bench(input, 'quarter_end_skew', 'good') as number;
    const bookings = input.num('quarter_end_skew', 'quarterBookings');
    const d = input.details('quarter_end_skew') ?? {};
    const per = Object.keys(d)
      .filter((k) => k.startsWith('share ') && typeof d[k] === 'number')
      .map((k) => `${k.slice(6)} ${pct(d[k] as number)}`);
    const evidence = [
      `${pct(skew)} of the bookings of the last ${input.num('quarter_end_skew', 'quarters') ?? '?'} complete quarters closed in the quarter's last 14 days (healthy below ${pct(good)}; an even spread would be about 15%).`,
    ];
    if (per.length > 0) evidence.push(`Per quarter: ${per.join(', ')}.`);
    const metrics: Metrics = { quarter_end_skew: skew, 'quarter_end_skew.quarterBookings': bookings, 'benchmark.quarter_end_skew.good': good };
    if (bookings === null) return { evidence, metrics, impact: noImpact('the quarter bookings detail is n/a') };
    const slip = RISK_LIKELIHOOD.quarterEndSlip;
    return {
      evidence,
      metrics,
      impact: riskImpact(input, (skew - good) * bookings, slip.value, slip.why, `(quarter-end share ${pct(skew, 2)} − healthy ${pct(good, 2)}) × bookings of the complete quarters ${input.exact(bookings)}`),
    };
  },
);

// ---------------------------------------------------------------------------------------------
// marketing_sales_disconnect

const marketingSalesDisconnect = standard(
  {
    id: 'marketing_sales_disconnect',
    title: 'Marketing–sales disconnect',
    description:
      'Few leads become opportunities, and either many deals carry no source or spend creates little pipeline: marketing and sales run on different definitions, and the hand-off leaks.',
    area: 'pipeline',
    owners: ['Marketing', 'Sales', 'RevOps'],
    severity: 'warning',
    requires: ['lead_to_opportunity_rate', 'missing_source_share', 'pipeline_per_marketing_dollar', 'win_rate', 'avg_deal_size'],
    triggers: [
      {
        metric: 'lead_to_opportunity_rate',
        op: 'below',
        at: { rule: 'lead_to_opportunity_rate', point: 'pass' },
        near: { rule: 'lead_to_opportunity_rate', point: 'good' },
        label: 'lead-to-opportunity rate below the pass point',
      },
      {
        metric: 'missing_source_share',
        op: 'above',
        at: { rule: 'missing_source_share', point: 'pass' },
        near: { rule: 'missing_source_share', point: 'good' },
        group: 'any',
        label: 'share of deals without a source above the pass point',
      },
      {
        metric: 'pipeline_per_marketing_dollar',
        op: 'below',
        at: { rule: 'pipeline_per_marketing_dollar', point: 'pass' },
        near: { rule: 'pipeline_per_marketing_dollar', point: 'good' },
        group: 'any',
        label: 'pipeline created per marketing dollar below the pass point',
      },
    ],
    impactFormula:
      '(lead-to-opportunity pass point − rate) × leads × win rate × average deal size: the bookings from the opportunities a hand-off at the benchmark would have created. Measured to the pass point, not good, because lead definitions vary widely between companies.',
    path:
      'Run marketing and sales as one funnel: one written definition per funnel stage, a follow-up service level for every lead, a source on every deal, and one shared pipeline target.',
    process: [
      { by: 30, owner: 'RevOps', step: 'Write one lead → MQL → SQL → opportunity definition with a follow-up service level (first touch within 24 hours) and make source a required field.', kpi: 'deals without a source ≤ {missing_source_share.good}', kpiMetric: 'missing_source_share' },
      { by: 60, owner: 'Marketing', step: 'Review lead sources with sales every week; cut sources that do not convert and feed disqualification reasons back into targeting.', kpi: 'lead-to-opportunity ≥ {lead_to_opportunity_rate.pass}', kpiMetric: 'lead_to_opportunity_rate' },
      { by: 90, owner: 'Executive', step: 'Give marketing and sales one shared pipeline target and one report.', kpi: 'lead-to-opportunity ≥ {lead_to_opportunity_rate.good}; pipeline per marketing dollar ≥ {pipeline_per_marketing_dollar.good}', kpiMetric: 'lead_to_opportunity_rate' },
    ],
  },
  (input, ev) => {
    const rate = input.value('lead_to_opportunity_rate') as number;
    const fair = bench(input, 'lead_to_opportunity_rate', 'pass') as number;
    const leads = input.num('lead_to_opportunity_rate', 'leads');
    const opps = input.num('lead_to_opportunity_rate', 'opportunities');
    const winRate = input.value('win_rate');
    const size = input.value('avg_deal_size');
    const evidence = [`Only ${pct(rate)} of ${leads ?? '?'} leads became opportunities (${opps ?? '?'} deals created; the rule passes from ${pct(fair)}).`];
    const missing = ev('missing_source_share');
    if (missing.state === 'met' && missing.value !== null) evidence.push(`${pct(missing.value)} of deals carry no source, so channel results cannot be traced.`);
    const ppd = ev('pipeline_per_marketing_dollar');
    if (ppd.state === 'met' && ppd.value !== null) evidence.push(`Each marketing dollar creates ${fmtX(ppd.value)} in pipeline (the rule passes from ${fmtX(ppd.at as number)}).`);
    const metrics: Metrics = {
      lead_to_opportunity_rate: rate,
      'lead_to_opportunity_rate.leads': leads,
      win_rate: winRate,
      avg_deal_size: size,
      'benchmark.lead_to_opportunity_rate.pass': fair,
    };
    if (leads === null || winRate === null || size === null) return { evidence, metrics, impact: noImpact('the lead count, win rate or average deal size is n/a') };
    const annual = (fair - rate) * leads * winRate * size;
    return {
      evidence,
      metrics,
      impact: impact(
        annual,
        `(lead-to-opportunity pass point ${pct(fair, 2)} − ${pct(rate, 2)}) × ${leads} leads × win rate ${pct(winRate, 2)} × average deal ${input.exact(size)} = ${input.exact(cents(Math.max(0, annual)))}`,
      ),
    };
  },
);

// ---------------------------------------------------------------------------------------------
// channel_misallocation

const CHANNEL_TRIGGERS: readonly Trigger[] = [
  {
    metric: 'cac_by_channel',
    detail: '<channel>.cac',
    op: 'above',
    at: { value: 2, unit: 'multiple', why: 'rule of thumb, no published benchmark: a channel that costs more than twice the blended paid CAC per won customer' },
    near: { value: 1.5, unit: 'multiple', why: 'watch band from 1.5× the blended paid CAC' },
    label: "a channel's CAC well above the blended paid CAC",
    subject: "channel CAC ÷ blended paid CAC (cac_by_channel value)",
    custom: true,
  },
  {
    metric: 'cac_by_channel',
    detail: '<channel>.spend',
    op: 'atLeast',
    at: { value: 0.05, unit: 'ratio', why: 'materiality (our choice): channels under 5% of paid spend are experiments, not allocation' },
    label: 'the channel carries a material share of paid marketing spend',
    subject: 'channel spend ÷ paid marketing spend',
    custom: true,
  },
];

interface ChannelRow {
  readonly name: string;
  readonly spend: number;
  readonly won: number;
  readonly cac: number | null;
}

function channelRows(input: PatternInput): ChannelRow[] {
  return channelCacRows(input.details('cac_by_channel')).map((r) => ({ name: r.channel, spend: r.spend, won: r.won, cac: r.cac }));
}

const channelMisallocationDef: PatternDef = {
  id: 'channel_misallocation',
  title: 'Channel misallocation: budget in the expensive channel',
  description:
    'A channel with a material share of paid spend wins customers at a multiple of the blended paid CAC: the same budget would buy more customers in the cheaper channels.',
  area: 'acquisition',
  owners: ['Marketing'],
  severity: 'warning',
  requires: ['cac_by_channel'],
  triggers: CHANNEL_TRIGGERS,
  impactFormula: 'Σ over flagged channels of (channel CAC − blended paid CAC) × won new deals of the channel: what those customers cost beyond the blended rate.',
  path:
    'Let budget follow cost per customer: verify attribution of the expensive channel, cap it at what its best campaigns justify, move the money to the channels with the lowest CAC in steps, and review channel CAC monthly.',
  process: [
    { by: 30, owner: 'Marketing', step: 'Verify the expensive channel\u2019s attribution (source on every won deal, matched to its spend) and cap its budget at the campaigns that pay back.', kpi: "every material channel's CAC ≤ {t0} the blended paid CAC" },
    { by: 60, owner: 'Marketing', step: 'Move the freed budget to the lowest-CAC channels in monthly steps and watch for saturation.', kpi: 'CAC payback ≤ {cac_payback_months.good}', kpiMetric: 'cac_payback_months' },
    { by: 90, owner: 'RevOps', step: 'Monthly channel report (spend, won deals, CAC, payback) that the budget review uses.', kpi: 'deals without a source ≤ {missing_source_share.good}', kpiMetric: 'missing_source_share' },
  ],
};

function detectChannelMisallocation(input: PatternInput): Detection {
  const blended = input.value('cac_by_channel');
  if (blended === null) return notChecked(input.reason('cac_by_channel'));
  const ratioAt = input.threshold(CHANNEL_TRIGGERS[0]!.at) as number;
  const ratioNear = input.threshold(CHANNEL_TRIGGERS[0]!.near!) as number;
  const minShare = input.threshold(CHANNEL_TRIGGERS[1]!.at) as number;
  const rows = channelRows(input);
  const paid = rows.reduce((s, r) => s + r.spend, 0);
  const material = rows.filter((r) => r.cac !== null && paid > 0 && r.spend / paid >= minShare);
  const flagged = material.filter((r) => (r.cac as number) > ratioAt * blended);
  const close = material.filter((r) => (r.cac as number) > ratioNear * blended && !flagged.includes(r));
  const line = (r: ChannelRow): string => `${r.name} ${input.money(r.cac as number)} per won customer (${fmtX((r.cac as number) / blended)} blended; ${r.won} wins on ${input.money(r.spend)})`;
  if (flagged.length === 0) {
    if (close.length === 0) return clear();
    return watch(`${close.map(line).join('; ')}: close to the ${fmtX(ratioAt)} trigger against a blended paid CAC of ${input.money(blended)}`);
  }
  const others = material.filter((r) => !flagged.includes(r));
  const evidence = [`${flagged.map(line).join('; ')}, against a blended paid CAC of ${input.money(blended)} (trigger: above ${fmtX(ratioAt)}).`];
  if (others.length > 0) evidence.push(`Other channels: ${others.map((r) => `${r.name} ${input.money(r.cac as number)}`).join(', ')}.`);
  const noWins = rows.filter((r) => r.won === 0 && r.spend > 0);
  if (noWins.length > 0) {
    evidence.push(`${noWins.map((r) => r.name).join(', ')} ha${noWins.length === 1 ? 's' : 've'} spend but no won deal sourced to ${noWins.length === 1 ? 'it' : 'them'} (possibly attributed to organic sources).`);
  }
  const metrics: Metrics = { cac_by_channel: blended };
  let annual = 0;
  const terms: string[] = [];
  for (const r of flagged) {
    metrics[`cac_by_channel.${r.name}.cac`] = r.cac;
    metrics[`cac_by_channel.${r.name}.won`] = r.won;
    annual += ((r.cac as number) - blended) * r.won;
    terms.push(`(${r.name} CAC ${input.exact(r.cac as number)} − blended ${input.exact(blended)}) × ${r.won} wins`);
  }
  return fired({ evidence, metrics, impact: impact(annual, `${terms.join(' + ')} = ${input.exact(cents(annual))}`) });
}

// ---------------------------------------------------------------------------------------------
// hero_rep_dependency

const heroRepDependency = standard(
  {
    id: 'hero_rep_dependency',
    title: 'Hero-rep dependency',
    description: 'One rep closes a large share of the bookings: the company is one resignation away from a missed year, and the sales motion lives in one head.',
    area: 'pipeline',
    owners: ['Sales', 'Executive'],
    severity: 'warning',
    requires: ['rep_concentration'],
    triggers: [
      {
        metric: 'rep_concentration',
        op: 'above',
        at: { rule: 'rep_concentration', point: 'pass' },
        near: { rule: 'rep_concentration', point: 'good' },
        label: "top owner's share of won bookings above the pass point",
      },
      {
        metric: 'rep_concentration',
        detail: 'owners',
        op: 'atLeast',
        at: { value: 3, unit: 'count', why: 'with one or two owners the top share is high by construction (see the rep_concentration rule)' },
        label: 'owners with won deals in the window',
      },
    ],
    impactFormula: "risk: exposure = (top owner's share − good point) × won bookings, the bookings above a healthy share that ride on one person; × likelihood 30%, the typical annual turnover of quota-carrying reps (rule of thumb).",
    path:
      "Turn the hero's know-how into a system: document and teach how they win, spread pipeline on capacity rather than history, and secure the top rep while the team catches up.",
    process: [
      { by: 30, owner: 'Sales', step: 'Document how the top rep wins (profile, discovery, deal strategy) and have them co-sell one deal with each other rep.', kpi: "top rep's share ≤ {rep_concentration.pass}", kpiMetric: 'rep_concentration' },
      { by: 60, owner: 'Sales', step: 'Rebalance territories and inbound routing on capacity; make the top rep a coach with a team goal.', kpi: 'quota attainment ≥ {quota_attainment.good}', kpiMetric: 'quota_attainment' },
      { by: 90, owner: 'Executive', step: 'Retention plan for the top rep (equity, path to leadership) and hiring so no rep carries more than the benchmark share.', kpi: "top rep's share ≤ {rep_concentration.good}", kpiMetric: 'rep_concentration' },
    ],
  },
  (input) => {
    const share = input.value('rep_concentration') as number;
    const good = bench(input, 'rep_concentration', 'good') as number;
    const owner = input.text('rep_concentration', 'owner') ?? 'the top owner';
    const ownerBookings = input.num('rep_concentration', 'ownerBookings');
    const total = input.num('rep_concentration', 'totalBookings');
    const owners = input.num('rep_concentration', 'owners');
    const evidence = [
      `${owner} closed ${pct(share)} of won bookings${ownerBookings !== null && total !== null ? ` (${input.money(ownerBookings)} of ${input.money(total)})` : ''} among ${owners ?? '?'} owners; healthy is at most ${pct(good)}.`,
    ];
    const metrics: Metrics = { rep_concentration: share, 'rep_concentration.totalBookings': total, 'benchmark.rep_concentration.good': good };
    if (total === null) return { evidence, metrics, impact: noImpact('total bookings detail is n/a') };
    const leaves = RISK_LIKELIHOOD.repLeaves;
    return { evidence, metrics, impact: riskImpact(input, (share - good) * total, leaves.value, leaves.why, `(top share ${pct(share, 2)} − healthy ${pct(good, 2)}) × bookings ${input.exact(total)}`) };
  },
);

// ---------------------------------------------------------------------------------------------
// customer_concentration

const customerConcentration = standard(
  {
    id: 'customer_concentration',
    title: 'Customer concentration',
    description: 'One account, or the ten largest, carry too much of the bookings: a single lost renewal can erase a year of growth, and those customers hold the pricing power.',
    area: 'growth',
    owners: ['Executive', 'Customer Success', 'Sales'],
    severity: 'warning',
    requires: ['largest_account_share', 'top10_concentration'],
    triggers: [
      {
        metric: 'largest_account_share',
        op: 'above',
        at: { rule: 'largest_account_share', point: 'pass' },
        near: { rule: 'largest_account_share', point: 'good' },
        group: 'any',
        label: 'largest account share of won bookings above the pass point',
      },
      {
        metric: 'top10_concentration',
        op: 'above',
        at: { rule: 'top10_concentration', point: 'pass' },
        near: { rule: 'top10_concentration', point: 'good' },
        group: 'any',
        label: 'top-10 account share of won bookings above the pass point',
      },
    ],
    impactFormula:
      "risk: exposure = (largest account share − good point) × won bookings (or, when only the top ten trip, (top-10 share − good point) × won bookings); × likelihood = the company's own logo churn (1 − logo retention; else 1 − GRR; else 10%, rule of thumb).",
    path: 'De-risk the revenue base: protect the largest accounts with executive sponsorship and early renewals, and grow the rest of the base faster so no account can sink the year.',
    process: [
      { by: 30, owner: 'Customer Success', step: 'Executive sponsor and a business review for each of the largest accounts; map renewal dates and risks.', kpi: 'every top-10 account with a sponsor and a renewal plan' },
      { by: 60, owner: 'Sales', step: 'Build new-logo pipeline in the segment below the largest accounts to dilute dependence.', kpi: 'largest account share ≤ {largest_account_share.pass}', kpiMetric: 'largest_account_share' },
      { by: 90, owner: 'Executive', step: 'Set a concentration policy and reflect the risk in the plan, in multi-year terms and in pricing.', kpi: 'largest ≤ {largest_account_share.good}; top 10 ≤ {top10_concentration.good}', kpiMetric: 'largest_account_share' },
    ],
  },
  (input, ev) => {
    const largest = ev('largest_account_share');
    const top10 = ev('top10_concentration');
    const total = input.num('largest_account_share', 'totalBookings') ?? input.num('top10_concentration', 'totalBookings');
    const evidence: string[] = [];
    if (largest.value !== null) {
      const account = input.text('largest_account_share', 'account') ?? 'the largest account';
      evidence.push(`${account} brought ${pct(largest.value)} of won bookings (healthy at most ${pct(bench(input, 'largest_account_share', 'good') as number)}).`);
    }
    if (top10.value !== null) evidence.push(`The ten largest accounts brought ${pct(top10.value)} (healthy at most ${pct(bench(input, 'top10_concentration', 'good') as number)}).`);
    const useLargest = largest.state === 'met';
    const rule = useLargest ? 'largest_account_share' : 'top10_concentration';
    const share = (useLargest ? largest.value : top10.value) as number;
    const good = bench(input, rule, 'good') as number;
    const metrics: Metrics = { largest_account_share: largest.value, top10_concentration: top10.value, [`${rule}.totalBookings`]: total, [`benchmark.${rule}.good`]: good };
    if (total === null) return { evidence, metrics, impact: noImpact('total bookings detail is n/a') };
    const what = useLargest ? 'largest account share' : 'top-10 share';
    const logo = input.value('logo_retention');
    const grr = input.value('grr');
    const [likelihood, why] =
      logo !== null
        ? [1 - logo, `the company's own logo churn, 1 − logo retention ${pct(logo, 1)}`]
        : grr !== null
          ? [1 - grr, `the company's own revenue churn, 1 − GRR ${pct(grr, 1)}`]
          : [RISK_LIKELIHOOD.accountLeaves.value, RISK_LIKELIHOOD.accountLeaves.why];
    return { evidence, metrics, impact: riskImpact(input, (share - good) * total, Math.max(0, likelihood), why, `(${what} ${pct(share, 2)} − healthy ${pct(good, 2)}) × bookings ${input.exact(total)}`) };
  },
);

// ---------------------------------------------------------------------------------------------
// slowing_velocity

const VELOCITY_TRIGGERS: readonly Trigger[] = [
  {
    metric: 'sales_cycle_days',
    op: 'above',
    at: { value: 0.2, unit: 'ratio', why: 'rule of thumb: more than 20% longer than the previous quarter' },
    near: { value: 0.1, unit: 'ratio', why: 'from a 10% rise' },
    label: 'the sales cycle got longer, quarter over quarter',
    subject: "relative rise of the last complete quarter's median won-deal cycle (monthly medians weighted by won new deals) over the previous quarter's",
    custom: true,
  },
  {
    metric: 'sales_cycle_days',
    op: 'atLeast',
    at: { value: 7, unit: 'days', why: 'a rise of at least a week, so short cycles do not trip on a day or two' },
    near: { value: 4, unit: 'days', why: 'from four days' },
    label: 'and by enough days to matter',
    subject: 'rise of the median cycle in days',
    custom: true,
  },
  {
    metric: 'win_rate',
    op: 'above',
    at: { value: 0.05, unit: 'ratio', why: 'rule of thumb', display: '5 percentage points' },
    near: { value: 0.025, unit: 'ratio', why: 'watch band', display: '2.5 points' },
    label: 'or the win rate fell, quarter over quarter',
    subject: "drop of the last complete quarter's win rate (count-weighted from the monthly series) from the previous quarter's",
    custom: true,
  },
  {
    metric: 'win_rate',
    op: 'atLeast',
    at: {
      value: 1.96,
      unit: 'multiple',
      display: '1.96',
      why: 'two-proportion z-test at 95% (two-sided) on closed-deal counts estimated from the monthly series as won new deals ÷ monthly win rate; a material drop that is not significant is a watch item; skipped when the counts cannot be estimated',
    },
    label: 'and the drop is beyond sampling noise',
    subject: 'z statistic of the drop',
    custom: true,
  },
];

interface QuarterRead {
  readonly label: string;
  readonly winRate: number | null;
  /** Estimated closed deals (for the z-test); null when it cannot be estimated. */
  readonly closed: number | null;
  readonly cycle: number | null;
  /** Won new deals in the quarter (sum of the monthly series); null when the series is missing. */
  readonly won: number | null;
}

/** The last complete fiscal quarter and the one before it, as month keys. */
function lastTwoQuarters(input: PatternInput): { current: Window & { first: DayNumber }; previous: Window & { first: DayNumber } } | null {
  const fy = input.profile.fiscalYearStartMonth;
  let ref: DayNumber | null = input.asOf === null ? null : dayFromIso(input.asOf);
  let complete = true;
  if (ref === null) {
    const months = input.series['bookings'] ?? input.series['win_rate'] ?? [];
    const last = months[months.length - 1];
    if (last === undefined) return null;
    ref = dayFromIso(`${last.month}-01`);
    if (ref === null) return null;
    complete = false; // without the as-of date, the last month may be partial
  }
  let q = fiscalQuarterOf(ref, fy);
  if (!complete || q.end > ref) q = fiscalQuarterOf(q.first - 1, fy);
  return { current: q, previous: fiscalQuarterOf(q.first - 1, fy) };
}

function monthsOf(q: { first: DayNumber }): string[] {
  return [0, 1, 2].map((i) => monthKey(addMonths(q.first, i)));
}

function readQuarter(input: PatternInput, q: { first: DayNumber }): QuarterRead {
  const fy = input.profile.fiscalYearStartMonth;
  const keys = monthsOf(q);
  const pick = (id: string): (number | null)[] => {
    const s = input.series[id] ?? [];
    return keys.map((k) => s.find((p) => p.month === k)?.value ?? null);
  };
  const wr = pick('win_rate');
  const won = pick('new_customers');
  const cyc = pick('median_cycle_days');
  // win rate: needs 2+ months; count-weighted when closed deals can be estimated as won ÷ rate
  const wrMonths = wr.map((r, i) => ({ r, w: won[i] ?? null })).filter((x): x is { r: number; w: number | null } => x.r !== null);
  let winRate: number | null = null;
  let closed: number | null = null;
  if (wrMonths.length >= 2) {
    const estimable = wrMonths.every((x) => x.r > 0 && x.w !== null && x.w > 0);
    if (estimable) {
      const wonSum = wrMonths.reduce((s, x) => s + (x.w as number), 0);
      closed = wrMonths.reduce((s, x) => s + (x.w as number) / x.r, 0);
      winRate = wonSum / closed;
    } else {
      winRate = wrMonths.reduce((s, x) => s + x.r, 0) / wrMonths.length;
    }
  }
  const cycMonths = cyc.map((c, i) => ({ c, w: won[i] ?? null })).filter((x): x is { c: number; w: number | null } => x.c !== null);
  let cycle: number | null = null;
  if (cycMonths.length >= 2) {
    const weighted = cycMonths.every((x) => x.w !== null && x.w > 0);
    const wSum = weighted ? cycMonths.reduce((s, x) => s + (x.w as number), 0) : cycMonths.length;
    cycle = cycMonths.reduce((s, x) => s + x.c * (weighted ? (x.w as number) : 1), 0) / wSum;
  }
  const wonKnown = won.filter((w): w is number => w !== null);
  const wonSum = wonKnown.length === 0 ? null : wonKnown.reduce((s, w) => s + w, 0);
  return { label: fiscalQuarterLabel(q.first, fy), winRate, closed, cycle, won: wonSum };
}

/**
 * Won deals each compared quarter needs before a change in velocity is a finding: a median cycle or
 * a win rate on fewer deals moves by weeks or points on a handful of deals (our choice; issue 14, QA).
 * Below it a change that would fire is a watch item.
 */
export const VELOCITY_MIN_WON = 30;

/** Two-proportion z statistic for p1 > p2 (drop from p1 to p2), pooled. */
function zDrop(p1: number, n1: number, p2: number, n2: number): number | null {
  const p = (p1 * n1 + p2 * n2) / (n1 + n2);
  const se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  return se > 0 ? (p1 - p2) / se : null;
}

const slowingVelocityDef: PatternDef = {
  id: 'slowing_velocity',
  title: 'Slowing velocity',
  description:
    'Deals take longer to close, or fewer of them are won, than in the previous quarter, beyond noise: the same pipeline now produces less revenue per month.',
  area: 'pipeline',
  owners: ['Sales', 'RevOps'],
  severity: 'warning',
  requires: ['bookings', 'win_rate', 'sales_cycle_days'],
  triggers: VELOCITY_TRIGGERS,
  impactFormula:
    'risk, never a loss: exposure = bookings of the last twelve months × (1 − win rate now ÷ win rate before), the bookings a year a lower win rate would cost if it persists, + bookings × days added to the cycle ÷ 365, the bookings a longer cycle delays past the year (timing, not lost revenue); × likelihood 50% that a change between two quarters persists for a year. Fires only on at least 30 won deals in each quarter.',
  path:
    'Find where deals stall and why they are lost this quarter, then coach to it: stage exit criteria, mutual close plans on larger deals, and a monthly view of cycle and win rate by segment.',
  process: [
    { by: 30, owner: 'Sales', step: "Compare this quarter's lost and slipped deals with last quarter's: the stage where they stall, the competitor, the price; coach on the top cause.", kpi: 'win rate ≥ {win_rate.pass}', kpiMetric: 'win_rate' },
    { by: 60, owner: 'Sales', step: 'Exit criteria per stage and a mutual close plan for every deal above the median size.', kpi: 'median cycle ≤ {sales_cycle_days.pass}', kpiMetric: 'sales_cycle_days' },
    { by: 90, owner: 'RevOps', step: 'Dashboard of cycle and win rate by month and segment, reviewed in the forecast call.', kpi: 'win rate ≥ {win_rate.good}; median cycle ≤ {sales_cycle_days.good}', kpiMetric: 'win_rate' },
  ],
};

function detectSlowingVelocity(input: PatternInput): Detection {
  const qs = lastTwoQuarters(input);
  if (qs === null) return notChecked('needs the monthly series (deals with dates over the last two complete fiscal quarters)');
  const now = readQuarter(input, qs.current);
  const before = readQuarter(input, qs.previous);
  const val = (i: number, near = false): number => {
    const t = VELOCITY_TRIGGERS[i] as Trigger;
    return input.threshold(near ? (t.near as NonNullable<Trigger['near']>) : t.at) as number;
  };
  const hasCycle = now.cycle !== null && before.cycle !== null && (before.cycle as number) > 0;
  const hasWin = now.winRate !== null && before.winRate !== null;
  if (!hasCycle && !hasWin) {
    return notChecked(`needs at least two months with won or lost deals in each of ${before.label} and ${now.label} (monthly win rate and median cycle series)`);
  }
  const rise = hasCycle ? ((now.cycle as number) - (before.cycle as number)) / (before.cycle as number) : 0;
  const riseDays = hasCycle ? (now.cycle as number) - (before.cycle as number) : 0;
  const drop = hasWin ? (before.winRate as number) - (now.winRate as number) : 0;
  const z = hasWin && now.closed !== null && before.closed !== null ? zDrop(before.winRate as number, before.closed, now.winRate as number, now.closed) : null;
  const cycleMet = hasCycle && rise > val(0) && riseDays >= val(1);
  const cycleNear = hasCycle && rise > val(0, true) && riseDays >= val(1, true);
  const significant = z === null || z >= val(3);
  const winMet = hasWin && drop > val(2) && significant;
  const winNear = hasWin && ((drop > val(2) && !significant) || (drop > val(2, true) && significant));
  const cycleText = hasCycle
    ? `median sales cycle ${fmtDays(now.cycle as number)} in ${now.label} against ${fmtDays(before.cycle as number)} in ${before.label} (${rise >= 0 ? '+' : ''}${pct(rise)})`
    : null;
  const winText = hasWin
    ? `win rate ${pct(now.winRate as number)} in ${now.label} against ${pct(before.winRate as number)} in ${before.label} (${drop >= 0 ? '−' : '+'}${(Math.abs(drop) * 100).toFixed(1)} points${z === null ? '' : `; z = ${z.toFixed(2)} on about ${Math.round((now.closed as number) + (before.closed as number))} closed deals`})`
    : null;
  const thin = [before, now].filter((q) => q.won === null || q.won < VELOCITY_MIN_WON);
  if ((cycleMet || winMet) && thin.length > 0) {
    const counts = thin.map((q) => `${q.won === null ? 'an unknown number of' : q.won} won deals in ${q.label}`).join(', ');
    return watch(`${[cycleMet ? cycleText : null, winMet ? winText : null].filter((x): x is string => x !== null).join('; ')}; not a finding on ${counts} (needs ${VELOCITY_MIN_WON} in each quarter)`);
  }
  if (!cycleMet && !winMet) {
    if (!cycleNear && !winNear) return clear();
    return watch([cycleNear ? cycleText : null, winNear ? winText : null].filter((x): x is string => x !== null).join('; '));
  }
  const evidence = [cycleMet ? cycleText : null, winMet ? winText : null].filter((x): x is string => x !== null).map((s) => `${s[0]?.toUpperCase()}${s.slice(1)}.`);
  const bookings = input.value('bookings');
  const metrics: Metrics = {
    win_rate_now: now.winRate,
    win_rate_before: before.winRate,
    cycle_days_now: now.cycle,
    cycle_days_before: before.cycle,
    win_rate_z: z,
    bookings,
  };
  if (bookings === null) return fired({ evidence, metrics, impact: noImpact('bookings of the last twelve months are n/a') });
  const lost = winMet ? bookings * (1 - (now.winRate as number) / (before.winRate as number)) : 0;
  const delayed = cycleMet ? (bookings * riseDays) / 365 : 0;
  metrics['exposure_win_rate'] = lost;
  metrics['exposure_delayed'] = delayed;
  const parts = [
    winMet ? `bookings ${input.exact(bookings)} × (1 − ${pct(now.winRate as number, 2)} ÷ ${pct(before.winRate as number, 2)}) = ${input.exact(cents(lost))} a year at the lower win rate` : null,
    cycleMet ? `bookings ${input.exact(bookings)} × ${riseDays.toFixed(1)} days longer ÷ 365 = ${input.exact(cents(delayed))} booked later (timing, not lost)` : null,
  ].filter((x): x is string => x !== null);
  const p = RISK_LIKELIHOOD.velocityPersists;
  return fired({ evidence, metrics, impact: riskImpact(input, lost + delayed, p.value, p.why, parts.join(' + ')) });
}

// ---------------------------------------------------------------------------------------------
// expansion_gap

const expansionGap = standard(
  {
    id: 'expansion_gap',
    title: 'Expansion gap: customers stay but do not grow',
    description: 'Gross retention is healthy but net revenue retention is below the benchmark: customers renew, yet the installed base is under-sold.',
    area: 'retention',
    owners: ['Customer Success', 'Sales'],
    severity: 'warning',
    requires: ['nrr', 'grr'],
    triggers: [
      { metric: 'nrr', op: 'below', at: { rule: 'nrr', point: 'pass' }, near: { rule: 'nrr', point: 'good' }, label: 'net revenue retention below the segment pass point' },
      { metric: 'grr', op: 'atLeast', at: { rule: 'grr', point: 'pass' }, label: 'gross revenue retention at or above the segment pass point (customers stay)' },
    ],
    impactFormula: '(NRR good point for the segment − NRR) × ARR up for renewal: the expansion ARR a year the base would add at the benchmark.',
    path: 'Build an expansion motion on a healthy base: find the accounts with headroom, give them an expansion owner and offers (upsell, cross-sell, price at renewal), and pay for net retention.',
    process: [
      { by: 30, owner: 'Customer Success', step: 'List accounts with usage or seat headroom and no expansion in twelve months; give each an expansion owner.', kpi: 'expansion share ≥ {expansion_share.pass}', kpiMetric: 'expansion_share' },
      { by: 60, owner: 'Sales', step: 'Launch upsell packages, cross-sell and price reviews at renewal, with an expansion quota for account managers.', kpi: 'NRR ≥ {nrr.pass}', kpiMetric: 'nrr' },
      { by: 90, owner: 'Executive', step: 'Make NRR a company goal and align customer-success compensation with it.', kpi: 'NRR ≥ {nrr.good}', kpiMetric: 'nrr' },
    ],
  },
  (input) => {
    const nrr = input.value('nrr') as number;
    const grr = input.value('grr') as number;
    const good = bench(input, 'nrr', 'good') as number;
    const base = input.num('nrr', 'arrBefore');
    const expansion = input.num('nrr', 'expansionArr');
    const evidence = [
      `Customers stay (GRR ${pct(grr)}) but the base does not grow: NRR is ${pct(nrr)} against the ${segmentName(input)} benchmark of ${pct(good)}${expansion !== null && base !== null ? `; expansion added ${input.money(expansion)} on ${input.money(base)} up for renewal` : ''}.`,
    ];
    const metrics: Metrics = { nrr, grr, 'nrr.arrBefore': base, 'benchmark.nrr.good': good };
    if (base === null) return { evidence, metrics, impact: noImpact('the ARR up for renewal is n/a') };
    const annual = (good - nrr) * base;
    return { evidence, metrics, impact: impact(annual, `(NRR target ${pct(good, 2)} − NRR ${pct(nrr, 2)}) × ARR up for renewal ${input.exact(base)} = ${input.exact(cents(Math.max(0, annual)))}`) };
  },
);

// ---------------------------------------------------------------------------------------------
// unreliable_forecast

/** Σ |actual − forecast| over month-aligned forecast periods that ended in the last twelve months. */
function forecastErrorMoney(input: PatternInput): { total: number; periods: { label: string; actual: number; forecast: number }[] } | { why: string } {
  const series = input.series['bookings'] ?? [];
  if (series.length === 0) return { why: 'the monthly bookings series is empty' };
  const byMonth = new Map(series.map((p) => [p.month, p.value]));
  const lastMonth = series[series.length - 1]!.month;
  const ref = input.asOf !== null ? dayFromIso(input.asOf) : (() => {
    const first = dayFromIso(`${lastMonth}-01`);
    return first === null ? null : addMonths(first, 1) - 1;
  })();
  if (ref === null) return { why: 'no as-of date' };
  const from = addMonths(ref, -12);
  const periods: { label: string; actual: number; forecast: number }[] = [];
  for (const f of input.profile.forecasts) {
    const start = dayFromIso(f.start);
    const end = dayFromIso(f.end);
    if (start === null || end === null || end > ref || end <= from) continue;
    const monthAligned = isoFromDay(start).endsWith('-01') && isoFromDay(end + 1).endsWith('-01');
    if (!monthAligned) return { why: `forecast ${f.label ?? `${f.start} to ${f.end}`} does not cover whole months, and actuals are read from the monthly bookings series` };
    let actual = 0;
    for (let m = start; m <= end; m = addMonths(m, 1)) {
      const v = byMonth.get(monthKey(m));
      if (v === undefined || v === null) return { why: `the monthly bookings series has no value for ${monthKey(m)}` };
      actual += v;
    }
    periods.push({ label: f.label ?? `${f.start} to ${f.end}`, actual, forecast: f.amountCents / 100 });
  }
  if (periods.length === 0) return { why: 'no forecast period ended in the last twelve months' };
  return { total: periods.reduce((s, p) => s + Math.abs(p.actual - p.forecast), 0), periods };
}

const unreliableForecast = standard(
  {
    id: 'unreliable_forecast',
    title: 'Unreliable forecast',
    description: 'Committed forecasts miss actual bookings by a wide margin: hiring, spend and cash plans rest on a number nobody can trust.',
    area: 'growth',
    owners: ['Sales', 'RevOps', 'Executive'],
    severity: 'warning',
    requires: ['forecast_accuracy'],
    triggers: [
      {
        metric: 'forecast_accuracy',
        op: 'below',
        at: { rule: 'forecast_accuracy', point: 'pass' },
        near: { rule: 'forecast_accuracy', point: 'good' },
        label: 'forecast accuracy below the pass point',
      },
    ],
    impactFormula:
      'risk, not added to revenue at stake: a forecast miss moves plans, not revenue. Exposure = Σ shortfall (forecast − actual, where actual fell short) over the forecast periods that ended in the last twelve months; misses above the forecast are shown but never added to shortfalls.',
    path: 'Make the forecast a process, not an opinion: defined categories with evidence for commit, weekly snapshots, accuracy measured per rep, and plans built on the commit number.',
    process: [
      { by: 30, owner: 'Sales', step: 'Define forecast categories (commit, best case, pipeline) with the evidence commit requires; reps submit weekly.', kpi: 'forecast accuracy ≥ {forecast_accuracy.pass}', kpiMetric: 'forecast_accuracy' },
      { by: 60, owner: 'RevOps', step: 'Snapshot the forecast weekly and measure accuracy per rep and per category.', kpi: 'forecast accuracy ≥ {forecast_accuracy.pass}', kpiMetric: 'forecast_accuracy' },
      { by: 90, owner: 'Executive', step: 'Plan hiring and spend on the commit number; review the variance every quarter.', kpi: 'forecast accuracy ≥ {forecast_accuracy.good}', kpiMetric: 'forecast_accuracy' },
    ],
  },
  (input) => {
    const acc = input.value('forecast_accuracy') as number;
    const d = input.details('forecast_accuracy') ?? {};
    const per = Object.keys(d)
      .filter((k) => k.startsWith('accuracy: ') && typeof d[k] === 'number')
      .map((k) => `${k.slice(10)} ${pct(d[k] as number)}`);
    const evidence = [`Forecasts averaged ${pct(acc)} accuracy (benchmark ≥ ${pct(bench(input, 'forecast_accuracy', 'good') as number)}).`];
    if (per.length > 0) evidence.push(`Per period: ${per.join(', ')}.`);
    const metrics: Metrics = { forecast_accuracy: acc };
    const err = forecastErrorMoney(input);
    if ('why' in err) return { evidence, metrics, impact: noImpact(err.why) };
    for (const p of err.periods) {
      metrics[`actual: ${p.label}`] = p.actual;
      metrics[`forecast: ${p.label}`] = p.forecast;
    }
    const short = err.periods.filter((p) => p.actual < p.forecast);
    const over = err.periods.filter((p) => p.actual >= p.forecast);
    const shortfall = short.reduce((t, p) => t + (p.forecast - p.actual), 0);
    const terms = short.map((p) => `(${input.exact(p.forecast)} − ${input.exact(p.actual)})`);
    const overText = over.length === 0 ? '' : `; above forecast (not a loss): ${over.map((p) => `${p.label} +${input.exact(p.actual - p.forecast)}`).join(', ')}`;
    return {
      evidence,
      metrics,
      impact: {
        annual: null,
        exposure: cents(shortfall),
        likelihood: null,
        formula: `not added to revenue at stake (a miss moves plans, not revenue); shortfall ${short.length === 0 ? 'none' : `${terms.join(' + ')} = ${input.exact(cents(shortfall))}`}${overText}`,
      },
    };
  },
);

// ---------------------------------------------------------------------------------------------
// data_blind_spots

const DATA_METRICS = ['rejected_row_rate', 'missing_source_share', 'missing_owner_share', 'data_freshness_days'] as const;

const dataBlindSpots = standard(
  {
    id: 'data_blind_spots',
    title: 'Data blind spots',
    description:
      'Rejected rows, deals without a source or an owner, or a stale export: the data the company runs on hides part of the revenue engine, so every other number is in doubt.',
    area: 'data_quality',
    owners: ['RevOps'],
    severity: 'warning',
    requires: [...DATA_METRICS],
    triggers: DATA_METRICS.map(
      (m): Trigger => ({ metric: m, op: 'above', at: { rule: m, point: 'pass' }, near: { rule: m, point: 'good' }, group: 'any', label: `${m.replace(/_/g, ' ')} above the pass point` }),
    ),
    impactFormula: 'not estimated: poor data does not lose revenue by itself, it hides where revenue is lost; its cost shows up in the other patterns it weakens.',
    path: 'Make the data trustworthy enough to run the business on: fix the export and the rejected rows at the source, require source and owner in the CRM, and run this audit monthly.',
    process: [
      { by: 30, owner: 'RevOps', step: 'Fix the export: map the missing columns and correct rejected rows at the source (see --rejects).', kpi: 'rejected rows ≤ {rejected_row_rate.good}', kpiMetric: 'rejected_row_rate' },
      { by: 60, owner: 'RevOps', step: 'Make source and owner required fields and backfill open and recent deals.', kpi: 'deals without a source ≤ {missing_source_share.good}; without an owner ≤ {missing_owner_share.good}', kpiMetric: 'missing_source_share' },
      { by: 90, owner: 'Executive', step: 'Run this audit monthly in CI and hold each function to its data fields.', kpi: 'data freshness ≤ {data_freshness_days.good}', kpiMetric: 'data_freshness_days' },
    ],
  },
  (input, ev) => {
    const evidence: string[] = [];
    const metrics: Metrics = {};
    for (const m of DATA_METRICS) {
      const e = ev(m);
      metrics[m] = e.value;
      if (e.state !== 'met' || e.value === null) continue;
      const unit = input.unitOf(m);
      const title = input.metric(m)?.title ?? m;
      evidence.push(`${title}: ${input.fmt(e.value, unit)} (benchmark ≤ ${input.fmt(bench(input, m, 'good') as number, unit)}).`);
    }
    return { evidence, metrics, impact: noImpact('poor data does not lose revenue by itself; it hides where revenue is lost') };
  },
);

// ---------------------------------------------------------------------------------------------
// growth_profit_imbalance

/** ARR for the Perspective, CRO readiness and the Rule of 40 base: config, else renewals, else bookings. */
export function estimateArr(input: PatternInput): { arr: number | null; source: 'config' | 'subscriptions' | 'renewals' | 'bookings' | null; basis: string; short: string } {
  if (input.profile.arrCents !== null) return { arr: input.profile.arrCents / 100, source: 'config', basis: 'company.arr in the config', short: 'per the config' };
  const subscribed = input.num('recurring_revenue_growth', 'closingArr') ?? input.num('mrr_churn_rate', 'closingArr');
  if (subscribed !== null) return { arr: subscribed, source: 'subscriptions', basis: 'ARR of the paid subscriptions on the as-of date', short: 'subscriptions' };
  const start = input.num('arr_growth', 'startingArr');
  const net = input.num('arr_growth', 'netNewArr');
  if (start !== null && net !== null) {
    return { arr: start + net, source: 'renewals', basis: 'ARR up for renewal in the last twelve months plus net new ARR (annual contracts assumed)', short: 'renewal base plus net new ARR' };
  }
  const before = input.num('grr', 'arrBefore');
  if (before !== null) return { arr: before, source: 'renewals', basis: 'ARR up for renewal in the last twelve months (annual contracts assumed)', short: 'ARR up for renewal' };
  const bookings = input.value('bookings');
  if (bookings !== null && bookings > 0) return { arr: bookings, source: 'bookings', basis: 'bookings of the last twelve months, a proxy for ARR', short: 'bookings as a proxy' };
  return { arr: null, source: null, basis: 'no ARR in the config, no renewals and no bookings', short: 'unknown' };
}

const growthProfitImbalance = standard(
  {
    id: 'growth_profit_imbalance',
    title: 'Growth–profit imbalance (Rule of 40)',
    description: 'Growth plus operating margin falls short of the Rule of 40: growth is bought with losses the growth rate does not justify, or profit is kept at the cost of growth.',
    area: 'growth',
    owners: ['Executive'],
    severity: 'warning',
    requires: ['rule_of_40'],
    triggers: [
      { metric: 'rule_of_40', op: 'below', at: { rule: 'rule_of_40', point: 'pass' }, near: { rule: 'rule_of_40', point: 'good' }, label: 'growth % + operating margin % below the pass point' },
    ],
    impactFormula: '(Rule of 40 good point − Rule of 40) × revenue base (ARR: config, else renewals, else bookings): the growth or profit a year the company is short of the benchmark.',
    path: 'Decide which side to fix and plan to it: if margin is the problem, cut the spend with the longest payback; if growth is, reinvest in the most efficient levers (expansion, best channels).',
    process: [
      { by: 30, owner: 'Executive', step: 'Decide the target mix of growth and margin for the next four quarters and which levers move each.', kpi: 'Rule of 40 ≥ {rule_of_40.pass}', kpiMetric: 'rule_of_40' },
      { by: 60, owner: 'Marketing', step: 'Cut the spend with the longest payback; move budget to the most efficient growth levers.', kpi: 'CAC payback ≤ {cac_payback_months.good}', kpiMetric: 'cac_payback_months' },
      { by: 90, owner: 'Executive', step: 'Re-plan the year to the Rule of 40 and report it to the board every quarter.', kpi: 'Rule of 40 ≥ {rule_of_40.good}', kpiMetric: 'rule_of_40' },
    ],
  },
  (input) => {
    const r40 = input.value('rule_of_40') as number;
    const good = bench(input, 'rule_of_40', 'good') as number;
    const growth = input.num('rule_of_40', 'growth');
    const margin = input.num('rule_of_40', 'operatingMargin');
    const basis = input.text('rule_of_40', 'growthBasis');
    const evidence = [
      `Growth ${growth === null ? 'n/a' : pct(growth)}${basis === null ? '' : ` (${basis.replace(/_/g, ' ')})`} plus operating margin ${margin === null ? 'n/a' : pct(margin)} makes ${pct(r40)}, short of ${pct(good)}.`,
    ];
    const arr = estimateArr(input);
    const metrics: Metrics = { rule_of_40: r40, 'rule_of_40.growth': growth, 'rule_of_40.operatingMargin': margin, revenue_base: arr.arr, 'benchmark.rule_of_40.good': good };
    if (arr.arr === null) return { evidence, metrics, impact: noImpact(arr.basis) };
    const annual = (good - r40) * arr.arr;
    return {
      evidence,
      metrics,
      impact: impact(annual, `(Rule of 40 target ${pct(good, 2)} − ${pct(r40, 2)}) × revenue base ${input.exact(arr.arr)} (${arr.basis}) = ${input.exact(cents(Math.max(0, annual)))}`),
    };
  },
);

// ---------------------------------------------------------------------------------------------
// The catalogue, in the order of the issue (public API)

// ---------------------------------------------------------------------------------------------
// The impact model (explain prints it)

/**
 * What kind of money each pattern's impact is, and the money base it is computed on:
 * - loss: revenue already leaking each year (churn and contraction above benchmark, bookings lost
 *   to a conversion gap, spend beyond what the benchmark needs);
 * - risk: revenue exposed to an event, annual = exposure × a stated likelihood (concentration,
 *   a hero rep leaving, quarter-end deals slipping, a slower sales cycle delaying bookings (timing,
 *   not lost revenue), pipeline that is not there or not alive);
 * - upside: a gain available (expansion gap, under-investment, growth–profit headroom).
 * Findings are ranked losses first, then risks, then upsides; amounts of different kinds are never
 * added. Findings on the same base overlap (the quarter-end skew and the hero rep are parts of the
 * same bookings), so per-function totals keep only the largest finding of each base and kind.
 */
export const IMPACT_MODEL: Readonly<Record<string, { readonly kind: ImpactKind; readonly basis: 'arr' | 'bookings' | 'pipeline' | 'spend' | 'none' }>> = {
  leaky_bucket: { kind: 'loss', basis: 'arr' },
  high_churn: { kind: 'loss', basis: 'arr' },
  expensive_growth: { kind: 'loss', basis: 'spend' },
  channel_misallocation: { kind: 'loss', basis: 'spend' },
  marketing_sales_disconnect: { kind: 'loss', basis: 'bookings' },
  slowing_velocity: { kind: 'risk', basis: 'bookings' },
  pipeline_starvation: { kind: 'risk', basis: 'pipeline' },
  stale_pipeline: { kind: 'risk', basis: 'pipeline' },
  quarter_end_hockey_stick: { kind: 'risk', basis: 'bookings' },
  hero_rep_dependency: { kind: 'risk', basis: 'bookings' },
  customer_concentration: { kind: 'risk', basis: 'bookings' },
  unreliable_forecast: { kind: 'risk', basis: 'bookings' },
  data_blind_spots: { kind: 'risk', basis: 'none' },
  under_investment: { kind: 'upside', basis: 'spend' },
  expansion_gap: { kind: 'upside', basis: 'arr' },
  growth_profit_imbalance: { kind: 'upside', basis: 'arr' },
  // issue 18 (patterns/loss-reasons.ts): deals won back from the leading loss reason, not estimated
  price_led_losses: { kind: 'upside', basis: 'bookings' },
  competitive_displacement: { kind: 'upside', basis: 'bookings' },
  qualification_gap: { kind: 'upside', basis: 'bookings' },
};

/** The stated likelihoods of the risk patterns that do not read one from the data. */
export const RISK_LIKELIHOOD = {
  /** A quarter-end deal that slips moves one quarter: a quarter of a year's timing, not lost revenue. */
  quarterEndSlip: { value: 0.25, why: 'a slipped deal books one quarter later: a quarter of a year, timing rather than lost revenue' },
  /** A change in velocity between two quarters persists for a year as often as it reverts (our choice: one quarter against the one before is no trend). */
  velocityPersists: { value: 0.5, why: 'a change between two quarters persists for a year as often as it reverts, our choice' },
  /** Typical annual turnover of quota-carrying reps (rule of thumb, ≈ 30%). */
  repLeaves: { value: 0.3, why: 'typical annual turnover of quota-carrying reps, rule of thumb' },
  /** When the data gives no logo churn: one account in ten lost a year (rule of thumb). */
  accountLeaves: { value: 0.1, why: 'no logo retention in the data: one account in ten a year, rule of thumb' },
} as const;

export function impactKindOf(patternId: string): ImpactKind {
  return IMPACT_MODEL[patternId]?.kind ?? 'risk';
}

export const PATTERNS: readonly Pattern[] = [
  { ...leakyBucket, detect: detectLeakyBucket },
  { ...highChurnDef, detect: detectHighChurn },
  expensiveGrowth,
  underInvestment,
  { ...pipelineStarvation, detect: detectPipelineStarvation },
  stalePipeline,
  quarterEndHockeyStick,
  marketingSalesDisconnect,
  { ...channelMisallocationDef, detect: detectChannelMisallocation },
  heroRepDependency,
  customerConcentration,
  { ...slowingVelocityDef, detect: detectSlowingVelocity },
  expansionGap,
  unreliableForecast,
  dataBlindSpots,
  growthProfitImbalance,
  ...LOSS_REASON_PATTERNS,
];

export const PATTERN_IDS: readonly string[] = PATTERNS.map((p) => p.id);

export function getPattern(id: string): Pattern | undefined {
  return PATTERNS.find((p) => p.id === id);
}

/**
 * Fills a KPI template: `{rule.point}` with `rulePoint(rule, point)` and `{tN}` with the pattern's
 * N-th trigger threshold (`triggerAt(index)`). Unknown placeholders are left as they are.
 */
export function fillTemplate(
  text: string,
  rulePoint: (rule: string, point: string) => string | null,
  triggerAt: (index: number) => string | null,
): string {
  return text.replace(/\{([a-z0-9_]+)\.(good|fair|poor|goodMax|fairMax|poorMax|pass|passMax)\}|\{t(\d+)\}/g, (whole, rule?: string, point?: string, t?: string) => {
    if (t !== undefined) return triggerAt(Number(t)) ?? whole;
    return rulePoint(rule as string, point as string) ?? whole;
  });
}
