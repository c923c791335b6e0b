import { describe, expect, it } from 'vitest';
import { escapeMarkdown, renderMarkdown } from '../../src/report/markdown.js';
import { HOSTILE, makeSampleReport } from './sample-report.js';

/** Characters that still carry Markdown meaning when not preceded by a backslash. */
function unescaped(s: string, chars: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    if (!chars.includes(s[i] as string)) continue;
    let slashes = 0;
    for (let j = i - 1; j >= 0 && s[j] === '\\'; j--) slashes++;
    if (slashes % 2 === 0) out.push(`${s[i]}@${i}`);
  }
  return out;
}

/** Cells of a GFM table row, split on unescaped pipes (the outer pipes included). */
function pipeCount(row: string): number {
  return unescaped(row, '|').length;
}

describe('escapeMarkdown', () => {
  it.each([
    ['| [x](javascript:alert(1))', '\\| \\[x\\](javascript:alert(1))'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['=HYPERLINK("http://x")', '\\=HYPERLINK("http\\://x")'],
    ['\u001b[2J', ''],
    ['a `code` b', 'a \\`code\\` b'],
    ['# heading', '\\# heading'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['> quote', '&gt; quote'],
    ['1. item', '1\\. item'],
    ['12) item', '12\\) item'],
    ['Acme *bold* _it_ ~x~', 'Acme \\*bold\\* \\_it\\_ \\~x\\~'],
    ['$1.2M to $3M', '\\$1.2M to \\$3M'],
    ['see www.example.com', 'see www\\.example.com'],
    ['a@b.co', 'a\\@b.co'],
    ['&lt; stays text, R&D too', '&amp;lt; stays text, R&D too'],
    ['two\nlines', 'two lines'],
    ['-9.5% and 68.9%', '-9.5% and 68.9%'],
  ])('%j -> %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('removes the whole ANSI sequence, not just the escape byte', () => {
    expect(escapeMarkdown(`a${HOSTILE.ansi}b`)).toBe('ab');
  });

  it.each(Object.entries(HOSTILE))('leaves no active markup in %s', (_k, value) => {
    const out = escapeMarkdown(value);
    expect(out).not.toMatch(/[<>\u0000-\u001f]/);
    expect(unescaped(out, '|[]`*_')).toEqual([]);
  });
});

describe('markdown report', () => {
  const md = renderMarkdown(makeSampleReport());
  const hostile = renderMarkdown(makeSampleReport({ hostile: true }));

  it('has the client-deliverable structure', () => {
    const headings = md.split('\n').filter((l) => l.startsWith('#'));
    expect(headings).toEqual([
      '# Revenue health audit: Northwind Analytics',
      '## Key figures',
      '## Perspective',
      '## Grades by area',
      '## Findings: losses first, then risks, then upsides',
      '### 1. Leaky bucket: churn undoes a large part of new bookings — \\$546.5k a year',
      '### 2. Stale pipeline inflates coverage — \\$537.2k a year',
      '### 3. Expansion gap: customers who stay rarely grow — \\$489.9k a year',
      '### 4. Hero-rep dependency — \\$284.9k a year',
      '### 5. Channel misallocation — \\$198.0k a year',
      '### 6. Quarter-end hockey stick — not estimated',
      '## Who owns what',
      '## CRO readiness',
      '## Close to the line',
      '## Trends',
      '## Scorecard',
      '### Growth & predictability: A (92.3)',
      '### Pipeline & sales: C (77.0)',
      '### Acquisition efficiency: B (86.0)',
      '### Retention & expansion: F (18.6)',
      '### Data quality: A (100.0)',
      '## Changes since 2025-11-30',
      '## What we could not check',
      '## Appendix A: data quality',
      '### Rejected rows by reason',
      '### Warnings',
      '## Appendix B: benchmark sources',
      '## Sources',
    ]);
  });

  it('shows the verdict, the formula, the Path and a 30/60/90 Process table', () => {
    expect(md).toContain('> **Overall grade: D** (69.5 / 100)');
    expect(md).toContain('> **▼ Regressed:** was C (75.8) on 2025-11-30, change −6.3');
    expect(md).toContain('**Money a year:** \\$546.5k a year. Formula: (90.0% − 83.4%) × \\$8.24M ARR up for renewal = \\$546.5k');
    expect(md).toContain('**Path.** Run renewals as a managed process');
    expect(md).toContain('| By | Step | Owner | KPI and target |');
    expect(md).toMatch(/^\| 30 days \| List every renewal .* \| Customer Success \| Renewals reviewed 120 days out = 100% \|$/m);
    expect(md).toMatch(/^\| 90 days \| Tie CS compensation .* \| Executive \| GRR ≥ 90% \|$/m);
    expect(md).toContain('**Verdict: fractional CRO**');
  });

  it('shows grade and metric changes and flags regressions', () => {
    expect(md).toMatch(/^\| Retention & expansion \| \*\*F\*\* \| 18\.6 \| 100% \(4\/4 rules\) \| −20\.1 \|$/m);
    expect(md).toMatch(/^\| Gross revenue retention \| 87\.2% \| 83\.4% \| −3\.8 pts \| Watch → Fail \| \*\*▼ regressed\*\* \|$/m);
    expect(md).toContain('- ▼ grr went from warn to fail');
  });

  it('keeps every table row as wide as its header, even with hostile names', () => {
    for (const doc of [md, hostile]) {
      const lines = doc.split('\n');
      let width = -1;
      for (const line of lines) {
        if (!line.startsWith('|')) {
          width = -1;
          continue;
        }
        const n = pipeCount(line);
        if (width === -1) width = n;
        expect(n, line).toBe(width);
      }
    }
  });

  it('injects no HTML, link, image or code from input-derived text', () => {
    // own markup: line breaks, and the Sources list's anchors and the citation links to them
    const withoutOwnMarkup = hostile.replace(/<br>/g, '').replace(/<a id="source-[a-z0-9]+"><\/a>/g, '');
    expect(withoutOwnMarkup).not.toMatch(/</);
    expect(hostile.replace(/\]\(#source-[a-z0-9]+\)/g, '')).not.toMatch(/(^|[^\\])\]\(/m);
    expect(hostile).not.toMatch(/(^|[^\\])!\[/m);
    expect(hostile).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hostile).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(hostile).toContain('=HYPERLINK("http\\://x") is among the largest losses');
    expect(hostile).toContain('\\| \\[x\\](javascript:alert(1))');
    expect(hostile).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(hostile.split('\n')[0]).toBe('# Revenue health audit: &lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('escapes backticks so input cannot open a code span', () => {
    const r = makeSampleReport({ comparison: false });
    const md2 = renderMarkdown({ ...r, company: { ...r.company, name: 'Acme `rm -rf` Inc' } });
    expect(md2).toContain('# Revenue health audit: Acme \\`rm -rf\\` Inc');
  });

  it('renders without a diagnosis or comparison', () => {
    const out = renderMarkdown(makeSampleReport({ diagnosis: false, comparison: false }));
    expect(out).toContain('_The diagnosis is not available in this report._');
    expect(out).not.toContain('## Changes since');
    expect(out).toContain('## What we could not check');
  });

  it('is deterministic', () => {
    expect(renderMarkdown(makeSampleReport())).toBe(md);
  });
});
