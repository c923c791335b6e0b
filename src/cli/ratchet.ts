/**
 * CI-native RevOps: the ratchet (`init --from-current`, `rules --suggest-tighten`) and the ratchet
 * status attached to every audit whose config uses a ratchet file.
 *
 * The ratchet file is an overrides file (src/rules/ratchet.ts) the config lists in
 * `rules.overridesFiles`; `init --from-current` writes it and adds it to the config.
 */
import { existsSync } from 'node:fs';
import { readJsonInput } from '../io/read-json.js';
import { dirname, relative, resolve } from 'node:path';
import type { AuditReport } from '../audit/contract.js';
import type { Config, Segment } from '../config/schema.js';
import { UsageError } from '../base/errors.js';
import { CONFIG_FILE_NAME, loadConfig, parseConfigText } from '../io/config.js';
import { readAuditFile } from '../io/baseline.js';
import { applyOverrideFiles, configRelative, findRatchetFile } from '../io/overrides.js';
import { writeFileAtomic } from '../io/write.js';
import { formatValue } from '../base/format.js';
import { buildRatchet, ratchetStatus, tightenRatchet, type RatchetReport } from '../rules/ratchet.js';
import { filesInUse, loadInputs, type InputOptions } from './common.js';
import type { Io } from './io.js';
import { packageVersion } from './package-root.js';
import { buildReport } from './build-report.js';

/** Default name of the ratchet file, next to the config. */
export const RATCHET_FILE_NAME = 'revhealth.ratchet.json';

/** The raw config (override files not applied) and its folder, or null without a config file. */
function rawConfig(path: string | null): { raw: Config; baseDir: string } | null {
  if (path === null) return null;
  return { raw: parseConfigText(readJsonInput(path, path, 'the config'), path), baseDir: dirname(path) };
}

export interface FromCurrentOptions extends InputOptions {
  out?: string;
  force?: boolean;
  asOf?: string;
  segment?: Segment;
}

/**
 * `revhealth init --from-current`: audit today's data against the benchmarks (without any earlier
 * ratchet), write the ratchet file and list it in the config's rules.overridesFiles.
 */
export async function ratchetFromCurrent(dir: string | undefined, opts: FromCurrentOptions, io: Io): Promise<number> {
  const loaded = await loadInputs(dir, opts, io);
  const cfg = rawConfig(loaded.configPath);
  const configPath = loaded.configPath ?? resolve(io.cwd, dir ?? '.', CONFIG_FILE_NAME);
  const configDir = dirname(configPath);
  const earlier = cfg ? findRatchetFile(cfg.raw, cfg.baseDir) : null;
  const base = cfg ? applyOverrideFiles(cfg.raw, cfg.baseDir, earlier ? [earlier.path] : []) : loaded.config;
  const out = resolve(io.cwd, opts.out ?? (earlier ? earlier.path : resolve(configDir, RATCHET_FILE_NAME)));
  const shownOut = relative(io.cwd, out) || out;
  if (existsSync(out) && !opts.force) {
    throw new UsageError(
      `${shownOut} already exists`,
      'Pass --force to write it again from today\'s values (this resets every floor, loosening any that got worse), or tighten it with `revhealth rules --suggest-tighten --write`.',
    );
  }
  const report = buildReport({ ...loaded, config: base }, opts, io);
  const ratchet = buildRatchet(report.rules, { asOf: report.asOf, segment: report.company.segment, toolVersion: packageVersion() });
  // the ratchet being replaced is read (and skipped) above: it may be rewritten, nothing else in use may
  const inUse = filesInUse(loaded, io.cwd).filter((p) => resolve(p) !== out);
  writeFileAtomic(out, `${JSON.stringify(ratchet, null, 2)}\n`, inUse, { cwd: io.cwd });

  const entry = configRelative(configDir, out);
  const lines = [`wrote ${shownOut} from the audit as of ${report.asOf}:`];
  const floors = Object.entries(ratchet.ratchet?.floors ?? {});
  if (floors.length === 0) lines.push('  no failing rule: every rule keeps its benchmark');
  for (const [id, f] of floors) lines.push(`  ${id}: failing → ${ratchet.overrides[id]?.severity ?? 'warning'}, floor ${formatValue(f.value, f.unit, report.company.currency)} (today's value)`);
  const kept = report.rules.filter((r) => r.status !== 'fail' && r.status !== 'n/a').length;
  lines.push(`  ${kept} passing or watched rule${kept === 1 ? '' : 's'} keep their current level`);
  lines.push(...updateConfig(loaded.configPath, configPath, entry, io, Object.values(loaded.paths).filter((p): p is string => p !== undefined)));
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** Lists `entry` in the config's rules.overridesFiles (creating the config when there is none). */
function updateConfig(existing: string | null, configPath: string, entry: string, io: Io, inputs: readonly string[]): string[] {
  const shown = relative(io.cwd, configPath) || configPath;
  if (existing === null) {
    writeFileAtomic(configPath, `${JSON.stringify({ rules: { overridesFiles: [entry] } }, null, 2)}\n`, inputs, { cwd: io.cwd });
    return [`wrote ${shown} with rules.overridesFiles: ["${entry}"]`];
  }
  const text = readJsonInput(existing, existing, 'the config');
  const json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as { rules?: { overridesFiles?: string[] } & Record<string, unknown> } & Record<string, unknown>;
  const files = json.rules?.overridesFiles ?? [];
  if (files.some((f) => resolve(dirname(existing), f) === resolve(dirname(existing), entry))) return [`${shown} already lists ${entry} in rules.overridesFiles`];
  json.rules = { ...(json.rules ?? {}), overridesFiles: [...files, entry] };
  writeFileAtomic(existing, `${JSON.stringify(json, null, 2)}\n`, inputs, { cwd: io.cwd });
  return [`updated ${shown}: rules.overridesFiles += "${entry}"`];
}

export interface SuggestOptions extends InputOptions {
  audit?: string;
  write?: boolean;
  format?: 'terminal' | 'json';
}

/**
 * `revhealth rules --suggest-tighten`: where each floor of the config's ratchet stands against
 * current values (a saved audit JSON with --audit, else a fresh audit of the config's inputs);
 * `--write` applies the hints to the ratchet file.
 */
export async function suggestTighten(opts: SuggestOptions, io: Io): Promise<number> {
  const loadedConfig = await loadConfig(opts.config, undefined, io.cwd);
  const cfg = rawConfig(loadedConfig.path);
  const found = cfg ? findRatchetFile(cfg.raw, cfg.baseDir) : null;
  if (found === null) {
    throw new UsageError(
      'no ratchet file in the config (rules.overridesFiles)',
      'Write one with `revhealth init --from-current` on this month\'s data first.',
    );
  }
  let report: AuditReport;
  let status: RatchetReport;
  if (opts.audit !== undefined) {
    // a saved audit: its rule results against the ratchet file as it is now
    report = readAuditFile(resolve(io.cwd, opts.audit), opts.audit);
    status = ratchetStatus(report.rules, found.file, found.entry, report.company.currency) as RatchetReport;
  } else {
    // the inputs the config names (inputs.*.file), else the input files beside the config; the
    // audit returns where each floor stands (its ratchet block), as `audit` reports it
    const named = Object.values(cfg?.raw.inputs ?? {}).some((x) => x?.file !== undefined);
    const loaded = await loadInputs(named || cfg === null ? undefined : cfg.baseDir, { ...opts, config: loadedConfig.path ?? undefined }, io);
    report = buildReport(loaded, {}, io, { ratchet: found });
    status = report.ratchet as RatchetReport;
  }
  const actionable = status.hints.filter((h) => h.status === 'tighten' || h.status === 'benchmark_met');
  let changed: string[] = [];
  if (opts.write && actionable.length > 0) {
    const next = tightenRatchet(found.file, status, report.asOf);
    changed = next.changed;
    writeFileAtomic(found.path, `${JSON.stringify(next.file, null, 2)}\n`, [], { cwd: io.cwd });
  }
  if (opts.format === 'json') {
    io.stdout.write(`${JSON.stringify({ ...status, written: changed }, null, 2)}\n`);
    return 0;
  }
  const out = [`Ratchet ${found.entry} (floors set ${status.asOf}) against the audit as of ${report.asOf}:`];
  if (status.hints.length === 0) out.push('  no floors');
  for (const h of status.hints) out.push(`  ${h.status === 'tighten' || h.status === 'benchmark_met' ? '↑' : h.status === 'below_floor' ? '▼' : '·'} ${h.message}`);
  if (changed.length > 0) out.push(`wrote ${found.entry}:`, ...changed.map((c) => `  ${c}`));
  else if (actionable.length > 0) out.push('Apply with --write.');
  else out.push('Nothing to tighten.');
  io.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
