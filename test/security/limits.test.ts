/**
 * Resource limits, through the real binary: a field over --max-field-size (default 1,000,000
 * characters) is refused with a clear error; a single enormous line, a flood of delimiters or
 * quotes (tiny when compressed, millions of fields when parsed) and a 2 GB file end in exit 2
 * with bounded memory (peak RSS measured with bench/rss-hook.mjs) instead of exhausting it.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, hasStackTrace, runCliAsync, tempDir } from '../helpers/cli.js';

const HEADER = 'id,amount,stage,created,closed,name\n';
const ROW = 'D1,100,Closed Won,2025-01-05,2025-02-01,ok\n';
/** Peak RSS allowed for a refused file: Node itself is ~50 MB; a read that buffered the file would be far above. */
const MAX_RSS_MB = 300;

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function dir(files: Record<string, string | Uint8Array>): string {
  const d = tempDir(files);
  dirs.push(d);
  return d;
}

/** Runs the binary with the RSS hook; returns exit code, stderr and peak RSS in MB (speed lives in npm run bench, not here). */
function measured(args: readonly string[]): { code: number; stderr: string; rssMb: number } {
  const rssFile = join(dir({}), 'rss.txt');
  const res = spawnSync(process.execPath, ['--import', join(ROOT, 'bench', 'rss-hook.mjs'), BIN, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', REVHEALTH_RSS_FILE: rssFile },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const kb = Number(readFileSync(rssFile, 'utf8'));
  return { code: res.status ?? -1, stderr: res.stderr, rssMb: kb / 1024 };
}

describe('--max-field-size', () => {
  const big = 'x'.repeat(1_200_000);
  const d = dir({ 'deals.csv': `${HEADER}${ROW}D2,100,Closed Won,2025-01-05,2025-02-01,"${big}"\n${ROW.replace('D1', 'D3')}` });

  it('a 1.2-million-character field is refused by default, naming its line and the flag', async () => {
    const r = await runCliAsync(['validate', d]);
    expect(r.code).toBe(2);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(r.stderr).toMatch(/^error: .*deals\.csv:3: a row starting on line 3 is longer than 1000000 characters; raise the limit with --max-field-size/m);
    expect(r.stderr.length).toBeLessThan(1000);
  });

  it('is read when the limit is raised', async () => {
    const r = await runCliAsync(['validate', d, '--max-field-size', '2000000', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).rows).toEqual({ read: 3, used: 3, rejected: 0 });
  });

  it('a lower limit refuses a 200-character field', async () => {
    const small = dir({ 'deals.csv': `${HEADER}D2,100,Closed Won,2025-01-05,2025-02-01,"${'y'.repeat(200)}"\n` });
    const r = await runCliAsync(['validate', small, '--max-field-size', '100']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/longer than 100 characters/);
  });

  it('a limit that is not a whole number is a usage error', async () => {
    for (const bad of ['abc', '1.5']) {
      const r = await runCliAsync(['validate', d, '--max-field-size', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--max-field-size expects a whole number/);
    }
  });
});

describe('memory stays bounded', () => {
  it.each([
    ['a single 30 MB line with no line break', () => 'a'.repeat(30_000_000)],
    ['a 30 MB flood of delimiters on one row (millions of empty fields)', () => `${HEADER}D1,${','.repeat(30_000_000)}\n`],
    ['a 30 MB run of doubled quotes inside one quoted field', () => `${HEADER}D1,"${'""'.repeat(15_000_000)}"\n`],
    ['a 30 MB unclosed quote', () => `${HEADER}${ROW}D2,"${'z\n'.repeat(15_000_000)}`],
  ])('%s: exit 2, clear message, bounded RSS', (_name, make) => {
    const d = dir({ 'deals.csv': make() });
    const r = measured(['validate', d]);
    expect(r.code).toBe(2);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(r.stderr).toMatch(
      /^error: .*deals\.csv:\d+: (a row starting on line \d+ is longer than 1000000 characters|a quoted field opened on line \d+ is never closed|a quoted field in the row starting on line \d+ is still open after 1000000 characters \(it runs to line \d+\): most likely an unbalanced quote)/m,
    );
    expect(r.rssMb).toBeLessThan(MAX_RSS_MB);
  });

  it('a 2 GB file (valid rows, then 2 GB of NUL bytes) is refused without reading it into memory', (ctx) => {
    const d = dir({});
    const path = join(d, 'deals.csv');
    // a sparse file: the hole costs no disk; skip where the file system would really allocate it
    const fs = statfsSync(d);
    if (fs.bavail * fs.bsize < 3 * 1024 ** 3) ctx.skip();
    const fd = openSync(path, 'w');
    // 70 KB of good rows first, so the encoding sniff (64 KB) sees text and the stream goes on
    const rows = Array.from({ length: 2000 }, (_, i) => `D${i},100,Closed Won,2025-01-05,2025-02-01,ok`).join('\n');
    writeSync(fd, `${HEADER}${rows}\n`);
    writeSync(fd, Buffer.from([0]), 0, 1, 2 * 1024 ** 3 - 1);
    closeSync(fd);
    const r = measured(['validate', d]);
    expect(r.code).toBe(2);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(r.stderr).toMatch(/a row starting on line 2002 is longer than 1000000 characters/);
    expect(r.rssMb).toBeLessThan(MAX_RSS_MB);
  });
});
