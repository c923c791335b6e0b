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
  /**
   * How the header line ends, which is how csv-parse (auto-detecting) ends every record: true for
   * CRLF, false for LF; null until the header end is seen. In a CRLF file a bare LF is data, in an
   * LF file a CR is data, and quotes next to either are left to the single stream (anomaly).
   */
  crlf: boolean | null = null;
  private inQuotes = false;
  /** A quote closed a quoted field at the very end of the previous chunk; its next byte decides. */
  private quoteAtEnd = false;
  /** In a CRLF file, a closing quote and a CR ended the previous chunk: the next byte must be LF. */
  private crAtEnd = false;
  private prevByte = LF;
  private newlines = 0;
  /** CR bytes seen, and LFs preceded by a CR: they differ when the file has a lone CR (old Mac line end). */
  private crs = 0;
  private crlfs = 0;
  private base = 0;
  private nextTarget = 0;
  /** Offset where the current physical line starts. */
  private lineStart = 0;

  constructor(
    private readonly delimiter: number,
    /** Byte offsets at or after which to cut, ascending. */
    private readonly targets: readonly number[],
    /** Bytes to skip at the start (a BOM). */
    private readonly skip = 0,
    /**
     * Longest physical line accepted: a longer one (a flood of delimiters is millions of fields)
     * is left to the single stream, which refuses it before parsing it.
     */
    private readonly maxLine = Infinity,
  ) {}

  push(buf: Uint8Array): void {
    if (this.anomaly) return;
    let i = 0;
    if (this.base === 0 && this.skip > 0) i = this.skip;
    const n = buf.length;
    if (this.crAtEnd && n > 0) {
      this.crAtEnd = false;
      if (buf[0] !== LF) {
        this.anomaly = 'a closing quote is followed by other text';
        return;
      }
    }
    if (this.quoteAtEnd) {
      this.quoteAtEnd = false;
      const c = buf[0];
      if (c === QUOTE) {
        this.inQuotes = true; // it was an escaped quote: still inside
        i = Math.max(i, 1);
      } else if (c !== this.delimiter && !this.closesAtLineEnd(c, buf[1], n === 1)) {
        this.anomaly = 'a closing quote is followed by other text';
        return;
      }
    }
    for (let c = buf.indexOf(CR, i); c >= 0; c = buf.indexOf(CR, c + 1)) this.crs += 1;
    let q = buf.indexOf(QUOTE, i);
    let nl = buf.indexOf(LF, i);
    while (i < n) {
      if (q < 0 && nl < 0) break;
      if (nl >= 0 && (q < 0 || nl < q)) {
        this.newlines += 1;
        if (this.base + nl - this.lineStart > this.maxLine) {
          this.anomaly = 'a line is longer than the record size limit';
          return;
        }
        this.lineStart = this.base + nl + 1;
        if ((nl > 0 ? (buf[nl - 1] as number) : this.prevByte) === CR) this.crlfs += 1;
        if (!this.inQuotes) {
          const before = nl > 0 ? (buf[nl - 1] as number) : this.prevByte;
          if (this.crlf === null) this.crlf = before === CR;
          else if (this.crlf && before !== CR) {
            this.anomaly = 'a bare line feed in a file whose lines end with CRLF';
            return;
          }
          this.recordEnd(this.base + nl + 1);
        }
        i = nl + 1;
        nl = buf.indexOf(LF, i);
        continue;
      }
      // a quote at q
      if (!this.inQuotes) {
        const before = q > 0 ? (buf[q - 1] as number) : this.prevByte;
        if (before === this.delimiter || before === LF || (this.base + q === this.skip)) this.inQuotes = true;
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
          } else if (next === this.delimiter || this.closesAtLineEnd(next, buf[q + 2], q + 2 >= n)) {
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
    if (this.base - this.lineStart > this.maxLine) this.anomaly = 'a line is longer than the record size limit';
  }

  /**
   * Whether a closing quote followed by `c` (then `after`, undefined past the chunk) ends the field
   * at a line end the way csv-parse reads it. Unsure cases are refused (anomaly: single stream).
   */
  private closesAtLineEnd(c: number | undefined, after: number | undefined, chunkEndsAfterC: boolean): boolean {
    if (this.crlf === null) return c === LF || c === CR; // inside the header line
    if (!this.crlf) return c === LF;
    if (c !== CR) return false;
    if (!chunkEndsAfterC) return after === LF;
    this.crAtEnd = true; // the LF comes with the next chunk
    return true;
  }

  /** Call after the last chunk. */
  end(): void {
    // a lone CR ends a record (csv.ts) and a line: the byte-range readers count lines by LF, so
    // such a file (old Mac, or line endings mixed) is read on one stream
    if (this.crs !== this.crlfs && !this.anomaly) this.anomaly = 'a line ends with a lone CR (old Mac or mixed line endings)';
    if (this.inQuotes && !this.anomaly) this.anomaly = 'a quoted field is never closed';
    if (this.crAtEnd && !this.anomaly) this.anomaly = 'a closing quote is followed by other text';
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
