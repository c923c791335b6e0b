/**
 * Issue 14: client-facing output is free of internal references. Rule sources are printed in the
 * Markdown and HTML reports and by `explain` / `rules`: no "SPEC §5", no "STYLE.md B5".
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PACK } from '../../src/rules/default-pack.js';

const INTERNAL = /SPEC\s*§|STYLE\.md|BENCHMARKS\.md|issue \d+/i;

describe('default rule pack text', () => {
  it.each(DEFAULT_PACK.rules.map((r) => [r.id, r] as const))('%s: title, why and source carry no internal reference', (_id, rule) => {
    const text = JSON.stringify(rule);
    expect(text).not.toMatch(INTERNAL);
  });
});
