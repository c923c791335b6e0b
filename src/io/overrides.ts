/**
 * Reads the rule override files a config lists in `rules.overridesFiles` (JSON, relative to the
 * config file) and folds them into `rules.overrides`, after the inline overrides, in order.
 * The ratchet written by `revhealth init --from-current` is such a file.
 */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import { ConfigError, InputError } from '../base/errors.js';
import { readJsonInput } from './read-json.js';
import { overridesFileSchema, mergeOverrides, type OverridesFile } from '../rules/ratchet.js';
import { formatKeyPath } from '../rules/schema.js';

/** Reads and validates one overrides file; problems name the file and the key path. */
export function readOverridesFile(path: string, shown: string): OverridesFile {
  let text: string;
  try {
    text = readJsonInput(path, shown, 'the override file');
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new ConfigError(shown, [{ path: 'rules.overridesFiles', message: `override file not found: ${shown}` }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    throw new ConfigError(shown, [{ path: '(file)', message: `not valid JSON: ${(err as Error).message}` }]);
  }
  const parsed = overridesFileSchema().safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(
      shown,
      parsed.error.issues.map((i) => ({ path: formatKeyPath(i.path as PropertyKey[]) || '(root)', message: i.message })),
    );
  }
  return parsed.data;
}

export interface ListedOverridesFile {
  /** As written in the config. */
  readonly entry: string;
  readonly path: string;
  readonly file: OverridesFile;
}

/** The files of `rules.overridesFiles`, read (relative to `baseDir`, the config's folder). */
export function listedOverrideFiles(config: Config, baseDir: string): ListedOverridesFile[] {
  return (config.rules?.overridesFiles ?? []).map((entry) => {
    const path = resolve(baseDir, entry);
    return { entry, path, file: readOverridesFile(path, entry) };
  });
}

/**
 * The config with the override files folded into `rules.overrides` (inline first, then each file).
 * `skip` leaves out the files whose resolved path is listed (to audit without the ratchet).
 */
export function applyOverrideFiles(config: Config, baseDir: string, skip: readonly string[] = []): Config {
  const files = listedOverrideFiles(config, baseDir).filter((f) => !skip.includes(f.path));
  if (files.length === 0) return config;
  let overrides = { ...(config.rules?.overrides ?? {}) };
  for (const f of files) overrides = mergeOverrides(overrides, f.file.overrides);
  return { ...config, rules: { ...(config.rules ?? {}), overrides } };
}

/** The ratchet file among the config's override files (the last one with a `ratchet` block), or null. */
export function findRatchetFile(config: Config, baseDir: string): ListedOverridesFile | null {
  const files = listedOverrideFiles(config, baseDir).filter((f) => f.file.ratchet !== undefined);
  return files[files.length - 1] ?? null;
}

/** A path as the config should list it: relative to the config's folder. */
export function configRelative(baseDir: string, path: string): string {
  const rel = relative(baseDir, path);
  return rel === '' ? path : rel.split('\\').join('/');
}

export { existsSync };
