/**
 * Issue 18: the engines, losses and funnel sections in terminal (80 columns), Markdown and HTML,
 * from a small company (two segments, a partner pipeline, lost reasons, spend with funnel counts).
 */
import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/audit/contract.js';
import { gradeEngines } from '../../src/diagnose/engine-grades.js';
import { computeChannelFunnel } from '../../src/metrics/channel-funnel.js';
import { computeEngines } from '../../src/metrics/engines.js';
import { computeChurnReasons, computeLossReasons, computeQuarterEndPricing } from '../../src/metrics/loss-reasons.js';
import { croReadBlocks, renderCroReadHtml, renderCroReadMarkdown, renderCroReadTerminal } from '../../src/report/cro-read.js';
import { escapeMarkdown } from '../../src/report/markdown.js';
import { PLAIN } from '../../src/report/text.js';
import { DEFAULT_PACK } from '../../src/rules/default-pack.js';
import { makeCtx, makeDataset, makeDeal, makeRenewal, makeSpend } from '../helpers/builders.js';

const ctx = makeCtx('2025-12-31');
const ds = makeDataset({
  deals: [
    makeDeal({ segment: 'SMB', status: 'won', amountCents: 1_000_000, closed: '2025-03-01', owner: 'Ann <b>', pipeline: 'Partner Pipeline', source: 'Paid Search', type: 'new' }),
    makeDeal({ segment: 'SMB', status: 'lost', amountCents: 1_000_000, closed: '2025-03-01', owner: 'Bo', pipeline: 'Sales', lostReason: 'Price', type: 'new' }),
    makeDeal({ segment: 'Mid-Market', status: 'won', amountCents: 5_000_000, closed: '2025-04-01', owner: 'Bo', pipeline: 'Sales', source: 'Referrals', type: 'new' }),
    makeDeal({ segment: 'Mid-Market', status: 'lost', amountCents: 4_000_000, closed: '2025-04-01', owner: 'Bo', pipeline: 'Partner Pipeline', lostReason: 'Competitor | <script>', type: 'new' }),
  ],
  renewals: [makeRenewal({ segment: 'SMB', renewalDate: '2025-05-01', arrBeforeCents: 1_000_000, arrAfterCents: 0 })],
  spend: [makeSpend({ channel: 'Paid Search', periodStart: '2025-03-01', leads: 10, mqls: 5, sqls: 2 })],
});
const report = {
  company: { name: 'T', segment: 'mixed', currency: 'USD' },
  engines: gradeEngines(computeEngines(ds, ctx), DEFAULT_PACK.rules),
  losses: { deals: computeLossReasons(ds, ctx), churn: computeChurnReasons(ds, ctx), quarterEndPricing: computeQuarterEndPricing(ds, ctx) },
  funnel: { channels: computeChannelFunnel(ds, ctx), winRate: null },
} as unknown as AuditReport;

describe('CRO read sections', () => {
  it('builds the three blocks in order', () => {
    expect(croReadBlocks(report).map((b) => b.id)).toEqual(['engines', 'losses', 'funnel']);
  });
  it('lays the terminal out in 80 columns, with the segment rows', () => {
    const lines = renderCroReadTerminal(report, PLAIN);
    for (const l of lines) expect([...l].length, l).toBeLessThanOrEqual(80);
    // Mid-Market: $50.0k booked, 50k of 60k = 83%, 1 of 2 won; SMB: $10.0k, 17%, GRR 0% (1 renewal: shown, too few to grade)
    expect(lines).toContain('  Mid-Market    $50.0k    83%    —  50%  $50.0k    90d    —    —      1/1');
    expect(lines).toContain('  SMB           $10.0k    17%    —  50%  $10.0k    59d   0%   0%      1/1');
    expect(lines.some((l) => l.includes('Direct vs partner'))).toBe(true);
  });
  it('escapes input text in Markdown and HTML', () => {
    const md = renderCroReadMarkdown(report, escapeMarkdown).join('\n');
    expect(md).toContain('## Engines by segment and motion');
    expect(md).not.toContain('<script>');
    expect(md).toContain('Competitor \\| &lt;script&gt;');
    const html = renderCroReadHtml(report, (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    expect(html).toContain('<section id="engines">');
    expect(html).not.toContain('<script>');
  });
  it('renders nothing for a report without the blocks (an older JSON)', () => {
    const old = { company: { currency: 'USD' } } as unknown as AuditReport;
    expect(renderCroReadTerminal(old, PLAIN)).toEqual([]);
    expect(renderCroReadHtml(old, (s) => s)).toBe('');
  });
});
