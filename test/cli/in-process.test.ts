/**
 * The in-process runner (test/helpers/cli.ts) is only as good as the shell's use of its Io:
 * relative paths resolve against io.cwd (never the process's folder), the environment is io.env,
 * and a run leaves no process-global state behind (exit code, working folder).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliAsync, tempDir } from '../helpers/cli.js';

const DEALS = 'id,amount,stage,created,closed\nD1,100,Closed Won,2025-01-05,2025-02-01\nD2,abc,Closed Won,2025-01-05,2025-02-01\n';

describe('runCliAsync', () => {
  it.each([
    ['validate', ['validate', '.', '--out', 'v.txt', '--rejects', 'r.csv'], ['v.txt', 'r.csv']],
    ['audit', ['audit', '.', '--as-of', '2025-06-30', '--out', 'a.md', '--format', 'md', '--summary', 's.md'], ['a.md', 's.md']],
    ['metrics', ['metrics', '.', '--as-of', '2025-06-30', '--out', 'm.txt'], ['m.txt']],
  ])('%s: relative --out paths land in the given cwd, not the process folder', async (_name, args, files) => {
    const dir = tempDir({ 'deals.csv': DEALS });
    const before = process.cwd();
    const r = await runCliAsync(args, { cwd: dir });
    expect(r.stderr).not.toMatch(/internal error/);
    for (const f of files) {
      expect(existsSync(join(dir, f)), f).toBe(true);
      expect(existsSync(join(before, f)), f).toBe(false);
    }
    expect(process.cwd()).toBe(before);
  });

  it('refuses to write over an input named relative to the cwd', async () => {
    const dir = tempDir({ 'deals.csv': DEALS });
    const r = await runCliAsync(['validate', '.', '--out', 'deals.csv'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: refusing to write to deals\.csv: it is one of the input files \(or the config, a rule pack, an override file or the baseline\) this run reads$/m);
    expect(readFileSync(join(dir, 'deals.csv'), 'utf8')).toBe(DEALS);
  });

  it('NO_COLOR by default; FORCE_COLOR in env brings colour back; process.exitCode untouched by a failing run', async () => {
    const plain = await runCliAsync(['validate', 'fixtures/demo']);
    expect(plain.stdout).not.toContain('\u001b[');
    const coloured = await runCliAsync(['validate', 'fixtures/demo'], { env: { FORCE_COLOR: '1' } });
    expect(coloured.stdout).not.toContain('\u001b['); // NO_COLOR=1 is still set and wins
    const forced = await runCliAsync(['validate', 'fixtures/demo'], { env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    expect(forced.stdout).toContain('\u001b[');
    const failed = await runCliAsync(['audit', 'no/such/folder']);
    expect(failed.code).toBe(2);
    expect(process.exitCode).toBeUndefined();
  });
});
