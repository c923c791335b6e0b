/**
 * The one sanitiser for text that leaves revhealth: terminal, standard error, a CI log, and the
 * files it writes (Markdown, HTML, JSON, CSV). Two levels:
 *
 * - `cleanLine(value)` for a value taken from an input (a cell, a config string, a rule-pack title)
 *   placed inside a line of a report: escape sequences (7-bit ESC and 8-bit CSI / OSC) are removed
 *   with their parameters, other control characters and the invisible direction marks are removed,
 *   line breaks become spaces. Renderers call it (as `safeText`) where they lay values out.
 * - `sanitizeOutput(text, policy)` for a whole output, applied by the shell when it writes to
 *   stdout, stderr or a file (src/cli/io.ts, src/io/write.ts), so that text no renderer cleaned
 *   (a bug, a new section, commander's own messages) still cannot act on a terminal or a CI runner:
 *   every control character but newline and tab, and every invisible direction mark, becomes the
 *   visible text `\uXXXX` (in JSON that is the same string, escaped); a line that GitHub Actions
 *   would read as a workflow command (`::name …::`, after leading blanks) is defused, and so is the
 *   older `##[name]` syntax anywhere in a line.
 */

/* eslint-disable no-control-regex */

/** ESC-introduced sequences (CSI, OSC, DCS/SOS/PM/APC strings, two-character escapes) and their 8-bit forms. */
const ESCAPE_SEQUENCE =
  /\u001b\[[0-?]*[ -/]*[@-~]|\u009b[0-?]*[ -/]*[@-~]|(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)|(?:\u001b[PX^_]|[\u0090\u0098\u009e\u009f])[^\u001b\u009c]*(?:\u001b\\|\u009c)|\u001b[@-Z\\-_]/g;

/**
 * Characters a terminal or a text viewer acts on or uses to reorder what is shown: C0 controls
 * (tab and newline are layout), DEL and C1 controls (U+009B is an 8-bit CSI), the Arabic letter mark,
 * left-to-right / right-to-left marks, the bidi embeddings, overrides and isolates ("Trojan
 * source"), and the Unicode line and paragraph separators.
 */
export const UNSAFE_CHAR = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_CHARS = new RegExp(UNSAFE_CHAR.source, 'g');

/** A value for one line of a report: no escape sequence, no control character, no line break. */
export function cleanLine(s: string): string {
  return s
    .replace(ESCAPE_SEQUENCE, '')
    .replace(/[\n\r\u2028\u2029\u0085]/g, ' ')
    .replace(UNSAFE_CHARS, '');
}

/** The same, keeping line breaks (a multi-line message); CRLF and lone CR become LF. */
export function cleanBlock(s: string): string {
  return s
    .replace(ESCAPE_SEQUENCE, '')
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(UNSAFE_CHARS, '');
}

export interface OutputPolicy {
  /** Keep SGR colour sequences (`ESC [ … m`): only when revhealth itself styled the text. */
  readonly sgr?: boolean;
  /** Keep lines that are revhealth's own GitHub annotations (`--format github`). */
  readonly annotations?: boolean;
}

const ANNOTATION = /^::(?:error|warning|notice)(?: [^\n]*)?::/;
/**
 * A line that starts a workflow command: the runner trims leading white space (.NET's, which
 * includes U+00A0, U+2000–U+200A, U+3000…; JavaScript's \s covers it); colour codes may precede it.
 */
const COMMAND_LINE = /^((?:[^\S\n]|\u001b\[[0-9;]*m)*)::(.*)$/gm;

/** `\uXXXX` for a character: visible in a terminal, the same character once read as JSON. */
function visible(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * The output boundary: what may reach a terminal, a log or a file. Control characters (but newline
 * and tab) and direction marks become visible `\uXXXX` text, CRLF becomes LF, workflow commands are
 * defused. Applied to JSON, the result is the same JSON (only escaped differently).
 */
export function sanitizeOutput(text: string, policy: OutputPolicy = {}): string {
  let t = text.includes('\r') ? text.replace(/\r\n/g, '\n') : text;
  // one scan for the common case of nothing to do (ESC is in UNSAFE_CHAR)
  if (UNSAFE_CHAR.test(t)) {
    t = t.replace(/\u001b\[[0-9;]*m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (m) =>
      m.length > 1 ? (policy.sgr ? m : `${visible('\u001b')}${m.slice(1)}`) : visible(m),
    );
  }
  if (t.includes('##[')) t = t.replace(/##\[/g, '# #[');
  if (t.includes('::')) t = t.replace(COMMAND_LINE, (line: string, lead: string, rest: string) => (policy.annotations && lead === '' && ANNOTATION.test(line) ? line : `${lead}: :${rest}`));
  return t;
}
