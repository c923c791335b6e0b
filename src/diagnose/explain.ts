/**
 * `revhealth explain PATTERN`: title, what the pattern is, its triggers with the thresholds per
 * segment (resolved from the active rules, default pack when none are given), the metrics it
 * reads, the impact formula, the owners, the path and the process template. Pure text.
 */
import { formatValue } from '../base/format.js';
import { DEFAULT_PACK } from '../rules/default-pack.js';
import { THRESHOLD_KEYS, type Rule } from '../rules/schema.js';
import { IMPACT_MODEL, PATTERNS, getPattern } from './patterns/index.js';
import { fillTemplate, type Pattern } from './patterns/kit.js';

/** The impact model every finding follows, as `explain` prints it. */
export const IMPACT_MODEL_TEXT = [
  'Impact model: every finding\'s money is one of three kinds, never added together.',
  '  loss    revenue already leaking each year (churn and contraction above benchmark, bookings lost to a conversion gap, spend beyond what the benchmark needs).',
  '  risk    revenue exposed to an event: annual = exposure × a stated likelihood (concentration, a hero rep leaving, quarter-end deals slipping a quarter, a slower sales cycle delaying bookings, missing or stale pipeline).',
  '  upside  a gain available (expansion gap, under-investment, growth–profit headroom).',
  'Findings rank losses first, then risks, then upsides. Per-function totals are per kind and count',
  'findings on the same money base (bookings, ARR, pipeline, spend) once, the largest.',
].join('\n');
import { OP_TEXT, isRuleRef, type ThresholdRef, type Trigger } from './signals.js';
import { pointOf } from '../base/score-scale.js';

const POINT_WORDS: Readonly<Record<string, string>> = {
  pass: 'pass point',
  passMax: 'upper pass point',
  good: 'good point',
  fair: 'fair point',
  poor: 'poor point',
  goodMax: 'top of the healthy band',
  fairMax: 'upper fair point',
  poorMax: 'upper poor point',
};

function ruleMap(rules: readonly Rule[]): Map<string, Rule> {
  const m = new Map<string, Rule>();
  for (const r of DEFAULT_PACK.rules) m.set(r.id, r);
  for (const r of rules) m.set(r.id, r);
  return m;
}

/** "default 88.0%, smb 86.0%, mid-market 88.8%, enterprise 92.3%" for a rule ref; the constant otherwise. */
function describeRef(ref: ThresholdRef, rules: ReadonlyMap<string, Rule>): string {
  if (!isRuleRef(ref)) return `${ref.display ?? formatValue(ref.value, ref.unit)} (${ref.why})`;
  const rule = rules.get(ref.rule);
  if (rule === undefined) return `${ref.rule}.${ref.point} (rule not in the active pack)`;
  const values: string[] = [];
  for (const key of THRESHOLD_KEYS) {
    const t = rule.thresholds[key];
    if (t === undefined) continue;
    const v = pointOf(t, ref.point);
    if (v !== null) values.push(`${key} ${formatValue(v * (ref.scale ?? 1), rule.unit)}`);
  }
  const scaled = ref.scale === undefined ? '' : `${ref.scale} × `;
  return `${scaled}rule ${ref.rule} ${POINT_WORDS[ref.point] ?? ref.point}: ${values.join(', ')}`;
}

function triggerLine(t: Trigger, rules: ReadonlyMap<string, Rule>): string[] {
  const what = t.subject ?? (t.detail === undefined ? t.metric : `${t.metric} detail "${t.detail}"`);
  const out = [`    - ${t.label}`, `        ${what} ${OP_TEXT[t.op]} ${describeRef(t.at, rules)}`];
  if (t.near !== undefined) out.push(`        watch band: up to ${describeRef(t.near, rules)}`);
  return out;
}

function defaultPoint(rules: ReadonlyMap<string, Rule>, ruleId: string, point: string): string | null {
  const rule = rules.get(ruleId);
  if (rule === undefined) return null;
  const v = pointOf(rule.thresholds.default, point as 'good');
  return v === null ? null : formatValue(v, rule.unit);
}

/** The explain text of a pattern, or null for an unknown id. `rules`: the active rules (default pack when omitted). */
export function explainPattern(id: string, rules: readonly Rule[] = DEFAULT_PACK.rules): string | null {
  const p = getPattern(id);
  if (p === undefined) return null;
  return renderPattern(p, ruleMap(rules));
}

function renderPattern(p: Pattern, rules: ReadonlyMap<string, Rule>): string {
  const out: string[] = [];
  out.push(`${p.id} — ${p.title}`);
  out.push(`  area      ${p.area}`);
  out.push(`  severity  ${p.severity}`);
  out.push(`  owners    ${p.owners.join(', ')}`);
  out.push('  what');
  out.push(`    ${p.description}`);
  out.push(`  metrics   ${p.requires.join(', ')}`);
  const all = p.triggers.filter((t) => (t.group ?? 'all') === 'all' && t.custom !== true);
  const any = p.triggers.filter((t) => t.group === 'any' && t.custom !== true);
  const custom = p.triggers.filter((t) => t.custom === true);
  out.push('  trigger   fires when every condition holds; a watch item when each holds or is inside its watch band.');
  out.push("            A rule's pass point is where its score drops below 80 (midpoint of good and fair): past it the rule warns or fails.");
  if (all.length > 0) {
    out.push('    all of:');
    for (const t of all) out.push(...triggerLine(t, rules));
  }
  if (any.length > 0) {
    out.push('    and at least one of:');
    for (const t of any) out.push(...triggerLine(t, rules));
  }
  if (custom.length > 0) {
    out.push(all.length + any.length > 0 ? '    also checked by the pattern itself:' : '    checked by the pattern itself:');
    for (const t of custom) out.push(...triggerLine(t, rules));
  }
  out.push('    Inputs n/a: the pattern is not fired but listed under "could not check" with the data it needs.');
  const model = IMPACT_MODEL[p.id];
  out.push(`  impact    ${model?.kind ?? 'risk'}${model !== undefined && model.basis !== 'none' ? ` (money base: ${model.basis})` : ''}`);
  out.push(`    ${p.impactFormula}`);
  out.push(...IMPACT_MODEL_TEXT.split('\n').map((l) => `    ${l}`));
  out.push('  path');
  out.push(`    ${p.path}`);
  out.push('  process   (KPI targets shown for the default thresholds; an audit uses the company segment)');
  const fill = (text: string): string =>
    fillTemplate(
      text,
      (rule, point) => defaultPoint(rules, rule, point),
      (i) => {
        const t = p.triggers[i];
        return t === undefined || isRuleRef(t.at) ? null : (t.at.display ?? formatValue(t.at.value, t.at.unit));
      },
    );
  for (const s of p.process) {
    const kpi = fill(s.kpi);
    out.push(`    ${String(s.by).padStart(2)} days  ${s.owner}: ${fill(s.step)}`);
    out.push(`             KPI: ${kpi}`);
  }
  return `${out.join('\n')}\n`;
}

/** One line per pattern: "id  title", in catalogue order (for `explain` without an id or a did-you-mean list). */
export function listPatterns(): string {
  const width = Math.max(...PATTERNS.map((p) => p.id.length));
  return `${PATTERNS.map((p) => `${p.id.padEnd(width)}  ${p.title}`).join('\n')}\n`;
}
