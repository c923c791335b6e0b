/**
 * Words the whole pipeline shares (issue 15): the tables that name things the audit result carries
 * by id. Each table is defined here once; the modules that compute (ingest/presets.ts,
 * metrics/loss-reasons.ts) and the renderers (report/) read the same one. Declarative data only.
 */
import type { InputKind } from './model.js';

/**
 * The title of each ingest preset, by input kind and preset id ("hubspot" -> "HubSpot deals
 * export"). ingest/presets.ts takes each preset's `title` from here; report/ shows it beside the
 * preset id the audit result records.
 */
export const PRESET_TITLES = {
  deals: {
    hubspot: 'HubSpot deals export',
    salesforce: 'Salesforce opportunity report',
    pipedrive: 'Pipedrive deals export',
    zoho: 'Zoho CRM deals (potentials) export',
    dynamics: 'Dynamics 365 opportunities export',
    close: 'Close opportunities export',
    copper: 'Copper opportunities export',
    generic: 'generic snake_case layout',
  },
  spend: {
    google_ads: 'Google Ads report',
    meta_ads: 'Meta Ads Manager export',
    linkedin_ads: 'LinkedIn Campaign Manager report',
    fivetran_ad_report: 'Fivetran ad_report table',
    wide: 'wide layout (one spend column per channel)',
    generic: 'generic spend layout',
  },
  renewals: {
    generic: 'generic renewals layout',
  },
  subscriptions: {
    stripe: 'Stripe-style subscriptions export',
    chargebee: 'Chargebee-style subscriptions export',
    generic: 'generic subscriptions layout',
  },
  accounts: {
    generic: 'generic accounts layout',
  },
} as const satisfies { readonly [K in InputKind]: Readonly<Record<string, string>> };

/** A preset's title; an unknown id (a preset of a newer version) is shown as it is. */
export function presetTitle(kind: InputKind, preset: string): string {
  const titles: Readonly<Record<string, string>> = PRESET_TITLES[kind];
  return Object.hasOwn(titles, preset) ? (titles[preset] as string) : preset;
}

/** The categories a lost deal's or a churn's reason falls in, in the audit result's order. */
export const LOSS_CATEGORY_IDS = ['price', 'competitor', 'no_decision', 'timing', 'product', 'other', 'not_given'] as const;
export type LossCategory = (typeof LOSS_CATEGORY_IDS)[number];

/** The words of each loss category (metrics/loss-reasons.ts, diagnose/ and the renderers). */
export const LOSS_CATEGORY_LABELS: Readonly<Record<LossCategory, string>> = {
  price: 'price / packaging',
  competitor: 'competitor',
  no_decision: 'no decision / no budget',
  timing: 'timing',
  product: 'product / fit',
  other: 'other',
  not_given: 'not given',
};
