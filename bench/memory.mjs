/**
 * Peak memory of `revhealth validate` on a large deals file (not a unit test).
 *
 *   npm run build && node bench/memory.mjs [ROWS] [--threads N] [--keep]
 *
 * Generates ROWS deal rows (default 9,500,000, about 1 GB) with bench/generate.mjs — streaming and
 * deterministic — into os.tmpdir()/revhealth-memory-ROWS (reused when already there), runs
 *
 *   node --import ./bench/rss-hook.mjs bin/revhealth.js validate DIR --format json --out OUT
 *
 * and prints the file size, wall time, rows read and the process's peak RSS (from
 * process.resourceUsage().maxRSS, written at exit by bench/rss-hook.mjs). Worker threads share the
 * process, so their memory is included. The generated folder is deleted afterwards unless --keep.
 * Exits 1 when the peak exceeds the limit the README states: LIMIT_PER_INPUT_MB MB of RSS per MB
 * of deals file, plus a fixed BASE_MB for the runtime.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The README's stated limit ("Performance"): keep the two in step. */
const LIMIT_PER_INPUT_MB = 6;
const BASE_MB = 200;
const args = process.argv.slice(2);
const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 9_500_000);
const threadsAt = args.indexOf('--threads');
const threads = threadsAt >= 0 ? args[threadsAt + 1] : undefined;
const keep = args.includes('--keep');

const dir = join(tmpdir(), `revhealth-memory-${rows}`);
const deals = join(dir, 'deals.csv');
if (!existsSync(deals)) {
  const t = performance.now();
  process.stdout.write(`generating ${rows.toLocaleString('en-US')} deal rows in ${dir} ...\n`);
  await generate(rows, dir);
  process.stdout.write(`  done in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
}
const bytes = statSync(deals).size;

const work = mkdtempSync(join(tmpdir(), 'revhealth-memory-out-'));
const rssFile = join(work, 'rss.txt');
const out = join(work, 'validate.json');
const cli = ['--import', join(root, 'bench', 'rss-hook.mjs'), join(root, 'bin', 'revhealth.js'), 'validate', dir, '--format', 'json', '--out', out, '--quiet'];
if (threads !== undefined) cli.push('--threads', threads);
const started = performance.now();
const res = spawnSync(process.execPath, cli, {
  cwd: root,
  env: { ...process.env, REVHEALTH_RSS_FILE: rssFile },
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'pipe'],
});
const seconds = (performance.now() - started) / 1000;

if (!existsSync(rssFile)) {
  process.stderr.write(`the run did not finish (exit ${res.status}, signal ${res.signal}):\n${res.stderr}\n`);
  process.exitCode = 1;
} else {
  const peakMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
  const summary = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : null;
  const lines = [
    `file         ${(bytes / 1e9).toFixed(2)} GB (${rows.toLocaleString('en-US')} deal rows) in ${dir}`,
    `command      revhealth validate DIR --format json --out FILE${threads !== undefined ? ` --threads ${threads}` : ''}`,
    `exit         ${res.status}`,
    `wall time    ${seconds.toFixed(1)} s`,
    `rows read    ${summary ? `${summary.rows.read.toLocaleString('en-US')} (used ${summary.rows.used.toLocaleString('en-US')}, rejected ${summary.rows.rejected.toLocaleString('en-US')})` : 'n/a'}`,
    `peak RSS     ${peakMb.toFixed(0)} MB (${(peakMb / (bytes / 1048576)).toFixed(2)} MB per MB of input)`,
  ];
  const limitMb = BASE_MB + LIMIT_PER_INPUT_MB * (bytes / 1048576);
  const within = peakMb <= limitMb;
  lines.push(`limit        ${limitMb.toFixed(0)} MB (${BASE_MB} MB + ${LIMIT_PER_INPUT_MB} MB per MB of input, as the README states): ${within ? 'within' : 'EXCEEDED'}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (!within) process.exitCode = 1;
  if (res.status !== 0) process.stderr.write(res.stderr);
}
rmSync(work, { recursive: true, force: true });
if (!keep) rmSync(dir, { recursive: true, force: true });
