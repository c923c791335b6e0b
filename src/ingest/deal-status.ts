/**
 * Deal status resolution (split from deals.ts, a pure move): won, lost or open for one CRM export
 * row from its status column, closed/won flags, the stage lists (config, preset, universal), the
 * forecast category, words in the stage name and the probability; the stages it could not place
 * are tallied with their value.
 */
import type { DealsInputConfig } from '../config/schema.js';
import type { DealStatus, RejectCode } from '../base/model.js';
import { normalizeKey, parseFlag, quickCents } from './cells.js';
import { AmountColumn } from './columns.js';
import type { HeaderMapping } from './header.js';
import { UNIVERSAL_STAGES } from './presets.js';
import { truncate } from '../base/format.js';
import { ownCell } from './fast-csv.js';

/** Rejects the row for one field's value (TableState.rejectField of the builder). */
export type RejectField = (cells: readonly string[], line: number, code: RejectCode, field: string, what: string) => void;

export class DealStatusResolver {
  private readonly stageMap = new Map<string, DealStatus>();
  private readonly stageCache = new Map<string, DealStatus | null>();
  /** Rows per stage value that nothing settled (rejected as unmapped_stage). */
  readonly unmappedStages = new Map<string, number>();
  /** Value (cents) of the rows whose stage could not be placed. */
  unmappedCents = 0;
  /** Reads the amounts of unplaced rows without touching the real column's evidence. */
  private readonly unplacedAmount = new AmountColumn('amount');

  constructor(
    private readonly ix: Readonly<Record<string, number>>,
    preset: HeaderMapping['preset'],
    config: DealsInputConfig | undefined,
    private readonly rejectField: RejectField,
  ) {
    for (const status of ['open', 'lost', 'won'] as const) {
      for (const s of UNIVERSAL_STAGES[status]) this.stageMap.set(s, status);
      for (const s of preset.stages?.[status] ?? []) this.stageMap.set(normalizeKey(s), status);
    }
    for (const status of ['open', 'lost', 'won'] as const) {
      for (const s of config?.stages?.[status] ?? []) this.stageMap.set(normalizeKey(s), status);
    }
  }

  /**
   * Won, lost or open, from the file's own signals first: a status column (open/won/lost, Close's
   * active, Copper's abandoned, Zoho's Forecast Type), closed/won flags (a blank flag says nothing),
   * then the stage lists (config, preset, universal), the forecast category ("Closed" = won,
   * "Omitted" = lost when the probability does not say open), words in the stage name (won, lost,
   * abandoned, disqualified, churned…) and a probability of 100 or 0 on a stage that says closed.
   * A row none of these settle is an unmapped stage: rejected (counted) and its value reported.
   */
  statusOf(cells: readonly string[], line: number, stageRaw: string | null): DealStatus | undefined {
    const ix = this.ix;
    if ((ix.status as number) >= 0) {
      const s = normalizeKey(cells[ix.status as number] as string);
      const mapped = STATUS_WORDS.get(s);
      if (mapped !== undefined) return mapped;
      if (s === 'deleted') {
        this.rejectField(cells, line, 'invalid_value', 'status', 'open, won or lost (deleted deals are not counted)');
        return undefined;
      }
    }
    if ((ix.isWon as number) >= 0 || (ix.isClosed as number) >= 0) {
      const wonRaw = (ix.isWon as number) >= 0 ? (cells[ix.isWon as number] as string).trim() : '';
      const closedRaw = (ix.isClosed as number) >= 0 ? (cells[ix.isClosed as number] as string).trim() : '';
      // Data Loader writes false as blank: a blank beside a filled flag is false; both blank, the
      // stage decides when it can, else the row is open (what two false flags say)
      if (wonRaw === '' && closedRaw === '') return this.fromStage(cells, stageRaw) ?? 'open';
      const won = wonRaw === '' ? ((ix.isClosed as number) >= 0 ? false : null) : parseFlag(wonRaw);
      const closed = closedRaw === '' ? ((ix.isWon as number) >= 0 ? false : null) : parseFlag(closedRaw);
      if (won === 'invalid') {
        this.rejectField(cells, line, 'invalid_value', 'isWon', 'TRUE/FALSE, yes/no or 1/0');
        return undefined;
      }
      if (closed === 'invalid') {
        this.rejectField(cells, line, 'invalid_value', 'isClosed', 'TRUE/FALSE, yes/no or 1/0');
        return undefined;
      }
      if (won === true) return 'won';
      if (closed === false) return 'open';
      if (closed === true && won === false) return 'lost';
      // closed without a won flag: the stage, forecast category or probability says which
      if (closed === true) {
        const settled = this.fromStage(cells, stageRaw) ?? this.fromProbability(cells, true);
        if (settled !== null && settled !== 'open') return settled;
      }
    }
    if (stageRaw === null) {
      this.rejectField(cells, line, 'missing_stage', 'stage', 'a stage such as "Closed Won"');
      return undefined;
    }
    const mapped = this.fromStage(cells, stageRaw);
    if (mapped !== null) return mapped;
    const n = this.unmappedStages.get(stageRaw);
    this.unmappedStages.set(n === undefined ? ownCell(stageRaw) : stageRaw, (n ?? 0) + 1);
    const cents = this.unplacedCents(cells);
    if (cents > 0) this.unmappedCents += cents;
    this.rejectField(cells, line, 'unmapped_stage', 'stage', 'a stage mapped to won, lost or open (add it to inputs.deals.stages in revhealth.config.json)');
    return undefined;
  }

  /** The stage lists, then the forecast category, stage words and probability; null when none settles it. */
  private fromStage(cells: readonly string[], stageRaw: string | null): DealStatus | null {
    if (stageRaw === null) return null;
    let mapped = this.stageCache.get(stageRaw);
    if (mapped === undefined) {
      mapped = this.stageMap.get(normalizeKey(stageRaw)) ?? null;
      this.stageCache.set(ownCell(stageRaw), mapped);
    }
    if (mapped !== null) return mapped;
    if ((this.ix.forecastCategory as number) >= 0) {
      const f = normalizeKey(cells[this.ix.forecastCategory as number] as string);
      if (f === 'closed' || f === 'closedwon') return 'won';
      if (f === 'closedlost') return 'lost';
      if ((f === 'omitted' || f === 'omit') && this.fromProbability(cells, false) !== 'open') return 'lost';
    }
    const word = stageWordStatus(stageRaw);
    if (word !== null) return word;
    if (/\bclosed?\b/i.test(stageRaw)) return this.fromProbability(cells, true);
    return null;
  }

  /** 100 % (or 1.0) = won, 0 = lost on a closed stage; any other probability = open (when `closedOnly` is false). */
  private fromProbability(cells: readonly string[], closedOnly: boolean): DealStatus | null {
    if ((this.ix.probability as number) < 0) return null;
    const raw = (cells[this.ix.probability as number] as string).trim().replace(/\s*%$/, '');
    if (raw === '' || !/^\d+(\.\d+)?$/.test(raw)) return null;
    const p = Number(raw);
    if (p === 0) return 'lost';
    if (p === 100 || (p === 1 && raw.includes('.'))) return 'won';
    return closedOnly ? null : 'open';
  }

  /** The amount of a row that could not be placed, for the "pipeline not placed" note (0 when unreadable). */
  private unplacedCents(cells: readonly string[]): number {
    const raw = (this.ix.amount as number) >= 0 ? (cells[this.ix.amount as number] as string) : '';
    const quick = quickCents(raw);
    if (!Number.isNaN(quick)) return quick;
    const read = this.unplacedAmount.read(raw, 0);
    return read.kind === 'ok' ? read.cents : 0;
  }
}

/** Status column values (normalized): Pipedrive/Dynamics/Copper open/won/lost, Close's active, Zoho's forecast types. */
const STATUS_WORDS: ReadonlyMap<string, DealStatus> = new Map([
  ['won', 'won'], ['closedwon', 'won'],
  ['lost', 'lost'], ['closedlost', 'lost'], ['abandoned', 'lost'],
  ['open', 'open'], ['active', 'open'], ['inprogress', 'open'], ['pipeline', 'open'],
] as [string, DealStatus][]);

// "signed" and "booked" are not here: "NDA signed", "Demo booked" are open deals
const WON_WORDS = new Set(['won', 'win', 'closedwon']);
const LOST_WORDS = new Set([
  'lost', 'lose', 'closedlost', 'abandoned', 'abandon', 'disqualified', 'dq', 'unqualified', 'churned', 'churn',
  'dead', 'cancelled', 'canceled', 'rejected', 'declined', 'nodecision', 'noshow',
]);

const HEDGE_WORDS = new Set(['pending', 'awaiting', 'tentative', 'verbal', 'expected', 'likely', 'probable', 'forecast', 'forecasted', 'maybe', 'pre']);

/**
 * What a stage name says by its words: "Closed Won (paid)" is won; "Closed lost", "Closed:
 * abandoned", "Disqualified - no budget" are lost. null when it says neither (an unknown open
 * stage, or "Closed" alone).
 */
export function stageWordStatus(stage: string): DealStatus | null {
  const words = stage.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  let won = false;
  let lost = false;
  for (const w of words) {
    if (WON_WORDS.has(w)) won = true;
    if (LOST_WORDS.has(w)) lost = true;
  }
  // "Closed Won - Pending Legal", "Verbal win (awaiting PO)": not settled yet, the user must say
  if (words.some((w) => HEDGE_WORDS.has(w))) return null;
  const joined = words.join('');
  if (joined.includes('closedwon')) won = true;
  if (joined.includes('closedlost')) lost = true;
  if (won === lost) return null;
  return won ? 'won' : 'lost';
}

/**
 * The config snippet for unmapped stages: a stage that says "closed" is never offered as open
 * (it goes under won, for the user to move to lost when that is what it means).
 */
export function exampleStages(stages: readonly string[]): string {
  const groups = new Map<'won' | 'open', string[]>();
  for (const s of stages) {
    const bucket = /\bclosed?\b/i.test(s) ? 'won' : 'open';
    groups.set(bucket, [...(groups.get(bucket) ?? []), JSON.stringify(truncate(s, 40))]);
  }
  return [...groups.entries()].map(([k, v]) => `"${k}": [${v.join(', ')}]`).join(', ');
}
