/**
 * The audit as terminal text: header, grades, trends, rule verdicts per area, the diagnosis
 * (Perspective, findings with Path and Process, by function, CRO readiness), what could not be
 * checked, changes since the baseline and the data-quality appendix.
 *
 * Format, never compute: every number comes from the AuditReport. Laid out for 80 columns; in
 * plain mode (Style = PLAIN) no line is longer than 80 characters and there is no escape code.
 * Input-derived text goes through `safeText` so a cell cannot repaint the terminal.
 */
import { DIMENSION_LABELS, SMALL_GROUP_NOTE, ellipsize, type BreakdownTable } from './breakdowns.js';
import Table from 'cli-table3';
import type { AuditReport, Finding, MetricUnit, ProcessStep, RuleResult } from '../audit/contract.js';
import { formatInt, formatMoney, formatValue } from '../base/format.js';
import {
  TREND_SERIES,
  areaTitle,
  asOfSourceLabel,
  benchmarkLabel,
  formatDelta,
  formatScoreDelta,
  impactLabel,
  functionMoneyLabel,
  inputLabel,
  lastMonths,
  lastValue,
  metricById,
  methodologyLabels,
  metricRegressed,
  metricTitle,
  monthLabel,
  presetLabel,
  rejectLabel,
  sparkline,
  windowLabel,
} from './labels.js';
import { renderFourVTerminal, renderSubscriptionsTerminal } from './revenue-lens.js';
import { readinessExtras, renderCroReadTerminal } from './cro-read.js';
import { PLAIN, TERMINAL_WIDTH, hanging, safeText, section, wrapText, type Style } from './text.js';
import { sanitizeOutput } from './sanitize.js';
import { ITEM_LIST_TITLES, changedItemLists, itemLabel, leftLabel, listChangeCounts, truncationNote, view, type Render } from './view.js';

/** Items listed per list and direction in the record-level changes (the JSON has them all). */
const ITEMS_SHOWN = 10;

export interface TerminalContext {
  readonly style: Style;
  /** Columns available; the report is laid out for 80. */
  readonly width: number;
}

/** Line width of the report: 80 columns (wider terminals get the same layout). */
const WIDTH = TERMINAL_WIDTH;
/** Months shown in a sparkline. */
const SPARK_MONTHS = 36;

const TABLE_CHARS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '',
  'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
};

export function makeTable(head: readonly string[], widths?: readonly number[], align?: readonly ('left' | 'right' | 'center')[]): Table.Table {
  return new Table({
    head: [...head],
    chars: TABLE_CHARS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    ...(widths ? { colWidths: [...widths], wordWrap: true, wrapOnWordBoundary: true } : {}),
    ...(align ? { colAligns: [...align] } : {}),
  });
}

/** A table indented by `indent` spaces. */
function indentTable(t: Table.Table, indent = 2): string[] {
  return t
    .toString()
    .split('\n')
    .map((l) => `${' '.repeat(indent)}${l.replace(/\s+$/, '')}`);
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
    case 'check':
      return style.yellow('check inputs');
    default:
      return style.dim('n/a');
  }
}

function severityStyle(severity: Finding['severity'], style: Style): string {
  if (severity === 'critical') return style.red(style.bold('CRITICAL'));
  if (severity === 'warning') return style.yellow('WARNING');
  return style.dim('INFO');
}

function bullet(s: string, indent = 2): string[] {
  return hanging(s, `${' '.repeat(indent)}• `, ' '.repeat(indent + 2));
}

function money(r: AuditReport, v: number): string {
  return formatMoney(v, r.company.currency);
}

export function renderAuditHeader(r: AuditReport, style: Style): string[] {
  const out: string[] = [];
  out.push(style.bold('REVENUE HEALTH AUDIT'));
  out.push(...hanging(safeText(r.company.name), '', '').map((l) => style.bold(l)));
  out.push(...hanging(`As of ${r.asOf} (${asOfSourceLabel(r.asOfSource)}) · segment ${r.company.segment} · ${safeText(r.company.currency)}`, '', ''));
  out.push(`Metrics window: ${windowLabel(r.window)}`);
  out.push('');
  out.push(`Inputs: ${view(r).rowsLine}`);
  if (r.inputs.length > 0) {
    const t = makeTable(['File', 'Path', 'Format detected', 'Read', 'Rejected'], [8, 23, 25, 6, 8], ['left', 'left', 'left', 'right', 'right']);
    for (const f of r.inputs) {
      t.push([inputLabel(f.kind), clipLeft(safeText(f.path), 23), presetLabel(f.kind, f.preset), formatInt(f.rows.read), formatInt(f.rows.rejected)]);
    }
    out.push(...indentTable(t).map((l, i) => (i === 0 ? style.dim(l) : l)));
  }
  // two currencies summed apart (ingest/dataset.ts): said here, not only in the warnings at the end
  const mixed = r.inputs.flatMap((f) => f.warnings).find((w) => /^deals in [A-Z]{3}, spend in [A-Z]{3}: set fxRates/.test(w));
  if (mixed !== undefined) out.push(...hanging(safeText(mixed), '  warning: ', '  ').map((l) => style.yellow(l)));
  return out;
}

/** "…/demo/deals.csv": keeps the end of a long path. */
function clipLeft(s: string, n: number): string {
  const chars = [...s];
  return chars.length <= n ? s : `…${chars.slice(chars.length - n + 1).join('')}`;
}

function scoreBar(score: number | null): string {
  if (score === null) return '░'.repeat(10);
  const full = Math.max(0, Math.min(10, Math.round(score / 10)));
  return '█'.repeat(full) + '░'.repeat(10 - full);
}

export function renderGrades(r: AuditReport, style: Style): string[] {
  const out: string[] = [];
  const o = r.grades.overall;
  const cmp = r.comparison;
  out.push(...section('GRADES', style));
  out.push(
    `${style.bold('Overall grade')}  ${style.bold(gradeStyle(o.grade, style))}` +
      `${o.score === null ? '' : `  ${o.score.toFixed(1)} / 100`}${o.provisional ? style.yellow('  provisional') : ''}` +
      style.dim(`  · ${Math.round(o.coverage * 100)}% of rule weight scored`),
  );
  if (o.grade === null && o.note) out.push(...hanging(safeText(o.note), '  ', '  ').map((l) => style.yellow(l)));
  for (const a of r.grades.areas) {
    if (a.grade === null && a.note && a.totalRules > 0) out.push(...hanging(`${a.title}: ${safeText(a.note)}`, '  ', '  ').map((l) => style.dim(l)));
  }
  if (cmp) {
    const c = cmp.overall;
    const was = `${c.before.grade ?? 'n/a'}${c.before.score === null ? '' : ` ${c.before.score.toFixed(1)}`}`;
    const line = `vs ${cmp.baseline.asOf}: was ${was}, change ${formatScoreDelta(c.delta)}`;
    out.push(c.regressed ? style.red(`  ▼ ${line}  REGRESSED`) : style.dim(`  ${line}`));
  }
  out.push('');
  const head = ['Area', 'Grade', 'Score', 'Coverage'];
  const widths = [25, 5, 16, 8];
  const align: ('left' | 'right')[] = ['left', 'left', 'left', 'right'];
  if (cmp) {
    head.push(`vs ${cmp.baseline.asOf}`);
    widths.push(15);
    align.push('left');
  }
  const t = makeTable(head, widths, align);
  for (const a of r.grades.areas) {
    const row = [
      a.title,
      `${gradeStyle(a.grade, style)}${a.provisional ? '*' : ''}`,
      `${style.dim(scoreBar(a.score))} ${a.score === null ? 'n/a' : a.score.toFixed(1).padStart(5)}`,
      `${Math.round(a.coverage * 100)}%`,
    ];
    if (cmp) {
      const c = cmp.areas.find((x) => x.id === a.area);
      if (!c) row.push('');
      else {
        const gradeMove = c.before.grade !== c.after.grade ? ` (was ${c.before.grade ?? 'n/a'})` : '';
        const txt = `${formatScoreDelta(c.delta)}${gradeMove}`;
        row.push(c.regressed ? style.red(`▼ ${txt}`) : txt);
      }
    }
    t.push(row);
  }
  out.push(...indentTable(t).map((l, i) => (i === 0 ? style.dim(l) : l)));
  if (r.grades.areas.some((a) => a.provisional) || o.provisional) out.push(style.dim('  * provisional: under three quarters of the rule weight could be scored'));
  out.push(style.dim('  Grades: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, F below.'));
  return out;
}

export function renderTrends(r: AuditReport, style: Style): string[] {
  const rows = TREND_SERIES.map((s) => ({ s, points: lastMonths(r.series[s.id], SPARK_MONTHS) })).filter((x) => x.points.length > 0);
  if (rows.length === 0) return [];
  const first = rows[0]?.points[0]?.month ?? '';
  const lastPts = rows[0]?.points ?? [];
  const last = lastPts[lastPts.length - 1]?.month ?? '';
  const out = section('TRENDS', style, `monthly, ${monthLabel(first)} – ${monthLabel(last)}`);
  for (const { s, points } of rows) {
    const spark = sparkline(points.map((p) => p.value));
    const lv = lastValue(points);
    const latest = lv === null ? 'no data' : `${monthLabel(lv.month)}  ${formatValue(lv.value, s.unit, r.company.currency)}`;
    out.push(`  ${s.title.padEnd(20)}${style.cyan(spark.padEnd(Math.min(SPARK_MONTHS, points.length)))}  ${style.dim(latest)}`);
  }
  out.push(style.dim('  ▁ lowest to █ highest month shown; · no closed deals that month'));
  return out;
}

export function renderRuleVerdicts(r: AuditReport, style: Style): string[] {
  const out: string[] = [...section('SCORECARD', style, `benchmarks for ${r.company.segment}`)];
  let firstArea = true;
  for (const { grade: area, rules, context: others, unjudged } of view(r).scorecard) {
    if (!firstArea) out.push('');
    firstArea = false;
    out.push(
      `${style.bold(area.title)}  ${gradeStyle(area.grade, style)}${area.score === null ? '' : style.dim(` · ${area.score.toFixed(1)}`)}`,
    );
    const t = makeTable(['Metric', 'Value', 'Benchmark', 'Status'], [29, 8, 29, 6], ['left', 'right', 'left', 'left']);
    for (const x of rules) {
      t.push([
        metricTitle(r, x.metric),
        x.value === null ? 'n/a' : formatValue(x.value, x.unit, r.company.currency),
        benchmarkLabel(x.direction, x.thresholds, x.unit, r.company.currency),
        statusStyle(x.status, style),
      ]);
    }
    for (const m of others) {
      t.push([style.dim(m.title), style.dim(formatValue(m.value, m.unit, r.company.currency)), style.dim('for context'), '']);
    }
    out.push(...indentTable(t).map((l, i) => (i === 0 ? style.dim(l) : l)));
    for (const x of unjudged) {
      out.push(...hanging(`${metricTitle(r, x.metric)}: ${x.status === 'check' ? '' : 'n/a, '}${safeText(x.reason ?? '')}`, '  ', '    ').map((l) => style.dim(l)));
    }
    // the terminal names only the choices a config changed; Markdown, HTML and JSON list them all
    for (const id of [...rules.map((x) => x.metric), ...others.map((m) => m.id)]) {
      const labels = methodologyLabels(metricById(r, id)).filter((l) => !l.endsWith('(default)'));
      if (labels.length > 0) out.push(...hanging(`${metricTitle(r, id)}: ${labels.join('; ')}`, '  method · ', '    ').map((l) => style.dim(l)));
    }
  }
  return out;
}

function ownerPad(o: string): string {
  return o.padEnd(18);
}

function renderProcess(steps: readonly ProcessStep[], style: Style): string[] {
  const out: string[] = [];
  const lead = '     ';
  for (const s of steps) {
    const prefix = `${lead}${String(s.by).padStart(2)} d  `;
    const owner = ownerPad(s.owner);
    const body = hanging(safeText(s.step), `${prefix}${owner}`, ' '.repeat(prefix.length + owner.length));
    body[0] = `${prefix}${style.bold(owner)}${(body[0] ?? '').slice(prefix.length + owner.length)}`;
    out.push(...body);
    out.push(...hanging(`KPI: ${safeText(s.kpi)}`, ' '.repeat(prefix.length + owner.length), ' '.repeat(prefix.length + owner.length + 5)).map((l) => style.dim(l)));
  }
  return out;
}

function renderFinding(r: AuditReport, f: Finding, rank: number, style: Style): string[] {
  const out: string[] = [];
  const impact = impactLabel(f.impact, r.company.currency);
  const num = `${rank}.`.padEnd(4);
  const titleWidth = WIDTH - num.length - impact.length - 2;
  const titleLines = wrapText(safeText(f.title), titleWidth);
  titleLines.forEach((l, i) => {
    if (i === 0) {
      const pad = ' '.repeat(Math.max(2, WIDTH - num.length - [...l].length - impact.length));
      out.push(`${style.bold(num + l)}${pad}${f.impact.annual === null ? style.dim(impact) : style.bold(impact)}`);
    } else out.push(style.bold(`${' '.repeat(num.length)}${l}`));
  });
  out.push(`    ${severityStyle(f.severity, style)}${style.dim(` · owner${f.owners.length > 1 ? 's' : ''}: ${f.owners.join(', ')}`)}`);
  for (const e of f.evidence) out.push(...bullet(safeText(e), 4));
  out.push(...labelled('At stake', safeText(f.impact.formula), style));
  out.push(...labelled('Path', safeText(f.path), style));
  if (f.process.length > 0) {
    out.push(`    ${style.bold('Process')}`);
    out.push(...renderProcess(f.process, style));
  }
  return out;
}

/** "    Label     text…" with a bold label; wrapped on the plain prefix so widths stay exact. */
function labelled(label: string, body: string, style: Style, indent = 4, labelWidth = 10): string[] {
  const prefix = `${' '.repeat(indent)}${label.padEnd(labelWidth)}`;
  return hanging(body, prefix, ' '.repeat(prefix.length)).map((l, i) =>
    i === 0 ? `${' '.repeat(indent)}${style.bold(label)}${l.slice(indent + label.length)}` : l,
  );
}

export function renderDiagnosis(r: AuditReport, style: Style): string[] {
  const d = r.diagnosis;
  if (!d) return [...section('DIAGNOSIS', style), style.dim('  Not available in this report.')];
  const out: string[] = [];
  const p = d.perspective;
  out.push(...section('PERSPECTIVE', style));
  out.push(...hanging(safeText(p.summary), '  ', '  '));
  out.push('');
  const arr = p.arr === null ? '' : ` (${money(r, p.arr)}${p.arrSource ? ` from ${p.arrSource}` : ''})`;
  out.push(...hanging(`${safeText(p.arrBand)}${arr}, ${safeText(p.stage)}`, '  Stage          ', ' '.repeat(17)));
  p.growthSources.forEach((g, i) => out.push(...hanging(safeText(g), i === 0 ? '  Growth from    • ' : '                 • ', ' '.repeat(19))));
  if (p.strongestArea) out.push(...hanging(areaTitle(r, safeText(p.strongestArea)), '  Strongest      ', ' '.repeat(17)));
  if (p.weakestArea) out.push(...hanging(areaTitle(r, safeText(p.weakestArea)), '  Weakest        ', ' '.repeat(17)));
  if (p.bindingConstraint) {
    out.push(...labelled('Constraint', safeText(view(r).bindingConstraint ?? ''), style, 2, 15));
  }

  out.push(...section('FINDINGS', style, 'losses first, then risks, then upsides'));
  if (d.findings.length === 0) out.push('  No pattern fired on this data.');
  d.findings.forEach((f, i) => {
    if (i > 0) out.push('');
    out.push(...renderFinding(r, f, i + 1, style));
  });

  if (d.byFunction.length > 0) {
    out.push(...section('BY FUNCTION', style, 'who owns what'));
    const t = makeTable(['Function', 'Findings', 'Failing rules', 'Money a year'], [16, 9, 25, 22], ['left', 'left', 'left', 'right']);
    for (const g of d.byFunction) {
      const ranks = g.findings.flatMap((id) => {
        const found = view(r).findings.get(id);
        return found === undefined ? [] : [`#${found.rank}`];
      });
      t.push([g.owner, ranks.length ? ranks.join(' ') : '—', g.failingRules.length ? g.failingRules.join(', ') : '—', functionMoneyLabel(g, r.company.currency)]);
    }
    out.push(...indentTable(t).map((l, i) => (i === 0 ? style.dim(l) : l)));
    out.push(style.dim('  A finding with several owners counts in full for each of them.'));
  }

  out.push(...section('CRO READINESS', style));
  out.push(`  Verdict: ${style.bold(d.croReadiness.verdict)}`);
  for (const reason of d.croReadiness.reasons) out.push(...bullet(safeText(reason)));
  const rx = readinessExtras(r);
  if (rx.fixFirst.length > 0) out.push('', `  ${style.bold('What the role would fix first')}`, ...rx.fixFirst.flatMap((x, i) => hanging(safeText(x), `  ${i + 1}. `, '     ')));
  if (rx.notFired.length > 0) out.push('', style.dim('  Checked, not fired'), ...rx.notFired.flatMap((x) => bullet(safeText(x))));

  if ((d.dataWeNeed ?? []).length > 0) {
    out.push(...section('DATA WE NEED', style, 'what would sharpen this audit'));
    for (const n of d.dataWeNeed ?? []) out.push(...bullet(safeText(`${n.data}: ${n.why}. Unlocks ${n.unlocks}.`)));
  }

  if (d.watch.length > 0) {
    out.push(...section('CLOSE TO THE LINE', style, 'patterns that almost fired'));
    for (const w of d.watch) out.push(...bullet(`${safeText(w.title)}: ${safeText(w.note)}`));
  }
  return out;
}

export function renderNotChecked(r: AuditReport, style: Style): string[] {
  const patterns = r.diagnosis?.notChecked ?? [];
  const naRules = view(r).notApplicable;
  if (patterns.length === 0 && naRules.length === 0) return [];
  const out = section('COULD NOT CHECK', style, 'and the data that would unlock it');
  const t = makeTable(['Check', 'What would unlock it'], [28, 48]);
  for (const p of patterns) t.push([`${safeText(p.title)} (pattern)`, safeText(p.needs)]);
  for (const x of naRules) t.push([metricTitle(r, x.metric), safeText(x.reason ?? 'no value')]);
  out.push(...indentTable(t).map((l, i) => (i === 0 ? style.dim(l) : l)));
  return out;
}

export function renderComparison(r: AuditReport, style: Style): string[] {
  const c = r.comparison;
  if (!c) return [];
  const out = section('SINCE THE BASELINE', style, `audit as of ${c.baseline.asOf}`);
  if (!c.changed) {
    out.push('  Nothing changed.');
    return out;
  }
  if (c.regressions.length > 0) {
    out.push(`  ${style.red(style.bold(`${c.regressions.length} regression${c.regressions.length === 1 ? '' : 's'}`))}`);
    for (const g of c.regressions) out.push(...bullet(safeText(g)).map((l) => style.red(l)));
    out.push('');
  }
  const changed = c.metrics.filter((m) => (m.delta !== null && Math.abs(m.delta) > 1e-9) || m.statusBefore !== m.statusAfter || (m.before === null) !== (m.after === null));
  if (changed.length > 0) {
    const t = makeTable(['Metric', 'Before', 'Now', 'Change', 'Trend'], [28, 10, 10, 12, 10], ['left', 'right', 'right', 'right', 'left']);
    for (const m of changed) {
      const reg = metricRegressed(m);
      const trend = m.trend === null ? '' : m.trend === 'better' ? style.green('better') : m.trend === 'worse' ? style.red('worse') : 'same';
      t.push([
        metricTitle(r, m.id),
        formatValue(m.before, m.unit as MetricUnit, r.company.currency),
        formatValue(m.after, m.unit as MetricUnit, r.company.currency),
        formatDelta(m.delta, m.unit as MetricUnit, r.company.currency),
        reg ? style.red(`▼ ${m.statusBefore}→${m.statusAfter}`) : trend,
      ]);
    }
    out.push(...indentTable(t).map((l, i) => (i === 0 ? style.dim(l) : l)));
    const same = c.metrics.length - changed.length;
    if (same > 0) out.push(style.dim(`  ${same} other metric${same === 1 ? '' : 's'} unchanged.`));
  }
  if (c.findings.appeared.length > 0) out.push(...hanging(c.findings.appeared.join(', '), '  New findings: ', '                '));
  if (c.findings.resolved.length > 0) out.push(...hanging(c.findings.resolved.join(', '), '  Resolved:     ', '                '));
  if (c.methodologyChanges && c.methodologyChanges.length > 0) {
    out.push(...hanging(`${c.methodologyChanges.join('; ')} (values may move for that reason alone)`, '  Methodology changed: ', '    ').map((l) => style.yellow(l)));
  }
  if (c.items) {
    for (const { list, ch } of changedItemLists(c.items)) {
      out.push('', `  ${style.bold(ITEM_LIST_TITLES[list])}: ${listChangeCounts(ch)}`);
      for (const it of ch.appeared.slice(0, ITEMS_SHOWN)) out.push(...hanging(safeText(itemLabel(list, it)), '    + ', '      ').map((l) => style.red(l)));
      if (ch.appeared.length > ITEMS_SHOWN) out.push(style.dim(`    + … ${ch.appeared.length - ITEMS_SHOWN} more new`));
      ch.resolved.slice(0, ITEMS_SHOWN).forEach((it, i) => {
        const l = leftLabel(ch, i);
        const text = safeText(l.resolved ? itemLabel(list, it) : `${itemLabel(list, it)} · ${l.text}`);
        out.push(...hanging(text, '    − ', '      ').map((x) => (l.resolved ? style.green(x) : x)));
      });
      if (ch.resolved.length > ITEMS_SHOWN) out.push(style.dim(`    − … ${ch.resolved.length - ITEMS_SHOWN} more resolved`));
      const cut = truncationNote(ch);
      if (cut !== null) out.push(...hanging(safeText(cut), '    ', '    ').map((l) => style.yellow(l)));
    }
  }
  return out;
}

/** Where each ratchet floor stands (present when the config uses a ratchet file). */
export function renderRatchet(r: AuditReport, style: Style): string[] {
  const rt = r.ratchet;
  if (!rt) return [];
  const out = section('RATCHET', style, `floors from ${safeText(rt.file)}, set ${rt.asOf}`);
  if (rt.hints.length === 0) out.push('  No floors: every rule passed or watched when the ratchet was written.');
  for (const h of rt.hints) {
    const mark = h.status === 'tighten' || h.status === 'benchmark_met' ? '↑ ' : h.status === 'below_floor' ? '▼ ' : '· ';
    const line = hanging(safeText(h.message), `  ${mark}`, '    ');
    out.push(...(h.status === 'below_floor' ? line.map((l) => style.red(l)) : h.status === 'tighten' || h.status === 'benchmark_met' ? line.map((l) => style.green(l)) : line));
  }
  if (rt.hints.some((h) => h.status === 'tighten' || h.status === 'benchmark_met')) {
    out.push(style.dim('  Apply: revhealth rules --suggest-tighten --write'));
  }
  return out;
}

export function renderDataQuality(r: AuditReport, style: Style): string[] {
  const out = section('APPENDIX: DATA QUALITY', style);
  out.push(`  ${view(r).rowsLine}`);
  const t = makeTable(['File', 'Dates in the data', 'Used', 'Rejected'], [9, 25, 8, 8], ['left', 'left', 'right', 'right']);
  for (const f of r.inputs) {
    t.push([inputLabel(f.kind), f.dateRange ? `${f.dateRange.min} – ${f.dateRange.max}` : 'no dates', formatInt(f.rows.used), formatInt(f.rows.rejected)]);
  }
  out.push(...indentTable(t).map((l, i) => (i === 0 ? style.dim(l) : l)));
  const rejects = r.inputs.flatMap((f) => Object.entries(f.rejectedByReason).map(([code, n]) => ({ kind: f.kind, code, n })));
  out.push('');
  if (rejects.length === 0) out.push('  Rejected rows: none.');
  else {
    out.push(`  ${style.bold('Rejected rows by reason')}`);
    const rt = makeTable(['File', 'Reason', 'Code', 'Rows'], [9, 26, 22, 6], ['left', 'left', 'left', 'right']);
    for (const x of rejects) rt.push([inputLabel(x.kind), rejectLabel(x.code), safeText(x.code), formatInt(x.n)]);
    out.push(...indentTable(rt, 4).map((l, i) => (i === 0 ? style.dim(l) : l)));
    out.push(style.dim('    Every rejected row, with its line and value: revhealth audit --rejects FILE'));
  }
  const warnings = r.inputs.flatMap((f) => f.warnings.map((w) => ({ kind: f.kind, w })));
  out.push('');
  if (warnings.length === 0) out.push('  Warnings: none.');
  else {
    out.push(`  ${style.bold('Warnings')}`);
    for (const { kind, w } of warnings) out.push(...hanging(safeText(w), `    ${inputLabel(kind).padEnd(9)}`, ' '.repeat(13)));
  }
  return out;
}

/**
 * The --by breakdowns as fixed-width tables within `width` columns: group names past their
 * column end in "…", values right-aligned, small groups marked *. Empty without --by.
 */
export function renderBreakdownsTerminal(tables: readonly BreakdownTable[], style: Style, width = WIDTH, heading = true): string[] {
  const out: string[] = [];
  for (const t of tables) {
    const vw = Math.max(8, ...t.columns.map((c) => [...c].length), ...t.rows.flatMap((x) => x.values.map((v) => [...v].length)));
    const cw = Math.max(6, ...t.rows.map((x) => [...x.closed].length));
    const gw = Math.max(10, width - 2 - t.columns.length * (vw + 2) - (cw + 2));
    const pad = (v: string, w: number, right: boolean): string => {
      const n = Math.max(0, w - [...v].length);
      return right ? `${' '.repeat(n)}${v}` : `${v}${' '.repeat(n)}`;
    };
    const line = (g: string, vals: readonly string[], closed: string): string =>
      `  ${pad(ellipsize(g, gw), gw, false)}${vals.map((v) => `  ${pad(ellipsize(v, vw), vw, true)}`).join('')}  ${pad(closed, cw, true)}`;
    const title = `BY ${(DIMENSION_LABELS[t.dimension] ?? t.dimension).toUpperCase()}`;
    if (heading) out.push(...section(title, style, t.anySmall ? '* = fewer than 10 closed deals' : undefined));
    else out.push('', style.bold(title));
    out.push(style.dim(line(DIMENSION_LABELS[t.dimension] ?? t.dimension, t.columns, 'Closed')));
    for (const x of t.rows) out.push(line(safeText(x.group) + (x.isSmall ? ' *' : ''), x.values, x.closed));
    if (t.anySmall) out.push(...hanging(`* ${SMALL_GROUP_NOTE}`, '  ', '  '));
  }
  return out;
}

export function renderAuditTerminal(r: AuditReport, ctx: TerminalContext = { style: PLAIN, width: 80 }): string {
  const s = ctx.style;
  const lines = [
    ...renderAuditHeader(r, s),
    ...renderGrades(r, s),
    ...renderFourVTerminal(r, s),
    ...renderTrends(r, s),
    ...renderSubscriptionsTerminal(r, s),
    ...renderRuleVerdicts(r, s),
    ...renderBreakdownsTerminal(view(r).breakdowns, s, ctx.width > 0 ? Math.min(ctx.width, WIDTH) : WIDTH),
    ...renderCroReadTerminal(r, s),
    ...renderDiagnosis(r, s),
    ...renderNotChecked(r, s),
    ...renderComparison(r, s),
    ...renderRatchet(r, s),
    ...renderDataQuality(r, s),
  ];
  // final pass: text no section cleaned (a rule-pack title, a new section) cannot act on the terminal
  return sanitizeOutput(`${lines.map((l) => l.replace(/\s+$/, '')).join('\n')}\n`, { sgr: true });
}

/** The registry's entry point (src/report/registry.ts). */
export const render: Render = (r, ctx) => renderAuditTerminal(r, ctx);
