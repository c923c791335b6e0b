/**
 * The diagnosis with subscriptions: the leaky-bucket check reads the subscriptions' churn when
 * there is no renewals file, the Perspective takes its ARR from billing, and the four-V lens
 * verdicts follow the rule scores.
 */
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import { buildFourV } from '../../src/diagnose/four-v.js';
import type { Dataset, Subscription } from '../../src/base/model.js';
import { DEFAULT_PACK } from '../../src/rules/default-pack.js';
import { evaluateRules } from '../../src/rules/evaluate.js';
import { day, makeDataset, makeDeal } from '../helpers/builders.js';
import { metric } from './helpers.js';

function sub(account: string, end: string | null): Subscription {
  return { line: 2, id: null, account, start: day('2024-01-01'), end: end === null ? null : day(end), arrCents: 1_200_000, plan: null, segment: null, status: null, trial: false };
}

/** Bookings doubled year over year; 4 of 10 subscribers (1,000 MRR each) left in June 2025; no renewals file. */
function sellsWellLeaks(): Dataset {
  const deals = [
    ...Array.from({ length: 10 }, (_, i) => makeDeal({ line: 2 + i, account: `Old${i}`, created: '2024-01-01', closed: `2024-${String(i + 2).padStart(2, '0')}-01` })),
    ...Array.from({ length: 20 }, (_, i) => makeDeal({ line: 20 + i, account: `New${i}`, created: '2025-01-01', closed: `2025-${String((i % 10) + 2).padStart(2, '0')}-15` })),
  ];
  const subscriptions = Array.from({ length: 10 }, (_, i) => sub(`S${i}`, i < 4 ? '2025-06-01' : null));
  const base = makeDataset({ deals });
  return { ...base, subscriptions, present: { ...base.present, subscriptions: true } };
}

describe('diagnosis from subscriptions', () => {
  it('leaky bucket fires on the subscriptions\' GRR when there is no renewals file', () => {
    const r = runAudit(sellsWellLeaks(), {}, { asOf: '2025-12-31', toolVersion: 'test' });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const grr = r.report.metrics.find((m) => m.id === 'grr');
    expect(grr?.value).toBeCloseTo(0.6, 12);
    expect(grr?.details?.source).toBe('subscriptions');
    const leaky = r.report.diagnosis?.findings.find((f) => f.id === 'leaky_bucket');
    expect(leaky, JSON.stringify(r.report.diagnosis?.notChecked)).toBeDefined();
    expect(leaky?.evidence.join(' ')).toMatch(/gross revenue retention is 60\.0%/);
    // (good point − 60 %) × the ARR the cohort had: 120,000
    expect(leaky?.metrics['grr.arrBefore']).toBe(120_000);
    expect(r.report.diagnosis?.perspective.arrSource).toBe('subscriptions');
    expect(r.report.diagnosis?.perspective.arr).toBe(72_000);
  });

  it('the subscriptions block and the four-V lens are in the report', () => {
    const r = runAudit(sellsWellLeaks(), {}, { asOf: '2025-12-31', toolVersion: 'test' });
    if (!r.ok) throw new Error('audit failed');
    expect(r.report.subscriptions?.movements.at(-1)).toMatchObject({ month: '2025-12', closingMrr: 6000, closingCustomers: 6 });
    expect(r.report.subscriptions?.movements.find((m) => m.month === '2025-06')).toMatchObject({ churnMrr: 4000, churnedCustomers: 4 });
    expect(r.report.fourV?.groups.map((g) => g.title)).toEqual(['Volumes', 'Velocity', 'Value', 'Revenue']);
  });
});

describe('four-V verdicts', () => {
  it('score = weighted mean of the graded metrics; the verdict names the weakest and strongest', () => {
    const metrics = [metric('win_rate', 0.26), metric('sales_cycle_days', 200), metric('pipeline_velocity', 50_000), metric('lead_to_opportunity_rate', null)];
    const rules = evaluateRules(metrics, DEFAULT_PACK.rules, 'mixed');
    const velocity = buildFourV(metrics, rules, 'USD').groups.find((g) => g.id === 'velocity');
    const win = rules.find((r) => r.metric === 'win_rate');
    const cycle = rules.find((r) => r.metric === 'sales_cycle_days');
    const lead = rules.find((r) => r.metric === 'lead_to_opportunity_rate');
    expect(win?.status).toBe('pass');
    expect(cycle?.status).toBe('fail');
    expect(lead?.status).toBe('n/a');
    const expected = ((win?.weight ?? 0) * (win?.score ?? 0) + (cycle?.weight ?? 0) * (cycle?.score ?? 0)) / ((win?.weight ?? 0) + (cycle?.weight ?? 0));
    expect(velocity?.score).toBeCloseTo(expected, 0);
    expect(velocity?.verdict).toMatch(/1 of 2 graded metrics pass; weakest Sales cycle \(median days\) 200 d \(fail\), strongest Win rate 26\.0% \(pass\)\.$/);
    expect(velocity?.metrics.map((m) => [m.id, m.status])).toEqual([
      ['lead_to_opportunity_rate', 'n/a'],
      ['win_rate', 'pass'],
      ['sales_cycle_days', 'fail'],
      ['pipeline_velocity', 'info'],
    ]);
  });

  it('a group with no graded metric says why', () => {
    const metrics = [metric('lead_to_opportunity_rate', null), metric('pipeline_created', 10_000)];
    const groups = buildFourV(metrics, evaluateRules(metrics, DEFAULT_PACK.rules, 'mixed'), 'USD').groups;
    expect(groups.find((g) => g.id === 'velocity')).toMatchObject({ score: null, grade: null, verdict: 'Not graded: no benchmarked metric has data (Lead-to-opportunity rate: needs data for lead_to_opportunity_rate).' });
    expect(groups.find((g) => g.id === 'volumes')?.verdict).toBe('Not graded: 1 metric shown for context, none with a benchmark.');
    expect(groups.find((g) => g.id === 'value')?.verdict).toBe('Not graded: no metric of this group could be computed from the inputs.');
  });
});
