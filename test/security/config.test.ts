/**
 * The config is data: JSON parsed and validated by zod, never executed. A JavaScript expression is
 * invalid JSON (reported with its line, and nothing runs); unknown keys are reported with their
 * key path as likely typos, with the closest known key; "__proto__" pollutes nothing.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/base/errors.js';
import { parseConfigText } from '../../src/io/config.js';
import { hasStackTrace, runCliAsync, tempDir } from '../helpers/cli.js';

const DEALS = 'id,amount,stage,created,closed\nD1,100,Closed Won,2025-01-05,2025-02-01\n';
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function run(config: string, ...extra: string[]): Promise<{ code: number; stderr: string; dir: string }> {
  const dir = tempDir({ 'deals.csv': DEALS, 'revhealth.config.json': config });
  dirs.push(dir);
  const r = await runCliAsync(['validate', dir, ...extra]);
  expect(hasStackTrace(r.stderr)).toBe(false);
  return { code: r.code, stderr: r.stderr, dir };
}

describe('config safety through the binary', () => {
  it('"compnay" is reported with its key path and "company" suggested', async () => {
    const r = await run('{\n  "compnay": {}\n}\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not a valid revhealth config/);
    expect(r.stderr).toMatch(/^ {2}\(root\): unknown key "compnay" \(a typo\? did you mean "company"\?\)$/m);
  });

  it('a nested typo names its parent path', async () => {
    const r = await run('{"company": {"name": "Acme", "segmnet": "smb"}}');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ {2}company: unknown key "segmnet" \(a typo\? did you mean "segment"\?\)$/m);
  });

  it('a JavaScript expression is invalid JSON, reported with its line, and is not run', async () => {
    const marker = join(tempDir(), 'PWNED');
    const r = await run(`{\n  "company": {\n    "name": "x" + require("child_process").execSync("touch ${marker}")\n  }\n}\n`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ {2}\(file\) \(line 3\): not valid JSON/m);
    expect(existsSync(marker)).toBe(false);
  });


  it('a value of the wrong type names its key path', async () => {
    const r = await run('{"company": {"grossMargin": "75%"}, "targets": {"quotas": {"Ann": -5}}}');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ {2}company\.grossMargin: expected gross margin as a fraction/m);
    expect(r.stderr).toMatch(/^ {2}targets\.quotas\.Ann: /m);
  });
});

describe('config parsing in-process', () => {
  it.each([
    ['a module', 'module.exports = { company: { name: "Acme" } };\n', 1],
    ['an unquoted name on line 3', '{\n  "company": {\n    name: "Acme"\n  }\n}\n', 3],
    ['a comment', '{\n  // the company\n  "company": {}\n}\n', 2],
    ['a trailing comma', '{\n  "company": {},\n}\n', 3],
    ['a function call after blank lines', '\n\n  eval("1")', 3],
    ['a template literal', '{\n  "company": {\n    "name": `${process.env.HOME}`\n  }\n}', 3],
  ])('%s is refused as invalid JSON with its line', (_what, text, line) => {
    let error: unknown;
    try {
      parseConfigText(text, 'revhealth.config.json');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const p = (error as ConfigError).problems[0];
    expect(p?.path).toBe('(file)');
    expect(p?.message).toMatch(/^not valid JSON/);
    expect(p?.line).toBe(line);
  });

  it('"__proto__" is an unknown key and pollutes nothing', () => {
    let error: unknown;
    try {
      parseConfigText('{"__proto__": {"polluted": true}, "company": {"__proto__": {"polluted": true}}}', 'revhealth.config.json');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.message).join(' ')).toMatch(/unknown key "__proto__"/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('a byte-order mark is allowed; the parsed config is plain data', () => {
    const config = parseConfigText('\ufeff{"company": {"name": "Acme", "fiscalYearStartMonth": 4}}', 'c.json');
    expect(config).toEqual({ company: { name: 'Acme', fiscalYearStartMonth: 4 } });
  });
});
