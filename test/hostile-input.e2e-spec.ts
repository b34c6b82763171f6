import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Principal } from '@spotcheck/auth';
import { encodeCursor } from '@spotcheck/domain';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import { LabResultsModule } from '../apps/lab-results/src/app.module';
import { PublicPortalModule } from '../apps/public-portal/src/app.module';
import { ADMIN, REGULATOR_HOHHOT, bearer, bootHttp, upload } from './support/app';
import { RUN as run, apiOf, ensureCategory, usccSource } from './support/api';

/**
 * Input no column can hold, and input shaped to break a reader, on routes of every app: each
 * answers its exact 4xx and code, naming the field, never a 500. (Each route's ordinary validation has its
 * own spec file.)
 */

let tasksApp: NestFastifyApplication;
let labApp: NestFastifyApplication;
let portal: NestFastifyApplication;
const tasks = apiOf(() => tasksApp);
const uscc = usccSource('HN');
const CAT = `HIN-${run}`;
const LAB: Principal = {
  sub: 'hostile-lab',
  role: 'lab',
  org: '00000000-0000-4000-8000-000000000001',
};

beforeAll(async () => {
  [tasksApp, labApp, portal] = await Promise.all([
    bootHttp(InspectionTasksModule),
    bootHttp(LabResultsModule),
    bootHttp(PublicPortalModule),
  ]);
  await ensureCategory(tasks, CAT);
});
afterAll(() => Promise.all([tasksApp, labApp, portal].map((a) => a.close())));

type Answer = Awaited<ReturnType<typeof tasks.get>>;
const fields = (r: Answer) => (r.json().errors as { field: string }[]).map((e) => e.field);
/** Status, code and named fields, to compare in one expectation that shows the request. */
const outcome = (what: string, r: Answer) => [what, r.statusCode, r.json().code, fields(r)];

const plan = (over: Record<string, unknown> = {}) => ({
  code: `HI-${run}-${Math.random().toString(36).slice(2, 8)}`,
  title: '恶意输入测试计划',
  level: 'prefecture',
  jurisdiction: '150100',
  year: 2026,
  categories: [CAT],
  stages: ['production'],
  ...over,
});

describe('NUL characters and lone surrogates', () => {
  it('in a query or a body: 400 naming the field', async () => {
    for (const [what, r, field] of [
      ['q', await tasks.get(REGULATOR_HOHHOT, '/api/v1/enterprises?q=%00'), 'q'],
      ['inspector q', await tasks.get(REGULATOR_HOHHOT, '/api/v1/inspectors?q=a%00'), 'q'],
      [
        'plan title',
        await tasks.post(REGULATOR_HOHHOT, '/api/v1/plans', plan({ title: 'a\u0000' })),
        'title',
      ],
      [
        'plan title, lone surrogate',
        await tasks.post(REGULATOR_HOHHOT, '/api/v1/plans', plan({ title: 'a\ud800' })),
        'title',
      ],
      [
        'enterprise name',
        await tasks.post(REGULATOR_HOHHOT, '/api/v1/enterprises', {
          uscc: uscc(),
          name: '甲\u0000',
          address: '新城区',
          regionCode: '150102',
          size: 'small',
          categories: [CAT],
          riskClass: 'B',
        }),
        'name',
      ],
    ] as const)
      expect(outcome(what, r)).toEqual([what, 400, 'VALIDATION_FAILED', [field]]);

    const draft = await tasks.created(REGULATOR_HOHHOT, '/api/v1/plans', plan());
    const cancel = await tasks.post(REGULATOR_HOHHOT, `/api/v1/plans/${draft.id}/cancel`, {
      reason: '撤销\u0000',
    });
    expect(outcome('cancel reason', cancel)).toEqual([
      'cancel reason',
      400,
      'VALIDATION_FAILED',
      ['reason'],
    ]);
    expect((await tasks.get(REGULATOR_HOHHOT, `/api/v1/plans/${draft.id}`)).json().state).toBe(
      'draft',
    );
  });

  it('in a path parameter: 404, as no record has such a key', async () => {
    for (const url of [
      '/api/v1/enterprises/a%00b',
      '/api/v1/catalog/categories/%00',
      '/api/v1/labs/%00',
      '/api/v1/plans/%00',
    ]) {
      const r = await tasks.get(ADMIN, url);
      expect([url, r.statusCode, r.json().code]).toEqual([url, 404, 'NOT_FOUND']);
    }
  });

  it('in a cursor: 400 naming the cursor on every list', async () => {
    const nul = encodeCursor(['\u0000']);
    for (const url of [
      '/api/v1/enterprises',
      '/api/v1/labs',
      '/api/v1/inspectors',
      '/api/v1/catalog/categories',
      '/api/v1/plans',
      '/api/v1/epcis/gtin-prefixes',
    ]) {
      const r = await tasks.get(ADMIN, `${url}?cursor=${nul}`);
      expect(outcome(url, r)).toEqual([url, 400, 'VALIDATION_FAILED', ['cursor']]);
    }
  });

  it('in an imported file: 400 naming the row and column, nothing written', async () => {
    const bad = uscc();
    const csv = `统一社会信用代码,企业名称,行政区划代码,企业规模,信用风险分类\n${uscc()},好,150102,small,A\n${bad},坏\u0000,150102,small,A\n`;
    const r = await tasksApp.inject({
      method: 'POST',
      url: '/api/v1/enterprises/import',
      ...upload(REGULATOR_HOHHOT, 'nul.csv', csv),
    });
    expect([r.statusCode, r.json().code]).toEqual([400, 'IMPORT_REJECTED']);
    expect(r.json().errors).toEqual([
      { row: 3, column: 'name', reason: 'must not contain NUL characters' },
    ]);
    expect((await tasks.get(REGULATOR_HOHHOT, `/api/v1/enterprises/${bad}`)).statusCode).toBe(404);
  });
});

describe('values PostgreSQL cannot take', () => {
  it('a plan with ratios or stratifyByPrefecture null: 400 naming the field', async () => {
    const r = await tasks.post(REGULATOR_HOHHOT, '/api/v1/plans', plan({ ratios: null }));
    expect(outcome('ratios', r)).toEqual(['ratios', 400, 'VALIDATION_FAILED', ['ratios']]);
    const draft = await tasks.created(REGULATOR_HOHHOT, '/api/v1/plans', plan());
    const patched = await tasks.req(REGULATOR_HOHHOT, 'PATCH', `/api/v1/plans/${draft.id}`, {
      ratios: null,
    });
    expect(outcome('patch ratios', patched)).toEqual([
      'patch ratios',
      400,
      'VALIDATION_FAILED',
      ['ratios'],
    ]);
    // The column is NOT NULL; the database's refusal is the answer, mapped to the field.
    const s = await tasks.post(
      REGULATOR_HOHHOT,
      '/api/v1/plans',
      plan({ stratifyByPrefecture: null }),
    );
    expect(outcome('stratifyByPrefecture', s)).toEqual([
      'stratifyByPrefecture',
      400,
      'NOT_NULL_VIOLATION',
      ['stratifyByPrefecture'],
    ]);
  });

  it('a limit or a deadline null: 201, stored as none', async () => {
    for (const field of [
      'maxTasks',
      'maxTasksPerInspector',
      'samplingDeadline',
      'reportDeadline',
    ]) {
      const n = await tasks.post(REGULATOR_HOHHOT, '/api/v1/plans', plan({ [field]: null }));
      expect([field, n.statusCode, n.json()[field]]).toEqual([field, 201, null]);
    }
  });

  it('EPCIS times outside the years 0001–9999, and cursors of impossible times: 400', async () => {
    for (const from of ['0000-01-01T00:00:00Z', '0001-01-01T00:00:00+01:00']) {
      const r = await tasks.get(
        REGULATOR_HOHHOT,
        `/api/v1/epcis/events?from=${encodeURIComponent(from)}`,
      );
      expect(outcome(from, r)).toEqual([from, 400, 'VALIDATION_FAILED', ['from']]);
    }
    const to = '9999-12-31T23:00:00-14:00';
    const r = await tasks.get(
      REGULATOR_HOHHOT,
      `/api/v1/epcis/events?to=${encodeURIComponent(to)}`,
    );
    expect(outcome(to, r)).toEqual([to, 400, 'VALIDATION_FAILED', ['to']]);
    const id = '00000000-0000-4000-8000-000000000000';
    for (const time of ['2026-13-01T00:00:00.000000Z', '0000-01-01T00:00:00.000000Z']) {
      const c = await tasks.get(
        REGULATOR_HOHHOT,
        `/api/v1/epcis/events?cursor=${encodeCursor([time, id])}`,
      );
      expect(outcome(time, c)).toEqual([time, 400, 'VALIDATION_FAILED', ['cursor']]);
    }
  });

  it('the public portal: a forged cursor is a 400, with no token', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    for (const forged of [
      ['x', id],
      ['2026-02-30T00:00:00.000Z', id],
      ['0000-01-01T00:00:00.000Z', id],
      ['2026-02-01T00:00:00.000Z', 'not-a-uuid'],
    ]) {
      const r = await portal.inject({
        url: `/api/v1/public/draws?cursor=${encodeCursor(forged)}`,
      });
      expect(outcome(forged[0], r)).toEqual([forged[0], 400, 'VALIDATION_FAILED', ['cursor']]);
    }
  });
});

describe('hostile nesting', () => {
  it('a body nested 20,000 deep: 400 naming where, on DTO routes of each app', async () => {
    // Sent as text: light-my-request's own JSON.stringify would overflow first.
    const payload = `{"reason":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const headers = { 'content-type': 'application/json' };
    for (const [what, app, url, p] of [
      [
        'lab return',
        labApp,
        '/api/v1/lab/reports/00000000-0000-4000-8000-000000000000/return',
        LAB,
      ],
      ['plan', tasksApp, '/api/v1/plans', REGULATOR_HOHHOT],
    ] as const) {
      const r = await app.inject({
        method: 'POST',
        url,
        headers: { ...headers, ...bearer(p) },
        payload,
      });
      expect([what, r.statusCode, r.json().code, r.json().errors?.[0]?.reason]).toEqual([
        what,
        400,
        'VALIDATION_FAILED',
        'is nested deeper than 64 levels',
      ]);
    }
  });
});

describe('malformed multipart requests', () => {
  it('answers 400 naming Content-Type for multipart/form-data without a boundary, on every import', async () => {
    const routes: [NestFastifyApplication, Principal, string][] = [
      [tasksApp, REGULATOR_HOHHOT, '/api/v1/enterprises/import'],
      [tasksApp, REGULATOR_HOHHOT, '/api/v1/inspectors/import'],
      [tasksApp, REGULATOR_HOHHOT, '/api/v1/labs/import'],
      [tasksApp, ADMIN, '/api/v1/catalog/categories/import'],
      [labApp, LAB, '/api/v1/lab/reports/import'],
    ];
    const answers = [];
    for (const [app, p, url] of routes) {
      const r = await app.inject({
        method: 'POST',
        url,
        headers: { ...bearer(p), 'content-type': 'multipart/form-data' },
        payload: 'uscc,name\n',
      });
      answers.push(outcome(url, r));
    }
    expect(answers).toEqual(
      routes.map(([, , url]) => [url, 400, 'MULTIPART_INVALID', ['Content-Type']]),
    );
  });
});
