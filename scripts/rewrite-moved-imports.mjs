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

/** Rewrites named imports / re-exports of symbols that moved out of a split file. */
function splitNamed(file, text) {
  return text.replace(NAMED, (all, lead, kw, typeKw, list, quote, spec, semi) => {
    const target = posix.normalize(posix.join(posix.dirname(file), spec)).replace(/\.js$/, '.ts');
    const moves = SPLIT_FILES[target];
    if (moves === undefined) return all;
    const dest = new Map();
    for (const [to, names] of Object.entries(moves)) for (const n of names) dest.set(n, to);
    const groups = new Map();
    for (const raw of list.split(',').map((s) => s.trim()).filter(Boolean)) {
      const name = raw.replace(/^type\s+/, '').split(/\s+as\s+/)[0].trim();
      const to = dest.get(name) ?? target;
      if (!groups.has(to)) groups.set(to, []);
      groups.get(to).push(raw);
    }
    if (groups.size === 1 && groups.has(target)) return all;
    const statements = [...groups].map(([to, names]) => {
      let rel = posix.relative(posix.dirname(file), to.replace(/\.ts$/, spec.endsWith('.js') ? '.js' : '.ts'));
      if (!rel.startsWith('.')) rel = `./${rel}`;
      console.log(`${file}: {${names.join(', ')}} from ${spec} -> ${rel}`);
      return `${kw}${typeKw ?? ''} { ${names.join(', ')} } from ${quote}${rel}${quote}${semi}`;
    });
    return lead + statements.join('\n' + lead.replace(/^\n/, ''));
  });
}

let changed = 0;
for (const file of ['src', 'test', 'scripts', 'bench'].flatMap(files)) {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(RE, (all, pre, spec, quote) => {
    const target = posix.normalize(posix.join(posix.dirname(file), spec));
    const moved = MOVED_FILES[target.replace(/\.js$/, '.ts')];
    if (moved === undefined || existsSync(target.replace(/\.js$/, '.ts'))) return all;
    let rel = posix.relative(posix.dirname(file), moved.replace(/\.ts$/, spec.endsWith('.js') ? '.js' : '.ts'));
    if (!rel.startsWith('.')) rel = `./${rel}`;
    console.log(`${file}: ${spec} -> ${rel}`);
    return pre + rel + quote;
  });
  const split = splitNamed(file, next);
  if (split !== text) {
    writeFileSync(file, split);
    changed++;
  }
}
console.log(`${changed} file(s) rewritten`);
