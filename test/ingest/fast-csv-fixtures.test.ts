/**
 * The fast parse path changes nothing a user sees: the audit JSON (and exit code and stderr) of
 * every fixture folder is byte-identical with the fast path forced on for every file
 * (--fast-parse-min-bytes 0) and off (Infinity), and readTable returns the same result both ways on
 * files built to make csv-parse take over in the middle (late stray quotes, late bad bytes, a
 * runaway quote, an unclosed quote at the end) and in other encodings, cut into small chunks.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InputKind } from '../../src/base/model.js';
import { readTable, type ReadOptions } from '../../src/ingest/read-table.js';
import { ROOT, runCliAsync } from '../helpers/cli.js';
import { chunked, fromChunks } from '../helpers/streams.js';

/** Every folder under fixtures/ holding a CSV file. */
function fixtureFolders(dir: string): string[] {
  const entries = readdirSync(dir);
  const here = entries.some((e) => e.endsWith('.csv')) ? [relative(ROOT, dir)] : [];
  const below = entries.filter((e) => statSync(join(dir, e)).isDirectory()).flatMap((e) => fixtureFolders(join(dir, e)));
  return [...here, ...below];
}

const FOLDERS = fixtureFolders(join(ROOT, 'fixtures'));

describe('audit JSON with the fast path forced on = off', () => {
  it('finds the fixture folders', () => {
    expect(FOLDERS).toContain('fixtures/demo');
    expect(FOLDERS.filter((f) => f.startsWith('fixtures/flavours/')).length).toBeGreaterThanOrEqual(10);
    expect(FOLDERS.filter((f) => f.startsWith('fixtures/spend/')).length).toBeGreaterThanOrEqual(8);
  });

  it.each(FOLDERS)('%s', async (folder) => {
    const args = ['audit', folder, '--format', 'json', '--as-of', '2025-12-31', '--threads', '1'];
    const on = await runCliAsync([...args, '--fast-parse-min-bytes', '0']);
    const off = await runCliAsync([...args, '--fast-parse-min-bytes', 'Infinity']);
    expect(on.code).toBe(off.code);
    expect(on.stderr).toBe(off.stderr);
    expect(on.stdout).toBe(off.stdout);
    // something was compared: a report, or an error naming what is wrong
    expect(on.stdout.length + on.stderr.length).toBeGreaterThan(50);
  });
});

const HEADER = 'id,name,amount,stage,created,closed\n';
const row = (i: number, name = `Deal ${i}`): string => `D-${i},"${name}",${1000 + i},won,2025-01-0${(i % 9) + 1},2025-02-1${i % 10}\n`;
const rows = (from: number, to: number): string => Array.from({ length: to - from }, (_, k) => row(from + k)).join('');

/** Files whose reading csv-parse takes over part-way (or that end in an error), as bytes. */
const CASES: [string, InputKind, Uint8Array, Omit<ReadOptions, 'config'>][] = [
  ['clean, quoted names with commas and "" escapes', 'deals', Buffer.from(HEADER + rows(1, 40) + row(40, 'Acct 12, Inc ""big""') + rows(41, 60)), {}],
  ['text after a closing quote on row 30 (csv-parse reads it its own way)', 'deals', Buffer.from(HEADER + rows(1, 30) + 'D-30,"Bad"x,5,won,2025-01-01,2025-02-01\n' + rows(31, 60)), {}],
  ['a quoted name with a line break, then CRLF rows', 'deals', Buffer.from(HEADER + row(1, 'two\nlines') + rows(2, 30).replace(/\n/g, '\r\n')), {}],
  [
    'a stray quote on row 20 swallowing the rest (runaway quote past max record size)',
    'deals',
    Buffer.from(HEADER + rows(1, 20) + 'D-20,"Stray,1,won,2025-01-01,2025-02-01\n' + rows(21, 80)),
    { maxRecordChars: 400 },
  ],
  ['a quote never closed at the end', 'deals', Buffer.from(HEADER + rows(1, 30) + 'D-30,"Open,1,won,2025-01-01,2025-02-01\n'), {}],
  [
    'Windows-1252 bytes from row 25 on',
    'deals',
    Buffer.concat([Buffer.from(HEADER + rows(1, 25)), Buffer.from('D-25,Caf\xe9,5,won,2025-01-01,2025-02-01\n', 'latin1'), Buffer.from(rows(26, 40))]),
    {},
  ],
  ['a BOM, a report footer and a repeated header', 'deals', Buffer.from('\uFEFF' + HEADER + rows(1, 20) + HEADER + rows(20, 30) + '\n"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\n"Confidential Information - Do Not Distribute"\n'), {}],
  ['a line longer than the line guard', 'deals', Buffer.from(HEADER + rows(1, 10) + 'D-10,' + ','.repeat(3000) + '\n' + rows(11, 20)), { maxRecordChars: 1000 }],
  ['semicolons, lone CR line ends', 'deals', Buffer.from((HEADER + rows(1, 30)).replace(/,/g, ';').replace(/\n/g, '\r')), {}],
  ['Windows-1252 throughout', 'deals', Buffer.from(HEADER + row(1, 'Café Zoë, "Ltd"') + rows(2, 40), 'latin1'), {}],
  ['UTF-16 LE with BOM, a name with a line break', 'deals', Buffer.from('\uFEFF' + HEADER + row(1, 'Zoë\nNord') + rows(2, 40), 'utf16le'), {}],
  ['UTF-16 BE with BOM, a stray quote on row 20', 'deals', Buffer.from('\uFEFF' + HEADER + rows(1, 20) + 'D-20,"Bad"x,5,won,2025-01-01,2025-02-01\n' + rows(21, 40), 'utf16le').swap16(), {}],
];

describe('readTable with the fast path = csv-parse alone, where csv-parse takes over part-way', () => {
  it.each(CASES)('%s', async (_name, kind, bytes, options) => {
    for (const size of [7, 64, 1 << 20]) {
      const on = await readTable(kind, 'deals.csv', fromChunks(chunked(bytes, size)), { config: {}, headBytes: 16, ...options, fastPathMinBytes: 0 });
      const off = await readTable(kind, 'deals.csv', fromChunks(chunked(bytes, size)), { config: {}, headBytes: 16, ...options, fastPathMinBytes: Infinity });
      expect(JSON.stringify(on)).toBe(JSON.stringify(off));
    }
  });
});

describe('readTable on a few megabytes where csv-parse takes over early, or Windows-1252 text arrives', () => {
  it.each([
    ['text after a closing quote on row 10', 'D-10,"Bad"x,5,won,2025-01-01,2025-02-01\n'],
    ['a Windows-1252 byte on row 10', 'D-10,Caf\xe9,5,won,2025-01-01,2025-02-01\n'],
  ])('%s', async (_name, bad) => {
    const bytes = Buffer.concat([Buffer.from(HEADER + rows(1, 10)), Buffer.from(bad, 'latin1'), Buffer.from(rows(11, 60_000))]);
    expect(bytes.length).toBeGreaterThan(2_500_000);
    for (const size of [1 << 16, 1 << 20]) {
      const on = await readTable('deals', 'deals.csv', fromChunks(chunked(bytes, size)), { config: {} });
      const off = await readTable('deals', 'deals.csv', fromChunks(chunked(bytes, size)), { config: {}, fastPathMinBytes: Infinity });
      expect(on.ok && on.report.rows.read).toBe(59_999);
      expect(JSON.stringify(on)).toBe(JSON.stringify(off));
    }
  });
});
