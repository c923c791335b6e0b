/**
 * pipeline_starvation: next-quarter pipeline coverage below the segment pass point (against the
 * company's own history when the target is a proxy).
 */
import { bench, clear, fmtX, noImpact, notChecked, riskImpact, segmentName, standard, type Detection, type Metrics, type Pattern } from './kit.js';
import { pct, type PatternInput } from '../signals.js';

const starvationByBenchmark = standard(
  {
    id: 'pipeline_starvation',
    title: 'Pipeline starvation: not enough pipeline for next quarter',
    description: "Open pipeline expected to close next quarter covers too little of the quarter's bookings target: the quarter is lost before it starts.",
    area: 'pipeline',
    owners: ['Sales', 'Marketing'],
    severity: 'critical',
    requires: ['pipeline_coverage', 'win_rate', 'pipeline_per_marketing_dollar'],
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
    impactModel: { kind: 'risk', basis: 'pipeline' },
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
    const d = starvationByBenchmark.detect(input);
    if (!d.fired || hist === null) return d;
    return {
      ...d,
      evidence: [
        ...d.evidence,
        `No target is configured: against its own history the company held a median ${fmtX(hist)} of the same proxy at the same point of the previous ${quarters} quarters; ${fmtX(coverage as number)} is below ${pct(STARVATION_HISTORY_SHARE, 0)} of that.`,
      ],
    };
  }
  return starvationByBenchmark.detect(input);
}

export const pipelineStarvation: Pattern = { ...starvationByBenchmark, detect: detectPipelineStarvation };
