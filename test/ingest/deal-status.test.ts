/**
 * Issue 13: closed / won settled from the file's own signals before any stage list, custom stage
 * names; only what nothing settles is unmapped, counted, and its value reported.
 */
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { stageWordStatus } from '../../src/ingest/deals.js';
import { readTable } from '../../src/ingest/read-table.js';
import { getMetric } from '../../src/metrics/registry.js';
import type { Deal, FileReport } from '../../src/base/model.js';
import { makeCache, makeCtx, makeDataset, makeDeal } from '../helpers/builders.js';
import { expectValue } from '../helpers/outcome.js';
import { one } from '../helpers/streams.js';

async function readDeals(text: string, config: Config = {}): Promise<{ records: Deal[]; report: FileReport }> {
  const r = await readTable('deals', 'deals.csv', one(text), { config });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  expect(r.report.rows.read).toBe(r.report.rows.used + r.report.rows.rejected);
  return { records: r.records, report: r.report };
}

describe('stageWordStatus: what a stage name says by its words', () => {
  const cases: [string, 'won' | 'lost' | null][] = [
    ['Closed Won', 'won'],
    ['closed won', 'won'],
    ['Won - paid', 'won'],
    ['Closed Lost', 'lost'],
    ['closed lost', 'lost'],
    ['Closed: abandoned', 'lost'],
    ['Abandoned', 'lost'],
    ['Disqualified - no budget', 'lost'],
    ['Churned', 'lost'],
    ['Closed-Lost to Competition', 'lost'],
    ['Lost - went dark', 'lost'],
    // hedged or silent: not settled by words
    ['Closed Won - Pending Legal', null],
    ['Closed', null],
    ['Contract signed (Sales Pipeline)', null],
    ['Discovery call booked', null],
    ['Won / Lost review', null],
  ];
  it.each(cases)('%s -> %s', (stage, expected) => {
    expect(stageWordStatus(stage)).toBe(expected);
  });
});

describe('the file settles won / lost / open before any stage list', () => {
  const cases: [string, string, string[], ('won' | 'lost' | 'open')[]][] = [
    [
      'HubSpot Is Deal Closed? / Is Closed Won, custom stage labels',
      'Record ID,Deal Stage,Amount,Create Date,Close Date,Is Deal Closed?,Is Closed Won',
      ['1,Contract signed,100,2025-01-05,2025-02-01,true,true', '2,Ghosted us,100,2025-01-05,2025-02-01,true,false', '3,Discovery call booked,100,2025-01-05,2025-03-01,false,false'],
      ['won', 'lost', 'open'],
    ],
    [
      'flags as yes/no and 1/0',
      'id,stage,amount,created,closed,is_closed,is_won',
      ['1,Paid,100,2025-01-05,2025-02-01,yes,yes', '2,Gone,100,2025-01-05,2025-02-01,1,0', '3,Talking,100,2025-01-05,2025-03-01,no,no'],
      ['won', 'lost', 'open'],
    ],
    [
      'Pipedrive Deal - Status with custom stages',
      'Deal - ID,Deal - Stage,Deal - Value,Deal - Deal created,Deal - Expected close date,Deal - Status,Deal - Won time,Deal - Lost time',
      ['1,Handshake,100,2025-01-05,2025-02-01,won,2025-02-01,', '2,Handshake,100,2025-01-05,2025-02-01,lost,,2025-02-03', '3,Handshake,100,2025-01-05,2025-03-01,open,,'],
      ['won', 'lost', 'open'],
    ],
    [
      'Zoho Forecast Type (Closed Won / Closed Lost / Open)',
      'Record Id,Deal Name,Stage,Amount,Created Time,Closing Date,Forecast Type',
      ['1,A,Signed off,100,2025-01-05,2025-02-01,Closed Won', '2,B,Parked,100,2025-01-05,2025-02-01,Closed Lost', '3,C,Security review,100,2025-01-05,2025-03-01,Open'],
      ['won', 'lost', 'open'],
    ],
    [
      'Close status_type active / won / lost',
      'id,status_label,status_type,value,date_created,date_won,date_lost',
      ['1,Signed,won,10000,2025-01-05,2025-02-01,', '2,Not a fit,lost,10000,2025-01-05,,2025-02-01', '3,Contract Out,active,10000,2025-01-05,2025-03-01,'],
      ['won', 'lost', 'open'],
    ],
    [
      'forecast category Closed / Omitted, probability 0 on the omitted one',
      'id,stage,amount,created,closed,forecast_category,probability',
      ['1,Booked in ERP,100,2025-01-05,2025-02-01,Closed,100', '2,Parked,100,2025-01-05,2025-02-01,Omitted,0'],
      ['won', 'lost'],
    ],
    [
      'probability 100 / 0 (and 1.0 / 0.0) on a stage that says closed',
      'id,stage,amount,created,closed,probability',
      ['1,Closed,100,2025-01-05,2025-02-01,100', '2,Closed,100,2025-01-05,2025-02-01,0', '3,Closed (finance),100,2025-01-05,2025-02-01,1.0', '4,Closed (finance),100,2025-01-05,2025-02-01,0.0'],
      ['won', 'lost', 'won', 'lost'],
    ],
    [
      'stage words: Closed: abandoned is closed, not open',
      'id,stage,amount,created,closed',
      ['1,Closed: abandoned,100,2025-01-05,2025-02-01', '2,Disqualified,100,2025-01-05,2025-02-01', '3,Churned,100,2025-01-05,2025-02-01', '4,Closed won,100,2025-01-05,2025-02-01'],
      ['lost', 'lost', 'lost', 'won'],
    ],
    [
      'a status column wins over a stage name that says otherwise',
      'id,stage,amount,created,closed,status',
      ['1,Closed Lost,100,2025-01-05,2025-02-01,won'],
      ['won'],
    ],
  ];
  it.each(cases)('%s', async (_name, header, rows, expected) => {
    const { records, report } = await readDeals(`${header}\n${rows.join('\n')}\n`);
    expect(records.map((d) => d.status)).toEqual(expected);
    expect(report.rows.rejected).toBe(0);
    expect(report.warnings.find((w) => w.code === 'unplaced_pipeline')).toBeUndefined();
  });

  it('the config stage list still settles stages the file does not', async () => {
    const { records } = await readDeals('id,stage,amount,created,closed\n1,Handshake,100,2025-01-05,2025-02-01\n', { inputs: { deals: { stages: { won: ['Handshake'] } } } });
    expect(records.map((d) => d.status)).toEqual(['won']);
  });
});

describe('what nothing settles: kept out of the rates, counted, its value reported', () => {
  it('unplaced rows are rejected as unmapped_stage and the pipeline they hold is said', async () => {
    const text = [
      'id,stage,amount,created,closed',
      '1,Closed Won,1000,2025-01-05,2025-02-01',
      '2,Handshake,2500.50,2025-01-05,2025-02-01',
      '3,Handshake,1500,2025-01-05,2025-02-01',
      '4,Closed Won - Pending Legal,"$4,000",2025-01-05,2025-02-01',
      '5,Limbo,,2025-01-05,2025-02-01',
    ].join('\n');
    const { records, report } = await readDeals(`${text}\n`);
    expect(records.map((d) => d.id)).toEqual(['1']);
    expect(report.rejectedByReason).toEqual({ unmapped_stage: 4 });
    const w = report.warnings.find((x) => x.code === 'unplaced_pipeline');
    // 2500.50 + 1500 + 4000 + blank = 8000.50
    expect(w?.count).toBe(4);
    expect(w?.message).toMatch(/^4 of 5 deals \(8,000\.5 in amount\) could not be placed as won, lost or open/);
  });
});

describe('won deals without an amount are kept and counted', () => {
  it('HubSpot all-properties rows: 2 of 4 wins without an amount', async () => {
    const text = [
      'Record ID,Deal Stage,Amount,Create Date,Close Date,Is Deal Closed?,Is Closed Won',
      '1,Contract signed,12000,2025-01-05,2025-02-01,true,true',
      '2,Contract signed,,2025-01-05,2025-02-02,true,true',
      '3,Closed won,8000,2025-01-05,2025-02-03,true,true',
      '4,Paid & onboarded,,2025-01-05,2025-02-04,true,true',
      '5,Lost - went dark,5000,2025-01-05,2025-02-05,true,false',
    ].join('\n');
    const { records, report } = await readDeals(`${text}\n`);
    const won = records.filter((d) => d.status === 'won');
    expect(won.length).toBe(4);
    expect(won.filter((d) => d.amountMissing).map((d) => d.id)).toEqual(['2', '4']);
    expect(won.reduce((s, d) => s + d.amountCents, 0)).toBe(2_000_000);
    expect(report.warnings.find((w) => w.code === 'amount_missing_won')?.count).toBe(2);
    expect(report.rows).toEqual({ read: 5, used: 5, rejected: 0 });
  });
});

describe('won deals without an amount in the metrics: counted for the rate, left out of deal size', () => {
  // 4 wins (2 with 10,000 and 30,000, 2 without an amount) and 4 losses, closed in the window
  const deals = [
    makeDeal({ status: 'won', amountCents: 1_000_000 }),
    makeDeal({ status: 'won', amountCents: 3_000_000 }),
    { ...makeDeal({ status: 'won', amountCents: 0 }), amountMissing: true },
    { ...makeDeal({ status: 'won', amountCents: 0 }), amountMissing: true },
    ...[1, 2, 3, 4].map(() => makeDeal({ status: 'lost', amountCents: 500_000 })),
  ];
  const ds = makeDataset({ deals });
  const ctx = makeCtx('2025-06-30');
  const cases: [string, string, number, Record<string, number>][] = [
    // 4 won of 8 closed
    ['win_rate', 'win rate by count uses every won deal', 0.5, {}],
    // (10,000 + 30,000) / 2
    ['avg_deal_size', 'the mean is over the 2 wins with an amount', 20_000, { count: 2, withoutAmount: 2 }],
    ['median_deal_size', 'the median too', 20_000, { count: 2, withoutAmount: 2 }],
  ];
  it.each(cases)('%s: %s', (id, _what, value, details) => {
    const out = getMetric(id)!.compute(ds, ctx, makeCache());
    expectValue(out, value, 9, { details });
  });
});
