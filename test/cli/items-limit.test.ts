/**
 * --items-limit through the CLI in-process: record lists keep their first N
 * items by id with the full totals, and a bad value is a usage error.
 */
import { describe, expect, it } from 'vitest';
import { hasStackTrace, runCliAsync } from '../helpers/cli.js';

interface Items {
  rejectedRows: { id: string }[];
  limit: number | null;
  totals: { rejectedRows: number };
}

describe('--items-limit', () => {
  it('cuts each list to its first N ids and keeps the totals; 0 keeps all', async () => {
    const cut = await runCliAsync(['audit', 'fixtures/dirty', '--format', 'json', '--items-limit', '2']);
    expect(cut.code, cut.stderr).not.toBe(2);
    const items = (JSON.parse(cut.stdout) as { items: Items }).items;
    const all = (JSON.parse((await runCliAsync(['audit', 'fixtures/dirty', '--format', 'json', '--items-limit', '0'])).stdout) as { items: Items }).items;
    expect(all.limit).toBeNull();
    expect(all.rejectedRows.length).toBe(all.totals.rejectedRows);
    expect(all.rejectedRows.length).toBeGreaterThan(2);
    expect(items.limit).toBe(2);
    expect(items.totals.rejectedRows).toBe(all.totals.rejectedRows);
    expect(items.rejectedRows).toEqual(all.rejectedRows.slice(0, 2));
  });

  it('refuses a value that is not a whole number', async () => {
    for (const bad of ['-1', 'ten', '1.5']) {
      const r = await runCliAsync(['audit', 'fixtures/dirty', '--items-limit', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toContain('--items-limit');
      expect(hasStackTrace(r.stderr)).toBe(false);
    }
  });
});
