/**
 * Peak memory of `revhealth validate` on a large deals file (not a unit test).
 *
 *   npm run build && node bench/memory.mjs [ROWS] [--threads N] [--keep]
 *   npm run build && node bench/memory.mjs --hostile [MB]
 *
 * --hostile checks the same limit on the shapes that used to blow it (issue 16), each a MB-sized
 * file (default 8 MB; a few seconds each): every line rejected (`x` lines: was 3.5 GB for 4 MB),
 * blank lines (was 89 s for 1 MB), wide rejected rows (thousands of extra fields, half-megabyte
 * cells) with --rejects streaming every row to a file, and mixed line endings. Exit 1 when any
 * run exceeds the limit, fails, or reads fewer rows than it holds.
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
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

if (args.includes('--hostile')) {
  const mb = Number(args.find((a) => /^\d+$/.test(a)) ?? 8);
  await hostile(mb);
} else {
  await large();
}

async function large() {
  const dir = join(tmpdir(), `revhealth-memory-${rows}`);
  const deals = join(dir, 'deals.csv');
  if (!existsSync(deals)) {
    const t = performance.now();
    process.stdout.write(`generating ${rows.toLocaleString('en-US')} deal rows in ${dir} ...\n`);
    await generate(rows, dir);
    process.stdout.write(`  done in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  }
  const r = measure(dir, `${rows.toLocaleString('en-US')} deal rows`, threads !== undefined ? ['--threads', threads] : []);
  if (!keep) rmSync(dir, { recursive: true, force: true });
  if (!r.ok) process.exitCode = 1;
}

/** The hostile shapes, `mb` MB each: name, a function writing the file's lines, the rows it holds. */
async function hostile(mb) {
  const bytes = mb * 1048576;
  const header = 'id,amount,stage,created,closed\n';
  const shapes = [
    ['every line rejected ("x" lines)', () => header + 'x\n'.repeat(Math.floor((bytes - header.length) / 2)), Math.floor((bytes - header.length) / 2), []],
    ['blank lines', () => header + '\n'.repeat(bytes - header.length - 40) + 'D1,100,Closed Won,2025-01-01,2025-02-01\n', 1, []],
    [
      'wide rejected rows, --rejects',
      () => {
        const wide = `D,100,Closed Won,2025-01-01,2025-02-01,${'w,'.repeat(20_000)}w\n`; // 40 KB: wrong_column_count
        const long = `D,${'9'.repeat(500_000)},Closed Won,2025-01-01,2025-02-01\n`; // a 500 KB amount: invalid_amount
        const pair = wide + long;
        return header + pair.repeat(Math.max(1, Math.floor(bytes / pair.length)));
      },
      2 * Math.max(1, Math.floor(bytes / (40_046 + 500_036))),
      ['--rejects', 'REJECTS'],
    ],
    [
      'mixed line endings (LF, CRLF, CR)',
      () => {
        const ends = ['\n', '\r\n', '\r'];
        const parts = [header];
        let size = header.length;
        let i = 0;
        while (size < bytes) {
          const line = `D${i},${100 + (i % 997)},Closed Won,2025-01-01,2025-02-01${ends[i % 3]}`;
          parts.push(line);
          size += line.length;
          i += 1;
        }
        return parts.join('');
      },
      null, // counted below from the file
      [],
    ],
  ];
  let failed = false;
  for (const [name, make, expectedRows, extra] of shapes) {
    const dir = mkdtempSync(join(tmpdir(), 'revhealth-memory-hostile-'));
    const text = make();
    writeFileSync(join(dir, 'deals.csv'), text);
    const holds = expectedRows ?? text.split(/\r\n|\n|\r/).filter((l) => l !== '').length - 1;
    const r = measure(dir, name, extra.map((a) => (a === 'REJECTS' ? join(dir, 'rejects.csv') : a)));
    if (!r.ok || r.read !== holds) {
      if (r.read !== holds) process.stderr.write(`  expected ${holds.toLocaleString('en-US')} rows read, got ${r.read}\n`);
      failed = true;
    }
    rmSync(dir, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

/** Runs validate on DIR and prints the measures; ok when the run finished within the README's limit. */
function measure(dir, what, extraArgs) {
  const deals = join(dir, 'deals.csv');
  const bytes = statSync(deals).size;
  const work = mkdtempSync(join(tmpdir(), 'revhealth-memory-out-'));
  const rssFile = join(work, 'rss.txt');
  const out = join(work, 'validate.json');
  const cli = ['--import', join(root, 'bench', 'rss-hook.mjs'), join(root, 'bin', 'revhealth.js'), 'validate', dir, '--format', 'json', '--out', out, '--quiet', ...extraArgs];
  const started = performance.now();
  const res = spawnSync(process.execPath, cli, {
    cwd: root,
    env: { ...process.env, REVHEALTH_RSS_FILE: rssFile },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const seconds = (performance.now() - started) / 1000;
  let ok = false;
  let read = null;
  if (!existsSync(rssFile)) {
    process.stderr.write(`the run did not finish (exit ${res.status}, signal ${res.signal}):\n${res.stderr}\n`);
  } else {
    const peakMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
    const summary = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : null;
    read = summary ? summary.rows.read : null;
    const limitMb = BASE_MB + LIMIT_PER_INPUT_MB * (bytes / 1048576);
    const within = peakMb <= limitMb;
    const lines = [
      `file         ${(bytes / 1e6).toFixed(1)} MB (${what}) in ${dir}`,
      `command      revhealth validate DIR --format json --out FILE${extraArgs.length ? ` ${extraArgs.map((a) => (a.startsWith('/') ? 'FILE' : a)).join(' ')}` : ''}`,
      `exit         ${res.status}`,
      `wall time    ${seconds.toFixed(1)} s`,
      `rows read    ${summary ? `${summary.rows.read.toLocaleString('en-US')} (used ${summary.rows.used.toLocaleString('en-US')}, rejected ${summary.rows.rejected.toLocaleString('en-US')})` : 'n/a'}`,
      `JSON         ${existsSync(out) ? `${(statSync(out).size / 1e6).toFixed(2)} MB` : 'n/a'}`,
      `peak RSS     ${peakMb.toFixed(0)} MB (${(peakMb / (bytes / 1048576)).toFixed(2)} MB per MB of input)`,
      `limit        ${limitMb.toFixed(0)} MB (${BASE_MB} MB + ${LIMIT_PER_INPUT_MB} MB per MB of input, as the README states): ${within ? 'within' : 'EXCEEDED'}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n\n`);
    // exit 2 is "no usable rows", the expected outcome of a file with every row rejected
    ok = within && (res.status === 0 || res.status === 2) && summary !== null;
    if (res.status !== 0 && res.status !== 2) process.stderr.write(res.stderr);
  }
  rmSync(work, { recursive: true, force: true });
  return { ok, read };
}
