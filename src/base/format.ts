/**
 * Presentation of numbers with a fixed locale (en-US), never the machine's.
 */
/** How a metric's value is measured; decides how it is printed. */
export type MetricUnit = 'ratio' | 'currency' | 'days' | 'months' | 'count' | 'multiple';

// Built on first use, not at import: the first Intl.NumberFormat loads ICU's number data (15-20 ms),
// which `revhealth --version` and `--help` never need (start-up, issue 17).
let formats: readonly [Intl.NumberFormat, Intl.NumberFormat, Intl.NumberFormat] | undefined;
function nf(fractionDigits: 0 | 1 | 2): Intl.NumberFormat {
  formats ??= [
    new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }),
    new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  ];
  return formats[fractionDigits];
}

export function formatInt(n: number): string {
  return nf(0).format(n);
}

/** 1234567 -> "$1.23M"; 45600 -> "$45.6k"; 950 -> "$950". Currency symbol for USD/EUR/GBP, else the code. */
export function formatMoney(units: number, currency = 'USD'): string {
  const sign = units < 0 ? '-' : '';
  const a = Math.abs(units);
  const sym = currency === 'USD' ? '$' : currency === 'EUR' ? '€' : currency === 'GBP' ? '£' : `${currency} `;
  if (a >= 1e9) return `${sign}${sym}${nf(2).format(a / 1e9)}B`;
  if (a >= 1e6) return `${sign}${sym}${nf(2).format(a / 1e6)}M`;
  if (a >= 1e4) return `${sign}${sym}${nf(1).format(a / 1e3)}k`;
  return `${sign}${sym}${nf(0).format(Math.round(a))}`;
}

/** Exact money with cents grouping: 1234567.5 -> "$1,234,567.50". */
export function formatMoneyExact(units: number, currency = 'USD'): string {
  const sym = currency === 'USD' ? '$' : currency === 'EUR' ? '€' : currency === 'GBP' ? '£' : `${currency} `;
  return `${units < 0 ? '-' : ''}${sym}${nf(2).format(Math.abs(units))}`;
}

export function formatPercent(ratio: number, digits = 1): string {
  const f = nf(digits === 0 ? 0 : digits === 1 ? 1 : 2);
  return `${f.format(ratio * 100)}%`;
}

export function formatValue(value: number | null, unit: MetricUnit, currency = 'USD'): string {
  if (value === null) return 'n/a';
  switch (unit) {
    case 'ratio':
      return formatPercent(value);
    case 'currency':
      return formatMoney(value, currency);
    case 'days':
      return `${nf(1).format(value).replace(/\.0$/, '')} d`;
    case 'months':
      return `${nf(1).format(value)} mo`;
    case 'count':
      return nf(0).format(value);
    case 'multiple':
      return `${nf(2).format(value)}×`;
  }
}

/** At most n characters, the last one an ellipsis when cut (the one truncation rule of messages). */
export function truncate(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}
