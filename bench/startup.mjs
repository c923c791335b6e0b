/**
 * node bench/startup.mjs [--runs 15 --record]   (after npm run build)
 *
 * Start-up and small inputs, where users feel it: `node -e 0` (the floor), `revhealth --version`,
 * `--help`, a 100-deal audit and the demo audit, each run interleaved with the others, medians of
 * whole-process wall time and of CPU time (user + system, less sensitive to a busy neighbour).
 * Runs bin/revhealth.js (the bundle when built, else dist/); `--dist` forces the tsc output to
 * compare the two. --record writes the "Start-up" section of bench/RESULTS.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';
import { writeSection } from './sections.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runs = Number(args.includes('--runs') ? args[args.indexOf('--runs') + 1] : '15');
const record = args.includes('--record');
const entry = join(ROOT, 'bin/revhealth.js');
const dir = mkdtempSync(join(tmpdir(), 'revhealth-startup-'));
await generate(100, dir);

const cli = (...a) => (args.includes('--dist') ? ['--input-type=module', '-e', `const { main } = await import(${JSON.stringify(new URL('../dist/cli/main.js', import.meta.url).href)}); process.argv.splice(1, 0, 'revhealth'); await main();`, ...a] : [entry, ...a]);
const cases = [
  { label: 'node -e 0', argv: ['-e', '0'], goal: null },
  { label: 'revhealth --version', argv: cli('--version'), goal: 150 },
  { label: 'revhealth --help', argv: cli('--help'), goal: null },
  { label: 'audit, 100 deals (JSON)', argv: cli('audit', dir, '--format', 'json', '--as-of', '2025-12-31'), goal: 250 },
  { label: 'demo audit (3,000 deals, terminal)', argv: cli('demo'), goal: null },
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const wall = cases.map(() => []);
const cpu = cases.map(() => []);
for (let r = 0; r < runs; r++) {
  cases.forEach((c, k) => {
    const t0 = process.hrtime.bigint();
    const res = spawnSync(process.execPath, c.argv, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8', maxBuffer: 1 << 26 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (res.status !== 0) throw new Error(`${c.label} exited ${res.status}: ${res.stderr}`);
    wall[k].push(ms);
  });
}
// CPU time per case: children's rusage is only available in aggregate, so measure it per case in a second pass
for (const [k, c] of cases.entries()) {
  for (let r = 0; r < Math.min(runs, 5); r++) {
    const res = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, ...c.argv], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8', maxBuffer: 1 << 26 });
    const m = /([\d.]+) ([\d.]+)\s*$/.exec(res.stderr ?? '');
    if (m) cpu[k].push((Number(m[1]) + Number(m[2])) * 1000);
  }
}
const lines = ['| run | wall (median) | CPU user+sys (median) | goal |', '|---|---:|---:|---|'];
cases.forEach((c, k) => {
  const w = median(wall[k]);
  const u = cpu[k].length ? `${Math.round(median(cpu[k]))} ms` : 'n/a';
  const goal = c.goal === null ? '' : `≤ ${c.goal} ms: ${w <= c.goal ? 'met' : '**not met**'}`;
  lines.push(`| ${c.label} | ${Math.round(w)} ms | ${u} | ${goal} |`);
});
const table = lines.join('\n');
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}, load average ${loadavg()[0].toFixed(1)} at the end`;
process.stdout.write(`${table}\n\nmachine: ${machine}; runs: ${runs} (CPU: ${Math.min(runs, 5)})\n`);
if (record) {
  writeSection(
    join(ROOT, 'bench/RESULTS.md'),
    'Start-up',
    `Recorded by \`node bench/startup.mjs --record\` (${args.includes('--dist') ? 'the tsc output in dist/' : 'bin/revhealth.js: the bundle'}; medians of ${runs} interleaved runs; CPU time from /usr/bin/time over ${Math.min(runs, 5)} runs). Machine: ${machine}. On a busy shared machine the wall times carry the neighbours' load; the CPU column and the gap to \`node -e 0\` are the steadier reading.\n\n${table}`,
  );
  process.stdout.write('wrote the Start-up section of bench/RESULTS.md\n');
}
rmSync(dir, { recursive: true, force: true });
