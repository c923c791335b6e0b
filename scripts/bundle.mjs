#!/usr/bin/env node
/**
 * Bundles the CLI for running and for the package: src/cli/main.ts (and the ingest worker) with
 * their dependencies into dist/bundle/, ES modules for Node 20. Lazily imported parts (the
 * commands behind commander, the interactive prompts) become chunks beside the entry, loaded on
 * demand (chunks sit beside the entries: the worker is found as ./ingest-worker.js), so `revhealth --version` reads one small file. bin/revhealth.js runs the bundle when it
 * is there, else the tsc output (dist/cli/main.js). Types are checked separately (tsc --noEmit).
 *
 * The bundler is esbuild (a dev dependency); without it the script uses rolldown, which vitest
 * already installs, with the same inputs and outputs.
 *
 *   node scripts/bundle.mjs               # writes dist/bundle/
 *   node scripts/bundle.mjs --if-bundler  # the same, or a note and exit 0 when no bundler is
 *                                         # installed (prepare, under npm ci --omit=dev)
 */
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist', 'bundle');
const ENTRIES = { revhealth: join(ROOT, 'src/cli/main.ts'), 'ingest-worker': join(ROOT, 'src/io/ingest-worker.ts') };
// CommonJS dependencies (cli-table3...) call require(): give the ES module output one
const BANNER = "import { createRequire as __revhealthCreateRequire } from 'node:module'; const require = __revhealthCreateRequire(import.meta.url);";

const started = performance.now();
const bundler = pick();
if (bundler === null) {
  if (process.argv.includes('--if-bundler')) {
    console.log('revhealth: no bundler installed (dev dependencies omitted): the CLI runs from dist/ after npm run build');
    process.exit(0);
  }
  throw new Error('no bundler: run npm ci (esbuild is a dev dependency)');
}
rmSync(OUT, { recursive: true, force: true });
if (bundler === 'esbuild') {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: ENTRIES,
    outdir: OUT,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    chunkNames: '[name]-[hash]',
    banner: { js: BANNER },
    legalComments: 'eof',
    logLevel: 'warning',
  });
} else {
  const { build } = await import('rolldown');
  await build({
    input: ENTRIES,
    platform: 'node',
    logLevel: 'warn',
    output: { dir: OUT, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js', banner: BANNER },
  });
}
console.log(`bundled with ${bundler} into ${join('dist', 'bundle')} in ${Math.round(performance.now() - started)} ms`);

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
