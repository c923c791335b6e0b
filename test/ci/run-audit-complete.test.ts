/**
 * runAudit returns the complete result (issue 15, "one contract"): a baseline audit and a ratchet
 * file given as data (read by the shell) come back as the report's `comparison` and `ratchet`,
 * computed in audit/, so the CLI only reads files and passes them in.
 *
 * Win rate (won ÷ decided deals in the twelve months to the as-of date) is the hand-checked
 * metric: its rule is a band (lower side good 30 %, fair 20 %, poor 15 %: scores 100, 60, 20),
 * and every deal below closes inside both audits' windows.
 */
import { describe, expect, it } from 'vitest';
import { runAudit, type AuditOptions } from '../../src/audit/run.js';
import { AUDIT_SCHEMA_VERSION, type AuditReport } from '../../src/audit/contract.js';
import type { Deal } from '../../src/base/model.js';
import type { OverridesFile } from '../../src/rules/ratchet.js';
import { makeDataset, makeDeal } from '../helpers/builders.js';

/** `won` won and `lost` lost new-business deals, closed between 2025-01-20 and 2025-11-20. */
function deals(won: number, lost: number): Deal[] {
  const out: Deal[] = [];
  for (let i = 0; i < won + lost; i++) {
    const m = String((i % 11) + 1).padStart(2, '0');
    const status = i < won ? 'won' : 'lost';
    out.push(makeDeal({ id: `${status}-${i}`, status, type: 'new', account: `Acct ${i}`, owner: 'Ana', source: 'Web', created: `2025-${m}-01`, closed: `2025-${m}-20` }));
  }
  return out;
}

function audit(won: number, lost: number, opts: Omit<AuditOptions, 'toolVersion'>): AuditReport {
  const r = runAudit(makeDataset({ deals: deals(won, lost) }), { company: { name: 'Data Co', segment: 'smb' } }, { toolVersion: 'test', ...opts });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.report;
}

function winRate(r: AuditReport): { value: number | null; status: string | undefined } {
  return { value: r.metrics.find((m) => m.id === 'win_rate')?.value ?? null, status: r.rules.find((x) => x.id === 'win_rate')?.status };
}

// last month: 20 won of 100 → 0.2, on the fair line (score 60: warn); this month: 30 won of 100 → 0.3, good (100: pass)
const baseline = audit(20, 80, { asOf: '2025-11-30' });
const plain = audit(30, 70, { asOf: '2025-12-31' });
const compared = audit(30, 70, { asOf: '2025-12-31', baseline });

describe('runAudit with a baseline given as data', () => {
  it('the inputs are what the comparison below is checked against', () => {
    expect(winRate(baseline)).toEqual({ value: 0.2, status: 'warn' });
    expect(winRate(plain)).toEqual({ value: 0.3, status: 'pass' });
  });

  it('returns the comparison: the baseline it was made against and the win-rate change', () => {
    const c = compared.comparison;
    expect(c?.baseline).toEqual({ asOf: '2025-11-30', schemaVersion: AUDIT_SCHEMA_VERSION });
    const wr = c?.metrics.find((m) => m.id === 'win_rate');
    expect(wr).toMatchObject({ unit: 'ratio', before: 0.2, after: 0.3, trend: 'better', statusBefore: 'warn', statusAfter: 'pass' });
    expect(wr?.delta).toBeCloseTo(0.1, 12);
    // a status that improved is no regression; the comparison saw a change
    expect(c?.regressions.some((x) => x.startsWith('win_rate'))).toBe(false);
    expect(c?.changed).toBe(true);
  });

  it('the comparison is the only addition, last in the report (the JSON keys keep their order)', () => {
    expect(plain.comparison).toBeUndefined();
    expect(Object.keys(compared)).toEqual([...Object.keys(plain), 'comparison']);
    const { comparison: _c, ...rest } = compared;
    expect(rest).toEqual(plain);
  });

  it('the same audit as its own baseline: nothing changed, nothing regressed', () => {
    const same = audit(30, 70, { asOf: '2025-12-31', baseline: plain }).comparison;
    expect(same?.changed).toBe(false);
    expect(same?.regressions).toEqual([]);
    expect(same?.metrics.find((m) => m.id === 'win_rate')).toMatchObject({ before: 0.3, after: 0.3, delta: 0, trend: 'same' });
  });
});

/** A ratchet file as `init --from-current` writes it, floors only (the shell folds its overrides into the config). */
function ratchetFile(floors: NonNullable<OverridesFile['ratchet']>['floors']): OverridesFile {
  return { overrides: {}, ratchet: { version: 1, asOf: '2025-11-30', segment: 'smb', createdWith: 'revhealth test', floors } };
}

const WIN_RATE_BENCHMARK = { good: 0.3, fair: 0.2, poor: 0.15, goodMax: 0.4, fairMax: 0.55, poorMax: 0.75 };

describe('runAudit with a ratchet file given as data', () => {
  // 20 won of 200 → 0.1: still below the benchmark's poor line (fails it), but above an 8 % floor
  const file = ratchetFile({
    win_rate: { metric: 'win_rate', direction: 'higher', value: 0.08, unit: 'ratio', benchmarkDirection: 'band', benchmark: WIN_RATE_BENCHMARK, severity: 'warning' },
    grr: { metric: 'grr', direction: 'higher', value: 0.8, unit: 'ratio', benchmarkDirection: 'higher', benchmark: { good: 0.9, fair: 0.86, poor: 0.82 }, severity: 'critical' },
  });
  const ratcheted = audit(20, 180, { asOf: '2025-12-31', ratchet: { file, entry: 'revhealth.ratchet.json' } });

  it('returns the ratchet block: the file as the config names it, its floors date, a hint per floor by rule id', () => {
    expect(winRate(ratcheted)).toEqual({ value: 0.1, status: 'fail' });
    expect(ratcheted.ratchet?.file).toBe('revhealth.ratchet.json');
    expect(ratcheted.ratchet?.asOf).toBe('2025-11-30');
    expect(ratcheted.ratchet?.hints.map((h) => [h.rule, h.status, h.floor, h.value, h.suggestion])).toEqual([
      ['grr', 'n/a', 0.8, null, null], // deals only: no renewals, no GRR
      ['win_rate', 'tighten', 0.08, 0.1, 0.1],
    ]);
    expect(ratcheted.ratchet?.hints[1]?.message).toBe('win_rate: 10.0% — you now beat this floor (8.0%); tighten it to 10.0%');
  });

  it('a value clear of the benchmark fail line says the entry can go', () => {
    const r = audit(30, 70, { asOf: '2025-12-31', ratchet: { file, entry: 'f.json' } });
    expect(r.ratchet?.hints.find((h) => h.rule === 'win_rate')).toMatchObject({ status: 'benchmark_met', suggestion: null, value: 0.3 });
  });

  it('with a baseline too, the ratchet block comes after the comparison; an overrides file without a ratchet block adds nothing', () => {
    const both = audit(20, 180, { asOf: '2025-12-31', baseline, ratchet: { file, entry: 'revhealth.ratchet.json' } });
    expect(Object.keys(both).slice(-2)).toEqual(['comparison', 'ratchet']);
    const none = audit(30, 70, { asOf: '2025-12-31', ratchet: { file: { overrides: {} }, entry: 'overrides.json' } });
    expect(none).toEqual(plain);
  });
});
