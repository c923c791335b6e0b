/**
 * The client deliverable as one self-contained HTML file: no scripts, no network (a CSP meta tag
 * forbids everything but inline styles and data: images), system fonts, print-friendly, with
 * inline SVG charts (charts.ts).
 *
 * Format, never compute: numbers come from the AuditReport; the chart inputs are picked out of
 * metric values, their details and the monthly series. Every text that may come from the input
 * (company, channels, owners, accounts, deal names inside evidence, paths, warnings) goes
 * through `escapeHtml`, including inside SVG.
 */
import { DIMENSION_LABELS, SMALL_GROUP_NOTE } from './breakdowns.js';
import { benchmarkSource, sourceAnchor, sourceLine } from './sources.js';
import type { AuditReport, Finding, MetricResult, MetricUnit, RuleResult } from '../audit/contract.js';
import {
  PALETTE,
  areaScoresChart,
  channelSpendCacChart,
  escapeHtml,
  gradeColor,
  monthlyBarsLineChart,
  percentAxis,
  retentionWaterfallChart,
  trendPanelsChart,
  type ChannelRow,
} from './charts.js';
import { formatInt, formatValue } from '../base/format.js';
import { channelCacRows } from '../base/details.js';
import {
  KEY_METRICS,
  STATUS_LABELS,
  SEVERITY_LABELS,
  areaTitle,
  asOfSourceLabel,
  benchmarkLabel,
  formatDelta,
  formatScoreDelta,
  impactLabel,
  functionMoneyLabel,
  lastMonths,
  metricById,
  methodologyLabels,
  metricRegressed,
  metricTitle,
  presetLabel,
  rejectLabel,
  windowLabel,
} from './labels.js';
import { fourVHtml, subscriptionsHtml } from './revenue-lens.js';
import { readinessExtras, renderCroReadHtml } from './cro-read.js';
import { safeText } from './text.js';
import { sanitizeOutput } from './sanitize.js';
import { ITEM_LIST_TITLES, changedItemLists, itemLabel, leftLabel, listChangeCounts, truncationNote, view, type Render } from './view.js';

export { escapeHtml };

/** Months shown in the monthly charts. */
const CHART_MONTHS = 36;

export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** Escaped text with control characters and ANSI sequences removed. */
function h(s: string): string {
  return escapeHtml(safeText(s));
}

function val(r: AuditReport, value: number | null, unit: MetricUnit): string {
  return h(formatValue(value, unit, r.company.currency));
}

function statusPill(status: RuleResult['status']): string {
  return `<span class="pill status-${status === 'n/a' ? 'na' : status}">${h(STATUS_LABELS[status])}</span>`;
}

function gradeBadge(grade: string | null, cls = 'grade'): string {
  const g = grade ?? 'n/a';
  return `<span class="${cls} grade-${grade === null ? 'na' : g}" style="--grade:${gradeColor(grade)}">${h(g)}</span>`;
}

function naNote(reason: string): string {
  return `<p class="chart-na">n/a: ${h(reason)}</p>`;
}

const CSS = `
:root{--ink:${PALETTE.ink};--muted:${PALETTE.muted};--grid:${PALETTE.grid};--band:${PALETTE.band};--navy:${PALETTE.navy};--teal:${PALETTE.teal};--red:${PALETTE.red};--amber:${PALETTE.amber};--green:${PALETTE.green};--orange:${PALETTE.orange}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#f5f6f8;color:var(--ink);font:15px/1.55 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.report{max-width:980px;margin:0 auto;background:#fff;padding:0 48px 40px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.report{overflow-wrap:break-word}
svg,img{max-width:100%}
.kpis>*,.charts>*,.cover>*{min-width:0}
.cover{display:flex;justify-content:space-between;align-items:flex-start;gap:32px;padding:40px 0 28px;border-bottom:3px solid var(--navy)}
.eyebrow{text-transform:uppercase;letter-spacing:.12em;font-size:12px;font-weight:600;color:var(--teal);margin:0 0 6px}
h1{font-size:32px;line-height:1.2;margin:0 0 10px;color:var(--navy);overflow-wrap:anywhere}
.meta{margin:0;color:var(--muted);font-size:14px}
.meta b{color:var(--ink);font-weight:600}
.overall{text-align:center;min-width:170px}
.overall .grade-big{display:block;width:112px;height:112px;margin:0 auto 8px;border-radius:50%;border:6px solid var(--grade);color:var(--grade);font-size:60px;font-weight:700;line-height:100px}
.overall .score{font-size:15px;font-weight:600}
.overall .cov{font-size:12px;color:var(--muted)}
.regressed{color:var(--red);font-weight:600}
.change{font-size:12px;color:var(--muted);margin-top:6px}
.change.regressed{color:var(--red)}
section{padding:26px 0 6px}
h2{font-size:21px;color:var(--navy);margin:0 0 14px;padding-bottom:6px;border-bottom:1px solid var(--grid)}
h3{font-size:16px;margin:18px 0 8px}
p{margin:0 0 10px}
.lead{font-size:17px;line-height:1.6}
.facts{display:grid;grid-template-columns:160px 1fr;gap:4px 16px;margin:14px 0 0;font-size:14px}
.facts dt{color:var(--muted)}
.facts dd{margin:0}
.kpis{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin-top:18px}
.kpi{border:1px solid var(--grid);border-radius:8px;padding:12px 14px;border-top:4px solid var(--muted)}
.kpi.status-pass{border-top-color:var(--green)}.kpi.status-warn{border-top-color:var(--amber)}.kpi.status-fail{border-top-color:var(--red)}
.kpi .label{font-size:12px;color:var(--muted);line-height:1.3;min-height:2.6em}
.kpi .value{font-size:22px;font-weight:700;margin:2px 0}
.kpi .bench{font-size:11px;color:var(--muted)}
.table-wrap{max-width:100%;overflow-x:auto;-webkit-overflow-scrolling:touch;margin:6px 0 12px}
.table-wrap>table{margin:0}
table{width:100%;border-collapse:collapse;font-size:13.5px;margin:6px 0 12px}
th{text-align:left;font-weight:600;color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em;border-bottom:2px solid var(--grid);padding:6px 8px}
td{border-bottom:1px solid var(--grid);padding:6px 8px;vertical-align:top;overflow-wrap:break-word}
td.num,th.num{text-align:right;white-space:nowrap}
tr.context td{color:var(--muted)}
.pill{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;white-space:nowrap}
.status-pass .pill,.pill.status-pass{background:#dcfce7;color:#166534}
.pill.status-warn{background:#fef3c7;color:#92400e}
.pill.status-fail{background:#fee2e2;color:#991b1b}
.pill.status-na{background:#f3f4f6;color:var(--muted)}
.pill.status-check{background:#ede9fe;color:#5b21b6}
.pill.sev-critical{background:var(--red);color:#fff}
.pill.sev-warning{background:#fef3c7;color:#92400e}
.pill.sev-info{background:#e0f2fe;color:#075985}
.grade{display:inline-block;min-width:28px;text-align:center;font-weight:700;color:#fff;background:var(--grade);border-radius:5px;padding:0 6px}
.finding{border:1px solid var(--grid);border-left:5px solid var(--muted);border-radius:8px;padding:16px 20px;margin:0 0 16px;break-inside:avoid}
.finding.sev-critical{border-left-color:var(--red)}.finding.sev-warning{border-left-color:var(--amber)}.finding.sev-info{border-left-color:#0284c7}
.finding header{display:flex;justify-content:space-between;gap:16px;align-items:baseline}
.finding h3{margin:0;font-size:17px}
.rank{display:inline-block;width:26px;height:26px;border-radius:50%;background:var(--navy);color:#fff;text-align:center;font-size:13px;line-height:26px;margin-right:8px;vertical-align:2px}
.impact{font-size:20px;font-weight:700;color:var(--navy);white-space:nowrap}
.impact.none{font-size:14px;font-weight:500;color:var(--muted)}
.owners{margin:6px 0 10px;font-size:13px;color:var(--muted)}
.finding ul{margin:0 0 10px;padding-left:20px}
.formula{background:var(--band);border-radius:6px;padding:8px 12px;font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;margin:0 0 10px;overflow-wrap:anywhere}
.label{font-weight:600}
.process td:first-child{white-space:nowrap;font-weight:600;color:var(--navy)}
.process td:nth-child(3){white-space:nowrap}
.callout{background:#f0f9ff;border:1px solid #bae6fd;border-radius:8px;padding:16px 20px}
.callout .verdict{font-size:19px;font-weight:700;color:var(--navy);margin-bottom:6px}
.charts{display:grid;grid-template-columns:1fr;gap:18px}
figure{margin:0;border:1px solid var(--grid);border-radius:8px;padding:14px 16px 8px;break-inside:avoid}
figcaption{font-weight:600;margin-bottom:6px}
figcaption small{display:block;font-weight:400;color:var(--muted);font-size:12px}
svg.chart{display:block;width:100%;max-width:100%;height:auto;font-family:inherit}
.chart-na{color:var(--muted);font-style:italic;background:var(--band);border-radius:6px;padding:12px 14px;margin:6px 0}
.muted{color:var(--muted)}
.small{font-size:12.5px}
.sources li{margin-bottom:6px}
ul.regressions{list-style:none;padding-left:0}
footer{margin-top:28px;padding-top:12px;border-top:1px solid var(--grid);color:var(--muted);font-size:12px}
@media screen and (max-width:760px){.report{padding:0 18px 30px}.cover{flex-direction:column}.kpis{grid-template-columns:repeat(2,1fr)}}
@media screen and (max-width:480px){.report{padding:0 12px 24px}h1{font-size:24px}.facts{grid-template-columns:1fr}.finding{padding:12px 14px}.finding header{flex-wrap:wrap}.impact{white-space:normal}.overall{min-width:0}}
@media print{
@page{size:A4;margin:14mm 12mm}
body{background:#fff;font-size:10.5pt}
h1{font-size:24pt}
.cover{padding-top:0}
.kpi .value{font-size:16pt}
.overall .grade-big{width:96px;height:96px;font-size:50px;line-height:84px}
.report{max-width:none;box-shadow:none;padding:0}
section{padding-top:14px}
h2{break-after:avoid}
h3{break-after:avoid}
table,figure,.finding,.kpi,.callout{break-inside:avoid}
.table-wrap{overflow:visible}
tr{break-inside:avoid}
a{color:inherit;text-decoration:none}
}
`;

function cover(r: AuditReport): string {
  const o = r.grades.overall;
  const c = r.comparison;
  let change = '';
  if (c) {
    const was = `${c.overall.before.grade ?? 'n/a'}${c.overall.before.score === null ? '' : ` (${c.overall.before.score.toFixed(1)})`}`;
    change = `<div class="change${c.overall.regressed ? ' regressed' : ''}">${c.overall.regressed ? '▼ Regressed: ' : ''}was ${h(was)} on ${h(c.baseline.asOf)}, ${h(formatScoreDelta(c.overall.delta))}</div>`;
  }
  return `<header class="cover">
<div>
<p class="eyebrow">Revenue health audit</p>
<h1>${h(r.company.name)}</h1>
<p class="meta"><b>As of</b> ${h(r.asOf)} <span class="muted">(${h(asOfSourceLabel(r.asOfSource))})</span> · <b>Window</b> ${h(windowLabel(r.window))}</p>
<p class="meta"><b>Segment</b> ${h(r.company.segment)} · <b>Currency</b> ${h(r.company.currency)} · <b>Data</b> ${h(formatInt(r.rows.read))} rows read, ${h(formatInt(r.rows.used))} used, ${h(formatInt(r.rows.rejected))} rejected</p>
</div>
<div class="overall" id="overall-grade">
<span class="grade-big" style="--grade:${gradeColor(o.grade)}">${h(o.grade ?? 'n/a')}</span>
<div class="score">Overall ${o.score === null ? 'n/a' : `${h(o.score.toFixed(1))} / 100`}${o.provisional ? ' · provisional' : ''}</div>
<div class="cov">${h(String(Math.round(o.coverage * 100)))}% of rule weight scored</div>
${o.grade === null && o.note ? `<div class="cov" id="overall-note">${h(o.note.charAt(0).toUpperCase() + o.note.slice(1))}</div>` : ''}
${change}
</div>
</header>`;
}

function summary(r: AuditReport): string {
  const d = r.diagnosis;
  const parts: string[] = ['<section id="summary"><h2>Executive summary</h2>'];
  if (d) {
    const p = d.perspective;
    parts.push(`<p class="lead">${h(p.summary)}</p>`);
    const facts: string[] = [];
    const arr = p.arr === null ? '' : ` (${val(r, p.arr, 'currency')}${p.arrSource ? ` from ${h(p.arrSource)}` : ''})`;
    facts.push(`<dt>Stage</dt><dd>${h(p.arrBand)}${arr}, ${h(p.stage)}</dd>`);
    if (p.growthSources.length > 0) facts.push(`<dt>Growth comes from</dt><dd>${p.growthSources.map(h).join('<br>')}</dd>`);
    if (p.strongestArea) facts.push(`<dt>Strongest area</dt><dd>${h(areaTitle(r, p.strongestArea))}</dd>`);
    if (p.weakestArea) facts.push(`<dt>Weakest area</dt><dd>${h(areaTitle(r, p.weakestArea))}</dd>`);
    if (p.bindingConstraint) {
      facts.push(`<dt>Binding constraint</dt><dd><strong>${h(view(r).bindingConstraint ?? '')}</strong></dd>`);
    }
    parts.push(`<dl class="facts">${facts.join('')}</dl>`);
  }
  const tiles: string[] = [];
  for (const id of KEY_METRICS) {
    const m = metricById(r, id);
    if (!m) continue;
    const rule = r.rules.find((x) => x.metric === id);
    const cls = rule ? ` status-${rule.status === 'n/a' ? 'na' : rule.status}` : '';
    const bench = rule ? `${h(benchmarkLabel(rule.direction, rule.thresholds, rule.unit, r.company.currency))} · ${h(STATUS_LABELS[rule.status])}` : 'for context';
    tiles.push(`<div class="kpi${cls}" data-metric="${h(id)}"><div class="label">${h(m.title)}</div><div class="value">${val(r, m.value, m.unit)}</div><div class="bench">${bench}</div></div>`);
  }
  if (tiles.length > 0) parts.push(`<div class="kpis">${tiles.join('')}</div>`);
  parts.push('</section>');
  return parts.join('\n');
}

function gradesSection(r: AuditReport): string {
  const cmp = r.comparison;
  const rows = r.grades.areas.map((a) => {
    let change = '';
    if (cmp) {
      const c = cmp.areas.find((x) => x.id === a.area);
      if (c) {
        const move = c.before.grade !== c.after.grade ? `, was ${c.before.grade ?? 'n/a'}` : '';
        change = `<td class="${c.regressed ? 'regressed' : ''}">${c.regressed ? '▼ ' : ''}${h(formatScoreDelta(c.delta))}${h(move)}</td>`;
      } else change = '<td></td>';
    }
    return `<tr><td>${h(a.title)}</td><td>${gradeBadge(a.grade)}${a.provisional ? ' <span class="muted small">provisional</span>' : ''}</td><td class="num">${a.score === null ? 'n/a' : h(a.score.toFixed(1))}</td><td class="num">${h(String(Math.round(a.coverage * 100)))}% <span class="muted small">(${a.scoredRules}/${a.totalRules} rules)</span></td>${change}</tr>`;
  });
  const chart = r.grades.areas.some((a) => a.score !== null)
    ? areaScoresChart({ id: 'chart-area-scores', title: 'Score by area', rows: r.grades.areas.map((a) => ({ title: a.title, score: a.score, grade: a.grade })) })
    : naNote('no area could be scored');
  return `<section id="grades"><h2>Grades by area</h2>
<figure>${chart}</figure>
<table><thead><tr><th>Area</th><th>Grade</th><th class="num">Score</th><th class="num">Coverage</th>${cmp ? `<th>Change since ${h(cmp.baseline.asOf)}</th>` : ''}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
<p class="muted small">Grades: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, F below. Coverage is the share of the rule weight that had data.</p>
</section>`;
}

function findingCard(r: AuditReport, f: Finding, rank: number): string {
  const impact = impactLabel(f.impact, r.company.currency);
  const steps = f.process
    .map((s) => `<tr><td>${h(String(s.by))} days</td><td>${h(s.step)}</td><td>${h(s.owner)}</td><td>${h(s.kpi)}</td></tr>`)
    .join('');
  return `<article class="finding sev-${h(f.severity)}" id="finding-${h(f.id)}">
<header><h3><span class="rank">${rank}</span>${h(f.title)}</h3><div class="impact${f.impact.annual === null ? ' none' : ''}">${h(impact)}</div></header>
<div class="owners"><span class="pill sev-${h(f.severity)}">${h(SEVERITY_LABELS[f.severity])}</span> · Owner${f.owners.length > 1 ? 's' : ''}: ${f.owners.map(h).join(', ')}</div>
<ul>${f.evidence.map((e) => `<li>${h(e)}</li>`).join('')}</ul>
<p class="label">Money a year (loss, risk or upside)</p>
<p class="formula">${h(f.impact.formula)}</p>
<p><span class="label">Path.</span> ${h(f.path)}</p>
${steps ? `<table class="process"><thead><tr><th>By</th><th>Step</th><th>Owner</th><th>KPI and target</th></tr></thead><tbody>${steps}</tbody></table>` : ''}
</article>`;
}

function diagnosisSections(r: AuditReport): string {
  const d = r.diagnosis;
  if (!d) return '<section id="findings"><h2>Findings</h2><p class="muted">The diagnosis is not available in this report.</p></section>';
  const out: string[] = ['<section id="findings"><h2>Findings: losses first, then risks, then upsides</h2>'];
  if (d.findings.length === 0) out.push('<p>No pattern fired on this data.</p>');
  d.findings.forEach((f, i) => out.push(findingCard(r, f, i + 1)));
  out.push('</section>');

  if (d.byFunction.length > 0) {
    const rows = d.byFunction.map((g) => {
      const titles = g.findings
        .map((id) => {
          const found = view(r).findings.get(id);
          return found === undefined ? h(id) : `${found.rank}. ${h(found.finding.title)}`;
        })
        .join('<br>');
      const rules = g.failingRules.map((id) => h(metricTitle(r, r.rules.find((x) => x.id === id)?.metric ?? id))).join(', ');
      return `<tr><td><strong>${h(g.owner)}</strong></td><td>${titles || '—'}</td><td>${rules || '—'}</td><td class="num">${h(functionMoneyLabel(g, r.company.currency))}</td></tr>`;
    });
    out.push(`<section id="by-function"><h2>Who owns what</h2>
<table><thead><tr><th>Function</th><th>Findings</th><th>Failing rules</th><th class="num">Money a year (by kind)</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
<p class="muted small">A finding with several owners counts in full for each of them.</p></section>`);
  }

  out.push(`<section id="cro-readiness"><h2>CRO readiness</h2><div class="callout"><div class="verdict">Verdict: ${h(d.croReadiness.verdict)}</div>
<ul>${d.croReadiness.reasons.map((x) => `<li>${h(x)}</li>`).join('')}</ul>${(() => {
    const rx = readinessExtras(r);
    return `${rx.fixFirst.length > 0 ? `<p><strong>What the role would fix first</strong></p><ol>${rx.fixFirst.map((x) => `<li>${h(x)}</li>`).join('')}</ol>` : ''}${rx.notFired.length > 0 ? `<p class="muted small">Checked, not fired</p><ul class="small muted">${rx.notFired.map((x) => `<li>${h(x)}</li>`).join('')}</ul>` : ''}`;
  })()}</div></section>`);
  if ((d.dataWeNeed ?? []).length > 0) {
    out.push(`<section id="data-we-need"><h2>Data we need</h2><p class="muted small">What would sharpen this audit, and what each piece would unlock.</p><ul>${(d.dataWeNeed ?? []).map((n) => `<li><strong>${h(n.data)}</strong>: ${h(n.why)}. Unlocks ${h(n.unlocks)}.</li>`).join('')}</ul></section>`);
  }
  return out.join('\n');
}

function seriesValues(r: AuditReport, id: string, months: readonly string[]): (number | null)[] {
  const pts = r.series[id] ?? [];
  return months.map((mo) => pts.find((p) => p.month === mo)?.value ?? null);
}

function hasValues(values: readonly (number | null)[]): boolean {
  return values.some((v) => v !== null && Number.isFinite(v));
}

function reasonOf(m: MetricResult | undefined, fallback: string): string {
  return m?.reason ?? fallback;
}

function num(details: MetricResult['details'], key: string): number | null {
  const x = details?.[key];
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

function chartsSection(r: AuditReport): string {
  const cur = r.company.currency;
  const figs: string[] = [];
  const months = lastMonths(r.series.bookings ?? r.series.pipeline_created, CHART_MONTHS).map((p) => p.month);

  // bookings and pipeline created
  const bookings = seriesValues(r, 'bookings', months);
  const created = seriesValues(r, 'pipeline_created', months);
  figs.push(
    `<figure id="fig-bookings"><figcaption>Bookings and pipeline created, by month<small>Won amount closed each month (bars) and amount of deals created each month (line). The shaded months are the audit window.</small></figcaption>${
      months.length > 0 && (hasValues(bookings) || hasValues(created))
        ? monthlyBarsLineChart({
            id: 'chart-bookings-pipeline',
            title: 'Bookings and pipeline created by month',
            months,
            bars: { label: 'Bookings', values: bookings },
            line: { label: 'Pipeline created', values: created },
            currency: cur,
            window: { after: r.window.start.slice(0, 7), through: r.window.end.slice(0, 7) },
          })
        : naNote(reasonOf(metricById(r, 'bookings'), 'no monthly deal data'))
    }</figure>`,
  );

  // win rate and sales cycle
  const win = seriesValues(r, 'win_rate', months);
  const cycle = seriesValues(r, 'median_cycle_days', months);
  const wr = metricById(r, 'win_rate');
  const sc = metricById(r, 'sales_cycle_days');
  const panels = [];
  if (hasValues(win)) {
    panels.push({
      label: 'Win rate (won ÷ closed, by count)',
      values: win,
      format: percentAxis,
      color: PALETTE.teal,
      ...(wr?.value != null ? { reference: { value: wr.value, label: `12-month ${formatValue(wr.value, 'ratio')}` } } : {}),
    });
  }
  if (hasValues(cycle)) {
    panels.push({
      label: 'Median sales cycle of won deals (days)',
      values: cycle,
      format: (v: number) => `${Math.round(v)} d`,
      color: PALETTE.navy,
      ...(sc?.value != null ? { reference: { value: sc.value, label: `12-month ${formatValue(sc.value, 'days')}` } } : {}),
    });
  }
  figs.push(
    `<figure id="fig-winrate"><figcaption>Win rate and sales cycle, by month<small>Dashed lines: the trailing-twelve-month figures graded in the scorecard.</small></figcaption>${
      months.length > 0 && panels.length > 0
        ? trendPanelsChart({ id: 'chart-winrate-cycle', title: 'Win rate and sales cycle by month', months, panels })
        : naNote(reasonOf(wr, 'no closed deals by month'))
    }</figure>`,
  );

  // retention waterfall
  const nrr = metricById(r, 'nrr');
  const grr = metricById(r, 'grr');
  const churn = metricById(r, 'churned_arr');
  const contraction = metricById(r, 'contraction_arr');
  const expansion = metricById(r, 'expansion_arr');
  const start = num(nrr?.details ?? null, 'arrBefore') ?? num(grr?.details ?? null, 'arrBefore');
  const end = num(nrr?.details ?? null, 'arrAfter');
  let waterfall: string;
  if (nrr === undefined || nrr.value === null) waterfall = naNote(reasonOf(nrr, 'no renewals in the window'));
  else if (start === null || end === null || churn?.value == null || contraction?.value == null || expansion?.value == null) {
    waterfall = naNote('the report lacks the starting and ending ARR or the churn, contraction and expansion amounts');
  } else {
    waterfall = retentionWaterfallChart({
      id: 'chart-retention-waterfall',
      title: 'Retention waterfall',
      currency: cur,
      start,
      churn: churn.value,
      contraction: contraction.value,
      expansion: expansion.value,
      end,
      caption: `GRR ${grr?.value == null ? 'n/a' : formatValue(grr.value, 'ratio')} · NRR ${formatValue(nrr.value, 'ratio')}`,
    });
  }
  figs.push(
    `<figure id="fig-retention"><figcaption>Retention waterfall<small>ARR up for renewal in the window, what churned, contracted and expanded, and what it renewed at.</small></figcaption>${waterfall}</figure>`,
  );

  // spend and CAC by channel
  const cbc = metricById(r, 'cac_by_channel');
  let channels: string;
  if (cbc === undefined || cbc.value === null) channels = naNote(reasonOf(cbc, 'no spend by channel'));
  else {
    const rows: ChannelRow[] = channelCacRows(cbc.details).map((c) => ({ channel: c.channel, spend: c.spend, cac: c.cac }));
    rows.sort((a, b) => b.spend - a.spend || (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0));
    channels =
      rows.length === 0
        ? naNote('no spend by channel in the report')
        : channelSpendCacChart({ id: 'chart-channel-cac', title: 'Spend and CAC by channel', currency: cur, rows, blendedCac: cbc.value });
  }
  figs.push(
    `<figure id="fig-channels"><figcaption>Spend by channel against CAC by channel<small>Channel spend in the window, and that spend divided by the won new customers the channel sourced. Dashed line: paid CAC over all channels.</small></figcaption>${channels}</figure>`,
  );
  return `<section id="trends"><h2>Trends and economics</h2><div class="charts">
${figs.join('\n')}
</div></section>`;
}

/** The methodology settings a metric used, under its name (empty when none). */
function methodHtml(r: AuditReport, id: string): string {
  const labels = methodologyLabels(metricById(r, id));
  return labels.length === 0 ? '' : `<br><span class="muted small method">method: ${h(labels.join('; '))}</span>`;
}

function ratchetHtml(r: AuditReport): string {
  const rt = r.ratchet;
  if (!rt) return '';
  const li = rt.hints.map((x) => `<li${x.status === 'below_floor' ? ' class="regressed"' : ''}>${h(x.message)}</li>`);
  return `<section id="ratchet"><h2>Ratchet</h2><p class="muted small">Floors from ${h(rt.file)}, set ${h(rt.asOf)}.${rt.hints.some((x) => x.status === 'tighten' || x.status === 'benchmark_met') ? ' Apply with <code>revhealth rules --suggest-tighten --write</code>.' : ''}</p><ul>${li.join('') || '<li>No floors.</li>'}</ul></section>`;
}

function scorecard(r: AuditReport): string {
  const out = [`<section id="scorecard"><h2>Scorecard</h2><p class="muted small">Each metric against the benchmark for the <strong>${h(r.company.segment)}</strong> segment; sources in appendix B.</p>`];
  for (const { grade: area, rules, context: others } of view(r).scorecard) {
    const rows = rules.map(
      (x) =>
        `<tr data-rule="${h(x.id)}"><td>${h(metricTitle(r, x.metric))}${(x.status === 'n/a' || x.status === 'check') && x.reason ? `<br><span class="muted small">${h(x.reason)}</span>` : ''}${methodHtml(r, x.metric)}</td><td class="num">${val(r, x.value, x.unit)}</td><td>${h(benchmarkLabel(x.direction, x.thresholds, x.unit, r.company.currency))}</td><td class="num">${x.score === null ? '' : h(x.score.toFixed(0))}</td><td>${statusPill(x.status)}</td></tr>`,
    );
    for (const m of others) rows.push(`<tr class="context"><td>${h(m.title)} <span class="small">(context)</span>${methodHtml(r, m.id)}</td><td class="num">${val(r, m.value, m.unit)}</td><td></td><td></td><td></td></tr>`);
    out.push(`<h3>${h(area.title)} ${gradeBadge(area.grade)} <span class="muted small">${area.score === null ? '' : h(area.score.toFixed(1))}</span></h3>
<table><thead><tr><th>Metric</th><th class="num">Value</th><th>Benchmark</th><th class="num">Score</th><th>Status</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`);
  }
  out.push('</section>');
  return out.join('\n');
}

function comparisonSection(r: AuditReport): string {
  const c = r.comparison;
  if (!c) return '';
  const out = [`<section id="changes"><h2>Changes since ${h(c.baseline.asOf)}</h2>`];
  if (!c.changed) out.push('<p>Nothing changed since the baseline.</p>');
  if (c.regressions.length > 0) {
    out.push(`<p class="regressed">${c.regressions.length} regression${c.regressions.length === 1 ? '' : 's'}</p><ul class="regressions">${c.regressions.map((g) => `<li class="regressed">▼ ${h(g)}</li>`).join('')}</ul>`);
  }
  const changed = c.metrics.filter((m) => (m.delta !== null && Math.abs(m.delta) > 1e-9) || m.statusBefore !== m.statusAfter || (m.before === null) !== (m.after === null));
  if (changed.length > 0) {
    const rows = changed.map((m) => {
      const unit = m.unit as MetricUnit;
      const reg = metricRegressed(m);
      const label = (x: typeof m.statusAfter): string => (x === null ? '—' : STATUS_LABELS[x]);
      const status = m.statusBefore !== m.statusAfter ? `${label(m.statusBefore)} → ${label(m.statusAfter)}` : m.statusAfter === null ? '' : label(m.statusAfter);
      return `<tr${reg ? ' class="regressed"' : ''}><td>${h(metricTitle(r, m.id))}</td><td class="num">${val(r, m.before, unit)}</td><td class="num">${val(r, m.after, unit)}</td><td class="num">${h(formatDelta(m.delta, unit, r.company.currency))}</td><td>${h(status)}</td><td>${reg ? '▼ regressed' : h(m.trend ?? '')}</td></tr>`;
    });
    out.push(`<table><thead><tr><th>Metric</th><th class="num">Before</th><th class="num">Now</th><th class="num">Change</th><th>Status</th><th>Trend</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`);
    const same = c.metrics.length - changed.length;
    if (same > 0) out.push(`<p class="muted small">${same} other metric${same === 1 ? '' : 's'} unchanged.</p>`);
  }
  if (c.findings.appeared.length > 0) out.push(`<p><span class="label">New findings:</span> ${c.findings.appeared.map(h).join(', ')}</p>`);
  if (c.findings.resolved.length > 0) out.push(`<p><span class="label">Resolved findings:</span> ${c.findings.resolved.map(h).join(', ')}</p>`);
  if (c.methodologyChanges && c.methodologyChanges.length > 0) {
    out.push(`<p class="regressed"><span class="label">Methodology changed:</span> ${h(c.methodologyChanges.join('; '))} (values may move for that reason alone)</p>`);
  }
  if (c.items) {
    for (const { list, ch } of changedItemLists(c.items)) {
      const li = [
        ...ch.appeared.slice(0, 20).map((it) => `<li class="regressed">➕ new: ${h(itemLabel(list, it))}</li>`),
        ...ch.resolved.slice(0, 20).map((it, i) => {
          const l = leftLabel(ch, i);
          return `<li>${l.resolved ? '✅' : '↪'} ${h(l.text)}: ${h(itemLabel(list, it))}</li>`;
        }),
      ];
      const more = Math.max(0, ch.appeared.length - 20) + Math.max(0, ch.resolved.length - 20);
      out.push(`<p data-list="${h(list)}"><span class="label">${h(ITEM_LIST_TITLES[list])}:</span> ${listChangeCounts(ch)}</p><ul>${li.join('')}${more > 0 ? `<li class="muted">… ${more} more</li>` : ''}${truncationNote(ch) !== null ? `<li class="muted">${h(truncationNote(ch) as string)}</li>` : ''}</ul>`);
    }
  }
  out.push('</section>');
  return out.join('\n');
}

function watchAndGaps(r: AuditReport): string {
  const out: string[] = [];
  const watch = r.diagnosis?.watch ?? [];
  if (watch.length > 0) {
    out.push(`<section id="watch"><h2>Close to the line</h2><p class="muted small">Patterns that did not fire but are near their threshold.</p><ul>${watch
      .map((w) => `<li><span class="label">${h(w.title)}:</span> ${h(w.note)}</li>`)
      .join('')}</ul></section>`);
  }
  const patterns = r.diagnosis?.notChecked ?? [];
  const na = view(r).notApplicable;
  if (patterns.length > 0 || na.length > 0) {
    const rows = [
      ...patterns.map((p) => `<tr><td>${h(p.title)} <span class="muted small">(pattern)</span></td><td>${h(p.needs)}</td></tr>`),
      ...na.map((x) => `<tr><td>${h(metricTitle(r, x.metric))} <span class="muted small">(metric)</span></td><td>${h(x.reason ?? 'no value')}</td></tr>`),
    ];
    out.push(`<section id="not-checked"><h2>What we could not check</h2><p class="muted small">These checks need data the inputs did not have.</p>
<table><thead><tr><th>Check</th><th>What would unlock it</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></section>`);
  }
  return out.join('\n');
}

function appendix(r: AuditReport): string {
  const files = r.inputs
    .map(
      (f) =>
        `<tr><td>${h(f.kind)}</td><td>${h(f.path)}</td><td>${h(presetLabel(f.kind, f.preset))}</td><td class="num">${h(formatInt(f.rows.read))}</td><td class="num">${h(formatInt(f.rows.used))}</td><td class="num">${h(formatInt(f.rows.rejected))}</td><td>${f.dateRange ? `${h(f.dateRange.min)} – ${h(f.dateRange.max)}` : 'none'}</td></tr>`,
    )
    .join('\n');
  const rejects = r.inputs.flatMap((f) =>
    Object.entries(f.rejectedByReason).map(([code, n]) => `<tr><td>${h(f.kind)}</td><td>${h(rejectLabel(code))}</td><td><code>${h(code)}</code></td><td class="num">${h(formatInt(n))}</td></tr>`),
  );
  const warnings = r.inputs.flatMap((f) => f.warnings.map((w) => `<li><span class="label">${h(f.kind)}:</span> ${h(w)}</li>`));
  const sources = view(r).citedRules.map(
    (x) => `<li><span class="label">${h(metricTitle(r, x.metric))}</span> <span class="muted">(${h(x.segmentUsed === 'default' ? 'all segments' : x.segmentUsed)})</span>: ${linkCitationsHtml(h(x.source))}</li>`,
  );
  const list = view(r).sourceKeys.map((k) => {
    const s = benchmarkSource(k);
    if (s === undefined) return `<li>[${h(k)}] not in the source list.</li>`;
    // the URL as text: the report stays free of external references (nothing to fetch or follow unseen)
    const url = s.url === undefined ? '' : ` <span class="url">${h(s.url)}</span>`;
    return `<li id="${sourceAnchor(k)}">[${h(k)}] ${h(sourceLine({ ...s, url: undefined }))}${url}</li>`;
  });
  return `<section id="data-quality"><h2>Appendix A: data quality</h2>
<p>${h(view(r).rowsLine)}.</p>
<table><thead><tr><th>File</th><th>Path</th><th>Format detected</th><th class="num">Read</th><th class="num">Used</th><th class="num">Rejected</th><th>Dates in the data</th></tr></thead><tbody>
${files}
</tbody></table>
<h3>Rejected rows by reason</h3>
${rejects.length === 0 ? '<p>None.</p>' : `<table><thead><tr><th>File</th><th>Reason</th><th>Code</th><th class="num">Rows</th></tr></thead><tbody>${rejects.join('')}</tbody></table><p class="muted small">Every rejected row, with its line and value: <code>revhealth audit --rejects FILE</code>.</p>`}
<h3>Warnings</h3>
${warnings.length === 0 ? '<p>None.</p>' : `<ul>${warnings.join('')}</ul>`}
</section>
${sources.length === 0 ? '' : `<section id="sources"><h2>Appendix B: benchmark sources</h2><ul class="sources small">${sources.join('')}</ul></section>`}
${list.length === 0 ? '' : `<section id="source-list"><h2>Sources</h2><ul class="sources small">${list.join('')}</ul></section>`}`;
}

/** The --by breakdowns, one table per dimension; nothing without --by. */
function breakdowns(r: AuditReport): string {
  return view(r)
    .breakdowns.map((t) => {
      const dim = DIMENSION_LABELS[t.dimension] ?? t.dimension;
      const head = `<tr><th>${h(dim)}</th>${t.columns.map((c) => `<th class="num">${h(c)}</th>`).join('')}<th class="num">Closed deals</th></tr>`;
      const rows = t.rows
        .map((x) => `<tr><td>${h(x.group)}${x.isSmall ? ' <span class="muted">*</span>' : ''}</td>${x.values.map((v) => `<td class="num">${h(v)}</td>`).join('')}<td class="num">${h(x.closed)}</td></tr>`)
        .join('');
      const note = t.anySmall ? `<p class="muted small">* ${h(SMALL_GROUP_NOTE)}.</p>` : '';
      return `<section id="breakdown-${h(t.dimension)}"><h2>Breakdown by ${h(dim.toLowerCase())}</h2><table><thead>${head}</thead><tbody>${rows}</tbody></table>${note}</section>\n`;
    })
    .join('');
}

/** An HTML-escaped text with each citation key ([S45], [S6, S12]) linked to its Sources entry. */
function linkCitationsHtml(escaped: string): string {
  // h() leaves [ ] , and S-digits alone; the apostrophe of S55' may be escaped as &#39;
  return escaped.replace(/\[(S\d+(?:&#39;|')*(?:,\s*S\d+(?:&#39;|')*)*)\]/g, (_m, keys: string) =>
    `[${keys.replace(/S\d+(?:&#39;|')*/g, (k) => {
      const key = k.replace(/&#39;/g, "'");
      return benchmarkSource(key) === undefined ? k : `<a href="#${sourceAnchor(key)}">${k}</a>`;
    })}]`,
  );
}

/**
 * Every table in its own horizontally scrolling container, so a wide table scrolls inside the
 * page at phone width instead of widening the page. Our own markup only: input-derived text is
 * escaped, so a literal `<table` is always ours.
 */
function scrollTables(html: string): string {
  return html.replace(/<table\b/g, '<div class="table-wrap"><table').replace(/<\/table>/g, '</table></div>');
}

/** The full report as one self-contained HTML document. Deterministic: same report, same bytes. */
export function renderHtml(r: AuditReport): string {
  // final pass (src/report/sanitize.ts): no control character or workflow command, whatever a section did
  return sanitizeOutput(scrollTables(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="revhealth ${h(r.tool.version)}">
<title>Revenue health audit: ${h(r.company.name)} (${h(r.asOf)})</title>
<style>${CSS}</style>
</head>
<body>
<main class="report">
${cover(r)}
${summary(r)}
${gradesSection(r)}
${fourVHtml(r, h)}${r.fourV ? '\n' : ''}${renderCroReadHtml(r, h)}${r.engines || r.losses || r.funnel ? '\n' : ''}${diagnosisSections(r)}
${chartsSection(r)}
${subscriptionsHtml(r, h)}${r.subscriptions ? '\n' : ''}${scorecard(r)}
${breakdowns(r)}${comparisonSection(r)}
${ratchetHtml(r)}
${watchAndGaps(r)}
${appendix(r)}
<footer>Generated by revhealth ${h(r.tool.version)} (report schema ${h(r.schemaVersion)}) for the audit as of ${h(r.asOf)}. Figures cover the window ${h(windowLabel(r.window))} unless a chart says otherwise.</footer>
</main>
</body>
</html>
`));
}

/** The registry's entry point (src/report/registry.ts). */
export const render: Render = (r) => renderHtml(r);
