/**
 * The audit as the commands run it: the config's extra rule packs read, runAudit called with the
 * flags and the data it takes (a baseline audit, the ratchet file: read here, compared in audit/),
 * its problems turned into CLI errors. Shared by `audit`, `demo`, `metrics` and the ratchet
 * commands (so they need not import each other).
 */
import { dirname, resolve } from 'node:path';
import { runAudit, type AuditOptions } from '../audit/run.js';
import type { AuditReport } from '../audit/contract.js';
import { CONFIG_YEAR_MAX, CONFIG_YEAR_MIN, type Config, type Segment } from '../config/schema.js';
import { ConfigError, InputError, UsageError } from '../base/errors.js';
import { readJsonInput } from '../io/read-json.js';
import { findRatchetFile } from '../io/overrides.js';
import type { BreakdownDimension } from '../metrics/engine.js';
import { readAuditFile } from '../io/baseline.js';
import type { RulePack } from '../rules/schema.js';
import type { LoadedInputs } from './common.js';
import type { Io } from './io.js';
import { packageVersion } from './package-root.js';

/** The flags of `audit` that change the report itself. */
export interface ReportFlags {
  asOf?: string;
  segment?: Segment;
  by?: BreakdownDimension;
  itemsLimit?: number;
}

/** Reads the config's extra rule packs (JSON files relative to the config file). */
export function loadPacks(config: Config, configPath: string | null, cwd: string): { packs: RulePack[]; labels: string[] } {
  const packs: RulePack[] = [];
  const labels: string[] = [];
  const base = configPath ? resolve(configPath, '..') : cwd;
  for (const p of config.rules?.packs ?? []) {
    const file = resolve(base, p);
    let text: string;
    try {
      text = readJsonInput(file, p, 'the rule pack');
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw new ConfigError(configPath ?? 'config', [{ path: 'rules.packs', message: `rule pack not found: ${p}` }]);
    }
    try {
      packs.push(JSON.parse(text) as RulePack);
    } catch (err) {
      throw new ConfigError(p, [{ path: '(file)', message: `not valid JSON: ${(err as Error).message}` }]);
    }
    labels.push(p);
  }
  return { packs, labels };
}

/** What runAudit compares the audit with, read by the shell: an earlier audit and the ratchet file. */
export type AuditData = Pick<AuditOptions, 'baseline' | 'ratchet'>;

/**
 * The data `audit` and `demo` pass to runAudit: the --baseline audit (read and validated against
 * the contract) and the config's ratchet file, when there are.
 */
export function readAuditData(loaded: Pick<LoadedInputs, 'config' | 'configPath'>, baseline: string | undefined, io: Io): AuditData {
  const ratchet = loaded.configPath === null ? null : findRatchetFile(loaded.config, dirname(loaded.configPath));
  return {
    ...(baseline !== undefined ? { baseline: readAuditFile(resolve(io.cwd, baseline), baseline) } : {}),
    ...(ratchet !== null ? { ratchet } : {}),
  };
}

export function buildReport(loaded: LoadedInputs, opts: ReportFlags, io: Io, data: AuditData = {}): AuditReport {
  // the same years as a config date: 0001-01-01 or 2205-01-01 is a typo, not an audit date
  const year = opts.asOf !== undefined && /^\d{4}-/.test(opts.asOf) ? Number(opts.asOf.slice(0, 4)) : null;
  if (year !== null && (year < CONFIG_YEAR_MIN || year > CONFIG_YEAR_MAX)) {
    throw new UsageError(`--as-of expects a year between ${CONFIG_YEAR_MIN} and ${CONFIG_YEAR_MAX}, got "${opts.asOf}"`);
  }
  const { packs, labels } = loadPacks(loaded.config, loaded.configPath, io.cwd);
  const result = runAudit(loaded.dataset, loaded.config, {
    ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}),
    ...(opts.segment !== undefined ? { segment: opts.segment } : {}),
    ...(opts.by !== undefined ? { by: opts.by } : {}),
    ...(opts.itemsLimit !== undefined ? { itemsLimit: opts.itemsLimit } : {}),
    packs,
    packLabels: labels,
    toolVersion: packageVersion(),
    ...data,
  });
  if (!result.ok) {
    if (result.problems.some((p) => p.path === '--as-of')) throw new UsageError(result.problems.map((p) => p.message).join('; '));
    throw new ConfigError(loaded.configPath ?? 'config', result.problems);
  }
  return result.report;
}
