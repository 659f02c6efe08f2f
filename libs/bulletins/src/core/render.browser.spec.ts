import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { isSuppressed } from './change';
import { buildFigures, DEFAULT_CONFIG } from './figures';
import { loadLocale } from './locale';
import { render } from './render';
import { sampleInput } from './samples';
import type { Count } from './types';

// Needs Debian's `chromium` (and `fonts-noto-cjk` for Hangul); see libs/bulletins/README.md.
const SHOTS = join(__dirname, '../../../../out/screenshots');
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
const figures = buildFigures(sampleInput(), DEFAULT_CONFIG);

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => browser?.close());

async function open(lang: string, width: number, height: number): Promise<{ page: Page; requests: string[] }> {
  const page = await browser.newPage({ viewport: { width, height } });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.setContent(render(figures, lang, 'html'), { waitUntil: 'load' });
  return { page, requests };
}

describe.each(['en', 'ko'])('bulletin HTML in Chromium (%s)', (lang) => {
  const locale = loadLocale(lang);
  const cell = (c: Count) => (isSuppressed(c) ? locale.fewerThan(c) : locale.number(c));

  it.each([
    [375, 800],
    [1200, 900],
  ])('shows the chart and its table at %ipx', async (width, height) => {
    const { page, requests } = await open(lang, width, height);
    try {
      const chart = page.locator('svg.chart[role="img"]');
      await expect(chart.isVisible()).resolves.toBe(true);
      const chartBox = await chart.boundingBox();
      expect(chartBox!.width).toBeGreaterThan(width === 375 ? 300 : 400);
      expect(chartBox!.height).toBeGreaterThan(150);
      expect(await chart.locator('g.series').count()).toBe(figures.weekly.scamTypes.length);
      expect(await chart.locator('path').count()).toBeGreaterThan(0);

      const table = page.locator('#trend-table');
      await expect(table.isVisible()).resolves.toBe(true);
      const tableBox = await table.boundingBox();
      expect(tableBox!.width).toBeGreaterThan(0);
      expect(tableBox!.height).toBeGreaterThan(0);

      const rows = await table
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (c) => (c.textContent ?? '').trim())));
      expect(rows).toEqual(
        figures.weekly.weeks.map((w) => [locale.shortDate(w.weekStart), ...figures.weekly.scamTypes.map((t) => cell(w.counts[t]!))]),
      );
      const headers = await table.locator('thead th').allTextContents();
      expect(headers.slice(1)).toEqual(figures.weekly.scamTypes.map((t) => locale.t(`scamType.${t}`)));

      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      expect(requests.filter((u) => !u.startsWith('about:') && !u.startsWith('data:'))).toEqual([]);

      await page.screenshot({ path: join(SHOTS, `bulletin-${lang}-${width}.png`), fullPage: true });
    } finally {
      await page.close();
    }
  });
});

it('draws Hangul with real glyphs, not the missing-glyph box', async () => {
  const { page } = await open('ko', 375, 800);
  try {
    // Two different syllables render to the same pixels only when both fall back to the .notdef box.
    const distinct = await page.evaluate(() => {
      const draw = (ch: string) => {
        const c = document.createElement('canvas');
        c.width = c.height = 40;
        const g = c.getContext('2d')!;
        g.font = `32px ${getComputedStyle(document.body).fontFamily}`;
        g.fillText(ch, 2, 32);
        return Array.from(g.getImageData(0, 0, 40, 40).data).join(',');
      };
      return draw('가') !== draw('힣');
    });
    expect(distinct).toBe(true);
  } finally {
    await page.close();
  }
});
