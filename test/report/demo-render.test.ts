/**
 * The three renderers on the real demo audit (fixtures/demo), produced in-process by the CLI
 * (`revhealth demo --format json`; the demo config fixes the as-of date). Whatever the pipeline puts in the report
 * (with or without a diagnosis), the renderers must accept it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/audit/contract.js';
import { run } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderAuditTerminal } from '../../src/report/terminal.js';
import { PLAIN } from '../../src/report/text.js';

async function demoReport(): Promise<AuditReport> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (s) => void (stdout += s), isTTY: false },
    stderr: { write: (s) => void (stderr += s), isTTY: false },
    cwd: process.cwd(),
    env: { NO_COLOR: '1' },
    stdinIsTTY: false,
  };
  const code = await run(['demo', '--format', 'json'], io);
  if (code !== 0 && stdout === '') throw new Error(`revhealth demo exited ${code}: ${stderr}`);
  return JSON.parse(stdout) as AuditReport;
}

describe('renderers on the real demo report', () => {
  let report: AuditReport;
  beforeAll(async () => {
    report = await demoReport();
  });

  it('terminal: 80 columns, no escape codes', () => {
    const out = renderAuditTerminal(report, { style: PLAIN, width: 80 });
    expect(out.split('\n').filter((l) => [...l].length > 80)).toEqual([]);
    expect(out).not.toContain('\u001b');
    expect(out).toContain(report.company.name);
    expect(out).toContain('SCORECARD');
    expect(out).toContain('APPENDIX: DATA QUALITY');
  });

  it('markdown: headings and tables', () => {
    const md = renderMarkdown(report);
    expect(md.startsWith(`# Revenue health audit: ${report.company.name}`)).toBe(true);
    expect(md).toContain('## Scorecard');
    expect(md).toContain('## Appendix A: data quality');
  });

  it('html: every chart drawn or explained', () => {
    const html = renderHtml(report);
    for (const id of ['chart-area-scores', 'chart-bookings-pipeline', 'chart-winrate-cycle', 'chart-retention-waterfall', 'chart-channel-cac']) {
      expect(html.includes(`id="${id}"`), id).toBe(true);
    }
    expect(html).not.toMatch(/NaN|undefined|Infinity/);
    expect(html).not.toMatch(/<script/i);
  });
});
