/**
 * leaky_bucket: strong selling, weak retention: bookings grow at the benchmark median or better
 * while GRR sits below the segment pass point.
 */
import { bench, clear, fired, grrShortfall, notChecked, segmentName, watch, type Detection, type Metrics, type Pattern, type PatternDef } from './kit.js';
import { evaluateTriggers, nearNote, pct, type PatternInput, type Trigger } from '../signals.js';

/** A renewal segment label ("SMB", "Mid-Market"...) as a rule segment key, or null. */
export function segmentKeyOf(label: string): 'smb' | 'mid-market' | 'enterprise' | null {
  const k = label.toLowerCase().replace(/[^a-z]/g, '');
  if (k === 'smb' || k === 'small' || k === 'smallbusiness' || k === 'smbs') return 'smb';
  if (k === 'midmarket' || k === 'mm' || k === 'mid' || k === 'midsize' || k === 'mme') return 'mid-market';
  if (k === 'enterprise' || k === 'ent' || k === 'large' || k === 'strategic') return 'enterprise';
  return null;
}

interface SegmentGrr {
  readonly label: string;
  readonly grr: number;
  readonly renewals: number;
  readonly pass: number | null;
  readonly good: number | null;
}

/** Per-segment GRR from the grr details, each with its own segment's thresholds. */
function segmentGrrs(input: PatternInput): SegmentGrr[] {
  const d = input.details('grr');
  if (d === null) return [];
  const out: SegmentGrr[] = [];
  for (const key of Object.keys(d).sort()) {
    if (!key.endsWith('.grr')) continue;
    const label = key.slice(0, -4);
    const grr = d[key];
    const renewals = d[`${label}.renewals`];
    if (typeof grr !== 'number' || typeof renewals !== 'number') continue;
    const seg = segmentKeyOf(label) ?? input.profile.segment;
    out.push({ label, grr, renewals, pass: input.threshold({ rule: 'grr', point: 'pass' }, seg), good: input.threshold({ rule: 'grr', point: 'good' }, seg) });
  }
  return out;
}

const LEAKY_TRIGGERS: readonly Trigger[] = [
  {
    metric: 'bookings_growth_yoy',
    op: 'atLeast',
    at: { rule: 'bookings_growth_yoy', point: 'fair' },
    label: 'bookings growth year over year at or above the benchmark median (the company sells well)',
  },
  {
    metric: 'grr',
    op: 'below',
    at: { rule: 'grr', point: 'pass' },
    near: { rule: 'grr', point: 'good' },
    label: 'gross revenue retention below the segment pass point',
  },
  {
    metric: 'grr',
    detail: '<segment>.renewals',
    op: 'atLeast',
    at: { value: 20, unit: 'count', why: 'sample-size floor (our choice): a renewal segment is judged on its own GRR only with at least 20 renewals in the window' },
    label: "segment check: when overall GRR passes, a renewal segment below its own segment's pass point makes a watch item",
    subject: 'renewals of the segment',
    custom: true,
  },
];

const leakyBucketDef = {
  id: 'leaky_bucket',
  title: 'Leaky bucket: strong selling, weak retention',
  description:
    'New bookings grow at a healthy pace while gross revenue retention sits below the floor for the segment: the company refills a bucket that keeps leaking, so growth costs more every year.',
  area: 'retention',
  owners: ['Customer Success', 'Executive'],
  severity: 'critical',
  requires: ['bookings_growth_yoy', 'grr'],
  triggers: LEAKY_TRIGGERS,
  impactFormula: '(GRR good point for the segment − GRR) × ARR up for renewal in the window: the ARR a year that lifting GRR to the segment floor would keep.',
  impactModel: { kind: 'loss', basis: 'arr' },
  path:
    'Fix retention before buying more growth: find why customers leave (reason by lost ARR), build a renewal desk and health score around the segment that churns most, and stop acquiring customers the product does not keep.',
  process: [
    { by: 30, owner: 'Customer Success', step: 'Tag every churned and contracted account of the last twelve months with its reason (fit, onboarding, product gap, champion left, price) and rank the reasons by lost ARR.', kpi: 'churn reason on 100% of lost ARR' },
    { by: 60, owner: 'Customer Success', step: 'Stand up a health score and a 120-day renewal desk for the segment with the lowest GRR; every at-risk account gets an owner and a save plan.', kpi: 'GRR ≥ {grr.pass}', kpiMetric: 'grr' },
    { by: 90, owner: 'Executive', step: 'Tie acquisition to retention: qualify out the poor-fit profile in marketing and sales, and make GRR a company goal reviewed monthly.', kpi: 'GRR ≥ {grr.good}', kpiMetric: 'grr' },
  ],
} as const satisfies PatternDef;

function detectLeakyBucket(input: PatternInput): Detection {
  const out = evaluateTriggers(LEAKY_TRIGGERS, input);
  const minRenewals = (LEAKY_TRIGGERS[2]?.at as { value: number }).value;
  const segs = segmentGrrs(input).filter((s) => s.renewals >= minRenewals);
  const leaking = segs.filter((s) => s.pass !== null && s.grr < s.pass);
  if (out.status === 'na') return notChecked(out.missing ?? 'inputs are n/a');
  const segText = (list: readonly SegmentGrr[]): string =>
    list.map((s) => `${s.label} ${pct(s.grr)} (${s.renewals} renewals, benchmark ${s.good === null ? 'n/a' : pct(s.good)})`).join(', ');
  if (out.status !== 'fired') {
    const growth = out.evals[0];
    if (out.status === 'near') return watch(nearNote(out.evals, input));
    // Overall GRR is healthy, but a sizeable segment leaks: a watch item, when the company sells well.
    if (growth?.state === 'met' && leaking.length > 0) {
      return watch(`overall GRR passes, but segment GRR is below its own segment pass point: ${segText(leaking)}`);
    }
    return clear();
  }
  const grr = input.value('grr') as number;
  const growth = input.value('bookings_growth_yoy') as number;
  const good = bench(input, 'grr', 'good') as number;
  const fair = bench(input, 'bookings_growth_yoy', 'fair') as number;
  const shortfall = grrShortfall(input, grr, good);
  const evidence = [
    `Bookings grew ${pct(growth)} year over year (benchmark median ${pct(fair)}), yet gross revenue retention is ${pct(grr)} against the ${segmentName(input)} benchmark of ${pct(good)}.`,
  ];
  if (shortfall.evidence !== null) evidence.push(shortfall.evidence);
  if (segs.length > 1) {
    evidence.push(`By segment: ${segText(segs)}${leaking.length > 0 ? `; below its own segment's pass point: ${leaking.map((s) => s.label).join(', ')}` : ''}.`);
  }
  const metrics: Metrics = { bookings_growth_yoy: growth, grr, 'grr.arrBefore': shortfall.base, 'benchmark.grr.good': good };
  return fired({ evidence, metrics, impact: shortfall.impact });
}

export const leakyBucket: Pattern = { ...leakyBucketDef, detect: detectLeakyBucket };
