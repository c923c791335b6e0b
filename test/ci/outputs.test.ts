/**
 * CI outputs and the shared presentation rules on one audit with deals only (acquisition and
 * retention have no scored rule):
 * - an area whose rules are all n/a shows "n/a" (never 0 or F) in every renderer and null in JSON;
 * - the methodology settings appear next to the numbers they change in every renderer;
 * - GitHub annotations are escaped as the runner expects.
 */
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import type { AuditReport } from '../../src/audit/contract.js';
import { renderReport } from '../../src/report/registry.js';
import { annotation, renderGithub } from '../../src/report/github.js';
import { renderSummary } from '../../src/report/summary.js';
import { PLAIN } from '../../src/report/text.js';
import { makeDataset, makeDeal } from '../helpers/builders.js';

function report(): AuditReport {
  const deals = [];
  // 24 won and 24 lost: above the minimum evidence of the pipeline rules (20 won deals), so pipeline & sales is graded
  for (let i = 0; i < 24; i++) {
    const m = String((i % 11) + 1).padStart(2, '0');
    deals.push(makeDeal({ id: `W${i}`, status: 'won', type: 'new', account: `Acct ${i}`, owner: 'Ana', source: 'Web', created: `2025-${m}-01`, closed: `2025-${m}-20` }));
    deals.push(makeDeal({ id: `L${i}`, status: 'lost', type: 'new', account: `Lost ${i}`, owner: 'Ana', source: 'Web', created: `2025-${m}-01`, closed: `2025-${m}-25` }));
  }
  deals.push(makeDeal({ id: 'O1', status: 'open', owner: 'Ana', source: 'Web', created: '2025-12-01', closed: '2026-02-15' }));
  const result = runAudit(makeDataset({ deals }), { company: { name: 'Deals Only Co', segment: 'smb' }, methodology: { winRate: 'value' } }, { asOf: '2025-12-31', toolVersion: 'test' });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.report;
}

const r = report();
const NA_AREAS = ['Acquisition efficiency', 'Retention & expansion'];

describe('an area with every rule n/a', () => {
  it('is null in JSON, never 0 or F', async () => {
    const json = JSON.parse(await renderReport(r, 'json', { style: PLAIN, width: 80 })) as AuditReport;
    for (const a of json.grades.areas.filter((x) => NA_AREAS.includes(x.title))) {
      expect(a).toMatchObject({ score: null, grade: null, scoredRules: 0, provisional: false });
    }
    expect(json.grades.overall.grade).not.toBeNull();
  });

  it('reads n/a in the terminal, Markdown, HTML, GitHub and summary outputs', async () => {
    const terminal = await renderReport(r, 'terminal', { style: PLAIN, width: 80 });
    const md = await renderReport(r, 'md', { style: PLAIN, width: 80 });
    const html = await renderReport(r, 'html', { style: PLAIN, width: 80 });
    const github = renderGithub(r);
    const summary = renderSummary(r);
    for (const title of NA_AREAS) {
      expect(terminal).toMatch(new RegExp(`^  ${title.replace('&', '&')}\\s+n/a\\s+░{10} n/a\\s+0%$`, 'm'));
      expect(terminal).toMatch(new RegExp(`^${title}  n/a$`, 'm'));
      expect(md).toContain(`| ${title.replace('&', '&')} | **n/a** | n/a |`);
      expect(md).toContain(`### ${title}: n/a`);
      expect(github).toContain(`${title} n/a`);
      expect(summary).toContain(`| ${title} | n/a |`);
      for (const text of [terminal, md, github, summary]) expect(text).not.toMatch(new RegExp(`${title}[^\\n]{0,40}\\b(F|0\\.0)\\b`));
    }
    expect((html.match(/grade-na/g) ?? []).length).toBeGreaterThanOrEqual(4);
    expect(html).toContain('n/a: no scored rule');
  });
});

describe('methodology next to the number', () => {
  it('every renderer shows the setting beside the metric it changes', async () => {
    const label = 'winRate = value; staleDealsAsLost = false (default)';
    const terminal = await renderReport(r, 'terminal', { style: PLAIN, width: 80 });
    // the terminal names only the changed choices; the other formats list every setting
    expect(terminal).toMatch(/method · Win rate: winRate = value\n/);
    expect(terminal).not.toContain('(default)');
    expect(await renderReport(r, 'md', { style: PLAIN, width: 80 })).toContain(`- _Method_, Win rate: ${label}`);
    expect(await renderReport(r, 'html', { style: PLAIN, width: 80 })).toContain(`method: ${label}`);
    const winRate = renderGithub(r).split('\n').find((l) => l.includes('title=revhealth win_rate::'));
    if (winRate !== undefined) expect(winRate).toContain(`method: ${label}`);
    expect(r.metrics.find((m) => m.id === 'win_rate')?.notes).toContain('methodology.winRate = value: won amount ÷ decided amount');
    expect(r.methodology?.winRate).toBe('value');
    expect(renderSummary(r)).toContain('_Methodology: methodology.winRate = value._');
  });
});

describe('GitHub annotations', () => {
  it('escape % in messages and : , in properties; newlines and terminal escapes never reach the runner', () => {
    expect(annotation('error', 'revhealth: a, b', 'grew 50%\nthen\r\u001b[31mfell')).toBe('::error title=revhealth%3A a%2C b::grew 50%25 then fell'); // a CR is a line break: a space, like the LF
    expect(annotation('notice', 'x', '::set-env name=A::1')).toBe('::notice title=x::::set-env name=A::1');
    expect(annotation('warning', 't', 'm', { file: 'exports/deals,2025.csv', line: 7 })).toBe('::warning file=exports/deals%2C2025.csv,line=7,title=t::m');
  });

  it('one notice with the grades, then one line per failing or watched rule', () => {
    const lines = renderGithub(r).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^::notice title=revhealth%3A Deals Only Co::Overall grade [A-F] \(\d+\.\d\)(, provisional)? as of 2025-12-31; \d+ failing rules?, \d+ to watch\. Areas: /);
    const judged = r.rules.filter((x) => x.status === 'fail' || x.status === 'warn');
    expect(lines).toHaveLength(1 + judged.length);
    for (const l of lines.slice(1)) expect(l).toMatch(/^::(error|warning) title=revhealth [a-z0-9_]+::/);
  });

  it('the summary stays short and names the grade and the top findings', () => {
    const s = renderSummary(r);
    expect(s).toMatch(/^## revhealth: Deals Only Co: grade [A-F]/);
    expect(s).not.toContain('Changes since');
    expect(s.split('\n').length).toBeLessThan(40);
  });
});
