/**
 * `--by owner|segment|source|pipeline` in every format, not only JSON; and `revhealth metrics`
 * within 80 columns, breakdowns included.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/audit/contract.js';
import type { BreakdownGroup, MetricResult } from '../../src/metrics/types.js';
import { ellipsize } from '../../src/report/breakdowns.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderAuditTerminal } from '../../src/report/terminal.js';
import { PLAIN } from '../../src/report/text.js';
import { runCliAsync } from '../helpers/cli.js';
import { makeSampleReport } from './sample-report.js';

const DIMENSIONS = ['owner', 'segment', 'source', 'pipeline'] as const;

/** A group with the four breakdown metrics set by hand. */
function group(r: AuditReport, name: string, closed: number, values: Record<string, number | null>): BreakdownGroup {
  const metrics = ['bookings', 'win_rate', 'avg_deal_size', 'sales_cycle_days'].map((id) => {
    const m = r.metrics.find((x) => x.id === id) as MetricResult;
    return { ...m, value: values[id] ?? null };
  });
  return { group: name, closedDeals: closed, isSmall: closed < 10, metrics };
}

function withOwners(): AuditReport {
  const r = makeSampleReport({ comparison: false });
  return {
    ...r,
    breakdowns: {
      owner: [
        group(r, 'Ana Lima', 40, { bookings: 1_250_000, win_rate: 0.25, avg_deal_size: 31_250, sales_cycle_days: 45 }),
        group(r, 'Bo <b>Xu</b> with a very long name that cannot fit its column', 4, { bookings: 60_000, win_rate: 0.5, avg_deal_size: 15_000, sales_cycle_days: 30 }),
      ],
    },
  };
}

describe('breakdowns in every format (hand-made groups)', () => {
  const r = withOwners();

  it('terminal: a BY OWNER table within 80 columns, long names cut with an ellipsis, small groups marked', () => {
    const out = renderAuditTerminal(r, { style: PLAIN, width: 80 });
    const lines = out.split('\n');
    expect(lines.filter((l) => [...l].length > 80)).toEqual([]);
    const at = lines.indexOf('BY OWNER  * = fewer than 10 closed deals');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 2]).toMatch(/^ {2}Owner +Bookings +Win rate +Avg deal +Cycle +Closed$/);
    expect(lines[at + 3]).toMatch(/^ {2}Ana Lima +\$1\.25M +25\.0% +\$31\.3k +45 d +40$/);
    expect(lines[at + 4]).toMatch(/^ {2}Bo <b>Xu<\/b> with a very long\S*… +\$60\.0k +50\.0% +\$15\.0k +30 d +4$/);
    expect(lines[at + 5]).toBe('  * fewer than 10 closed deals in the window: read with care');
  });

  it('markdown: a "Breakdown by owner" table with escaped names', () => {
    const md = renderMarkdown(r);
    expect(md).toContain('## Breakdown by owner');
    expect(md).toContain('| Owner | Bookings | Win rate | Avg deal | Cycle | Closed deals |');
    expect(md).toContain('| Ana Lima | \\$1.25M | 25.0% | \\$31.3k | 45 d | 40 |');
    expect(md).toContain('| Bo &lt;b&gt;Xu&lt;/b&gt; with a very long name that cannot fit its column \\* | \\$60.0k | 50.0% | \\$15.0k | 30 d | 4 |');
    expect(md).toContain('\\* fewer than 10 closed deals in the window: read with care.');
  });

  it('html: a "Breakdown by owner" section with escaped names', () => {
    const html = renderHtml(r);
    expect(html).toContain('<section id="breakdown-owner"><h2>Breakdown by owner</h2>');
    expect(html).toContain('<tr><td>Ana Lima</td><td class="num">$1.25M</td><td class="num">25.0%</td><td class="num">$31.3k</td><td class="num">45 d</td><td class="num">40</td></tr>');
    expect(html).toContain('<td>Bo &lt;b&gt;Xu&lt;/b&gt; with a very long name that cannot fit its column <span class="muted">*</span></td>');
  });

  it('nothing without --by', () => {
    const plain = makeSampleReport({ comparison: false });
    expect(renderAuditTerminal(plain, { style: PLAIN, width: 80 })).not.toContain('BY OWNER');
    expect(renderMarkdown(plain)).not.toContain('Breakdown by');
    expect(renderHtml(plain)).not.toContain('Breakdown by');
  });

  it.each([
    ['short', 10, 'short'],
    ['exactly10!', 10, 'exactly10!'],
    ['eleven char', 10, 'eleven ch…'],
    ['ééééééééééé', 5, 'éééé…'],
  ])('ellipsize(%j, %i) = %j', (s, w, want) => {
    expect(ellipsize(s, w)).toBe(want);
  });
});

describe.each(DIMENSIONS)('--by %s on the demo, every format', (by) => {
  let report: AuditReport;
  beforeAll(async () => {
    const res = await runCliAsync(['audit', 'fixtures/demo', '--format', 'json', '--by', by], { env: { NO_COLOR: '1' } });
    report = JSON.parse(res.stdout) as AuditReport;
  });

  it('every group shows in the terminal, Markdown and HTML', () => {
    const groups = report.breakdowns[by] ?? [];
    expect(groups.length).toBeGreaterThan(0);
    const term = renderAuditTerminal(report, { style: PLAIN, width: 80 });
    const md = renderMarkdown(report);
    const html = renderHtml(report);
    expect(term).toContain(`BY ${by.toUpperCase()}`);
    expect(md).toContain(`## Breakdown by ${by}`);
    expect(html).toContain(`<section id="breakdown-${by}">`);
    for (const g of groups) {
      const cut = g.group.length > 20 ? g.group.slice(0, 15) : g.group;
      expect(term, g.group).toContain(cut);
      expect(md, g.group).toContain(`| ${g.group.replace(/[_*\\[\]|]/g, (c) => `\\${c}`)}`);
      expect(html, g.group).toContain(`<tr><td>${g.group.replace(/&/g, '&amp;')}`);
    }
    expect(term.split('\n').filter((l) => [...l].length > 80)).toEqual([]);
  });

  it('revhealth metrics prints every line within 80 columns, the breakdown included', async () => {
    const res = await runCliAsync(['metrics', 'fixtures/demo', '--by', by], { env: { NO_COLOR: '1' } });
    expect(res.code).toBe(0);
    const lines = res.stdout.split('\n');
    expect(lines.filter((l) => [...l].length > 80)).toEqual([]);
    expect(lines).toContain(`BY ${by.toUpperCase()}`);
    for (const g of report.breakdowns[by] ?? []) expect(res.stdout).toContain(g.group.slice(0, 15));
  });
});

it('revhealth metrics without --by prints every line within 80 columns', async () => {
  const res = await runCliAsync(['metrics', 'fixtures/demo'], { env: { NO_COLOR: '1' } });
  expect(res.code).toBe(0);
  const lines = res.stdout.split('\n');
  expect(lines.length).toBeGreaterThan(40);
  expect(lines.filter((l) => [...l].length > 80)).toEqual([]);
  expect(lines.filter((l) => /\s$/.test(l))).toEqual([]);
});
