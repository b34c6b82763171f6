import { createHash } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import {
  ADMIN,
  REGULATOR_BAOTOU,
  REGULATOR_HOHHOT,
  REGULATOR_PROVINCE,
  bearer,
  bootHttp,
  dataSource,
} from './support/app';
import { apiOf, ensureCategory } from './support/api';
import type { Principal } from '@spotcheck/auth';

let app: NestFastifyApplication;
let seq = 0;
const code = () => `NM-2026-${String(++seq).padStart(3, '0')}-${process.pid}`;
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

beforeAll(async () => {
  app = await bootHttp(InspectionTasksModule);
  for (const c of ['PLAN-DAIRY', 'PLAN-CEMENT'])
    await ensureCategory(
      apiOf(() => app),
      c,
    );
});
afterAll(() => app.close());

const plan = (over: Record<string, unknown> = {}) => ({
  code: code(),
  title: '2026年呼和浩特市乳制品监督抽查',
  level: 'prefecture',
  jurisdiction: '150100',
  year: 2026,
  categories: ['PLAN-DAIRY'],
  stages: ['production', 'distribution'],
  ...over,
});

const create = (p: Principal, body: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/api/v1/plans', headers: bearer(p), payload: body });

async function created(p: Principal = REGULATOR_HOHHOT, over: Record<string, unknown> = {}) {
  const r = await create(p, plan(over));
  expect(r.statusCode).toBe(201);
  return r.json() as { id: string; code: string; state: string; version: number };
}

const commit = (p: Principal, id: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: `/api/v1/plans/${id}/commit`, headers: bearer(p), payload });

const fieldsOf = (r: { json(): { errors?: { field: string }[] } }) =>
  (r.json().errors ?? []).map((e) => e.field);

const auditRows = (id: string) =>
  dataSource(app).query(
    `SELECT action, actor, detail FROM audit_log WHERE entity_type = 'sampling_plan' AND entity_id = $1 ORDER BY seq`,
    [id],
  ) as Promise<{ action: string; actor: string; detail: Record<string, unknown> | null }[]>;

describe('sampling plans', () => {
  it('creates a draft with default ratios, reads, patches and lists it', async () => {
    const body = plan({ ratios: { A: '0.05', C: '25%' }, maxTasks: 40 });
    const r = await create(REGULATOR_HOHHOT, body);
    expect(r.statusCode).toBe(201);
    const p = r.json();
    expect(p).toMatchObject({
      code: body.code,
      state: 'draft',
      level: 'prefecture',
      jurisdiction: '150100',
      ratios: { A: 500, B: 1000, C: 2500, D: 10000 },
      stratifyByPrefecture: false,
      maxTasks: 40,
      commitment: null,
      version: 1,
    });

    const got = await app.inject({
      url: `/api/v1/plans/${p.id}`,
      headers: bearer(REGULATOR_HOHHOT),
    });
    expect(got.statusCode).toBe(200);
    expect(got.json().code).toBe(body.code);

    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/plans/${p.id}`,
      headers: bearer(REGULATOR_HOHHOT),
      payload: {
        title: '改过的标题',
        maxTasks: null,
        samplingDeadline: '2026-06-30',
        reportDeadline: '2026-09-30',
        ratios: { D: '1' },
      },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      title: '改过的标题',
      maxTasks: null,
      samplingDeadline: '2026-06-30',
      reportDeadline: '2026-09-30',
      ratios: { A: 300, B: 1000, C: 3000, D: 10000 },
      version: 2,
    });

    const list = await app.inject({
      url: '/api/v1/plans?year=2026&state=draft',
      headers: bearer(REGULATOR_HOHHOT),
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((x: { id: string }) => x.id)).toContain(p.id);
    const none = await app.inject({
      url: '/api/v1/plans?year=2027',
      headers: bearer(REGULATOR_HOHHOT),
    });
    expect(none.json().items.map((x: { id: string }) => x.id)).not.toContain(p.id);

    expect((await auditRows(p.id)).map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('pages with a cursor', async () => {
    for (let i = 0; i < 3; i++) await created(REGULATOR_HOHHOT, { year: 2031 });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/plans?year=2031&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await app.inject({ url, headers: bearer(REGULATOR_HOHHOT) });
      expect(page.statusCode).toBe(200);
      const body = page.json();
      seen.push(...body.items.map((x: { code: string }) => x.code));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect([...seen].sort()).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);
    const bad = await app.inject({
      url: '/api/v1/plans?cursor=nope',
      headers: bearer(REGULATOR_HOHHOT),
    });
    expect(bad.statusCode).toBe(400);
  });

  it('hides plans outside the jurisdiction (404) and shows them to the province', async () => {
    const p = await created(REGULATOR_HOHHOT);
    for (const req of [
      { url: `/api/v1/plans/${p.id}` },
      { method: 'PATCH' as const, url: `/api/v1/plans/${p.id}`, payload: { title: 'x' } },
      {
        method: 'POST' as const,
        url: `/api/v1/plans/${p.id}/commit`,
        payload: { commitment: sha256('s'.repeat(32)) },
      },
      { method: 'POST' as const, url: `/api/v1/plans/${p.id}/cancel`, payload: { reason: 'x' } },
    ]) {
      const r = await app.inject({ ...req, headers: bearer(REGULATOR_BAOTOU) });
      expect(r.statusCode).toBe(404);
    }
    const list = await app.inject({ url: '/api/v1/plans', headers: bearer(REGULATOR_BAOTOU) });
    expect(list.json().items.map((x: { id: string }) => x.id)).not.toContain(p.id);
    const province = await app.inject({
      url: `/api/v1/plans/${p.id}`,
      headers: bearer(REGULATOR_PROVINCE),
    });
    expect(province.statusCode).toBe(200);
    const unknown = await app.inject({
      url: '/api/v1/plans/not-a-uuid',
      headers: bearer(REGULATOR_HOHHOT),
    });
    expect(unknown.statusCode).toBe(404);
    expect(await auditRows(p.id)).toHaveLength(1);
  });

  it('fits the level to the jurisdiction', async () => {
    await created(REGULATOR_PROVINCE, { level: 'provincial', jurisdiction: '150000' });
    await created(ADMIN, { level: 'national', jurisdiction: '000000', stratifyByPrefecture: true });
    for (const [who, over] of [
      [REGULATOR_HOHHOT, { level: 'prefecture', jurisdiction: '150200' }], // outside
      [REGULATOR_HOHHOT, { level: 'provincial', jurisdiction: '150000' }], // outside
      [REGULATOR_HOHHOT, { level: 'prefecture', jurisdiction: '150102' }], // a county
      [REGULATOR_PROVINCE, { level: 'provincial', jurisdiction: '150100' }], // a prefecture
      [REGULATOR_PROVINCE, { level: 'national', jurisdiction: '000000' }], // not national
      [ADMIN, { level: 'national', jurisdiction: '150000' }],
      [ADMIN, { level: 'prefecture', jurisdiction: '159999' }], // not a region
    ] as const) {
      const r = await create(who, plan(over));
      expect(r.statusCode).toBe(400);
      expect(fieldsOf(r)).toEqual(['jurisdiction']);
    }
    const r = await create(REGULATOR_HOHHOT, plan({ stratifyByPrefecture: true }));
    expect(fieldsOf(r)).toEqual(['stratifyByPrefecture']);
  });

  it('leaves the commitment to regulators: a national plan’s to a national regulator, never to an admin', async () => {
    const NATIONAL: Principal = { sub: 'samr-1', role: 'regulator', jurisdiction: '000000' };
    const national = await created(NATIONAL, { level: 'national', jurisdiction: '000000' });
    const byAdmin = await created(ADMIN, { level: 'national', jurisdiction: '000000' });
    const commitment = { commitment: 'a'.repeat(64) };
    expect((await commit(ADMIN, byAdmin.id, commitment)).statusCode).toBe(403);
    const r = await commit(NATIONAL, byAdmin.id, commitment);
    expect([r.statusCode, r.json().state]).toEqual([200, 'committed']);
    // The national level reaches national plans, nothing provincial.
    const list = await app.inject({ url: '/api/v1/plans?limit=100', headers: bearer(NATIONAL) });
    const levels = new Set(list.json().items.map((x: { level: string }) => x.level));
    expect([...levels]).toEqual(['national']);
    expect(list.json().items.map((x: { id: string }) => x.id)).toContain(national.id);
    const hohhot = await created(REGULATOR_HOHHOT);
    const outside = await app.inject({
      url: `/api/v1/plans/${hohhot.id}`,
      headers: bearer(NATIONAL),
    });
    expect(outside.statusCode).toBe(404);
  });

  it('answers 400 naming the field for bad input', async () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ ratios: { A: '0.035%' } }, ['ratios.A']],
      [{ ratios: { B: '1.5' } }, ['ratios.B']],
      [{ ratios: { A: 0.03 } }, ['ratios.A']],
      [{ ratios: { E: '0.1' } }, ['ratios.E']],
      // Higher risk is checked at least as often: B 2 % below A's default 3 %, and C below B.
      [{ ratios: { B: '2%' } }, ['ratios.B']],
      [{ ratios: { B: '50%' } }, ['ratios.C']],
      [{ categories: ['NO-SUCH-CAT'] }, ['categories']],
      [{ categories: [] }, ['categories']],
      [{ stages: ['wholesale'] }, ['stages']],
      [{ level: 'county' }, ['level']],
      [{ code: '' }, ['code', 'code']],
      [{ year: 1999 }, ['year']],
      [{ samplingDeadline: '2026-07-01', reportDeadline: '2026-06-01' }, ['reportDeadline']],
      [{ samplingDeadline: '2026-02-30' }, ['samplingDeadline']],
      [{ extra: 1 }, ['extra']],
    ];
    for (const [over, fields] of cases) {
      const r = await create(REGULATOR_HOHHOT, plan(over));
      expect({ over, status: r.statusCode }).toEqual({ over, status: 400 });
      expect({ over, fields: [...new Set(fieldsOf(r))] }).toEqual({
        over,
        fields: [...new Set(fields)],
      });
    }
    const dup = plan();
    expect((await create(REGULATOR_HOHHOT, dup)).statusCode).toBe(201);
    expect((await create(REGULATOR_HOHHOT, dup)).statusCode).toBe(409);
  });

  it('commits once, then refuses a second commit and any edit (409 naming the state)', async () => {
    const p = await created();
    const seed = 'a3f1c9e07b5d42e8a3f1c9e07b5d42e8';
    for (const bad of [sha256(seed).toUpperCase(), 'abc', 42, undefined]) {
      const r = await commit(REGULATOR_HOHHOT, p.id, { commitment: bad });
      expect(r.statusCode).toBe(400);
      expect(fieldsOf(r)).toContain('commitment');
    }
    const r = await commit(REGULATOR_HOHHOT, p.id, {
      commitment: sha256(seed),
      witness: '呼和浩特市公证处',
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      state: 'committed',
      commitment: sha256(seed),
      witness: '呼和浩特市公证处',
    });
    expect(Date.parse(r.json().committedAt)).not.toBeNaN();

    const again = await commit(REGULATOR_HOHHOT, p.id, {
      commitment: sha256('other-seed-0000000'),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ILLEGAL_PLAN_STATE', currentState: 'committed' });
    expect(again.json().message).toContain('committed');

    const patch = await app.inject({
      method: 'PATCH',
      url: `/api/v1/plans/${p.id}`,
      headers: bearer(REGULATOR_HOHHOT),
      payload: { title: 'late change' },
    });
    expect(patch.statusCode).toBe(409);
    expect(patch.json()).toMatchObject({ code: 'ILLEGAL_PLAN_STATE', currentState: 'committed' });

    const got = await app.inject({
      url: `/api/v1/plans/${p.id}`,
      headers: bearer(REGULATOR_HOHHOT),
    });
    expect(got.json()).toMatchObject({ commitment: sha256(seed), title: plan().title });

    // The database refuses a changed commitment even from outside the API.
    await expect(
      dataSource(app).query(`UPDATE sampling_plan SET commitment = $1 WHERE id = $2`, [
        sha256('tampered-seed-00000'),
        p.id,
      ]),
    ).rejects.toThrow(/cannot change/);

    const cancelled = await app.inject({
      method: 'POST',
      url: `/api/v1/plans/${p.id}/cancel`,
      headers: bearer(REGULATOR_HOHHOT),
      payload: { reason: '计划调整' },
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ state: 'cancelled', commitment: sha256(seed) });
    const twice = await app.inject({
      method: 'POST',
      url: `/api/v1/plans/${p.id}/cancel`,
      headers: bearer(REGULATOR_HOHHOT),
      payload: { reason: 'again' },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ currentState: 'cancelled', allowedEvents: [] });

    const audit = await auditRows(p.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'commit', 'cancel']);
    expect(audit[1]).toMatchObject({
      actor: REGULATOR_HOHHOT.sub,
      detail: { from: 'draft', to: 'committed', commitment: sha256(seed) },
    });
    expect(audit[2].detail).toMatchObject({
      from: 'committed',
      to: 'cancelled',
      reason: '计划调整',
    });
  });

  it('lets exactly one of two concurrent commits through', async () => {
    for (let round = 0; round < 3; round++) {
      const p = await created();
      const [a, b] = await Promise.all([
        commit(REGULATOR_HOHHOT, p.id, { commitment: sha256(`seed-one-${round}-0000000000`) }),
        commit(REGULATOR_PROVINCE, p.id, { commitment: sha256(`seed-two-${round}-0000000000`) }),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      const winner = a.statusCode === 200 ? a : b;
      const loser = a.statusCode === 200 ? b : a;
      expect(loser.json()).toMatchObject({ code: 'ILLEGAL_PLAN_STATE', currentState: 'committed' });
      const got = await app.inject({
        url: `/api/v1/plans/${p.id}`,
        headers: bearer(REGULATOR_HOHHOT),
      });
      expect(got.json().commitment).toBe(winner.json().commitment);
      expect((await auditRows(p.id)).map((x) => x.action)).toEqual(['create', 'commit']);
    }
  });
});
