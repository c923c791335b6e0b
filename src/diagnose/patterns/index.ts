/**
 * The pattern catalogue (SPEC §6 "Pattern"): repeating cycles that limit growth, as declarative
 * detectors, one file per pattern in this folder (ESLint lib/rules style) built on the shared kit
 * (kit.ts). The order below is the catalogue order of the issue (public API: findings ties,
 * watch and could-not-check lists, `explain`); adding a pattern is its file plus one line here.
 *
 * Each pattern is data — id (public API: JSON `findings[].id`, `revhealth explain <id>`), title,
 * owning functions, severity, the metrics it reads, its triggers (thresholds referenced from the
 * rule pack wherever a rule judges the metric, constants with their reasoning where none does),
 * the impact formula in words and its impact model, the path (the solution) and the 30/60/90-day
 * process — plus one small `detect` that turns the audit's numbers into evidence, the metric
 * values behind it and the annual revenue at stake.
 */
import type { ImpactKind } from '../types.js';
import type { ImpactModel, Pattern } from './kit.js';
import { channelMisallocation } from './channel-misallocation.js';
import { competitiveDisplacement } from './competitive-displacement.js';
import { customerConcentration } from './customer-concentration.js';
import { dataBlindSpots } from './data-blind-spots.js';
import { expansionGap } from './expansion-gap.js';
import { expensiveGrowth } from './expensive-growth.js';
import { growthProfitImbalance } from './growth-profit-imbalance.js';
import { heroRepDependency } from './hero-rep-dependency.js';
import { highChurn } from './high-churn.js';
import { leakyBucket } from './leaky-bucket.js';
import { marketingSalesDisconnect } from './marketing-sales-disconnect.js';
import { pipelineStarvation } from './pipeline-starvation.js';
import { priceLedLosses } from './price-led-losses.js';
import { qualificationGap } from './qualification-gap.js';
import { quarterEndHockeyStick } from './quarter-end-hockey-stick.js';
import { slowingVelocity } from './slowing-velocity.js';
import { stalePipeline } from './stale-pipeline.js';
import { underInvestment } from './under-investment.js';
import { unreliableForecast } from './unreliable-forecast.js';

export type { Detection, ImpactModel, Pattern, ProcessTemplate } from './kit.js';
export { RISK_LIKELIHOOD, estimateArr, fillTemplate } from './kit.js';

export const PATTERNS: readonly Pattern[] = [
  leakyBucket,
  // issue 14 point 6: retention judged from renewals or subscriptions alone
  highChurn,
  expensiveGrowth,
  underInvestment,
  pipelineStarvation,
  stalePipeline,
  quarterEndHockeyStick,
  marketingSalesDisconnect,
  channelMisallocation,
  heroRepDependency,
  customerConcentration,
  slowingVelocity,
  expansionGap,
  unreliableForecast,
  dataBlindSpots,
  growthProfitImbalance,
  // issue 18: why we lose (shared logic in loss-reasons.ts)
  priceLedLosses,
  competitiveDisplacement,
  qualificationGap,
];

export const PATTERN_IDS: readonly string[] = PATTERNS.map((p) => p.id);

export function getPattern(id: string): Pattern | undefined {
  return PATTERNS.find((p) => p.id === id);
}

/** Each pattern's impact model (kit.ts ImpactModel), by pattern id; explain prints it, diagnose ranks and totals by it. */
export const IMPACT_MODEL: Readonly<Record<string, ImpactModel>> = Object.fromEntries(PATTERNS.map((p) => [p.id, p.impactModel]));

export function impactKindOf(patternId: string): ImpactKind {
  return IMPACT_MODEL[patternId]?.kind ?? 'risk';
}
