/**
 * Start-up (issue 17): no zod schema is built when a module is imported, only when a schema is
 * first used. Every use of zod's `z` is counted through a proxy; importing every module of src/
 * must touch it zero times.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const touched = vi.hoisted(() => ({ names: [] as string[] }));

vi.mock('zod', async (importOriginal) => {
  const real = await importOriginal<typeof import('zod')>();
  const z = new Proxy(real.z, {
    get(target, prop, receiver) {
      touched.names.push(String(prop));
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return { ...real, z };
});

describe('zod schemas are built on first use, never at import', () => {
  it('importing every module of src/ builds none', async () => {
    const src = join(import.meta.dirname, '..', '..', 'src');
    const modules = readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      // a worker's entry starts work when loaded: not a module to import here
      .filter((f) => !readFileSync(join(src, f), 'utf8').includes('parentPort'))
      .map((f) => relative(src, join(src, f)).split(sep).join('/'))
      .sort();
    expect(modules).toContain('config/schema.ts');
    expect(modules).toContain('audit/contract.ts');
    for (const m of modules) await import(`../../src/${m.replace(/\.ts$/, '.js')}`);
    expect(touched.names).toEqual([]);
  });

  it.each([
    ['config', async () => (await import('../../src/config/schema.js')).configSchema()],
    ['rule pack', async () => (await import('../../src/rules/schema.js')).rulePackSchema()],
    ['overrides file', async () => (await import('../../src/rules/ratchet.js')).overridesFileSchema()],
    ['audit contract', async () => (await import('../../src/audit/contract.js')).auditReportSchema()],
  ])('the %s schema is built on its first use, once', async (_name, get) => {
    touched.names.length = 0;
    const first = await get();
    expect(touched.names.length).toBeGreaterThan(0);
    touched.names.length = 0;
    expect(await get()).toBe(first);
    expect(touched.names).toEqual([]);
  });
});
