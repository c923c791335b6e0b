import { describe, expect, it } from 'vitest';
import { LineBreakTally, Utf8Chunker, decodeUtf8Or1252, firstInvalidUtf8, hasUtf8Multibyte, incompleteTail } from '../../src/ingest/text-stream.js';

const b = (...xs: number[]): Uint8Array => Uint8Array.from(xs);

describe('LineBreakTally', () => {
  it.each([
    ['a\nb\r\nc\rd', { lf: 1, crlf: 1, cr: 1 }],
    ['\r\r\n\n\r', { lf: 1, crlf: 1, cr: 2 }],
    ['no breaks', { lf: 0, crlf: 0, cr: 0 }],
    ['\r\n\r\n', { lf: 0, crlf: 2, cr: 0 }],
  ])('%j, as text and as bytes, whole or cut anywhere', (text, want) => {
    const bytes = Buffer.from(text);
    for (let cut = 0; cut <= text.length; cut++) {
      for (const parts of [[text.slice(0, cut), text.slice(cut)], [bytes.subarray(0, cut), bytes.subarray(cut)]]) {
        const t = new LineBreakTally();
        for (const p of parts) t.push(p);
        t.end();
        expect({ lf: t.lf, crlf: t.crlf, cr: t.cr }).toEqual(want);
        expect(t.breaks).toBe(want.lf + want.crlf + want.cr);
        expect(t.mixed).toBe([want.lf, want.crlf, want.cr].filter((n) => n > 0).length > 1);
      }
    }
  });

  it('count: line breaks before an index, a CRLF once', () => {
    expect(LineBreakTally.count('a\r\nb\rc\nd', 8)).toBe(3);
    expect(LineBreakTally.count(Buffer.from('a\r\nb'), 2)).toBe(0); // the CR of a CRLF counts with its LF
    expect(LineBreakTally.count(Buffer.from('a\r\nb'), 3)).toBe(1);
  });
});

describe('UTF-8 checks', () => {
  it.each([
    [b(0x41), 0],
    [b(0x41, 0xc3), 1],
    [b(0xe6, 0x97), 2],
    [b(0xf0, 0x9f, 0x98), 3],
    [b(0xf0, 0x9f, 0x98, 0x80), 0],
    [b(0xc3, 0xa9), 0],
    [b(0x80), 0], // a stray continuation: invalid, not incomplete
  ])('incompleteTail(%j) = %i', (bytes, n) => {
    expect(incompleteTail(bytes)).toBe(n);
  });

  it('the chunker passes valid chunks unchanged and holds back a split character', () => {
    const c = new Utf8Chunker();
    const all = Buffer.from('Zoë 😀 ok');
    const seen: Uint8Array[] = [];
    for (let i = 0; i < all.length; i++) {
      const r = c.next(all.subarray(i, i + 1));
      expect(r.valid).toBe(true);
      seen.push(r.bytes);
    }
    expect(c.flush()).toBeNull();
    expect(Buffer.concat(seen).toString('utf8')).toBe('Zoë 😀 ok');
  });

  it('firstInvalidUtf8 and the Windows-1252 fallback never produce U+FFFD', () => {
    const bytes = Buffer.concat([Buffer.from('Zoë '), b(0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x93, 0x94, 0x81, 0xed, 0xa0, 0x80)]);
    expect(firstInvalidUtf8(bytes)).toBe(8);
    const text = decodeUtf8Or1252(bytes);
    expect(text).toBe('Zoë Café €“”\u0081í\u00a0€');
    expect(text).not.toContain('\ufffd');
    expect(firstInvalidUtf8(Buffer.from('all fine é'))).toBe(-1);
    expect(hasUtf8Multibyte(Buffer.from('é'))).toBe(true);
    expect(hasUtf8Multibyte(b(0x43, 0xe9, 0x20))).toBe(false);
  });
});
