/**
 * What an input file is, from its content: the header row (found within the first lines, after any
 * report preamble) and a sample of rows are scored against every preset of every input kind; the
 * best usable match wins, and the file name only breaks ties. Pure: takes the text of the file's
 * first bytes, never the file system.
 *
 * Adding a preset to presets.ts (one data entry) is all it takes for its files to be recognised.
 */
import { parse } from 'csv-parse/sync';
import type { InputKind } from '../model.js';
import { normalizeKey } from './cells.js';
import { resolveHeader, signatureHits } from './header.js';
import { FIELD_LABELS, REQUIRED } from './presets.js';

/** The config's inputs.<kind>.columns, per kind. */
export type ColumnOverrides = Partial<Record<InputKind, Readonly<Record<string, string>>>>;

/** What a file can be: an input kind, a users lookup (Salesforce User.csv: owner id -> name), or nothing. */
export type FileKind = InputKind | 'users';

export interface KindScore {
  readonly kind: InputKind;
  /** The preset the header matches best for that kind. */
  readonly preset: string;
  /** All required columns found. */
  readonly usable: boolean;
  /** Fields recognised, required ones counting most (see scoreKind). */
  readonly score: number;
  readonly matched: number;
  /** Human labels of the required columns not found. */
  readonly missing: readonly string[];
}

export interface Classification {
  /** The kind to use the file as, or null when it is not an input. */
  readonly kind: FileKind | null;
  readonly preset: string | null;
  readonly score: number;
  /** One sentence: why this kind, or why none. */
  readonly reason: string;
  /** The closest input kind a skipped file resembled, with what it lacked; null when used or nothing came close. */
  readonly closest: KindScore | null;
  /** 0-based index of the header row among the file's lines (after a report preamble). */
  readonly headerRow: number;
  readonly header: readonly string[];
}

const KINDS: readonly InputKind[] = ['deals', 'spend', 'renewals', 'subscriptions', 'accounts'];

/** File-name hints, only to break a tie between equally good content matches. */
const NAME_HINTS: Readonly<Record<FileKind, RegExp>> = {
  deals: /deal|opportunit|opps|pipeline|potential/i,
  spend: /spend|marketing|campaign|ads?[ _-]|ad_report|cost/i,
  renewals: /renewal/i,
  subscriptions: /subscription|mrr|billing/i,
  accounts: /account|compan|organi[sz]ation|customer/i,
  users: /^users?\b|user\.csv/i,
};

const MAX_PREAMBLE = 10;

/**
 * The 0-based index of the header row within the first lines of a report: ad-platform UI reports
 * (Google Ads, Meta, LinkedIn) open with a title line and a date-range line before the header. The
 * header is the first line with at least two non-empty, mostly non-numeric cells that the next line
 * matches in width (or the last line, when no data follows). 0 when nothing better is found.
 *
 * Shared: h4's spend reader (report preambles) may call this too — keep it pure and dependency-free.
 */
export function findHeaderRow(lines: readonly string[], delimiter = sniffLineDelimiter(lines)): number {
  const limit = Math.min(lines.length, MAX_PREAMBLE);
  const widths: number[] = [];
  const cells: string[][] = [];
  for (let i = 0; i < Math.min(lines.length, limit + 1); i++) {
    const c = splitLine(lines[i] as string, delimiter);
    cells.push(c);
    widths.push(c.filter((x) => x.trim() !== '').length);
  }
  for (let i = 0; i < limit; i++) {
    const c = cells[i] as string[];
    const filled = c.filter((x) => x.trim() !== '');
    if (filled.length < 2) continue;
    const textual = filled.filter((x) => !/^[\s$€£¥%+\-.,:/()\d]*$/.test(x)).length;
    if (textual < Math.ceil(filled.length * 0.6)) continue;
    const next = cells[i + 1];
    if (next === undefined || next.length >= c.length - 1) return i;
  }
  return 0;
}

function sniffLineDelimiter(lines: readonly string[]): string {
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t', '|']) {
    let max = 0;
    for (const l of lines.slice(0, MAX_PREAMBLE)) max = Math.max(max, splitLine(l, d).length - 1);
    if (max > bestCount) {
      best = d;
      bestCount = max;
    }
  }
  return best;
}

/** Splits one line on a delimiter outside double quotes (quotes removed); enough for sniffing. */
function splitLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (ch === '"') {
      if (quoted && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
    } else if (ch === delimiter && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Scores a header as each input kind: the best preset's recognised fields, required ones weighing most. */
export function scoreKinds(header: readonly string[], overrides: ColumnOverrides = {}): KindScore[] {
  const normalized = header.map(normalizeKey);
  return KINDS.map((kind): KindScore => {
    // the config's column mapping for a kind counts only where it fits this file's header
    const own = overrides[kind] ?? {};
    const mapped = resolveHeader(kind, header, own);
    const r = !mapped.ok && mapped.problems.some((p) => p.keyPath !== null) ? resolveHeader(kind, header) : mapped;
    const index = r.ok ? r.mapping.index : r.index;
    const required = (REQUIRED[kind] as readonly string[]).filter((f) => f in index).length;
    const matched = Object.keys(index).length;
    const hits = signatureHits(r.ok ? r.mapping.preset : r.preset, normalized);
    const missing = r.ok ? [] : r.missing.map((f) => FIELD_LABELS[f] ?? f);
    // Required fields dominate; then any other recognised field; the preset's own signature breaks ties.
    const score = required * 10 + (matched - required) * 2 + hits;
    return { kind, preset: (r.ok ? r.mapping.preset : r.preset).id, usable: r.ok, score, matched, missing };
  });
}

/** Salesforce User.csv and similar: ids to people's names, for owners. */
function looksLikeUsers(normalized: ReadonlySet<string>): boolean {
  return normalized.has('id') && normalized.has('name') && (normalized.has('username') || (normalized.has('firstname') && normalized.has('lastname') && normalized.has('email')));
}

/**
 * Classifies a file from its first bytes of text (a few hundred rows are plenty). `fileName` only
 * breaks ties. Data rows are sampled so that a header which names the right columns but holds
 * nothing in them (all amounts blank) does not win.
 */
export function classifyText(fileName: string, text: string, overrides: ColumnOverrides = {}): Classification {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // drop a partial last line: the text is a prefix of the file
  const lastBreak = Math.max(body.lastIndexOf('\n'), body.lastIndexOf('\r'));
  const complete = lastBreak > 0 && body.length >= 65536 ? body.slice(0, lastBreak) : body;
  const lines = complete.split(/\r\n|\n|\r/).slice(0, MAX_PREAMBLE + 1);
  const delimiter = sniffLineDelimiter(lines);
  const headerRow = findHeaderRow(lines, delimiter);
  let rows: string[][];
  try {
    rows = parse(complete, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, from_line: headerRow + 1, to: 200 }) as string[][];
  } catch {
    return { kind: null, preset: null, score: 0, reason: 'not readable as CSV (unbalanced quotes or a binary file)', closest: null, headerRow, header: [] };
  }
  const header = (rows[0] ?? []).map((h) => h.trim());
  if (header.length < 2) {
    return { kind: null, preset: null, score: 0, reason: header.length === 0 ? 'empty' : 'one column only: not a table', closest: null, headerRow, header };
  }
  const sample = rows.slice(1);
  const normalized = new Set(header.map(normalizeKey));
  const scores = scoreKinds(header, overrides).map((s) => ({ ...s, score: s.score - samplePenalty(s, header, sample, overrides) }));
  const usable = scores.filter((s) => s.usable).sort((a, b) => b.score - a.score || nameHint(fileName, b.kind) - nameHint(fileName, a.kind));
  const top = [...scores].sort((a, b) => b.score - a.score)[0] as KindScore;
  // a deals file missing one column must not pass as an accounts list because it has an account column
  const nearMiss = top.kind !== usable[0]?.kind && !top.usable && top.missing.length === 1 && top.score > (usable[0]?.score ?? 0);
  const best = nearMiss ? undefined : usable[0];
  if (looksLikeUsers(normalized) && (best === undefined || best.kind === 'accounts')) {
    return { kind: 'users', preset: null, score: 1, reason: 'a users list (Id, Name, Username): used for owner names', closest: null, headerRow, header };
  }
  if (best !== undefined) {
    const fields = best.matched;
    return {
      kind: best.kind,
      preset: best.preset,
      score: best.score,
      reason: `${best.preset} ${best.kind} layout: ${fields} column${fields === 1 ? '' : 's'} recognised${headerRow > 0 ? `, header on line ${headerRow + 1} after a ${headerRow}-line preamble` : ''}`,
      closest: null,
      headerRow,
      header,
    };
  }
  const closest = [...scores].sort((a, b) => b.score - a.score || nameHint(fileName, b.kind) - nameHint(fileName, a.kind))[0] as KindScore;
  const near = closest.matched > 0 ? closest : null;
  return {
    kind: null,
    preset: null,
    score: 0,
    reason: near ? `closest to ${near.kind}, but no ${near.missing.join(', ')} column` : 'no column of any input recognised',
    closest: near,
    headerRow,
    header,
  };
}

/** 1 when the file name suggests the kind (a tie-breaker only). */
export function nameHint(fileName: string, kind: FileKind): number {
  return NAME_HINTS[kind].test(fileName) ? 1 : 0;
}

/** A required column that is blank in every sampled row does not count as found. */
function samplePenalty(s: KindScore, header: readonly string[], sample: readonly string[][], overrides: ColumnOverrides): number {
  if (!s.usable || sample.length === 0) return 0;
  let r = resolveHeader(s.kind, header, overrides[s.kind] ?? {});
  if (!r.ok) r = resolveHeader(s.kind, header);
  if (!r.ok) return 0;
  let penalty = 0;
  for (const field of REQUIRED[s.kind] as readonly string[]) {
    const i = r.mapping.index[field];
    if (i === undefined) continue;
    if (sample.every((row) => (row[i] ?? '').trim() === '')) penalty += 10;
  }
  return penalty;
}
