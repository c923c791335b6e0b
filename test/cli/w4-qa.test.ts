/**
 * QA on real and hostile exports (w4): what a client would have seen wrongly, each pinned by a small
 * fixture written here.
 */
import { describe, expect, it } from 'vitest';
import { hasStackTrace, runCliAsync, tempDir } from '../helpers/cli.js';

const HEADER = 'deal_id,stage,amount,created_date,close_date,owner,account';

describe('a deals file whose every row is rejected', () => {
  // row 1: created "notadate" → invalid_date; row 2: amount "abc" → invalid_amount
  const dir = tempDir({
    'deals.csv': `${HEADER}\n1,Closed Won,1000,notadate,2024-02-01,Ann,Acme\n2,Closed Won,abc,2024-01-01,2024-02-03,Ann,Acme\n`,
  });

  it('audit says every row was rejected and points at validate, not at --as-of', async () => {
    const r = await runCliAsync(['audit', dir]);
    expect(r.code).toBe(2);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(r.stderr).toMatch(/every row of \S*deals\.csv was rejected \(2 of 2: invalid_amount 1, invalid_date 1\)/);
    expect(r.stderr).toMatch(/revhealth validate/);
    expect(r.stderr).not.toMatch(/pass --as-of/);
  });
});
