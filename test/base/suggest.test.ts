import { describe, expect, it } from 'vitest';
import { normalizeKey } from '../../src/ingest/cells.js';
import fc from 'fast-check';
import { editDistance, suggest } from '../../src/base/suggest.js';

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

describe('editDistance with a limit', () => {
  it.each([
    // a, b, max, expected (by hand): exact within the limit, max + 1 past it
    ['kitten', 'sitting', 3, 3],
    ['kitten', 'sitting', 2, 3],
    ['abc', 'abcdefgh', 2, 3], // lengths alone differ by 5
    ['abcdef', 'uvwxyz', 1, 2],
    ['same', 'same', 0, 0],
  ] as [string, string, number, number][])('%s / %s within %d: %d', (a, b, max, expected) => {
    expect(editDistance(a, b, max)).toBe(expected);
  });

  it('agrees with the unlimited distance within the limit and exceeds the limit past it', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12, unit: fc.constantFrom('a', 'b', 'c') }), fc.string({ maxLength: 12, unit: fc.constantFrom('a', 'b', 'c') }), fc.integer({ min: 0, max: 6 }), (a, b, max) => {
        const exact = editDistance(a, b);
        const limited = editDistance(a, b, max);
        if (exact <= max) expect(limited).toBe(exact);
        else expect(limited).toBeGreaterThan(max);
      }),
      { numRuns: 5000, seed: 17 },
    );
  });
});
