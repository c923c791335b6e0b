/**
 * Point in time: the dataset as it stood on the as-of date, and the default as-of date.
 *
 * A CRM export gives every deal's status today. Audited as of an earlier date, a deal that was
 * open then and has closed since must count as open (pipeline, coverage, stale deals,
 * projections), and a deal closed after the as-of must not count as won or lost. So, at asOf:
 * - won / lost: only when the close date is on or before asOf;
 * - open: created on or before asOf (or no created date: the export cannot tell) and not closed
 *   on or before it, whatever its status today. A deal reopened this way keeps its actual close
 *   date as its expected close date; its amount and stage are today's (the export keeps no
 *   history), which the pipeline metrics say in their notes;
 * - a deal closed (won / lost) with a close date after the data's last activity date is
 *   future-dated (a typo'd year, a lost deal given next year's date): it is never reopened, never
 *   counted as closed, never moves the default as-of, and is warned about.
 *
 * Subscriptions: an extract whose periods all end on its last dates (the extraction date) is a
 * cut-off, not churn: those ends are treated as "still active" (censored).
 *
 * Pure: every function returns new objects; the input dataset is not changed.
 */
import type { Dataset, Deal, DayNumber, Subscription } from '../base/model.js';
import { withDeal } from '../base/model.js';
import { isoFromDay } from '../base/time.js';

export interface Reconstruction {
  readonly asOf: DayNumber;
  /** The data's last activity date (defaultAsOf), or null when the data holds no date. */
  readonly dataEnd: DayNumber | null;
  /** Deals closed today but open at asOf (closed after it): counted open with their close date as expected close. */
  readonly reopened: number;
  /** Of the deals open at asOf, those without a created date (assumed to exist at asOf). */
  readonly openWithoutCreated: number;
  /** Won / lost deals dated after the data's last activity date: left out everywhere. */
  readonly futureDated: number;
  readonly futureDatedLines: readonly number[];
  /** The subscription extract's cut-off (extraction) date, or null when the ends look like real churn. */
  readonly subscriptionCutOff: DayNumber | null;
  /** Subscription ends on the cut-off date treated as still active. */
  readonly censoredSubscriptions: number;
}

const INFO = new WeakMap<Dataset, Reconstruction>();

/** The reconstruction notes of a point-in-time dataset, or null for a raw one. */
export function reconstructionOf(ds: Dataset): Reconstruction | null {
  return INFO.get(ds) ?? null;
}

/**
 * A share of the subscriptions active the day before the latest end date that must end on it for
 * the extract to be read as cut off there (a real month-end churn is a few percent, never most).
 */
export const CUT_OFF_SHARE = 0.5;
/** And at least this many subscriptions must end on it (two rows ending the same day prove nothing). */
export const CUT_OFF_MIN = 3;

/**
 * The cut-off date of a subscription extract: the latest end date E when at least CUT_OFF_SHARE
 * (and CUT_OFF_MIN) of the paid subscriptions active on E − 1 end exactly on E and none starts
 * after E. Null otherwise.
 */
export function subscriptionCutOff(subs: readonly Subscription[]): DayNumber | null {
  let last: DayNumber | null = null;
  for (const s of subs) if (s.end !== null && (last === null || s.end > last)) last = s.end;
  if (last === null) return null;
  let activeBefore = 0;
  let endingOnLast = 0;
  for (const s of subs) {
    if (s.start > last) return null;
    if (s.trial || s.arrCents <= 0) continue;
    const activeOnEve = s.start <= last - 1 && (s.end === null || s.end > last - 1);
    if (!activeOnEve) continue;
    activeBefore += 1;
    if (s.end === last) endingOnLast += 1;
  }
  return endingOnLast >= CUT_OFF_MIN && endingOnLast >= CUT_OFF_SHARE * activeBefore ? last : null;
}

/**
 * A created date carried by most deals is a bulk import stamp (a CRM migration gives every
 * imported deal the day of the import), not when they were created: at least IMPORT_STAMP_SHARE
 * of the deals with a created date, and at least IMPORT_STAMP_MIN of them, share it (our choice:
 * a busy day in a small CRM is not proof of an import).
 */
export const IMPORT_STAMP_SHARE = 0.5;
export const IMPORT_STAMP_MIN = 10;

export interface ImportStamp {
  readonly day: DayNumber;
  /** Deals carrying it. */
  readonly count: number;
  /** Deals with a created date. */
  readonly of: number;
}

/** The deals' import stamp (see IMPORT_STAMP_SHARE), or null when the created dates look real. */
export function importStamp(ds: Dataset): ImportStamp | null {
  const memo = STAMP.get(ds.deals);
  if (memo !== undefined) return memo;
  const out = findImportStamp(ds.deals);
  STAMP.set(ds.deals, out);
  return out;
}

/**
 * The most frequent created day (ties: the one met first in the file) when it passes the
 * thresholds. Counted in a typed array over the days' span when it is a few years, else a Map:
 * a Map keyed by day per deal was most of the cost at a million deals.
 */
function findImportStamp(deals: readonly Deal[]): ImportStamp | null {
  let of = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let di = 0; di < deals.length; di++) {
    const d = deals[di] as Deal;
    const c = d.created;
    if (c === null) continue;
    of += 1;
    if (c < lo) lo = c;
    if (c > hi) hi = c;
  }
  if (of < IMPORT_STAMP_MIN) return null;
  let bestCount = 0;
  let bestDay = 0;
  if (hi - lo < 1 << 20) {
    const counts = new Uint32Array(hi - lo + 1);
    for (let di = 0; di < deals.length; di++) {
      const d = deals[di] as Deal;
      const c = d.created;
      if (c !== null) counts[c - lo] = (counts[c - lo] as number) + 1;
    }
    let ties = 0;
    for (let i = 0; i < counts.length; i++) {
      const n = counts[i] as number;
      if (n > bestCount) {
        bestCount = n;
        bestDay = lo + i;
        ties = 1;
      } else if (n === bestCount) ties += 1;
    }
    if (ties > 1) {
      // several days share the top count: the first met in the file wins (as a Map in insertion order)
      for (let di = 0; di < deals.length; di++) {
        const d = deals[di] as Deal;
        const c = d.created;
        if (c !== null && counts[c - lo] === bestCount) {
          bestDay = c;
          break;
        }
      }
    }
  } else {
    const counts = new Map<DayNumber, number>();
    for (let di = 0; di < deals.length; di++) {
      const d = deals[di] as Deal;
      if (d.created !== null) counts.set(d.created, (counts.get(d.created) ?? 0) + 1);
    }
    for (const [day, count] of counts) {
      if (count > bestCount) {
        bestCount = count;
        bestDay = day;
      }
    }
  }
  return bestCount >= IMPORT_STAMP_MIN && bestCount >= IMPORT_STAMP_SHARE * of ? { day: bestDay, count: bestCount, of } : null;
}

const STAMP = new WeakMap<readonly Deal[], ImportStamp | null>();

/** The sentence a reader sees about an import stamp (the deals input warning, the created-date metrics' notes), or null. */
export function importStampNote(ds: Dataset): string | null {
  const s = importStamp(ds);
  if (s === null) return null;
  return (
    `${s.count} of the ${s.of} deals with a created date share ${isoFromDay(s.day)}: it looks like a bulk import stamp, not when they were created; ` +
    'sales cycle and other created-date figures read it as a creation date, and the default as-of date ignores it'
  );
}

/**
 * The latest date that records something that already happened, robust to future-dated closes:
 * - the anchor is the latest of deal created dates, spend period starts, renewal dates and
 *   subscription starts (none of these is a forecast);
 * - won / lost close dates on or before the anchor count;
 * - closes after the anchor count only as a continuous run from it: sorted ascending, each within
 *   CLOSE_CHAIN_DAYS of the previous one (an export whose creations stop a little before its
 *   closes still ends on its last close); the first gap ends the run, so a lost deal given next
 *   year's date, or a typo'd year 2205, never moves the as-of;
 * - without any anchor (a deals file with close dates only), the run starts from the latest close
 *   and drops it while it lies more than FUTURE_GAP_DAYS after the next one.
 * Open deals' expected close dates never count, nor does a created date that is an import stamp
 * (importStamp): it records a migration, not activity. Null when the dataset holds no date at all.
 */
export function dataEndDay(ds: Dataset): DayNumber | null {
  const memo = DATA_END.get(ds);
  if (memo !== undefined) return memo;
  const d = computeDataEnd(ds);
  DATA_END.set(ds, d);
  return d;
}

const DATA_END = new WeakMap<Dataset, DayNumber | null>();

function computeDataEnd(ds: Dataset): DayNumber | null {
  let anchor: DayNumber | null = null;
  const see = (d: DayNumber | null): void => {
    if (d !== null && (anchor === null || d > anchor)) anchor = d;
  };
  for (const row of ds.spend) see(row.periodStart);
  for (const r of ds.renewals) see(r.renewalDate);
  for (const s of ds.subscriptions ?? []) see(s.start);
  const stamp = importStamp(ds);
  const stampDay = stamp === null ? null : stamp.day;
  // one pass over the deals: the anchor so far only grows, so a close at or below it can never
  // move the end; the closes above it are kept and cut again by the final anchor below
  let a: DayNumber | null = anchor;
  const closes: DayNumber[] = [];
  for (let di = 0; di < ds.deals.length; di++) {
    const deal = ds.deals[di] as Deal;
    const c = deal.created;
    if (c !== null && c !== stampDay && (a === null || c > a)) a = c;
    const cl = deal.closed;
    if (cl !== null && (a === null || cl > a) && deal.status !== 'open') closes.push(cl);
  }
  if (a !== null) {
    // only closes after the anchor can move it: those are few (sorting every close was the cost)
    const last: DayNumber = a;
    const after = Float64Array.from(closes.filter((c) => c > last)).sort();
    let latest: DayNumber = last;
    for (const c of after) {
      if (c <= latest) continue;
      if (c - latest > CLOSE_CHAIN_DAYS) break;
      latest = c;
    }
    return latest;
  }
  if (closes.length === 0) return null;
  closes.sort((x, y) => y - x);
  let i = 0;
  while (i + 1 < closes.length && (closes[i] as number) - (closes[i + 1] as number) > FUTURE_GAP_DAYS) i += 1;
  return closes[i] as number;
}

/** See dataEndDay: a close more than this many days after the previous event ends the run. */
export const CLOSE_CHAIN_DAYS = 31;
/** See dataEndDay (no anchor): a close this many days after every other close is treated as future-dated. */
export const FUTURE_GAP_DAYS = 92;

/**
 * Won / lost deals dated after the data's last activity date (dataEndDay). With an anchor this is
 * every close after it; they are warned about and never move the as-of.
 */
export function futureDatedDeals(ds: Dataset, dataEnd: DayNumber | null = dataEndDay(ds)): readonly Deal[] {
  if (dataEnd === null) return [];
  return ds.deals.filter((d) => d.status !== 'open' && d.closed !== null && d.closed > dataEnd);
}

/** A warning sentence for future-dated closed deals, or null when there are none. */
export function futureDatedWarning(ds: Dataset): string | null {
  const dataEnd = dataEndDay(ds);
  const fut = futureDatedDeals(ds, dataEnd);
  if (fut.length === 0 || dataEnd === null) return null;
  const lines = fut.slice(0, 5).map((d) => d.line);
  return (
    `${fut.length} won/lost deal${fut.length === 1 ? ' is' : 's are'} dated after the data's last activity ` +
    `(${isoFromDay(dataEnd)}), e.g. line${lines.length === 1 ? '' : 's'} ${lines.join(', ')}: ` +
    'future-dated closes are left out of every metric and do not move the as-of date; correct their close dates'
  );
}

/**
 * The dataset as it stood on `asOf` (see the file comment). Idempotent: reconstructing a
 * reconstructed dataset at the same date changes nothing.
 */
export function pointInTime(ds: Dataset, asOf: DayNumber): Dataset {
  const known = INFO.get(ds);
  if (known !== undefined && known.asOf === asOf) return ds;
  const dataEnd = dataEndDay(ds);
  let reopened = 0;
  let openWithoutCreated = 0;
  const futureLines: number[] = [];
  const src = ds.deals;
  // pushed, not preallocated: a packed array for every later pass over it
  const deals: Deal[] = [];
  for (let di = 0; di < src.length; di++) {
    const d = src[di] as Deal;
    // each field read once (deals are views with getters)
    const status = d.status;
    const closed = d.closed;
    if (status !== 'open' && closed !== null && closed > asOf) {
      if (dataEnd !== null && closed > dataEnd) {
        futureLines.push(d.line);
        deals.push(d);
        continue;
      }
      const created = d.created;
      if (created !== null && created > asOf) {
        deals.push(d); // created after asOf: did not exist yet; every selection skips it
        continue;
      }
      reopened += 1;
      if (created === null) openWithoutCreated += 1;
      deals.push(withDeal(d, { status: 'open' }));
      continue;
    }
    if (status === 'open' && d.created === null) openWithoutCreated += 1;
    deals.push(d);
  }
  // the same created dates in the same order: the same import stamp, without counting them again
  const stamp = STAMP.get(ds.deals);
  if (stamp !== undefined) STAMP.set(deals, stamp);
  let subscriptions = ds.subscriptions;
  let cutOff: DayNumber | null = null;
  let censored = 0;
  if (ds.subscriptions !== undefined) {
    cutOff = subscriptionCutOff(ds.subscriptions);
    if (cutOff !== null) {
      const c = cutOff;
      subscriptions = ds.subscriptions.map((s) => {
        if (s.end !== c) return s;
        censored += 1;
        return { ...s, end: null };
      });
    }
  }
  // future-dated deals stay in the dataset as they are: closed after asOf, so outside every window
  const out: Dataset = { ...ds, deals, ...(subscriptions !== undefined ? { subscriptions } : {}) };
  INFO.set(out, {
    asOf,
    dataEnd,
    reopened,
    openWithoutCreated,
    futureDated: futureLines.length,
    futureDatedLines: futureLines.slice(0, 5),
    subscriptionCutOff: cutOff,
    censoredSubscriptions: censored,
  });
  return out;
}

/**
 * Notes for metrics that read the open pipeline at asOf: what the export cannot tell about it.
 * Empty for a raw dataset or when nothing was reconstructed.
 */
export function pipelineReconstructionNotes(ds: Dataset): string[] {
  const r = reconstructionOf(ds);
  if (r === null) return [];
  const notes: string[] = [];
  if (r.reopened > 0) {
    notes.push(
      `${r.reopened} deal${r.reopened === 1 ? ' was' : 's were'} open on ${isoFromDay(r.asOf)} and closed since: ` +
        'counted open with their actual close date as the expected close; their amount and stage are as exported today and may have changed since',
    );
  }
  if (r.openWithoutCreated > 0) {
    notes.push(
      `${r.openWithoutCreated} deal${r.openWithoutCreated === 1 ? ' has' : 's have'} no created date: assumed to exist on ${isoFromDay(r.asOf)}`,
    );
  }
  if (r.futureDated > 0) {
    notes.push(
      `${r.futureDated} won/lost deal${r.futureDated === 1 ? ' is' : 's are'} dated after the data's last activity (lines ${r.futureDatedLines.join(', ')}): left out`,
    );
  }
  return notes;
}
