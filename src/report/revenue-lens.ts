/**
 * The revenue-lens sections of the reports: the four-V lens (AuditReport.fourV) and the recurring
 * revenue block (AuditReport.subscriptions: MRR movements by month, retention by start cohort),
 * for the terminal, Markdown and HTML renderers, plus the cohort heat-map chart.
 *
 * Format, never compute: every number comes from the report. Each renderer passes its own
 * escaping (terminal: safeText, Markdown: escapeMarkdown, HTML: escapeHtml) for input-derived text.
 * Sections are empty when the report has no such block, so reports without subscriptions or
 * accounts are unchanged.
 */
import Table from 'cli-table3';
import type { AuditReport, CohortRow, FourVGroup, FourVMetric, MovementMonth } from '../audit/contract.js';
import { PALETTE, escapeHtml } from './charts.js';
import { formatInt, formatMoney, formatPercent, formatValue } from '../base/format.js';
import { monthLabel } from './labels.js';
import { hanging, safeText, section, type Style } from './text.js';

/** Months of the movement table shown in the terminal, Markdown and HTML (JSON has every month). */
export const MOVEMENT_MONTHS = 12;
/** Cohorts and quarters shown in the terminal tables. */
const TERMINAL_COHORTS = 8;
const TERMINAL_QUARTERS = 6;

const STATUS_WORD: Readonly<Record<FourVMetric['status'], string>> = { pass: 'pass', warn: 'watch', fail: 'fail', 'n/a': 'n/a', info: 'context' };

function metricValue(r: AuditReport, m: FourVMetric): string {
  return formatValue(m.value, m.unit, r.company.currency);
}

function lastMovements(r: AuditReport): readonly MovementMonth[] {
  const rows = r.subscriptions?.movements ?? [];
  return rows.length <= MOVEMENT_MONTHS ? rows : rows.slice(rows.length - MOVEMENT_MONTHS);
}

/** "1 row" / "3 rows". */
function plural(n: number, word = 'row'): string {
  return `${formatInt(n)} ${word}${n === 1 ? '' : 's'}`;
}

function pct(v: number | null): string {
  return v === null ? '—' : formatPercent(v, 0);
}

/** Quarter columns shown for the cohorts: 1..max observed, at most `cap`. */
function quarterColumns(cohorts: readonly CohortRow[], cap: number): number[] {
  let max = 0;
  for (const c of cohorts) for (const p of c.periods) if (p.quarter > max) max = p.quarter;
  return Array.from({ length: Math.min(max, cap) }, (_, i) => i + 1);
}

type CohortMeasure = 'nrr' | 'grr' | 'logoRetention';
const MEASURE_TITLES: Readonly<Record<CohortMeasure, string>> = {
  nrr: 'Net revenue retention',
  grr: 'Gross revenue retention',
  logoRetention: 'Logo retention',
};

function cohortCell(c: CohortRow, q: number, measure: CohortMeasure): string {
  const p = c.periods.find((x) => x.quarter === q);
  return p === undefined ? '' : pct(p[measure]);
}

// ---------------------------------------------------------------------------------------------
// Terminal

const CHARS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '',
  'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
};

function table(head: readonly string[], rows: readonly (readonly string[])[], widths: readonly number[], style: Style, align?: readonly ('left' | 'right')[]): string[] {
  const t = new Table({
    head: [...head],
    chars: CHARS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    colWidths: [...widths],
    wordWrap: true,
    wrapOnWordBoundary: true,
    ...(align ? { colAligns: [...align] } : {}),
  });
  for (const row of rows) t.push([...row]);
  return t
    .toString()
    .split('\n')
    .map((l, i) => {
      const line = `  ${l.replace(/\s+$/, '')}`;
      return i === 0 ? style.dim(line) : line;
    });
}

function gradeText(g: FourVGroup, style: Style): string {
  if (g.grade === null) return style.dim('n/a');
  const s = `${g.grade} ${g.score === null ? '' : g.score.toFixed(1)}`.trim();
  return g.grade === 'A' || g.grade === 'B' ? style.green(s) : g.grade === 'C' ? style.yellow(s) : style.red(s);
}

export function renderFourVTerminal(r: AuditReport, style: Style): string[] {
  const lens = r.fourV;
  if (!lens) return [];
  const out = section('FOUR-V LENS', style, 'Volumes · Velocity · Value · Revenue');
  lens.groups.forEach((g, i) => {
    if (i > 0) out.push('');
    out.push(`${style.bold(g.title.padEnd(10))}${gradeText(g, style)}${style.dim(`  ${g.question}`)}`);
    out.push(...hanging(safeText(g.verdict), '  ', '  '));
    const shown = g.metrics.map((m) => `${m.title} ${metricValue(r, m)}${m.status === 'info' || m.status === 'n/a' ? '' : ` (${STATUS_WORD[m.status]})`}`);
    if (shown.length > 0) out.push(...hanging(shown.join(' · '), '  ', '  ').map((l) => style.dim(l)));
  });
  return out;
}

export function renderSubscriptionsTerminal(r: AuditReport, style: Style): string[] {
  const s = r.subscriptions;
  if (!s) return [];
  const cur = r.company.currency;
  const m = (v: number): string => formatMoney(v, cur);
  const out = section('RECURRING REVENUE', style, 'from the subscriptions file');
  const c = s.counts;
  out.push(
    ...hanging(
      `${plural(c.paid, 'paid subscription row')} of ${plural(c.accounts, 'account')}; excluded from MRR: ${plural(c.trials, 'trial row')}, ${plural(c.zeroMrr)} at MRR 0${c.betweenMonthEnds > 0 ? `, ${plural(c.betweenMonthEnds)} active on no month end` : ''}${c.notStarted > 0 ? `, ${plural(c.notStarted)} starting after the as-of date` : ''}.`,
      '  ',
      '  ',
    ),
  );
  const moves = lastMovements(r);
  out.push('');
  if (moves.length === 0) out.push('  No paid subscription by the as-of date: no movement table.');
  else {
    out.push(`  ${style.bold('MRR movements by month')}${style.dim(moves.length < s.movements.length ? `  last ${moves.length} of ${s.movements.length} months (all in the JSON report)` : '')}`);
    out.push(
      ...table(
        ['Month', 'Opening', 'New', 'Expand', 'Reactiv', 'Contract', 'Churn', 'Closing'],
        moves.map((x) => [x.month, m(x.openingMrr), m(x.newMrr), m(x.expansionMrr), m(x.reactivationMrr), m(x.contractionMrr), m(x.churnMrr), m(x.closingMrr)]),
        [7, 8, 8, 8, 8, 8, 8, 8],
        style,
        ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
      ),
    );
    const last = moves[moves.length - 1] as MovementMonth;
    out.push(style.dim(`  Closing ${monthLabel(last.month)}: ${m(last.closingMrr)} MRR (${m(last.closingArr)} ARR), ${formatInt(last.closingCustomers)} paying customers.`));
  }
  if (s.cohorts.length > 0) {
    const cohorts = s.cohorts.length <= TERMINAL_COHORTS ? s.cohorts : s.cohorts.slice(s.cohorts.length - TERMINAL_COHORTS);
    const quarters = quarterColumns(cohorts, TERMINAL_QUARTERS);
    for (const measure of ['nrr', 'grr', 'logoRetention'] as const) {
      out.push('');
      out.push(`  ${style.bold(`${MEASURE_TITLES[measure]} by start cohort`)}${style.dim('  quarters after the start quarter')}`);
      out.push(
        ...table(
          ['Cohort', 'Accts', ...quarters.map((q) => `Q+${q}`)],
          cohorts.map((x) => [safeText(x.cohort), formatInt(x.customers), ...quarters.map((q) => cohortCell(x, q, measure))]),
          [10, 6, ...quarters.map(() => 6)],
          style,
          ['left', 'right', ...quarters.map(() => 'right' as const)],
        ),
      );
    }
    if (cohorts.length < s.cohorts.length) out.push(style.dim(`  Last ${cohorts.length} of ${s.cohorts.length} cohorts; all in the JSON report.`));
  }
  for (const line of s.method) out.push(...hanging(safeText(line), '  · ', '    ').map((l) => style.dim(l)));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Markdown

function mdTable(head: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('l' | 'r')[]): string[] {
  const sep = head.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  return [`| ${head.join(' | ')} |`, `| ${sep.join(' | ')} |`, ...rows.map((x) => `| ${x.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`)];
}

export function fourVMarkdown(r: AuditReport, e: (s: string) => string): string[] {
  const lens = r.fourV;
  if (!lens) return [];
  const out = ['', '## The four Vs: Volumes, Velocity, Value, Revenue', ''];
  out.push(
    ...mdTable(
      ['Lens', 'Grade', 'Verdict'],
      lens.groups.map((g) => [`**${e(g.title)}**: ${e(g.question)}`, g.grade === null ? 'n/a' : `${g.grade} (${(g.score ?? 0).toFixed(1)})`, e(g.verdict)]),
    ),
  );
  for (const g of lens.groups) {
    if (g.metrics.length === 0) continue;
    out.push('', `**${e(g.title)}:** ${g.metrics.map((m) => `${e(m.title)} ${e(metricValue(r, m))}${m.status === 'info' || m.status === 'n/a' ? '' : ` (${STATUS_WORD[m.status]})`}`).join(' · ')}`);
  }
  return out;
}

export function subscriptionsMarkdown(r: AuditReport, e: (s: string) => string): string[] {
  const s = r.subscriptions;
  if (!s) return [];
  const cur = r.company.currency;
  const m = (v: number): string => e(formatMoney(v, cur));
  const c = s.counts;
  const out = ['', '## Recurring revenue', ''];
  out.push(
    `${plural(c.paid, 'paid subscription row')} of ${plural(c.accounts, 'account')}. Excluded from MRR: ${plural(c.trials, 'trial row')} and ${plural(c.zeroMrr)} at MRR 0${c.betweenMonthEnds > 0 ? `; ${plural(c.betweenMonthEnds)} active on no month end` : ''}${c.notStarted > 0 ? `; ${plural(c.notStarted)} starting after the as-of date` : ''}.`,
  );
  const rows = lastMovements(r);
  if (rows.length > 0) {
    out.push('', `### MRR movements by month${rows.length < s.movements.length ? ` (last ${rows.length} of ${s.movements.length})` : ''}`, '');
    out.push(
      ...mdTable(
        ['Month', 'Opening MRR', 'New', 'Expansion', 'Reactivation', 'Contraction', 'Churn', 'Closing MRR', 'Customers'],
        rows.map((x) => [x.month, m(x.openingMrr), m(x.newMrr), m(x.expansionMrr), m(x.reactivationMrr), (x.contractionMrr > 0 ? `−${m(x.contractionMrr)}` : m(0)), (x.churnMrr > 0 ? `−${m(x.churnMrr)}` : m(0)), m(x.closingMrr), formatInt(x.closingCustomers)]),
        ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
    );
  }
  if (s.cohorts.length > 0) {
    const quarters = quarterColumns(s.cohorts, 12);
    for (const measure of ['nrr', 'grr', 'logoRetention'] as const) {
      out.push('', `### ${MEASURE_TITLES[measure]} by start cohort (quarters after the start quarter)`, '');
      out.push(
        ...mdTable(
          ['Cohort', 'Accounts', 'Starting MRR', ...quarters.map((q) => `Q+${q}`)],
          s.cohorts.map((x) => [e(x.cohort), formatInt(x.customers), m(x.startingMrr), ...quarters.map((q) => cohortCell(x, q, measure))]),
          ['l', 'r', 'r', ...quarters.map(() => 'r' as const)],
        ),
      );
    }
  }
  out.push('', ...s.method.map((line) => `- ${e(line)}`));
  return out;
}

// ---------------------------------------------------------------------------------------------
// HTML

function n1(v: number): string {
  const x = Math.round(v * 10) / 10;
  return (Object.is(x, -0) ? 0 : x).toFixed(1).replace(/\.0$/, '');
}

function mix(a: string, b: string, t: number): string {
  const pa = [1, 3, 5].map((i) => parseInt(a.slice(i, i + 2), 16));
  const pb = [1, 3, 5].map((i) => parseInt(b.slice(i, i + 2), 16));
  return `#${pa.map((x, i) => Math.round(x + ((pb[i] as number) - x) * t).toString(16).padStart(2, '0')).join('')}`;
}

/** Cell colour for a retention ratio: red at 60 % or below, amber at 90 %, green at 110 % or above. */
export function retentionColor(v: number): string {
  const red = '#f4c7c3';
  const amber = '#fde68a';
  const green = '#86efac';
  if (v <= 0.6) return red;
  if (v <= 0.9) return mix(red, amber, (v - 0.6) / 0.3);
  if (v <= 1.1) return mix(amber, green, (v - 0.9) / 0.2);
  return green;
}

/** Heat map of a cohort measure: one row per start cohort, one column per quarter after the start. */
export function cohortHeatmapChart(input: { readonly id: string; readonly title: string; readonly cohorts: readonly CohortRow[]; readonly measure: CohortMeasure }): string {
  const quarters = quarterColumns(input.cohorts, 12);
  const W = 720;
  const m = { l: 150, r: 10, t: 34, b: 10 };
  const rowH = 24;
  const colW = quarters.length === 0 ? 0 : Math.min(64, (W - m.l - m.r) / quarters.length);
  const H = m.t + input.cohorts.length * rowH + m.b;
  const id = escapeHtml(input.id);
  const desc = `${MEASURE_TITLES[input.measure]} per start cohort (rows) and quarter after the start quarter (columns).`;
  let s =
    `<svg xmlns="http://www.w3.org/2000/svg" id="${id}" class="chart chart-cohorts" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" preserveAspectRatio="xMidYMid meet">` +
    `<title id="${id}-title">${escapeHtml(input.title)}</title><desc id="${id}-desc">${escapeHtml(desc)}</desc>`;
  const text = (x: number, y: number, t: string, attrs: string): string => `<text x="${n1(x)}" y="${n1(y)}" ${attrs}>${escapeHtml(t)}</text>`;
  quarters.forEach((q, j) => {
    s += text(m.l + j * colW + colW / 2, m.t - 10, `Q+${q}`, `font-size="11" fill="${PALETTE.muted}" text-anchor="middle"`);
  });
  input.cohorts.forEach((c, i) => {
    const y = m.t + i * rowH;
    s += text(m.l - 8, y + 16, `${c.cohort} (${formatInt(c.customers)})`, `font-size="12" fill="${PALETTE.ink}" text-anchor="end"`);
    quarters.forEach((q, j) => {
      const p = c.periods.find((x) => x.quarter === q);
      const v = p?.[input.measure] ?? null;
      if (p === undefined || v === null) return;
      const x = m.l + j * colW;
      s +=
        `<rect class="cell" x="${n1(x + 1)}" y="${n1(y + 1)}" width="${n1(colW - 2)}" height="${n1(rowH - 2)}" fill="${retentionColor(v)}">` +
        `<title>${escapeHtml(`${c.cohort}, ${q} quarter${q === 1 ? '' : 's'} later (${p.end}): ${formatPercent(v, 1)}, ${formatInt(p.customers)} of ${formatInt(c.customers)} accounts paying`)}</title></rect>`;
      s += text(x + colW / 2, y + 16, formatPercent(v, 0), `font-size="11" fill="${PALETTE.ink}" text-anchor="middle"`);
    });
  });
  return `${s}</svg>`;
}

export function fourVHtml(r: AuditReport, h: (s: string) => string): string {
  const lens = r.fourV;
  if (!lens) return '';
  const rows = lens.groups.map((g) => {
    const metrics = g.metrics
      .map((m) => `<li>${h(m.title)}: <strong>${h(metricValue(r, m))}</strong>${m.status === 'info' || m.status === 'n/a' ? '' : ` <span class="pill status-${m.status}">${h(STATUS_WORD[m.status])}</span>`}</li>`)
      .join('');
    return `<tr data-lens="${h(g.id)}"><td><strong>${h(g.title)}</strong><br><span class="muted small">${h(g.question)}</span></td><td class="num">${g.grade === null ? 'n/a' : `${h(g.grade)} <span class="muted small">${h((g.score ?? 0).toFixed(1))}</span>`}</td><td>${h(g.verdict)}${metrics ? `<ul class="small">${metrics}</ul>` : ''}</td></tr>`;
  });
  return `<section id="four-v"><h2>The four Vs: Volumes, Velocity, Value, Revenue</h2>
<table><thead><tr><th>Lens</th><th class="num">Grade</th><th>Verdict and metrics</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></section>`;
}

export function subscriptionsHtml(r: AuditReport, h: (s: string) => string): string {
  const s = r.subscriptions;
  if (!s) return '';
  const cur = r.company.currency;
  const m = (v: number): string => h(formatMoney(v, cur));
  const c = s.counts;
  const out = [`<section id="recurring-revenue"><h2>Recurring revenue</h2>`];
  out.push(
    `<p>${h(plural(c.paid, 'paid subscription row'))} of ${h(plural(c.accounts, 'account'))}. Excluded from MRR: ${h(plural(c.trials, 'trial row'))} and ${h(plural(c.zeroMrr))} at MRR 0${c.betweenMonthEnds > 0 ? `; ${h(plural(c.betweenMonthEnds))} active on no month end` : ''}${c.notStarted > 0 ? `; ${h(plural(c.notStarted))} starting after the as-of date` : ''}.</p>`,
  );
  const rows = lastMovements(r);
  if (rows.length > 0) {
    out.push(`<h3>MRR movements by month${rows.length < s.movements.length ? ` <span class="muted small">last ${rows.length} of ${s.movements.length}</span>` : ''}</h3>`);
    out.push(`<table class="movements"><thead><tr><th>Month</th><th class="num">Opening</th><th class="num">New</th><th class="num">Expansion</th><th class="num">Reactivation</th><th class="num">Contraction</th><th class="num">Churn</th><th class="num">Closing</th><th class="num">Customers</th></tr></thead><tbody>
${rows.map((x) => `<tr><td>${h(x.month)}</td><td class="num">${m(x.openingMrr)}</td><td class="num">${m(x.newMrr)}</td><td class="num">${m(x.expansionMrr)}</td><td class="num">${m(x.reactivationMrr)}</td><td class="num">${x.contractionMrr > 0 ? '−' : ''}${m(x.contractionMrr)}</td><td class="num">${x.churnMrr > 0 ? '−' : ''}${m(x.churnMrr)}</td><td class="num">${m(x.closingMrr)}</td><td class="num">${h(formatInt(x.closingCustomers))}</td></tr>`).join('\n')}
</tbody></table>`);
  }
  if (s.cohorts.length > 0) {
    out.push(`<figure id="fig-cohorts"><figcaption>Net revenue retention by start cohort<small>Each row is the accounts whose first paid month fell in that quarter (account count in brackets); each column the quarters after it. MRR of the cohort ÷ its starting MRR: expansion and reactivation add, contraction and churn subtract. Hover a cell for its logo retention.</small></figcaption>${cohortHeatmapChart({ id: 'chart-cohort-nrr', title: 'Net revenue retention by start cohort', cohorts: s.cohorts, measure: 'nrr' })}</figure>`);
    const quarters = quarterColumns(s.cohorts, 12);
    for (const measure of ['grr', 'logoRetention'] as const) {
      out.push(`<h3>${h(MEASURE_TITLES[measure])} by start cohort</h3>
<table class="cohorts"><thead><tr><th>Cohort</th><th class="num">Accounts</th>${quarters.map((q) => `<th class="num">Q+${q}</th>`).join('')}</tr></thead><tbody>
${s.cohorts.map((x) => `<tr><td>${h(x.cohort)}</td><td class="num">${h(formatInt(x.customers))}</td>${quarters.map((q) => `<td class="num">${h(cohortCell(x, q, measure))}</td>`).join('')}</tr>`).join('\n')}
</tbody></table>`);
    }
  }
  out.push(`<ul class="muted small">${s.method.map((line) => `<li>${h(line)}</li>`).join('')}</ul>`);
  out.push('</section>');
  return out.join('\n');
}
