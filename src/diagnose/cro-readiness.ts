/**
 * CRO readiness for founders (SPEC §6, issue 18): a verdict — founder-led with a sales leader, a
 * fractional CRO, or a full-time CRO — that follows the framework's own triggers, each checked
 * from the data with its evidence, and what the role would fix first.
 *
 * Triggers (each `fired` or not, with the numbers):
 * - arr_band: where ARR sits (below ~10M a full-time CRO is rarely needed, 10–50M companies
 *   consider one, above 50M it is common). Context, never "fired".
 * - crossing_band: ARR × (1 + growth) reaches the next band (10M or 50M) within a year; growth is
 *   ARR growth, else bookings growth.
 * - churn_despite_bookings: GRR below CHURN_GRR while bookings grow faster than CHURN_GROWTH —
 *   at least a fractional CRO, whatever the ARR: acquisition and retention are not one engine.
 * - functions_misaligned: measured from the data, never from the tool's own owner tags — sales
 *   sells most into the segment customer success cannot keep; marketing's leads go to channels no
 *   deal is sourced from; marketing's SQLs are not accepted as opportunities. Fires on one of them.
 * - segment_expansion: a segment's share of bookings rose by at least EXPANSION_POINTS in a year
 *   (a move up- or down-market, or into a new segment).
 * - scaling_transition: selling still rides on one person (top owner above the rep_concentration
 *   fair point) while the company grows (bookings growth at or above its fair point) with a team
 *   of at least TEAM_OWNERS sellers: the founder-led (or hero-led) to scale-up transition.
 * - plateau: bookings or ARR growth at or below the growth rules' poor point.
 *
 * Verdict: ≥ 50M → full-time. 10–50M → fractional, full-time with ≥ 2 of the cross-functional
 * triggers (churn, misaligned, expansion, transition, plateau). < 10M → founder-led with a sales
 * leader; fractional with churn despite bookings, with ≥ 2 cross-functional triggers, or when the
 * company crosses 10M within a year with one of them. ARR unknown: as below 10M.
 */
import { estimateArr, type Pattern } from './patterns/kit.js';
import { millions } from './perspective.js';
import { segmentReads } from './engines-read.js';
import { pct, type PatternInput } from './signals.js';
import type { CroReadiness, CroTrigger, Finding } from './types.js';
import { formatCount } from '../base/format.js';

/** SPEC §6 ARR bands (currency units). */
export const CRO_CONSIDER_ARR = 10e6;
export const CRO_COMMON_ARR = 50e6;
/** The framework's "high churn despite strong bookings": GRR below ~85% with bookings growth above ~30%. */
export const CHURN_GRR = 0.85;
export const CHURN_GROWTH = 0.3;
/** A segment whose share of bookings moved this much in a year. */
export const EXPANSION_POINTS = 0.1;
/** Sellers with won deals that make a team. */
export const TEAM_OWNERS = 5;
/** Marketing leads in channels no won or open deal names as its source: a broken hand-off above this share. */
export const DARK_LEAD_SHARE = 0.2;
/** SQLs accepted as opportunities below this rate: sales does not take marketing's SQLs. */
export const SQL_ACCEPTANCE = 0.5;
/** Cross-functional triggers that move the verdict one step up. */
export const CRO_TRIGGERS_TO_STEP_UP = 2;

const CROSS_FUNCTIONAL: readonly CroTrigger['id'][] = ['churn_despite_bookings', 'functions_misaligned', 'segment_expansion', 'scaling_transition', 'plateau'];

function growthRate(input: PatternInput): { value: number; what: string } | null {
  const arr = input.value('arr_growth');
  if (arr !== null) return { value: arr, what: 'ARR growth' };
  const b = input.value('bookings_growth_yoy');
  return b === null ? null : { value: b, what: 'bookings growth' };
}

function misalignment(input: PatternInput): string[] {
  const out: string[] = [];
  const reads = segmentReads(input);
  const allNew = reads.reduce((t, r) => t + r.engine.newDeals, 0);
  const biggest = [...reads].sort((a, b) => b.engine.newDeals - a.engine.newDeals)[0];
  if (biggest !== undefined && allNew > 0 && biggest.retention === 'leaks' && biggest.engine.newDeals / allNew >= 0.5) {
    out.push(
      `sales and customer success: ${biggest.engine.newDeals} of ${allNew} new deals go to ${biggest.engine.label}, the segment that keeps only ${pct(biggest.engine.grr ?? 0)} of its ARR (${pct(biggest.grrGood ?? 0, 0)} for its segment)`,
    );
  }
  const f = input.cro.funnel;
  if (f !== null && f.total.leads !== null && f.total.leads > 0) {
    const dark = f.rows.filter((r) => r.paid && r.opportunities === 0 && r.won === 0 && r.leads !== null);
    const darkLeads = dark.reduce((t, r) => t + (r.leads ?? 0), 0);
    if (darkLeads / f.total.leads >= DARK_LEAD_SHARE) {
      out.push(
        `marketing and sales: ${pct(darkLeads / f.total.leads, 0)} of the leads (${formatCount(darkLeads)} of ${formatCount(f.total.leads)}) come from ${dark.map((r) => r.channel).join(', ')}, which no deal names as its source: the two teams do not share one funnel definition`,
      );
    }
    const t = f.total;
    if (t.sqls !== null && t.sqls > 0 && t.opportunities / t.sqls < SQL_ACCEPTANCE) {
      out.push(`marketing and sales: only ${pct(t.opportunities / t.sqls)} of marketing's SQLs become opportunities (${t.opportunities} of ${t.sqls})`);
    }
  }
  return out;
}

export function croTriggers(input: PatternInput, arr: number | null): CroTrigger[] {
  const est = estimateArr(input);
  // the basis matters when ARR is a proxy (bookings): say so next to the number
  const money = (n: number): string => (n === arr && est.source === 'bookings' ? `${input.money(n)} (${est.short})` : input.money(n));
  const triggers: CroTrigger[] = [];
  // arr band (context)
  triggers.push({
    id: 'arr_band',
    fired: arr !== null && arr >= CRO_CONSIDER_ARR,
    evidence:
      arr === null
        ? 'ARR unknown (no company.arr, renewals or bookings)'
        : arr >= CRO_COMMON_ARR
          ? `ARR about ${money(arr)}: above ${millions(CRO_COMMON_ARR, input.currency)} a full-time CRO is common`
          : arr >= CRO_CONSIDER_ARR
            ? `ARR about ${money(arr)}: between ${millions(CRO_CONSIDER_ARR, input.currency)} and ${millions(CRO_COMMON_ARR, input.currency)} companies consider a CRO`
            : `ARR about ${money(arr)}: below ${millions(CRO_CONSIDER_ARR, input.currency)} a full-time CRO is rarely needed`,
  });
  // crossing a band within a year
  const g = growthRate(input);
  const next = arr === null ? null : arr < CRO_CONSIDER_ARR ? CRO_CONSIDER_ARR : arr < CRO_COMMON_ARR ? CRO_COMMON_ARR : null;
  if (arr !== null && next !== null && g !== null) {
    const inAYear = arr * (1 + g.value);
    triggers.push({
      id: 'crossing_band',
      fired: inAYear >= next,
      evidence: `at ${g.what} ${g.value >= 0 ? '+' : ''}${pct(g.value)}, ARR of ${money(arr)} would be about ${money(inAYear)} in a year: ${inAYear >= next ? 'past' : 'short of'} ${millions(next, input.currency)}`,
    });
  }
  // high churn despite strong bookings
  const grr = input.value('grr');
  const bg = input.value('bookings_growth_yoy');
  if (grr !== null && bg !== null) {
    const fired = grr < CHURN_GRR && bg > CHURN_GROWTH;
    triggers.push({
      id: 'churn_despite_bookings',
      fired,
      evidence: `GRR ${pct(grr)} (${grr < CHURN_GRR ? 'below' : 'at or above'} ${pct(CHURN_GRR, 0)}) with bookings ${bg >= 0 ? '+' : ''}${pct(bg)} year over year (${bg > CHURN_GROWTH ? 'above' : 'not above'} ${pct(CHURN_GROWTH, 0)})${fired ? ': the company sells well and keeps badly, so acquisition and retention are not run as one engine' : ''}`,
    });
  }
  // functions misaligned, from the data
  const mis = misalignment(input);
  triggers.push({
    id: 'functions_misaligned',
    fired: mis.length > 0,
    evidence: mis.length > 0 ? mis.join('; ') : 'no misalignment measured between sales and customer success (what is sold vs what is kept) or marketing and sales (lead sources vs deal sources, SQL acceptance)',
  });
  // segment or market expansion
  const b = input.cro.engines;
  if (b !== null && b.segments.length > 1) {
    const now = b.segments.reduce((t, s) => t + s.bookings, 0);
    const before = b.segments.reduce((t, s) => t + s.bookingsPrior, 0);
    if (now > 0 && before > 0) {
      const moves = b.segments
        .map((s) => ({ s, shift: s.bookings / now - s.bookingsPrior / before }))
        .sort((x, y) => y.shift - x.shift);
      const top = moves[0];
      if (top !== undefined) {
        triggers.push({
          id: 'segment_expansion',
          fired: top.shift >= EXPANSION_POINTS,
          evidence: `${top.s.label}'s share of bookings went from ${pct(top.s.bookingsPrior / before)} to ${pct(top.s.bookings / now)} in a year${top.shift >= EXPANSION_POINTS ? ': the company is moving into a segment that needs its own sales motion, pricing and success model' : ''}`,
        });
      }
    }
  }
  // founder-led (or hero-led) to scale-up transition
  const share = input.value('rep_concentration');
  const owners = input.num('rep_concentration', 'owners');
  const fair = input.threshold({ rule: 'rep_concentration', point: 'fair' });
  const growthFair = input.threshold({ rule: 'bookings_growth_yoy', point: 'fair' });
  if (share !== null && owners !== null && fair !== null && bg !== null && growthFair !== null) {
    const who = input.text('rep_concentration', 'owner') ?? 'one seller';
    const fired = share >= fair && owners >= TEAM_OWNERS && bg >= growthFair;
    triggers.push({
      id: 'scaling_transition',
      fired,
      evidence: `${who} closes ${pct(share)} of bookings among ${owners} sellers while bookings grow ${pct(bg)}${fired ? ': selling still runs through one person (a founder or a hero rep; the data cannot tell which) while the company scales' : ''}`,
    });
  }
  // plateau
  for (const [metric, what] of [
    ['bookings_growth_yoy', 'bookings'],
    ['arr_growth', 'ARR'],
  ] as const) {
    const v = input.value(metric);
    const floor = input.threshold({ rule: metric, point: 'poor' });
    if (v !== null && floor !== null && v <= floor) {
      triggers.push({ id: 'plateau', fired: true, evidence: `growth has plateaued: ${what} ${v >= 0 ? '+' : ''}${pct(v)} year over year` });
      break;
    }
  }
  return triggers;
}

/** What the role would fix first: one line per fired trigger, in the order a CRO would take them. */
function fixFirst(input: PatternInput, triggers: readonly CroTrigger[], findings: readonly Finding[]): string[] {
  const fired = new Set(triggers.filter((t) => t.fired).map((t) => t.id));
  const out: string[] = [];
  const reads = segmentReads(input);
  const leaking = reads.filter((r) => r.retention === 'leaks').sort((a, b) => (b.leakArr ?? 0) - (a.leakArr ?? 0))[0];
  if (fired.has('churn_despite_bookings')) {
    out.push(
      leaking !== undefined
        ? `Retention as a revenue problem, not a support one: decide who the ${leaking.engine.label} engine should sell to, qualify out the profile that churns, and give ${leaking.engine.label} a renewal motion (GRR ${pct(leaking.engine.grr ?? 0)} → ${pct(leaking.grrGood ?? 0, 0)}).`
        : `Retention as a revenue problem: tie what sales promises to what customer success keeps, with GRR as a shared target (now ${pct(input.value('grr') ?? 0)}).`,
    );
  }
  if (fired.has('functions_misaligned')) out.push('One funnel: a single written definition of lead, MQL, SQL and opportunity, a source on every deal, and one pipeline target shared by marketing and sales.');
  if (fired.has('segment_expansion')) {
    const grow = [...reads].sort((a, b) => (b.engine.bookingsGrowthYoy ?? 0) - (a.engine.bookingsGrowthYoy ?? 0))[0];
    out.push(`A separate motion for the segment the company is moving into${grow === undefined ? '' : ` (${grow.engine.label}, ${grow.engine.bookingsGrowthYoy === null ? '' : `+${pct(grow.engine.bookingsGrowthYoy, 0)} `}bookings)`}: its own playbook, hiring plan and pricing, so it does not ride on the old one.`);
  }
  if (fired.has('scaling_transition')) out.push(`A repeatable sales system: document how ${input.text('rep_concentration', 'owner') ?? 'the top seller'} wins, hire and ramp against it, and make the forecast independent of one person.`);
  if (fired.has('plateau')) out.push('A growth plan: the next engine (segment, channel or expansion) with its own target and owner.');
  if (out.length === 0 && findings[0] !== undefined) out.push(`The top finding: ${findings[0].title.toLowerCase()}.`);
  return out.slice(0, 3);
}

export function assessCroReadiness(input: PatternInput, arr: number | null, findings: readonly Finding[], _patterns: readonly Pattern[]): CroReadiness {
  const triggers = croTriggers(input, arr);
  const fired = new Set(triggers.filter((t) => t.fired).map((t) => t.id));
  const cross = CROSS_FUNCTIONAL.filter((id) => fired.has(id)).length;
  const churn = fired.has('churn_despite_bookings');
  let verdict: CroReadiness['verdict'];
  if (arr !== null && arr >= CRO_COMMON_ARR) verdict = 'full-time CRO';
  else if (arr !== null && arr >= CRO_CONSIDER_ARR) verdict = cross >= CRO_TRIGGERS_TO_STEP_UP ? 'full-time CRO' : 'fractional CRO';
  else verdict = churn || cross >= CRO_TRIGGERS_TO_STEP_UP || (fired.has('crossing_band') && cross >= 1) ? 'fractional CRO' : 'founder-led with a sales leader';

  const reasons: string[] = triggers.filter((t) => t.id === 'arr_band' || t.fired).map((t) => t.evidence);
  if (arr === null && fired.size === 0) {
    // nothing measured points anywhere: "founder-led" would be a default, not a reading
    reasons.push('no verdict: it needs the company\'s ARR (company.arr in the config) or the deals, renewals or subscriptions that show it, or a trigger that fires');
    return { verdict: 'not enough data', reasons, triggers, fixFirst: [] };
  }
  if (arr === null) reasons.push('the verdict rests on the cross-functional triggers only');
  if (cross === 0) reasons.push('no cross-functional trigger fired: each function can fix its own findings');
  if (verdict === 'fractional CRO') {
    reasons.push(
      churn && (arr === null || arr < CRO_CONSIDER_ARR)
        ? 'high churn despite strong bookings calls for at least a fractional CRO: one owner of acquisition and retention together'
        : cross > 0
          ? 'a fractional CRO can join marketing, sales and customer success into one revenue system without a full-time executive hire'
          : 'a fractional CRO can set up the revenue system and hire the leaders before a full-time CRO is justified',
    );
  } else if (verdict === 'full-time CRO' && arr !== null && arr < CRO_COMMON_ARR) {
    reasons.push(`${cross} cross-functional triggers: the problems span functions and need one full-time owner of the whole number`);
  } else if (verdict === 'founder-led with a sales leader') {
    const crossing = triggers.find((t) => t.id === 'crossing_band');
    reasons.push(
      crossing !== undefined && crossing.fired
        ? `a strong sales leader reporting to the founder is enough today, but ARR crosses ${millions(CRO_CONSIDER_ARR, input.currency)} within a year: plan a fractional CRO before then`
        : 'a strong sales leader reporting to the founder is enough for now; revisit when a trigger fires or ARR nears the next band',
    );
  }
  return { verdict, reasons, triggers, fixFirst: fixFirst(input, triggers, findings) };
}
