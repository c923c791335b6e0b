/**
 * Assembles the Dataset from the per-file read results.
 */
import type { FxRates } from '../config/schema.js';
import { mixedCurrencyReason, withDeal, type Account, type Dataset, type Deal, type FileReport, type IngestWarning, type Renewal, type SpendRow, type Subscription } from '../base/model.js';
import { normalizeKey } from './cells.js';
import { CurrencyTally, baseCurrency, currencyOfCell } from './currency.js';

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
  /** company.currency from the config (null = not set) and fxRates. */
  readonly currency?: { readonly company: string | null; readonly rates: FxRates };
}

export function buildDataset(t: ReadTables, lookups: Lookups = {}): Dataset {
  const files: FileReport[] = [];
  let deals = t.deals?.records ?? [];
  let statedCurrency: string | null = null;
  for (const kind of ['deals', 'spend', 'renewals', 'subscriptions', 'accounts'] as const) {
    const r = t[kind];
    if (!r) continue;
    if (kind === 'deals' && t.deals) {
      const joined = joinNames(t.deals.records, t.accounts?.records ?? [], lookups.users ?? new Map());
      const converted = convertCurrencies(joined.deals, t.deals.report, lookups.currency ?? { company: null, rates: {} });
      deals = converted.deals;
      if (!lookups.currency?.company && converted.base !== null && /^[A-Z]{3}$/.test(converted.base)) statedCurrency = converted.base;
      const notes = [...(joined.note ? [joined.note] : []), ...converted.notes];
      files.push(notes.length > 0 ? { ...r.report, warnings: [...r.report.warnings, ...notes].sort((a, z) => (a.code < z.code ? -1 : a.code > z.code ? 1 : 0)) } : r.report);
    } else files.push(r.report);
  }
  // without company.currency, a spend file that states its currency settles the report's currency
  // when the deals do not; deals and spend in two currencies were each summed in their own, so say
  // so loudly on both files and let no metric combine them (engine.ts)
  const spendCurrency = t.spend?.report.currency ?? null;
  let mixedCurrencies: Dataset['mixedCurrencies'] | null = null;
  if (!lookups.currency?.company && spendCurrency !== null) {
    if (statedCurrency === null && !t.deals) statedCurrency = spendCurrency;
    else if (statedCurrency !== null && statedCurrency !== spendCurrency) {
      mixedCurrencies = { deals: statedCurrency, spend: spendCurrency };
      const warning: IngestWarning = {
        code: 'currency_mixed',
        message: `${mixedCurrencyReason(mixedCurrencies)} and company.currency in revhealth.config.json. Each file was summed in its own currency, so CAC, payback and every metric reading the spend are n/a (the report is in ${mixedCurrencies.deals})`,
      };
      for (let i = 0; i < files.length; i++) {
        const f = files[i] as FileReport;
        if (f.kind === 'deals' || f.kind === 'spend') files[i] = { ...f, warnings: [...f.warnings, warning] };
      }
    }
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
    // undated spend (an "All time" report, a range over several months) never reaches the metrics that need periods
    spend: (t.spend?.records ?? []).filter((r) => r.undated === undefined),
    ...(t.spend?.records.some((r) => r.undated !== undefined) ? { undatedSpend: t.spend.records.filter((r) => r.undated !== undefined) } : {}),
    renewals: t.renewals?.records ?? [],
    ...(t.subscriptions ? { subscriptions: t.subscriptions.records } : {}),
    ...(t.accounts ? { accounts: t.accounts.records } : {}),
    files,
    ...(statedCurrency !== null ? { statedCurrency } : {}),
    ...(mixedCurrencies !== null ? { mixedCurrencies } : {}),
    present,
  };
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
    return withDeal(d, { ...(account !== undefined ? { account } : {}), ...(owner !== undefined ? { owner } : {}) });
  });
  if (accountsJoined === 0 && ownersJoined === 0) return { deals, note: null };
  const parts: string[] = [];
  if (accountsJoined > 0) parts.push(`${accountsJoined} deal(s) name their account by id: the accounts file's names are shown instead`);
  if (ownersJoined > 0) parts.push(`${ownersJoined} deal(s) name their owner by id: the users file's names are shown instead`);
  return { deals: out, note: { code: 'names_joined', message: parts.join('; '), count: Math.max(accountsJoined, ownersJoined) } };
}

/** Amount headers that are already in the company currency (HubSpot, Salesforce "converted" columns). */
const CONVERTED_AMOUNT = /companycurrency|homecurrency|converted|corporatecurrency/;

/**
 * Deals in another currency than the company's: converted with fxRates (per currency, or per
 * currency and close month), or, without a rate, kept for counts and left out of value metrics
 * (amountMissing) with a note naming the currency, the rows and the amount. Never summed as if one
 * currency. Without company.currency, a file in one currency is taken to be in the company currency;
 * a file in several takes the most frequent one, and says so.
 */
export function convertCurrencies(
  deals: Deal[],
  report: FileReport,
  currency: { readonly company: string | null; readonly rates: FxRates },
): { deals: Deal[]; notes: IngestWarning[]; base: string | null } {
  const amountHeader = report.mapping.amount;
  // a currency column, or currencies written in the amount cells themselves
  const states = 'currency' in report.mapping || deals.some((d) => d.currency !== null);
  if (!states || (amountHeader !== undefined && CONVERTED_AMOUNT.test(normalizeKey(amountHeader)))) return { deals, notes: [], base: null };
  const counts = new Map<string, number>();
  for (const d of deals) {
    const c = currencyOfCell(d.currency);
    if (c !== null) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const { base, note } = baseCurrency(currency.company, counts, 'deals');
  if (base === null) return { deals, notes: [], base };
  const notes: IngestWarning[] = note ? [note] : [];
  if (counts.size === 1 && counts.has(base)) return { deals, notes, base };
  const tally = new CurrencyTally(currency.rates);
  const out = deals.map((d) => {
    const c = currencyOfCell(d.currency);
    if (c === null || c === base || d.amountMissing === true) return d;
    const rate = tally.rate(c, d.closed ?? d.created);
    if (rate !== null) return withDeal(d, { amountCents: Math.round(d.amountCents * rate) });
    tally.leftOut(c, d.amountCents, d.line);
    return withDeal(d, { amountCents: 0, amountMissing: true });
  });
  notes.push(...tally.notes(base, 'deal(s)', 'kept for deal counts and win rate by count, left out of value metrics'));
  return { deals: out, notes, base };
}
