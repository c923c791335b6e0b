/**
 * The --rejects CSV: every rejected row with its file, line, column and reason, then the raw cells.
 *
 * - Every cell is quoted (RFC 4180), so a `;` or a tab inside a value cannot start a new cell in a
 *   `;`-separator locale or a tab-separated import.
 * - A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP's recommendation
 *   for CSV injection): one that starts with `=` `+` `-` `@` tab or CR, also after leading blanks
 *   and line breaks (` =1+1`, `\n=1+1`) and in full-width form (`＝1+1`, read as `=` by some
 *   spreadsheets).
 * - The file then passes the output sanitiser on its way to disk (src/io/write.ts).
 */
import type { FileReport } from '../base/model.js';

const FORMULA_START = /^[=+\-@\t\r]/;

/** True when a spreadsheet could read the cell as a formula. */
export function isFormulaLike(value: string): boolean {
  if (FORMULA_START.test(value)) return true;
  // leading blanks and line breaks are trimmed by some importers; NFKC maps ＝＋－＠ (and ﹦ ﹢ ﹣ ﹫) to ASCII
  const head = value.replace(/^[\s\u00a0\u3000\ufeff]+/u, '').slice(0, 2).normalize('NFKC');
  return /^[=+\-@]/.test(head);
}

export function neutralizeCell(value: string): string {
  return isFormulaLike(value) ? `'${value}` : value;
}

/** One cell: neutralised, always quoted. */
export function csvCell(value: string): string {
  return `"${neutralizeCell(value).replace(/"/g, '""')}"`;
}

export function renderRejectsCsv(files: readonly FileReport[]): string {
  const width = Math.max(0, ...files.flatMap((f) => f.rejects.map((r) => r.cells.length)));
  const lines = [rejectsCsvHeader(width)];
  for (const f of files) {
    for (const r of f.rejects) lines.push(rejectsCsvRow(f.path, r));
  }
  return `${lines.join('\n')}\n`;
}

/** The header of the rejects CSV for rows of up to `width` raw cells (for writers that stream rows). */
export function rejectsCsvHeader(width: number): string {
  return ['file', 'line', 'column', 'code', 'reason', ...Array.from({ length: width }, (_, i) => `field_${i + 1}`)].map(csvCell).join(',');
}

/** One rejected row as a line of the rejects CSV (no line break). */
export function rejectsCsvRow(path: string, r: FileReport['rejects'][number]): string {
  return [path, String(r.line), r.column ?? '', r.code, r.reason, ...r.cells].map(csvCell).join(',');
}
