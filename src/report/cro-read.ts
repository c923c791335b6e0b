/**
 * The CRO's read of the business (issue 18) as report sections: the engines by segment and motion,
 * why deals are lost and customers leave, and the funnel by channel with the one win-rate
 * definition. One renderer-neutral model (titles, tables of short cells, bullets) and three thin
 * renderers: terminal (80 columns), Markdown and HTML.
 *
 * Format, never compute: every number comes from the AuditReport.
 */
import type { AuditReport, Engine } from '../audit/contract.js';
import { LOSS_CATEGORY_LABELS } from '../base/labels.js';
import { formatInt, formatMoney, formatPercent, formatValue } from '../base/format.js';
import { hanging, safeText, section, type Style } from './text.js';
import { ellipsize } from './breakdowns.js';

export interface CroTable {
  readonly caption: string | null;
  readonly head: readonly string[];
  /** 'l' or 'r' per column. */
  readonly align: readonly ('l' | 'r')[];
  readonly rows: readonly (readonly string[])[];
}

export interface CroBlock {
  readonly id: 'engines' | 'losses' | 'funnel';
  readonly title: string;
  readonly note: string | null;
  readonly lead: readonly string[];
  readonly tables: readonly CroTable[];
  readonly bullets: readonly string[];
}

const LABEL_MAX = 16;

/** A label from the data, made safe and cut to `n` characters. */
function clip(s: string, n: number): string {
  return ellipsize(safeText(s), n);
}

const pc = (v: number | null): string => (v === null ? '—' : formatPercent(v, 0));
const signed = (v: number | null): string => (v === null ? '—' : `${v >= 0 ? '+' : ''}${formatPercent(v, 0)}`);

/** "!" fail, "~" watch, "" pass or not graded: the engine graded on its own segment's points. */
function mark(e: Engine, rule: string): string {
  const g = e.grades.find((x) => x.rule === rule);
  return g === undefined ? '' : g.status === 'fail' ? '!' : g.status === 'warn' ? '~' : '';
}

function engineRow(e: Engine, cur: string): string[] {
  return [
    clip(e.label, LABEL_MAX),
    formatMoney(e.bookings, cur),
    pc(e.bookingsShare),
    `${signed(e.bookingsGrowthYoy)}${mark(e, 'bookings_growth_yoy')}`,
    `${pc(e.winRate)}${mark(e, 'win_rate')}`,
    e.avgDealSize === null ? '—' : formatMoney(e.avgDealSize, cur),
    `${e.cycleDaysMedian === null ? '—' : `${Math.round(e.cycleDaysMedian)}d`}${mark(e, 'sales_cycle_days')}`,
    `${pc(e.grr)}${mark(e, 'grr')}`,
    `${pc(e.nrr)}${mark(e, 'nrr')}`,
    e.topRepWins === null ? '—' : `${e.topRepWins}/${e.won}`,
  ];
}

const ENGINE_HEAD = ['Engine', 'Bookings', 'Share', 'YoY', 'Win', 'Deal', 'Cycle', 'GRR', 'NRR', 'Top rep'];
const ENGINE_ALIGN: ('l' | 'r')[] = ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'];

const RULE_WORD: Readonly<Record<string, string>> = { bookings_growth_yoy: 'bookings growth', win_rate: 'win rate', sales_cycle_days: 'sales cycle', grr: 'GRR', nrr: 'NRR' };

const SEGMENT_WORD: Readonly<Record<string, string>> = { smb: 'SMB', 'mid-market': 'mid-market', enterprise: 'enterprise', default: 'all-segment' };

function enginesBlock(r: AuditReport): CroBlock | null {
  const b = r.engines;
  if (b === undefined || (b.segments.length === 0 && b.motions.length === 0)) return null;
  const cur = r.company.currency;
  const lead: string[] = [];
  if (b.segments.length > 0) {
    lead.push(
      `${b.segments.length === 1 ? 'One segment' : `${b.segments.length} segments`} (from the ${b.segmentBasis ?? 'data'})${b.mixed ? ': a mixed company, read engine by engine, not as one average' : ''}. Each engine is graded on its own segment's benchmarks; ! below them, ~ watch. Top rep = wins of the rep with the most wins ÷ the engine's wins.`,
    );
  }
  const tables: CroTable[] = [];
  if (b.segments.length > 0) tables.push({ caption: 'By segment', head: ENGINE_HEAD, align: ENGINE_ALIGN, rows: b.segments.map((e) => engineRow(e, cur)) });
  for (const g of b.motions) tables.push({ caption: g.title, head: ENGINE_HEAD, align: ENGINE_ALIGN, rows: g.engines.map((e) => engineRow(e, cur)) });
  const bullets: string[] = [];
  for (const e of b.segments) {
    const word = (rule: string): string => RULE_WORD[rule] ?? rule.replace(/_/g, ' ');
    const failing = e.grades.filter((g) => g.status === 'fail').map((g) => `${word(g.rule)} ${g.rule === 'sales_cycle_days' ? `${Math.round(g.value)} d` : formatPercent(g.value)} (benchmark ${g.rule === 'sales_cycle_days' ? `${g.good} d` : formatPercent(g.good, 0)})`);
    const watch = e.grades.filter((g) => g.status === 'warn').map((g) => word(g.rule));
    const bits = [`${e.won} wins of ${e.closedDeals} decided, ${e.newDeals} new logos (${formatMoney(e.newBookings, cur)})`];
    if (e.renewals > 0) bits.push(`${e.renewals} renewals of ${formatMoney(e.arrDue ?? 0, cur)}`);
    if (e.topRep !== null && e.topRepShare !== null) bits.push(`top rep ${e.topRep} ${e.topRepWins} of ${e.won} wins`);
    const verdict = e.small
      ? `too few closed deals to grade (${e.closedDeals})`
      : failing.length > 0
        ? `below the ${SEGMENT_WORD[e.benchmarkSegment]} benchmarks on ${failing.join(', ')}${watch.length > 0 ? `; watch ${watch.join(', ')}` : ''}`
        : watch.length > 0
          ? `watch ${watch.join(', ')}`
          : `meets the ${SEGMENT_WORD[e.benchmarkSegment]} benchmarks`;
    bullets.push(`${e.label}: ${bits.join('; ')}; ${verdict}.`);
  }
  bullets.push(...b.notes);
  return { id: 'engines', title: 'ENGINES', note: 'by segment and motion', lead, tables, bullets };
}

const SHORT_CATEGORY: Readonly<Record<string, string>> = {
  price: 'price',
  competitor: 'competitor',
  no_decision: 'no decision',
  timing: 'timing',
  product: 'product',
  other: 'other',
  not_given: '—',
};

function lossesBlock(r: AuditReport): CroBlock | null {
  const l = r.losses?.deals ?? null;
  const c = r.losses?.churn ?? null;
  if (l === null && c === null) return null;
  const cur = r.company.currency;
  const lead: string[] = [];
  const tables: CroTable[] = [];
  const bullets: string[] = [];
  if (l !== null && l.withReason === 0) {
    lead.push(`${formatInt(l.lostDeals)} deals lost in the last twelve months (${formatMoney(l.lostValue, cur)}); none carries a lost reason, so why deals are lost cannot be read. Map or add a lost-reason column (e.g. "Closed Lost Reason").`);
  } else if (l !== null) {
    lead.push(`${formatInt(l.lostDeals)} deals lost in the last twelve months (${formatMoney(l.lostValue, cur)}), ${formatInt(l.withReason)} with a reason; ranked by lost value. Trend: share of losses, ${l.trendBasis}.`);
    tables.push({
      caption: 'Lost reasons',
      head: ['Reason', 'Kind', 'Deals', 'Value', 'Share', 'Trend'],
      align: ['l', 'l', 'r', 'r', 'r', 'l'],
      rows: l.reasons.map((x) => [
        clip(x.reason, 20),
        SHORT_CATEGORY[x.category] ?? x.category,
        formatInt(x.count),
        formatMoney(x.value, cur),
        pc(x.valueShare),
        x.trend === null ? '—' : `${x.trend} ${pc(x.priorShare)}→${pc(x.recentShare)}`,
      ]),
    });
    const cut = (title: string, list: typeof l.bySegment, n: number): void => {
      const shown = list.filter((x) => x.topReason !== null).slice(0, n);
      if (shown.length > 0) bullets.push(`${title}: ${shown.map((x) => `${x.group} "${x.topReason}" (${pc(x.topShare)} of ${formatMoney(x.lostValue, cur)})`).join(', ')}.`);
    };
    cut('First reason by segment', l.bySegment, 6);
    cut('By owner (most lost value first)', l.byOwner, 4);
    const cats = l.categories.filter((x) => x.category !== 'not_given').map((x) => `${LOSS_CATEGORY_LABELS[x.category]} ${pc(x.valueShare)}`);
    if (cats.length > 0) bullets.push(`By kind, share of lost value: ${cats.join(', ')}.`);
    bullets.push(...l.notes);
  } else {
    lead.push('No lost deals in the window, or no lost-reason column.');
  }
  if (c !== null) {
    if (c.given) {
      bullets.push(`Why customers leave (${c.churnedOrContracted} churned or contracted, ${formatMoney(c.lostArr, cur)} ARR): ${c.reasons.slice(0, 5).map((x) => `"${x.reason}" ${pc(x.share)}`).join(', ')}.`);
    } else if (c.request !== null) {
      bullets.push(`Why customers leave: not given (${c.churnedOrContracted} churned or contracted accounts, ${formatMoney(c.lostArr, cur)} ARR). Data we need: ${c.request}.`);
    }
  }
  const qp = r.losses?.quarterEndPricing ?? null;
  if (qp !== null && qp.sizeRatio !== null) {
    bullets.push(
      `Discount evidence: quarter-end wins are ${formatValue(qp.sizeRatio, 'multiple')} the size of same-segment wins closed earlier in the quarter (${qp.quarterEndDeals} vs ${qp.otherDeals} new deals)${qp.discountEvidence ? ': deals are discounted to land in the quarter' : ': no sign of end-of-quarter discounting in the amounts'}.`,
    );
  }
  return { id: 'losses', title: 'WHY WE LOSE, WHY THEY LEAVE', note: null, lead, tables, bullets };
}

function funnelBlock(r: AuditReport): CroBlock | null {
  const f = r.funnel?.channels ?? null;
  const w = r.funnel?.winRate ?? null;
  if (f === null && w === null) return null;
  const cur = r.company.currency;
  const lead: string[] = [];
  const tables: CroTable[] = [];
  const bullets: string[] = [];
  const m = (v: number | null): string => (v === null ? '—' : formatMoney(v, cur));
  const n = (v: number | null): string => (v === null ? '—' : formatInt(v));
  if (f === null) {
    lead.push('The channel funnel needs a spend file with marketing spend by channel (and leads, MQLs, SQLs counts) (--spend); the win-rate definition below stands on the deals alone.');
  } else {
    lead.push(`Counts in the last twelve months (${f.basis}).`);
    const all = [...f.rows, f.total];
    tables.push({
      caption: 'Volumes',
      head: ['Channel', 'Spend', 'Leads', 'MQLs', 'SQLs', 'Opps', 'Won'],
      align: ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
      rows: all.map((x) => [clip(x.channel, LABEL_MAX), m(x.spend), n(x.leads), n(x.mqls), n(x.sqls), n(x.opportunities), n(x.won)]),
    });
    tables.push({
      caption: 'Conversion and cost per step',
      head: ['Channel', 'L→MQL', 'MQL→SQL', 'SQL→Opp', 'Opp→Won', '$/SQL', '$/Won'],
      align: ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
      rows: all.map((x) => [clip(x.channel, LABEL_MAX), pc(x.leadToMql), pc(x.mqlToSql), pc(x.sqlToOpportunity), pc(x.opportunityToWon), m(x.costPerSql), m(x.costPerWon)]),
    });
    bullets.push(...f.notes);
  }
  if (w !== null) {
    bullets.push(`Win rate, one definition: ${formatPercent(w.primary.value)} = ${w.primary.definition}.`);
    for (const v of w.variants) bullets.push(`Variant "${v.name}": ${formatPercent(v.value)} = ${v.definition}.`);
    bullets.push(w.explanation);
  }
  return { id: 'funnel', title: 'FUNNEL BY CHANNEL', note: 'leads to wins', lead, tables, bullets };
}

export function croReadBlocks(r: AuditReport): CroBlock[] {
  return [enginesBlock(r), lossesBlock(r), funnelBlock(r)].filter((b): b is CroBlock => b !== null);
}

// ---------------------------------------------------------------------------------------------
// Renderers

function padCell(s: string, w: number, a: 'l' | 'r'): string {
  const pad = ' '.repeat(Math.max(0, w - [...s].length));
  return a === 'r' ? pad + s : s + pad;
}

function terminalTable(t: CroTable, style: Style): string[] {
  const widths = t.head.map((h, i) => Math.max([...h].length, ...t.rows.map((row) => [...(row[i] ?? '')].length)));
  const line = (cells: readonly string[]): string => `  ${cells.map((c, i) => padCell(c, widths[i] ?? 0, t.align[i] ?? 'l')).join('  ')}`.replace(/\s+$/, '');
  const out: string[] = [];
  if (t.caption !== null) out.push(style.bold(`  ${t.caption}`));
  out.push(style.dim(line(t.head)));
  for (const row of t.rows) out.push(line(row));
  return out;
}

export function renderCroReadTerminal(r: AuditReport, style: Style): string[] {
  const out: string[] = [];
  for (const b of croReadBlocks(r)) {
    out.push(...section(b.title, style, b.note));
    for (const p of b.lead) out.push(...hanging(safeText(p), '  ', '  '));
    for (const t of b.tables) out.push('', ...terminalTable(t, style));
    if (b.bullets.length > 0) out.push('');
    for (const x of b.bullets) out.push(...hanging(safeText(x), '  • ', '    '));
  }
  return out;
}

export function renderCroReadMarkdown(r: AuditReport, e: (s: string) => string): string[] {
  const out: string[] = [];
  const titles: Readonly<Record<CroBlock['id'], string>> = { engines: 'Engines by segment and motion', losses: 'Why we lose, why they leave', funnel: 'Funnel by channel' };
  for (const b of croReadBlocks(r)) {
    out.push('', `## ${titles[b.id]}`, '');
    for (const p of b.lead) out.push(e(p), '');
    for (const t of b.tables) {
      if (t.caption !== null) out.push(`**${e(t.caption)}**`, '');
      out.push(`| ${t.head.map(e).join(' | ')} |`, `| ${t.align.map((a) => (a === 'r' ? '---:' : '---')).join(' | ')} |`);
      for (const row of t.rows) out.push(`| ${row.map((c) => (c === '' ? ' ' : e(c))).join(' | ')} |`);
      out.push('');
    }
    for (const x of b.bullets) out.push(`- ${e(x)}`);
  }
  return out;
}

export function renderCroReadHtml(r: AuditReport, h: (s: string) => string): string {
  const titles: Readonly<Record<CroBlock['id'], string>> = { engines: 'Engines by segment and motion', losses: 'Why we lose, why they leave', funnel: 'Funnel by channel' };
  return croReadBlocks(r)
    .map((b) => {
      const tables = b.tables
        .map(
          (t) =>
            `${t.caption === null ? '' : `<h3>${h(t.caption)}</h3>`}<table><thead><tr>${t.head.map((x, i) => `<th${t.align[i] === 'r' ? ' class="num"' : ''}>${h(x)}</th>`).join('')}</tr></thead><tbody>${t.rows
              .map((row) => `<tr>${row.map((c, i) => `<td${t.align[i] === 'r' ? ' class="num"' : ''}>${h(c)}</td>`).join('')}</tr>`)
              .join('')}</tbody></table>`,
        )
        .join('\n');
      return `<section id="${b.id}"><h2>${h(titles[b.id])}</h2>${b.lead.map((p) => `<p>${h(p)}</p>`).join('')}
${tables}${b.bullets.length > 0 ? `<ul class="small">${b.bullets.map((x) => `<li>${h(x)}</li>`).join('')}</ul>` : ''}</section>`;
    })
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// CRO readiness extras (triggers not fired, what the role would fix first)

export const TRIGGER_LABELS: Readonly<Record<string, string>> = {
  arr_band: 'ARR band',
  crossing_band: 'crossing an ARR band within a year',
  churn_despite_bookings: 'high churn despite strong bookings',
  functions_misaligned: 'functions misaligned',
  segment_expansion: 'segment or market expansion',
  scaling_transition: 'founder-led to scale-up transition',
  plateau: 'growth plateau',
};

/** Lines shown under the readiness verdict: what to fix first, then the triggers checked that did not fire. */
export function readinessExtras(r: AuditReport): { fixFirst: string[]; notFired: string[] } {
  const c = r.diagnosis?.croReadiness;
  if (c === undefined) return { fixFirst: [], notFired: [] };
  return {
    fixFirst: [...(c.fixFirst ?? [])],
    notFired: (c.triggers ?? []).filter((t) => !t.fired && t.id !== 'arr_band').map((t) => `${TRIGGER_LABELS[t.id] ?? t.id}: ${t.evidence}`),
  };
}
