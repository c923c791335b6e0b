/**
 * stale_pipeline: a large share of open pipeline is past due or aged beyond twice the median
 * cycle.
 */
import { bench, fmtDays, noImpact, riskImpact, standard, type Metrics, type Pattern } from './kit.js';
import { pct } from '../signals.js';

export const stalePipeline: Pattern = standard(
  {
    id: 'stale_pipeline',
    title: 'Stale pipeline: deals nobody is working',
    description:
      'A large share of open pipeline is past its expected close date or older than twice the median cycle: it inflates coverage and the forecast with revenue that will likely not come.',
    area: 'pipeline',
    owners: ['Sales', 'RevOps'],
    severity: 'warning',
    requires: ['stale_pipeline_share', 'win_rate', 'past_due_open_deals'],
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
    impactModel: { kind: 'risk', basis: 'pipeline' },
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
