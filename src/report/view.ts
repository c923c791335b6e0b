/**
 * What every renderer shares: the renderer's signature and the view model, computed once per
 * report from the AuditReport (the registry, src/report/registry.ts, lists the renderers).
 *
 * Renderers read the contract (src/audit/contract.ts), base/ and this file.
 */
import type { AuditReport } from '../audit/contract.js';
import { formatInt } from '../base/format.js';
import { reportBreakdowns, type BreakdownTable } from './breakdowns.js';
import { citedKeys, sortKeys } from './sources.js';
import type { Style } from './text.js';

/** What a renderer may use besides the report: colours (terminal) and the line width. */
export interface RenderContext {
  readonly style: Style;
  /** Columns available; 0 or less: the renderer's default. */
  readonly width: number;
}

/** A renderer: a pure function of the audit result. Deterministic: the same report, the same bytes. */
export type Render = (report: AuditReport, ctx: RenderContext) => string;

type AreaGrade = AuditReport['grades']['areas'][number];
type Rule = AuditReport['rules'][number];
type Metric = AuditReport['metrics'][number];

/** One area of the scorecard: its grade, the rules that score it, and its ungraded metrics. */
export interface ScorecardArea {
  readonly grade: AreaGrade;
  /** The area's rules, in the report's order. */
  readonly rules: readonly Rule[];
  /** The area's metrics no rule grades, shown for context. */
  readonly context: readonly Metric[];
  /** The area's rules not judged (n/a, or check the inputs) that say why. */
  readonly unjudged: readonly Rule[];
}

/**
 * What several renderers need from one report, computed once (`view(report)` is memoised per
 * report object): the scorecard by area, the rules that could not be checked, the rules whose
 * benchmark sources are printed and the sources they cite, the --by tables, and the row counts.
 */
export interface ReportView {
  /** Areas in the grades' order, those with neither a rule nor a metric left out. */
  readonly scorecard: readonly ScorecardArea[];
  /** Rules with status n/a (the "could not check" list). */
  readonly notApplicable: readonly Rule[];
  /** Rules whose benchmark source is printed: scored (weight > 0) or judged. */
  readonly citedRules: readonly Rule[];
  /** Every source key those rules cite, in source-list order. */
  readonly sourceKeys: readonly string[];
  /** The --by breakdowns as rows (none without --by). */
  readonly breakdowns: readonly BreakdownTable[];
  /** "3,696 rows read: 3,691 used, 5 rejected". */
  readonly rowsLine: string;
  /** Rules failing, and at "watch". */
  readonly failing: readonly Rule[];
  readonly watch: readonly Rule[];
}

const VIEWS = new WeakMap<AuditReport, ReportView>();

export function view(r: AuditReport): ReportView {
  let v = VIEWS.get(r);
  if (v === undefined) {
    v = buildView(r);
    VIEWS.set(r, v);
  }
  return v;
}

function buildView(r: AuditReport): ReportView {
  const graded = new Set(r.rules.map((x) => x.metric));
  const scorecard: ScorecardArea[] = [];
  for (const grade of r.grades.areas) {
    const rules = r.rules.filter((x) => x.area === grade.area);
    const context = r.metrics.filter((m) => m.area === grade.area && !graded.has(m.id));
    if (rules.length === 0 && context.length === 0) continue;
    scorecard.push({ grade, rules, context, unjudged: rules.filter((x) => (x.status === 'n/a' || x.status === 'check') && x.reason) });
  }
  const citedRules = r.rules.filter((x) => x.weight > 0 || x.status !== 'n/a');
  return {
    scorecard,
    notApplicable: r.rules.filter((x) => x.status === 'n/a'),
    citedRules,
    sourceKeys: sortKeys(citedKeys(citedRules.map((x) => x.source))),
    breakdowns: reportBreakdowns(r),
    rowsLine: `${formatInt(r.rows.read)} rows read: ${formatInt(r.rows.used)} used, ${formatInt(r.rows.rejected)} rejected`,
    failing: r.rules.filter((x) => x.status === 'fail'),
    watch: r.rules.filter((x) => x.status === 'warn'),
  };
}
