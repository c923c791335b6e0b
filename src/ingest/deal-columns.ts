/**
 * Deals as columns of typed arrays, for moving parsed records between threads: structured-cloning
 * 500 k plain objects takes seconds, these columns take milliseconds (the typed arrays are transferred,
 * repeated strings travel once in a dictionary).
 */
import type { Deal, DealStatus, DealType } from '../base/model.js';

const STATUSES: readonly DealStatus[] = ['won', 'lost', 'open'];
const TYPES: readonly DealType[] = ['new', 'expansion', 'renewal'];

/** Fields with few distinct values travel as a dictionary plus indices (and stay interned). */
const STRING_FIELDS = ['stage', 'owner', 'pipeline', 'source', 'segment', 'forecastCategory', 'lostReason', 'currency'] as const;
type StringField = (typeof STRING_FIELDS)[number];
/** Fields with mostly distinct values travel as one JSON array string: cloning one string is cheap, a Map per value is not. */
const TEXT_FIELDS = ['id', 'name', 'account'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

export interface StringColumn {
  /** Distinct values in first-seen order. */
  readonly table: string[];
  /** Index into table per record, -1 for null. */
  readonly index: Int32Array;
}

export interface DealColumns {
  readonly length: number;
  readonly line: Int32Array;
  readonly amountCents: Float64Array;
  /** 1 = amountMissing */
  readonly amountMissing: Uint8Array;
  readonly status: Uint8Array;
  /** NaN for null */
  readonly created: Float64Array;
  readonly closed: Float64Array;
  readonly probability: Float64Array;
  /** 255 for null */
  readonly type: Uint8Array;
  readonly strings: Readonly<Record<StringField, StringColumn>>;
  /** JSON arrays of (string | null), one per text field. */
  readonly texts: Readonly<Record<TextField, string>>;
}

export function encodeDeals(records: readonly Deal[]): DealColumns {
  const n = records.length;
  const line = new Int32Array(n);
  const amountCents = new Float64Array(n);
  const amountMissing = new Uint8Array(n);
  const status = new Uint8Array(n);
  const created = new Float64Array(n);
  const closed = new Float64Array(n);
  const probability = new Float64Array(n);
  const type = new Uint8Array(n);
  const dicts = STRING_FIELDS.map(() => new Map<string, number>());
  const strings = Object.fromEntries(STRING_FIELDS.map((f) => [f, { table: [] as string[], index: new Int32Array(n) }])) as Record<StringField, StringColumn>;
  const texts = TEXT_FIELDS.map(() => [] as (string | null)[]);
  for (let i = 0; i < n; i++) {
    const r = records[i] as Deal;
    line[i] = r.line;
    amountCents[i] = r.amountCents;
    amountMissing[i] = r.amountMissing === true ? 1 : 0;
    status[i] = STATUSES.indexOf(r.status);
    created[i] = r.created ?? NaN;
    closed[i] = r.closed ?? NaN;
    probability[i] = r.probability ?? NaN;
    type[i] = r.type === null ? 255 : TYPES.indexOf(r.type);
    for (let f = 0; f < TEXT_FIELDS.length; f++) (texts[f] as (string | null)[]).push(r[TEXT_FIELDS[f] as TextField]);
    for (let f = 0; f < STRING_FIELDS.length; f++) {
      const field = STRING_FIELDS[f] as StringField;
      const v = r[field];
      const col = strings[field];
      if (v === null) {
        col.index[i] = -1;
        continue;
      }
      const dict = dicts[f] as Map<string, number>;
      let k = dict.get(v);
      if (k === undefined) {
        k = col.table.length;
        col.table.push(v);
        dict.set(v, k);
      }
      col.index[i] = k;
    }
  }
  return {
    length: n,
    line,
    amountCents,
    amountMissing,
    status,
    created,
    closed,
    probability,
    type,
    strings,
    texts: Object.fromEntries(TEXT_FIELDS.map((f, i) => [f, JSON.stringify(texts[i])])) as Record<TextField, string>,
  };
}

/**
 * Records from columns. `intern` lets account names share one string across batches (an account
 * has many deals; the single-stream reader interns them the same way).
 */
export function decodeDeals(c: DealColumns, intern: (s: string) => string = (s) => s): Deal[] {
  const into: Deal[] = [];
  const s = c.strings;
  const ids = JSON.parse(c.texts.id) as (string | null)[];
  const names = JSON.parse(c.texts.name) as (string | null)[];
  const accounts = JSON.parse(c.texts.account) as (string | null)[];
  const str = (col: StringColumn, i: number): string | null => {
    const k = col.index[i] as number;
    return k < 0 ? null : (col.table[k] as string);
  };
  for (let i = 0; i < c.length; i++) {
    const created = c.created[i] as number;
    const closed = c.closed[i] as number;
    const probability = c.probability[i] as number;
    const type = c.type[i] as number;
    const cents = c.amountCents[i] as number;
    into.push({
      line: c.line[i] as number,
      id: ids[i] ?? null,
      name: names[i] ?? null,
      // whole numbers come back as small integers, as the reader made them: the same field
      // representation as records built on the main thread, so V8 keeps one object shape
      amountCents: small(cents),
      amountMissing: c.amountMissing[i] === 1,
      stage: str(s.stage, i) as string,
      status: STATUSES[c.status[i] as number] as DealStatus,
      created: Number.isNaN(created) ? null : small(created),
      closed: Number.isNaN(closed) ? null : small(closed),
      owner: str(s.owner, i),
      pipeline: str(s.pipeline, i),
      source: str(s.source, i),
      segment: str(s.segment, i),
      type: type === 255 ? null : (TYPES[type] as DealType),
      account: accounts[i] == null ? null : intern(accounts[i] as string),
      probability: Number.isNaN(probability) ? null : probability,
      forecastCategory: str(s.forecastCategory, i),
      lostReason: str(s.lostReason, i),
      currency: str(s.currency, i),
    });
  }
  return into;
}

/** A whole number in int32 range as an integer (a V8 small integer), anything else unchanged. */
function small(x: number): number {
  return (x | 0) === x ? x | 0 : x;
}

/** The ArrayBuffers to transfer (not copy) with postMessage. */
export function transferList(c: DealColumns): ArrayBuffer[] {
  const bufs = [c.line, c.amountCents, c.amountMissing, c.status, c.created, c.closed, c.probability, c.type, ...Object.values(c.strings).map((s) => s.index)].map(
    (a) => a.buffer as ArrayBuffer,
  );
  return bufs;
}
