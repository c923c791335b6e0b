/**
 * slowing_velocity: the sales cycle got longer or the win rate fell, quarter over quarter, beyond
 * noise.
 */
import { addMonths, dayFromIso, fiscalQuarterLabel, fiscalQuarterOf, monthKey, type Window } from '../../base/time.js';
import type { DayNumber } from '../../base/model.js';
import { clear, fired, fmtDays, noImpact, notChecked, RISK_LIKELIHOOD, riskImpact, watch, type Detection, type Metrics, type Pattern, type PatternDef } from './kit.js';
import { cents, pct, type PatternInput, type Trigger } from '../signals.js';

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
  impactModel: { kind: 'risk', basis: 'bookings' },
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

export const slowingVelocity: Pattern = { ...slowingVelocityDef, detect: detectSlowingVelocity };
