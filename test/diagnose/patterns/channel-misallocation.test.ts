/**
 * channel_misallocation: blended paid CAC 25,000; Paid Search 200,000 for 10 wins (20,000 each);
 * Paid Social at `socialCac` for 2 wins. Fires above 2× the blended CAC (50,000), watch from 1.5×
 * (37,500), channels under 5% of paid spend left out. Impact Σ (channel CAC − blended) × wins.
 */
import { channelMisallocation } from '../../../src/diagnose/patterns/channel-misallocation.js';
import type { MetricResult } from '../../../src/metrics/types.js';
import { PatternTester } from '../../helpers/pattern-tester.js';
import { describe, expect, it } from 'vitest';
import { detect, metric } from '../helpers.js';

const set = (socialCac: number, socialSpend = 100_000, extra: Record<string, number> = {}): MetricResult[] => [
  metric('cac_by_channel', 25_000, {
    spend: 200_000 + socialSpend,
    won: 12,
    unattributedWon: 3,
    'Paid Search.spend': 200_000,
    'Paid Search.won': 10,
    'Paid Search.cac': 20_000,
    'Paid Social.spend': socialSpend,
    'Paid Social.won': 2,
    'Paid Social.cac': socialCac,
    ...extra,
  }),
];

new PatternTester(channelMisallocation).run({
  valid: [
    { name: 'Paid Social at 30,000 (1.2× blended)', metrics: set(30_000) },
    { name: 'Paid Social at exactly 2× blended: a watch item', metrics: set(50_000), status: 'near', note: 'Paid Social $50.0k per won customer (2.00× blended; 2 wins on $100.0k): close to the 2.00× trigger against a blended paid CAC of $25.0k' },
    { name: 'an immaterial channel (10,000 of 210,000 paid spend, under 5%) at 8× blended', metrics: set(200_000, 10_000) },
    { name: 'no channel CAC: could not check', metrics: [metric('cac_by_channel', null)], status: 'missing' },
  ],
  invalid: [
    {
      name: 'Paid Social at 60,000: (60,000 − 25,000) × 2 wins = 70,000',
      metrics: set(60_000),
      impact: { annual: 70_000, formula: '(Paid Social CAC $60,000.00 − blended $25,000.00) × 2 wins = $70,000.00' },
      evidence: ['Paid Social $60.0k per won customer (2.40× blended; 2 wins on $100.0k), against a blended paid CAC of $25.0k (trigger: above 2.00×).', 'Other channels: Paid Search $20.0k.'],
      values: { cac_by_channel: 25_000, 'cac_by_channel.Paid Social.cac': 60_000, 'cac_by_channel.Paid Social.won': 2 },
    },
    { name: 'Paid Social a cent over 2×: 25,000.01 × 2 = 50,000.02', metrics: set(50_000.01), impact: { annual: 50_000.02 } },
    {
      name: 'a channel with spend and no won deal is named',
      metrics: set(60_000, 100_000, { 'Display.spend': 50_000, 'Display.won': 0 }),
      impact: { annual: 70_000 },
      evidence: ['Display has spend but no won deal sourced to it (possibly attributed to organic sources).'],
    },
  ],
});

describe('channel_misallocation reads the channels through the one details decoder (base/details.ts)', () => {
  it('lists flagged channels in the order the metric wrote them (by name: "Google" before "Google Ads")', () => {
    const d = detect('channel_misallocation', [
      metric('cac_by_channel', 10_000, {
        spend: 300_000,
        won: 30,
        unattributedWon: 0,
        'Email.spend': 100_000,
        'Email.won': 24,
        'Email.cac': 4_166.67,
        'Google.spend': 100_000,
        'Google.won': 2,
        'Google.cac': 50_000,
        'Google Ads.spend': 100_000,
        'Google Ads.won': 4,
        'Google Ads.cac': 25_000,
      }),
    ]);
    expect(d.fired).toBe(true);
    expect(d.evidence[0]).toMatch(/^Google \S+ per won customer .*; Google Ads \S+ per won customer /);
  });
});
