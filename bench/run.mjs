/**
 * npm run bench [-- --sizes 100000,1000000,3000000 --inputs salesforce,plain --runs 3 --record
 *                   --papaparse PATH --duckdb PATH --keep]
 *
 * The benchmark of record (issue 17). Two inputs, each generated deterministically in a temp folder
 * (reused while there; deleted at the end unless --keep):
 * - `salesforce`: the realistic export (bench/generate-salesforce.mjs): a Salesforce opportunity
 *   report, every cell quoted, "Acct 12, Inc" names, "$12,345.00" amounts, M/D/YYYY dates (some
 *   ambiguous on their own), unique 18-character ids and the report's footer;
 * - `plain`: the bench's own file (bench/generate.mjs): ISO dates, a third of the amounts quoted.
 * For each size (smallest first) and each input, side by side (the runs interleaved, medians of
 * --runs), whole-process wall time and peak RSS (VmHWM at exit, bench/rss-hook.mjs, threads
 * and native memory included) of:
 * - csv-parse alone streaming the deals file, arrays, no cast (bench/parse-only.mjs; for the
 *   Salesforce file with relax_column_count, since its footer lines are one cell long);
 * - papaparse alone, when --papaparse PATH/papaparse.js is given (installed outside the project:
 *   `npm i --prefix /tmp/alt papaparse@5`);
 * - DuckDB computing the core metrics (win rate, average won deal, median cycle) in SQL over the
 *   CSV with read_csv (bench/duckdb-core.mjs), when --duckdb PATH is given or DuckDB is installed
 *   in /tmp/alt (`npm i --prefix /tmp/alt @duckdb/node-api`); its values are checked against the
 *   audit's, so both did the same work;
 * - the full `revhealth audit --format json` of the input set (deals, spend, renewals).
 * Prints a table per input and the issue's goals with met / not met; --record rewrites the main
 * part of bench/RESULTS.md (the "## " sections other benchmarks write are kept).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureGenerated } from './generate.mjs';
import { ensureSalesforce } from './generate-salesforce.mjs';
import { goals } from './goals.mjs';
import { sectionsOf } from './sections.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const AS_OF = '2025-12-31';
const DEFAULT_DUCKDB = '/tmp/alt/node_modules/@duckdb/node-api';
const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const sizes = String(arg('sizes', '100000,1000000,3000000'))
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
const runs = Number(arg('runs', '3'));
const record = args.includes('--record');
const keep = args.includes('--keep');
const papaparse = arg('papaparse', null);
const duckdb = arg('duckdb', existsSync(DEFAULT_DUCKDB) ? DEFAULT_DUCKDB : null);
const base = join(tmpdir(), 'revhealth-bench');
if (sizes.some((s) => !Number.isInteger(s) || s <= 0) || !(runs >= 1)) {
  process.stderr.write('usage: npm run bench -- [--sizes 100000,1000000,3000000] [--inputs salesforce,plain] [--runs 3] [--papaparse PATH] [--duckdb PATH] [--record] [--keep]\n');
  process.exit(2);
}

/** The two inputs: the realistic export first (the goals are about it), then the bench's own file. */
const INPUTS = [
  {
    key: 'salesforce',
    title: 'Realistic Salesforce export',
    about: '`bench/generate-salesforce.mjs`: an opportunity report, every cell quoted, `"Acct 12, Inc"` names, `"$12,345.00"` amounts, M/D/YYYY dates, unique 18-character ids, the report footer. csv-parse alone runs with `relax_column_count` (the footer lines are one cell long; without it csv-parse stops at the first of them).',
    ensure: (rows) => ensureSalesforce(rows, join(base, 'salesforce')),
    file: 'Opportunities report.csv',
    parseArgs: ['--relax-column-count'],
  },
  {
    key: 'plain',
    title: "The bench's own file",
    about: '`bench/generate.mjs`: ten unquoted columns, ISO dates, a third of the amounts quoted like `"$8,763.00"`.',
    ensure: (rows) => ensureGenerated(rows, join(base, 'plain')),
    file: 'deals.csv',
    parseArgs: [],
  },
];
const inputKeys = String(arg('inputs', INPUTS.map((i) => i.key).join(','))).split(',');
const inputs = INPUTS.filter((i) => inputKeys.includes(i.key));
if (inputs.length !== inputKeys.length) {
  process.stderr.write(`--inputs: expected a comma-separated list of ${INPUTS.map((i) => i.key).join(', ')}\n`);
  process.exit(2);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** One run of `node ARGV` with the RSS hook: wall seconds, peak RSS in MB, stdout. */
function timed(argv) {
  const rssFile = join(tmpdir(), `revhealth-bench-rss-${process.pid}.txt`);
  rmSync(rssFile, { force: true });
  const t0 = process.hrtime.bigint();
  const res = spawnSync(process.execPath, ['--import', join(ROOT, 'bench/rss-hook.mjs'), ...argv], {
    env: { ...process.env, REVHEALTH_RSS_FILE: rssFile, NO_COLOR: '1' },
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (res.status !== 0) throw new Error(`node ${argv.join(' ')} exited ${res.status}: ${res.stderr}`);
  const rssMb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : NaN;
  rmSync(rssFile, { force: true });
  return { seconds, rssMb, stdout: res.stdout };
}

/** The cases of one input at one size, run interleaved `runs` times: medians of time, max of RSS. */
function measureAll(cases) {
  const samples = cases.map(() => []);
  for (let r = 0; r < runs; r++) cases.forEach((c, k) => samples[k].push(timed(c.argv)));
  return cases.map((c, k) => {
    const s = samples[k];
    const m = { seconds: median(s.map((x) => x.seconds)), rssMb: Math.max(...s.map((x) => x.rssMb)), stdout: s[s.length - 1].stdout };
    process.stderr.write(`  ${c.label}: ${m.seconds.toFixed(2)} s (median of ${runs}), peak RSS ${m.rssMb.toFixed(0)} MB\n`);
    return m;
  });
}

/** DuckDB's core metrics against the audit's: the same values (to 1e-9 relative), else what differs. */
function sameCoreMetrics(duck, auditFile) {
  const audit = JSON.parse(readFileSync(auditFile, 'utf8'));
  const ours = Object.fromEntries(audit.metrics.map((m) => [m.id, m.value]));
  const diffs = [];
  for (const id of ['win_rate', 'avg_deal_size', 'sales_cycle_days']) {
    const a = ours[id];
    const b = duck[id];
    if (typeof a !== 'number' || typeof b !== 'number' || Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a))) diffs.push(`${id}: audit ${a}, DuckDB ${b}`);
  }
  return diffs;
}

const results = new Map(inputs.map((i) => [i.key, []]));
for (const size of sizes) {
  for (const input of inputs) {
    const dir = await input.ensure(size);
    const file = join(dir, input.file);
    const mb = statSync(file).size / 1e6;
    const auditOut = join(dir, 'audit.json');
    process.stderr.write(`${input.key}, ${size.toLocaleString('en-US')} deals (${mb.toFixed(0)} MB):\n`);
    const cases = [{ key: 'parse', label: 'csv-parse alone', argv: [join(ROOT, 'bench/parse-only.mjs'), file, ...input.parseArgs] }];
    if (papaparse) cases.push({ key: 'papa', label: 'papaparse alone', argv: [join(ROOT, 'bench/papaparse-only.mjs'), file, resolve(papaparse)] });
    if (duckdb) cases.push({ key: 'duck', label: 'DuckDB, core metrics in SQL', argv: [join(ROOT, 'bench/duckdb-core.mjs'), file, input.key, AS_OF, duckdb] });
    cases.push({ key: 'audit', label: 'revhealth audit', argv: [join(ROOT, 'bin/revhealth.js'), 'audit', dir, '--format', 'json', '--out', auditOut, '--as-of', AS_OF, '--quiet'] });
    const measured = Object.fromEntries(measureAll(cases).map((m, k) => [cases[k].key, m]));
    let agree = null;
    if (measured.duck) {
      agree = sameCoreMetrics(JSON.parse(measured.duck.stdout), auditOut);
      process.stderr.write(agree.length === 0 ? '  DuckDB and the audit agree on win rate, average won deal and median cycle\n' : `  DuckDB and the audit DIFFER: ${agree.join('; ')}\n`);
    }
    results.get(input.key).push({ size, mb, ...measured, agree });
  }
}

const fmt = (n, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const mbCell = (m) => `${fmt(m.rssMb, 0)} MB`;

function table(rows) {
  const head = ['deals', 'file', 'csv-parse alone'];
  if (papaparse) head.push('papaparse alone');
  if (duckdb) head.push('DuckDB, core metrics');
  head.push('audit (full, JSON)', 'audit rows/s', 'audit ÷ parse');
  if (duckdb) head.push('audit ÷ DuckDB');
  head.push('peak RSS parse', 'peak RSS audit');
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---:').join('|')}|`];
  for (const r of rows) {
    const cells = [r.size.toLocaleString('en-US'), `${fmt(r.mb, r.mb < 10 ? 1 : 0)} MB`, `${fmt(r.parse.seconds)} s`];
    if (papaparse) cells.push(`${fmt(r.papa.seconds)} s (${mbCell(r.papa)})`);
    if (duckdb) cells.push(`${fmt(r.duck.seconds)} s (${mbCell(r.duck)})${r.agree.length ? ' ⚠ values differ' : ''}`);
    cells.push(`${fmt(r.audit.seconds)} s`, Math.round(r.size / r.audit.seconds).toLocaleString('en-US'), fmt(r.audit.seconds / r.parse.seconds));
    if (duckdb) cells.push(fmt(r.audit.seconds / r.duck.seconds));
    cells.push(mbCell(r.parse), mbCell(r.audit));
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
const blocks = inputs.map((i) => `### ${i.title}\n\n${i.about}\n\n${table(results.get(i.key))}\n\nGoals (issue 17):\n\n${goals(results.get(i.key))}`);
process.stdout.write(`\n${blocks.join('\n\n')}\n\nmachine: ${machine}; load average ${loadavg()[0].toFixed(1)} at the end\n`);

if (record) {
  const previous = existsSync(join(ROOT, 'bench/RESULTS.md')) ? readFileSync(join(ROOT, 'bench/RESULTS.md'), 'utf8') : '';
  const kept = sectionsOf(previous); // the sections threads.mjs, startup.mjs and fresh-clone.mjs write
  const alt = [papaparse && '--papaparse /tmp/alt/node_modules/papaparse/papaparse.js', duckdb && '--duckdb /tmp/alt/node_modules/@duckdb/node-api'].filter(Boolean).join(' ');
  const install = [papaparse && 'papaparse@5', duckdb && '@duckdb/node-api'].filter(Boolean).join(' ');
  writeFileSync(
    join(ROOT, 'bench/RESULTS.md'),
    `# Benchmark results\n\nRecorded by \`npm run bench -- --record\` (medians of ${runs} interleaved runs, whole-process wall time, peak RSS including worker threads and native memory; audits of the whole input set, deals + spend + renewals, \`--as-of ${AS_OF}\`, JSON). DuckDB computes the three core metrics (win rate, average won deal, median cycle) in SQL over the same CSV with \`read_csv\`, on every core; the bench checks that its values equal the audit's.\n\nMachine: ${machine}\n\nOn a shared virtual machine wall times move by up to a quarter from one run to the next; compare the columns of one run (the ratios), not two runs.\n\n${blocks.join('\n\n')}\n\nReproduce: \`npm ci && npm run bench -- --record${alt ? ` ${alt}` : ''}\`${install ? ` (after \`npm i --prefix /tmp/alt ${install}\`; not dependencies of revhealth)` : ''}\n${kept ? `\n${kept}` : ''}`,
  );
  process.stdout.write('wrote bench/RESULTS.md\n');
}
if (!keep) rmSync(base, { recursive: true, force: true });
