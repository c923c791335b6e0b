/**
 * Which header most likely holds a required field the presets did not find: for `init`, which
 * asks with these first, or (with --yes) writes the best one when the evidence is strong.
 *
 * Pure. A header scores on its name (words the field is written with) and on its values (a
 * sample of the file's cells: dates for date fields, amounts for money fields, text for names).
 * A guess is "confident" only when both the name and the values agree.
 */
import { normalizeKey, parseAmount, parsePeriod } from './cells.js';

type ValueType = 'date' | 'amount' | 'text';

interface FieldHint {
  readonly words: RegExp;
  readonly type: ValueType;
}

/** Words each required field is written with, in header names of every vendor we have seen. */
const HINTS: Readonly<Record<string, FieldHint>> = {
  amount: { words: /amount|value|size|spend|spent|cost|revenue|price|arr|acv|tcv|mrr|total|budget/, type: 'amount' },
  created: { words: /creat|open|start|added|add(ed)?time|engage|date/, type: 'date' },
  closed: { words: /clos|won|lost|end|finish|date/, type: 'date' },
  stage: { words: /stage|status|phase|step|state|outcome|forecast/, type: 'text' },
  period: { words: /date|day|week|month|period|time|start|ds/, type: 'date' },
  channel: { words: /channel|source|platform|medium|network|publisher|campaign/, type: 'text' },
  account: { words: /account|company|customer|client|org|organi[sz]ation|name/, type: 'text' },
  renewalDate: { words: /renew|end|expir|term|date/, type: 'date' },
  arrBefore: { words: /before|prior|previous|start|old|current|arr|mrr/, type: 'amount' },
  arrAfter: { words: /after|renewed|new|end|arr|mrr/, type: 'amount' },
  start: { words: /start|creat|activ|begin|since|date/, type: 'date' },
  mrr: { words: /mrr|monthly|arr|amount|price|plan/, type: 'amount' },
};

export interface ColumnGuess {
  readonly header: string;
  readonly index: number;
  /** 0..1: how sure. */
  readonly score: number;
  /** Why, for the message: 'name and values', 'values', 'name'. */
  readonly reason: string;
}

/**
 * Headers ranked for `field`, best first (every header is listed, so a prompt can offer them all).
 * `taken` holds the column indexes already mapped to other fields.
 */
export function guessColumn(
  field: string,
  header: readonly string[],
  sample: readonly (readonly string[])[],
  taken: ReadonlySet<number> = new Set(),
): ColumnGuess[] {
  const hint = HINTS[field];
  const out: ColumnGuess[] = header.map((h, index) => {
    if (taken.has(index)) return { header: h, index, score: 0, reason: 'already mapped' };
    const key = normalizeKey(h);
    const nameHit = hint !== undefined && hint.words.test(key) ? 1 : 0;
    const share = hint === undefined ? 0 : valueShare(hint.type, sample.map((r) => r[index] ?? ''));
    const valuesFit = share >= 0.8 ? 1 : 0;
    // names alone mislead (a "date" column for an amount), values alone too (every id parses as an amount)
    const score = hint === undefined ? 0 : nameHit * 0.5 + share * 0.5;
    const reason = nameHit && valuesFit ? 'name and values' : valuesFit ? 'values' : nameHit ? 'name' : 'none';
    return { header: h, index, score, reason };
  });
  return out.sort((a, b) => b.score - a.score || a.index - b.index);
}

/** A guess strong enough to write without asking: the name says it and ≥ 80% of the values fit. */
export function confidentGuess(ranked: readonly ColumnGuess[]): ColumnGuess | null {
  const best = ranked[0];
  if (!best || best.reason !== 'name and values') return null;
  const second = ranked[1];
  // two columns that fit equally well (Created and Closed for "closed"): the name decides only when it is specific
  if (second && second.reason === 'name and values' && second.score === best.score) return null;
  return best;
}

/** Share of the non-blank sample values that read as the type (0 when all are blank). */
function valueShare(type: ValueType, values: readonly string[]): number {
  let seen = 0;
  let fit = 0;
  for (const v of values) {
    const s = v.trim();
    if (s === '') continue;
    seen += 1;
    if (type === 'date') {
      const c = parsePeriod(s);
      if (c.kind === 'day' || c.kind === 'pair') fit += 1;
    } else if (type === 'amount') {
      const c = parseAmount(s);
      if (c.kind === 'ok' && !/^\d{4}-\d{2}/.test(s)) fit += 1;
    } else if (!/^-?[\d.,\s]+$/.test(s)) fit += 1;
  }
  return seen === 0 ? 0 : fit / seen;
}
