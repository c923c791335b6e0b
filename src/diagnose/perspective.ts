/**
 * Perspective (SPEC §6): a short read of the engine as a whole, computed from the data — ARR band
 * and stage, where growth comes from (new logos vs expansion, the channels that matter), the
 * strongest and weakest area, and the one constraint that holds growth back most.
 */
import { AREA_TITLES, type MetricArea } from '../metrics/types.js';
import { formatMoney } from '../base/format.js';
import { channelCacRows } from '../base/details.js';
import type { Grades } from '../rules/evaluate.js';
import { estimateArr, type Pattern } from './patterns/kit.js';
import { pct, type PatternInput } from './signals.js';
import type { Finding, Perspective } from './types.js';
import { engineConstraint, engineSentence, motionLines, repDependence, segmentReads } from './engines-read.js';

/** ARR bands and the stage name each implies (upper bound exclusive, currency units). */
export const ARR_BANDS: readonly { readonly below: number; readonly from: number; readonly stage: string }[] = [
  { from: 0, below: 1e6, stage: 'early-stage' },
  { from: 1e6, below: 10e6, stage: 'early-growth' },
  { from: 10e6, below: 50e6, stage: 'scale-up' },
  { from: 50e6, below: 100e6, stage: 'expansion-stage' },
  { from: 100e6, below: Number.POSITIVE_INFINITY, stage: 'late-stage' },
];

/** Areas the strongest/weakest read chooses from: the revenue engine, not the data about it. */
const ENGINE_AREAS: readonly MetricArea[] = ['growth', 'pipeline', 'acquisition', 'retention'];

/** A weakest area scoring below this (a B) is named as the constraint when no pattern fires. */
const CONSTRAINT_SCORE = 80;

function symbol(currency: string): string {
  return formatMoney(0, currency).replace(/0$/, '');
}

/** 10e6 → "$10M" (whole millions, for band labels). */
export function millions(n: number, currency: string): string {
  return `${symbol(currency)}${n / 1e6}M`;
}

export function arrBand(arr: number | null, currency: string): { band: string; stage: string } {
  if (arr === null) return { band: 'unknown ARR', stage: 'unknown' };
  const b = ARR_BANDS.find((x) => arr < x.below) ?? (ARR_BANDS[ARR_BANDS.length - 1] as (typeof ARR_BANDS)[number]);
  const band =
    b.from === 0
      ? `under ${millions(b.below, currency)} ARR`
      : b.below === Number.POSITIVE_INFINITY
        ? `over ${millions(b.from, currency)} ARR`
        : `${millions(b.from, currency)}–${millions(b.below, currency)} ARR`;
  return { band, stage: b.stage };
}

interface Channel {
  readonly name: string;
  readonly won: number;
}

function channels(input: PatternInput): { top: Channel[]; unattributed: number | null } {
  const d = input.details('cac_by_channel');
  if (d === null) return { top: [], unattributed: null };
  const list: Channel[] = channelCacRows(d)
    .filter((r) => r.won > 0)
    .map((r) => ({ name: r.channel, won: r.won }));
  list.sort((a, b) => b.won - a.won || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const un = d['unattributedWon'];
  return { top: list.slice(0, 3), unattributed: typeof un === 'number' ? un : null };
}

function growthSources(input: PatternInput): string[] {
  const out: string[] = [];
  const reads = segmentReads(input);
  if (reads.length > 0) out.push(`Engines: ${reads.map((r) => engineSentence(r, input)).join('; ')}.`);
  out.push(...motionLines(input));
  const yoy = input.value('bookings_growth_yoy');
  const bookings = input.value('bookings');
  if (bookings !== null) {
    out.push(`Bookings: ${input.money(bookings)} over the last twelve months${yoy === null ? '' : `, ${yoy >= 0 ? '+' : ''}${pct(yoy)} year over year`}.`);
  }
  const newArr = input.num('expansion_share', 'newArr');
  const expansion = input.num('expansion_share', 'expansionArr');
  const share = input.value('expansion_share');
  if (newArr !== null && expansion !== null && share !== null) {
    out.push(`New logos: ${pct(1 - share)} of new ARR (${input.money(newArr)} from ${input.num('expansion_share', 'newDeals') ?? '?'} deals).`);
    const crmDeals = input.num('expansion_share', 'crmExpansionDeals');
    const from = `${input.num('expansion_share', 'expandedContracts') ?? '?'} expanded contracts${crmDeals !== null && crmDeals > 0 ? ` and ${crmDeals} expansion deals` : ''}`;
    out.push(`Expansion: ${pct(share)} of new ARR (${input.money(expansion)} from ${from}).`);
  } else {
    out.push(`New logos vs expansion: not measured (${input.reason('expansion_share')}).`);
  }
  const ch = channels(input);
  if (ch.top.length > 0) {
    const rest = ch.unattributed !== null && ch.unattributed > 0 ? `; ${ch.unattributed} more not tied to a paid channel` : '';
    out.push(`Paid channels by won new deals: ${ch.top.map((c) => `${c.name} ${c.won}`).join(', ')}${rest}.`);
  }
  return out;
}

function pickAreas(grades: Grades): { strongest: Grades['areas'][number] | null; weakest: Grades['areas'][number] | null } {
  const scored = grades.areas.filter((a) => a.score !== null && ENGINE_AREAS.includes(a.area));
  let strongest: Grades['areas'][number] | null = null;
  let weakest: Grades['areas'][number] | null = null;
  for (const a of scored) {
    if (strongest === null || (a.score as number) > (strongest.score as number)) strongest = a;
    if (weakest === null || (a.score as number) < (weakest.score as number)) weakest = a;
  }
  return { strongest, weakest };
}

function areaText(a: Grades['areas'][number]): string {
  return `${AREA_TITLES[a.area]} (${a.grade ?? '?'}, ${a.score === null ? 'n/a' : a.score.toFixed(1)}${a.provisional ? ', provisional' : ''})`;
}

/**
 * A healthy company is told so: what keeps it healthy (the passing rules furthest above their
 * good point… simply the graded areas at A or B and their best metrics) and what to watch (the
 * near patterns, else the lowest-scoring graded rule).
 */
function healthyRead(input: PatternInput, grades: Grades, watchCount: number): string {
  const rules = input.ruleResults().filter((r) => r.weight > 0 && r.score !== null && r.value !== null);
  const strong = [...rules].filter((r) => r.status === 'pass').sort((a, b) => (b.score as number) - (a.score as number) || b.weight - a.weight).slice(0, 3);
  const weakest = [...rules].sort((a, b) => (a.score as number) - (b.score as number))[0];
  const keep = strong.map((r) => `${input.metric(r.metric)?.title ?? r.metric} ${input.fmt(r.value, r.unit)}`).join(', ');
  const graded = grades.areas.filter((a) => a.score !== null).length;
  const parts = [`A healthy revenue engine: no pattern fires and no area scores below a B (${graded} area${graded === 1 ? '' : 's'} graded).`];
  if (keep !== '') parts.push(`What keeps it healthy: ${keep}.`);
  if (watchCount > 0) parts.push(`What to watch: ${watchCount} pattern${watchCount === 1 ? ' is' : 's are'} close to the line (see below).`);
  else if (weakest !== undefined) parts.push(`What to watch: ${input.metric(weakest.metric)?.title ?? weakest.metric} (${input.fmt(weakest.value, weakest.unit)}), the lowest-scoring benchmark.`);
  return parts.join(' ');
}

/**
 * The Perspective. `findings` are ranked (highest impact first); `patterns` gives each finding's area.
 * The binding constraint is the top finding in the weakest area, else the top finding, else the
 * weakest area when it scores below a B, else null.
 */
export function buildPerspective(
  input: PatternInput,
  grades: Grades,
  findings: readonly Finding[],
  watchCount: number,
  patterns: readonly Pattern[],
): Perspective {
  const arr = estimateArr(input);
  const { band, stage } = arrBand(arr.arr, input.currency);
  const { strongest, weakest } = pickAreas(grades);
  const areaOf = (id: string): MetricArea | undefined => patterns.find((p) => p.id === id)?.area;
  const constraintFinding =
    (weakest === null ? undefined : findings.find((f) => areaOf(f.id) === weakest.area)) ?? findings[0];
  const bindingConstraint =
    constraintFinding?.id ?? (weakest !== null && (weakest.score as number) < CONSTRAINT_SCORE ? weakest.area : null);

  const name = input.profile.name;
  const parts: string[] = [];
  if (arr.arr === null) {
    parts.push(`${name}: ARR unknown (set company.arr in the config or add a renewals file), so the stage cannot be read.`);
  } else {
    parts.push(`${name} is a ${stage} company (${band}: about ${input.money(arr.arr)}, ${arr.short}).`);
  }
  const yoy = input.value('bookings_growth_yoy');
  const share = input.value('expansion_share');
  const ch = channels(input).top;
  const growthBits: string[] = [];
  if (yoy !== null) growthBits.push(`bookings ${yoy >= 0 ? 'grew' : 'fell'} ${pct(Math.abs(yoy))} year over year`);
  if (share !== null) {
    growthBits.push(share >= 0.5 ? `expansion brings ${pct(share)} of new ARR` : `new logos bring ${pct(1 - share)} of new ARR and expansion ${pct(share)}`);
  }
  const reads = segmentReads(input);
  if (ch.length > 0 && reads.length === 0) growthBits.push(`${ch[0]?.name} leads the paid channels`);
  if (growthBits.length > 0) {
    const s = growthBits.join('; ');
    parts.push(`${s[0]?.toUpperCase()}${s.slice(1)}.`);
  }
  if (reads.length > 0) {
    parts.push(`It runs ${reads.length} engines, not one average: ${reads.map((r) => engineSentence(r, input)).join('; ')}.`);
    if (input.profile.segment !== 'mixed') {
      parts.push(`The config tags it ${input.profile.segment}, so the company-level grades hold every engine to ${input.profile.segment} benchmarks; the engines section grades each engine on its own segment's.`);
    }
  }
  if (strongest !== null && weakest !== null && strongest.area !== weakest.area) {
    parts.push(`Strongest area: ${areaText(strongest)}; weakest: ${areaText(weakest)}.`);
  } else if (weakest !== null) {
    parts.push(`Only one area could be graded: ${areaText(weakest)}.`);
  } else {
    parts.push('No area could be graded from the data given.');
  }
  const fromEngines = engineConstraint(input);
  const rep = repDependence(input);
  if (fromEngines !== null) {
    parts.push(`Binding constraint: ${fromEngines.sentence}${rep === null ? '' : `; and ${rep}`}. ${findings.length} pattern${findings.length === 1 ? '' : 's'} fire${findings.length === 1 ? 's' : ''}, ${watchCount} to watch.`);
  } else if (constraintFinding !== undefined) {
    const at = constraintFinding.impact.annual;
    parts.push(
      `Binding constraint: ${constraintFinding.title.toLowerCase()}${at === null ? '' : ` (${input.money(at)} a year at stake)`}; ${findings.length} pattern${findings.length === 1 ? '' : 's'} fire${findings.length === 1 ? 's' : ''}, ${watchCount} to watch.`,
    );
    if (rep !== null) parts.push(`Also: ${rep}.`);
  } else if (bindingConstraint !== null && weakest !== null) {
    parts.push(`No pattern fires; ${AREA_TITLES[weakest.area]} is where to look first (${watchCount} to watch).`);
  } else if (strongest === null && weakest === null) {
    // data quality alone, or nothing graded: a quiet pattern list is no evidence of health
    parts.push("No pattern fires on the data given; with no revenue area graded that says nothing about the engine's health.");
  } else {
    parts.push(healthyRead(input, grades, watchCount));
  }
  return {
    summary: parts.join(' '),
    arrBand: band,
    arr: arr.arr === null ? null : Math.round(arr.arr * 100) / 100,
    arrSource: arr.source,
    stage,
    growthSources: growthSources(input),
    strongestArea: strongest?.area ?? null,
    weakestArea: weakest?.area ?? null,
    bindingConstraint,
  };
}
