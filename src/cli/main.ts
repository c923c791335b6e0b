/**
 * The shell's entry point. `run` never exits the process; only `main` sets process.exitCode.
 *
 * Start-up: `revhealth --version` answers before anything else is loaded; every other command
 * loads the program (commander, the commands and what they import) on demand.
 */
import { AppError } from '../base/errors.js';
import { createNodeIo, mayColour, sanitizedIo, type Io } from './io.js';
import { installTempCleanup } from '../io/write.js';
import { packageVersion } from './package-root.js';
import { formatError } from './print-error.js';
import type { ReportFormat } from '../report/registry.js';

export { packageVersion };

/**
 * `--format github` (any spelling commander accepts; any registry format marked `annotations`):
 * stdout carries revhealth's own annotations.
 */
function annotationFormat(argv: readonly string[], reportFormat: (id: string) => ReportFormat | undefined): boolean {
  const value = (a: string, i: number): string | undefined =>
    a.startsWith('--format=') ? a.slice('--format='.length) : a.startsWith('-f') && a.length > 2 ? a.slice(2) : a === '--format' || a === '-f' ? argv[i + 1] : undefined;
  return argv.some((a, i) => {
    const id = value(a, i);
    return id !== undefined && !!reportFormat(id)?.annotations;
  });
}

export async function run(argv: readonly string[], rawIo: Io): Promise<number> {
  const version = packageVersion();
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    sanitizedIo(rawIo, { stdout: {}, stderr: {} }).stdout.write(`${version}\n`);
    return 0;
  }
  const { CommanderError, createProgram, reportFormat } = await import('./program.js');
  // the output boundary: everything below writes through the sanitiser (src/report/sanitize.ts)
  const io = sanitizedIo(rawIo, { stdout: { sgr: mayColour(rawIo, argv), annotations: annotationFormat(argv, reportFormat) }, stderr: {} });
  let exitCode = 0;
  const program = createProgram(io, version, (code) => {
    exitCode = code;
  });
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      if (err.code === 'commander.executeSubCommandAsync') return err.exitCode;
      // commander already printed its message (unknown option/command, missing argument...)
      return 2;
    }
    io.stderr.write(formatError(err, { debug, version }));
    return err instanceof AppError ? err.exitCode : 2;
  }
}

export async function main(): Promise<void> {
  installTempCleanup();
  // `revhealth … | head`: the reader left; stop quietly instead of an unhandled EPIPE stack trace
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  process.exitCode = await run(process.argv.slice(2), createNodeIo());
}
