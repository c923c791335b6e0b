/**
 * The report registry (src/report/registry.ts): every format it lists renders the real demo audit,
 * `--format`'s choices are exactly its ids, and `--out`'s extension picks the format it names.
 * Adding a format without a row in FORMAT_CHECKS fails the first test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/audit/contract.js';
import { FORMAT_IDS, REPORT_FORMATS, formatForFile, renderReport, reportFormat } from '../../src/report/registry.js';
import { PLAIN } from '../../src/report/text.js';
import { runCliAsync, tempDir } from '../helpers/cli.js';

/** What each format's output of the demo audit must hold (hand-picked from its layout). */
const FORMAT_CHECKS: Readonly<Record<string, (out: string, r: AuditReport) => void>> = {
  terminal: (out, r) => {
    expect(out).toContain(r.company.name);
    expect(out.split('\n').filter((l) => [...l].length > 80)).toEqual([]);
  },
  json: (out, r) => expect(JSON.parse(out)).toEqual(r),
  md: (out, r) => expect(out).toMatch(new RegExp(`^# .*${r.company.name}`, 'm')),
  html: (out, r) => {
    expect(out.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(out).toContain(`<title>Revenue health audit: ${r.company.name} (${r.asOf})</title>`);
  },
  github: (out) => expect(out.split('\n').filter((l) => l !== '').every((l) => /^::(notice|warning|error)\b/.test(l))).toBe(true),
  csv: (out, r) => {
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('"metric","title","area","value","unit","status","score","grade"');
    expect(lines.length).toBe(r.metrics.length + 1);
    const winRate = r.metrics.find((m) => m.id === 'win_rate');
    expect(lines.find((l) => l.startsWith('"win_rate",'))).toBe(`"win_rate","Win rate","Pipeline & sales",${winRate?.value},"ratio","pass",86.1,"B"`);
    expect(lines.find((l) => l.startsWith('"bookings",'))).toMatch(/^"bookings","Bookings","Growth & predictability",[\d.]+,"USD","ungraded",,"A"$/);
  },
  summary: (out, r) => expect(out.split('\n')[0]).toBe(`## revhealth: ${r.company.name}: grade ${r.grades.overall.grade} (${r.grades.overall.score?.toFixed(1)})`),
};

let demo: AuditReport;
beforeAll(async () => {
  const res = await runCliAsync(['demo', '--format', 'json']);
  expect(res.code).toBe(0);
  demo = JSON.parse(res.stdout) as AuditReport;
});

describe('every registered format', () => {
  it('has a check here, and the registry has no format twice', () => {
    expect([...FORMAT_IDS].sort()).toEqual(Object.keys(FORMAT_CHECKS).sort());
    expect(new Set(FORMAT_IDS).size).toBe(FORMAT_IDS.length);
    expect(new Set(REPORT_FORMATS.map((f) => f.extension)).size).toBe(REPORT_FORMATS.length);
  });

  it.each(FORMAT_IDS.map((id) => [id]))('%s renders the demo audit, deterministically', async (id) => {
    const out = await renderReport(demo, id, { style: PLAIN, width: 80 });
    expect(out.endsWith('\n')).toBe(true);
    (FORMAT_CHECKS[id] as (out: string, r: AuditReport) => void)(out, demo);
    expect(await renderReport(demo, id, { style: PLAIN, width: 80 })).toBe(out);
  });

  it.each(FORMAT_IDS.map((id) => [id]))('revhealth demo --format %s prints what its renderer renders', async (id) => {
    const res = await runCliAsync(['demo', '--format', id]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(await renderReport(demo, id, { style: PLAIN, width: 80 }));
  });
});

describe('--format help', () => {
  const choices = (help: string): string[] => {
    const m = /-f, --format <format>[\s\S]*?\(choices: ([^)]*?), default: "terminal"\)/.exec(help.replace(/\s+/g, ' '));
    return m === null ? [] : (m[1] as string).split(', ').map((s) => JSON.parse(s) as string);
  };

  it.each([['audit'], ['demo']])('%s --help lists exactly the registry ids, each with its description', async (command) => {
    const res = await runCliAsync([command, '--help']);
    expect(res.code).toBe(0);
    expect(choices(res.stdout)).toEqual([...FORMAT_IDS]);
    const flat = res.stdout.replace(/\s+/g, ' ');
    for (const f of REPORT_FORMATS) expect(flat).toContain(`${f.id} = ${f.description}`);
  });

  it('an unknown format is refused with the registry ids', async () => {
    const res = await runCliAsync(['demo', '--format', 'pdf']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`Allowed choices are ${FORMAT_IDS.join(', ')}.`);
  });
});

describe('--out extension', () => {
  it.each([
    ['report.html', 'html'],
    ['REPORT.HTML', 'html'],
    ['report.md', 'md'],
    ['q3.summary.md', 'summary'],
    ['audit.json', 'json'],
    ['audit.txt', 'terminal'],
    ['ci.github.txt', 'github'],
    ['scores.csv', 'csv'],
    ['report.pdf', undefined],
    ['report', undefined],
    ['html', undefined],
  ])('%s -> %s', (file, expected) => {
    expect(formatForFile(file)).toBe(expected);
  });

  it.each([
    [['--out', 'r.html'], 'r.html', 'html'],
    [['--out', 'r.md'], 'r.md', 'md'],
    [['--out', 'r.json'], 'r.json', 'json'],
    [['--out', 'r.html', '--format', 'terminal'], 'r.html', 'terminal'],
    [['--out', 'r.data'], 'r.data', 'terminal'],
  ])('demo %j writes %s as %s', async (args, file, id) => {
    const dir = tempDir();
    const res = await runCliAsync(['demo', ...args], { cwd: dir });
    expect(res.code).toBe(0);
    expect(reportFormat(id)).toBeDefined();
    const printed = await runCliAsync(['demo', '--format', id], { cwd: dir });
    expect(readFileSync(join(dir, file), 'utf8')).toBe(printed.stdout);
  });
});
