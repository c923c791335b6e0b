import { describe, expect, it } from 'vitest';
import { channelCacDetails, channelCacRows, type ChannelCacRow } from '../../src/base/details.js';

const rows: ChannelCacRow[] = [
  { channel: 'Google', spend: 1200, won: 3, cac: 400 },
  { channel: 'Google Ads', spend: 500, won: 0, cac: null },
  { channel: 'partner.io', spend: 90, won: 1, cac: 90 },
];

describe('cac_by_channel details', () => {
  it('are written as the flat keys of schema 1.x, in row order', () => {
    expect(channelCacDetails(rows)).toEqual({
      'Google.spend': 1200,
      'Google.won': 3,
      'Google.cac': 400,
      'Google Ads.spend': 500,
      'Google Ads.won': 0,
      'Google Ads.cac': null,
      'partner.io.spend': 90,
      'partner.io.won': 1,
      'partner.io.cac': 90,
    });
    expect(Object.keys(channelCacDetails(rows))[3]).toBe('Google Ads.spend');
  });

  it('read back as the same rows in the same order, beside the totals the metric adds (a JSON round trip included)', () => {
    const details = { ...channelCacDetails(rows), spend: 1790, won: 4, unattributedWon: 2 };
    expect(channelCacRows(details)).toEqual(rows);
    expect(channelCacRows(JSON.parse(JSON.stringify(details)) as typeof details)).toEqual(rows);
  });

  it.each([
    ['no details', null, []],
    ['only totals', { spend: 10, won: 1, unattributedWon: 0 }, []],
    ['spend not a number (hand-edited baseline)', { 'A.spend': '10', 'A.won': 1, 'A.cac': 10 }, []],
    ['won missing', { 'A.spend': 10, 'A.cac': 10 }, []],
    ['cac not a number reads as null', { 'A.spend': 10, 'A.won': 2, 'A.cac': 'x' }, [{ channel: 'A', spend: 10, won: 2, cac: null }]],
  ] as const)('%s', (_name, details, expected) => {
    expect(channelCacRows(details)).toEqual(expected);
  });
});
