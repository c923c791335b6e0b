#!/usr/bin/env node
/**
 * Builds the CLI in about a second; types are checked separately (npm run typecheck: tsc --noEmit).
 *
 *   node scripts/build.mjs                  # both outputs below (npm run build)
 *   node scripts/build.mjs --bundle         # only the bundle (npm run bundle, demo, prepack)
 *   node scripts/build.mjs --bundle --if-bundler
 *                                           # the same, or a note and exit 0 when no bundler is
 *                                           # installed (prepare, under npm ci --omit=dev)
 *
 * - dist/bundle/: src/cli/main.ts (and the ingest worker) with their dependencies, ES modules for
 *   Node 20, what bin/revhealth.js runs and the package ships. Lazily imported parts (the commands
 *   behind commander, the interactive prompts) become chunks beside the entries, loaded on
 *   demand (the worker is found as ./ingest-worker.js from any of them), so `revhealth --version`
 *   reads one small file. zod is not in them: dist/bundle/zod.cjs (zod alone, English messages
 *   only) is loaded the first time a schema is used (see zodOnDemand below), so an audit without a
 *   config file or a baseline never compiles it.
 * - dist/<module>.js: every module of src/ transpiled one to one, dependencies left as imports:
 *   for the scripts (schema, docs, bench) and the tests that load built modules (worker threads).
 *
 * - dist/bundle/THIRD-PARTY-LICENSES.txt: the license of every package the bundle carries (the
 *   runtime packages are dev dependencies: the bundle holds them, so the package installs none and
 *   ships their notices instead).
 *
 * The bundler is esbuild (a dev dependency); without it the script uses rolldown, which vitest
 * already installs, with the same inputs and outputs.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const BUNDLE = join(DIST, 'bundle');
const SRC = join(ROOT, 'src');
const ENTRIES = { revhealth: join(SRC, 'cli/main.ts'), 'ingest-worker': join(SRC, 'io/ingest-worker.ts') };
// CommonJS dependencies (cli-table3...) call require(): give the ES module output one
const BANNER = "import { createRequire as __revhealthCreateRequire } from 'node:module'; const require = __revhealthCreateRequire(import.meta.url);";
const args = process.argv.slice(2);
const bundleOnly = args.includes('--bundle');

const started = performance.now();
const bundler = pick();
if (bundler === null) {
  if (args.includes('--if-bundler')) {
    console.log('revhealth: no bundler installed (dev dependencies omitted): nothing built');
    process.exit(0);
  }
  throw new Error('no bundler: run npm ci (esbuild is a dev dependency)');
}

if (bundleOnly) rmSync(BUNDLE, { recursive: true, force: true });
else rmSync(DIST, { recursive: true, force: true });
if (bundler === 'esbuild') {
  const esbuild = await import('esbuild');
  if (!bundleOnly) {
    await esbuild.build({ entryPoints: sources(SRC), outdir: DIST, outbase: SRC, bundle: false, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
  }
  const [result, zod] = await Promise.all([
    esbuild.build({
      entryPoints: ENTRIES,
      absWorkingDir: ROOT,
      metafile: true,
      outdir: BUNDLE,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      chunkNames: '[name]-[hash]',
      plugins: [zodOnDemand()],
      banner: { js: BANNER },
      legalComments: 'eof',
      logLevel: 'warning',
    }),
    // zod alone, CommonJS so the shim above can load it synchronously, with its English messages only
    esbuild.build({
      entryPoints: { zod: 'zod' },
      absWorkingDir: ROOT,
      metafile: true,
      outdir: BUNDLE,
      outExtension: { '.js': '.cjs' },
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      plugins: [zodEnglishOnly()],
      legalComments: 'eof',
      logLevel: 'warning',
    }),
  ]);
  writeNotices([...Object.keys(result.metafile.inputs), ...Object.keys(zod.metafile.inputs)].map((f) => join(ROOT, f)));
} else {
  const { build } = await import('rolldown');
  if (!bundleOnly) {
    const input = Object.fromEntries(sources(SRC).map((f) => [relative(SRC, f).replace(/\.ts$/, ''), f]));
    await build({
      input,
      platform: 'node',
      logLevel: 'warn',
      // dependencies stay imports, resolved from node_modules at run time
      external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
      output: { dir: DIST, format: 'esm', preserveModules: true, preserveModulesRoot: SRC, entryFileNames: '[name].js' },
    });
  }
  const out = await build({
    input: ENTRIES,
    platform: 'node',
    logLevel: 'warn',
    output: { dir: BUNDLE, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js', banner: BANNER },
  });
  writeNotices(out.output.flatMap((o) => o.moduleIds ?? []));
}
console.log(`built ${bundleOnly ? 'dist/bundle' : 'dist/ (modules) and dist/bundle'} with ${bundler} in ${Math.round(performance.now() - started)} ms`);

/**
 * zod on demand: in the bundle, `import { z } from 'zod'` in our sources gets a stand-in whose
 * first property read loads dist/bundle/zod.cjs (synchronously: a schema getter is a plain call)
 * and forwards every read to the real `z` from then on. zod costs tens of milliseconds to compile
 * and initialise, and most runs (`--version`, `--help`, an audit without a config file or a
 * baseline) never build a schema; those never load it. zod's own behaviour and messages are
 * unchanged: the stand-in only forwards. (dist/ modules and the tests import zod itself.)
 */
function zodOnDemand() {
  const shim = [
    "import { createRequire } from 'node:module';",
    'let real;',
    "const zod = () => (real ??= createRequire(import.meta.url)('./zod.cjs').z);",
    'export const z = new Proxy(Object.create(null), { get: (_, key) => zod()[key], has: (_, key) => key in zod() });',
    'export default z;',
  ].join('\n');
  return {
    name: 'zod-on-demand',
    setup(build) {
      build.onResolve({ filter: /^zod$/ }, (a) => (a.importer.startsWith(SRC) ? { path: 'zod', namespace: 'zod-on-demand' } : undefined));
      build.onLoad({ filter: /.*/, namespace: 'zod-on-demand' }, () => ({ contents: shim, loader: 'js', resolveDir: ROOT }));
    },
  };
}

/**
 * zod's locales, `z.locales` (which revhealth never reads), carry ~45 languages: the bundle keeps
 * `en` only, which zod configures as its messages by default, so every message stays the same.
 */
function zodEnglishOnly() {
  return {
    name: 'zod-english-only',
    setup(build) {
      build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (a) =>
        /[\\/]node_modules[\\/]zod[\\/]/.test(a.importer) ? { path: join(dirname(a.importer), '../locales/index.js'), namespace: 'zod-english-only' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (a) => ({ contents: "export { default as en } from './en.js';", loader: 'js', resolveDir: dirname(a.path) }));
    },
  };
}

/**
 * THIRD-PARTY-LICENSES.txt beside the bundle: for each package whose files went into it (found by
 * the last node_modules/<name>/ in each input's path), its name, version, license and license
 * file, sorted by name. The bundle's legal comments stay at the end of each file (legalComments).
 */
function writeNotices(inputs) {
  const packages = new Map();
  for (const file of inputs) {
    const m = /^(.*[\\/]node_modules[\\/])((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(file.replace(/^\0+/, ''));
    if (!m) continue;
    const dir = m[1] + m[2];
    const pkgFile = join(dir, 'package.json');
    if (!existsSync(pkgFile)) continue;
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
    packages.set(`${pkg.name}@${pkg.version}`, { pkg, dir: realpathSync(dir) });
  }
  const parts = [...packages.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, { pkg, dir }]) => {
      const licenseFile = readdirSync(dir).find((f) => /^licen[cs]e([-.][\w.-]*)?$/i.test(f));
      const text = licenseFile ? readFileSync(join(dir, licenseFile), 'utf8').trim() : `(no license file in the package; package.json says: ${pkg.license ?? 'nothing'})`;
      return `${id}\nlicense: ${pkg.license ?? 'unknown'}${pkg.repository ? `\nrepository: ${typeof pkg.repository === 'string' ? pkg.repository : pkg.repository.url}` : ''}\n\n${text}\n`;
    });
  const head = `revhealth's bundle (dist/bundle/) includes the following ${parts.length} packages, each under its own license.\n`;
  writeFileSync(join(BUNDLE, 'THIRD-PARTY-LICENSES.txt'), `${head}\n${parts.join(`\n${'-'.repeat(72)}\n\n`)}`);
}

/** Every .ts module under `dir`. */
function sources(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort();
}

function pick() {
  const require = createRequire(import.meta.url);
  for (const name of ['esbuild', 'rolldown']) {
    try {
      require.resolve(name);
      return name;
    } catch {
      // not installed: try the next one
    }
  }
  return null;
}
