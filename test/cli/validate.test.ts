/**
 * Issue 2, `revhealth validate`, run in-process through run(argv, io).
 *
 * - "`revhealth validate fixtures/demo` reports the planted dirty rows as rejected with line
 *   numbers and reasons, and `rows read = used + rejected` for every file"
 * - "Each export flavour fixture is detected as its preset and ingested with zero rejects"
 * - "Every failure fixture gives exit 2 and a message that names the file and (where it applies)
 *   the line and column; none prints a stack trace"
 *
 * Expected rejects are read from the fixtures' READMEs (the generator writes fixtures/demo/README.md),
 * so a regenerated fixture keeps this test honest without editing it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { hasStackTrace, ROOT, runCliAsync, tempDir, type CliResult } from '../helpers/cli.js';

// The beforeAll hooks start batches of runs; on a loaded 2-core machine a batch can take > 10 s.
vi.setConfig({ hookTimeout: 120_000 });

const run = runCliAsync;

interface FileJson {
  kind: string;
  path: string;
  preset: string;
  dateOrder: string | null;
  rows: { read: number; used: number; rejected: number };
  rejectedByReason: Record<string, number>;
  rejects: { line: number; column: string | null; columnIndex: number | null; value: string | null; code: string; reason: string }[];
  warnings: { code: string; message: string }[];
  dateRange: { min: string; max: string } | null;
}
interface ValidateJson {
  schemaVersion: number;
  usable: boolean;
  rows: { read: number; used: number; rejected: number };
  files: FileJson[];
}

interface ExpectedReject {
  line: number;
  column: string;
  value: string;
  code: string;
}

/** Rows of the README table under `heading` whose first cell is a line number. */
function readmeTable(readme: string, heading: string): string[][] {
  const at = readme.indexOf(heading);
  if (at < 0) throw new Error(`README has no "${heading}" section`);
  const rows: string[][] = [];
  for (const line of readme.slice(at).split('\n').slice(1)) {
    if (line.startsWith('## ')) break;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (cells.length > 0 && /^\d+$/.test(cells[0] as string)) rows.push(cells);
  }
  return rows;
}

const unquote = (cell: string): string => {
  const v = cell.replace(/^`|`$/g, '');
  return v === '(blank)' ? '' : v;
};

function accountingHolds(j: ValidateJson): void {
  for (const f of j.files) {
    expect(f.rows.read, `${f.path}: read = used + rejected`).toBe(f.rows.used + f.rows.rejected);
    expect(f.rejects, `${f.path}: one reject entry per rejected row`).toHaveLength(f.rows.rejected);
    const byReason = Object.values(f.rejectedByReason).reduce((a, n) => a + n, 0);
    expect(byReason, `${f.path}: rejectedByReason sums to rejected`).toBe(f.rows.rejected);
  }
  const sum = (k: 'read' | 'used' | 'rejected') => j.files.reduce((a, f) => a + f.rows[k], 0);
  expect(j.rows).toEqual({ read: sum('read'), used: sum('used'), rejected: sum('rejected') });
  expect(j.rows.read).toBe(j.rows.used + j.rows.rejected);
}

// ---------------------------------------------------------------------------------------------

describe('validate fixtures/demo', () => {
  const readme = readFileSync(join(ROOT, 'fixtures/demo/README.md'), 'utf8');
  // | line | column | value | expected reject code | why |
  const expected: ExpectedReject[] = readmeTable(readme, '## Rows the ingest must reject').map((c) => ({
    line: Number(c[0]),
    column: c[1] as string,
    value: unquote(c[2] as string),
    code: unquote(c[3] as string),
  }));
  const counts = /Rows read: \*\*(\d+)\*\*; used: \*\*(\d+)\*\*; rejected: \*\*(\d+)\*\*/.exec(readme);
  let json: ValidateJson;
  let terminal: CliResult;

  beforeAll(async () => {
    const [j, t] = await Promise.all([run(['validate', 'fixtures/demo', '--format', 'json']), run(['validate', 'fixtures/demo'])]);
    expect(j.code, j.stderr).toBe(0);
    json = JSON.parse(j.stdout) as ValidateJson;
    terminal = t;
  });

  it('the README lists the planted rejects and the deal row counts', () => {
    expect(expected.length).toBeGreaterThan(0);
    expect(counts).not.toBeNull();
    expect(Number(counts?.[3])).toBe(expected.length);
  });

  it('rows read = used + rejected for every file and in total', () => {
    expect(json.usable).toBe(true);
    expect(json.files.map((f) => f.kind)).toEqual(['deals', 'spend', 'renewals']);
    accountingHolds(json);
  });

  it('deals.csv: read, used and rejected as the README says', () => {
    const deals = json.files.find((f) => f.kind === 'deals') as FileJson;
    expect(deals.preset).toBe('hubspot');
    expect(deals.rows).toEqual({ read: Number(counts?.[1]), used: Number(counts?.[2]), rejected: Number(counts?.[3]) });
    for (const f of json.files.filter((x) => x.kind !== 'deals')) expect(f.rows.rejected, f.path).toBe(0);
  });

  it('every planted dirty row is rejected at its line, with its column, value, code and a reason', () => {
    const deals = json.files.find((f) => f.kind === 'deals') as FileJson;
    expect(deals.rejects.map((r) => r.line)).toEqual(expected.map((e) => e.line));
    for (const e of expected) {
      const r = deals.rejects.find((x) => x.line === e.line);
      expect(r, `line ${e.line}`).toMatchObject({ line: e.line, column: e.column, value: e.value, code: e.code });
      expect(r?.reason.length, `line ${e.line} has a reason`).toBeGreaterThan(10);
      expect(r?.columnIndex).toBeGreaterThan(0);
    }
  });

  it('the duplicate id reject points at the first occurrence', () => {
    const deals = json.files.find((f) => f.kind === 'deals') as FileJson;
    const dup = deals.rejects.find((r) => r.code === 'duplicate_id');
    const first = /first seen on line (\d+)/.exec(readme)?.[1];
    expect(first).toBeDefined();
    expect(dup?.reason).toContain(`line ${first}`);
  });

  it('the terminal report prints each reject as file:line:column, code and reason', () => {
    expect(terminal.code).toBe(0);
    const deals = json.files.find((f) => f.kind === 'deals') as FileJson;
    for (const r of deals.rejects) {
      expect(terminal.stdout).toContain(`fixtures/demo/deals.csv:${r.line}:${r.columnIndex}  ${r.code}  ${r.reason}`);
    }
    expect(terminal.stdout).toMatch(/3,696 rows read: 3,691 used, 5 rejected/);
    expect(hasStackTrace(terminal.stdout + terminal.stderr)).toBe(false);
  });
});

describe('validate fixtures/dirty', () => {
  const readme = readFileSync(join(ROOT, 'fixtures/dirty/README.md'), 'utf8');
  // | line | id | column | value | expected reject code | reason |; rows whose code cell is a bare `code` are rejects.
  const table = readmeTable(readme, '| line |');
  const rejects = table.filter((c) => /^`[a-z_]+`$/.test(c[4] as string)).map((c) => ({ line: Number(c[0]), column: c[2] as string, code: unquote(c[4] as string) }));
  const counts = /(\d+) data rows read, (\d+) used, (\d+) rejected/.exec(readme);
  let json: ValidateJson;
  let strict: CliResult;
  let rejectsCsv: string;

  beforeAll(async () => {
    const dir = tempDir();
    const out = join(dir, 'rejects.csv');
    const [j, s] = await Promise.all([
      run(['validate', 'fixtures/dirty', '--format', 'json', '--rejects', out]),
      run(['validate', 'fixtures/dirty', '--strict']),
    ]);
    expect(j.code, j.stderr).toBe(0);
    json = JSON.parse(j.stdout) as ValidateJson;
    strict = s;
    rejectsCsv = readFileSync(out, 'utf8');
  });

  it('rejects exactly the README rows, with accounting that adds up', () => {
    expect(counts).not.toBeNull();
    accountingHolds(json);
    const deals = json.files[0] as FileJson;
    expect(deals.rows).toEqual({ read: Number(counts?.[1]), used: Number(counts?.[2]), rejected: Number(counts?.[3]) });
    expect(deals.rejects.map((r) => ({ line: r.line, column: r.column, code: r.code }))).toEqual(rejects);
  });

  it('--strict exits 2 when any row is rejected, saying how many, without a stack trace', () => {
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/--strict/);
    expect(strict.stderr).toContain(`${counts?.[3]} of ${counts?.[1]} rows rejected`);
    expect(hasStackTrace(strict.stderr)).toBe(false);
  });

  it('--rejects FILE writes every reject with file, line, column, code and reason', () => {
    const lines = rejectsCsv.trimEnd().split('\n');
    // every cell quoted (a `;` or tab inside a value cannot start a new cell)
    expect(lines[0]).toMatch(/^"file","line","column","code","reason"(,"field_\d+")*$/);
    expect(lines).toHaveLength(1 + rejects.length);
    rejects.forEach((r, i) => {
      expect(lines[i + 1]?.startsWith(`"fixtures/dirty/deals.csv","${r.line}","${r.column}","${r.code}",`), lines[i + 1]).toBe(true);
    });
  });
});

describe('--rejects neutralises cells a spreadsheet would run as a formula', () => {
  it('=cmd, @, + and - cells get a leading apostrophe', async () => {
    const dir = tempDir({
      'deals.csv': [
        'id,name,amount,stage,created,closed',
        "D-1,=cmd|' /C calc'!A0,abc,won,2025-01-01,2025-02-01",
        'D-2,Fine Co,100,won,2025-01-01,2025-02-01',
        'D-3,@SUM(A1:A9),-5,won,2025-01-01,2025-02-01',
        'D-4,+1+2,xyz,won,2025-01-01,2025-02-01',
        '',
      ].join('\n'),
    });
    const res = await run(['validate', dir, '--rejects', join(dir, 'rejects.csv')]);
    expect(res.code, res.stderr).toBe(0);
    const csv = readFileSync(join(dir, 'rejects.csv'), 'utf8');
    const body = csv.trimEnd().split('\n').slice(1);
    expect(body).toHaveLength(3);
    expect(csv).toContain(`'=cmd|' /C calc'!A0`);
    expect(csv).toContain(`'@SUM(A1:A9)`);
    expect(csv).toContain(`'+1+2`);
    expect(csv).toContain(`'-5`);
    // no cell anywhere starts with a formula character
    for (const line of body) {
      for (const cell of line.split(',')) expect(cell, line).not.toMatch(/^[=+\-@]/);
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('export flavours: detected as their preset, zero rejects', () => {
  const flavours = ['hubspot', 'salesforce', 'pipedrive', 'generic'];
  const results = new Map<string, ValidateJson>();

  beforeAll(async () => {
    const runs = await Promise.all(flavours.map((f) => run(['validate', `fixtures/flavours/${f}`, '--format', 'json'])));
    runs.forEach((r, i) => {
      expect(r.code, r.stderr).toBe(0);
      results.set(flavours[i] as string, JSON.parse(r.stdout) as ValidateJson);
    });
  });

  it.each(flavours)('%s', (flavour) => {
    const j = results.get(flavour) as ValidateJson;
    const deals = j.files.find((f) => f.kind === 'deals') as FileJson;
    expect(deals.preset).toBe(flavour);
    expect(deals.rows.rejected).toBe(0);
    expect(deals.rows.used).toBe(12);
    expect(j.rows.rejected).toBe(0);
    accountingHolds(j);
  });

  it('generic: spend and renewals are read too, all clean', () => {
    const j = results.get('generic') as ValidateJson;
    expect(j.files.map((f) => [f.kind, f.preset, f.rows.rejected])).toEqual([
      ['deals', 'generic', 0],
      ['spend', 'generic', 0],
      ['renewals', 'generic', 0],
    ]);
  });

  it('salesforce: M/D/YYYY dates are settled by days over 12', () => {
    expect((results.get('salesforce') as ValidateJson).files[0]?.dateOrder).toBe('MDY');
  });
});

describe('encoding fixtures are decoded, never garbage rows', () => {
  const root = join(ROOT, 'fixtures', 'encodings');
  const cases = existsSync(root) ? readdirSync(root).filter((n) => statSync(join(root, n)).isDirectory()).sort() : [];
  const results = new Map<string, CliResult>();

  beforeAll(async () => {
    await Promise.all(cases.map(async (name) => results.set(name, await run(['validate', `fixtures/encodings/${name}`, '--format', 'json']))));
  });

  it.runIf(cases.length > 0).each(cases)('%s: exit 0, zero rejects, the README row count', (name) => {
    const res = results.get(name) as CliResult;
    expect(res.code, res.stderr).toBe(0);
    const j = JSON.parse(res.stdout) as ValidateJson;
    accountingHolds(j);
    expect(j.rows.rejected).toBe(0);
    const readme = readFileSync(join(root, name, 'README.md'), 'utf8');
    const rows = /(\d+) clean rows/.exec(readme)?.[1];
    if (rows !== undefined) expect(j.rows.used).toBe(Number(rows));
  });
});

// ---------------------------------------------------------------------------------------------

/** What each known failure fixture's message must name besides its file (line, column, key words). */
const FAILURE_DETAILS: Record<string, RegExp[]> = {
  'ambiguous-dates': [/column "created"/, /--date-format/],
  'empty-file': [/empty/],
  'header-only': [/deals\.csv:2\b/, /no data rows/],
  'missing-amount-column': [/deals\.csv:1\b/, /amount/, /ammount/],
  'no-inputs': [/no input files/],
  'unbalanced-quote': [/deals\.csv:4\b/, /quote/],
  utf16: [/UTF-16/i],
};

describe('every fixtures/invalid case: exit 2, names the file, no stack trace', () => {
  const root = join(ROOT, 'fixtures', 'invalid');
  const cases = readdirSync(root).filter((n) => statSync(join(root, n)).isDirectory()).sort();
  const results = new Map<string, { validate: CliResult; audit: CliResult | null }>();
  const AUDITED = ['no-inputs', 'unbalanced-quote'];

  beforeAll(async () => {
    await Promise.all(
      cases.map(async (name) => {
        const dir = `fixtures/invalid/${name}`;
        // audit reads inputs through the same loader; two cases (folder-level, file-level) check it too
        const [validate, audit] = await Promise.all([run(['validate', dir]), AUDITED.includes(name) ? run(['audit', dir]) : null]);
        results.set(name, { validate, audit });
      }),
    );
  });

  it('there are failure fixtures, each with a README', () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
    for (const name of cases) expect(existsSync(join(root, name, 'README.md')), name).toBe(true);
  });

  it.each(cases)('%s', (name) => {
    const { validate, audit } = results.get(name) as { validate: CliResult; audit: CliResult | null };
    const dir = `fixtures/invalid/${name}`;
    const csv = readdirSync(join(root, name)).find((f) => f.endsWith('.csv'));
    const outcomes: [string, CliResult][] = [['validate', validate]];
    if (audit !== null) outcomes.push(['audit', audit]);
    for (const [cmd, res] of outcomes) {
      expect(res.code, `${cmd} ${dir}: ${res.stderr}`).toBe(2);
      expect(res.stdout, `${cmd} ${dir} prints nothing on stdout`).toBe('');
      expect(res.stderr).toMatch(/^error: /);
      // names the file (the CSV when there is one, else the folder)
      expect(res.stderr).toContain(csv === undefined ? dir : `${dir}/${csv}`);
      for (const pattern of FAILURE_DETAILS[name] ?? []) expect(res.stderr, `${cmd} ${dir}`).toMatch(pattern);
      expect(hasStackTrace(res.stderr), res.stderr).toBe(false);
      expect(res.stderr).not.toMatch(/internal error|TypeError|RangeError|ERR_/);
    }
  });
});

describe('other unusable input: exit 2 with a short message naming it', () => {
  const cases: [string, string[], RegExp][] = [
    ['a missing --deals file', ['validate', '--deals', 'nosuch/deals.csv'], /nosuch\/deals\.csv.*not found/],
    ['a missing --spend file beside a good deals file', ['validate', '--deals', 'fixtures/demo/deals.csv', '--spend', 'nosuch.csv'], /nosuch\.csv.*not found/],
    ['a missing folder', ['validate', 'no/such/folder'], /no\/such\/folder.*not found/],
    ['a file given as the folder', ['validate', 'fixtures/demo/deals.csv'], /fixtures\/demo\/deals\.csv.*not a folder[\s\S]*--deals/],
    ['no inputs at all', ['validate'], /no inputs/],
    ['a missing --config file', ['validate', 'fixtures/demo', '--config', 'nosuch.json'], /nosuch\.json/],
    ['an unknown option', ['validate', 'fixtures/demo', '--bogus'], /unknown option '--bogus'/],
    ['an unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
    ['a bad --date-format', ['validate', 'fixtures/demo', '--date-format', 'XYZ'], /XYZ/],
    ['a bad --format', ['validate', 'fixtures/demo', '--format', 'xml'], /xml/],
  ];
  const results = new Map<string, CliResult>();

  beforeAll(async () => {
    const runs = await Promise.all(cases.map(([, args]) => run(args)));
    runs.forEach((r, i) => results.set(cases[i]?.[0] as string, r));
  });

  it.each(cases)('%s', (label, _args, pattern) => {
    const res = results.get(label) as CliResult;
    expect(res.code, res.stderr).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(pattern);
    expect(res.stderr.trimEnd().split('\n').length, res.stderr).toBeLessThanOrEqual(4);
    expect(hasStackTrace(res.stderr)).toBe(false);
  });
});

describe('help, version and --date-format', () => {
  it('--help and --version exit 0; help lists the commands and the exit codes', async () => {
    const [help, version, validateHelp] = await Promise.all([run(['--help']), run(['--version']), run(['validate', '--help'])]);
    expect(help.code).toBe(0);
    for (const cmd of ['validate', 'audit', 'demo', 'metrics', 'explain', 'rules']) expect(help.stdout).toMatch(new RegExp(`^\\s+${cmd}\\b`, 'm'));
    expect(help.stdout).toMatch(/Exit codes/);
    expect(version.code).toBe(0);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout.trim()).toBe(pkg.version);
    expect(validateHelp.code).toBe(0);
    expect(validateHelp.stdout).toMatch(/--rejects <file>/);
    expect(validateHelp.stdout).toMatch(/--strict/);
  });

  it('--date-format DMY / MDY settles the ambiguous-dates fixture, each its own way', async () => {
    const [dmy, mdy] = await Promise.all([
      run(['validate', 'fixtures/invalid/ambiguous-dates', '--date-format', 'DMY', '--format', 'json']),
      run(['validate', 'fixtures/invalid/ambiguous-dates', '--date-format', 'MDY', '--format', 'json']),
    ]);
    expect(dmy.code, dmy.stderr).toBe(0);
    expect(mdy.code, mdy.stderr).toBe(0);
    const d = (JSON.parse(dmy.stdout) as ValidateJson).files[0] as FileJson;
    const m = (JSON.parse(mdy.stdout) as ValidateJson).files[0] as FileJson;
    expect(d.dateOrder).toBe('DMY');
    expect(m.dateOrder).toBe('MDY');
    expect(d.rows.rejected).toBe(0);
    expect(m.rows.rejected).toBe(0);
    // 01/02/2025 is 1 February read DMY and 2 January read MDY
    expect(d.dateRange?.min).toBe('2025-02-01');
    expect(m.dateRange?.min).toBe('2025-01-02');
  });
});

describe('validate prints amounts in their currency, never `$` whatever it is (issue 14, QA)', () => {
  const deals = 'id,amount,currency,stage,created,closed\nD1,1000,EUR,won,2025-01-01,2025-02-01\nD2,500,EUR,open,2025-01-01,2025-06-01\n';
  const spendEur = 'period,channel,category,amount,currency\n2025-01,Paid Search,marketing,2500,EUR\n';
  const spendUsd = 'period,channel,category,amount,currency\n2025-01,Paid Search,marketing,2500,USD\n';
  it.each<{ name: string; files: Record<string, string>; lines: RegExp[] }>([
    { name: 'deals and spend in EUR', files: { 'deals.csv': deals, 'spend.csv': spendEur }, lines: [/won \(€1,000\.00\).*open \(€500\.00\)/, /spend\s+€2,500\.00 over 1 channels/] },
    { name: 'a spend-only folder in EUR', files: { 'spend.csv': spendEur }, lines: [/spend\s+€2,500\.00 over 1 channels/] },
    // each file in its own currency: the deals in EUR, the spend in USD
    { name: 'deals in EUR, spend in USD', files: { 'deals.csv': deals, 'spend.csv': spendUsd }, lines: [/won \(€1,000\.00\)/, /spend\s+\$2,500\.00 over 1 channels/, /deals in EUR, spend in USD: set fxRates/] },
  ])('$name', async ({ files, lines }) => {
    const r = await run(['validate', tempDir(files)]);
    for (const l of lines) expect(r.stdout).toMatch(l);
  });
  it('with company.currency set, the totals are in it', async () => {
    const r = await run(['validate', tempDir({ 'deals.csv': deals.replaceAll('EUR', 'GBP'), 'revhealth.config.json': '{"company":{"currency":"GBP"}}' })]);
    expect(r.stdout).toMatch(/won \(£1,000\.00\)/);
  });
});
