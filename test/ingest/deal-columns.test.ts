/**
 * Deals as columns: the reader's deals are DealRow views over a DealTable. They must read, print
 * and derive exactly as the plain records they replace (every field, JSON in the reader's field
 * order, withDeal copying every field), and a table must cross threads as batches whose strings
 * are re-coded into the receiving table.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { withDeal, type Deal } from '../../src/base/model.js';
import { dayFromYmd } from '../../src/base/time.js';
import { DealRow, DealTable, Dictionary, StringColumn, newRemap, STRING_BLOCK_BITS } from '../../src/ingest/deal-columns.js';
import { readTable } from '../../src/ingest/read-table.js';
import { fromChunks } from '../helpers/streams.js';

async function readDeals(text: string): Promise<Deal[]> {
  const r = await readTable('deals', 'deals.csv', fromChunks([Buffer.from(text, 'utf8')]), { config: {} });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.records as Deal[];
}

const FILE = [
  'Opportunity ID,Opportunity Name,Account Name,Type,Lead Source,Amount,Probability (%),Stage,Created Date,Close Date,Opportunity Owner,Currency',
  '006A,Acme - New,"Acme, Inc",New Business,Web,"$12,345.00",70,Proposal,5/18/2025,9/30/2025,Ben Ortiz,USD',
  '006B,,Beta,,,,0,Closed Lost,1/28/2022,3/31/2022,,',
  '006C,Gamma up,"Acme, Inc",Upsell,Web,500,100,Closed Won,2/10/2024,1/5/2024,Ben Ortiz,USD',
].join('\n');

/** The same three deals as plain records, by hand: the fields the single stream has always given. */
const EXPECTED: Deal[] = [
  {
    line: 2, id: '006A', name: 'Acme - New', amountCents: 1_234_500, amountMissing: false, stage: 'Proposal', status: 'open',
    created: dayFromYmd(2025, 5, 18), closed: dayFromYmd(2025, 9, 30), owner: 'Ben Ortiz', pipeline: null, source: 'Web', segment: null,
    type: 'new', account: 'Acme, Inc', probability: 0.7, forecastCategory: null, lostReason: null, currency: 'USD',
  },
  {
    line: 3, id: '006B', name: null, amountCents: 0, amountMissing: true, stage: 'Closed Lost', status: 'lost',
    created: dayFromYmd(2022, 1, 28), closed: dayFromYmd(2022, 3, 31), owner: null, pipeline: null, source: null, segment: null,
    type: null, account: 'Beta', probability: 0, forecastCategory: null, lostReason: null, currency: null,
  },
  {
    // closed before created: kept for bookings with no created date
    line: 4, id: '006C', name: 'Gamma up', amountCents: 50_000, amountMissing: false, stage: 'Closed Won', status: 'won',
    created: null, closed: dayFromYmd(2024, 1, 5), owner: 'Ben Ortiz', pipeline: null, source: 'Web', segment: null,
    type: 'expansion', account: 'Acme, Inc', probability: 1, forecastCategory: null, lostReason: null, currency: 'USD',
  },
];

describe('DealRow: a view that reads, prints and derives as the plain record', () => {
  it('every field, through the getters', async () => {
    const deals = await readDeals(FILE);
    expect(deals.every((d) => d instanceof DealRow)).toBe(true);
    const fields = Object.keys(EXPECTED[0] as Deal) as (keyof Deal)[];
    expect(deals.map((d) => Object.fromEntries(fields.map((f) => [f, d[f]])))).toEqual(EXPECTED);
  });

  it('JSON.stringify gives the plain record, fields in the reader order', async () => {
    const deals = await readDeals(FILE);
    expect(JSON.stringify(deals)).toBe(JSON.stringify(EXPECTED));
  });

  it('a spread copies nothing (why withDeal exists); withDeal copies every field and applies the patch', async () => {
    const [d] = await readDeals(FILE);
    expect({ ...(d as Deal) }).toEqual({});
    const reopened = withDeal(d as Deal, { status: 'won', amountCents: 1 });
    expect(reopened).toEqual({ ...(EXPECTED[0] as Deal), status: 'won', amountCents: 1 });
    expect(Object.keys(reopened)).toEqual(Object.keys(EXPECTED[0] as Deal));
    // a plain deal (tests, derived deals) goes through too
    expect(withDeal(EXPECTED[1] as Deal, { owner: 'X' })).toEqual({ ...(EXPECTED[1] as Deal), owner: 'X' });
    expect(structuredClone(reopened)).toEqual(reopened);
  });

  it('views are created once per deal: the same object on every read of the list', async () => {
    const deals = await readDeals(FILE);
    expect(deals[0]).toBe(deals[0]);
    expect(new Set(deals).size).toBe(3);
  });
});

describe('DealTable batches: columns cross threads and their strings are re-coded', () => {
  /** A sender table with rows of (line, owner, account). */
  function sender(rows: readonly [number, string | null, string | null][]): DealTable {
    const t = new DealTable();
    for (const [line, owner, account] of rows) {
      const i = t.next();
      t.line[i] = line;
      t.setCode('owner', i, owner);
      t.setCode('account', i, account);
      t.setCode('stage', i, 'Open');
      t.ids.push(`id${line}`);
      t.names.push(null);
    }
    return t;
  }
  const view = (t: DealTable): (string | number | null)[][] =>
    Array.from({ length: t.length }, (_, i) => {
      const r = t.row(i);
      return [r.line, r.owner, r.account, r.stage, r.id];
    });

  it('two senders, two batches each, appended in file order', () => {
    const main = new DealTable();
    const a = sender([[2, 'Ann', 'Acme'], [3, null, 'Beta']]);
    const b = sender([[10, 'Bob', 'Beta'], [11, 'Ann', null]]);
    const a1 = a.takeBatch();
    const b1 = b.takeBatch();
    // rows after the first batch reuse codes the receiver learned from it
    for (const [line, owner, account] of [[4, 'Ann', 'Gamma']] as const) {
      const i = a.next();
      a.line[i] = line;
      a.setCode('owner', i, owner);
      a.setCode('account', i, account);
      a.setCode('stage', i, 'Open');
      a.ids.push(`id${line}`);
      a.names.push(null);
    }
    const a2 = a.takeBatch();
    expect(a2.newStrings.account).toEqual(['Gamma']);
    expect(a2.newStrings.owner).toEqual([]);
    const remapA = newRemap();
    const remapB = newRemap();
    expect(main.appendBatch(a1, remapA)).toBe(0);
    expect(main.appendBatch(a2, remapA)).toBe(2);
    expect(main.appendBatch(b1, remapB)).toBe(3);
    expect(view(main)).toEqual([
      [2, 'Ann', 'Acme', 'Open', 'id2'],
      [3, null, 'Beta', 'Open', 'id3'],
      [4, 'Ann', 'Gamma', 'Open', 'id4'],
      [10, 'Bob', 'Beta', 'Open', 'id10'],
      [11, 'Ann', null, 'Open', 'id11'],
    ]);
    // one string per distinct value in the receiver, in each field's own dictionary
    expect(main.dict.owner.strings.slice(1)).toEqual(['Ann', 'Bob']);
    expect(main.dict.account.strings.slice(1)).toEqual(['Acme', 'Beta', 'Gamma']);
    expect(main.dict.stage.strings.slice(1)).toEqual(['Open']);
  });

  it('trim gives back room past an eighth of the rows, keeps every row, and the table grows again after', () => {
    const t = sender(Array.from({ length: 1500 }, (_, k) => [k + 2, `o${k % 7}`, `a${k}`] as [number, string, string]));
    expect(t.line.length).toBe(2048);
    t.trim();
    expect([t.line.length, t.account.length, t.amountCents.length]).toEqual([1500, 1500, 1500]);
    expect(view(t)[1499]).toEqual([1501, 'o1', 'a1499', 'Open', 'id1501']);
    const i = t.next();
    t.line[i] = 9;
    t.setCode('account', i, 'a0');
    expect([t.length, t.row(1500).line, t.row(1500).account, t.row(0).account]).toEqual([1501, 9, 'a0', 'a0']);
    // within an eighth: left as it is
    const u = sender(Array.from({ length: 1900 }, (_, k) => [k + 2, null, null] as [number, null, null]));
    u.trim();
    expect(u.line.length).toBe(2048);
  });

  it('grows past its initial capacity without losing rows', () => {
    const t = sender(Array.from({ length: 5000 }, (_, k) => [k + 2, `o${k % 7}`, `a${k}`] as [number, string, string]));
    expect(t.length).toBe(5000);
    expect(view(t)[4999]).toEqual([5001, 'o1', 'a4999', 'Open', 'id5001']);
    expect(view(t)[0]).toEqual([2, 'o0', 'a0', 'Open', 'id2']);
  });
});

describe('dictionary codes: 16-bit until a field outgrows them', () => {
  const accounts = (n: number): [number, string | null, string | null][] => Array.from({ length: n }, (_, k) => [k + 2, k % 3 === 0 ? null : 'Ann', `a${k}`]);

  it('a field with 65,535 values keeps 16-bit codes; the 65,536th widens it to 32 bits, values intact', () => {
    const t = new DealTable();
    const rows = accounts(65_536);
    rows.forEach(([line, owner, account], k) => {
      if (k === 65_535) {
        expect(t.account.BYTES_PER_ELEMENT).toBe(2);
        expect(t.dict.account.size).toBe(65_535);
      }
      const i = t.next();
      t.line[i] = line;
      t.setCode('owner', i, owner);
      t.setCode('account', i, account);
    });
    expect(t.account.BYTES_PER_ELEMENT).toBe(4);
    expect(t.owner.BYTES_PER_ELEMENT).toBe(2);
    expect([0, 1, 65_534, 65_535].map((i) => [t.row(i).account, t.row(i).owner])).toEqual([
      ['a0', null],
      ['a1', 'Ann'],
      ['a65534', 'Ann'],
      ['a65535', null],
    ]);
  });

  it('a receiver widens when a batch brings its 65,536th value', () => {
    const s = new DealTable();
    for (const [line, owner, account] of accounts(70_000)) {
      const i = s.next();
      s.line[i] = line;
      s.setCode('owner', i, owner);
      s.setCode('account', i, account);
      s.ids.push(null);
      s.names.push(null);
    }
    const main = new DealTable();
    main.appendBatch(s.takeBatch(), newRemap());
    expect(main.account.BYTES_PER_ELEMENT).toBe(4);
    expect([0, 65_535, 69_999].map((i) => main.row(i).account)).toEqual(['a0', 'a65535', 'a69999']);
  });
});

describe('StringColumn: values, nulls and empty strings across sealed blocks', () => {
  const BLOCK = 1 << STRING_BLOCK_BITS;
  /** null, '', and strings of varied length (13+ characters too: V8 slices) around the block edges. */
  const values = Array.from({ length: 2 * BLOCK + 7 }, (_, k) => (k % 5 === 0 ? null : k % 7 === 0 ? '' : `v${k}${'x'.repeat(k % 17)}é`));

  it('get and equals give back every value, in sealed blocks and the one being filled', () => {
    const c = new StringColumn();
    for (const v of values) c.push(v);
    expect(c.length).toBe(values.length);
    expect(Array.from({ length: c.length }, (_, i) => c.get(i))).toEqual(values);
    for (const i of [0, 1, 7, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK, 2 * BLOCK + 6]) {
      const v = values[i] as string | null;
      if (v !== null) expect(c.equals(i, v)).toBe(true);
      expect(c.equals(i, `${v ?? ''}?`)).toBe(false);
    }
    // '' is a value, null is not
    expect(c.equals(0, '')).toBe(false);
    expect(c.equals(7, '')).toBe(true);
  });

  it('pack and appendPacked carry the values to another column', () => {
    const c = new StringColumn();
    for (const v of values) c.push(v);
    const d = new StringColumn();
    d.push('before');
    d.appendPacked(c.pack());
    expect(Array.from({ length: d.length }, (_, i) => d.get(i))).toEqual(['before', ...values]);
  });
});

describe('a table keeps no parser chunk alive', () => {
  it('ids, names and dictionary values from slices of 2 MB chunks hold their own text only', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const BLOCK = 1 << STRING_BLOCK_BITS;
    const rows = 2 * BLOCK; // both blocks sealed: nothing waits in a block being filled
    const chunks = 20;
    gc();
    const before = process.memoryUsage().heapUsed;
    const t = new DealTable();
    for (let c = 0; c < chunks; c++) {
      // one chunk of the file, as the fast parser holds it; its cells are V8 slices of it (13+ characters)
      const cells: [string, string, string][] = [];
      for (let k = 0; k < rows / chunks + 1; k++) cells.push([`0065c${c}r${k}AAAAW`, `Acct ${c * 1000 + k}, Inc - New Business`, `Acct ${c * 1000 + k}, Inc`]);
      const chunk = String.fromCharCode(97 + c).repeat(2_000_000) + cells.map((r) => r.join('')).join('');
      let at = 2_000_000;
      for (const [id, name, account] of cells) {
        if (t.length === rows) break;
        const i = t.next();
        t.ids.push(chunk.slice(at, (at += id.length)));
        t.names.push(chunk.slice(at, (at += name.length)));
        t.setCode('account', i, chunk.slice(at, (at += account.length)));
      }
    }
    gc();
    const held = process.memoryUsage().heapUsed - before;
    expect(t.length).toBe(rows);
    expect(t.row(rows - 1).id).toMatch(/^0065c19r\d+AAAAW$/);
    expect(t.row(0).name).toBe('Acct 0, Inc - New Business');
    expect(t.row(0).account).toBe('Acct 0, Inc');
    // 20 chunks of 2 MB when the cells themselves are kept; the last chunk (the dictionary's
    // last lookup) and the table's own text otherwise
    expect(held).toBeLessThan(8_000_000);
  });
});

describe('Dictionary.find: the code of a value already there, 0 otherwise, nothing added', () => {
  it.each([
    ['a few values (the Map)', 3],
    ['past 4,096 values (the StringIndex)', 5000],
  ])('%s', (_name, n) => {
    const d = new Dictionary();
    for (let i = 0; i < n; i++) expect(d.code(`acct ${i}`)).toBe(i + 1);
    expect(d.find('acct 0')).toBe(1);
    expect(d.find(`acct ${n - 1}`)).toBe(n);
    expect(d.find('nobody')).toBe(0);
    expect(d.size).toBe(n);
  });
});
