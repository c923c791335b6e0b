/**
 * A handful of the fuzz suite's inputs through the CLI in-process: whatever the bytes, the process
 * ends with a report (exit 0) or a clear refusal (exit 2, "error: file:line: …"), never a stack
 * trace or an "internal error". The bulk of the cases run in-process (ingest-robustness.test.ts).
 */
import fc from 'fast-check';
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, runCliAsync, tempDir } from '../helpers/cli.js';
import { almostCsvTextArb, byteDamageArb, damage, encode, type Encoding } from './csv-gen.js';
import { SEED, runs } from './fuzz-config.js';

const CASES = runs(4, 60);

/** Deterministic sample: the same files on every run (FUZZ_SEED changes them). */
const samples = fc.sample(
  fc.record({
    kind: fc.constantFrom('deals', 'spend', 'renewals'),
    body: almostCsvTextArb,
    validHeader: fc.boolean(),
    encoding: fc.constantFrom<Encoding>('utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'utf-8-bom'),
    ops: byteDamageArb,
    command: fc.constantFrom('validate', 'audit'),
  }),
  { numRuns: CASES, seed: SEED },
);

const HEADERS: Record<string, string> = {
  deals: 'id,amount,stage,created,closed,owner',
  spend: 'period,channel,amount',
  renewals: 'account,renewal_date,arr_before,arr_after',
};

describe('the CLI on fuzzed inputs', () => {
  it.each(samples.map((s, i) => [i, s] as const))(`case %i: exit 0 or 2, no stack trace (${CASES} cases)`, async (_i, s) => {
    const text = s.validHeader ? `${HEADERS[s.kind]}\n${s.body.slice(s.body.indexOf('\n') + 1)}` : s.body;
    const dir = tempDir({ [`${s.kind}.csv`]: damage(encode(text, s.encoding), s.ops) });
    try {
      const r = await runCliAsync([s.command, dir, '--format', 'json', '--as-of', '2025-06-30']);
      expect([0, 2]).toContain(r.code);
      expect(hasStackTrace(r.stderr)).toBe(false);
      expect(r.stderr).not.toMatch(/internal error|This is a bug/);
      if (r.code === 0) expect(() => JSON.parse(r.stdout)).not.toThrow();
      else expect(r.stderr).toMatch(/^error: /m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('random bytes named deals.csv', async () => {
    const [bytes] = fc.sample(fc.uint8Array({ minLength: 1, maxLength: 4000 }), { numRuns: 1, seed: SEED });
    const dir = tempDir({ 'deals.csv': bytes as Uint8Array });
    try {
      const r = await runCliAsync(['audit', dir]);
      expect(r.code).toBe(2);
      expect(hasStackTrace(r.stderr)).toBe(false);
      expect(r.stderr).toMatch(/^error: .*deals\.csv/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
