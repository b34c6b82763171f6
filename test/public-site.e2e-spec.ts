import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import { OutcomeWorld, makeFinalOutcome, makeOutcomeWorld } from './medium/factories/publications';
import { unique } from './medium/support';
import { apiOf } from './support/api';
import { bootHttp, dataSource } from './support/app';
import { type ConsoleHarness, startConsole } from './support/browser';
import { bootPortal, listUpTo, regulatorsOf, renderFiles } from './support/public-lists';

/**
 * The public web site at `/`: server-rendered pages from the public API's services, Chinese by
 * default and English by `?lang=en`, with ETags, 400 pages naming the parameter, nothing
 * unpublished reachable; then the same in real Chromium (search in Chinese, open an entry,
 * switch language, axe).
 */
let tasks: NestFastifyApplication;
let portal: NestFastifyApplication;
const api = apiOf(() => tasks);

beforeAll(async () => {
  tasks = await bootHttp(InspectionTasksModule);
  portal = await bootPortal();
});
afterAll(async () => {
  await tasks.close();
  await portal.close();
});

const get = (url: string, headers: Record<string, string> = {}) =>
  portal.inject({ method: 'GET', url, headers });

const world = (() => {
  let made: Promise<{ w: OutcomeWorld; tag: string; list: Record<string, unknown>; draft: string }>;
  return () =>
    (made ??= (async () => {
      const ds = dataSource(tasks);
      const w = await makeOutcomeWorld(ds);
      const tag = unique('站').replace(/[^0-9]/g, '').slice(-6);
      await makeFinalOutcome(ds, w, { outcome: 'fail', product: `蒙牛纯牛奶${tag}`, brand: '蒙牛', manufacturerName: `内蒙古蒙牛乳业${tag}有限公司` });
      await makeFinalOutcome(ds, w, { outcome: 'fail', product: `酸奶<b>${tag}`, brand: 'Yili', manufacturerName: `伊利实业${tag}公司` });
      const list = await listUpTo(api, ds, regulatorsOf(w.jurisdiction));
      await renderFiles(portal, list.id as string);
      await makeFinalOutcome(ds, w, { outcome: 'fail', product: `未公布饼干${tag}`, brand: '无', manufacturerName: `草稿${tag}公司` });
      const draft = await listUpTo(api, ds, regulatorsOf(w.jurisdiction), 'approved');
      return { w, tag, list, draft: draft.id as string };
    })());
})(); // prettier-ignore

const entryLinks = (body: string) =>
  [...body.matchAll(/href="(\/entries\/[^"]+)"/g)].map((m) => m[1]);

describe('public web site', () => {
  it('searches in Chinese with filters, escapes what it shows, and links each result to its page', async () => {
    const { w, tag } = await world();
    const r = await get(
      `/?q=${encodeURIComponent('蒙牛')}&prefecture=&jurisdiction=${w.jurisdiction}`,
    );
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/html');
    expect(r.body).toContain('<html lang="zh-CN">');
    expect(r.body).toContain(`蒙牛纯牛奶${tag}`);
    expect(r.body).not.toContain(`酸奶`);
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.body).not.toMatch(/<script/);
    const all = await get(`/?q=${tag}&jurisdiction=${w.jurisdiction}`);
    expect(all.body).toContain(`酸奶&lt;b&gt;${tag}`);
    expect(all.body).not.toContain(`酸奶<b>`);
    expect(entryLinks(all.body)).toHaveLength(2);
    // Never the unpublished draft's result.
    expect(all.body).not.toContain('未公布饼干');
    // Sector filter narrows: the world's products are not drugs.
    const drug = await get(`/?q=${tag}&jurisdiction=${w.jurisdiction}&sector=drug`);
    expect(entryLinks(drug.body)).toHaveLength(0);
  });

  it('pages with a cursor link that keeps the filters', async () => {
    const { w, tag } = await world();
    const first = await get(`/?q=${tag}&jurisdiction=${w.jurisdiction}&limit=1`);
    const next = /<a rel="next" href="([^"]+)"/.exec(first.body)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toContain('cursor=');
    expect(next).toContain(`q=${tag}`);
    const second = await get(next!);
    expect(second.statusCode).toBe(200);
    expect(entryLinks(second.body)).toHaveLength(1);
    expect(entryLinks(second.body)).not.toEqual(entryLinks(first.body));
  });

  it('answers bad parameters with a 400 page naming them, never a 5xx', async () => {
    for (const [url, field] of [
      ['/?from=2026-13-01', 'from'],
      ['/?prefecture=12', 'prefecture'],
      ['/?sector=space', 'sector'],
      ['/?cursor=garbage', 'cursor'],
      [`/?q=${'x'.repeat(101)}`, 'q'],
      ['/?nope=1', 'nope'],
      ['/?lang=fr', 'lang'],
      ['/?uscc=123', 'uscc'],
      ['/?limit=1000', 'limit'],
      ['/rates?period=2019-13', 'period'],
      ['/draws?year=1999', 'year'],
      ['/?q=a&q=b', 'q'],
      ['/publications?jurisdiction=abc', 'jurisdiction'],
      ['/publications/00000000-0000-0000-0000-000000000000?x=1', 'x'],
    ] as const) {
      const r = await get(url);
      expect([url, r.statusCode]).toEqual([url, 400]);
      expect(r.headers['content-type']).toContain('text/html');
      expect(r.headers['cache-control']).toBe('no-store');
      expect(r.body).toContain(`<code>${field}</code>`);
      expect(r.body).toContain('<p>地址中以下参数的值无效，请修改后重试：</p>');
      // Every reason in Chinese: none of the API's English sentences, none untranslated.
      expect([url, r.body]).not.toEqual([
        url,
        expect.stringMatching(/must |does not exist|unknown field|取值无效/),
      ]);
    }
    // The field as the search form labels it, and the reason, in Chinese.
    for (const [url, line] of [
      ['/?from=2026-13-01', '<code>from</code>（公布日期从）：不存在 13 月'],
      [
        '/?from=2026-02-30',
        '<code>from</code>（公布日期从）：日期 2026-02-30 不存在（2026 年 02 月只有 28 天）',
      ],
      ['/?from=26-1-1', '<code>from</code>（公布日期从）：应为日期，写作 年-月-日（YYYY-MM-DD）'],
      [
        `/?q=${'x'.repeat(101)}`,
        '<code>q</code>（产品、品牌、生产企业或被抽样单位）：不能超过 100 个字符',
      ],
      ['/?nope=1', '<code>nope</code>：没有这个参数'],
      [
        '/?cursor=garbage',
        '<code>cursor</code>（翻页位置）：不是本站给出的翻页位置：请从第一页重新查询',
      ],
      [
        '/?prefecture=12',
        '<code>prefecture</code>（地区代码）：应为 6 位行政区划代码（GB/T 2260）',
      ],
      ['/?uscc=123', '<code>uscc</code>（统一社会信用代码）：应为 18 位，实际为 3 位'],
    ] as const) {
      const r = await get(url);
      expect([url, r.statusCode]).toEqual([url, 400]);
      expect(r.body.replace(/\s+/g, ' ')).toContain(line);
    }
    // In English, the API's own reasons.
    const en = await get('/?sector=space&lang=en');
    expect(en.body).toContain(
      '<p>These parameters of the address are not valid; change them and try again:</p>',
    );
    expect(en.body).toContain('<code>sector</code>: sector must be one of the following values');
    // The API keeps its JSON 400, in English, naming the field.
    const apiBad = await get('/api/v1/public/results?from=2026-13-01');
    expect(apiBad.statusCode).toBe(400);
    expect(apiBad.headers['content-type']).toContain('application/json');
    expect(apiBad.json().errors).toContainEqual({
      field: 'from',
      reason: 'month 13 does not exist',
    });
  });

  it('answers an address it has no page at with its 404 page, in the page’s language; the API keeps JSON', async () => {
    for (const url of ['/nope', '/entries', '/publications/a/b/c', '/site', '/rates/2026']) {
      const r = await get(url);
      expect([url, r.statusCode]).toEqual([url, 404]);
      expect(r.headers['content-type']).toContain('text/html');
      expect(r.headers['cache-control']).toBe('no-store');
      expect(r.body).toContain('<html lang="zh-CN">');
      expect(r.body).toContain('<h1>未找到</h1>');
      expect(r.body).toContain('本站没有这个地址的页面');
      // Back to the search, and the same address in English one click away.
      expect(r.body).toContain('<a href="/">返回查询</a>');
      expect(r.body).toContain(`href="${url}?lang=en"`);
    }
    const en = await get('/nope?lang=en');
    expect(en.statusCode).toBe(404);
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('This site has no page at this address');
    expect(en.body).toContain('<a href="/?lang=en">Back to the search</a>');
    const remembered = await get('/nope', { cookie: 'spotcheck_lang=en' });
    expect(remembered.body).toContain('<html lang="en">');
    // What is not the site's answers as the API does.
    for (const url of [
      '/api/v1/public/nope',
      '/api/nope',
      '/api',
      '/health/nope',
      '/metrics/nope',
    ]) {
      const r = await get(url);
      expect([url, r.statusCode]).toEqual([url, 404]);
      expect([url, r.headers['content-type']]).toEqual([
        url,
        expect.stringContaining('application/json'),
      ]);
      expect(r.json()).toMatchObject({ statusCode: 404 });
    }
    const post = await portal.inject({ method: 'POST', url: '/nope', payload: {} });
    expect(post.statusCode).toBe(404);
    expect(post.headers['content-type']).toContain('application/json');
  });

  it('shows an entry, with ETag and 304, and 404 for anything not published', async () => {
    const { w, tag, draft } = await world();
    const search = await get(
      `/?q=${encodeURIComponent(`蒙牛纯牛奶${tag}`)}&jurisdiction=${w.jurisdiction}`,
    );
    const [link] = entryLinks(search.body);
    const r = await get(link);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain(`内蒙古蒙牛乳业${tag}有限公司`);
    expect(r.headers['cache-control']).toBe('public, max-age=3600');
    expect(r.headers.etag).toBeTruthy();
    expect((await get(link, { 'if-none-match': r.headers.etag as string })).statusCode).toBe(304);
    for (const url of [
      `/entries/${draft}/failed/1`,
      `/entries/not-a-uuid/failed/1`,
      `/publications/${draft}`,
      `/publications/nope`,
    ]) {
      const nf = await get(url);
      expect([url, nf.statusCode]).toEqual([url, 404]);
      expect(nf.body).not.toContain('未公布饼干');
    }
  });

  it('shows publications with their digest, verification and downloads', async () => {
    const { w, list } = await world();
    const l = await get(`/publications?jurisdiction=${w.jurisdiction}`);
    expect(l.statusCode).toBe(200);
    expect(l.body).toContain(`/publications/${list.id as string}`);
    expect(l.body).not.toContain(`草稿`);
    const p = await get(`/publications/${list.id as string}`);
    expect(p.statusCode).toBe(200);
    expect(p.body).toContain(list.digest as string);
    expect(p.body).toContain('data-verdict="MATCH"');
    expect(p.body).toContain('一致');
    // A first version is named as such, not by the stored kind 'list'.
    expect(p.body).toContain('1 · 首次发布');
    expect(p.body).not.toContain('1 · list');
    expect(p.body).toContain(`/api/v1/public/publications/${list.id as string}/files/list.json`);
    expect(p.body).toMatch(/[0-9a-f]{64}/);
    // Its results link searches by a field the form does not show: the page says so and
    // offers the way back to every list's results.
    const href = /<a href="(\/\?[^"]*noticeNo=[^"]+)">查看本公告的结果<\/a>/.exec(p.body)?.[1];
    const results = await get(href!.replace(/&amp;/g, '&'));
    expect(results.statusCode).toBe(200);
    expect(results.body).toContain(
      `只显示此公告的结果：<strong>${list.noticeNo as string}</strong>`,
    );
    const all = /data-notice-filter>[^]*?<a href="([^"]+)">显示所有公告的结果<\/a>/.exec(
      results.body,
    )?.[1];
    expect(all).toBe('/?result=all');
    expect((await get(`/?q=x&lang=en&noticeNo=${encodeURIComponent(list.noticeNo as string)}`)).body)
      .toContain('Only the results of the list: <strong>'); // prettier-ignore
    expect((await get('/?q=x')).body).not.toContain('data-notice-filter');
    // An empty list of lists says that no list matches, not that no result does.
    const none = await get('/publications?jurisdiction=520000');
    expect(none.body).toContain('没有符合条件的已公布公告。');
    expect((await get('/publications?jurisdiction=520000&lang=en')).body).toContain(
      'No published list matches.',
    );
  });

  it('switches to English by ?lang=en and remembers it in a cookie', async () => {
    const r = await get('/?lang=en');
    expect(r.body).toContain('<html lang="en">');
    expect(r.body).toContain('Search spot-check results');
    const cookie = String(r.headers['set-cookie']).split(';')[0];
    expect(cookie).toBe('spotcheck_lang=en');
    const again = await get('/', { cookie });
    expect(again.body).toContain('<html lang="en">');
    expect(again.headers.vary).toContain('Cookie');
    expect((await get('/')).body).toContain('<html lang="zh-CN">');
  });

  it('serves its stylesheet with an ETag', async () => {
    const r = await get('/site/site.css');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/css');
    expect(
      (await get('/site/site.css', { 'if-none-match': r.headers.etag as string })).statusCode,
    ).toBe(304);
    expect((await get('/site/nope.js')).statusCode).toBe(404);
  });
});

describe('public web site in Chromium', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsole(null, 'site', () => bootPortal());
  });
  afterAll(async () => h?.close());

  it('searches a product in Chinese, opens its entry and switches to English; axe finds nothing serious', async () => {
    const { w, tag } = await world();
    const page = await h.page();
    await page.goto(h.url(`/?jurisdiction=${w.jurisdiction}`));
    await page.getByLabel('产品、品牌、生产企业或被抽样单位').fill(`蒙牛`);
    await page.getByLabel('产品、品牌、生产企业或被抽样单位').press('Enter');
    await page.getByRole('link', { name: `蒙牛纯牛奶${tag}` }).waitFor();
    await h.screenshot(page, 'site-search');
    expect(await h.axe(page)).toEqual([]);
    await page.getByRole('link', { name: `蒙牛纯牛奶${tag}` }).click();
    await page.getByRole('heading', { name: new RegExp(`蒙牛纯牛奶${tag}`) }).waitFor();
    expect(await h.axe(page)).toEqual([]);
    await h.screenshot(page, 'site-entry');
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByText('Manufacturer (as labelled)').waitFor();
    await h.screenshot(page, 'site-entry-en');
    expect(await h.axe(page)).toEqual([]);
    // The language stays for the next page (cookie and links).
    await page.getByRole('link', { name: 'Published lists' }).first().click();
    await page.getByRole('heading', { name: 'Published lists' }).waitFor();
    expect(await h.axe(page)).toEqual([]);
    // A list's results say which list they are restricted to, readable by everyone.
    const { list } = await world();
    await page.goto(
      h.url(`/?result=all&lang=zh&noticeNo=${encodeURIComponent(list.noticeNo as string)}`),
    );
    await page.getByRole('link', { name: '显示所有公告的结果' }).waitFor();
    expect(await h.axe(page)).toEqual([]);
    // A phone-sized screen.
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(h.url(`/?q=${tag}&jurisdiction=${w.jurisdiction}&lang=zh`));
    await h.screenshot(page, 'site-search-phone');
    expect(h.pageErrors).toEqual([]);
  });

  it('shows its 404 and 400 pages in Chinese with a way back; axe finds nothing serious', async () => {
    const page = await h.page();
    const missing = await page.goto(h.url('/no-such-page'));
    expect(missing?.status()).toBe(404);
    await page.getByRole('heading', { name: '未找到' }).waitFor();
    await page.getByText('本站没有这个地址的页面').waitFor();
    await h.screenshot(page, 'site-404');
    expect(await h.axe(page)).toEqual([]);
    const bad = await page.goto(h.url('/?from=2026-13-01'));
    expect(bad?.status()).toBe(400);
    await page.getByRole('heading', { name: '请求参数有误' }).waitFor();
    expect(
      await page.getByRole('listitem').filter({ hasText: '不存在 13 月' }).innerText(),
    ).toContain('from（公布日期从）');
    await h.screenshot(page, 'site-400');
    expect(await h.axe(page)).toEqual([]);
    await page.getByRole('link', { name: '返回查询' }).click();
    await page.getByRole('heading', { name: '抽检结果查询' }).waitFor();
    expect(h.pageErrors).toEqual([]);
  });
});
