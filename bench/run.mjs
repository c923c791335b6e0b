/**
 * npm run bench [-- --sizes 100000,1000000,3000000 --runs 3 --record --papaparse PATH]
 *
 * Generates deterministic inputs (deals, spend, renewals) in a temp folder, then times, several
 * times each and reporting medians: (a) csv-parse alone streaming the deals file, (b) the full
 * `revhealth audit --format json` on the whole input set, at each size. Whole-process wall time
 * and peak RSS (from process.resourceUsage().maxRSS, threads included). Prints rows/s, MB/s and the
 * ratios audit ÷ bare parse and 3 M ÷ 1 M; --record writes bench/RESULTS.md with the machine.
 * --papaparse PATH (papaparse.js installed outside the repository, e.g. `npm i --prefix /tmp/alt
 * papaparse@5`) adds the alternative parser streaming the same file, side by side.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureGenerated } from './generate.mjs';
import { sectionsOf } from './sections.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const sizes = String(arg('sizes', '100000,1000000,3000000')).split(',').map(Number);
const runs = Number(arg('runs', '3'));
const record = args.includes('--record');
const keep = args.includes('--keep');
const papaparse = arg('papaparse', null);
const base = join(tmpdir(), 'revhealth-bench');

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function timed(argv) {
  const rssFile = join(base, `rss-${process.pid}.txt`);
  const t0 = process.hrtime.bigint();
  const res = spawnSync(process.execPath, ['--import', join(ROOT, 'bench/rss-hook.mjs'), ...argv], {
    env: { ...process.env, REVHEALTH_RSS_FILE: rssFile, NO_COLOR: '1' },
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (res.status !== 0) throw new Error(`${argv.join(' ')} exited ${res.status}: ${res.stderr}`);
  const rssMb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : NaN;
  return { seconds, rssMb };
}

function measure(label, argv) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(timed(argv));
  const r = { label, seconds: median(samples.map((s) => s.seconds)), rssMb: Math.max(...samples.map((s) => s.rssMb)) };
  process.stderr.write(`  ${label}: ${r.seconds.toFixed(2)} s (median of ${runs}), peak RSS ${r.rssMb.toFixed(0)} MB\n`);
  return r;
}

const rows = [];
for (const size of sizes) {
  const dir = await ensureGenerated(size, base);
  const mb = statSync(join(dir, 'deals.csv')).size / 1e6;
  process.stderr.write(`${size.toLocaleString('en-US')} deals (${mb.toFixed(0)} MB):\n`);
  const parse = measure('csv-parse alone', [join(ROOT, 'bench/parse-only.mjs'), join(dir, 'deals.csv')]);
  const alt = papaparse ? measure('papaparse alone', [join(ROOT, 'bench/papaparse-only.mjs'), join(dir, 'deals.csv'), resolve(papaparse)]) : null;
  const audit = measure('revhealth audit', [join(ROOT, 'bin/revhealth.js'), 'audit', dir, '--format', 'json', '--out', join(dir, 'audit.json'), '--as-of', '2025-12-31', '--quiet']);
  rows.push({ size, mb, parse, alt, audit });
}

const fmt = (n, d = 2) => n.toFixed(d);
const lines = [];
const altHead = papaparse ? ' papaparse alone |' : '';
lines.push(`| deals | file | csv-parse alone |${altHead} audit (full, JSON) | audit rows/s | audit MB/s | audit ÷ parse | peak RSS parse | peak RSS audit |`);
lines.push(`|---:|---:|---:|${papaparse ? '---:|' : ''}---:|---:|---:|---:|---:|---:|`);
for (const r of rows) {
  const altCell = r.alt ? ` ${fmt(r.alt.seconds)} s (${fmt(r.alt.rssMb, 0)} MB) |` : '';
  lines.push(
    `| ${r.size.toLocaleString('en-US')} | ${fmt(r.mb, 0)} MB | ${fmt(r.parse.seconds)} s |${altCell} ${fmt(r.audit.seconds)} s | ${Math.round(r.size / r.audit.seconds).toLocaleString('en-US')} | ${fmt(r.mb / r.audit.seconds, 1)} | ${fmt(r.audit.seconds / r.parse.seconds)} | ${fmt(r.parse.rssMb, 0)} MB | ${fmt(r.audit.rssMb, 0)} MB |`,
  );
}
const one = rows.find((r) => r.size === 1000000);
const three = rows.find((r) => r.size === 3000000);
const growth = one && three ? three.audit.seconds / one.audit.seconds : null;
const table = lines.join('\n');
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
process.stdout.write(`\n${table}\n\n`);
if (growth !== null) process.stdout.write(`audit time 3 M ÷ 1 M: ${fmt(growth)} (linear = 3.00)\n`);
process.stdout.write(`machine: ${machine}\n`);

if (record) {
  const goals = [];
  const mark = (ok) => (ok ? 'met' : '**not met**');
  if (one) {
    const ratio = one.audit.seconds / one.parse.seconds;
    goals.push(`- 1 M deals: audit ÷ bare csv-parse = ${fmt(ratio)} (goal ≤ 1.0: ${mark(ratio <= 1)}); peak RSS ${fmt(one.audit.rssMb, 0)} MB (goal ≤ 600 MB: ${mark(one.audit.rssMb <= 600)})`);
  }
  if (three) goals.push(`- 3 M deals: peak RSS ${fmt(three.audit.rssMb, 0)} MB (goal ≤ 1,536 MB: ${mark(three.audit.rssMb <= 1536)}); 3 M ÷ 1 M = ${fmt(growth)} (goal ≤ 3.3: ${mark(growth <= 3.3)})`);
  const hundred = rows.find((r) => r.size === 100000);
  if (hundred) goals.push(`- 100 k deals, full audit including start-up: ${fmt(hundred.audit.seconds)} s (goal < 1.5 s: ${mark(hundred.audit.seconds < 1.5)})`);
  // keep the sections the other benchmarks wrote (threads.mjs, startup.mjs)
  const previous = existsSync(join(ROOT, 'bench/RESULTS.md')) ? readFileSync(join(ROOT, 'bench/RESULTS.md'), 'utf8') : '';
  const kept = sectionsOf(previous);
  const threadsSection = kept ? `\n${kept}` : '';
  writeFileSync(
    join(ROOT, 'bench/RESULTS.md'),
    `# Benchmark results\n\nRecorded by \`npm run bench -- --record\` (medians of ${runs} runs, whole-process wall time, peak RSS including worker threads).\n\nMachine: ${machine}\n\nOn a shared virtual machine wall times move by up to a quarter from one run to the next; compare the columns of one run (the ratios), not two runs.\n\n${table}\n\n${goals.join('\n')}\n\nReproduce: \`npm ci && npm run build && npm run bench -- --record${papaparse ? ' --papaparse /tmp/alt/node_modules/papaparse/papaparse.js' : ''}\`${papaparse ? ' (after \`npm i --prefix /tmp/alt papaparse@5\`; papaparse is not a dependency of revhealth)' : ''}\n${threadsSection}`,
  );
  process.stdout.write('wrote bench/RESULTS.md\n');
}
if (!keep) rmSync(base, { recursive: true, force: true });
