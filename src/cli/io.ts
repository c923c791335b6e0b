/**
 * The process boundary, injected so tests can run the CLI in-process.
 */
export interface Output {
  write(s: string): void;
  readonly isTTY: boolean;
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
