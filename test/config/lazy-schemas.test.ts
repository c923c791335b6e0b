/**
 * Start-up (issue 17): no zod schema is built when a module is imported, only when a schema is
 * first used. Checked in a fresh node process over the built modules (dist/, `npm run build`): a
 * module hook hands every module of dist/ a `z` that records each use, then the process imports
 * every module and reports what was touched. (In-process, vitest shares one module cache between
 * test files, so a schema an earlier file built would hide the one this test is after.)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';

const DIST = join(ROOT, 'dist');

/** Resolve hook: `zod` imported from dist/ becomes a module whose `z` records every property read. */
const HOOKS = `
const DIST = ${JSON.stringify(pathToFileURL(DIST).href)};
export async function resolve(specifier, context, next) {
  if (specifier !== 'zod' || !context.parentURL?.startsWith(DIST)) return next(specifier, context);
  const real = (await next(specifier, context)).url;
  const source = [
    'import * as real from ' + JSON.stringify(real) + ';',
    'globalThis.__zodTouched ??= [];',
    'export * from ' + JSON.stringify(real) + ';',
    'export const z = new Proxy(real.z, { get(t, p, r) { globalThis.__zodTouched.push(String(p)); return Reflect.get(t, p, r); } });',
    'export default z;',
  ].join('\\n');
  return { url: 'data:text/javascript,' + encodeURIComponent(source), shortCircuit: true };
}
`;

/** Imports every module of dist/ (a worker's entry aside: it starts work when loaded), then uses each schema getter twice. */
const PROBE = `
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
const dist = ${JSON.stringify(DIST)};
const modules = readdirSync(dist, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.js') && !f.startsWith('bundle') && !readFileSync(join(dist, f), 'utf8').includes('parentPort'))
  .sort();
globalThis.__zodTouched ??= [];
for (const f of modules) await import(pathToFileURL(join(dist, f)).href);
const out = { modules, atImport: [...globalThis.__zodTouched], getters: {} };
const getters = {
  config: async () => (await import(pathToFileURL(join(dist, 'config/schema.js')).href)).configSchema(),
  rulePack: async () => (await import(pathToFileURL(join(dist, 'rules/schema.js')).href)).rulePackSchema(),
  overridesFile: async () => (await import(pathToFileURL(join(dist, 'rules/ratchet.js')).href)).overridesFileSchema(),
  auditContract: async () => (await import(pathToFileURL(join(dist, 'audit/contract.js')).href)).auditReportSchema(),
};
for (const [name, get] of Object.entries(getters)) {
  globalThis.__zodTouched.length = 0;
  const first = await get();
  const firstUse = globalThis.__zodTouched.length;
  globalThis.__zodTouched.length = 0;
  const same = (await get()) === first;
  out.getters[name] = { firstUse, secondUse: globalThis.__zodTouched.length, same };
}
process.stdout.write(JSON.stringify(out));
`;

interface ProbeResult {
  readonly modules: readonly string[];
  readonly atImport: readonly string[];
  readonly getters: Readonly<Record<string, { firstUse: number; secondUse: number; same: boolean }>>;
}

let result: ProbeResult;

beforeAll(() => {
  if (!existsSync(join(DIST, 'config', 'schema.js'))) throw new Error('dist/ is not built: run `npm run build` first');
  const dir = tempDir();
  writeFileSync(join(dir, 'hooks.mjs'), HOOKS);
  writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`);
  writeFileSync(join(dir, 'probe.mjs'), PROBE);
  const stdout = execFileSync(process.execPath, ['--import', pathToFileURL(join(dir, 'register.mjs')).href, join(dir, 'probe.mjs')], { cwd: ROOT, encoding: 'utf8' });
  result = JSON.parse(stdout) as ProbeResult;
}, 60_000);

describe('zod schemas are built on first use, never at import', () => {
  it('importing every module of dist/ touches zod zero times', () => {
    expect(result.modules).toContain('config/schema.js');
    expect(result.modules).toContain('audit/contract.js');
    expect(result.modules).toContain('cli/program.js');
    expect(result.atImport).toEqual([]);
  });

  it.each(['config', 'rulePack', 'overridesFile', 'auditContract'])('the %s schema is built on its first use, once', (name) => {
    expect(result.getters[name]).toEqual({ firstUse: expect.any(Number) as number, secondUse: 0, same: true });
    expect(result.getters[name]?.firstUse).toBeGreaterThan(0);
  });
});
