/**
 * Thread defaults (src/io/parallel.ts threadsFor): one stream unless the machine has cores to
 * spare and the file is large; --threads never above the core count.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARALLEL_MIN_BYTES, PARALLEL_MIN_CORES, threadsFor } from '../../src/io/parallel.js';

const MB = 1024 * 1024;

describe('threadsFor', () => {
  it('pins the measured thresholds', () => {
    expect(PARALLEL_MIN_CORES).toBe(4);
    expect(DEFAULT_PARALLEL_MIN_BYTES).toBe(32 * MB);
  });

  it.each([
    // requested, file bytes, cores, expected
    [undefined, 100 * MB, 1, 1],
    [undefined, 100 * MB, 2, 1], // 2 cores: one thread measured faster at every size
    [undefined, 1000 * MB, 3, 1],
    [undefined, 32 * MB - 1, 4, 1], // below the size threshold
    [undefined, 32 * MB, 4, 4],
    [undefined, 100 * MB, 8, 4], // at most 4 by default
    [undefined, 100 * MB, 6, 4],
    [3, 1, 2, 2], // --threads capped at the core count
    [8, 100 * MB, 4, 4],
    [2, 1, 8, 2], // an explicit count below the cores is kept (the reader still skips files under 4 MB)
    [1, 100 * MB, 8, 1],
    [4, 100 * MB, 0, 1], // a platform reporting no cores: one stream
  ] as const)('requested %s, %i bytes, %i cores -> %i', (requested, bytes, cores, expected) => {
    expect(threadsFor(requested, bytes, cores)).toBe(expected);
  });
});
