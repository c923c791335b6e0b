/**
 * dictMemo: a function of one dictionary-coded field, the same value whether a deal is a view
 * over columns (memoised by code) or a plain record (by value), and computed once per value.
 */
import { describe, expect, it } from 'vitest';
import type { Deal } from '../../src/base/model.js';
import { DealTable } from '../../src/ingest/deal-columns.js';
import { dictLookup, dictMemo } from '../../src/metrics/dict-memo.js';
import { makeDeal } from '../helpers/builders.js';

function table(accounts: (string | null)[], sources: (string | null)[]): Deal[] {
  const t = new DealTable();
  // a string that is in the source dictionary before the rows, as an earlier row would put it there
  t.dict.source.code('Web');
  accounts.forEach((a, j) => {
    const i = t.next();
    t.setCode('account', i, a);
    t.setCode('source', i, sources[j] ?? null);
    t.ids.push(null);
    t.names.push(null);
  });
  return accounts.map((_, i) => t.row(i));
}

describe('dictMemo', () => {
  const accounts = ['Acme', null, 'Beta', 'Acme', 'Gamma', 'Beta'];
  const sources = ['Web', 'Partner', null, 'Web', 'Referral', 'Web'];
  const cases: { name: string; deals: Deal[] }[] = [
    { name: 'views over columns', deals: table(accounts, sources) },
    { name: 'plain records', deals: accounts.map((account, i) => makeDeal({ account, source: sources[i] ?? null })) },
  ];
  for (const c of cases) {
    it(`${c.name}: the value of f for each deal, one call per distinct value`, () => {
      const calls: (string | null)[] = [];
      const len = dictMemo('account', (a) => {
        calls.push(a);
        return a === null ? -1 : a.length;
      });
      expect(c.deals.map(len)).toEqual([4, -1, 4, 4, 5, 4]);
      expect(calls).toEqual(['Acme', null, 'Beta', 'Gamma']);
      const web = dictMemo('source', (s) => s === 'Web');
      expect(c.deals.map(web)).toEqual([true, false, false, true, false, true]);
    });
  }
  it('a mix of views and plain records gives the same values', () => {
    const views = table(accounts, sources);
    const mixed = views.map((d, i) => (i % 2 === 0 ? d : makeDeal({ account: d.account })));
    const upper = dictMemo('account', (a) => (a === null ? null : a.toUpperCase()));
    expect(mixed.map(upper)).toEqual(['ACME', null, 'BETA', 'ACME', 'GAMMA', 'BETA']);
  });
});

describe('dictLookup', () => {
  const segments = new Map([
    ['Acme', 'SMB'],
    ['Gamma', 'Enterprise'],
    ['Nobody', 'Mid-Market'], // a renewal account no deal has
  ]);
  const accounts = ['Acme', null, 'Beta', 'Acme', 'Gamma'];
  const expected = ['SMB', undefined, undefined, 'SMB', 'Enterprise'];
  const cases: { name: string; deals: Deal[] }[] = [
    { name: 'views over columns', deals: table(accounts, []) },
    { name: 'plain records', deals: accounts.map((account) => makeDeal({ account })) },
  ];
  for (const c of cases) {
    it(`${c.name}: map.get of the field, undefined for null and unknown values`, () => {
      const segmentOf = dictLookup('account', segments);
      expect(c.deals.map(segmentOf)).toEqual(expected);
    });
  }
});
