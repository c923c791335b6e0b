/**
 * Raw cell values appear in messages only as far as needed to locate the problem: a reason quotes
 * at most 40 characters of the value, a warning lists at most ten distinct values, a refusal lists
 * at most 30 headers. `validate --show-values` puts the full values in the JSON output and on a
 * line of their own in the terminal.
 */
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/ingest/read-table.js';
import { hasStackTrace, runCliAsync, tempDir } from '../helpers/cli.js';
import { one } from '../helpers/streams.js';

const LONG = 'X'.repeat(5000);

describe('long values are shortened in messages', () => {
  const dir = tempDir({
    'deals.csv':
      'id,amount,stage,created,closed,type,currency\n' +
      'D1,100,Closed Won,2025-01-05,2025-02-01,New Business,USD\n' +
      `D2,${LONG},Closed Won,2025-01-05,2025-02-01,New Business,USD\n` +
      `D3,100,${LONG},2025-01-05,2025-02-01,New Business,USD\n` +
      `D4,100,Closed Won,${LONG},2025-02-01,${LONG},${LONG}\n` +
      `D1,100,Closed Won,2025-01-05,2025-02-01,New Business,USD\n`,
  });

  it('validate (terminal): no line quotes more than 40 characters of a value', async () => {
    const r = await runCliAsync(['validate', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('4 rejected'); // three long values and the repeated id
    expect(r.stdout).not.toMatch(/X{41}/);
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThan(400);
    // --show-values: the reason stays short, the full value follows on its own line
    const shown = await runCliAsync(['validate', dir, '--show-values']);
    expect(shown.stdout).toContain(`full value: "${LONG}"`);
    expect(shown.stdout.split('\n').filter((l) => l.includes('full value:')).length).toBe(3);
  });

  it('validate --format json: values clipped to 40 characters by default, full with --show-values', async () => {
    const short = JSON.parse((await runCliAsync(['validate', dir, '--format', 'json'])).stdout) as { files: { rejects: { value: string | null; reason: string }[] }[] };
    const values = short.files[0]?.rejects.map((x) => x.value ?? '') ?? [];
    expect(values.length).toBe(4);
    for (const v of values.filter((x) => x.startsWith('X'))) expect(v).toBe(`${'X'.repeat(39)}…`);
    for (const x of short.files[0]?.rejects ?? []) expect(x.reason).not.toMatch(/X{41}/);
    expect(JSON.stringify(short)).not.toMatch(/X{41}/);

    const full = JSON.parse((await runCliAsync(['validate', dir, '--format', 'json', '--show-values'])).stdout) as typeof short;
    expect(full.files[0]?.rejects.map((x) => x.value)).toContain(LONG);
    // the reasons stay short either way: the value field is where the full text goes
    for (const x of full.files[0]?.rejects ?? []) expect(x.reason).not.toMatch(/X{41}/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('warnings list at most ten distinct values, each shortened', async () => {
    const unmapped = Array.from({ length: 3000 }, (_, i) => `U${i},100,Stage ${i} ${'s'.repeat(i % 200)},2025-01-05,2025-02-01,New,USD`);
    const odd = Array.from({ length: 3000 }, (_, i) => `D${i},100,Won,2025-01-05,2025-02-01,Type ${i}${'t'.repeat(300)},C${i}${'c'.repeat(50)}`);
    const text = `id,amount,stage,created,closed,type,currency\n${unmapped.join('\n')}\n${odd.join('\n')}\n`;
    const r = await readTable('deals', 'deals.csv', one(text), { config: {} });
    if (!r.ok) throw new Error(r.problems[0]?.message);
    const byCode = Object.fromEntries(r.report.warnings.map((w) => [w.code, w.message]));
    for (const code of ['unmapped_stage', 'unknown_type', 'multiple_currencies']) {
      const m = byCode[code] as string;
      expect(m, code).toBeDefined();
      expect(m.length, `${code}: ${m.slice(0, 120)}`).toBeLessThan(1500);
    }
    expect(byCode.unmapped_stage).toMatch(/and 2990 more/);
    expect(byCode.unknown_type).toMatch(/and 2990 more/);
    expect(byCode.multiple_currencies).toMatch(/^amounts are in 3000 currencies/);
    expect(`${byCode.unmapped_stage}${byCode.unknown_type}`).not.toMatch(/[st]{41}/);
  });

  it('a refusal lists at most 30 headers, each shortened', async () => {
    const header = Array.from({ length: 1000 }, (_, i) => `col_${i}_${'h'.repeat(100)}`).join(',');
    const d = tempDir({ 'deals.csv': `${header}\n${'1,'.repeat(999)}1\n` });
    try {
      const r = await runCliAsync(['validate', d]);
      expect(r.code).toBe(2);
      expect(hasStackTrace(r.stderr)).toBe(false);
      expect(r.stderr).toMatch(/required column for the amount is missing/);
      expect(r.stderr).toMatch(/and 970 more/);
      expect(r.stderr.length).toBeLessThan(10_000);
      expect(r.stderr).not.toMatch(/h{41}/);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
