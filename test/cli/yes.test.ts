/**
 * `--yes` on every path that may ask a question: init is the only command that prompts, and each of
 * its questions (which file, which column, what a stage means, company, segment, currency) has a
 * --yes answer; `init --from-current` asks nothing and accepts --yes too. Never refused, in CI or
 * on a pipe (tests never have a TTY).
 */
import { copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCliAsync, tempDir } from '../helpers/cli.js';

function generic(extra: Record<string, string> = {}): string {
  const dir = tempDir(extra);
  for (const f of readdirSync(join(ROOT, 'fixtures', 'flavours', 'generic'))) {
    if (f.endsWith('.csv')) copyFileSync(join(ROOT, 'fixtures', 'flavours', 'generic', f), join(dir, f));
  }
  return dir;
}

describe('--yes answers every question init may ask', () => {
  it.each([
    // scenario, files, flags, env, a line stderr must show
    ['plain folder', {}, ['--yes'], {}, 'deals: found deals.csv by its header'],
    ['short flag -y, in CI', {}, ['-y'], { CI: 'true' }, 'deals: found deals.csv by its header'],
    ['two files look like deals (which one?)', { 'deals_copy.csv': 'COPY' }, ['--yes'], {}, 'chosen over deals_copy.csv'],
    ['a stage the reader cannot settle (what does it mean?)', { 'deals.csv': 'id,amount,stage,created,closed\n1,12000,won,2025-01-02,2025-02-03\n2,15000,Stalled,2025-03-01,2025-06-30\n' }, ['--yes'], {}, '"Stalled" (1 row)'],
  ] as const)('%s', async (_name, files, flags, env, line) => {
    const dir = generic();
    for (const [f, text] of Object.entries(files)) {
      // COPY: a second deals-like file, the same content under another name
      if (text === 'COPY') copyFileSync(join(dir, 'deals.csv'), join(dir, f));
      else writeFileSync(join(dir, f), text);
    }
    const init = await runCliAsync(['init', dir, ...flags], { env });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr).not.toContain('unknown option');
    expect(init.stderr).toContain(line);
    expect(existsSync(join(dir, 'revhealth.config.json'))).toBe(true);
  });

  it('without --yes and without a terminal, init says to pass --yes', async () => {
    const init = await runCliAsync(['init', generic()]);
    expect(init.code).toBe(2);
    expect(init.stderr).toContain('pass --yes');
  });

  it.each([['--yes'], ['-y'], ['--yes', '--force']])('init --from-current %s is accepted, twice with --force', async (...flags) => {
    const dir = generic();
    expect((await runCliAsync(['init', dir, '--yes'])).code).toBe(0);
    const first = await runCliAsync(['init', dir, '--from-current', ...flags, '--as-of', '2025-12-31']);
    expect(first.code, first.stderr).toBe(0);
    expect(existsSync(join(dir, 'revhealth.ratchet.json'))).toBe(true);
    const again = await runCliAsync(['init', dir, '--from-current', ...flags, '--force', '--as-of', '2025-12-31']);
    expect(again.code, again.stderr).toBe(0);
  });
});

