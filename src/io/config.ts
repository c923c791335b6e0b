/**
 * Loads revhealth.config.json: JSON only (never executed), validated by zod, every problem named
 * by its key path; unknown keys are reported as likely typos.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { z } from 'zod';
import { configSchema, type Config } from '../config/schema.js';
import { ConfigError, InputError } from '../base/errors.js';
import { didYouMean } from '../ingest/header.js';
import { applyOverrideFiles } from './overrides.js';
import { readJsonInput } from './read-json.js';

export const CONFIG_FILE_NAME = 'revhealth.config.json';

export interface LoadedConfig {
  readonly config: Config;
  /** Path of the file read, or null when none was found (defaults apply). */
  readonly path: string | null;
  /** Folder relative paths in the config are resolved against. */
  readonly baseDir: string;
}

/** --config wins; else revhealth.config.json in the input folder; else in the working directory. */
export async function loadConfig(explicit: string | undefined, inputDir: string | undefined, cwd: string): Promise<LoadedConfig> {
  let path: string | null = null;
  if (explicit !== undefined) {
    path = resolve(cwd, explicit);
    if (!existsSync(path)) throw new InputError([{ file: explicit, message: `config file not found: ${explicit}` }]);
  } else {
    for (const dir of [inputDir, cwd]) {
      if (dir === undefined) continue;
      const candidate = resolve(cwd, dir, CONFIG_FILE_NAME);
      if (existsSync(candidate)) {
        path = candidate;
        break;
      }
    }
  }
  if (path === null) return { config: {}, path: null, baseDir: cwd };
  const text = readJsonInput(path, explicit ?? path, 'the config');
  // rules.overridesFiles (e.g. the ratchet of init --from-current) are folded into rules.overrides
  const config = applyOverrideFiles(parseConfigText(text, explicit ?? path), dirname(path));
  return { config, path, baseDir: dirname(path) };
}

export function parseConfigText(text: string, file: string): Config {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    const msg = (err as Error).message;
    const pos = /position (\d+)/.exec(msg);
    // V8 gives no position for "Unexpected token" (module.exports = …, unquoted names): find it
    const offset = pos ? Number(pos[1]) : jsonErrorOffset(text);
    const line = offset >= 0 ? text.slice(0, offset).split('\n').length : undefined;
    throw new ConfigError(file, [{ path: '(file)', message: `not valid JSON: ${msg}`, ...(line ? { line } : {}) }]);
  }
  const parsed = configSchema().safeParse(json);
  if (!parsed.success) throw new ConfigError(file, zodProblems(parsed.error));
  return parsed.data;
}

/**
 * Offset of the first JSON syntax error in `text`, -1 when there is none: a small recursive-descent
 * check used only to put a line number on JSON.parse errors that carry no position.
 */
export function jsonErrorOffset(text: string): number {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let depth = 0;
  const fail = (): never => {
    throw new JsonSyntaxAt(i);
  };
  const ws = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const str = (): void => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) fail();
      i += c === 92 ? 2 : 1;
    }
    fail();
  };
  const value = (): void => {
    ws();
    if (++depth > 512) fail();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) i++;
      else {
        for (;;) {
          if (c === '{') {
            ws();
            if (text[i] !== '"') fail();
            str();
            ws();
            if (text[i] !== ':') fail();
            i++;
          }
          value();
          ws();
          if (text[i] === ',') i++;
          else if (text[i] === close) {
            i++;
            break;
          } else fail();
        }
      }
    } else if (c === '"') str();
    else {
      const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 512));
      if (!m) fail();
      i += (m as RegExpExecArray)[0].length;
    }
    depth--;
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return -1;
  } catch (err) {
    return err instanceof JsonSyntaxAt ? err.offset : -1;
  }
}

class JsonSyntaxAt {
  constructor(readonly offset: number) {}
}

export function zodProblems(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => {
    const base = issue.path.map(String).join('.') || '(root)';
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(issue.path.map(String));
      return {
        path: base,
        message: issue.keys
          .map((k) => `unknown key "${k}" (a typo?${didYouMean(k, known).replace(/^ \(/, ' ').replace(/\)$/, '')})`)
          .join('; '),
      };
    }
    return { path: base, message: issue.message };
  });
}

function knownKeysAt(path: readonly string[]): string[] {
  // Walk the schema shape for suggestions; good enough for object nesting.
  let shape: unknown = (configSchema() as unknown as { shape: Record<string, unknown> }).shape;
  for (const key of path) {
    const next = (shape as Record<string, unknown> | undefined)?.[key];
    shape = unwrapShape(next);
  }
  return shape && typeof shape === 'object' ? Object.keys(shape as object) : [];
}

function unwrapShape(schema: unknown): unknown {
  let s = schema as { shape?: unknown; unwrap?: () => unknown } | undefined;
  for (let i = 0; i < 4 && s; i++) {
    if (s.shape) return s.shape;
    if (typeof s.unwrap === 'function') s = s.unwrap() as typeof s;
    else break;
  }
  return undefined;
}

export function resolveFrom(baseDir: string, p: string): string {
  return resolve(baseDir, p);
}

export { join };
