/**
 * node bench/threads.mjs [--sizes 100000,300000 --threads 1,2,4 --runs 3 --record]   (after npm run build)
 *
 * Thread counts side by side: for each generated deals file, `revhealth audit --format json` with
 * each --threads value and with the default, interleaved run by run (1, 2, …, default, 1, 2, …)
 * so a neighbour's load hits every column alike; whole-process wall time, medians, and each
 * column's ratio to one thread (< 1: faster than one thread). --record writes the table into the
 * "## Threads" section of bench/RESULTS.md (kept by npm run bench -- --record).
 */
import { spawnSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureGenerated } from './generate.mjs';
import { writeSection } from './sections.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const sizes = String(arg('sizes', '100000,300000')).split(',').map(Number);
const threads = String(arg('threads', '1,2')).split(',').map(Number);
const runs = Number(arg('runs', '3'));
const record = args.includes('--record');
const keep = args.includes('--keep');
const base = join(tmpdir(), 'revhealth-bench');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function timed(dir, extra) {
  const out = join(dir, `audit-${process.pid}.json`);
  const t0 = process.hrtime.bigint();
  const res = spawnSync(process.execPath, [join(ROOT, 'bin/revhealth.js'), 'audit', dir, '--format', 'json', '--out', out, '--as-of', '2025-12-31', '--quiet', ...extra], {
    env: { ...process.env, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (res.status !== 0) throw new Error(`audit ${extra.join(' ')} exited ${res.status}: ${res.stderr}`);
  return seconds;
}

const columns = [...threads.map((t) => ({ label: `--threads ${t}`, extra: ['--threads', String(t)] })), { label: 'default', extra: [] }];
const rows = [];
for (const size of sizes) {
  const dir = await ensureGenerated(size, base);
  const mb = statSync(join(dir, 'deals.csv')).size / 1e6;
  const samples = columns.map(() => []);
  for (let r = 0; r < runs; r++) columns.forEach((c, k) => samples[k].push(timed(dir, c.extra)));
  const medians = samples.map(median);
  rows.push({ size, mb, medians });
  process.stderr.write(`${size.toLocaleString('en-US')} deals (${mb.toFixed(0)} MB): ${columns.map((c, k) => `${c.label} ${medians[k].toFixed(2)} s`).join(', ')}\n`);
}

const one = columns.findIndex((c) => c.label === '--threads 1');
const head = `| deals | file | ${columns.map((c) => c.label).join(' | ')} | ${columns.filter((_, k) => k !== one).map((c) => `${c.label} ÷ 1 thread`).join(' | ')} |`;
const sep = `|---:|---:|${columns.map(() => '---:|').join('')}${columns.filter((_, k) => k !== one).map(() => '---:|').join('')}`;
const lines = [head, sep];
for (const r of rows) {
  const ratios = r.medians.filter((_, k) => k !== one).map((m) => (one >= 0 ? (m / r.medians[one]).toFixed(2) : 'n/a'));
  lines.push(`| ${r.size.toLocaleString('en-US')} | ${r.mb.toFixed(0)} MB | ${r.medians.map((m) => `${m.toFixed(2)} s`).join(' | ')} | ${ratios.join(' | ')} |`);
}
const table = lines.join('\n');
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}, load average ${loadavg()[0].toFixed(1)} at the end`;
process.stdout.write(`\n${table}\n\nmachine: ${machine}\n`);

if (record) {
  writeSection(
    join(ROOT, 'bench/RESULTS.md'),
    'Threads',
    `Recorded by \`node bench/threads.mjs --record\` (medians of ${runs} interleaved runs, whole-process wall time of \`revhealth audit --format json\`). Machine: ${machine}. Ratios below 1 mean faster than one thread.\n\n${table}`,
  );
  process.stdout.write('wrote the Threads section of bench/RESULTS.md\n');
}
if (!keep) rmSync(base, { recursive: true, force: true });
