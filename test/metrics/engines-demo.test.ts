/**
 * Issue 18 on the demo company: the engines, losses and funnel land on the figures the generator
 * planted (fixtures/demo/README.md), with the README's tolerances where it gives them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { runAudit } from '../../src/audit/run.js';
import type { AuditReport } from '../../src/audit/contract.js';
import { loadConfig } from '../../src/io/config.js';
import { readInputs, resolveInputPaths } from '../../src/io/inputs.js';
import type { Engine } from '../../src/metrics/engines.js';
import { ROOT } from '../helpers/cli.js';

const DEMO = resolve(ROOT, 'fixtures', 'demo');
let report: AuditReport;

beforeAll(async () => {
  const loaded = await loadConfig(undefined, DEMO, ROOT);
  const paths = resolveInputPaths({ dir: DEMO }, loaded.config, loaded.baseDir, ROOT);
  const ds = await readInputs(paths, { config: loaded.config, cwd: ROOT, threads: 1 });
  const result = runAudit(ds, loaded.config, { toolVersion: 'test' });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  report = result.report;
});

const seg = (label: string): Engine => {
  const e = report.engines?.segments.find((s) => s.label === label);
  if (e === undefined) throw new Error(`no segment ${label}`);
  return e;
};

describe('demo engines', () => {
  it('reads the company as mixed: SMB and Mid-Market from the Segment column', () => {
    expect(report.engines?.segmentBasis).toBe('deal segment column');
    expect(report.engines?.mixed).toBe(true);
    expect(report.engines?.segments.map((s) => s.label)).toEqual(['Mid-Market', 'SMB']);
  });
  it.each([
    // README 1a–1c: SMB GRR 0.7720, Mid-Market GRR 0.9260 / NRR 1.0800 (±0.002); SMB NRR 0.8200; 430 SMB and 51 Mid-Market renewals
    { label: 'SMB', grr: 0.772, nrr: 0.82, renewals: 430, status: 'fail' },
    { label: 'Mid-Market', grr: 0.926, nrr: 1.08, renewals: 51, status: 'pass' },
  ])('$label retention on its own segment benchmarks', ({ label, grr, nrr, renewals, status }) => {
    const e = seg(label);
    expect(Math.abs((e.grr ?? 0) - grr)).toBeLessThanOrEqual(0.002);
    expect(Math.abs((e.nrr ?? 0) - nrr)).toBeLessThanOrEqual(0.002);
    expect(e.renewals).toBe(renewals);
    expect(e.grades.find((g) => g.rule === 'grr')?.status).toBe(status);
  });
  it('SMB takes most new deals; Mid-Market most bookings, one rep carrying a third of its wins', () => {
    expect(seg('SMB').newDeals).toBe(198);
    expect(seg('SMB').newDeals + seg('Mid-Market').newDeals).toBe(261);
    expect(seg('Mid-Market').bookingsShare).toBeGreaterThan(0.5);
    expect(seg('Mid-Market').topRep).toBe('Marcus Delgado');
    expect([seg('Mid-Market').topRepWins, seg('Mid-Market').won]).toEqual([30, 84]);
  });
  it('partner pipeline wins more often than direct (new business, like for like)', () => {
    const g = report.engines?.motions.find((m) => m.dimension === 'pipeline');
    const wr = (l: string) => g?.engines.find((e) => e.label === l)?.winRate ?? 0;
    // every partner deal is new business: 33 of 101; direct new business: 228 of 1,034
    expect(wr('Partner')).toBeCloseTo(33 / 101, 10);
    expect(wr('Direct')).toBeCloseTo(228 / 1034, 10);
  });
});

describe('demo losses and funnel', () => {
  it('price leads the lost value in both segments', () => {
    expect(report.losses?.deals?.reasons[0]?.reason).toBe('Price');
    expect(report.losses?.deals?.bySegment.map((c) => c.topReason)).toEqual(['Price', 'Price']);
    expect(report.diagnosis?.findings.some((f) => f.id === 'price_led_losses')).toBe(true);
  });
  it('asks for churn reasons (the renewals carry none)', () => {
    expect(report.losses?.churn?.given).toBe(false);
    expect(report.diagnosis?.dataWeNeed?.[0]?.data).toContain('churn and contraction reasons');
  });
  it('prices each paid channel per win at the README CAC (2025): Paid Search $6,500, Paid Social $36,000, Events $7,500', () => {
    const row = (c: string) => report.funnel?.channels?.rows.find((r) => r.channel === c);
    expect(row('Paid Search')?.won).toBe(58);
    expect(Math.abs((row('Paid Search')?.costPerWon ?? 0) - 6_500)).toBeLessThanOrEqual(1);
    expect(row('Paid Social')?.costPerWon).toBe(36_000);
    expect(row('Events')?.costPerWon).toBe(7_500);
  });
  it('keeps one win-rate definition (README: 0.2652 by count, 2025)', () => {
    expect(Math.abs((report.funnel?.winRate?.primary.value ?? 0) - 0.2652)).toBeLessThanOrEqual(0.00005);
    expect(report.funnel?.winRate?.variants[0]?.name).toBe('Opportunity-to-win (cohort)');
  });
  it('finds no discount evidence: quarter-end deals are not cheaper', () => {
    expect(report.losses?.quarterEndPricing?.discountEvidence).toBe(false);
    const hockey = report.diagnosis?.findings.find((f) => f.id === 'quarter_end_hockey_stick');
    expect(hockey?.process.some((s) => /approval desk/i.test(s.step))).toBe(false);
  });
  it('readiness: the triggers that fire on the demo', () => {
    const fired = report.diagnosis?.croReadiness.triggers?.filter((t) => t.fired).map((t) => t.id);
    expect(fired).toEqual(['arr_band', 'churn_despite_bookings', 'functions_misaligned', 'segment_expansion', 'scaling_transition']);
  });
});
