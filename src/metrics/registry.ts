/**
 * The metric registry: an explicit ordered list (no file-system discovery). The order is the
 * order of `metrics[]` in every report: growth, pipeline, acquisition, retention, data quality.
 * The revenue-lens metrics (subscriptions.ts, lens.ts) close their area's block; those computed
 * from subscriptions are reported only when a subscriptions or accounts file is given
 * (MetricDefinition.onlyWithInputs), the four-V lens metrics always (n/a with a reason when their
 * input is missing); the retention metrics read subscriptions too when given (withSubscriptionSource).
 */
import { ACQUISITION_METRICS } from './acquisition.js';
import { DATA_QUALITY_METRICS } from './data-quality.js';
import { LENS_METRICS } from './lens.js';
import { LOST_CYCLE_METRICS } from './lost-cycle.js';
import { GROWTH_METRICS } from './growth.js';
import { QUICK_RATIO_METRICS, RECONCILIATION_METRICS } from './movements.js';
import { PIPELINE_METRICS } from './pipeline.js';
import { RETENTION_METRICS } from './retention.js';
import { SUBSCRIPTION_METRICS, withSubscriptionSource } from './subscriptions.js';
import type { MetricArea, MetricDefinition } from './types.js';

/** The revenue-lens metrics of one area, in file order. */
function lensMetrics(area: MetricArea): MetricDefinition[] {
  return [...SUBSCRIPTION_METRICS, ...LENS_METRICS].filter((m) => m.area === area);
}

export const METRICS: readonly MetricDefinition[] = [
  ...GROWTH_METRICS,
  ...QUICK_RATIO_METRICS,
  ...lensMetrics('growth'),
  ...PIPELINE_METRICS,
  ...LOST_CYCLE_METRICS,
  ...lensMetrics('pipeline'),
  ...ACQUISITION_METRICS,
  ...RETENTION_METRICS.map(withSubscriptionSource),
  ...lensMetrics('retention'),
  ...DATA_QUALITY_METRICS,
  ...RECONCILIATION_METRICS,
];

const BY_ID: ReadonlyMap<string, MetricDefinition> = new Map(METRICS.map((m) => [m.id, m]));

/** The metric with this id, or undefined. */
export function getMetric(id: string): MetricDefinition | undefined {
  return BY_ID.get(id);
}
