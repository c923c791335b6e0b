/**
 * Report preambles: the lines ad platforms write above the header row of a report export.
 *
 * - Google Ads UI reports: a title line ("Campaign report"), a date-range line
 *   ("November 1, 2024 - November 30, 2024", or "All time"), then the header;
 * - LinkedIn Campaign Manager: a title line and "Key: value" report-info lines
 *   ("Report Start: 11/1/2024, 12:00 AM", "Account Name: Acme", …), then the header.
 *
 * Pure: takes the first physical lines of the decoded file, returns how many to skip and what the
 * skipped lines said (the reporting range). A file whose first line is already a header has
 * `skip === 0`. The header is the first line with at least three non-empty cells that is not a
 * "Key: value" info line; when no such line comes within the first lines looked at, nothing is
 * skipped (the file is read as it always was).
 *
 * The one header finder: the reader (read-table.ts), init and the classifier (classify.ts) all
 * find the header here, so a file is read from the row it was classified by.
 */
import type { DayNumber } from '../base/model.js';
import { dayFromYmd, daysInMonth, ymdFromDay } from '../base/time.js';
import { normalizeKey, pairEvidence, parseDate } from './cells.js';
import { truncate } from './table.js';

/** Most preamble lines looked at before giving up (Google Ads writes 2, LinkedIn about 10). */
export const MAX_PREAMBLE_LINES = 20;

export type ReportRange =
  /** First and last day the report covers (inclusive). */
  | { readonly kind: 'range'; readonly from: DayNumber; readonly to: DayNumber; readonly text: string; readonly line: number }
  /** "All time", "Lifetime", "Maximum": no dates at all. */
  | { readonly kind: 'all_time'; readonly text: string; readonly line: number };

export interface Preamble {
  /** Physical lines before the header row (blank lines included). */
  readonly skip: number;
  /** The non-blank preamble lines, unquoted and trimmed (for messages). */
  readonly lines: readonly string[];
  /** The reporting range the preamble states, or null when it states none. */
  readonly range: ReportRange | null;
  /** The day/month order the preamble's own slash dates prove ("11/30/2024" is month first), or null. */
  readonly dateOrder: 'MDY' | 'DMY' | null;
}

export const NO_PREAMBLE: Preamble = { skip: 0, lines: [], range: null, dateOrder: null };

/** The first `max` physical lines of a text (CRLF, LF or CR). */
export function firstLines(text: string, max = MAX_PREAMBLE_LINES + 1): string[] {
  const out: string[] = [];
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (out.length < max && start <= text.length) {
    let end = start;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    if (end >= text.length) {
      if (start < text.length) out.push(text.slice(start));
      break;
    }
    out.push(text.slice(start, end));
    start = text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : end + 1;
  }
  return out;
}

/** The text after the first `n` physical lines. */
export function dropLines(text: string, n: number): string {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let k = 0; k < n && i < text.length; k++) {
    while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    i = text[i] === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
  }
  return text.slice(i);
}

/** "2 report line(s) above the header skipped ("Opportunities", "As of 11/30/2024")", for the file's warnings. */
export function preambleNote(preamble: Preamble): string {
  return `${preamble.skip} report line(s) above the header skipped (${preamble.lines.slice(0, 3).map((l) => `"${truncate(l, 60)}"`).join(', ')}${preamble.lines.length > 3 ? ', …' : ''})`;
}

/** 0-based index of the header row among the first lines of a file (0 when it opens with its header). */
export function findHeaderRow(lines: readonly string[]): number {
  return readPreamble(lines).skip;
}

export function readPreamble(lines: readonly string[], dateFormat?: 'MDY' | 'DMY' | 'YMD'): Preamble {
  const kept: { text: string; line: number }[] = [];
  const limit = Math.min(lines.length, MAX_PREAMBLE_LINES + 1);
  for (let i = 0; i < limit; i++) {
    const raw = lines[i] as string;
    const cells = splitLine(raw);
    const nonEmpty = cells.filter((c) => c.trim() !== '');
    if (isHeaderLine(raw, cells, nonEmpty.length, lines[i + 1])) {
      if (i === 0) return NO_PREAMBLE;
      const dateOrder = orderOf(kept);
      return { skip: i, lines: kept.map((k) => k.text), range: rangeOf(kept, dateFormat ?? dateOrder ?? undefined), dateOrder };
    }
    if (nonEmpty.length > 0) kept.push({ text: nonEmpty.map((c) => c.trim()).join(', '), line: i + 1 });
  }
  return NO_PREAMBLE;
}

/**
 * The header: three or more cells (two when the next line has as many), mostly words rather than
 * numbers, and not a report line — a "Key: value" info line, or a date range written without
 * quotes ("November 1, 2024 - …" splits into three cells at its commas).
 */
function isHeaderLine(raw: string, cells: readonly string[], nonEmpty: number, next: string | undefined): boolean {
  if (nonEmpty < 2 || isInfoLine(cells) || parseRangeText(raw.replace(/"/g, '')) !== null) return false;
  // a row of numbers and dates ("2025,01,02", "1,250.40,USD") is data, not a header
  const textual = cells.filter((c) => c.trim() !== '' && !/^[\s$€£¥%+\-.,:/()\d]*$/.test(c)).length;
  if (textual < Math.ceil(nonEmpty * 0.6)) return false;
  if (nonEmpty >= 3) return true;
  if (next === undefined) return false;
  const nextCells = splitLine(next);
  return nextCells.length === cells.length && nextCells.filter((c) => c.trim() !== '').length >= 2 && !isInfoLine(nextCells);
}

/** "Report Start: 11/1/2024, 12:00 AM": a label with a colon, then a value. */
function isInfoLine(cells: readonly string[]): boolean {
  return /^[\p{L}][\p{L}\p{N} ._()/-]{0,40}:(\s|$)/u.test((cells[0] ?? '').trim());
}

const ALL_TIME = new Set(['alltime', 'lifetime', 'maximum', 'max', 'allavailabledates', 'alldates']);
const START_LABELS = ['reportstart', 'startdate', 'reportingstarts', 'from', 'start', 'reportingperiodstart'];
const END_LABELS = ['reportend', 'enddate', 'reportingends', 'to', 'end', 'reportingperiodend'];

function rangeOf(kept: readonly { text: string; line: number }[], dateFormat?: 'MDY' | 'DMY' | 'YMD'): ReportRange | null {
  let from: { day: DayNumber; line: number; text: string } | null = null;
  let to: { day: DayNumber; line: number; text: string } | null = null;
  for (const k of kept) {
    const text = k.text;
    if (ALL_TIME.has(normalizeKey(text)) || /^date range:\s*all time$/i.test(text)) return { kind: 'all_time', text, line: k.line };
    const range = parseRangeText(text, dateFormat);
    if (range) return { kind: 'range', from: range.from, to: range.to, text, line: k.line };
    // "Report Start: 11/1/2024, 12:00 AM" / "Report End: …"
    const m = /^([^:]{1,40}):\s*(.+)$/.exec(text);
    if (m) {
      const label = normalizeKey(m[1] as string);
      const day = dayOf((m[2] as string).replace(/^"|"$/g, ''), dateFormat);
      if (day !== null && START_LABELS.includes(label)) from = { day, line: k.line, text };
      if (day !== null && END_LABELS.includes(label)) to = { day, line: k.line, text };
    }
  }
  if (from && to && from.day <= to.day) return { kind: 'range', from: from.day, to: to.day, text: `${from.text}; ${to.text}`, line: from.line };
  return null;
}

/** The order slash dates in the preamble prove: a first number above 12 is a day, a second one above 12 is. */
function orderOf(kept: readonly { text: string }[]): 'MDY' | 'DMY' | null {
  let order: 'MDY' | 'DMY' | null = null;
  for (const k of kept) {
    for (const m of k.text.matchAll(/\b(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})\b/g)) {
      const evidence = pairEvidence(Number(m[1]), Number(m[2]));
      if (evidence === null) continue;
      if (order !== null && order !== evidence) return null;
      order = evidence;
    }
  }
  return order;
}

/** "November 1, 2024 - November 30, 2024", "2024-11-01 – 2024-11-30", "1 Nov 2024 to 30 Nov 2024". */
export function parseRangeText(text: string, dateFormat?: 'MDY' | 'DMY' | 'YMD'): { from: DayNumber; to: DayNumber } | null {
  const s = text.replace(/^date range:\s*/i, '').trim();
  const parts = s.split(/\s+(?:-|–|—|to)\s+/);
  if (parts.length !== 2) return null;
  const from = dayOf(parts[0] as string, dateFormat);
  const to = dayOf(parts[1] as string, dateFormat);
  if (from === null || to === null || from > to) return null;
  return { from, to };
}

/** A date in a preamble; a slash pair neither order settles is read month first (the US default of these exports) unless --date-format says otherwise. */
function dayOf(raw: string, dateFormat?: 'MDY' | 'DMY' | 'YMD'): DayNumber | null {
  const cell = parseDate(raw.trim(), dateFormat);
  if (cell.kind === 'day') return cell.day;
  if (cell.kind === 'pair') {
    const [month, day] = cell.first > 12 ? [cell.second, cell.first] : [cell.first, cell.second];
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(cell.year, month)) return null;
    return dayFromYmd(cell.year, month, day);
  }
  return null;
}

/** True when from..to lies within one calendar month. */
export function sameMonth(from: DayNumber, to: DayNumber): boolean {
  const a = ymdFromDay(from);
  const b = ymdFromDay(to);
  return a.year === b.year && a.month === b.month;
}

/** Cells of one line: the most frequent delimiter outside quotes (comma, semicolon, tab, pipe), quotes removed. */
export function splitLine(line: string): string[] {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0, '|': 0 };
  let inQuotes = false;
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch in counts) counts[ch] = (counts[ch] as number) + 1;
  }
  let delimiter = ',';
  for (const d of [';', '\t', '|']) if ((counts[d] as number) > (counts[delimiter] as number)) delimiter = d;
  const cells: string[] = [];
  let cur = '';
  inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (ch === '"') {
      if (inQuotes && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else inQuotes = !inQuotes;
    } else if (ch === delimiter && !inQuotes) {
      cells.push(cur);
      cur = '';
    } else cur += ch;
  }
  cells.push(cur);
  return cells;
}
