/**
 * Calendar arithmetic on UTC day numbers (days since 1970-01-01).
 * Pure and locale-free: the core never reads the clock.
 */
import type { DayNumber } from './model.js';

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil; no Date objects). */
export function dayFromYmd(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** True when year-month-day is a real calendar date. */
export function isValidYmd(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return MONTH_DAYS[month - 1] ?? 0;
}

export interface Ymd {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** H. Hinnant's civil_from_days, the inverse of dayFromYmd: no Date object (the slow part of a day in a loop). */
export function ymdFromDay(day: DayNumber): Ymd {
  if (!Number.isSafeInteger(day)) {
    const d = new Date(day * MS_PER_DAY);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  }
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day: doy - Math.floor((153 * mp + 2) / 5) + 1 };
}

export function isoFromDay(day: DayNumber): string {
  const { year, month, day: dd } = ymdFromDay(day);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(dd)}`;
}

/** "2025-03" for any day in March 2025. */
export function monthKey(day: DayNumber): string {
  const { year, month } = ymdFromDay(day);
  return `${String(year).padStart(4, '0')}-${pad2(month)}`;
}

/** Parses a strict ISO date "YYYY-MM-DD"; null when it is not one. */
export function dayFromIso(iso: string): DayNumber | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return isValidYmd(year, month, day) ? dayFromYmd(year, month, day) : null;
}

/**
 * Adds whole months, clamping the day to the target month's length
 * (2025-03-31 + 1 month = 2025-04-30), the way finance calendars count.
 */
export function addMonths(day: DayNumber, months: number): DayNumber {
  const { year, month, day: dd } = ymdFromDay(day);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return dayFromYmd(y, m, Math.min(dd, daysInMonth(y, m)));
}

export function firstOfMonth(day: DayNumber): DayNumber {
  const { year, month } = ymdFromDay(day);
  return dayFromYmd(year, month, 1);
}

/** A half-open-at-the-start window: start < d <= end. */
export interface Window {
  /** Exclusive. */
  readonly start: DayNumber;
  /** Inclusive. */
  readonly end: DayNumber;
}

export function inWindow(day: DayNumber | null, w: Window): day is DayNumber {
  return day !== null && day > w.start && day <= w.end;
}

/** Trailing window of `months` months ending at asOf: asOf - months < d <= asOf. */
export function trailingMonths(asOf: DayNumber, months: number): Window {
  return { start: addMonths(asOf, -months), end: asOf };
}

/**
 * The fiscal quarter containing `day`, as a window (start exclusive = day before the quarter's first day).
 * fiscalYearStartMonth is 1..12 (1 = January).
 */
export function fiscalQuarterOf(day: DayNumber, fiscalYearStartMonth: number): Window & { readonly first: DayNumber } {
  const { year, month } = ymdFromDay(day);
  const offset = (month - fiscalYearStartMonth + 12) % 12; // months since fiscal year start
  const quarterStartMonthIndex = year * 12 + (month - 1) - (offset % 3);
  const qy = Math.floor(quarterStartMonthIndex / 12);
  const qm = (quarterStartMonthIndex % 12) + 1;
  const first = dayFromYmd(qy, qm, 1);
  const last = addMonths(first, 3) - 1;
  return { start: first - 1, end: last, first };
}

/** Label like "FY2025 Q2" where the fiscal year is named by the calendar year it ends in. */
export function fiscalQuarterLabel(day: DayNumber, fiscalYearStartMonth: number): string {
  const { year, month } = ymdFromDay(day);
  const offset = (month - fiscalYearStartMonth + 12) % 12;
  const q = Math.floor(offset / 3) + 1;
  const fyEndYear = fiscalYearStartMonth === 1 ? year : month >= fiscalYearStartMonth ? year + 1 : year;
  return `FY${fyEndYear} Q${q}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
