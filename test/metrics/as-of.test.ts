/**
 * Issue 14 point 1: a back-dated as-of reconstructs every deal's state on that date.
 *
 * The expectation is computed here, independently and simply, from the raw rows of
 * fixtures/demo/deals.csv (a tiny quoted-CSV splitter, no ingest code): a deal is open on A when
 * it was created on or before A and is not closed (won / lost) on or before A; coverage is the
 * amount of those whose close date falls in the fiscal quarter after A's, over the configured
 * target of 1,630,000. The five rows the README lists as rejected are skipped the same way.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runAudit } from '../../src/audit/run.js';
import type { AuditReport } from '../../src/audit/contract.js';
import type { Config } from '../../src/config/schema.js';
import { loadConfig } from '../../src/io/config.js';
import { readInputs, resolveInputPaths } from '../../src/io/inputs.js';
import type { Dataset, FileReport } from '../../src/base/model.js';
import { isoFromDay } from '../../src/base/time.js';
import { ROOT } from '../helpers/cli.js';
import { dataEndDay, futureDatedDeals, futureDatedWarning, importStamp, pointInTime, subscriptionCutOff } from '../../src/metrics/as-of.js';
import { day, makeDataset, makeDeal } from '../helpers/builders.js';

const DEMO = resolve(ROOT, 'fixtures', 'demo');

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

interface RawDeal {
  readonly stage: string;
  readonly amount: number;
  readonly created: string;
  readonly closed: string;
}

/** The usable demo rows: the README's five rejects (bad dates, a duplicate id, a blank won amount, an unmapped stage) skipped. */
function rawDeals(): RawDeal[] {
  const lines = readFileSync(resolve(DEMO, 'deals.csv'), 'utf8').split(/\r?\n/).filter((l) => l !== '');
  const seen = new Set<string>();
  const out: RawDeal[] = [];
  for (const line of lines.slice(1)) {
    const c = splitCsvLine(line);
    const [id, , stage, amountCell, createdCell, closedCell] = c as [string, string, string, string, string, string];
    const created = createdCell.slice(0, 10);
    const closed = closedCell.slice(0, 10);
    if (seen.has(id)) continue;
    seen.add(id);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(created) || !/^\d{4}-\d{2}-\d{2}$/.test(closed) || created === '2025-02-30') continue;
    if (!['Closed Won', 'Closed Lost'].includes(stage) && !/Scheduled|Qualified|Contract|Bought-In/.test(stage)) continue;
    const amount = amountCell === '' ? null : Number(amountCell.replace(/[$,]/g, ''));
    if (amount === null && stage === 'Closed Won') continue;
    out.push({ stage, amount: amount ?? 0, created, closed });
  }
  return out;
}

/** ISO dates compare as strings. The quarter after A's (calendar fiscal year), as [first, last]. */
function nextQuarterOf(asOf: string): [string, string] {
  const y = Number(asOf.slice(0, 4));
  const q = Math.floor((Number(asOf.slice(5, 7)) - 1) / 3); // 0..3
  const ny = q === 3 ? y + 1 : y;
  const nq = (q + 1) % 4;
  const first = `${ny}-${String(nq * 3 + 1).padStart(2, '0')}-01`;
  const lastDay = ['03-31', '06-30', '09-30', '12-31'][nq] as string;
  return [first, `${ny}-${lastDay}`];
}

function expectedAt(asOf: string): { open: number; openValue: number; nextQuarterValue: number; quarterBookings: number } {
  const [first, last] = nextQuarterOf(asOf);
  // every as-of below is a quarter's last day: the quarter ending on it is the last complete one
  const quarterFirst = `${asOf.slice(0, 5)}${String(Math.floor((Number(asOf.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  let quarterBookings = 0;
  for (const d of rawDeals()) if (d.stage === 'Closed Won' && d.closed >= quarterFirst && d.closed <= asOf) quarterBookings += d.amount;
  let open = 0;
  let openValue = 0;
  let nextQuarterValue = 0;
  for (const d of rawDeals()) {
    const closedByThen = (d.stage === 'Closed Won' || d.stage === 'Closed Lost') && d.closed <= asOf;
    if (d.created > asOf || closedByThen) continue;
    open += 1;
    openValue += d.amount;
    if (d.closed >= first && d.closed <= last) nextQuarterValue += d.amount;
  }
  return { open, openValue, nextQuarterValue, quarterBookings };
}

let ds: Dataset;
let config: Config;

beforeAll(async () => {
  const loaded = await loadConfig(undefined, DEMO, ROOT);
  config = loaded.config;
  ds = await readInputs(resolveInputPaths({ dir: DEMO }, config, loaded.baseDir, ROOT), { config, cwd: ROOT, threads: 1 });
});

function audit(asOf: string): AuditReport {
  const r = runAudit(ds, config, { toolVersion: 'test', asOf });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.report;
}

function details(report: AuditReport, id: string): Readonly<Record<string, unknown>> {
  const m = report.metrics.find((x) => x.id === id);
  if (m === undefined || m.status !== 'ok') throw new Error(`${id}: ${JSON.stringify(m)}`);
  return m.details ?? {};
}

describe('the demo audited at past dates reads the pipeline as it stood then', () => {
  it.each(['2024-09-30', '2025-03-31', '2025-06-30'])('as of %s', (asOf) => {
    const want = expectedAt(asOf);
    const report = audit(asOf);
    const cov = report.metrics.find((m) => m.id === 'pipeline_coverage');
    // the configured target (1,630,000) is the one of the quarter after the config's asOf 2025-12-31;
    // at a past as-of the proxy stands in: the bookings of the quarter ending on the as-of
    expect(details(report, 'pipeline_coverage').targetBasis).toMatch(/^proxy/);
    expect(cov?.value).toBeCloseTo(want.nextQuarterValue / want.quarterBookings, 9);
    expect(details(report, 'pipeline_coverage').openPipeline).toBeCloseTo(want.nextQuarterValue, 2);
    expect(details(report, 'stale_pipeline_share').openDeals).toBe(want.open);
    expect(details(report, 'stale_pipeline_share').openPipeline).toBeCloseTo(want.openValue, 2);
    // the symptom: 0.015x at 2025-03-31 before the fix; the pipeline then was healthy
    expect(cov?.value ?? 0).toBeGreaterThan(1);
    expect((cov?.notes ?? []).join('\n')).toMatch(/open on .* and closed since/);
  });
});

describe('pointInTime (hand-built)', () => {
  const A = day('2025-03-31');
  const cases = [
    { name: 'won after asOf, created before: open', deal: { status: 'won' as const, created: '2025-01-10', closed: '2025-05-01' }, status: 'open' },
    { name: 'lost after asOf, created before: open', deal: { status: 'lost' as const, created: '2025-02-10', closed: '2025-04-02' }, status: 'open' },
    { name: 'won on asOf: won', deal: { status: 'won' as const, created: '2025-01-10', closed: '2025-03-31' }, status: 'won' },
    { name: 'open today: open', deal: { status: 'open' as const, created: '2025-01-10', closed: '2025-06-01' }, status: 'open' },
    { name: 'created after asOf: unchanged (does not exist yet)', deal: { status: 'won' as const, created: '2025-04-10', closed: '2025-05-01' }, status: 'won' },
  ];
  it.each(cases)('$name', ({ deal, status }) => {
    // an activity anchor after every close, so none of these is future-dated
    const anchor = makeDeal({ status: 'open', created: '2025-06-30', closed: '2025-09-30' });
    const out = pointInTime(makeDataset({ deals: [makeDeal(deal), anchor] }), A);
    expect(out.deals[0]?.status).toBe(status);
  });
});

describe('default as-of and future-dated closes (issue 14 point 2)', () => {
  const cases = [
    {
      name: 'a lost deal closing next year does not move the as-of',
      deals: [
        { status: 'won' as const, created: '2025-10-01', closed: '2025-12-15' },
        { status: 'lost' as const, created: '2025-11-01', closed: '2026-03-31' },
        { status: 'open' as const, created: '2025-12-20', closed: '2026-02-01' },
      ],
      asOf: '2025-12-20',
      future: 1,
    },
    {
      name: "a typo'd year 2205 does not move it",
      deals: [
        { status: 'won' as const, created: '2025-10-01', closed: '2205-11-30' },
        { status: 'won' as const, created: '2025-10-01', closed: '2025-11-30' },
        { status: 'open' as const, created: '2025-12-01', closed: '2026-01-31' },
      ],
      asOf: '2025-12-01',
      future: 1,
    },
    {
      name: 'closes running on a few days after the last creation still count (3 and 17 days apart)',
      deals: [
        { status: 'won' as const, created: '2025-09-01', closed: '2025-09-28' },
        { status: 'won' as const, created: '2025-09-25', closed: '2025-10-15' },
      ],
      asOf: '2025-10-15',
      future: 0,
    },
    {
      name: 'no created dates: an isolated close a year after the others is dropped',
      deals: [
        { status: 'won' as const, created: null, closed: '2025-06-30' },
        { status: 'lost' as const, created: null, closed: '2025-07-15' },
        { status: 'lost' as const, created: null, closed: '2026-07-15' },
      ],
      asOf: '2025-07-15',
      future: 1,
    },
  ];
  it.each(cases)('$name', ({ deals, asOf, future }) => {
    const data = makeDataset({ deals: deals.map((d) => makeDeal(d)) });
    expect(dataEndDay(data)).toBe(day(asOf));
    expect(futureDatedDeals(data).length).toBe(future);
  });

  it('the audit of a folder with a future-dated lost deal keeps its window and warns', () => {
    const data = makeDataset({
      deals: [
        makeDeal({ status: 'won', created: '2025-10-01', closed: '2025-12-15', amountCents: 5_000_000 }),
        makeDeal({ status: 'lost', created: '2025-11-01', closed: '2025-11-20' }),
        makeDeal({ status: 'lost', created: '2025-11-01', closed: '2026-03-31' }),
        makeDeal({ status: 'open', created: '2025-12-15', closed: '2026-02-01' }),
      ],
    });
    const r = runAudit(data, {} as Config, { toolVersion: 'test' });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.report.asOf).toBe('2025-12-15');
    // one won (50,000) and one lost in the window; the 2026 loss is not counted
    expect(r.report.metrics.find((m) => m.id === 'win_rate')?.value).toBeCloseTo(0.5, 9);
    expect(r.report.metrics.find((m) => m.id === 'bookings')?.value).toBeCloseTo(50_000, 2);
    expect(futureDatedWarning(data)).toMatch(/1 won\/lost deal is dated after the data's last activity \(2025-12-15\)/);
  });
});

describe('subscription cut-off (issue 14 point 2)', () => {
  const sub = (start: string, end: string | null, arr = 120_000) => ({
    line: 2, id: null, account: `A${start}${end}`, start: day(start), end: end === null ? null : day(end),
    arrCents: arr, plan: null, segment: null, status: null, trial: false,
  });
  const cases = [
    {
      name: 'every current period ends on the extraction date: a cut-off',
      subs: [sub('2025-11-01', '2025-12-01'), sub('2025-11-05', '2025-12-01'), sub('2025-10-01', '2025-12-01'), sub('2025-09-01', '2025-10-01')],
      cutOff: '2025-12-01',
    },
    {
      name: 'one of four active subscriptions ends on the last date: real churn',
      subs: [sub('2025-11-01', '2025-12-01'), sub('2025-11-05', null), sub('2025-10-01', null), sub('2025-09-01', null)],
      cutOff: null,
    },
    {
      name: 'two rows ending together prove nothing (minimum 3)',
      subs: [sub('2025-11-01', '2025-12-01'), sub('2025-11-05', '2025-12-01')],
      cutOff: null,
    },
  ];
  it.each(cases)('$name', ({ subs, cutOff }) => {
    expect(subscriptionCutOff(subs)).toBe(cutOff === null ? null : day(cutOff));
  });
});

describe('coverage history: the proxy coverage at past quarter-ends, deals as they stood then', () => {
  it('hand-built: Q4 2024 end 2.0×, Q1 2025 end 0.5× (oldest first), quarters without bookings skipped', async () => {
    const { coverageHistory } = await import('../../src/metrics/pipeline.js');
    const { makeCtx } = await import('../helpers/builders.js');
    const data = makeDataset({
      deals: [
        // Q4 2024 bookings 100,000
        makeDeal({ status: 'won', amountCents: 10_000_000, created: '2024-10-01', closed: '2024-11-10' }),
        // open on 2024-12-31, won in Q1 2025: next-quarter pipeline then (200,000) and Q1 bookings after
        makeDeal({ status: 'won', amountCents: 20_000_000, created: '2024-12-01', closed: '2025-02-15' }),
        // open on 2025-03-31, won in Q2: next-quarter pipeline at the Q1 end (100,000)
        makeDeal({ status: 'won', amountCents: 10_000_000, created: '2025-03-01', closed: '2025-05-10' }),
        // activity up to the as-of, so no close above is future-dated
        makeDeal({ status: 'open', created: '2025-06-30', closed: '2025-12-31' }),
      ],
    });
    // 2024-12-31: 200,000 ÷ 100,000 = 2.0; 2025-03-31: 100,000 ÷ 200,000 = 0.5
    expect(coverageHistory(data, makeCtx('2025-06-30'))).toEqual([2, 0.5]);
  });

  // a healthy generated company read 0.66× at --as-of 2025-07-31 against a 2.32× median read at
  // quarter-ends, and pipeline starvation fired critical: one month into a quarter, next quarter's
  // pipeline is always thinner than at a quarter's end. History is read at the same point of each
  // earlier quarter.
  it('mid-quarter as-of (2025-08-15): read on the same day 3, 6, 9 and 12 months back, not at quarter-ends', async () => {
    const { coverageHistory } = await import('../../src/metrics/pipeline.js');
    const { makeCtx } = await import('../helpers/builders.js');
    const data = makeDataset({
      deals: [
        // W: Q4 2024 bookings 100,000
        makeDeal({ status: 'won', amountCents: 10_000_000, created: '2024-10-01', closed: '2024-11-10' }),
        // Y: Q1 2025 bookings 200,000
        makeDeal({ status: 'won', amountCents: 20_000_000, created: '2024-12-01', closed: '2025-02-10' }),
        // X: open on 2025-02-15, closes in Q2: 150,000
        makeDeal({ status: 'won', amountCents: 15_000_000, created: '2025-01-10', closed: '2025-05-10' }),
        // Z: open on 2025-05-15, closes in Q3: 100,000
        makeDeal({ status: 'won', amountCents: 10_000_000, created: '2025-04-01', closed: '2025-08-01' }),
        makeDeal({ status: 'open', created: '2025-08-15', closed: '2025-12-31' }),
      ],
    });
    // 2025-02-15: X 150,000 ÷ Q4 2024 (W) 100,000 = 1.5; 2025-05-15: Z 100,000 ÷ Q1 2025 (Y) 200,000 = 0.5;
    // 2024-11-15 and 2024-08-15: no bookings in the quarter before, skipped.
    // (At quarter-ends it would read [2, 0.75, 0.667]: a horizon the mid-quarter reading does not have.)
    expect(coverageHistory(data, makeCtx('2025-08-15'))).toEqual([1.5, 0.5]);
  });
});

describe('a subscription extract cut at its extraction date is not churn (issue 14 point 2)', () => {
  // four accounts paying 12,000 ARR from 2024-11-01; the extract ends every current period on 2025-12-01,
  // and a deal created that day puts the default as-of there. Without the cut-off rule ARR(asOf) = 0 (−100%).
  const subs = ['A', 'B', 'C', 'D'].map((account, i) => ({
    line: i + 2, id: null, account, start: day('2024-11-01'), end: day('2025-12-01'),
    arrCents: 1_200_000, plan: null, segment: null, status: null, trial: false,
  }));
  it('recurring revenue growth reads 0% (48,000 ÷ 48,000 − 1), not −100%', () => {
    const base = makeDataset({ deals: [makeDeal({ status: 'open', created: '2025-12-01', closed: '2026-01-31' })] });
    const data = { ...base, subscriptions: subs, present: { ...base.present, subscriptions: true } };
    const r = runAudit(data, {} as Config, { toolVersion: 'test' });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.report.asOf).toBe('2025-12-01');
    expect(r.report.metrics.find((m) => m.id === 'recurring_revenue_growth')?.value).toBeCloseTo(0, 9);
  });
});

describe('imported CRMs: a created date shared by most deals is a bulk import stamp (issue 14, QA)', () => {
  // 31 of 36 deals carry CreatedDate 2024-06-03 (the migration day) and closed before it; the other
  // five were created in February and March 2024: the last real event is 2024-03-10, not the stamp.
  const stamped = (n: number): ReturnType<typeof makeDeal>[] =>
    Array.from({ length: n }, () => makeDeal({ status: 'won', created: '2024-06-03', closed: '2024-01-15', amountCents: 1_000_000 }));
  const real = [
    makeDeal({ status: 'won', created: '2024-02-01', closed: '2024-02-20' }),
    makeDeal({ status: 'won', created: '2024-02-05', closed: '2024-02-20' }),
    makeDeal({ status: 'won', created: '2024-02-10', closed: '2024-02-20' }),
    makeDeal({ status: 'lost', created: '2024-02-15', closed: '2024-02-20' }),
    makeDeal({ status: 'open', created: '2024-03-10', closed: '2024-07-01' }),
  ];
  it.each([
    { name: '31 of 36 on one day: a stamp; the as-of is the last real creation (2024-03-10)', deals: [...stamped(31), ...real], stamp: { day: '2024-06-03', count: 31, of: 36 }, asOf: '2024-03-10' },
    // 9 of 14 share a day but fewer than 10 deals: a busy day in a small CRM, not proof of an import
    { name: '9 of 14 on one day: too few to call it a stamp', deals: [...stamped(9), ...real], stamp: null, asOf: '2024-06-03' },
    // 10 of 25 (40%) is not most of them
    { name: '10 of 25 on one day: not most deals', deals: [...stamped(10), ...real, ...Array.from({ length: 10 }, (_, i) => makeDeal({ status: 'won', created: `2024-01-${String(10 + i)}`, closed: '2024-02-01' }))], stamp: null, asOf: '2024-06-03' },
  ])('$name', ({ deals, stamp, asOf }) => {
    const data = makeDataset({ deals });
    const s = importStamp(data);
    expect(s === null ? null : { day: isoFromDay(s.day), count: s.count, of: s.of }).toEqual(stamp);
    expect(isoFromDay(dataEndDay(data) as number)).toBe(asOf);
  });
  it('the audit warns on the deals input, names the date and the count, and the cycle metrics say so', () => {
    const file: FileReport = { kind: 'deals', path: 'deals.csv', preset: 'generic', delimiter: ',', header: [], mapping: {}, rows: { read: 36, used: 36, rejected: 0 }, rejectedByReason: {}, rejects: [], warnings: [], dateRange: null, dateOrder: null };
    const data = makeDataset({ deals: [...stamped(31), ...real], files: [file] });
    const r = runAudit(data, {} as Config, { toolVersion: 'test' });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.report.asOf).toBe('2024-03-10');
    const warnings = r.report.inputs.find((i) => i.kind === 'deals')?.warnings ?? [];
    expect(warnings.some((w) => /31 of the 36 deals with a created date share 2024-06-03/.test(w))).toBe(true);
    // every metric that reads created dates and has a value says so
    for (const id of ['sales_cycle_days', 'sales_cycle_days_p75', 'pipeline_velocity', 'pipeline_created']) {
      const m = r.report.metrics.find((x) => x.id === id);
      expect(m?.status, id).toBe('ok');
      expect(m?.notes.some((n) => /2024-06-03.*import/.test(n)), id).toBe(true);
    }
    expect(r.report.metrics.find((x) => x.id === 'bookings')?.notes.some((n) => /import/.test(n))).toBe(false);
  });
});
