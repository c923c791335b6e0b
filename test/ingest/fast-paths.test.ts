/**
 * The allocation-free fast paths must agree with the full parsers wherever they answer
 * (they return NaN to hand a cell over to the full parser).
 */
import { describe, expect, it } from 'vitest';
import { QUICK_INVALID, parseAmount, parseDate, quickCents, quickIsoDay } from '../../src/ingest/cells.js';

const AMOUNTS = [
  '0', '7', '12500', '12500.5', '12500.50', '0.5', '0.05', '.5', '5.', '1.250', '1.255', '0.125', '1234.567', '12,500',
  '-5', '+5', '$5', '1e6', ' 5', '', '9999999999999', '99999999999999', '999999999999999', '9999999999999999',
  '9999999999999.99', '00012', '1.2.3',
];
const DATES = [
  '2025-03-31', '2025-02-30', '2024-02-29', '2023-02-29', '2025-13-01', '2025-00-10', '2025-03-31 14:05', '2025-03-31T14:05',
  '2025-03-31 14:05:59', '2025-03-31T14:05:59', '2025-03-31 24:00', '2025-03-31x14:05', '2025/03/31', '25-03-31', '2025-3-31',
  '0000-01-01', '1900-02-29', '2000-02-29',
];

describe('fast paths agree with the full parsers', () => {
  it.each(AMOUNTS)('quickCents(%j)', (raw) => {
    const q = quickCents(raw);
    if (Number.isNaN(q)) return;
    const full = parseAmount(raw);
    expect(full.kind === 'ok' ? full.cents : full.kind).toBe(q);
  });

  it.each(DATES)('quickIsoDay(%j)', (raw) => {
    const q = quickIsoDay(raw);
    if (Number.isNaN(q)) return;
    const full = parseDate(raw);
    expect(full.kind === 'day' ? full.day : full.kind).toBe(q === QUICK_INVALID ? 'invalid' : q);
  });
});
