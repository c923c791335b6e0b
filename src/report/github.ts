/**
 * `--format github`: the audit as GitHub Actions workflow commands, one annotation per line.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 *
 * - `::notice` the overall and area grades (an area without a scored rule says n/a);
 * - `::error` every failing rule (severity critical or warning), `::warning` a failing info rule
 *   and every rule at "watch" (warn), naming the rule, its value and the benchmark;
 * - with a baseline: `::warning` per regression (a gate decides whether it fails the job), per new record (stale deal, past-due
 *   renewal, at-risk account, rejected row; rejected rows point at their file and line),
 *   `::notice` per resolved record, `::warning` when the methodology changed;
 * - with a ratchet: `::notice` per floor that can be tightened ("you now beat this floor — tighten
 *   it to X"); a ratcheted rule's annotation names its floor instead of the benchmark.
 *
 * - at most STEP_ANNOTATION_LIMIT annotations of each level, as GitHub shows per step: the
 *   ratchet hints have room reserved next to the grades; a level with more says how many more.
 *
 * Format, never compute: every value comes from the AuditReport. Messages are escaped as the
 * runner expects (%, CR, LF; and `:` `,` in properties) and stripped of control characters.
 */
import type { AuditReport, RejectedRowItem, RuleResult } from '../audit/contract.js';
import { formatValue } from '../base/format.js';

/** Changed records annotated one by one per list; the rest are counted in one notice. */
const ANNOTATED_ITEMS = 20;
import { benchmarkLabel, metricById, methodologyLabels, metricTitle } from './labels.js';
import { safeText } from './text.js';
import { sanitizeOutput } from './sanitize.js';
import { ITEM_LISTS, ITEM_LIST_TITLES, itemLabel, leftLabel, truncationNote, view, type Render } from './view.js';

type Level = 'error' | 'warning' | 'notice';

function escapeData(s: string): string {
  return safeText(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One workflow command line. */
export function annotation(level: Level, title: string, message: string, at?: { file: string; line: number }): string {
  const props = [`title=${escapeProperty(title)}`];
  if (at) props.unshift(`file=${escapeProperty(at.file)}`, `line=${at.line}`);
  return `::${level} ${props.join(',')}::${escapeData(message)}`;
}

function grade(g: string | null, score: number | null): string {
  return g === null ? 'n/a' : `${g} (${score === null ? 'n/a' : score.toFixed(1)})`;
}

function ruleMessage(r: AuditReport, x: RuleResult): string {
  const value = formatValue(x.value, x.unit, r.company.currency);
  const method = methodologyLabels(metricById(r, x.metric));
  const floor = r.ratchet?.hints.find((h) => h.rule === x.id);
  const against = floor
    ? `ratchet floor ${formatValue(floor.floor, floor.unit, r.company.currency)}${floor.status === 'below_floor' ? ', broken' : ''}`
    : `benchmark ${benchmarkLabel(x.direction, x.thresholds, x.unit, r.company.currency)}`;
  return (
    `${x.title}: ${metricTitle(r, x.metric)} ${value} (${against}; ` +
    `score ${x.score === null ? 'n/a' : x.score.toFixed(0)}, ${x.severity}, owner ${x.owner})${method.length > 0 ? ` · method: ${method.join('; ')}` : ''}`
  );
}

/**
 * GitHub shows at most this many annotations of each level (error, warning, notice) per step and
 * drops the rest without a word. Every level is kept within it: when a level has more, its last
 * slot says how many more there are and where to read them.
 */
export const STEP_ANNOTATION_LIMIT = 10;

interface Pending {
  readonly level: Level;
  readonly line: string;
}

/** Keeps `items` of one level within `budget` lines, the last one counting the rest. */
function withinBudget(level: Level, items: readonly string[], budget: number, what: string): string[] {
  if (items.length <= budget) return [...items];
  if (budget <= 0) return [];
  const shown = items.slice(0, budget - 1);
  return [...shown, annotation(level, 'revhealth', `${items.length - shown.length} more ${what} not shown here (GitHub shows ${STEP_ANNOTATION_LIMIT} per step): see the JSON report or the step summary`)];
}

export function renderGithub(r: AuditReport): string {
  const o = r.grades.overall;
  const failing = view(r).failing.length;
  const watch = view(r).watch.length;
  const overall = annotation(
    'notice',
    `revhealth: ${r.company.name}`,
    `Overall grade ${grade(o.grade, o.score)}${o.provisional ? ', provisional' : ''}${o.grade === null && o.note ? ` (${o.note})` : ''} as of ${r.asOf}; ${failing} failing rule${failing === 1 ? '' : 's'}, ${watch} to watch. ` +
      `Areas: ${r.grades.areas.map((a) => `${a.title} ${grade(a.grade, a.score)}`).join(', ')}`,
  );
  // ratchet hints have room reserved right after the grades: no other notice can push them past the cap
  // (a broken floor is already an ::error through its failing rule)
  const hints = (r.ratchet?.hints ?? []).filter((h) => h.status === 'tighten' || h.status === 'benchmark_met');
  const hintSlots = STEP_ANNOTATION_LIMIT - 2; // the grades notice, and one slot left for the other notices' count
  const hintLines =
    hints.length <= hintSlots
      ? hints.map((h) => annotation('notice', 'revhealth ratchet', h.message))
      : [
          ...hints.slice(0, hintSlots - 1).map((h) => annotation('notice', 'revhealth ratchet', h.message)),
          annotation('notice', 'revhealth ratchet', `${hints.length - (hintSlots - 1)} more floors can be tightened: revhealth rules --suggest-tighten`),
        ];

  const rest: Pending[] = [];
  const add = (level: Level, line: string): void => void rest.push({ level, line });
  for (const x of r.rules) {
    if (x.status === 'fail') add(x.severity === 'info' ? 'warning' : 'error', annotation(x.severity === 'info' ? 'warning' : 'error', `revhealth ${x.id}`, ruleMessage(r, x)));
    else if (x.status === 'warn') add('warning', annotation('warning', `revhealth ${x.id}`, ruleMessage(r, x)));
  }
  const c = r.comparison;
  if (c) {
    for (const g of c.regressions) add('warning', annotation('warning', 'revhealth regression', `${g} since ${c.baseline.asOf}`));
    if (c.methodologyChanges && c.methodologyChanges.length > 0) {
      add('warning', annotation('warning', 'revhealth methodology changed', `${c.methodologyChanges.join('; ')} since ${c.baseline.asOf}: values may move for that reason alone`));
    }
    if (c.items) {
      for (const list of ITEM_LISTS) {
        const ch = c.items[list];
        // name the first ones, count the rest
        for (const it of ch.appeared.slice(0, ANNOTATED_ITEMS)) {
          const at = list === 'rejectedRows' ? { file: (it as RejectedRowItem).path, line: (it as RejectedRowItem).line } : undefined;
          add('warning', annotation('warning', `revhealth new: ${ITEM_LIST_TITLES[list].toLowerCase()}`, itemLabel(list, it), at));
        }
        ch.resolved.slice(0, ANNOTATED_ITEMS).forEach((it, i) => {
          const l = leftLabel(ch, i);
          add('notice', annotation('notice', `revhealth ${l.resolved ? 'resolved' : 'left the list'}: ${ITEM_LIST_TITLES[list].toLowerCase()}`, l.resolved ? itemLabel(list, it) : `${itemLabel(list, it)} · ${l.text}`));
        });
        const more = Math.max(0, ch.appeared.length - ANNOTATED_ITEMS) + Math.max(0, ch.resolved.length - ANNOTATED_ITEMS);
        if (more > 0) add('notice', annotation('notice', `revhealth ${ITEM_LIST_TITLES[list].toLowerCase()}`, `${more} more changed records in the JSON report (comparison.items.${list})`));
        const cut = truncationNote(ch);
        if (cut !== null) add('notice', annotation('notice', `revhealth ${ITEM_LIST_TITLES[list].toLowerCase()}`, cut));
      }
    }
  }
  const of = (level: Level): string[] => rest.filter((x) => x.level === level).map((x) => x.line);
  const noticeBudget = STEP_ANNOTATION_LIMIT - 1 - hintLines.length;
  const out = [
    overall,
    ...hintLines,
    ...withinBudget('error', of('error'), STEP_ANNOTATION_LIMIT, 'errors (failing rules)'),
    ...withinBudget('warning', of('warning'), STEP_ANNOTATION_LIMIT, 'warnings (watched rules, regressions, new records)'),
    ...withinBudget('notice', of('notice'), noticeBudget, 'notices (resolved records)'),
  ];
  return sanitizeOutput(`${out.join('\n')}\n`, { annotations: true });
}

/** The registry's entry point (src/report/registry.ts). */
export const render: Render = (r) => renderGithub(r);
