/**
 * revhealth diff: what changed between two saved audits.
 */
import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { withComparison } from '../../audit/compare.js';
import { readAuditFile } from '../../io/baseline.js';
import { cleanLine } from '../../report/sanitize.js';
import { styleFor } from '../common.js';
import type { Io } from '../io.js';
import { gradeRegressions } from './audit.js';

export function registerDiff(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('diff')
    .description('what changed between two saved audits (JSON from audit --format json)')
    .argument('<old>', 'the earlier audit JSON')
    .argument('<new>', 'the later audit JSON')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['terminal', 'json']).default('terminal'))
    .option('--fail-on-regression', 'exit 1 when the overall or an area grade dropped')
    .option('--no-color', 'plain output without colours')
    .action(async (oldPath: string, newPath: string, opts: { format: 'terminal' | 'json'; failOnRegression?: boolean; color?: boolean }) => {
      const { renderComparison } = await import('../../report/terminal.js');
      const before = readAuditFile(resolve(io.cwd, oldPath), oldPath);
      const after = readAuditFile(resolve(io.cwd, newPath), newPath);
      // the same comparison runAudit attaches for --baseline, over two saved audits
      const compared = withComparison(after, before);
      const { comparison } = compared;
      if (opts.format === 'json') io.stdout.write(`${JSON.stringify(comparison, null, 2)}\n`);
      else io.stdout.write(`${renderComparison(compared, styleFor(io, opts.color, false)).join('\n')}\n`);
      const reasons = opts.failOnRegression ? gradeRegressions(comparison) : [];
      if (reasons.length > 0) io.stderr.write(`${reasons.map((r) => `gate failed: ${cleanLine(r)}`).join('\n')}\n`);
      setExit(reasons.length > 0 ? 1 : 0);
    });
}
