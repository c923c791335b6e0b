/**
 * Issue 15 (failure isolation), asked by issue 14's brief: a metric or pattern that throws becomes
 * status error with its message; the rest of the audit completes.
 */
import { describe, expect, it } from 'vitest';
import { auditErrors, runAudit } from '../../src/audit/run.js';
import type { AuditReport } from '../../src/audit/contract.js';
import type { Config } from '../../src/config/schema.js';
import { diagnose } from '../../src/diagnose/diagnose.js';
import { PATTERNS, type Pattern } from '../../src/diagnose/patterns/index.js';
import { runMetrics } from '../../src/metrics/engine.js';
import type { MetricDefinition } from '../../src/metrics/types.js';
import { DEFAULT_PACK } from '../../src/rules/default-pack.js';
import { evaluateRules, gradeAreas } from '../../src/rules/evaluate.js';
import { makeCtx, makeDataset, makeDeal } from '../helpers/builders.js';
import { metric, profileFor } from './helpers.js';

const boom = (): never => {
  throw new Error('boom');
};

describe('failure isolation', () => {
  it('a metric that throws becomes status error with its message; the next metric still runs', () => {
    const bad: MetricDefinition = { id: 'bad', title: 'Bad', area: 'growth', unit: 'ratio', definition: 'x', formula: 'x', inputs: ['deals'], configKeys: [], compute: boom };
    const good: MetricDefinition = { ...bad, id: 'good', compute: () => ({ kind: 'value', value: 1 }) };
    const out = runMetrics([bad, good], makeDataset({ deals: [makeDeal()] }), makeCtx('2025-06-30'));
    expect(out.map((m) => [m.id, m.status, m.reason])).toEqual([
      ['bad', 'error', 'internal error: boom'],
      ['good', 'ok', null],
    ]);
  });

  it('a pattern that throws is listed with its message and the other patterns still run', () => {
    const metrics = [metric('grr', 0.41, { arrBefore: 1_000_000 })];
    const rules = evaluateRules(metrics, DEFAULT_PACK.rules, 'mixed');
    const broken: Pattern = { ...(PATTERNS[0] as Pattern), id: 'broken', detect: boom };
    const d = diagnose({ metrics, rules, grades: gradeAreas(rules, DEFAULT_PACK.areas ?? []), profile: profileFor(), series: {} }, [broken, ...PATTERNS]);
    expect(d.errors).toEqual([{ id: 'broken', message: 'boom' }]);
    expect(d.notChecked.find((n) => n.id === 'broken')?.needs).toBe('internal error: boom');
    expect(d.findings.map((f) => f.id)).toContain('high_churn');
  });

  it('auditErrors lists both, for the shell to print on stderr and exit 1', () => {
    const r = runAudit(makeDataset({ deals: [makeDeal()] }), {} as Config, { toolVersion: 'test' });
    if (!r.ok) throw new Error('audit');
    expect(auditErrors(r.report)).toEqual([]);
    const report: AuditReport = {
      ...r.report,
      metrics: [...r.report.metrics, { ...(r.report.metrics[0] as AuditReport['metrics'][number]), id: 'x', status: 'error', reason: 'internal error: boom' }],
      diagnosis: { ...(r.report.diagnosis as NonNullable<AuditReport['diagnosis']>), errors: [{ id: 'p', message: 'bad' }] },
    };
    expect(auditErrors(report)).toEqual(['metric x: internal error: boom', 'pattern p: bad']);
  });
});
