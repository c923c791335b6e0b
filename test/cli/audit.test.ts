/**
 * Issues 3 and 4: `revhealth metrics`, `audit`, `explain`, `rules`, run in-process through run(argv, io)
 * (test/helpers/cli.ts).
 *
 * - "`revhealth metrics fixtures/demo --format json --as-of <date>` is byte-identical across two runs"
 * - "Every metric id appears in `revhealth explain` output, and `explain nosuchmetric` exits 2 with
 *   the list of ids closest to it"
 * - "A config that overrides a threshold changes the score and the grade as expected; an invalid
 *   config exits 2 with the key path named"
 * - "`--min-grade` and `--fail-on` exit 1 and 0 on cases built for both outcomes, tested by running
 *   the real binary" (the reason is the last line of stderr)
 * - the metrics JSON contract: keys, fractions for ratios, null + reason for n/a, no NaN/Infinity.
 *
 * Independent runs are started together in `beforeAll` blocks and shared across assertions.
 */
import { PATTERN_IDS } from '../../src/diagnose/patterns/index.js';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { METRICS } from '../../src/metrics/registry.js';
import { DEFAULT_PACK } from '../../src/rules/default-pack.js';
import { hasStackTrace, ROOT, runCliAsync, tempDir, type CliResult } from '../helpers/cli.js';

// The beforeAll hooks start batches of runs; on a loaded 2-core machine a batch can take > 10 s.
vi.setConfig({ hookTimeout: 120_000 });

const run = runCliAsync;

/** One run per distinct argument list, shared by every describe that needs it. */
const memo = new Map<string, Promise<CliResult>>();
function runOnce(args: readonly string[]): Promise<CliResult> {
  const key = JSON.stringify(args);
  let p = memo.get(key);
  if (p === undefined) {
    p = run(args);
    memo.set(key, p);
  }
  return p;
}

const lastLine = (text: string): string => text.trimEnd().split('\n').at(-1) ?? '';

interface MetricJson {
  id: string;
  title: string;
  area: string;
  unit: string;
  value: number | null;
  status: 'ok' | 'n/a';
  reason: string | null;
  inputs: string[];
  notes: string[];
  sampleSize: number | null;
  details: Record<string, number | string | null> | null;
}
interface MetricsJson {
  schemaVersion: string;
  asOf: string;
  window: { start: string; end: string };
  metrics: MetricJson[];
  series: Record<string, { month: string; value: number | null }[]>;
  breakdowns: Record<string, { group: string; closedDeals: number; isSmall: boolean; metrics: MetricJson[] }[]>;
}
interface RuleResultJson {
  id: string;
  metric: string;
  status: string;
  score: number | null;
  severity: string;
  segmentUsed: string;
  thresholds: Record<string, number>;
  value: number | null;
  source: string;
}
interface GradeJson {
  score: number | null;
  grade: string | null;
}
interface AuditJson {
  schemaVersion: string;
  company: { name: string; segment: string; currency: string };
  asOf: string;
  grades: { overall: GradeJson & { coverage: number }; areas: (GradeJson & { area: string; weight: number; coverage: number })[] };
  rules: RuleResultJson[];
  metrics: MetricJson[];
}

const DEMO = join(ROOT, 'fixtures', 'demo');
const DEMO_FILES = ['--deals', join(DEMO, 'deals.csv'), '--spend', join(DEMO, 'spend.csv'), '--renewals', join(DEMO, 'renewals.csv')];
const AS_OF = '2025-12-31';
const METRICS_DEMO = ['metrics', 'fixtures/demo', '--format', 'json', '--as-of', AS_OF];
/** The demo audit; `--min-grade C` (the demo's grade) must not change the report or the exit code. */
const AUDIT_DEMO = ['audit', 'fixtures/demo', '--format', 'json', '--as-of', AS_OF, '--min-grade', 'C'];
const demoConfig = (): Record<string, unknown> => JSON.parse(readFileSync(join(DEMO, 'revhealth.config.json'), 'utf8')) as Record<string, unknown>;

/** Lenient retention thresholds (every segment): the demo's failing GRR and NRR then pass. */
const LENIENT_RETENTION = {
  grr: { thresholds: { default: { good: 0.8, fair: 0.75, poor: 0.7 } } },
  nrr: { thresholds: { default: { good: 0.9, fair: 0.85, poor: 0.8 } } },
};

const rule = (a: AuditJson, id: string): RuleResultJson => {
  const r = a.rules.find((x) => x.id === id);
  if (r === undefined) throw new Error(`no rule ${id}`);
  return r;
};
const metricOf = (list: readonly MetricJson[], id: string): MetricJson => {
  const m = list.find((x) => x.id === id);
  if (m === undefined) throw new Error(`no metric ${id}`);
  return m;
};

// ---------------------------------------------------------------------------------------------

describe('determinism', () => {
  let metricsRuns: CliResult[];
  let auditRuns: CliResult[];

  beforeAll(async () => {
    // one shared run (reused below) and one fresh run of each
    [metricsRuns, auditRuns] = await Promise.all([
      Promise.all([runOnce(METRICS_DEMO), run(METRICS_DEMO)]),
      Promise.all([runOnce(AUDIT_DEMO), run(AUDIT_DEMO)]),
    ]);
  });

  it('metrics fixtures/demo --format json --as-of is byte-identical across two runs', () => {
    for (const r of metricsRuns) expect(r.code, r.stderr).toBe(0);
    expect(metricsRuns[0]?.stdout.length).toBeGreaterThan(1000);
    expect(metricsRuns[1]?.stdout).toBe(metricsRuns[0]?.stdout);
  });

  it('audit fixtures/demo --format json --as-of is byte-identical across two runs', () => {
    for (const r of auditRuns) expect(r.code, r.stderr).toBe(0);
    expect(auditRuns[0]?.stdout.length).toBeGreaterThan(1000);
    expect(auditRuns[1]?.stdout).toBe(auditRuns[0]?.stdout);
  });

  it('audit and metrics agree on every metric', () => {
    const m = JSON.parse(metricsRuns[0]?.stdout ?? '') as MetricsJson;
    const a = JSON.parse(auditRuns[0]?.stdout ?? '') as AuditJson;
    expect(a.metrics).toEqual(m.metrics);
    expect(a.asOf).toBe(m.asOf);
  });
});

describe('metrics JSON contract', () => {
  let demo: MetricsJson;
  let demoText: string;
  let dealsOnly: MetricsJson;
  let dealsOnlyText: string;
  let byOwner: MetricsJson;

  beforeAll(async () => {
    const [d, h, o] = await Promise.all([
      runOnce(METRICS_DEMO),
      run(['metrics', 'fixtures/flavours/hubspot', '--format', 'json']),
      run(['metrics', 'fixtures/demo', '--format', 'json', '--by', 'owner']),
    ]);
    for (const r of [d, h, o]) expect(r.code, r.stderr).toBe(0);
    demoText = d.stdout;
    dealsOnlyText = h.stdout;
    demo = JSON.parse(d.stdout) as MetricsJson;
    dealsOnly = JSON.parse(h.stdout) as MetricsJson;
    byOwner = JSON.parse(o.stdout) as MetricsJson;
  });

  it('top-level keys, in order, with asOf and the trailing window', () => {
    expect(Object.keys(demo)).toEqual(['schemaVersion', 'asOf', 'window', 'metrics', 'series', 'breakdowns']);
    expect(typeof demo.schemaVersion).toBe('string');
    expect(demo.asOf).toBe(AS_OF);
    expect(demo.window).toEqual({ start: '2024-12-31', end: AS_OF });
    expect(demo.breakdowns).toEqual({});
  });

  it('every metric carries id, title, area, unit, value, status, reason, inputs, notes', () => {
    const ids = demo.metrics.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(30);
    for (const m of [...demo.metrics, ...dealsOnly.metrics]) {
      for (const key of ['id', 'title', 'area', 'unit', 'value', 'status', 'reason', 'inputs', 'notes']) expect(m, `${m.id}.${key}`).toHaveProperty(key);
      expect(m.id).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(m.title.length).toBeGreaterThan(0);
      expect(['growth', 'pipeline', 'acquisition', 'retention', 'data_quality']).toContain(m.area);
      expect(['ratio', 'currency', 'days', 'months', 'count', 'multiple']).toContain(m.unit);
      expect(Array.isArray(m.inputs) && Array.isArray(m.notes)).toBe(true);
    }
  });

  it('ok metrics have a finite value and no reason; n/a metrics have value null and a reason', () => {
    expect(dealsOnly.metrics.some((m) => m.status === 'n/a')).toBe(true);
    for (const m of [...demo.metrics, ...dealsOnly.metrics]) {
      if (m.status === 'ok') {
        // NaN and Infinity serialise as null, so an ok metric with a null value would be one.
        expect(typeof m.value, `${m.id} value`).toBe('number');
        expect(Number.isFinite(m.value), m.id).toBe(true);
        expect(m.reason, m.id).toBeNull();
      } else {
        expect(m.status).toBe('n/a');
        expect(m.value, m.id).toBeNull();
        expect(typeof m.reason === 'string' && m.reason.length > 10, `${m.id} reason`).toBe(true);
      }
    }
  });

  it('n/a reasons say what would unlock the metric (deals-only export)', () => {
    expect(metricOf(dealsOnly.metrics, 'grr').reason).toMatch(/renewals/);
    expect(metricOf(dealsOnly.metrics, 'cac').reason).toMatch(/spend/);
    expect(metricOf(dealsOnly.metrics, 'rule_of_40').reason).toMatch(/operatingMargin/);
  });

  it('ratios are fractions (0.23, not 23); shares and rates lie in 0..1', () => {
    const ratios = demo.metrics.filter((m) => m.unit === 'ratio' && m.value !== null);
    expect(ratios.length).toBeGreaterThan(10);
    for (const m of ratios) expect(Math.abs(m.value as number), m.id).toBeLessThan(5);
    const shares = [
      'win_rate', 'win_rate_by_value', 'grr', 'logo_retention', 'top10_concentration', 'largest_account_share', 'stale_pipeline_share',
      'quarter_end_skew', 'rep_concentration', 'quota_attainment', 'lead_to_opportunity_rate', 'opportunity_to_win_rate',
      'rejected_row_rate', 'missing_source_share', 'missing_owner_share',
    ];
    for (const id of shares) {
      const m = metricOf(demo.metrics, id);
      expect(m.unit, id).toBe('ratio');
      expect(m.value, id).toBeGreaterThanOrEqual(0);
      expect(m.value, id).toBeLessThanOrEqual(1);
    }
  });

  it('no NaN or Infinity anywhere in the output', () => {
    for (const text of [demoText, dealsOnlyText]) {
      expect(text).not.toMatch(/\bNaN\b|Infinity/);
    }
    const walk = (v: unknown, path: string): void => {
      if (typeof v === 'number') expect(Number.isFinite(v), path).toBe(true);
      else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
      else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    };
    walk(demo, 'demo');
    walk(dealsOnly, 'dealsOnly');
  });

  it('series are monthly points keyed YYYY-MM', () => {
    expect(Object.keys(demo.series).length).toBeGreaterThan(0);
    for (const [id, points] of Object.entries(demo.series)) {
      expect(points.length, id).toBeGreaterThan(0);
      for (const p of points) {
        expect(p.month).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
        expect(p.value === null || Number.isFinite(p.value)).toBe(true);
      }
      const months = points.map((p) => p.month);
      expect([...months].sort(), id).toEqual(months);
    }
  });

  it('--by owner gives one group per owner whose bookings add up to the total', () => {
    const groups = byOwner.breakdowns.owner ?? [];
    expect(Object.keys(byOwner.breakdowns)).toEqual(['owner']);
    expect(groups.length).toBe(8);
    expect(groups.map((g) => g.group)).toContain('Marcus Delgado');
    const names = groups.map((g) => g.group);
    expect([...names].sort()).toEqual(names);
    for (const g of groups) {
      expect(typeof g.closedDeals).toBe('number');
      expect(typeof g.isSmall).toBe('boolean');
      expect(g.metrics.length).toBeGreaterThan(0);
      expect(g.metrics.map((m) => m.id)).toContain('bookings');
    }
    const total = metricOf(byOwner.metrics, 'bookings').value as number;
    const sum = groups.reduce((a, g) => a + (metricOf(g.metrics, 'bookings').value ?? 0), 0);
    expect(Math.abs(sum - total)).toBeLessThan(0.01);
    // the top group is the rep_concentration owner
    const top = [...groups].sort((a, b) => (metricOf(b.metrics, 'bookings').value ?? 0) - (metricOf(a.metrics, 'bookings').value ?? 0))[0];
    expect(top?.group).toBe(metricOf(byOwner.metrics, 'rep_concentration').details?.owner);
  });
});

// ---------------------------------------------------------------------------------------------

describe('explain', () => {
  /** Every metric id, explained in-process. */
  let sweep: { ids: string[]; results: Record<string, CliResult> };
  let grr: CliResult;
  let bookings: CliResult;
  let unknown: CliResult;
  let typo: CliResult;

  beforeAll(async () => {
    const ids = METRICS.map((m) => m.id);
    const results: Record<string, CliResult> = {};
    for (const id of ids) results[id] = await run(['explain', id]);
    sweep = { ids, results };
    [grr, bookings, unknown, typo] = await Promise.all([run(['explain', 'grr']), run(['explain', 'bookings']), run(['explain', 'nosuchmetric']), run(['explain', 'win_rat'])]);
  });

  it('every metric id is explained: exit 0, its id, definition and formula in the output', () => {
    expect(sweep.ids.length).toBeGreaterThanOrEqual(30);
    for (const id of sweep.ids) {
      const r = sweep.results[id];
      expect(r?.code, `explain ${id}: ${r?.stderr}`).toBe(0);
      expect(r?.stdout.startsWith(`${id} — `), `explain ${id}`).toBe(true);
      expect(r?.stdout, id).toMatch(/definition/);
      expect(r?.stdout, id).toMatch(/formula/);
      // graded metrics show their benchmark; the others say why they are not graded
      expect(r?.stdout, id).toMatch(/\n {2}rule {6}|not graded/);
    }
  });

  it('every default rule id is a metric id that explain knows', () => {
    for (const r of DEFAULT_PACK.rules) expect(sweep.ids, r.id).toContain(r.metric);
  });

  it('the binary: explain grr prints the definition, per-segment thresholds and the source', () => {
    expect(grr.code).toBe(0);
    expect(grr.stdout).toMatch(/^grr — /);
    expect(grr.stdout).toMatch(/smb/);
    expect(grr.stdout).toMatch(/mid-market/);
    expect(grr.stdout).toMatch(/source/);
    expect(bookings.code).toBe(0);
    expect(bookings.stdout).toMatch(/not graded/);
  });

  it('explain nosuchmetric exits 2 with the closest ids', () => {
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/unknown metric, rule or pattern "nosuchmetric"/);
    const closest = /closest: ([a-z0-9_, ]+)/.exec(unknown.stderr)?.[1]?.split(', ') ?? [];
    expect(closest.length).toBeGreaterThanOrEqual(3);
    for (const id of closest) expect([...sweep.ids, ...PATTERN_IDS], id).toContain(id);
    expect(hasStackTrace(unknown.stderr)).toBe(false);
  });

  it('a typo lists the intended id first', () => {
    expect(typo.code).toBe(2);
    expect(/closest: ([a-z0-9_]+)/.exec(typo.stderr)?.[1]).toBe('win_rate');
  });
});

describe('rules', () => {
  let all: { segment: string; rules: (RuleResultJson & { active: { segmentUsed: string; thresholds: Record<string, number> } })[] };
  let smb: typeof all;

  beforeAll(async () => {
    const [a, s] = await Promise.all([run(['rules', '--format', 'json']), run(['rules', '--format', 'json', '--segment', 'smb'])]);
    expect(a.code, a.stderr).toBe(0);
    expect(s.code, s.stderr).toBe(0);
    all = JSON.parse(a.stdout) as typeof all;
    smb = JSON.parse(s.stdout) as typeof all;
  });

  it('rules --format json lists every default rule with a non-empty source', () => {
    expect(all.rules.map((r) => r.id)).toEqual(DEFAULT_PACK.rules.map((r) => r.id));
    for (const r of all.rules) expect(r.source.trim().length, r.id).toBeGreaterThan(20);
  });

  it('--segment smb shows the smb thresholds where a rule has them, default otherwise', () => {
    expect(all.segment).toBe('mixed');
    expect(smb.segment).toBe('smb');
    for (const r of DEFAULT_PACK.rules) {
      const got = smb.rules.find((x) => x.id === r.id);
      const own = r.thresholds.smb;
      expect(got?.active.segmentUsed, r.id).toBe(own ? 'smb' : 'default');
      expect(got?.active.thresholds, r.id).toEqual(own ?? r.thresholds.default);
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('config overrides, --segment and the CI gates', () => {
  let base: AuditJson;
  let lenient: AuditJson;
  let perSegment: AuditJson;
  let smbRun: AuditJson;
  const gates: Record<string, CliResult> = {};
  const bad: Record<string, CliResult> = {};

  beforeAll(async () => {
    // (1) --config + --deals/--spend/--renewals; (2) a folder holding the CSVs and revhealth.config.json
    const cfg = tempDir({
      'lenient.json': JSON.stringify({ ...demoConfig(), rules: { overrides: LENIENT_RETENTION } }),
      'segment-only.json': JSON.stringify({ ...demoConfig(), rules: { overrides: { grr: { thresholds: { smb: { good: 0.5, fair: 0.4, poor: 0.3 } } } } } }),
      'bad-order.json': JSON.stringify({ ...demoConfig(), rules: { overrides: { grr: { thresholds: { default: { good: 0.8, fair: 0.9, poor: 0.7 } } } } } }),
      'bad-type.json': JSON.stringify({ ...demoConfig(), company: { name: 'X', grossMargin: 'high' } }),
      'bad-key.json': JSON.stringify({ company: { segmnt: 'smb' } }),
      'bad-rule.json': JSON.stringify({ rules: { overrides: { grrr: { weight: 2 } } } }),
      'bad-segment.json': JSON.stringify({ rules: { overrides: { grr: { thresholds: { midmarket: { good: 0.9, fair: 0.8, poor: 0.7 } } } } } }),
      'bad-json.json': '{"company": ',
    });
    const folder = tempDir({ 'revhealth.config.json': JSON.stringify({ ...demoConfig(), rules: { overrides: LENIENT_RETENTION } }) });
    for (const f of ['deals.csv', 'spend.csv', 'renewals.csv']) copyFileSync(join(DEMO, f), join(folder, f));
    const json = ['--format', 'json'];
    const auditWith = (c: string, ...extra: string[]) => run(['audit', ...DEMO_FILES, '--config', join(cfg, c), ...extra]);

    const [b, l, p, s] = await Promise.all([
      runOnce(AUDIT_DEMO),
      // both gates pass on the lenient config: exit 0 (asserted in the gate tests)
      auditWith('lenient.json', ...json, '--min-grade', 'A', '--fail-on', 'critical'),
      auditWith('segment-only.json', ...json, '--segment', 'smb'),
      run(['audit', 'fixtures/demo', ...json, '--segment', 'smb']),
      ...Object.entries({
        'min-grade B (demo grade C)': ['audit', 'fixtures/demo', '--min-grade', 'B'],
        'fail-on critical (demo: grr, nrr fail)': ['audit', 'fixtures/demo', '--fail-on', 'critical'],
        // the folder holds the CSVs and the lenient revhealth.config.json, found without --config
        'fail-on warning (lenient config: skew, rep share fail)': ['audit', folder, '--fail-on', 'warning', ...json],
      }).map(async ([label, args]) => {
        gates[label] = await run(args);
      }),
      ...['bad-order', 'bad-type', 'bad-key', 'bad-rule', 'bad-segment', 'bad-json'].map(async (name) => {
        bad[name] = await auditWith(`${name}.json`);
      }),
      run(['rules', '--config', join(cfg, 'bad-order.json')]).then((r) => (bad['rules bad-order'] = r)),
      run(['explain', 'grr', '--config', join(cfg, 'bad-type.json')]).then((r) => (bad['explain bad-type'] = r)),
    ]);
    for (const r of [b, l, p, s] as CliResult[]) expect(r.code, r.stderr).toBe(0);
    gates['min-grade C (demo grade C)'] = b as CliResult;
    gates['min-grade A + fail-on critical (lenient config)'] = l as CliResult;
    base = JSON.parse((b as CliResult).stdout) as AuditJson;
    lenient = JSON.parse((l as CliResult).stdout) as AuditJson;
    perSegment = JSON.parse((p as CliResult).stdout) as AuditJson;
    smbRun = JSON.parse((s as CliResult).stdout) as AuditJson;
  });

  it('the demo as shipped: grade C, GRR and NRR failing their mid-market floors', () => {
    expect(base.company.segment).toBe('mid-market');
    expect(base.grades.overall.grade).toBe('C');
    expect(rule(base, 'grr')).toMatchObject({ status: 'fail', segmentUsed: 'mid-market', severity: 'critical' });
    expect(rule(base, 'nrr').status).toBe('fail');
  });

  it('overriding the GRR/NRR thresholds changes their score, the retention area, the overall score and the grade', () => {
    const g = rule(lenient, 'grr');
    expect(g.thresholds).toEqual({ good: 0.8, fair: 0.75, poor: 0.7 });
    expect(g.segmentUsed).toBe('default'); // thresholds.default replaces every segment's
    expect(g.value).toBe(rule(base, 'grr').value); // the metric is unchanged, only the judgement
    expect(g.status).toBe('pass');
    expect(g.score).toBe(100);
    expect(rule(lenient, 'nrr')).toMatchObject({ status: 'pass', score: 100 });
    const area = (a: AuditJson) => a.grades.areas.find((x) => x.area === 'retention')?.score ?? 0;
    expect(area(lenient)).toBeGreaterThan(area(base));
    expect(lenient.grades.overall.score as number).toBeGreaterThan(base.grades.overall.score as number);
    expect(lenient.grades.overall.grade).toBe('A');
    // only retention moved
    for (const a of base.grades.areas.filter((x) => x.area !== 'retention')) {
      expect(lenient.grades.areas.find((x) => x.area === a.area)?.score, a.area).toBe(a.score);
    }
  });

  it('the overall score is the area-weighted mean of the area scores, in both runs', () => {
    for (const a of [base, lenient]) {
      const scored = a.grades.areas.filter((x) => x.score !== null);
      const mean = scored.reduce((s, x) => s + x.weight * (x.score as number), 0) / scored.reduce((s, x) => s + x.weight, 0);
      expect(Math.abs(mean - (a.grades.overall.score as number))).toBeLessThanOrEqual(0.1);
    }
  });

  it('a per-segment override applies only to that segment', () => {
    expect(rule(perSegment, 'grr')).toMatchObject({ segmentUsed: 'smb', thresholds: { good: 0.5, fair: 0.4, poor: 0.3 }, status: 'pass' });
    // nrr keeps the pack's smb thresholds
    const nrrSmb = DEFAULT_PACK.rules.find((r) => r.id === 'nrr')?.thresholds.smb;
    expect(rule(perSegment, 'nrr').thresholds).toEqual(nrrSmb);
  });

  it('--segment smb changes the thresholds used (and the score), not the metric values', () => {
    expect(smbRun.company.segment).toBe('smb');
    const grrPack = DEFAULT_PACK.rules.find((r) => r.id === 'grr');
    expect(rule(smbRun, 'grr').segmentUsed).toBe('smb');
    expect(rule(smbRun, 'grr').thresholds).toEqual(grrPack?.thresholds.smb);
    expect(rule(base, 'grr').thresholds).toEqual(grrPack?.thresholds['mid-market']);
    expect(rule(smbRun, 'grr').score).not.toBe(rule(base, 'grr').score);
    const cycle = (a: AuditJson) => rule(a, 'sales_cycle_days');
    expect(cycle(smbRun).thresholds).not.toEqual(cycle(base).thresholds);
    expect(smbRun.metrics).toEqual(base.metrics);
    expect(smbRun.grades.overall.score).not.toBe(base.grades.overall.score);
  });

  it.each([
    ['bad-order', /rules\.overrides\.grr\.thresholds\.default: thresholds out of order/],
    ['bad-type', /company\.grossMargin: /],
    ['bad-key', /company: unknown key "segmnt".*segment/],
    ['bad-rule', /rules\.overrides\.grrr: unknown rule.*grr/],
    ['bad-segment', /rules\.overrides\.grr\.thresholds\.midmarket: .*mid-market/],
    ['bad-json', /not valid JSON/],
    ['rules bad-order', /rules\.overrides\.grr\.thresholds\.default/],
    ['explain bad-type', /company\.grossMargin/],
  ])('an invalid config (%s) exits 2 naming the file and the key path', (name, pattern) => {
    const r = bad[name] as CliResult;
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(pattern);
    if (!name.startsWith('rules')) expect(r.stderr).toMatch(/\.json/);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('--min-grade: exit 0 when the grade meets it, 1 with the reason last on stderr when not', () => {
    const pass = gates['min-grade C (demo grade C)'] as CliResult;
    expect(pass.code, pass.stderr).toBe(0);
    expect(pass.stderr).not.toMatch(/gate failed/);
    const fail = gates['min-grade B (demo grade C)'] as CliResult;
    expect(fail.code).toBe(1);
    expect(lastLine(fail.stderr)).toMatch(/--min-grade B: overall grade C \(\d+(\.\d)?\) is below B/);
    expect(fail.stdout.length).toBeGreaterThan(0); // the report is still printed
    const a = gates['min-grade A + fail-on critical (lenient config)'] as CliResult;
    expect(a.code, a.stderr).toBe(0);
    expect((JSON.parse(a.stdout) as AuditJson).grades.overall.grade).toBe('A');
  });

  it('--fail-on: exit 1 naming the failing rule last on stderr, 0 when no rule of that severity fails', () => {
    const crit = gates['fail-on critical (demo: grr, nrr fail)'] as CliResult;
    expect(crit.code).toBe(1);
    expect(crit.stderr).toMatch(/--fail-on critical: rule grr failed \(critical/);
    expect(lastLine(crit.stderr)).toMatch(/--fail-on critical: rule nrr failed \(critical, score [\d.]+\)/);

    const ok = gates['min-grade A + fail-on critical (lenient config)'] as CliResult;
    expect(ok.code, ok.stderr).toBe(0);
    const okReport = JSON.parse(ok.stdout) as AuditJson;
    expect(okReport.rules.filter((r) => r.status === 'fail' && r.severity === 'critical')).toEqual([]);

    const warn = gates['fail-on warning (lenient config: skew, rep share fail)'] as CliResult;
    expect(warn.code).toBe(1);
    const warnReport = JSON.parse(warn.stdout) as AuditJson; // JSON still on stdout, complete
    const failing = warnReport.rules.filter((r) => r.status === 'fail' && r.severity !== 'info').map((r) => r.id);
    expect(failing).toEqual(expect.arrayContaining(['quarter_end_skew', 'rep_concentration']));
    expect(lastLine(warn.stderr)).toMatch(new RegExp(`--fail-on warning: rule ${failing.at(-1)} failed`));
    for (const r of Object.values(gates)) expect(hasStackTrace(r.stderr)).toBe(false);
  });
});
