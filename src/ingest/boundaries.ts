/**
 * Quote-aware scan for record boundaries, so a large CSV can be parsed as byte ranges in parallel.
 * A newline outside quotes ends a record; quotes follow csv-parse's rules with relax_quotes: a quote
 * opens a quoted field only at the start of a field, `""` inside quotes is an escaped quote, and a
 * closing quote must be followed by a delimiter, a line break or the end of the file. Anything the
 * scanner cannot follow with certainty is an `anomaly`, and the caller falls back to one stream.
 * Pure: bytes in (chunk by chunk), offsets and physical line numbers out.
 */

export interface Boundary {
  /** Byte offset of the first byte of the next record. */
  readonly offset: number;
  /** Physical line number (1-based) on which that record starts. */
  readonly line: number;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class BoundaryScanner {
  /** End of the header record. */
  headerEnd: Boundary | null = null;
  readonly boundaries: Boundary[] = [];
  anomaly: string | null = null;
  private inQuotes = false;
  /** A quote closed a quoted field at the very end of the previous chunk; its next byte decides. */
  private quoteAtEnd = false;
  private prevByte = LF;
  private newlines = 0;
  private base = 0;
  private nextTarget = 0;

  constructor(
    private readonly delimiter: number,
    /** Byte offsets at or after which to cut, ascending. */
    private readonly targets: readonly number[],
    /** Bytes to skip at the start (a BOM). */
    private readonly skip = 0,
  ) {}

  push(buf: Uint8Array): void {
    if (this.anomaly) return;
    let i = 0;
    if (this.base === 0 && this.skip > 0) i = this.skip;
    const n = buf.length;
    if (this.quoteAtEnd) {
      this.quoteAtEnd = false;
      const c = buf[0];
      if (c === QUOTE) {
        this.inQuotes = true; // it was an escaped quote: still inside
        i = Math.max(i, 1);
      } else if (c !== this.delimiter && c !== LF && c !== CR) {
        this.anomaly = 'a closing quote is followed by other text';
        return;
      }
    }
    let q = buf.indexOf(QUOTE, i);
    let nl = buf.indexOf(LF, i);
    while (i < n) {
      if (q < 0 && nl < 0) break;
      if (nl >= 0 && (q < 0 || nl < q)) {
        this.newlines += 1;
        if (!this.inQuotes) this.recordEnd(this.base + nl + 1);
        i = nl + 1;
        nl = buf.indexOf(LF, i);
        continue;
      }
      // a quote at q
      if (!this.inQuotes) {
        const before = q > 0 ? (buf[q - 1] as number) : this.prevByte;
        if (before === this.delimiter || before === LF || before === CR || (this.base + q === this.skip)) this.inQuotes = true;
        // else: a literal quote inside an unquoted field (relax_quotes)
        i = q + 1;
      } else {
        if (q + 1 >= n) {
          this.inQuotes = false;
          this.quoteAtEnd = true;
          i = q + 1;
        } else {
          const next = buf[q + 1] as number;
          if (next === QUOTE) {
            i = q + 2;
          } else if (next === this.delimiter || next === LF || next === CR) {
            this.inQuotes = false;
            i = q + 1;
          } else {
            this.anomaly = 'a closing quote is followed by other text';
            return;
          }
        }
      }
      q = buf.indexOf(QUOTE, i);
      if (nl >= 0 && nl < i) nl = buf.indexOf(LF, i);
    }
    if (n > 0) this.prevByte = buf[n - 1] as number;
    this.base += n;
  }

  /** Call after the last chunk. */
  end(): void {
    if (this.inQuotes && !this.anomaly) this.anomaly = 'a quoted field is never closed';
  }

  private recordEnd(offset: number): void {
    const line = this.newlines + 1;
    if (this.headerEnd === null) {
      this.headerEnd = { offset, line };
      return;
    }
    while (this.nextTarget < this.targets.length && offset >= (this.targets[this.nextTarget] as number)) {
      if (this.boundaries.length === 0 || (this.boundaries[this.boundaries.length - 1] as Boundary).offset < offset) {
        this.boundaries.push({ offset, line });
      }
      this.nextTarget += 1;
    }
  }
}
