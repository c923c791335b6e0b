/**
 * `revhealth init`: from what the input files look like (flavour, mapping, stage values) and the
 * user's answers, the config to write. Pure; the prompts live in src/cli/prompts.ts.
 */
import type { InputKind } from '../base/model.js';
import type { Config, Segment } from './schema.js';
import { formatCount } from '../base/format.js';

export interface DetectedFile {
  readonly kind: InputKind;
  /** Path as it should appear in the config (relative to the config file). */
  readonly file: string;
  readonly preset: string;
  readonly presetTitle: string;
  /** canonical field -> header in the file */
  readonly columns: Readonly<Record<string, string>>;
  /** Stage values seen that the defaults do not map (deals only). */
  readonly unmappedStages: readonly string[];
  /** Rows per unmapped stage value (deals only). */
  readonly stageCounts?: Readonly<Record<string, number>>;
  /** Median won amount, to suggest a segment (deals only). */
  readonly medianWonAmount: number | null;
  /** How many won deals that median is over. */
  readonly wonCount?: number;
  /** Median amount of every deal with an amount, when no deal is known to be won. */
  readonly medianAmount?: number | null;
  /** Median ARR per subscription (subscriptions only). */
  readonly medianArr?: number | null;
  /** The currency the file states (a currency column's first value, or "Amount spent (USD)"), if any. */
  readonly currency?: string;
}

/** The currency to suggest: what the deals file states, else the spend file, else USD. */
export function suggestCurrency(files: readonly DetectedFile[]): string {
  return files.find((f) => f.kind === 'deals' && f.currency)?.currency ?? files.find((f) => f.currency)?.currency ?? 'USD';
}

export interface InitAnswers {
  readonly companyName: string;
  readonly segment: Segment;
  readonly currency: string;
  readonly grossMargin: number | null;
  readonly operatingMargin: number | null;
  readonly fiscalYearStartMonth: number;
  readonly nextQuarterBookings: number | null;
  /** stage value -> status for the unmapped ones the user mapped */
  readonly stageMapping: Readonly<Record<string, 'won' | 'lost' | 'open'>>;
}

/** SMB below ~$25k ACV, enterprise above ~$75k (SPEC §5), mid-market between. */
export function suggestSegment(medianAcv: number | null): Segment {
  if (medianAcv === null) return 'mixed';
  if (medianAcv < 25_000) return 'smb';
  if (medianAcv > 75_000) return 'enterprise';
  return 'mid-market';
}

/**
 * The segment to suggest and what it rests on: the median won deal, else the median ARR per
 * subscription, else the median deal amount (open and lost deals included); `mixed` only when
 * the files give no amounts at all.
 */
export function suggestSegmentFrom(files: readonly DetectedFile[]): { segment: Segment; basis: string } {
  const deals = files.find((f) => f.kind === 'deals');
  const subs = files.find((f) => f.kind === 'subscriptions');
  const money = (n: number): string => formatCount(Math.round(n));
  if (deals?.medianWonAmount != null) {
    return { segment: suggestSegment(deals.medianWonAmount), basis: `from the median won deal ${money(deals.medianWonAmount)} over ${deals.wonCount ?? 'the'} won deal${deals.wonCount === 1 ? '' : 's'}` };
  }
  if (subs?.medianArr != null) return { segment: suggestSegment(subs.medianArr), basis: `from the median ARR per subscription ${money(subs.medianArr)}` };
  if (deals?.medianAmount != null) {
    return { segment: suggestSegment(deals.medianAmount), basis: `from the median deal amount ${money(deals.medianAmount)} (no deal is known to be won yet, so open and lost deals are included)` };
  }
  return { segment: 'mixed', basis: 'no deal or subscription amounts to judge from' };
}

const WON_WORDS = /\b(won|win|signed|purchased|paid)\b|closed\s*[-:_]?\s*won/i;
const CLOSED_WORDS = /\b(lost|loss|abandon(ed)?|disqualif(y|ied)|dead|reject(ed)?|cancel+(ed)?|churn(ed)?|declined|no\s*decision|closed|unqualified|junk|spam|duplicate|omitted)\b/i;

/**
 * What a stage name says: won, lost (any closed stage that is not won), or open. A stage whose
 * name says closed, lost, abandoned or disqualified is never suggested as open.
 */
export function suggestStageStatus(stage: string): 'won' | 'lost' | 'open' {
  const s = stage.replace(/[_]+/g, ' ');
  if (/\b(not|no)\s+won\b/i.test(s)) return 'lost';
  if (WON_WORDS.test(s) && !/\blost\b/i.test(s)) return 'won';
  if (CLOSED_WORDS.test(s)) return 'lost';
  return 'open';
}

/** The config lines that map `fields` (JSON, ready to paste under "inputs"). */
export function columnConfigLines(kind: string, columns: Readonly<Record<string, string>>): string {
  return JSON.stringify({ inputs: { [kind]: { columns } } }, null, 2);
}

export function buildInitConfig(files: readonly DetectedFile[], a: InitAnswers): Config {
  const inputs: NonNullable<Config['inputs']> = {};
  for (const f of files) {
    const columns = Object.fromEntries(Object.entries(f.columns).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
    if (f.kind === 'deals') {
      const stages: { won?: string[]; lost?: string[]; open?: string[] } = {};
      for (const [value, status] of Object.entries(a.stageMapping).sort(([x], [y]) => (x < y ? -1 : 1))) {
        (stages[status] ??= []).push(value);
      }
      inputs.deals = { file: f.file, preset: f.preset, columns, ...(Object.keys(stages).length > 0 ? { stages } : {}) };
    } else if (f.kind === 'spend') {
      inputs.spend = { file: f.file, preset: f.preset, columns };
    } else {
      inputs[f.kind] = { file: f.file, preset: f.preset, columns };
    }
  }
  return {
    company: {
      name: a.companyName,
      segment: a.segment,
      currency: a.currency,
      ...(a.grossMargin !== null ? { grossMargin: a.grossMargin } : {}),
      ...(a.operatingMargin !== null ? { operatingMargin: a.operatingMargin } : {}),
      fiscalYearStartMonth: a.fiscalYearStartMonth,
    },
    ...(a.nextQuarterBookings !== null ? { targets: { nextQuarterBookings: a.nextQuarterBookings } } : {}),
    inputs,
  };
}
