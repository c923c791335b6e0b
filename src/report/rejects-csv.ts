/**
 * The --rejects CSV: every rejected row with its file, line, column and reason, then the raw cells.
 * Cells that a spreadsheet would run as a formula (= + - @ tab CR) are neutralised with a leading
 * apostrophe, the OWASP recommendation for CSV injection.
 */
import type { FileReport } from '../model.js';

export function neutralizeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvCell(value: string): string {
  const v = neutralizeCell(value);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function renderRejectsCsv(files: readonly FileReport[]): string {
  const width = Math.max(0, ...files.flatMap((f) => f.rejects.map((r) => r.cells.length)));
  const head = ['file', 'line', 'column', 'code', 'reason', ...Array.from({ length: width }, (_, i) => `field_${i + 1}`)];
  const lines = [head.join(',')];
  for (const f of files) {
    for (const r of f.rejects) {
      lines.push([f.path, String(r.line), r.column ?? '', r.code, r.reason, ...r.cells].map(csvCell).join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The header of the rejects CSV for rows of up to `width` raw cells (for writers that stream rows). */
export function rejectsCsvHeader(width: number): string {
  return ['file', 'line', 'column', 'code', 'reason', ...Array.from({ length: width }, (_, i) => `field_${i + 1}`)].join(',');
}

/** One rejected row as a line of the rejects CSV (no line break). */
export function rejectsCsvRow(path: string, r: FileReport['rejects'][number]): string {
  return [path, String(r.line), r.column ?? '', r.code, r.reason, ...r.cells].map(csvCell).join(',');
}
