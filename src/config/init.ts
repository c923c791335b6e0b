/**
 * `revhealth init`: from what the input files look like (flavour, mapping, stage values) and the
 * user's answers, the config to write. Pure; the prompts live in src/cli/prompts.ts.
 */
import type { InputKind } from '../model.js';
import type { Config, Segment } from './schema.js';

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
  /** Median won amount, to suggest a segment (deals only). */
  readonly medianWonAmount: number | null;
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
