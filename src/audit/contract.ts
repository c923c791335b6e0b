/**
 * The audit result's one contract: the zod schema below is what runAudit returns, what the JSON
 * output holds, what every renderer reads and what a baseline is validated against. Its TypeScript
 * types are inferred from it (`AuditReport`, `Comparison`, `Finding`, ...), and the published JSON
 * Schema (schema/audit.schema.json) is generated from it by scripts/gen-schema.mjs.
 *
 * The modules that compute the parts (metrics/, rules/, diagnose/, audit/items.ts) keep their own
 * types; audit/contract-check.ts makes tsc fail when the two sides stop agreeing.
 *
 * Imports: zod and base/ only, so a renderer that reads the result never loads the pipeline that
 * computes it. The schema is built on first use (`auditReportSchema()`), not at import: building
 * it costs start-up time that `--version` or an audit without a baseline never needs.
 */
import { z } from 'zod';
import { lazy } from '../base/lazy.js';
import { LOSS_CATEGORY_IDS } from '../base/labels.js';

/** 1.1.0: methodology, items (record lists), ratchet and comparison.items/methodologyChanges added (all optional for older files). */
/**
 * 1.2.0: metrics[].evidence (sample, minimum, insufficient / check), metric status "error", rule
 * status "check", grades' note (why a grade abstains), findings' impact kind / exposure /
 * likelihood (all optional for older files).
 */
export const AUDIT_SCHEMA_VERSION = '1.2.0';

/** Where the published JSON Schema lives (its `$id`). */
export const AUDIT_JSON_SCHEMA_ID = 'https://github.com/revhealth/revhealth/schema/audit.schema.json';

/** Every part of the contract, built together once (schemas shared between parts are one instance). */
function buildContract() {
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
  const segment = z.enum(['smb', 'mid-market', 'enterprise', 'mixed']);

  const evidence = z.object({
    /** The sample the value rests on, or null when the metric reports none. */
    sample: nullableNum,
    of: z.string().nullable(),
    min: nullableNum,
    /** ok; insufficient (below the minimum: shown, not graded); check (implausible: check the inputs). */
    status: z.enum(['ok', 'insufficient', 'check']),
    /** The sentence a reader sees when status is not ok. */
    note: z.string().nullable(),
  });

  /** One metric (JSON `metrics[]`). Key order here is the JSON key order. */
  const metricResult = z.object({
    id: z.string(),
    title: z.string(),
    area,
    unit,
    value: nullableNum,
    /** error: the metric threw; `reason` holds the message (the audit completes and exits 1). */
    status: z.enum(['ok', 'n/a', 'error']),
    reason: z.string().nullable(),
    inputs: z.array(inputKind),
    notes: z.array(z.string()),
    sampleSize: nullableNum,
    /**
     * Supporting numbers shown beside the value (numerator, denominator, per-channel values...).
     * A table inside (cac_by_channel's channels) is read with base/details.ts, never by hand.
     */
    details: details.nullable(),
    /** Always set by the engine; optional only so that audit files from before schema 1.2.0 still read. */
    evidence: evidence.nullable().optional(),
  });

  const thresholds = z.object({
    good: num,
    fair: num,
    poor: num,
    goodMax: num.optional(),
    fairMax: num.optional(),
    poorMax: num.optional(),
  });

  const ruleResult = z.object({
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

  const grades = z.object({
    overall: z.object({ score: nullableNum, grade: letter.nullable(), coverage: num, provisional: z.boolean(), missing: z.array(z.string()), note: z.string().nullable().optional() }),
    areas: z.array(areaGrade),
  });

  const processStep = z.object({ by: z.union([z.literal(30), z.literal(60), z.literal(90)]), step: z.string(), owner, kpi: z.string() });

  const finding = z.object({
    /** Pattern id (public API), e.g. "leaky_bucket". */
    id: z.string(),
    title: z.string(),
    severity,
    owners: z.array(owner),
    /** The evidence sentence(s), built from the actual numbers. */
    evidence: z.array(z.string()),
    /** The metric values the evidence and the impact rest on (metric id -> value). */
    metrics: z.record(z.string(), nullableNum),
    impact: z.object({
      /** loss = revenue leaking each year; risk = exposure × likelihood; upside = a gain available. Never added together. */
      kind: z.enum(['loss', 'risk', 'upside']).optional(),
      annual: nullableNum,
      exposure: nullableNum.optional(),
      likelihood: nullableNum.optional(),
      /** The formula with the numbers put in, reproducible by hand. */
      formula: z.string(),
    }),
    path: z.string(),
    process: z.array(processStep),
  });

  const croTrigger = z.object({
    id: z.enum(['arr_band', 'crossing_band', 'churn_despite_bookings', 'functions_misaligned', 'segment_expansion', 'scaling_transition', 'plateau']),
    fired: z.boolean(),
    evidence: z.string(),
  });

  const diagnosis = z.object({
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
    findings: z.array(finding),
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
      triggers: z.array(croTrigger).optional(),
      fixFirst: z.array(z.string()).optional(),
    }),
    /** Patterns that threw (also listed under notChecked with the message); absent when none. */
    errors: z.array(z.object({ id: z.string(), message: z.string() })).optional(),
    dataWeNeed: z.array(z.object({ data: z.string(), why: z.string(), unlocks: z.string() })).optional(),
  });

  const methodology = z.object({
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

  const items = z.object({
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

  const listChange = <T extends z.ZodType>(item: T) =>
    z.object({
      before: num,
      after: num,
      appeared: z.array(item),
      resolved: z.array(item),
      left: z
        .array(z.enum(LEFT_REASONS))
        .optional()
        .describe('why each resolved item left the list, same order; only "resolved" means fixed'),
      comparedUpTo: z.string().optional().describe("set when a list was cut by the items limit: only ids up to this one were compared; '' when the rejected rows were examples only and no row was compared"),
    });

  const ratchet = z.object({
    /** The ratchet file as the config names it. */
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
        /** The new floor to set (status tighten), else null. */
        suggestion: nullableNum,
        message: z.string(),
      }),
    ),
  });

  const gradeSide = z.object({ grade: z.string().nullable(), score: nullableNum });
  const gradeChange = z.object({
    id: z.string(),
    title: z.string(),
    before: gradeSide,
    after: gradeSide,
    /** after − before, one decimal; null when either side has no score. */
    delta: nullableNum,
    regressed: z.boolean(),
  });
  const metricChange = z.object({
    id: z.string(),
    unit: z.string(),
    before: nullableNum,
    after: nullableNum,
    delta: nullableNum,
    /** From the rule's direction when the metric is graded: better, worse or same; null otherwise. */
    trend: z.enum(['better', 'worse', 'same']).nullable(),
    statusBefore: ruleStatus.nullable(),
    statusAfter: ruleStatus.nullable(),
  });
  const itemsComparison = z.object({
    staleDeals: listChange(staleDealItem),
    pastDueRenewals: listChange(pastDueRenewalItem),
    atRiskAccounts: listChange(atRiskAccountItem),
    rejectedRows: listChange(rejectedRowItem),
  });

  const comparison = z.object({
    baseline: z.object({ asOf: z.string(), schemaVersion: z.string() }),
    overall: gradeChange,
    areas: z.array(gradeChange),
    metrics: z.array(metricChange),
    /** Findings by pattern id: new since the baseline, and resolved. */
    findings: z.object({ appeared: z.array(z.string()), resolved: z.array(z.string()) }),
    /** Human lines, one per regression, in report order. */
    regressions: z.array(z.string()),
    changed: z.boolean(),
    /** Record lists matched by id: what appeared and what was resolved. Absent when the baseline has no record lists (schema < 1.1). */
    items: itemsComparison.optional(),
    /** Methodology settings that differ from the baseline's ("methodology.winRate: count → value"). */
    methodologyChanges: z.array(z.string()).optional(),
  });

  const monthlyPoint = z.object({
    /** "YYYY-MM" */
    month: z.string(),
    value: nullableNum,
  });
  const monthly = z.array(monthlyPoint);

  const movementMonth = z.object({
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
  });
  const cohortRow = z.object({
    cohort: z.string(),
    start: z.string(),
    customers: num,
    startingMrr: num,
    periods: z.array(
      z.object({ quarter: num, end: z.string(), mrr: num, customers: num, nrr: nullableNum, grr: nullableNum, logoRetention: nullableNum }),
    ),
  });

  const subscriptions = z.object({
    counts: z.object({ rows: num, paid: num, trials: num, zeroMrr: num, notStarted: num, betweenMonthEnds: num, accounts: num }),
    method: z.array(z.string()),
    movements: z.array(movementMonth),
    cohorts: z.array(cohortRow),
  });

  const fourVMetric = z.object({
    id: z.string(),
    title: z.string(),
    unit,
    value: nullableNum,
    status: z.enum(['pass', 'warn', 'fail', 'n/a', 'info']),
    score: nullableNum,
    reason: z.string().nullable(),
  });
  const fourVGroup = z.object({
    id: z.enum(['volumes', 'velocity', 'value', 'revenue']),
    title: z.string(),
    question: z.string(),
    score: nullableNum,
    grade: letter.nullable(),
    verdict: z.string(),
    metrics: z.array(fourVMetric),
  });
  const fourV = z.object({ groups: z.array(fourVGroup) });

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

  const engines = z.object({
    segmentBasis: z.enum(['deal segment column', 'renewal segment by account', 'deal-size bands']).nullable(),
    mixed: z.boolean(),
    segments: z.array(engine),
    motions: z.array(z.object({ dimension: z.enum(['type', 'pipeline', 'source']), title: z.string(), basis: z.string(), engines: z.array(engine) })),
    notes: z.array(z.string()),
  });

  const lossCategory = z.enum(LOSS_CATEGORY_IDS);
  const reasonCut = z.object({ group: z.string(), lost: num, lostValue: num, topReason: z.string().nullable(), topShare: nullableNum });

  const losses = z.object({
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

  const funnel = z.object({
    channels: z.object({ basis: z.string(), rows: z.array(funnelRow), total: funnelRow, notes: z.array(z.string()) }).nullable(),
    winRate: z.object({ primary: winRateVariant, variants: z.array(winRateVariant), explanation: z.string() }).nullable(),
  });

  const rowCounts = z.object({ read: num, used: num, rejected: num });

  const inputSummary = z.object({
    kind: inputKind,
    path: z.string(),
    preset: z.string(),
    rows: rowCounts,
    rejectedByReason: z.record(z.string(), num),
    dateRange: z.object({ min: z.string(), max: z.string() }).nullable(),
    warnings: z.array(z.string()),
  });

  const breakdownGroup = z.object({
    group: z.string(),
    /** Closed deals in the window for this group: small groups are flagged. */
    closedDeals: num,
    isSmall: z.boolean(),
    metrics: z.array(metricResult),
  });

  const auditReport = z.object({
    schemaVersion: z.string(),
    tool: z.object({ name: z.literal('revhealth'), version: z.string() }),
    company: z.object({ name: z.string(), segment, currency: z.string() }),
    asOf: z.string(),
    asOfSource: z.enum(['flag', 'config', 'data']),
    window: z.object({ start: z.string(), end: z.string() }),
    inputs: z.array(inputSummary),
    rows: rowCounts,
    grades,
    rules: z.array(ruleResult),
    metrics: z.array(metricResult),
    /** series id -> monthly points over the data's span. */
    series: z.record(z.string(), monthly),
    /** dimension -> group -> metrics for that group. Filled only when asked with --by. */
    breakdowns: z.record(z.string(), z.array(breakdownGroup)),
    /** Perspective / Pattern / Path / Process (runAudit always sets it). */
    diagnosis: diagnosis.optional(),
    /** Present when run with --baseline. */
    comparison: comparison.optional(),
    /** The methodology settings used (defaults applied); runAudit always sets it. */
    methodology: methodology.optional(),
    /** Record lists (stale deals, past-due renewals, at-risk accounts, rejected rows) with ids stable across months; runAudit always sets it. */
    items: items.optional(),
    /** Where each ratchet floor stands; present when the config uses a ratchet file (init --from-current). */
    ratchet: ratchet.optional(),
    /** MRR movements by month and retention by start cohort; present when a subscriptions file is given. */
    subscriptions: subscriptions.optional(),
    /** The four-V lens (Volumes, Velocity, Value, Revenue); runAudit always sets it. */
    fourV: fourV.optional(),
    /** The revenue engines by segment and motion, each graded on its own segment's benchmarks; runAudit always sets it. */
    engines: engines.optional(),
    /** Why deals are lost (deals' lost reason) and why customers leave (renewals' reason column); runAudit always sets it. */
    losses: losses.optional(),
    /** Leads → MQLs → SQLs → opportunities → wins by channel, and the one win-rate definition; runAudit always sets it. */
    funnel: funnel.optional(),
  });

  return {
    auditReport,
    inputSummary,
    metricResult,
    evidence,
    monthlyPoint,
    breakdownGroup,
    thresholds,
    ruleResult,
    areaGrade,
    grades,
    diagnosis,
    finding,
    processStep,
    croTrigger,
    methodology,
    items,
    staleDealItem,
    pastDueRenewalItem,
    atRiskAccountItem,
    rejectedRowItem,
    ratchet,
    comparison,
    gradeChange,
    metricChange,
    itemsComparison,
    subscriptions,
    movementMonth,
    cohortRow,
    fourV,
    fourVGroup,
    fourVMetric,
    engines,
    engine,
    losses,
    funnel,
    funnelRow,
  };
}

// ---------------------------------------------------------------------------------------------
// Record lists: their names, in the order every renderer shows them (audit/items.ts fills them,
// audit/compare.ts compares them), and why an item leaves one.

export type ItemListName = 'staleDeals' | 'pastDueRenewals' | 'atRiskAccounts' | 'rejectedRows';
export const ITEM_LISTS: readonly ItemListName[] = ['staleDeals', 'pastDueRenewals', 'atRiskAccounts', 'rejectedRows'];

/**
 * Why an item left its list (`comparison.items.<list>.left`). Only `resolved` means fixed; the
 * others say what happened as far as two audits can tell.
 * - resolved: still in scope and no longer flagged (an at-risk account no longer at risk before its
 *   renewal; a past-due renewal recorded; a rejected row fixed);
 * - renewal_passed: the at-risk account's renewal date has passed: it renewed or churned (see the
 *   renewals file), never counted as resolved;
 * - closed_or_updated: the stale deal is no longer stale: closed won or lost, re-dated or worked;
 *   the export keeps no history to tell which;
 * - out_of_window: the item's date is now outside what the list covers.
 */
export const LEFT_REASONS = ['resolved', 'renewal_passed', 'closed_or_updated', 'out_of_window'] as const;
export type LeftReason = (typeof LEFT_REASONS)[number];

type ContractSchemas = ReturnType<typeof buildContract>;

/** The contract's schemas, built on first use. */
export const contractSchemas: () => ContractSchemas = lazy(buildContract);

/** The whole audit result: validates a baseline or `diff` input, and generates the JSON Schema. */
export const auditReportSchema = (): ContractSchemas['auditReport'] => contractSchemas().auditReport;

/** The types are read-only views of what the schemas parse: a renderer never changes the result. */
export type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;
type Out<K extends keyof ContractSchemas> = DeepReadonly<z.output<ContractSchemas[K]>>;

export type AuditReport = Out<'auditReport'>;
export type InputSummary = Out<'inputSummary'>;
export type MetricResult = Out<'metricResult'>;
export type Evidence = Out<'evidence'>;
export type MetricUnit = MetricResult['unit'];
export type MetricArea = MetricResult['area'];
export type InputKind = InputSummary['kind'];
export type MonthlyPoint = Out<'monthlyPoint'>;
export type BreakdownGroup = Out<'breakdownGroup'>;
export type Thresholds = Out<'thresholds'>;
export type RuleResult = Out<'ruleResult'>;
export type RuleStatus = RuleResult['status'];
export type Owner = RuleResult['owner'];
export type AreaGrade = Out<'areaGrade'>;
export type Grades = Out<'grades'>;
export type Diagnosis = Out<'diagnosis'>;
export type Finding = Out<'finding'>;
export type ProcessStep = Out<'processStep'>;
export type CroTrigger = Out<'croTrigger'>;
export type MethodologyReport = Out<'methodology'>;
export type AuditItems = Out<'items'>;
export type StaleDealItem = Out<'staleDealItem'>;
export type PastDueRenewalItem = Out<'pastDueRenewalItem'>;
export type AtRiskAccountItem = Out<'atRiskAccountItem'>;
export type RejectedRowItem = Out<'rejectedRowItem'>;
export type RatchetReport = Out<'ratchet'>;
export type Comparison = Out<'comparison'>;
export type GradeChange = Out<'gradeChange'>;
export type MetricChange = Out<'metricChange'>;
export type ItemsComparison = Out<'itemsComparison'>;
export type SubscriptionsBlock = Out<'subscriptions'>;
export type MovementMonth = Out<'movementMonth'>;
export type CohortRow = Out<'cohortRow'>;
export type FourV = Out<'fourV'>;
export type FourVGroup = Out<'fourVGroup'>;
export type FourVMetric = Out<'fourVMetric'>;
export type EnginesBlock = Out<'engines'>;
export type Engine = Out<'engine'>;
export type Losses = Out<'losses'>;
export type Funnel = Out<'funnel'>;
export type FunnelRow = Out<'funnelRow'>;

/**
 * A row of cac_by_channel's `details`: the JSON keeps the flat keys of schema 1.x
 * ("<channel>.spend", ".won", ".cac"); base/details.ts is the one writer and reader of that layout.
 */
export type { ChannelCacRow } from '../base/details.js';
