/**
 * Plans written for this company (issue 18) for the two pipeline patterns: pipeline_starvation
 * (the quarter, the pipeline missing, the deals and the channel that would create it) and
 * slowing_velocity (the two quarters compared, what moved, the loss reason and the segment to
 * inspect). Only Path and Process change: the evidence and impact stay as the detection wrote them.
 * Every KPI is better than today: coverage up to the benchmark, the win rate or cycle back to the
 * previous quarter's level.
 *
 * Pure: a finding and the pattern input in, a finding out.
 */
import { segmentReads } from './engines-read.js';
import { pct } from './signals.js';
import { num, type Tailor } from './tailor-more.js';
import { fmtDays as days, fmtX as x2 } from './patterns/kit.js';


/** Weeks in a quarter: the pipeline gap is spread over them for a weekly creation target. */
const WEEKS_PER_QUARTER = 13;

// ---------------------------------------------------------------------------------------------
// pipeline_starvation: the quarter, the money missing, the deals it means, who creates them

const starvation: Tailor = (f, input) => {
  const coverage = num(f, 'pipeline_coverage');
  const target = num(f, 'pipeline_coverage.target');
  const open = num(f, 'pipeline_coverage.openPipeline');
  const good = num(f, 'benchmark.pipeline_coverage.good');
  if (coverage === null || target === null || open === null || good === null || target <= 0) return f;
  const quarter = input.text('pipeline_coverage', 'quarter') ?? 'next quarter';
  const basis = input.text('pipeline_coverage', 'targetBasis');
  const pass = input.threshold({ rule: 'pipeline_coverage', point: 'pass' }) ?? good;
  const needed = good * target;
  const gap = Math.max(0, needed - open);
  const avg = input.value('avg_deal_size');
  const deals = avg !== null && avg > 0 ? Math.ceil(gap / avg - 1e-9) : null;
  const dealsText = deals === null ? '' : ` (about ${deals} deals at the ${input.money(avg as number)} average size)`;
  const reps = input.num('rep_concentration', 'owners');
  const perRep = reps !== null && reps > 0 ? gap / reps : null;
  const grows = segmentReads(input).find((r) => r.growth === 'grows')?.engine.label;
  const rows = (input.cro.funnel?.rows ?? []).filter((r) => r.paid && r.spend !== null && r.spend > 0 && r.opportunities !== null && r.opportunities > 0);
  const perOpp = (r: (typeof rows)[number]): number => (r.spend as number) / (r.opportunities as number);
  const byCost = [...rows].sort((a, b) => perOpp(a) - perOpp(b));
  const best = byCost[0];
  const worst = byCost.length > 1 ? byCost[byCost.length - 1] : undefined;
  const targetText = `${input.money(target)}${basis !== null && basis.startsWith('proxy') ? ` (${basis})` : ''}`;
  const weekly = gap / WEEKS_PER_QUARTER;
  return {
    ...f,
    path: `Rebuild the pipeline for ${quarter} now: ${input.money(open)} is open against a ${targetText} target, ${x2(coverage)} coverage where ${x2(good)} is healthy, so about ${input.money(gap)} of pipeline is missing${dealsText}; create it with outbound${grows !== undefined ? ` into ${grows}` : ''}${best !== undefined ? `, ${best.channel}` : ''}, partners and expansion, and set a weekly creation target of about ${input.money(weekly)} until coverage two quarters out holds ${x2(pass)} or more.`,
    process: [
      {
        by: 30,
        owner: 'Sales',
        step: `Inspect the ${input.money(open)} open for ${quarter} deal by deal and split the ${input.money(gap)} gap ${perRep !== null ? `across the ${reps} reps (about ${input.money(perRep)} each)` : 'by rep'}; every rep writes how they will create their share (outbound${grows !== undefined ? ` in ${grows}` : ''}, partners, expansion of current customers).`,
        kpi: `${quarter} coverage ≥ ${x2(pass)} (now ${x2(coverage)})`,
      },
      {
        by: 60,
        owner: 'Marketing',
        step:
          best !== undefined && worst !== undefined
            ? `Move budget toward ${best.channel}, which creates an opportunity for ${input.money(perOpp(best))} against ${input.money(perOpp(worst))} for ${worst.channel}, and run one campaign into ${grows ?? 'the ideal customer profile'} sized to the ${input.money(gap)} missing${deals === null ? '' : ` (${deals} deals)`}.`
            : `Run one campaign into ${grows ?? 'the ideal customer profile'} sized to the ${input.money(gap)} of ${quarter} pipeline missing${deals === null ? '' : ` (${deals} deals at ${input.money(avg as number)})`}, and report the pipeline it creates weekly.`,
        kpi: `${quarter} open pipeline ≥ ${input.money(needed)} (now ${input.money(open)})`,
      },
      {
        by: 90,
        owner: 'RevOps',
        step: `Set a weekly pipeline-creation target of about ${input.money(weekly)} (the ${input.money(gap)} gap over ${WEEKS_PER_QUARTER} weeks) per rep and channel, tracked against coverage of ${quarter} and the quarter after.`,
        kpi: `coverage ≥ ${x2(good)} two quarters out (now ${x2(coverage)} for ${quarter})`,
      },
    ],
  };
};

// ---------------------------------------------------------------------------------------------
// slowing_velocity: the two quarters, what moved, where to look first

const velocity: Tailor = (f, input) => {
  const wrNow = num(f, 'win_rate_now');
  const wrBefore = num(f, 'win_rate_before');
  const cNow = num(f, 'cycle_days_now');
  const cBefore = num(f, 'cycle_days_before');
  // what the detection found moved: its evidence opens with the median cycle, the win rate, or both
  const cycleMoved = cNow !== null && cBefore !== null && f.evidence.some((e) => e.startsWith('Median sales cycle'));
  const winMoved = wrNow !== null && wrBefore !== null && f.evidence.some((e) => e.startsWith('Win rate'));
  if (!cycleMoved && !winMoved) return f;
  const labels = /in (\S+ Q\d) against .* in (\S+ Q\d)/.exec(f.evidence[0] ?? '');
  const now = labels?.[1] ?? 'the last quarter';
  const before = labels?.[2] ?? 'the quarter before';
  const lost = num(f, 'exposure_win_rate');
  const delayed = num(f, 'exposure_delayed');
  const moved = [
    winMoved ? `the win rate fell from ${pct(wrBefore as number)} in ${before} to ${pct(wrNow as number)} in ${now}${lost !== null && lost > 0 ? ` (about ${input.money(lost)} of bookings a year if it persists)` : ''}` : null,
    cycleMoved ? `the median cycle grew from ${days(cBefore as number)} to ${days(cNow as number)}${delayed !== null && delayed > 0 ? ` (about ${input.money(delayed)} booked later)` : ''}` : null,
  ].filter((x): x is string => x !== null);
  const top = input.cro.losses?.reasons[0];
  const reasonText = top === undefined ? '' : `, starting with "${top.reason}", the first loss reason (${top.count} deals, ${input.money(top.value)})`;
  const segs = segmentReads(input)
    .map((r) => r.engine)
    .filter((e) => !e.small);
  const slowSeg = [...segs].filter((e) => e.cycleDaysMedian !== null).sort((a, b) => (b.cycleDaysMedian as number) - (a.cycleDaysMedian as number))[0];
  const weakSeg = [...segs].filter((e) => e.winRate !== null).sort((a, b) => (a.winRate as number) - (b.winRate as number))[0];
  const avg = input.value('avg_deal_size');
  const winKpi = winMoved ? `win rate ≥ ${pct(wrBefore as number)}, back to ${before} (now ${pct(wrNow as number)})` : null;
  const cycleKpi = cycleMoved ? `median cycle ≤ ${days(cBefore as number)}, back to ${before} (now ${days(cNow as number)})` : null;
  const firstKpi = (winKpi ?? cycleKpi) as string;
  const secondKpi = (cycleKpi ?? winKpi) as string;
  const segNames = segs.length > 1 ? segs.map((e) => e.label).join(' and ') : null;
  return {
    ...f,
    path: `Find what changed between ${before} and ${now} and coach to it: ${moved.join(', and ')}. Inspect ${now}'s lost and slipped deals${reasonText}, set exit criteria per stage${winMoved && weakSeg !== undefined && segs.length > 1 ? `, ${weakSeg.label} first (wins ${pct(weakSeg.winRate as number, 0)})` : ''}, and review cycle and win rate monthly${segNames !== null ? ` for ${segNames}` : ''}.`,
    process: [
      {
        by: 30,
        owner: 'Sales',
        step: `Compare the deals lost or slipped in ${now} with ${before}'s: the stage where they stall, the competitor and the price${reasonText}; coach every rep on the top cause.`,
        kpi: firstKpi,
      },
      {
        by: 60,
        owner: 'Sales',
        step: `Exit criteria per stage and a mutual close plan for every deal above ${avg !== null ? `the ${input.money(avg)} average size` : 'the median size'}${cycleMoved && slowSeg !== undefined && segs.length > 1 ? `, ${slowSeg.label} first (median cycle ${days(slowSeg.cycleDaysMedian as number)})` : ''}, so ${cycleMoved ? `the cycle returns from ${days(cNow as number)} toward ${days(cBefore as number)}` : `the win rate returns from ${pct(wrNow as number)} toward ${pct(wrBefore as number)}`}.`,
        kpi: secondKpi,
      },
      {
        by: 90,
        owner: 'RevOps',
        step: `Dashboard of cycle and win rate by month${segNames !== null ? ` for ${segNames}` : ' and segment'}, reviewed in the forecast call, with ${now} (${[winMoved ? `win rate ${pct(wrNow as number)}` : null, cycleMoved ? `cycle ${days(cNow as number)}` : null].filter((x) => x !== null).join(', ')}) as the level to beat.`,
        kpi: `${[winKpi, cycleKpi].filter((x) => x !== null).join('; ')} for two quarters running`,
      },
    ],
  };
};

export const PIPELINE_TAILORS: Readonly<Record<string, Tailor>> = {
  pipeline_starvation: starvation,
  slowing_velocity: velocity,
};
