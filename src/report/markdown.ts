/**
 * The client deliverable as GitHub-flavoured Markdown: verdict, Perspective, findings ranked by
 * revenue at stake (with the formula, the Path and a 30/60/90 Process table), who owns what, CRO
 * readiness, trends, the scorecard, changes since the baseline, what could not be checked and the
 * data-quality appendix.
 *
 * Format, never compute. Every text that may come from the input (company, owners, channels,
 * accounts, deal names inside evidence, file paths, warnings) goes through `escapeMarkdown`, so it
 * cannot break a table, open a link or inject HTML.
 */
import type { AuditReport, Finding, MetricUnit } from '../audit/contract.js';
import { formatInt, formatValue } from '../base/format.js';
import {
  KEY_METRICS,
  STATUS_LABELS,
  SEVERITY_LABELS,
  TREND_SERIES,
  areaTitle,
  asOfSourceLabel,
  benchmarkLabel,
  formatDelta,
  formatScoreDelta,
  impactLabel,
  functionMoneyLabel,
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
import { DIMENSION_LABELS, SMALL_GROUP_NOTE } from './breakdowns.js';
import { CITATION_KEY, benchmarkSource, sourceAnchor, sourceLine } from './sources.js';
import { fourVMarkdown, subscriptionsMarkdown } from './revenue-lens.js';
import { readinessExtras, renderCroReadMarkdown } from './cro-read.js';
import { safeText } from './text.js';
import { sanitizeOutput } from './sanitize.js';
import { ITEM_LIST_TITLES, changedItemLists, itemLabel, leftLabel, listChangeCounts, truncationNote, view, type Render } from './view.js';

/** Months in the monthly trend table. */
const TABLE_MONTHS = 12;
/** Months in a sparkline. */
const SPARK_MONTHS = 36;

/**
 * Escapes text for Markdown (GitHub flavour), in running text and in table cells:
 * - control characters and ANSI sequences are removed, newlines become spaces;
 * - `<` and `>` become entities (no HTML, no `>` quote), and so does an `&` that would start one;
 * - `\` `` ` `` `*` `_` `~` `[` `]` `|` `$` `@` are backslash-escaped (no code, emphasis, links,
 *   table breaks, math or e-mail autolinks), and so are the `:` of `scheme://` and the `.` of
 *   `www.` (no URL autolinks);
 * - a leading `#` or `=`, and a leading `-`, `+` or `1.`/`1)` followed by a space, are escaped so
 *   the text cannot start a heading or a list item.
 */
export function escapeMarkdown(s: string): string {
  let t = safeText(s);
  t = t.replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  t = t.replace(/[\\`*_~[\]|$@]/g, (c) => `\\${c}`);
  t = t.replace(/([A-Za-z][A-Za-z0-9+.-]*):(?=\/\/)/g, '$1\\:');
  t = t.replace(/\b(www)\./gi, '$1\\.');
  t = t.replace(/^(\s*)([#=])/, '$1\\$2');
  t = t.replace(/^(\s*)([+-])(?=\s|$)/, '$1\\$2');
  t = t.replace(/^(\s*)(\d+)([.)])(?=\s|$)/, '$1$2\\$3');
  return t;
}

const e = escapeMarkdown;

function table(head: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('l' | 'r')[]): string[] {
  const sep = head.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  return [`| ${head.join(' | ')} |`, `| ${sep.join(' | ')} |`, ...rows.map((r) => `| ${r.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`)];
}

function v(r: AuditReport, value: number | null, unit: MetricUnit): string {
  return e(formatValue(value, unit, r.company.currency));
}

function header(r: AuditReport): string[] {
  const o = r.grades.overall;
  const out = [
    `# Revenue health audit: ${e(r.company.name)}`,
    '',
    `**As of** ${e(r.asOf)} (${asOfSourceLabel(r.asOfSource)}) · **Window** ${e(windowLabel(r.window))} · **Segment** ${e(r.company.segment)} · **Currency** ${e(r.company.currency)}`,
    '',
  ];
  const grade = o.grade === null ? 'n/a' : o.grade;
  const score = o.score === null ? '' : ` (${o.score.toFixed(1)} / 100)`;
  out.push(`> **Overall grade: ${grade}**${score}${o.provisional ? ' · provisional' : ''} · ${Math.round(o.coverage * 100)}% of the rule weight could be scored`);
  if (o.grade === null && o.note) out.push('>', `> ${e(o.note.charAt(0).toUpperCase() + o.note.slice(1))}`);
  for (const a of r.grades.areas) if (a.grade === null && a.note && a.totalRules > 0) out.push('>', `> ${e(a.title)}: ${e(a.note)}`);
  const c = r.comparison?.overall;
  if (c && r.comparison) {
    const was = `${c.before.grade ?? 'n/a'}${c.before.score === null ? '' : ` (${c.before.score.toFixed(1)})`}`;
    out.push('>');
    out.push(`> ${c.regressed ? '**▼ Regressed:** ' : ''}was ${was} on ${e(r.comparison.baseline.asOf)}, change ${formatScoreDelta(c.delta)}`);
  }
  out.push('');
  out.push(`${view(r).rowsLine} (see the data-quality appendix).`);
  return out;
}

function keyFigures(r: AuditReport): string[] {
  const rows: string[][] = [];
  for (const id of KEY_METRICS) {
    const m = metricById(r, id);
    if (!m) continue;
    const rule = r.rules.find((x) => x.metric === id);
    rows.push([
      e(m.title),
      v(r, m.value, m.unit),
      rule ? e(benchmarkLabel(rule.direction, rule.thresholds, rule.unit, r.company.currency)) : '',
      rule ? STATUS_LABELS[rule.status] : '',
    ]);
  }
  if (rows.length === 0) return [];
  return ['', '## Key figures', '', ...table(['Metric', 'Value', `Benchmark (${e(r.company.segment)})`, 'Status'], rows, ['l', 'r', 'l', 'l'])];
}

function perspective(r: AuditReport): string[] {
  const d = r.diagnosis;
  if (!d) return [];
  const p = d.perspective;
  const out = ['', '## Perspective', '', e(p.summary), ''];
  const arr = p.arr === null ? '' : ` (${v(r, p.arr, 'currency')}${p.arrSource ? ` from ${e(p.arrSource)}` : ''})`;
  out.push(`- **Stage:** ${e(p.arrBand)}${arr}, ${e(p.stage)}`);
  if (p.growthSources.length > 0) out.push('- **Growth comes from:**', ...p.growthSources.map((g) => `  - ${e(g)}`));
  if (p.strongestArea) out.push(`- **Strongest area:** ${e(areaTitle(r, p.strongestArea))}`);
  if (p.weakestArea) out.push(`- **Weakest area:** ${e(areaTitle(r, p.weakestArea))}`);
  if (p.bindingConstraint) {
    out.push(`- **Binding constraint:** ${e(view(r).bindingConstraint ?? '')}`);
  }
  return out;
}

function grades(r: AuditReport): string[] {
  const cmp = r.comparison;
  const head = ['Area', 'Grade', 'Score', 'Coverage'];
  const align: ('l' | 'r')[] = ['l', 'l', 'r', 'r'];
  if (cmp) {
    head.push(`Change since ${e(cmp.baseline.asOf)}`);
    align.push('l');
  }
  const rows = r.grades.areas.map((a) => {
    const row = [
      e(a.title),
      `**${a.grade ?? 'n/a'}**${a.provisional ? ' (provisional)' : ''}`,
      a.score === null ? 'n/a' : a.score.toFixed(1),
      `${Math.round(a.coverage * 100)}% (${a.scoredRules}/${a.totalRules} rules)`,
    ];
    if (cmp) {
      const c = cmp.areas.find((x) => x.id === a.area);
      if (!c) row.push('');
      else {
        const move = c.before.grade !== c.after.grade ? `, was ${c.before.grade ?? 'n/a'}` : '';
        row.push(`${c.regressed ? '**▼ regressed** ' : ''}${formatScoreDelta(c.delta)}${move}`);
      }
    }
    return row;
  });
  return ['', '## Grades by area', '', ...table(head, rows, align), '', 'Grades: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, F below. Coverage is the share of the rule weight that had data.'];
}

function finding(r: AuditReport, f: Finding, rank: number): string[] {
  const out = ['', `### ${rank}. ${e(f.title)} — ${e(impactLabel(f.impact, r.company.currency))}`, ''];
  out.push(`**${SEVERITY_LABELS[f.severity]}** · Owner${f.owners.length > 1 ? 's' : ''}: ${f.owners.map(e).join(', ')}`);
  out.push('');
  out.push('**Evidence**');
  out.push('');
  for (const ev of f.evidence) out.push(`- ${e(ev)}`);
  out.push('');
  out.push(`**Money a year:** ${e(impactLabel(f.impact, r.company.currency))}. Formula: ${e(f.impact.formula)}`);
  out.push('');
  out.push(`**Path.** ${e(f.path)}`);
  if (f.process.length > 0) {
    out.push('');
    out.push('**Process**');
    out.push('');
    out.push(...table(['By', 'Step', 'Owner', 'KPI and target'], f.process.map((s) => [`${s.by} days`, e(s.step), e(s.owner), e(s.kpi)])));
  }
  return out;
}

function diagnosis(r: AuditReport): string[] {
  const d = r.diagnosis;
  if (!d) return ['', '## Findings', '', '_The diagnosis is not available in this report._'];
  const out = ['', '## Findings: losses first, then risks, then upsides'];
  if (d.findings.length === 0) out.push('', 'No pattern fired on this data.');
  d.findings.forEach((f, i) => out.push(...finding(r, f, i + 1)));

  if (d.byFunction.length > 0) {
    out.push('', '## Who owns what', '');
    const rows = d.byFunction.map((g) => {
      const titles = g.findings
        .map((id) => {
          const found = view(r).findings.get(id);
          return found === undefined ? e(id) : `${found.rank}. ${e(found.finding.title)}`;
        })
        .join('<br>');
      return [
        `**${e(g.owner)}**`,
        titles || '—',
        g.failingRules.length ? g.failingRules.map((id) => e(metricTitle(r, r.rules.find((x) => x.id === id)?.metric ?? id))).join(', ') : '—',
        e(functionMoneyLabel(g, r.company.currency)),
      ];
    });
    out.push(...table(['Function', 'Findings', 'Failing rules', 'Money a year (by kind)'], rows, ['l', 'l', 'l', 'r']));
    out.push('', 'A finding with several owners counts in full for each of them; losses, risks and upsides are never added together, and findings on the same money base count once (the largest).');
  }

  out.push('', '## CRO readiness', '', `**Verdict: ${e(d.croReadiness.verdict)}**`, '');
  for (const reason of d.croReadiness.reasons) out.push(`- ${e(reason)}`);
  const rx = readinessExtras(r);
  if (rx.fixFirst.length > 0) out.push('', '**What the role would fix first:**', '', ...rx.fixFirst.map((x, i) => `${i + 1}. ${e(x)}`));
  if (rx.notFired.length > 0) out.push('', '_Checked, not fired:_', '', ...rx.notFired.map((x) => `- ${e(x)}`));
  if ((d.dataWeNeed ?? []).length > 0) {
    out.push('', '## Data we need', '', 'What would sharpen this audit, and what each piece would unlock:', '');
    for (const n of d.dataWeNeed ?? []) out.push(`- **${e(n.data)}**: ${e(n.why)}. Unlocks ${e(n.unlocks)}.`);
  }

  if (d.watch.length > 0) {
    out.push('', '## Close to the line', '', 'Patterns that did not fire but are near their threshold:', '');
    for (const w of d.watch) out.push(`- **${e(w.title)}:** ${e(w.note)}`);
  }
  return out;
}

function trends(r: AuditReport): string[] {
  const series = TREND_SERIES.filter((s) => (r.series[s.id]?.length ?? 0) > 0);
  if (series.length === 0) return [];
  const out = ['', '## Trends', ''];
  const sparkRows = series.map((s) => {
    const pts = lastMonths(r.series[s.id], SPARK_MONTHS);
    const lv = lastValue(pts);
    const span = pts.length > 0 ? `${monthLabel((pts[0] as { month: string }).month)} – ${monthLabel((pts[pts.length - 1] as { month: string }).month)}` : '';
    return [e(s.title), `${sparkline(pts.map((p) => p.value))}`, span, lv === null ? 'n/a' : `${v(r, lv.value, s.unit)} (${monthLabel(lv.month)})`];
  });
  out.push(...table(['Series', 'Monthly trend', 'Months', 'Latest'], sparkRows, ['l', 'l', 'l', 'r']));
  out.push('', '▁ lowest to █ highest month shown; · a month without closed deals.', '');
  const months = lastMonths(r.series[series[0]?.id ?? ''], TABLE_MONTHS).map((p) => p.month);
  const rows = months.map((mo) => [
    monthLabel(mo),
    ...series.map((s) => {
      const p = r.series[s.id]?.find((x) => x.month === mo);
      return p ? v(r, p.value, s.unit) : 'n/a';
    }),
  ]);
  out.push(`Last ${months.length} months:`, '');
  out.push(...table(['Month', ...series.map((s) => e(s.title))], rows, ['l', ...series.map(() => 'r' as const)]));
  return out;
}

function scorecard(r: AuditReport): string[] {
  const out = ['', '## Scorecard', '', `Each metric against the benchmark for the **${e(r.company.segment)}** segment (sources in appendix B).`];
  for (const { grade: area, rules, context: others, unjudged: na } of view(r).scorecard) {
    out.push('', `### ${e(area.title)}: ${area.grade ?? 'n/a'}${area.score === null ? '' : ` (${area.score.toFixed(1)})`}`, '');
    const rows = rules.map((x) => [
      e(metricTitle(r, x.metric)),
      v(r, x.value, x.unit),
      e(benchmarkLabel(x.direction, x.thresholds, x.unit, r.company.currency)),
      x.score === null ? '' : x.score.toFixed(0),
      x.status === 'fail' ? '**Fail**' : STATUS_LABELS[x.status],
    ]);
    for (const m of others) rows.push([`${e(m.title)} _(context)_`, v(r, m.value, m.unit), '', '', '']);
    out.push(...table(['Metric', 'Value', 'Benchmark', 'Score', 'Status'], rows, ['l', 'r', 'l', 'r', 'l']));
    if (na.length > 0) {
      out.push('');
      for (const x of na) out.push(`- ${e(metricTitle(r, x.metric))}: ${x.status === 'check' ? '' : 'n/a, '}${e(x.reason ?? '')}`);
    }
    const method = [...rules.map((x) => x.metric), ...others.map((m) => m.id)]
      .map((id) => ({ id, labels: methodologyLabels(metricById(r, id)) }))
      .filter((x) => x.labels.length > 0);
    if (method.length > 0) {
      out.push('');
      for (const x of method) out.push(`- _Method_, ${e(metricTitle(r, x.id))}: ${x.labels.map(e).join('; ')}`);
    }
  }
  return out;
}

function comparison(r: AuditReport): string[] {
  const c = r.comparison;
  if (!c) return [];
  const out = ['', `## Changes since ${e(c.baseline.asOf)}`, ''];
  if (!c.changed) return [...out, 'Nothing changed since the baseline.'];
  if (c.regressions.length > 0) {
    out.push(`**${c.regressions.length} regression${c.regressions.length === 1 ? '' : 's'}:**`, '');
    for (const g of c.regressions) out.push(`- ▼ ${e(g)}`);
    out.push('');
  }
  const changed = c.metrics.filter((m) => (m.delta !== null && Math.abs(m.delta) > 1e-9) || m.statusBefore !== m.statusAfter || (m.before === null) !== (m.after === null));
  if (changed.length > 0) {
    const rows = changed.map((m) => {
      const unit = m.unit as MetricUnit;
      const label = (x: typeof m.statusAfter): string => (x === null ? '—' : STATUS_LABELS[x]);
      const status = m.statusBefore !== m.statusAfter ? `${label(m.statusBefore)} → ${label(m.statusAfter)}` : m.statusAfter === null ? '' : label(m.statusAfter);
      const trend = metricRegressed(m) ? '**▼ regressed**' : (m.trend ?? '');
      return [e(metricTitle(r, m.id)), v(r, m.before, unit), v(r, m.after, unit), e(formatDelta(m.delta, unit, r.company.currency)), e(status), trend];
    });
    out.push(...table(['Metric', 'Before', 'Now', 'Change', 'Status', 'Trend'], rows, ['l', 'r', 'r', 'r', 'l', 'l']));
    const same = c.metrics.length - changed.length;
    if (same > 0) out.push('', `${same} other metric${same === 1 ? '' : 's'} unchanged.`);
  }
  if (c.findings.appeared.length > 0) out.push('', `**New findings:** ${c.findings.appeared.map(e).join(', ')}`);
  if (c.findings.resolved.length > 0) out.push('', `**Resolved findings:** ${c.findings.resolved.map(e).join(', ')}`);
  if (c.methodologyChanges && c.methodologyChanges.length > 0) {
    out.push('', `**Methodology changed:** ${c.methodologyChanges.map(e).join('; ')} (values may move for that reason alone)`);
  }
  out.push(...itemChanges(r));
  return out;
}

/** Record lists matched by id against the baseline: what appeared, what was resolved. */
export function itemChanges(r: AuditReport, shown = 20): string[] {
  const items = r.comparison?.items;
  if (!items) return [];
  const out: string[] = [];
  for (const { list, ch } of changedItemLists(items)) {
    out.push('', `**${ITEM_LIST_TITLES[list]}:** ${listChangeCounts(ch)}`, '');
    for (const it of ch.appeared.slice(0, shown)) out.push(`- ➕ new: ${e(itemLabel(list, it))}`);
    if (ch.appeared.length > shown) out.push(`- … ${ch.appeared.length - shown} more new`);
    ch.resolved.slice(0, shown).forEach((it, i) => {
      const l = leftLabel(ch, i);
      out.push(`- ${l.resolved ? '✅' : '↪'} ${l.text}: ${e(itemLabel(list, it))}`);
    });
    if (ch.resolved.length > shown) out.push(`- … ${ch.resolved.length - shown} more resolved`);
    const cut = truncationNote(ch);
    if (cut !== null) out.push(`- ⚠️ ${e(cut)}`);
  }
  return out;
}

/** Where each ratchet floor stands. */
export function ratchetSection(r: AuditReport): string[] {
  const rt = r.ratchet;
  if (!rt) return [];
  const out = ['', `## Ratchet`, '', `Floors from \`${e(rt.file)}\`, set ${e(rt.asOf)}.`, ''];
  if (rt.hints.length === 0) out.push('No floors: every rule passed or watched when the ratchet was written.');
  for (const h of rt.hints) out.push(`- ${h.status === 'below_floor' ? '▼ ' : h.status === 'tighten' || h.status === 'benchmark_met' ? '↑ ' : ''}${e(h.message)}`);
  if (rt.hints.some((h) => h.status === 'tighten' || h.status === 'benchmark_met')) out.push('', 'Apply: `revhealth rules --suggest-tighten --write`.');
  return out;
}

function notChecked(r: AuditReport): string[] {
  const patterns = r.diagnosis?.notChecked ?? [];
  const na = view(r).notApplicable;
  if (patterns.length === 0 && na.length === 0) return [];
  const rows = [
    ...patterns.map((p) => [`${e(p.title)} (pattern)`, e(p.needs)]),
    ...na.map((x) => [`${e(metricTitle(r, x.metric))} (metric)`, e(x.reason ?? 'no value')]),
  ];
  return ['', '## What we could not check', '', 'These checks need data the inputs did not have:', '', ...table(['Check', 'What would unlock it'], rows)];
}

function dataQuality(r: AuditReport): string[] {
  const out = ['', '## Appendix A: data quality', ''];
  out.push(`${view(r).rowsLine}.`, '');
  out.push(
    ...table(
      ['File', 'Path', 'Format detected', 'Rows read', 'Used', 'Rejected', 'Dates in the data'],
      r.inputs.map((f) => [
        e(f.kind),
        e(f.path),
        e(presetLabel(f.kind, f.preset)),
        formatInt(f.rows.read),
        formatInt(f.rows.used),
        formatInt(f.rows.rejected),
        f.dateRange ? `${e(f.dateRange.min)} – ${e(f.dateRange.max)}` : 'none',
      ]),
      ['l', 'l', 'l', 'r', 'r', 'r', 'l'],
    ),
  );
  const rejects = r.inputs.flatMap((f) => Object.entries(f.rejectedByReason).map(([code, n]) => [e(f.kind), e(rejectLabel(code)), e(code), formatInt(n)]));
  out.push('', '### Rejected rows by reason', '');
  if (rejects.length === 0) out.push('None.');
  else {
    out.push(...table(['File', 'Reason', 'Code', 'Rows'], rejects, ['l', 'l', 'l', 'r']));
    out.push('', 'Every rejected row, with its line and value: `revhealth audit --rejects FILE`.');
  }
  const warnings = r.inputs.flatMap((f) => f.warnings.map((w) => `- **${e(f.kind)}:** ${e(w)}`));
  out.push('', '### Warnings', '');
  out.push(...(warnings.length === 0 ? ['None.'] : warnings));
  return out;
}

/** The --by breakdowns, one table per dimension; nothing without --by. */
function breakdowns(r: AuditReport): string[] {
  const out: string[] = [];
  for (const t of view(r).breakdowns) {
    const dim = DIMENSION_LABELS[t.dimension] ?? t.dimension;
    out.push('', `## Breakdown by ${e(dim.toLowerCase())}`, '');
    out.push(
      ...table(
        [e(dim), ...t.columns.map(e), 'Closed deals'],
        t.rows.map((x) => [`${e(x.group)}${x.isSmall ? ' \\*' : ''}`, ...x.values.map(e), e(x.closed)]),
        ['l', ...t.columns.map(() => 'r' as const), 'r'],
      ),
    );
    if (t.anySmall) out.push('', `\\* ${e(SMALL_GROUP_NOTE)}.`);
  }
  return out;
}

/** An escaped text with each citation key (`\\[S45\\]`, `\\[S6, S12\\]`) linked to its Sources entry. */
function linkCitations(escaped: string): string {
  return escaped.replace(/\\\[(S\d+'*(?:,\s*S\d+'*)*)\\\]/g, (_m, keys: string) =>
    `\\[${keys.replace(CITATION_KEY, (k) => (benchmarkSource(k) === undefined ? k : `[${k}](#${sourceAnchor(k)})`))}\\]`,
  );
}

function sources(r: AuditReport): string[] {
  const rules = view(r).citedRules;
  if (rules.length === 0) return [];
  const out = ['', '## Appendix B: benchmark sources', ''];
  for (const x of rules) out.push(`- **${e(metricTitle(r, x.metric))}** (${e(x.segmentUsed === 'default' ? 'all segments' : x.segmentUsed)}): ${linkCitations(e(x.source))}`);
  return out;
}

/** Every publication a printed benchmark cites, with title, publisher, year and URL. */
function sourceList(r: AuditReport): string[] {
  const keys = view(r).sourceKeys;
  if (keys.length === 0) return [];
  const out = ['', '## Sources', ''];
  for (const k of keys) {
    const s = benchmarkSource(k);
    out.push(s === undefined ? `- ${e(`[${k}]`)} not in the source list.` : `- <a id="${sourceAnchor(k)}"></a>${e(`[${k}]`)} ${e(sourceLine({ ...s, url: undefined }))}${s.url === undefined ? '' : ` ${s.url}`}`);
  }
  return out;
}

/** The full report as Markdown. Deterministic: the same report gives the same bytes. */
export function renderMarkdown(r: AuditReport): string {
  const lines = [
    ...header(r),
    ...keyFigures(r),
    ...perspective(r),
    ...renderCroReadMarkdown(r, e),
    ...grades(r),
    ...fourVMarkdown(r, e),
    ...diagnosis(r),
    ...trends(r),
    ...subscriptionsMarkdown(r, e),
    ...scorecard(r),
    ...breakdowns(r),
    ...comparison(r),
    ...ratchetSection(r),
    ...notChecked(r),
    ...dataQuality(r),
    ...sources(r),
    ...sourceList(r),
    '',
    '---',
    '',
    `_Generated by revhealth ${e(r.tool.version)} (report schema ${e(r.schemaVersion)}) for the audit as of ${e(r.asOf)}._`,
  ];
  return sanitizeOutput(`${lines.join('\n')}\n`);
}

/** The registry's entry point (src/report/registry.ts). */
export const render: Render = (r) => renderMarkdown(r);
