/**
 * `revhealth validate`: the ingest and data-quality summary, as data and as text.
 */
import { REJECT_EXAMPLES_PER_REASON, rowAccounting, type Dataset, type FileReport } from '../base/model.js';
import { formatInt, formatMoneyExact } from '../base/format.js';
import { PLAIN, clip, safeText, type Style } from './text.js';

export const VALIDATE_SCHEMA_VERSION = 1;

export interface ValidateFile {
  readonly kind: FileReport['kind'];
  readonly path: string;
  readonly preset: string;
  readonly delimiter: string;
  readonly dateOrder: FileReport['dateOrder'];
  readonly mapping: FileReport['mapping'];
  readonly rows: FileReport['rows'];
  readonly rejectedByReason: FileReport['rejectedByReason'];
  /** Examples of rejected rows: up to `rejectExamples.perReason` per reason (the counts above are complete). */
  readonly rejects: readonly { line: number; column: string | null; columnIndex: number | null; value: string | null; code: string; reason: string }[];
  /** How many rejected rows are listed in `rejects`, and the cap per reason (every row: --rejects FILE). */
  readonly rejectExamples: { readonly kept: number; readonly perReason: number };
  readonly warnings: FileReport['warnings'];
  readonly dateRange: FileReport['dateRange'];
  /** The currency of the money totals (ISO code): company.currency, else what the file (or the deals) state, else USD. */
  readonly currency: string;
  readonly totals: Readonly<Record<string, number>>;
}

export interface ValidateSummary {
  readonly schemaVersion: number;
  /** Rows were used from at least one deals, spend, renewals or subscriptions file (accounts alone are not an audit). */
  readonly usable: boolean;
  /** Every file of the folder (or given) and what was done with it. */
  readonly inputs: readonly { readonly file: string; readonly usedAs: string | null; readonly note: string }[];
  readonly rows: { readonly read: number; readonly used: number; readonly rejected: number };
  readonly files: readonly ValidateFile[];
}

export function summarizeValidation(
  ds: Dataset,
  opts: { showValues?: boolean; inputs?: ValidateSummary['inputs']; /** company.currency from the config, when set. */ currency?: string } = {},
): ValidateSummary {
  // the currency the readers settled: the config's, else the file's own (deals and spend may differ), else USD
  const currencyOf = (f: FileReport): string => opts.currency ?? f.currency ?? ds.statedCurrency ?? 'USD';
  const files = ds.files.map((f): ValidateFile => {
    const totals: Record<string, number> = {};
    if (f.kind === 'deals') {
      for (const status of ['won', 'lost', 'open'] as const) {
        const ds2 = ds.deals.filter((d) => d.status === status);
        totals[`${status}Count`] = ds2.length;
        totals[`${status}Amount`] = ds2.reduce((s, d) => s + d.amountCents, 0) / 100;
      }
    } else if (f.kind === 'spend') {
      totals.spendAmount = ds.spend.reduce((s, r) => s + r.amountCents, 0) / 100;
      totals.channels = new Set(ds.spend.map((r) => r.channel)).size;
      if (ds.undatedSpend) totals.undatedSpendAmount = ds.undatedSpend.reduce((s, r) => s + r.amountCents, 0) / 100;
    } else if (f.kind === 'subscriptions') {
      const subs = ds.subscriptions ?? [];
      totals.subscriptionCount = subs.length;
      totals.trialCount = subs.filter((x) => x.trial).length;
      totals.zeroMrrCount = subs.filter((x) => !x.trial && x.arrCents <= 0).length;
      totals.activeCount = subs.filter((x) => !x.trial && x.arrCents > 0 && x.end === null).length;
      totals.activeMrr = subs.reduce((t, x) => (!x.trial && x.end === null ? t + x.arrCents : t), 0) / 1200;
    } else if (f.kind === 'accounts') {
      const accounts = ds.accounts ?? [];
      totals.accountCount = accounts.length;
      totals.targetCount = accounts.some((a) => a.isTarget !== null) ? accounts.filter((a) => a.isTarget === true).length : accounts.length;
    } else {
      totals.renewalCount = ds.renewals.length;
      totals.arrUpForRenewal = ds.renewals.reduce((s, r) => s + r.arrBeforeCents, 0) / 100;
    }
    return {
      kind: f.kind,
      path: f.path,
      preset: f.preset,
      delimiter: f.delimiter,
      dateOrder: f.dateOrder,
      mapping: f.mapping,
      rows: f.rows,
      rejectedByReason: f.rejectedByReason,
      rejects: f.rejects.map((r) => ({
        line: r.line,
        column: r.column,
        columnIndex: r.columnIndex,
        value: r.value === null ? null : opts.showValues ? r.value : clip(r.value, 40),
        code: r.code,
        reason: r.reason,
      })),
      rejectExamples: { kept: f.rejects.length, perReason: REJECT_EXAMPLES_PER_REASON },
      warnings: f.warnings,
      dateRange: f.dateRange,
      currency: currencyOf(f),
      totals,
    };
  });
  const rows = rowAccounting(ds.files);
  const usable = ds.files.some((f) => f.kind !== 'accounts' && f.rows.used > 0);
  return { schemaVersion: VALIDATE_SCHEMA_VERSION, usable, inputs: opts.inputs ?? [], rows, files };
}

const DELIMITER_NAMES: Readonly<Record<string, string>> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

export function renderValidateText(s: ValidateSummary, style: Style = PLAIN, maxRejects = 20): string {
  const out: string[] = [];
  out.push(style.bold('revhealth validate'));
  out.push(`${formatInt(s.rows.read)} rows read: ${formatInt(s.rows.used)} used, ${formatInt(s.rows.rejected)} rejected`);
  if (s.inputs.length > 0) {
    out.push('');
    out.push(style.bold('files'));
    for (const l of s.inputs) out.push(`  ${safeText(l.file)}  ${l.usedAs ? safeText(l.note) : style.yellow(safeText(l.note))}`);
  }
  for (const f of s.files) {
    out.push('');
    out.push(style.bold(`${f.kind}: ${safeText(f.path)}`));
    out.push(`  format     ${f.preset} preset, ${DELIMITER_NAMES[f.delimiter] ?? f.delimiter}-delimited${f.dateOrder ? `, dates ${f.dateOrder}` : ''}`);
    out.push(`  rows       ${formatInt(f.rows.read)} read, ${formatInt(f.rows.used)} used, ${f.rows.rejected > 0 ? style.yellow(`${formatInt(f.rows.rejected)} rejected`) : '0 rejected'}`);
    if (f.dateRange) out.push(`  dates      ${f.dateRange.min} to ${f.dateRange.max}`);
    const t = f.totals;
    const money = (units: number): string => formatMoneyExact(units, f.currency);
    if (f.kind === 'deals') {
      out.push(
        `  deals      ${formatInt(t.wonCount ?? 0)} won (${money(t.wonAmount ?? 0)}), ${formatInt(t.lostCount ?? 0)} lost, ${formatInt(t.openCount ?? 0)} open (${money(t.openAmount ?? 0)})`,
      );
    } else if (f.kind === 'spend') {
      out.push(
        `  spend      ${money(t.spendAmount ?? 0)} over ${formatInt(t.channels ?? 0)} channels` +
          (t.undatedSpendAmount !== undefined ? `, plus ${money(t.undatedSpendAmount)} undated (no period of its own; not used where a period is needed)` : ''),
      );
    } else if (f.kind === 'subscriptions') {
      out.push(
        `  subscr.    ${formatInt(t.subscriptionCount ?? 0)} rows: ${formatInt(t.activeCount ?? 0)} active without an end date (${money(t.activeMrr ?? 0)} MRR), ${formatInt(t.trialCount ?? 0)} trials and ${formatInt(t.zeroMrrCount ?? 0)} at MRR 0 excluded from MRR`,
      );
    } else if (f.kind === 'accounts') {
      out.push(`  accounts   ${formatInt(t.accountCount ?? 0)} listed, ${formatInt(t.targetCount ?? 0)} target accounts`);
    } else {
      out.push(`  renewals   ${formatInt(t.renewalCount ?? 0)} contracts, ${money(t.arrUpForRenewal ?? 0)} ARR up for renewal`);
    }
    const reasons = Object.entries(f.rejectedByReason);
    if (reasons.length > 0) out.push(`  rejected   ${reasons.map(([code, n]) => `${code} ${formatInt(n)}`).join(', ')}`);
    for (const r of f.rejects.slice(0, maxRejects)) {
      const loc = `${safeText(f.path)}:${r.line}${r.columnIndex ? `:${r.columnIndex}` : ''}`;
      out.push(`    ${style.dim(loc)}  ${style.yellow(r.code)}  ${safeText(r.reason)}`);
      // messages cut values at 40 characters; with --show-values the summary carries them whole
      if (r.value !== null && r.value.trim().length > 40) out.push(`      ${style.dim('full value:')} "${safeText(r.value)}"`);
    }
    const shown = Math.min(maxRejects, f.rejects.length);
    if (f.rows.rejected > shown) out.push(`    … ${formatInt(f.rows.rejected - shown)} more (write them all with --rejects FILE)`);
    for (const w of f.warnings) out.push(`  ${style.yellow('warning')}  ${safeText(w.message)}`);
  }
  return `${out.join('\n')}\n`;
}
