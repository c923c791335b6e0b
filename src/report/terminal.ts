/**
 * The audit as terminal text: header, grades, rule verdicts per area.
 * Format, never compute: every number comes from the AuditReport.
 */
import Table from 'cli-table3';
import type { AuditReport } from '../audit.js';
import type { RuleResult } from '../rules/evaluate.js';
import type { Thresholds } from '../rules/schema.js';
import type { MetricUnit } from '../metrics/types.js';
import { formatInt, formatValue } from './format.js';
import { PLAIN, clip, safeText, type Style } from './text.js';

export interface TerminalContext {
  readonly style: Style;
  /** Columns available; tables are laid out for at least 80. */
  readonly width: number;
}

const TABLE_CHARS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '',
  'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
};

export function makeTable(head: readonly string[], widths?: readonly number[]): Table.Table {
  return new Table({
    head: [...head],
    chars: TABLE_CHARS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    ...(widths ? { colWidths: [...widths], wordWrap: true } : {}),
  });
}

export function gradeStyle(grade: string | null, style: Style): string {
  if (grade === null) return 'n/a';
  if (grade === 'A' || grade === 'B') return style.green(grade);
  if (grade === 'C') return style.yellow(grade);
  return style.red(grade);
}

export function statusStyle(status: RuleResult['status'], style: Style): string {
  switch (status) {
    case 'pass':
      return style.green('pass');
    case 'warn':
      return style.yellow('warn');
    case 'fail':
      return style.red('FAIL');
    default:
      return style.dim('n/a');
  }
}

/** "≥ 100%" style benchmark text for the segment's thresholds. */
export function benchmarkText(direction: RuleResult['direction'], t: Thresholds, unit: MetricUnit, currency: string): string {
  const f = (v: number): string => formatValue(v, unit, currency);
  if (direction === 'higher') return `good ≥ ${f(t.good)}, poor ≤ ${f(t.poor)}`;
  if (direction === 'lower') return `good ≤ ${f(t.good)}, poor ≥ ${f(t.poor)}`;
  return `good ${f(t.good)}–${t.goodMax === undefined ? '…' : f(t.goodMax)}`;
}

export function renderAuditHeader(r: AuditReport, style: Style): string[] {
  const out: string[] = [];
  out.push(style.bold(`Revenue health audit — ${safeText(r.company.name)}`));
  out.push(`as of ${r.asOf} (${r.asOfSource === 'data' ? 'latest date in the data' : r.asOfSource === 'flag' ? '--as-of' : 'config'}), window ${r.window.start} < d ≤ ${r.window.end}, segment ${r.company.segment}`);
  out.push(`${formatInt(r.rows.read)} rows read: ${formatInt(r.rows.used)} used, ${formatInt(r.rows.rejected)} rejected`);
  for (const f of r.inputs) {
    out.push(style.dim(`  ${f.kind.padEnd(8)} ${clip(safeText(f.path), 40)} (${f.preset}): ${formatInt(f.rows.read)} read, ${formatInt(f.rows.used)} used, ${formatInt(f.rows.rejected)} rejected`));
  }
  return out;
}

export function renderGrades(r: AuditReport, style: Style): string[] {
  const out: string[] = [];
  const o = r.grades.overall;
  out.push(
    `${style.bold('Overall grade')}: ${gradeStyle(o.grade, style)}${o.score === null ? '' : ` (${o.score.toFixed(1)}/100)`}` +
      `${o.provisional ? style.yellow(' provisional') : ''}, coverage ${Math.round(o.coverage * 100)}% of rule weight`,
  );
  const t = makeTable(['Area', 'Grade', 'Score', 'Scored', 'Coverage']);
  for (const a of r.grades.areas) {
    t.push([
      a.title,
      `${gradeStyle(a.grade, style)}${a.provisional ? '*' : ''}`,
      a.score === null ? 'n/a' : a.score.toFixed(1),
      `${a.scoredRules}/${a.totalRules}`,
      `${Math.round(a.coverage * 100)}%`,
    ]);
  }
  out.push(t.toString());
  if (r.grades.areas.some((a) => a.provisional) || o.provisional) out.push(style.dim('* provisional: less than half of the rule weight could be scored'));
  return out;
}

export function renderRuleVerdicts(r: AuditReport, style: Style): string[] {
  const out: string[] = [];
  for (const area of r.grades.areas) {
    const rules = r.rules.filter((x) => x.area === area.area);
    if (rules.length === 0) continue;
    out.push('');
    out.push(style.bold(area.title));
    const t = makeTable(['Metric', 'Value', 'Benchmark', 'Score', 'Status'], [28, 10, 23, 5, 6]);
    for (const x of rules) {
      t.push([
        x.metric,
        x.value === null ? 'n/a' : formatValue(x.value, x.unit, r.company.currency),
        benchmarkText(x.direction, x.thresholds, x.unit, r.company.currency),
        x.score === null ? '' : x.score.toFixed(0),
        statusStyle(x.status, style),
      ]);
    }
    out.push(t.toString());
    for (const x of rules.filter((y) => y.status === 'n/a' && y.reason)) {
      out.push(style.dim(`  ${x.metric}: n/a — ${safeText(x.reason ?? '')}`));
    }
  }
  return out;
}

export function renderAuditTerminal(r: AuditReport, ctx: TerminalContext = { style: PLAIN, width: 80 }): string {
  const s = ctx.style;
  return `${[...renderAuditHeader(r, s), '', ...renderGrades(r, s), ...renderRuleVerdicts(r, s)].join('\n')}\n`;
}
