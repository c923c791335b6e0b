/**
 * Data quality (RevOps): how far the numbers can be trusted. These read the ingest reports
 * (`ds.files`) as well as the used records.
 */
import type { Dataset, Deal, FileReport } from '../base/model.js';
import { isoFromDay } from '../base/time.js';
import { REASONS, na, requireDeals, value } from './outcome.js';
import { openDeals } from './deal-selections.js';
import { toUnits } from './stats.js';
import type { MetricContext, MetricDefinition, MetricOutcome, SharedCache } from './types.js';

function dealsReport(ds: Dataset): FileReport | undefined {
  return ds.files.find((f) => f.kind === 'deals');
}

// ---------------------------------------------------------------------------------------------
// Rejected rows

function computeRejectedRowRate(ds: Dataset): MetricOutcome {
  if (ds.files.length === 0) return na('needs at least one input file (--deals, --spend or --renewals)');
  let read = 0;
  let rejected = 0;
  const details: Record<string, number> = {};
  for (const f of ds.files) {
    read += f.rows.read;
    rejected += f.rows.rejected;
    details[`${f.kind}.read`] = (details[`${f.kind}.read`] ?? 0) + f.rows.read;
    details[`${f.kind}.rejected`] = (details[`${f.kind}.rejected`] ?? 0) + f.rows.rejected;
  }
  if (read === 0) return na('needs data rows: the input files have a header but no rows');
  return value(rejected / read, {
    sampleSize: read,
    details: { read, rejected, ...details },
  });
}

// ---------------------------------------------------------------------------------------------
// Missing source / owner

function missingShare(field: 'source' | 'owner'): (ds: Dataset) => MetricOutcome {
  return (ds) => {
    const gap = requireDeals(ds);
    if (gap) return gap;
    const report = dealsReport(ds);
    // Without an ingest report (records built in memory), the column exists when any deal has a value.
    const hasColumn = report ? report.mapping[field] !== undefined : ds.deals.some((d) => d[field] !== null);
    if (!hasColumn) {
      return na(
        `needs a ${field} column in the deals file; map it with inputs.deals.columns.${field} in revhealth.config.json`,
      );
    }
    // one loop per field (a keyed read d[field] per deal is slow at a million deals), indexed: a
    // one-shot for...of over a large array runs about twice slower before the optimiser takes it
    let missing = 0;
    if (field === 'source') {
      for (let di = 0; di < ds.deals.length; di++) {
        const d = ds.deals[di] as Deal;
        if (d.source === null) missing += 1;
      }
    } else {
      for (let di = 0; di < ds.deals.length; di++) {
        const d = ds.deals[di] as Deal;
        if (d.owner === null) missing += 1;
      }
    }
    return value(missing / ds.deals.length, {
      sampleSize: ds.deals.length,
      details: { missing, deals: ds.deals.length },
    });
  };
}

// ---------------------------------------------------------------------------------------------
// Duplicate ids

function computeDuplicateDealIds(ds: Dataset): MetricOutcome {
  if (!ds.present.deals) return na(REASONS.noDealsFile);
  const report = dealsReport(ds);
  if (!report) return na('needs the deals file ingest report (run through `revhealth audit` or `validate`)');
  if (report.mapping['id'] === undefined) {
    return na(
      'needs an id column in the deals file to detect duplicates; map it with inputs.deals.columns.id in revhealth.config.json',
    );
  }
  const count = report.rejectedByReason['duplicate_id'] ?? 0;
  return value(count, {
    sampleSize: report.rows.read,
    notes: ['deal rows rejected because their id repeats an earlier row (the first occurrence is kept)'],
    details: { rowsRead: report.rows.read },
  });
}

// ---------------------------------------------------------------------------------------------
// Past-due open deals

function computePastDueOpenDeals(ds: Dataset, ctx: MetricContext, shared: SharedCache): MetricOutcome {
  const gap = requireDeals(ds);
  if (gap) return gap;
  const open = openDeals(ds, ctx, shared);
  let pastDue = 0;
  let pastDueCents = 0;
  let openCents = 0;
  let withoutClose = 0;
  for (const d of open) {
    openCents += d.amountCents;
    if (d.closed === null) withoutClose += 1;
    else if (d.closed < ctx.asOf) {
      pastDue += 1;
      pastDueCents += d.amountCents;
    }
  }
  return value(pastDue, {
    sampleSize: open.length,
    notes: ['open deals whose expected close date is before the as-of date'],
    details: {
      pastDueValue: toUnits(pastDueCents),
      openDeals: open.length,
      openValue: toUnits(openCents),
      openWithoutCloseDate: withoutClose,
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Freshness

function computeDataFreshness(ds: Dataset, ctx: MetricContext): MetricOutcome {
  if (!ds.present.deals && !ds.present.spend && !ds.present.renewals) {
    return na('needs at least one input file (--deals, --spend or --renewals)');
  }
  if (ctx.asOfSource === 'data') {
    return na(
      'the as-of date was taken from the data (its last activity date), so the gap is 0 by construction; pass --as-of with the export date (or set asOf in the config) to measure freshness',
    );
  }
  const asOf = ctx.asOf;
  const latestOf = { deals: null as number | null, spend: null as number | null, renewals: null as number | null };
  const see = (kind: keyof typeof latestOf, d: number | null): void => {
    if (d === null || d > asOf) return;
    const cur = latestOf[kind];
    if (cur === null || d > cur) latestOf[kind] = d;
  };
  // the deals in locals (the same rule as see(): dates after asOf do not count)
  let latestDeal: number | null = null;
  for (let di = 0; di < ds.deals.length; di++) {
    const deal = ds.deals[di] as Deal;
    const c = deal.created;
    if (c !== null && c <= asOf && (latestDeal === null || c > latestDeal)) latestDeal = c;
    const cl = deal.closed;
    if (cl !== null && cl <= asOf && deal.status !== 'open' && (latestDeal === null || cl > latestDeal)) latestDeal = cl;
  }
  see('deals', latestDeal);
  for (const s of ds.spend) see('spend', s.periodStart);
  for (const r of ds.renewals) see('renewals', r.renewalDate);
  const records = ds.deals.length + ds.spend.length + ds.renewals.length;
  let latest: number | null = null;
  for (const d of [latestOf.deals, latestOf.spend, latestOf.renewals]) {
    if (d !== null && (latest === null || d > latest)) latest = d;
  }
  if (latest === null) {
    return na(`needs records dated on or before the as-of date ${isoFromDay(asOf)} (or an earlier --as-of)`);
  }
  const details: Record<string, string | null> = { latest: isoFromDay(latest) };
  for (const kind of ['deals', 'spend', 'renewals'] as const) {
    if (ds.present[kind]) {
      const d = latestOf[kind];
      details[`${kind}.latest`] = d === null ? null : isoFromDay(d);
    }
  }
  return value(asOf - latest, {
    sampleSize: records,
    notes: [
      'latest of: deal created dates, won/lost close dates, spend period starts, renewal dates — each on or before the as-of date (open deals\' expected close dates are forecasts and do not count)',
    ],
    details,
  });
}

// ---------------------------------------------------------------------------------------------
// Definitions

export const DATA_QUALITY_METRICS: readonly MetricDefinition[] = [
  {
    id: 'rejected_row_rate',
    title: 'Rejected row rate',
    area: 'data_quality',
    unit: 'ratio',
    definition:
      'Share of the data rows read from all input files that ingest rejected (bad amount, date, stage, duplicate id...). Every rejected row is listed with its reason.',
    formula: 'Σ rows rejected ÷ Σ rows read, over every input file',
    inputs: ['deals', 'spend', 'renewals'],
    configKeys: [],
    compute: computeRejectedRowRate,
  },
  {
    id: 'missing_source_share',
    title: 'Deals without a source',
    area: 'data_quality',
    unit: 'ratio',
    definition:
      'Share of used deals (all statuses, all dates) with an empty source (channel); unattributed deals blind channel CAC and marketing attribution.',
    formula: 'deals with no source ÷ used deals; n/a when the deals file has no source column',
    inputs: ['deals'],
    configKeys: ['inputs.deals.columns.source'],
    compute: missingShare('source'),
  },
  {
    id: 'missing_owner_share',
    title: 'Deals without an owner',
    area: 'data_quality',
    unit: 'ratio',
    definition: 'Share of used deals (all statuses, all dates) with an empty owner; ownerless deals escape rep-level reviews.',
    formula: 'deals with no owner ÷ used deals; n/a when the deals file has no owner column',
    inputs: ['deals'],
    configKeys: ['inputs.deals.columns.owner'],
    compute: missingShare('owner'),
  },
  {
    id: 'duplicate_deal_ids',
    title: 'Duplicate deal ids',
    area: 'data_quality',
    unit: 'count',
    definition: 'Number of deal rows rejected because their id repeats an earlier row: a sign of a broken export or merged CRMs.',
    formula: 'count of deal rows rejected with code duplicate_id; n/a when the deals file has no id column',
    inputs: ['deals'],
    configKeys: ['inputs.deals.columns.id'],
    compute: computeDuplicateDealIds,
  },
  {
    id: 'past_due_open_deals',
    title: 'Past-due open deals',
    area: 'data_quality',
    unit: 'count',
    definition:
      'Open deals (existing at the as-of date) whose expected close date has already passed: pipeline nobody has updated. Details give their value.',
    formula: 'count of open deals with created ≤ asOf (or no created date) and expected close < asOf',
    inputs: ['deals'],
    configKeys: [],
    compute: computePastDueOpenDeals,
  },
  {
    id: 'data_freshness_days',
    title: 'Data freshness',
    area: 'data_quality',
    unit: 'days',
    definition:
      'Days between the as-of date and the latest event in the data; a large gap means the exports are old or the as-of date is past the data. Measured only when the as-of date is given (--as-of or config asOf): an as-of taken from the data is its latest event, so the gap would be 0 by construction (n/a).',
    formula:
      'asOf − max(deal created, won/lost deal closed, spend periodStart, renewal_date), over dates ≤ asOf',
    inputs: ['deals', 'spend', 'renewals'],
    configKeys: [],
    compute: (ds, ctx) => computeDataFreshness(ds, ctx),
  },
];
