/**
 * Presentation of numbers with a fixed locale (en-US), never the machine's.
 */
/** How a metric's value is measured; decides how it is printed. */
export type MetricUnit = 'ratio' | 'currency' | 'days' | 'months' | 'count' | 'multiple';

/**
 * `x` in en-US, grouped by thousands, with `min` to `max` fraction digits: what
 * `Intl.NumberFormat('en-US', { minimumFractionDigits: min, maximumFractionDigits: max })` prints,
 * computed in JavaScript because the first Intl.NumberFormat of a process (toLocaleString too)
 * loads ICU's number data, 15-25 ms of every run (start-up, issue 17). ICU rounds the shortest
 * decimal that reads back as `x` (what String(x) prints), half away from zero: so does this, on
 * that string (1.005 -> "1.01", where toFixed gives "1.00"); a negative value keeps its sign even
 * at zero ("-0"). Values String() writes with an exponent (below 1e-6 or from 1e21) and non-finite
 * ones go to Intl itself. test/base/format.test.ts compares the two over a million values.
 */
function fixed(x: number, min: number, max: number): string {
  const s = String(Math.abs(x));
  if (!Number.isFinite(x) || s.includes('e')) return intl(min, max).format(x);
  const dot = s.indexOf('.');
  let int = dot < 0 ? s : s.slice(0, dot);
  let frac = dot < 0 ? '' : s.slice(dot + 1);
  if (frac.length > max) {
    const up = (frac.charCodeAt(max) as number) >= 53; // the first dropped digit is 5 or more
    frac = frac.slice(0, max);
    if (up) {
      const d = [...int, ...frac];
      let i = d.length - 1;
      while (i >= 0 && d[i] === '9') d[i--] = '0';
      if (i < 0) d.unshift('1');
      else d[i] = String(Number(d[i]) + 1);
      int = d.slice(0, d.length - max).join('');
      frac = d.slice(d.length - max).join('');
    }
  }
  let end = frac.length;
  while (end > min && frac[end - 1] === '0') end--;
  frac = frac.slice(0, end).padEnd(min, '0');
  let grouped = int.slice(0, ((int.length - 1) % 3) + 1);
  for (let i = grouped.length; i < int.length; i += 3) grouped += `,${int.slice(i, i + 3)}`;
  return `${x < 0 || Object.is(x, -0) ? '-' : ''}${grouped}${frac === '' ? '' : `.${frac}`}`;
}

const formats = new Map<string, Intl.NumberFormat>();
/** The Intl format `fixed` stands for, built on first use (see above). */
function intl(min: number, max: number): Intl.NumberFormat {
  const key = `${min},${max}`;
  let f = formats.get(key);
  if (f === undefined) formats.set(key, (f = new Intl.NumberFormat('en-US', { minimumFractionDigits: min, maximumFractionDigits: max })));
  return f;
}

/** A count or any number as `n.toLocaleString('en-US')` prints it (1234 -> "1,234", 0.12345 -> "0.123"), without loading ICU. */
export function formatCount(n: number): string {
  return fixed(n, 0, 3);
}

/** `n` with up to `maxFractionDigits` decimals, as `n.toLocaleString('en-US', { maximumFractionDigits })` prints it. */
export function formatDecimal(n: number, maxFractionDigits: number): string {
  return fixed(n, 0, maxFractionDigits);
}

export function formatInt(n: number): string {
  return fixed(n, 0, 0);
}

/** 1234567 -> "$1.23M"; 45600 -> "$45.6k"; 950 -> "$950". Currency symbol for USD/EUR/GBP, else the code. */
export function formatMoney(units: number, currency = 'USD'): string {
  const sign = units < 0 ? '-' : '';
  const a = Math.abs(units);
  const sym = currency === 'USD' ? '$' : currency === 'EUR' ? '€' : currency === 'GBP' ? '£' : `${currency} `;
  if (a >= 1e9) return `${sign}${sym}${fixed(a / 1e9, 2, 2)}B`;
  if (a >= 1e6) return `${sign}${sym}${fixed(a / 1e6, 2, 2)}M`;
  if (a >= 1e4) return `${sign}${sym}${fixed(a / 1e3, 1, 1)}k`;
  return `${sign}${sym}${fixed(Math.round(a), 0, 0)}`;
}

/** Exact money with cents grouping: 1234567.5 -> "$1,234,567.50". */
export function formatMoneyExact(units: number, currency = 'USD'): string {
  const sym = currency === 'USD' ? '$' : currency === 'EUR' ? '€' : currency === 'GBP' ? '£' : `${currency} `;
  return `${units < 0 ? '-' : ''}${sym}${fixed(Math.abs(units), 2, 2)}`;
}

export function formatPercent(ratio: number, digits = 1): string {
  const d = digits === 0 ? 0 : digits === 1 ? 1 : 2;
  return `${fixed(ratio * 100, d, d)}%`;
}

export function formatValue(value: number | null, unit: MetricUnit, currency = 'USD'): string {
  if (value === null) return 'n/a';
  switch (unit) {
    case 'ratio':
      return formatPercent(value);
    case 'currency':
      return formatMoney(value, currency);
    case 'days':
      return `${fixed(value, 1, 1).replace(/\.0$/, '')} d`;
    case 'months':
      return `${fixed(value, 1, 1)} mo`;
    case 'count':
      return fixed(value, 0, 0);
    case 'multiple':
      return `${fixed(value, 2, 2)}×`;
  }
}

/** At most n characters, the last one an ellipsis when cut (the one truncation rule of messages). */
export function truncate(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}
