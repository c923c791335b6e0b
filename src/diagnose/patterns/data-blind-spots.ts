/**
 * data_blind_spots: rejected rows, deals without a source or an owner, or a stale export.
 */
import { bench, noImpact, standard, type Metrics, type Pattern } from './kit.js';
import { type Trigger } from '../signals.js';

const DATA_METRICS = ['rejected_row_rate', 'missing_source_share', 'missing_owner_share', 'data_freshness_days'] as const;

export const dataBlindSpots: Pattern = standard(
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
    impactModel: { kind: 'risk', basis: 'none' },
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
