import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHash } from 'node:crypto';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import { makeFinalOutcome, makeOutcomeWorld } from './medium/factories/publications';
import { apiOf } from './support/api';
import { bootHttp, dataSource } from './support/app';
import { bootPortal, listUpTo, regulatorsOf, renderFiles, supersede } from './support/public-lists';

/**
 * Published lists for the public: the versions (a correction marks the version it replaces, with
 * the reason), the verification, the digest chain of a jurisdiction, the stored files with their
 * SHA-256, and the Atom feeds; ETags and 304 throughout.
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
const json = async (url: string) => {
  const r = await get(url);
  expect([url, r.statusCode]).toEqual([url, 200]);
  return r.json() as Record<string, unknown>;
};

/** Two lists of one county, the first corrected: three versions in the chain. */
const world = (() => {
  let made: Promise<{ j: string; v1: Record<string, unknown>; v2: Record<string, unknown>; l2: Record<string, unknown> }>;
  return () =>
    (made ??= (async () => {
      const ds = dataSource(tasks);
      const w = await makeOutcomeWorld(ds);
      const r = regulatorsOf(w.jurisdiction);
      const a = await makeFinalOutcome(ds, w, { outcome: 'fail', product: '公告甲' });
      await makeFinalOutcome(ds, w, { outcome: 'pass', product: '公告乙' });
      const v1 = await listUpTo(api, ds, r);
      await renderFiles(portal, v1.id as string);
      const v2 = await supersede(api, ds, r, v1.id as string, { reason: '抽样单位名称有误', remove: [a.sampleNo] });
      await renderFiles(portal, v2.id as string);
      await makeFinalOutcome(ds, w, { outcome: 'fail', product: '公告丙', finalOn: '2026-04-01' });
      const l2 = await listUpTo(api, ds, r);
      return { j: w.jurisdiction, v1, v2, l2 };
    })());
})(); // prettier-ignore

describe('public publications', () => {
  it('lists published versions newest first, by jurisdiction, page by page', async () => {
    const { j, v1, v2, l2 } = await world();
    const page = await json(`/api/v1/public/publications?jurisdiction=${j}`);
    const items = page.items as Record<string, unknown>[];
    expect(items.map((i) => i.id)).toEqual([l2.id, v2.id, v1.id]);
    expect(items[2]).toMatchObject({
      noticeNo: v1.noticeNo,
      digest: v1.digest,
      supersededBy: { id: v2.id, kind: 'correction', reason: '抽样单位名称有误' },
      links: { self: `/api/v1/public/publications/${v1.id as string}` },
    });
    expect(items[2]).not.toHaveProperty('approvedBy');
    expect(items[2]).not.toHaveProperty('compiledBy');
    const seen: unknown[] = [];
    let cursor: string | null = null;
    do {
      const p = await json(`/api/v1/public/publications?jurisdiction=${j}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...(p.items as { id: string }[]).map((i) => i.id));
      cursor = p.nextCursor as string | null;
    } while (cursor);
    expect(seen).toEqual([l2.id, v2.id, v1.id]);
    for (const [url, field] of [
      ['/api/v1/public/publications?jurisdiction=999999', 'jurisdiction'],
      ['/api/v1/public/publications?cursor=zz', 'cursor'],
      ['/api/v1/public/publications?limit=101', 'limit'],
      ['/api/v1/public/publications?state=draft', 'state'],
    ]) {
      const r = await get(url);
      expect([url, r.statusCode, (r.json() as { errors: { field: string }[] }).errors.map((e) => e.field)]).toEqual([url, 400, [field]]);
    }
  }); // prettier-ignore

  it('shows a version with every version of its list, the superseded one marked with its reason', async () => {
    const { v1, v2 } = await world();
    const one = await json(`/api/v1/public/publications/${v1.id as string}`);
    expect(one).toMatchObject({ id: v1.id, version: 1, kind: 'list' });
    expect((one.versions as Record<string, unknown>[]).map((v) => [v.id, v.kind, v.reason, (v.supersededBy as { id: string } | null)?.id ?? null])).toEqual([
      [v1.id, 'list', null, v2.id],
      [v2.id, 'correction', '抽样单位名称有误', null],
    ]);
    expect((await get('/api/v1/public/publications/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await get('/api/v1/public/publications/nope')).statusCode).toBe(404);
  }); // prettier-ignore

  it('verifies a list, and checks the chain of its jurisdiction link by link', async () => {
    const { j, v1, v2, l2 } = await world();
    const v = await json(`/api/v1/public/publications/${v1.id as string}/verification`);
    expect(v).toMatchObject({ verdict: 'MATCH', digest: v1.digest, recomputedDigest: v1.digest });
    expect((v.checks as { name: string }[]).map((c) => c.name)).toEqual(['digest', 'previous', 'file', 'next']);
    const chain = await json(`/api/v1/public/chains/${j}`);
    expect(chain).toMatchObject({ jurisdiction: j, verdict: 'MATCH', head: l2.digest, problems: [] });
    expect((chain.items as Record<string, unknown>[]).map((i) => [i.chainSeq, i.id, i.previousDigest, i.ok])).toEqual([
      [1, v1.id, null, true],
      [2, v2.id, v1.digest, true],
      [3, l2.id, v2.digest, true],
    ]);
    expect((await get('/api/v1/public/chains/999999')).statusCode).toBe(404);
    expect(await json('/api/v1/public/chains/650000')).toMatchObject({ items: [], verdict: 'MATCH', head: null });
  }); // prettier-ignore

  it('lists and serves the stored files: list.json hashes to the digest; ETag, Repr-Digest, 304', async () => {
    const { v1, l2 } = await world();
    const files = await json(`/api/v1/public/publications/${v1.id as string}/files`);
    expect((files.items as { name: string }[]).map((f) => f.name).sort()).toEqual(['failed.csv', 'list.json', 'list.xlsx', 'passed.csv']);
    const r = await get(`/api/v1/public/publications/${v1.id as string}/files/list.json`);
    expect(r.statusCode).toBe(200);
    expect(createHash('sha256').update(r.rawPayload).digest('hex')).toBe(v1.digest);
    expect(r.headers).toMatchObject({
      etag: `"${v1.digest as string}"`,
      'repr-digest': `sha-256=:${Buffer.from(v1.digest as string, 'hex').toString('base64')}:`,
      'cache-control': 'public, max-age=86400, immutable',
      'content-type': 'application/json; charset=utf-8',
    });
    const again = await get(`/api/v1/public/publications/${v1.id as string}/files/list.json`, { 'if-none-match': r.headers.etag as string });
    expect(again.statusCode).toBe(304);
    const xlsx = await get(`/api/v1/public/publications/${v1.id as string}/files/list.xlsx`);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // Not rendered yet, an unknown name, an id never published: 404.
    expect((await get(`/api/v1/public/publications/${l2.id as string}/files/list.json`)).statusCode).toBe(404);
    expect((await get(`/api/v1/public/publications/${v1.id as string}/files/secret.txt`)).statusCode).toBe(404);
    expect((await json(`/api/v1/public/publications/${l2.id as string}/files`)).items).toEqual([]);
  }); // prettier-ignore

  it('publishes Atom feeds of publications, everywhere and per jurisdiction', async () => {
    const { j, v1, v2, l2 } = await world();
    const r = await get(`/api/v1/public/feeds/${j}/publications.atom`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const ids = [...r.body.matchAll(/<id>urn:uuid:([0-9a-f-]+)<\/id>/g)].map((m) => m[1]);
    expect(ids).toEqual([l2.id, v2.id, v1.id]);
    expect(r.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(r.body).toContain('抽样单位名称有误');
    expect(r.body).toContain(`href="/api/v1/public/publications/${v1.id as string}/files/list.json"`);
    expect((await get(`/api/v1/public/feeds/${j}/publications.atom`, { 'if-none-match': r.headers.etag as string })).statusCode).toBe(304);
    const all = await get('/api/v1/public/feeds/publications.atom');
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain(`urn:uuid:${l2.id as string}`);
    const other = await get(`/api/v1/public/feeds/${j.startsWith('11') ? '310000' : '110000'}/publications.atom`);
    expect(other.body).not.toContain(`urn:uuid:${l2.id as string}`);
    expect((await get('/api/v1/public/feeds/999999/publications.atom')).statusCode).toBe(404);
  }); // prettier-ignore
});
