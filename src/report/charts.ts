/**
 * Inline SVG charts for the HTML report. Pure functions: plain data in, an SVG string out.
 * No scripts, no external references, no randomness; coordinates are printed with one decimal so
 * the output is byte-stable. Every text taken from the input (channel names, titles) is escaped.
 * The caller decides what to show when data is missing (see html.ts: "n/a: reason").
 */
import { formatMoney, formatPercent, truncate } from '../base/format.js';
import { monthLabel } from './labels.js';
import { cleanLine } from './sanitize.js';

/** Escapes text for HTML element content and attribute values (also inside inline SVG). */
export function escapeHtml(s: string): string {
  return cleanLine(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/`/g, '&#96;');
}

export const PALETTE = {
  ink: '#1f2937',
  muted: '#6b7280',
  grid: '#e5e7eb',
  band: '#f3f4f6',
  navy: '#1e3a5f',
  teal: '#0f766e',
  orange: '#c2410c',
  green: '#15803d',
  amber: '#b45309',
  red: '#b91c1c',
} as const;

const W = 720;

function n1(v: number): string {
  const r = Math.round(v * 10) / 10;
  return (Object.is(r, -0) ? 0 : r).toFixed(1).replace(/\.0$/, '');
}

/** A "nice" upper bound for an axis: 1, 2, 2.5, 5 × 10^k at or above `max`. */
export function niceMax(max: number): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  const exp = Math.floor(Math.log10(max));
  const base = 10 ** exp;
  for (const m of [1, 2, 2.5, 5, 10]) if (m * base >= max * 0.999999) return m * base;
  return 10 * base;
}

function open(id: string, cls: string, h: number, title: string, desc: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" id="${escapeHtml(id)}" class="chart ${escapeHtml(cls)}" viewBox="0 0 ${W} ${h}" ` +
    `width="100%" role="img" aria-labelledby="${escapeHtml(id)}-title ${escapeHtml(id)}-desc" preserveAspectRatio="xMidYMid meet">` +
    `<title id="${escapeHtml(id)}-title">${escapeHtml(title)}</title><desc id="${escapeHtml(id)}-desc">${escapeHtml(desc)}</desc>`
  );
}

function text(x: number, y: number, s: string, attrs = ''): string {
  return `<text x="${n1(x)}" y="${n1(y)}"${attrs ? ` ${attrs}` : ''}>${escapeHtml(s)}</text>`;
}

/** Text with a white halo, readable over lines and bars. */
function haloText(x: number, y: number, s: string, attrs = ''): string {
  return text(x, y, s, `stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"${attrs ? ` ${attrs}` : ''}`);
}

/** Axis money without trailing zeros: "$5M", "$2.5M", "$1.25M". */
function axisMoney(v: number, currency: string): string {
  return formatMoney(v, currency).replace(/\.0+(?=[kMB]$)|(\.\d*?[1-9])0+(?=[kMB]$)/, '$1');
}

function line(x1: number, y1: number, x2: number, y2: number, attrs: string): string {
  return `<line x1="${n1(x1)}" y1="${n1(y1)}" x2="${n1(x2)}" y2="${n1(y2)}" ${attrs}/>`;
}

function rect(x: number, y: number, w: number, h: number, attrs: string, tooltip?: string): string {
  const t = tooltip === undefined ? '' : `<title>${escapeHtml(tooltip)}</title>`;
  const body = `x="${n1(x)}" y="${n1(y)}" width="${n1(Math.max(0, w))}" height="${n1(Math.max(0, h))}" ${attrs}`;
  return t ? `<rect ${body}>${t}</rect>` : `<rect ${body}/>`;
}

function legendItem(x: number, y: number, color: string, label: string, kind: 'box' | 'line' | 'dash'): string {
  const mark =
    kind === 'box'
      ? rect(x, y - 9, 12, 10, `fill="${color}"`)
      : line(x, y - 4, x + 14, y - 4, `stroke="${color}" stroke-width="2.5"${kind === 'dash' ? ' stroke-dasharray="4 3"' : ''}`);
  return mark + text(x + 18, y, label, `font-size="12" fill="${PALETTE.ink}"`);
}

/** Which x labels to print: about eight, always the last. */
function labelEvery(n: number): number {
  return Math.max(1, Math.ceil(n / 8));
}

function yGrid(x0: number, x1: number, yOf: (v: number) => number, max: number, fmt: (v: number) => string, ticks = 4): string {
  let out = '';
  for (let i = 0; i <= ticks; i++) {
    const v = (max * i) / ticks;
    const y = yOf(v);
    out += line(x0, y, x1, y, `stroke="${i === 0 ? PALETTE.muted : PALETTE.grid}" stroke-width="1"`);
    out += text(x0 - 6, y + 4, fmt(v), `font-size="11" fill="${PALETTE.muted}" text-anchor="end"`);
  }
  return out;
}

export interface MonthlyBarsLineInput {
  readonly id: string;
  readonly title: string;
  readonly months: readonly string[];
  readonly bars: { readonly label: string; readonly values: readonly (number | null)[] };
  readonly line: { readonly label: string; readonly values: readonly (number | null)[] };
  readonly currency: string;
  /** Months inside the audit window are shaded: after `after` through `through` ("YYYY-MM"). */
  readonly window?: { readonly after: string; readonly through: string };
}

/** Monthly bars (bookings) with a line (pipeline created) on one money axis. */
export function monthlyBarsLineChart(input: MonthlyBarsLineInput): string {
  const H = 290;
  const m = { l: 64, r: 16, t: 40, b: 30 };
  const n = input.months.length;
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const all = [...input.bars.values, ...input.line.values].filter((v): v is number => v !== null && Number.isFinite(v));
  const max = niceMax(Math.max(0, ...all));
  const yOf = (v: number): number => m.t + ph - (Math.max(0, v) / max) * ph;
  const step = pw / Math.max(1, n);
  const xc = (i: number): number => m.l + step * (i + 0.5);
  const money = (v: number): string => formatMoney(v, input.currency);
  const axis = (v: number): string => axisMoney(v, input.currency);
  let s = open(input.id, 'chart-monthly', H, input.title, `${input.bars.label} as bars and ${input.line.label} as a line, by month, ${input.months[0] ?? ''} to ${input.months[n - 1] ?? ''}.`);
  if (input.window) {
    const { after, through } = input.window;
    const inWin = input.months.map((mo, i) => ({ mo, i })).filter(({ mo }) => mo > after && mo <= through);
    if (inWin.length > 0) {
      const first = (inWin[0] as { i: number }).i;
      const last = (inWin[inWin.length - 1] as { i: number }).i;
      s += rect(m.l + step * first, m.t, step * (last - first + 1), ph, `fill="${PALETTE.band}"`);
      s += text(m.l + step * (last + 1) - 4, m.t + 12, 'audit window', `font-size="10" fill="${PALETTE.muted}" text-anchor="end"`);
    }
  }
  s += yGrid(m.l, W - m.r, yOf, max, axis);
  const bw = Math.max(2, step * 0.62);
  input.bars.values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) return;
    const y = yOf(v);
    s += rect(xc(i) - bw / 2, y, bw, m.t + ph - y, `class="bar" fill="${PALETTE.navy}"`, `${monthLabel(input.months[i] ?? '')}: ${input.bars.label} ${money(v)}`);
  });
  const pts = input.line.values.map((v, i) => (v === null || !Number.isFinite(v) ? null : `${n1(xc(i))},${n1(yOf(v))}`));
  // one polyline per run of consecutive values
  let run: string[] = [];
  const flush = (): void => {
    if (run.length > 1) s += `<polyline class="line" points="${run.join(' ')}" fill="none" stroke="${PALETTE.orange}" stroke-width="2.5" stroke-linejoin="round"/>`;
    run = [];
  };
  for (const p of pts) {
    if (p === null) flush();
    else run.push(p);
  }
  flush();
  input.line.values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) return;
    s += `<circle cx="${n1(xc(i))}" cy="${n1(yOf(v))}" r="2.8" fill="${PALETTE.orange}"><title>${escapeHtml(`${monthLabel(input.months[i] ?? '')}: ${input.line.label} ${money(v)}`)}</title></circle>`;
  });
  const every = labelEvery(n);
  input.months.forEach((mo, i) => {
    if ((n - 1 - i) % every !== 0) return;
    s += text(xc(i), H - m.b + 16, monthLabel(mo), `font-size="11" fill="${PALETTE.muted}" text-anchor="middle"`);
  });
  s += legendItem(m.l, 20, PALETTE.navy, input.bars.label, 'box');
  s += legendItem(m.l + 150, 20, PALETTE.orange, input.line.label, 'line');
  return `${s}</svg>`;
}

export interface TrendPanel {
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly format: (v: number) => string;
  readonly color: string;
  /** A reference value drawn as a dashed line (e.g. the trailing-twelve-month figure). */
  readonly reference?: { readonly value: number; readonly label: string };
}

export interface TrendInput {
  readonly id: string;
  readonly title: string;
  readonly months: readonly string[];
  readonly panels: readonly TrendPanel[];
}

/** Small multiples: one line panel per series, sharing the month axis. */
export function trendPanelsChart(input: TrendInput): string {
  const panelH = 120;
  const gap = 34;
  const m = { l: 64, r: 16, t: 26, b: 28 };
  const H = m.t + input.panels.length * panelH + (input.panels.length - 1) * gap + m.b;
  const n = input.months.length;
  const pw = W - m.l - m.r;
  const step = pw / Math.max(1, n);
  const xc = (i: number): number => m.l + step * (i + 0.5);
  let s = open(input.id, 'chart-trend', H, input.title, `${input.panels.map((p) => p.label).join(' and ')} by month.`);
  input.panels.forEach((p, k) => {
    const top = m.t + k * (panelH + gap);
    const vals = p.values.filter((v): v is number => v !== null && Number.isFinite(v));
    const max = niceMax(Math.max(0, ...vals, p.reference?.value ?? 0));
    const yOf = (v: number): number => top + panelH - (Math.max(0, v) / max) * panelH;
    s += text(m.l, top - 8, p.label, `font-size="12" font-weight="600" fill="${PALETTE.ink}"`);
    s += yGrid(m.l, W - m.r, yOf, max, p.format, 2);
    if (p.reference) {
      const y = yOf(p.reference.value);
      s += line(m.l, y, W - m.r, y, `stroke="${PALETTE.muted}" stroke-width="1.2" stroke-dasharray="5 4"`);
    }
    let run: string[] = [];
    const flush = (): void => {
      if (run.length > 1) s += `<polyline class="line" points="${run.join(' ')}" fill="none" stroke="${p.color}" stroke-width="2.2" stroke-linejoin="round"/>`;
      run = [];
    };
    p.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) {
        flush();
        return;
      }
      run.push(`${n1(xc(i))},${n1(yOf(v))}`);
    });
    flush();
    p.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) return;
      s += `<circle cx="${n1(xc(i))}" cy="${n1(yOf(v))}" r="2.5" fill="${p.color}"><title>${escapeHtml(`${monthLabel(input.months[i] ?? '')}: ${p.format(v)}`)}</title></circle>`;
    });
    if (p.reference) {
      s += haloText(W - m.r, top - 8, `dashed: ${p.reference.label}`, `font-size="11" fill="${PALETTE.muted}" text-anchor="end"`);
    }
  });
  const every = labelEvery(n);
  input.months.forEach((mo, i) => {
    if ((n - 1 - i) % every !== 0) return;
    s += text(xc(i), H - m.b + 16, monthLabel(mo), `font-size="11" fill="${PALETTE.muted}" text-anchor="middle"`);
  });
  return `${s}</svg>`;
}

export interface WaterfallInput {
  readonly id: string;
  readonly title: string;
  readonly currency: string;
  readonly start: number;
  readonly churn: number;
  readonly contraction: number;
  readonly expansion: number;
  readonly end: number;
  /** Shown under the title, e.g. "GRR 83.4% · NRR 92.4%". */
  readonly caption: string;
}

/** Starting ARR → churn → contraction → expansion → ending ARR. */
export function retentionWaterfallChart(input: WaterfallInput): string {
  const H = 300;
  const m = { l: 64, r: 16, t: 40, b: 34 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const afterChurn = input.start - input.churn;
  const afterContraction = afterChurn - input.contraction;
  const afterExpansion = afterContraction + input.expansion;
  const max = niceMax(Math.max(input.start, input.end, afterExpansion));
  const yOf = (v: number): number => m.t + ph - (Math.max(0, v) / max) * ph;
  const money = (v: number): string => formatMoney(v, input.currency);
  const steps: { label: string; from: number; to: number; color: string; value: string; cls: string }[] = [
    { label: 'Starting ARR', from: 0, to: input.start, color: PALETTE.navy, value: money(input.start), cls: 'start' },
    { label: 'Churn', from: afterChurn, to: input.start, color: PALETTE.red, value: `−${money(input.churn)}`, cls: 'churn' },
    { label: 'Contraction', from: afterContraction, to: afterChurn, color: PALETTE.amber, value: `−${money(input.contraction)}`, cls: 'contraction' },
    { label: 'Expansion', from: afterContraction, to: afterExpansion, color: PALETTE.green, value: `+${money(input.expansion)}`, cls: 'expansion' },
    { label: 'Ending ARR', from: 0, to: input.end, color: PALETTE.teal, value: money(input.end), cls: 'end' },
  ];
  const slot = pw / steps.length;
  const bw = slot * 0.56;
  let s = open(input.id, 'chart-waterfall', H, input.title, `Retention waterfall: ${steps.map((x) => `${x.label} ${x.value}`).join(', ')}.`);
  s += text(m.l, 20, input.caption, `font-size="12" fill="${PALETTE.ink}"`);
  s += yGrid(m.l, W - m.r, yOf, max, (v) => axisMoney(v, input.currency));
  steps.forEach((st, i) => {
    const x = m.l + slot * i + (slot - bw) / 2;
    const yTop = yOf(Math.max(st.from, st.to));
    const yBot = yOf(Math.min(st.from, st.to));
    s += rect(x, yTop, bw, Math.max(1, yBot - yTop), `class="step step-${st.cls}" fill="${st.color}"`, `${st.label}: ${st.value}`);
    s += haloText(x + bw / 2, yTop - 6, st.value, `font-size="12" font-weight="600" fill="${PALETTE.ink}" text-anchor="middle"`);
    s += text(x + bw / 2, H - m.b + 18, st.label, `font-size="12" fill="${PALETTE.muted}" text-anchor="middle"`);
    const next = steps[i + 1];
    if (next) {
      const level = i === 0 ? input.start : i === 1 ? afterChurn : i === 2 ? afterContraction : afterExpansion;
      s += line(x + bw, yOf(level), x + slot, yOf(level), `stroke="${PALETTE.muted}" stroke-width="1" stroke-dasharray="3 3"`);
    }
  });
  return `${s}</svg>`;
}

export interface ChannelRow {
  readonly channel: string;
  readonly spend: number;
  /** null when the channel won no new customers. */
  readonly cac: number | null;
}

export interface ChannelInput {
  readonly id: string;
  readonly title: string;
  readonly currency: string;
  readonly rows: readonly ChannelRow[];
  /** Paid CAC over all channels, drawn as a dashed reference. */
  readonly blendedCac: number | null;
}

/** Two bar panels side by side: spend per channel, and CAC per channel. */
export function channelSpendCacChart(input: ChannelInput): string {
  const rowH = 30;
  const m = { l: 150, t: 46, b: 14 };
  const panelGap = 40;
  const panelW = (W - m.l - 16 - panelGap) / 2;
  const H = m.t + input.rows.length * rowH + m.b;
  const money = (v: number): string => formatMoney(v, input.currency);
  const maxSpend = niceMax(Math.max(0, ...input.rows.map((r) => r.spend)));
  const cacs = input.rows.map((r) => r.cac).filter((v): v is number => v !== null);
  const maxCac = niceMax(Math.max(0, ...cacs, input.blendedCac ?? 0));
  const x0 = m.l;
  const x1 = m.l + panelW + panelGap;
  let s = open(input.id, 'chart-channels', H, input.title, `Spend and CAC per channel: ${input.rows.map((r) => `${r.channel} ${money(r.spend)} spend, CAC ${r.cac === null ? 'n/a' : money(r.cac)}`).join('; ')}.`);
  s += text(x0, 18, 'Spend in the window', `font-size="12" font-weight="600" fill="${PALETTE.ink}"`);
  s += text(x1, 18, 'CAC per won new customer', `font-size="12" font-weight="600" fill="${PALETTE.ink}"`);
  s += line(x0, m.t - 8, x0, H - m.b, `stroke="${PALETTE.muted}" stroke-width="1"`);
  s += line(x1, m.t - 8, x1, H - m.b, `stroke="${PALETTE.muted}" stroke-width="1"`);
  if (input.blendedCac !== null) {
    const x = x1 + (input.blendedCac / maxCac) * (panelW - 64);
    s += line(x, m.t - 8, x, H - m.b, `stroke="${PALETTE.muted}" stroke-width="1.2" stroke-dasharray="4 3"`);
    s += haloText(x, m.t - 12, `paid CAC ${money(input.blendedCac)}`, `font-size="10" fill="${PALETTE.muted}" text-anchor="middle"`);
  }
  input.rows.forEach((r, i) => {
    const y = m.t + i * rowH;
    s += text(m.l - 10, y + 15, truncate(r.channel, 20), `class="channel-label" font-size="12" fill="${PALETTE.ink}" text-anchor="end"`);
    const ws = (r.spend / maxSpend) * (panelW - 64);
    s += rect(x0, y + 4, ws, rowH - 12, `class="bar bar-spend" fill="${PALETTE.navy}"`, `${r.channel}: spend ${money(r.spend)}`);
    s += haloText(x0 + ws + 6, y + 15, money(r.spend), `font-size="11" fill="${PALETTE.ink}"`);
    if (r.cac === null) {
      s += haloText(x1 + 6, y + 15, 'no won new customers', `font-size="11" fill="${PALETTE.muted}" font-style="italic"`);
    } else {
      const wc = (r.cac / maxCac) * (panelW - 64);
      s += rect(x1, y + 4, wc, rowH - 12, `class="bar bar-cac" fill="${PALETTE.orange}"`, `${r.channel}: CAC ${money(r.cac)}`);
      s += haloText(x1 + wc + 6, y + 15, money(r.cac), `font-size="11" fill="${PALETTE.ink}"`);
    }
  });
  return `${s}</svg>`;
}

export interface AreaScoreRow {
  readonly title: string;
  readonly score: number | null;
  readonly grade: string | null;
}

export function gradeColor(grade: string | null): string {
  if (grade === 'A' || grade === 'B') return PALETTE.green;
  if (grade === 'C') return PALETTE.amber;
  if (grade === 'D' || grade === 'F') return PALETTE.red;
  return PALETTE.muted;
}

/** Horizontal bars 0–100 per area, with the letter-grade cut-offs. */
export function areaScoresChart(input: { readonly id: string; readonly title: string; readonly rows: readonly AreaScoreRow[] }): string {
  const rowH = 32;
  const m = { l: 190, r: 70, t: 30, b: 10 };
  const H = m.t + input.rows.length * rowH + m.b;
  const pw = W - m.l - m.r;
  const xOf = (v: number): number => m.l + (Math.max(0, Math.min(100, v)) / 100) * pw;
  let s = open(input.id, 'chart-areas', H, input.title, `Score out of 100 per area: ${input.rows.map((r) => `${r.title} ${r.score === null ? 'n/a' : `${r.score.toFixed(1)} (${r.grade ?? ''})`}`).join(', ')}.`);
  for (const [cut, letter] of [[60, 'D'], [70, 'C'], [80, 'B'], [90, 'A']] as const) {
    s += line(xOf(cut), m.t - 6, xOf(cut), H - m.b, `stroke="${PALETTE.grid}" stroke-width="1"`);
    s += text(xOf(cut) + 3, m.t - 10, `${letter} ${cut}`, `font-size="10" fill="${PALETTE.muted}"`);
  }
  s += line(m.l, m.t - 6, m.l, H - m.b, `stroke="${PALETTE.muted}" stroke-width="1"`);
  input.rows.forEach((r, i) => {
    const y = m.t + i * rowH;
    s += text(m.l - 10, y + 16, r.title, `font-size="12" fill="${PALETTE.ink}" text-anchor="end"`);
    if (r.score === null) {
      s += text(m.l + 6, y + 16, 'n/a: no scored rule', `font-size="11" fill="${PALETTE.muted}" font-style="italic"`);
      return;
    }
    const color = gradeColor(r.grade);
    s += rect(m.l, y + 5, xOf(r.score) - m.l, rowH - 12, `class="bar bar-area" fill="${color}"`, `${r.title}: ${r.score.toFixed(1)}`);
    s += text(xOf(r.score) + 6, y + 17, `${r.grade ?? ''} · ${r.score.toFixed(1)}`, `font-size="12" font-weight="600" fill="${color}"`);
  });
  return `${s}</svg>`;
}

export function percentAxis(v: number): string {
  return formatPercent(v, 0);
}
