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
