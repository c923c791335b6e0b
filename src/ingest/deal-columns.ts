/**
 * Deals held as columns (issue 17, "Columnar core"): typed arrays for lines, days, amounts and
 * probabilities; dictionary-coded strings (stage, owner, pipeline, source, segment, account,
 * forecast category, lost reason, currency) as codes into one dictionary per field (16-bit codes
 * while the field has at most 65,535 values, 32-bit past that); ids and names as StringColumns
 * (outputs list them). A million deals cost tens of megabytes instead of a million objects with
 * their strings.
 *
 * Metrics keep reading `Deal`: each row is a DealRow, a small view object whose getters read the
 * table (Apache Arrow JS does the same). A view has no own fields: spreading it copies nothing, so
 * code that derives a deal goes through withDeal (base/model.ts), and JSON.stringify goes through
 * toJSON, which gives the plain record with its fields in the reader's order.
 *
 * Between threads a table travels as a DealBatch: its typed arrays are transferred, the strings it
 * added to its dictionaries since the last batch travel once, ids and names as one text each.
 */
import type { Deal, DealStatus, DealType } from '../base/model.js';
import { NO_DATE } from './columns.js';
import { ownCell } from './fast-csv.js';

export const STATUSES: readonly DealStatus[] = ['won', 'lost', 'open'];
export const TYPES: readonly DealType[] = ['new', 'expansion', 'renewal'];
/** The type code of a deal without a type. */
export const NO_TYPE = 255;

/** Dictionary-coded fields: code 0 is null, code k > 0 is the field's dictionary strings[k]. */
export const DICT_FIELDS = ['stage', 'owner', 'pipeline', 'source', 'segment', 'account', 'forecastCategory', 'lostReason', 'currency'] as const;
export type DictField = (typeof DICT_FIELDS)[number];
/** Each dictionary-coded field's number (its place in DICT_FIELDS). */
export const DICT_INDEX = Object.fromEntries(DICT_FIELDS.map((f, i) => [f, i])) as Readonly<Record<DictField, number>>;

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
  readonly codes: Readonly<Record<DictField, CodeArray>>;
  /** Per field, the sender's strings added since its previous batch, in code order. */
  readonly newStrings: Readonly<Record<DictField, readonly string[]>>;
  readonly ids: PackedStrings;
  readonly names: PackedStrings;
}

/** A dictionary-coded column: 16-bit codes until its dictionary outgrows them. */
export type CodeArray = Uint16Array | Uint32Array;

/** Receiver side, per sender: each field's sender codes -> the receiver's (see DealTable.appendBatch). */
export type Remap = Record<DictField, number[]>;

export function newRemap(): Remap {
  const r = {} as Record<DictField, number[]>;
  for (const f of DICT_FIELDS) r[f] = [0];
  return r;
}

/**
 * One field's strings: code 0 is null, code k > 0 is strings[k]. Kept strings are own copies
 * (ownCell: a parser cell would keep its whole chunk of the file alive). The last value looked up
 * is checked first: fields with few values (stage, owner, source) repeat in runs often enough.
 * Lookups go through a StringIndex (see there: a Map was the largest item of the ingest profile).
 */
/** Values a Dictionary looks up in a Map; past them, in a StringIndex. */
const MAP_MAX = 4096;

export class Dictionary {
  readonly strings: string[] = [''];
  /** Lookups while the field has few values (a Map is fastest there)... */
  private map: Map<string, number> | null = new Map<string, number>();
  /** ...and past MAP_MAX values (see StringIndex: 2 × faster than the Map on 245 k account names). */
  private index: StringIndex | null = null;
  private last = '';
  private lastCode = -1;

  code(s: string | null): number {
    if (s === null) return 0;
    if (s === this.last) return this.lastCode;
    let k: number;
    const map = this.map;
    if (map !== null) {
      const known = map.get(s);
      if (known === undefined) {
        const own = ownCell(s);
        k = this.strings.length;
        this.strings.push(own);
        map.set(own, k);
        if (k > MAP_MAX) this.toIndex();
      } else k = known;
    } else {
      k = (this.index as StringIndex).add(s);
      if (k < 0) {
        k = ~k + 1;
        this.strings.push(ownCell(s));
      } else k += 1;
    }
    this.last = s; // the cell just read (in cache); at most the parser chunk being read stays alive through it
    this.lastCode = k;
    return k;
  }

  /** The code of `s` when it is in the dictionary, else 0 (nothing is added). */
  find(s: string): number {
    if (this.map !== null) return this.map.get(s) ?? 0;
    const k = (this.index as StringIndex).find(s);
    return k < 0 ? 0 : k + 1;
  }

  private toIndex(): void {
    const index = new StringIndex(4 * MAP_MAX, true);
    for (let k = 1; k < this.strings.length; k++) index.add(this.strings[k] as string);
    this.index = index;
    this.map = null;
  }

  get size(): number {
    return this.strings.length - 1;
  }
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
  stage: CodeArray = new Uint16Array(0);
  owner: CodeArray = new Uint16Array(0);
  pipeline: CodeArray = new Uint16Array(0);
  source: CodeArray = new Uint16Array(0);
  segment: CodeArray = new Uint16Array(0);
  account: CodeArray = new Uint16Array(0);
  forecastCategory: CodeArray = new Uint16Array(0);
  lostReason: CodeArray = new Uint16Array(0);
  currency: CodeArray = new Uint16Array(0);
  ids = new StringColumn();
  names = new StringColumn();
  /** One dictionary per dictionary-coded field. */
  readonly dict: Readonly<Record<DictField, Dictionary>> = newDictionaries();
  /** Per field, strings already sent in a batch (takeBatch). */
  private readonly sentStrings = {} as Record<DictField, number>;

  /** The dictionaries and code columns by field number (DICT_FIELDS order): monomorphic reads in setCode. */
  private readonly dictList: Dictionary[] = DICT_FIELDS.map((f) => this.dict[f]);
  private codeList: CodeArray[] = DICT_FIELDS.map((f) => this[f]);

  /** Stores the code of `s` (added to the field's dictionary when new; 0 for null) at row `at`. */
  setCode(f: DictField, at: number, s: string | null): void {
    this.setCodeOf(DICT_INDEX[f], at, s);
  }

  /** setCode by field number (DICT_FIELDS order, DICT_INDEX). */
  setCodeOf(fi: number, at: number, s: string | null): void {
    const k = (this.dictList[fi] as Dictionary).code(s);
    let col = this.codeList[fi] as CodeArray;
    if (k > 0xffff && col.BYTES_PER_ELEMENT === 2) col = this.widen(DICT_FIELDS[fi] as DictField);
    col[at] = k;
  }

  /** The field's code of a string already in its dictionary, or 0 when it is not (nothing is added). */
  find(f: DictField, s: string): number {
    return this.dict[f].find(s);
  }

  /** The field's string for a code (code 0 = null). */
  text(f: DictField, code: number): string | null {
    return code === 0 ? null : (this.dict[f].strings[code] as string);
  }

  /** The field's codes, 32-bit from now on (its dictionary outgrew 16 bits). */
  private widen(f: DictField): Uint32Array {
    const wide = new Uint32Array(this.capacity);
    wide.set(this[f]);
    this[f] = wide;
    this.codeList[DICT_INDEX[f]] = wide;
    return wide;
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
    const more = <T extends Int32Array | Float64Array | Uint8Array | Uint16Array | Uint32Array>(a: T, make: (n: number) => T): T => {
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
    for (const f of DICT_FIELDS) {
      const a = this[f];
      this[f] = a.BYTES_PER_ELEMENT === 2 ? more(a as Uint16Array, (c) => new Uint16Array(c)) : more(a as Uint32Array, (c) => new Uint32Array(c));
      this.codeList[DICT_INDEX[f]] = this[f];
    }
    this.capacity = cap;
  }

  /**
   * Gives back the capacity past the last row when it is more than an eighth of it (capacity
   * doubles: 1.1 M rows sit in room for 2 M, about 55 MB of columns for nothing). Once the table
   * is complete (the reader's finish).
   */
  trim(): void {
    const n = this.length;
    if (this.capacity - n <= n >> 3) return;
    const fit = <T extends Int32Array | Float64Array | Uint8Array | Uint16Array | Uint32Array>(a: T): T => a.slice(0, n) as T;
    this.line = fit(this.line);
    this.amountCents = fit(this.amountCents);
    this.amountMissing = fit(this.amountMissing);
    this.status = fit(this.status);
    this.created = fit(this.created);
    this.closed = fit(this.closed);
    this.probability = fit(this.probability);
    this.signed = fit(this.signed);
    this.type = fit(this.type);
    for (const f of DICT_FIELDS) {
      this[f] = fit(this[f]);
      this.codeList[DICT_INDEX[f]] = this[f];
    }
    this.capacity = n;
  }

  /**
   * Sender side: the rows since the last call as a batch (copies of the columns, to transfer),
   * with the strings added since; the rows leave this table (its string table stays).
   */
  takeBatch(): DealBatch {
    const n = this.length;
    const codes = {} as Record<DictField, CodeArray>;
    const newStrings = {} as Record<DictField, readonly string[]>;
    for (const f of DICT_FIELDS) {
      codes[f] = this[f].slice(0, n);
      const strings = this.dict[f].strings;
      newStrings[f] = strings.slice(this.sentStrings[f] ?? 1);
      this.sentStrings[f] = strings.length;
    }
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
      newStrings,
      ids: this.ids.pack(),
      names: this.names.pack(),
    };
    this.length = 0;
    this.ids = new StringColumn();
    this.names = new StringColumn();
    return batch;
  }

  /**
   * Receiver side: appends a batch's rows. `remap` maps the sender's codes to this table's; it
   * grows with each batch's new strings, so pass the same one (newRemap()) for every batch of one
   * sender. Returns the index of the first appended row.
   */
  appendBatch(b: DealBatch, remap: Remap): number {
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
      const map = remap[f];
      const dict = this.dict[f];
      for (const s of b.newStrings[f]) map.push(dict.code(s));
      if (dict.strings.length > 0x10000 && this[f].BYTES_PER_ELEMENT === 2) this.widen(f);
      const src = b.codes[f];
      const dst = this[f];
      for (let j = 0; j < n; j++) dst[at + j] = map[src[j] as number] as number;
    }
    this.ids.appendPacked(b.ids);
    this.names.appendPacked(b.names);
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
  return [b.line, b.amountCents, b.amountMissing, b.status, b.created, b.closed, b.probability, b.signed, b.type, ...DICT_FIELDS.map((f) => b.codes[f]), b.ids.ends, b.names.ends].map(
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
    return this.#t.ids.get(this.#i);
  }
  get name(): string | null {
    return this.#t.names.get(this.#i);
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
    return this.#t.dict.stage.strings[this.#t.stage[this.#i] as number] as string;
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
    return k === 0 ? null : (this.#t.dict.owner.strings[k] as string);
  }
  get pipeline(): string | null {
    const k = this.#t.pipeline[this.#i] as number;
    return k === 0 ? null : (this.#t.dict.pipeline.strings[k] as string);
  }
  get source(): string | null {
    const k = this.#t.source[this.#i] as number;
    return k === 0 ? null : (this.#t.dict.source.strings[k] as string);
  }
  get segment(): string | null {
    const k = this.#t.segment[this.#i] as number;
    return k === 0 ? null : (this.#t.dict.segment.strings[k] as string);
  }
  get type(): DealType | null {
    const v = this.#t.type[this.#i] as number;
    return v === NO_TYPE ? null : (TYPES[v] as DealType);
  }
  get account(): string | null {
    const k = this.#t.account[this.#i] as number;
    return k === 0 ? null : (this.#t.dict.account.strings[k] as string);
  }
  get probability(): number | null {
    const v = this.#t.probability[this.#i] as number;
    return Number.isNaN(v) ? null : v;
  }
  get forecastCategory(): string | null {
    const k = this.#t.forecastCategory[this.#i] as number;
    return k === 0 ? null : (this.#t.dict.forecastCategory.strings[k] as string);
  }
  get lostReason(): string | null {
    const k = this.#t.lostReason[this.#i] as number;
    return k === 0 ? null : (this.#t.dict.lostReason.strings[k] as string);
  }
  get currency(): string | null {
    const k = this.#t.currency[this.#i] as number;
    return k === 0 ? null : (this.#t.dict.currency.strings[k] as string);
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
 * The distinct strings seen so far, each with its index in order of arrival: open addressing over
 * an Int32Array with FNV-1a hashes, the strings themselves in a StringColumn (compared in place,
 * only on a hash match). A lookup touches two small typed arrays and one compact text, where a
 * Map chases a pointer to each key and its characters scattered over the heap: measured on the
 * 245 k account names of 1 M Salesforce rows, 1.3 µs a lookup with a Map (1.4 s of the 4 s ingest),
 * a few hundred ns here.
 */
export class StringIndex {
  /** Per slot, the index of its string (-1: empty) and the string's hash, side by side (one cache line). */
  private slots: Int32Array;
  private keys = new StringColumn();

  /**
   * With `ownKeys`, keys are kept as own copies (ownCell): for an index that outlives the read (a
   * dictionary), whose block being filled would otherwise keep a parser chunk alive per key.
   */
  constructor(
    private readonly initialSlots = 16,
    private readonly ownKeys = false,
  ) {
    this.slots = emptySlots(initialSlots);
  }

  get size(): number {
    return this.keys.length;
  }

  /** The index of `s`; when it is new, it is added and ~index (a negative number) is returned. */
  add(s: string): number {
    const h = hash(s);
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let j = h & mask;
    for (;;) {
      const k = slots[2 * j] as number;
      if (k === -1) break;
      if (slots[2 * j + 1] === h && this.keys.equals(k, s)) return k;
      j = (j + 1) & mask;
    }
    const k = this.keys.length;
    slots[2 * j] = k;
    slots[2 * j + 1] = h;
    this.keys.push(this.ownKeys ? ownCell(s) : s);
    if (this.keys.length * 4 > slots.length) this.grow();
    return ~k;
  }

  /** The index of `s`, or -1 when not seen. */
  find(s: string): number {
    const h = hash(s);
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let j = h & mask; ; j = (j + 1) & mask) {
      const k = slots[2 * j] as number;
      if (k === -1) return -1;
      if (slots[2 * j + 1] === h && this.keys.equals(k, s)) return k;
    }
  }

  clear(): void {
    this.slots = emptySlots(this.initialSlots);
    this.keys = new StringColumn();
  }

  private grow(): void {
    const old = this.slots;
    const n = old.length; // twice the slots there were
    const mask = n - 1;
    const next = emptySlots(n);
    for (let q = 0; q < old.length; q += 2) {
      const k = old[q] as number;
      if (k === -1) continue;
      const h = old[q + 1] as number;
      let j = h & mask;
      while (next[2 * j] !== -1) j = (j + 1) & mask;
      next[2 * j] = k;
      next[2 * j + 1] = h;
    }
    this.slots = next;
  }
}

/** `n` empty slots (two Int32 each). */
function emptySlots(n: number): Int32Array {
  return new Int32Array(2 * n).fill(-1);
}

/**
 * The first line of every deal id seen so far, for the duplicate check (a StringIndex and the
 * line of each). Measured on a million fresh 19-character ids: 2.5–3 × faster than a Map and a
 * third of its memory (with the ids in an array; the StringColumn takes them from ~48 to ~22 bytes
 * each and keeps no parser chunk alive).
 */
export class IdIndex {
  private readonly index = new StringIndex(1 << 12);
  private lines = new Int32Array(1024);

  /** The first line of `id`, or -1 (and `line` is recorded as its first line). */
  see(id: string, line: number): number {
    const k = this.index.add(id);
    if (k >= 0) return this.lines[k] as number;
    const added = ~k;
    if (added === this.lines.length) {
      const more = new Int32Array(added * 2);
      more.set(this.lines);
      this.lines = more;
    }
    this.lines[added] = line;
    return -1;
  }

  /** The first line of `id`, or -1 when not seen. */
  get(id: string): number {
    const k = this.index.find(id);
    return k < 0 ? -1 : (this.lines[k] as number);
  }

  clear(): void {
    this.index.clear();
    this.lines = new Int32Array(1024);
  }
}

/** FNV-1a over UTF-16 code units. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h | 0;
}

function newDictionaries(): Record<DictField, Dictionary> {
  const d = {} as Record<DictField, Dictionary>;
  for (const f of DICT_FIELDS) d[f] = new Dictionary();
  return d;
}

/**
 * Strings kept compactly, one column of them (deal ids and names, the id index's keys): each block
 * of BLOCK values is joined into one flat string, with each value's end offset in an Int32Array
 * (bitwise-not for null); the values of the block being filled are kept as given until it is
 * full. A value comes back as a slice of its block.
 *
 * Why: a cell from the fast parser is a V8 slice of its 1 MB decoded chunk, so keeping the cells
 * themselves keeps the whole file's text alive (190 MB at 1 M Salesforce rows), and a copy of each
 * (ownCell) costs a string header and a pointer per value (about 30 bytes more than its characters).
 * Here a value costs its characters and 4 bytes; reading one makes a slice (V8: a small object
 * that keeps only its block alive), which outputs do for the few deals they list.
 *
 * Measured side by side (readTable alone on the bench's 1 M-row Salesforce export, heap after a
 * full GC): 343 MB with ids, names and dictionary values as parser cells (the file's text kept
 * alive), 138 MB with these columns and own copies of the dictionary values.
 */
export const STRING_BLOCK_BITS = 12;
const BLOCK = 1 << STRING_BLOCK_BITS;
const MASK = BLOCK - 1;

/** A column's strings in one text (for a message between threads): value i is text[start, end) of ends[i], null when ends[i] < 0 (~end). */
export interface PackedStrings {
  readonly text: string;
  readonly ends: Int32Array;
}

export class StringColumn {
  length = 0;
  /** Full blocks, each one flat string. */
  private readonly blocks: string[] = [];
  /** The values of the block being filled. */
  private pending: (string | null)[] = [];
  /** The end of each value in its block (~end for null). */
  private ends = new Int32Array(BLOCK);
  /** The end of the last value of the block being filled. */
  private offset = 0;

  push(s: string | null): void {
    const i = this.length;
    if (i === this.ends.length) {
      const more = new Int32Array(i * 2);
      more.set(this.ends);
      this.ends = more;
    }
    if (s === null) this.ends[i] = ~this.offset;
    else {
      this.offset += s.length;
      this.ends[i] = this.offset;
    }
    this.pending.push(s);
    this.length = i + 1;
    if ((this.length & MASK) === 0) this.seal();
  }

  /** Joins the block being filled into one flat string (its values' own strings are let go). */
  private seal(): void {
    this.blocks.push(this.pending.join(''));
    this.pending = [];
    this.offset = 0;
  }

  get(i: number): string | null {
    const b = i >>> STRING_BLOCK_BITS;
    if (b === this.blocks.length) return this.pending[i & MASK] ?? null;
    const e = this.ends[i] as number;
    if (e < 0) return null;
    return (this.blocks[b] as string).slice(this.start(i), e);
  }

  /** Whether value i is `s` (no string made). */
  equals(i: number, s: string): boolean {
    const b = i >>> STRING_BLOCK_BITS;
    if (b === this.blocks.length) return this.pending[i & MASK] === s;
    const e = this.ends[i] as number;
    if (e < 0) return false;
    const start = this.start(i);
    return e - start === s.length && (this.blocks[b] as string).startsWith(s, start);
  }

  private start(i: number): number {
    if ((i & MASK) === 0) return 0;
    const p = this.ends[i - 1] as number;
    return p < 0 ? ~p : p;
  }

  /** Every value in one text, to send to another thread. */
  pack(): PackedStrings {
    const n = this.length;
    const ends = new Int32Array(n);
    const parts: string[] = [];
    let base = 0;
    for (let b = 0; b * BLOCK < n; b++) {
      const text = b < this.blocks.length ? (this.blocks[b] as string) : this.pending.join('');
      const from = b * BLOCK;
      const to = Math.min(n, from + BLOCK);
      for (let i = from; i < to; i++) {
        const e = this.ends[i] as number;
        ends[i] = e < 0 ? ~(~e + base) : e + base;
      }
      parts.push(text);
      base += text.length;
    }
    return { text: parts.join(''), ends };
  }

  /** Appends the values of a packed column. */
  appendPacked(p: PackedStrings): void {
    let start = 0;
    for (let i = 0; i < p.ends.length; i++) {
      const e = p.ends[i] as number;
      if (e < 0) {
        this.push(null);
        start = ~e;
      } else {
        this.push(p.text.slice(start, e));
        start = e;
      }
    }
  }
}
