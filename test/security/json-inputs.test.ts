/**
 * Issue 16, "Crashes and unbounded memory" (JSON inputs) and "values wrong without a word" (config
 * numbers): configs, rule packs, override files and baselines are read with a 10 MB limit, checked
 * with fstat first and by a capped read (a FIFO or /dev/zero reports size 0); config numbers and
 * dates are bounded so no sum becomes Infinity or NaN and no typo'd year is accepted.
 * Large inputs are sparse files or streams made here, never committed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, InputError } from '../../src/base/errors.js';
import { parseConfigText } from '../../src/io/config.js';
import { MAX_JSON_INPUT_BYTES, readJsonInput } from '../../src/io/read-json.js';
import { validatePack } from '../../src/rules/schema.js';
import { hasStackTrace, runCliAsync, tempDir } from '../helpers/cli.js';

const DEALS = 'id,amount,stage,created,closed\nD1,100,Closed Won,2025-01-05,2025-02-01\nD2,200,Closed Lost,2025-01-05,2025-02-01\n';
const dirs: string[] = [];
function dir(files: Record<string, string> = {}): string {
  const d = tempDir(files);
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A sparse file of `bytes` (takes no disk space). */
function sparse(path: string, bytes: number): string {
  writeFileSync(path, '');
  truncateSync(path, bytes);
  return path;
}

describe('readJsonInput: the 10 MB limit', () => {
  it('is 10 MB', () => {
    expect(MAX_JSON_INPUT_BYTES).toBe(10 * 1024 * 1024);
  });

  it('a regular file over the limit is refused by its size, before reading', () => {
    const d = dir();
    const p = sparse(join(d, 'big.json'), MAX_JSON_INPUT_BYTES + 1);
    expect(() => readJsonInput(p, 'big.json', 'the config')).toThrow(InputError);
    expect(() => readJsonInput(p, 'big.json', 'the config')).toThrow('the config is larger than 10 MB, the limit for a JSON input; is it the right file?');
  });

  it('a file of exactly the limit is read', () => {
    const d = dir();
    const p = sparse(join(d, 'edge.json'), MAX_JSON_INPUT_BYTES);
    expect(readJsonInput(p, 'edge.json', 'the config')).toHaveLength(MAX_JSON_INPUT_BYTES);
  });

  it('/dev/zero (size 0, endless) is refused after reading one byte past the limit', () => {
    expect(() => readJsonInput('/dev/zero', '/dev/zero', 'the rule pack')).toThrow('the rule pack is larger than 10 MB');
  });

  it('a FIFO fed more than the limit is refused', async () => {
    const d = dir();
    const fifo = join(d, 'pack.json');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const writer = spawn('sh', ['-c', `head -c ${MAX_JSON_INPUT_BYTES + 100_000} /dev/zero > "${fifo}"`], { stdio: 'ignore' });
    const done = new Promise((r) => writer.on('close', r));
    expect(() => readJsonInput(fifo, 'pack.json', 'the rule pack')).toThrow('the rule pack is larger than 10 MB');
    await done;
  });

  it('a folder is named as such', () => {
    const d = dir();
    expect(() => readJsonInput(d, 'cfg', 'the config')).toThrow('the config is a folder, not a file');
  });
});

describe('through the binary: exit 2 naming the file, no crash', () => {
  it.each([
    ['--config, over the limit', { 'big.json': 'SPARSE' }, ['--config', 'big.json'], /^error: big\.json: the config is larger than 10 MB/m],
    ['rule pack /dev/zero', { 'revhealth.config.json': '{"rules":{"packs":["/dev/zero"]}}' }, [], /^error: \/dev\/zero: the rule pack is larger than 10 MB/m],
    ['override file over the limit', { 'revhealth.config.json': '{"rules":{"overridesFiles":["big.json"]}}', 'big.json': 'SPARSE' }, [], /^error: big\.json: the override file is larger than 10 MB/m],
    ['--baseline /dev/zero', {}, ['--baseline', '/dev/zero'], /^error: \/dev\/zero: the audit file is larger than 10 MB/m],
    ['--config a folder', { 'sub/.keep': '' }, ['--config', 'sub'], /^error: sub: the config is a folder, not a file/m],
  ])('%s', async (_name, files, args, message) => {
    const d = dir({ 'deals.csv': DEALS });
    for (const [name, content] of Object.entries(files)) {
      if (content === 'SPARSE') sparse(join(d, name), MAX_JSON_INPUT_BYTES + 1);
      else {
        mkdirSync(dirname(join(d, name)), { recursive: true });
        writeFileSync(join(d, name), content);
      }
    }
    const r = await runCliAsync(['audit', '.', '--as-of', '2025-06-30', ...args], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/internal error|This is a bug/);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
});

describe('config numbers and dates are bounded', () => {
  const problems = (config: unknown): string[] => {
    try {
      parseConfigText(JSON.stringify(config), 'c.json');
      return [];
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      return err.problems.map((p) => `${p.path}: ${p.message}`);
    }
  };

  it.each([
    ['rule weight 1e308', { rules: { overrides: { win_rate: { weight: 1e308 } } } }, 'rules.overrides.win_rate.weight: expected a weight of at most 1000'],
    ['rule weight -1', { rules: { overrides: { win_rate: { weight: -1 } } } }, 'rules.overrides.win_rate.weight: expected a weight >= 0'],
    ['threshold 1e308', { rules: { overrides: { win_rate: { thresholds: { default: { good: 1e308, fair: 0.2, poor: 0.1 } } } } } }, 'rules.overrides.win_rate.thresholds.default.good: expected good of at most 1000000000000000'],
    ['negative bookings target', { targets: { nextQuarterBookings: -1 } }, 'targets.nextQuarterBookings: expected an amount >= 0'],
    ['bookings target 1e300', { targets: { nextQuarterBookings: 1e300 } }, 'targets.nextQuarterBookings: expected an amount of at most 1000000000000000'],
    ['quota 1e300', { targets: { quotas: { Ann: 1e300 } } }, 'targets.quotas.Ann: expected an amount of at most 1000000000000000'],
    ['ARR 1e16', { company: { arr: 1e16 } }, 'company.arr: expected an amount of at most 1000000000000000'],
    ['asOf 0001-01-01', { asOf: '0001-01-01' }, 'asOf: expected a year between 1900 and 2200'],
    ['asOf 2205-01-01', { asOf: '2205-01-01' }, 'asOf: expected a year between 1900 and 2200'],
    ['asOf 2025-02-30', { asOf: '2025-02-30' }, 'asOf: not a real calendar date'],
    ['forecast on 2025-13-01', { forecasts: [{ start: '2025-13-01', end: '2025-12-31', amount: 1 }] }, 'forecasts.0.start: not a real calendar date'],
    ['forecast ending before it starts', { forecasts: [{ start: '2025-04-01', end: '2025-03-31', amount: 1 }] }, 'forecasts.0.end: the period ends before it starts (end < start)'],
    ['revenue period in 1899', { revenue: [{ start: '1899-01-01', end: '1899-03-31', amount: 1 }] }, 'revenue.0.start: expected a year between 1900 and 2200'],
  ])('%s is refused', (_name, config, problem) => {
    expect(problems(config)).toContain(problem);
  });

  it.each([
    ['weight 1000', { rules: { overrides: { win_rate: { weight: 1000 } } } }],
    ['asOf 1900-01-01', { asOf: '1900-01-01' }],
    ['asOf 2200-12-31', { asOf: '2200-12-31' }],
    ['a one-day forecast', { forecasts: [{ start: '2025-04-01', end: '2025-04-01', amount: 0 }] }],
    ['bookings target 1e15', { targets: { nextQuarterBookings: 1e15 } }],
  ])('%s is accepted', (_name, config) => {
    expect(problems(config)).toEqual([]);
  });

  it('a rule pack weight of 1e308 is a problem of the pack', () => {
    const { problems: p } = validatePack({ schemaVersion: 1, areas: [{ id: 'pipeline', title: 'P', weight: 1e308 }], rules: [] }, 'team.json');
    expect(p).toContain('team.json.areas[0].weight: expected a weight of at most 1000');
  });

  it.each([['0001-01-01'], ['2205-01-01']])('--as-of %s exits 2 with the allowed years', async (day) => {
    const d = dir({ 'deals.csv': DEALS });
    const r = await runCliAsync(['audit', '.', '--as-of', day], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: --as-of expects a year between 1900 and 2200, got "${day}"`);
  });

  it('through the binary: weight 1e308 exits 2 naming the key, and never prints NaN', async () => {
    const d = dir({ 'deals.csv': DEALS, 'revhealth.config.json': JSON.stringify({ rules: { overrides: { win_rate: { weight: 1e308 } } } }) });
    const r = await runCliAsync(['audit', '.', '--as-of', '2025-06-30'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('rules.overrides.win_rate.weight: expected a weight of at most 1000');
    expect(`${r.stdout}${r.stderr}`).not.toContain('NaN');
  });
});
