/**
 * Compile-time check that the audit contract (audit/contract.ts, types inferred from its zod
 * schema) and the types of the modules that compute each part are the same types, read-only aside:
 * the same keys, the same optional keys, the same values. So a producer's value fits the contract
 * (runAudit can return it, the JSON validates) and the contract's value fits the producer (a
 * renderer or a baseline reader gets every field the producer declares, nothing looser or extra).
 * Checked by `tsc --noEmit` (npm run typecheck); there is nothing to run.
 *
 * When this file fails to compile, one side changed without the other: change the schema in
 * audit/contract.ts (and AUDIT_SCHEMA_VERSION, schema/audit.schema.json with `npm run schema`) or
 * the producer's type, until both agree.
 */
import type * as C from './contract.js';
import type { Segment } from '../config/schema.js';
import type { Methodology } from '../config/methodology.js';
import type { FileReport } from '../base/model.js';
import type { BreakdownGroup, Evidence, MetricResult, MetricsReport, MonthlyPoint } from '../metrics/types.js';
import type { CohortRow, MovementMonth, SubscriptionsBlock } from '../metrics/subscription-block.js';
import type { Engine, EnginesBlock } from '../metrics/engines.js';
import type { ChurnReasons, LossReasons, QuarterEndPricing } from '../metrics/loss-reasons.js';
import type { ChannelFunnel, FunnelRow, WinRateReconciliation } from '../metrics/channel-funnel.js';
import type { AreaGrade, Grades, RuleResult } from '../rules/evaluate.js';
import type { Thresholds } from '../rules/schema.js';
import type { RatchetReport } from '../rules/ratchet.js';
import type { CroTrigger, Diagnosis, Finding, ProcessStep } from '../diagnose/types.js';
import type { FourV, FourVGroup, FourVMetric } from '../diagnose/four-v.js';
import type { AtRiskAccountItem, AuditItems, ItemsComparison, PastDueRenewalItem, RejectedRowItem, StaleDealItem } from './items.js';
import type { runAudit } from './run.js';

/**
 * True when the two types are the same once both are read-only: the same keys, the same optional
 * keys, the same value types (TypeScript's identity test; assignability both ways would still let
 * either side add an optional field the other never heard of).
 */
type Agree<Contract, Producer> =
  (<T>() => T extends C.DeepReadonly<Contract> ? 1 : 2) extends <T>() => T extends C.DeepReadonly<Producer> ? 1 : 2 ? true : false;

/** Compiles only when every entry is `true`; tsc names the entry that is not ("Property 'engines' is incompatible ..."). */
type Expect<T extends { readonly [check: string]: true }> = T;

export type ContractAgreesWithProducers = Expect<{
  // the report, part by part
  segment: Agree<C.AuditReport['company']['segment'], Segment>;
  window: Agree<C.AuditReport['window'], MetricsReport['window']>;
  // an input's warnings are the ingest warnings as sentences
  inputs: Agree<Omit<C.InputSummary, 'warnings'>, Pick<FileReport, 'kind' | 'path' | 'preset' | 'rows' | 'rejectedByReason' | 'dateRange'>>;
  metrics: Agree<C.AuditReport['metrics'], MetricsReport['metrics']>;
  series: Agree<C.AuditReport['series'], MetricsReport['series']>;
  breakdowns: Agree<C.AuditReport['breakdowns'], MetricsReport['breakdowns']>;
  grades: Agree<C.Grades, Grades>;
  rules: Agree<C.AuditReport['rules'], readonly RuleResult[]>;
  diagnosis: Agree<C.Diagnosis, Diagnosis>;
  subscriptions: Agree<C.SubscriptionsBlock, SubscriptionsBlock>;
  fourV: Agree<C.FourV, FourV>;
  methodology: Agree<C.MethodologyReport, Methodology>;
  items: Agree<C.AuditItems, AuditItems>;
  ratchet: Agree<C.RatchetReport, RatchetReport>;
  engines: Agree<C.EnginesBlock, EnginesBlock>;
  losses: Agree<C.Losses, { deals: LossReasons | null; churn: ChurnReasons | null; quarterEndPricing: QuarterEndPricing | null }>;
  funnel: Agree<C.Funnel, { channels: ChannelFunnel | null; winRate: WinRateReconciliation | null }>;
  comparisonItems: Agree<NonNullable<C.Comparison['items']>, ItemsComparison>;
  // the named parts renderers import from the contract
  metricResult: Agree<C.MetricResult, MetricResult>;
  evidence: Agree<C.Evidence, Evidence>;
  monthlyPoint: Agree<C.MonthlyPoint, MonthlyPoint>;
  breakdownGroup: Agree<C.BreakdownGroup, BreakdownGroup>;
  ruleResult: Agree<C.RuleResult, RuleResult>;
  thresholds: Agree<C.Thresholds, Thresholds>;
  areaGrade: Agree<C.AreaGrade, AreaGrade>;
  finding: Agree<C.Finding, Finding>;
  processStep: Agree<C.ProcessStep, ProcessStep>;
  croTrigger: Agree<C.CroTrigger, CroTrigger>;
  staleDealItem: Agree<C.StaleDealItem, StaleDealItem>;
  pastDueRenewalItem: Agree<C.PastDueRenewalItem, PastDueRenewalItem>;
  atRiskAccountItem: Agree<C.AtRiskAccountItem, AtRiskAccountItem>;
  rejectedRowItem: Agree<C.RejectedRowItem, RejectedRowItem>;
  movementMonth: Agree<C.MovementMonth, MovementMonth>;
  cohortRow: Agree<C.CohortRow, CohortRow>;
  fourVGroup: Agree<C.FourVGroup, FourVGroup>;
  fourVMetric: Agree<C.FourVMetric, FourVMetric>;
  engine: Agree<C.Engine, Engine>;
  funnelRow: Agree<C.FunnelRow, FunnelRow>;
  // what runAudit returns is the contract's report (its object literal is checked against it in run.ts)
  runAudit: Agree<Extract<ReturnType<typeof runAudit>, { ok: true }>['report'], C.AuditReport>;
}>;
