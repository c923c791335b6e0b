/**
 * revhealth init: --yes on each export flavour writes a config that audit then uses without
 * edits; the interactive flow is driven in a real terminal (tmux) with typed answers.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { registerInit } from '../../src/cli/commands/init.js';
import type { Prompts } from '../../src/cli/prompts.js';
import { BIN, ROOT, hasStackTrace, runCliAsync, tempDir } from '../helpers/cli.js';

const FLAVOURS: Record<string, string> = { hubspot: 'hubspot', salesforce: 'salesforce', pipedrive: 'pipedrive', generic: 'generic' };

function copyFixture(name: string): string {
  const dir = tempDir();
  for (const f of readdirSync(join(ROOT, 'fixtures', 'flavours', name))) {
    if (f.endsWith('.csv')) copyFileSync(join(ROOT, 'fixtures', 'flavours', name, f), join(dir, f));
  }
  return dir;
}

describe('init --yes', () => {
  it.each(Object.keys(FLAVOURS))('%s: writes a config that audit uses as is', async (name) => {
    const dir = copyFixture(name);
    const init = await runCliAsync(['init', dir, '--yes']);
    expect(init.code, init.stderr).toBe(0);
    const config = JSON.parse(readFileSync(join(dir, 'revhealth.config.json'), 'utf8')) as {
      inputs: { deals: { preset: string; file: string; columns: Record<string, string> } };
      company: Record<string, unknown>;
    };
    expect(config.inputs.deals.preset).toBe(FLAVOURS[name]);
    expect(config.inputs.deals.file).toBe('deals.csv');
    expect(config.inputs.deals.columns.amount).toBeTruthy();
    // nothing invented: margins and targets are left for the user
    expect(config.company.grossMargin).toBeUndefined();

    const audit = await runCliAsync(['audit', dir, '--format', 'json']);
    expect(audit.code, audit.stderr).toBe(0);
    const report = JSON.parse(audit.stdout) as { inputs: { kind: string; preset: string; rows: { rejected: number } }[] };
    const deals = report.inputs.find((i) => i.kind === 'deals');
    expect(deals?.preset).toBe(FLAVOURS[name]);
    expect(deals?.rows.rejected).toBe(0);
  });

  it('detects subscriptions and accounts files too, and audit reads them through the config', async () => {
    const dir = tempDir();
    for (const f of ['deals.csv', 'subscriptions.csv', 'accounts.csv']) copyFileSync(join(ROOT, 'fixtures', 'subscriptions', f), join(dir, f));
    const init = await runCliAsync(['init', dir, '--yes']);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr).toMatch(/^subscriptions: subscriptions\.csv — generic subscriptions layout$/m);
    expect(init.stderr).toMatch(/^accounts: accounts\.csv — generic accounts layout$/m);
    const config = JSON.parse(readFileSync(join(dir, 'revhealth.config.json'), 'utf8')) as { inputs: Record<string, { file: string; columns: Record<string, string> }> };
    expect(Object.keys(config.inputs).sort()).toEqual(['accounts', 'deals', 'subscriptions']);
    expect(config.inputs.subscriptions).toMatchObject({ file: 'subscriptions.csv', columns: { mrr: 'mrr', start: 'start_date' } });
    const audit = await runCliAsync(['audit', dir, '--format', 'json', '--as-of', '2025-06-30']);
    expect(audit.code, audit.stderr).toBe(0);
    const report = JSON.parse(audit.stdout) as { inputs: { kind: string; rows: { read: number; rejected: number } }[] };
    expect(report.inputs.map((i) => i.kind).sort()).toEqual(['accounts', 'deals', 'subscriptions']);
    for (const i of report.inputs) expect(i.rows.rejected, i.kind).toBe(0);
  });

  it('refuses to overwrite an existing config without --force, and refuses to prompt without a terminal', async () => {
    const dir = copyFixture('generic');
    expect((await runCliAsync(['init', dir, '--yes'])).code).toBe(0);
    const again = await runCliAsync(['init', dir, '--yes']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect((await runCliAsync(['init', dir, '--yes', '--force'])).code).toBe(0);
    const piped = await runCliAsync(['init', dir, '--force']);
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain('--yes');
    expect(hasStackTrace(piped.stderr)).toBe(false);
  });
});

interface InitConfig {
  company: { segment: string; currency: string };
  inputs: Record<string, { file: string; preset: string; columns: Record<string, string>; stages?: Record<string, string[]> }>;
}
const readConfig = (dir: string): InitConfig => JSON.parse(readFileSync(join(dir, 'revhealth.config.json'), 'utf8')) as InitConfig;
interface AuditJson {
  inputs: { kind: string; preset: string; path: string; rows: { read: number; used: number; rejected: number } }[];
}

describe('init without dead ends', () => {
  it('init DIR then audit DIR works whatever the files are named (found by header, config paths relative to the config)', async () => {
    const dir = tempDir();
    copyFileSync(join(ROOT, 'fixtures', 'flavours', 'salesforce', 'deals.csv'), join(dir, 'Opportunity.csv'));
    copyFileSync(join(ROOT, 'fixtures', 'spend', 'google-ads', 'Campaign report.csv'), join(dir, 'Campaign report.csv'));
    const init = await runCliAsync(['init', dir, '--yes']);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr).toContain('deals: found Opportunity.csv by its header');
    expect(init.stderr).toContain('spend: found Campaign report.csv by its header');
    const config = readConfig(dir);
    expect(config.inputs.deals).toMatchObject({ file: 'Opportunity.csv', preset: 'salesforce' });
    expect(config.inputs.spend).toMatchObject({ file: 'Campaign report.csv', preset: 'google_ads', columns: { amount: 'Cost', currency: 'Currency code' } });
    // run from another folder: the paths are read relative to the config, not the working directory
    const audit = await runCliAsync(['audit', dir, '--format', 'json'], { cwd: tempDir() });
    expect(audit.code, audit.stderr).toBe(0);
    const report = JSON.parse(audit.stdout) as AuditJson;
    expect(report.inputs.map((i) => [i.kind, i.preset, i.rows])).toEqual([
      ['deals', 'salesforce', { read: 12, used: 12, rejected: 0 }],
      ['spend', 'google_ads', { read: 5, used: 5, rejected: 0 }],
    ]);
  });

  it('init --yes on a file missing a required column writes a confident guess and says so', async () => {
    const dir = tempDir({
      'deals.csv': 'id,amount,stage,opened_on,close_date\n1,12000,won,2025-01-02,2025-02-03\n2,9000,lost,2025-01-05,2025-02-10\n3,15000,open,2025-03-01,2025-06-30\n',
    });
    const init = await runCliAsync(['init', dir, '--yes']);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr).toContain('guessed: deals created date ← "opened_on"');
    expect(readConfig(dir).inputs.deals?.columns.created).toBe('opened_on');
    const audit = await runCliAsync(['audit', dir, '--format', 'json']);
    expect(audit.code, audit.stderr).toBe(0);
    expect((JSON.parse(audit.stdout) as AuditJson).inputs[0]?.rows).toEqual({ read: 3, used: 3, rejected: 0 });
  });

  it('a file under its vendor name that lacks one required column is still found, its column guessed, and audit DIR then reads it', async () => {
    const dir = tempDir({
      'Opportunity.csv': 'id,amount,stage,opened_on,close_date\n1,12000,won,2025-01-02,2025-02-03\n2,9000,lost,2025-01-05,2025-02-10\n3,15000,open,2025-03-01,2025-06-30\n',
    });
    const init = await runCliAsync(['init', dir, '--yes']);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr).toMatch(/^deals: found Opportunity\.csv by its header \(closest to deals, but no created date column: init asks which column holds it\)$/m);
    expect(init.stderr).toContain('guessed: deals created date ← "opened_on"');
    expect(readConfig(dir).inputs.deals).toMatchObject({ file: 'Opportunity.csv', columns: { created: 'opened_on' } });
    const audit = await runCliAsync(['audit', dir, '--format', 'json']);
    expect(audit.code, audit.stderr).toBe(0);
    expect((JSON.parse(audit.stdout) as AuditJson).inputs[0]?.rows).toEqual({ read: 3, used: 3, rejected: 0 });
  });

  it('init --yes without evidence for a missing column exits 2 with the exact config lines to add', async () => {
    const dir = tempDir({ 'deals.csv': 'id,amount,stage,close_date,notes\n1,12000,won,2025-02-03,hello\n2,9000,lost,2025-02-10,call back\n' });
    const init = await runCliAsync(['init', dir, '--yes']);
    expect(init.code).toBe(2);
    expect(init.stderr).toContain('deals.csv:1: deals: no column found for a required field (closest headers — created date: no header looks like it)');
    expect(init.stderr).toContain(JSON.stringify({ inputs: { deals: { columns: { created: '<the column holding the created date>' } } } }, null, 2));
    expect(hasStackTrace(init.stderr)).toBe(false);
    expect(existsSync(join(dir, 'revhealth.config.json'))).toBe(false);
  });

  it('a Fivetran ad_report needs no mapping: date_day is the period', async () => {
    const dir = tempDir();
    copyFileSync(join(ROOT, 'fixtures', 'spend', 'fivetran', 'ad_report.csv'), join(dir, 'ad_report.csv'));
    copyFileSync(join(ROOT, 'fixtures', 'flavours', 'generic', 'deals.csv'), join(dir, 'deals.csv'));
    const init = await runCliAsync(['init', dir, '--yes']);
    expect(init.code, init.stderr).toBe(0);
    expect(readConfig(dir).inputs.spend).toMatchObject({ file: 'ad_report.csv', preset: 'fivetran_ad_report', columns: { period: 'date_day', channel: 'platform', amount: 'spend' } });
  });

  it('accepts every global data flag', async () => {
    const dir = copyFixture('generic');
    const init = await runCliAsync(['init', dir, '--yes', '--no-color', '--quiet', '--date-format', 'DMY', '--threads', '1', '--max-field-size', '100000', '--debug']);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr).toBe('');
  });

  it('init --from-current --yes is accepted (it asks nothing anyway)', async () => {
    const dir = copyFixture('generic');
    expect((await runCliAsync(['init', dir, '--yes'])).code).toBe(0);
    const ratchet = await runCliAsync(['init', dir, '--from-current', '--yes', '--as-of', '2025-12-31']);
    expect(ratchet.code, ratchet.stderr).toBe(0);
    expect(existsSync(join(dir, 'revhealth.ratchet.json'))).toBe(true);
  });

  it('stage suggestions: closed / abandoned / lost stages never go under open (their words settle them); unsure ones are listed with row counts', async () => {
    const dir = tempDir({
      'deals.csv':
        'id,amount,stage,created,closed\n' +
        '1,12000,won,2025-01-02,2025-02-03\n2,9000,Closed: abandoned,2025-01-05,2025-02-10\n3,9000,Closed: abandoned,2025-01-06,2025-02-11\n' +
        '4,15000,Stalled,2025-03-01,2025-06-30\n5,8000,Disqualified - no budget,2025-03-02,2025-03-20\n6,7000,Closed,2025-03-03,2025-03-21\n',
    });
    const init = await runCliAsync(['init', dir, '--yes']);
    expect(init.code, init.stderr).toBe(0);
    // stages whose words settle them ("abandoned", "disqualified") are read as lost without a mapping (deals.ts)
    expect(readConfig(dir).inputs.deals?.stages).toBeUndefined();
    expect(init.stderr).not.toContain('Closed: abandoned');
    expect(init.stderr).toContain('"Closed" (1 row), "Stalled" (1 row)');
  });

  it('asks only about stages the reader cannot settle: a forecast category or a probability on a closed stage settles a custom stage', async () => {
    const dir = tempDir({
      'deals.csv':
        'id,amount,stage,created,closed,forecast_category,probability\n' +
        '1,12000,Contract countersigned,2025-01-02,2025-02-03,Closed,100\n2,9000,Closed (other),2025-01-05,2025-02-10,Omitted,0\n' +
        '3,15000,Tech review,2025-03-01,2025-06-30,Pipeline,40\n',
    });
    const init = await runCliAsync(['init', dir, '--yes']);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr).toContain('stage values not mapped');
    expect(init.stderr).toContain('"Tech review" (1 row)');
    expect(init.stderr).not.toContain('Contract countersigned');
    expect(init.stderr).not.toContain('Closed (other)');
  });

  it('suggests the segment from the won deals found through a status column, and says so', async () => {
    // Pipedrive: won 24,500 + 12,600 + 61,000 + 6,000 -> median 18,550 -> smb; currency EUR from Deal - Currency
    const dir = copyFixture('pipedrive');
    const init = await runCliAsync(['init', dir, '--yes']);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr).toContain('segment: smb (from the median won deal 18,550 over 4 won deals)');
    expect(readConfig(dir).company).toMatchObject({ segment: 'smb', currency: 'EUR' });
  });
});

describe('init finds the inputs as audit does (ingest/classify.ts)', () => {
  const folder = (): string => {
    const dir = copyFixture('generic');
    copyFileSync(join(dir, 'deals.csv'), join(dir, 'deals-old.csv'));
    writeFileSync(join(dir, 'notes.txt'), 'call the client back\nask for the renewals export\n');
    return dir;
  };

  it('--yes: two files that look like deals: the best by content is taken and said; files not read are listed', async () => {
    const dir = folder();
    const init = await runCliAsync(['init', dir, '--yes']);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr).toMatch(/^not read: .*notes\.txt — one column only: not a table$/m);
    expect(init.stderr).toMatch(/^deals: found deals\.csv by its header \(generic deals layout: .*chosen over deals-old\.csv \(same score, file name decides\)/m);
    expect(readConfig(dir).inputs.deals?.file).toBe('deals.csv');
  });

  it('interactive: asks which one, the best match first', async () => {
    const dir = folder();
    const asked: string[] = [];
    const prompts: Prompts = {
      input: async (_message, def) => def,
      select: async (message, choices, def) => {
        if (message.includes('look like deals')) {
          asked.push(message, ...choices.map((c) => c.name));
          return choices[1]!.value;
        }
        return def ?? (choices[0]?.value as never);
      },
      note: async () => undefined,
    };
    const err: string[] = [];
    const io: Io = { stdout: { write: () => undefined, isTTY: true }, stderr: { write: (t) => void err.push(t), isTTY: true }, cwd: dir, env: {}, stdinIsTTY: true };
    let code = -1;
    const program = new Command().exitOverride();
    registerInit(program, io, (c) => (code = c), prompts);
    await program.parseAsync(['init', dir], { from: 'user' });
    expect(code, err.join('')).toBe(0);
    expect(asked).toEqual(['2 files look like deals: which one?', 'deals.csv (best match)', 'deals-old.csv']);
    expect(readConfig(dir).inputs.deals?.file).toBe('deals-old.csv');
    expect(err.join('')).toContain('deals: found deals-old.csv by its header (chosen by you)');
  });
});

const hasTmux = spawnSync('tmux', ['-V']).status === 0;

/** A tmux session's commands: run tmux, read the screen, wait (10 s at most) for a text on it. */
function terminal(session: string) {
  const tmux = (...args: string[]) => spawnSync('tmux', args, { encoding: 'utf8' });
  const screen = () => tmux('capture-pane', '-p', '-t', session).stdout;
  const waitFor = async (text: string) => {
    for (let i = 0; i < 100; i++) {
      if (screen().includes(text)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for "${text}"; screen:\n${screen()}`);
  };
  return { tmux, screen, waitFor };
}

describe.skipIf(!hasTmux)('init, interactive in a real terminal (tmux)', () => {
  it('asks the questions, maps an unknown stage, and writes the answers', async () => {
    const dir = tempDir({
      'deals.csv':
        'id,amount,stage,created,closed,owner\n1,12000,won,2025-01-02,2025-02-03,Ann\n2,9000,lost,2025-01-05,2025-02-10,Bob\n3,15000,Stalled,2025-03-01,2025-06-30,Ann\n',
    });
    const session = `revhealth-init-${process.pid}`;
    const { tmux, waitFor } = terminal(session);
    tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', `cd ${dir} && env -u CI -u GITHUB_ACTIONS NO_COLOR=1 ${process.execPath} ${BIN} init . ; sleep 30`);
    try {
      await waitFor('Stage "Stalled" (1 row) means');
      tmux('send-keys', '-t', session, 'Enter'); // open (first choice)
      await waitFor('Company name');
      tmux('send-keys', '-t', session, 'C-u', 'Acme Test', 'Enter');
      await waitFor('Segment');
      tmux('send-keys', '-t', session, 'Enter'); // suggested
      await waitFor('Currency');
      tmux('send-keys', '-t', session, 'Enter');
      await waitFor('Gross margin');
      tmux('send-keys', '-t', session, '80', 'Enter');
      await waitFor('Operating');
      tmux('send-keys', '-t', session, '--', '-12', 'Enter');
      await waitFor('Fiscal year');
      tmux('send-keys', '-t', session, 'C-u', '4', 'Enter');
      await waitFor('Bookings target');
      tmux('send-keys', '-t', session, '250,000', 'Enter');
      await waitFor('wrote');
    } finally {
      tmux('kill-session', '-t', session);
    }
    const path = join(dir, 'revhealth.config.json');
    expect(existsSync(path)).toBe(true);
    const config = JSON.parse(readFileSync(path, 'utf8')) as {
      company: { name: string; segment: string; grossMargin: number; operatingMargin: number; fiscalYearStartMonth: number };
      targets: { nextQuarterBookings: number };
      inputs: { deals: { stages: { open: string[] } } };
    };
    expect(config.company).toMatchObject({ name: 'Acme Test', segment: 'smb', grossMargin: 0.8, operatingMargin: -0.12, fiscalYearStartMonth: 4 });
    expect(config.targets.nextQuarterBookings).toBe(250000);
    expect(config.inputs.deals.stages.open).toEqual(['Stalled']);
    const audit = await runCliAsync(['audit', dir, '--format', 'json']);
    expect(audit.code, audit.stderr).toBe(0);
    expect((JSON.parse(audit.stdout) as { rows: { rejected: number } }).rows.rejected).toBe(0);
  });

  it('asks which column holds a missing required field, best guess first', async () => {
    const dir = tempDir({
      'deals.csv': 'id,amount,stage,opened_on,close_date\n1,12000,won,2025-01-02,2025-02-03\n2,9000,lost,2025-01-05,2025-02-10\n',
    });
    const session = `revhealth-init-col-${process.pid}`;
    const { tmux, screen, waitFor } = terminal(session);
    tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '40', `cd ${dir} && env -u CI -u GITHUB_ACTIONS NO_COLOR=1 ${process.execPath} ${BIN} init . ; sleep 30`);
    try {
      await waitFor('which column holds the created date?');
      expect(screen()).toContain('opened_on (best guess)');
      tmux('send-keys', '-t', session, 'Enter');
      for (const prompt of ['Company name', 'Segment', 'Currency', 'Gross margin', 'Operating', 'Fiscal year', 'Bookings target']) {
        await waitFor(prompt);
        tmux('send-keys', '-t', session, 'Enter');
      }
      await waitFor('wrote');
    } finally {
      tmux('kill-session', '-t', session);
    }
    const config = JSON.parse(readFileSync(join(dir, 'revhealth.config.json'), 'utf8')) as { inputs: { deals: { columns: Record<string, string> } } };
    expect(config.inputs.deals.columns.created).toBe('opened_on');
  });
});
