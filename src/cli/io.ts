/**
 * The process boundary, injected so tests can run the CLI in-process.
 */
import { sanitizeOutput, type OutputPolicy } from '../report/sanitize.js';

export interface Output {
  write(s: string): void;
  readonly isTTY: boolean;
  /**
   * Terminal control the shell itself emits (the progress line's carriage return and erase).
   * Only `\r` and `\r ESC[K` pass; absent on an Io that does not support it.
   */
  control?(seq: '\r' | '\r\u001b[K'): void;
}

export interface Io {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdinIsTTY: boolean;
}

export function createNodeIo(): Io {
  return {
    stdout: { write: (s) => void process.stdout.write(s), isTTY: !!process.stdout.isTTY },
    stderr: { write: (s) => void process.stderr.write(s), isTTY: !!process.stderr.isTTY },
    cwd: process.cwd(),
    env: process.env,
    stdinIsTTY: !!process.stdin.isTTY,
  };
}

/** Whether revhealth may colour stdout in this run (the same decision as `styleFor`). */
export function mayColour(io: Io, argv: readonly string[]): boolean {
  if (argv.includes('--no-color')) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  const forced = io.env.FORCE_COLOR;
  return (forced !== undefined && forced !== '0') || io.stdout.isTTY;
}

/**
 * The output boundary: every write to stdout and stderr goes through `sanitizeOutput`, so no
 * control character, escape sequence (but revhealth's own colours on stdout), direction mark or
 * workflow command reaches the terminal or the CI log, whichever code path produced the text.
 * `--format github` annotations are revhealth's own: `annotations` keeps them on stdout.
 */
export function sanitizedIo(io: Io, policy: { stdout: OutputPolicy; stderr: OutputPolicy }): Io {
  const wrap = (o: Output, p: OutputPolicy): Output => ({
    write: (s) => o.write(sanitizeOutput(s, p)),
    isTTY: o.isTTY,
    control: (seq) => {
      if (seq === '\r' || seq === '\r\u001b[K') (o.control ?? o.write).call(o, seq);
    },
  });
  return { ...io, stdout: wrap(io.stdout, policy.stdout), stderr: wrap(io.stderr, policy.stderr) };
}
