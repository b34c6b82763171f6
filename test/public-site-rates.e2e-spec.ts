import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { siteDir } from '@spotcheck/common';
import { makeOutcomeWorld } from './medium/factories/publications';
import { type ConsoleHarness, startConsole } from './support/browser';
import { bootPortal } from './support/public-lists';

/**
 * The site's rates dashboard (/rates): by sector against targets, by prefecture and by
 * quarter, as server-rendered tables (no JavaScript needed) and as ECharts charts drawn in real
 * Chromium from the public rates API by /site/rates-charts.js — the one page that loads them:
 * the search page's first-load JavaScript is measured and printed.
 */
let h: ConsoleHarness;
beforeAll(async () => {
  if (!existsSync(join(siteDir(), 'rates-charts.js')))
    throw new Error(`no site bundle in ${siteDir()}: run npm run build:site first`);
  h = await startConsole(null, 'site', () => bootPortal());
});
afterAll(async () => h?.close());

/** Cells of a closed plan in 2019 (a year no other test uses), in two sectors and prefectures. */
const cells = (() => {
  let made: Promise<{ j: string }>;
  return () =>
    (made ??= (async () => {
      const ds = h.app.get(DataSource);
      const w = await makeOutcomeWorld(ds);
      const j = w.jurisdiction;
      await ds.query(`UPDATE sampling_plan SET state = 'closed' WHERE id = $1`, [w.plan.id]);
      const cell = (sector: string, region: string, month: string, pass: number, fail: number) =>
        ds.query(
          `INSERT INTO rate_cell (plan_id, category, region_code, enterprise_size, stage, period_month,
                                  jurisdiction, sector, pass, fail, pending, excluded)
           VALUES ($1, $2, $3, 'small', 'distribution', $4, $5, $6, $7, $8, 0, 0)`,
          [w.plan.id, w.category.code, region, month, j, sector, pass, fail],
        ); // prettier-ignore
      await cell('manufacturing', j, '2019-02-01', 90, 10);
      await cell('manufacturing', '150202', '2019-05-01', 48, 2);
      await cell('food', j, '2019-08-01', 97, 3);
      await cell('food', '150202', '2019-11-01', 20, 5);
      for (const [sector, target] of [['manufacturing', 95], ['food', 90]] as const)
        await ds.query(
          `INSERT INTO rate_target (jurisdiction, sector, year, metric, target, source, created_by, updated_by)
           VALUES ($1, $2, 2019, 'pass_rate', $3, '测试目标', 'test', 'test')`,
          [j, sector, target],
        ); // prettier-ignore
      return { j };
    })());
})();

/** The rows of a rendered table, as the cells' text. */
const tableRows = (page: Page, view: string) =>
  page.$$eval(`table[data-rates="${view}"] tbody tr`, (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())),
  );

/** Each chart's canvas: its size and how many of its pixels are painted (a string: no DOM types here). */
const canvases = (page: Page) =>
  page.evaluate(`[...document.querySelectorAll('[data-chart] canvas')].map((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) painted++;
    return { width: c.width, height: c.height, painted };
  })`) as Promise<{ width: number; height: number; painted: number }[]>;

/** The JavaScript a page loads, gzipped, in KB, while loading `url`. */
async function firstLoadJs(page: Page, url: string): Promise<{ kb: number; files: string[] }> {
  const bodies: Promise<{ url: string; size: number }>[] = [];
  const on = (r: import('playwright-core').Response) => {
    if (r.request().resourceType() === 'script')
      bodies.push(r.body().then((b) => ({ url: r.url(), size: gzipSync(b, { level: 9 }).length })));
  };
  page.on('response', on);
  await page.goto(url, { waitUntil: 'networkidle' });
  page.off('response', on);
  const got = await Promise.all(bodies);
  return { kb: got.reduce((n, b) => n + b.size, 0) / 1024, files: got.map((b) => b.url) };
}

describe('the rates page', () => {
  it('renders the figures as tables without JavaScript, and 400 naming a bad parameter', async () => {
    const { j } = await cells();
    const r = await h.app.inject({ url: `/rates?period=2019&jurisdiction=${j}` });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('合格率与目标');
    expect(r.body).toMatch(/<script type="module" src="\/site\/rates-charts\.js\?v=[^"]+"><\/script>/);
    // By sector against its target: 138/150 = 92.00 against 95, food 117/125 = 93.60 against 90.
    expect(r.body).toMatch(/<th scope="row">工业产品<\/th>[\s\S]*?>92\.00<[\s\S]*?>95<[\s\S]*?>-3\.00</);
    expect(r.body).toMatch(/<th scope="row">食品<\/th>[\s\S]*?>93\.60<[\s\S]*?>90<[\s\S]*?>3\.60</);
    expect(r.body).toContain('包头市');
    expect(r.body).toContain('2019-Q4');
    for (const [url, field] of [
      ['/rates?period=2019-13', 'period'],
      ['/rates?jurisdiction=999999', 'jurisdiction'],
      ['/rates?by=plan', 'by'],
    ]) {
      const bad = await h.app.inject({ url });
      expect([url, bad.statusCode]).toEqual([url, 400]);
      expect(bad.body).toContain(`<code>${field}</code>`);
    }
    const js = await h.app.inject({ url: '/site/rates-charts.js', headers: { 'accept-encoding': 'gzip' } });
    expect(js.headers['content-encoding']).toBe('gzip');
    expect(js.headers['content-type']).toContain('javascript');
  }); // prettier-ignore

  it('draws the charts in Chinese and English, passes axe, fits a phone; the search page stays light', async () => {
    const { j } = await cells();
    const page = await h.page();
    const search = await firstLoadJs(page, h.url('/'));
    console.log(
      `search page first-load JavaScript: ${search.kb.toFixed(1)} KB gzipped (${search.files.length} files)`,
    );
    expect(search.kb).toBeLessThanOrEqual(200);
    expect(search.files.filter((f) => f.includes('rates-charts'))).toEqual([]);

    for (const lang of ['zh', 'en'] as const) {
      const rates = await firstLoadJs(page, h.url(`/rates?period=2019&jurisdiction=${j}&lang=${lang}`));
      console.log(`rates page (${lang}) JavaScript: ${rates.kb.toFixed(1)} KB gzipped`);
      await page.locator('#rates-charts[data-state="ready"]').waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe(lang === 'zh' ? 'zh-CN' : 'en');
      await page.getByRole('heading', { name: lang === 'zh' ? '各行业合格率与目标' : 'Pass rate by sector against its target' }).waitFor();
      // Every chart drew the rows of the table under it, on a canvas with paint on it.
      for (const view of ['sector', 'prefecture', 'quarter']) {
        const chart = page.locator(`[data-chart="${view}"]`);
        expect(await chart.getAttribute('data-state')).toBe('rendered');
        expect(Number(await chart.getAttribute('data-points'))).toBe((await tableRows(page, view)).length);
      }
      expect((await tableRows(page, 'quarter')).map((r) => r[0])).toEqual(['2019-Q1', '2019-Q2', '2019-Q3', '2019-Q4']);
      const drawn = await canvases(page);
      expect(drawn).toHaveLength(3);
      for (const c of drawn) {
        expect(c.width).toBeGreaterThan(100);
        expect(c.painted).toBeGreaterThan(1000);
      }
      expect(await h.axe(page)).toEqual([]);
      await h.screenshot(page, `site-rates-${lang}`);
    }

    // A phone-sized screen: the charts shrink to it, the tables become cards, nothing overflows.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(h.url(`/rates?period=2019&jurisdiction=${j}&lang=zh`));
    await page.locator('#rates-charts[data-state="ready"]').waitFor();
    const widths = await canvases(page);
    for (const c of widths) expect(c.painted).toBeGreaterThan(1000);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    const box = await page.locator('[data-chart="sector"]').boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);
    expect(await h.axe(page)).toEqual([]);
    await h.screenshot(page, 'site-rates-phone');
    expect(h.pageErrors).toEqual([]);
  }, 180_000); // prettier-ignore
});
