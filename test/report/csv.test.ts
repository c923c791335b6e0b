/**
 * `--format csv` (src/report/csv.ts) on a hand-made report: one row per metric, numbers bare,
 * text quoted and neutralised, status from the rule when one grades the metric.
 */
import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/audit/contract.js';
import { renderCsv } from '../../src/report/csv.js';

const metric = (id: string, value: number | null, unit: string, status: 'ok' | 'n/a' | 'error', title = id) => ({ id, title, area: 'sales', value, unit, status, notes: [] });
const rule = (id: string, status: string, score: number | null) => ({ id, metric: id, area: 'sales', status, score });

const report = {
  company: { name: 'Co', segment: 'smb', currency: 'EUR' },
  grades: { areas: [{ area: 'sales', title: 'Pipeline & sales', grade: 'C', score: 71.23 }] },
  metrics: [
    metric('win_rate', 0.25, 'ratio', 'ok', 'Win rate'),
    metric('bookings', 1234567.5, 'currency', 'ok', 'Bookings'),
    metric('arr_growth', -0.125, 'ratio', 'ok', 'ARR growth'),
    metric('nrr', null, 'ratio', 'n/a', 'NRR'),
    metric('broken', null, 'count', 'error', 'Broken'),
    metric('evil', 3, 'count', 'ok', '=HYPERLINK("http://x","a, b")'),
  ],
  rules: [rule('win_rate', 'warn', 55.04), rule('arr_growth', 'fail', 0), rule('nrr', 'n/a', null)],
} as unknown as AuditReport;

describe('renderCsv', () => {
  const lines = renderCsv(report).split('\n');

  it('has the header, one row per metric and a final newline', () => {
    expect(lines[0]).toBe('"metric","title","area","value","unit","status","score","grade"');
    expect(lines).toHaveLength(report.metrics.length + 2);
    expect(lines.at(-1)).toBe('');
  });

  it.each([
    ['win_rate', '"win_rate","Win rate","Pipeline & sales",0.25,"ratio","warn",55.0,"C"'],
    ['bookings', '"bookings","Bookings","Pipeline & sales",1234567.5,"EUR","ungraded",,"C"'],
    ['arr_growth', '"arr_growth","ARR growth","Pipeline & sales",-0.125,"ratio","fail",0.0,"C"'],
    ['nrr', '"nrr","NRR","Pipeline & sales",,"ratio","n/a",,"C"'],
    ['broken', '"broken","Broken","Pipeline & sales",,"count","error",,"C"'],
    ['evil', '"evil","\'=HYPERLINK(""http://x"",""a, b"")","Pipeline & sales",3,"count","ungraded",,"C"'],
  ])('%s', (id, expected) => {
    expect(lines.find((l) => l.startsWith(`"${id}",`))).toBe(expected);
  });
});
