/**
 * The audit JSON contract as zod schemas: the source of the published JSON Schema
 * (schema/audit.schema.json, `npm run schema`) and the validator for --baseline / diff inputs.
 * A type-level check below keeps these schemas and the TypeScript interfaces in step.
 */
import { z } from 'zod';
import type { AuditReport } from '../audit/contract.js';


const num = z.number();
const nullableNum = z.number().nullable();
const letter = z.enum(['A', 'B', 'C', 'D', 'F']);
const area = z.enum(['growth', 'pipeline', 'acquisition', 'retention', 'data_quality']);
const unit = z.enum(['ratio', 'currency', 'days', 'months', 'count', 'multiple']);
const owner = z.enum(['Marketing', 'Sales', 'Customer Success', 'RevOps', 'Executive']);
const severity = z.enum(['critical', 'warning', 'info']);
const ruleStatus = z.enum(['pass', 'warn', 'fail', 'n/a', 'check']);
const details = z.record(z.string(), z.union([z.number(), z.string(), z.null()]));
const inputKind = z.enum(['deals', 'spend', 'renewals', 'subscriptions', 'accounts']);

export const MetricResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  area,
  unit,
  value: nullableNum,
  status: z.enum(['ok', 'n/a', 'error']),
  reason: z.string().nullable(),
  inputs: z.array(inputKind),
  notes: z.array(z.string()),
  sampleSize: nullableNum,
  details: details.nullable(),
  evidence: z
    .object({
      sample: nullableNum,
      of: z.string().nullable(),
      min: nullableNum,
      status: z.enum(['ok', 'insufficient', 'check']),
      note: z.string().nullable(),
    })
    .nullable()
    .optional(),
});

const thresholds = z.object({
  good: num,
  fair: num,
  poor: num,
  goodMax: num.optional(),
  fairMax: num.optional(),
  poorMax: num.optional(),
});

export const RuleResultSchema = z.object({
  id: z.string(),
  metric: z.string(),
  area,
  title: z.string(),
  direction: z.enum(['higher', 'lower', 'band']),
  segmentUsed: z.enum(['default', 'smb', 'mid-market', 'enterprise']),
  thresholds,
  unit,
  value: nullableNum,
  score: nullableNum,
  status: ruleStatus,
  severity,
  weight: num,
  owner,
  source: z.string(),
  reason: z.string().nullable(),
});

const areaGrade = z.object({
  area,
  title: z.string(),
  weight: num,
  score: nullableNum,
  grade: letter.nullable(),
  coverage: num,
  provisional: z.boolean(),
  scoredRules: num,
  totalRules: num,
  missing: z.array(z.string()),
  note: z.string().nullable().optional(),
});

export const GradesSchema = z.object({
  overall: z.object({ score: nullableNum, grade: letter.nullable(), coverage: num, provisional: z.boolean(), missing: z.array(z.string()), note: z.string().nullable().optional() }),
  areas: z.array(areaGrade),
});

const processStep = z.object({ by: z.union([z.literal(30), z.literal(60), z.literal(90)]), step: z.string(), owner, kpi: z.string() });

export const DiagnosisSchema = z.object({
  perspective: z.object({
    summary: z.string(),
    arrBand: z.string(),
    arr: nullableNum,
    arrSource: z.enum(['config', 'subscriptions', 'renewals', 'bookings']).nullable(),
    stage: z.string(),
    growthSources: z.array(z.string()),
    strongestArea: z.string().nullable(),
    weakestArea: z.string().nullable(),
    bindingConstraint: z.string().nullable(),
  }),
  findings: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      severity,
      owners: z.array(owner),
      evidence: z.array(z.string()),
      metrics: z.record(z.string(), nullableNum),
      impact: z.object({
        kind: z.enum(['loss', 'risk', 'upside']).optional(),
        annual: nullableNum,
        exposure: nullableNum.optional(),
        likelihood: nullableNum.optional(),
        formula: z.string(),
      }),
      path: z.string(),
      process: z.array(processStep),
    }),
  ),
  watch: z.array(z.object({ id: z.string(), title: z.string(), note: z.string() })),
  notChecked: z.array(z.object({ id: z.string(), title: z.string(), needs: z.string() })),
  byFunction: z.array(
    z.object({
      owner,
      findings: z.array(z.string()),
      failingRules: z.array(z.string()),
      annualAtStake: num,
      annualAtRisk: num.optional(),
      annualUpside: num.optional(),
    }),
  ),
  croReadiness: z.object({
    verdict: z.enum(['founder-led with a sales leader', 'fractional CRO', 'full-time CRO', 'not enough data']),
    reasons: z.array(z.string()),
    triggers: z
      .array(
        z.object({
          id: z.enum(['arr_band', 'crossing_band', 'churn_despite_bookings', 'functions_misaligned', 'segment_expansion', 'scaling_transition', 'plateau']),
          fired: z.boolean(),
          evidence: z.string(),
        }),
      )
      .optional(),
    fixFirst: z.array(z.string()).optional(),
  }),
  errors: z.array(z.object({ id: z.string(), message: z.string() })).optional(),
  dataWeNeed: z.array(z.object({ data: z.string(), why: z.string(), unlocks: z.string() })).optional(),
});

export const MethodologyReportSchema = z.object({
  winRate: z.enum(['count', 'value']),
  staleDealsAsLost: z.boolean(),
  cac: z.enum(['blended', 'paid', 'new_logo']),
  cacPayback: z.object({ basis: z.enum(['per_customer', 'aggregate']), spend: z.enum(['same_period', 'prior_period']), grossMargin: z.boolean() }),
  ltv: z.object({ grossMargin: z.boolean(), churn: z.enum(['revenue', 'logo']) }),
  magicNumber: z.enum(['arr', 'revenue']),
  nrrWindow: z.enum(['renewals', 'trailing_12m_cohort']),
  forecastAccuracy: z.enum(['actual', 'forecast']),
});

const staleDealItem = z.object({
  id: z.string(),
  dealId: z.string().nullable(),
  line: num,
  name: z.string().nullable(),
  account: z.string().nullable(),
  owner: z.string().nullable(),
  amount: num,
  created: z.string().nullable(),
  expectedClose: z.string().nullable(),
  reason: z.enum(['past_due', 'aged', 'past_due_and_aged']),
});
const pastDueRenewalItem = z.object({ id: z.string(), account: z.string(), line: num, renewalDate: z.string(), arrBefore: num, status: z.string() });
const atRiskAccountItem = z.object({ id: z.string(), account: z.string(), renewalDate: z.string(), arrBefore: num, arrAfter: num, reason: z.string() });
const rejectedRowItem = z.object({
  id: z.string(),
  file: z.enum(['deals', 'spend', 'renewals', 'subscriptions', 'accounts']),
  path: z.string(),
  line: num,
  recordId: z.string().nullable(),
  code: z.string(),
  column: z.string().nullable(),
});

export const ItemsSchema = z.object({
  staleDeals: z.array(staleDealItem),
  pastDueRenewals: z.array(pastDueRenewalItem),
  atRiskAccounts: z.array(atRiskAccountItem),
  rejectedRows: z.array(rejectedRowItem),
  limit: num.nullable().optional().describe('items kept per list (null: no limit); each list holds its first items by id'),
  totals: z
    .object({ staleDeals: num, pastDueRenewals: num, atRiskAccounts: num, rejectedRows: num })
    .optional()
    .describe('full count of each list before the limit'),
  rejectedRowsExamplesOnly: z
    .literal(true)
    .optional()
    .describe('set when rejectedRows holds only the examples ingest kept (over 1,000 rejects of one reason in a file): not the first rows by id, so not compared row by row'),
});

const listChange = <T extends z.ZodTypeAny>(item: T) =>
  z.object({
    before: num,
    after: num,
    appeared: z.array(item),
    resolved: z.array(item),
    left: z
      .array(z.enum(['resolved', 'renewal_passed', 'closed_or_updated', 'out_of_window']))
      .optional()
      .describe('why each resolved item left the list, same order; only "resolved" means fixed'),
    comparedUpTo: z.string().optional().describe("set when a list was cut by the items limit: only ids up to this one were compared; '' when the rejected rows were examples only and no row was compared"),
  });

export const RatchetReportSchema = z.object({
  file: z.string(),
  asOf: z.string(),
  hints: z.array(
    z.object({
      rule: z.string(),
      metric: z.string(),
      unit,
      direction: z.enum(['higher', 'lower']),
      floor: num,
      value: nullableNum,
      status: z.enum(['tighten', 'benchmark_met', 'at_floor', 'below_floor', 'n/a']),
      suggestion: nullableNum,
      message: z.string(),
    }),
  ),
});

const gradeSide = z.object({ grade: z.string().nullable(), score: nullableNum });
const gradeChange = z.object({ id: z.string(), title: z.string(), before: gradeSide, after: gradeSide, delta: nullableNum, regressed: z.boolean() });

export const ComparisonSchema = z.object({
  baseline: z.object({ asOf: z.string(), schemaVersion: z.string() }),
  overall: gradeChange,
  areas: z.array(gradeChange),
  metrics: z.array(
    z.object({
      id: z.string(),
      unit: z.string(),
      before: nullableNum,
      after: nullableNum,
      delta: nullableNum,
      trend: z.enum(['better', 'worse', 'same']).nullable(),
      statusBefore: ruleStatus.nullable(),
      statusAfter: ruleStatus.nullable(),
    }),
  ),
  findings: z.object({ appeared: z.array(z.string()), resolved: z.array(z.string()) }),
  regressions: z.array(z.string()),
  changed: z.boolean(),
  items: z
    .object({
      staleDeals: listChange(staleDealItem),
      pastDueRenewals: listChange(pastDueRenewalItem),
      atRiskAccounts: listChange(atRiskAccountItem),
      rejectedRows: listChange(rejectedRowItem),
    })
    .optional(),
  methodologyChanges: z.array(z.string()).optional(),
});

const monthly = z.array(z.object({ month: z.string(), value: nullableNum }));

export const SubscriptionsBlockSchema = z.object({
  counts: z.object({ rows: num, paid: num, trials: num, zeroMrr: num, notStarted: num, betweenMonthEnds: num, accounts: num }),
  method: z.array(z.string()),
  movements: z.array(
    z.object({
      month: z.string(),
      openingMrr: num,
      newMrr: num,
      expansionMrr: num,
      reactivationMrr: num,
      contractionMrr: num,
      churnMrr: num,
      closingMrr: num,
      openingArr: num,
      closingArr: num,
      openingCustomers: num,
      newCustomers: num,
      reactivatedCustomers: num,
      churnedCustomers: num,
      closingCustomers: num,
    }),
  ),
  cohorts: z.array(
    z.object({
      cohort: z.string(),
      start: z.string(),
      customers: num,
      startingMrr: num,
      periods: z.array(
        z.object({ quarter: num, end: z.string(), mrr: num, customers: num, nrr: nullableNum, grr: nullableNum, logoRetention: nullableNum }),
      ),
    }),
  ),
});

export const FourVSchema = z.object({
  groups: z.array(
    z.object({
      id: z.enum(['volumes', 'velocity', 'value', 'revenue']),
      title: z.string(),
      question: z.string(),
      score: nullableNum,
      grade: letter.nullable(),
      verdict: z.string(),
      metrics: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          unit,
          value: nullableNum,
          status: z.enum(['pass', 'warn', 'fail', 'n/a', 'info']),
          score: nullableNum,
          reason: z.string().nullable(),
        }),
      ),
    }),
  ),
});

const engine = z.object({
  id: z.string(),
  dimension: z.enum(['segment', 'type', 'pipeline', 'source']),
  label: z.string(),
  benchmarkSegment: z.enum(['smb', 'mid-market', 'enterprise', 'default']),
  closedDeals: num,
  won: num,
  lost: num,
  winRate: nullableNum,
  bookings: num,
  bookingsShare: nullableNum,
  bookingsPrior: num,
  bookingsGrowthYoy: nullableNum,
  newBookings: num,
  newDeals: num,
  newBookingsPrior: num,
  newBookingsGrowthYoy: nullableNum,
  avgDealSize: nullableNum,
  cycleDaysMedian: nullableNum,
  renewals: num,
  arrDue: nullableNum,
  grr: nullableNum,
  nrr: nullableNum,
  topRep: z.string().nullable(),
  topRepWins: nullableNum,
  topRepShare: nullableNum,
  cac: nullableNum,
  small: z.boolean(),
  grades: z.array(z.object({ rule: z.string(), value: num, status: z.enum(['pass', 'warn', 'fail']), score: num, good: num })),
});

export const EnginesSchema = z.object({
  segmentBasis: z.enum(['deal segment column', 'renewal segment by account', 'deal-size bands']).nullable(),
  mixed: z.boolean(),
  segments: z.array(engine),
  motions: z.array(z.object({ dimension: z.enum(['type', 'pipeline', 'source']), title: z.string(), basis: z.string(), engines: z.array(engine) })),
  notes: z.array(z.string()),
});

const lossCategory = z.enum(['price', 'competitor', 'no_decision', 'timing', 'product', 'other', 'not_given']);
const reasonCut = z.object({ group: z.string(), lost: num, lostValue: num, topReason: z.string().nullable(), topShare: nullableNum });

export const LossesSchema = z.object({
  deals: z
    .object({
      lostDeals: num,
      lostValue: num,
      withReason: num,
      reasons: z.array(
        z.object({
          reason: z.string(),
          category: lossCategory,
          count: num,
          value: num,
          countShare: num,
          valueShare: num,
          recentShare: nullableNum,
          priorShare: nullableNum,
          trend: z.enum(['rising', 'falling', 'steady']).nullable(),
        }),
      ),
      categories: z.array(z.object({ category: lossCategory, count: num, value: num, valueShare: num })),
      trendBasis: z.string(),
      bySegment: z.array(reasonCut),
      byOwner: z.array(reasonCut),
      byStage: z.array(reasonCut),
      notes: z.array(z.string()),
    })
    .nullable(),
  churn: z
    .object({
      given: z.boolean(),
      churnedOrContracted: num,
      lostArr: num,
      reasons: z.array(z.object({ reason: z.string(), count: num, lostArr: num, share: num })),
      request: z.string().nullable(),
    })
    .nullable(),
  quarterEndPricing: z.object({ quarterEndDeals: num, otherDeals: num, sizeRatio: nullableNum, discountEvidence: z.boolean() }).nullable(),
});

const funnelRow = z.object({
  channel: z.string(),
  paid: z.boolean(),
  spend: nullableNum,
  leads: nullableNum,
  mqls: nullableNum,
  sqls: nullableNum,
  opportunities: num,
  won: num,
  leadToMql: nullableNum,
  mqlToSql: nullableNum,
  sqlToOpportunity: nullableNum,
  opportunityToWon: nullableNum,
  costPerLead: nullableNum,
  costPerMql: nullableNum,
  costPerSql: nullableNum,
  costPerOpportunity: nullableNum,
  costPerWon: nullableNum,
});
const winRateVariant = z.object({ name: z.string(), value: num, definition: z.string() });

export const FunnelSchema = z.object({
  channels: z.object({ basis: z.string(), rows: z.array(funnelRow), total: funnelRow, notes: z.array(z.string()) }).nullable(),
  winRate: z.object({ primary: winRateVariant, variants: z.array(winRateVariant), explanation: z.string() }).nullable(),
});

export const AuditReportSchema = z.object({
  schemaVersion: z.string(),
  tool: z.object({ name: z.literal('revhealth'), version: z.string() }),
  company: z.object({ name: z.string(), segment: z.enum(['smb', 'mid-market', 'enterprise', 'mixed']), currency: z.string() }),
  asOf: z.string(),
  asOfSource: z.enum(['flag', 'config', 'data']),
  window: z.object({ start: z.string(), end: z.string() }),
  inputs: z.array(
    z.object({
      kind: inputKind,
      path: z.string(),
      preset: z.string(),
      rows: z.object({ read: num, used: num, rejected: num }),
      rejectedByReason: z.record(z.string(), num),
      dateRange: z.object({ min: z.string(), max: z.string() }).nullable(),
      warnings: z.array(z.string()),
    }),
  ),
  rows: z.object({ read: num, used: num, rejected: num }),
  grades: GradesSchema,
  rules: z.array(RuleResultSchema),
  metrics: z.array(MetricResultSchema),
  series: z.record(z.string(), monthly),
  breakdowns: z.record(
    z.string(),
    z.array(z.object({ group: z.string(), closedDeals: num, isSmall: z.boolean(), metrics: z.array(MetricResultSchema) })),
  ),
  diagnosis: DiagnosisSchema.optional(),
  comparison: ComparisonSchema.optional(),
  methodology: MethodologyReportSchema.optional(),
  items: ItemsSchema.optional(),
  ratchet: RatchetReportSchema.optional(),
  subscriptions: SubscriptionsBlockSchema.optional(),
  fourV: FourVSchema.optional(),
  engines: EnginesSchema.optional(),
  losses: LossesSchema.optional(),
  funnel: FunnelSchema.optional(),
});

/** The JSON Schema published in schema/audit.schema.json. */
export function auditJsonSchema(): unknown {
  return {
    ...(z.toJSONSchema(AuditReportSchema, { target: 'draft-2020-12' }) as object),
    $id: 'https://github.com/revhealth/revhealth/schema/audit.schema.json',
    title: 'revhealth audit report',
  };
}

// Type-level check: a value of the interface fits the schema and vice versa (compile error otherwise).
type DeepReadonly<T> = T extends readonly (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
type Parsed = DeepReadonly<z.infer<typeof AuditReportSchema>>;
type Report = DeepReadonly<AuditReport>;
export type _SchemaCoversReport = Report extends Parsed ? (Parsed extends Report ? true : never) : never;
const _check: _SchemaCoversReport = true;
void _check;
