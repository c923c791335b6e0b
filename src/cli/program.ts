import { Command } from 'commander';
import type { Io } from './io.js';
import { registerAudit } from './commands/audit.js';
import { registerDemo } from './commands/demo.js';
import { registerDiff } from './commands/diff.js';
import { registerExplain } from './commands/explain.js';
import { registerMetrics } from './commands/metrics.js';
import { registerRules } from './commands/rules.js';
import { registerInit } from './commands/init.js';
import { registerValidate } from './commands/validate.js';

/**
 * For the shell (src/cli/main.ts): its output policy and commander's errors, read with the program
 * so the bundle loads them in the program's chunk rather than as chunks of their own.
 */
export { reportFormat } from '../report/registry.js';
export { CommanderError } from 'commander';

export function createProgram(io: Io, version: string, setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('revhealth')
    .description('Audit a revenue engine (marketing, sales, customer success) from CSV exports.')
    .version(version, '-V, --version')
    .showHelpAfterError('(run revhealth --help for usage)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .addHelpText(
      'after',
      `
Exit codes:
  0  ok
  1  the audit ran but a CI gate failed (--min-grade, --fail-on, --fail-on-regression)
  2  bad usage or unusable input`,
    );
  registerAudit(program, io, setExit);
  registerDemo(program, io, setExit);
  registerValidate(program, io, setExit);
  registerMetrics(program, io, setExit);
  registerExplain(program, io, setExit);
  registerRules(program, io, setExit);
  registerDiff(program, io, setExit);
  registerInit(program, io, setExit);
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  return program;
}
