/**
 * revhealth metrics: the metric catalogue only (no grades), as a table or JSON.
 */
import { Option, type Command } from 'commander';
import type { Segment } from '../../config/schema.js';
import { writeOutputs, writtenMessage } from '../../io/write.js';
import { BREAKDOWN_DIMENSIONS } from '../../metrics/engine.js';
import { formatValue } from '../../base/format.js';
import { ellipsize, reportBreakdowns } from '../../report/breakdowns.js';
import { PLAIN, safeText } from '../../report/text.js';
import { addInputOptions, filesInUse, loadInputs, type InputOptions } from '../common.js';
import type { Io } from '../io.js';
import { buildReport } from '../build-report.js';

export const METRICS_SCHEMA_VERSION = '1.0.0';

interface MetricsCliOptions extends InputOptions {
  format: 'terminal' | 'json';
  out?: string;
  asOf?: string;
  segment?: Segment;
  by?: (typeof BREAKDOWN_DIMENSIONS)[number];
}

export function registerMetrics(program: Command, io: Io, setExit: (code: number) => void): void {
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
        const { makeTable, renderBreakdownsTerminal } = await import('../../report/terminal.js');
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
}
