/**
 * The published JSON Schema (schema/audit.schema.json) is generated from the zod types and real
 * audit output validates against it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditReportSchema } from '../../src/audit/contract.js';
import { ROOT, runCliAsync, tempDir } from '../helpers/cli.js';

const schemaPath = join(ROOT, 'schema', 'audit.schema.json');

describe('audit JSON schema', () => {
  let validate: ReturnType<Ajv2020['compile']>;
  beforeAll(() => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
  });

  it('the committed schema is what the zod types generate (run `npm run schema` if this fails)', async () => {
    const { renderSchema } = (await import(join(ROOT, 'scripts', 'gen-schema.mjs'))) as { renderSchema: () => string };
    expect(readFileSync(schemaPath, 'utf8')).toBe(renderSchema());
  });

  it('the demo audit validates, with and without a baseline comparison', async () => {
    const dir = tempDir();
    const base = join(dir, 'base.json');
    const first = await runCliAsync(['audit', 'fixtures/demo', '--format', 'json', '--out', base]);
    expect(first.code).toBe(0);
    const report = JSON.parse(readFileSync(base, 'utf8')) as unknown;
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    const second = await runCliAsync(['audit', 'fixtures/demo', '--format', 'json', '--baseline', base, '--segment', 'smb']);
    const compared = JSON.parse(second.stdout) as { comparison?: unknown };
    expect(compared.comparison).toBeDefined();
    expect(validate(compared), JSON.stringify(validate.errors)).toBe(true);
  });

  it('an audit with missing inputs (all n/a retention) still validates', async () => {
    const res = await runCliAsync(['audit', '--deals', 'fixtures/flavours/salesforce/deals.csv', '--format', 'json']);
    expect(res.code).toBe(0);
    expect(validate(JSON.parse(res.stdout)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('the golden demo audit reads back through the zod contract unchanged (no key stripped, none added) and validates against the JSON Schema', () => {
    const golden = JSON.parse(readFileSync(join(ROOT, 'test', 'golden', 'demo.json'), 'utf8')) as unknown;
    expect(validate(golden), JSON.stringify(validate.errors)).toBe(true);
    expect(auditReportSchema().parse(golden)).toEqual(golden);
  });

  it.each([
    ['an unknown key at the top', (r: Record<string, unknown>) => ({ ...r, extra: 1 })],
    ['a metric without its status', (r: Record<string, unknown>) => ({ ...r, metrics: [{ ...(r.metrics as object[])[0], status: undefined }] })],
    ['a grade letter E', (r: Record<string, unknown>) => ({ ...r, grades: { ...(r.grades as object), overall: { ...(r.grades as { overall: object }).overall, grade: 'E' } } })],
  ])('the JSON Schema rejects %s', (_name, spoil) => {
    const golden = JSON.parse(readFileSync(join(ROOT, 'test', 'golden', 'demo.json'), 'utf8')) as Record<string, unknown>;
    expect(validate(JSON.parse(JSON.stringify(spoil(golden))))).toBe(false);
  });

  it('rejects a report with a wrong shape', () => {
    expect(validate({ schemaVersion: '1.0.0' })).toBe(false);
  });
});

describe('baseline comparison', () => {
  it('shows no change on the same data and a change when the data changes; --fail-on-regression exits 1 on a grade drop', async () => {
    const dir = tempDir();
    const base = join(dir, 'base.json');
    expect((await runCliAsync(['audit', 'fixtures/demo', '--format', 'json', '--out', base])).code).toBe(0);
    const same = await runCliAsync(['audit', 'fixtures/demo', '--format', 'json', '--baseline', base, '--fail-on-regression']);
    expect(same.code).toBe(0);
    expect((JSON.parse(same.stdout) as { comparison: { changed: boolean } }).comparison.changed).toBe(false);

    // month 2: a tighter segment makes the same numbers grade lower
    const worse = await runCliAsync(['audit', 'fixtures/demo', '--format', 'json', '--segment', 'smb', '--baseline', base, '--fail-on-regression']);
    const c = (JSON.parse(worse.stdout) as { comparison: { changed: boolean; regressions: string[] } }).comparison;
    expect(c.changed).toBe(true);
    expect(worse.code).toBe(1);
    expect(worse.stderr.trim().split('\n').at(-1)).toMatch(/^gate failed: .* grade dropped from [A-F] to [A-F]/);

    const diff = await runCliAsync(['diff', base, base]);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('Nothing changed');
    const bad = await runCliAsync(['diff', base, 'package.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not a revhealth audit JSON');
  });
});
