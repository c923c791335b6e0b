import { describe, expect, it } from 'vitest';
import { normalizeKey } from '../../src/ingest/cells.js';
import { suggest } from '../../src/base/suggest.js';

describe('suggest: the closest candidate within max(2, ⌊length/3⌋) edits', () => {
  it.each([
    // input, candidates, key, expected (edits counted by hand)
    ['win_rat', ['grr', 'win_rate', 'win_rate_by_value'], undefined, 'win_rate'], // 1 edit
    ['nrrr', ['grr', 'nrr'], undefined, 'nrr'], // nrr 1, grr 2
    ['abcdefghi', ['abcdefxyz'], undefined, 'abcdefxyz'], // 3 edits, limit ⌊9/3⌋ = 3
    ['abcdefghi', ['abcxyzuvw'], undefined, null], // 6 edits > 3
    ['completely_different', ['grr', 'nrr'], undefined, null],
    ['ab', ['xy', 'ay'], undefined, 'ay'], // xy 2, ay 1
    ['abc', ['abd', 'abe'], undefined, 'abd'], // tie at 1: the earlier wins
    ['CLOSE DATE', ['close_date', 'amount'], undefined, null], // 10 edits
    ['CLOSE DATE', ['close_date', 'amount'], normalizeKey, 'close_date'], // closedate = closedate
  ] as [string, string[], ((s: string) => string) | undefined, string | null][])('%j in %j', (input, candidates, key, expected) => {
    expect(suggest(input, candidates, key)).toBe(expected);
  });
});
