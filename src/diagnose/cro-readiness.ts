/**
 * CRO readiness for founders (SPEC §6): a verdict — founder-led with a sales leader, a fractional
 * CRO, or a full-time CRO — from the ARR band and from cross-functional signals.
 *
 * - ARR ≥ 50 M: a full-time CRO is common at that size → full-time CRO.
 * - 10–50 M: companies consider one → fractional CRO, or full-time with ≥ 2 cross-functional signals.
 * - < 10 M: a full-time CRO is rarely needed → founder-led with a sales leader, or fractional with
 *   ≥ 2 signals (a fractional CRO builds the system across functions without a full-time hire).
 * - ARR unknown: the signals alone, as below 10 M, and the reasons say the band is unknown.
 * Cross-functional signals: high churn despite strong bookings (leaky_bucket), siloed marketing and
 * sales (marketing_sales_disconnect), a growth plateau (bookings or ARR growth at or below the
 * growth rules' `poor` point, i.e. flat or shrinking), and problems owned by several functions at
 * once (fired findings whose primary owners span at least three functions).
 */
import type { Owner } from '../rules/schema.js';
import type { Pattern } from './patterns.js';
import { millions } from './perspective.js';
import { pct, type PatternInput } from './signals.js';
import type { CroReadiness, Finding } from './types.js';

/** SPEC §6 ARR bands (currency units). */
export const CRO_CONSIDER_ARR = 10e6;
export const CRO_COMMON_ARR = 50e6;
/** Cross-functional signals that move the verdict one step up. */
export const CRO_SIGNALS_TO_STEP_UP = 2;
/** Distinct primary owners of fired findings that count as "several functions at once". */
export const CRO_SEVERAL_OWNERS = 3;

export function assessCroReadiness(input: PatternInput, arr: number | null, findings: readonly Finding[], patterns: readonly Pattern[]): CroReadiness {
  const firedIds = new Set(findings.map((f) => f.id));
  const signals: string[] = [];
  if (firedIds.has('leaky_bucket')) {
    const grr = input.value('grr');
    signals.push(`high churn despite strong bookings (leaky bucket${grr === null ? '' : `: GRR ${pct(grr)}`}): acquisition and retention are not run as one engine`);
  }
  if (firedIds.has('marketing_sales_disconnect')) signals.push('marketing and sales work in silos (marketing–sales disconnect)');
  for (const [metric, what] of [
    ['bookings_growth_yoy', 'bookings'],
    ['arr_growth', 'ARR'],
  ] as const) {
    const v = input.value(metric);
    const floor = input.threshold({ rule: metric, point: 'poor' });
    if (v !== null && floor !== null && v <= floor) {
      signals.push(`growth has plateaued: ${what} ${v >= 0 ? '+' : ''}${pct(v)} year over year`);
      break;
    }
  }
  const primary: Owner[] = [];
  for (const f of findings) {
    const owner = patterns.find((p) => p.id === f.id)?.owners[0] ?? f.owners[0];
    if (owner !== undefined && !primary.includes(owner)) primary.push(owner);
  }
  if (primary.length >= CRO_SEVERAL_OWNERS) signals.push(`problems owned by ${primary.length} functions at once (${primary.join(', ')})`);

  const reasons: string[] = [];
  const stepUp = signals.length >= CRO_SIGNALS_TO_STEP_UP;
  let verdict: CroReadiness['verdict'];
  const money = (n: number): string => input.money(n);
  if (arr === null) {
    reasons.push('ARR is unknown (no company.arr, renewals or bookings), so the verdict rests on the cross-functional signals only');
    verdict = stepUp ? 'fractional CRO' : 'founder-led with a sales leader';
  } else if (arr >= CRO_COMMON_ARR) {
    reasons.push(`ARR about ${money(arr)}: above ${millions(CRO_COMMON_ARR, input.currency)} a full-time CRO is common`);
    verdict = 'full-time CRO';
  } else if (arr >= CRO_CONSIDER_ARR) {
    reasons.push(`ARR about ${money(arr)}: between ${millions(CRO_CONSIDER_ARR, input.currency)} and ${millions(CRO_COMMON_ARR, input.currency)} companies consider a CRO`);
    verdict = stepUp ? 'full-time CRO' : 'fractional CRO';
  } else {
    reasons.push(`ARR about ${money(arr)}: below ${millions(CRO_CONSIDER_ARR, input.currency)} a full-time CRO is rarely needed`);
    verdict = stepUp ? 'fractional CRO' : 'founder-led with a sales leader';
  }
  reasons.push(...signals);
  if (signals.length === 0) reasons.push('no cross-functional pattern: each function can fix its own findings');
  if (verdict === 'fractional CRO') {
    reasons.push(
      stepUp
        ? 'a fractional CRO can join marketing, sales and customer success into one revenue system without a full-time executive hire'
        : 'a fractional CRO can set up the revenue system and hire the leaders before a full-time CRO is justified',
    );
  } else if (verdict === 'full-time CRO' && arr !== null && arr < CRO_COMMON_ARR) {
    reasons.push(`${signals.length} cross-functional signals: the problems span functions and need one owner of the whole number`);
  } else if (verdict === 'founder-led with a sales leader') {
    reasons.push('a strong sales leader reporting to the founder is enough for now; revisit as ARR nears the next band');
  }
  return { verdict, reasons };
}
