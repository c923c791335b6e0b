/**
 * --out and --rejects write a temporary file beside the target and rename it: a failure half-way
 * leaves neither a partial output nor the temporary file, and an existing file keeps its old
 * content. The tool never writes over one of its input files, however the path is spelled
 * (relative, through a symlink, a hard link).
 */
import { linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../src/base/errors.js';
import { fsOps, writeFileAtomic } from '../../src/io/write.js';
import { hasStackTrace, runCliAsync } from '../helpers/cli.js';
import { DEALS, cleanUpAfterEach, dir, leftovers, original } from './write-kit.js';

cleanUpAfterEach();

describe('writeFileAtomic', () => {
  it('a write that fails half-way leaves the old file as it was and no temporary file', () => {
    const d = dir({ 'report.json': 'old report' });
    fsOps.writeFileSync = ((path: string, content: string) => {
      original.writeFileSync(path, content.slice(0, content.length / 2)); // half the bytes reach the disk...
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }); // ...then the disk is full
    }) as typeof fsOps.writeFileSync;
    let error: unknown;
    try {
      writeFileAtomic(join(d, 'report.json'), 'x'.repeat(10_000));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems[0]?.message).toBe('cannot write the output file: the disk is full');
    expect(readFileSync(join(d, 'report.json'), 'utf8')).toBe('old report');
    expect(leftovers(d)).toEqual([]);
  });

  it('a failing rename (the target is a folder) leaves no temporary file and the folder as it was', () => {
    const d = dir();
    mkdirSync(join(d, 'report.json'));
    writeFileSync(join(d, 'report.json', 'keep.txt'), 'keep');
    expect(() => writeFileAtomic(join(d, 'report.json'), '{}')).toThrow(/a folder of that name is in the way/);
    expect(leftovers(d)).toEqual([]);
    expect(readFileSync(join(d, 'report.json', 'keep.txt'), 'utf8')).toBe('keep');
  });

  it('a crash between write and rename never exposes a partial target', () => {
    const d = dir();
    fsOps.renameSync = (() => {
      throw Object.assign(new Error('killed'), { code: 'EINTR' });
    }) as typeof fsOps.renameSync;
    expect(() => writeFileAtomic(join(d, 'report.json'), '{"complete": true}')).toThrow(InputError);
    expect(readdirSync(d)).toEqual([]);
  });

  it('refuses an input file by path, by symlink and by hard link', () => {
    const d = dir({ 'deals.csv': DEALS });
    const input = join(d, 'deals.csv');
    symlinkSync(input, join(d, 'link.csv'));
    linkSync(input, join(d, 'hard.csv'));
    for (const target of [input, join(d, '.', 'sub', '..', 'deals.csv'), join(d, 'link.csv'), join(d, 'hard.csv')]) {
      expect(() => writeFileAtomic(target, 'overwritten', [input])).toThrow(UsageError);
    }
    expect(readFileSync(input, 'utf8')).toBe(DEALS);
  });

  it('writes the whole content and nothing else on success', () => {
    const d = dir({ 'report.json': 'old' });
    writeFileAtomic(join(d, 'report.json'), '{"new": true}');
    expect(readFileSync(join(d, 'report.json'), 'utf8')).toBe('{"new": true}');
    expect(leftovers(d)).toEqual([]);
  });
});

describe('through the binary', () => {
  it.each([
    ['--out', 'deals.csv'],
    ['--rejects', 'deals.csv'],
    ['--out', './sub/../deals.csv'],
  ])('%s %s pointing at the input exits 2 and leaves the input intact', async (flag, target) => {
    const d = dir({ 'deals.csv': DEALS, 'sub/.keep': '' });
    // every command writes through writeFileAtomic; audit once, validate for each spelling
    for (const command of flag === '--out' && target === 'deals.csv' ? ['validate', 'audit'] : ['validate']) {
      const args = command === 'audit' ? ['--format', 'json', '--as-of', '2025-06-30'] : ['--format', 'json'];
      const r = await runCliAsync([command, '.', flag, target, ...args], { cwd: d });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/refusing to write to .*deals\.csv: it is one of the input files/);
      expect(hasStackTrace(r.stderr)).toBe(false);
      expect(readFileSync(join(d, 'deals.csv'), 'utf8')).toBe(DEALS);
      expect(leftovers(d)).toEqual([]);
    }
  });

  it('--out through a symlink to the input exits 2', async () => {
    const d = dir({ 'deals.csv': DEALS });
    symlinkSync(join(d, 'deals.csv'), join(d, 'report.json'));
    const r = await runCliAsync(['validate', '.', '--out', 'report.json'], { cwd: d });
    expect(r.code).toBe(2);
    expect(readFileSync(join(d, 'deals.csv'), 'utf8')).toBe(DEALS);
  });

  it('--out into a missing folder or onto a folder: exit 2, a clear message, nothing left behind', async () => {
    const d = dir({ 'deals.csv': DEALS });
    mkdirSync(join(d, 'out.json'));
    const missing = await runCliAsync(['validate', '.', '--out', 'nope/out.json'], { cwd: d });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: nope\/out\.json: cannot write the output file: its folder does not exist/m);
    const folder = await runCliAsync(['validate', '.', '--out', 'out.json'], { cwd: d });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/cannot write the output file: a folder of that name is in the way/);
    for (const r of [missing, folder]) {
      expect(r.stderr).not.toMatch(/internal error|This is a bug/);
      expect(hasStackTrace(r.stderr)).toBe(false);
    }
    expect(leftovers(d)).toEqual([]);
  });
});
