/**
 * revhealth audit: the full audit (metrics, benchmark grades, verdicts) in one of the report
 * formats, with its gates (--min-grade, --fail-on, --fail-on-regression). `demo` shares it.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { auditErrors } from '../../audit/run.js';
import type { Comparison } from '../../audit/contract.js';
import type { Segment } from '../../config/schema.js';
import { SEGMENTS } from '../../config/schema.js';
import { StrictError, UsageError } from '../../base/errors.js';
import { writeOutputs, writtenMessage, type PlannedOutput } from '../../io/write.js';
import { BREAKDOWN_DIMENSIONS, type BreakdownDimension } from '../../metrics/engine.js';
import { RejectsStream } from '../../io/rejects-stream.js';
import { renderRejectsCsv } from '../../report/rejects-csv.js';
import { checkGates } from '../../rules/gates.js';
import { addInputOptions, filesInUse, listingLines, loadInputs, strictMessage, styleFor, type InputOptions, type LoadedInputs } from '../common.js';
import type { Io } from '../io.js';
import { DEFAULT_ITEMS_LIMIT } from '../../audit/items.js';
import { buildReport, readAuditData } from '../build-report.js';
import { cleanLine } from '../../report/sanitize.js';
import { PLAIN } from '../../report/text.js';
import { FORMAT_IDS, formatForFile, formatHelp, renderReport, reportFormat, type FormatId } from '../../report/registry.js';

export interface AuditCliOptions extends InputOptions {
  format: FormatId;
  out?: string;
  asOf?: string;
  segment?: Segment;
  minGrade?: 'A' | 'B' | 'C' | 'D' | 'F';
  failOn?: 'critical' | 'warning';
  by?: BreakdownDimension;
  rejects?: string;
  strict?: boolean;
  baseline?: string;
  failOnRegression?: boolean;
  summary?: string;
  itemsLimit?: number;
}

export function addAuditOptions(cmd: Command): Command {
  return addInputOptions(cmd)
    .addOption(formatOption())
    .option('-o, --out <file>', 'write the report to a file (atomically) instead of stdout')
    .option('--as-of <date>', 'reference date YYYY-MM-DD (default: config asOf, else the latest date in the data)')
    .addOption(new Option('--segment <segment>', 'benchmark segment (overrides company.segment)').choices([...SEGMENTS]))
    .addOption(new Option('--min-grade <grade>', 'exit 1 when the overall grade is below this').choices(['A', 'B', 'C', 'D', 'F']))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a failing rule has this severity or worse').choices(['critical', 'warning']))
    .addOption(new Option('--by <dimension>', 'break metrics down by a deal field').choices([...BREAKDOWN_DIMENSIONS]))
    .option('--rejects <file>', 'write every rejected row with its reason to a CSV file')
    .option('--strict', 'exit 2 when any row is rejected')
    .option('--baseline <file>', "compare with an earlier audit's JSON (e.g. last month's)")
    .option('--fail-on-regression', 'with --baseline: exit 1 when the overall or an area grade dropped')
    .option('--items-limit <n>', `record lists (stale deals, rejected rows...) keep their first N items by id in the JSON; 0 keeps all (default ${DEFAULT_ITEMS_LIMIT})`, parseItemsLimit)
    .option('--summary <file>', 'also write a short Markdown summary (grade, changes since the baseline, top findings) for $GITHUB_STEP_SUMMARY or a PR comment');
}

export function registerAudit(program: Command, io: Io, setExit: (code: number) => void): void {
  const cmd = program.command('audit').description('the full audit: metrics, benchmark grades and verdicts');
  addAuditOptions(cmd).action(async (dir: string | undefined, opts: AuditCliOptions, self: Command) => {
    opts = { ...opts, format: chosenFormat(opts, self.getOptionValueSource('format') !== 'default') };
    // every rejected row goes to the --rejects file as it is rejected; the report keeps capped examples
    const rejects = opts.rejects ? RejectsStream.open(opts.rejects, io.cwd) : null;
    try {
      const loaded = await loadInputs(dir, opts, io, rejects?.sink);
      // what was done with each file of the folder, when it was not simply "every file used" (the
      // report names the files it read); the report itself stays on stdout
      if (dir !== undefined && !opts.quiet && loaded.listing.some((l) => l.usedAs === null || / chosen over /.test(l.note))) {
        io.stderr.write(`${listingLines(loaded.listing).map((l) => `input ${l}`).join('\n')}\n`);
      }
      setExit(await auditAndReport(loaded, opts, io, rejects));
    } finally {
      rejects?.discard();
    }
  });
}

function parseItemsLimit(v: string): number {
  if (!/^\d+$/.test(v.trim())) throw new InvalidArgumentError('expected a whole number of items (0 = all)');
  return Number(v.trim());
}

export async function auditAndReport(loaded: LoadedInputs, opts: AuditCliOptions, io: Io, rejects: RejectsStream | null = null): Promise<number> {
  if (opts.failOnRegression && !opts.baseline) throw new UsageError('--fail-on-regression needs --baseline FILE');
  // the shell reads the baseline audit and the ratchet file; runAudit returns the report with its
  // comparison and ratchet block
  const report = buildReport(loaded, opts, io, readAuditData(loaded, opts.baseline || undefined, io));
  const toFile = opts.out !== undefined;
  const text = await renderReport(report, opts.format, { style: styleFor(io, opts.color, toFile), width: 80 });
  const outputs: PlannedOutput[] = [];
  if (opts.out !== undefined) outputs.push({ flag: '--out', path: opts.out, content: () => text, annotations: !!reportFormat(opts.format)?.annotations });
  if (rejects) outputs.push(rejects.planned());
  else if (opts.rejects) outputs.push({ flag: '--rejects', path: opts.rejects, content: () => renderRejectsCsv(loaded.dataset.files) });
  if (opts.summary) {
    const summary = await renderReport(report, 'summary', { style: PLAIN, width: 80 });
    outputs.push({ flag: '--summary', path: opts.summary, content: () => summary });
  }
  // every target is checked before the first byte is written; the message names what was written
  const written = writeOutputs(outputs, filesInUse(loaded, io.cwd, [opts.baseline]), io.cwd);
  if (!toFile) io.stdout.write(text);
  if (!opts.quiet) io.stderr.write(writtenMessage(written));
  if (opts.strict && report.rows.rejected > 0) throw new StrictError(strictMessage(loaded.dataset.files));
  const gates = checkGates(report.grades, report.rules, {
    ...(opts.minGrade ? { minGrade: opts.minGrade } : {}),
    ...(opts.failOn ? { failOn: opts.failOn } : {}),
  });
  const reasons = [...gates.reasons];
  if (opts.failOnRegression && report.comparison) reasons.push(...gradeRegressions(report.comparison));
  if (reasons.length > 0) io.stderr.write(`${reasons.map((r) => `gate failed: ${cleanLine(r)}`).join('\n')}\n`);
  // failure isolation: the report is complete, but a metric or pattern failed
  const failed = auditErrors(report);
  if (failed.length > 0) io.stderr.write(`${failed.map((f) => `error: ${cleanLine(f)} (the rest of the audit completed)`).join('\n')}\n`);
  return reasons.length > 0 || failed.length > 0 ? 1 : 0;
}

/**
 * `-f, --format`: its choices and help from the report registry (src/report/registry.ts). Without
 * it, `--out FILE` with a registered extension (report.html, report.md...) picks that format.
 */
export function formatOption(): Option {
  return new Option('-f, --format <format>', `${formatHelp()}. Without it, --out's extension picks the format (${FORMAT_IDS.map((id) => `.${reportFormat(id)?.extension}`).join(' ')})`).choices([...FORMAT_IDS]).default('terminal');
}

/** The format to render: --format when given, else the one --out's extension names, else terminal. */
export function chosenFormat(opts: Pick<AuditCliOptions, 'format' | 'out'>, formatGiven: boolean): FormatId {
  if (formatGiven || opts.out === undefined) return opts.format;
  return formatForFile(opts.out) ?? opts.format;
}

/** Grade drops (overall or an area): what --fail-on-regression gates on. */
export function gradeRegressions(c: Comparison): string[] {
  return [c.overall, ...c.areas].filter((g) => g.regressed).map((g) => `${g.title} grade dropped from ${g.before.grade} to ${g.after.grade} since the baseline (${c.baseline.asOf})`);
}

