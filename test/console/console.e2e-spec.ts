import { gunzipSync } from 'node:zlib';
import { InspectionTasksModule } from '../../apps/inspection-tasks/src/app.module';
import { REGULATOR_HOHHOT } from '../support/app';
import { ConsoleHarness, settledWidth, startConsole } from '../support/browser';

// A browser story takes 40-50 s alone on the 2-core machine; twice that when it is busy.
jest.setTimeout(180_000);

/** The console's shell, served by inspection-tasks: caching, fallback, language, a page. */
let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole(InspectionTasksModule, 'inspection-tasks');
});
afterAll(() => h?.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  h.app.inject({ method: 'GET', url, headers });

describe('serving the console', () => {
  it('answers /console with the page and its headers, never cached', async () => {
    expect((await get('/console')).headers.location).toBe('/console/');
    const r = await get('/console/');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.body).toContain('data-console="tasks"');
    expect(r.body).toContain('lang="zh-CN"');
  });

  it('answers any page path with the same document (the browser routes it)', async () => {
    const r = await get('/console/plans/0b6f0d3e-1111-4f11-8111-111111111111');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('<div id="root">');
  });

  it('caches hashed assets for a year, compressed for browsers that take it', async () => {
    const script = /src="\/console\/(assets\/[^"]+\.js)"/.exec((await get('/console/')).body)![1];
    const plain = await get(`/console/${script}`);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-type']).toMatch(/javascript/);
    const gz = await get(`/console/${script}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).equals(plain.rawPayload)).toBe(true);
  });

  it('answers 404 for an asset the bundle does not have, not the page', async () => {
    const r = await get('/console/assets/index-00000000.js');
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('leaves the API to the API: an unknown API path is still a JSON 404', async () => {
    const r = await get('/api/v1/no-such-route');
    expect(r.statusCode).toBe(404);
  });
});

describe('the console in Chromium', () => {
  it('sends a visitor without a session to the sign-in page, in Chinese', async () => {
    const page = await h.page();
    await page.goto(h.url('/console/plans'));
    await page.getByRole('button', { name: /登\s*录/ }).waitFor();
    expect(page.url()).toContain('/console/signin?next=%2Fplans');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await h.screenshot(page, 'signin');
    expect(await h.axe(page)).toEqual([]);
  });

  it('opens the start page for a regulator, with navigation by role, and switches to English', async () => {
    const page = await h.page({ as: REGULATOR_HOHHOT });
    await page.goto(h.url('/console/'));
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    await page.getByText('本年度合格率与目标').waitFor();
    await h.screenshot(page, 'home');
    expect(await h.axe(page)).toEqual([]);

    await page.getByRole('button', { name: '界面语言' }).click();
    await page.getByRole('heading', { name: 'Start' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Start' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(h.pageErrors).toEqual([]);
  });

  it('fits a phone: at 390 px nothing scrolls sideways, and the header keeps the product name', async () => {
    const widthOf = (p: Awaited<ReturnType<ConsoleHarness['page']>>) => settledWidth(p, 390);
    const anon = await h.page();
    await anon.setViewportSize({ width: 390, height: 844 });
    await anon.goto(h.url('/console/'));
    await anon.getByRole('button', { name: /登\s*录/ }).waitFor();
    expect(await widthOf(anon)).toBeLessThanOrEqual(390);

    const page = await h.page({ as: REGULATOR_HOHHOT });
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, heading] of [
      ['', '工作台'],
      ['enterprises', '检查对象名录'],
      ['plans', '抽查计划'],
    ]) {
      await page.goto(h.url(`/console/${path}`));
      await page.getByRole('heading', { name: heading }).waitFor();
      expect(await widthOf(page)).toBeLessThanOrEqual(390);
      expect(await page.locator('.console-title').isVisible()).toBe(true);
    }
    await h.screenshot(page, 'plans-390');
    expect(await h.axe(page)).toEqual([]);
  });
});
