/**
 * Smoke tests of the real binary (bin/revhealth.js -> the bundle or dist/), in child processes:
 * what only a real process shows — the version from package.json, exit codes through
 * process.exitCode, stdout/stderr as pipes, no stack trace. Everything else runs in-process
 * (test/helpers/cli.ts runCliAsync). `npm test` builds first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, hasStackTrace, runBin, spawnBin } from '../helpers/cli.js';

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('the built binary', () => {
  it('--version prints the package version and exits 0', () => {
    const r = runBin(['--version']);
    expect(r).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('demo --format json: exit 0, one JSON document on stdout, nothing on stderr', () => {
    const r = runBin(['demo', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as { company: { name: string } };
    expect(report.company.name).toBe('Northwind Analytics');
  });

  it('validate --strict on the dirty fixture exits 2 and names the file and first rejected line', () => {
    const r = runBin(['validate', 'fixtures/dirty', '--strict']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --strict: fixtures/dirty/deals.csv: 5 of 15 rows rejected (first on line 4). See them with --rejects FILE or revhealth validate.\n');
  });

  it('a missing folder is one clear error line, exit 2, no stack trace', () => {
    const r = runBin(['audit', 'fixtures/nosuch']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: fixtures/nosuch: folder not found: fixtures/nosuch\n');
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('a failed CI gate exits 1 with the reason on stderr; an unknown option exits 2', () => {
    const gate = runBin(['audit', 'fixtures/demo', '--as-of', '2025-12-31', '--min-grade', 'A']);
    expect(gate.code).toBe(1);
    expect(gate.stderr.trim().split('\n').at(-1)).toMatch(/^gate failed: --min-grade A: overall grade [B-F] \(/);
    const bad = runBin(['audit', '--bogus']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: unknown option '--bogus'$/m);
  });

  it('a reader that leaves early (revhealth … | head) ends it quietly: exit 0, no EPIPE stack trace', async () => {
    // the reader is gone before the first byte: the report's write fails with EPIPE
    const child = spawnBin(['demo', '--format', 'json']);
    child.stdout?.destroy();
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const code = await new Promise<number | null>((resolveCode) => child.on('close', (c) => resolveCode(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
