#!/usr/bin/env node
/**
 * Generates the bundled demo company "Northwind Analytics" into fixtures/demo/:
 *   deals.csv (HubSpot deal export), spend.csv, renewals.csv, revhealth.config.json, README.md
 *
 * Deterministic: a seeded PRNG (mulberry32) drives every choice; no Math.random, no clock,
 * no locale-dependent formatting, no transcendental maths. Running it twice gives byte-identical files.
 *
 * The planted situations are computed back from the rows that are written (not from the knobs
 * that shaped them), printed to stdout, written into fixtures/demo/README.md, and checked against
 * their intended ranges: the script exits 1 if a figure falls outside its range.
 *
 * Usage: node scripts/generate-demo.mjs   (npm run fixtures)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'fixtures', 'demo');
const DEFAULT_SEED = 274;
// `--seed=N` and `--check` (measure and report, write nothing) exist only to explore alternatives.
const seedArg = process.argv.find((a) => a.startsWith('--seed='));
const SEED = seedArg ? Number(seedArg.slice('--seed='.length)) >>> 0 : DEFAULT_SEED;
const CHECK_ONLY = process.argv.includes('--check');

// ---------------------------------------------------------------------------------------------
// PRNG: one independent mulberry32 stream per concern, so tuning one part does not reshuffle the rest.

function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fnv1a(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const stream = (name) => mulberry32((SEED ^ fnv1a(name)) >>> 0);

/** Integer in [a, b], both inclusive. */
const ri = (r, a, b) => a + Math.floor(r() * (b - a + 1));
/** Bell-shaped on [0, 1], mean 0.5. */
const bell = (r) => (r() + r() + r()) / 3;
/** Right-skewed on [0, 1], mean about 0.41. */
const skew = (r) => {
  const u = bell(r);
  return 0.6 * u + 0.4 * u * u;
};
function pickW(r, entries) {
  let total = 0;
  for (const [, w] of entries) total += w;
  let x = r() * total;
  for (const [v, w] of entries) {
    x -= w;
    if (x < 0) return v;
  }
  return entries[entries.length - 1][0];
}
function shuffle(r, list) {
  const a = list.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

// ---------------------------------------------------------------------------------------------
// Calendar on UTC day numbers (days since 1970-01-01).

const MS_DAY = 86_400_000;
const D = (y, m, d) => Math.floor(Date.UTC(y, m - 1, d) / MS_DAY);
function ymd(day) {
  const t = new Date(day * MS_DAY);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}
const pad2 = (n) => (n < 10 ? '0' : '') + String(n);
const iso = (day) => {
  const { y, m, d } = ymd(day);
  return `${y}-${pad2(m)}-${pad2(d)}`;
};
const dim = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
function addYears(day, n) {
  const { y, m, d } = ymd(day);
  return D(y + n, m, Math.min(d, dim(y + n, m)));
}
const monthKey = (day) => iso(day).slice(0, 7);
const hhmm = (minutes) => `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;

const AS_OF = D(2025, 12, 31);
const HISTORY_START = D(2024, 1, 1);
const GEN_START = { y: 2023, m: 8 }; // deals created in Q4 2023 that close in 2024 are part of the export
const OPEN_HORIZON = D(2026, 6, 30);

const QUARTERS = [];
for (const y of [2024, 2025]) {
  for (let q = 1; q <= 4; q++) {
    const s = D(y, 3 * q - 2, 1);
    const e = D(y, 3 * q + 1, 1) - 1;
    QUARTERS.push({ y, q, label: `${y} Q${q}`, s, e });
  }
}
const quarterOf = (day) => QUARTERS.find((q) => day >= q.s && day <= q.e) ?? null;
/** "Last 14 days of the quarter": close >= quarter end - 13 (the 14 days quarter_end-13 .. quarter_end). */
const inLast14 = (day) => {
  const q = quarterOf(day);
  return q !== null && day >= q.e - 13;
};
/**
 * Won deals never close in days quarter_end-15 .. quarter_end-12, so "last 14 days" gives the same
 * figure whether a reader counts 13, 14 or 15 days back, inclusive or exclusive.
 */
const inSkewBoundary = (day) => {
  const q = quarterOf(day);
  return q !== null && day >= q.e - 15 && day <= q.e - 12;
};

// ---------------------------------------------------------------------------------------------
// Money: integer cents everywhere; formatting by hand.

const cents = (dollars) => Math.round(dollars * 100);
const roundTo = (c, step) => Math.round(c / step) * step;
function groupThousands(n) {
  const s = String(n);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += ',';
    out += s[i];
  }
  return out;
}
/** 2450050 -> "24500.5", 2450000 -> "24500". */
function plainAmount(c) {
  const whole = Math.floor(c / 100);
  const frac = c % 100;
  if (frac === 0) return String(whole);
  let f = pad2(frac);
  if (f.endsWith('0')) f = f.slice(0, 1);
  return `${whole}.${f}`;
}
/** 2450050 -> "$24,500.50" */
const dollarAmount = (c) => `$${groupThousands(Math.floor(c / 100))}.${pad2(c % 100)}`;
/** Fixed-point text for reports: 1234567.8 -> "1,234,568" */
const money0 = (c) => groupThousands(Math.round(c / 100));
const fixed = (x, digits) => x.toFixed(digits);
const pct = (x, digits = 1) => `${(x * 100).toFixed(digits)} %`;
const sum = (list, f) => list.reduce((acc, x) => acc + f(x), 0);

function csvCell(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const csvLine = (cells) => cells.map(csvCell).join(',');

// ---------------------------------------------------------------------------------------------
// The cast.

const HERO = 'Marcus Delgado';
const REPS = [HERO, 'Priya Raman', 'Tom Becker', 'Aisha Okafor', 'Daniel Kim', 'Laura Jensen', 'Mateo Alvarez', 'Sophie Laurent'];
const OTHER_REPS = REPS.filter((r) => r !== HERO);
const OTHER_REP_WEIGHTS = [1.3, 1.2, 1.1, 1.0, 0.95, 0.85, 0.75];

const SOURCES = [
  // [channel, share of new-business deals created, win rate]
  ['Organic Search', 0.22, 0.25],
  ['Paid Search', 0.18, 0.23],
  ['Paid Social', 0.14, 0.055],
  ['Referrals', 0.12, 0.34],
  ['Direct Traffic', 0.1, 0.26],
  ['Events', 0.1, 0.23],
  ['Offline Sources', 0.09, 0.22],
  ['', 0.05, 0.22],
];
const SOURCE_WEIGHTS = SOURCES.map(([s, w]) => [s, w]);
const WIN_RATE = Object.fromEntries(SOURCES.map(([s, , p]) => [s, p]));
const PAID = ['Paid Search', 'Paid Social', 'Events'];
/** Target spend per won new-business deal, per paid channel (the spend is derived from it). */
const TARGET_CAC = { 'Paid Search': 6500, 'Paid Social': 36000, Events: 7500 };

const OPEN_STAGES = [
  // [HubSpot stage label, probability, forecast category]
  ['Appointment Scheduled', 0.2, 'Pipeline'],
  ['Qualified To Buy', 0.4, 'Pipeline'],
  ['Presentation Scheduled', 0.6, 'Best case'],
  ['Decision Maker Bought-In', 0.8, 'Best case'],
  ['Contract Sent', 0.9, 'Commit'],
];
const LOST_REASONS = [
  ['Price', 0.3],
  ['Competitor', 0.3],
  ['No decision', 0.25],
  ['Timing', 0.15],
];

/** Quarter-end share of won amount aimed at (the figures reported are measured, not these). */
const SKEW_TARGET = {
  '2024 Q1': 0.29,
  '2024 Q2': 0.31,
  '2024 Q3': 0.3,
  '2024 Q4': 0.32,
  '2025 Q1': 0.54,
  '2025 Q2': 0.57,
  '2025 Q3': 0.53,
  '2025 Q4': 0.58,
};

/** Renewal outcomes aimed at per renewal year and segment: gross and net retention. */
const RETENTION_TARGET = {
  2024: { SMB: { churn: 0.11, grr: 0.86, nrr: 0.91 }, 'Mid-Market': { churn: 0.03, grr: 0.95, nrr: 1.07 } },
  2025: { SMB: { churn: 0.18, grr: 0.772, nrr: 0.82 }, 'Mid-Market': { churn: 0.045, grr: 0.926, nrr: 1.08 } },
};

// ---------------------------------------------------------------------------------------------
// Company names: unique, deterministic.

const NAME_A = [
  'Apex', 'Aster', 'Atlas', 'Aurora', 'Beacon', 'Birch', 'Blue Harbor', 'Bluefin', 'Brightline', 'Cascade',
  'Cedar', 'Clearwater', 'Cobalt', 'Copper', 'Crescent', 'Crestview', 'Delta', 'Driftwood', 'Eastgate', 'Ember',
  'Evergreen', 'Fairfield', 'Falcon', 'Fieldstone', 'Firefly', 'Foxglove', 'Granite', 'Greenway', 'Harbor', 'Hawthorn',
  'Highland', 'Horizon', 'Ironwood', 'Juniper', 'Keystone', 'Lakeside', 'Lantern', 'Laurel', 'Lighthouse', 'Linden',
  'Maple', 'Meridian', 'Mesa', 'Millbrook', 'Monarch', 'Northgate', 'Oakridge', 'Orchard', 'Pacific', 'Paragon',
  'Pinnacle', 'Pioneer', 'Prairie', 'Quarry', 'Radiant', 'Redwood', 'Ridgeline', 'Riverbend', 'Rockwell', 'Saffron',
  'Sagebrush', 'Sequoia', 'Silverline', 'Skyline', 'Sterling', 'Stonebridge', 'Summit', 'Sunrise', 'Tamarack', 'Tidewater',
  'Timberline', 'Trailhead', 'Trident', 'True North', 'Union', 'Vantage', 'Vertex', 'Westbrook', 'Willow', 'Windward',
  'Zephyr', 'Alder', 'Bayview', 'Bramble', 'Canyon', 'Crown', 'Elm Street', 'Frontier', 'Golden Gate', 'Heron',
  'Indigo', 'Kestrel', 'Larkspur', 'Magnolia', 'Nimbus', 'Osprey', 'Pebble', 'Quill', 'Sable', 'Thistle',
];
const NAME_B = [
  'Systems', 'Logistics', 'Health', 'Foods', 'Manufacturing', 'Retail', 'Software', 'Labs', 'Partners', 'Group',
  'Industries', 'Financial', 'Energy', 'Media', 'Freight', 'Dental', 'Insurance', 'Robotics', 'Supply', 'Consulting',
  'Hospitality', 'Biotech', 'Apparel', 'Construction', 'Learning', 'Pharma', 'Outdoor', 'Security', 'Marine', 'Telecom',
  'Realty', 'Brewing', 'Aerospace', 'Clinics', 'Payments', 'Studios', 'Mobility', 'Textiles', 'Packaging', 'Veterinary',
];
const nameStream = stream('names');
const namePool = shuffle(nameStream, NAME_A.flatMap((a) => NAME_B.map((b) => `${a} ${b}`)));
function newCompany() {
  const base = namePool.pop();
  if (base === undefined) throw new Error('company name pool exhausted');
  const r = nameStream();
  if (r < 0.04) return `${base}, Inc.`;
  if (r < 0.07) return `${base} LLC`;
  return base;
}

// ---------------------------------------------------------------------------------------------
// 1. New-business deals: created month by month, each with an outcome and a cycle.

const nb = stream('new-business');
/** Every deal in the file (before the planted dirty rows). */
const deals = [];
let seq = 0;
function makeDeal(fields) {
  const d = {
    seq: seq++,
    kind: 'nb', // nb | exp | stale | extra
    type: 'New Business',
    create: 0,
    close: 0,
    status: 'open',
    amount: 0,
    segment: 'SMB',
    source: '',
    pipeline: 'Sales Pipeline',
    company: '',
    owner: null,
    lostReason: '',
    stage: null,
    account: null,
    ...fields,
  };
  deals.push(d);
  return d;
}

const amountNew = (r, seg) => {
  let c = seg === 'SMB' ? roundTo(cents(5000 + 15000 * skew(r)), 10000) : roundTo(cents(30000 + 60000 * skew(r)), 50000);
  if (r() < 0.05) c += 50; // some amounts carry cents: 24500.5
  return c;
};
const cycleWon = (r, seg) => (seg === 'SMB' ? 25 + Math.floor(90 * skew(r)) : 45 + Math.floor(95 * bell(r)));
// Lost deals drag on longer than won ones before someone marks them lost.
const cycleLost = (r, seg) => (seg === 'SMB' ? 25 + Math.floor(95 * bell(r)) : 50 + Math.floor(90 * bell(r)));
const pipelineFor = (r, source) => (r() < (source === 'Referrals' ? 0.75 : 0.03) ? 'Partner Pipeline' : 'Sales Pipeline');
const SEASON = { 1: 0.95, 2: 1.0, 3: 1.05, 4: 1.0, 5: 1.02, 6: 1.0, 7: 0.95, 8: 0.9, 9: 1.05, 10: 1.05, 11: 1.0, 12: 0.85 };

const lostCompanies = []; // prospects that lost and may come back
for (let mi = 0; ; mi++) {
  const total = GEN_START.y * 12 + (GEN_START.m - 1) + mi;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const first = D(y, m, 1);
  if (first > AS_OF) break;
  const t = (y - 2024) * 12 + (m - 1); // months since 2024-01 (negative in 2023)
  const count = Math.round(80 * (1 + 0.012 * t) * SEASON[m] * (0.92 + 0.16 * nb()));
  const mmShare = Math.min(0.21, 0.17 + 0.0018 * Math.max(0, t));
  for (let k = 0; k < count; k++) {
    const create = first + ri(nb, 0, dim(y, m) - 1);
    const segment = nb() < mmShare ? 'Mid-Market' : 'SMB';
    const source = pickW(nb, SOURCE_WEIGHTS);
    const winP = WIN_RATE[source] * (segment === 'Mid-Market' ? 1.05 : 1) * 1.07;
    const won = nb() < winP;
    let cycle = won ? cycleWon(nb, segment) : cycleLost(nb, segment);
    if (won) {
      for (let tries = 0; tries < 20 && inSkewBoundary(create + cycle); tries++) cycle = cycleWon(nb, segment);
      if (inSkewBoundary(create + cycle)) cycle -= 4;
    }
    const close = create + cycle;
    const amount = amountNew(nb, segment);
    const pipeline = pipelineFor(nb, source);
    const lostReason = pickW(nb, LOST_REASONS);
    let company;
    if (lostCompanies.length > 0 && nb() < 0.06) {
      const i = Math.floor(nb() * lostCompanies.length);
      const candidate = lostCompanies[i];
      if (candidate.close < create) {
        company = candidate.company;
        lostCompanies.splice(i, 1);
      }
    }
    company ??= newCompany();
    if (close < HISTORY_START) continue; // closed before the export's history: not in the file
    const status = close > AS_OF ? 'open' : won ? 'won' : 'lost';
    const d = makeDeal({ create, close, status, amount, segment, source, pipeline, company, lostReason: status === 'lost' ? lostReason : '' });
    if (status === 'lost') lostCompanies.push(d);
  }
}

// Pass 1: move some won new-business deals into the last days of their quarter (cycle preserved).
const qend = stream('quarter-end');
function shiftIntoQuarterEnd(q, movable, allWon, limit) {
  const inQ = allWon.filter((d) => d.close >= q.s && d.close <= q.e);
  const total = sum(inQ, (d) => d.amount);
  let spike = sum(inQ.filter((d) => inLast14(d.close)), (d) => d.amount);
  const target = SKEW_TARGET[q.label] * total;
  const tol = 0.006 * total;
  const candidates = shuffle(qend, movable.filter((d) => d.close >= q.s && d.close <= q.e && !inLast14(d.close)));
  for (const d of candidates) {
    if (spike >= target - tol) break;
    if (spike + d.amount > target + tol) continue;
    const nc = q.e - ri(qend, 0, 11);
    if (nc <= d.close || nc > AS_OF || (limit !== undefined && nc >= limit(d))) continue;
    const delta = nc - d.close;
    d.close = nc;
    d.create += delta;
    spike += d.amount;
  }
}
{
  const nbWon = deals.filter((d) => d.status === 'won');
  for (const q of QUARTERS) shiftIntoQuarterEnd(q, nbWon, nbWon);
}

// ---------------------------------------------------------------------------------------------
// 2. Accounts: the legacy base (won in 2023, before the export's history) plus every won new-business deal.

const legacyStream = stream('legacy');
const accounts = [];
for (let i = 0; i < 294; i++) {
  const segment = i < 280 ? 'SMB' : 'Mid-Market';
  let start = D(2023, 1, 2) + ri(legacyStream, 0, 362); // never 2023-12-31
  if (ymd(start).m === 12 && ymd(start).d === 31) start -= 1;
  const arr0 =
    segment === 'SMB' ? roundTo(cents(5000 + 13000 * skew(legacyStream)), 10000) : roundTo(cents(30000 + 40000 * skew(legacyStream)), 50000);
  accounts.push({ name: newCompany(), segment, start, arr0, legacy: true, owner: null, churnDay: null, nbDeal: null });
}
for (const d of deals) {
  if (d.status !== 'won') continue;
  const acc = { name: d.company, segment: d.segment, start: d.close, arr0: d.amount, legacy: false, owner: null, churnDay: null, nbDeal: d };
  d.account = acc;
  accounts.push(acc);
}
accounts.sort((a, b) => a.start - b.start || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
const accountByName = new Map(accounts.map((a) => [a.name, a]));
if (accountByName.size !== accounts.length) throw new Error('duplicate account name');

/** Anniversaries of the start inside the 24 months of history. */
function renewalDates(acc) {
  const out = [];
  for (let k = 1; k <= 3; k++) {
    const day = addYears(acc.start, k);
    if (day >= HISTORY_START && day <= AS_OF) out.push(day);
  }
  return out;
}
/** First anniversary strictly after `day` (may be after the as-of date). */
function nextRenewalAfter(acc, day) {
  for (let k = 1; ; k++) {
    const r = addYears(acc.start, k);
    if (r > day) return r;
  }
}

// Phase A: decide who churns at which renewal (on the starting ARR; expansion deals come next).
const churnStream = stream('churn');
for (const year of [2024, 2025]) {
  for (const segment of ['SMB', 'Mid-Market']) {
    const due = [];
    for (const acc of accounts) {
      if (acc.segment !== segment || acc.churnDay !== null) continue;
      for (const r of renewalDates(acc)) if (ymd(r).y === year) due.push({ acc, r });
    }
    const target = RETENTION_TARGET[year][segment].churn * sum(due, (e) => e.acc.arr0);
    let churned = 0;
    for (const e of shuffle(churnStream, due)) {
      if (churned >= 0.85 * target) break;
      if (churned + e.acc.arr0 > 1.15 * target) continue;
      e.acc.churnDay = e.r;
      churned += e.acc.arr0;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Expansion deals ("Existing Business") on live accounts, closed inside the current contract term.

const expStream = stream('expansion');
for (let t = 0; t < 24; t++) {
  const y = 2024 + Math.floor(t / 12);
  const m = (t % 12) + 1;
  const first = D(y, m, 1);
  const eligibleAt = (c) =>
    accounts.filter(
      (a) => a.start <= c - 60 && (a.churnDay === null || c < a.churnDay - 365) && (a.busyUntil ?? -Infinity) < c,
    );
  const count = Math.round(0.031 * eligibleAt(first).length * (0.85 + 0.3 * expStream()));
  for (let k = 0; k < count; k++) {
    const create = first + ri(expStream, 0, dim(y, m) - 1);
    const eligible = eligibleAt(create);
    if (eligible.length === 0) continue;
    const acc = pickW(expStream, eligible.map((a) => [a, a.segment === 'Mid-Market' ? 2.5 : 1]));
    const cycle = acc.segment === 'SMB' ? 12 + Math.floor(48 * bell(expStream)) : 20 + Math.floor(70 * bell(expStream));
    let close = create + cycle;
    const wonDraw = expStream() < 0.58;
    const amount =
      acc.segment === 'SMB' ? roundTo(cents(2000 + 4000 * skew(expStream)), 10000) : roundTo(cents(8000 + 17000 * skew(expStream)), 50000);
    const lostReason = pickW(expStream, LOST_REASONS);
    const source = expStream() < 0.75 ? 'Offline Sources' : 'Direct Traffic';
    let status = close > AS_OF ? 'open' : wonDraw ? 'won' : 'lost';
    if (status === 'won') {
      const nextRen = nextRenewalAfter(acc, create);
      if (close >= nextRen) close = nextRen - ri(expStream, 2, 15);
      if (inSkewBoundary(close)) close -= 4;
      if (close < create + 7) continue;
    }
    if (status === 'open' && close > OPEN_HORIZON) close = OPEN_HORIZON - ri(expStream, 0, 20);
    acc.busyUntil = status === 'open' ? Infinity : close;
    makeDeal({
      kind: 'exp',
      type: 'Existing Business',
      create,
      close,
      status,
      amount,
      segment: acc.segment,
      source,
      company: acc.name,
      lostReason: status === 'lost' ? lostReason : '',
      account: acc,
      name: `${acc.name} - ${acc.segment === 'SMB' ? 'Upsell' : 'Expansion'}`,
    });
  }
}

// Pass 2: expansions join the quarter-end rush where the contract term allows it.
{
  const allWon = deals.filter((d) => d.status === 'won');
  const expWon = allWon.filter((d) => d.kind === 'exp');
  for (const q of QUARTERS) shiftIntoQuarterEnd(q, expWon, allWon, (d) => nextRenewalAfter(d.account, d.close));
}

// ---------------------------------------------------------------------------------------------
// 4. Renewals, year by year: ARR before = starting ACV + won expansions + earlier renewal changes.

const renStream = stream('renewals');
const renewals = [];
function arrAt(acc, day) {
  let arr = acc.arr0;
  for (const d of deals) if (d.kind === 'exp' && d.status === 'won' && d.account === acc && d.close < day) arr += d.amount;
  for (const r of renewals) if (r.acc === acc && r.date < day) arr += r.after - r.before;
  return arr;
}
for (const year of [2024, 2025]) {
  const due = [];
  for (const acc of accounts) {
    for (const r of renewalDates(acc)) {
      if (ymd(r).y !== year) continue;
      if (acc.churnDay !== null && acc.churnDay < r) continue;
      due.push({ acc, date: r, year, before: arrAt(acc, r), after: 0, status: '' });
    }
  }
  for (const segment of ['SMB', 'Mid-Market']) {
    const tgt = RETENTION_TARGET[year][segment];
    const list = due.filter((e) => e.acc.segment === segment);
    const base = sum(list, (e) => e.before);
    let loss = 0;
    for (const e of list) {
      if (e.acc.churnDay === e.date) {
        e.after = 0;
        e.status = 'churned';
        loss += e.before;
      }
    }
    const rest = shuffle(renStream, list.filter((e) => e.status === ''));
    const lossTarget = (1 - tgt.grr) * base;
    for (const e of rest) {
      const remaining = lossTarget - loss;
      if (remaining < 10000) break;
      let l = roundTo(Math.round(e.before * (0.15 + 0.3 * renStream())), 5000);
      if (l > remaining) {
        if (remaining >= e.before * 0.05 && remaining <= e.before * 0.5) l = roundTo(Math.round(remaining), 5000);
        else continue;
      }
      if (l <= 0) continue;
      e.after = e.before - l;
      e.status = 'contracted';
      loss += l;
    }
    const gainTarget = (tgt.nrr - (1 - loss / base)) * base;
    let gain = 0;
    for (const e of rest) {
      if (e.status !== '') continue;
      const remaining = gainTarget - gain;
      if (remaining < 10000) break;
      let g = roundTo(Math.round(e.before * (0.08 + 0.3 * renStream())), 5000);
      if (g > remaining) {
        if (remaining >= e.before * 0.03 && remaining <= e.before * 0.6) g = roundTo(Math.round(remaining), 5000);
        else continue;
      }
      if (g <= 0) continue;
      e.after = e.before + g;
      e.status = 'expanded';
      gain += g;
    }
    for (const e of list) {
      if (e.status === '') {
        e.after = e.before;
        e.status = 'renewed';
      }
    }
  }
  due.sort((a, b) => a.date - b.date || (a.acc.name < b.acc.name ? -1 : 1));
  renewals.push(...due);
}

// ---------------------------------------------------------------------------------------------
// 5. The stale block: open deals whose expected close date passed 30-200 days before the as-of date.

const staleStream = stream('stale');
const STALE_COUNT = 70;
const STALE_TARGET = cents(2_000_000);
function staleCandidate() {
  const segment = staleStream() < 0.4 ? 'Mid-Market' : 'SMB';
  const close = AS_OF - ri(staleStream, 30, 200);
  const create = Math.max(D(2025, 1, 6), close - ri(staleStream, 30, 120));
  const source = pickW(staleStream, SOURCE_WEIGHTS);
  return {
    kind: 'stale',
    create,
    close,
    status: 'open',
    segment,
    source,
    pipeline: pipelineFor(staleStream, source),
    amount: amountNew(staleStream, segment),
    stage: pickW(staleStream, [
      [0, 0.1],
      [1, 0.2],
      [2, 0.25],
      [3, 0.25],
      [4, 0.2],
    ]),
  };
}
{
  const block = [];
  for (let i = 0; i < STALE_COUNT; i++) block.push(staleCandidate());
  // Swap draws until the block's value sits within 5 % of the aim (deterministic, converges fast).
  for (let guard = 0; guard < 5000; guard++) {
    const total = sum(block, (d) => d.amount);
    if (Math.abs(total - STALE_TARGET) <= 0.05 * STALE_TARGET) break;
    const i = Math.floor(staleStream() * block.length);
    const c = staleCandidate();
    if (Math.abs(total - block[i].amount + c.amount - STALE_TARGET) < Math.abs(total - STALE_TARGET)) block[i] = c;
  }
  for (const s of block) makeDeal({ ...s, company: newCompany() });
}

// ---------------------------------------------------------------------------------------------
// 6. Next quarter's target and the open pipeline behind it (coverage about 3x).

const wonIn = (s, e) => deals.filter((d) => d.status === 'won' && d.close >= s && d.close <= e);
// Won deals are final from here on: open deals are kept younger than 1.9x their median cycle.
const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const wonCycles = (s, e) => wonIn(s, e).map((d) => d.close - d.create);
const medianCycleTtm = median(wonCycles(D(2025, 1, 1), AS_OF));
const medianCycleAll = median(wonCycles(HISTORY_START, AS_OF));
const maxOpenAge = Math.floor(1.9 * Math.min(medianCycleTtm, medianCycleAll));
const Q4_2025 = QUARTERS.find((q) => q.label === '2025 Q4');
const Q1_2026 = { s: D(2026, 1, 1), e: D(2026, 3, 31) };
// "New bookings" read literally: won New Business amount in the trailing quarter (expansions excluded).
const trailingQuarterBookings = sum(wonIn(Q4_2025.s, Q4_2025.e).filter((d) => d.type === 'New Business'), (d) => d.amount);
const nextQuarterTarget = roundTo(Math.round(1.1 * trailingQuarterBookings), cents(10000));
const COVERAGE_AIM = 3.15;
const Q2_COVERAGE_AIM = 0.8;
const covStream = stream('coverage');
const q1Open = () => deals.filter((d) => d.status === 'open' && d.kind !== 'stale' && d.close >= Q1_2026.s && d.close <= Q1_2026.e);
{
  let open = sum(q1Open(), (d) => d.amount);
  while (open < (COVERAGE_AIM - 0.03) * nextQuarterTarget) {
    const segment = covStream() < 0.23 ? 'Mid-Market' : 'SMB';
    const source = pickW(covStream, SOURCE_WEIGHTS);
    const d = makeDeal({
      kind: 'extra',
      create: AS_OF - ri(covStream, 0, maxOpenAge - 1),
      close: Q1_2026.s + ri(covStream, 4, 85),
      status: 'open',
      segment,
      source,
      pipeline: pipelineFor(covStream, source),
      amount: amountNew(covStream, segment),
      company: newCompany(),
    });
    open += d.amount;
  }
  for (const d of shuffle(covStream, q1Open())) {
    if (open <= (COVERAGE_AIM + 0.03) * nextQuarterTarget) break;
    d.close = Math.min(OPEN_HORIZON, d.close + ri(covStream, 60, 95));
    open -= d.amount;
  }
  // The quarter after: early-stage deals, about 1.3x the target, so 2026 Q2 is not empty.
  let q2 = sum(deals.filter((d) => d.status === 'open' && d.close > Q1_2026.e), (d) => d.amount);
  while (q2 < Q2_COVERAGE_AIM * nextQuarterTarget) {
    const segment = covStream() < 0.25 ? 'Mid-Market' : 'SMB';
    const source = pickW(covStream, SOURCE_WEIGHTS);
    const d = makeDeal({
      kind: 'extra',
      create: AS_OF - ri(covStream, 0, maxOpenAge - 1),
      close: Q1_2026.e + ri(covStream, 1, 86),
      status: 'open',
      segment,
      source,
      pipeline: pipelineFor(covStream, source),
      amount: amountNew(covStream, segment),
      company: newCompany(),
    });
    q2 += d.amount;
  }
}

// ---------------------------------------------------------------------------------------------
// 7. Owners: a strong closer who, in 2025, carries an outsized share of the bookings.

const ownerStream = stream('owners');
const otherRep = () => pickW(ownerStream, OTHER_REPS.map((r, i) => [r, OTHER_REP_WEIGHTS[i]]));
const anyRep = (heroWeight) => pickW(ownerStream, [[HERO, heroWeight], ...OTHER_REPS.map((r, i) => [r, OTHER_REP_WEIGHTS[i]])]);
const TOTAL_2025 = sum(wonIn(D(2025, 1, 1), AS_OF), (d) => d.amount);
const HERO_SHARE_AIM = 0.4;
for (const acc of accounts) if (acc.legacy) acc.owner = anyRep(1.0);
for (const d of deals) {
  if (d.kind === 'nb' && d.status === 'won' && d.close < D(2025, 1, 1)) {
    d.owner = anyRep(1.9);
    d.account.owner = d.owner;
  }
}
{
  const exp2025 = (acc) => sum(deals.filter((d) => d.kind === 'exp' && d.status === 'won' && d.account === acc && d.close >= D(2025, 1, 1)), (d) => d.amount);
  let hero = 0;
  for (const acc of accounts) if (acc.owner === HERO) hero += exp2025(acc);
  const target = HERO_SHARE_AIM * TOTAL_2025;
  const nbWon2025 = deals.filter((d) => d.kind === 'nb' && d.status === 'won' && d.close >= D(2025, 1, 1));
  for (const d of shuffle(ownerStream, nbWon2025)) {
    const add = d.amount + exp2025(d.account);
    if (hero + add <= target + 0.004 * TOTAL_2025) {
      d.owner = HERO;
      hero += add;
    } else d.owner = otherRep();
    d.account.owner = d.owner;
  }
}
for (const d of deals) {
  if (d.owner !== null) continue;
  d.owner = d.kind === 'exp' ? d.account.owner : anyRep(1.3);
}

// ---------------------------------------------------------------------------------------------
// 8. Finishing: open deals stay younger than 1.9x the median won cycle (only the stale block is old),
//    stages from progress, times of day, HubSpot record ids in creation order.

const finishStream = stream('finish');
for (const d of deals) {
  if (d.status !== 'open' || d.kind === 'stale') continue;
  if (AS_OF - d.create > maxOpenAge) d.create = AS_OF - maxOpenAge + ri(finishStream, 0, maxOpenAge - 30);
  const progress = (AS_OF - d.create) / (d.close - d.create);
  d.stage = Math.min(4, Math.floor(progress * 5));
}
for (const d of deals) {
  d.createMin = ri(finishStream, 8 * 60, 18 * 60 + 59);
  d.closeMin = ri(finishStream, 8 * 60, 18 * 60 + 59);
  d.dollarFormat = finishStream() < 0.33;
}
deals.sort((a, b) => a.create - b.create || a.createMin - b.createMin || a.seq - b.seq);
{
  const idStream = stream('ids');
  let id = 18734000000;
  for (const d of deals) {
    id += ri(idStream, 3, 41);
    d.id = id;
  }
}

function stageOf(d) {
  if (d.status === 'won') return ['Closed Won', '1', 'Closed won'];
  if (d.status === 'lost') return ['Closed Lost', '0', 'Omitted'];
  const [label, p, fc] = OPEN_STAGES[d.stage];
  return [label, String(p), fc];
}
const when = (day, minutes) => `${iso(day)} ${hhmm(minutes)}`;
function dealCells(d) {
  const [stage, prob, fc] = stageOf(d);
  return [
    String(d.id),
    d.name ?? `${d.company} - New Business`,
    stage,
    d.dollarFormat ? dollarAmount(d.amount) : plainAmount(d.amount),
    when(d.create, d.createMin),
    when(d.close, d.closeMin),
    d.owner,
    d.pipeline,
    d.type,
    d.source,
    d.company,
    prob,
    fc,
    d.lostReason,
    d.segment,
  ];
}

// ---------------------------------------------------------------------------------------------
// 9. deals.csv, with the planted rows that the ingest must reject.

const DEALS_HEADER = [
  'Record ID', 'Deal Name', 'Deal Stage', 'Amount', 'Create Date', 'Close Date', 'Deal owner', 'Pipeline', 'Deal Type',
  'Original Traffic Source', 'Associated Company', 'Deal probability', 'Forecast category', 'Closed Lost Reason', 'Segment',
];
const lines = deals.map((d) => csvLine(dealCells(d)));
const firstCreatedOnOrAfter = (day) => deals.findIndex((d) => d.create >= day);
const dirty = [];
{
  // Each dirty row is an extra row (the clean data set is unchanged when they are rejected),
  // inserted before the data row at `at` (0-based index among clean rows).
  const extraId = (at) => String(deals[at - 1].id + 1); // ids step by >= 3, so +1 is free
  const plan = [];
  {
    const at = firstCreatedOnOrAfter(D(2024, 6, 10));
    plan.push({
      at,
      code: 'invalid_date',
      column: 'Close Date',
      value: 'not a date',
      reason: 'Close Date is not a date',
      cells: [extraId(at), 'Crownpoint Ventures - New Business', 'Closed Lost', '8400', '2024-06-10 09:15', 'not a date', 'Tom Becker', 'Sales Pipeline', 'New Business', 'Paid Search', 'Crownpoint Ventures', '0', 'Omitted', 'Timing', 'SMB'],
    });
  }
  {
    const at = firstCreatedOnOrAfter(D(2025, 3, 1));
    plan.push({
      at,
      code: 'invalid_date',
      column: 'Create Date',
      value: '2025-02-30 10:00',
      reason: 'Create Date 2025-02-30 does not exist (February has 28 days in 2025)',
      cells: [extraId(at), 'Bellwether Optics - New Business', 'Closed Won', '14500', '2025-02-30 10:00', '2025-04-11 16:20', 'Aisha Okafor', 'Sales Pipeline', 'New Business', 'Organic Search', 'Bellwether Optics', '1', 'Closed won', '', 'SMB'],
    });
  }
  {
    // A true duplicate: the exact row of a 2025 won deal appears again seven rows later.
    const orig = deals.findIndex((d) => d.create >= D(2025, 4, 1) && d.status === 'won' && d.kind === 'nb');
    plan.push({ at: orig + 8, code: 'duplicate_id', column: 'Record ID', value: String(deals[orig].id), reason: `Record ID ${deals[orig].id} already seen (exact copy of an earlier row)`, line: lines[orig], dupOf: orig });
  }
  {
    const at = firstCreatedOnOrAfter(D(2025, 7, 15));
    plan.push({
      at,
      code: 'missing_amount',
      column: 'Amount',
      value: '',
      reason: 'Amount is blank on a Closed Won deal',
      cells: [extraId(at), 'Marigold Fitness - New Business', 'Closed Won', '', '2025-07-15 11:05', '2025-08-29 15:40', 'Daniel Kim', 'Sales Pipeline', 'New Business', 'Direct Traffic', 'Marigold Fitness', '1', 'Closed won', '', 'SMB'],
    });
  }
  {
    const at = firstCreatedOnOrAfter(D(2025, 11, 3));
    plan.push({
      at,
      code: 'unmapped_stage',
      column: 'Deal Stage',
      value: 'Closed Won - Pending Legal',
      reason: 'Deal Stage "Closed Won - Pending Legal" is not in any stage mapping',
      cells: [extraId(at), 'Halcyon Maritime - New Business', 'Closed Won - Pending Legal', '"$48,000.00"', '2025-11-03 14:30', '2025-12-19 10:00', 'Sophie Laurent', 'Sales Pipeline', 'New Business', 'Events', 'Halcyon Maritime', '0.9', 'Commit', '', 'Mid-Market'],
    });
  }
  for (const p of plan) if (p.cells && p.cells[3].startsWith('"')) p.cells[3] = p.cells[3].slice(1, -1);
  plan.sort((a, b) => a.at - b.at);
  const out = [];
  let k = 0;
  for (let i = 0; i <= lines.length; i++) {
    while (k < plan.length && plan[k].at === i) {
      const p = plan[k++];
      out.push(p.line ?? csvLine(p.cells));
      dirty.push({ ...p, fileLine: out.length + 1 });
    }
    if (i < lines.length) out.push(lines[i]);
  }
  for (const p of dirty) if (p.dupOf !== undefined) p.origLine = out.indexOf(lines[p.dupOf]) + 2;
  lines.length = 0;
  lines.push(...out);
}
const dealsCsv = [csvLine(DEALS_HEADER), ...lines].join('\n') + '\n';

// ---------------------------------------------------------------------------------------------
// 10. spend.csv: monthly rows per channel; paid spend sized from the won deals each channel sourced.

const spendStream = stream('spend');
const MONTHS = [];
for (const y of [2024, 2025]) for (let m = 1; m <= 12; m++) MONTHS.push({ y, m, key: `${y}-${pad2(m)}`, s: D(y, m, 1), e: D(y, m, dim(y, m)) });
const nbWonInYear = (source, y) => deals.filter((d) => d.type === 'New Business' && d.status === 'won' && d.source === source && ymd(d.close).y === y).length;
const spendRows = [];
{
  const EVENT_MONTHS = new Set([3, 6, 9, 10]);
  const shapes = {};
  for (const ch of PAID) {
    shapes[ch] = MONTHS.map((mo, i) => {
      const noise = 0.88 + 0.24 * spendStream();
      if (ch === 'Events') return (EVENT_MONTHS.has(mo.m) ? 3.5 : 0.6) * noise;
      return (1 + 0.02 * (i % 12)) * noise;
    });
  }
  const amounts = {};
  for (const ch of PAID) {
    amounts[ch] = MONTHS.map(() => 0);
    for (const y of [2024, 2025]) {
      const idx = MONTHS.map((mo, i) => (mo.y === y ? i : -1)).filter((i) => i >= 0);
      const yearTotal = nbWonInYear(ch, y) * TARGET_CAC[ch];
      const w = sum(idx, (i) => shapes[ch][i]);
      for (const i of idx) amounts[ch][i] = cents(Math.round((yearTotal * shapes[ch][i]) / w));
    }
  }
  const CONV = {
    // [MQL -> SQL, lead -> MQL]
    'Paid Search': [0.5, 0.42],
    'Paid Social': [0.35, 0.3],
    Events: [0.45, 0.5],
    Content: [0.45, 0.38],
    SEO: [0.5, 0.4],
  };
  MONTHS.forEach((mo, i) => {
    const created = deals.filter((d) => d.type === 'New Business' && d.create >= mo.s && d.create <= mo.e);
    const bySource = (s) => created.filter((d) => d.source === s).length;
    const other = created.length - bySource('Paid Search') - bySource('Paid Social') - bySource('Events');
    const organicShare = 0.55;
    const sqlBase = {
      'Paid Search': bySource('Paid Search'),
      'Paid Social': bySource('Paid Social'),
      Events: bySource('Events'),
      Content: Math.round(other * organicShare),
      SEO: other - Math.round(other * organicShare),
    };
    const yi = mo.y - 2024;
    const fixedSpend = {
      Content: cents(Math.round((9000 + 1000 * yi) * (0.92 + 0.16 * spendStream()))),
      SEO: cents(Math.round((6000 + 500 * yi) * (0.92 + 0.16 * spendStream()))),
    };
    for (const ch of ['Paid Search', 'Paid Social', 'Events', 'Content', 'SEO']) {
      const sqls = Math.round(sqlBase[ch] * (1.05 + 0.1 * spendStream()));
      const mqls = Math.round(sqls / (CONV[ch][0] * (0.9 + 0.2 * spendStream())));
      const leads = Math.round(mqls / (CONV[ch][1] * (0.9 + 0.2 * spendStream())));
      spendRows.push({ period: mo.key, channel: ch, category: 'marketing', amount: amounts[ch]?.[i] ?? fixedSpend[ch], leads, mqls, sqls });
    }
    const salaries = cents(Math.round((84000 + 10000 * yi + 350 * (mo.m - 1)) * (0.99 + 0.02 * spendStream())));
    spendRows.push({ period: mo.key, channel: 'Sales Salaries', category: 'sales', amount: salaries, leads: null, mqls: null, sqls: null });
  });
}
const spendCsv =
  [
    'period,channel,category,amount,leads,mqls,sqls',
    ...spendRows.map((r) => csvLine([r.period, r.channel, r.category, plainAmount(r.amount), r.leads ?? '', r.mqls ?? '', r.sqls ?? ''])),
  ].join('\n') + '\n';

// ---------------------------------------------------------------------------------------------
// 11. renewals.csv. start_date is the start of the contract term being renewed (the previous anniversary).
function termStart(acc, renewalDate) {
  let prev = acc.start;
  for (let k = 1; ; k++) {
    const a = addYears(acc.start, k);
    if (a >= renewalDate) return prev;
    prev = a;
  }
}

const renewalsCsv =
  [
    'account,renewal_date,arr_before,arr_after,segment,start_date,status',
    ...renewals.map((r) =>
      csvLine([r.acc.name, iso(r.date), plainAmount(r.before), plainAmount(r.after), r.acc.segment, iso(termStart(r.acc, r.date)), r.status]),
    ),
  ].join('\n') + '\n';

// ---------------------------------------------------------------------------------------------
// 12. revhealth.config.json

const bookingsIn = (s, e) => sum(wonIn(s, e), (d) => d.amount);
const FORECAST_ERROR = { 1: -0.07, 2: 0.09, 3: 0.28, 4: -0.05 }; // Q3 2025 was over-called
const forecasts = QUARTERS.filter((q) => q.y === 2025).map((q) => {
  const actual = bookingsIn(q.s, q.e);
  const amount = Math.round((actual * (1 + FORECAST_ERROR[q.q])) / 100 / 1000) * 1000;
  return { start: iso(q.s), end: iso(q.e), amount, label: q.label, actual };
});
const rep2025 = (rep) => sum(wonIn(D(2025, 1, 1), AS_OF).filter((d) => d.owner === rep), (d) => d.amount);
// Annual quotas as set at the start of 2025 (two newer reps carry ramp quotas).
const quotas = {
  [HERO]: 1_200_000,
  'Priya Raman': 700_000,
  'Tom Becker': 700_000,
  'Aisha Okafor': 480_000,
  'Daniel Kim': 450_000,
  'Laura Jensen': 550_000,
  'Mateo Alvarez': 450_000,
  'Sophie Laurent': 400_000,
};
const config = {
  company: { name: 'Northwind Analytics', segment: 'mid-market', currency: 'USD', grossMargin: 0.78, operatingMargin: -0.08, fiscalYearStartMonth: 1 },
  targets: { nextQuarterBookings: nextQuarterTarget / 100, quotas },
  forecasts: forecasts.map(({ start, end, amount, label }) => ({ start, end, amount, label })),
  asOf: iso(AS_OF),
};
const configJson = JSON.stringify(config, null, 2) + '\n';

// ---------------------------------------------------------------------------------------------
// 13. Measure what was planted, from the rows as written, and check it against the intended ranges.

const Y2025 = [D(2025, 1, 1), AS_OF];
const Y2024 = [HISTORY_START, D(2024, 12, 31)];
const closedIn = (s, e) => deals.filter((d) => d.status !== 'open' && d.close >= s && d.close <= e);
const winRateCount = (s, e) => {
  const c = closedIn(s, e);
  return c.filter((d) => d.status === 'won').length / c.length;
};
const winRateValue = (s, e) => {
  const c = closedIn(s, e);
  return sum(c.filter((d) => d.status === 'won'), (d) => d.amount) / sum(c, (d) => d.amount);
};
function retention(year, segment) {
  const list = renewals.filter((r) => r.year === year && (segment === null || r.acc.segment === segment));
  const before = sum(list, (r) => r.before);
  return {
    n: list.length,
    before,
    grr: sum(list, (r) => Math.min(r.before, r.after)) / before,
    nrr: sum(list, (r) => r.after) / before,
    logo: list.filter((r) => r.after > 0).length / list.length,
    churned: sum(list.filter((r) => r.after === 0), (r) => r.before),
  };
}
const skewOf = (q) => {
  const w = wonIn(q.s, q.e);
  return { total: sum(w, (d) => d.amount), share: sum(w.filter((d) => inLast14(d.close)), (d) => d.amount) / sum(w, (d) => d.amount) };
};
const openDeals = deals.filter((d) => d.status === 'open');
const pastDue = openDeals.filter((d) => d.close < AS_OF);
const openQ1 = openDeals.filter((d) => d.close >= Q1_2026.s && d.close <= Q1_2026.e);
const openValue = sum(openDeals, (d) => d.amount);
const cac = (ch, s, e) => {
  const spend = sum(spendRows.filter((r) => r.channel === ch && r.period >= monthKey(s) && r.period <= monthKey(e)), (r) => r.amount);
  const won = deals.filter((d) => d.status === 'won' && d.type === 'New Business' && d.source === ch && d.close >= s && d.close <= e).length;
  const wonAny = deals.filter((d) => d.status === 'won' && d.source === ch && d.close >= s && d.close <= e).length;
  return { spend, won, wonAny, cac: spend / won };
};
const byRep = (s, e) => {
  const total = bookingsIn(s, e);
  return REPS.map((r) => ({ rep: r, amount: sum(wonIn(s, e).filter((d) => d.owner === r), (d) => d.amount) }))
    .map((x) => ({ ...x, share: x.amount / total }))
    .sort((a, b) => b.amount - a.amount);
};
const newBookings = (s, e) => sum(wonIn(s, e).filter((d) => d.type === 'New Business'), (d) => d.amount);
const spendIn = (s, e) => sum(spendRows.filter((r) => r.period >= monthKey(s) && r.period <= monthKey(e)), (r) => r.amount);

// ARR ledger at the as-of date: every live account's starting ACV + won expansions + renewal changes.
const arrAsOf = sum(
  accounts.filter((a) => a.churnDay === null || a.churnDay > AS_OF),
  (a) => arrAt(a, AS_OF + 1),
);
const arrStart = sum(accounts.filter((a) => a.legacy), (a) => a.arr0);

const R = {
  ret2025: { SMB: retention(2025, 'SMB'), MM: retention(2025, 'Mid-Market'), all: retention(2025, null) },
  ret2024: { SMB: retention(2024, 'SMB'), MM: retention(2024, 'Mid-Market'), all: retention(2024, null) },
  skew: QUARTERS.map((q) => ({ label: q.label, ...skewOf(q) })),
  cac2025: Object.fromEntries(PAID.map((ch) => [ch, cac(ch, ...Y2025)])),
  cacAll: Object.fromEntries(PAID.map((ch) => [ch, cac(ch, HISTORY_START, AS_OF)])),
  reps2025: byRep(...Y2025),
  reps2024: byRep(...Y2024),
};
const ratio = (tbl, a, b) => tbl[a].cac / tbl[b].cac;

const checks = [];
const check = (what, value, lo, hi) => checks.push({ what, value, lo, hi, ok: value >= lo && value <= hi });
check('SMB GRR 2025', R.ret2025.SMB.grr, 0.76, 0.8);
check('Mid-Market GRR 2025', R.ret2025.MM.grr, 0.92, 0.95);
check('Mid-Market NRR 2025', R.ret2025.MM.nrr, 1.05, 1.12);
check('overall GRR 2025', R.ret2025.all.grr, 0, 0.845);
for (const s of R.skew) {
  if (s.label.startsWith('2025')) check(`quarter-end skew ${s.label}`, s.share, 0.5, 0.6);
  else check(`quarter-end skew ${s.label}`, s.share, 0.25, 0.35);
}
check('past-due open deals (count)', pastDue.length, 60, 80);
check('past-due open value', sum(pastDue, (d) => d.amount) / 100, 1.5e6, 2.5e6);
check('days past due (min)', Math.min(...pastDue.map((d) => AS_OF - d.close)), 30, 200);
check('days past due (max)', Math.max(...pastDue.map((d) => AS_OF - d.close)), 30, 200);
check('Q1 2026 coverage', sum(openQ1, (d) => d.amount) / nextQuarterTarget, 2.5, 3.5);
check('open deals outside 2026-01..06 besides the stale block', openDeals.filter((d) => d.close >= AS_OF && (d.close < Q1_2026.s || d.close > OPEN_HORIZON)).length, 0, 0);
for (const [t, label] of [[R.cac2025, '2025'], [R.cacAll, '24 months']]) {
  check(`Paid Social / Paid Search CAC (${label})`, ratio(t, 'Paid Social', 'Paid Search'), 4, 6);
  check(`Paid Social / Events CAC (${label})`, ratio(t, 'Paid Social', 'Events'), 4, 6);
}
check('top rep share of 2025 bookings', R.reps2025[0].rep === HERO ? R.reps2025[0].share : 0, 0.35, 0.45);
check('deals in file (clean rows)', deals.length, 2500, 4000);
check('win rate by count, 24 months', winRateCount(HISTORY_START, AS_OF), 0.2, 0.28);
check('win rate by count, 2025', winRateCount(...Y2025), 0.2, 0.28);
check('median won cycle 2025 (days)', medianCycleTtm, 45, 75);
check('median won cycle 24 months (days)', medianCycleAll, 45, 75);
const wonAll = deals.filter((d) => d.status === 'won');
check('expansion share of won deals (count)', wonAll.filter((d) => d.type === 'Existing Business').length / wonAll.length, 0.2, 0.25);
check('ARR at as-of (ledger)', arrAsOf / 100, 8e6, 15e6);
check('spend / new bookings 2024', spendIn(...Y2024) / newBookings(...Y2024), 0.3, 0.5);
check('spend / new bookings 2025', spendIn(...Y2025) / newBookings(...Y2025), 0.3, 0.5);
for (const f of forecasts) {
  const acc = 1 - Math.abs(f.actual / 100 - f.amount) / (f.actual / 100);
  if (f.label === '2025 Q3') check(`forecast accuracy ${f.label}`, acc, 0.7, 0.75);
  else check(`forecast accuracy ${f.label}`, acc, 0.85, 1);
}
check('deals.csv size (KB)', Buffer.byteLength(dealsCsv) / 1024, 0, 1024);
check('distinct Associated Company', new Set(deals.map((d) => d.company)).size, 300, 4000);
check('open deals older than 2x median cycle (not past due)', openDeals.filter((d) => d.close > AS_OF && AS_OF - d.create > 2 * Math.min(medianCycleTtm, medianCycleAll)).length, 0, 0);
check('won deals in the skew boundary days', wonAll.filter((d) => inSkewBoundary(d.close)).length, 0, 0);
// No unplanned trend: bookings keep growing quarter over quarter, win rate and cycle stay level in 2025.
{
  const qs = QUARTERS.map((x) => ({ label: x.label, bookings: bookingsIn(x.s, x.e), wr: winRateCount(x.s, x.e), cyc: median(wonCycles(x.s, x.e)) }));
  for (let i = 4; i < 8; i++) check(`bookings ${qs[i].label} / ${qs[i - 1].label}`, qs[i].bookings / qs[i - 1].bookings, i === 7 ? 1.0 : 0.9, 1.35);
  const wr = qs.slice(4).map((x) => x.wr);
  check('2025 quarterly win rate spread (max - min)', Math.max(...wr) - Math.min(...wr), 0, 0.05);
  const cy = qs.slice(4).map((x) => x.cyc);
  check('2025 quarterly median cycle spread (days)', Math.max(...cy) - Math.min(...cy), 0, 8);
  check('bookings growth 2025 / 2024', bookingsIn(...Y2025) / bookingsIn(...Y2024) - 1, 0.2, 0.5);
  check('2026 Q2 open pipeline / target', sum(openDeals.filter((d) => d.close > Q1_2026.e), (d) => d.amount) / nextQuarterTarget, 0.7, 1.6);
}
{
  const perMonth = MONTHS.filter((mo) => mo.y === 2025).map((mo) => deals.filter((d) => d.type === 'New Business' && d.create >= mo.s && d.create <= mo.e).length);
  check('2025 busiest month of deals created / median month', Math.max(...perMonth) / median(perMonth), 1, 1.3);
}
check('quota attainment 2025 (share of owners at or above quota)', REPS.filter((r) => rep2025(r) >= cents(quotas[r])).length / REPS.length, 0.6, 0.75);
{
  const leads = sum(spendRows.filter((r) => r.period >= '2025-01'), (r) => r.leads ?? 0);
  const created = deals.filter((d) => d.create >= D(2025, 1, 1)).length;
  check('2025 deals created / leads', created / leads, 0.15, 0.25);
}
check('records with create > close', deals.filter((d) => d.create > d.close && d.status !== 'open').length, 0, 0);

// ---------------------------------------------------------------------------------------------
// 14. README

const q = (x) => fixed(x, 4);
const usd = (c) => `$${money0(c)}`;
const t2025 = R.ret2025;
const reposPath = (p) => relative(ROOT, p).split('\\').join('/');
const top10 = (() => {
  const byAcc = new Map();
  for (const d of wonIn(...Y2025)) byAcc.set(d.company, (byAcc.get(d.company) ?? 0) + d.amount);
  const amounts = [...byAcc.values()].sort((a, b) => b - a);
  const total = bookingsIn(...Y2025);
  return { top10: sum(amounts.slice(0, 10), (x) => x) / total, largest: amounts[0] / total };
})();
const projectionQ1 = sum(openQ1, (d) => Math.round(d.amount * OPEN_STAGES[d.stage][1]));
const attainment = REPS.filter((r) => rep2025(r) >= cents(quotas[r])).length / REPS.length;
const pastDueDays = pastDue.map((d) => AS_OF - d.close);
const cacRow = (ch) =>
  `| ${ch} | ${usd(R.cac2025[ch].spend)} | ${R.cac2025[ch].won} | ${usd(R.cac2025[ch].cac)} | ${usd(R.cacAll[ch].spend)} | ${R.cacAll[ch].won} | ${usd(R.cacAll[ch].cac)} |`;
const nDeals = deals.length;
const rowsRead = nDeals + dirty.length;

const planted = [
  ['1a', 'SMB gross revenue retention, renewals due in 2025', 'Σ min(after, before) ÷ Σ before', q(t2025.SMB.grr), '0.76–0.80', '±0.002'],
  ['1b', 'Mid-Market GRR, renewals due in 2025', 'same', q(t2025.MM.grr), '0.92–0.95', '±0.002'],
  ['1c', 'Mid-Market NRR, renewals due in 2025', 'Σ after ÷ Σ before', q(t2025.MM.nrr), '1.05–1.12', '±0.002'],
  ['1d', 'Overall GRR, renewals due in 2025 (the TTM `grr`)', 'Σ min ÷ Σ before, all segments', q(t2025.all.grr), '< 0.85', '±0.002'],
  ['1e', 'Overall NRR, renewals due in 2025 (the TTM `nrr`)', 'Σ after ÷ Σ before', q(t2025.all.nrr), '—', '±0.002'],
  ['1f', 'Logo retention 2025 (renewals with arr_after > 0 ÷ due)', 'count', q(t2025.all.logo), '—', '±0.002'],
  ...R.skew
    .filter((s) => s.label.startsWith('2025'))
    .map((s) => [`2 ${s.label}`, `Quarter-end skew ${s.label}: won amount closed in the quarter's last 14 days ÷ quarter's won amount`, 'close ≥ quarter end − 13 days', q(s.share), '0.50–0.60', '±0.005']),
  ['3a', 'Past-due open deals (expected close before 2025-12-31)', 'count', String(pastDue.length), '60–80', 'exact'],
  ['3b', 'Past-due open value', 'Σ Amount', usd(sum(pastDue, (d) => d.amount)), '1.5–2.5 M', 'exact (±$1)'],
  ['3c', 'Days past due, min–max', 'as-of − Close Date', `${Math.min(...pastDueDays)}–${Math.max(...pastDueDays)}`, '30–200', 'exact'],
  ['3d', 'Stale share of open pipeline value (past-due ÷ all open)', 'value', q(sum(pastDue, (d) => d.amount) / openValue), '—', '±0.002'],
  ['3e', 'Open pipeline expected to close 2026 Q1', 'Σ Amount, open, Close Date in 2026-01-01..03-31', usd(sum(openQ1, (d) => d.amount)), '—', 'exact (±$1)'],
  ['3f', 'Pipeline coverage 2026 Q1 (÷ targets.nextQuarterBookings)', 'open Q1 ÷ target', fixed(sum(openQ1, (d) => d.amount) / nextQuarterTarget, 3), '2.5–3.5', '±0.01'],
  ['4a', 'Paid Social CAC ÷ Paid Search CAC (2025)', 'channel spend ÷ won new-business deals from that source', fixed(ratio(R.cac2025, 'Paid Social', 'Paid Search'), 3), '4–6', '±0.01'],
  ['4b', 'Paid Social CAC ÷ Events CAC (2025)', 'same', fixed(ratio(R.cac2025, 'Paid Social', 'Events'), 3), '4–6', '±0.01'],
  ['4c', 'Paid Social CAC ÷ Paid Search CAC (24 months)', 'same', fixed(ratio(R.cacAll, 'Paid Social', 'Paid Search'), 3), '4–6', '±0.01'],
  ['4d', 'Paid Social CAC ÷ Events CAC (24 months)', 'same', fixed(ratio(R.cacAll, 'Paid Social', 'Events'), 3), '4–6', '±0.01'],
  ['5', `Top owner's share of 2025 won bookings (${R.reps2025[0].rep})`, 'owner won amount ÷ all won amount', q(R.reps2025[0].share), '0.35–0.45', '±0.002'],
];

const readme = `# Demo company: Northwind Analytics

Generated by \`scripts/generate-demo.mjs\` (\`npm run fixtures\`); **do not edit by hand** — change the
generator and re-run it. The output is byte-identical on every run (seeded mulberry32 PRNG, seed
${SEED}, no clock, no locale formatting). The figures below are measured by the generator on the rows it
wrote, and the generator refuses to write files if any planted figure leaves its intended range.

Northwind Analytics is a fictional B2B SaaS company selling an analytics product to SMB and
mid-market customers. It started as an SMB tool (a ${usd(arrStart)} ARR base of ${accounts.filter((a) => a.legacy).length} customers won
in 2023, before this export's history) and is moving up-market. The files cover 24 months,
2024-01-01 to 2025-12-31; the as-of date is **2025-12-31**. ARR at the as-of date by the generator's
own ledger (live accounts: starting ACV + won expansions + renewal changes): **${usd(arrAsOf)}**.

## Files

| file | layout | rows | notes |
|---|---|---|---|
| \`deals.csv\` | HubSpot deal export | ${rowsRead} data rows (${nDeals} clean + ${dirty.length} to reject) | comma-delimited, UTF-8 without BOM, \`\\n\` line endings |
| \`spend.csv\` | generic | ${spendRows.length} | one row per month (2024-01 … 2025-12) and channel |
| \`renewals.csv\` | generic | ${renewals.length} | annual renewals due 2024-01-01 … 2025-12-31 |
| \`revhealth.config.json\` | config schema | — | company profile, next-quarter target, quotas, 2025 forecasts, \`asOf\` |

**deals.csv** — header \`${DEALS_HEADER.join(',')}\`.
- \`Amount\` is annual contract value in USD; about a third are written \`"$24,500.00"\` (quoted, currency
  symbol, thousands separators), the rest plain (\`24500\` or \`24500.5\`).
- \`Create Date\` / \`Close Date\` are \`YYYY-MM-DD HH:mm\`. For open deals \`Close Date\` is the expected close date.
  Some deals that closed in early 2024 were created in late 2023 (the export holds every deal *closed*
  from 2024-01-01 on, plus the open ones), so the earliest Create Date is ${iso(Math.min(...deals.map((d) => d.create)))}.
- Stages: open \`Appointment Scheduled\` (0.2), \`Qualified To Buy\` (0.4), \`Presentation Scheduled\` (0.6),
  \`Decision Maker Bought-In\` (0.8), \`Contract Sent\` (0.9); closed \`Closed Won\` (1), \`Closed Lost\` (0).
  Forecast category: \`Pipeline\` (0.2/0.4), \`Best case\` (0.6/0.8), \`Commit\` (0.9), \`Closed won\`, \`Omitted\` (lost).
- \`Deal Type\`: \`New Business\` or \`Existing Business\` (expansions and upsells on existing customers, named
  "… - Expansion" / "… - Upsell"; their source is \`Offline Sources\` or \`Direct Traffic\`, never a paid channel).
  Won expansions always close before the account's next renewal date, so \`renewals.csv\` \`arr_before\`
  includes them.
- \`Original Traffic Source\`: ${SOURCES.map(([s]) => (s === '' ? '(blank)' : `\`${s}\``)).join(', ')}; blank on ${pct(deals.filter((d) => d.source === '').length / nDeals)} of rows.
- \`Segment\`: \`SMB\` (new-business ACV $5k–$20k) or \`Mid-Market\` ($30k–$90k). Pipelines \`Sales Pipeline\` and \`Partner Pipeline\`.
- Some company names contain a comma (\`${deals.find((d) => d.company.includes(','))?.company}\`) and are quoted.
- Record IDs increase with creation order; rows are sorted by Create Date.

**spend.csv** — header \`period,channel,category,amount,leads,mqls,sqls\`. Channels \`Paid Search\`, \`Paid Social\`,
\`Events\`, \`Content\`, \`SEO\` (category \`marketing\`) and \`Sales Salaries\` (category \`sales\`, counts blank).
Amounts are whole USD. SQLs per month total about 1.1× the new-business deals created that month: each
paid channel's SQLs follow the deals created from that source; \`Content\` and \`SEO\` carry the rest
(organic, direct, referral and offline deals). Note that deals' \`Organic Search\` has no spend row of the
same name (its cost sits in \`Content\` and \`SEO\`).

**renewals.csv** — header \`account,renewal_date,arr_before,arr_after,segment,start_date,status\`. One row per
account anniversary falling in 2024–2025: the 2023 base renews in 2024 and (if it stayed) in 2025;
accounts won in 2024 renew in 2025; accounts won in 2025 are not due yet. \`start_date\` is the start of the
term being renewed (the previous anniversary of the first purchase, i.e. renewal_date − 1 year). \`arr_before\` = ARR going into the renewal (starting ACV + won
expansion deals + earlier renewal changes); \`status\` ∈ renewed / expanded / contracted / churned
(\`arr_after\` = 0). Every account also appears as \`Associated Company\` in deals.csv, except the 2023 base
accounts that never bought an expansion. Dates are ISO.

## Planted situations

Measured on the clean rows (the ${dirty.length} dirty rows excluded; they are extra rows, so rejecting them
leaves exactly this data set). Windows are calendar periods, inclusive; TTM = 2025-01-01..2025-12-31
(the metric window \`as-of − 12 months < d ≤ as-of\`). "Tolerance" is what a test comparing revhealth's
output with these figures should allow when it uses the same definition; the figures are exact sums,
so the tolerance only covers rounding of the printed value.

| # | situation / figure | definition | value | intended | tolerance |
|---|---|---|---|---|---|
${planted.map((p) => `| ${p.join(' | ')} |`).join('\n')}

Notes on robustness of those figures:
- **Quarter-end skew**: no won deal closes 12–15 days before a quarter end, so the share is the same whether
  "last 14 days" is read as 13, 14 or 15 days, inclusive or not. 2024 quarters stay near 30 %:
  ${R.skew.filter((s) => s.label.startsWith('2024')).map((s) => `${s.label} ${q(s.share)}`).join(', ')}.
- **Retention**: the 2024 renewals (the 2023 base only) are healthier: SMB GRR ${q(R.ret2024.SMB.grr)} / NRR ${q(R.ret2024.SMB.nrr)},
  Mid-Market GRR ${q(R.ret2024.MM.grr)} / NRR ${q(R.ret2024.MM.nrr)}, overall GRR ${q(R.ret2024.all.grr)}.
  2025: ${t2025.SMB.n} SMB and ${t2025.MM.n} Mid-Market renewals; SMB NRR ${q(t2025.SMB.nrr)}; churned ARR ${usd(t2025.all.churned)}
  of ${usd(t2025.all.before)} due.
- **Stale pipeline**: no other open deal is past due; every other open deal expects to close in 2026-01..2026-06 and
  was created at most ${maxOpenAge} days before the as-of date (below twice the median won cycle), so
  "past expected close" and "older than 2× median cycle" select the same ${pastDue.length} deals.
- **Channel CAC**: paid spend per year was sized from the won new-business deals each paid channel sourced.
  Expansion deals never carry a paid source, so counting all won deals instead of new-business ones gives the same
  ratios.

Paid channel detail:

| channel | spend 2025 | won new deals 2025 | CAC 2025 | spend 24 mo | won 24 mo | CAC 24 mo |
|---|---|---|---|---|---|---|
${PAID.map(cacRow).join('\n')}

Owners, 2025 won bookings: ${R.reps2025.map((x) => `${x.rep} ${pct(x.share)}`).join(', ')}. In 2024 the same rep had
${pct(R.reps2024.find((x) => x.rep === HERO).share)} (top: ${R.reps2024[0].rep} ${pct(R.reps2024[0].share)}).

## Rows the ingest must reject (deals.csv)

Line 1 is the header; line numbers are physical lines (no field in deals.csv spans lines).
Rows read: **${rowsRead}**; used: **${nDeals}**; rejected: **${dirty.length}**.

| line | column | value | expected reject code | why |
|---|---|---|---|---|
${dirty.map((p) => `| ${p.fileLine} | ${p.column} | \`${p.value === '' ? '(blank)' : p.value}\` | \`${p.code}\` | ${p.reason}${p.origLine ? ` (first seen on line ${p.origLine})` : ''} |`).join('\n')}

## Everything else (healthy-normal), for reference

| figure | value |
|---|---|
| clean deals (won / lost / open) | ${nDeals} (${wonAll.length} / ${deals.filter((d) => d.status === 'lost').length} / ${openDeals.length}) |
| bookings 2024 / 2025 (all won) | ${usd(bookingsIn(...Y2024))} / ${usd(bookingsIn(...Y2025))} |
| new-business bookings 2024 / 2025 | ${usd(newBookings(...Y2024))} / ${usd(newBookings(...Y2025))} |
| bookings by quarter 2025 | ${QUARTERS.filter((x) => x.y === 2025).map((x) => `${x.label} ${usd(bookingsIn(x.s, x.e))}`).join(', ')} |
| win rate by count, 2025 / 24 months | ${q(winRateCount(...Y2025))} / ${q(winRateCount(HISTORY_START, AS_OF))} |
| win rate by value, 2025 | ${q(winRateValue(...Y2025))} |
| median won sales cycle, 2025 / 24 months (days, close − create) | ${medianCycleTtm} / ${medianCycleAll} |
| expansion share of won deals (count, 24 months) | ${q(wonAll.filter((d) => d.type === 'Existing Business').length / wonAll.length)} |
| expansion share of 2025 won amount | ${q(sum(wonIn(...Y2025).filter((d) => d.type === 'Existing Business'), (d) => d.amount) / bookingsIn(...Y2025))} |
| spend 2024 / 2025 (÷ new-business bookings) | ${usd(spendIn(...Y2024))} (${q(spendIn(...Y2024) / newBookings(...Y2024))}) / ${usd(spendIn(...Y2025))} (${q(spendIn(...Y2025) / newBookings(...Y2025))}) |
| targets.nextQuarterBookings | ${usd(nextQuarterTarget)} (1.1 × 2025 Q4 won New Business bookings ${usd(trailingQuarterBookings)}, rounded to $10k) |
| probability-weighted open pipeline 2026 Q1 | ${usd(projectionQ1)} |
| top-10 accounts / largest account share of 2025 bookings | ${q(top10.top10)} / ${q(top10.largest)} |
| quota attainment 2025 (owners ≥ quota) | ${q(attainment)} (${REPS.filter((r) => rep2025(r) >= cents(quotas[r])).length} of ${REPS.length}) |
| forecast accuracy 2025 (1 − abs(A − F) ÷ A) | ${forecasts.map((f) => `${f.label} ${q(1 - Math.abs(f.actual / 100 - f.amount) / (f.actual / 100))}`).join(', ')} (Q3 planted as over-called) |
| distinct Associated Company | ${new Set(deals.map((d) => d.company)).size} |
`;

// ---------------------------------------------------------------------------------------------
// 15. Write (only when every check passes) and report.

const failed = checks.filter((c) => !c.ok);
const fmtCheck = (c) => `${c.ok ? 'ok  ' : 'FAIL'} ${c.what}: ${Number.isInteger(c.value) ? c.value : c.value.toFixed(4)} (intended ${c.lo}..${c.hi})`;
if (failed.length > 0) {
  process.stderr.write(`generate-demo: ${failed.length} planted figure(s) out of range, nothing written:\n${failed.map(fmtCheck).join('\n')}\n`);
  process.exit(1);
}
if (CHECK_ONLY) {
  process.stdout.write(`seed ${SEED}: all ${checks.length} checks pass\n${checks.map(fmtCheck).join('\n')}\n`);
  process.exit(0);
}
mkdirSync(OUT_DIR, { recursive: true });
const files = [
  ['deals.csv', dealsCsv],
  ['spend.csv', spendCsv],
  ['renewals.csv', renewalsCsv],
  ['revhealth.config.json', configJson],
  ['README.md', readme],
];
for (const [name, text] of files) writeFileSync(join(OUT_DIR, name), text, 'utf8');

const out = [];
out.push(`Wrote ${files.map(([n, t]) => `${reposPath(join(OUT_DIR, n))} (${Buffer.byteLength(t)} bytes)`).join(', ')}`);
out.push('');
out.push('| # | figure | value | intended |');
out.push('|---|---|---|---|');
for (const p of planted) out.push(`| ${p[0]} | ${p[1]} | ${p[3]} | ${p[4]} |`);
out.push('');
out.push('Dirty rows in deals.csv:');
for (const p of dirty) out.push(`  line ${p.fileLine}: ${p.code} (${p.column} = ${JSON.stringify(p.value)})`);
out.push('');
out.push('Checks:');
for (const c of checks) out.push(`  ${fmtCheck(c)}`);
process.stdout.write(out.join('\n') + '\n');
