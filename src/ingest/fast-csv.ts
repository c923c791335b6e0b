/**
 * The fast parse path: a CSV scanner for large files (UTF-8 bytes, or the text readTable decodes
 * other encodings to) that emits exactly the records
 * csv-parse emits with our options (csv.ts: CRLF, LF and lone CR end a record; relax_quotes;
 * relax_column_count; BOM skipped; blank lines kept; max_record_size), and hands the rest of the
 * input to csv-parse the moment it meets anything it does not read the same way.
 *
 * - Each chunk of bytes is decoded once (as Latin-1 when it is all ASCII, else a fatal TextDecoder;
 *   text chunks are taken as they are) and scanned with indexOf and charCodeAt; a field is one
 *   `slice` of the decoded text (see ownCell for keeping one) (quoted fields: the text between the quotes, `""` folded to
 *   `"`). A record cut by the end of a chunk is carried, from its first character, in front of the
 *   next chunk (a CR or a closing quote at the very end waits for the next character too).
 * - What it reads itself: unquoted fields (a quote inside one is a plain character, as csv-parse's
 *   relax_quotes reads it), quoted fields with `""` escapes, delimiters and line breaks inside
 *   quotes, empty fields, blank lines, a last record without a line break.
 * - What it hands over, at the start of the record holding it, so that csv-parse reads that record
 *   and every later one and its rejects, errors and line numbers stay exact: text after a closing
 *   quote (`"a"b`), a quote still open at the end of the input, a record that could reach
 *   max_record_size (more than a third of it in characters: UTF-8 takes at most 3 bytes a
 *   character), bytes that are not UTF-8 (readTable passes such chunks already decoded, as text).
 *   From there on, every chunk goes to csv-parse as it comes.
 * - csv-parse's own counters are kept the way csv-parse counts them, so they read the same after a
 *   hand-over: `info.lines` (the runaway-quote message), `info.bytes` (parallel ranges' record
 *   offsets), and an error's line, record count and message.
 *
 * Measured side by side in one run (2-core machine shared with other work, Node 20), on the bench's
 * realistic Salesforce export (node bench/generate-salesforce.mjs; every cell quoted, "Acct 12, Inc",
 * "$12,345.00", M/D/YYYY, report footer), parsing alone with bench/fast-parse-only.mjs (1 MB chunks,
 * records counted), csv-parse with our options vs this scanner, wall / CPU seconds:
 *   200 k rows (38 MB, medians of 3): csv-parse 3.32 / 1.20, fast path 0.72 / 0.29 (4.6x wall, 4.1x CPU);
 *   1 M rows (190 MB):                csv-parse 7.50 / 5.55, fast path 0.90-1.28 / 0.78-1.21 (5.9-8.3x wall).
 * The whole `revhealth audit` (JSON byte-identical either way), before / after, wall / CPU / peak RSS:
 *   200 k: 12.4-16.6 s / 5.9-6.0 s / 401 MB before, 9.6-10.8 s / 4.4-4.6 s / 415 MB after;
 *   1 M:   25.7 s / 20.7 s / 1.47 GB before, 25.0 s / 17.8 s / 1.43 GB after (the audit's time is now
 *          in building records and GC, not in parsing).
 * Closing quotes are found with indexOf (1.4x less CPU than a charCodeAt loop); ASCII chunks are
 * decoded as Latin-1 (about 10 % less).
 */
import { Buffer, isAscii } from 'node:buffer';
import type { CsvError, Parser } from 'csv-parse';
import { csvParser } from './csv.js';
import { afterHeldBack, incompleteTail } from './text-stream.js';

/** What the reader of record needs from a record parser: csv-parse's Parser, or the fast path in front of it. */
export interface RecordParser {
  on(event: 'data', listener: (cells: string[]) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (err: CsvError) => void): unknown;
  once(event: 'drain', listener: () => void): unknown;
  /** false: wait for 'drain' (or the end) before writing more. */
  write(data: string | Uint8Array): boolean;
  end(): void;
  /**
   * csv-parse's physical line counter (1-based), as csv-parse itself would read it at this point;
   * bytes: in a 'data' listener, the bytes of the input up to the end of that record (its line
   * break included), as csv-parse counts them (parallel ranges keep each record's offset).
   */
  readonly info: { readonly lines: number; readonly bytes: number };
}

export interface FastCsvOptions {
  /** One ASCII character other than a quote, CR or LF (see fastCsvSupports). */
  readonly delimiter: string;
  /** csv-parse's max_record_size (0: no limit). */
  readonly maxRecordSize: number;
  /** Skip a UTF-8 BOM at the start, as csv-parse's bom option (default true). */
  readonly bom?: boolean;
}

/** A carried record shorter than this is scanned again with every chunk (the usual case: part of one row). */
const RESCAN_MIN = 4096;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Whether the fast path reads files with this delimiter (the sniffed ones: comma, semicolon, tab, pipe). */
export function fastCsvSupports(delimiter: string): boolean {
  if (delimiter.length !== 1) return false;
  const c = delimiter.charCodeAt(0);
  return c < 128 && c !== QUOTE && c !== LF && c !== CR;
}

type Listener = (...args: never[]) => void;

/**
 * The fast path in front of csv-parse (see the top of this file). Records go to the 'data'
 * listeners synchronously, in order; after a hand-over they come from csv-parse.
 */
export class FastCsvParser implements RecordParser {
  private readonly delim: number;
  /** Longest record (in characters, line break included) read here; longer ones are csv-parse's. */
  private readonly maxSpan: number;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private readonly listeners: Record<'data' | 'end' | 'error' | 'drain', Listener[]> = { data: [], end: [], error: [], drain: [] };
  /** The start of a record not yet complete, carried to the next chunk. */
  private carry = '';
  /** Bytes of the input before the carry (before the text being scanned, during a scan). */
  private carryStart = 0;
  /** Bytes of the carry. */
  private carryBytes = 0;
  /** The text being scanned, whether it is all ASCII (a character a byte), and the end of the record being emitted. */
  private scanText = '';
  private scanAscii = true;
  private recordEnd = 0;
  /** A position in scanText and its byte offset, moved forward as records are emitted (texts that are not ASCII). */
  private cursorChar = 0;
  private cursorByte = 0;
  /** The carry's length when it was last scanned (see RESCAN_MIN). */
  private scannedCarry = 0;
  /** Bytes of a character cut by the end of the previous chunk. */
  private pendingBytes: Uint8Array | null = null;
  private started = false;
  private ended = false;
  /** csv-parse's info.lines at the start of the next record. */
  private lines = 1;
  /** Set by scan(): it stopped at a record it does not read the way csv-parse does. */
  private stoppedAtUnknown = false;
  private inner: Parser | null = null;
  /** `lines` and the bytes read when csv-parse took over. */
  private linesAtHandOver = 1;
  private bytesAtHandOver = 0;

  constructor(private readonly options: FastCsvOptions) {
    if (!fastCsvSupports(options.delimiter)) throw new Error(`the fast CSV path does not read the delimiter ${JSON.stringify(options.delimiter)}`);
    this.delim = options.delimiter.charCodeAt(0);
    this.maxSpan = options.maxRecordSize > 0 ? Math.floor(options.maxRecordSize / 3) : Infinity;
  }

  /** Records emitted by the fast path itself, before any hand-over (for tests and measurements). */
  recordsRead = 0;

  /** Whether csv-parse has taken over (for tests and measurements). */
  get handedOver(): boolean {
    return this.inner !== null;
  }

  get info(): { readonly lines: number; readonly bytes: number } {
    if (this.inner) return { lines: this.linesAtHandOver + this.inner.info.lines - 1, bytes: this.bytesAtHandOver + this.inner.info.bytes };
    return { lines: this.lines, bytes: this.carryStart + this.bytesBefore(this.recordEnd) };
  }

  /** csv-parse's parser state as far as the reader of record reads it (quoting: stopped inside a quoted field). */
  get state(): { readonly quoting: boolean } {
    const inner = this.inner as unknown as { state?: { quoting?: boolean } } | null;
    return { quoting: inner?.state?.quoting === true };
  }

  on(event: 'data' | 'end' | 'error' | 'drain', listener: Listener): this {
    this.listeners[event].push(listener);
    return this;
  }

  once(event: 'drain', listener: () => void): this {
    const wrapped = (): void => {
      const list = this.listeners.drain;
      const at = list.indexOf(wrapped);
      if (at >= 0) list.splice(at, 1);
      listener();
    };
    this.listeners.drain.push(wrapped);
    return this;
  }

  write(data: string | Uint8Array): boolean {
    if (this.ended) throw new Error('write after end');
    if (this.inner) return data.length === 0 ? true : this.inner.write(data);
    let text: string;
    let textBytes: number;
    if (typeof data === 'string') {
      // a string after bytes: a character cut by the last chunk cannot be finished by it
      if (this.pendingBytes !== null) return this.handOver(this.carry, this.takePending(), data);
      text = data;
      textBytes = utf8Length(data, 0, data.length);
    } else {
      const bytes = afterHeldBack(this.pendingBytes, data);
      this.pendingBytes = null;
      const cut = incompleteTail(bytes);
      const whole = cut > 0 ? bytes.subarray(0, bytes.length - cut) : bytes;
      try {
        // ASCII (most exports): a byte a character, decoded without UTF-8's work (about half the time)
        text = isAscii(whole) ? Buffer.from(whole.buffer, whole.byteOffset, whole.length).toString('latin1') : this.decoder.decode(whole);
      } catch {
        // not UTF-8: csv-parse reads these bytes its own way, from the start of the record
        return this.handOver(this.carry, bytes);
      }
      if (cut > 0) this.pendingBytes = bytes.slice(bytes.length - cut);
      textBytes = whole.length;
    }
    if (!this.started && text.length > 0) {
      this.started = true;
      if (this.options.bom !== false && text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1); // the BOM, as csv-parse's bom option
        textBytes -= 3;
        this.carryStart += 3;
      }
    }
    const all = this.carry.length > 0 ? this.carry + text : text;
    const allBytes = this.carryBytes + textBytes;
    // a long record still incomplete is scanned again only once its text has doubled: small
    // chunks (a long quoted field arriving a few bytes at a time) cost linear time, not quadratic
    if (this.scannedCarry >= RESCAN_MIN && all.length < 2 * this.scannedCarry && all.length <= this.maxSpan) {
      this.carry = all;
      this.carryBytes = allBytes;
      return true;
    }
    const stop = this.scanAll(all, allBytes, false);
    if (this.stoppedAtUnknown) {
      this.carry = '';
      return this.handOver(all.slice(stop), this.takePending());
    }
    this.carry = stop === all.length ? '' : all.slice(stop);
    this.scannedCarry = this.carry.length;
    return true;
  }

  /** scan(), keeping the byte count: afterwards carryStart is the byte offset of `stop`. */
  private scanAll(all: string, allBytes: number, final: boolean): number {
    this.scanText = all;
    this.scanAscii = all.length === allBytes;
    this.cursorChar = 0;
    this.cursorByte = 0;
    this.recordEnd = 0;
    const stop = this.scan(all, final);
    const used = this.bytesBefore(stop);
    this.carryStart += used;
    this.carryBytes = allBytes - used;
    this.scanText = '';
    this.scanAscii = true;
    this.recordEnd = 0;
    return stop;
  }

  /** Bytes of scanText before index i (moving the cursor: asked in increasing order while scanning). */
  private bytesBefore(i: number): number {
    if (this.scanAscii) return i;
    if (i < this.cursorChar) {
      this.cursorChar = 0;
      this.cursorByte = 0;
    }
    this.cursorByte += utf8Length(this.scanText, this.cursorChar, i);
    this.cursorChar = i;
    return this.cursorByte;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (!this.inner) {
      const pending = this.takePending();
      if (pending !== null) this.handOver(this.carry, pending);
      else if (this.carry.length > 0) {
        const all = this.carry;
        this.carry = '';
        const stop = this.scanAll(all, this.carryBytes, true);
        if (this.stoppedAtUnknown) this.handOver(all.slice(stop));
      }
    }
    if (this.inner) {
      this.inner.end();
      return;
    }
    for (const l of this.listeners.end) (l as () => void)();
  }

  private takePending(): Uint8Array | null {
    const p = this.pendingBytes;
    this.pendingBytes = null;
    return p;
  }

  /** csv-parse reads everything from here on: the given rest first. */
  private handOver(...rest: (string | Uint8Array | null)[]): boolean {
    // nothing read yet: csv-parse reads the input from its first byte, BOM included
    const inner = csvParser({ delimiter: this.options.delimiter, maxRecordSize: this.options.maxRecordSize, bom: !this.started && this.options.bom !== false });
    this.inner = inner;
    this.linesAtHandOver = this.lines;
    this.bytesAtHandOver = this.carryStart;
    for (const l of this.listeners.data) inner.on('data', l as (cells: string[]) => void);
    inner.on('end', () => {
      for (const l of this.listeners.end) (l as () => void)();
    });
    inner.on('error', (err: CsvError) => {
      // where the error is in the whole input, not in the part csv-parse was given (its line and
      // record counts; its `bytes` field, the end of the last field read, is left as it is)
      const at = err as unknown as { lines?: unknown; records?: unknown };
      if (typeof at.lines === 'number') {
        const lines = this.linesAtHandOver + at.lines - 1;
        err.message = err.message.replace(`at line ${at.lines}`, `at line ${lines}`);
        at.lines = lines;
      }
      if (typeof at.records === 'number') at.records += this.recordsRead;
      for (const l of this.listeners.error) (l as (e: CsvError) => void)(err);
    });
    inner.on('drain', () => {
      for (const l of [...this.listeners.drain]) (l as () => void)();
    });
    let ok = true;
    for (const r of rest) if (r !== null && r.length > 0) ok = inner.write(r);
    return ok;
  }

  /**
   * Emits every complete record of `text` and returns where the first incomplete one starts
   * (text.length when none). With `final`, the text ends the input. Sets stoppedAtUnknown (and
   * returns that record's start) at a record it leaves to csv-parse.
   */
  private scan(text: string, final: boolean): number {
    const n = text.length;
    const delim = this.delim;
    const maxSpan = this.maxSpan;
    const data = this.listeners.data as ((cells: string[]) => void)[];
    const single = data.length === 1 ? data[0] : undefined;
    this.stoppedAtUnknown = false;
    // the next LF and CR at or after the scan position (n when none): a quoted field holds a line
    // break only when one of them lies before its closing quote
    let nextLf = -1;
    let nextCr = -1;
    let pos = 0;
    records: while (pos < n) {
      const start = pos;
      const cells: string[] = [];
      /** Line breaks inside quoted fields of this record (csv-parse counts each CR and LF there). */
      let breaks = 0;
      for (;;) {
        let end: number; // the character after the field
        if (pos < n && text.charCodeAt(pos) === QUOTE) {
          let from = pos + 1;
          let value = '';
          for (;;) {
            let q = text.indexOf('"', from);
            if (q < 0) q = n;
            if (nextLf < from) nextLf = lineBreakAt(text, '\n', from, n);
            if (nextCr < from) nextCr = lineBreakAt(text, '\r', from, n);
            if (nextLf < q || nextCr < q) breaks += countLineBreaks(text, from, q);
            if (q + 1 >= n) {
              // no closing quote yet, or a quote at the very end: the next character decides
              if (!final || q >= n) return this.incomplete(start, n, final);
              value += text.slice(from, q);
              end = n;
              break;
            }
            const next = text.charCodeAt(q + 1);
            if (next === QUOTE) {
              value += text.slice(from, q + 1); // "" is one quote
              from = q + 2;
              continue;
            }
            if (next === delim || next === LF || next === CR) {
              value += text.slice(from, q);
              end = q + 1;
              break;
            }
            // text after a closing quote: csv-parse's relax_quotes reading is its own
            return this.unknown(start);
          }
          cells.push(value);
        } else {
          let j = pos;
          while (j < n) {
            const c = text.charCodeAt(j);
            if (c === delim || c === LF || c === CR) break;
            j += 1;
          }
          cells.push(text.slice(pos, j));
          end = j;
        }
        if (end >= n) {
          if (!final) return this.incomplete(start, n, final);
          if (n - start > maxSpan) return this.unknown(start);
          this.lines += breaks;
          this.recordsRead += 1;
          this.recordEnd = n;
          if (single) single(cells);
          else for (const l of data) l(cells);
          return n;
        }
        const t = text.charCodeAt(end);
        if (t === delim) {
          pos = end + 1;
          continue;
        }
        if (t === CR) {
          if (end + 1 >= n) {
            if (!final) return this.incomplete(start, n, final);
            pos = n;
          } else pos = text.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
        } else pos = end + 1;
        if (pos - start > maxSpan) return this.unknown(start);
        this.lines += breaks + 1;
        this.recordsRead += 1;
        this.recordEnd = pos;
        if (single) single(cells);
        else for (const l of data) l(cells);
        continue records;
      }
    }
    return n;
  }

  /** A record not complete in this text: carried (or csv-parse's, when too long to carry or at the end). */
  private incomplete(start: number, n: number, final: boolean): number {
    if (final || n - start > this.maxSpan) this.stoppedAtUnknown = true;
    return start;
  }

  private unknown(start: number): number {
    this.stoppedAtUnknown = true;
    return start;
  }
}

/**
 * A copy of a cell that keeps nothing else alive. A cell of the fast path of 13 characters or more
 * is a V8 slice: a view that keeps its whole decoded chunk (1 MB of text) alive as long as the cell
 * is kept. Holding every row's cells (today's record objects) costs no more than csv-parse's own
 * strings (measured: same peak RSS at 200 k and 1 M rows), but a reader that keeps only a few
 * cells for long (the first spelling of each dictionary value, ids in a Map) should keep
 * `ownCell(cell)` instead, or one kept cell per chunk holds the whole file (190 MB at 1 M
 * Salesforce rows). Copying every long cell in the scanner instead measured +60 % of its time.
 */
export function ownCell(s: string): string {
  if (s.length < 13) return s; // V8 copies short slices already
  // the concatenation is flattened into a new string of its own; the slice of it is a view of that only
  return (s + ' ').slice(0, -1);
}

/** UTF-8 bytes of s[from, to) (a lone surrogate as the 3 bytes of U+FFFD, as Buffer writes it). */
function utf8Length(s: string, from: number, to: number): number {
  let bytes = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < to && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/** Index of the next `ch` at or after `from`, n when there is none. */
function lineBreakAt(text: string, ch: string, from: number, n: number): number {
  const i = text.indexOf(ch, from);
  return i < 0 ? n : i;
}

/** CR and LF characters in text[from, to). */
function countLineBreaks(text: string, from: number, to: number): number {
  let k = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) k += 1;
  }
  return k;
}
