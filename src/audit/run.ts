/**
 * The core orchestrator: a validated Dataset and a config in, one AuditReport out.
 * Pure: the shell reads files, picks the as-of date source and decides exit codes.
 */
import type { Config, Profile, Segment } from '../config/schema.js';
import { profileFromConfig } from '../config/schema.js';
import { rowAccounting } from '../base/model.js';
import { computeMetrics, createSharedCache, defaultAsOf, makeContext, type BreakdownDimension } from '../metrics/engine.js';
import { subscriptionsBlock } from '../metrics/subscription-block.js';
import { buildFourV } from '../diagnose/four-v.js';
import { METRICS } from '../metrics/registry.js';
import { futureDatedWarning, importStampNote, pointInTime, reconstructionOf } from '../metrics/as-of.js';
import { computeEngines } from '../metrics/engines.js';
import { gradeEngines } from '../diagnose/engine-grades.js';
import { computeChurnReasons, computeLossReasons, computeQuarterEndPricing } from '../metrics/loss-reasons.js';
import { computeChannelFunnel, reconcileWinRates } from '../metrics/channel-funnel.js';
import { diagnose } from '../diagnose/diagnose.js';
import type { Dataset, DayNumber } from '../base/model.js';
import { computeItems } from './items.js';
import { DEFAULT_PACK } from '../rules/default-pack.js';
import { evaluateRules, gradeAreas } from '../rules/evaluate.js';
import { resolveRules, type ResolvedRules } from '../rules/resolve.js';
import type { RulePack } from '../rules/schema.js';
import { dayFromIso, fiscalQuarterOf, isoFromDay } from '../base/time.js';
import { ratchetStatus, type OverridesFile } from '../rules/ratchet.js';
import { withComparison } from './compare.js';

import { AUDIT_SCHEMA_VERSION, type AuditReport } from './contract.js';

/** The contract's types live in audit/contract.ts; import them from there (this re-export stays for code in flight). */


export interface AuditOptions {
  /** --as-of; else config.asOf; else the latest date in the data. */
  readonly asOf?: string;
  readonly segment?: Segment;
  readonly by?: BreakdownDimension;
  /** Extra rule packs, already read and parsed by the shell. */
  readonly packs?: readonly RulePack[];
  readonly packLabels?: readonly string[];
  readonly toolVersion: string;
  /** Items kept per record list (--items-limit); 0 keeps all; default DEFAULT_ITEMS_LIMIT. */
  readonly itemsLimit?: number;
  /** An earlier audit (--baseline), already read and validated by the shell: the report gets its `comparison`. */
  readonly baseline?: AuditReport;
  /**
   * The config's ratchet file (init --from-current), already read and validated by the shell, and
   * its name as the config lists it: the report gets its `ratchet` block (where each floor stands).
   */
  readonly ratchet?: { readonly file: OverridesFile; readonly entry: string };
}


export type AuditResult =
  | { readonly ok: true; readonly report: AuditReport; readonly profile: Profile; readonly rules: ResolvedRules }
  | { readonly ok: false; readonly problems: readonly { readonly path: string; readonly message: string }[] };

export function activeRules(config: Config, packs: readonly RulePack[] = [], packLabels?: readonly string[]): ResolvedRules {
  return resolveRules(DEFAULT_PACK, config.rules?.overrides ?? {}, packs, {
    knownMetrics: METRICS.map((m) => m.id),
    trustBase: true,
    ...(packLabels ? { packLabels } : {}),
  });
}

export function resolveAsOf(ds: Dataset, config: Config, flag: string | undefined): { day: DayNumber; source: 'flag' | 'config' | 'data' } | { error: string } {
  if (flag !== undefined) {
    const d = dayFromIso(flag);
    return d === null ? { error: `--as-of expects a date like 2025-12-31, got "${flag}"` } : { day: d, source: 'flag' };
  }
  if (config.asOf !== undefined) {
    const d = dayFromIso(config.asOf);
    return d === null ? { error: `asOf in the config is not a real date: "${config.asOf}"` } : { day: d, source: 'config' };
  }
  const d = defaultAsOf(ds);
  if (d !== null) return { day: d, source: 'data' };
  // no date left because every row was rejected: --as-of would only grade an empty dataset
  const emptied = ds.files.filter((f) => f.rows.read > 0 && f.rows.used === 0);
  if (emptied.length > 0 && ds.files.every((f) => f.rows.used === 0)) {
    const which = emptied
      .map((f) => {
        const reasons = Object.entries(f.rejectedByReason)
          .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
          .map(([k, n]) => `${k} ${n}`)
          .join(', ');
        return `every row of ${f.path} was rejected (${f.rows.rejected} of ${f.rows.read}${reasons === '' ? '' : `: ${reasons}`})`;
      })
      .join('; ');
    return { error: `${which}: nothing is left to audit; run \`revhealth validate\` to see each rejected row and its reason` };
  }
  return { error: 'the data holds no dates to anchor the audit; pass --as-of YYYY-MM-DD' };
}

export function runAudit(ds: Dataset, config: Config, opts: AuditOptions): AuditResult {
  const resolved = activeRules(config, opts.packs ?? [], opts.packLabels);
  if (resolved.problems.length > 0) {
    return { ok: false, problems: resolved.problems.map((p) => splitProblem(p)) };
  }
  const asOf = resolveAsOf(ds, config, opts.asOf);
  if ('error' in asOf) return { ok: false, problems: [{ path: '--as-of', message: asOf.error }] };
  // without company.currency, the currency the deals file states (its amounts were summed in it), never a silent USD
  const configured = profileFromConfig(
    config.company?.currency === undefined && ds.statedCurrency !== undefined ? { ...config, company: { ...config.company, currency: ds.statedCurrency } } : config,
    opts.segment,
  );
  // targets.nextQuarterBookings is the target of the quarter after the config's asOf: an --as-of in
  // another quarter judges its own next quarter, so the proxy stands in (not a 2026 target for 2024)
  const configDay = config.asOf !== undefined ? dayFromIso(config.asOf) : null;
  const fy = configured.fiscalYearStartMonth;
  const profile =
    asOf.source === 'flag' && configured.nextQuarterTargetCents !== null && configDay !== null && fiscalQuarterOf(configDay, fy).first !== fiscalQuarterOf(asOf.day, fy).first
      ? { ...configured, nextQuarterTargetCents: null }
      : configured;
  const ctx = makeContext(asOf.day, profile, asOf.source);
  // the dataset as it stood on the as-of date: every metric, item list and block reads it
  const pit = pointInTime(ds, asOf.day);
  const futureWarning = futureDatedWarning(ds);
  const stampWarning = importStampNote(ds);
  const rec = reconstructionOf(pit);
  const cutOffWarning =
    rec !== null && rec.subscriptionCutOff !== null
      ? `${rec.censoredSubscriptions} subscription periods end on ${isoFromDay(rec.subscriptionCutOff)}, the extract's last date: read as the extraction cut-off (still active), not churn`
      : null;
  // one derivation cache for the run: metrics, items and the subscriptions block read the same pit and ctx
  const shared = createSharedCache();
  const metrics = computeMetrics(pit, ctx, opts.by ? { by: opts.by, shared } : { shared });
  const rules = evaluateRules(metrics.metrics, resolved.rules, profile.segment);
  const grades = gradeAreas(rules, resolved.areas);
  const engines = gradeEngines(computeEngines(pit, ctx, shared), resolved.rules);
  const losses = { deals: computeLossReasons(pit, ctx), churn: computeChurnReasons(pit, ctx), quarterEndPricing: computeQuarterEndPricing(pit, ctx) };
  const funnel = { channels: computeChannelFunnel(pit, ctx), winRate: reconcileWinRates(metrics.metrics) };
  const diagnosis = diagnose({
    metrics: metrics.metrics,
    rules,
    grades,
    profile,
    series: metrics.series,
    asOf: metrics.asOf,
    ruleDefs: resolved.rules,
    cro: { engines, losses: losses.deals, churn: losses.churn, quarterEndPricing: losses.quarterEndPricing, funnel: funnel.channels, winRate: funnel.winRate },
  });
  const report: AuditReport = {
    schemaVersion: AUDIT_SCHEMA_VERSION,
    tool: { name: 'revhealth', version: opts.toolVersion },
    company: { name: profile.name, segment: profile.segment, currency: profile.currency },
    asOf: metrics.asOf,
    asOfSource: asOf.source,
    window: metrics.window,
    inputs: ds.files.map((f) => ({
      kind: f.kind,
      path: f.path,
      preset: f.preset,
      rows: f.rows,
      rejectedByReason: f.rejectedByReason,
      dateRange: f.dateRange,
      warnings: [...f.warnings.map((w) => w.message), ...(f.kind === 'deals' && futureWarning !== null ? [futureWarning] : []),
        ...(f.kind === 'deals' && stampWarning !== null ? [stampWarning] : []),
        ...(f.kind === 'subscriptions' && cutOffWarning !== null ? [cutOffWarning] : []),
      ],
    })),
    rows: rowAccounting(ds.files),
    grades,
    rules,
    metrics: metrics.metrics,
    series: metrics.series,
    breakdowns: metrics.breakdowns,
    diagnosis,
    methodology: profile.methodology,
    items: computeItems(pit, ctx, opts.itemsLimit, shared),
    engines,
    losses,
    funnel,
  };
  const subscriptions = subscriptionsBlock(pit, ctx, shared);
  const lens = buildFourV(metrics.metrics, rules, profile.currency);
  const complete: AuditReport = { ...report, ...(subscriptions !== null ? { subscriptions } : {}), ...(lens !== null ? { fourV: lens } : {}) };
  // the comparison reads the complete report (items, methodology, findings); the ratchet its rule results
  const compared = opts.baseline !== undefined ? withComparison(complete, opts.baseline) : complete;
  return { ok: true, report: withRatchet(compared, opts.ratchet), profile, rules: resolved };
}

/** The report with where each floor of the ratchet file stands (unchanged without a ratchet block). */
function withRatchet(report: AuditReport, ratchet: AuditOptions['ratchet']): AuditReport {
  if (ratchet === undefined) return report;
  const status = ratchetStatus(report.rules, ratchet.file, ratchet.entry, report.company.currency);
  return status === null ? report : { ...report, ratchet: status };
}

/**
 * What failed inside an otherwise complete audit: metrics with status error and patterns that
 * threw. The shell says so on stderr and exits 1 (issue 15: failure isolation).
 */
export function auditErrors(report: AuditReport): string[] {
  const out: string[] = [];
  for (const m of report.metrics) if (m.status === 'error') out.push(`metric ${m.id}: ${m.reason ?? 'error'}`);
  for (const e of report.diagnosis?.errors ?? []) out.push(`pattern ${e.id}: ${e.message}`);
  return out;
}

function splitProblem(p: string): { path: string; message: string } {
  const i = p.indexOf(': ');
  return i > 0 ? { path: p.slice(0, i), message: p.slice(i + 2) } : { path: 'rules', message: p };
}
