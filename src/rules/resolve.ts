/**
 * Resolve the active rule set: base pack, then extra packs, then the config's overrides.
 * Pure; gathers every problem as "key.path: message" instead of stopping at the first one.
 *
 * Merge semantics (tested case by case in test/rules/resolve.test.ts):
 * - Every pack is validated with `rulePackSchema()` first. A pack with problems is skipped whole,
 *   so the resolved rules are always valid.
 * - Extra packs, in order, replace base rules with the same id (keeping the base position) or
 *   append new rules (in pack order). Their `areas` entries replace the area with the same id.
 * - Then `rules.overrides.<ruleId>` (ids in sorted order, for a stable problem list):
 *   - unknown rule id → problem, with a "did you mean" suggestion;
 *   - `disabled: true` removes the rule (its id is listed in `disabled`);
 *   - `weight`, `severity` replace the rule's;
 *   - `thresholds.default` replaces the thresholds of **every** segment (the rule is left with
 *     `default` only, plus any segment keys given in the same override); `thresholds.<segment>`
 *     replaces that segment only. For a band rule an override may omit goodMax/fairMax/poorMax:
 *     they are taken from the rule's current points for that key (or its `default`).
 *   - thresholds in the wrong order (or an unknown segment key) → problem naming the key path;
 *     the rule's thresholds are then left unchanged.
 * - Optionally (`knownMetrics`), rules whose metric is not in the catalogue are problems.
 */
import { AREA_TITLES, METRIC_AREAS, type MetricArea } from '../metrics/types.js';
import type { RuleOverride, Segment } from '../config/schema.js';
import { suggest } from '../base/suggest.js';
import {
  THRESHOLD_KEYS,
  thresholdOrderProblems,
  validatePack,
  type AreaDef,
  type Rule,
  type RulePack,
  type ThresholdKey,
  type Thresholds,
  type ThresholdsBySegment,
} from './schema.js';

export interface ResolveOptions {
  /** Metric ids of the catalogue; when given, a rule on any other metric is a problem. */
  readonly knownMetrics?: readonly string[];
  /** Labels for the extra packs in problems (e.g. their file names); default `packs[<i>]`. */
  readonly packLabels?: readonly string[];
  /** Key path of the overrides in problems; default `rules.overrides`. */
  readonly overridesPath?: string;
  /**
   * The base pack is the built-in one (DEFAULT_PACK), whose zod pass is known to return it
   * unchanged (test/rules/pack.test.ts): skip that pass, which would build the rule-pack schema on
   * every audit (start-up). Extra packs are always validated.
   */
  readonly trustBase?: boolean;
}

export interface ResolvedRules {
  /** Enabled rules: base-pack order, then rules added by extra packs. */
  readonly rules: Rule[];
  /** Area definitions in pack order (weights after extra packs). */
  readonly areas: AreaDef[];
  /** Ids of rules disabled by an override, in pack order. */
  readonly disabled: string[];
  readonly problems: string[];
}

function didYouMean(input: string, candidates: readonly string[]): string {
  const s = suggest(input, candidates);
  return s === null ? '' : ` (did you mean ${s}?)`;
}

/**
 * Which thresholds apply for a profile segment: `smb` / `mid-market` / `enterprise` use their own
 * entry when the rule has one; `mixed`, or a segment without an entry, uses `default`.
 */
export function thresholdsFor(rule: Pick<Rule, 'thresholds'>, segment: Segment | ThresholdKey): { segmentUsed: ThresholdKey; thresholds: Thresholds } {
  if (segment === 'smb' || segment === 'mid-market' || segment === 'enterprise') {
    const own = rule.thresholds[segment];
    if (own !== undefined) return { segmentUsed: segment, thresholds: own };
  }
  return { segmentUsed: 'default', thresholds: rule.thresholds.default };
}

/** Copy with keys in a fixed order (good, fair, poor, goodMax, fairMax, poorMax), for stable JSON. */
export function copyThresholds(t: Thresholds): Thresholds {
  const out: Thresholds = { good: t.good, fair: t.fair, poor: t.poor };
  if (t.goodMax !== undefined) out.goodMax = t.goodMax;
  if (t.fairMax !== undefined) out.fairMax = t.fairMax;
  if (t.poorMax !== undefined) out.poorMax = t.poorMax;
  return out;
}

function copyBySegment(by: ThresholdsBySegment): ThresholdsBySegment {
  const out: ThresholdsBySegment = { default: copyThresholds(by.default) };
  for (const key of THRESHOLD_KEYS) {
    if (key === 'default') continue;
    const t = by[key];
    if (t !== undefined) out[key] = copyThresholds(t);
  }
  return out;
}

function copyRule(rule: Rule): Rule {
  return { ...rule, thresholds: copyBySegment(rule.thresholds) };
}

type OverrideThresholds = NonNullable<RuleOverride['thresholds']>;

/** New thresholds for a rule after an override, or problems (then the rule keeps its thresholds). */
function overrideThresholds(rule: Rule, ov: OverrideThresholds, path: string): { thresholds: ThresholdsBySegment | null; problems: string[] } {
  const problems: string[] = [];
  const known = THRESHOLD_KEYS as readonly string[];
  for (const key of Object.keys(ov).sort()) {
    if (!known.includes(key)) {
      problems.push(`${path}.thresholds.${key}: unknown segment key (expected ${THRESHOLD_KEYS.join(', ')})${didYouMean(key, THRESHOLD_KEYS)}`);
    }
  }
  const merged = (key: ThresholdKey): Thresholds | null => {
    const o = ov[key];
    if (o === undefined) return null;
    const base = rule.thresholds[key] ?? rule.thresholds.default;
    const t: Thresholds = { good: o.good, fair: o.fair, poor: o.poor };
    const upper: Partial<Thresholds> = rule.direction === 'band' ? base : {};
    const goodMax = o.goodMax ?? upper.goodMax;
    const fairMax = o.fairMax ?? upper.fairMax;
    const poorMax = o.poorMax ?? upper.poorMax;
    if (goodMax !== undefined) t.goodMax = goodMax;
    if (fairMax !== undefined) t.fairMax = fairMax;
    if (poorMax !== undefined) t.poorMax = poorMax;
    for (const message of thresholdOrderProblems(rule.direction, t)) problems.push(`${path}.thresholds.${key}: ${message}`);
    return t;
  };
  const def = merged('default');
  const next: ThresholdsBySegment = def !== null ? { default: def } : copyBySegment(rule.thresholds);
  for (const key of THRESHOLD_KEYS) {
    if (key === 'default') continue;
    const t = merged(key);
    if (t !== null) next[key] = t;
  }
  if (problems.length > 0) return { thresholds: null, problems };
  // rebuild in canonical key order
  return { thresholds: copyBySegment(next), problems };
}

function prefixed(label: string, path: string): string {
  return path.startsWith('[') ? `${label}${path}` : `${label}.${path}`;
}

/**
 * The active rules: `pack`, then `extraPacks` (add or replace by id), then `overrides` (by rule id).
 * Never throws on bad input; returns the problems (each naming its key path) beside the rules.
 */
export function resolveRules(
  pack: RulePack,
  overrides: Readonly<Record<string, RuleOverride>> = {},
  extraPacks: readonly RulePack[] = [],
  options: ResolveOptions = {},
): ResolvedRules {
  const problems: string[] = [];
  const overridesPath = options.overridesPath ?? 'rules.overrides';
  const rules: Rule[] = [];
  const indexById = new Map<string, number>();
  let areas: AreaDef[] = METRIC_AREAS.map((id) => ({ id, title: AREA_TITLES[id], weight: 1 }));

  const addPack = (input: RulePack, label: string, isBase: boolean): void => {
    const { pack: valid, problems: packProblems } = isBase && options.trustBase === true ? { pack: input, problems: [] } : validatePack(input, label);
    if (valid === null) {
      problems.push(...packProblems);
      return;
    }
    if (options.knownMetrics !== undefined) {
      const metrics = options.knownMetrics;
      valid.rules.forEach((rule, i) => {
        if (!metrics.includes(rule.metric)) {
          problems.push(`${prefixed(label, `rules[${i}].metric`)}: unknown metric '${rule.metric}'${didYouMean(rule.metric, metrics)}`);
        }
      });
    }
    if (valid.areas !== undefined) {
      if (isBase) {
        areas = valid.areas.map((a) => ({ ...a }));
      } else {
        for (const a of valid.areas) {
          const at = areas.findIndex((x) => x.id === a.id);
          if (at >= 0) areas[at] = { ...a };
          else areas.push({ ...a });
        }
      }
    }
    for (const rule of valid.rules) {
      const at = indexById.get(rule.id);
      if (at !== undefined) {
        rules[at] = copyRule(rule);
      } else {
        indexById.set(rule.id, rules.length);
        rules.push(copyRule(rule));
      }
    }
  };

  addPack(pack, 'pack', true);
  extraPacks.forEach((extra, i) => addPack(extra, options.packLabels?.[i] ?? `packs[${i}]`, false));

  const ruleIds = rules.map((r) => r.id);
  const disabledIds = new Set<string>();
  for (const id of Object.keys(overrides).sort()) {
    const ov = overrides[id] as RuleOverride;
    const path = `${overridesPath}.${id}`;
    const at = indexById.get(id);
    if (at === undefined) {
      problems.push(`${path}: unknown rule${didYouMean(id, ruleIds)}`);
      continue;
    }
    const rule = rules[at] as Rule;
    let next: Rule = { ...rule };
    if (ov.weight !== undefined) next = { ...next, weight: ov.weight };
    if (ov.severity !== undefined) next = { ...next, severity: ov.severity };
    if (ov.thresholds !== undefined) {
      const result = overrideThresholds(rule, ov.thresholds, path);
      problems.push(...result.problems);
      if (result.thresholds !== null) next = { ...next, thresholds: result.thresholds };
    }
    rules[at] = next;
    if (ov.disabled === true) disabledIds.add(id);
  }

  const enabled = rules.filter((r) => !disabledIds.has(r.id));
  const disabled = rules.filter((r) => disabledIds.has(r.id)).map((r) => r.id);

  const areaIds = new Set<MetricArea>(areas.map((a) => a.id));
  for (const rule of enabled) {
    if (!areaIds.has(rule.area)) {
      problems.push(`areas: no entry for area '${rule.area}' used by rule ${rule.id}; it is added with weight 0`);
      areas.push({ id: rule.area, title: AREA_TITLES[rule.area], weight: 0 });
      areaIds.add(rule.area);
    }
  }
  if (areas.length > 0 && areas.every((a) => a.weight === 0)) {
    problems.push('areas: every area weight is 0, so no overall score can be computed');
  }

  return { rules: enabled, areas, disabled, problems };
}
