/**
 * Engines, not averages (issue 18): the company's revenue engines detected from the data —
 * segments (the deals' segment column, else the renewals' segment matched by account, else
 * deal-size bands) and motions (new business vs expansion by deal type; direct vs partner by
 * pipeline or source; inbound vs outbound by source) — each with its own core numbers.
 *
 * Pure and deterministic: the dataset and the metric context in, one EnginesBlock out. Metrics
 * compute and never judge: grading each engine against its own segment's benchmarks is
 * diagnose/engine-grades.ts.
 *
 * Definitions (every number is over the context window unless named "prior"):
 * - bookings: Σ won amount closed in the window; bookingsPrior: the same over the twelve months
 *   before; growth = bookings ÷ bookingsPrior − 1 (null when the prior year has no bookings);
 * - newBookings / newDeals: won deals with type "new" (every won deal without a type column), and
 *   their growth over the prior year (newBookingsGrowthYoy);
 * - win rate: won ÷ (won + lost), by count, deals closed in the window;
 * - average deal size: bookings ÷ won; cycle: median close − create of the won deals;
 * - GRR / NRR: renewals due in the window whose segment is the engine's (segment engines only);
 * - top rep: the owner with the most won deals of the engine (count), and that share of its wins;
 * - CAC: only where spend can be tied to the engine (a channel engine with spend rows of the same
 *   name, see channel-funnel.ts); segments and motions carry null with a note.
 */
import type { Dataset, Deal, Renewal } from '../base/model.js';
import { inWindow } from '../base/time.js';
import { compareStrings, median } from './stats.js';
import { hasTypeColumn, isNewBusiness } from './deal-selections.js';
import type { MetricContext, SharedCache } from './types.js';
import { createSharedCache } from './context.js';
import { formatCount } from '../base/format.js';
import { dictLookup, dictMemo } from './dict-memo.js';
import { dealPass } from './deal-pass.js';

/** Rule-pack segment keys an engine is benchmarked against. */
export type BenchmarkSegment = 'smb' | 'mid-market' | 'enterprise' | 'default';

export type EngineDimension = 'segment' | 'type' | 'pipeline' | 'source';

export interface EngineGrade {
  /** Rule id (= metric id) of the rule pack. */
  readonly rule: string;
  readonly value: number;
  readonly status: 'pass' | 'warn' | 'fail';
  readonly score: number;
  /** The rule's good point for the engine's segment. */
  readonly good: number;
}

export interface Engine {
  /** "segment:SMB", "type:expansion", "pipeline:partner", "source:outbound". */
  readonly id: string;
  readonly dimension: EngineDimension;
  readonly label: string;
  /** Whose benchmarks grade it: the segment an engine label names, else the company's. */
  readonly benchmarkSegment: BenchmarkSegment;
  readonly closedDeals: number;
  readonly won: number;
  readonly lost: number;
  readonly winRate: number | null;
  readonly bookings: number;
  /** Share of all bookings of the window (0..1); null when the company booked nothing. */
  readonly bookingsShare: number | null;
  readonly bookingsPrior: number;
  readonly bookingsGrowthYoy: number | null;
  readonly newBookings: number;
  readonly newDeals: number;
  /** New-business bookings of the twelve months before, and the growth over them. */
  readonly newBookingsPrior: number;
  readonly newBookingsGrowthYoy: number | null;
  readonly avgDealSize: number | null;
  readonly cycleDaysMedian: number | null;
  readonly renewals: number;
  readonly arrDue: number | null;
  readonly grr: number | null;
  readonly nrr: number | null;
  readonly topRep: string | null;
  readonly topRepWins: number | null;
  /** topRepWins ÷ won (count). */
  readonly topRepShare: number | null;
  readonly cac: number | null;
  /** Fewer closed deals than MIN_ENGINE_CLOSED_DEALS: shown, not graded on its deal metrics. */
  readonly small: boolean;
  /** Filled by gradeEngines (diagnose); empty here. */
  readonly grades: readonly EngineGrade[];
}

export interface MotionGroup {
  readonly dimension: Exclude<EngineDimension, 'segment'>;
  /** "New business vs expansion", "Direct vs partner", "Inbound vs outbound". */
  readonly title: string;
  /** How deals were put in each engine. */
  readonly basis: string;
  readonly engines: readonly Engine[];
}

export interface EnginesBlock {
  /** How segments were found; null when none could be. */
  readonly segmentBasis: 'deal segment column' | 'renewal segment by account' | 'deal-size bands' | null;
  /** Two or more segments each carry a material share of bookings or won deals. */
  readonly mixed: boolean;
  readonly segments: readonly Engine[];
  readonly motions: readonly MotionGroup[];
  readonly notes: readonly string[];
}

/** An engine with fewer closed deals in the window is shown but its deal metrics are not graded. */
export const MIN_ENGINE_CLOSED_DEALS = 20;
/** A segment's GRR / NRR are graded only with at least this many renewals (as leaky_bucket). */
export const MIN_ENGINE_RENEWALS = 20;
/** A segment is material with at least this share of bookings or of won deals. */
export const MATERIAL_SEGMENT_SHARE = 0.15;
/** Deal-size bands (annual contract value, currency units): SPEC §5 SMB < ~$25k, enterprise > ~$75–100k. */
export const SIZE_BANDS: readonly { readonly label: string; readonly below: number }[] = [
  { label: 'SMB', below: 25_000 },
  { label: 'Mid-Market', below: 100_000 },
  { label: 'Enterprise', below: Number.POSITIVE_INFINITY },
];

/** A segment label ("SMB", "Mid-Market", "ENT"...) as a rule-pack segment key, or null. */
export function benchmarkSegmentOf(label: string): 'smb' | 'mid-market' | 'enterprise' | null {
  const k = label.toLowerCase().replace(/[^a-z]/g, '');
  if (['smb', 'smbs', 'small', 'smallbusiness', 'smallmedium', 'smallandmedium', 'startup', 'startups', 'selfserve', 'velocity'].includes(k)) return 'smb';
  if (['midmarket', 'mm', 'mid', 'midsize', 'mme', 'commercial', 'corporate'].includes(k)) return 'mid-market';
  if (['enterprise', 'ent', 'large', 'strategic', 'largeenterprise', 'global'].includes(k)) return 'enterprise';
  return null;
}

const PARTNER_RE = /partner|reseller|channel|alliance|affiliate|\bvar\b|marketplace|referral partner/i;
const OUTBOUND_RE = /outbound|offline|cold|prospect|\bsdr\b|\bbdr\b|sales[ -]?(generated|sourced)|manual|list import|abm/i;
const INBOUND_RE = /inbound|organic|paid|search|social|seo|content|web|direct|referral|event|webinar|email|\bads?\b|marketing|form|trial|demo request/i;

/** Inbound / outbound / null (unknown) from a deal's source text. */
export function sourceMotion(source: string | null): 'inbound' | 'outbound' | null {
  if (source === null || source.trim() === '') return null;
  if (OUTBOUND_RE.test(source)) return 'outbound';
  if (INBOUND_RE.test(source)) return 'inbound';
  return null;
}

/** Partner when the pipeline (or, without a pipeline, the source) names a partner channel. */
export function partnerMotion(deal: Deal, isPartner: (text: string) => boolean = (t) => PARTNER_RE.test(t)): 'direct' | 'partner' | null {
  if (deal.pipeline !== null && deal.pipeline.trim() !== '') return isPartner(deal.pipeline) ? 'partner' : 'direct';
  if (deal.source !== null && isPartner(deal.source)) return 'partner';
  return null;
}

interface Acc {
  closed: number;
  won: number;
  lost: number;
  wonCents: number;
  priorCents: number;
  priorNewCents: number;
  newCents: number;
  newDeals: number;
  cycles: number[];
  reps: Map<string, number>;
  renewals: number;
  beforeCents: number;
  afterCents: number;
  retainedCents: number;
}

function emptyAcc(): Acc {
  return { closed: 0, won: 0, lost: 0, wonCents: 0, priorCents: 0, priorNewCents: 0, newCents: 0, newDeals: 0, cycles: [], reps: new Map(), renewals: 0, beforeCents: 0, afterCents: 0, retainedCents: 0 };
}

interface Grouping {
  readonly dealKey: (d: Deal) => string | null;
  readonly renewalKey?: (r: Renewal) => string | null;
}

/**
 * One pass over the deals (and one over the renewals) for every grouping at once: the per-deal
 * work (window, type, cycle) is done once and each grouping only adds its key lookup.
 */
function accumulateMany(ds: Dataset, ctx: MetricContext, shared: SharedCache, groupings: readonly Grouping[]): { outs: Map<string, Acc>[]; wonCentsNow: number } {
  const hasType = hasTypeColumn(ds, shared);
  const outs = groupings.map(() => new Map<string, Acc>());
  const get = (out: Map<string, Acc>, k: string): Acc => {
    let a = out.get(k);
    if (a === undefined) {
      a = emptyAcc();
      out.set(k, a);
    }
    return a;
  };
  const n = groupings.length;
  // Σ won amount in the window (every engine's share is of it), in the same pass
  let wonCentsNow = 0;
  // deals closed in the window, and the prior year's wins: the deal pass's two lists (disjoint, as the
  // windows are); every total below is a sum or a count, and the cycles a median, so the order
  // the deals come in changes nothing
  const pass = dealPass(ds, ctx, shared);
  const lists = [pass.closedInWindow, pass.wonInPriorYear] as const;
  for (let li = 0; li < lists.length; li++) {
    const list = lists[li] as readonly Deal[];
    const inNow = li === 0;
    for (let di = 0; di < list.length; di++) {
      const d = list[di] as Deal;
      const closed = d.closed;
      const won = inNow ? d.status === 'won' : true;
      if (won && inNow) wonCentsNow += d.amountCents;
      const isNew = isNewBusiness(d, hasType);
      const cycle = won && inNow && d.created !== null && closed !== null ? closed - d.created : null;
      for (let i = 0; i < n; i++) {
        const k = (groupings[i] as Grouping).dealKey(d);
        if (k === null) continue;
        const a = get(outs[i] as Map<string, Acc>, k);
        if (!inNow) {
          a.priorCents += d.amountCents;
          if (isNew) a.priorNewCents += d.amountCents;
          continue;
        }
        a.closed += 1;
        if (!won) {
          a.lost += 1;
          continue;
        }
        a.won += 1;
        a.wonCents += d.amountCents;
        if (isNew) {
          a.newDeals += 1;
          a.newCents += d.amountCents;
        }
        if (cycle !== null) a.cycles.push(cycle);
        if (d.owner !== null) a.reps.set(d.owner, (a.reps.get(d.owner) ?? 0) + 1);
      }
    }
  }
  groupings.forEach((g, i) => {
    if (g.renewalKey === undefined) return;
    for (const r of ds.renewals) {
      if (!inWindow(r.renewalDate, ctx.window)) continue;
      const k = g.renewalKey(r);
      if (k === null) continue;
      const a = get(outs[i] as Map<string, Acc>, k);
      a.renewals += 1;
      a.beforeCents += r.arrBeforeCents;
      a.afterCents += r.arrAfterCents;
      a.retainedCents += Math.min(r.arrAfterCents, r.arrBeforeCents);
    }
  });
  return { outs, wonCentsNow };
}

function toEngine(dimension: EngineDimension, label: string, a: Acc, totalWonCents: number, benchmarkSegment: BenchmarkSegment): Engine {
  let topRep: string | null = null;
  let topRepWins = 0;
  for (const [rep, n] of [...a.reps.entries()].sort((x, y) => compareStrings(x[0], y[0]))) {
    if (n > topRepWins) {
      topRep = rep;
      topRepWins = n;
    }
  }
  return {
    id: `${dimension}:${label}`,
    dimension,
    label,
    benchmarkSegment,
    closedDeals: a.closed,
    won: a.won,
    lost: a.lost,
    winRate: a.closed > 0 ? a.won / a.closed : null,
    bookings: a.wonCents / 100,
    bookingsShare: totalWonCents > 0 ? a.wonCents / totalWonCents : null,
    bookingsPrior: a.priorCents / 100,
    bookingsGrowthYoy: a.priorCents > 0 ? a.wonCents / a.priorCents - 1 : null,
    newBookings: a.newCents / 100,
    newDeals: a.newDeals,
    newBookingsPrior: a.priorNewCents / 100,
    newBookingsGrowthYoy: a.priorNewCents > 0 ? a.newCents / a.priorNewCents - 1 : null,
    avgDealSize: a.won > 0 ? a.wonCents / 100 / a.won : null,
    cycleDaysMedian: median(a.cycles),
    renewals: a.renewals,
    arrDue: a.renewals > 0 ? a.beforeCents / 100 : null,
    grr: a.beforeCents > 0 ? a.retainedCents / a.beforeCents : null,
    nrr: a.beforeCents > 0 ? a.afterCents / a.beforeCents : null,
    topRep,
    topRepWins: topRep === null ? null : topRepWins,
    topRepShare: topRep === null || a.won === 0 ? null : topRepWins / a.won,
    cac: null,
    small: a.closed < MIN_ENGINE_CLOSED_DEALS,
    grades: [],
  };
}

/** Normalised label key, so "Mid-Market" and "mid market" are one segment. */
function labelKey(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function sizeBand(amountCents: number): string {
  const units = amountCents / 100;
  return (SIZE_BANDS.find((b) => units < b.below) ?? (SIZE_BANDS[SIZE_BANDS.length - 1] as (typeof SIZE_BANDS)[number])).label;
}

function closedInWindow(ds: Dataset, ctx: MetricContext, shared: SharedCache): readonly Deal[] {
  // the one deal pass's list: status ≠ open, closed in the window, in dataset order
  return dealPass(ds, ctx, shared).closedInWindow;
}

/** How the segment engines are built: the grouping, the display names and whether win rates stand. */
interface SegmentPlan {
  readonly basis: EnginesBlock['segmentBasis'];
  readonly grouping: Grouping | null;
  readonly display: ReadonlyMap<string, string>;
  readonly winRates: boolean;
}

function segmentEngines(plan: SegmentPlan, accs: ReadonlyMap<string, Acc>, total: number, ctx: MetricContext): Engine[] {
  const profileSeg: BenchmarkSegment = ctx.profile.segment === 'mixed' ? 'default' : ctx.profile.segment;
  return [...accs.entries()]
    .map(([k, a]) => {
      const label = plan.display.get(k) ?? k;
      const e = toEngine('segment', label, a, total, benchmarkSegmentOf(label) ?? profileSeg);
      return plan.winRates ? e : { ...e, winRate: null };
    })
    .sort((x, y) => y.bookings - x.bookings || compareStrings(x.label, y.label));
}

/** Segments: the deals' column, else renewal segments matched by account, else size bands. */
function planSegments(ds: Dataset, ctx: MetricContext, shared: SharedCache, notes: string[]): SegmentPlan {
  const closed = closedInWindow(ds, ctx, shared);
  const build = (basis: NonNullable<EnginesBlock['segmentBasis']>, g: Grouping, display: Map<string, string>, winRates = true): SegmentPlan => ({ basis, grouping: g, display, winRates });
  const display = new Map<string, string>();
  const seen = new Map<string, string>(); // raw label -> key: few labels, many deals
  const remember = (raw: string): string => {
    const hit = seen.get(raw);
    if (hit !== undefined) return hit;
    const k = labelKey(raw);
    const cur = display.get(k);
    if (cur === undefined || compareStrings(raw.trim(), cur) < 0) display.set(k, raw.trim());
    seen.set(raw, k);
    return k;
  };
  // keys per distinct value (dictionary code), not per deal
  const hasSegment = dictMemo('segment', (s) => s !== null && s.trim() !== '');
  const withSegment = closed.filter(hasSegment).length;
  if (closed.length > 0 && withSegment / closed.length >= 0.5) {
    if (withSegment < closed.length) notes.push(`${closed.length - withSegment} closed deals of the window have no segment and are left out of the segment engines`);
    const renewalSeg = ds.renewals.some((r) => r.segment !== null);
    return build(
      'deal segment column',
      {
        dealKey: dictMemo('segment', (s) => (s === null || s.trim() === '' ? null : remember(s))),
        ...(renewalSeg ? { renewalKey: (r: Renewal) => (r.segment === null ? null : remember(r.segment)) } : {}),
      },
      display,
    );
  }
  const bySegAccount = new Map<string, string>();
  for (const r of ds.renewals) if (r.segment !== null && r.segment.trim() !== '') bySegAccount.set(r.account, r.segment);
  if (bySegAccount.size > 0) {
    const segmentOf = dictLookup('account', bySegAccount);
    const matched = closed.filter((d) => segmentOf(d) !== undefined).length;
    if (matched < closed.length) notes.push(`${closed.length - matched} closed deals of the window match no renewal account and are left out of the segment engines`);
    return build(
      'renewal segment by account',
      {
        dealKey: (d) => {
          const s = segmentOf(d);
          return s === undefined ? null : remember(s);
        },
        renewalKey: (r) => (r.segment === null || r.segment.trim() === '' ? null : remember(r.segment)),
      },
      display,
    );
  }
  if (closed.length === 0 && ds.renewals.length === 0) return { basis: null, grouping: null, display, winRates: true };
  // a deal without an amount cannot be placed in a size band (exports often leave lost deals at 0)
  const unsized = closed.filter((d) => d.amountCents <= 0);
  const lostUnsized = unsized.filter((d) => d.status === 'lost').length;
  if (unsized.length > 0) {
    notes.push(
      `${unsized.length} closed deals of the window have no amount and cannot be placed in a size band${lostUnsized > 0 ? `; ${lostUnsized} of them are lost deals, so the win rate by band leaves out those losses and is shown as n/a` : ''}`,
    );
  }
  notes.push(`no segment in the deals or renewals: segments are deal-size bands of annual contract value (${SIZE_BANDS.map((b) => (Number.isFinite(b.below) ? `${b.label} below ${formatCount(b.below)}` : b.label)).join(', ')})`);
  for (const b of SIZE_BANDS) remember(b.label);
  return build(
    'deal-size bands',
    { dealKey: (d) => (d.amountCents <= 0 ? null : labelKey(sizeBand(d.amountCents))), renewalKey: (r) => (r.arrBeforeCents <= 0 ? null : labelKey(sizeBand(r.arrBeforeCents))) },
    display,
    lostUnsized === 0,
  );
}

interface MotionPlan {
  readonly dimension: MotionGroup['dimension'];
  readonly title: string;
  readonly basis: string;
  readonly keyOf: (d: Deal) => string | null;
  readonly order: readonly string[];
}

function motionGroup(ctx: MetricContext, plan: MotionPlan, accs: ReadonlyMap<string, Acc>, total: number): MotionGroup | null {
  const { dimension, title, basis, order } = plan;
  const seg: BenchmarkSegment = ctx.profile.segment === 'mixed' ? 'default' : ctx.profile.segment;
  const engines = order.filter((k) => accs.has(k)).map((k) => toEngine(dimension, k, accs.get(k) as Acc, total, seg));
  // a motion is only a motion when both sides exist
  if (engines.length < 2 || engines.some((e) => e.closedDeals === 0)) return null;
  return { dimension, title, basis, engines };
}

export function computeEngines(ds: Dataset, ctx: MetricContext, shared: SharedCache = createSharedCache()): EnginesBlock {
  const notes: string[] = [];
  const plan = planSegments(ds, ctx, shared, notes);
  const partnerMemo = new Map<string, boolean>();
  const isPartner = (text: string): boolean => {
    let v = partnerMemo.get(text);
    if (v === undefined) {
      v = PARTNER_RE.test(text);
      partnerMemo.set(text, v);
    }
    return v;
  };
  const motionMemo = new Map<string, 'inbound' | 'outbound' | null>();
  const motionOf = (src: string | null): 'inbound' | 'outbound' | null => {
    if (src === null) return null;
    let m = motionMemo.get(src);
    if (m === undefined) {
      m = sourceMotion(src);
      motionMemo.set(src, m);
    }
    return m;
  };
  const sourceMotionOf = dictMemo('source', motionOf);
  // partnerMotion per distinct pipeline, then per distinct source when the pipeline is blank
  const pipelineMotion = dictMemo('pipeline', (p) => (p !== null && p.trim() !== '' ? (isPartner(p) ? 'partner' : 'direct') : null));
  const sourcePartner = dictMemo('source', (s) => (s !== null && isPartner(s) ? 'partner' : null));
  const motionPlans: MotionPlan[] = [];
  const hasType = hasTypeColumn(ds, shared);
  // direct vs partner and inbound vs outbound are ways of winning new customers: expansions (sourced
  // from the account, not a channel) would blur them
  const newOnly = hasType ? ' (new-business deals)' : '';
  if (hasType) {
    motionPlans.push({ dimension: 'type', title: 'New business vs expansion', basis: 'the deal type column', keyOf: (d) => (d.type === 'new' ? 'New business' : d.type === 'expansion' ? 'Expansion' : null), order: ['New business', 'Expansion'] });
  }
  motionPlans.push({
    dimension: 'pipeline',
    title: 'Direct vs partner',
    basis: `the pipeline name (a pipeline naming a partner, reseller or channel is partner)${newOnly}`,
    keyOf: (d) => {
      if (hasType && d.type !== 'new') return null;
      const m = pipelineMotion(d) ?? sourcePartner(d);
      return m === 'partner' ? 'Partner' : m === 'direct' ? 'Direct' : null;
    },
    order: ['Direct', 'Partner'],
  });
  motionPlans.push({
    dimension: 'source',
    title: 'Inbound vs outbound',
    basis: `the deal source (outbound, offline, cold, SDR or prospecting sources are outbound; web, search, social, content, referral, event and direct sources inbound)${newOnly}`,
    keyOf: (d) => {
      if (hasType && d.type !== 'new') return null;
      const m = sourceMotionOf(d);
      return m === 'inbound' ? 'Inbound' : m === 'outbound' ? 'Outbound' : null;
    },
    order: ['Inbound', 'Outbound'],
  });
  const groupings: Grouping[] = [...(plan.grouping === null ? [] : [plan.grouping]), ...motionPlans.map((m) => ({ dealKey: m.keyOf }))];
  const { outs: accs, wonCentsNow: total } = accumulateMany(ds, ctx, shared, groupings);
  const segments = plan.grouping === null ? [] : segmentEngines(plan, accs[0] as Map<string, Acc>, total, ctx);
  const offset = plan.grouping === null ? 0 : 1;
  const motions = motionPlans.map((m, i) => motionGroup(ctx, m, accs[i + offset] as Map<string, Acc>, total)).filter((g): g is MotionGroup => g !== null);
  const totalWon = segments.reduce((t, x) => t + x.won, 0);
  const material = segments.filter((s) => (s.bookingsShare ?? 0) >= MATERIAL_SEGMENT_SHARE || (s.won > 0 && s.won / Math.max(1, totalWon) >= MATERIAL_SEGMENT_SHARE));
  if (segments.length > 0) notes.push('CAC by segment needs spend split by segment; the spend file is split by channel only (see the channel funnel)');
  return { segmentBasis: plan.basis, mixed: material.length >= 2, segments, motions, notes };
}
