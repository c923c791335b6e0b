/**
 * revhealth audit: the full audit (metrics, benchmark grades, verdicts) in one of the report
 * formats, with its gates (--min-grade, --fail-on, --fail-on-regression). `demo` shares it.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { auditErrors, type AuditReport } from '../../audit/run.js';
import type { Segment } from '../../config/schema.js';
import { SEGMENTS } from '../../config/schema.js';
import { StrictError, UsageError } from '../../base/errors.js';
import { writeOutputs, writtenMessage, type PlannedOutput } from '../../io/write.js';
import { BREAKDOWN_DIMENSIONS, type BreakdownDimension } from '../../metrics/engine.js';
import { RejectsStream } from '../../io/rejects-stream.js';
import { renderRejectsCsv } from '../../report/rejects-csv.js';
import { compareAudits, type Comparison } from '../../audit/compare.js';
import { renderAuditTerminal } from '../../report/terminal.js';
import { renderHtml } from '../../report/html.js';
import { renderMarkdown } from '../../report/markdown.js';
import type { Style } from '../../report/text.js';
import { readAuditFile } from '../../io/baseline.js';
import { checkGates } from '../../rules/gates.js';
import { addInputOptions, filesInUse, listingLines, loadInputs, strictMessage, styleFor, type InputOptions, type LoadedInputs } from '../common.js';
import type { Io } from '../io.js';
import { renderGithub } from '../../report/github.js';
import { renderSummary } from '../../report/summary.js';
import { DEFAULT_ITEMS_LIMIT } from '../../audit/items.js';
import { buildReport, withRatchet } from '../build-report.js';
import { cleanLine, sanitizeOutput } from '../../report/sanitize.js';

export interface AuditCliOptions extends InputOptions {
  format: (typeof FORMATS)[number];
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
    .addOption(new Option('-f, --format <format>', 'report format: terminal, json (CI), md (client deliverable), html (self-contained, with charts), github (Actions annotations)').choices([...FORMATS]).default('terminal'))
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
  addAuditOptions(cmd).action(async (dir: string | undefined, opts: AuditCliOptions) => {
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
  let report = buildReport(loaded, opts, io);
  if (opts.baseline) {
    const baseline = readAuditFile(resolve(io.cwd, opts.baseline), opts.baseline);
    report = { ...report, comparison: compareAudits(baseline, report) };
  }
  report = withRatchet(report, loaded);
  const toFile = opts.out !== undefined;
  const text = renderReport(report, opts.format, styleFor(io, opts.color, toFile));
  const outputs: PlannedOutput[] = [];
  if (opts.out !== undefined) outputs.push({ flag: '--out', path: opts.out, content: () => text, annotations: opts.format === 'github' });
  if (rejects) outputs.push(rejects.planned());
  else if (opts.rejects) outputs.push({ flag: '--rejects', path: opts.rejects, content: () => renderRejectsCsv(loaded.dataset.files) });
  if (opts.summary) outputs.push({ flag: '--summary', path: opts.summary, content: () => renderSummary(report) });
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

export const FORMATS = ['terminal', 'json', 'md', 'html', 'github'] as const;

/** The report in one of the output formats; every renderer is a pure function of the report. */
export function renderReport(report: AuditReport, format: (typeof FORMATS)[number], style: Style): string {
  switch (format) {
    case 'json':
      // C1 controls, direction marks and U+2028/9 escaped as \uXXXX: the same JSON, safe in a terminal
      return sanitizeOutput(`${JSON.stringify(report, null, 2)}\n`);
    case 'md':
      return renderMarkdown(report);
    case 'html':
      return renderHtml(report);
    case 'github':
      return renderGithub(report);
    default:
      return renderAuditTerminal(report, { style, width: 80 });
  }
}

/** Grade drops (overall or an area): what --fail-on-regression gates on. */
export function gradeRegressions(c: Comparison): string[] {
  return [c.overall, ...c.areas].filter((g) => g.regressed).map((g) => `${g.title} grade dropped from ${g.before.grade} to ${g.after.grade} since the baseline (${c.baseline.asOf})`);
}

