/**
 * Wording and small presentation helpers shared by the terminal, Markdown and HTML renderers.
 * Format, never compute: everything here maps a value of the AuditReport to words or glyphs.
 */
import type { AuditReport, InputKind, MetricChange, MetricResult, MetricUnit, MonthlyPoint, RuleResult, Thresholds } from '../audit/contract.js';
import { presetTitle } from '../base/labels.js';
import { pointOf } from '../base/score-scale.js';
import { formatInt, formatMoney, formatValue } from '../base/format.js';

/** "hubspot" -> "HubSpot deals export"; unknown ids are shown as they are. */
export function presetLabel(kind: InputKind, preset: string): string {
  return presetTitle(kind, preset);
}

/** An input's name in narrow terminal columns: "subscriptions" is shortened to "subs". */
export function inputLabel(kind: InputKind): string {
  return kind === 'subscriptions' ? 'subs' : kind;
}

/** Plain words for the public reject codes (see model.ts RejectCode). */
const REJECT_LABELS: Readonly<Record<string, string>> = {
  invalid_amount: 'amount not a number',
  missing_amount: 'amount missing',
  negative_amount: 'negative amount',
  invalid_date: 'date not readable',
  missing_date: 'date missing',
  close_before_create: 'closed before created',
  unmapped_stage: 'stage not mapped',
  missing_stage: 'stage missing',
  duplicate_id: 'duplicate id',
  missing_value: 'required value missing',
  invalid_value: 'value not valid',
  wrong_column_count: 'wrong number of columns',
  foreign_currency: 'other currency, no rate',
};

export function rejectLabel(code: string): string {
  return REJECT_LABELS[code] ?? code.replace(/_/g, ' ');
}

export function asOfSourceLabel(source: AuditReport['asOfSource']): string {
  return source === 'flag' ? 'set with --as-of' : source === 'config' ? 'set in the config' : 'latest date in the data';
}

/** The metric window; its start date is exclusive (asOf − 12 months < d ≤ asOf). */
export function windowLabel(w: AuditReport['window']): string {
  return `after ${w.start} through ${w.end}`;
}

export const STATUS_LABELS: Readonly<Record<RuleResult['status'], string>> = {
  pass: 'Pass',
  warn: 'Watch',
  fail: 'Fail',
  'n/a': 'n/a',
  check: 'Check the inputs',
};

export const SEVERITY_LABELS: Readonly<Record<'critical' | 'warning' | 'info', string>> = {
  critical: 'Critical',
  warning: 'Warning',
  info: 'Info',
};

/** Headline figures for the executive summary, in display order (those present are shown). */
export const KEY_METRICS: readonly string[] = [
  'bookings',
  'arr_growth',
  'nrr',
  'grr',
  'win_rate',
  'pipeline_coverage',
  'cac_payback_months',
  'ltv_to_cac',
];

export function metricById(r: AuditReport, id: string): MetricResult | undefined {
  return r.metrics.find((m) => m.id === id);
}

/** Title of a metric, falling back to its id. */
export function metricTitle(r: AuditReport, id: string): string {
  return metricById(r, id)?.title ?? id;
}

/** Area id -> title when it names an area of the report, else the text as given. */
export function areaTitle(r: AuditReport, idOrTitle: string): string {
  return r.grades.areas.find((a) => a.area === idOrTitle)?.title ?? idOrTitle;
}

/** A threshold without trailing zeros: "90%", "2.5×", "18 mo", "$1M". */
export function formatThreshold(v: number, unit: MetricUnit, currency: string): string {
  return formatValue(v, unit, currency).replace(/(\d)\.(\d*?)0+(?=\D*$)/, (_m, d: string, keep: string) => (keep === '' ? d : `${d}.${keep}`));
}

/**
 * The line a status is judged by, then the healthy target: "pass ≥ 88%, good ≥ 90%". A rule
 * passes at score 80, the midpoint of fair and good (pointOf 'pass'), so printing only "good"
 * beside a pass would contradict it ("26.5% — good 30%–40% — pass").
 */
export function benchmarkLabel(direction: RuleResult['direction'], t: Thresholds, unit: MetricUnit, currency: string): string {
  const f = (v: number): string => formatThreshold(v, unit, currency);
  const pass = pointOf(t, 'pass') as number;
  if (direction === 'higher') return `pass ≥ ${f(pass)}, good ≥ ${f(t.good)}`;
  if (direction === 'lower') return `pass ≤ ${f(pass)}, good ≤ ${f(t.good)}`;
  const passMax = pointOf(t, 'passMax');
  return `pass ${f(pass)}–${passMax === null ? '…' : f(passMax)}, good ${f(t.good)}–${t.goodMax === undefined ? '…' : f(t.goodMax)}`;
}

/** A signed change in the metric's unit: ratios as percentage points. */
export function formatDelta(delta: number | null, unit: MetricUnit, currency: string): string {
  if (delta === null) return '—';
  if (Math.abs(delta) < 1e-9) return '±0';
  const sign = delta > 0 ? '+' : '−';
  const a = Math.abs(delta);
  switch (unit) {
    case 'ratio':
      return `${sign}${(a * 100).toFixed(1)} pts`;
    case 'currency':
      return `${sign}${formatMoney(a, currency)}`;
    case 'count':
      return `${sign}${formatInt(a)}`;
    default:
      return `${sign}${formatValue(a, unit, currency)}`;
  }
}

/** Score change of a grade: "+3.1", "−2.0", "±0", or "—" without both scores. */
export function formatScoreDelta(delta: number | null): string {
  if (delta === null) return '—';
  if (delta === 0) return '±0';
  return `${delta > 0 ? '+' : '−'}${Math.abs(delta).toFixed(1)}`;
}

const STATUS_RANK: Readonly<Record<string, number>> = { pass: 3, warn: 2, fail: 1 };

/**
 * True when a metric's rule status got worse (pass → warn, warn → fail...).
 * Mirrors compare.ts's regression rule; the contract should carry it (see the report to the lead).
 */
export function metricRegressed(m: MetricChange): boolean {
  if (m.statusBefore === null || m.statusAfter === null || m.statusBefore === 'n/a' || m.statusAfter === 'n/a') return false;
  return (STATUS_RANK[m.statusAfter] ?? 0) < (STATUS_RANK[m.statusBefore] ?? 0);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2025-03" -> "Mar 2025" (or "Mar 25" when short). */
export function monthLabel(month: string, short = false): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  const name = MONTHS[Number(m[2]) - 1] ?? m[2];
  return short ? `${name} ${(m[1] as string).slice(2)}` : `${name} ${m[1]}`;
}

/** The last `max` points of a monthly series (charts and sparklines show at most that many). */
export function lastMonths(points: readonly MonthlyPoint[] | undefined, max: number): readonly MonthlyPoint[] {
  if (!points) return [];
  return points.length <= max ? points : points.slice(points.length - max);
}

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** ▁▂▃▄▅▆▇█ from the smallest to the largest value shown; a missing month is "·". */
export function sparkline(values: readonly (number | null)[]): string {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return '';
  const lo = Math.min(...present);
  const hi = Math.max(...present);
  return values
    .map((v) => {
      if (v === null || !Number.isFinite(v)) return '·';
      if (hi === lo) return BLOCKS[3];
      const i = Math.round(((v - lo) / (hi - lo)) * (BLOCKS.length - 1));
      return BLOCKS[Math.max(0, Math.min(BLOCKS.length - 1, i))];
    })
    .join('');
}

/** The last point of a series that has a value. */
export function lastValue(points: readonly MonthlyPoint[]): MonthlyPoint | null {
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i] as MonthlyPoint;
    if (p.value !== null) return p;
  }
  return null;
}

/** Monthly series shown as trends, with their units. */
export const TREND_SERIES: readonly { readonly id: string; readonly title: string; readonly unit: MetricUnit }[] = [
  { id: 'bookings', title: 'Bookings', unit: 'currency' },
  { id: 'pipeline_created', title: 'Pipeline created', unit: 'currency' },
  { id: 'win_rate', title: 'Win rate', unit: 'ratio' },
  { id: 'median_cycle_days', title: 'Median sales cycle', unit: 'days' },
  { id: 'spend', title: 'S&M spend', unit: 'currency' },
  { id: 'new_customers', title: 'New customers', unit: 'count' },
];

/**
 * The methodology settings a metric used, from its notes, without the explanation:
 * ["winRate = count (default)", "staleDealsAsLost = false (default)"].
 */
export function methodologyLabels(m: MetricResult | undefined): string[] {
  if (!m) return [];
  return m.notes.filter((n) => n.startsWith('methodology.')).map((n) => n.slice('methodology.'.length).replace(/: .*$/s, ''));
}

/** Formats a money amount at a "/yr" impact. */
/**
 * A finding's money in words, by kind (the impact model): "$1.0M a year lost", "$250k a year at
 * risk (exposure $1.0M × 25%)", "$300k a year upside". Without a kind (older files): "… a year".
 */
export function impactLabel(impact: { readonly kind?: 'loss' | 'risk' | 'upside'; readonly annual: number | null; readonly exposure?: number | null; readonly likelihood?: number | null }, currency: string): string {
  const { kind, annual } = impact;
  if (annual === null) {
    return kind === 'risk' && impact.exposure != null ? `not estimated (exposure ${formatMoney(impact.exposure, currency)})` : 'not estimated';
  }
  const money = `${formatMoney(annual, currency)} a year`;
  if (kind === 'loss') return `${money} lost`;
  if (kind === 'upside') return `${money} upside`;
  if (kind === 'risk') {
    const basis =
      impact.exposure != null && impact.likelihood != null
        ? ` (exposure ${formatMoney(impact.exposure, currency)} × ${Math.round(impact.likelihood * 1000) / 10}%)`
        : '';
    return `${money} at risk${basis}`;
  }
  return money;
}

/** A function's money by kind, never added across kinds: "lost $1.0M · at risk $200k · upside $50k", or "—". */
export function functionMoneyLabel(g: { readonly annualAtStake: number; readonly annualAtRisk?: number; readonly annualUpside?: number }, currency: string): string {
  const parts: string[] = [];
  if (g.annualAtStake > 0) parts.push(`lost ${formatMoney(g.annualAtStake, currency)}`);
  if ((g.annualAtRisk ?? 0) > 0) parts.push(`at risk ${formatMoney(g.annualAtRisk as number, currency)}`);
  if ((g.annualUpside ?? 0) > 0) parts.push(`upside ${formatMoney(g.annualUpside as number, currency)}`);
  return parts.length === 0 ? '—' : parts.join(' · ');
}
