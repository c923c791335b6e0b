/**
 * Deterministic benchmark inputs: deals (10 columns, a third of the amounts quoted like
 * "$8,763.00"), monthly spend and renewals, sized by deal rows. Seeded PRNG, no clock.
 * Usage: node bench/generate.mjs ROWS OUT_DIR
 */
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OWNERS = ['Ava Chen', 'Ben Ortiz', 'Cara Diaz', 'Dev Patel', 'Eli Novak', 'Fay Moreau', 'Gus Ahmed', 'Hana Sato', 'Ian Berg', 'Jo Kim'];
const SOURCES = ['Paid Search', 'Paid Social', 'Events', 'Organic Search', 'Referrals', 'Direct Traffic', ''];
const SEGMENTS = ['SMB', 'Mid-Market', 'Enterprise'];
const START = Date.UTC(2022, 0, 1) / 86400000;
const SPAN = 4 * 365;

function iso(day) {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}

/** Cents as "$12,345.00". */
export function dollars(cents) {
  const s = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `$${s}.${String(cents % 100).padStart(2, '0')}`;
}

/** A file written in order with back-pressure: `await write(s)`, then `await end()`. */
export function fileWriter(path) {
  const out = createWriteStream(path);
  return {
    write: (s) => (out.write(s) ? Promise.resolve() : new Promise((r) => out.once('drain', r))),
    end: () => new Promise((r) => out.end(r)),
  };
}

export async function generate(rows, dir) {
  mkdirSync(dir, { recursive: true });
  const rand = mulberry32(20261123 + rows);
  const { write, end } = fileWriter(join(dir, 'deals.csv'));
  await write('id,amount,stage,created,closed,owner,source,segment,type,account\n');
  let buf = '';
  for (let i = 1; i <= rows; i++) {
    const created = START + Math.floor(rand() * SPAN);
    const r = rand();
    const stage = r < 0.22 ? 'Closed Won' : r < 0.8 ? 'Closed Lost' : 'Negotiation';
    const closed = created + 10 + Math.floor(rand() * 150);
    const cents = 100000 + Math.floor(rand() * 9000000);
    const amount = i % 3 === 0 ? `"${dollars(cents)}"` : (cents / 100).toFixed(2);
    const seg = SEGMENTS[Math.floor(rand() * 3)];
    buf += `D${i},${amount},${stage},${iso(created)},${iso(closed)},${OWNERS[i % 10]},${SOURCES[Math.floor(rand() * 7)]},${seg},${rand() < 0.75 ? 'New Business' : 'Existing Business'},Account ${Math.floor(rand() * rows / 4)}\n`;
    if (buf.length > 1 << 16) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await end();
  writeSpendAndRenewals(dir, rows, rand, {
    channels: ['Paid Search', 'Paid Social', 'Events', 'Organic Search'],
    account: (i) => `Account ${i}`,
    date: iso,
  });
}

/**
 * spend.csv (48 months from 2022-01: each marketing channel, then "Sales Salaries") and
 * renewals.csv (rows / 20, at least 100) of a generated folder, drawing on the deals' `rand` after
 * them. `account(i)` is the renewal's account cell as written (quoted where it must be), `date(day)`
 * the renewal date's text.
 */
export function writeSpendAndRenewals(dir, rows, rand, { channels, account, date }) {
  let spend = 'period,channel,category,amount,leads\n';
  for (let m = 0; m < 48; m++) {
    const period = `${2022 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    for (const ch of channels) {
      spend += `${period},${ch},marketing,${Math.round(rows * (2 + rand() * 4))},${Math.round(rows / 20)}\n`;
    }
    spend += `${period},Sales Salaries,sales,${Math.round(rows * 6)},\n`;
  }
  writeFileSync(join(dir, 'spend.csv'), spend);
  let ren = 'account,renewal_date,arr_before,arr_after,segment\n';
  const renewals = Math.max(100, Math.floor(rows / 20));
  for (let i = 0; i < renewals; i++) {
    const before = 5000 + Math.floor(rand() * 80000);
    const r = rand();
    const after = r < 0.1 ? 0 : r < 0.25 ? Math.floor(before * 0.8) : r < 0.45 ? Math.floor(before * 1.2) : before;
    ren += `${account(i)},${date(START + 365 + Math.floor(rand() * 3 * 365))},${before},${after},${SEGMENTS[i % 3]}\n`;
  }
  writeFileSync(join(dir, 'renewals.csv'), ren);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = Number(process.argv[2] ?? 100000);
  await generate(rows, process.argv[3] ?? `/tmp/revhealth-bench/${rows}`);
}

/** The folder of `rows` generated deals under `base` (generated on first use); returns its path. */
export async function ensureGenerated(rows, base) {
  const dir = join(base, String(rows));
  if (!existsSync(join(dir, 'deals.csv'))) {
    process.stderr.write(`generating ${rows} deals in ${dir}\n`);
    await generate(rows, dir);
  }
  return dir;
}
