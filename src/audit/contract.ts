/**
 * The audit result's shape: what runAudit returns and what every renderer, the JSON output and a
 * baseline read back share. Types only (plus the schema version), so a renderer that reads the
 * result never loads the pipeline that computes it.
 */
import type { Segment } from '../config/schema.js';
import type { Methodology } from '../config/methodology.js';
import type { FileReport } from '../base/model.js';
import type { MetricsReport } from '../metrics/types.js';
import type { SubscriptionsBlock } from '../metrics/subscription-block.js';
import type { EnginesBlock } from '../metrics/engines.js';
import type { ChurnReasons, LossReasons, QuarterEndPricing } from '../metrics/loss-reasons.js';
import type { ChannelFunnel, WinRateReconciliation } from '../metrics/channel-funnel.js';
import type { Grades, RuleResult, RuleStatus } from '../rules/evaluate.js';
import type { RatchetReport } from '../rules/ratchet.js';
import type { Diagnosis } from '../diagnose/types.js';
import type { FourV } from '../diagnose/four-v.js';
import type { AuditItems, ItemsComparison } from './items.js';

/** 1.1.0: methodology, items (record lists), ratchet and comparison.items/methodologyChanges added (all optional for older files). */
/**
 * 1.2.0: metrics[].evidence (sample, minimum, insufficient / check), metric status "error", rule
 * status "check", grades' note (why a grade abstains), findings' impact kind / exposure /
 * likelihood (all optional for older files).
 */
export const AUDIT_SCHEMA_VERSION = '1.2.0';

export interface InputSummary {
  readonly kind: FileReport['kind'];
  readonly path: string;
  readonly preset: string;
  readonly rows: FileReport['rows'];
  readonly rejectedByReason: FileReport['rejectedByReason'];
  readonly dateRange: FileReport['dateRange'];
  readonly warnings: readonly string[];
}

export interface AuditReport {
  readonly schemaVersion: string;
  readonly tool: { readonly name: 'revhealth'; readonly version: string };
  readonly company: { readonly name: string; readonly segment: Segment; readonly currency: string };
  readonly asOf: string;
  readonly asOfSource: 'flag' | 'config' | 'data';
  readonly window: MetricsReport['window'];
  readonly inputs: readonly InputSummary[];
  readonly rows: { readonly read: number; readonly used: number; readonly rejected: number };
  readonly grades: Grades;
  readonly rules: readonly RuleResult[];
  readonly metrics: MetricsReport['metrics'];
  readonly series: MetricsReport['series'];
  readonly breakdowns: MetricsReport['breakdowns'];
  /** Perspective / Pattern / Path / Process (runAudit always sets it). */
  readonly diagnosis?: Diagnosis;
  /** Present when run with --baseline. */
  readonly comparison?: Comparison;
  /** MRR movements by month and retention by start cohort; present when a subscriptions file is given. */
  readonly subscriptions?: SubscriptionsBlock;
  /** The four-V lens (Volumes, Velocity, Value, Revenue); runAudit always sets it. */
  readonly fourV?: FourV;
  /** The methodology settings used (defaults applied); runAudit always sets it. */
  readonly methodology?: Methodology;
  /** Record lists (stale deals, past-due renewals, at-risk accounts, rejected rows) with ids stable across months; runAudit always sets it. */
  readonly items?: AuditItems;
  /** Where each ratchet floor stands; present when the config uses a ratchet file (init --from-current). */
  readonly ratchet?: RatchetReport;
  /** The revenue engines by segment and motion, each graded on its own segment's benchmarks; runAudit always sets it. */
  readonly engines?: EnginesBlock;
  /** Why deals are lost (deals' lost reason) and why customers leave (renewals' reason column); runAudit always sets it. */
  readonly losses?: { readonly deals: LossReasons | null; readonly churn: ChurnReasons | null; readonly quarterEndPricing: QuarterEndPricing | null };
  /** Leads → MQLs → SQLs → opportunities → wins by channel, and the one win-rate definition; runAudit always sets it. */
  readonly funnel?: { readonly channels: ChannelFunnel | null; readonly winRate: WinRateReconciliation | null };
}

export interface GradeChange {
  readonly id: string;
  readonly title: string;
  readonly before: { readonly grade: string | null; readonly score: number | null };
  readonly after: { readonly grade: string | null; readonly score: number | null };
  /** after − before, one decimal; null when either side has no score. */
  readonly delta: number | null;
  readonly regressed: boolean;
}

export interface MetricChange {
  readonly id: string;
  readonly unit: string;
  readonly before: number | null;
  readonly after: number | null;
  readonly delta: number | null;
  /** From the rule's direction when the metric is graded: better, worse or same; null otherwise. */
  readonly trend: 'better' | 'worse' | 'same' | null;
  readonly statusBefore: RuleStatus | null;
  readonly statusAfter: RuleStatus | null;
}

export interface Comparison {
  readonly baseline: { readonly asOf: string; readonly schemaVersion: string };
  readonly overall: GradeChange;
  readonly areas: readonly GradeChange[];
  readonly metrics: readonly MetricChange[];
  /** Findings by pattern id: new since the baseline, and resolved. */
  readonly findings: { readonly appeared: readonly string[]; readonly resolved: readonly string[] };
  /** Human lines, one per regression, in report order. */
  readonly regressions: readonly string[];
  readonly changed: boolean;
  /** Record lists matched by id: what appeared and what was resolved. Absent when the baseline has no record lists (schema < 1.1). */
  readonly items?: ItemsComparison;
  /** Methodology settings that differ from the baseline's ("methodology.winRate: count → value"). */
  readonly methodologyChanges?: readonly string[];
}
