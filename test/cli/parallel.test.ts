/**
 * The parallel reader (worker threads over byte ranges) must give byte-identical audits to the
 * single stream. --parallel-min-bytes 0 forces splitting even the small fixtures.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const CASES = ['fixtures/demo', 'fixtures/dirty', 'fixtures/flavours/hubspot', 'fixtures/flavours/salesforce', 'fixtures/flavours/generic'];

describe('parallel ingest', () => {
  it.each(CASES)('%s: 1 thread and 3 threads give identical JSON', (dir) => {
    const single = runCli(['audit', dir, '--format', 'json', '--threads', '1', '--as-of', '2025-12-31']);
    const parallel = runCli(['audit', dir, '--format', 'json', '--threads', '3', '--parallel-min-bytes', '0', '--as-of', '2025-12-31']);
    expect(single.code).toBe(parallel.code);
    expect(single.stdout.length).toBeGreaterThan(1000);
    expect(parallel.stdout).toBe(single.stdout);
  });

  it.each(CASES)('%s: identical JSON when the workers send records in batches of 7 (ranges interleave on the main thread)', (dir) => {
    const single = runCli(['audit', dir, '--format', 'json', '--threads', '1', '--as-of', '2025-12-31']);
    const parallel = runCli(['audit', dir, '--format', 'json', '--threads', '3', '--parallel-min-bytes', '0', '--parallel-batch-records', '7', '--as-of', '2025-12-31']);
    expect(parallel.code).toBe(single.code);
    expect(parallel.stdout).toBe(single.stdout);
  });

  it('validate: identical row accounting and rejects on the dirty fixture', () => {
    const single = runCli(['validate', 'fixtures/demo', '--format', 'json', '--threads', '1']);
    const parallel = runCli(['validate', 'fixtures/demo', '--format', 'json', '--threads', '2', '--parallel-min-bytes', '0']);
    expect(parallel.stdout).toBe(single.stdout);
    expect(JSON.parse(single.stdout).rows.rejected).toBeGreaterThan(0);
  });
});
