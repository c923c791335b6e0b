/**
 * Text hygiene for anything taken from input files before it reaches a terminal:
 * ANSI escape sequences, control characters and bidi overrides are stripped so a cell cannot
 * repaint the screen or reorder what is shown.
 */
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
// C0 and C1 controls (tab and newline kept for layout), and the bidi embedding/override/isolate
// marks that can make a terminal show text in another order than it is ("Trojan source").
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function safeText(s: string): string {
  return s.replace(ANSI, '').replace(CONTROL, '').replace(/\n/g, ' ');
}

/** At most n characters, the last one an ellipsis when cut (the one truncation rule of ingest messages). */
export { truncate as clip } from '../ingest/table.js';

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
