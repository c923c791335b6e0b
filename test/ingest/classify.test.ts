/**
 * Issue 13: inputs found by content. Each vendor's documented header is classified as the right
 * kind and preset; file names only break ties; report preambles are skipped by findHeaderRow.
 */
import { describe, expect, it } from 'vitest';
import { classifyText, nameHint } from '../../src/ingest/classify.js';
import { findHeaderRow } from '../../src/ingest/preamble.js';
import { readTable } from '../../src/ingest/read-table.js';

/** A header plus one plausible data row (the classifier samples rows). */
function file(header: string, row: string): string {
  return `${header}\n${row}\n`;
}

describe('classifyText: each vendor header as its kind and preset', () => {
  const cases: [string, string, string, string | null, string | null][] = [
    // [file name, header, sample row, kind, preset]
    [
      'hubspot-crm-exports-all-deals-2023-05-16.csv',
      'Record ID,Deal Name,Deal Stage,Close Date,Deal owner,Amount,Create Date,Pipeline,Associated Company,Is Deal Closed?,Is Closed Won,Deal probability',
      '9001,Acme,Contract signed,2023-11-21 10:00,Priya Raman,12000,2023-09-06 09:12,Sales Pipeline,Acme Corp,true,true,1.0',
      'deals',
      'hubspot',
    ],
    [
      'Opportunity.csv',
      'Id,IsDeleted,AccountId,Name,StageName,Amount,Probability,CloseDate,Type,LeadSource,IsClosed,IsWon,ForecastCategoryName,CurrencyIsoCode,OwnerId,CreatedDate',
      '006Ec00000AieK1IAZ,false,001Ec00000GGw3iIAD,Acme,Closed - Signed,24000,100,2025-02-21,New Customer,Web,true,true,Closed,USD,005Ec000004oBP1IAM,2025-01-06T09:12:44.000+0000',
      'deals',
      'salesforce',
    ],
    [
      'Potentials.csv',
      'Record Id,Potential Name,Account Name,Type,Lead Source,Amount,Stage,Forecast Type,Probability (%),Closing Date,Created Time,Potential Owner',
      'zcrm_1,Acme,Acme Corp,New Business,Web Download,24000,Closed Won,Closed Won,100,2025-02-21,2025-01-06 09:12:44,Priya Raman',
      'deals',
      'zoho',
    ],
    [
      'Deals.csv',
      'Record Id,Deal Name,Account Name,Amount,Stage,Closing Date,Created Time,Deal Owner,Lead Source,Probability (%)',
      'zcrm_1,Acme,Acme Corp,24000,Qualification,2025-02-21,2025-01-06 09:12:44,Priya Raman,Web,10',
      'deals',
      'zoho',
    ],
    [
      'Opportunities.csv',
      '(Do Not Modify) Opportunity,Topic,Potential Customer,Status,Status Reason,Est. Close Date,Est. Revenue,Actual Revenue,Actual Close Date,Probability,Owner,Created On',
      'guid,Acme,Acme Corp,Won,Won,2/21/2025,"$24,000.00","$24,000.00",2/21/2025,100,Priya Raman,1/6/2025',
      'deals',
      'dynamics',
    ],
    [
      'opportunities.csv',
      'id,lead_name,status_label,status_type,value,value_currency,confidence,date_created,date_won,user_name',
      'oppo_1,Acme Corp,Won,won,2400000,USD,100,2025-01-06T09:12:44+00:00,2025-02-21,Priya Raman',
      'deals',
      'close',
    ],
    [
      'export.csv',
      'Name,Company,Primary Contact,Value,Status,Pipeline,Stage,Close Date,Created,Owner,Loss Reason,Win Probability',
      'Acme,Acme Corp,Ana,24000,Abandoned,Sales,Proposal,02/21/2025,01/06/2025,Priya Raman,No response,0',
      'deals',
      'copper',
    ],
    [
      'deals.csv',
      'Deal - ID;Deal - Title;Deal - Value;Deal - Currency;Organization - Name;Deal - Owner;Deal - Stage;Deal - Status;Deal - Deal created;Deal - Won time',
      '101;Acme;24500;EUR;Acme GmbH;Priya;Proposal Made;won;2025-01-06 09:12:44;2025-02-21 16:03:10',
      'deals',
      'pipedrive',
    ],
    [
      'sales_pipeline.csv',
      'opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value',
      '1C1I7A6R,Moses Frase,GTX Plus Basic,Cancity,Won,2016-10-20,2017-03-01,1054',
      'deals',
      'generic',
    ],
    [
      'ravenstack_subscriptions.csv',
      'subscription_id,account_id,start_date,end_date,plan_tier,seats,mrr_amount,arr_amount,is_trial,billing_frequency',
      'S-8cec59,A-3c1a3f,2023-12-23,2024-04-12,Enterprise,14,2786,33432,False,monthly',
      'subscriptions',
      'generic',
    ],
    ['ravenstack_accounts.csv', 'account_id,account_name,industry,country,signup_date,plan_tier', 'A-2e4581,Company_0,EdTech,US,2024-10-16,Basic', 'accounts', 'generic'],
    ['Account.csv', 'Id,IsDeleted,Name,Type,Industry,BillingCountry,OwnerId,CreatedDate', '001Ec,false,Acme Corp,Customer,Manufacturing,US,005Ec,2024-11-02T10:00:00.000+0000', 'accounts', 'generic'],
    ['User.csv', 'Id,Username,LastName,FirstName,Name,Email', '005Ec,p@example.com,Raman,Priya,Priya Raman,p@example.com', 'users', null],
    ['marketing.csv', 'month,channel,spend,leads', '2025-01,Paid Search,1200,30', 'spend', 'generic'],
    ['renewals-2025.csv', 'account,renewal_date,arr_before,arr_after', 'Acme,2025-03-01,10000,12000', 'renewals', 'generic'],
    // not inputs: the closest kind and what it lacked are said
    ['products.csv', 'product,series,sales_price', 'GTX Basic,GTX,550', null, null],
    ['sales_teams.csv', 'sales_agent,manager,regional_office', 'Anna,Dustin,Central', null, null],
  ];
  it.each(cases)('%s', (name, header, row, kind, preset) => {
    const c = classifyText(name, file(header, row));
    expect(c.kind, c.reason).toBe(kind);
    expect(c.preset).toBe(preset);
  });

  it('a file that is not an input says what it was closest to and what it lacked', () => {
    const c = classifyText('sales_teams.csv', file('sales_agent,manager,regional_office', 'Anna,Dustin,Central'));
    expect(c.closest?.kind).toBe('deals');
    expect(c.reason).toBe('closest to deals, but no amount, created date, close date, stage column');
  });

  it('a deals file missing one required column is a near miss, not an accounts list', () => {
    const c = classifyText('x.csv', file('id,name,ammount,stage,created,closed,account', 'D1,A,100,won,2025-01-01,2025-02-01,Acme'));
    expect(c.kind).toBeNull();
    expect(c.reason).toBe('closest to deals, but no amount column');
  });

  it('a required column that is blank in every sampled row lowers the score', () => {
    const full = classifyText('a.csv', file('id,amount,stage,created,closed', 'D1,100,won,2025-01-01,2025-02-01'));
    const blank = classifyText('a.csv', file('id,amount,stage,created,closed', 'D1,,won,2025-01-01,2025-02-01'));
    expect(full.score - blank.score).toBe(10);
  });

  it('text that is not a table is skipped with the reason', () => {
    expect(classifyText('notes.txt', 'Notes from the client call.\n').reason).toBe('one column only: not a table');
    expect(classifyText('empty.csv', '').reason).toBe('empty');
  });
});

describe('findHeaderRow: the header after a report preamble', () => {
  const cases: [string, string[], number][] = [
    ['plain CSV', ['a,b,c', '1,2,3'], 0],
    ['Google Ads: title and date range', ['Campaign report', '"January 1, 2025 - June 30, 2025"', 'Campaign,Month,Cost', 'Brand,2025-01,"1,250.40"'], 2],
    ['LinkedIn-style: several lines of metadata', ['Campaign Performance Report', 'Report Start: 1/1/2025', 'Report End: 1/31/2025', '', 'Campaign Name,Start Date,Total Spent', 'Brand,1/1/2025,120.50'], 4],
    ['a numeric first row is not a header', ['2025,01,02', 'a,b,c', '1,2,3'], 1],
    ['header only', ['id,amount,stage'], 0],
    ['tab-delimited with a preamble', ['All time', 'Day\tCampaign\tCost', '2025-01-01\tBrand\t10'], 1],
    ['pipe-delimited: its header is line 1, not a data row with commas', ['id|name|amount', '1|Acme, Inc.|1,250.00'], 0],
  ];
  it.each(cases)('%s', (_name, lines, expected) => {
    expect(findHeaderRow(lines)).toBe(expected);
  });

  it('a Google Ads report without a period column is spend: the preamble\'s date range is its period', () => {
    const c = classifyText(
      'Campaign report.csv',
      'Campaign report\n"November 1, 2024 - November 30, 2024"\nCampaign,Campaign state,Campaign type,Clicks,Impr.,Currency code,Cost,Conversions\nBrand - Search,Enabled,Search,412,"5,120",USD,498.52,31.50\nTotal: Account,--,--,412,"5,120",USD,498.52,31.50\n',
    );
    expect([c.kind, c.preset, c.headerRow]).toEqual(['spend', 'google_ads', 2]);
  });

  it('without the preamble the same header lacks a period: not spend', () => {
    const c = classifyText('Campaign report.csv', 'Campaign,Campaign state,Campaign type,Clicks,Impr.,Currency code,Cost,Conversions\nBrand - Search,Enabled,Search,412,"5,120",USD,498.52,31.50\n');
    expect(c.kind).toBeNull();
    expect(c.closest?.kind).toBe('spend');
  });

  it('a Meta export\'s "Amount spent (USD)" and a wide layout read as spend, as the reader reads them', () => {
    expect(classifyText('Meta ads report.csv', 'Reporting starts,Reporting ends,Campaign name,Amount spent (USD)\n2024-11-01,2024-11-30,Prospecting,1250.40\n').kind).toBe('spend');
    expect(classifyText('media.csv', 'DATE,revenue,tv_S,search_S\n2024-10-07,50000,12000,4100.50\n').preset).toBe('wide');
  });

  it('classifyText reads the header found after the preamble', () => {
    const c = classifyText('Campaign report.csv', 'Campaign report\n"January 1, 2025 - June 30, 2025"\nMonth,Channel,Cost\n2025-01,Search,"1,250.40"\n');
    expect(c.headerRow).toBe(2);
    expect(c.header).toEqual(['Month', 'Channel', 'Cost']);
    expect(c.kind).toBe('spend');
  });
});

describe('the reader starts where the classifier found the header, for any kind', () => {
  it('a deals report with title lines above its header is read whole and the lines are said', async () => {
    const text = '"Opportunities with owner"\n"As of November 30, 2024"\n\nid,amount,stage,created,closed\n1,12000,won,2024-09-02,2024-11-03\n2,9000,lost,2024-09-05,2024-11-10\n';
    expect(classifyText('Opportunity.csv', text)).toMatchObject({ kind: 'deals', headerRow: 3 });
    const r = await readTable('deals', 'Opportunity.csv', (async function* () {
      yield Buffer.from(text, 'utf8');
    })(), { config: {} });
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
    expect(r.report.rows).toEqual({ read: 2, used: 2, rejected: 0 });
    expect(r.records.map((d) => d.line)).toEqual([5, 6]);
    expect(r.report.warnings.find((w) => w.code === 'report_layout')?.message).toBe('3 report line(s) above the header skipped ("Opportunities with owner", "As of November 30, 2024")');
  });
});

describe('nameHint: file names only break ties', () => {
  const cases: [string, string, number][] = [
    ['hubspot-crm-exports-all-deals-2023-05-16.csv', 'deals', 1],
    ['Opportunity.csv', 'deals', 1],
    ['Potentials.csv', 'deals', 1],
    ['Campaign report.csv', 'spend', 1],
    ['ravenstack_subscriptions.csv', 'subscriptions', 1],
    ['Account.csv', 'accounts', 1],
    ['User.csv', 'users', 1],
    ['export.csv', 'deals', 0],
  ];
  it.each(cases)('%s ~ %s', (name, kind, hint) => {
    expect(nameHint(name, kind as Parameters<typeof nameHint>[1])).toBe(hint);
  });
});
