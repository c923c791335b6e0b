/**
 * Runs the CLI the way a user would, in two ways:
 *
 * - `runCliAsync(args, { cwd, env, input })` runs it in-process through `run(argv, io)` from src/
 *   (vitest transpiles the TypeScript: no build needed, and far cheaper than a child process).
 *   The Io captures stdout and stderr (never TTYs); `cwd` is the Io's working folder, which the
 *   shell resolves every relative path against (the process's own folder is never used, so runs
 *   may overlap and the tests may use worker threads); `env` is the whole environment the CLI
 *   sees (NO_COLOR=1 unless overridden; the shell never reads process.env).
 *   Worker-thread ingest (--threads) needs the built JavaScript: from src/ it falls back to one
 *   stream, so the thread tests use `runBuiltBatch` (many runs of the built CLI in one child).
 * - `runBin(args, opts)` spawns the real built binary (bin/revhealth.js -> bundle or dist/): for
 *   the few smoke tests that need a real process (exit codes, pipes, start-up). `npm test`
 *   builds first (about a second); run `npm run build` before `npx vitest` by hand for those.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Io } from '../../src/cli/io.js';
import { run } from '../../src/cli/main.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'revhealth.js');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  /** Working folder of the run (default: the repository root). */
  readonly cwd?: string;
  /** Environment variables the CLI sees, on top of NO_COLOR=1 (pass NO_COLOR: '' to lift it). */
  readonly env?: Readonly<Record<string, string>>;
  /** Text on standard input, for the binary (no command reads stdin; in-process it is never a TTY). */
  readonly input?: string;
}

/** A captured output stream (never a TTY: tests see the piped output a script would). */
function capture(): { out: { write(s: string): void; readonly isTTY: boolean }; text: () => string } {
  const parts: string[] = [];
  return { out: { write: (s: string) => void parts.push(s), isTTY: false }, text: () => parts.join('') };
}

/** Runs `revhealth <args>` in-process (see the file comment); resolves with its exit code and output. */
export async function runCliAsync(args: readonly string[], opts: CliOptions = {}): Promise<CliResult> {
  const cwd = resolve(opts.cwd ?? ROOT);
  const stdout = capture();
  const stderr = capture();
  const io: Io = {
    stdout: stdout.out,
    stderr: stderr.out,
    cwd,
    env: { NO_COLOR: '1', ...opts.env },
    stdinIsTTY: false,
  };
  const exitCodeBefore = process.exitCode;
  try {
    const code = await run(args, io);
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  } finally {
    // run() never sets it; a stray assignment would fail the whole test worker
    process.exitCode = exitCodeBefore;
  }
}

/** Spawns the built binary (bin/revhealth.js) synchronously: smoke tests only (needs `npm run build`). */
export function runBin(args: readonly string[], opts: CliOptions = {}): CliResult {
  const res = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...opts.env },
    encoding: 'utf8',
    input: opts.input ?? '',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}

/**
 * Runs several argument lists through the built CLI (dist/cli/main.js `run`) in ONE child
 * process, one after the other, each with its own captured Io: for tests that need the built
 * JavaScript (worker-thread ingest loads dist/io/ingest-worker.js) without a process per run.
 */
export function runBuiltBatch(argsList: readonly (readonly string[])[], opts: { cwd?: string; env?: Readonly<Record<string, string>> } = {}): CliResult[] {
  const env = { NO_COLOR: '1', ...opts.env };
  const script = `
    const { run } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'cli', 'main.js')).href)});
    const results = [];
    for (const args of ${JSON.stringify(argsList)}) {
      let stdout = '', stderr = '';
      const io = { stdout: { write: (s) => { stdout += s; }, isTTY: false }, stderr: { write: (s) => { stderr += s; }, isTTY: false }, cwd: process.cwd(), env: ${JSON.stringify(env)}, stdinIsTTY: false };
      const code = await run(args, io);
      results.push({ code, stdout, stderr });
    }
    process.stdout.write(JSON.stringify(results));
  `;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: opts.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`the built CLI failed (run npm run build first?): ${child.stderr}`);
  return JSON.parse(child.stdout) as CliResult[];
}

/** Spawns the built binary and hands back the child, for tests that signal it. */
export function spawnBin(args: readonly string[], opts: CliOptions = {}): ReturnType<typeof spawn> {
  return spawn(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/**
 * @deprecated The old synchronous spawn of the built binary. Use `await runCliAsync(args, opts)`
 * (in-process, no build needed), or `runBin` in a smoke test that needs a real process.
 */
export const runCli = runBin;

/** A fresh temp folder with the given files (name -> content). */
export function tempDir(files: Record<string, string | Uint8Array> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'revhealth-test-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** No stack trace leaked: no "    at " frames and no Node internal error names. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+\(.+:\d+:\d+\)$/m.test(text) || /^\s+at .+:\d+:\d+$/m.test(text);
}
