import { describe, expect, it } from 'vitest';
import { renderAuditTerminal } from '../../src/report/terminal.js';
import { wrapText } from '../../src/report/text.js';
import { PLAIN, type Style } from '../../src/report/text.js';
import { HOSTILE, makeSampleReport } from './sample-report.js';

// eslint-disable-next-line no-control-regex
const ANSI_OR_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;

/** A colour style that wraps text in real SGR codes, like chalk at level 1. */
const COLOR: Style = {
  bold: (s) => `\u001b[1m${s}\u001b[22m`,
  dim: (s) => `\u001b[2m${s}\u001b[22m`,
  red: (s) => `\u001b[31m${s}\u001b[39m`,
  yellow: (s) => `\u001b[33m${s}\u001b[39m`,
  green: (s) => `\u001b[32m${s}\u001b[39m`,
  cyan: (s) => `\u001b[36m${s}\u001b[39m`,
};

function plain(opts: Parameters<typeof makeSampleReport>[0] = {}): string {
  return renderAuditTerminal(makeSampleReport(opts), { style: PLAIN, width: 80 });
}

function longLines(text: string): string[] {
  return text.split('\n').filter((l) => [...l].length > 80);
}

const VARIANTS = [
  ['complete sample', {}],
  ['hostile input', { hostile: true }],
  ['no diagnosis, no comparison', { diagnosis: false, comparison: false }],
] as const;

describe('terminal report', () => {
  it.each(VARIANTS)('fits 80 columns in plain mode (%s)', (_name, opts) => {
    expect(longLines(plain(opts))).toEqual([]);
  });

  it.each(VARIANTS)('has no escape or control characters in plain mode (%s)', (_name, opts) => {
    const out = plain(opts);
    expect(out.replace(/\n/g, '')).not.toMatch(ANSI_OR_CONTROL);
  });

  it('fits 80 columns with very long unbroken input values', () => {
    const long = `Acme${'X'.repeat(150)}`;
    const r = makeSampleReport({ hostile: true });
    const d = r.diagnosis;
    if (!d) throw new Error('sample has a diagnosis');
    const out = renderAuditTerminal(
      {
        ...r,
        company: { ...r.company, name: long },
        inputs: r.inputs.map((f) => ({ ...f, path: `/very/${long}/deals.csv`, warnings: [...f.warnings, `see ${long}`] })),
        diagnosis: {
          ...d,
          findings: d.findings.map((f) => ({ ...f, title: `${f.title} ${long}`, evidence: [...f.evidence, long], impact: { ...f.impact, formula: `${long} = $1` } })),
          notChecked: [...d.notChecked, { id: 'x', title: long, needs: long }],
        },
      },
      { style: PLAIN, width: 80 },
    );
    expect(longLines(out)).toEqual([]);
  });

  it('shows every section in order', () => {
    const out = plain();
    const order = [
      'REVENUE HEALTH AUDIT',
      'Northwind Analytics',
      'Inputs: 3,880 rows read: 3,875 used, 5 rejected',
      'HubSpot deals export',
      'GRADES',
      'Overall grade  D  69.5 / 100',
      'TRENDS',
      'SCORECARD',
      'PERSPECTIVE',
      'FINDINGS',
      'BY FUNCTION',
      'CRO READINESS',
      'CLOSE TO THE LINE',
      'COULD NOT CHECK',
      'SINCE THE BASELINE',
      'APPENDIX: DATA QUALITY',
    ];
    let at = -1;
    for (const s of order) {
      const i = out.indexOf(s, at + 1);
      expect(i, `"${s}" after position ${at}`).toBeGreaterThan(at);
      at = i;
    }
  });

  it('prints area grades, rule verdicts with value, benchmark and status', () => {
    const out = plain();
    expect(out).toMatch(/Retention & expansion\s+F\s+█+░+\s+18\.6\s+100%/);
    expect(out).toMatch(/Gross revenue retention\s+83\.4%\s+pass ≥ 88\.8%, good ≥ 90%\s+FAIL/);
    // the benchmark column shows the pass line the status is judged by, not only the good band (issue 14)
    expect(out).toMatch(/Win rate\s+26\.0%\s+pass 25%–47\.5%, good 30%–40%\s+pass/);
    expect(out).toContain('benchmarks for mid-market');
    expect(out).toMatch(/Forecast accuracy: n\/a, needs forecasts per past period/);
  });

  it('draws sparklines of monthly bookings and win rate', () => {
    const out = plain();
    const bookings = out.split('\n').find((l) => l.trimStart().startsWith('Bookings ') && /[▁▂▃▄▅▆▇█]{10}/.test(l));
    const win = out.split('\n').find((l) => l.trimStart().startsWith('Win rate ') && /[▁▂▃▄▅▆▇█]{10}/.test(l));
    expect(bookings).toContain('█');
    expect(bookings).toContain('Dec 2025  $1.12M');
    expect(win).toContain('·');
    expect(win).toContain('34.1%');
  });

  it('ranks findings by revenue at stake with the formula, Path and Process', () => {
    const out = plain();
    const a = out.indexOf('1.  Leaky bucket');
    const b = out.indexOf('2.  Stale pipeline');
    const last = out.indexOf('6.  Quarter-end hockey stick');
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a);
    expect(last).toBeGreaterThan(b);
    expect(out).toMatch(/Leaky bucket: churn undoes a large part of new bookings\s+\$546\.5k a year/);
    expect(out).toContain('At stake  (90.0% − 83.4%) × $8.24M ARR up for renewal = $546.5k');
    expect(out).toContain('Path      Run renewals as a managed process');
    expect(out).toMatch(/30 d {2}Customer Success {2}List every renewal/);
    expect(out).toContain('KPI: GRR ≥ 90%');
    expect(out).toMatch(/Quarter-end hockey stick\s+not estimated/);
  });

  it('summarises by function and gives the CRO readiness verdict with reasons', () => {
    const out = plain();
    expect(out).toMatch(/Customer Success\s+#1 #3\s+grr, nrr, expansion_share\s+lost \$1\.04M/);
    expect(out).toContain('Verdict: fractional CRO');
    expect(out).toContain('• ARR of $8.24M is below the ~$10M mark');
  });

  it('says what could not be checked and which data would unlock it', () => {
    const out = plain();
    expect(out).toMatch(/Unreliable forecast\s+Forecasts submitted per past quarter/);
    expect(out).toMatch(/Forecast accuracy\s+needs forecasts per past period/);
  });

  it('shows the data-quality appendix: rejected rows by reason and warnings', () => {
    const out = plain();
    expect(out).toMatch(/deals\s+date not readable\s+invalid_date\s+2/);
    expect(out).toMatch(/deals\s+stage values not mapped to won\/lost\/open/);
  });

  it('shows grade and metric changes against the baseline and flags regressions', () => {
    const out = plain();
    expect(out).toContain('▼ vs 2025-11-30: was C 75.8, change −6.3  REGRESSED');
    expect(out).toMatch(/Retention & expansion .*−20\.1/);
    expect(out).toContain('2 regressions');
    expect(out).toContain('• grr went from warn to fail');
    expect(out).toMatch(/Gross revenue retention\s+87\.2%\s+83\.4%\s+−3\.8 pts\s+▼/);
    expect(out).toMatch(/Stale pipeline share\s+23\.1%\s+27\.9%\s+\+4\.8 pts\s+worse/);
    expect(plain({ comparison: false })).not.toContain('SINCE THE BASELINE');
  });

  it('renders without a diagnosis', () => {
    const out = plain({ diagnosis: false });
    expect(out).toContain('Not available in this report.');
    expect(out).not.toContain('PERSPECTIVE');
    expect(out).toContain('COULD NOT CHECK');
  });

  it('strips terminal escapes from input-derived text', () => {
    const out = plain({ hostile: true });
    expect(out).not.toContain('\u001b');
    expect(out).not.toContain('[2J');
    expect(out).toContain(HOSTILE.script);
  });

  it('uses colour only through the Style hooks; stripped, it equals the plain report', () => {
    const r = makeSampleReport();
    const coloured = renderAuditTerminal(r, { style: COLOR, width: 80 });
    expect(coloured).toMatch(SGR);
    expect(coloured.replace(SGR, '')).toBe(renderAuditTerminal(r, { style: PLAIN, width: 80 }));
  });

  it('is deterministic', () => {
    expect(plain()).toBe(plain());
  });
});

describe('wrapText', () => {
  it('wraps on words and breaks words longer than the width', () => {
    expect(wrapText('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapText('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
    expect(wrapText('', 10)).toEqual(['']);
  });
});
