/**
 * The package as npm packs it (npm pack --dry-run, after `npm run build`): the launcher, the
 * bundle with its lazily loaded chunks and the ingest worker, the demo and the JSON Schema; no
 * sources, tests or tsc output. And the packed bundle runs on its own, without node_modules:
 * copied to a temp folder, `bin/revhealth.js --version` and `demo` work.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';

let files: string[];

beforeAll(() => {
  const res = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
  expect(res.status, res.stderr).toBe(0);
  files = (JSON.parse(res.stdout) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path).sort() ?? [];
}, 60_000);

describe('npm pack', () => {
  it('ships the launcher, the bundle, the demo and the schema', () => {
    for (const f of ['package.json', 'README.md', 'bin/revhealth.js', 'dist/bundle/revhealth.js', 'dist/bundle/ingest-worker.js', 'fixtures/demo/deals.csv', 'fixtures/demo/revhealth.config.json', 'schema/audit.schema.json']) {
      expect(files, f).toContain(f);
    }
  });

  it('ships nothing else: no sources, tests, tsc output or type declarations', () => {
    const allowed = /^(package\.json|README\.md|bin\/revhealth\.js|dist\/bundle\/[\w-]+\.js|fixtures\/demo\/[\w.-]+|schema\/audit\.schema\.json)$/;
    expect(files.filter((f) => !allowed.test(f))).toEqual([]);
  });

  it('package.json: the bin, engines matching what CI runs, prepare building the bundle', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; engines: { node: string }; scripts: Record<string, string> };
    expect(pkg.bin).toEqual({ revhealth: 'bin/revhealth.js' });
    expect(pkg.engines.node).toBe('>=20');
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(20);
    expect(pkg.scripts.prepare).toBe('node scripts/build.mjs --bundle --if-bundler');
    expect(pkg.scripts.prepack).toBe('node scripts/build.mjs --bundle'); // strict: a packed tarball always holds the bundle
  });

  it('the packed files run without node_modules: --version and demo', () => {
    const dir = join(tempDir(), 'package');
    for (const f of files) {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      cpSync(join(ROOT, f), join(dir, f));
    }
    const env = { PATH: process.env.PATH ?? '', NO_COLOR: '1' };
    const version = spawnSync(process.execPath, [join(dir, 'bin', 'revhealth.js'), '--version'], { cwd: tempDir(), env, encoding: 'utf8' });
    expect(version.stdout).toBe(`${(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}\n`);
    const demo = spawnSync(process.execPath, [join(dir, 'bin', 'revhealth.js'), 'demo', '--format', 'json'], { cwd: tempDir(), env, encoding: 'utf8' });
    expect(demo.status, demo.stderr).toBe(0);
    expect((JSON.parse(demo.stdout) as { company: { name: string } }).company.name).toBe('Northwind Analytics');
  });
});
