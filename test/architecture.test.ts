/**
 * Architecture (issue 15): imports in src/ run one way,
 *
 *   cli → io → report → audit → diagnose → rules → metrics → ingest → base
 *
 * (SPEC/STYLE put io, audit and report side by side; inside that tier the order is fixed here:
 * the shell (io) may read renderers, renderers read the audit result, the audit never reads a
 * renderer.) A layer may import its own layer or any layer to its right. `config/` is declarative
 * schema every layer may read, so it sits with `base/`. No import cycles, type-only imports included.
 *
 * Renderers are stricter (issue 15): report/ imports only audit/contract.ts, base/, config/ (types)
 * and report/. Everything a renderer shows travels in the audit result; the words and constants it
 * shares with the modules that compute live in base/ (base/labels.ts, base/score-scale.ts) or the
 * contract (ITEM_LISTS), defined once. `revhealth explain` prints definitions, not an audit, so its
 * text is src/cli/explain-text.ts, beside its command.
 *
 * Today's violations are listed in ALLOWED, each with its reason. The list may only shrink: an
 * allowed edge that no longer exists fails the test, so remove its line when you remove the import.
 *
 * Also: no object spread of a Deal in src/ (`{ ...d }`). The deals the reader returns are DealRow
 * views over columns whose fields are getters, so a spread copies nothing; derive a deal with
 * withDeal (base/model.ts). Found with the TypeScript checker: a spread whose type is assignable to
 * Deal, whatever the variable is called.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');

const LAYERS = ['cli', 'io', 'report', 'audit', 'diagnose', 'rules', 'metrics', 'ingest', 'base'] as const;
type Layer = (typeof LAYERS)[number];

/** Edges forbidden although they point right: renderers get what they need in the data or from base/. */
const FORBIDDEN: readonly { from: Layer; to: Layer; why: string }[] = [
  { from: 'report', to: 'ingest', why: 'renderers read the audit result and base/, never the readers' },
];

/** Today's violations, `from -> to` as paths under src/, each with its reason. Shrink only: empty. */
const ALLOWED: Readonly<Record<string, string>> = {};

/** Imports of report/ outside the renderer rule, each with what removing it takes. Shrink only: empty. */
const RENDERER_ALLOWED: Readonly<Record<string, string>> = {};

// ---------------------------------------------------------------------------------------------
// The checker (pure functions, tested below on small graphs).

export interface Edge {
  readonly from: string;
  readonly to: string;
}

const IMPORT_RE = /^\s*(?:import|export)\b[^;]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** Relative specifiers imported or re-exported by one source text, in order. */
export function specifiers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT_RE)) {
    const s = m[1] ?? m[2] ?? m[3];
    if (s !== undefined && s.startsWith('.')) out.push(s);
  }
  return out;
}

/** The relative specifiers of one source text that stay at run time (not `import type` / `export type`). */
export function runtimeSpecifiers(text: string): string[] {
  const out: string[] = [];
  const re = /^\s*(import|export)\s+(type\s+)?([^;]*?)\s*from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const m of text.matchAll(re)) {
    if (m[2] !== undefined) continue;
    const spec = m[4] ?? m[5] ?? m[6];
    if (spec !== undefined && spec.startsWith('.')) out.push(spec);
  }
  return out;
}

/** `metrics/engine.ts` + `../time.js` -> `time.ts`. */
export function resolveSpecifier(from: string, spec: string): string {
  return posix.normalize(posix.join(posix.dirname(from), spec)).replace(/\.js$/, '.ts');
}

export function layerOf(file: string): Layer {
  if (!file.includes('/')) throw new Error(`src/${file}: a file at the top of src/ has no layer; put it in the folder of its layer`);
  const top = file.slice(0, file.indexOf('/'));
  if (top === 'config') return 'base';
  if (!(LAYERS as readonly string[]).includes(top)) throw new Error(`src/${file}: no layer for "${top}" (add it to LAYERS in test/architecture.test.ts)`);
  return top as Layer;
}

/** Why an edge breaks the direction, or null when it follows it. */
export function directionProblem(edge: Edge): string | null {
  const a = layerOf(edge.from);
  const b = layerOf(edge.to);
  if (LAYERS.indexOf(b) < LAYERS.indexOf(a)) return `${a} imports ${b}, which is to its left`;
  const f = FORBIDDEN.find((x) => x.from === a && x.to === b);
  return f ? `${a} imports ${b}: ${f.why}` : null;
}

/** One cycle as a path `a -> b -> … -> a`, or null when the graph has none. */
export function findCycle(edges: readonly Edge[]): string[] | null {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    const list = next.get(e.from) ?? [];
    list.push(e.to);
    next.set(e.from, list);
  }
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, 'open');
    stack.push(node);
    for (const to of next.get(node) ?? []) {
      const s = state.get(to);
      if (s === 'open') return [...stack.slice(stack.indexOf(to)), to];
      if (s === undefined) {
        const found = visit(to);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of [...next.keys()].sort()) {
    if (state.has(node)) continue;
    const found = visit(node);
    if (found) return found;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(p));
    else if (entry.name.endsWith('.ts')) out.push(relative(SRC, p).split(sep).join('/'));
  }
  return out.sort();
}

const FILES = sourceFiles(SRC);
const EDGES: Edge[] = FILES.flatMap((from) =>
  [...new Set(specifiers(readFileSync(join(SRC, from), 'utf8')).map((s) => resolveSpecifier(from, s)))].map((to) => ({ from, to })),
);
const key = (e: Edge): string => `${e.from} -> ${e.to}`;

describe('the checker', () => {
  it.each([
    ["import { a } from './a.js';", ['./a.js']],
    ["import type { A } from '../x/a.js';", ['../x/a.js']],
    ["import {\n  a,\n  type B,\n} from './multi.js';", ['./multi.js']],
    ["export { a } from './a.js';\nexport * from './b.js';", ['./a.js', './b.js']],
    ["import './side-effect.js';", ['./side-effect.js']],
    ["const m = await import('./lazy.js');\ntype W = import('../model.js').WarningCode;", ['./lazy.js', '../model.js']],
    ["import { parse } from 'csv-parse';\nimport fs from 'node:fs';", []],
    ["// we import everything from the model\nconst x = 1;", []],
  ])('finds the relative imports of %j', (text, expected) => {
    expect(specifiers(text)).toEqual(expected);
  });

  it.each([
    ["import { a } from './a.js';", ['./a.js']],
    ["import type { A } from '../config/schema.js';", []],
    ["export type { A } from '../x.js';", []],
    ["import { a, type B } from '../audit/items.js';", ['../audit/items.js']],
    ["import {\n  type A,\n  b,\n} from './multi.js';", ['./multi.js']],
    ["export { a } from './a.js';\nexport * from './b.js';", ['./a.js', './b.js']],
    ["import './side-effect.js';", ['./side-effect.js']],
    ["const m = await import('./lazy.js');", ['./lazy.js']],
    ["import Table from 'cli-table3';", []],
  ])('finds the imports of %j that stay at run time', (text, expected) => {
    expect(runtimeSpecifiers(text)).toEqual(expected);
  });

  it.each([
    ['metrics/engine.ts', '../time.js', 'time.ts'],
    ['diagnose/patterns/loss-reasons.ts', '../../metrics/loss-reasons.js', 'metrics/loss-reasons.ts'],
    ['audit/run.ts', './items.js', 'audit/items.ts'],
    ['base/format.ts', '../metrics/types.js', 'metrics/types.ts'],
  ])('resolves %s + %s to %s', (from, spec, expected) => {
    expect(resolveSpecifier(from, spec)).toBe(expected);
  });

  it('gives a file at the top of src/ no layer, and an unknown folder neither', () => {
    expect(() => layerOf('model.ts')).toThrow('has no layer');
    expect(() => layerOf('util/x.ts')).toThrow('no layer for "util"');
  });

  it.each([
    ['cli/main.ts', 'report/html.ts', null],
    ['metrics/engine.ts', 'base/time.ts', null],
    ['metrics/engine.ts', 'config/schema.ts', null],
    ['config/schema.ts', 'base/time.ts', null],
    ['base/time.ts', 'config/schema.ts', null],
    ['report/html.ts', 'audit/contract.ts', null],
    ['diagnose/signals.ts', 'diagnose/types.ts', null],
    ['diagnose/signals.ts', 'report/format.ts', 'diagnose imports report, which is to its left'],
    ['audit/run.ts', 'report/items.ts', 'audit imports report, which is to its left'],
    ['rules/ratchet.ts', 'diagnose/types.ts', 'rules imports diagnose, which is to its left'],
    ['ingest/csv.ts', 'io/parallel.ts', 'ingest imports io, which is to its left'],
    ['base/format.ts', 'metrics/types.ts', 'base imports metrics, which is to its left'],
    ['report/text.ts', 'ingest/table.ts', 'report imports ingest: renderers read the audit result and base/, never the readers'],
  ])('%s -> %s: %s', (from, to, expected) => {
    expect(directionProblem({ from, to })).toBe(expected);
  });

  it.each([
    [[], null],
    [[['a', 'b'], ['b', 'c']], null],
    [[['a', 'b'], ['b', 'a']], ['a', 'b', 'a']],
    [[['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'b']], ['b', 'c', 'd', 'b']],
    [[['x', 'x']], ['x', 'x']],
  ] as [string[][], string[] | null][])('cycle in %j: %j', (pairs, expected) => {
    expect(findCycle(pairs.map(([from, to]) => ({ from: from as string, to: to as string })))).toEqual(expected);
  });
});

describe('src/ imports', () => {
  it('are all read: every import resolves to a file in src/', () => {
    expect(EDGES.length).toBeGreaterThan(300);
    const files = new Set(FILES);
    expect(EDGES.filter((e) => !files.has(e.to)).map(key)).toEqual([]);
  });

  it('every file has a layer', () => {
    for (const f of FILES) expect(() => layerOf(f)).not.toThrow();
  });

  it('run one way (cli → io → report → audit → diagnose → rules → metrics → ingest → base), apart from the allowlist', () => {
    const problems = EDGES.filter((e) => !(key(e) in ALLOWED))
      .map((e) => [key(e), directionProblem(e)] as const)
      .filter(([, p]) => p !== null)
      .map(([k, p]) => `${k}: ${p}`);
    expect(problems).toEqual([]);
  });

  it('have no cycle, apart from the allowlisted edges', () => {
    const cycle = findCycle(EDGES.filter((e) => !(key(e) in ALLOWED)));
    expect(cycle === null ? null : cycle.join(' -> ')).toBeNull();
  });

  it('allowlist only shrinks: every allowed edge still exists (remove its line when you remove the import)', () => {
    const present = new Set(EDGES.map(key));
    expect(Object.keys(ALLOWED).filter((k) => !present.has(k))).toEqual([]);
  });

  it('allowlist holds only edges that need it', () => {
    const withoutAllowlist = EDGES.filter((e) => !(key(e) in ALLOWED));
    const needless = Object.keys(ALLOWED).filter((k) => {
      const [from, to] = k.split(' -> ') as [string, string];
      if (directionProblem({ from, to }) !== null) return false;
      // A direction-legal edge is allowed only to break a cycle that would otherwise exist.
      return findCycle([...withoutAllowlist, { from, to }]) === null;
    });
    expect(needless).toEqual([]);
  });

  it('renderers and the baseline reader take the audit result\'s types from audit/contract.ts, not from the modules that compute them', () => {
    const contract = readFileSync(join(SRC, 'audit/contract.ts'), 'utf8');
    const contractTypes = new Set([...contract.matchAll(/^export type (\w+)/gm)].map((m) => m[1] as string));
    expect(contractTypes.has('AuditReport')).toBe(true);
    const IMPORT = /^import\s+(type\s+)?\{([^}]*)\}\s*from\s*'([^']+)'/gm;
    const found: string[] = [];
    for (const file of FILES.filter((f) => f.startsWith('report/') || f === 'io/baseline.ts')) {
      for (const m of readFileSync(join(SRC, file), 'utf8').matchAll(IMPORT)) {
        const to = resolveSpecifier(file, m[3] as string);
        if (to === 'audit/contract.ts') continue;
        const names = (m[2] as string)
          .split(',')
          .map((n) => n.trim())
          .filter((n) => m[1] !== undefined || n.startsWith('type '))
          .map((n) => n.replace(/^type\s+/, '').split(/\s+as\s+/)[0] as string);
        for (const name of names) if (contractTypes.has(name)) found.push(`${file}: ${name} from ${to}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('renderers (report/) import only audit/contract.ts, base/, config/ (types) and report/, apart from their allowlist', () => {
    const ok = (to: string): boolean => to === 'audit/contract.ts' || /^(base|config|report)\//.test(to);
    const found = EDGES.filter((e) => e.from.startsWith('report/') && !ok(e.to)).map(key);
    // config/ is the loaders' schema: a renderer may name its types, never run it
    for (const from of FILES.filter((f) => f.startsWith('report/'))) {
      for (const to of runtimeSpecifiers(readFileSync(join(SRC, from), 'utf8')).map((s) => resolveSpecifier(from, s))) {
        if (to.startsWith('config/')) found.push(`${from} -> ${to} (at run time)`);
      }
    }
    expect(found.filter((k) => !(k in RENDERER_ALLOWED))).toEqual([]);
    // shrink only
    expect(Object.keys(RENDERER_ALLOWED).filter((k) => !found.includes(k))).toEqual([]);
  });

  it('configure csv-parse only in ingest/csv.ts (every reader gets its options from csvOptions)', () => {
    const option = /\b(?:relax_quotes|relax_column_count|record_delimiter|skip_empty_lines|from_line)\s*:/;
    const code = (f: string): string => readFileSync(join(SRC, f), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(FILES.filter((f) => f !== 'ingest/csv.ts' && option.test(code(f)))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// No spread of a Deal (DealRow views copy nothing when spread).

/** Spreads of a Deal that are the point, with why. Shrink only. */
const DEAL_SPREAD_ALLOWED: Readonly<Record<string, string>> = {
  "base/model.ts withDeal: ...(typeof view.toJSON === 'function' ? view.toJSON() : d)": 'withDeal spreads the plain record a view gives from toJSON() (or a plain Deal): the one sanctioned way to derive a deal',
};

/**
 * `<file relative to root> <enclosing function>: <spread text>` for every object spread (`{ ...x }`)
 * or Object.assign source whose type is a Deal (assignable to the Deal of base/model.ts, `any`
 * excluded), in `files` of `program`.
 */
export function dealSpreads(program: ts.Program, root: string, files: readonly string[]): string[] {
  const checker = program.getTypeChecker();
  const model = program.getSourceFiles().find((f) => f.fileName.replaceAll('\\', '/').endsWith('/base/model.ts'));
  const modelSymbol = model === undefined ? undefined : checker.getSymbolAtLocation(model);
  const dealSymbol = modelSymbol === undefined ? undefined : checker.getExportsOfModule(modelSymbol).find((x) => x.name === 'Deal');
  if (dealSymbol === undefined) throw new Error('dealSpreads: no Deal exported by base/model.ts');
  const deal = checker.getDeclaredTypeOfSymbol(dealSymbol);
  const isDeal = (t: ts.Type): boolean => {
    if ((t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never)) !== 0) return false;
    if (t.isUnion()) return t.types.some(isDeal);
    return checker.isTypeAssignableTo(t, deal);
  };
  const out: string[] = [];
  const enclosing = (n: ts.Node): string => {
    for (let p: ts.Node | undefined = n.parent; p !== undefined; p = p.parent) {
      if ((ts.isFunctionDeclaration(p) || ts.isMethodDeclaration(p)) && p.name !== undefined) return p.name.getText();
      if ((ts.isArrowFunction(p) || ts.isFunctionExpression(p)) && ts.isVariableDeclaration(p.parent)) return p.parent.name.getText();
    }
    return '(top level)';
  };
  for (const file of files) {
    const sf = program.getSourceFile(file);
    if (sf === undefined) throw new Error(`dealSpreads: ${file} is not in the program`);
    const rel = relative(root, file).split(sep).join('/');
    const flag = (n: ts.Expression): void => {
      if (isDeal(checker.getTypeAtLocation(n))) out.push(`${rel} ${enclosing(n)}: ...${n.getText(sf)}`);
    };
    const visit = (n: ts.Node): void => {
      if (ts.isSpreadAssignment(n)) flag(n.expression);
      if (ts.isCallExpression(n) && n.expression.getText(sf) === 'Object.assign') n.arguments.slice(1).forEach(flag);
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: ['node'],
};

const LIB_FILES = new Map<string, ts.SourceFile>();

/** A program over in-memory files (relative names under a virtual root) for the checker's own cases. */
function virtualProgram(sources: Readonly<Record<string, string>>): { program: ts.Program; root: string; files: string[] } {
  const root = join(SRC, '__virtual__');
  const abs = new Map(Object.entries(sources).map(([name, text]) => [join(root, name), text]));
  const host = ts.createCompilerHost(COMPILER_OPTIONS);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, lang, ...rest) => {
    const text = abs.get(name);
    if (text !== undefined) return ts.createSourceFile(name, text, lang, true);
    // the lib and @types files, parsed once for every case
    const cached = LIB_FILES.get(name) ?? getSourceFile.call(host, name, lang, ...rest);
    if (cached !== undefined) LIB_FILES.set(name, cached);
    return cached;
  };
  host.fileExists = (name) => abs.has(name) || fileExists.call(host, name);
  host.readFile = (name) => abs.get(name) ?? readFile.call(host, name);
  host.directoryExists = (name) => name === root || name.startsWith(root + sep) || ts.sys.directoryExists(name);
  const files = [...abs.keys()];
  return { program: ts.createProgram(files, COMPILER_OPTIONS, host), root, files };
}

const MODEL = `export interface Deal { readonly id: string | null; readonly amountCents: number }
export function withDeal(d: Deal, patch: Partial<Deal>): Deal { return { ...d, ...patch }; }
export interface Other { readonly id: string | null }
`;

describe('the Deal spread checker', () => {
  it.each([
    ['a spread of a parameter typed Deal', 'const f = (d: Deal) => ({ ...d, amountCents: 0 });', ['x.ts f: ...d']],
    ['whatever the variable is called', 'export function g(row: Deal) { return { ...row }; }', ['x.ts g: ...row']],
    ['a DealRow-like class that implements Deal', 'class View implements Deal { get id() { return null; } get amountCents() { return 1; } }\nconst v = { ...new View() };', ['x.ts (top level): ...new View()']],
    ['an element of a Deal array', 'const h = (ds: readonly Deal[]) => ds.map((x) => ({ ...x }));', ['x.ts h: ...x']],
    ['a Deal or null', 'const k = (d: Deal | null) => ({ ...d });', ['x.ts k: ...d']],
    ['a subtype of Deal', 'interface Big extends Deal { readonly extra: number }\nconst m = (d: Big) => ({ ...d });', ['x.ts m: ...d']],
    ['Object.assign from a Deal', 'const n = (d: Deal) => Object.assign({}, d);', ['x.ts n: ...d']],
    ['not: a patch (Partial<Deal>)', 'const p = (x: Partial<Deal>) => ({ ...x });', []],
    ['not: another record type', 'const q = (o: Other) => ({ ...o });', []],
    ['not: a spread of an array of deals', 'const r = (ds: Deal[]) => [...ds];', []],
    ['not: withDeal', 'const s = (d: Deal) => withDeal(d, { amountCents: 0 });', []],
  ])('%s', (_name, code, expected) => {
    const { program, root } = virtualProgram({ 'base/model.ts': MODEL, 'x.ts': `import { withDeal, type Deal, type Other } from './base/model.js';\nvoid withDeal;\nexport type O = Other;\n${code}\n` });
    expect(dealSpreads(program, root, [join(root, 'x.ts')])).toEqual(expected);
  });
  it('finds the spread inside withDeal itself (hence its allowlist line)', () => {
    const { program, root } = virtualProgram({ 'base/model.ts': MODEL });
    expect(dealSpreads(program, root, [join(root, 'base/model.ts')])).toEqual(['base/model.ts withDeal: ...d']);
  });
});

describe('src/ deals', () => {
  it('are never spread (a DealRow view spreads to nothing): derive one with withDeal, apart from the allowlist', () => {
    const files = FILES.map((f) => join(SRC, f));
    const found = dealSpreads(ts.createProgram(files, COMPILER_OPTIONS), SRC, files);
    expect(found.filter((f) => !(f in DEAL_SPREAD_ALLOWED))).toEqual([]);
    // shrink only: every allowed spread is still there
    expect(Object.keys(DEAL_SPREAD_ALLOWED).filter((k) => !found.includes(k))).toEqual([]);
  });
});
