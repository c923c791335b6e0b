/**
 * Commands that read registries and data: metrics, explain, rules.
 */
import { Option, type Command } from 'commander';
import { activeRules } from '../../audit/run.js';
import { SEGMENTS, type Segment } from '../../config/schema.js';
import { UsageError } from '../../base/errors.js';
import { editDistance } from '../../base/suggest.js';
import { loadConfig } from '../../io/config.js';
import { writeOutputs, writtenMessage } from '../../io/write.js';
import { BREAKDOWN_DIMENSIONS } from '../../metrics/engine.js';
import { METRICS } from '../../metrics/registry.js';
import { explainMetric, explainRule } from '../../report/explain.js';
import { explainPattern } from '../../diagnose/explain.js';
import { PATTERN_IDS } from '../../diagnose/patterns/index.js';
import { formatValue } from '../../base/format.js';
import { makeTable, benchmarkText, renderBreakdownsTerminal } from '../../report/terminal.js';
import { ellipsize, reportBreakdowns } from '../../report/breakdowns.js';
import { PLAIN, safeText } from '../../report/text.js';
import { UNGRADED_METRICS } from '../../rules/default-pack.js';
import { thresholdsFor } from '../../rules/resolve.js';
import { addInputOptions, filesInUse, loadInputs, type InputOptions } from '../common.js';
import type { Io } from '../io.js';
import { buildReport, loadPacks } from '../build-report.js';
import { suggestTighten } from './ci.js';

export const METRICS_SCHEMA_VERSION = '1.0.0';

interface MetricsCliOptions extends InputOptions {
  format: 'terminal' | 'json';
  out?: string;
  asOf?: string;
  segment?: Segment;
  by?: (typeof BREAKDOWN_DIMENSIONS)[number];
}

export function registerInfo(program: Command, io: Io, setExit: (code: number) => void): void {
  const metrics = program.command('metrics').description('compute the metric catalogue only (no grades)');
  addInputOptions(metrics)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['terminal', 'json']).default('terminal'))
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .option('--as-of <date>', 'reference date YYYY-MM-DD')
    .addOption(new Option('--by <dimension>', 'break metrics down by a deal field').choices([...BREAKDOWN_DIMENSIONS]))
    .action(async (dir: string | undefined, opts: MetricsCliOptions) => {
      const loaded = await loadInputs(dir, opts, io);
      const r = buildReport(loaded, opts, io);
      let text: string;
      if (opts.format === 'json') {
        const body = {
          schemaVersion: METRICS_SCHEMA_VERSION,
          asOf: r.asOf,
          window: r.window,
          metrics: r.metrics,
          series: r.series,
          breakdowns: r.breakdowns,
        };
        text = `${JSON.stringify(body, null, 2)}\n`;
      } else {
        // within 80 columns: ids past their column end in "…", notes wrap, breakdowns fit
        const out: string[] = [`Metrics as of ${r.asOf} (window ${r.window.start} < d ≤ ${r.window.end})`];
        const t = makeTable(['Metric', 'Value', 'Note'], [28, 12, 36]);
        for (const m of r.metrics) {
          t.push([ellipsize(m.id, 28), ellipsize(formatValue(m.value, m.unit, r.company.currency), 12), safeText(m.status === 'n/a' ? `n/a: ${m.reason ?? ''}` : (m.notes[0] ?? ''))]);
        }
        out.push(...t.toString().split('\n'));
        out.push(...renderBreakdownsTerminal(reportBreakdowns(r), PLAIN, 80, false));
        text = `${out.map((l) => l.replace(/\s+$/, '')).join('\n')}\n`;
      }
      if (opts.out) {
        const written = writeOutputs([{ flag: '--out', path: opts.out, content: () => text }], filesInUse(loaded, io.cwd), io.cwd);
        if (!opts.quiet) io.stderr.write(writtenMessage(written));
      } else io.stdout.write(text);
      setExit(0);
    });

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
        const out: string[] = [`Active rules for segment ${segment}${resolved.disabled.length ? ` (disabled: ${resolved.disabled.join(', ')})` : ''}`];
        const t = makeTable(['Rule', 'Area', 'Benchmark', 'Wt', 'Severity', 'Owner'], [26, 12, 30, 4, 9, 10]);
        for (const r of resolved.rules) {
          const { thresholds, segmentUsed } = thresholdsFor(r, segment);
          t.push([r.id, r.area, `${benchmarkText(r.direction, thresholds, r.unit, 'USD')}${segmentUsed === 'default' && segment !== 'mixed' ? ' (all)' : ''}`, String(r.weight), r.severity, r.owner]);
        }
        out.push(t.toString(), 'Sources: revhealth explain RULE_ID');
        io.stdout.write(`${out.join('\n')}\n`);
      }
      setExit(0);
    });
}
