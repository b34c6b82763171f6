import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import {
  freshJurisdiction,
  makeFinalOutcome,
  makeOutcomeWorld,
  regulatorOf,
} from './medium/factories/publications';
import { apiOf, auditOf } from './support/api';
import { ADMIN, bootHttp, dataSource } from './support/app';

/**
 * Published lists over HTTP: the answers a regulator meets (201, 409 naming the four-eyes rule
 * or that nothing is eligible, 404 outside the jurisdiction, 400 naming the field), and the
 * audit rows each step leaves.
 */
let app: NestFastifyApplication;
const api = apiOf(() => app);
beforeAll(async () => {
  app = await bootHttp(InspectionTasksModule);
});
afterAll(() => app.close());

async function world() {
  const w = await makeOutcomeWorld(dataSource(app));
  return {
    w,
    alice: regulatorOf(w.jurisdiction, 'alice'),
    bob: regulatorOf(w.jurisdiction, 'bob'),
  };
}

describe('publications API', () => {
  it('compile → approve by a second regulator → publish, each step audited', async () => {
    const { w, alice, bob } = await world();
    await makeFinalOutcome(dataSource(app), w, { outcome: 'fail' });
    const draft = await api.created(alice, '/api/v1/publications', {});
    expect(draft).toMatchObject({ state: 'draft', failedCount: 1, jurisdiction: w.jurisdiction });

    const own = await api.post(alice, `/api/v1/publications/${draft.id as string}/approve`);
    expect(own.statusCode).toBe(409);
    expect(own.json()).toMatchObject({
      code: 'FOUR_EYES_VIOLATION',
      rule: 'four_eyes',
      reason: 'approver_is_compiler',
      message: expect.stringMatching(/four-eyes rule/),
    });
    const approved = await api.post(bob, `/api/v1/publications/${draft.id as string}/approve`);
    expect(approved.statusCode).toBe(200);
    const published = await api.post(alice, `/api/v1/publications/${draft.id as string}/publish`);
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({
      state: 'published',
      noticeNo: expect.stringMatching(/^内市监公告〔\d{4}〕1号$/),
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const check = await api.get(bob, `/api/v1/publications/${draft.id as string}/verification`);
    expect(check.json()).toMatchObject({ verdict: 'MATCH' });
    const actions = (await auditOf(app, draft.id as string)).map((a) => a.action);
    expect(actions).toEqual(['compile', 'approve', 'publish']);
  });

  it('answers 409 NOTHING_ELIGIBLE when nothing is left to list, and makes no list', async () => {
    const { alice } = await world();
    const r = await api.post(alice, '/api/v1/publications', {});
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: 'NOTHING_ELIGIBLE' });
    const lists = await api.get(alice, '/api/v1/publications');
    expect(lists.json()).toEqual({ items: [] });
  });

  it('answers 404 outside the jurisdiction, 403 to an admin compiling, 400 naming the field', async () => {
    const { w, alice, bob } = await world();
    await makeFinalOutcome(dataSource(app), w, { outcome: 'pass' });
    const draft = await api.created(alice, '/api/v1/publications', {});
    const outsider = regulatorOf(freshJurisdiction(), 'outsider');
    for (const [method, path] of [
      ['GET', ''],
      ['GET', '/entries'],
      ['POST', '/approve'],
      ['POST', '/discard'],
    ] as const) {
      const r = await api.req(
        outsider,
        method,
        `/api/v1/publications/${draft.id as string}${path}`,
      );
      expect([path, r.statusCode]).toEqual([path, 404]);
    }
    expect(
      (await api.post(outsider, '/api/v1/publications', { jurisdiction: w.jurisdiction }))
        .statusCode,
    ).toBe(404);
    expect(
      (await api.post(ADMIN, '/api/v1/publications', { jurisdiction: w.jurisdiction })).statusCode,
    ).toBe(403);
    expect((await api.get(ADMIN, `/api/v1/publications/${draft.id as string}`)).statusCode).toBe(
      200,
    );

    const fields = async (r: ReturnType<typeof api.post>) =>
      ((await r).json().errors as { field: string }[]).map((e) => e.field);
    expect(await fields(api.post(bob, '/api/v1/publications', { until: '2026-02-30' }))).toEqual([
      'until',
    ]);
    expect(await fields(api.post(bob, '/api/v1/publications', { until: '2999-01-01' }))).toEqual([
      'until',
    ]);
    expect(await fields(api.post(bob, '/api/v1/publications', { jurisdiction: '999999' }))).toEqual(
      ['jurisdiction'],
    );
    expect(
      await fields(
        api.post(bob, `/api/v1/publications/${draft.id as string}/discard`, { reason: 'a\u0000' }),
      ),
    ).toEqual(['reason']);
    expect(
      await fields(
        api.req(bob, 'GET', `/api/v1/publications/${draft.id as string}/entries?cursor=x`),
      ),
    ).toEqual(['cursor']);
    expect(
      await fields(
        api.req(bob, 'GET', `/api/v1/publications/${draft.id as string}/entries?table=both`),
      ),
    ).toEqual(['table']);
    expect((await api.get(bob, '/api/v1/publications/not-an-id')).statusCode).toBe(404);
  });
});
