/**
 * Issue 16: --rejects FILE streams every rejected row (nothing held in memory), while the JSON
 * keeps the full counts and capped examples and says how many it kept. Files are generated here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, runCliAsync, tempDir } from '../helpers/cli.js';

const HEADER = 'id,amount,stage,created,closed';

/** 1,500 invalid amounts, 1,200 "x" lines, 2 rows with extra fields, 3 good rows; mixed line endings. */
function hostileDeals(): string {
  const ends = ['\n', '\r\n', '\r'];
  const lines = [HEADER];
  for (let i = 1; i <= 1500; i++) lines.push(`D${i},abc,Closed Won,2025-01-01,2025-02-01`);
  for (let i = 1; i <= 1200; i++) lines.push('x');
  lines.push('W1,100,Closed Won,2025-01-01,2025-02-01,e1,e2,e3');
  lines.push('W2,100,Closed Won,2025-01-01,2025-02-01,e1');
  for (let i = 1; i <= 3; i++) lines.push(`G${i},100,Closed Won,2025-01-01,2025-02-01`);
  return lines.map((l, i) => l + (ends[i % 3] as string)).join('');
}

describe('--rejects streams every rejected row', () => {
  it.each([['validate'], ['audit']])('%s: the CSV has all 2,702 rows; the JSON full counts and 1,000 examples per reason', async (command) => {
    const dir = tempDir({ 'in/deals.csv': hostileDeals() });
    const rejects = join(dir, 'rejects.csv');
    const out = join(dir, 'out.json');
    const args = command === 'validate' ? ['validate', 'in', '--format', 'json', '--out', out, '--rejects', rejects] : ['audit', 'in', '--format', 'json', '--out', out, '--rejects', rejects, '--as-of', '2025-06-30'];
    const res = await runCliAsync(args, { cwd: dir });
    expect([0, 1], res.stderr).toContain(res.code);
    expect(hasStackTrace(res.stderr)).toBe(false);
    const csv = parse(readFileSync(rejects, 'utf8'), { relax_column_count: true }) as string[][];
    expect((csv[0] as string[]).join(',')).toBe('file,line,column,code,reason,field_1,field_2,field_3,field_4,field_5,field_6,field_7,field_8');
    expect(csv).toHaveLength(1 + 2702);
    const codes: Record<string, number> = {};
    for (const l of csv.slice(1)) {
      const code = l[3] as string;
      codes[code] = (codes[code] ?? 0) + 1;
    }
    expect(codes).toEqual({ invalid_amount: 1500, missing_stage: 1200, wrong_column_count: 2 });
    // the last rows of the file are there, at their own lines (no row glued by the mixed endings)
    const wide = csv.filter((l) => l[3] === 'wrong_column_count').map((l) => l.slice(0, 2).join(','));
    expect(wide).toEqual([`${join('in', 'deals.csv')},2702`, `${join('in', 'deals.csv')},2703`]);
    // no temporary file left beside it
    expect(readdirSync(dir).sort()).toEqual(['in', 'out.json', 'rejects.csv']);
    if (command === 'validate') {
      const json = JSON.parse(readFileSync(out, 'utf8')) as { rows: { read: number; used: number; rejected: number }; files: { rejectedByReason: Record<string, number>; rejects: unknown[]; rejectExamples: { kept: number; perReason: number } }[] };
      expect(json.rows).toEqual({ read: 2705, used: 3, rejected: 2702 });
      expect(json.files[0]?.rejectedByReason).toEqual({ invalid_amount: 1500, missing_stage: 1200, wrong_column_count: 2 });
      expect(json.files[0]?.rejects).toHaveLength(2002);
      expect(json.files[0]?.rejectExamples).toEqual({ kept: 2002, perReason: 1000 });
    } else {
      const json = JSON.parse(readFileSync(out, 'utf8')) as { rows: { read: number; used: number; rejected: number }; items: { rejectedRows: unknown[]; totals: { rejectedRows: number }; rejectedRowsExamplesOnly?: true } };
      expect(json.rows).toEqual({ read: 2705, used: 3, rejected: 2702 });
      // the record list holds the examples, says so, and counts every row
      expect(json.items.rejectedRows).toHaveLength(2002);
      expect(json.items.totals.rejectedRows).toBe(2702);
      expect(json.items.rejectedRowsExamplesOnly).toBe(true);
    }
  });

  it('the terminal summary counts every rejected row beyond the examples it lists', async () => {
    const dir = tempDir({ 'in/deals.csv': hostileDeals() });
    const res = await runCliAsync(['validate', 'in'], { cwd: dir });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('2,705 rows read: 3 used, 2,702 rejected');
    expect(res.stdout).toContain('… 2,682 more (write them all with --rejects FILE)');
  });

  it('a run that fails leaves neither the rejects file nor a temporary file', async () => {
    const dir = tempDir({ 'in/deals.csv': 'no,usable,header\n1,2,3\n' });
    const res = await runCliAsync(['validate', 'in', '--rejects', 'rejects.csv'], { cwd: dir });
    expect(res.code).toBe(2);
    expect(hasStackTrace(res.stderr)).toBe(false);
    expect(existsSync(join(dir, 'rejects.csv'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['in']);
  });

  it('a rejects path in a folder that does not exist is refused before reading, naming the file', async () => {
    const dir = tempDir({ 'in/deals.csv': `${HEADER}\nD1,100,Closed Won,2025-01-01,2025-02-01\n` });
    const res = await runCliAsync(['validate', 'in', '--rejects', 'nope/rejects.csv'], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('nope/rejects.csv');
    expect(res.stderr).toContain('its folder does not exist');
    expect(hasStackTrace(res.stderr)).toBe(false);
  });

  it('the rejects file may not be an input', async () => {
    const dir = tempDir({ 'in/deals.csv': `${HEADER}\nD1,abc,Closed Won,2025-01-01,2025-02-01\nD2,100,Closed Won,2025-01-01,2025-02-01\n` });
    const res = await runCliAsync(['validate', 'in', '--rejects', 'in/deals.csv'], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('it is one of the input files');
    expect(readFileSync(join(dir, 'in/deals.csv'), 'utf8')).toContain('D1,abc');
    expect(readdirSync(join(dir, 'in'))).toEqual(['deals.csv']);
  });
});
