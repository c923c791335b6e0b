import { describe, expect, it } from 'vitest';
import { lazy } from '../../src/base/lazy.js';

describe('lazy', () => {
  it('builds nothing until first use, then once, and hands every caller the same value', () => {
    let builds = 0;
    const get = lazy(() => ({ n: ++builds }));
    expect(builds).toBe(0);
    const first = get();
    expect(get()).toBe(first);
    expect(builds).toBe(1);
  });

  it('keeps a built undefined or null (built once, not rebuilt because the value is falsy)', () => {
    let builds = 0;
    const get = lazy(() => {
      builds++;
      return undefined;
    });
    get();
    get();
    expect(builds).toBe(1);
  });

  it('a build that throws is tried again on the next call', () => {
    let calls = 0;
    const get = lazy(() => {
      if (++calls === 1) throw new Error('first');
      return calls;
    });
    expect(() => get()).toThrow('first');
    expect(get()).toBe(2);
    expect(get()).toBe(2);
  });
});
