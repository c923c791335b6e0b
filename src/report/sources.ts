/**
 * The publications the default rule pack cites, keyed by the citation keys its `source` texts
 * use ([S45], [S55'] ...), so a client-facing report can end with a "Sources" list and link each
 * key to its entry. Pure data and pure text: no I/O. A key missing here is rendered unlinked and
 * listed as "not in the source list" (test/report/sources.test.ts keeps the default pack covered).
 */

export interface BenchmarkSource {
  /** Citation key as written in the rule pack, without brackets: S45, S55'. */
  key: string;
  title: string;
  publisher: string;
  /** Publication year when known. */
  year?: number;
  url?: string;
}

const S = (key: string, title: string, publisher: string, year: number | undefined, url?: string): BenchmarkSource => ({
  key,
  title,
  publisher,
  ...(year === undefined ? {} : { year }),
  ...(url === undefined ? {} : { url }),
});

export const BENCHMARK_SOURCES: readonly BenchmarkSource[] = Object.freeze([
  S('S6', 'Chart: Customer Churn Rate', 'ChartMogul', undefined, 'https://help.chartmogul.com/hc/en-us/articles/203359321-Chart-Customer-Churn-Rate'),
  S('S7', 'Chart: Customer Lifetime Value', 'ChartMogul', undefined, 'https://help.chartmogul.com/hc/en-us/articles/203359061-Chart-Customer-Lifetime-Value-LTV'),
  S('S12', 'Why does a good customer churn rate matter (ChartMogul churn analysis)', 'HackerNoon', undefined, 'https://hackernoon.com/why-does-a-good-customer-churn-rate-matter'),
  S("S25'", 'HubSpot sales forecasting cheat sheet', 'HubHorizon', undefined, 'https://hubhorizon.io/blog/hubspot-sales-forecasting-cheat-sheet'),
  S('S26', 'Track the accuracy of forecasts', 'HubSpot', undefined, 'https://knowledge.hubspot.com/forecast/track-the-accuracy-of-forecasts'),
  S('S27', 'HubSpot and Salesforce metric pages (win rate, stage conversion)', 'KPI Tree', undefined, 'https://kpitree.co/integrations/hubspot/win-rate'),
  S('S30', 'Opportunity stage progression metrics', 'Oracle', 2025, 'https://docs.oracle.com/en/cloud/saas/analytics/25r4/fawcx/sf---opportunity-stage-progression-metrics.html'),
  S('S33', 'Sales velocity metrics calculations', 'QuarterOne', undefined, 'http://help.quarterone.com/en/articles/3650265-sales-velocity-metrics-calculations'),
  S('S34', 'Motivator pipeline stages', 'Zoho', undefined, 'https://www.zoho.com/motivator/help/dashboards/pipeline-stages.html'),
  S('S35', 'SaaS Metrics 2.0 – Detailed Definitions', 'David Skok, For Entrepreneurs', undefined, 'http://www.forentrepreneurs.com/saas-metrics-2-definitions-2/'),
  S('S36', 'Bessemer Cloud Law #6: build a revenue engine', 'Bessemer Venture Partners', 2012, 'http://www.bvp.com/blog/bessemer-cloud-computing-law-6-build-revenue-engine'),
  S('S37', 'State of the Cloud 2016', 'Bessemer Venture Partners', 2016, 'https://www.slideshare.net/takaumada/customer-success-startup'),
  S('S38', 'State of the Cloud 2017 (notes)', 'Bessemer Venture Partners, via David Cummings', 2017, 'https://davidcummings.org/2017/02/12/bessemers-2017-state-of-the-cloud-report/'),
  S('S39', 'Scaling to $100 Million', 'Bessemer Venture Partners', 2021, 'https://www.bvp.com/atlas/scaling-to-100-million'),
  S('S40', 'Research Brief 28: 2023 retention benchmarks for private SaaS companies', 'SaaS Capital', 2023, 'https://alexisfairbanks.com/acvs-in-a-multi-year-contract-1486'),
  S("S40''", 'How do you calculate gross retention (SaaS Capital medians)', 'Atlas Rosetta', undefined, 'https://atlasrosetta.com/how-do-you-calculate-gross-retention-saas/'),
  S('S41', '2019 Private SaaS Company Survey', 'KeyBanc Capital Markets', 2019, 'https://www.forentrepreneurs.com/2019-saas-private-survey-results-part-1/'),
  S('S42', '2021 Private SaaS Company Survey', 'KeyBanc Capital Markets', 2021, 'https://slidepub.com/slideshow/keybank-private-saas-company-survey-2021'),
  S('S43', 'KeyBanc SaaS survey quotes (2013–2016)', 'Insivia', undefined, 'https://www.insivia.com/quoter/companies-with-longer-contracts-2-years-reported-the-lowest-annual-unit-churn/'),
  S('S44', 'KPI ontology (KeyBanc / Sapphire 2024 benchmarks)', 'imboard', 2024, 'https://docs.imboard.ai/api/ontology/customers.json'),
  S('S45', '2025 B2B SaaS Performance Metrics Benchmarks', 'Benchmarkit', 2025, 'https://benchmarkit.ai/2025benchmarks'),
  S('S46', 'CAC payback period for SaaS (Aleph × Benchmarkit)', 'Aleph', 2026, 'https://www.getaleph.com/answers/cac-payback-period-saas-2026'),
  S('S47', 'Net revenue retention benchmarks (citing Benchmarkit / Maxio)', 'Digital Applied', 2026, 'https://www.digitalapplied.com/blog/net-revenue-retention-benchmarks-2026-saas-expansion-data'),
  S('S48', 'The ICONIQ Enterprise Five', 'ICONIQ Growth', undefined, 'https://www.iconiqcapital.com/growth/updates/iconiq-growth-enterprise-five'),
  S('S50', 'SaaS AE Metrics 2017', 'The Bridge Group', 2017, 'http://www.forentrepreneurs.com/2017-saas-ae-metrics-report/'),
  S('S51', 'GTM Benchmarks 2025 (Ebsta × Pavilion), via a pipeline management guide', 'Ebsta and Pavilion', 2025, 'https://terasu.koromo.io/en/blog/sales-pipeline-management-guide'),
  S('S52', '2023 Sales Benchmark Report', 'Lightspeed Venture Partners', 2023, 'https://lighthouse.lsvp.com/reports/2023-sales-benchmark-report'),
  S('S53', 'SaaS Sales Periodic Table', 'Sheridan Partners', undefined, 'http://sheridanpartners.net/index-384.html'),
  S('S54', 'From 0 to $1M: the magic number', 'Scale Venture Partners', undefined, 'https://www.scalevp.com/insights/from-0-to-1m-the-magic-number/'),
  S('S55', 'Sales pipeline metrics (velocity and coverage)', 'gaspwiki', undefined, 'https://gaspwiki.pages.dev/v1/metrics/sales'),
  S("S55'", 'B2B sales pipeline metrics and KPIs guide', 'GrowthGear', undefined, 'https://growthgear-sales-8x6.pages.dev/b2b-sales/sales-pipeline-metrics-kpis-guide'),
  S("S55''", 'An anatomy of enterprise sales: what the numbers inside a B2B pipeline reveal', 'Emerging Tech Lab', undefined, 'https://emerging-tech-lab.com/press/an-anatomy-of-enterprise-sales-what-the-numbers-inside-a-b2b-pipeline-actually-r'),
  S('S56', 'Blended CAC vs paid CAC', 'The Matchbox', undefined, 'https://www.thematchbox.inc/resources/glossary/blended-cac-vs-paid-cac'),
  S("S56'", 'SaaS metrics calculator (quick ratio)', 'lishuyu tools', undefined, 'https://tools.lishuyu.app/saasmetrics.html'),
  S('S62', 'Customer concentration risk in SaaS', '365 Risk Desk', undefined, 'https://www.365riskdesk.com/operational-risk-review/customer-concentration-risk-saas'),
  S('S63', 'SaaS benchmarks', 'Omega Point', undefined, 'https://omegapoint.systems/benchmarks/models/saas'),
]);

const BY_KEY = new Map(BENCHMARK_SOURCES.map((s) => [s.key, s]));

export function benchmarkSource(key: string): BenchmarkSource | undefined {
  return BY_KEY.get(key);
}

/** A bracketed citation group: [S45], [S6, S12], [S44, S63], [S55'']. */
export const CITATION_GROUP = /\[(S\d+'*(?:,\s*S\d+'*)*)\]/g;
/** One key inside a group. */
export const CITATION_KEY = /S\d+'*/g;

/** Every citation key the texts use, in order of first use. */
export function citedKeys(texts: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const t of texts) {
    for (const g of t.matchAll(CITATION_GROUP)) for (const k of g[1]!.matchAll(CITATION_KEY)) seen.add(k[0]);
  }
  return [...seen];
}

/** Keys in reference-list order: by number, then primes (S6, S7, S12, S55, S55', S55''). */
export function sortKeys(keys: readonly string[]): string[] {
  const num = (k: string): number => Number(/\d+/.exec(k)?.[0] ?? 0);
  return [...keys].sort((a, b) => num(a) - num(b) || a.length - b.length);
}

/** Anchor id of a key's entry in the Sources list: S55'' → source-s55pp. */
export function sourceAnchor(key: string): string {
  return `source-${key.toLowerCase().replace(/'/g, 'p')}`;
}

/** One line of plain text: "Title. Publisher, 2025. URL" (the key is the caller's). */
export function sourceLine(s: Omit<BenchmarkSource, 'url'> & { url?: string | undefined }): string {
  return `${s.title}. ${s.publisher}${s.year === undefined ? '' : `, ${s.year}`}.${s.url === undefined ? '' : ` ${s.url}`}`;
}
