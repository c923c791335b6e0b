/**
 * init's pure helpers: stage suggestions (never "open" for a closed stage), the segment and what
 * it rests on, and the column guesses for a missing required field.
 */
import { describe, expect, it } from 'vitest';
import { suggestSegmentFrom, suggestStageStatus, type DetectedFile } from '../../src/config/init.js';
import { confidentGuess, guessColumn } from '../../src/ingest/column-guess.js';

describe('suggestStageStatus', () => {
  it.each([
    ['Closed: abandoned', 'lost'],
    ['Closed Lost - No budget', 'lost'],
    ['Closed', 'lost'],
    ['Abandoned', 'lost'],
    ['Disqualified', 'lost'],
    ['Closed - Disqualified', 'lost'],
    ['Churned', 'lost'],
    ['No decision', 'lost'],
    ['Closed Won', 'won'],
    ['Closed-Won (paid)', 'won'],
    ['Contract signed', 'won'],
    ['Not won', 'lost'],
    ['Stalled', 'open'],
    ['Demo booked', 'open'],
    ['Discovery call', 'open'],
    ['Legal review', 'open'],
  ] as const)('"%s" -> %s', (stage, expected) => {
    expect(suggestStageStatus(stage)).toBe(expected);
  });
});

const file = (over: Partial<DetectedFile>): DetectedFile => ({
  kind: 'deals', file: 'deals.csv', preset: 'generic', presetTitle: 'generic', columns: {}, unmappedStages: [], medianWonAmount: null, ...over,
});

describe('suggestSegmentFrom', () => {
  it.each([
    ['median won deal', [file({ medianWonAmount: 12000, wonCount: 5 })], 'smb', 'from the median won deal 12,000 over 5 won deals'],
    ['large won deals', [file({ medianWonAmount: 120000, wonCount: 3 })], 'enterprise', 'from the median won deal 120,000 over 3 won deals'],
    ['subscriptions ARR when no win', [file({ medianAmount: 90000 }), file({ kind: 'subscriptions', medianWonAmount: null, medianArr: 40000 })], 'mid-market', 'from the median ARR per subscription 40,000'],
    ['all deal amounts as a last resort', [file({ medianAmount: 90000 })], 'enterprise', 'from the median deal amount 90,000 (no deal is known to be won yet, so open and lost deals are included)'],
    ['nothing to judge from', [file({})], 'mixed', 'no deal or subscription amounts to judge from'],
  ] as const)('%s', (_name, files, segment, basis) => {
    expect(suggestSegmentFrom(files)).toEqual({ segment, basis });
  });
});

describe('guessColumn', () => {
  const header = ['id', 'opened_on', 'closed_on', 'deal_size', 'stage'];
  const rows = [
    ['1', '2025-01-02', '2025-02-01', '12,000', 'won'],
    ['2', '2025-01-05', '', '9000', 'open'],
    ['3', '2025-02-11', '2025-03-30', '15000', 'lost'],
  ];

  it.each([
    // field, columns already mapped, expected best header, confident?
    ['created', [2, 3, 4], 'opened_on', true],
    ['amount', [1, 2, 4], 'deal_size', true],
    ['closed', [1, 3, 4], 'closed_on', true],
  ] as const)('%s -> %s', (field, taken, best, confident) => {
    const ranked = guessColumn(field, header, rows, new Set(taken));
    expect(ranked[0]?.header).toBe(best);
    expect(confidentGuess(ranked) !== null).toBe(confident);
  });

  it('Fivetran date_day is the first guess for a spend period', () => {
    const ranked = guessColumn('period', ['source_relation', 'date_day', 'platform', 'spend'], [['google_ads.daily', '2025-08-10', 'Google Ads', '105.00']], new Set([2, 3]));
    expect(ranked[0]?.header).toBe('date_day');
    expect(confidentGuess(ranked)?.header).toBe('date_day');
  });

  it('no confident guess when the name says nothing or the values do not fit', () => {
    const ranked = guessColumn('created', ['id', 'notes', 'when'], [['1', 'hello', 'yesterday']], new Set([0]));
    expect(confidentGuess(ranked)).toBeNull();
  });
});
