import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/base/suggest.js';
import { didYouMean, resolveHeader, type HeaderResult } from '../../src/ingest/header.js';
import type { InputKind } from '../../src/base/model.js';

const split = (line: string): string[] => line.split(',');

function mapped(result: HeaderResult): { preset: string; names: Readonly<Record<string, string>> } {
  if (!result.ok) throw new Error(`header not resolved: ${result.problems.map((p) => p.message).join(' | ')}`);
  return { preset: result.mapping.preset.id, names: result.mapping.names };
}

function problems(result: HeaderResult): readonly { keyPath: string | null; message: string }[] {
  if (result.ok) throw new Error('expected problems, got a mapping');
  return result.problems;
}

describe('preset detection on real export headers', () => {
  it.each<[string, InputKind, string, string, Record<string, string>]>([
    [
      'HubSpot deals export (UI labels)',
      'deals',
      'Record ID,Deal Name,Deal Stage,Close Date,Deal owner,Amount,Create Date,Pipeline,Associated Company,Deal Type,Original Traffic Source,Deal probability,Forecast category,Closed Lost Reason,Currency',
      'hubspot',
      {
        id: 'Record ID', name: 'Deal Name', stage: 'Deal Stage', closed: 'Close Date', owner: 'Deal owner', amount: 'Amount',
        created: 'Create Date', pipeline: 'Pipeline', account: 'Associated Company', type: 'Deal Type',
        source: 'Original Traffic Source', probability: 'Deal probability', forecastCategory: 'Forecast category',
        lostReason: 'Closed Lost Reason', currency: 'Currency',
      },
    ],
    [
      'HubSpot deals (API property names)',
      'deals',
      'hs_object_id,dealname,dealstage,amount,closedate,createdate,pipeline,hubspot_owner_id,dealtype',
      'hubspot',
      { id: 'hs_object_id', name: 'dealname', stage: 'dealstage', amount: 'amount', closed: 'closedate', created: 'createdate', pipeline: 'pipeline', owner: 'hubspot_owner_id', type: 'dealtype' },
    ],
    [
      'Salesforce opportunity report (labels)',
      'deals',
      'Opportunity Owner,Account Name,Opportunity Name,Type,Lead Source,Amount,Expected Revenue,Close Date,Next Step,Stage,Probability (%),Fiscal Period,Age,Created Date,Opportunity ID,Won,Closed',
      'salesforce',
      {
        owner: 'Opportunity Owner', account: 'Account Name', name: 'Opportunity Name', type: 'Type', source: 'Lead Source',
        amount: 'Amount', closed: 'Close Date', stage: 'Stage', probability: 'Probability (%)', created: 'Created Date',
        id: 'Opportunity ID', isWon: 'Won', isClosed: 'Closed',
      },
    ],
    [
      'Salesforce API names (minimal)',
      'deals',
      'StageName,Amount,CloseDate,CreatedDate,IsClosed,IsWon',
      'salesforce',
      { stage: 'StageName', amount: 'Amount', closed: 'CloseDate', created: 'CreatedDate', isClosed: 'IsClosed', isWon: 'IsWon' },
    ],
    [
      'Salesforce Data Loader export',
      'deals',
      'Id,IsDeleted,AccountId,Name,Description,StageName,Amount,Probability,CloseDate,Type,NextStep,LeadSource,IsClosed,IsWon,ForecastCategory,ForecastCategoryName,CampaignId,HasOpportunityLineItem,Pricebook2Id,OwnerId,CreatedDate,CreatedById,LastModifiedDate',
      'salesforce',
      {
        id: 'Id', account: 'AccountId', name: 'Name', stage: 'StageName', amount: 'Amount', probability: 'Probability', closed: 'CloseDate',
        type: 'Type', source: 'LeadSource', created: 'CreatedDate', isWon: 'IsWon', isClosed: 'IsClosed', owner: 'OwnerId', forecastCategory: 'ForecastCategory',
      },
    ],
    [
      'Pipedrive deals export ("Deal - " prefix)',
      'deals',
      'Deal - ID,Deal - Title,Deal - Creator,Deal - Owner,Deal - Value,Deal - Currency,Deal - Organization,Deal - Pipeline,Deal - Stage,Deal - Status,Deal - Deal created,Deal - Update time,Deal - Won time,Deal - Lost time,Deal - Expected close date,Deal - Lost reason',
      'pipedrive',
      {
        id: 'Deal - ID', name: 'Deal - Title', owner: 'Deal - Owner', amount: 'Deal - Value', currency: 'Deal - Currency',
        account: 'Deal - Organization', pipeline: 'Deal - Pipeline', stage: 'Deal - Stage', status: 'Deal - Status',
        created: 'Deal - Deal created', wonTime: 'Deal - Won time', lostTime: 'Deal - Lost time',
        expectedClose: 'Deal - Expected close date', lostReason: 'Deal - Lost reason',
      },
    ],
    [
      'Pipedrive deals export (no prefix)',
      'deals',
      'ID,Title,Value,Currency,Stage,Status,Deal created,Won time,Lost time,Expected close date,Owner,Organization',
      'pipedrive',
      { id: 'ID', name: 'Title', amount: 'Value', currency: 'Currency', stage: 'Stage', status: 'Status', created: 'Deal created', wonTime: 'Won time', lostTime: 'Lost time', expectedClose: 'Expected close date', owner: 'Owner', account: 'Organization' },
    ],
    [
      'generic snake_case',
      'deals',
      'id,amount,stage,created,closed,owner,source,segment,type',
      'generic',
      { id: 'id', amount: 'amount', stage: 'stage', created: 'created', closed: 'closed', owner: 'owner', source: 'source', segment: 'segment', type: 'type' },
    ],
    [
      'Maven CRM sales_pipeline.csv',
      'deals',
      'opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value',
      'generic',
      { id: 'opportunity_id', owner: 'sales_agent', account: 'account', stage: 'deal_stage', created: 'engage_date', closed: 'close_date', amount: 'close_value' },
    ],
    [
      'headers in any case and spacing',
      'deals',
      ' ID , Deal Amount ,Stage,Created-At,CLOSED_AT',
      'generic',
      { id: ' ID ', amount: ' Deal Amount ', stage: 'Stage', created: 'Created-At', closed: 'CLOSED_AT' },
    ],
    ['generic spend', 'spend', 'month,channel,spend,leads,mqls,sqls', 'generic', { period: 'month', channel: 'channel', amount: 'spend', leads: 'leads', mqls: 'mqls', sqls: 'sqls' }],
    [
      'generic renewals',
      'renewals',
      'account_name,renewal_date,prior_arr,renewed_arr,status,start_date',
      'generic',
      { account: 'account_name', renewalDate: 'renewal_date', arrBefore: 'prior_arr', arrAfter: 'renewed_arr', status: 'status', startDate: 'start_date' },
    ],
  ])('%s', (_name, kind, header, preset, expected) => {
    const m = mapped(resolveHeader(kind, split(header)));
    expect(m.preset).toBe(preset);
    expect(m.names).toEqual(expected);
  });

  it('ignores unknown extra columns', () => {
    const m = mapped(resolveHeader('deals', split('id,amount,stage,created,closed,favourite_colour,notes')));
    expect(Object.values(m.names)).not.toContain('favourite_colour');
    expect(Object.values(m.names)).not.toContain('notes');
  });

  it('never maps two fields to the same column', () => {
    const m = mapped(resolveHeader('deals', split('Opportunity ID,Amount,Stage,Created Date,Close Date,Closed,Won')));
    const used = Object.values(m.names);
    expect(new Set(used).size).toBe(used.length);
    expect(m.names).toMatchObject({ closed: 'Close Date', isClosed: 'Closed', isWon: 'Won' });
  });
});

describe('alternatives to required deal columns', () => {
  it('a Pipedrive status column stands in for the stage, won/lost times for the close date', () => {
    const m = mapped(resolveHeader('deals', split('Deal - Title,Deal - Value,Deal - Status,Deal - Deal created,Deal - Won time,Deal - Lost time')));
    expect(m.preset).toBe('pipedrive');
    expect(m.names).toMatchObject({ status: 'Deal - Status', wonTime: 'Deal - Won time', lostTime: 'Deal - Lost time' });
  });

  it('Salesforce Won + Closed flags stand in for the stage', () => {
    const m = mapped(resolveHeader('deals', split('Amount,Created Date,Close Date,Won,Closed')));
    expect(m.names).toMatchObject({ isWon: 'Won', isClosed: 'Closed' });
  });

  it('a Won flag alone cannot tell lost from open: the stage is still required', () => {
    const p = problems(resolveHeader('deals', split('Id,Amount,CreatedDate,CloseDate,IsWon')));
    expect(p).toHaveLength(1);
    expect(p[0]?.keyPath).toBeNull();
    expect(p[0]?.message).toMatch(/required column for the stage is missing/);
  });
});

describe('config column overrides', () => {
  it('an override maps a field to any header, matched loosely', () => {
    const m = mapped(resolveHeader('deals', split('id,Total Contract,stage,created,closed'), { amount: 'total_contract' }));
    expect(m.names.amount).toBe('Total Contract');
  });

  it('an override wins over the preset alias', () => {
    const m = mapped(resolveHeader('deals', split('id,amount,acv_usd,stage,created,closed'), { amount: 'acv_usd' }));
    expect(m.names.amount).toBe('acv_usd');
  });

  it('an override can rescue a file whose required column has an unusual name', () => {
    const header = split('opportunity_id,sales_agent,deal_stage,first_touch,close_date,close_value');
    expect(resolveHeader('deals', header).ok).toBe(false);
    const m = mapped(resolveHeader('deals', header, { created: 'first_touch' }));
    expect(m.names.created).toBe('first_touch');
  });

  it('an unknown field gives a key-path problem with a suggestion', () => {
    const p = problems(resolveHeader('deals', split('id,amount,stage,created,closed'), { amout: 'amount' }));
    expect(p).toHaveLength(1);
    expect(p[0]?.keyPath).toBe('inputs.deals.columns.amout');
    expect(p[0]?.message).toMatch(/unknown field "amout"/);
    expect(p[0]?.message).toMatch(/did you mean "amount"/);
  });

  it('an override naming a header that is not in the file gives a key-path problem with the closest header', () => {
    const p = problems(resolveHeader('spend', split('period,channel,Spend USD'), { amount: 'Spnd USD' }));
    expect(p[0]?.keyPath).toBe('inputs.spend.columns.amount');
    expect(p[0]?.message).toMatch(/no column named "Spnd USD"/);
    expect(p[0]?.message).toMatch(/did you mean "Spend USD"/);
  });

  it('an unknown forced preset is a key-path problem', () => {
    const p = problems(resolveHeader('deals', split('id,amount,stage,created,closed'), {}, 'sugarcrm'));
    expect(p[0]?.keyPath).toBe('inputs.deals.preset');
    expect(p[0]?.message).toMatch(/unknown preset "sugarcrm".*hubspot, salesforce, pipedrive, zoho, dynamics, close, copper, generic/);
  });

  it('a forced preset is used even when another would be detected', () => {
    const r = resolveHeader('deals', split('id,amount,stage,created,closed'), {}, 'pipedrive');
    expect(mapped(r).preset).toBe('pipedrive');
  });
});

describe('missing required columns', () => {
  it('names the closest header and the config key that would map it', () => {
    const p = problems(resolveHeader('deals', split('id,amnt,stage,created,closed')));
    expect(p).toHaveLength(1);
    expect(p[0]?.keyPath).toBeNull();
    expect(p[0]?.message).toContain('required column for the amount is missing');
    expect(p[0]?.message).toContain('closest header: "amnt"');
    expect(p[0]?.message).toContain('inputs.deals.columns.amount');
  });

  it('lists every missing column; no closest header when nothing is close', () => {
    const p = problems(resolveHeader('renewals', split('customer,renewal_date,notes')));
    expect(p.map((x) => x.message.match(/for the (.+?) is missing/)?.[1])).toEqual(['ARR before renewal', 'ARR after renewal']);
    expect(p[0]?.message).not.toContain('closest header');
    expect(p[0]?.message).toContain('Expected one of: "arr_before"');
  });

  it('does not offer a header that is already mapped to another field', () => {
    const p = problems(resolveHeader('deals', split('id,amount,stage,created')));
    expect(p).toHaveLength(1);
    expect(p[0]?.message).toContain('close date');
    expect(p[0]?.message).not.toContain('closest header: "created"');
  });
});

describe('suggest / editDistance', () => {
  it.each<[string, string, number]>([
    ['amount', 'amount', 0],
    ['amout', 'amount', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ])('editDistance(%j, %j) = %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it('suggests only close candidates', () => {
    expect(didYouMean('Amout', ['amount', 'stage'])).toBe(' (did you mean "amount"?)');
    expect(didYouMean('xyz', ['amount', 'stage'])).toBe('');
  });
});
