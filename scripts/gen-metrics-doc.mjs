#!/usr/bin/env node
/**
 * Generates docs/metrics.md, the metric catalogue, from the code: the metric registry (id, title,
 * unit, definition, formula, inputs, config keys) and the default rule pack (thresholds per
 * segment, direction, weight, severity, owner, source) or, for a metric the pack does not grade,
 * the reason why.
 *
 * Reads the built modules in dist/, so build first: `npm run docs` (= npm run build && node
 * scripts/gen-metrics-doc.mjs). test/docs.test.ts compares `renderMetricsDoc()` with the committed
 * docs/metrics.md and fails with "run npm run docs" when they differ.
 *
 * Usage: node scripts/gen-metrics-doc.mjs           write docs/metrics.md
 *        node scripts/gen-metrics-doc.mjs --check   exit 1 when docs/metrics.md is stale, write nothing
 *
 * Deterministic: no clock, no locale formatting; registry and pack order.
 */
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { METRICS } from '../dist/metrics/registry.js';
import { AREA_TITLES, METRIC_AREAS } from '../dist/metrics/types.js';
import { DEFAULT_PACK, UNGRADED_METRICS } from '../dist/rules/default-pack.js';
import { thresholdsFor } from '../dist/rules/resolve.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DOC_PATH = join(ROOT, 'docs', 'metrics.md');

/** Profile segments, in the order the doc lists them; `mixed` uses each rule's `default` entry. */
const SEGMENTS = ['smb', 'mid-market', 'enterprise', 'mixed'];

const UNIT_TEXT = {
  ratio: 'ratio (a fraction: 0.25 = 25 %)',
  currency: 'currency (company currency units)',
  days: 'days',
  months: 'months',
  count: 'count',
  multiple: 'multiple (×)',
};

const DIRECTION_TEXT = {
  higher: 'higher is better',
  lower: 'lower is better',
  band: 'a healthy band: too low and too high both score down',
};

/** Markdown-safe prose: escape the characters that would start HTML, emphasis or code. */
function prose(text) {
  return text.replace(/([\\`*<])/g, '\\$1');
}

/** Inline code that survives backticks inside the text. */
function code(text) {
  const runs = text.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Table cell: prose, with pipes escaped. */
function cell(text) {
  return prose(text).replace(/\|/g, '\\|');
}

/** A number as written in code and config: no exponent, no trailing zeros. */
function num(n) {
  return String(Number(n.toPrecision(12)));
}

/** A control point with a readable gloss for ratios (0.9 -> "0.9 (90 %)"). */
function point(value, unit) {
  if (value === undefined) return '—';
  if (unit === 'ratio') return `${num(value)} (${num(value * 100)} %)`;
  return num(value);
}

function anchor(id) {
  return id.toLowerCase().replace(/[^\p{L}\p{N}_ -]/gu, '').replace(/ /g, '-');
}

function thresholdRows(rule) {
  const band = rule.direction === 'band';
  const head = band
    ? ['segment', 'entry used', 'poor (20)', 'fair (60)', 'good (100)', 'goodMax (100)', 'fairMax (60)', 'poorMax (20)']
    : ['segment', 'entry used', 'good (100)', 'fair (60)', 'poor (20)'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const segment of SEGMENTS) {
    const { segmentUsed, thresholds: t } = thresholdsFor(rule, segment);
    const cells = band
      ? [t.poor, t.fair, t.good, t.goodMax, t.fairMax, t.poorMax].map((v) => point(v, rule.unit))
      : [t.good, t.fair, t.poor].map((v) => point(v, rule.unit));
    lines.push(`| ${segment} | ${segmentUsed === 'default' ? '`default`' : `\`${segmentUsed}\``} | ${cells.join(' | ')} |`);
  }
  return lines;
}

function renderRule(rule) {
  const out = [];
  out.push(`**Benchmark rule ${code(rule.id)}** — ${DIRECTION_TEXT[rule.direction]}; weight ${num(rule.weight)} in its area${rule.weight === 0 ? ' (informative: shown, not scored)' : ''}; severity ${rule.severity}; owner ${rule.owner}.`);
  out.push('');
  out.push(`- Passing: ${prose(rule.title)}`);
  out.push(`- Failing: ${prose(rule.failureTitle)}`);
  if (rule.why) out.push(`- Why it matters: ${prose(rule.why)}`);
  out.push('');
  out.push(...thresholdRows(rule));
  out.push('');
  out.push(`Source: ${prose(rule.source)}`);
  return out;
}

function renderMetric(metric, rules) {
  const out = [];
  out.push(`### ${code(metric.id)} — ${prose(metric.title)}`);
  out.push('');
  out.push(`- Unit: ${UNIT_TEXT[metric.unit] ?? metric.unit}`);
  out.push(`- Inputs: ${metric.inputs.length ? metric.inputs.join(', ') : '(none)'}`);
  out.push(`- Config keys: ${metric.configKeys.length ? metric.configKeys.map(code).join(', ') : '(none)'}`);
  out.push('');
  out.push(`**Definition.** ${prose(metric.definition)}`);
  out.push('');
  out.push(`**Formula.** ${code(metric.formula)}`);
  out.push('');
  if (rules.length === 0) {
    const why = UNGRADED_METRICS[metric.id];
    out.push(`**Not graded** by the default benchmarks: ${why === undefined ? 'no rule in the default pack judges it' : prose(why.replace(/\.$/, ''))}.`);
  } else {
    rules.forEach((rule, i) => {
      if (i > 0) out.push('');
      out.push(...renderRule(rule));
    });
  }
  return out;
}

/** The whole page as a string (LF line endings, one trailing newline). */
export function renderMetricsDoc() {
  const areaWeights = new Map((DEFAULT_PACK.areas ?? []).map((a) => [a.id, a.weight]));
  const totalWeight = [...areaWeights.values()].reduce((a, w) => a + w, 0);
  const rulesByMetric = new Map();
  for (const rule of DEFAULT_PACK.rules) {
    const list = rulesByMetric.get(rule.metric) ?? [];
    list.push(rule);
    rulesByMetric.set(rule.metric, list);
  }
  const graded = METRICS.filter((m) => rulesByMetric.has(m.id)).length;

  const out = [];
  out.push('# Metric catalogue');
  out.push('');
  out.push('<!-- Generated by scripts/gen-metrics-doc.mjs from src/metrics/registry.ts and src/rules/default-pack.ts. Do not edit by hand: run `npm run docs`. -->');
  out.push('');
  out.push(
    `revhealth computes ${METRICS.length} metrics in ${METRIC_AREAS.length} areas; the default benchmark pack (${code(DEFAULT_PACK.name ?? 'default')}) grades ${graded} of them with ${DEFAULT_PACK.rules.length} rules. ` +
      'Print any entry with `revhealth explain <id>` and the active rules, after config overrides, with `revhealth rules`.',
  );
  out.push('');
  out.push('How to read an entry:');
  out.push('');
  out.push('- Values are in canonical units: ratios are fractions (0.25 = 25 %), money is in the company currency, durations in days or months.');
  out.push('- Unless the definition says otherwise a metric covers the trailing twelve months: `asOf − 12 months < d ≤ asOf`.');
  out.push('- Metrics only compute; rules judge. A metric that lacks its inputs is n/a with a reason naming the file or config key that would unlock it.');
  out.push(
    '- A rule scores its metric 100 at `good`, 60 at `fair` and 20 at `poor`, linearly in between; better than `good` stays at 100, worse than `poor` continues the fair→poor slope down to 0. ' +
      'A `band` rule also scores an upper side (`goodMax`, `fairMax`, `poorMax`) and takes the lower of the two scores.',
  );
  out.push('- A rule passes at a score of 80 or more, warns from 50, fails below 50. Area and overall grades: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, F below.');
  out.push('- Thresholds are per segment (`company.segment` or `--segment`): a segment without its own entry, and `mixed`, use the rule\'s `default` entry. Override them in `revhealth.config.json` under `rules.overrides.<rule id>`.');
  out.push('- Weight is relative inside the area; the area weights below are relative in the overall score. Severity is what `--fail-on` compares against.');
  out.push('');
  out.push('## Areas');
  out.push('');
  out.push('| area | id | weight in the overall score | metrics | graded |');
  out.push('|---|---|---|---|---|');
  for (const area of METRIC_AREAS) {
    const metrics = METRICS.filter((m) => m.area === area);
    const w = areaWeights.get(area);
    const share = w === undefined || totalWeight === 0 ? '—' : `${num(w)} of ${num(totalWeight)}`;
    out.push(`| [${AREA_TITLES[area]}](#${anchor(AREA_TITLES[area])}) | \`${area}\` | ${share} | ${metrics.length} | ${metrics.filter((m) => rulesByMetric.has(m.id)).length} |`);
  }
  for (const area of METRIC_AREAS) {
    const metrics = METRICS.filter((m) => m.area === area);
    out.push('');
    out.push(`## ${AREA_TITLES[area]}`);
    out.push('');
    out.push(metrics.map((m) => `[${m.id}](#${anchor(`${m.id} — ${m.title}`)})`).join(' · '));
    for (const metric of metrics) {
      out.push('');
      out.push(...renderMetric(metric, rulesByMetric.get(metric.id) ?? []));
    }
  }
  const orphans = DEFAULT_PACK.rules.filter((r) => !METRICS.some((m) => m.id === r.metric));
  if (orphans.length > 0) {
    out.push('');
    out.push('## Rules without a metric in the registry');
    for (const rule of orphans) {
      out.push('');
      out.push(`### ${code(rule.id)} (metric ${code(rule.metric)})`);
      out.push('');
      out.push(...renderRule(rule));
    }
  }
  return `${out.map((l) => l.replace(/[ \t]+$/, '')).join('\n')}\n`;
}

function isMain() {
  return process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
}

if (isMain()) {
  const text = renderMetricsDoc();
  if (process.argv.includes('--check')) {
    const current = existsSync(DOC_PATH) ? readFileSync(DOC_PATH, 'utf8') : '';
    if (current !== text) {
      process.stderr.write('docs/metrics.md is out of date: run npm run docs\n');
      process.exitCode = 1;
    }
  } else {
    mkdirSync(dirname(DOC_PATH), { recursive: true });
    writeFileSync(DOC_PATH, text);
    process.stdout.write(`wrote ${DOC_PATH.slice(ROOT.length + 1)} (${METRICS.length} metrics, ${DEFAULT_PACK.rules.length} rules)\n`);
  }
}
