/**
 * Assembles the Dataset from the per-file read results.
 */
import type { Account, Dataset, Deal, FileReport, Renewal, SpendRow, Subscription } from '../model.js';

export interface ReadTables {
  readonly deals?: { records: Deal[]; report: FileReport };
  readonly spend?: { records: SpendRow[]; report: FileReport };
  readonly renewals?: { records: Renewal[]; report: FileReport };
  readonly subscriptions?: { records: Subscription[]; report: FileReport };
  readonly accounts?: { records: Account[]; report: FileReport };
}

export function buildDataset(t: ReadTables): Dataset {
  const files: FileReport[] = [];
  for (const kind of ['deals', 'spend', 'renewals', 'subscriptions', 'accounts'] as const) {
    const r = t[kind];
    if (r) files.push(r.report);
  }
  const present: Dataset['present'] = {
    deals: !!t.deals,
    spend: !!t.spend,
    renewals: !!t.renewals,
    // the extra inputs appear only when given, so a dataset without them is what it always was
    ...(t.subscriptions ? { subscriptions: true } : {}),
    ...(t.accounts ? { accounts: true } : {}),
  };
  return {
    deals: t.deals?.records ?? [],
    // undated spend (an "All time" report, a range over several months) never reaches the metrics that need periods
    spend: (t.spend?.records ?? []).filter((r) => r.undated === undefined),
    ...(t.spend?.records.some((r) => r.undated !== undefined) ? { undatedSpend: t.spend.records.filter((r) => r.undated !== undefined) } : {}),
    renewals: t.renewals?.records ?? [],
    ...(t.subscriptions ? { subscriptions: t.subscriptions.records } : {}),
    ...(t.accounts ? { accounts: t.accounts.records } : {}),
    files,
    present,
  };
}

/** Totals over all files: what the report header states ("4,812 rows read: 4,790 used, 22 rejected"). */
export function rowAccounting(files: readonly FileReport[]): { read: number; used: number; rejected: number } {
  let read = 0;
  let used = 0;
  let rejected = 0;
  for (const f of files) {
    read += f.rows.read;
    used += f.rows.used;
    rejected += f.rows.rejected;
  }
  return { read, used, rejected };
}
