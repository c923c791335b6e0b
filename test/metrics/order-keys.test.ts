/**
 * orderKeys: numbers that order as the strings do (by code unit) or tie, so the stale-deal items
 * can be selected by number and only ties compare strings.
 */
import { describe, expect, it } from 'vitest';
import { orderKeys } from '../../src/audit/items.js';
import { compareStrings } from '../../src/metrics/stats.js';

/** Every pair: a smaller number means a smaller string, and a smaller string never a larger number. */
function consistent(keys: string[]): void {
  const num = orderKeys(keys);
  for (let a = 0; a < keys.length; a++) {
    for (let b = 0; b < keys.length; b++) {
      const s = compareStrings(keys[a] as string, keys[b] as string);
      const x = (num[a] as number) - (num[b] as number);
      if (x < 0) expect(s, `${keys[a]} vs ${keys[b]}`).toBe(-1);
      if (s < 0) expect(x, `${keys[a]} vs ${keys[b]}`).toBeLessThanOrEqual(0);
    }
  }
}

describe('orderKeys', () => {
  const cases: { name: string; keys: string[]; strictlyOrdered: boolean }[] = [
    { name: 'Salesforce ids sharing a prefix', keys: ['006510kdt2000AAAAW', '006520UHn5000AAAAW', '006510kda2000AAAAW', '0065'], strictlyOrdered: true },
    { name: 'a key that is a prefix of another sorts first', keys: ['abc', 'ab', 'abcd', 'b'], strictlyOrdered: true },
    { name: 'lines as digits (not numbers)', keys: ['10', '9', '100', '1'], strictlyOrdered: true },
    { name: 'code units 254 and above (ÿ, é, €, emoji)', keys: ['aÿb', 'aÿa', 'a€', 'aé', 'a\u00fe', 'a😀', 'a\u00fd'], strictlyOrdered: false },
    { name: 'keys differing only six characters after the shared prefix tie', keys: ['Xa1234567', 'Xb1234567', 'Xa1234568'], strictlyOrdered: false },
    { name: 'one key, and equal keys', keys: ['same', 'same'], strictlyOrdered: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      consistent(c.keys);
      if (c.strictlyOrdered) {
        // here the numbers alone give the order
        const num = orderKeys(c.keys);
        const byNum = c.keys.map((k, i) => [k, num[i] as number] as const).sort((x, y) => x[1] - y[1]).map((x) => x[0]);
        expect(byNum).toEqual([...c.keys].sort(compareStrings));
      }
    });
  }
  it('the numbers of the tie cases: equal where the strings differ only beyond the packed part', () => {
    // shared prefix "X", then "a12345" packed for both: a tie the string comparison breaks
    const num = orderKeys(['Xa1234567', 'Xb1234567', 'Xa1234568']);
    expect(num[0]).toBe(num[2]);
    expect(num[0]).toBeLessThan(num[1] as number);
    const hi = orderKeys(['a\u00fe', 'a\u00ff']);
    expect(hi[0]).toBe(hi[1]);
  });
  it('seeded random keys from a small alphabet with high code units', () => {
    const alphabet = ['0', '6', 'A', 'a', 'z', '\u00fd', '\u00fe', '\u00ff', '\u20ac'];
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const keys = Array.from({ length: 120 }, () => '00' + Array.from({ length: rand(9) }, () => alphabet[rand(alphabet.length)]).join(''));
    consistent(keys);
  });
  it('a key off the sampled ones that shares less of the prefix: every key packed again after it', () => {
    // 200 keys sampled every 3rd: "PREFIX-nnn" everywhere but index 1, which leaves the prefix at "PR"
    const keys = Array.from({ length: 200 }, (_, i) => `PREFIX-${String(i).padStart(3, '0')}`);
    keys[1] = 'PRA';
    consistent(keys);
    const num = orderKeys(keys);
    // after "PR": "A" (PRA) before "E" (PREFIX-...), and PREFIX-000 before PREFIX-002 only beyond six characters: a tie
    expect(num[1]).toBeLessThan(num[0] as number);
    expect(num[0]).toBe(num[2]);
  });
  it('no keys', () => {
    expect(orderKeys([]).length).toBe(0);
  });
});
