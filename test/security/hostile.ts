/**
 * The hostile corpus of issue 16 and the escape check shared by the security tests. The checks are
 * written here, independently of src/report/sanitize.ts.
 */
import { parse } from 'csv-parse/sync';

export const CORPUS = [
  '\u001b[2J',
  '\u001b]52;c;ZXZpbA==\u0007',
  '\n::error::x',
  '::add-mask::secret',
  '\u009b31m',
  '\u202e',
  '\u2028',
  '\u061c',
  "=cmd|' /C calc'!A0",
  ';=1+1',
  '\t=1+1',
  ' =1+1',
  '\n=1+1',
  '＝1+1',
] as const;

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
/** revhealth's own annotations: level, optional file/line, a title without `:` or `,`, then the message. */
export const OWN_ANNOTATION = /^::(?:error|warning|notice) (?:file=[^,:\n]*,line=\d+,)?title=[^,:\n]*::.*$/;

/** Every escape found in an output (empty: clean). */
export function escapesIn(text: string, opts: { annotations?: boolean } = {}): string[] {
  const found: string[] = [];
  for (const c of text) if (UNSAFE.test(c)) found.push(`U+${c.codePointAt(0)?.toString(16).padStart(4, '0')}`);
  text.split('\n').forEach((line, i) => {
    if (line.includes('##[')) found.push(`line ${i + 1}: ##[ command`);
    // eslint-disable-next-line no-control-regex
    const bare = line.replace(/^(?:\s|\u001b\[[0-9;]*m)*/, '');
    if (bare.startsWith('::') && !(opts.annotations && OWN_ANNOTATION.test(line))) found.push(`line ${i + 1}: workflow command ${JSON.stringify(line.slice(0, 60))}`);
  });
  return found;
}

/** Rejects CSV: every cell quoted, none a formula (also after blanks, in full-width form). */
export function csvEscapes(text: string): string[] {
  const found = escapesIn(text);
  const records = parse(text, { raw: true, relax_column_count: true }) as unknown as { record: string[]; raw: string }[];
  for (const { record, raw } of records) {
    if (!/^"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*\n?$/.test(raw)) found.push(`unquoted cell in ${JSON.stringify(raw.slice(0, 60))}`);
    for (const cell of record) {
      const head = cell.replace(/^[\s\u00a0\u3000]+/u, '').normalize('NFKC');
      if (/^[=+\-@\t\r]/.test(cell) || /^[=+\-@]/.test(head)) found.push(`formula cell ${JSON.stringify(cell.slice(0, 30))}`);
    }
  }
  return found;
}
