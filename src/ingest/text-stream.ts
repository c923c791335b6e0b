/**
 * Byte-level checks on a CSV stream that the parser cannot do for us: UTF-8 validity over the
 * whole file (not only the sniffed head), line-break tallies (LF, CRLF, lone CR), and a decoder
 * for chunks that are not valid UTF-8. Pure: bytes in, strings and counts out.
 */
import { isUtf8 } from 'node:buffer';

/**
 * Cuts a UTF-8 byte stream into chunks that end on a character boundary, and says whether each
 * is valid UTF-8. A multibyte character split across two chunks is held back (at most 3 bytes)
 * and put in front of the next chunk, so a chunk that is valid on its own is passed on unchanged
 * and an invalid one can be re-decoded without cutting a character in two.
 */
export class Utf8Chunker {
  private tail: Uint8Array | null = null;

  /** The bytes to pass on now (tail of the previous chunk included), and whether they are valid UTF-8. */
  next(chunk: Uint8Array): { bytes: Uint8Array; valid: boolean } {
    let bytes = afterHeldBack(this.tail, chunk);
    this.tail = null;
    const cut = incompleteTail(bytes);
    if (cut > 0) {
      this.tail = bytes.slice(bytes.length - cut);
      bytes = bytes.subarray(0, bytes.length - cut);
    }
    return { bytes, valid: bytes.length === 0 || isUtf8(bytes) };
  }

  /** Bytes held back at the end of the stream (an incomplete character: not valid UTF-8), or null. */
  flush(): Uint8Array | null {
    const t = this.tail;
    this.tail = null;
    return t;
  }
}

/** `chunk` with the bytes held back from the previous chunk (a cut character) in front, if any. */
export function afterHeldBack(held: Uint8Array | null, chunk: Uint8Array): Uint8Array {
  if (held === null) return chunk;
  const joined = new Uint8Array(held.length + chunk.length);
  joined.set(held, 0);
  joined.set(chunk, held.length);
  return joined;
}

/**
 * How many bytes at the end of `b` start a multibyte character that the chunk does not finish
 * (0 when it ends on a character boundary, or when the end is not a well-formed start anyway).
 */
export function incompleteTail(b: Uint8Array): number {
  const n = b.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const c = b[n - k] as number;
    if (c < 0x80) return 0; // ASCII: complete
    if (c >= 0xc0) {
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      return need > k ? k : 0;
    }
    // a continuation byte: look further back for its lead
  }
  return 0;
}

/** Offset of the first byte that is not part of a well-formed UTF-8 character, -1 when there is none. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  const n = b.length;
  while (i < n) {
    const len = utf8Length(b, i);
    if (len === 0) return i;
    i += len;
  }
  return -1;
}

/** Whether the bytes hold at least one well-formed multibyte UTF-8 character. */
export function hasUtf8Multibyte(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if ((b[i] as number) >= 0xc2 && utf8Length(b, i) > 1) return true;
  return false;
}

/** Length of the well-formed UTF-8 character at b[i] (1–4), or 0 when the bytes there are not one. */
function utf8Length(b: Uint8Array, i: number): number {
  const c = b[i] as number;
  if (c < 0x80) return 1;
  const n = b.length;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => i + k < n && (b[i + k] as number) >= lo && (b[i + k] as number) <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((c >= 0xe1 && c <= 0xec) || c === 0xee || c === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0; // no surrogates
  if (c === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/** Windows-1252's 0x80–0x9F (the rest of its upper half is Latin-1); undefined bytes map to themselves, as WHATWG does. */
const CP1252_80_9F = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * Decodes bytes that are mostly UTF-8 but hold some Windows-1252 bytes (a file appended to by a
 * second tool, an export that switched encoding part-way): every well-formed UTF-8 character is
 * kept, every other byte is read as Windows-1252. Never produces U+FFFD.
 */
export function decodeUtf8Or1252(b: Uint8Array): string {
  const utf8 = new TextDecoder('utf-8');
  const parts: string[] = [];
  let start = 0; // start of the current run of valid UTF-8
  let i = 0;
  const n = b.length;
  while (i < n) {
    const len = utf8Length(b, i);
    if (len > 0) {
      i += len;
      continue;
    }
    if (i > start) parts.push(utf8.decode(b.subarray(start, i)));
    const c = b[i] as number;
    parts.push(String.fromCharCode(c >= 0x80 && c <= 0x9f ? (CP1252_80_9F[c - 0x80] as number) : c));
    i += 1;
    start = i;
  }
  if (n > start) parts.push(utf8.decode(b.subarray(start, n)));
  return parts.join('');
}

/**
 * Tallies line breaks as they stream (LF, CRLF and lone CR each count as one line), bytes or
 * decoded text alike; a CR at the end of one chunk and an LF at the start of the next are one CRLF.
 */
export class LineBreakTally {
  lf = 0;
  crlf = 0;
  cr = 0;
  private pendingCr = false;

  /** Line breaks seen so far (a CR at the very end is counted once the next chunk shows what follows). */
  get breaks(): number {
    return this.lf + this.crlf + this.cr + (this.pendingCr ? 1 : 0);
  }

  /** Line breaks in `data` before index `end` (without recording them). */
  static count(data: Uint8Array | string, end: number): number {
    let n = 0;
    for (let i = 0; i < end; i++) {
      const c = typeof data === 'string' ? data.charCodeAt(i) : (data[i] as number);
      if (c === 10) n += 1;
      else if (c === 13) {
        const next = i + 1 < data.length ? (typeof data === 'string' ? data.charCodeAt(i + 1) : data[i + 1]) : undefined;
        if (next !== 10) n += 1; // a CRLF counts with its LF
      }
    }
    return n;
  }

  push(data: Uint8Array | string): void {
    const n = data.length;
    if (n === 0) return;
    const at = (i: number): number => (typeof data === 'string' ? data.charCodeAt(i) : (data[i] as number));
    if (this.pendingCr) {
      this.pendingCr = false;
      if (at(0) === 10) {
        this.crlf += 1;
        this.lf -= 1; // the LF below is this CRLF's
      } else this.cr += 1;
    }
    const find = (ch: string, code: number, from: number): number => (typeof data === 'string' ? data.indexOf(ch, from) : data.indexOf(code, from));
    let lfs = 0;
    for (let i = find('\n', 10, 0); i >= 0; i = find('\n', 10, i + 1)) lfs += 1;
    let crlfs = 0;
    let lone = 0;
    for (let i = find('\r', 13, 0); i >= 0; i = find('\r', 13, i + 1)) {
      if (i + 1 === n) this.pendingCr = true;
      else if (at(i + 1) === 10) crlfs += 1;
      else lone += 1;
    }
    this.lf += lfs - crlfs;
    this.crlf += crlfs;
    this.cr += lone;
  }

  /** Call at the end of the stream. */
  end(): void {
    if (this.pendingCr) {
      this.pendingCr = false;
      this.cr += 1;
    }
  }

  /** More than one kind of line ending in the file. */
  get mixed(): boolean {
    return (this.lf > 0 ? 1 : 0) + (this.crlf > 0 ? 1 : 0) + (this.cr > 0 ? 1 : 0) > 1;
  }
}
