/**
 * Benchmark rules as pure data (STYLE B4). A rule points at one metric and says how to judge it:
 * direction, control points per segment, weight, severity when failing, owner and the source of
 * its numbers. No functions live in a rule; the scoring math is in `scoring.ts`.
 *
 * The zod schemas here are the source of truth for rule packs, including the JSON files users add
 * with `rules.packs`. Semantic checks that zod cannot express as a type (control-point order,
 * duplicate ids) run in `superRefine`, so every problem carries its key path
 * (`rules[3].thresholds.smb: ...`).
 */
import { z } from 'zod';
import { lazy } from '../base/lazy.js';
import { METRIC_AREAS, type MetricArea, type MetricUnit } from '../metrics/types.js';
import { thresholdNumber, weightSchema } from '../config/schema.js';

/** `higher`: more is better. `lower`: less is better. `band`: a healthy range, penalised on both sides. */
export const DIRECTIONS = ['higher', 'lower', 'band'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** Severity of a failing rule, worst first. `--fail-on` compares against this order. */
export const SEVERITIES = ['critical', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The function that owns fixing a failing rule. */
export const OWNERS = ['Marketing', 'Sales', 'Customer Success', 'RevOps', 'Executive'] as const;
export type Owner = (typeof OWNERS)[number];

/** Keys of a rule's `thresholds`: `default` serves every segment without an entry of its own. */
export const THRESHOLD_KEYS = ['default', 'smb', 'mid-market', 'enterprise'] as const;
export type ThresholdKey = (typeof THRESHOLD_KEYS)[number];

export const METRIC_UNITS = ['ratio', 'currency', 'days', 'months', 'count', 'multiple'] as const satisfies readonly MetricUnit[];

/** Version of the rule-pack document shape. */
export const RULE_PACK_SCHEMA_VERSION = 1;

const finite = thresholdNumber;

/**
 * Control points. `good` scores 100, `fair` 60, `poor` 20 (see `scoring.ts`).
 * For `band` rules, `good`/`fair`/`poor` are the lower side and `goodMax`/`fairMax`/`poorMax` the upper side.
 */
export const thresholdsSchema = lazy(() =>
  z.strictObject({
    good: finite('good'),
    fair: finite('fair'),
    poor: finite('poor'),
    goodMax: finite('goodMax').optional(),
    fairMax: finite('fairMax').optional(),
    poorMax: finite('poorMax').optional(),
  }),
);
export type Thresholds = z.infer<ReturnType<typeof thresholdsSchema>>;

export const thresholdsBySegmentSchema = lazy(() =>
  z.strictObject({
    default: thresholdsSchema(),
    smb: thresholdsSchema().optional(),
    'mid-market': thresholdsSchema().optional(),
    enterprise: thresholdsSchema().optional(),
  }),
);
export type ThresholdsBySegment = z.infer<ReturnType<typeof thresholdsBySegmentSchema>>;

/** Readable number for messages: no exponent noise, no trailing zeros. */
function num(n: number | undefined): string {
  return n === undefined ? 'missing' : String(Number(n.toPrecision(12)));
}

/**
 * Control-point order problems for a direction, as messages without a key path ([] when valid).
 * - higher: good > fair > poor
 * - lower:  good < fair < poor
 * - band:   poor < fair < good <= goodMax < fairMax < poorMax (all three upper points required)
 * Strict inequalities keep every interpolation segment non-empty.
 */
export function thresholdOrderProblems(direction: Direction, t: Thresholds): string[] {
  const problems: string[] = [];
  const hasUpper = t.goodMax !== undefined || t.fairMax !== undefined || t.poorMax !== undefined;
  const got = `got good ${num(t.good)}, fair ${num(t.fair)}, poor ${num(t.poor)}`;
  if (direction === 'higher') {
    if (!(t.good > t.fair && t.fair > t.poor)) problems.push(`thresholds out of order for direction higher: expected good > fair > poor (${got})`);
  } else if (direction === 'lower') {
    if (!(t.good < t.fair && t.fair < t.poor)) problems.push(`thresholds out of order for direction lower: expected good < fair < poor (${got})`);
  } else {
    if (!(t.poor < t.fair && t.fair < t.good)) {
      problems.push(`thresholds out of order for direction band: expected poor < fair < good on the lower side (${got})`);
    }
    if (t.goodMax === undefined || t.fairMax === undefined || t.poorMax === undefined) {
      problems.push('direction band needs goodMax, fairMax and poorMax (the upper side of the band)');
    } else if (!(t.good <= t.goodMax && t.goodMax < t.fairMax && t.fairMax < t.poorMax)) {
      problems.push(
        `thresholds out of order for direction band: expected good <= goodMax < fairMax < poorMax (got good ${num(t.good)}, goodMax ${num(t.goodMax)}, fairMax ${num(t.fairMax)}, poorMax ${num(t.poorMax)})`,
      );
    }
  }
  if (direction !== 'band' && hasUpper) {
    problems.push(`goodMax, fairMax and poorMax only apply to direction band (this rule is ${direction})`);
  }
  return problems;
}

const idSchema = () =>
  z
    .string({ error: 'expected a snake_case id like win_rate' })
    .regex(/^[a-z][a-z0-9_]*$/, { error: 'expected a snake_case id like win_rate' });
const text = (what: string) => z.string({ error: `expected ${what} as text` }).trim().min(1, { error: `${what} must not be empty` });

export const ruleSchema = lazy(() =>
  z
    .strictObject({
      id: idSchema(),
      /** Metric id the rule judges (snake_case, public API). */
      metric: idSchema(),
      area: z.enum(METRIC_AREAS as readonly [MetricArea, ...MetricArea[]], { error: `expected one of ${METRIC_AREAS.join(', ')}` }),
      /** Passing state, e.g. "Gross revenue retention is healthy". */
      title: text('title'),
      /** Failing state, shown when the status is warn or fail. */
      failureTitle: text('failureTitle'),
      /** One line: why the metric matters. */
      why: text('why').optional(),
      /** Unit of the control points (the metric's canonical unit). */
      unit: z.enum(METRIC_UNITS, { error: `expected one of ${METRIC_UNITS.join(', ')}` }),
      direction: z.enum(DIRECTIONS, { error: `expected one of ${DIRECTIONS.join(', ')}` }),
      thresholds: thresholdsBySegmentSchema(),
      /** Weight inside its area; 0 = informative (shown, not scored). */
      weight: weightSchema(),
      severity: z.enum(SEVERITIES, { error: `expected one of ${SEVERITIES.join(', ')}` }),
      owner: z.enum(OWNERS, { error: `expected one of ${OWNERS.join(', ')}` }),
      /** Where the numbers come from: publication, year, what it measured, BENCHMARKS.md key like [S40]. */
      source: text('source'),
    })
    .superRefine((rule, ctx) => {
      for (const key of THRESHOLD_KEYS) {
        const t = rule.thresholds[key];
        if (t === undefined) continue;
        for (const message of thresholdOrderProblems(rule.direction, t)) {
          ctx.addIssue({ code: 'custom', path: ['thresholds', key], message });
        }
      }
    }),
);
export type Rule = z.infer<ReturnType<typeof ruleSchema>>;

export const areaDefSchema = lazy(() =>
  z.strictObject({
    id: z.enum(METRIC_AREAS as readonly [MetricArea, ...MetricArea[]], { error: `expected one of ${METRIC_AREAS.join(', ')}` }),
    title: text('title'),
    /** Weight of the area in the overall score. */
    weight: weightSchema(),
  }),
);
export type AreaDef = z.infer<ReturnType<typeof areaDefSchema>>;

export const rulePackSchema = lazy(() =>
  z
    .strictObject({
      $schema: z.string().optional(),
      schemaVersion: z.literal(RULE_PACK_SCHEMA_VERSION, { error: `expected schemaVersion ${RULE_PACK_SCHEMA_VERSION}` }),
      name: z.string().optional(),
      /** Area weights. Required in the base pack; in an extra pack, entries replace the base ones by id. */
      areas: z.array(areaDefSchema()).optional(),
      rules: z.array(ruleSchema()),
    })
    .superRefine((pack, ctx) => {
      const seen = new Map<string, number>();
      pack.rules.forEach((rule, i) => {
        const first = seen.get(rule.id);
        if (first !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id '${rule.id}' (first at rules[${first}])` });
        } else {
          seen.set(rule.id, i);
        }
      });
      if (pack.areas !== undefined) {
        const seenAreas = new Map<string, number>();
        pack.areas.forEach((area, i) => {
          const first = seenAreas.get(area.id);
          if (first !== undefined) {
            ctx.addIssue({ code: 'custom', path: ['areas', i, 'id'], message: `duplicate area '${area.id}' (first at areas[${first}])` });
          } else {
            seenAreas.set(area.id, i);
          }
        });
      }
    }),
);
export type RulePack = z.infer<ReturnType<typeof rulePackSchema>>;

/** `['rules', 3, 'thresholds', 'smb']` -> `rules[3].thresholds.smb`. */
export function formatKeyPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/**
 * Validates an unknown value (parsed JSON) as a rule pack. Each zod issue becomes one problem
 * `"<label>.<key path>: <message>"`, e.g. `"packs[0].rules[2].thresholds.smb: thresholds out of order ..."`
 * with label `packs[0]`.
 */
export function validatePack(input: unknown, label = 'pack'): { pack: RulePack | null; problems: string[] } {
  const parsed = rulePackSchema().safeParse(input);
  if (parsed.success) return { pack: parsed.data, problems: [] };
  const problems = parsed.error.issues.map((issue) => {
    const path = formatKeyPath(issue.path);
    return `${label}${path === '' ? '' : path.startsWith('[') ? path : `.${path}`}: ${issue.message}`;
  });
  return { pack: null, problems };
}
