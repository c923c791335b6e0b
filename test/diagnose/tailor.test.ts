/**
 * Issue 18: plans rest on evidence. The quarter-end hockey stick prescribes a discount approval
 * desk only when quarter-end wins are measurably smaller than like-for-like earlier wins.
 */
import { describe, expect, it } from 'vitest';
import { NO_CRO_INPUTS } from '../../src/diagnose/cro-inputs.js';
import { run, metric } from './helpers.js';

const skew = [metric('quarter_end_skew', 0.55, { quarterBookings: 1_000_000, quarters: 4 })];

function hockey(sizeRatio: number, discountEvidence: boolean) {
  const d = run(skew, { cro: { ...NO_CRO_INPUTS, quarterEndPricing: { quarterEndDeals: 40, otherDeals: 30, sizeRatio, discountEvidence } } });
  const f = d.findings.find((x) => x.id === 'quarter_end_hockey_stick');
  if (f === undefined) throw new Error('quarter_end_hockey_stick did not fire');
  return f;
}

describe('quarter_end_hockey_stick and discounting', () => {
  it('without discount evidence: no approval desk, a step to record discount instead', () => {
    const f = hockey(1.04, false);
    expect(f.path).not.toMatch(/discount/i);
    expect(f.process.some((s) => /approval desk/i.test(s.step))).toBe(false);
    expect(f.process[1]?.step).toContain('Record discount (list price and net price) on every deal');
    expect(f.evidence.at(-1)).toContain('Quarter-end wins are 1.04× the size of same-segment wins');
  });
  it('with discount evidence: keeps the desk and says why', () => {
    const f = hockey(0.8, true);
    expect(f.process[1]?.step).toMatch(/Discount approval desk/);
    expect(f.evidence.at(-1)).toContain('0.80× the size');
  });
});
