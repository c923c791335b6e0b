/**
 * Fuzz over every renderer and the rejects CSV (issue 16, acceptance: "the fuzz suite extended to
 * the writers and every output format"): random strings, mixed with the hostile corpus, are put in
 * the places a report takes text from (company name, a rule's titles, a deal owner, a reject's
 * cells and reason) and every format is checked for an escape. In-process; 40 reports (each rendered
 * six ways) and 200 rejects files.
 */
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import type { AuditReport } from '../../src/audit/contract.js';
import { buildDataset } from '../../src/ingest/dataset.js';
import { readTable } from '../../src/ingest/read-table.js';
import { renderGithub } from '../../src/report/github.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderRejectsCsv } from '../../src/report/rejects-csv.js';
import { sanitizeOutput } from '../../src/report/sanitize.js';
import { renderSummary } from '../../src/report/summary.js';
import { renderAuditTerminal } from '../../src/report/terminal.js';
import { CORPUS, csvEscapes, escapesIn } from './hostile.js';

let base: AuditReport;

beforeAll(async () => {
  const rows = Array.from({ length: 40 }, (_, i) => `D${i},${1000 + i * 37},${i % 3 === 0 ? 'Closed Lost' : i % 5 === 0 ? 'Open' : 'Closed Won'},2025-0${1 + (i % 6)}-05,2025-0${2 + (i % 6)}-11,Owner${i % 4},Src${i % 3}`);
  const text = `id,amount,stage,created,closed,owner,source\n${rows.join('\n')}\nD99,bad,Closed Won,2025-01-01,2025-01-02,x,y\n`;
  const read = await readTable('deals', 'deals.csv', (async function* () {
    yield Buffer.from(text);
  })(), { config: {} });
  if (!read.ok) throw new Error(read.problems[0]?.message);
  const result = runAudit(buildDataset({ deals: { records: read.records, report: read.report } }), {}, { toolVersion: 'test', asOf: '2025-09-30', by: 'owner' });
  if (!result.ok) throw new Error(result.problems[0]?.message);
  base = result.report;
});

const hostile = fc.oneof(fc.string({ unit: 'binary', maxLength: 16 }), fc.constantFrom(...CORPUS), fc.string({ unit: 'binary', maxLength: 4 }).map((s) => `${s}\n::error::${s}`));

/** The report with `s` in the company name, every rule's titles, the first breakdown group and the first reject. */
function withText(r: AuditReport, s: string): AuditReport {
  const breakdowns = Object.fromEntries(Object.entries(r.breakdowns).map(([k, groups]) => [k, groups.map((g, i) => (i === 0 ? { ...g, group: s } : g))]));
  return {
    ...r,
    company: { ...r.company, name: s },
    rules: r.rules.map((x) => ({ ...x, title: `${x.title} ${s}` })),
    breakdowns,
  } as AuditReport;
}

describe('every renderer, fuzzed', () => {
  it('terminal, Markdown, HTML, summary: no escape; github: only its own annotations', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const r = withText(base, s);
        for (const [name, text] of [
          ['terminal', renderAuditTerminal(r)],
          ['markdown', renderMarkdown(r)],
          ['html', renderHtml(r)],
          ['summary', renderSummary(r)],
          ['json', sanitizeOutput(`${JSON.stringify(r, null, 2)}\n`)],
        ] as const) {
          expect(escapesIn(text), name).toEqual([]);
        }
        const gh = renderGithub(r);
        expect(escapesIn(gh, { annotations: true }), 'github').toEqual([]);
        expect(JSON.parse(sanitizeOutput(JSON.stringify(r))).company.name).toBe(s.includes('##[') ? s.replace(/##\[/g, '# #[') : s);
      }),
      { numRuns: 40, seed: 20261207 },
    );
  });

  it('rejects CSV: parses back to the same number of rows, every cell quoted, no formula cell', () => {
    fc.assert(
      fc.property(fc.array(fc.array(hostile, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), hostile, (cells, reason) => {
        const report = {
          kind: 'deals' as const,
          path: 'deals.csv',
          rows: { read: cells.length, used: 0, rejected: cells.length },
          rejects: cells.map((c, i) => ({ line: i + 2, column: 'amount', columnIndex: 2, value: c[0] ?? null, code: 'invalid_amount' as const, reason, cells: c })),
        };
        const csv = sanitizeOutput(renderRejectsCsv([report as never]));
        const records = parse(csv, { relax_column_count: true }) as string[][];
        expect(records).toHaveLength(cells.length + 1);
        expect(csvEscapes(csv)).toEqual([]);
      }),
      { numRuns: 200, seed: 20261207 },
    );
  });
});
