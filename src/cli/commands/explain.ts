/**
 * revhealth explain: definition, formula, inputs and benchmark of a metric, rule or pattern.
 */
import type { Command } from 'commander';
import { activeRules } from '../../audit/run.js';
import { UsageError } from '../../base/errors.js';
import { editDistance } from '../../base/suggest.js';
import { loadConfig } from '../../io/config.js';
import { METRICS } from '../../metrics/registry.js';
import { explainMetric, explainRule } from '../explain-text.js';
import { explainPattern } from '../../diagnose/explain.js';
import { PATTERN_IDS } from '../../diagnose/patterns/index.js';
import { safeText } from '../../report/text.js';
import { UNGRADED_METRICS } from '../../rules/default-pack.js';
import type { Io } from '../io.js';
import { loadPacks } from '../build-report.js';

export function registerExplain(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('explain')
    .description('definition, formula, inputs and benchmark (with its source) of a metric, rule or diagnosis pattern')
    .argument('[id]', 'a metric, rule or pattern id, e.g. win_rate, grr, leaky_bucket (none: list them all)')
    .option('-c, --config <file>', 'config file (for overridden thresholds)')
    .action(async (id: string | undefined, opts: { config?: string }) => {
      const loaded = await loadConfig(opts.config, undefined, io.cwd);
      const { packs, labels } = loadPacks(loaded.config, loaded.path, io.cwd);
      const rules = activeRules(loaded.config, packs, labels).rules;
      if (id === undefined) {
        const out = ['Metrics (and their rules, same id):'];
        for (const m of METRICS) out.push(`  ${m.id.padEnd(30)} ${m.title}${rules.some((r) => r.metric === m.id) ? '' : ' (not graded)'}`);
        const extra = rules.filter((r) => !METRICS.some((m) => m.id === r.id));
        if (extra.length > 0) out.push('Rules from packs:', ...extra.map((r) => `  ${r.id.padEnd(30)} ${safeText(r.title)}`));
        out.push('Diagnosis patterns:', ...PATTERN_IDS.map((p) => `  ${p}`), '', 'revhealth explain ID for one of them.');
        io.stdout.write(`${out.join('\n')}\n`);
        setExit(0);
        return;
      }
      const metric = METRICS.find((m) => m.id === id);
      const rule = rules.find((r) => r.id === id);
      const pattern = explainPattern(id, rules);
      if (metric) io.stdout.write(explainMetric(metric, rules, UNGRADED_METRICS[metric.id]));
      else if (rule) io.stdout.write(explainRule(rule));
      else if (pattern !== null) io.stdout.write(pattern.endsWith('\n') ? pattern : `${pattern}\n`);
      else {
        const ids = [...METRICS.map((m) => m.id), ...rules.map((r) => r.id), ...PATTERN_IDS].filter((v, i, a) => a.indexOf(v) === i);
        const q = id.toLowerCase();
        const close = ids
          .map((x) => ({ x, d: Math.min(editDistance(q, x) / Math.max(q.length, x.length), x.includes(q) ? ((x.length - q.length) / x.length) * 0.5 : 1) }))
          .sort((a, b) => a.d - b.d || (a.x < b.x ? -1 : 1))
          .slice(0, 5)
          .map((c) => c.x);
        throw new UsageError(`unknown metric, rule or pattern "${id}"; closest: ${close.join(', ')}`, 'All ids: revhealth explain (no argument).');
      }
      setExit(0);
    });
}
