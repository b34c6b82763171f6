import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { siteDir } from '@spotcheck/common';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import { makeFinalOutcome, makeOutcomeWorld } from './medium/factories/publications';
import { apiOf } from './support/api';
import { bootHttp, dataSource } from './support/app';
import { type ConsoleHarness, startConsole } from './support/browser';
import { bootPortal, listUpTo, regulatorsOf, renderFiles, supersede } from './support/public-lists';

/**
 * The publication page's check of a list in the browser (/site/list-verify.js): every
 * published version's list.json hashed with WebCrypto, its canonical JSON recomputed and
 * hashed, its header, counts, the version it corrects and its links in the digest chain
 * checked — MATCH per version for genuine lists, MISMATCH for the version whose file was
 * altered on its way to the browser.
 */
let tasks: NestFastifyApplication;
let h: ConsoleHarness;
const api = apiOf(() => tasks);

beforeAll(async () => {
  if (!existsSync(join(siteDir(), 'list-verify.js')))
    throw new Error(`no site bundle in ${siteDir()}: run npm run build:site first`);
  tasks = await bootHttp(InspectionTasksModule);
  h = await startConsole(null, 'site', () => bootPortal());
});
afterAll(async () => {
  await h?.close();
  await tasks?.close();
});

/** A list and its correction, both rendered, then the jurisdiction's next list after them. */
const world = (() => {
  let made: Promise<{ v1: string; v2: string; l2: string }>;
  return () =>
    (made ??= (async () => {
      const ds = dataSource(tasks);
      const w = await makeOutcomeWorld(ds);
      const r = regulatorsOf(w.jurisdiction);
      const a = await makeFinalOutcome(ds, w, { outcome: 'fail', product: '校验甲' });
      await makeFinalOutcome(ds, w, { outcome: 'pass', product: '校验乙' });
      const v1 = await listUpTo(api, ds, r);
      await renderFiles(h.app, v1.id as string);
      const v2 = await supersede(api, ds, r, v1.id as string, { reason: '样品编号有误', remove: [a.sampleNo] });
      await renderFiles(h.app, v2.id as string);
      await makeFinalOutcome(ds, w, { outcome: 'fail', product: '校验丙', finalOn: '2026-04-01' });
      const l2 = await listUpTo(api, ds, r);
      await renderFiles(h.app, l2.id as string);
      return { v1: v1.id as string, v2: v2.id as string, l2: l2.id as string };
    })());
})(); // prettier-ignore

const verdicts = (page: import('playwright-core').Page) =>
  page.$$eval('[data-version-out]', (els) =>
    els.map((e) => [
      e.getAttribute('data-version-out'),
      e.getAttribute('data-verdict'),
      e.textContent,
    ]),
  );

describe('the list verification in the browser', () => {
  it('shows the verification section and the script without JavaScript running', async () => {
    const { v2 } = await world();
    const r = await h.app.inject({ url: `/publications/${v2}` });
    expect(r.statusCode).toBe(200);
    expect(r.body).toMatch(
      /<script type="module" src="\/site\/list-verify\.js\?v=[^"]+"><\/script>/,
    );
    expect(r.body).toContain(`data-publication="/api/v1/public/publications/${v2}"`);
    expect(r.body).toContain('在本浏览器中校验');
  });

  it('says a version was superseded in the language of the page, under a status column', async () => {
    const { v1 } = await world();
    const zh = await h.app.inject({ url: `/publications/${v1}` });
    expect(zh.body).toContain('<th scope="col">状态</th>');
    expect(zh.body).toMatch(/已被替代：<a[^>]*>[^<]+<\/a\s*>。原因：样品编号有误/);
    const en = await h.app.inject({ url: `/publications/${v1}?lang=en` });
    expect(en.body).toContain('<th scope="col">Status</th>');
    expect(en.body).toMatch(/Superseded: <a[^>]*>[^<]+<\/a\s*>\. Reason: 样品编号有误/);
    expect(en.body).toMatch(/Superseded: [^<（]+ \(样品编号有误\)/);
    expect(en.body).not.toMatch(/(Superseded|Reason)：/);
    // A result of the superseded version says so in English too, with English punctuation.
    const entry = await h.app.inject({ url: `/entries/${v1}/failed/1?lang=en` });
    expect(entry.statusCode).toBe(200);
    expect(entry.body).toMatch(
      /has been corrected or withdrawn: <a[^>]*>[^<]+<\/a\s*> \(Correction, \d{4}-\d{2}-\d{2}\)\. Reason: /,
    );
    expect(entry.body).not.toContain('：');
  });

  it('answers MATCH for every version of a genuine list; axe finds nothing serious', async () => {
    const { v1, v2 } = await world();
    const page = await h.page();
    await page.goto(h.url(`/publications/${v2}`));
    await page.getByRole('button', { name: '开始校验' }).click();
    await page.locator('[data-out][data-verdict]').waitFor();
    expect(await page.locator('[data-out]').getAttribute('data-verdict')).toBe('MATCH');
    expect(await verdicts(page)).toEqual([
      [v1, 'MATCH', '一致'],
      [v2, 'MATCH', '一致'],
    ]);
    await h.screenshot(page, 'site-list-match');
    expect(await h.axe(page)).toEqual([]);
  }, 120_000);

  it('answers MISMATCH for the version whose entry was altered, naming the checks', async () => {
    const { v1, v2 } = await world();
    const page = await h.page();
    await page.route(`**/api/v1/public/publications/${v1}/files/list.json`, async (route) => {
      const res = await route.fetch();
      const doc = (await res.json()) as { failed: { productName: string }[] };
      doc.failed[0].productName = '被篡改的产品';
      await route.fulfill({ response: res, body: JSON.stringify(doc) });
    });
    await page.goto(h.url(`/publications/${v2}?lang=en`));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.locator('[data-out][data-verdict]').waitFor();
    expect(await page.locator('[data-out]').getAttribute('data-verdict')).toBe('MISMATCH');
    const [first, second] = await verdicts(page);
    expect(first.slice(0, 2)).toEqual([v1, 'MISMATCH']);
    expect(first[2]).toContain('file digest');
    expect(first[2]).toContain('canonical JSON digest of the entries');
    expect(second).toEqual([v2, 'MATCH', 'MATCH']);
    await h.screenshot(page, 'site-list-mismatch');
    expect(await h.axe(page)).toEqual([]);
  }, 120_000);

  it('answers MISMATCH when the chain it reads does not link the lists', async () => {
    const { v1, l2 } = await world();
    const page = await h.page();
    await page.route(`**/api/v1/public/chains/*`, async (route) => {
      const res = await route.fetch();
      const chain = (await res.json()) as {
        items: { id: string; previousDigest: string | null }[];
      };
      const next = chain.items.find((i) => i.id === l2)!;
      next.previousDigest = '0'.repeat(64);
      await route.fulfill({ response: res, body: JSON.stringify(chain) });
    });
    await page.goto(h.url(`/publications/${l2}`));
    await page.getByRole('button', { name: '开始校验' }).click();
    await page.locator('[data-out][data-verdict]').waitFor();
    expect(await page.locator('[data-out]').getAttribute('data-verdict')).toBe('MISMATCH');
    const [only] = await verdicts(page);
    expect(only.slice(0, 2)).toEqual([l2, 'MISMATCH']);
    expect(only[2]).toContain('摘要链');
    expect(only[2]).not.toContain('文件摘要');
    expect(v1).not.toBe(l2);
    expect(h.pageErrors).toEqual([]);
  }, 120_000);
});
