/**
 * `--summary FILE`: a short Markdown summary for `$GITHUB_STEP_SUMMARY` or a pull-request comment:
 * the grade, the area grades, what changed since the baseline (grades, regressions, records that
 * appeared or were resolved), the top findings, the failing rules, the ratchet hints and the
 * methodology in use. Kept to a screen or two; the full report is the JSON / Markdown report.
 *
 * Format, never compute: every value comes from the AuditReport.
 */
import type { AuditReport } from '../audit/contract.js';
import { formatInt, formatValue } from '../base/format.js';
import { formatScoreDelta, impactLabel, metricTitle } from './labels.js';
import { escapeMarkdown as e } from './markdown.js';
import { sanitizeOutput } from './sanitize.js';
import { ITEM_LIST_TITLES, changedItemLists, itemLabel, listChangeCounts, truncationNote, view, type Render } from './view.js';

/** Findings and failing rules listed at most. */
const TOP = 5;
/** Records listed per list and direction. */
const RECORDS = 5;

function grade(g: string | null, score: number | null): string {
  return g === null ? 'n/a' : `${g}${score === null ? '' : ` (${score.toFixed(1)})`}`;
}

export function renderSummary(r: AuditReport): string {
  const o = r.grades.overall;
  const out: string[] = [];
  out.push(`## revhealth: ${e(r.company.name)}: grade ${grade(o.grade, o.score)}${o.provisional ? ' · provisional' : ''}`);
  if (o.grade === null && o.note) out.push('', e(o.note.charAt(0).toUpperCase() + o.note.slice(1)));
  out.push('');
  out.push(
    `As of ${e(r.asOf)} · segment ${e(r.company.segment)} · ${formatInt(r.rows.read)} rows read, ${formatInt(r.rows.rejected)} rejected · ${Math.round(o.coverage * 100)}% of the rule weight scored`,
  );
  const c = r.comparison;
  out.push('');
  const head = ['Area', 'Grade', ...(c ? [`Since ${e(c.baseline.asOf)}`] : [])];
  out.push(`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`);
  for (const a of r.grades.areas) {
    const row = [e(a.title), `${grade(a.grade, a.score)}${a.provisional ? ' (provisional)' : ''}`];
    if (c) {
      const ch = c.areas.find((x) => x.id === a.area);
      row.push(ch ? `${ch.regressed ? '▼ ' : ''}${formatScoreDelta(ch.delta)}${ch.before.grade !== ch.after.grade ? ` (was ${ch.before.grade ?? 'n/a'})` : ''}` : '');
    }
    out.push(`| ${row.join(' | ')} |`);
  }

  if (c) {
    out.push('', `### Changes since ${e(c.baseline.asOf)}`, '');
    const oc = c.overall;
    out.push(`- Overall: ${grade(oc.before.grade, oc.before.score)} → ${grade(oc.after.grade, oc.after.score)} (${formatScoreDelta(oc.delta)})${oc.regressed ? ' **▼ regressed**' : ''}`);
    for (const g of c.regressions) out.push(`- ▼ ${e(g)}`);
    if (c.methodologyChanges && c.methodologyChanges.length > 0) out.push(`- ⚠️ methodology changed: ${c.methodologyChanges.map(e).join('; ')}`);
    if (c.items) {
      for (const { list, ch } of changedItemLists(c.items)) {
        out.push(`- **${ITEM_LIST_TITLES[list]}:** ${listChangeCounts(ch)}`);
        for (const it of ch.appeared.slice(0, RECORDS)) out.push(`  - ➕ ${e(itemLabel(list, it))}`);
        if (ch.appeared.length > RECORDS) out.push(`  - … ${ch.appeared.length - RECORDS} more new`);
        for (const it of ch.resolved.slice(0, RECORDS)) out.push(`  - ✅ ${e(itemLabel(list, it))}`);
        if (ch.resolved.length > RECORDS) out.push(`  - … ${ch.resolved.length - RECORDS} more resolved`);
        const cut = truncationNote(ch);
        if (cut !== null) out.push(`  - ⚠️ ${e(cut)}`);
      }
    }
    if (!c.changed) out.push('- Nothing changed.');
  }

  const findings = r.diagnosis?.findings ?? [];
  if (findings.length > 0) {
    out.push('', '### Top findings', '');
    findings.slice(0, TOP).forEach((f, i) => out.push(`${i + 1}. **${e(f.title)}**: ${e(impactLabel(f.impact, r.company.currency))} (${f.owners.map(e).join(', ')})`));
  }

  const failing = view(r).failing;
  if (failing.length > 0) {
    out.push('', '### Failing rules', '');
    for (const x of failing.slice(0, TOP)) out.push(`- \`${x.id}\` ${e(metricTitle(r, x.metric))}: ${e(formatValue(x.value, x.unit, r.company.currency))} (${x.severity})`);
    if (failing.length > TOP) out.push(`- … ${failing.length - TOP} more`);
  }

  const hints = (r.ratchet?.hints ?? []).filter((h) => h.status === 'tighten' || h.status === 'benchmark_met' || h.status === 'below_floor');
  if (hints.length > 0) {
    out.push('', '### Ratchet', '');
    for (const h of hints) out.push(`- ${h.status === 'below_floor' ? '▼' : '↑'} ${e(h.message)}`);
  }

  const m = r.methodology;
  if (m) {
    const nonDefault = r.metrics.flatMap((x) => x.notes.filter((n) => n.startsWith('methodology.') && !/ \(default\): /.test(n)).map((n) => n.replace(/: .*$/s, '')));
    const unique = [...new Set(nonDefault)];
    out.push('', `_Methodology: ${unique.length === 0 ? 'revhealth defaults' : unique.map(e).join('; ')}._`);
  }
  return sanitizeOutput(`${out.join('\n')}\n`);
}

/** The registry's entry point (src/report/registry.ts). */
export const render: Render = (r) => renderSummary(r);
