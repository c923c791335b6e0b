/**
 * Whatever bytes arrive, the ingest -> audit path ends in a report or a clear refusal, never an
 * uncaught exception: random bytes, "almost CSV" (unbalanced quotes, stray CR, NUL bytes, mixed
 * delimiters, ragged rows), invalid UTF-8, UTF-16 with BOM, 100 000-character fields, 5 000
 * columns, and every chunk split (multi-byte characters cut between reads).
 *
 * Runs in-process through readTable and runAudit; test/fuzz/cli-robustness.test.ts sends a
 * handful of the same inputs through the real binary.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import { buildDataset, type ReadTables } from '../../src/ingest/dataset.js';
import type { ReadResult } from '../../src/ingest/read-table.js';
import type { InputKind } from '../../src/base/model.js';
import {
  accountingProblem,
  almostCsvTextArb,
  byteDamageArb,
  damage,
  encode,
  looksLikeCrash,
  nonFiniteNumbers,
  readBytes,
  splitAt,
  type Encoding,
} from './csv-gen.js';
import { params, runs, timeout } from './fuzz-config.js';

const KINDS: readonly InputKind[] = ['deals', 'spend', 'renewals'];
const VALID_HEADERS: Readonly<Record<InputKind, readonly string[]>> = {
  deals: ['id,amount,stage,created,closed', 'id,name,amount,stage,created,closed,owner,source,probability,type', 'Record ID,Deal Name,Amount,Deal Stage,Create Date,Close Date'],
  spend: ['period,channel,amount', 'period,channel,category,amount,leads,mqls,sqls'],
  renewals: ['account,renewal_date,arr_before,arr_after', 'account,renewal_date,arr_before,arr_after,status,segment,start_date'],
  subscriptions: ['account,start_date,end_date,mrr', 'subscription_id,account_id,start_date,end_date,plan_tier,mrr_amount,arr_amount,is_trial'],
  accounts: ['account', 'account,segment,industry,region,is_target'],
};

/** Longest message a refusal may print: it locates the problem, it does not echo the file. */
const MAX_MESSAGE = 2_000;

/** The outcome contract: a usable read (accounting holds, the audit runs, every number finite) or a clear refusal. */
function checkOutcome(kind: InputKind, r: ReadResult<unknown>): void {
  if (!r.ok) {
    expect(r.problems.length).toBeGreaterThan(0);
    for (const p of r.problems) {
      expect(typeof p.message).toBe('string');
      expect(p.message.trim().length).toBeGreaterThan(0);
      if (looksLikeCrash(p.message)) throw new Error(`refusal reads like a crash: ${p.message}`);
      if (p.message.length > MAX_MESSAGE) throw new Error(`refusal message is ${p.message.length} chars long: ${p.message.slice(0, 200)}…`);
      if (p.line !== null) expect(Number.isInteger(p.line) && p.line >= 1).toBe(true);
    }
    return;
  }
  const acc = accountingProblem(r.report, r.records);
  if (acc) throw new Error(acc);
  for (const reject of r.report.rejects) expect(reject.reason.length).toBeLessThan(MAX_MESSAGE);
  for (const w of r.report.warnings) expect(w.message.length).toBeLessThan(MAX_MESSAGE);
  const tables = { [kind]: { records: r.records, report: r.report } } as ReadTables;
  const audit = runAudit(buildDataset(tables), {}, { toolVersion: 'fuzz' });
  if (audit.ok) {
    expect(nonFiniteNumbers(audit.report)).toEqual([]);
    expect(() => JSON.stringify(audit.report)).not.toThrow();
  } else {
    for (const p of audit.problems) expect(looksLikeCrash(p.message)).toBe(false);
  }
}

const cutsArb = fc.array(fc.nat({ max: 5000 }), { maxLength: 10 });
const encodingArb = fc.constantFrom<Encoding>('utf-8', 'utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252');

describe('ingest never crashes', () => {
  it(
    `random bytes (${runs(300)} inputs)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...KINDS),
          fc.oneof(
            fc.uint8Array({ maxLength: 3000 }),
            // bytes from a CSV-ish alphabet reach deeper than uniform noise
            fc.array(fc.constantFrom(0x2c, 0x3b, 0x09, 0x7c, 0x22, 0x0a, 0x0d, 0x30, 0x31, 0x2e, 0x2d, 0x61, 0x20, 0xc3, 0xa9, 0xff, 0x00), { maxLength: 3000 }).map((a) => Uint8Array.from(a)),
          ),
          cutsArb,
          async (kind, bytes, cuts) => {
            checkOutcome(kind, await readBytes(kind, splitAt(bytes, cuts)));
          },
        ),
        params(300),
      );
    },
    timeout(),
  );

  it(
    `almost-CSV with random headers, encodings and byte damage (${runs(300)} inputs)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...KINDS), almostCsvTextArb, encodingArb, byteDamageArb, cutsArb, async (kind, text, enc, ops, cuts) => {
          const bytes = damage(encode(text, enc), ops);
          checkOutcome(kind, await readBytes(kind, splitAt(bytes, cuts)));
        }),
        params(300),
      );
    },
    timeout(),
  );

  it(
    `almost-CSV rows under a valid header reach the row builders (${runs(400)} inputs)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...KINDS),
          fc.nat(),
          almostCsvTextArb,
          encodingArb,
          byteDamageArb,
          cutsArb,
          fc.constantFrom<'MDY' | 'DMY' | undefined>(undefined, undefined, 'MDY', 'DMY'),
          async (kind, pick, text, enc, ops, cuts, dateFormat) => {
            const headers = VALID_HEADERS[kind];
            const header = headers[pick % headers.length] as string;
            // drop the generated header line, keep the rows
            const body = text.slice(text.indexOf('\n') + 1);
            let bytes = encode(`${header}\n${body}`, enc);
            // damage only past the header, so the file stays recognisable
            const headerBytes = encode(`${header}\n`, enc).length;
            bytes = Buffer.concat([bytes.subarray(0, headerBytes), damage(bytes.subarray(headerBytes), ops)]);
            checkOutcome(kind, await readBytes(kind, splitAt(bytes, cuts), {}, dateFormat ? { dateFormat } : {}));
          },
        ),
        params(400),
      );
    },
    timeout(),
  );

  it(
    `100 000-character fields anywhere (${runs(16, 300)} inputs)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('header', 'id', 'amount', 'stage', 'name', 'quoted', 'open-quote', 'date'),
          // (not line breaks: 100 000 blank lines are a speed problem of their own, see the report)
          fc.constantFrom('a', '9', ' ', '"', ',', 'é', '\u001b', '\u00a0'),
          fc.integer({ min: 100_000, max: 120_000 }),
          cutsArb,
          async (where, ch, n, cuts) => {
            const big = ch.repeat(n);
            const rows = ['D1,100,Closed Won,2025-01-05,2025-02-01,Acme', 'D2,200,Closed Lost,2025-01-06,2025-02-02,Beta'];
            let text: string;
            switch (where) {
              case 'header':
                text = `id,amount,stage,created,closed,${big}\n${rows.join('\n')}\n`;
                break;
              case 'id':
                text = `id,amount,stage,created,closed,name\n${big},1,Won,2025-01-01,2025-01-02,x\n${rows.join('\n')}\n`;
                break;
              case 'amount':
                text = `id,amount,stage,created,closed,name\nD0,${big},Won,2025-01-01,2025-01-02,x\n${rows.join('\n')}\n`;
                break;
              case 'stage':
                text = `id,amount,stage,created,closed,name\nD0,5,${big},2025-01-01,2025-01-02,x\n${rows.join('\n')}\n`;
                break;
              case 'date':
                text = `id,amount,stage,created,closed,name\nD0,5,Won,${big},2025-01-02,x\n${rows.join('\n')}\n`;
                break;
              case 'quoted':
                text = `id,amount,stage,created,closed,name\nD0,5,Won,2025-01-01,2025-01-02,"${big.replace(/"/g, '""')}"\n${rows.join('\n')}\n`;
                break;
              default:
                text = `id,amount,stage,created,closed,name\nD0,5,Won,2025-01-01,2025-01-02,"${big}\n${rows.join('\n')}\n`;
            }
            checkOutcome('deals', await readBytes('deals', splitAt(Buffer.from(text, 'utf8'), cuts)));
          },
        ),
        params(16, 300),
      );
    },
    timeout(60_000),
  );

  it(
    `5 000 columns (${runs(6, 60)} inputs)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.boolean(), fc.constantFrom(',', ';', '\t'), fc.integer({ min: 1, max: 20 }), async (withRequired, d, rowCount) => {
          const cols = Array.from({ length: 5000 }, (_, i) => `col_${i}`);
          if (withRequired) cols.splice(2500, 5, 'id', 'amount', 'stage', 'created', 'closed');
          const rows = Array.from({ length: rowCount }, (_, r) =>
            cols.map((c) => (c === 'id' ? `D${r}` : c === 'amount' ? '100' : c === 'stage' ? 'Won' : c === 'created' || c === 'closed' ? '2025-01-01' : `v${r}`)).join(d),
          );
          const r = await readBytes('deals', [Buffer.from(`${cols.join(d)}\n${rows.join('\n')}\n`, 'utf8')]);
          checkOutcome('deals', r);
          expect(r.ok).toBe(withRequired);
        }),
        params(6, 60),
      );
    },
    timeout(60_000),
  );
});
