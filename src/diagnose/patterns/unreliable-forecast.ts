/**
 * unreliable_forecast: committed forecasts miss actual bookings by a wide margin.
 */
import { addMonths, dayFromIso, isoFromDay, monthKey } from '../../base/time.js';
import { bench, detailPercents, noImpact, standard, type Metrics, type Pattern } from './kit.js';
import { cents, pct, type PatternInput } from '../signals.js';

/** Σ |actual − forecast| over month-aligned forecast periods that ended in the last twelve months. */
function forecastErrorMoney(input: PatternInput): { total: number; periods: { label: string; actual: number; forecast: number }[] } | { why: string } {
  const series = input.series['bookings'] ?? [];
  if (series.length === 0) return { why: 'the monthly bookings series is empty' };
  const byMonth = new Map(series.map((p) => [p.month, p.value]));
  const lastMonth = series[series.length - 1]!.month;
  const ref = input.asOf !== null ? dayFromIso(input.asOf) : (() => {
    const first = dayFromIso(`${lastMonth}-01`);
    return first === null ? null : addMonths(first, 1) - 1;
  })();
  if (ref === null) return { why: 'no as-of date' };
  const from = addMonths(ref, -12);
  const periods: { label: string; actual: number; forecast: number }[] = [];
  for (const f of input.profile.forecasts) {
    const start = dayFromIso(f.start);
    const end = dayFromIso(f.end);
    if (start === null || end === null || end > ref || end <= from) continue;
    const monthAligned = isoFromDay(start).endsWith('-01') && isoFromDay(end + 1).endsWith('-01');
    if (!monthAligned) return { why: `forecast ${f.label ?? `${f.start} to ${f.end}`} does not cover whole months, and actuals are read from the monthly bookings series` };
    let actual = 0;
    for (let m = start; m <= end; m = addMonths(m, 1)) {
      const v = byMonth.get(monthKey(m));
      if (v === undefined || v === null) return { why: `the monthly bookings series has no value for ${monthKey(m)}` };
      actual += v;
    }
    periods.push({ label: f.label ?? `${f.start} to ${f.end}`, actual, forecast: f.amountCents / 100 });
  }
  if (periods.length === 0) return { why: 'no forecast period ended in the last twelve months' };
  return { total: periods.reduce((s, p) => s + Math.abs(p.actual - p.forecast), 0), periods };
}

export const unreliableForecast: Pattern = standard(
  {
    id: 'unreliable_forecast',
    title: 'Unreliable forecast',
    description: 'Committed forecasts miss actual bookings by a wide margin: hiring, spend and cash plans rest on a number nobody can trust.',
    area: 'growth',
    owners: ['Sales', 'RevOps', 'Executive'],
    severity: 'warning',
    requires: ['forecast_accuracy'],
    triggers: [
      {
        metric: 'forecast_accuracy',
        op: 'below',
        at: { rule: 'forecast_accuracy', point: 'pass' },
        near: { rule: 'forecast_accuracy', point: 'good' },
        label: 'forecast accuracy below the pass point',
      },
    ],
    impactFormula:
      'risk, not added to revenue at stake: a forecast miss moves plans, not revenue. Exposure = Σ shortfall (forecast − actual, where actual fell short) over the forecast periods that ended in the last twelve months; misses above the forecast are shown but never added to shortfalls.',
    impactModel: { kind: 'risk', basis: 'bookings' },
    path: 'Make the forecast a process, not an opinion: defined categories with evidence for commit, weekly snapshots, accuracy measured per rep, and plans built on the commit number.',
    process: [
      { by: 30, owner: 'Sales', step: 'Define forecast categories (commit, best case, pipeline) with the evidence commit requires; reps submit weekly.', kpi: 'forecast accuracy ≥ {forecast_accuracy.pass}', kpiMetric: 'forecast_accuracy' },
      { by: 60, owner: 'RevOps', step: 'Snapshot the forecast weekly and measure accuracy per rep and per category.', kpi: 'forecast accuracy ≥ {forecast_accuracy.pass}', kpiMetric: 'forecast_accuracy' },
      { by: 90, owner: 'Executive', step: 'Plan hiring and spend on the commit number; review the variance every quarter.', kpi: 'forecast accuracy ≥ {forecast_accuracy.good}', kpiMetric: 'forecast_accuracy' },
    ],
  },
  (input) => {
    const acc = input.value('forecast_accuracy') as number;
    const per = detailPercents(input, 'forecast_accuracy', 'accuracy: ');
    const evidence = [`Forecasts averaged ${pct(acc)} accuracy (benchmark ≥ ${pct(bench(input, 'forecast_accuracy', 'good') as number)}).`];
    if (per.length > 0) evidence.push(`Per period: ${per.join(', ')}.`);
    const metrics: Metrics = { forecast_accuracy: acc };
    const err = forecastErrorMoney(input);
    if ('why' in err) return { evidence, metrics, impact: noImpact(err.why) };
    for (const p of err.periods) {
      metrics[`actual: ${p.label}`] = p.actual;
      metrics[`forecast: ${p.label}`] = p.forecast;
    }
    const short = err.periods.filter((p) => p.actual < p.forecast);
    const over = err.periods.filter((p) => p.actual >= p.forecast);
    const shortfall = short.reduce((t, p) => t + (p.forecast - p.actual), 0);
    const terms = short.map((p) => `(${input.exact(p.forecast)} − ${input.exact(p.actual)})`);
    const overText = over.length === 0 ? '' : `; above forecast (not a loss): ${over.map((p) => `${p.label} +${input.exact(p.actual - p.forecast)}`).join(', ')}`;
    return {
      evidence,
      metrics,
      impact: {
        annual: null,
        exposure: cents(shortfall),
        likelihood: null,
        formula: `not added to revenue at stake (a miss moves plans, not revenue); shortfall ${short.length === 0 ? 'none' : `${terms.join(' + ')} = ${input.exact(cents(shortfall))}`}${overText}`,
      },
    };
  },
);
