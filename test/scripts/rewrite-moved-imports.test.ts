/**
 * scripts/rewrite-moved-imports.mjs: imports of moved files and of symbols moved out of a split
 * file (metrics/shared.ts, metrics/subscriptions.ts) are rewritten, each name kept exactly once.
 */
import { describe, expect, it } from 'vitest';
import { rewriteImports } from '../../scripts/rewrite-moved-imports.mjs';

const FILE = 'src/metrics/pipeline.ts';
/** Nothing exists on disk: every moved file is moved. */
const rewrite = (text: string): string => rewriteImports(FILE, text, () => {}, () => false);

/** Every imported name with the module it comes from, `name <- module`, sorted. */
function bindings(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:import|export)(?:\s+type)?\s*\{([^}]*)\}\s*from\s*'([^']+)'/g)) {
    for (const raw of (m[1] as string).split(',').map((x) => x.trim()).filter(Boolean)) out.push(`${raw} <- ${m[2]}`);
  }
  return out.sort();
}

describe('rewriteImports', () => {
  it.each([
    {
      name: 'two imports from shared.ts that both go to deal-selections.ts become one, every name kept',
      text: "import { closedDealsInWindow } from './shared.js';\nimport { openDeals, wonDealsInWindow } from './shared.js';\nexport const x = 1;\n",
      want: "import { closedDealsInWindow, openDeals, wonDealsInWindow } from './deal-selections.js';\nexport const x = 1;\n",
    },
    {
      name: 'the pipeline.ts case of the metrics-speed merge: two statements, five destinations, one statement each',
      text: [
        "import { QUARTER_START_GRACE_DAYS, closeHistoryStart } from './shared.js';",
        "import type { Dataset } from '../base/model.js';",
        'import {',
        '  REASONS,',
        '  closedDealsInWindow,',
        '  compareStrings,',
        '  describeWindow,',
        '  na,',
        '  nextQuarterPipeline,',
        '  rangeSum,',
        "} from './shared.js';",
        '',
      ].join('\n'),
      want: [
        "import { QUARTER_START_GRACE_DAYS, closeHistoryStart, closedDealsInWindow, nextQuarterPipeline } from './deal-selections.js';",
        "import type { Dataset } from '../base/model.js';",
        "import { REASONS, na } from './outcome.js';",
        "import { compareStrings } from './stats.js';",
        "import { describeWindow } from './quarters.js';",
        "import { rangeSum } from './indexes.js';",
        '',
      ].join('\n'),
    },
    {
      name: 'a name imported twice is written once',
      text: "import { median } from './shared.js';\nimport { median, mean } from './shared.js';\n",
      want: "import { median, mean } from './stats.js';\n",
    },
    {
      name: 'type-only and value imports to the same file stay two statements',
      text: "import type { Quarter } from './shared.js';\nimport { quarterOf } from './shared.js';\n",
      want: "import type { Quarter } from './quarters.js';\nimport { quarterOf } from './quarters.js';\n",
    },
    {
      name: 'a re-export and an import to the same file stay apart',
      text: "export { median } from './shared.js';\nimport { mean } from './shared.js';\n",
      want: "export { median } from './stats.js';\nimport { mean } from './stats.js';\n",
    },
    {
      name: 'an alias keeps its alias',
      text: "import { median as med } from './shared.js';\nimport { mean } from './shared.js';\n",
      want: "import { median as med, mean } from './stats.js';\n",
    },
    {
      name: 'subscriptions.ts splits the same way, what stayed keeps its import',
      text: "import { buildLedger } from './subscriptions.js';\nimport { mrr, subscriptionMetrics } from './subscriptions.js';\n",
      want: "import { buildLedger, mrr } from './subscription-ledger.js';\nimport { subscriptionMetrics } from './subscriptions.js';\n",
    },
    {
      name: 'a moved file is rewritten as before',
      text: "import { dayFromIso } from '../time.js';\n",
      want: "import { dayFromIso } from '../base/time.js';\n",
    },
    {
      name: 'imports of files that did not move are left as they are',
      text: "import { a } from './as-of.js';\nimport { b } from './as-of.js';\n",
      want: "import { a } from './as-of.js';\nimport { b } from './as-of.js';\n",
    },
  ])('$name', ({ text, want }) => {
    const out = rewrite(text);
    expect(out).toBe(want);
    // no name lost or added, whichever file it now comes from
    expect(bindings(out).map((b) => b.split(' <- ')[0])).toEqual(bindings(text).map((b) => b.split(' <- ')[0]).filter((n, i, all) => all.indexOf(n) === i));
    // idempotent
    expect(rewrite(out)).toBe(out);
  });
});
