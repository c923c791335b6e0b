/**
 * The one sanitiser (src/report/sanitize.ts), case by case with hand-written expectations, and as
 * properties: nothing unsafe survives, JSON stays the same JSON, a second pass changes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanBlock, cleanLine, sanitizeOutput } from '../../src/report/sanitize.js';

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('cleanLine: one value in one line', () => {
  it.each([
    ['CSI clear screen', 'a\u001b[2Jb', 'ab'],
    ['SGR colour', '\u001b[1;31mred\u001b[0m', 'red'],
    ['OSC 52 clipboard write (BEL)', 'x\u001b]52;c;ZXZpbA==\u0007y', 'xy'],
    ['OSC 8 link (ST)', '\u001b]8;;http://e.example\u001b\\click\u001b]8;;\u001b\\', 'click'],
    ['8-bit CSI with its parameters', '\u009b31mred', 'red'],
    ['8-bit OSC', '\u009d0;title\u0007x', 'x'],
    ['newline forging a workflow command line', 'a\n::error::x', 'a ::error::x'],
    ['CR and CRLF', 'a\r\nb\rc', 'a  b c'],
    ['U+2028 / U+2029', 'a\u2028b\u2029c', 'a b c'],
    ['right-to-left override', 'invoice\u202egnp.exe', 'invoicegnp.exe'],
    ['isolates and marks', '\u2066a\u2069\u200eb\u200f\u061cc', 'abc'],
    ['bell, backspace, DEL, NUL', 'd\u0007\u0008\u007f\u0000x', 'dx'],
    ['tab kept', 'a\tb', 'a\tb'],
    ['plain text, emoji and accents untouched', 'Café 🚀 ＝1+1', 'Café 🚀 ＝1+1'],
  ])('%s', (_name, input, expected) => {
    expect(cleanLine(input)).toBe(expected);
  });

  it('cleanBlock keeps line breaks (CRLF, CR, U+2028 become LF)', () => {
    expect(cleanBlock('a\r\nb\rc\u2028d\u001b[2Je')).toBe('a\nb\nc\nde');
  });
});

describe('sanitizeOutput: the output boundary', () => {
  it.each([
    ['ESC sequence made visible', 'a\u001b[2Jb\n', {}, 'a\\u001b[2Jb\n'],
    ['SGR made visible when revhealth did not colour', '\u001b[31mx\u001b[0m', {}, '\\u001b[31mx\\u001b[0m'],
    ['SGR kept when revhealth coloured', '\u001b[31mx\u001b[0m', { sgr: true }, '\u001b[31mx\u001b[0m'],
    ['a non-SGR sequence made visible even with colours', '\u001b[2J', { sgr: true }, '\\u001b[2J'],
    ['8-bit CSI, RLO, U+2028, U+061C as \\uXXXX', '\u009b\u202e\u2028\u061c', {}, '\\u009b\\u202e\\u2028\\u061c'],
    ['CRLF to LF, lone CR visible', 'a\r\nb\rc', {}, 'a\nb\\u000dc'],
    ['newline and tab kept', 'a\tb\nc', {}, 'a\tb\nc'],
    ['workflow command defused', 'x\n::error::pwned\n', {}, 'x\n: :error::pwned\n'],
    ['after leading blanks (the runner trims them)', '   ::add-mask::secret', {}, '   : :add-mask::secret'],
    ['after no-break and ideographic spaces (also trimmed)', '\u00a0\u3000::error::x', {}, '\u00a0\u3000: :error::x'],
    ['after a colour code', '\u001b[1m::warning::x', { sgr: true }, '\u001b[1m: :warning::x'],
    ['stop-commands defused', '::stop-commands::tok', {}, ': :stop-commands::tok'],
    ['the old ##[ syntax anywhere in a line', 'note ##[error]x', {}, 'note # #[error]x'],
    ['mid-line :: untouched', 'a ::error::x', {}, 'a ::error::x'],
    ['own annotation kept with annotations', '::error title=revhealth win_rate::msg', { annotations: true }, '::error title=revhealth win_rate::msg'],
    ['own annotation with file and line kept', '::warning file=d.csv,line=3,title=t::m', { annotations: true }, '::warning file=d.csv,line=3,title=t::m'],
    ['other commands defused even with annotations', '::add-mask::x', { annotations: true }, ': :add-mask::x'],
    ['an indented annotation is not ours', ' ::error title=t::m', { annotations: true }, ' : :error title=t::m'],
  ])('%s', (_name, input, policy, expected) => {
    expect(sanitizeOutput(input, policy)).toBe(expected);
  });

  it('property: nothing unsafe survives, no line starts a workflow command, a second pass changes nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom('\u001b[2J', '\n::error::x', '::', '##[', '\u009b', '\u202e', '\u2028', '\r\n', ' ', '\u00a0', '\u3000')), { maxLength: 8 }), (parts) => {
        const out = sanitizeOutput(parts.join(''));
        expect(out).not.toMatch(UNSAFE);
        for (const line of out.split('\n')) expect(line.trimStart().startsWith('::')).toBe(false);
        expect(out).not.toContain('##[');
        expect(sanitizeOutput(out)).toBe(out);
      }),
      { numRuns: 500, seed: 20261207 },
    );
  });

  it('property: applied to JSON, the result is the same JSON value', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 10 }), (value, key) => {
        fc.pre(!`${key}${value}`.includes('##['));
        const json = JSON.stringify({ [key]: value, list: [value] }, null, 2);
        const out = sanitizeOutput(json);
        expect(out).not.toMatch(UNSAFE);
        expect(JSON.parse(out)).toEqual(JSON.parse(json));
      }),
      { numRuns: 500, seed: 20261207 },
    );
  });
});
