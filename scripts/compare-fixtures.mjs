/**
 * The audit JSON of every fixture folder, by two checkouts of revhealth (each built), compared:
 * prints the folders whose JSON differs, then a count. Each build runs
 * `revhealth audit <folder> --format json -q` from its own root; a metric added on purpose can be
 * left out of the comparison with --ignore-metric ID (repeatable).
 * Usage: node scripts/compare-fixtures.mjs BEFORE_ROOT AFTER_ROOT [--ignore-metric ID ...]
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
const args = process.argv.slice(2);
const ignored = new Set(args.flatMap((a, i) => (args[i - 1] === '--ignore-metric' ? [a] : [])));
const [before, after] = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--ignore-metric');
if (!before || !after) {
  process.stderr.write('usage: node scripts/compare-fixtures.mjs BEFORE_ROOT AFTER_ROOT [--ignore-metric ID ...]\n');
  process.exit(2);
}
const dirs = [];
const walk = (d) => {
  const entries = readdirSync(d);
  if (entries.some((e) => /\.(csv|tsv|txt)$/i.test(e))) dirs.push(d);
  for (const e of entries) if (statSync(join(d, e)).isDirectory()) walk(join(d, e));
};
walk(join(after, 'fixtures'));
let same = 0;
let diff = 0;
const norm = (t) => { try { const j = JSON.parse(t); if (Array.isArray(j.metrics)) j.metrics = j.metrics.filter((m) => !ignored.has(m.id)); return JSON.stringify(j); } catch { return t; } };
for (const d of dirs) {
  const rel = d.slice(after.length + 1);
  const out = [];
  for (const root of [before, after]) {
    let text;
    try { text = execFileSync(process.execPath, [join(root, 'bin/revhealth.js'), 'audit', rel, '--format', 'json', '-q'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }); }
    catch (e) {
      if (typeof e.status !== 'number') throw e; // a failure to run, not an audit that exited non-zero
      text = `exit ${e.status}\n${e.stdout}`;
    }
    out.push(text.split(root).join('<root>'));
  }
  const [a, b] = out.map(norm);
  if (a === b) same++; else { diff++; console.log('DIFFERS', rel); }
}
console.log(`${dirs.length} folders: ${same} identical, ${diff} differ`);
