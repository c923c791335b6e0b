/**
 * Text hygiene for anything taken from input files before it reaches a terminal: one line, no
 * escape sequence, control character or direction mark. The rules live in ./sanitize.ts (the one
 * sanitiser); `safeText` is its per-value form, used by every renderer.
 */
import { cleanLine } from './sanitize.js';

export function safeText(s: string): string {
  return cleanLine(s);
}

/** At most n characters, the last one an ellipsis when cut (the one truncation rule of ingest messages). */
export { truncate as clip } from '../base/format.js';

/** Minimal styling hooks so the core renders without a runtime chalk import. */
export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

export const PLAIN: Style = {
  bold: (s) => s,
  dim: (s) => s,
  red: (s) => s,
  yellow: (s) => s,
  green: (s) => s,
  cyan: (s) => s,
};

// ---------------------------------------------------------------------------------------------
// Terminal layout, shared by every terminal block (terminal.ts, revenue-lens.ts, cro-read.ts)

/** Line width of the terminal report: 80 columns (wider terminals get the same layout). */
export const TERMINAL_WIDTH = 80;

/**
 * Word-wraps plain text to `width` columns (code points); a word longer than the width is broken.
 * Returns at least one line.
 */
export function wrapText(s: string, width: number, firstWidth = width): string[] {
  const out: string[] = [];
  // the first output line may have its own width (a hanging prefix shorter than the rest)
  const w = (): number => (out.length === 0 ? firstWidth : width);
  let cur = '';
  for (const word0 of s.split(/\s+/).filter((x) => x !== '')) {
    let word = word0;
    while ([...word].length > w()) {
      const room = cur === '' ? w() : w() - [...cur].length - 1;
      if (room < 8) {
        if (cur !== '') out.push(cur);
        cur = '';
        continue;
      }
      const chars = [...word];
      const head = chars.slice(0, room).join('');
      out.push(cur === '' ? head : `${cur} ${head}`);
      cur = '';
      word = chars.slice(room).join('');
    }
    if (cur === '') cur = word;
    else if ([...cur].length + 1 + [...word].length <= w()) cur += ` ${word}`;
    else {
      out.push(cur);
      cur = word;
    }
  }
  if (cur !== '' || out.length === 0) out.push(cur);
  return out;
}

/** Wrapped to `width`: `first` prefix on the first line, `rest` on the following ones. */
export function hanging(s: string, first: string, rest: string, width = TERMINAL_WIDTH): string[] {
  // the first line fits after `first`, the others after `rest` (a KPI's continuation is indented further)
  return wrapText(s, width - [...rest].length, width - [...first].length).map((l, i) => `${i === 0 ? first : rest}${l}`);
}

/** A section heading: a blank line, the title (and its note dimmed), a rule across the width. */
export function section(title: string, style: Style, note?: string | null): string[] {
  return ['', style.bold(style.cyan(title)) + (note ? style.dim(`  ${note}`) : ''), style.dim('─'.repeat(TERMINAL_WIDTH))];
}
