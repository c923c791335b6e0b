/**
 * Assembles the Dataset from the per-file read results.
 */
import type { Account, Dataset, Deal, FileReport, IngestWarning, Renewal, SpendRow, Subscription } from '../model.js';

export interface ReadTables {
  readonly deals?: { records: Deal[]; report: FileReport };
  readonly spend?: { records: SpendRow[]; report: FileReport };
  readonly renewals?: { records: Renewal[]; report: FileReport };
  readonly subscriptions?: { records: Subscription[]; report: FileReport };
  readonly accounts?: { records: Account[]; report: FileReport };
}

export interface Lookups {
  /** Person id -> name (a users file beside the deals: Salesforce User.csv). */
  readonly users?: ReadonlyMap<string, string>;
}

export function buildDataset(t: ReadTables, lookups: Lookups = {}): Dataset {
  const files: FileReport[] = [];
  let deals = t.deals?.records ?? [];
  for (const kind of ['deals', 'spend', 'renewals', 'subscriptions', 'accounts'] as const) {
    const r = t[kind];
    if (!r) continue;
    if (kind === 'deals' && t.deals) {
      const joined = joinNames(t.deals.records, t.accounts?.records ?? [], lookups.users ?? new Map());
      deals = joined.deals;
      files.push(joined.note ? { ...r.report, warnings: [...r.report.warnings, joined.note] } : r.report);
    } else files.push(r.report);
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
    deals,
    spend: t.spend?.records ?? [],
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

/**
 * Names over ids: a deal whose account is an account id of the accounts file (Salesforce AccountId
 * beside Account.csv) gets the account's name, an owner id found in the users file gets the person's
 * name, so findings say "Acme" and "Jane Doe", not "001Ec00000GGw3iIAD". Deals are new objects only
 * where something changed.
 */
export function joinNames(
  deals: Deal[],
  accounts: readonly Account[],
  users: ReadonlyMap<string, string>,
): { deals: Deal[]; note: IngestWarning | null } {
  const accountNames = new Map<string, string>();
  for (const a of accounts) if (a.id !== null && a.id !== a.account) accountNames.set(a.id, a.account);
  if (accountNames.size === 0 && users.size === 0) return { deals, note: null };
  let accountsJoined = 0;
  let ownersJoined = 0;
  const out = deals.map((d) => {
    const account = d.account === null ? undefined : accountNames.get(d.account);
    const owner = d.owner === null ? undefined : users.get(d.owner);
    if (account === undefined && owner === undefined) return d;
    if (account !== undefined) accountsJoined += 1;
    if (owner !== undefined) ownersJoined += 1;
    return { ...d, ...(account !== undefined ? { account } : {}), ...(owner !== undefined ? { owner } : {}) };
  });
  if (accountsJoined === 0 && ownersJoined === 0) return { deals, note: null };
  const parts: string[] = [];
  if (accountsJoined > 0) parts.push(`${accountsJoined} deal(s) name their account by id: the accounts file's names are shown instead`);
  if (ownersJoined > 0) parts.push(`${ownersJoined} deal(s) name their owner by id: the users file's names are shown instead`);
  return { deals: out, note: { code: 'names_joined', message: parts.join('; '), count: Math.max(accountsJoined, ownersJoined) } };
}
