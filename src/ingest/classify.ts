/**
 * What an input file is, from its content: the header row (found within the first lines, after any
 * report preamble) and a sample of rows are scored against every preset of every input kind; the
 * best usable match wins, and the file name only breaks ties. Pure: takes the text of the file's
 * first bytes, never the file system.
 *
 * Adding a preset to presets.ts (one data entry) is all it takes for its files to be recognised.
 */
import { parse } from 'csv-parse/sync';
import type { InputKind } from '../base/model.js';
import { csvOptions } from './csv.js';
import { normalizeKey } from './cells.js';
import { resolveHeader, signatureHits, type HeaderResult } from './header.js';
import { NO_PREAMBLE, dropLines, firstLines, readPreamble, type Preamble } from './preamble.js';
import { FIELD_LABELS, REQUIRED } from './presets.js';
import { sniffDelimiter } from './read-table.js';
import { resolveSpendHeader } from './spend-layout.js';

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

/**
 * The header resolved as `kind` the way the reader resolves it (spend: a period from the report's
 * preamble, currency suffixes, wide layouts); the config's mapping for the kind counts only where
 * it fits this file's header.
 */
function resolveAs(kind: InputKind, header: readonly string[], own: Readonly<Record<string, string>>, preamble: Preamble): HeaderResult {
  const resolve = (o: Readonly<Record<string, string>>): HeaderResult => (kind === 'spend' ? resolveSpendHeader(header, preamble, o).result : resolveHeader(kind, header, o));
  const mapped = resolve(own);
  return !mapped.ok && mapped.problems.some((p) => p.keyPath !== null) ? resolve({}) : mapped;
}

/** Scores a header as each input kind: the best preset's recognised fields, required ones weighing most. */
export function scoreKinds(header: readonly string[], overrides: ColumnOverrides = {}, preamble: Preamble = NO_PREAMBLE): KindScore[] {
  const normalized = header.map(normalizeKey);
  return KINDS.map((kind): KindScore => {
    const r = resolveAs(kind, header, overrides[kind] ?? {}, preamble);
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
  const preamble = readPreamble(firstLines(complete));
  const headerRow = preamble.skip;
  const delimiter = sniffDelimiter(headerRow > 0 ? dropLines(complete, headerRow) : complete);
  let rows: string[][];
  try {
    rows = parse(complete, csvOptions({ delimiter, lineEndings: 'detect', skipEmptyLines: true, fromLine: headerRow + 1, to: 200 })) as string[][];
  } catch {
    return { kind: null, preset: null, score: 0, reason: 'not readable as CSV (unbalanced quotes or a binary file)', closest: null, headerRow, header: [] };
  }
  const header = (rows[0] ?? []).map((h) => h.trim());
  if (header.length < 2) {
    return { kind: null, preset: null, score: 0, reason: header.length === 0 ? 'empty' : 'one column only: not a table', closest: null, headerRow, header };
  }
  const sample = rows.slice(1);
  const normalized = new Set(header.map(normalizeKey));
  const scores = scoreKinds(header, overrides, preamble).map((s) => ({ ...s, score: s.score - samplePenalty(s, header, sample, overrides, preamble) }));
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
function samplePenalty(s: KindScore, header: readonly string[], sample: readonly string[][], overrides: ColumnOverrides, preamble: Preamble): number {
  if (!s.usable || sample.length === 0) return 0;
  const r = resolveAs(s.kind, header, overrides[s.kind] ?? {}, preamble);
  if (!r.ok) return 0;
  let penalty = 0;
  for (const field of REQUIRED[s.kind] as readonly string[]) {
    const i = r.mapping.index[field];
    if (i === undefined) continue;
    if (sample.every((row) => (row[i] ?? '').trim() === '')) penalty += 10;
  }
  return penalty;
}
