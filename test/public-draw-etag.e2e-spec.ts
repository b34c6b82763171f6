import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { gunzipSync } from 'node:zlib';
import { etagOf, gzipEtagOf } from '@spotcheck/common';
import { Draw, drawEligibleText, exportRecordJson, verifyStoredDraw } from '@spotcheck/database';
import { verifyDraw } from '@spotcheck/domain';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import { PublicPortalModule } from '../apps/public-portal/src/app.module';
import { PublicDrawRepository } from '../apps/public-portal/src/draws/public-draw.repository';
import { REGULATOR_HOHHOT, REGULATOR_PROVINCE, bootHttp, dataSource } from './support/app';
import { RUN, apiOf, commitAndDraw, ensureCategory, once, seedOf, usccSource } from './support/api';

/**
 * A closed draw's public verification and record never change: the portal computes them once,
 * then answers from memory with an ETag (the SHA-256 of the body), Cache-Control, and 304 to
 * a client that already holds them.
 */
let app: NestFastifyApplication;
let portal: NestFastifyApplication;
const api = apiOf(() => app);
const CAT = `PDE-${RUN}`;
const uscc = usccSource('PE');

beforeAll(async () => {
  app = await bootHttp(InspectionTasksModule);
  portal = await bootHttp(PublicPortalModule);
});
afterAll(async () => {
  await app.close();
  await portal.close();
});

/** A provincial plan over three enterprises of CAT, drawn, every task finished, closed. */
const closedDraw = once(async () => {
  await ensureCategory(api, CAT);
  for (let i = 0; i < 3; i++)
    await api.created(REGULATOR_HOHHOT, '/api/v1/enterprises', {
      uscc: uscc('150102'),
      name: '公开抽取测试企业',
      address: '测试地址',
      regionCode: '150102',
      size: 'small',
      categories: [CAT],
      riskClass: 'D',
    });
  const plan = await api.created(REGULATOR_PROVINCE, '/api/v1/plans', {
    code: `PDE-${RUN}-${process.pid}`,
    title: '公开抽取缓存测试计划',
    level: 'provincial',
    jurisdiction: '150000',
    year: 2026,
    categories: [CAT],
    stages: ['production'],
  });
  const planId = plan.id as string;
  await commitAndDraw(api, REGULATOR_PROVINCE, planId, seedOf('public-draw-etag', 1));
  const tasks = (await api.get(REGULATOR_PROVINCE, `/api/v1/plans/${planId}/tasks`)).json()
    .items as { id: string }[];
  for (const t of tasks)
    expect(
      (
        await api.post(REGULATOR_PROVINCE, `/api/v1/tasks/${t.id}/unable`, {
          reason: 'no_product',
        })
      ).statusCode,
    ).toBeLessThan(300);
  const closed = await api.post(REGULATOR_PROVINCE, `/api/v1/plans/${planId}/close`);
  expect(closed.json()).toMatchObject({ state: 'closed' });
  const draw = await dataSource(app).getRepository(Draw).findOneByOrFail({ planId });
  return draw;
});

const pub = (path: string, headers: Record<string, string> = {}) =>
  portal.inject({ url: `/api/v1/public/draws/${path}`, headers });

describe('a closed draw on the public portal', () => {
  it('serves the record computed from the stored draw, byte for byte, with its ETag', async () => {
    const d = await closedDraw();
    const computed = [
      ...exportRecordJson(d, await drawEligibleText(dataSource(app).manager, d.id)),
    ].join('');
    for (let i = 0; i < 2; i++) {
      const r = await pub(`${d.id}/record`);
      expect(r.statusCode).toBe(200);
      expect(r.body).toBe(computed);
      expect(r.headers).toMatchObject({
        etag: etagOf(Buffer.from(computed)),
        'cache-control': 'public, max-age=86400',
        vary: 'accept-encoding',
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="draw-${d.id}.json"`,
      });
    }
    expect(verifyDraw(JSON.parse(computed))).toEqual({ verdict: 'MATCH' });
  });

  it('serves the verification computed from the stored draw, with its ETag', async () => {
    const d = await closedDraw();
    const computed = JSON.stringify({
      drawId: d.id,
      verdict: await verifyStoredDraw(dataSource(app).manager, d),
      record: d.record,
      recordUrl: `/api/v1/public/draws/${d.id}/record`,
    });
    for (let i = 0; i < 2; i++) {
      const r = await pub(`${d.id}/verification`);
      expect(r.statusCode).toBe(200);
      expect(r.body).toBe(computed);
      expect(r.json()).toMatchObject({ verdict: { verdict: 'MATCH' } });
      expect(r.headers).toMatchObject({
        etag: etagOf(Buffer.from(computed)),
        'cache-control': 'public, max-age=86400',
        'content-type': 'application/json; charset=utf-8',
      });
    }
  });

  it('sends both gzipped to a client that takes gzip, under their own ETags', async () => {
    const d = await closedDraw();
    for (const what of ['record', 'verification']) {
      const plainAnswer = await pub(`${d.id}/${what}`);
      const gz = await portal.inject({
        url: `/api/v1/public/draws/${d.id}/${what}`,
        headers: { 'accept-encoding': 'br;q=1, gzip;q=0.8' },
      });
      expect(gz.statusCode).toBe(200);
      expect(gz.headers).toMatchObject({
        'content-encoding': 'gzip',
        vary: 'accept-encoding',
        etag: gzipEtagOf(plainAnswer.headers.etag as string),
      });
      expect(gunzipSync(gz.rawPayload).toString()).toBe(plainAnswer.body);
      expect(gz.rawPayload.length).toBeLessThan(plainAnswer.rawPayload.length);
      const refused = await portal.inject({
        url: `/api/v1/public/draws/${d.id}/${what}`,
        headers: { 'accept-encoding': 'gzip;q=0, identity' },
      });
      expect(refused.headers['content-encoding']).toBeUndefined();
      expect(refused.body).toBe(plainAnswer.body);
      // Either tag names the current content.
      const held = await pub(`${d.id}/${what}`, { 'if-none-match': gz.headers.etag as string });
      expect(held.statusCode).toBe(304);
    }
  });

  it('answers 304 without a body to a client holding the current ETag', async () => {
    const d = await closedDraw();
    for (const what of ['record', 'verification']) {
      const etag = (await pub(`${d.id}/${what}`)).headers.etag as string;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
      for (const held of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
        const r = await pub(`${d.id}/${what}`, { 'if-none-match': held });
        expect({ held, status: r.statusCode, body: r.body }).toEqual({
          held,
          status: 304,
          body: '',
        });
        expect(r.headers).toMatchObject({ etag, 'cache-control': 'public, max-age=86400' });
      }
      const stale = await pub(`${d.id}/${what}`, { 'if-none-match': '"stale"' });
      expect(stale.statusCode).toBe(200);
      expect(stale.headers.etag).toBe(etag);
    }
  });

  it('recomputes a draw once, however often it is asked for', async () => {
    const d = await closedDraw();
    // A fresh portal, so that nothing of this draw is in its memory yet.
    const fresh = await bootHttp(PublicPortalModule);
    const repo = fresh.get(PublicDrawRepository);
    const verify = jest.spyOn(repo, 'verify');
    const eligible = jest.spyOn(repo, 'eligibleText');
    const find = jest.spyOn(repo, 'find');
    try {
      const ask = (what: string) => fresh.inject({ url: `/api/v1/public/draws/${d.id}/${what}` });
      const first = await Promise.all(
        ['verification', 'record', 'verification', 'record'].map(ask),
      );
      expect(first.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
      for (let i = 0; i < 3; i++)
        expect((await ask(i % 2 ? 'record' : 'verification')).statusCode).toBe(200);
      expect([verify.mock.calls.length, eligible.mock.calls.length]).toEqual([1, 1]);
      expect(find.mock.calls.length).toBe(1);
    } finally {
      await fresh.close();
    }
  });

  it('answers 404 without an ETag for a draw that is not public', async () => {
    const r = await pub('00000000-0000-4000-8000-000000000000/record');
    expect(r.statusCode).toBe(404);
    expect(r.headers.etag).toBeUndefined();
    expect(r.headers['cache-control']).toBeUndefined();
  });
});
