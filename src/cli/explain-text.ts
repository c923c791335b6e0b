/**
 * `revhealth explain ID`: definition, formula, inputs, unit, config keys, and the benchmark rule
 * with its thresholds per segment and its source. Pure text from registries.
 *
 * Not a renderer (issue 15): it prints the definitions (metrics/ and rules/), not an audit result,
 * so it sits with its command rather than in report/, whose modules read only the contract and
 * base/. It borrows report/'s wording kit (benchmarkLabel, the sources, sanitising).
 */
import { benchmarkSource, citedKeys, sourceLine } from '../report/sources.js';
import type { MetricDefinition } from '../metrics/types.js';
import type { Rule } from '../rules/schema.js';
import { THRESHOLD_KEYS } from '../rules/schema.js';
import { formatValue } from '../base/format.js';
import { benchmarkLabel } from '../report/labels.js';
import { cleanLine, sanitizeOutput } from '../report/sanitize.js';
import { evidenceRuleOf } from '../metrics/evidence.js';

export function explainMetric(m: MetricDefinition, rules: readonly Rule[], ungraded: string | undefined): string {
  const out: string[] = [];
  out.push(`${m.id} — ${m.title}`);
  out.push(`  area      ${m.area}`);
  out.push(`  unit      ${m.unit}`);
  out.push(`  definition`);
  out.push(`    ${m.definition}`);
  out.push(`  formula`);
  out.push(`    ${m.formula}`);
  out.push(`  inputs    ${m.inputs.join(', ') || '(none)'}`);
  out.push(`  config    ${m.configKeys.join(', ') || '(none)'}`);
  const ev = evidenceRuleOf(m);
  if (ev?.min !== undefined) out.push(`  evidence  at least ${ev.min} ${ev.of ?? 'records'}: below that the value is shown but not graded, and no pattern reads it`);
  if (ev?.plausible !== undefined) {
    const p = ev.plausible;
    const range = [p.min !== undefined ? `below ${formatValue(p.min, m.unit)}` : null, p.max !== undefined ? `above ${formatValue(p.max, m.unit)}` : null].filter((x) => x !== null).join(' or ');
    out.push(`  sanity    ${range}: "check the inputs" (never a pass); likely cause: ${p.cause}`);
  }
  const graded = rules.filter((r) => r.metric === m.id);
  if (graded.length === 0) out.push(`  benchmark not graded${ungraded ? `: ${ungraded}` : ''}`);
  for (const r of graded) out.push(...explainRuleLines(r));
  return sanitizeOutput(`${out.join('\n')}\n`);
}

export function explainRule(r: Rule): string {
  return sanitizeOutput(`${[`rule ${r.id} (metric ${r.metric})`, ...explainRuleLines(r)].join('\n')}\n`);
}

function explainRuleLines(r: Rule): string[] {
  const out: string[] = [];
  // a rule pack's texts are input: one clean line each
  out.push(`  rule      ${r.id}: ${cleanLine(r.title)} / failing: ${cleanLine(r.failureTitle)}`);
  if (r.why) out.push(`  why       ${cleanLine(r.why)}`);
  out.push(`  scoring   ${r.direction === 'higher' ? 'higher is better' : r.direction === 'lower' ? 'lower is better' : 'a healthy band'}; weight ${r.weight}, severity ${r.severity}, owner ${r.owner}`);
  for (const key of THRESHOLD_KEYS) {
    const t = r.thresholds[key];
    if (!t) continue;
    const pts = `good ${formatValue(t.good, r.unit)}, fair ${formatValue(t.fair, r.unit)}, poor ${formatValue(t.poor, r.unit)}` +
      (t.goodMax !== undefined ? `; upper side good ${formatValue(t.goodMax, r.unit)}, fair ${formatValue(t.fairMax ?? t.goodMax, r.unit)}, poor ${formatValue(t.poorMax ?? t.goodMax, r.unit)}` : '');
    out.push(`  ${key.padEnd(11)}${pts}  (${benchmarkLabel(r.direction, t, r.unit, 'USD')})`);
  }
  out.push(`  source    ${cleanLine(r.source)}`);
  // the citation keys resolved to the publications they stand for
  for (const k of citedKeys([r.source])) {
    const s = benchmarkSource(k);
    if (s !== undefined) out.push(`            [${k}] ${sourceLine(s)}`);
  }
  return out;
}
