import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Threads without isolation: measured fastest on 2 cores (test files share the transformed
// modules instead of re-importing src/ per file). Tests must therefore not leave global state
// behind (no process.chdir, restore any seam they replace); the CLI runs in-process through an
// injected Io (test/helpers/cli.ts).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'threads',
    isolate: false,
    // one worker per core: vitest's run-mode default leaves one core idle, and on our 2-core
    // machines that is a single worker (npm test 56-64 s against 40 s with two, measured side by side)
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
