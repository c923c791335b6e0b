/**
 * The HTML report in a real browser: headless Chromium through playwright-core.
 *
 * Chromium comes from Debian (`scripts/ensure-chromium.sh`) or CHROMIUM_PATH. Without it the
 * suite is skipped locally with a message, and FAILS when CI is set.
 * Set REVHEALTH_SCREENSHOT=1 to write .tmp/report.png (full page) for a visual check.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderHtml } from '../../src/report/html.js';
import { CHART_IDS, HOSTILE, demoAuditReport, makeSampleReport } from './sample-report.js';


const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const HAS_CHROMIUM = existsSync(CHROMIUM);
const IN_CI = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
const SKIP = !HAS_CHROMIUM && !IN_CI;
const MISSING = `Chromium not found at ${CHROMIUM}: run scripts/ensure-chromium.sh (Debian package "chromium") or set CHROMIUM_PATH`;

if (SKIP) {
  // a clear line in the test output, not a silent skip
  console.warn(`html-browser.test.ts skipped: ${MISSING}`);
}

interface Loaded {
  readonly page: Page;
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  readonly requests: string[];
  readonly dialogs: string[];
  readonly url: string;
}

describe.skipIf(SKIP)(`html report in headless Chromium${SKIP ? ` (skipped: ${MISSING})` : ''}`, () => {
  let browser: Browser;
  let dir: string;
  let loaded: Loaded;

  beforeAll(async () => {
    if (!HAS_CHROMIUM) throw new Error(MISSING);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
    dir = mkdtempSync(join(tmpdir(), 'revhealth-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(makeSampleReport({ hostile: true })));
    const url = pathToFileURL(file).href;
    const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    const consoleErrors: string[] = [];
    const pageErrors: string[] = [];
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('request', (r) => requests.push(r.url()));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(url, { waitUntil: 'load' });
    loaded = { page, consoleErrors, pageErrors, requests, dialogs, url };
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['sample (hostile names)', () => renderHtml(makeSampleReport({ hostile: true }))],
    ['demo', async () => renderHtml(await demoAuditReport())],
  ] as const)('fits a 375 px phone: no horizontal page scroll, wide tables scroll in their own box (%s)', async (_n, html) => {
    const file = join(dir, 'phone.html');
    writeFileSync(file, await html());
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    try {
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const widths = await page.evaluate<{ doc: number; body: number }>('({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth })');
      expect(widths.doc).toBeLessThanOrEqual(375);
      expect(widths.body).toBeLessThanOrEqual(375);
      // every table sits in a scrolling container no wider than the viewport
      const boxes = await page.evaluate<{ inWrap: boolean; right: number; overflow: string }[]>(
        "[...document.querySelectorAll('table')].map((t) => { const w = t.parentElement; return { inWrap: w.classList.contains('table-wrap'), right: Math.round(w.getBoundingClientRect().right), overflow: getComputedStyle(w).overflowX }; })",
      );
      expect(boxes.length).toBeGreaterThan(3);
      // text cells keep readable columns (no name squeezed to a letter a line)
      const narrowest = await page.evaluate<number>("Math.min(...[...document.querySelectorAll('td')].filter((td) => td.textContent.trim().length > 3).map((td) => td.getBoundingClientRect().width))");
      expect(narrowest).toBeGreaterThanOrEqual(40);
      for (const b of boxes) {
        expect(b.inWrap).toBe(true);
        expect(b.overflow).toBe('auto');
        expect(b.right).toBeLessThanOrEqual(375);
      }
    } finally {
      await page.close();
    }
  });

  it('loads without console errors, page errors or dialogs', () => {
    expect(loaded.consoleErrors).toEqual([]);
    expect(loaded.pageErrors).toEqual([]);
    expect(loaded.dialogs).toEqual([]);
  });

  it('makes no request besides the document itself', () => {
    expect(loaded.requests).toEqual([loaded.url]);
  });

  it('carries the CSP and has no script element', async () => {
    const { page } = loaded;
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    );
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('img, iframe, object, embed, link[rel]').count()).toBe(0);
    // the only links: citation keys to their entries in the report's own Sources list
    expect(await page.locator('a[href]:not([href^="#source-"])').count()).toBe(0);
    // page-side code as a string: the test tsconfig has no DOM lib
    const handlers = await page.evaluate<string[]>(
      "[...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => el.tagName + '.' + a.name))",
    );
    expect(handlers).toEqual([]);
  });

  it('draws the charts', async () => {
    const { page } = loaded;
    for (const id of CHART_IDS) {
      const svg = page.locator(`svg#${id}`);
      expect(await svg.count(), id).toBe(1);
      const box = await svg.boundingBox();
      expect(box?.width ?? 0, id).toBeGreaterThan(300);
      expect(box?.height ?? 0, id).toBeGreaterThan(80);
    }
    expect(await page.locator('#chart-bookings-pipeline rect.bar').count()).toBeGreaterThan(20);
    expect(await page.locator('#chart-retention-waterfall rect.step').count()).toBe(5);
    expect(await page.locator('#chart-channel-cac rect.bar-spend').count()).toBe(5);
  });

  it('shows the overall grade and the findings', async () => {
    const { page } = loaded;
    expect((await page.locator('#overall-grade .grade-big').innerText()).trim()).toBe('D');
    const text = await page.locator('body').innerText();
    expect(text).toContain('Overall 69.5 / 100');
    expect(text).toContain('Findings: losses first, then risks, then upsides');
    expect(text).toContain('$546.5k a year');
    expect(text).toContain('Verdict: fractional CRO');
  });

  it('shows hostile names as text', async () => {
    const { page } = loaded;
    expect((await page.locator('h1').innerText()).trim()).toBe(HOSTILE.script);
    const text = await page.locator('body').innerText();
    expect(text).toContain(`${HOSTILE.script} closed 40.4% of bookings`);
    expect(text).toContain(`Shadow ${HOSTILE.script} on five deals`);
    expect(text).toContain(`${HOSTILE.img} costs $36.0k per new customer`);
    expect(text).toContain(`${HOSTILE.formula} is among the largest losses`);
    expect(text).toContain('| [x](javascript:alert(1))');
    expect(text).not.toContain('\u001b');
    // inside SVG: the channel label is text, not an element
    expect(await page.locator('#chart-channel-cac text.channel-label').first().textContent()).toBe('<img src=x onerror=…');
    expect(await page.locator('svg img, svg script, svg foreignObject').count()).toBe(0);
  });

  it('prints', async () => {
    const { page } = loaded;
    await page.emulateMedia({ media: 'print' });
    const shadow = await page.evaluate<string>("getComputedStyle(document.querySelector('.report')).boxShadow");
    expect(shadow).toBe('none');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
    if (process.env.REVHEALTH_SCREENSHOT) {
      const out = resolve('.tmp');
      mkdirSync(out, { recursive: true });
      const clean = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
      const file = join(dir, 'clean.html');
      writeFileSync(file, renderHtml(makeSampleReport()));
      await clean.goto(pathToFileURL(file).href);
      await clean.screenshot({ path: join(out, 'report.png'), fullPage: true });
      await clean.close();
    }
  });
});
