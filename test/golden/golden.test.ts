/**
 * Golden reports: the whole demo audit in each format, from the CLI run in-process, at the demo's fixed
 * as-of date. A change in any number or wording shows up as a diff to review.
 * Update deliberately with `npx vitest run test/golden -u` (never in CI) and read the diff.
 */
import { describe, expect, it } from 'vitest';
import { runCliAsync } from '../helpers/cli.js';

const AS_OF = '2025-12-31';

describe('golden reports on fixtures/demo', () => {
  it.each([
    ['terminal', 'demo.txt'],
    ['md', 'demo.md'],
    ['json', 'demo.json'],
  ])('%s', async (format, file) => {
    const res = await runCliAsync(['audit', 'fixtures/demo', '--format', format, '--as-of', AS_OF, '--threads', '1']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    await expect(res.stdout).toMatchFileSnapshot(`./${file}`);
  });

  it('terminal with colour keeps its escape codes (FORCE_COLOR) and differs from plain only by them', async () => {
    const coloured = await runCliAsync(['audit', 'fixtures/demo', '--as-of', AS_OF], { env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    expect(coloured.stdout).toContain('\u001b[');
    const plain = await runCliAsync(['audit', 'fixtures/demo', '--as-of', AS_OF]);
    // eslint-disable-next-line no-control-regex
    expect(coloured.stdout.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain.stdout);
  });
});
