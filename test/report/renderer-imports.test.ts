/**
 * Renderers read the audit result, not the pipeline (issue 15): every module a registry format
 * loads (src/report/registry.ts, followed through its imports inside src/report/) imports at run
 * time only report/ modules, the contract (audit/contract.ts) and base/ (config/ is base too).
 * Type-only imports are not counted: they vanish at build time.
 *
 * Today's exceptions are listed in ALLOWED with their reason. The list may only shrink: an entry
 * whose import is gone fails the test, so remove its line when you remove the import.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

const ALLOWED: Readonly<Record<string, string>> = {
  'report/view.ts -> audit/items.ts': 'ITEM_LISTS, the names and order of the record lists, is contract data (audit/compare.ts reads it too); it belongs in audit/contract.ts',
  'report/labels.ts -> ingest/presets.ts': 'a preset\'s title is looked up in the ingest preset table; it should travel in the audit result (a contract change)',
  'report/labels.ts -> diagnose/signals.ts': 'pointOf (the pass line between fair and good) is scoring math; it belongs in base/ or the rule result',
  'report/cro-read.ts -> metrics/loss-reasons.ts': 'the loss-category labels table; it belongs in the contract or base/',
};

/** Runtime imports (not `import type` / `export type`) of one source text, as specifiers. */
export function runtimeSpecifiers(text: string): string[] {
  const out: string[] = [];
  const re = /^\s*(import|export)\s+(type\s+)?([^;]*?)\s*from\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const m of text.matchAll(re)) {
    if (m[5] !== undefined) {
      out.push(m[5]);
      continue;
    }
    if (m[2] !== undefined) continue;
    out.push(m[4] as string);
  }
  return out.filter((s) => s.startsWith('.'));
}

function resolveFrom(from: string, spec: string): string {
  return posix.normalize(posix.join(posix.dirname(from), spec)).replace(/\.js$/, '.ts');
}

function allowedTarget(to: string): boolean {
  return to.startsWith('report/') || to === 'audit/contract.ts' || to.startsWith('base/') || to.startsWith('config/');
}

/** Every report/ module a registry format loads, and each one's runtime imports. */
function rendererGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const registry = 'report/registry.ts';
  const queue = runtimeSpecifiers(readFileSync(join(SRC, registry), 'utf8')).map((s) => resolveFrom(registry, s));
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (graph.has(file) || !file.startsWith('report/')) continue;
    const imports = runtimeSpecifiers(readFileSync(join(SRC, file), 'utf8')).map((s) => resolveFrom(file, s));
    graph.set(file, imports);
    queue.push(...imports);
  }
  return graph;
}

describe('the import reader', () => {
  it.each([
    ["import { a } from './a.js';", ['./a.js']],
    ["import type { A } from '../metrics/types.js';", []],
    ["export type { A } from '../x.js';", []],
    ["import { a, type B } from '../audit/items.js';", ['../audit/items.js']],
    ["import {\n  type A,\n  b,\n} from './multi.js';", ['./multi.js']],
    ["export { a } from './a.js';", ['./a.js']],
    ["const m = await import('./lazy.js');", ['./lazy.js']],
    ["import Table from 'cli-table3';", []],
  ])('%j -> %j', (text, expected) => {
    expect(runtimeSpecifiers(text)).toEqual(expected);
  });
});

describe('renderers', () => {
  const graph = rendererGraph();
  const edges = [...graph].flatMap(([from, tos]) => tos.map((to) => `${from} -> ${to}`));

  it('every registry format is reached (the graph is read)', () => {
    for (const f of ['report/terminal.ts', 'report/json.ts', 'report/markdown.ts', 'report/html.ts', 'report/github.ts', 'report/summary.ts', 'report/csv.ts', 'report/view.ts']) {
      expect(graph.has(f), f).toBe(true);
    }
  });

  it('import at run time only report/, the contract and base/, apart from the allowlist', () => {
    expect(edges.filter((e) => !allowedTarget(e.split(' -> ')[1] as string) && !(e in ALLOWED))).toEqual([]);
  });

  it('allowlist only shrinks: every allowed import still exists', () => {
    expect(Object.keys(ALLOWED).filter((k) => !edges.includes(k))).toEqual([]);
  });
});
