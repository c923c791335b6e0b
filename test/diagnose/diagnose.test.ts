import { describe, expect, it } from 'vitest';
import { rankFindings, resolveProcess } from '../../src/diagnose/diagnose.js';
import { PatternInput } from '../../src/diagnose/signals.js';
import { DEFAULT_PACK } from '../../src/rules/default-pack.js';
import { PATTERNS, PATTERN_IDS } from '../../src/diagnose/patterns/index.js';
import type { Finding } from '../../src/diagnose/types.js';
import type { MetricResult } from '../../src/metrics/types.js';
import { OWNERS } from '../../src/rules/schema.js';
import { deepFreeze } from '../helpers/builders.js';
import { metric, profileFor, run } from './helpers.js';

function finding(id: string, annual: number | null): Finding {
  return { id, title: id, severity: 'warning', owners: ['Sales'], evidence: [], metrics: {}, impact: { annual, formula: '' }, path: '', process: [] };
}

/** A company with several problems at once: leaky bucket, hockey stick, hero rep, stale pipeline. */
function troubled(): MetricResult[] {
  return [
    metric('bookings', 2_000_000, { count: 100 }),
    metric('bookings_growth_yoy', 0.4),
    metric('grr', 0.8, { arrBefore: 3_000_000, churnedArr: 450_000, contractionArr: 150_000 }),
    metric('nrr', 0.9, { arrBefore: 3_000_000, expansionArr: 100_000 }),
    metric('quarter_end_skew', 0.55, { quarters: 4, quarterBookings: 2_000_000 }),
    metric('rep_concentration', 0.45, { owner: 'Ada', ownerBookings: 900_000, totalBookings: 2_000_000, owners: 6 }),
    metric('stale_pipeline_share', 0.3, { value: 600_000, count: 20, pastDue: 15 }),
    metric('win_rate', 0.25, { won: 100, lost: 300 }),
    // with it the pipeline area has 9 of its 16 rule weight scored, enough to be graded
    metric('sales_cycle_days', 60),
    metric('rejected_row_rate', 0.001),
    metric('missing_source_share', 0.03),
    metric('missing_owner_share', 0),
    metric('data_freshness_days', 2),
  ];
}

describe('ranking', () => {
  it('sorts by annual impact descending, null last, ties by id', () => {
    const ranked = rankFindings([finding('b', 100), finding('z', null), finding('a', 100), finding('c', 500), finding('y', null)]);
    expect(ranked.map((f) => f.id)).toEqual(['c', 'a', 'b', 'y', 'z']);
  });

  it('puts losses first, then risks, then upsides, whatever their size (kinds are never compared)', () => {
    const k = (id: string, kind: 'loss' | 'risk' | 'upside', annual: number | null) => ({ ...finding(id, annual), impact: { kind, annual, formula: '' } });
    const ranked = rankFindings([k('u', 'upside', 9_000), k('r', 'risk', 5_000), k('l2', 'loss', 10), k('l1', 'loss', 100), k('r0', 'risk', null)]);
    expect(ranked.map((f) => f.id)).toEqual(['l1', 'l2', 'r', 'r0', 'u']);
  });

  it('ranks the findings of a diagnosis that way: the measured loss (leaky bucket) first', () => {
    const d = run(troubled());
    // risks: stale 600,000 × win rate 25% = 150,000; hockey stick (55% − 30%) × 2,000,000 = 500,000 × 25% = 125,000;
    // hero rep (45% − 25%) × 2,000,000 = 400,000 × 30% = 120,000
    expect(d.findings.map((f) => [f.id, f.impact.kind, f.impact.annual])).toEqual([
      ['leaky_bucket', 'loss', expect.any(Number)],
      ['stale_pipeline', 'risk', 150_000],
      ['quarter_end_hockey_stick', 'risk', 125_000],
      ['hero_rep_dependency', 'risk', 120_000],
    ]);
    const risks = d.findings.filter((f) => f.impact.kind === 'risk').map((f) => f.impact.annual ?? -1);
    expect(risks).toEqual([...risks].sort((x, y) => y - x));
  });
});

describe('findings', () => {
  it('carry the pattern text, resolved process KPIs and the numbers behind the impact', () => {
    const d = run(troubled());
    for (const f of d.findings) {
      const p = PATTERNS.find((x) => x.id === f.id);
      expect(f.title).toBe(p?.title);
      // issue 18: every path is rewritten for the company (tailor.ts, tailor-more.ts, tailor-pipeline.ts)
      if (f.id === 'hero_rep_dependency') expect(f.path).toContain("Turn Ada's know-how into a system");
      expect(f.path, f.id).not.toBe(p?.path);
      expect(f.evidence.length).toBeGreaterThan(0);
      expect(f.impact.formula).toContain('=');
      expect(Object.keys(f.metrics).length).toBeGreaterThan(0);
      for (const s of f.process) expect(`${s.step} ${s.kpi}`, `${f.id} ${s.by}`).not.toMatch(/\{[a-z0-9_.]+\}/);
    }
    const leaky = d.findings.find((f) => f.id === 'leaky_bucket');
    expect(leaky?.process[1]?.kpi).toBe('GRR ≥ 88.0% (now 80.0%)');
  });

  it('fill every placeholder of every pattern process for every segment', () => {
    for (const segment of ['smb', 'mid-market', 'enterprise', 'mixed'] as const) {
      const input = new PatternInput({ metrics: troubled(), rules: [], profile: profileFor({ segment }), series: {}, asOf: null, ruleDefs: DEFAULT_PACK.rules });
      for (const p of PATTERNS) {
        for (const s of resolveProcess(p, input)) expect(`${s.step} ${s.kpi}`, `${p.id} ${segment}`).not.toMatch(/\{/);
      }
    }
  });
});

describe('missing data', () => {
  it('fires nothing on an empty metric set and lists every pattern as not checked', () => {
    const d = run([]);
    expect(d.findings).toEqual([]);
    expect(d.watch).toEqual([]);
    expect(d.notChecked.map((n) => n.id)).toEqual(PATTERN_IDS);
    for (const n of d.notChecked) expect(n.needs.length).toBeGreaterThan(0);
  });

  it('does not list a pattern as not checked when what is known already rules it out', () => {
    // GRR is healthy: no leaky bucket whatever bookings growth would be
    const d = run([metric('grr', 0.95, { arrBefore: 1_000_000 })]);
    expect(d.notChecked.map((n) => n.id)).not.toContain('leaky_bucket');
  });
});

describe('watch items', () => {
  it('list the near patterns with a note, in catalogue order', () => {
    const d = run([metric('stale_pipeline_share', 0.18, { value: 100_000 }), metric('win_rate', 0.25), metric('forecast_accuracy', 0.88)]);
    expect(d.findings).toEqual([]);
    expect(d.watch.map((w) => w.id)).toEqual(['stale_pipeline', 'unreliable_forecast']);
    expect(d.watch[0]?.note).toContain('18.0%');
  });
});

describe('by function', () => {
  it('groups findings (by every owner) and failing rules (by rule owner), one group per function', () => {
    const d = run(troubled());
    expect(d.byFunction.map((g) => g.owner)).toEqual([...OWNERS]);
    const cs = d.byFunction.find((g) => g.owner === 'Customer Success');
    expect(cs?.findings).toEqual(['leaky_bucket']);
    expect(cs?.failingRules).toEqual(expect.arrayContaining(['grr', 'nrr']));
    const sales = d.byFunction.find((g) => g.owner === 'Sales');
    // issue 18: churn is also sales' (qualification), so leaky_bucket counts for Sales too
    expect([...(sales?.findings ?? [])].sort()).toEqual(['hero_rep_dependency', 'leaky_bucket', 'quarter_end_hockey_stick', 'stale_pipeline']);
    // per kind, one finding per money base: the leaky bucket is Sales' loss; the hockey stick and the
    // hero rep are both risks on bookings (the larger counts), stale pipeline a risk on pipeline
    const impactOf = (id: string) => d.findings.find((f) => f.id === id)?.impact.annual ?? 0;
    expect(sales?.annualAtStake).toBeCloseTo(impactOf('leaky_bucket'), 2);
    expect(sales?.annualAtRisk).toBeCloseTo(Math.max(impactOf('quarter_end_hockey_stick'), impactOf('hero_rep_dependency')) + impactOf('stale_pipeline'), 2);
    expect(sales?.annualAtRisk).toBe(275_000); // 125,000 (bookings, the larger of two) + 150,000 (pipeline)
    const mkt = d.byFunction.find((g) => g.owner === 'Marketing');
    expect(mkt).toEqual({ owner: 'Marketing', findings: [], failingRules: [], annualAtStake: 0, annualAtRisk: 0, annualUpside: 0 });
  });
});

describe('perspective', () => {
  /** A young SMB company selling mostly new logos through paid search, leaking customers. */
  const smbStartup = (): MetricResult[] => [
    ...troubled(),
    metric('arr_growth', 0.6, { startingArr: 3_000_000, netNewArr: 1_200_000 }),
    metric('expansion_share', 0.08, { expansionArr: 100_000, newArr: 1_150_000, newDeals: 120, expandedContracts: 10 }),
    metric('cac_by_channel', 9_000, { spend: 900_000, won: 100, unattributedWon: 20, 'Paid Search.spend': 600_000, 'Paid Search.won': 80, 'Paid Search.cac': 7_500, 'Events.spend': 300_000, 'Events.won': 20, 'Events.cac': 15_000 }),
  ];
  /** A large enterprise company growing from its base, short of pipeline. */
  const enterprise = (): MetricResult[] => [
    metric('bookings', 30_000_000, { count: 150 }),
    metric('bookings_growth_yoy', 0.15),
    metric('grr', 0.95, { arrBefore: 70_000_000 }),
    metric('nrr', 1.2, { arrBefore: 70_000_000, expansionArr: 17_500_000 }),
    metric('expansion_share', 0.6, { expansionArr: 17_500_000, newArr: 11_700_000, newDeals: 40, expandedContracts: 90 }),
    metric('pipeline_coverage', 1.6, { target: 9_000_000, openPipeline: 14_400_000, quarter: 'FY2026 Q1' }),
    metric('win_rate', 0.22),
    // enough of the pipeline area's rule weight (3 + 3 + 2 of 16) for it to be graded at all
    metric('sales_cycle_days', 150),
    metric('rule_of_40', 0.35, { growth: 0.15, growthBasis: 'bookings_growth_yoy', operatingMargin: 0.2 }),
  ];

  it('reads two differently shaped companies differently', () => {
    const a = run(smbStartup(), { segment: 'smb', profile: { name: 'Acme' } }).perspective;
    const b = run(enterprise(), { segment: 'enterprise', profile: { name: 'Globex', arrCents: 8_000_000_000 } }).perspective;
    expect(a.arrBand).toBe('$1M–$10M ARR');
    expect(a.stage).toBe('early-growth');
    expect(a.arr).toBe(4_200_000);
    expect(a.arrSource).toBe('renewals');
    expect(b.arrBand).toBe('$50M–$100M ARR');
    expect(b.stage).toBe('expansion-stage');
    expect(b.arrSource).toBe('config');
    expect(a.weakestArea).toBe('retention');
    expect(b.weakestArea).toBe('pipeline');
    expect(a.bindingConstraint).toBe('leaky_bucket');
    expect(b.bindingConstraint).toBe('pipeline_starvation');
    expect(a.strongestArea).not.toBe(b.strongestArea);
    expect(a.summary).toContain('new logos bring 92.0% of new ARR');
    expect(a.summary).toContain('Paid Search leads the paid channels');
    expect(b.summary).toContain('expansion brings 60.0% of new ARR');
    expect(b.summary).toContain('pipeline starvation');
    expect(a.growthSources).toContain('Paid channels by won new deals: Paid Search 80, Events 20; 20 more not tied to a paid channel.');
    expect(a.summary).not.toBe(b.summary);
  });

  it('says so when ARR is unknown', () => {
    const p = run([metric('win_rate', 0.25)]).perspective;
    expect(p.arr).toBeNull();
    expect(p.arrBand).toBe('unknown ARR');
    expect(p.summary).toContain('ARR unknown');
  });
});

// CRO readiness: test/diagnose/cro-readiness.test.ts (issue 18: the framework's triggers one by one)

describe('determinism', () => {
  it('gives byte-identical JSON for the same input and never mutates it', () => {
    const metrics = deepFreeze(troubled());
    const a = JSON.stringify(run(metrics));
    const b = JSON.stringify(run(metrics));
    expect(a).toBe(b);
  });
});
