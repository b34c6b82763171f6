import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { encodeCursor } from '@spotcheck/domain';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import { OutcomeWorld, makeFinalOutcome, makeOutcomeWorld } from './medium/factories/publications';
import { unique } from './medium/support';
import { apiOf } from './support/api';
import { bootHttp, dataSource } from './support/app';
import { bootPortal, listUpTo, regulatorsOf, supersede } from './support/public-lists';

/**
 * The public search over published results: substring search (two Chinese characters
 * included), every filter, sorts and cursor pages, permalinks, counts, and the cache headers.
 * Each world publishes in a county of its own and names its products uniquely, so the other
 * lists of the shared test database never match.
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
type Item = Record<string, unknown>;
const items = async (url: string): Promise<Item[]> => {
  const r = await get(url);
  expect([url, r.statusCode]).toEqual([url, 200]);
  return (r.json() as { items: Item[] }).items;
};
const names = async (url: string) => (await items(url)).map((i) => i.productName).sort();

/** A published list of its own county: three failures and a pass of products named with `tag`. */
const world = (() => {
  let made: Promise<{
    w: OutcomeWorld;
    tag: string;
    list: Item;
    samples: Record<string, string>;
  }>;
  return () =>
    (made ??= (async () => {
      const ds = dataSource(tasks);
      const w = await makeOutcomeWorld(ds);
      // Letters before the digits: a few digits alone are in other suites' names too.
      const tag = `zq${unique('查').replace(/[^0-9]/g, '').slice(-6)}`;
      const samples: Record<string, string> = {};
      for (const [key, o] of [
        ['milk', { outcome: 'fail', product: `蒙牛纯牛奶${tag}`, brand: '蒙牛', manufacturerName: `内蒙古蒙牛乳业${tag}有限公司` }],
        ['yogurt', { outcome: 'fail', product: `酸奶${tag}`, brand: 'Yili', manufacturerName: `伊利实业${tag}公司` }],
        ['soy', { outcome: 'fail', product: `酱油100%_${tag}`, brand: '海天', manufacturerName: `海天调味${tag}公司` }],
        ['pass', { outcome: 'pass', product: `蒙牛酸奶${tag}`, brand: '蒙牛', manufacturerName: `内蒙古蒙牛乳业${tag}有限公司` }],
      ] as const) {
        const o2 = await makeFinalOutcome(ds, w, o);
        samples[key] = o2.sampleNo;
      }
      const list = await listUpTo(api, ds, regulatorsOf(w.jurisdiction));
      return { w, tag, list, samples };
    })());
})(); // prettier-ignore

describe('public results search', () => {
  it('finds failed results by two Chinese characters, one, and longer text, failed by default', async () => {
    const { w, tag } = await world();
    const j = `jurisdiction=${w.jurisdiction}`;
    expect(await names(`/api/v1/public/results?${j}&q=蒙牛`)).toEqual([`蒙牛纯牛奶${tag}`]);
    expect(await names(`/api/v1/public/results?${j}&q=乳业`)).toEqual([`蒙牛纯牛奶${tag}`]);
    expect(await names(`/api/v1/public/results?${j}&q=${encodeURIComponent(tag)}`)).toHaveLength(3);
    expect(await names(`/api/v1/public/results?${j}&q=奶`)).toEqual([
      `蒙牛纯牛奶${tag}`,
      `酸奶${tag}`,
    ]);
    // Case-insensitive, and LIKE's wildcards are matched as written.
    expect(await names(`/api/v1/public/results?${j}&q=yILI`)).toEqual([`酸奶${tag}`]);
    expect(await names(`/api/v1/public/results?${j}&q=${encodeURIComponent('100%_')}`)).toEqual([
      `酱油100%_${tag}`,
    ]);
    expect(await names(`/api/v1/public/results?${j}&q=${encodeURIComponent('0%')}`)).toEqual([
      `酱油100%_${tag}`,
    ]);
    expect(await names(`/api/v1/public/results?${j}&q=${encodeURIComponent('1_0')}`)).toEqual([]);
    expect(await names(`/api/v1/public/results?${j}&q=乳奶`)).toEqual([]);
    // The result filter: passes, or both tables.
    expect(await names(`/api/v1/public/results?${j}&q=蒙牛&result=passed`)).toEqual([
      `蒙牛酸奶${tag}`,
    ]);
    expect(await names(`/api/v1/public/results?${j}&q=蒙牛&result=all`)).toEqual([
      `蒙牛纯牛奶${tag}`,
      `蒙牛酸奶${tag}`,
    ]);
  });

  it('shows the official columns, a pass row without address, items or lab, and its permalink', async () => {
    const { w, tag, list } = await world();
    const [failed] = await items(`/api/v1/public/results?jurisdiction=${w.jurisdiction}&q=${tag}&sort=productName&limit=1`);
    expect(failed).toMatchObject({
      publicationId: list.id,
      result: 'failed',
      noticeNo: list.noticeNo,
      publishedOn: list.publishedOn,
      productName: `蒙牛纯牛奶${tag}`,
      brand: '蒙牛',
      lab: w.lab.name,
      labId: w.lab.id,
      planId: w.plan.id,
      sampledUnitAddress: '某区某路1号',
      failedItems: [{ item: '铅（以Pb计）', value: '0.8', limit: '≤0.5', unit: 'mg/kg' }],
    });
    const [passed] = await items(`/api/v1/public/results?jurisdiction=${w.jurisdiction}&q=${tag}&result=passed`);
    expect(passed).toMatchObject({ result: 'passed', lab: null, labId: null, sampledUnitAddress: null, failedItems: [] });
    const r = await get(failed.url as string);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ ...failed, supersededBy: null });
  }); // prettier-ignore

  it('narrows by every filter', async () => {
    const { w, tag, list } = await world();
    const base = `/api/v1/public/results?q=${tag}`;
    const all = `${base}&result=all`;
    const county = w.jurisdiction;
    const prefecture = `${county.slice(0, 4)}00`;
    const other = county.startsWith('11') ? '310000' : '110000';
    const cases: [string, number][] = [
      [base, 3],
      [all, 4],
      [`${all}&prefecture=${county}`, 4],
      [`${all}&prefecture=${prefecture}`, 4],
      [`${all}&prefecture=${other}`, 0],
      [`${all}&jurisdiction=${prefecture}`, 4],
      [`${all}&jurisdiction=${other}`, 0],
      [`${all}&category=${w.category.code}`, 4],
      [`${all}&category=NONE-${tag}`, 0],
      [`${all}&sector=${String(w.category.sector)}`, 4],
      [`${all}&sector=${w.category.sector === 'drug' ? 'food' : 'drug'}`, 0],
      [`${all}&from=${String(list.publishedOn)}&to=${String(list.publishedOn)}`, 4],
      [`${all}&to=2000-01-01`, 0],
      [`${all}&from=2999-01-01`, 0],
      // A pass row names no lab: filtering by lab finds failures only.
      [`${all}&lab=${w.lab.id}`, 3],
      [`${all}&lab=00000000-0000-4000-8000-000000000000`, 0],
      [`${all}&plan=${w.plan.id}`, 4],
      [`${all}&plan=00000000-0000-4000-8000-000000000000`, 0],
      [`${all}&noticeNo=${encodeURIComponent(String(list.noticeNo))}`, 4],
      [`${all}&noticeNo=x`, 0],
      [`${all}&uscc=${w.manufacturer.uscc}`, 4],
      [`${all}&uscc=${w.enterprise.uscc}`, 4],
    ];
    for (const [url, n] of cases) expect([url, (await items(url)).length]).toEqual([url, n]);
  });

  it('pages with a cursor in each sort, every result once, with no depth limit', async () => {
    const { w, tag } = await world();
    for (const sort of ['-publishedOn', 'publishedOn', 'productName', '-productName']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const r = await get(
          `/api/v1/public/results?jurisdiction=${w.jurisdiction}&q=${tag}&result=all&limit=1&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(r.statusCode).toBe(200);
        const page = r.json() as { items: Item[]; nextCursor: string | null };
        seen.push(...page.items.map((i) => i.productName as string));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect([sort, seen.length, new Set(seen).size]).toEqual([sort, 4, 4]);
      if (sort === 'productName') expect(seen).toEqual([...seen].sort());
      if (sort === '-productName') expect(seen).toEqual([...seen].sort().reverse());
    }
  });

  it('counts the most frequent values of a field over the matching results', async () => {
    const { w, tag } = await world();
    const r = await get(`/api/v1/public/results/count?jurisdiction=${w.jurisdiction}&q=${tag}&result=all&count=brand`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      field: 'brand',
      items: [
        { value: '蒙牛', label: null, count: 2 },
        { value: 'Yili', label: null, count: 1 },
        { value: '海天', label: null, count: 1 },
      ],
    });
    const labs = (await get(`/api/v1/public/results/count?jurisdiction=${w.jurisdiction}&q=${tag}&result=all&count=lab`)).json() as { items: Item[] };
    expect(labs.items).toEqual([{ value: w.lab.id, label: w.lab.name, count: 3 }]);
    const results = (await get(`/api/v1/public/results/count?jurisdiction=${w.jurisdiction}&q=${tag}&result=all&count=result`)).json() as { items: Item[] };
    expect(results.items).toEqual([
      { value: 'failed', label: null, count: 3 },
      { value: 'passed', label: null, count: 1 },
    ]);
    const pref = (await get(`/api/v1/public/results/count?q=${tag}&count=prefecture`)).json() as { items: Item[] };
    expect(pref.items).toEqual([{ value: `${w.jurisdiction.slice(0, 4)}00`, label: expect.any(String), count: 3 }]);
  }); // prettier-ignore

  it('answers a correction: the superseded entries leave the search, their permalinks say why', async () => {
    const ds = dataSource(tasks);
    const w = await makeOutcomeWorld(ds);
    const r = regulatorsOf(w.jurisdiction);
    const tag = `zg${unique('改').replace(/[^0-9]/g, '').slice(-6)}`;
    const a = await makeFinalOutcome(ds, w, { outcome: 'fail', product: `更正甲${tag}` });
    await makeFinalOutcome(ds, w, { outcome: 'fail', product: `更正乙${tag}` });
    const v1 = await listUpTo(api, ds, r);
    const q = `/api/v1/public/results?q=${tag}`;
    expect(await names(q)).toEqual([`更正乙${tag}`, `更正甲${tag}`].sort());
    const [first] = await items(`${q}&sort=productName`);
    const v2 = await supersede(api, ds, r, v1.id as string, { reason: '样品编号有误', remove: [a.sampleNo] });
    const now = await items(q);
    expect(now.map((i) => [i.productName, i.publicationId])).toEqual([[`更正乙${tag}`, v2.id]]);
    const old = await get(first.url as string);
    expect(old.statusCode).toBe(200);
    expect(old.json()).toMatchObject({
      publicationId: v1.id,
      supersededBy: { id: v2.id, kind: 'correction', reason: '样品编号有误', noticeNo: v2.noticeNo },
    });
    await supersede(api, ds, r, v2.id as string, { reason: '公告撤回' }, true);
    expect(await items(q)).toEqual([]);
  }); // prettier-ignore

  it('answers ETag and Cache-Control, and 304 to a client holding the answer', async () => {
    const { w, tag } = await world();
    const url = `/api/v1/public/results?jurisdiction=${w.jurisdiction}&q=${tag}`;
    const first = await get(url);
    expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    const again = await get(url, { 'if-none-match': first.headers.etag as string });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    // The same URL again is answered from memory before routing, with the same headers.
    const hit = await get(url);
    expect(hit.headers['x-cache']).toBe('HIT');
    expect(hit.body).toBe(first.body);
    expect(hit.headers).toMatchObject({
      etag: first.headers.etag,
      'cache-control': 'public, max-age=60',
      'content-type': 'application/json; charset=utf-8',
      'x-content-type-options': 'nosniff',
    });
    expect(again.headers['x-cache']).toBe('HIT');
    expect((await get(url, { 'if-none-match': '"other"' })).statusCode).toBe(200);
    const entry = (first.json() as { items: Item[] }).items[0].url as string;
    const e = await get(entry);
    expect(e.headers['cache-control']).toBe('public, max-age=3600');
    expect((await get(entry, { 'if-none-match': e.headers.etag as string })).statusCode).toBe(304);
    const count = await get(`/api/v1/public/results/count?q=${tag}&count=brand`);
    expect((await get(`/api/v1/public/results/count?q=${tag}&count=brand`, { 'if-none-match': count.headers.etag as string })).statusCode).toBe(304);
    // Security headers on every answer, errors never cached.
    expect(first.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'access-control-allow-origin': '*',
    });
    const bad = await get('/api/v1/public/results?nope=1');
    expect(bad.headers['cache-control']).toBe('no-store');
    expect(bad.headers['x-content-type-options']).toBe('nosniff');
  }); // prettier-ignore

  it('refuses bad input with 400 naming the parameter, and absent results with 404', async () => {
    const field = async (url: string) => {
      const r = await get(url);
      expect([url, r.statusCode]).toEqual([url, 400]);
      return ((r.json() as { errors: { field: string }[] }).errors).map((e) => e.field);
    };
    const s = '/api/v1/public/results';
    expect(await field(`${s}?nope=1`)).toEqual(['nope']);
    expect(await field(`${s}?q=${'长'.repeat(101)}`)).toEqual(['q']);
    expect(await field(`${s}?q=%20%20`)).toEqual(['q']);
    expect(await field(`${s}?q=a%0Ab`)).toEqual(['q']);
    expect(await field(`${s}?limit=101`)).toEqual(['limit']);
    expect(await field(`${s}?limit=0`)).toEqual(['limit']);
    expect(await field(`${s}?from=2026-02-30`)).toEqual(['from']);
    expect(await field(`${s}?to=yesterday`)).toEqual(['to']);
    expect(await field(`${s}?from=2026-03-01&to=2026-02-01`)).toEqual(['to']);
    expect(await field(`${s}?cursor=abc`)).toEqual(['cursor']);
    expect(await field(`${s}?cursor=${encodeCursor(['productName', 'x', '1'])}`)).toEqual(['cursor']);
    expect(await field(`${s}?cursor=${encodeCursor(['-publishedOn', 'x', '1'])}`)).toEqual(['cursor']);
    expect(await field(`${s}?prefecture=999999`)).toEqual(['prefecture']);
    expect(await field(`${s}?lab=x`)).toEqual(['lab']);
    expect(await field(`${s}?uscc=91150100000000000X`)).toEqual(['uscc']);
    expect(await field(`${s}?result=maybe`)).toEqual(['result']);
    expect(await field(`${s}?sort=price`)).toEqual(['sort']);
    expect(await field(`${s}/count?count=secret`)).toEqual(['count']);
    expect(await field(`${s}/count`)).toEqual(['count']);
    expect(await field(`${s}/count?count=brand&limit=1001`)).toEqual(['limit']);
    for (const url of [
      `${s}/00000000-0000-4000-8000-000000000000/failed/1`,
      `${s}/not-a-uuid/failed/1`,
      `${s}/00000000-0000-4000-8000-000000000000/other/1`,
      `${s}/00000000-0000-4000-8000-000000000000/failed/0`,
      `${s}/00000000-0000-4000-8000-000000000000/failed/1e3`,
    ])
      expect([url, (await get(url)).statusCode]).toEqual([url, 404]);
  }); // prettier-ignore
});
