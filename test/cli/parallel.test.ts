/**
 * The parallel reader (worker threads over byte ranges) must give byte-identical audits to the
 * single stream. --parallel-min-bytes 0 forces splitting even the small fixtures.
 *
 * The workers load the built JavaScript, so the threaded runs go through the built CLI (all of
 * them in one child process: test/helpers/cli.ts runBuiltBatch; `npm test` builds first); the
 * single-stream reference runs in-process from src/.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runBuiltBatch, runCliAsync, type CliResult } from '../helpers/cli.js';

const CASES = ['fixtures/demo', 'fixtures/dirty', 'fixtures/flavours/hubspot', 'fixtures/flavours/salesforce', 'fixtures/flavours/generic'];
const AUDIT = (dir: string): string[] => ['audit', dir, '--format', 'json', '--as-of', '2025-12-31'];
const THREADED = (dir: string): string[] => [...AUDIT(dir), '--threads', '3', '--parallel-min-bytes', '0'];
const BATCHED = (dir: string): string[] => [...THREADED(dir), '--parallel-batch-records', '7'];
const VALIDATE = ['validate', 'fixtures/demo', '--format', 'json'];

const single = new Map<string, CliResult>();
const threaded = new Map<string, CliResult>();
const batched = new Map<string, CliResult>();
let validateSingle: CliResult;
let validateThreaded: CliResult;

beforeAll(async () => {
  const built = runBuiltBatch([...CASES.map(THREADED), ...CASES.map(BATCHED), [...VALIDATE, '--threads', '2', '--parallel-min-bytes', '0']]);
  CASES.forEach((dir, k) => {
    threaded.set(dir, built[k] as CliResult);
    batched.set(dir, built[CASES.length + k] as CliResult);
  });
  validateThreaded = built[2 * CASES.length] as CliResult;
  for (const dir of CASES) single.set(dir, await runCliAsync([...AUDIT(dir), '--threads', '1']));
  validateSingle = await runCliAsync([...VALIDATE, '--threads', '1']);
}, 120_000);

describe('parallel ingest', () => {
  it.each(CASES)('%s: 1 thread and 3 asked (as many as the cores allow) give identical JSON', (dir) => {
    const one = single.get(dir) as CliResult;
    const three = threaded.get(dir) as CliResult;
    expect(three.code).toBe(one.code);
    expect(one.stdout.length).toBeGreaterThan(1000);
    expect(three.stdout).toBe(one.stdout);
  });

  it.each(CASES)('%s: identical JSON when the workers send records in batches of 7 (ranges interleave on the main thread)', (dir) => {
    const one = single.get(dir) as CliResult;
    const three = batched.get(dir) as CliResult;
    expect(three.code).toBe(one.code);
    expect(three.stdout).toBe(one.stdout);
  });

  it('validate: identical row accounting and rejects on the dirty fixture', () => {
    expect(validateThreaded.stdout).toBe(validateSingle.stdout);
    expect(JSON.parse(validateSingle.stdout).rows.rejected).toBeGreaterThan(0);
  });
});
