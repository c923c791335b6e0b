/**
 * node bench/fresh-clone.mjs [--tests] [--record] [--repo PATH_OR_URL] [--ref BRANCH] [--no-warm-up] [--keep]
 *
 * What a new developer waits for (issue 17): clones the repository (this checkout by default: its
 * committed HEAD, not uncommitted changes) into a temp folder and times the README's Quick start,
 * `npm ci && npm run demo` (goal ≤ 20 s on a warm npm cache), each command on its own and the
 * two together, and with --tests also `npm test` (goal ≤ 60 s). The npm cache is warmed first by
 * one untimed `npm ci` in the clone (its node_modules and dist/ removed afterwards) unless
 * --no-warm-up, so the time is the install from the cache, not the download. Whole-process wall
 * time; nothing else of this machine is touched (the clone has its own node_modules).
 * --record writes the "Fresh clone" section of bench/RESULTS.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSection } from './sections.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const repo = arg('repo', ROOT);
const ref = arg('ref', null);
const tests = args.includes('--tests');
const record = args.includes('--record');
const keep = args.includes('--keep');
const warmUp = !args.includes('--no-warm-up');

const work = mkdtempSync(join(tmpdir(), 'revhealth-fresh-clone-'));
const clone = join(work, 'revhealth');
// the clone's own environment: no colours, no update check; npm's cache is the user's (warm)
const env = { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
delete env.npm_config_prefix; // set when this script itself runs under `npm run`

/** Runs `command` (through sh, as a user types it) in the clone; wall seconds, or throws with its output. */
function run(command, { quiet = true } = {}) {
  process.stderr.write(`$ ${command}\n`);
  const t0 = process.hrtime.bigint();
  const res = spawnSync('sh', ['-c', command], { cwd: clone, env, encoding: 'utf8', stdio: quiet ? 'pipe' : 'inherit', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (res.status !== 0) throw new Error(`${command} exited ${res.status} after ${seconds.toFixed(1)} s:\n${res.stdout ?? ''}${res.stderr ?? ''}`);
  process.stderr.write(`  ${seconds.toFixed(1)} s\n`);
  return seconds;
}

try {
  const cloned = spawnSync('git', ['clone', '--quiet', ...(ref ? ['--branch', ref] : []), repo, clone], { encoding: 'utf8' });
  if (cloned.status !== 0) throw new Error(`git clone ${repo} failed: ${cloned.stderr}`);
  const head = spawnSync('git', ['log', '-1', '--format=%h %s'], { cwd: clone, encoding: 'utf8' }).stdout.trim();
  process.stderr.write(`cloned ${repo} at ${head}\n`);
  if (repo === ROOT && spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim() !== '') {
    process.stderr.write('note: this checkout has uncommitted changes; the clone has only what is committed\n');
  }
  if (warmUp) {
    process.stderr.write('warming the npm cache (untimed):\n');
    run('npm ci');
    rmSync(join(clone, 'node_modules'), { recursive: true, force: true });
    rmSync(join(clone, 'dist'), { recursive: true, force: true });
  }
  const ci = run('npm ci');
  if (!existsSync(join(clone, 'dist', 'bundle', 'revhealth.js'))) throw new Error('npm ci did not bundle the CLI (prepare)');
  const demo = run('npm run demo');
  const testSeconds = tests ? run('npm test') : null;

  const mark = (ok) => (ok ? 'met' : '**not met**');
  const fmt = (s) => `${s.toFixed(1)} s`;
  const lines = ['| step | wall | goal |', '|---|---:|---|'];
  lines.push(`| \`npm ci\` (installs, bundles through \`prepare\`) | ${fmt(ci)} | |`);
  lines.push(`| \`npm run demo\` (bundles again, audits the demo) | ${fmt(demo)} | |`);
  lines.push(`| \`npm ci && npm run demo\` | ${fmt(ci + demo)} | ≤ 20 s: ${mark(ci + demo <= 20)} |`);
  lines.push(testSeconds === null ? '| `npm test` | not run (`--tests`) | ≤ 60 s |' : `| \`npm test\` (build, then the whole suite) | ${fmt(testSeconds)} | ≤ 60 s: ${mark(testSeconds <= 60)} |`);
  const table = lines.join('\n');
  const npmVersion = spawnSync('npm', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}, npm ${npmVersion}, load average ${loadavg()[0].toFixed(1)} at the end`;
  process.stdout.write(`${table}\n\nclone of ${repo} at ${head}; ${warmUp ? 'npm cache warmed by one untimed npm ci' : 'npm cache as it was (--no-warm-up)'}; machine: ${machine}\n`);
  if (record) {
    writeSection(
      join(ROOT, 'bench/RESULTS.md'),
      'Fresh clone',
      `Recorded by \`node bench/fresh-clone.mjs${tests ? ' --tests' : ''} --record\`: a \`git clone\` of the repository in a temp folder, then the README's Quick start commands there, one run each, whole-process wall time, ${warmUp ? 'on an npm cache warmed by one untimed `npm ci`' : 'on the npm cache as it was'}. Commit ${head.split(' ')[0]}. Machine: ${machine}.\n\n${table}`,
    );
    process.stdout.write('wrote the Fresh clone section of bench/RESULTS.md\n');
  }
} finally {
  if (keep) process.stderr.write(`kept ${clone}\n`);
  else rmSync(work, { recursive: true, force: true });
}
