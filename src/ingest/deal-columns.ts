/**
 * Deals held as columns (issue 17, "Columnar core"): typed arrays for lines, days, amounts and
 * probabilities; dictionary-coded strings (stage, owner, pipeline, source, segment, account,
 * forecast category, lost reason, currency) as codes into one string table; ids and names as plain
 * string arrays (outputs list them). A million deals cost tens of megabytes instead of a million
 * objects with their strings.
 *
 * Metrics keep reading `Deal`: each row is a DealRow, a small view object whose getters read the
 * table (Apache Arrow JS does the same). A view has no own fields: spreading it copies nothing, so
 * code that derives a deal goes through withDeal (base/model.ts), and JSON.stringify goes through
 * toJSON, which gives the plain record with its fields in the reader's order.
 *
 * Between threads a table travels as a DealBatch: its typed arrays are transferred, the strings it
 * added to its table since the last batch travel once, ids and names as one JSON string each.
 */
import type { Deal, DealStatus, DealType } from '../base/model.js';
import { NO_DATE } from './columns.js';

export const STATUSES: readonly DealStatus[] = ['won', 'lost', 'open'];
export const TYPES: readonly DealType[] = ['new', 'expansion', 'renewal'];
/** The type code of a deal without a type. */
export const NO_TYPE = 255;

/** Dictionary-coded fields: code 0 is null, code k > 0 is strings[k]. */
export const DICT_FIELDS = ['stage', 'owner', 'pipeline', 'source', 'segment', 'account', 'forecastCategory', 'lostReason', 'currency'] as const;
export type DictField = (typeof DICT_FIELDS)[number];

/** One thread's rows as columns, codes in the sender's string table (see DealTable.takeBatch). */
export interface DealBatch {
  readonly length: number;
  readonly line: Int32Array;
  readonly amountCents: Float64Array;
  readonly amountMissing: Uint8Array;
  readonly status: Uint8Array;
  /** Date codes: a day, or NO_DATE for null (pending pairs are resolved by the receiver's finish). */
  readonly created: Int32Array;
  readonly closed: Int32Array;
  /** As read (NaN for null): the column's scale is applied once the whole file is read. */
  readonly probability: Float64Array;
  /** 1 when the probability was written with a % sign. */
  readonly signed: Uint8Array;
  readonly type: Uint8Array;
  readonly codes: Readonly<Record<DictField, Uint32Array>>;
  /** The sender's strings added since its previous batch, in code order. */
  readonly newStrings: readonly string[];
  /** JSON arrays of (string | null). */
  readonly ids: string;
  readonly names: string;
}

const INITIAL_CAPACITY = 1024;

export class DealTable {
  length = 0;
  private capacity = 0;
  line = new Int32Array(0);
  amountCents = new Float64Array(0);
  amountMissing = new Uint8Array(0);
  status = new Uint8Array(0);
  created = new Int32Array(0);
  closed = new Int32Array(0);
  probability = new Float64Array(0);
  signed = new Uint8Array(0);
  type = new Uint8Array(0);
  stage = new Uint32Array(0);
  owner = new Uint32Array(0);
  pipeline = new Uint32Array(0);
  source = new Uint32Array(0);
  segment = new Uint32Array(0);
  account = new Uint32Array(0);
  forecastCategory = new Uint32Array(0);
  lostReason = new Uint32Array(0);
  currency = new Uint32Array(0);
  ids: (string | null)[] = [];
  names: (string | null)[] = [];
  /** The string table: index 0 stands for null. */
  readonly strings: string[] = [''];
  private readonly dict = new Map<string, number>();
  /** Strings already sent in a batch (takeBatch). */
  private sentStrings = 1;

  /** The code of a string (added to the table when new); 0 for null. */
  code(s: string | null): number {
    if (s === null) return 0;
    let k = this.dict.get(s);
    if (k === undefined) {
      k = this.strings.length;
      this.strings.push(s);
      this.dict.set(s, k);
    }
    return k;
  }

  /** The code of a string already in the table, or 0 when it is not (nothing is added). */
  find(s: string): number {
    return this.dict.get(s) ?? 0;
  }

  /** The table's string for a code (code 0 = null). */
  text(code: number): string | null {
    return code === 0 ? null : (this.strings[code] as string);
  }

  /** Appends one row (all columns zero, ids and names to push by the caller) and returns its index. */
  next(): number {
    if (this.length === this.capacity) this.grow(this.length + 1);
    return this.length++;
  }

  private grow(min: number): void {
    let cap = Math.max(INITIAL_CAPACITY, this.capacity);
    while (cap < min) cap *= 2;
    const n = this.length;
    const more = <T extends Int32Array | Float64Array | Uint8Array | Uint32Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a.subarray(0, n));
      return b;
    };
    this.line = more(this.line, (c) => new Int32Array(c));
    this.amountCents = more(this.amountCents, (c) => new Float64Array(c));
    this.amountMissing = more(this.amountMissing, (c) => new Uint8Array(c));
    this.status = more(this.status, (c) => new Uint8Array(c));
    this.created = more(this.created, (c) => new Int32Array(c));
    this.closed = more(this.closed, (c) => new Int32Array(c));
    this.probability = more(this.probability, (c) => new Float64Array(c));
    this.signed = more(this.signed, (c) => new Uint8Array(c));
    this.type = more(this.type, (c) => new Uint8Array(c));
    for (const f of DICT_FIELDS) this[f] = more(this[f], (c) => new Uint32Array(c));
    this.capacity = cap;
  }

  /**
   * Sender side: the rows since the last call as a batch (copies of the columns, to transfer),
   * with the strings added since; the rows leave this table (its string table stays).
   */
  takeBatch(): DealBatch {
    const n = this.length;
    const codes = {} as Record<DictField, Uint32Array>;
    for (const f of DICT_FIELDS) codes[f] = this[f].slice(0, n);
    const batch: DealBatch = {
      length: n,
      line: this.line.slice(0, n),
      amountCents: this.amountCents.slice(0, n),
      amountMissing: this.amountMissing.slice(0, n),
      status: this.status.slice(0, n),
      created: this.created.slice(0, n),
      closed: this.closed.slice(0, n),
      probability: this.probability.slice(0, n),
      signed: this.signed.slice(0, n),
      type: this.type.slice(0, n),
      codes,
      newStrings: this.strings.slice(this.sentStrings),
      ids: JSON.stringify(this.ids),
      names: JSON.stringify(this.names),
    };
    this.sentStrings = this.strings.length;
    this.length = 0;
    this.ids = [];
    this.names = [];
    return batch;
  }

  /**
   * Receiver side: appends a batch's rows. `remap` maps the sender's codes to this table's; it
   * grows with each batch's new strings, so pass the same array for every batch of one sender.
   * Returns the index of the first appended row.
   */
  appendBatch(b: DealBatch, remap: number[]): number {
    if (remap.length === 0) remap.push(0);
    for (const s of b.newStrings) remap.push(this.code(s));
    const at = this.length;
    const n = b.length;
    if (at + n > this.capacity) this.grow(at + n);
    this.line.set(b.line, at);
    this.amountCents.set(b.amountCents, at);
    this.amountMissing.set(b.amountMissing, at);
    this.status.set(b.status, at);
    this.created.set(b.created, at);
    this.closed.set(b.closed, at);
    this.probability.set(b.probability, at);
    this.signed.set(b.signed, at);
    this.type.set(b.type, at);
    for (const f of DICT_FIELDS) {
      const src = b.codes[f];
      const dst = this[f];
      for (let j = 0; j < n; j++) dst[at + j] = remap[src[j] as number] as number;
    }
    for (const id of JSON.parse(b.ids) as (string | null)[]) this.ids.push(id);
    for (const name of JSON.parse(b.names) as (string | null)[]) this.names.push(name);
    this.length = at + n;
    return at;
  }

  /** A view of row i. */
  row(i: number): DealRow {
    return new DealRow(this, i);
  }
}

/** The ArrayBuffers of a batch, to transfer (not copy) with postMessage. */
export function transferList(b: DealBatch): ArrayBuffer[] {
  return [b.line, b.amountCents, b.amountMissing, b.status, b.created, b.closed, b.probability, b.signed, b.type, ...DICT_FIELDS.map((f) => b.codes[f])].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

/** One deal of a DealTable, read through getters; created once per deal. */
export class DealRow implements Deal {
  readonly #t: DealTable;
  readonly #i: number;

  constructor(table: DealTable, index: number) {
    this.#t = table;
    this.#i = index;
  }

  /** The table behind a view, or null for a plain record (metrics memoise per dictionary code). */
  static tableOf(d: object): DealTable | null {
    return #t in d ? (d as DealRow).#t : null;
  }

  /** The row of a view in its table (see tableOf). */
  static indexOf(d: DealRow): number {
    return d.#i;
  }

  get line(): number {
    return this.#t.line[this.#i] as number;
  }
  get id(): string | null {
    return this.#t.ids[this.#i] ?? null;
  }
  get name(): string | null {
    return this.#t.names[this.#i] ?? null;
  }
  get amountCents(): number {
    // a whole number in int32 range as a small integer, as the plain records held it: reading it
    // allocates nothing, even in code that is not optimized
    const v = this.#t.amountCents[this.#i] as number;
    return (v | 0) === v ? v | 0 : v;
  }
  get amountMissing(): boolean {
    return this.#t.amountMissing[this.#i] === 1;
  }
  get stage(): string {
    return this.#t.strings[this.#t.stage[this.#i] as number] as string;
  }
  get status(): DealStatus {
    return STATUSES[this.#t.status[this.#i] as number] as DealStatus;
  }
  get created(): number | null {
    const v = this.#t.created[this.#i] as number;
    return v === NO_DATE ? null : v;
  }
  get closed(): number | null {
    const v = this.#t.closed[this.#i] as number;
    return v === NO_DATE ? null : v;
  }
  get owner(): string | null {
    const k = this.#t.owner[this.#i] as number;
    return k === 0 ? null : (this.#t.strings[k] as string);
  }
  get pipeline(): string | null {
    const k = this.#t.pipeline[this.#i] as number;
    return k === 0 ? null : (this.#t.strings[k] as string);
  }
  get source(): string | null {
    const k = this.#t.source[this.#i] as number;
    return k === 0 ? null : (this.#t.strings[k] as string);
  }
  get segment(): string | null {
    const k = this.#t.segment[this.#i] as number;
    return k === 0 ? null : (this.#t.strings[k] as string);
  }
  get type(): DealType | null {
    const v = this.#t.type[this.#i] as number;
    return v === NO_TYPE ? null : (TYPES[v] as DealType);
  }
  get account(): string | null {
    const k = this.#t.account[this.#i] as number;
    return k === 0 ? null : (this.#t.strings[k] as string);
  }
  get probability(): number | null {
    const v = this.#t.probability[this.#i] as number;
    return Number.isNaN(v) ? null : v;
  }
  get forecastCategory(): string | null {
    const k = this.#t.forecastCategory[this.#i] as number;
    return k === 0 ? null : (this.#t.strings[k] as string);
  }
  get lostReason(): string | null {
    const k = this.#t.lostReason[this.#i] as number;
    return k === 0 ? null : (this.#t.strings[k] as string);
  }
  get currency(): string | null {
    const k = this.#t.currency[this.#i] as number;
    return k === 0 ? null : (this.#t.strings[k] as string);
  }

  /** The plain record, fields in the reader's order (JSON.stringify, withDeal). */
  toJSON(): Deal {
    return {
      line: this.line,
      id: this.id,
      name: this.name,
      amountCents: this.amountCents,
      amountMissing: this.amountMissing,
      stage: this.stage,
      status: this.status,
      created: this.created,
      closed: this.closed,
      owner: this.owner,
      pipeline: this.pipeline,
      source: this.source,
      segment: this.segment,
      type: this.type,
      account: this.account,
      probability: this.probability,
      forecastCategory: this.forecastCategory,
      lostReason: this.lostReason,
      currency: this.currency,
    };
  }
}

/**
 * The first line of every deal id seen so far, for the duplicate check: open addressing over an
 * Int32Array with FNV-1a hashes of the ids, the ids themselves kept once in an array (the strings
 * the table holds anyway). Measured on a million fresh 19-character ids: 2.5–3 × faster than a
 * Map and a third of its memory.
 */
export class IdIndex {
  private slots = new Int32Array(1 << 12).fill(-1);
  private hashes = new Int32Array(1 << 12);
  private keys: string[] = [];
  private lines: number[] = [];

  /** The first line of `id`, or -1 (and `line` is recorded as its first line). */
  see(id: string, line: number): number {
    const h = hash(id);
    const mask = this.slots.length - 1;
    let j = h & mask;
    for (;;) {
      const k = this.slots[j] as number;
      if (k === -1) break;
      if (this.hashes[j] === h && this.keys[k] === id) return this.lines[k] as number;
      j = (j + 1) & mask;
    }
    this.slots[j] = this.keys.length;
    this.hashes[j] = h;
    this.keys.push(id);
    this.lines.push(line);
    if (this.keys.length * 2 > this.slots.length) this.grow();
    return -1;
  }

  /** The first line of `id`, or -1 when not seen. */
  get(id: string): number {
    const h = hash(id);
    const mask = this.slots.length - 1;
    for (let j = h & mask; ; j = (j + 1) & mask) {
      const k = this.slots[j] as number;
      if (k === -1) return -1;
      if (this.hashes[j] === h && this.keys[k] === id) return this.lines[k] as number;
    }
  }

  clear(): void {
    this.slots = new Int32Array(1 << 12).fill(-1);
    this.hashes = new Int32Array(1 << 12);
    this.keys = [];
    this.lines = [];
  }

  private grow(): void {
    const oldSlots = this.slots;
    const oldHashes = this.hashes;
    const cap = oldSlots.length * 2;
    const mask = cap - 1;
    this.slots = new Int32Array(cap).fill(-1);
    this.hashes = new Int32Array(cap);
    for (let q = 0; q < oldSlots.length; q++) {
      const k = oldSlots[q] as number;
      if (k === -1) continue;
      const h = oldHashes[q] as number;
      let j = h & mask;
      while (this.slots[j] !== -1) j = (j + 1) & mask;
      this.slots[j] = k;
      this.hashes[j] = h;
    }
  }
}

/** FNV-1a over UTF-16 code units. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h | 0;
}
