/**
 * `--format csv`: the scorecard as a spreadsheet, one row per metric:
 *
 *   metric, title, area, value, unit, status, score, grade
 *
 * - value: the number as computed (full precision, no thousands separator or rounding), empty
 *   when the metric has no value; unit: the metric's unit, the company currency's code for money.
 * - status: the rule verdict when a rule grades the metric (pass, warn, fail, n/a, check), else the
 *   metric's own status when it has no value (n/a, error), else "ungraded".
 * - score: the rule's score 0–100 (one decimal), empty when ungraded or not scored.
 * - grade: the letter grade of the metric's area (empty when the area has none).
 *
 * Text cells are quoted and neutralised against spreadsheet formulas (src/report/rejects-csv.ts);
 * numbers are written bare so a spreadsheet reads them as numbers.
 */
import type { AuditReport } from '../audit/contract.js';
import { csvCell } from './rejects-csv.js';
import type { Render } from './view.js';

export const CSV_COLUMNS = ['metric', 'title', 'area', 'value', 'unit', 'status', 'score', 'grade'] as const;

function num(v: number | null | undefined, digits?: number): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '';
  return digits === undefined ? String(v) : v.toFixed(digits);
}

export function renderCsv(r: AuditReport): string {
  const lines = [CSV_COLUMNS.map(csvCell).join(',')];
  for (const m of r.metrics) {
    const rule = r.rules.find((x) => x.metric === m.id);
    const area = r.grades.areas.find((a) => a.area === m.area);
    const status = rule !== undefined ? rule.status : m.status === 'ok' ? 'ungraded' : m.status;
    lines.push(
      [
        csvCell(m.id),
        csvCell(m.title),
        csvCell(area?.title ?? m.area),
        num(m.value),
        csvCell(m.unit === 'currency' ? r.company.currency : m.unit),
        csvCell(status),
        num(rule?.score, 1),
        csvCell(area?.grade ?? ''),
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

export const render: Render = (r) => renderCsv(r);
