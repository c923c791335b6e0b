/**
 * The shell's entry point. `run` never exits the process; only `main` sets process.exitCode.
 */
import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { AppError } from '../errors.js';
import { createNodeIo, type Io } from './io.js';
import { formatError } from './print-error.js';
import { createProgram } from './program.js';

export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    return '0.0.0';
  }
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const version = packageVersion();
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
  process.exitCode = await run(process.argv.slice(2), createNodeIo());
}
