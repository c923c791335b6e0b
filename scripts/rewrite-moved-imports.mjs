#!/usr/bin/env node
// After merging a branch written before the issue-15 moves: rewrites every relative import in
// src/, test/, scripts/ and bench/ that still points at a moved file. Idempotent; prints what it
// changed. Named imports / re-exports of symbols that moved out of a split file (SPLIT_FILES:
// metrics/shared.ts, metrics/subscriptions.ts) are split per destination file. Other symbols that
// moved between files are listed in MOVED_SYMBOLS for a reader: fix those by hand (the typecheck
// names each one).
//   node scripts/rewrite-moved-imports.mjs
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { posix } from 'node:path';
import { pathToFileURL } from 'node:url';

const MOVED_FILES = {
  'src/time.ts': 'src/base/time.ts',
  'src/errors.ts': 'src/base/errors.ts',
  'src/model.ts': 'src/base/model.ts',
  'src/report/format.ts': 'src/base/format.ts',
  'src/audit.ts': 'src/audit/run.ts',
  'src/report/items.ts': 'src/audit/items.ts',
  'src/report/compare.ts': 'src/audit/compare.ts',
  'src/diagnose/patterns.ts': 'src/diagnose/patterns/index.ts',
};

// Symbols that moved out of a file that was split (the file may still exist with what stayed):
// named imports and re-exports of them are split per destination file.
const SPLIT_FILES = {
  'src/metrics/shared.ts': {
    'src/metrics/outcome.ts': ['ValueOutcome', 'NaOutcome', 'na', 'ValueExtras', 'value', 'REASONS', 'requireDeals'],
    'src/metrics/context.ts': ['createSharedCache', 'makeContext', 'defaultAsOf', 'forEachEventDay'],
    'src/metrics/deal-selections.ts': ['hasTypeColumn', 'isNewBusiness', 'NOTE_NO_TYPE_COLUMN', 'closedDealsIn', 'wonDealsIn', 'closedDealsInWindow', 'wonDealsInWindow', 'openDeals', 'nextQuarterPipeline', 'dealsCreatedInWindow', 'cycleDays', 'wonCycleDaysInWindow', 'renewalsInWindow', 'spendInWindow', 'closeHistoryStart', 'QUARTER_START_GRACE_DAYS', 'dealLabel'],
    'src/metrics/quarters.ts': ['previousYearWindow', 'describeWindow', 'Quarter', 'quarterOf', 'previousQuarter', 'nextQuarter', 'lastCompleteQuarter', 'nextQuarterAfterAsOf', 'completeQuartersInWindow'],
    'src/metrics/stats.ts': ['median', 'percentile', 'mean', 'sum', 'sumCents', 'toUnits', 'compareStrings'],
    'src/metrics/indexes.ts': ['DayIndex', 'buildDayIndex', 'rangeSum', 'windowSum', 'wonByCloseIndex', 'monthsBetween', 'monthKeyOf', 'bucketByMonth'],
  },
  'src/metrics/subscriptions.ts': {
    'src/metrics/subscription-ledger.ts': ['SubscriptionCounts', 'Ledger', 'buildLedger', 'arrOnDay', 'ledgerFor', 'MovementRow', 'mrrMovements', 'movementsFor', 'movementsInWindow', 'mrr'],
    'src/metrics/subscription-cohorts.ts': ['CohortPeriod', 'Cohort', 'cohortsByQuarter', 'WindowCohort', 'windowCohort', 'windowCohortFor'],
    'src/metrics/subscription-block.ts': ['MovementMonth', 'CohortRow', 'SubscriptionsBlock', 'SUBSCRIPTION_METHOD', 'subscriptionsBlock'],
  },
};

export const MOVED_SYMBOLS = [
  'AuditReport, InputSummary, AUDIT_SCHEMA_VERSION, Comparison, GradeChange, MetricChange: audit/contract.ts (AuditReport and Comparison still re-exported by audit/run.ts and audit/compare.ts)',
  'editDistance, suggest: base/suggest.ts; ingest/header.ts suggest() is now didYouMean()',
  'rowAccounting, REJECT_EXAMPLES_PER_REASON: base/model.ts; truncate: base/format.ts (both still re-exported by ingest/table.ts; rowAccounting no longer by ingest/dataset.ts)',
  'MetricUnit: base/format.ts (re-exported by metrics/types.ts); Evidence: metrics/types.ts',
  'buildReport, loadPacks (cli/commands/audit.ts), withRatchet (cli/commands/ci.ts): cli/build-report.ts',
  'Pattern, Detection, ProcessTemplate, ImpactModel, estimateArr, fillTemplate, RISK_LIKELIHOOD: diagnose/patterns/kit.ts (re-exported by diagnose/patterns/index.ts); segmentKeyOf: patterns/leaky-bucket.ts; STARVATION_HISTORY_SHARE, STARVATION_MIN_HISTORY: patterns/pipeline-starvation.ts; VELOCITY_MIN_WON: patterns/slowing-velocity.ts; LOSS_REASON_PATTERNS: gone (the three loss-reason patterns are in PATTERNS, one file each); a Pattern now declares its impactModel ({ kind, basis }), IMPACT_MODEL is assembled from them',
  'csvSyncOptions(delimiter): csvOptions({ delimiter }) in ingest/csv.ts',
];

const RE = /((?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s*['"]|(?:^|\n)\s*import\s*['"]|\bimport\(\s*['"])(\.[^'"]+)(['"])/g;

function files(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = posix.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : files(p);
    return /\.(ts|mjs)$/.test(p) ? [p] : [];
  });
}

const NAMED = /((?:^|\n)[ \t]*)(import|export)(\s+type)?\s*\{([^}]*)\}\s*from\s*(['"])(\.[^'"]+)\5(;?)/g;

/**
 * Rewrites named imports / re-exports of symbols that moved out of a split file: one statement per
 * destination. Every statement of the file that names the same split file is read first, so two
 * statements whose names go to the same file become one statement there (at the first one's place,
 * names in their order, each once), as the move itself wrote them: before, each statement was
 * rewritten on its own, the file got two imports of one module, and a merge that kept one of them
 * lost the other's names (src/metrics/pipeline.ts, merge of metrics-speed).
 */
export function splitNamed(file, text, log = () => {}) {
  /** `<kw><type> <destination>` -> the names it gets, in order, and whether it has been written. */
  const byKey = new Map();
  const plans = [];
  for (const m of text.matchAll(NAMED)) {
    const [all, lead, kw, typeKw, list, quote, spec, semi] = m;
    const target = posix.normalize(posix.join(posix.dirname(file), spec)).replace(/\.js$/, '.ts');
    const moves = SPLIT_FILES[target];
    if (moves === undefined) continue;
    const dest = new Map();
    for (const [to, names] of Object.entries(moves)) for (const n of names) dest.set(n, to);
    const keys = [];
    let moved = false;
    for (const raw of list.split(',').map((x) => x.trim()).filter(Boolean)) {
      const name = raw.replace(/^type\s+/, '').split(/\s+as\s+/)[0].trim();
      const to = dest.get(name) ?? target;
      if (to !== target) moved = true;
      let rel = posix.relative(posix.dirname(file), to.replace(/\.ts$/, spec.endsWith('.js') ? '.js' : '.ts'));
      if (!rel.startsWith('.')) rel = `./${rel}`;
      const key = `${kw}${typeKw ?? ''} ${to === target ? spec : rel}`;
      if (!byKey.has(key)) byKey.set(key, { kw, typeKw: typeKw ?? '', rel: to === target ? spec : rel, quote, semi, names: [], written: false });
      const group = byKey.get(key);
      if (!group.names.includes(raw)) group.names.push(raw);
      if (!keys.includes(key)) keys.push(key);
    }
    plans.push({ index: m.index, all, lead, spec, keys, moved });
  }
  // a file whose statements only name what stayed is left as it is
  if (!plans.some((p) => p.moved)) return text;
  let out = '';
  let at = 0;
  for (const p of plans) {
    out += text.slice(at, p.index);
    at = p.index + p.all.length;
    const statements = [];
    for (const key of p.keys) {
      const g = byKey.get(key);
      if (g.written) continue;
      g.written = true;
      if (g.rel !== p.spec) log(`${file}: {${g.names.join(', ')}} from ${p.spec} -> ${g.rel}`);
      statements.push(`${g.kw}${g.typeKw} { ${g.names.join(', ')} } from ${g.quote}${g.rel}${g.quote}${g.semi}`);
    }
    // a statement whose names all went into an earlier one disappears with its line
    if (statements.length > 0) out += p.lead + statements.join('\n' + p.lead.replace(/^\n/, ''));
  }
  return out + text.slice(at);
}

/** The file's text with every moved import rewritten (MOVED_FILES, then SPLIT_FILES). */
export function rewriteImports(file, text, log = () => {}, exists = existsSync) {
  const next = text.replace(RE, (all, pre, spec, quote) => {
    const target = posix.normalize(posix.join(posix.dirname(file), spec));
    const moved = MOVED_FILES[target.replace(/\.js$/, '.ts')];
    if (moved === undefined || exists(target.replace(/\.js$/, '.ts'))) return all;
    let rel = posix.relative(posix.dirname(file), moved.replace(/\.ts$/, spec.endsWith('.js') ? '.js' : '.ts'));
    if (!rel.startsWith('.')) rel = `./${rel}`;
    log(`${file}: ${spec} -> ${rel}`);
    return pre + rel + quote;
  });
  return splitNamed(file, next, log);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  let changed = 0;
  for (const file of ['src', 'test', 'scripts', 'bench'].flatMap(files)) {
    const text = readFileSync(file, 'utf8');
    const next = rewriteImports(file, text, console.log);
    if (next !== text) {
      writeFileSync(file, next);
      changed++;
    }
  }
  console.log(`${changed} file(s) rewritten`);
}
