/**
 * Row accounting over generated valid-or-dirty deals files: nothing lost, nothing double counted.
 *
 * Every generated row is either valid (the test knows its status, amount, id, name and line) or
 * broken in exactly one known way (the test knows its reject code). Whatever the delimiter,
 * quoting, line endings (mixed LF / CRLF / CR in one file too), encoding (a late change to
 * Windows-1252 too), chunking, locale style, header spelling, column order, blank
 * lines or ragged rows, the ingest must report rows read = used + rejected, use exactly the
 * valid rows at their exact amounts, and reject exactly the broken ones with their code and line.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import { buildDataset } from '../../src/ingest/dataset.js';
import type { Deal } from '../../src/base/model.js';
import { accountingProblem, buildFile, fileSpecArb, nonFiniteNumbers, readBytes } from './csv-gen.js';
import { params, runs, timeout } from './fuzz-config.js';

const MODEL_RUNS = 500;

describe('row accounting on generated deals files', () => {
  it(
    `uses exactly the valid rows at their amounts and rejects exactly the broken ones (${runs(MODEL_RUNS)} files)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(fileSpecArb, fc.nat({ max: 4 }), async (spec, auditPick) => {
          const file = buildFile(spec);
          const r = await readBytes('deals', file.chunks, {}, file.options);
          if (!r.ok) throw new Error(`file refused: ${r.problems.map((p) => `${p.line}: ${p.message}`).join(' | ')}`);
          const report = r.report;

          // the identities
          const acc = accountingProblem(report, r.records);
          if (acc) throw new Error(acc);

          // the counts the generator knows
          const usedRows = file.expected.filter((e) => e.outcome.used);
          const rejectedRows = file.expected.filter((e) => !e.outcome.used);
          expect(report.rows).toEqual({ read: file.expected.length, used: usedRows.length, rejected: rejectedRows.length });

          // the money: the sum of used amounts is the sum over the valid rows, row by row
          const expectedCents = usedRows.reduce((s, e) => s + (e.outcome.used ? e.outcome.cents : 0), 0);
          const gotCents = r.records.reduce((s, d) => s + d.amountCents, 0);
          expect(gotCents).toBe(expectedCents);

          // each used row is the one the generator wrote, at its line
          const byLine = new Map<number, Deal>(r.records.map((d) => [d.line, d]));
          expect(byLine.size).toBe(r.records.length);
          for (const e of usedRows) {
            if (!e.outcome.used) continue;
            const d = byLine.get(e.line);
            if (!d) throw new Error(`valid row at line ${e.line} (${e.outcome.id}) was not used`);
            expect({ line: d.line, id: d.id, status: d.status, cents: d.amountCents }).toEqual({
              line: e.line,
              id: e.outcome.id,
              status: e.outcome.status,
              cents: e.outcome.cents,
            });
            // (Windows-1252 text can spell a valid UTF-8 sequence by chance: "Ã©" reads as "é")
            if (file.spec.encoding !== 'windows-1252' && (file.lateFromLine === null || e.line < file.lateFromLine)) {
              // names survive every encoding and every chunk split, including inside a multi-byte character
              expect((d.name ?? '').trim()).toBe(e.outcome.name.trim());
            }
          }

          // a late change of encoding: never a replacement character, and the warning names a line at or after the change
          if (file.lateFromLine !== null) {
            const w = report.warnings.find((x) => x.code === 'encoding');
            // lines: the change came after the sniffed head; none: the head already showed it (the whole file read as Windows-1252)
            if (w?.lines?.length) expect(w.lines[0]).toBeGreaterThanOrEqual(file.lateFromLine);
            else if (w) expect(w.message).toContain('read as Windows-1252');
            else expect(() => new TextDecoder('utf-8', { fatal: true }).decode(file.bytes)).not.toThrow(); // no bad byte at all
            if (!file.text.includes('\ufffd')) expect(JSON.stringify(r.records)).not.toContain('\ufffd');
          }

          // each broken row is rejected once, with its reason and line
          const gotRejects = report.rejects.map((x) => `${x.line}:${x.code}`);
          const wantRejects = rejectedRows.map((e) => `${e.line}:${e.outcome.used ? '' : e.outcome.code}`);
          expect(gotRejects).toEqual(wantRejects);

          // and, for one file in five (the audit costs as much as the read), the whole path on: the
          // audit reports the same accounting and no NaN/Infinity anywhere
          if (auditPick !== 0) return;
          const audit = runAudit(buildDataset({ deals: { records: r.records, report } }), {}, { toolVersion: 'fuzz' });
          if (audit.ok) {
            expect(audit.report.rows).toEqual(report.rows);
            expect(nonFiniteNumbers(audit.report)).toEqual([]);
          }
        }),
        params(MODEL_RUNS),
      );
    },
    timeout(),
  );
});
