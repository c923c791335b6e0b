/**
 * Just enough of a GitHub Actions runner to play action.yml (and workflows using it) in tests:
 * a small YAML reader (maps, lists, quoted and plain scalars, `|` blocks, comments: the subset
 * these files use; no yaml package is installed), `${{ inputs.x }}` / `${{ env.X }}` expressions,
 * `if:` with `inputs.x != ''`, `hashFiles('f') != ''` and `always()`, and the runner's files
 * (GITHUB_ENV, GITHUB_PATH, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP) between steps.
 * `run:` steps go to bash as on the runner (`--noprofile --norc -eo pipefail`); `uses:` steps are
 * handed to the caller.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Yaml = string | Yaml[] | { [key: string]: Yaml };

interface Line {
  readonly indent: number;
  readonly text: string;
  readonly no: number;
}

/** Parses the YAML subset described above; throws on anything else, naming the line. */
export function parseYaml(source: string): Yaml {
  const raw = source.split('\n');
  const lines: Line[] = [];
  raw.forEach((l, i) => {
    if (/^\s*(#.*)?$/.test(l)) return;
    lines.push({ indent: l.length - l.trimStart().length, text: l.trimStart(), no: i + 1 });
  });
  let pos = 0;

  const scalar = (v: string): string => {
    const t = v.replace(/\s+#.*$/, '').trim();
    if (/^'.*'$/.test(t)) return t.slice(1, -1).replace(/''/g, "'");
    if (/^".*"$/.test(t)) return JSON.parse(t) as string;
    return t;
  };

  /** A `|` block: the raw lines indented deeper than `parent`, dedented. */
  const block = (parent: number, startNo: number): string => {
    const out: string[] = [];
    let i = startNo; // 0-based index into raw of the first line after the `|`
    let indent = -1;
    while (i < raw.length) {
      const l = raw[i] as string;
      if (l.trim() === '') {
        out.push('');
        i++;
        continue;
      }
      const ind = l.length - l.trimStart().length;
      if (ind <= parent) break;
      if (indent < 0) indent = ind;
      out.push(l.slice(indent));
      i++;
    }
    while (pos < lines.length && (lines[pos] as Line).no <= i) pos++;
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
    return `${out.join('\n')}\n`;
  };

  /** The value after `key:` on a line at `indent`: inline scalar, `|` block, or a nested node. */
  const valueAfter = (rest: string, indent: number, no: number): Yaml => {
    const v = rest.replace(/^\s+#.*$/, '').trim();
    if (v === '|') return block(indent, no);
    if (v !== '' && !v.startsWith('#')) return scalar(v);
    const next = lines[pos];
    if (next === undefined || next.indent < indent || (next.indent === indent && !next.text.startsWith('- '))) return '';
    return node(next.indent);
  };

  const node = (indent: number): Yaml => {
    const first = lines[pos] as Line;
    if (first.text.startsWith('- ')) {
      const list: Yaml[] = [];
      while (pos < lines.length && (lines[pos] as Line).indent === indent && (lines[pos] as Line).text.startsWith('- ')) {
        const l = lines[pos] as Line;
        const item = l.text.slice(2);
        const kv = /^([\w.-]+):(\s.*|)$/.exec(item);
        if (kv) {
          // a map whose first key sits on the dash line: re-read it as a line at indent + 2
          lines[pos] = { indent: indent + 2, text: item, no: l.no };
          list.push(map(indent + 2));
        } else {
          pos++;
          list.push(scalar(item));
        }
      }
      return list;
    }
    return map(indent);
  };

  const map = (indent: number): { [key: string]: Yaml } => {
    const out: { [key: string]: Yaml } = {};
    while (pos < lines.length) {
      const l = lines[pos] as Line;
      if (l.indent !== indent || l.text.startsWith('- ')) break;
      const kv = /^([\w.-]+):(\s.*|)$/.exec(l.text);
      if (!kv) throw new Error(`line ${l.no}: expected "key: value", got ${JSON.stringify(l.text)}`);
      pos++;
      out[kv[1] as string] = valueAfter(kv[2] as string, indent, l.no);
    }
    return out;
  };

  const root = node(0);
  if (pos < lines.length) throw new Error(`line ${(lines[pos] as Line).no}: unexpected indentation`);
  return root;
}

export interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly if?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly shell?: string;
  readonly env?: Record<string, string>;
  readonly with?: Record<string, string>;
}

export interface ActionFile {
  readonly inputs: Record<string, { description?: string; required?: string; default?: string }>;
  readonly outputs: Record<string, { value: string }>;
  readonly runs: { using: string; steps: Step[] };
}

export function readAction(path: string): ActionFile {
  return parseYaml(readFileSync(path, 'utf8')) as unknown as ActionFile;
}

export interface Context {
  readonly inputs: Record<string, string>;
  readonly env: Record<string, string>;
  readonly cwd: string;
}

/** `${{ inputs.x }}`, `${{ env.X }}` and `${{ steps.id.outputs.x }}` substituted; anything else is an error. */
export function expand(text: string, ctx: Context, outputs: Record<string, Record<string, string>> = {}): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, expr: string) => {
    let m = /^inputs\.([\w-]+)$/.exec(expr);
    if (m) return ctx.inputs[m[1] as string] ?? '';
    m = /^env\.(\w+)$/.exec(expr);
    if (m) return ctx.env[m[1] as string] ?? '';
    m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
    if (m) return outputs[m[1] as string]?.[m[2] as string] ?? '';
    throw new Error(`expression not supported by the test runner: ${expr}`);
  });
}

/** An `if:` condition: always(), hashFiles('f') != '', inputs.x != '' / == 'v', joined by &&. */
export function condition(cond: string | undefined, ctx: Context, failed: boolean): boolean {
  if (cond === undefined || cond.trim() === '') return !failed;
  const parts = cond.replace(/^\$\{\{\s*|\s*\}\}$/g, '').split('&&').map((p) => p.trim());
  let always = false;
  let ok = true;
  for (const p of parts) {
    if (p === 'always()') {
      always = true;
      continue;
    }
    let m = /^hashFiles\('([^']+)'\)\s*(!=|==)\s*''$/.exec(p);
    if (m) {
      const exists = existsSync(join(ctx.cwd, m[1] as string));
      ok &&= m[2] === '!=' ? exists : !exists;
      continue;
    }
    m = /^inputs\.([\w-]+)\s*(!=|==)\s*'([^']*)'$/.exec(p);
    if (m) {
      const equal = (ctx.inputs[m[1] as string] ?? '') === m[3];
      ok &&= m[2] === '==' ? equal : !equal;
      continue;
    }
    throw new Error(`condition not supported by the test runner: ${p}`);
  }
  return (always || !failed) && ok;
}

export interface StepRun {
  readonly name: string;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs one `run:` step in bash with the runner's files: afterwards GITHUB_ENV lines join the env
 * and GITHUB_PATH lines the PATH (as for the following steps on a runner); returns its outputs.
 */
export function runShellStep(step: Step, ctx: Context, outputs: Record<string, Record<string, string>> = {}): StepRun & { outputs: Record<string, string> } {
  const files = ['GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_OUTPUT'] as const;
  for (const f of files) if (ctx.env[f] === undefined) throw new Error(`${f} must be set`);
  for (const f of files) writeFileSync(ctx.env[f] as string, '');
  const env: Record<string, string> = { ...ctx.env };
  for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(v, ctx, outputs);
  const res = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run ?? ''], { cwd: ctx.cwd, env, encoding: 'utf8' });
  for (const line of readFileSync(ctx.env.GITHUB_ENV as string, 'utf8').split('\n')) {
    const m = /^(\w+)=(.*)$/.exec(line);
    if (m) ctx.env[m[1] as string] = m[2] as string;
  }
  for (const dir of readFileSync(ctx.env.GITHUB_PATH as string, 'utf8').split('\n').filter(Boolean).reverse()) ctx.env.PATH = `${dir}:${ctx.env.PATH ?? ''}`;
  const stepOutputs: Record<string, string> = {};
  for (const line of readFileSync(ctx.env.GITHUB_OUTPUT as string, 'utf8').split('\n')) {
    const m = /^([\w-]+)=(.*)$/.exec(line);
    if (m) stepOutputs[m[1] as string] = m[2] as string;
  }
  return { name: step.name ?? step.run ?? '', code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr, outputs: stepOutputs };
}

/**
 * Runs a composite action: inputs default from action.yml, `with` on top; `run:` steps in bash
 * with GITHUB_ACTION_PATH set; `uses:` steps handed to `onUses` (the test plays them).
 * After a failing step only `always()` steps run, as on GitHub.
 */
export function runAction(
  action: ActionFile,
  actionPath: string,
  withInputs: Record<string, string>,
  ctx: Omit<Context, 'inputs'>,
  onUses: (step: Step, inputs: Record<string, string>, expandIn: (s: string) => string) => void,
): { runs: StepRun[]; failed: boolean; outputs: Record<string, string> } {
  // the install step runs `npm ci` in the action's folder when it finds no bundle: in a test that
  // would reinstall this repository's node_modules under the running suite
  if (!existsSync(join(actionPath, 'dist', 'bundle', 'revhealth.js'))) {
    throw new Error(`no bundle in ${actionPath}/dist/bundle: run npm run build first (the action's install step would run npm ci there)`);
  }
  const inputs: Record<string, string> = {};
  for (const [k, v] of Object.entries(action.inputs)) inputs[k] = v.default ?? '';
  for (const [k, v] of Object.entries(withInputs)) {
    if (!(k in action.inputs)) throw new Error(`unknown input ${k}`);
    inputs[k] = v;
  }
  const c: Context = { inputs, env: { ...ctx.env, GITHUB_ACTION_PATH: actionPath }, cwd: ctx.cwd };
  const outputs: Record<string, Record<string, string>> = {};
  const runs: StepRun[] = [];
  let failed = false;
  for (const step of action.runs.steps) {
    if (!condition(step.if, c, failed)) continue;
    if (step.uses !== undefined) {
      const w: Record<string, string> = {};
      for (const [k, v] of Object.entries(step.with ?? {})) w[k] = expand(v, c, outputs);
      onUses(step, w, (s) => expand(s, c, outputs));
      continue;
    }
    const r = runShellStep(step, c, outputs);
    if (step.id !== undefined) outputs[step.id] = r.outputs;
    runs.push({ name: r.name, code: r.code, stdout: r.stdout, stderr: r.stderr });
    if (r.code !== 0) failed = true;
  }
  // the job's env after the action (GITHUB_ENV, GITHUB_PATH), for the caller's later steps
  Object.assign(ctx.env, { PATH: c.env.PATH ?? '' });
  const actionOutputs: Record<string, string> = {};
  for (const [k, v] of Object.entries(action.outputs)) actionOutputs[k] = expand(v.value, c, outputs);
  return { runs, failed, outputs: actionOutputs };
}
