/**
 * revhealth rules: the active benchmark rules and thresholds after config overrides, with
 * sources; --suggest-tighten shows where the ratchet's floors stand (src/cli/ratchet.ts).
 */
import { Option, type Command } from 'commander';
import { activeRules } from '../../audit/run.js';
import { SEGMENTS, type Segment } from '../../config/schema.js';
import { UsageError } from '../../base/errors.js';
import { loadConfig } from '../../io/config.js';
import { thresholdsFor } from '../../rules/resolve.js';
import type { Io } from '../io.js';
import { loadPacks } from '../build-report.js';
import { suggestTighten } from '../ratchet.js';

export function registerRules(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('rules')
    .description('list the active benchmark rules and thresholds after config overrides, with sources')
    .option('-c, --config <file>', 'config file')
    .addOption(new Option('--segment <segment>', 'show thresholds for this segment').choices([...SEGMENTS]))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['terminal', 'json']).default('terminal'))
    .option('--suggest-tighten', "ratchet: show where each floor of the config's ratchet file stands; \"you now beat this floor — tighten it to X\"")
    .option('--audit <file>', 'with --suggest-tighten: current values from a saved audit JSON (default: audit the inputs the config names)')
    .option('--write', 'with --suggest-tighten: apply the hints to the ratchet file')
    .action(async (opts: { config?: string; segment?: Segment; format: 'terminal' | 'json'; suggestTighten?: boolean; audit?: string; write?: boolean }) => {
      if (opts.suggestTighten) {
        setExit(await suggestTighten(opts, io));
        return;
      }
      const loaded = await loadConfig(opts.config, undefined, io.cwd);
      const { packs, labels } = loadPacks(loaded.config, loaded.path, io.cwd);
      const resolved = activeRules(loaded.config, packs, labels);
      if (resolved.problems.length > 0) throw new UsageError(`the rule configuration has problems:\n  ${resolved.problems.join('\n  ')}`);
      const segment: Segment = opts.segment ?? loaded.config.company?.segment ?? 'mixed';
      if (opts.format === 'json') {
        const rows = resolved.rules.map((r) => ({ ...r, active: thresholdsFor(r, segment) }));
        io.stdout.write(`${JSON.stringify({ segment, areas: resolved.areas, disabled: resolved.disabled, rules: rows }, null, 2)}\n`);
      } else {
        const [{ makeTable }, { benchmarkLabel }] = await Promise.all([import('../../report/terminal.js'), import('../../report/labels.js')]);
        const out: string[] = [`Active rules for segment ${segment}${resolved.disabled.length ? ` (disabled: ${resolved.disabled.join(', ')})` : ''}`];
        const t = makeTable(['Rule', 'Area', 'Benchmark', 'Wt', 'Severity', 'Owner'], [26, 12, 30, 4, 9, 10]);
        for (const r of resolved.rules) {
          const { thresholds, segmentUsed } = thresholdsFor(r, segment);
          t.push([r.id, r.area, `${benchmarkLabel(r.direction, thresholds, r.unit, 'USD')}${segmentUsed === 'default' && segment !== 'mixed' ? ' (all)' : ''}`, String(r.weight), r.severity, r.owner]);
        }
        out.push(t.toString(), 'Sources: revhealth explain RULE_ID');
        io.stdout.write(`${out.join('\n')}\n`);
      }
      setExit(0);
    });
}
