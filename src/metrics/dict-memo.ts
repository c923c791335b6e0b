/**
 * A function of one dictionary-coded deal field (account, owner, source...), computed once per
 * distinct value. Deals read from a file are views over columns (ingest/deal-columns.ts): their
 * strings are codes into the table's dictionary, so the memo is an array indexed by the code, not
 * a Map lookup by a string per deal (at a million deals, hashing and comparing scattered strings
 * was most of the cost). Plain records (tests, reconstructed deals) go through a Map by value.
 * The result is f(value) whichever path a deal takes; f is called once per code and once per
 * value met on a plain record, so it must depend on the value only.
 */
import type { Deal } from '../base/model.js';
import { DealRow, type DealTable, type DictField } from '../ingest/deal-columns.js';

export type DictMemo<T> = (d: Deal) => T;

export function dictMemo<F extends DictField, T>(field: F, f: (value: Deal[F]) => T): DictMemo<T> {
  let table: DealTable | null = null;
  let done: Uint8Array = new Uint8Array(0);
  let values: T[] = [];
  const byValue = new Map<Deal[F], T>();
  const plain = (value: Deal[F]): T => {
    if (byValue.has(value)) return byValue.get(value) as T;
    const v = f(value);
    byValue.set(value, v);
    return v;
  };
  return (d) => {
    const t = DealRow.tableOf(d);
    if (t === null) return plain(d[field]);
    if (t !== table) {
      table = t;
      done = new Uint8Array(t.dict[field].strings.length);
      values = new Array<T>(t.dict[field].strings.length);
    }
    const code = t[field][DealRow.indexOf(d as DealRow)] as number;
    if (done[code] === 1) return values[code] as T;
    // one call per code: no Map by value on this path
    const v = f(d[field]);
    if (code < done.length) {
      done[code] = 1;
      values[code] = v;
    }
    return v;
  };
}

/**
 * `map.get(value)` of a deal's dictionary-coded field (undefined for null or a value not in the
 * map). For views over columns the map's keys are looked up in the table's dictionary once, so a
 * few thousand renewal accounts cost a few thousand lookups however many deals and distinct deal
 * accounts there are; plain records look their value up.
 */
export function dictLookup<T>(field: DictField, map: ReadonlyMap<string, T>): DictMemo<T | undefined> {
  let table: DealTable | null = null;
  let byCode: (T | undefined)[] = [];
  return (d) => {
    const t = DealRow.tableOf(d);
    if (t === null) {
      const v = d[field];
      return v === null ? undefined : map.get(v);
    }
    if (t !== table) {
      table = t;
      byCode = new Array<T | undefined>(t.dict[field].strings.length).fill(undefined);
      for (const [k, v] of map) {
        const code = t.find(field, k);
        if (code !== 0) byCode[code] = v;
      }
    }
    const code = t[field][DealRow.indexOf(d as DealRow)] as number;
    if (code === 0) return undefined;
    // a string added to the table after the lookups (not during an audit): looked up itself
    return code < byCode.length ? byCode[code] : map.get(t.text(field, code) as string);
  };
}
