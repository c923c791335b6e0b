/**
 * Accounts: one row per account of the market (a CRM companies export, a target-account list) ->
 * an Account, or a reject with its reason.
 *
 * Accounts are matched to deals and subscriptions by name (or by the id column when the file has
 * one besides the name), ignoring case, spacing and punctuation (accountKey, base/identity), so a name listed
 * twice that way is a duplicate: the later row is rejected.
 */
import type { Account } from '../base/model.js';
import { accountKey } from '../base/identity.js';
import { parseFlag } from './cells.js';
import type { BuiltTable } from './deals.js';
import { TableState, expectedSentence, openRow, type TableContext } from './table.js';

export class AccountsBuilder {
  readonly state: TableState;
  private readonly records: Account[] = [];
  private readonly seen = new Map<string, number>();

  constructor(ctx: TableContext) {
    this.state = new TableState(ctx);
  }

  add(row: readonly string[], line: number): void {
    const st = this.state;
    const cells = openRow(st, row, line);
    if (cells === null) return;
    const text = (field: string): string | null => {
      const v = st.cell(cells, field).trim();
      return v === '' ? null : v;
    };
    const account = text('account');
    if (account === null) {
      st.reject(cells, line, 'missing_value', 'account', expectedSentence(st.columnName('account'), 'an account name or id', st.cell(cells, 'account')));
      return;
    }
    const key = accountKey(account);
    const first = this.seen.get(key);
    if (first !== undefined) {
      st.reject(cells, line, 'duplicate_id', 'account', `${st.columnName('account') ?? 'account'} "${account}" is already listed on line ${first}; each account must appear once`);
      return;
    }
    let isTarget: boolean | null = null;
    if (st.has('isTarget')) {
      const f = parseFlag(st.cell(cells, 'isTarget'));
      if (f === 'invalid') {
        st.reject(cells, line, 'invalid_value', 'isTarget', expectedSentence(st.columnName('isTarget'), 'TRUE/FALSE, yes/no or 1/0 (blank = not a target)', st.cell(cells, 'isTarget')));
        return;
      }
      isTarget = f;
    }
    this.seen.set(key, line);
    this.records.push({ line, account, id: text('id'), segment: text('segment'), industry: text('industry'), region: text('region'), isTarget });
  }

  finish(): BuiltTable<Account> {
    return { records: this.records, state: this.state, problems: [], dateOrder: null, extraWarnings: [] };
  }
}
