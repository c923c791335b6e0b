import { describe, expect, it } from 'vitest';
import { BoundaryScanner } from '../../src/ingest/boundaries.js';

function scan(text: string, targets: number[], chunk = 3, skip = 0): BoundaryScanner {
  const bytes = Buffer.from(text);
  const s = new BoundaryScanner(44, targets, skip);
  for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.subarray(i, i + chunk));
  s.end();
  return s;
}

describe('BoundaryScanner', () => {
  it('cuts at the first record end at or after each target, with physical line numbers', () => {
    // offsets: "a,b\n"=0..3, "1,x\n"=4..7, "2,y\n"=8..11, "3,z\n"=12..15
    const s = scan('a,b\n1,x\n2,y\n3,z\n', [5, 9]);
    expect(s.headerEnd).toEqual({ offset: 4, line: 2 });
    expect(s.boundaries).toEqual([
      { offset: 8, line: 3 },
      { offset: 12, line: 4 },
    ]);
    expect(s.anomaly).toBeNull();
  });

  it.each([1, 2, 3, 7, 64])('never cuts inside a quoted field with newlines and escaped quotes (chunk %i)', (chunk) => {
    const text = 'a,b\n1,"x\ny ""q"", z"\n2,"\n"\n3,w\n';
    // record starts: 4 (line 2), 21 (line 4), 27 (line 6)
    const s = scan(text, [5, 23], chunk);
    expect(s.boundaries).toEqual([
      { offset: 21, line: 4 },
      { offset: 27, line: 6 },
    ]);
    expect(s.anomaly).toBeNull();
  });

  it('treats a quote inside an unquoted field as a literal, like csv-parse with relax_quotes', () => {
    const s = scan('a,b\n5" monitor,x\n2,y\n', [5]);
    expect(s.boundaries).toEqual([{ offset: 17, line: 3 }]);
    expect(s.anomaly).toBeNull();
  });

  it('reports an unclosed quote and text after a closing quote as anomalies', () => {
    expect(scan('a,b\n1,"open\n2,y\n', [5]).anomaly).toMatch(/never closed/);
    expect(scan('a,b\n1,"x"y\n2,y\n', [5]).anomaly).toMatch(/closing quote/);
  });

  it('handles CRLF and a BOM', () => {
    const s = scan('\uFEFFa,b\r\n1,"x"\r\n2,y\r\n', [8], 2, 3);
    expect(s.headerEnd).toEqual({ offset: 3 + 5, line: 2 });
    expect(s.boundaries).toEqual([{ offset: 3 + 12, line: 3 }]);
    expect(s.anomaly).toBeNull();
  });
});

describe('BoundaryScanner: line endings the byte ranges cannot count (issue 16)', () => {
  it.each([
    ['a lone CR between records', 'a,b\n1,x\r2,y\n3,z\n'],
    ['a lone CR inside a quoted value', 'a,b\n1,"x\ry"\n2,y\n3,z\n'],
    ['CR-only line ends', 'a,b\r1,x\r2,y\r3,z\r'],
    ['a CR at the very end', 'a,b\n1,x\n2,y\n3,z\r'],
  ])('%s: anomaly, the single stream reads it', (_name, text) => {
    for (const chunk of [1, 2, 3, 64]) expect(scan(text, [5, 9], chunk).anomaly).toMatch(/lone CR|closing quote/);
  });

  it.each([1, 2, 3, 64])('an LF file with some CRLF rows is split normally (chunk %i): csv.ts reads both as line ends', (chunk) => {
    const s = scan('a,b\n1,x\r\n2,y\n3,z\r\n', [5, 10], chunk);
    expect(s.anomaly).toBeNull();
    expect(s.boundaries).toEqual([
      { offset: 9, line: 3 },
      { offset: 13, line: 4 },
    ]);
  });
});
