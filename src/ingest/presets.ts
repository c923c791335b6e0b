/**
 * Export flavours ("presets"): how HubSpot, Salesforce, Pipedrive and a generic snake_case layout
 * name their columns and stage values. Pure data. Header matching ignores case, spacing and
 * punctuation (normalizeKey), so "Deal Stage", "deal_stage" and "DEALSTAGE" are the same header.
 *
 * Detection: each preset lists signature headers only it uses; the preset whose signature matches
 * most headers wins, ties broken by the order below. The generic preset is the fallback.
 */
import type { InputKind } from '../base/model.js';
import { PRESET_TITLES } from '../base/labels.js';

export type DealField =
  | 'id' | 'name' | 'amount' | 'stage' | 'status' | 'isWon' | 'isClosed' | 'created' | 'closed'
  | 'wonTime' | 'lostTime' | 'expectedClose' | 'owner' | 'pipeline' | 'source' | 'segment' | 'type'
  | 'account' | 'probability' | 'forecastCategory' | 'lostReason' | 'currency';
export type SpendField = 'period' | 'periodEnd' | 'channel' | 'amount' | 'currency' | 'category' | 'leads' | 'mqls' | 'sqls' | 'conversions';
export type RenewalField = 'account' | 'renewalDate' | 'arrBefore' | 'arrAfter' | 'status' | 'segment' | 'startDate' | 'reason';
export type SubscriptionField =
  | 'id' | 'account' | 'start' | 'end' | 'mrr' | 'arr' | 'amount' | 'interval' | 'intervalCount' | 'quantity'
  | 'plan' | 'segment' | 'status' | 'trial';
export type AccountField = 'account' | 'id' | 'segment' | 'industry' | 'region' | 'isTarget';

export type FieldOf<K extends InputKind> = K extends 'deals'
  ? DealField
  : K extends 'spend'
    ? SpendField
    : K extends 'renewals'
      ? RenewalField
      : K extends 'subscriptions'
        ? SubscriptionField
        : AccountField;

export interface Preset<K extends InputKind = InputKind> {
  readonly id: string;
  readonly title: string;
  readonly kind: K;
  /** Normalized headers that identify this flavour. */
  readonly signature: readonly string[];
  /** field -> header aliases, most specific first (compared after normalizeKey). */
  readonly columns: Readonly<Partial<Record<FieldOf<K>, readonly string[]>>>;
  /** Stage values (normalized) per status, on top of the universal defaults. */
  readonly stages?: { readonly won?: readonly string[]; readonly lost?: readonly string[]; readonly open?: readonly string[] };
  /** Spend: the channel of every row when the export has no channel column (an ad platform's own report). */
  readonly channel?: string;
  /** The amount column is in minor units (cents), as Close's `value` is: divided by 100 on reading, with a note. */
  readonly amountInMinorUnits?: boolean;
}

/** Columns whose absence makes a file unusable. */
export const REQUIRED: { readonly [K in InputKind]: readonly FieldOf<K>[] } = {
  deals: ['amount', 'created', 'closed', 'stage'],
  spend: ['period', 'channel', 'amount'],
  renewals: ['account', 'renewalDate', 'arrBefore', 'arrAfter'],
  // plus one of mrr, arr, or amount with interval (header.ts requiredMissing)
  subscriptions: ['account', 'start'],
  accounts: ['account'],
};

/** Human names of canonical fields, for messages. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  id: 'deal id', name: 'deal name', amount: 'amount', stage: 'stage', status: 'status', isWon: 'won flag',
  isClosed: 'closed flag', created: 'created date', closed: 'close date', wonTime: 'won time', lostTime: 'lost time',
  expectedClose: 'expected close date', owner: 'owner', pipeline: 'pipeline', source: 'source (channel)',
  segment: 'segment', type: 'deal type', account: 'account', probability: 'probability',
  forecastCategory: 'forecast category', lostReason: 'lost reason', currency: 'currency', period: 'period',
  channel: 'channel', category: 'category', leads: 'leads', periodEnd: 'period end', conversions: 'conversions', mqls: 'MQLs', sqls: 'SQLs',
  renewalDate: 'renewal date', arrBefore: 'ARR before renewal', arrAfter: 'ARR after renewal', startDate: 'start date', reason: 'churn reason',
  start: 'start date', end: 'end date', mrr: 'MRR', arr: 'ARR', interval: 'billing interval', intervalCount: 'interval count',
  quantity: 'quantity', plan: 'plan', trial: 'trial flag', industry: 'industry', region: 'region', isTarget: 'target-account flag',
};

const GENERIC_DEAL_COLUMNS: Preset<'deals'>['columns'] = {
  id: ['id', 'deal_id', 'opportunity_id', 'record_id', 'dealid'],
  name: ['name', 'deal_name', 'title', 'opportunity_name'],
  amount: ['amount', 'value', 'deal_value', 'acv', 'arr', 'close_value', 'deal_amount'],
  stage: ['stage', 'deal_stage', 'stage_name', 'dealstage'],
  status: ['status', 'deal_status'],
  isWon: ['is_won', 'won'],
  isClosed: ['is_closed', 'closed_flag'],
  created: ['created', 'created_date', 'create_date', 'created_at', 'createdate', 'engage_date', 'opened'],
  closed: ['closed', 'close_date', 'closed_date', 'closed_at', 'closedate', 'expected_close'],
  owner: ['owner', 'deal_owner', 'sales_agent', 'rep', 'sales_rep', 'owner_name'],
  pipeline: ['pipeline'],
  source: ['source', 'channel', 'lead_source', 'deal_source', 'original_source'],
  segment: ['segment', 'market_segment'],
  type: ['type', 'deal_type', 'opportunity_type'],
  account: ['account', 'company', 'account_name', 'customer', 'organization'],
  probability: ['probability', 'win_probability', 'deal_probability'],
  forecastCategory: ['forecast_category'],
  lostReason: ['lost_reason', 'closed_lost_reason', 'loss_reason'],
  currency: ['currency', 'currency_code', 'amount_currency', 'deal_currency', 'currency_iso_code'],
};

export const DEAL_PRESETS: readonly Preset<'deals'>[] = [
  {
    id: 'hubspot',
    title: PRESET_TITLES.deals.hubspot,
    kind: 'deals',
    signature: [
      'recordid', 'dealname', 'dealstage', 'dealowner', 'createdate', 'associatedcompany', 'hubspotteam', 'dealprobability',
      'originaltrafficsource', 'originalsourcetype', 'isdealclosed', 'isclosedwon', 'amountincompanycurrency', 'lastmodifieddate',
      'dealdescription', 'forecastcategory',
    ],
    columns: {
      id: ['Record ID', 'Deal ID', 'hs_object_id'],
      name: ['Deal Name', 'dealname'],
      // converted to the company currency by HubSpot when the portal has several: preferred over Amount
      amount: ['Amount in company currency', 'amount_in_home_currency', 'Amount', 'Annual contract value'],
      stage: ['Deal Stage', 'dealstage'],
      isClosed: ['Is Deal Closed?', 'Is Closed', 'hs_is_closed'],
      isWon: ['Is Closed Won', 'hs_is_closed_won'],
      created: ['Create Date', 'createdate'],
      closed: ['Close Date', 'closedate'],
      owner: ['Deal owner', 'hubspot_owner_id'],
      pipeline: ['Pipeline'],
      source: ['Original Traffic Source', 'Original Source Type', 'Original Source', 'hs_analytics_source', 'Source'],
      segment: ['Segment', 'Company size', 'Customer segment'],
      type: ['Deal Type', 'dealtype'],
      account: ['Associated Company', 'Company name', 'Associated Company (Primary)'],
      probability: ['Deal probability', 'hs_deal_stage_probability'],
      forecastCategory: ['Forecast category', 'hs_manual_forecast_category'],
      lostReason: ['Closed Lost Reason', 'closed_lost_reason'],
      currency: ['Currency', 'deal_currency_code'],
    },
    stages: {
      won: ['closedwon'],
      lost: ['closedlost'],
      open: ['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin', 'contractsent'],
    },
  },
  {
    id: 'salesforce',
    title: PRESET_TITLES.deals.salesforce,
    kind: 'deals',
    signature: ['opportunityid', 'opportunityname', 'opportunityowner', 'stagename', 'isclosed', 'iswon', 'leadsource', 'forecastcategoryname', 'probability', 'fiscalperiod', 'accountname', 'closedate', 'createddate'],
    columns: {
      id: ['Opportunity ID', 'Id', 'Opportunity 18 Digit ID'],
      name: ['Opportunity Name', 'Name'],
      amount: ['Amount', 'Amount (converted)', 'Annual Contract Value'],
      stage: ['Stage', 'StageName'],
      isWon: ['Won', 'IsWon'],
      isClosed: ['Closed', 'IsClosed'],
      created: ['Created Date', 'CreatedDate'],
      closed: ['Close Date', 'CloseDate'],
      owner: ['Opportunity Owner', 'Owner Name', 'OwnerId', 'Owner'],
      source: ['Lead Source', 'LeadSource', 'Primary Campaign Source'],
      segment: ['Segment', 'Market Segment'],
      type: ['Type'],
      account: ['Account Name', 'AccountId', 'Account'],
      probability: ['Probability (%)', 'Probability'],
      forecastCategory: ['Forecast Category', 'ForecastCategoryName', 'ForecastCategory'],
      lostReason: ['Loss Reason', 'Closed Lost Reason', 'Reason Lost'],
      currency: ['Opportunity Currency', 'CurrencyIsoCode', 'Amount Currency'],
      pipeline: ['Record Type', 'RecordTypeId', 'Pipeline'],
    },
    stages: {
      won: ['closedwon'],
      lost: ['closedlost'],
      open: ['prospecting', 'qualification', 'needsanalysis', 'valueproposition', 'iddecisionmakers', 'perceptionanalysis', 'proposalpricequote', 'negotiationreview'],
    },
  },
  {
    id: 'pipedrive',
    title: PRESET_TITLES.deals.pipedrive,
    kind: 'deals',
    signature: ['dealid', 'dealtitle', 'dealvalue', 'dealstage', 'dealstatus', 'dealdealcreated', 'dealwontime', 'deallosttime', 'dealexpectedclosedate', 'dealowner', 'dealorganization', 'title', 'value', 'wontime', 'losttime', 'expectedclosedate', 'dealcreated', 'organization', 'organizationname', 'dealcurrency'],
    columns: {
      id: ['Deal - ID', 'ID'],
      name: ['Deal - Title', 'Title'],
      amount: ['Deal - Value', 'Value'],
      currency: ['Deal - Currency', 'Currency'],
      stage: ['Deal - Stage', 'Stage'],
      status: ['Deal - Status', 'Status'],
      created: ['Deal - Deal created', 'Deal created', 'Deal - Add time', 'Add time'],
      wonTime: ['Deal - Won time', 'Won time'],
      lostTime: ['Deal - Lost time', 'Lost time'],
      expectedClose: ['Deal - Expected close date', 'Expected close date'],
      closed: ['Deal - Close time', 'Close time'],
      owner: ['Deal - Owner', 'Owner'],
      pipeline: ['Deal - Pipeline', 'Pipeline'],
      account: ['Deal - Organization', 'Organization - Name', 'Organization', 'Organization name'],
      lostReason: ['Deal - Lost reason', 'Lost reason'],
      source: ['Deal - Source channel', 'Deal - Source', 'Source channel', 'Source origin'],
      probability: ['Deal - Probability', 'Probability'],
      segment: ['Deal - Segment', 'Segment'],
      type: ['Deal - Type', 'Deal type'],
    },
    stages: {
      open: ['lead', 'leadin', 'contactmade', 'qualified', 'demoscheduled', 'needsdefined', 'proposalmade', 'negotiationsstarted'],
    },
  },
  {
    id: 'zoho',
    title: PRESET_TITLES.deals.zoho,
    kind: 'deals',
    signature: [
      'Deal Name', 'Potential Name', 'Deal Owner', 'Potential Owner', 'Closing Date', 'Created Time', 'Modified Time',
      'Forecast Type', 'Expected Revenue', 'Campaign Source', 'Contact Name', 'Next Step', 'Probability (%)', 'Record Id',
      'Deal Id', 'Potential Id', 'Reason For Loss',
    ],
    columns: {
      id: ['Record Id', 'Deal Id', 'Potential Id', 'Id'],
      name: ['Deal Name', 'Potential Name'],
      amount: ['Amount'],
      stage: ['Stage'],
      // Zoho's stage property: Open, Closed Won, Closed Lost
      status: ['Forecast Type'],
      created: ['Created Time'],
      closed: ['Closing Date'],
      owner: ['Deal Owner', 'Potential Owner'],
      account: ['Account Name'],
      source: ['Lead Source', 'Campaign Source'],
      type: ['Type'],
      probability: ['Probability (%)', 'Probability'],
      lostReason: ['Reason For Loss', 'Lost Reason'],
      currency: ['Currency'],
      pipeline: ['Pipeline', 'Layout'],
      forecastCategory: ['Forecast Category'],
    },
    stages: {
      won: ['closedwon'],
      lost: ['closedlost', 'closedlosttocompetition'],
      open: ['qualification', 'needsanalysis', 'valueproposition', 'iddecisionmakers', 'identifydecisionmakers', 'perceptionanalysis', 'proposalpricequote', 'negotiationreview'],
    },
  },
  {
    id: 'dynamics',
    title: PRESET_TITLES.deals.dynamics,
    kind: 'deals',
    signature: [
      'Topic', 'Potential Customer', 'Est. Close Date', 'Est. Revenue', 'Estimated Revenue', 'Actual Revenue', 'Actual Close Date',
      'Created On', 'Status Reason', 'Pipeline Phase', 'Sales Stage', 'Rating', 'Modified On', 'Opportunity',
    ],
    columns: {
      id: ['Opportunity', '(Do Not Modify) Opportunity', 'Opportunity ID'],
      name: ['Topic', 'Name'],
      // Actual Revenue defaults to Est. Revenue when a deal is won; Est. Revenue is filled for every deal
      amount: ['Est. Revenue', 'Estimated Revenue', 'Actual Revenue'],
      status: ['Status'],
      stage: ['Pipeline Phase', 'Sales Stage', 'Status Reason'],
      created: ['Created On'],
      closed: ['Actual Close Date'],
      expectedClose: ['Est. Close Date', 'Estimated Close Date'],
      owner: ['Owner'],
      account: ['Potential Customer', 'Account'],
      probability: ['Probability'],
      source: ['Source Campaign', 'Lead Source', 'Originating Lead'],
      currency: ['Currency'],
      lostReason: ['Status Reason'],
    },
  },
  {
    id: 'close',
    title: PRESET_TITLES.deals.close,
    kind: 'deals',
    signature: [
      'id', 'status_type', 'status_label', 'value', 'value_period', 'value_currency', 'value_formatted', 'date_created', 'date_won',
      'date_lost', 'lead_name', 'lead_id', 'user_name', 'user_id', 'confidence', 'pipeline_name', 'note',
    ],
    columns: {
      id: ['id', 'opportunity_id'],
      name: ['lead_name', 'note'],
      amount: ['value'],
      currency: ['value_currency'],
      status: ['status_type'],
      stage: ['status_label', 'status'],
      created: ['date_created'],
      // the expected close date of an active opportunity, the won date of a won one
      closed: ['date_won'],
      lostTime: ['date_lost'],
      owner: ['user_name'],
      account: ['lead_name'],
      probability: ['confidence'],
      pipeline: ['pipeline_name'],
    },
    // Close's API and exports write value in cents (value 50000 = $500.00)
    amountInMinorUnits: true,
  },
  {
    id: 'copper',
    title: PRESET_TITLES.deals.copper,
    kind: 'deals',
    // only headers that set Copper apart: Name, Stage, Owner, Pipeline and Source are everyone's
    signature: ['Primary Contact', 'Loss Reason', 'Win Probability', 'Priority', 'Company', 'Value', 'Status', 'Close Date', 'Created'],
    columns: {
      id: ['Copper ID', 'Opportunity ID', 'ID'],
      name: ['Name'],
      amount: ['Value'],
      status: ['Status'],
      stage: ['Stage'],
      created: ['Created', 'Date Created'],
      closed: ['Close Date'],
      owner: ['Owner'],
      account: ['Company'],
      pipeline: ['Pipeline'],
      lostReason: ['Loss Reason'],
      probability: ['Win Probability'],
      source: ['Source'],
      currency: ['Currency'],
    },
  },
  {
    id: 'generic',
    title: PRESET_TITLES.deals.generic,
    kind: 'deals',
    signature: ['id', 'amount', 'stage', 'created', 'closed', 'owner', 'source', 'deal_stage', 'close_value', 'engage_date', 'sales_agent'],
    columns: GENERIC_DEAL_COLUMNS,
  },
];

/** Stage values every preset understands (normalized). Anything else must be mapped in the config. */
export const UNIVERSAL_STAGES = {
  won: ['closedwon', 'won', 'dealwon', 'closedwonpaid', 'booked', 'signed'],
  lost: ['closedlost', 'lost', 'deallost', 'closeddisqualified', 'disqualified', 'closednodecision', 'nodecision'],
  open: [
    'open', 'new', 'lead', 'prospecting', 'prospect', 'engaging', 'discovery', 'qualification', 'qualified',
    'demo', 'demoscheduled', 'evaluation', 'proposal', 'proposalsent', 'negotiation', 'contractsent', 'commit',
    'verbal', 'verbalcommit', 'pilot', 'trial', 'solutioning', 'validation', 'closing',
  ],
} as const;

/** Deal type values (normalized) per canonical type. */
export const DEFAULT_TYPES = {
  new: ['newbusiness', 'newcustomer', 'new', 'newlogo', 'newdeal', 'netnew'],
  expansion: [
    'existingbusiness', 'existingcustomerupgrade', 'existingcustomerdowngrade', 'upsell', 'expansion', 'crosssell',
    'addon', 'upgrade', 'downgrade',
  ],
  renewal: ['renewal', 'existingcustomerreplacement', 'existingcustomerrenewal', 'replacement'],
} as const;

/**
 * Spend exports. Ad platforms' own reports have no channel column: `channel` names the channel of
 * every row. Conversions are never read as leads (a platform's conversion is whatever was set up
 * as one: a purchase, a page view, a form); the `conversions` field is only there to say so.
 * Amount headers may carry the currency ("Amount spent (USD)"): it is read off the header
 * (ingest/spend-layout.ts) before these aliases are compared.
 */
export const SPEND_PRESETS: readonly Preset<'spend'>[] = [
  {
    // Google Ads UI report download (Reports > Predefined / Campaigns table > Download): a title
    // line, a date-range line, the header, campaign rows, then "Total: …" rows.
    id: 'google_ads',
    title: PRESET_TITLES.spend.google_ads,
    kind: 'spend',
    channel: 'Google Ads',
    signature: ['Campaign', 'Campaign state', 'Campaign status', 'Campaign type', 'Impr.', 'CTR', 'Avg. CPC', 'Currency code', 'Cost', 'Cost / conv.', 'Conv. rate', 'Interactions', 'Interaction rate', 'Budget'],
    columns: {
      period: ['Day', 'Week', 'Month', 'Quarter', 'Date'],
      amount: ['Cost'],
      currency: ['Currency code', 'Currency'],
      conversions: ['Conversions', 'All conv.'],
    },
  },
  {
    // Meta (Facebook) Ads Manager export: one row per campaign / ad set / ad and reporting range,
    // or per day with the "Day" breakdown.
    id: 'meta_ads',
    title: PRESET_TITLES.spend.meta_ads,
    kind: 'spend',
    channel: 'Meta Ads',
    signature: ['Reporting starts', 'Reporting ends', 'Campaign name', 'Ad set name', 'Ad name', 'Amount spent', 'Results', 'Result indicator', 'Result type', 'Reach', 'Frequency', 'Cost per result', 'Attribution setting'],
    columns: {
      period: ['Day', 'Reporting starts'],
      periodEnd: ['Reporting ends'],
      amount: ['Amount spent'],
      currency: ['Currency'],
      conversions: ['Results'],
    },
  },
  {
    // LinkedIn Campaign Manager performance report: report-info lines, then one row per campaign
    // and time period ("Start Date (in UTC)").
    id: 'linkedin_ads',
    title: PRESET_TITLES.spend.linkedin_ads,
    kind: 'spend',
    channel: 'LinkedIn Ads',
    signature: ['Start Date (in UTC)', 'Campaign Group Name', 'Campaign Group ID', 'Campaign Objective', 'Cost Type', 'Total Spent', 'Average CPM', 'Leads', 'Lead Forms Opened', 'Campaign Start Date', 'Campaign End Date'],
    columns: {
      period: ['Start Date (in UTC)', 'Start Date'],
      amount: ['Total Spent'],
      currency: ['Currency'],
      // Lead Gen Form leads, counted by LinkedIn itself
      leads: ['Leads'],
      conversions: ['Conversions'],
    },
  },
  {
    // Fivetran's dbt_ad_reporting `ad_report` model (all platforms unioned, one row per day and ad).
    id: 'fivetran_ad_report',
    title: PRESET_TITLES.spend.fivetran_ad_report,
    kind: 'spend',
    signature: ['source_relation', 'date_day', 'platform', 'account_id', 'account_name', 'campaign_id', 'campaign_name', 'ad_group_id', 'ad_group_name', 'ad_id', 'ad_name', 'conversions_value'],
    columns: {
      period: ['date_day'],
      channel: ['platform'],
      amount: ['spend'],
      conversions: ['conversions'],
    },
  },
  {
    // One row per period, one column per channel ("DATE, tv_S, search_S, …" as in Meta's Robyn
    // samples, or spend_tv / tv_spend). Chosen by ingest/spend-layout.ts, never by signature.
    id: 'wide',
    title: PRESET_TITLES.spend.wide,
    kind: 'spend',
    signature: [],
    columns: {
      period: ['date', 'week', 'month', 'period', 'ds', 'date_day', 'week_start', 'day'],
    },
  },
  {
    id: 'generic',
    title: PRESET_TITLES.spend.generic,
    kind: 'spend',
    signature: ['period', 'channel', 'amount', 'spend', 'month'],
    columns: {
      period: ['period', 'month', 'date', 'week', 'date_start', 'day', 'date_day'],
      channel: ['channel', 'source', 'platform', 'campaign_channel'],
      amount: ['amount', 'spend', 'cost', 'spend_amount'],
      currency: ['currency', 'currency_code'],
      category: ['category', 'cost_category', 'type'],
      leads: ['leads', 'lead_count'],
      mqls: ['mqls', 'mql', 'marketing_qualified_leads'],
      sqls: ['sqls', 'sql', 'sales_qualified_leads'],
      conversions: ['conversions'],
    },
  },
];

export const RENEWAL_PRESETS: readonly Preset<'renewals'>[] = [
  {
    id: 'generic',
    title: PRESET_TITLES.renewals.generic,
    kind: 'renewals',
    signature: ['account', 'renewal_date', 'arr_before', 'arr_after'],
    columns: {
      account: ['account', 'account_name', 'customer', 'company', 'account_id'],
      renewalDate: ['renewal_date', 'renewal', 'date', 'contract_end', 'end_date'],
      arrBefore: ['arr_before', 'prior_arr', 'starting_arr', 'arr_start', 'previous_arr'],
      arrAfter: ['arr_after', 'renewed_arr', 'ending_arr', 'arr_end', 'new_arr'],
      status: ['status', 'renewal_status', 'outcome'],
      segment: ['segment'],
      startDate: ['start_date', 'contract_start', 'customer_since'],
      reason: ['reason', 'churn_reason', 'contraction_reason', 'cancellation_reason', 'cancel_reason', 'loss_reason'],
    },
  },
];

const GENERIC_SUBSCRIPTION_COLUMNS: Preset<'subscriptions'>['columns'] = {
  id: ['subscription_id', 'id', 'subscription'],
  account: ['account', 'account_id', 'account_name', 'customer', 'customer_id', 'customer_name', 'company'],
  start: ['start_date', 'start', 'started_at', 'subscription_start', 'activated_at', 'created_at', 'created'],
  end: ['end_date', 'end', 'ended_at', 'cancelled_at', 'canceled_at', 'subscription_end', 'churn_date'],
  mrr: ['mrr', 'mrr_amount', 'monthly_recurring_revenue', 'mrr_usd', 'monthly_amount'],
  arr: ['arr', 'arr_amount', 'annual_recurring_revenue', 'arr_usd', 'annual_amount'],
  amount: ['amount', 'plan_amount', 'price', 'unit_price'],
  interval: ['interval', 'billing_interval', 'plan_interval', 'billing_period_unit', 'billing_frequency'],
  intervalCount: ['interval_count', 'plan_interval_count', 'billing_period'],
  quantity: ['quantity', 'plan_quantity', 'subscription_quantity'],
  plan: ['plan', 'plan_tier', 'plan_name', 'plan_id', 'product', 'tier'],
  segment: ['segment', 'customer_segment', 'market_segment'],
  status: ['status', 'subscription_status'],
  trial: ['is_trial', 'trial', 'trial_flag', 'in_trial'],
};

/**
 * Subscription exports. Money: `mrr` or `arr` (the other is derived, ×12 or ÷12), or a price per
 * billing interval (`amount` × `quantity` ÷ months in `interval` × `intervalCount`), as billing
 * systems write it. Amounts are read in currency units (49.00), like every other input.
 */
export const SUBSCRIPTION_PRESETS: readonly Preset<'subscriptions'>[] = [
  {
    id: 'stripe',
    title: PRESET_TITLES.subscriptions.stripe,
    kind: 'subscriptions',
    signature: [
      'Customer ID', 'Customer Email', 'Customer Description', 'Plan', 'Quantity', 'Interval', 'Amount', 'Status',
      'Created (UTC)', 'Start (UTC)', 'Start Date (UTC)', 'Current Period Start (UTC)', 'Current Period End (UTC)',
      'Trial Start (UTC)', 'Trial End (UTC)', 'Canceled At (UTC)', 'Cancel At Period End', 'Ended At (UTC)',
    ],
    columns: {
      id: ['id', 'Subscription ID'],
      account: ['Customer ID', 'Customer Name', 'Customer Email', 'Customer Description', 'Customer'],
      start: ['Start Date (UTC)', 'Start (UTC)', 'Created (UTC)'],
      // churn when the subscription ends (end of the paid period), not when the cancellation is requested
      end: ['Ended At (UTC)', 'Canceled At (UTC)'],
      mrr: ['MRR'],
      amount: ['Amount', 'Plan Amount', 'Price'],
      interval: ['Interval', 'Plan Interval'],
      intervalCount: ['Interval Count', 'Plan Interval Count'],
      quantity: ['Quantity'],
      plan: ['Plan', 'Product', 'Plan Name'],
      status: ['Status'],
    },
  },
  {
    id: 'chargebee',
    title: PRESET_TITLES.subscriptions.chargebee,
    kind: 'subscriptions',
    signature: [
      'subscriptions.id', 'subscriptions.customer_id', 'subscriptions.status', 'subscriptions.started_at',
      'subscriptions.activated_at', 'subscriptions.cancelled_at', 'subscriptions.mrr', 'subscriptions.plan_id',
      'subscriptions.plan_quantity', 'subscriptions.plan_unit_price', 'subscriptions.billing_period',
      'subscriptions.billing_period_unit', 'subscriptions.trial_start', 'subscriptions.trial_end', 'customers.company',
    ],
    columns: {
      id: ['subscriptions.id', 'Subscription Id'],
      account: ['subscriptions.customer_id', 'customers.id', 'customers.company', 'Customer Id'],
      start: ['subscriptions.started_at', 'subscriptions.activated_at', 'subscriptions.created_at', 'Started At'],
      end: ['subscriptions.cancelled_at', 'Cancelled At'],
      mrr: ['subscriptions.mrr', 'MRR'],
      amount: ['subscriptions.plan_unit_price', 'subscriptions.plan_amount'],
      interval: ['subscriptions.billing_period_unit'],
      intervalCount: ['subscriptions.billing_period'],
      quantity: ['subscriptions.plan_quantity'],
      plan: ['subscriptions.plan_id', 'Plan Id'],
      status: ['subscriptions.status', 'Status'],
    },
  },
  {
    id: 'generic',
    title: PRESET_TITLES.subscriptions.generic,
    kind: 'subscriptions',
    signature: ['subscription_id', 'account', 'account_id', 'start_date', 'end_date', 'mrr', 'arr', 'mrr_amount', 'arr_amount', 'is_trial'],
    columns: GENERIC_SUBSCRIPTION_COLUMNS,
  },
];

export const ACCOUNT_PRESETS: readonly Preset<'accounts'>[] = [
  {
    id: 'generic',
    title: PRESET_TITLES.accounts.generic,
    kind: 'accounts',
    signature: ['account', 'account_id', 'account_name', 'segment', 'industry', 'region', 'is_target'],
    columns: {
      account: ['account', 'account_name', 'company', 'company_name', 'customer', 'organization', 'name', 'account_id'],
      // when the file has both a name and an id, either may be what deals and subscriptions use
      id: ['account_id', 'company_id', 'customer_id', 'record_id', 'id'],
      segment: ['segment', 'market_segment', 'customer_segment', 'tier', 'size_segment'],
      industry: ['industry', 'sector', 'vertical'],
      region: ['region', 'territory', 'geo', 'country', 'country_region', 'billing_country', 'office_location', 'location'],
      isTarget: ['is_target', 'target', 'target_account', 'is_target_account', 'icp', 'is_icp', 'in_icp'],
    },
  },
];

export function presetsFor(kind: InputKind): readonly Preset[] {
  switch (kind) {
    case 'deals':
      return DEAL_PRESETS;
    case 'spend':
      return SPEND_PRESETS;
    case 'renewals':
      return RENEWAL_PRESETS;
    case 'subscriptions':
      return SUBSCRIPTION_PRESETS;
    case 'accounts':
      return ACCOUNT_PRESETS;
  }
}
