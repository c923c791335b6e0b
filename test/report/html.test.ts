import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/audit/contract.js';
import type { MetricResult } from '../../src/metrics/types.js';
import {
  areaScoresChart,
  channelSpendCacChart,
  monthlyBarsLineChart,
  niceMax,
  retentionWaterfallChart,
  trendPanelsChart,
} from '../../src/report/charts.js';
import { CSP, escapeHtml, renderHtml } from '../../src/report/html.js';
import { sparkline } from '../../src/report/labels.js';
import { CHART_IDS, HOSTILE, makeSampleReport } from './sample-report.js';

/** Every start tag of the document, e.g. `<td class="num">`. Text is escaped, so `<` only opens real tags. */
function tags(html: string): string[] {
  return html.match(/<[a-zA-Z][^>]*>/g) ?? [];
}

function withMetric(r: AuditReport, id: string, patch: Partial<MetricResult>): AuditReport {
  return { ...r, metrics: r.metrics.map((m) => (m.id === id ? { ...m, ...patch } : m)) };
}

describe('escapeHtml', () => {
  it('escapes the five HTML specials and the backtick', () => {
    expect(escapeHtml(`<a href="x" title='y'>&\``)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;');
  });
});

describe('html report', () => {
  const html = renderHtml(makeSampleReport());
  const hostile = renderHtml(makeSampleReport({ hostile: true }));

  it('is one self-contained document with a restrictive CSP', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CSP}">`);
    // the CSP comes before anything that could load
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
    expect(html).toContain('@media print');
  });

  it('holds at phone width: tables scroll in their own box, charts scale, long words wrap', () => {
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(style).toContain('.table-wrap{max-width:100%;overflow-x:auto;');
    expect(style).toContain('svg,img{max-width:100%}');
    expect(style).toMatch(/svg\.chart\{[^}]*max-width:100%[^}]*height:auto/);
    expect(style).toContain('.report{overflow-wrap:break-word}');
    expect(style).toContain('@media screen and (max-width:480px)');
    // every table is wrapped, none outside a wrapper
    const tables = html.match(/<table\b/g)?.length ?? 0;
    expect(tables).toBeGreaterThan(3);
    expect(html.match(/<div class="table-wrap"><table\b/g)?.length).toBe(tables);
    expect(html.match(/<\/table><\/div>/g)?.length).toBe(tables);
    // every chart scales with its viewBox
    for (const svg of html.match(/<svg [^>]*class="chart[^>]*>/g) ?? []) expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
  });

  it.each([
    ['sample', () => html],
    ['hostile', () => hostile],
  ])('has no script, event handler, external reference or font (%s)', (_n, get) => {
    const doc = get();
    expect(doc).not.toMatch(/<script/i);
    // the one link allowed: a citation key to its entry in the report's own Sources list
    const ownLink = /^<a href="#source-[a-z0-9]+">$/;
    for (const t of tags(doc).filter((x) => !ownLink.test(x) && x !== '</a>')) {
      expect(t, t).not.toMatch(/\son[a-z]+\s*=/i);
      expect(t, t).not.toMatch(/\s(src|href|srcset|action|formaction|poster|data)\s*=/i);
      expect(t, t).not.toMatch(/javascript:/i);
    }
    const tagNames = new Set(tags(doc).filter((x) => !ownLink.test(x) && x !== '</a>').map((t) => (/^<([a-zA-Z0-9]+)/.exec(t) as RegExpExecArray)[1]?.toLowerCase()));
    for (const banned of ['script', 'iframe', 'object', 'embed', 'link', 'img', 'image', 'use', 'foreignobject', 'a', 'form', 'base']) {
      expect(tagNames.has(banned), banned).toBe(false);
    }
    const style = /<style>([\s\S]*?)<\/style>/.exec(doc)?.[1] ?? '';
    expect(style).not.toMatch(/url\(|@import|@font-face/);
    // the only URLs are the SVG namespace and, as text, the Sources list's publications
    const withoutSources = doc.replace(/<section id="source-list">[\s\S]*?<\/section>/, '');
    expect(withoutSources.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '').replace(/http\\?:\/\/x/g, '')).not.toMatch(/https?:\/\//);
    for (const t of tags(doc)) expect(t, t).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg")/);
  });

  it('escapes every input-derived value, including inside SVG', () => {
    expect(hostile).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(hostile).toContain('<title>Revenue health audit: &lt;script&gt;alert(1)&lt;/script&gt; (2025-12-31)</title>');
    // channel name in the SVG label (clipped to 20 characters) and in the bar tooltip
    expect(hostile).toMatch(/<text [^>]*class="channel-label"[^>]*>&lt;img src=x onerror=…<\/text>/);
    expect(hostile).toContain('<title>&lt;img src=x onerror=alert(1)&gt;: spend $540.0k</title>');
    expect(hostile).toContain('=HYPERLINK(&quot;http://x&quot;) is among the largest losses');
    expect(hostile).toContain('| [x](javascript:alert(1))');
    expect(hostile).not.toContain('\u001b');
    expect(hostile).toContain('exports/deals|[x].csv');
  });

  it('draws the charts with known ids', () => {
    for (const id of CHART_IDS) expect(html).toMatch(new RegExp(`<svg [^>]*id="${id}"`));
    expect(html).toMatch(/class="step step-churn"/);
    expect((html.match(/class="bar bar-spend"/g) ?? []).length).toBe(5);
    expect((html.match(/class="bar bar-cac"/g) ?? []).length).toBe(3);
    expect(html).toContain('no won new customers');
  });

  it('shows the overall grade, findings with formula and Process, CRO readiness and the appendix', () => {
    expect(html).toMatch(/<span class="grade-big"[^>]*>D<\/span>/);
    expect(html).toContain('Overall 69.5 / 100');
    expect(html).toContain('▼ Regressed: was C (75.8) on 2025-11-30, −6.3');
    expect(html).toMatch(/<article class="finding sev-critical" id="finding-leaky_bucket">/);
    expect(html).toContain('<p class="formula">(90.0% − 83.4%) × $8.24M ARR up for renewal = $546.5k</p>');
    expect(html).toContain('<tr><td>30 days</td><td>List every renewal');
    expect(html).toContain('Verdict: fractional CRO');
    expect(html).toContain('<td>date not readable</td><td><code>invalid_date</code></td><td class="num">2</td>');
    expect(html).toContain('Appendix B: benchmark sources');
    const order = ['id="leaky_bucket"', 'finding-stale_pipeline', 'finding-expansion_gap', 'finding-hero_rep_dependency', 'finding-channel_misallocation', 'finding-quarter_end_hockey_stick'];
    const pos = order.map((s) => html.indexOf(s));
    expect(pos.slice(1)).toEqual([...pos.slice(1)].sort((a, b) => a - b));
  });

  it('shows a short n/a note instead of a chart without data', () => {
    let r = makeSampleReport({ comparison: false });
    r = withMetric(r, 'nrr', { value: null, status: 'n/a', reason: 'needs a renewals file (--renewals)', details: null });
    r = withMetric(r, 'cac_by_channel', { value: null, status: 'n/a', reason: 'needs marketing spend by channel (--spend)', details: null });
    r = { ...r, series: {} };
    const out = renderHtml(r);
    expect(out).toContain('<p class="chart-na">n/a: needs a renewals file (--renewals)</p>');
    expect(out).toContain('<p class="chart-na">n/a: needs marketing spend by channel (--spend)</p>');
    expect(out).not.toContain('id="chart-retention-waterfall"');
    expect(out).not.toContain('id="chart-channel-cac"');
    expect(out).not.toContain('id="chart-bookings-pipeline"');
    expect((out.match(/class="chart-na"/g) ?? []).length).toBe(4);
  });

  it('renders without a diagnosis or comparison', () => {
    const out = renderHtml(makeSampleReport({ diagnosis: false, comparison: false }));
    expect(out).toContain('The diagnosis is not available in this report.');
    expect(out).not.toContain('id="changes"');
    for (const id of CHART_IDS) expect(out).toContain(`id="${id}"`);
  });

  it('is deterministic', () => {
    expect(renderHtml(makeSampleReport())).toBe(html);
  });
});

describe('charts', () => {
  it('niceMax rounds an axis up to 1, 2, 2.5 or 5 × 10^k', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(1_367_200)).toBe(2_000_000);
    expect(niceMax(2.4)).toBe(2.5);
    expect(niceMax(0.462)).toBe(0.5);
    expect(niceMax(5)).toBe(5);
  });

  it('sparkline maps the smallest to ▁, the largest to █, a gap to ·', () => {
    expect(sparkline([0, 1, null, 7])).toBe('▁▂·█');
    expect(sparkline([3, 3])).toBe('▄▄');
    expect(sparkline([])).toBe('');
  });

  const charts: [string, string][] = [
    [
      'monthly',
      monthlyBarsLineChart({
        id: 'c1"><x',
        title: HOSTILE.script,
        months: ['2025-01', '2025-02', '2025-03'],
        bars: { label: HOSTILE.img, values: [1, null, 3] },
        line: { label: 'Pipeline', values: [2, 3, null] },
        currency: 'USD',
        window: { after: '2025-01', through: '2025-03' },
      }),
    ],
    [
      'trend',
      trendPanelsChart({
        id: 'c2',
        title: 't',
        months: ['2025-01', '2025-02'],
        panels: [{ label: HOSTILE.img, values: [0.2, 0.3], format: (v) => String(v), color: '#000', reference: { value: 0.25, label: HOSTILE.script } }],
      }),
    ],
    ['waterfall', retentionWaterfallChart({ id: 'c3', title: 'w', currency: 'EUR', start: 100, churn: 10, contraction: 5, expansion: 20, end: 105, caption: HOSTILE.script })],
    ['channels', channelSpendCacChart({ id: 'c4', title: 'c', currency: 'USD', rows: [{ channel: HOSTILE.img, spend: 10, cac: null }, { channel: HOSTILE.script, spend: 5, cac: 2 }], blendedCac: 2 })],
    ['areas', areaScoresChart({ id: 'c5', title: 'a', rows: [{ title: HOSTILE.script, score: 55, grade: 'F' }, { title: 'b', score: null, grade: null }] })],
  ];

  it.each(charts)('%s: one escaped SVG element, with a title, no raw input markup', (_n, svg) => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).toContain('<title id=');
    expect(svg).not.toMatch(/<script|<img|"><x/);
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    // every opened element closes (self-closing or explicit)
    const opened = (svg.match(/<([a-z]+)[^>]*[^/]>/g) ?? []).length;
    const closed = (svg.match(/<\/[a-z]+>/g) ?? []).length;
    expect(opened).toBe(closed);
  });
});
