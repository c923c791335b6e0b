/**
 * The revenue read beyond the metrics (issue 18) that the diagnosis reads: engines by segment and
 * motion, why deals are lost and customers leave, the channel funnel. Computed by the audit core
 * before diagnose; absent pieces are null (an old caller, or data that does not allow them).
 */
import type { EnginesBlock } from '../metrics/engines.js';
import type { ChannelFunnel, WinRateReconciliation } from '../metrics/channel-funnel.js';
import type { ChurnReasons, LossReasons, QuarterEndPricing } from '../metrics/loss-reasons.js';

export interface CroInputs {
  readonly engines: EnginesBlock | null;
  readonly losses: LossReasons | null;
  readonly churn: ChurnReasons | null;
  readonly quarterEndPricing: QuarterEndPricing | null;
  readonly funnel: ChannelFunnel | null;
  readonly winRate: WinRateReconciliation | null;
}

export const NO_CRO_INPUTS: CroInputs = { engines: null, losses: null, churn: null, quarterEndPricing: null, funnel: null, winRate: null };
