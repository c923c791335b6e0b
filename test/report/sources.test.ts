/**
 * Client-facing output carries no reference internal to this repo (spec sections, house-style
 * clauses, the research file, issue numbers, source paths), and every citation key it prints has
 * an entry in a "Sources" list at the end, linked from the text.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/audit/contract.js';
import { demoAuditReport } from './sample-report.js';
import { explainRule } from '../../src/cli/explain-text.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { BENCHMARK_SOURCES, citedKeys, sortKeys, sourceAnchor } from '../../src/report/sources.js';
import { renderAuditTerminal } from '../../src/report/terminal.js';
import { PLAIN } from '../../src/report/text.js';
import { DEFAULT_PACK } from '../../src/rules/default-pack.js';

const INTERNAL = [
  { name: 'spec section', re: /\bSPEC\b|§/ },
  { name: 'house style', re: /STYLE(\.md)?\s*[A-Z]\d/ },
  { name: 'research file', re: /BENCHMARKS(\.md)?/ },
  { name: 'issue number', re: /\bissues? #?\d+/i },
  { name: 'repo source path', re: /\bsrc\/[\w/-]+\.ts\b|\btest\/[\w/-]+\.ts\b/ },
];


describe('internal references and sources', () => {
  let report: AuditReport;
  beforeAll(async () => {
    report = await demoAuditReport();
  });

  it.each(INTERNAL)('no $name in the demo Markdown, HTML or terminal report', ({ re }) => {
    for (const out of [renderMarkdown(report), renderHtml(report), renderAuditTerminal(report, { style: PLAIN, width: 100 })]) {
      const hits = out.split('\n').filter((l) => re.test(l));
      expect(hits).toEqual([]);
    }
  });

  it('no internal reference in any rule of the default pack (source, titles, why)', () => {
    for (const r of DEFAULT_PACK.rules) {
      for (const text of [r.source, r.title, r.failureTitle, r.why ?? '']) {
        for (const { re } of INTERNAL) expect(re.test(text), `${r.id}: ${text}`).toBe(false);
      }
    }
  });

  it('every citation key in the default pack has a source entry with title, publisher and URL', () => {
    const known = new Map(BENCHMARK_SOURCES.map((s) => [s.key, s]));
    const used = citedKeys(DEFAULT_PACK.rules.map((r) => r.source));
    expect(used.length).toBeGreaterThan(20);
    for (const k of used) {
      const s = known.get(k);
      expect(s, k).toBeDefined();
      expect(s!.title.length).toBeGreaterThan(0);
      expect(s!.publisher.length).toBeGreaterThan(0);
      expect(s!.url).toMatch(/^https?:\/\//);
    }
  });

  it('citedKeys reads single, grouped and primed keys in order of first use', () => {
    expect(citedKeys(["a [S45]; b [S6, S12] c [S55''] d [S45] e [S44, S63]"])).toEqual(['S45', 'S6', 'S12', "S55''", 'S44', 'S63']);
    expect(citedKeys(['no key here, not [X1] nor S45'])).toEqual([]);
    expect(sourceAnchor("S55''")).toBe('source-s55pp');
    expect(sortKeys(['S45', "S55''", 'S6', 'S55', 'S12', "S55'"])).toEqual(['S6', 'S12', 'S45', 'S55', "S55'", "S55''"]);
  });

  it('Markdown: a Sources list at the end with an entry for every key cited, each key linked', () => {
    const md = renderMarkdown(report);
    const tail = md.slice(md.indexOf('\n## Sources\n'));
    expect(md.indexOf('\n## Sources\n')).toBeGreaterThan(md.indexOf('## Appendix B: benchmark sources'));
    const keys = citedKeys(report.rules.map((r) => r.source));
    expect(keys).toContain('S45');
    for (const k of keys) {
      expect(tail, k).toContain(`<a id="${sourceAnchor(k)}"></a>`);
      expect(md, k).toContain(`[${k}](#${sourceAnchor(k)})`);
    }
    expect(tail).toContain('2025 B2B SaaS Performance Metrics Benchmarks. Benchmarkit, 2025. https://benchmarkit.ai/2025benchmarks');
  });

  it('HTML: a Sources section with an anchored entry for every key cited, each key linked', () => {
    const html = renderHtml(report);
    const tail = html.slice(html.indexOf('<section id="source-list">'));
    expect(html.indexOf('<section id="source-list">')).toBeGreaterThan(html.indexOf('Appendix B: benchmark sources'));
    for (const k of citedKeys(report.rules.map((r) => r.source))) {
      expect(tail, k).toContain(`<li id="${sourceAnchor(k)}">`);
      expect(html, k).toContain(`<a href="#${sourceAnchor(k)}">`);
    }
    expect(tail).toContain('<span class="url">https://benchmarkit.ai/2025benchmarks</span>');
  });

  it('explain resolves each citation key of a rule to its publication', () => {
    const rule = DEFAULT_PACK.rules.find((r) => r.source.includes('[S45]'))!;
    const out = explainRule(rule);
    expect(out).toContain('[S45] 2025 B2B SaaS Performance Metrics Benchmarks. Benchmarkit, 2025. https://benchmarkit.ai/2025benchmarks');
    for (const { re } of INTERNAL) expect(re.test(out)).toBe(false);
  });
});
