/**
 * revhealth demo: the full audit on the bundled demo company (Northwind Analytics).
 */
import type { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { loadInputs } from '../common.js';
import type { Io } from '../io.js';
import { packageRoot } from '../package-root.js';
import { auditAndReport, chosenFormat, formatOption, type AuditCliOptions } from './audit.js';

export function registerDemo(program: Command, io: Io, setExit: (code: number) => void): void {
  const cmd = program.command('demo').description('run the full audit on the bundled demo company (Northwind Analytics)');
  cmd
    .addOption(formatOption())
    .option('-o, --out <file>', 'write the report to a file instead of stdout')
    .option('--no-color', 'plain output without colours')
    .option('--debug', 'show stack traces for errors')
    .action(async (opts: AuditCliOptions, self: Command) => {
      opts = { ...opts, format: chosenFormat(opts, self.getOptionValueSource('format') !== 'default') };
      const dir = demoDir();
      const loaded = await loadInputs(dir, { ...opts, config: resolve(dir, 'revhealth.config.json') }, io);
      setExit(await auditAndReport(loaded, opts, io));
    });
}

export function demoDir(): string {
  const root = packageRoot();
  return root === null ? fileURLToPath(new URL('../../../fixtures/demo', import.meta.url)) : join(root, 'fixtures', 'demo');
}
