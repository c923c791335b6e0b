/**
 * Plans written for this company (issue 18): after the patterns fire, their generic Path and
 * Process are rewritten with what the data says about this company — the engine, segment,
 * channel, rep or reason a step acts on, and the company's own numbers. A step is never
 * prescribed without the evidence it rests on (no discount desk without discount evidence).
 *
 * Pure: findings and the pattern input in, findings out (same ids, same order, same impact).
 */
import { formatValue } from '../report/format.js';
import type { PatternInput } from './signals.js';
import type { Finding, ProcessStep } from './types.js';

type Tailor = (f: Finding, input: PatternInput) => Finding;

/** Quarter-end hockey stick: the discount desk only with discount evidence in the amounts. */
const quarterEnd: Tailor = (f, input) => {
  const qp = input.cro.quarterEndPricing;
  if (qp === null || qp.sizeRatio === null) return f;
  const ratio = formatValue(qp.sizeRatio, 'multiple');
  if (qp.discountEvidence) {
    return {
      ...f,
      evidence: [...f.evidence, `Quarter-end wins are ${ratio} the size of same-segment wins closed earlier in the quarter (${qp.quarterEndDeals} vs ${qp.otherDeals} new deals): deals are discounted to land in the quarter.`],
    };
  }
  const process: ProcessStep[] = f.process.map((s) =>
    /discount/i.test(s.step)
      ? {
          ...s,
          step: `Record discount (list price and net price) on every deal and report it by week of the quarter; today quarter-end wins are ${ratio} the size of same-segment wins closed earlier, so the amounts show no end-of-quarter discounting to police yet.`,
          kpi: 'discount recorded on 100% of won deals',
        }
      : s,
  );
  return {
    ...f,
    evidence: [...f.evidence, `Quarter-end wins are ${ratio} the size of same-segment wins closed earlier in the quarter (${qp.quarterEndDeals} vs ${qp.otherDeals} new deals): no sign of discounting in the amounts; the risk is slippage, not price.`],
    path: f.path.replace(/,? ?put end-of-quarter discounts behind approval,?/i, ','),
    process,
  };
};

const TAILORS: Readonly<Record<string, Tailor>> = {
  quarter_end_hockey_stick: quarterEnd,
};

export function tailorFindings(findings: readonly Finding[], input: PatternInput): Finding[] {
  return findings.map((f) => TAILORS[f.id]?.(f, input) ?? f);
}

