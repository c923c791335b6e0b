/**
 * The package as npm ships it, from the build `npm test` made first (no second build): `npm pack`
 * (scripts ignored, so the tarball holds that bundle) writes the tarball, which is installed into a
 * temp folder with `--offline` and an empty npm cache, and `revhealth --version` and `revhealth demo
 * --format json` run from there (and `npx --offline revhealth` finds it). The tarball holds the
 * launcher, the bundle with its lazily loaded chunks, the ingest worker and the notices of the
 * packages it carries, the demo and the JSON Schema; no sources, tests or tsc output. Every
 * package the CLI runs is inside the bundle, so package.json has no `dependencies` (they are dev
 * dependencies) and `engines` admits no Node version that a bundled package excludes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';

interface Pkg {
  readonly name: string;
  readonly version: string;
  readonly bin: Record<string, string>;
  readonly engines: { node: string };
  readonly scripts: Record<string, string>;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies: Record<string, string>;
  readonly files: string[];
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Pkg;
let files: string[];
let unpacked: string; // the installed package: <app>/node_modules/revhealth
let app: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'bundle', 'revhealth.js'))) throw new Error('run npm run build first: the test packs the bundle it built');
  const work = tempDir();
  // npm with an empty cache, offline: whatever the install needs must be in the tarball
  env = { PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`, HOME: work, NO_COLOR: '1', npm_config_cache: join(work, 'npm-cache'), npm_config_offline: 'true', npm_config_update_notifier: 'false' };
  const pack = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, env, encoding: 'utf8' });
  expect(pack.status, pack.stderr).toBe(0);
  const packed = (JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[])[0];
  expect(packed?.filename).toBe(`revhealth-${pkg.version}.tgz`);
  files = packed?.files.map((f) => f.path).sort() ?? [];
  app = join(work, 'app');
  const install = spawnSync('npm', ['install', '--prefix', app, '--offline', '--no-audit', '--no-fund', join(work, packed?.filename ?? '')], { cwd: work, env, encoding: 'utf8' });
  expect(install.status, install.stderr).toBe(0);
  unpacked = join(app, 'node_modules', 'revhealth');
}, 120_000);

describe('npm pack', () => {
  it('ships the launcher, the bundle and its notices, the demo and the schema', () => {
    for (const f of ['package.json', 'README.md', 'bin/revhealth.js', 'dist/bundle/revhealth.js', 'dist/bundle/ingest-worker.js', 'dist/bundle/THIRD-PARTY-LICENSES.txt', 'fixtures/demo/deals.csv', 'fixtures/demo/revhealth.config.json', 'schema/audit.schema.json']) {
      expect(files, f).toContain(f);
    }
  });

  it('ships nothing else: no sources, tests, tsc output or type declarations', () => {
    const allowed = /^(package\.json|README\.md|bin\/revhealth\.js|dist\/bundle\/([\w-]+\.c?js|THIRD-PARTY-LICENSES\.txt)|fixtures\/demo\/[\w.-]+|schema\/audit\.schema\.json)$/;
    expect(files.filter((f) => !allowed.test(f))).toEqual([]);
  });

  it('package.json: the bin, prepare and prepack building the bundle, no runtime dependencies', () => {
    expect(pkg.bin).toEqual({ revhealth: 'bin/revhealth.js' });
    expect(pkg.scripts.prepare).toBe('node scripts/build.mjs --bundle --if-bundler');
    expect(pkg.scripts.prepack).toBe('node scripts/build.mjs --bundle'); // strict: a packed tarball always holds the bundle
    // the bundle carries them: as dependencies every install would fetch them for nothing
    expect(pkg.dependencies).toBeUndefined();
    for (const d of ['commander', 'csv-parse', 'zod', 'chalk', 'cli-table3', '@inquirer/prompts', 'esbuild']) expect(Object.keys(pkg.devDependencies), d).toContain(d);
  });

  it('the bundle imports nothing but Node built-ins and its own chunks', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const foreign: string[] = [];
    for (const f of files.filter((p) => p.startsWith('dist/bundle/') && /\.c?js$/.test(p))) {
      const code = readFileSync(join(unpacked, f), 'utf8');
      const specifiers = [
        ...code.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']/gm),
        ...code.matchAll(/^\s*import\s*["']([^"']+)["']/gm),
        ...code.matchAll(/\b(?:require|import)\(\s*["']([^"']+)["']\s*\)/g),
      ].map((m) => m[1] as string);
      for (const s of specifiers) if (!s.startsWith('./') && !builtins.has(s)) foreign.push(`${f}: ${s}`);
    }
    expect(foreign).toEqual([]);
  });

  it("the notices name every package the CLI's sources import, with its license text", () => {
    const notices = readFileSync(join(unpacked, 'dist', 'bundle', 'THIRD-PARTY-LICENSES.txt'), 'utf8');
    const bundled = [...notices.matchAll(/^((?:@[\w.-]+\/)?[\w.-]+)@(\d[\w.-]*)$/gm)].map((m) => m[1] as string);
    for (const d of ['commander', 'csv-parse', 'zod', 'chalk', 'cli-table3', '@inquirer/prompts']) expect(bundled, d).toContain(d);
    expect(notices).not.toContain('no license file');
    expect(notices).toContain('Permission is hereby granted, free of charge'); // the MIT text itself, not just the name
  });

  it('engines: the lowest Node it admits satisfies every bundled package and the CI runner', () => {
    const floor = /^>=(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(pkg.engines.node);
    expect(floor, pkg.engines.node).not.toBeNull();
    const lowest = [Number(floor?.[1]), Number(floor?.[2] ?? 0), Number(floor?.[3] ?? 0)] as const;
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; engines?: { node?: string } }> };
    const notices = readFileSync(join(unpacked, 'dist', 'bundle', 'THIRD-PARTY-LICENSES.txt'), 'utf8');
    const excluded: string[] = [];
    for (const [, name, version] of notices.matchAll(/^((?:@[\w.-]+\/)?[\w.-]+)@(\d[\w.-]*)$/gm)) {
      const entry = Object.entries(lock.packages).find(([path, p]) => path.endsWith(`node_modules/${name}`) && p.version === version)?.[1];
      expect(entry, `${name}@${version} in package-lock.json`).toBeDefined();
      const range = entry?.engines?.node;
      if (range !== undefined && !satisfies(lowest, range)) excluded.push(`${name}@${version}: ${range}`);
    }
    expect(excluded).toEqual([]);
    // and the Node running these tests (CI's) is one it admits
    const current = process.versions.node.split('.').map(Number) as [number, number, number];
    expect(compare(current, lowest)).toBeGreaterThanOrEqual(0);
  });

  it('installed from the tarball offline: only revhealth in node_modules', () => {
    expect(readdirSync(join(app, 'node_modules')).filter((d) => !d.startsWith('.')).sort()).toEqual(['revhealth']);
  });

  it('runs from the install: --version and demo --format json', () => {
    const bin = join(app, 'node_modules', '.bin', 'revhealth');
    const version = spawnSync(bin, ['--version'], { cwd: app, env, encoding: 'utf8' });
    expect(version.stderr).toBe('');
    expect(version.stdout).toBe(`${pkg.version}\n`);
    const demo = spawnSync(bin, ['demo', '--format', 'json'], { cwd: app, env, encoding: 'utf8' });
    expect(demo.status, demo.stderr).toBe(0);
    expect((JSON.parse(demo.stdout) as { company: { name: string } }).company.name).toBe('Northwind Analytics');
  }, 60_000);

  it('npx finds it offline', () => {
    const version = spawnSync('npx', ['--offline', 'revhealth', '--version'], { cwd: app, env, encoding: 'utf8' });
    expect(version.status, version.stderr).toBe(0);
    expect(version.stdout).toBe(`${pkg.version}\n`);
  }, 60_000);
});

/** -1, 0 or 1 as version a is below, equal to or above b. */
function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0) ? -1 : 1;
  return 0;
}

/**
 * Whether version v is in an npm engines range, for the forms packages write there: `||` of
 * comparator sets, each `>=`, `>`, `<=`, `<`, `^`, `~` or a bare `20`, `20.*`, `20.x` (spaces after
 * the operator allowed, missing parts 0).
 */
function satisfies(v: readonly number[], range: string): boolean {
  return range.split('||').some((alt) => {
    const comparators = alt.trim().replace(/(>=|<=|>|<|\^|~|=)\s+/g, '$1').split(/\s+/).filter(Boolean);
    return comparators.every((c) => {
      const m = /^(>=|<=|>|<|\^|~|=)?v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?/.exec(c);
      if (!m) throw new Error(`engines range not understood: ${range}`);
      const op = m[1] ?? '';
      const wild = m[3] === undefined || m[3] === 'x' || m[3] === '*';
      const parts = [Number(m[2]), wild ? 0 : Number(m[3]), m[4] === undefined || m[4] === 'x' || m[4] === '*' ? 0 : Number(m[4])];
      const cmp = compare(v, parts);
      const major = parts[0] as number;
      if (op === '>=') return cmp >= 0;
      if (op === '>') return cmp > 0;
      if (op === '<=') return cmp <= 0;
      if (op === '<') return cmp < 0;
      if (op === '^') return cmp >= 0 && (major > 0 ? (v[0] ?? 0) === major : (v[1] ?? 0) === parts[1]);
      if (op === '~') return cmp >= 0 && (v[0] ?? 0) === major && (v[1] ?? 0) === parts[1];
      return wild ? (v[0] ?? 0) === major : cmp === 0;
    });
  });
}
