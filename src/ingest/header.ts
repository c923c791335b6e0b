/**
 * Header row -> export flavour and column mapping.
 * Pure: takes the header cells and the config's column overrides, returns the mapping or the
 * problems that make the file unusable (with the closest header for each missing column).
 */
import type { InputKind } from '../base/model.js';
import { normalizeKey } from './cells.js';
import { editDistance, suggest } from '../base/suggest.js';
import { FIELD_LABELS, REQUIRED, presetsFor, type Preset } from './presets.js';

export interface HeaderMapping {
  readonly preset: Preset;
  /** field -> 0-based column index */
  readonly index: Readonly<Record<string, number>>;
  /** field -> header text as in the file */
  readonly names: Readonly<Record<string, string>>;
}

export interface HeaderProblem {
  /** The config key path when the problem comes from the config, else null. */
  readonly keyPath: string | null;
  readonly message: string;
}

export type HeaderResult =
  | { readonly ok: true; readonly mapping: HeaderMapping }
  | {
      readonly ok: false;
      readonly problems: readonly HeaderProblem[];
      readonly preset: Preset;
      /** field -> column index of what was recognised anyway (the classifier scores near misses with it). */
      readonly index: Readonly<Record<string, number>>;
      /** Required fields no column was found for (init asks for them). */
      readonly missing: readonly string[];
    };

export function resolveHeader(
  kind: InputKind,
  header: readonly string[],
  overrides: Readonly<Record<string, string>> = {},
  forcedPreset?: string,
  /** Required fields the file need not have (spend: a period stated by the report's preamble, a wide layout's channel and amount). */
  notRequired: readonly string[] = [],
): HeaderResult {
  const normalized = header.map(normalizeKey);
  const presets = presetsFor(kind);
  const generic = presets.find((p) => p.id === 'generic') as Preset;
  const problems: HeaderProblem[] = [];

  let preset: Preset | undefined;
  if (forcedPreset !== undefined) {
    preset = presets.find((p) => p.id === forcedPreset);
    if (!preset) {
      problems.push({
        keyPath: `inputs.${kind}.preset`,
        message: `unknown preset "${forcedPreset}" (known: ${presets.map((p) => p.id).join(', ')})`,
      });
    }
  }
  preset ??= detectPreset(presets, normalized);

  const index: Record<string, number> = {};
  const names: Record<string, string> = {};
  const claimed = new Set<number>();
  const knownFields = new Set([...Object.keys(preset.columns), ...Object.keys(generic.columns)]);

  for (const [field, headerName] of Object.entries(overrides).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!knownFields.has(field)) {
      problems.push({
        keyPath: `inputs.${kind}.columns.${field}`,
        message: `unknown field "${field}"${didYouMean(field, [...knownFields])} (fields: ${[...knownFields].sort().join(', ')})`,
      });
      continue;
    }
    const i = normalized.indexOf(normalizeKey(headerName));
    if (i < 0) {
      problems.push({
        keyPath: `inputs.${kind}.columns.${field}`,
        message: `no column named "${headerName}" in the file${didYouMean(headerName, header)}`,
      });
      continue;
    }
    index[field] = i;
    names[field] = header[i] as string;
    claimed.add(i);
  }

  for (const source of [preset, generic]) {
    for (const [field, aliases] of Object.entries(source.columns) as [string, readonly string[]][]) {
      if (field in index) continue;
      for (const alias of aliases) {
        const i = normalized.indexOf(normalizeKey(alias));
        if (i >= 0 && !claimed.has(i)) {
          index[field] = i;
          names[field] = header[i] as string;
          claimed.add(i);
          break;
        }
      }
    }
  }

  const missing = requiredMissing(kind, index).filter((f) => !notRequired.includes(f) && !(f === 'channel' && preset.channel !== undefined));
  for (const field of missing) {
    const aliases = (preset.columns as Record<string, readonly string[]>)[field] ?? [];
    const closest = closestHeader([field, ...aliases], header, claimed);
    problems.push({
      keyPath: null,
      message:
        `required column for the ${FIELD_LABELS[field] ?? field} is missing` +
        (closest ? ` — closest header: "${closest}"; if that is it, set inputs.${kind}.columns.${field} to "${closest}" in revhealth.config.json` : '') +
        `. Expected one of: ${aliases.slice(0, 4).map((a) => `"${a}"`).join(', ') || `"${field}"`}.`,
    });
  }

  if (problems.length > 0) return { ok: false, problems, preset, index, missing };
  return { ok: true, mapping: { preset, index, names } };
}

/** Required fields, with the alternatives deals allow (status columns instead of stage, won/lost times instead of close). */
function requiredMissing(kind: InputKind, index: Record<string, number>): string[] {
  const missing: string[] = [];
  for (const field of REQUIRED[kind] as readonly string[]) {
    if (field in index) continue;
    // a Won flag alone cannot tell lost from open: it stands in for the stage only with the Closed flag
    if (kind === 'deals' && field === 'stage' && ('status' in index || ('isWon' in index && 'isClosed' in index))) continue;
    if (kind === 'deals' && field === 'closed' && ('wonTime' in index || 'lostTime' in index || 'expectedClose' in index)) continue;
    missing.push(field);
  }
  // subscriptions: MRR, ARR, or a price per billing interval
  if (kind === 'subscriptions' && !('mrr' in index) && !('arr' in index) && !('amount' in index && 'interval' in index)) missing.push('mrr');
  return missing;
}

/** How many of a preset's signature headers the file has. */
export function signatureHits(preset: Preset, normalized: readonly string[]): number {
  const set = new Set(normalized);
  let score = 0;
  for (const s of preset.signature) if (set.has(normalizeKey(s))) score += 1;
  return score;
}

function detectPreset(presets: readonly Preset[], normalized: readonly string[]): Preset {
  const set = new Set(normalized);
  let best = presets[presets.length - 1] as Preset;
  let bestScore = 0;
  for (const p of presets) {
    let score = 0;
    for (const s of p.signature) if (set.has(normalizeKey(s))) score += 1;
    if (score > bestScore) {
      best = p;
      bestScore = score;
    }
  }
  return best;
}

function closestHeader(targets: readonly string[], header: readonly string[], claimed: ReadonlySet<number>): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  const keys = targets.map((t) => normalizeKey(t));
  header.forEach((h, i) => {
    if (claimed.has(i)) return;
    const nh = normalizeKey(h);
    for (const nt of keys) {
      const limit = Math.max(2, Math.floor(nt.length / 3));
      // only distances within the limit count: past it, editDistance stops early
      const d = editDistance(nh, nt, limit);
      if (d <= limit && d < bestDistance) {
        best = h;
        bestDistance = d;
      }
    }
  });
  return best;
}

/** ` (did you mean "amount"?)` for the closest candidate by normalised key, or ''. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const best = suggest(word, candidates, normalizeKey);
  return best === null ? '' : ` (did you mean "${best}"?)`;
}
