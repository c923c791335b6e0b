/**
 * `audit --baseline` and `diff` take one path (issue 15, "one contract"): the shell reads the saved
 * audits, the comparison is computed in audit/ (runAudit with the baseline as data; `diff` through
 * the same withComparison), so both commands give the same comparison and the same gate.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { hasStackTrace, runCliAsync, tempDir } from '../helpers/cli.js';

vi.setConfig({ testTimeout: 120_000 });

const gateLines = (stderr: string): string[] => stderr.split('\n').filter((l) => l.startsWith('gate failed: '));

describe('audit --baseline and diff give the same comparison', () => {
  it.each([
    // [case, flags of the earlier audit, flags of the later one, baseline asOf, later grade dropped]
    ['the same data and flags: nothing can have dropped', ['--as-of', '2025-11-30'], ['--as-of', '2025-11-30'], '2025-11-30', false],
    ['the same numbers on the tighter smb benchmarks (mid-market before)', ['--as-of', '2025-12-31'], ['--as-of', '2025-12-31', '--segment', 'smb'], '2025-12-31', true],
  ] as const)('%s', async (_name, before, after, baselineAsOf, dropped) => {
    const dir = tempDir();
    const base = join(dir, 'base.json');
    const now = join(dir, 'now.json');
    expect((await runCliAsync(['audit', 'fixtures/demo', ...before, '--format', 'json', '--out', base, '--quiet'])).code).toBe(0);
    const audited = await runCliAsync(['audit', 'fixtures/demo', ...after, '--format', 'json', '--out', now, '--quiet', '--baseline', base, '--fail-on-regression']);
    const diffed = await runCliAsync(['diff', base, now, '--format', 'json', '--fail-on-regression']);
    const saved = JSON.parse(readFileSync(now, 'utf8')) as { comparison: { baseline: { asOf: string }; changed: boolean } };
    expect(saved.comparison.baseline.asOf).toBe(baselineAsOf);
    expect(saved.comparison.changed).toBe(dropped);
    expect(JSON.parse(diffed.stdout)).toEqual(saved.comparison);
    // the same gate: exit 1 with the same reasons when a grade dropped, exit 0 otherwise
    expect(gateLines(audited.stderr)).toEqual(gateLines(diffed.stderr));
    expect(gateLines(audited.stderr).length > 0).toBe(dropped);
    expect([audited.code, diffed.code]).toEqual(dropped ? [1, 1] : [0, 0]);
  });
});

describe('the baseline is read by the shell', () => {
  it.each([
    ['a missing file', null, /^error: .*missing\.json: audit file not found: missing\.json$/m],
    ['not JSON', 'nope', /^error: .*missing\.json: not valid JSON/m],
    ['JSON of another shape', '{"schemaVersion":"1.0.0"}', /^error: .*missing\.json: not a revhealth audit JSON of this schema version/m],
  ] as const)('%s: exit 2, the file named, no stack trace, nothing on stdout', async (_name, content, message) => {
    const dir = tempDir(content === null ? {} : { 'missing.json': content });
    const r = await runCliAsync(['audit', join(process.cwd(), 'fixtures/demo'), '--format', 'json', '--baseline', 'missing.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(r.stdout).toBe('');
  });
});
