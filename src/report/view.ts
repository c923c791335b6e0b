/**
 * What every renderer shares: the renderer's signature and the view model, computed once per
 * report from the AuditReport (the registry, src/report/registry.ts, lists the renderers).
 *
 * Renderers read the contract (src/audit/contract.ts), base/ and this file.
 */
import { ITEM_LISTS, type AuditReport, type ItemListName, type ItemsComparison, type LeftReason } from '../audit/contract.js';
import type { AtRiskAccountItem, PastDueRenewalItem, RejectedRowItem, StaleDealItem } from '../audit/contract.js';
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
type Finding = NonNullable<AuditReport['diagnosis']>['findings'][number];

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
  /** Each finding by id with its rank (1 = first shown: losses, then risks, then upsides). */
  readonly findings: ReadonlyMap<string, { readonly rank: number; readonly finding: Finding }>;
  /** The Perspective's binding constraint in words: the finding's title, else the area's, else as given; null without one. */
  readonly bindingConstraint: string | null;
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
  const findings = new Map<string, { rank: number; finding: Finding }>();
  // the first of an id wins, as findIndex did
  (r.diagnosis?.findings ?? []).forEach((finding, i) => {
    if (!findings.has(finding.id)) findings.set(finding.id, { rank: i + 1, finding });
  });
  const bc = r.diagnosis?.perspective?.bindingConstraint ?? undefined;
  return {
    scorecard,
    notApplicable: r.rules.filter((x) => x.status === 'n/a'),
    citedRules,
    sourceKeys: sortKeys(citedKeys(citedRules.map((x) => x.source))),
    breakdowns: reportBreakdowns(r),
    rowsLine: `${formatInt(r.rows.read)} rows read: ${formatInt(r.rows.used)} used, ${formatInt(r.rows.rejected)} rejected`,
    failing: r.rules.filter((x) => x.status === 'fail'),
    watch: r.rules.filter((x) => x.status === 'warn'),
    findings,
    bindingConstraint: bc === undefined ? null : (findings.get(bc)?.finding.title ?? r.grades.areas.find((a) => a.area === bc)?.title ?? bc),
  };
}

// ---------------------------------------------------------------------------------------------
// Record lists (stale deals, past-due renewals, at-risk accounts, rejected rows) in words.

/** The record lists in the order every renderer shows them. */
export { ITEM_LISTS };

/** Plain-words titles of the lists (for renderers). */
export const ITEM_LIST_TITLES: Readonly<Record<ItemListName, string>> = {
  staleDeals: 'Stale deals',
  pastDueRenewals: 'Past-due renewals',
  atRiskAccounts: 'At-risk accounts',
  rejectedRows: 'Rejected rows',
};

/** One list's change between two audits (the parts the words below read). */
type ListChange = Pick<ItemsComparison[ItemListName], 'left' | 'comparedUpTo'>;

/** The lists where a record appeared or left, in ITEM_LISTS order, with their change. */
export function changedItemLists(items: ItemsComparison): { readonly list: ItemListName; readonly ch: ItemsComparison[ItemListName] }[] {
  const out: { list: ItemListName; ch: ItemsComparison[ItemListName] }[] = [];
  for (const list of ITEM_LISTS) {
    const ch = items[list];
    if (ch.appeared.length > 0 || ch.resolved.length > 0) out.push({ list, ch });
  }
  return out;
}

/** A changed list's counts after its title: "3 → 5 (2 new, 0 resolved)". */
export function listChangeCounts(ch: ItemsComparison[ItemListName]): string {
  return `${ch.before} → ${ch.after} (${ch.appeared.length} new, ${ch.resolved.length} resolved)`;
}

/** Why a record left a list, in words. */
export const LEFT_REASON_TEXT: Readonly<Record<LeftReason, string>> = {
  resolved: 'resolved',
  renewal_passed: 'renewal date passed: renewed or churned, see the renewals',
  closed_or_updated: 'no longer stale: closed won or lost, re-dated or worked',
  out_of_window: 'out of the window',
};

/** "✅ resolved" only when resolved; otherwise "left the list: <why>". */
export function leftLabel(ch: ListChange, i: number): { resolved: boolean; text: string } {
  const why = ch.left?.[i] ?? 'resolved';
  return why === 'resolved' ? { resolved: true, text: 'resolved' } : { resolved: false, text: `left the list (${LEFT_REASON_TEXT[why]})` };
}

/** The caveat renderers print under a list cut by the items limit, null when nothing was cut. */
export function truncationNote(ch: ListChange): string | null {
  if (ch.comparedUpTo === '') {
    return 'rejected rows are kept as examples only (a file had over 1,000 rejects of one reason): rows not compared one by one; compare the --rejects files';
  }
  return ch.comparedUpTo === undefined ? null : `lists cut by the items limit: compared up to ${ch.comparedUpTo}; raise --items-limit (0 = all) to compare every record`;
}

/** One line per item for renderers: "deal 123 · Acme · $12.0k · expected 2025-11-30". */
export function itemLabel(list: ItemListName, item: StaleDealItem | PastDueRenewalItem | AtRiskAccountItem | RejectedRowItem): string {
  switch (list) {
    case 'staleDeals': {
      const d = item as StaleDealItem;
      const who = d.dealId !== null ? `deal ${d.dealId}` : `deals line ${d.line}`;
      const why = d.reason === 'aged' ? 'older than 2× the median cycle' : `expected close ${d.expectedClose ?? '?'} passed`;
      return [who, d.name ?? d.account, why].filter((x) => x !== null && x !== '').join(' · ');
    }
    case 'pastDueRenewals': {
      const r = item as PastDueRenewalItem;
      return `${r.account} · renewal ${r.renewalDate} · status ${r.status}`;
    }
    case 'atRiskAccounts': {
      const a = item as AtRiskAccountItem;
      return `${a.account} · renews ${a.renewalDate} · ${a.reason}`;
    }
    default: {
      const x = item as RejectedRowItem;
      return `${x.file} line ${x.line}${x.recordId !== null ? ` (id ${x.recordId})` : ''} · ${x.code}${x.column ? ` (${x.column})` : ''}`;
    }
  }
}
