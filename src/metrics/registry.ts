/**
 * The metric registry: an explicit ordered list (no file-system discovery). The order is the
 * order of `metrics[]` in every report: growth, pipeline, acquisition, retention, data quality.
 */
import { ACQUISITION_METRICS } from './acquisition.js';
import { DATA_QUALITY_METRICS } from './data-quality.js';
import { GROWTH_METRICS } from './growth.js';
import { PIPELINE_METRICS } from './pipeline.js';
import { RETENTION_METRICS } from './retention.js';
import type { MetricDefinition } from './types.js';

export const METRICS: readonly MetricDefinition[] = [
  ...GROWTH_METRICS,
  ...PIPELINE_METRICS,
  ...ACQUISITION_METRICS,
  ...RETENTION_METRICS,
  ...DATA_QUALITY_METRICS,
];

const BY_ID: ReadonlyMap<string, MetricDefinition> = new Map(METRICS.map((m) => [m.id, m]));

/** The metric with this id, or undefined. */
export function getMetric(id: string): MetricDefinition | undefined {
  return BY_ID.get(id);
}
