import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Principal } from '@spotcheck/auth';
import { encodeCursor } from '@spotcheck/domain';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import { LabResultsModule } from '../apps/lab-results/src/app.module';
import { PublicPortalModule } from '../apps/public-portal/src/app.module';
import { ADMIN, REGULATOR_HOHHOT, bearer, bootHttp, dataSource, upload } from './support/app';
import { tableDigest } from './support/hostile';
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

describe('imported files a reader could misread', () => {
  const importEnterprises = (csv: string | Buffer) =>
    tasksApp.inject({
      method: 'POST',
      url: '/api/v1/enterprises/import',
      ...upload(REGULATOR_HOHHOT, 'hostile.csv', csv),
    });

  it('a column headed twice, or under two of its names: 400 naming the column, nothing written', async () => {
    const ds = dataSource(tasksApp);
    const before = await tableDigest(ds);
    for (const [header, column, of] of [
      ['uscc,name,region_code,size,risk_class,name', 'name', 'name'],
      ['uscc,name,region_code,size,risk_class,统一社会信用代码', '统一社会信用代码', 'uscc'],
    ]) {
      const extra = header.endsWith('name') ? ',另一个名称' : `,${uscc()}`;
      const r = await importEnterprises(`${header}\n${uscc()},双列企业,150102,small,A${extra}\n`);
      expect([header, r.statusCode, r.json().code, r.json().errors]).toEqual([
        header,
        400,
        'IMPORT_REJECTED',
        [{ row: 1, column, reason: `is the same column as ${of}` }],
      ]);
    }
    expect(await tableDigest(ds)).toEqual(before);
  });

  it('control characters an XLSX export could not show: 400 naming the row and column, as in bodies', async () => {
    const r = await importEnterprises(
      `uscc,name,region_code,size,risk_class\n${uscc()},控制\u001b字符,150102,small,A\n`,
    );
    expect([r.statusCode, r.json().code, r.json().errors]).toEqual([
      400,
      'IMPORT_REJECTED',
      [
        {
          row: 2,
          column: 'name',
          reason: 'must not contain control characters (U+0001–U+001F but tab and line breaks)',
        },
      ],
    ]);
    const body = await tasks.post(REGULATOR_HOHHOT, '/api/v1/plans', plan({ title: '计划\u0007' }));
    expect(outcome('title', body)).toEqual(['title', 400, 'VALIDATION_FAILED', ['title']]);
  });

  it('bytes that are not UTF-8 text: 400 naming the row and column, nothing written', async () => {
    const ds = dataSource(tasksApp);
    const before = await tableDigest(ds);
    const file = Buffer.concat([
      Buffer.from(`uscc,name,region_code,size,risk_class\n${uscc()},好企业,150102,small,A\n\n`),
      Buffer.from(`${uscc()},坏企业`),
      Buffer.from([0x80]),
      Buffer.from(',150102,small,A\n'),
    ]);
    const r = await importEnterprises(file);
    expect([r.statusCode, r.json().code, r.json().errors]).toEqual([
      400,
      'IMPORT_REJECTED',
      [
        {
          row: 4,
          column: 'name',
          reason:
            'holds bytes that are not UTF-8 text (nor GB18030, for a file without a BOM), or U+FFFD',
        },
      ],
    ]);
    expect(await tableDigest(ds)).toEqual(before);
  });
});

describe('a body sent to a route that reads none', () => {
  it('400 naming each field, or the body, and the action not done', async () => {
    const draft = await tasks.created(REGULATOR_HOHHOT, '/api/v1/plans', plan());
    for (const [payload, fields] of [
      ['{"force":true}', ['force']],
      ['{"force":true,"state":"closed"}', ['force', 'state']],
      ['[]', ['body']],
      ['"close"', ['body']],
    ] as const) {
      const r = await tasksApp.inject({
        method: 'POST',
        url: `/api/v1/plans/${draft.id}/start-sampling`,
        headers: { ...bearer(REGULATOR_HOHHOT), 'content-type': 'application/json' },
        payload,
      });
      expect(outcome(payload, r)).toEqual([payload, 400, 'VALIDATION_FAILED', fields]);
    }
    expect((await tasks.get(REGULATOR_HOHHOT, `/api/v1/plans/${draft.id}`)).json().state).toBe(
      'draft',
    );
    // No body, or an empty object, is what such a route takes: the state machine answers.
    for (const payload of [undefined, {}]) {
      const r = await tasks.req(
        REGULATOR_HOHHOT,
        'POST',
        `/api/v1/plans/${draft.id}/start-sampling`,
        payload,
      );
      expect(r.statusCode).toBe(409);
    }
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

describe('bodies no DTO can read', () => {
  const send = (
    app: NestFastifyApplication,
    p: Principal,
    method: string,
    url: string,
    payload: string,
    type = 'application/json',
  ) =>
    app.inject({
      method: method as 'POST',
      url,
      headers: { ...bearer(p), 'content-type': type },
      payload,
    });

  it('a body that is no JSON object: 400 naming the body, nothing written, even where no field is required', async () => {
    const e = uscc();
    await tasks.created(REGULATOR_HOHHOT, '/api/v1/enterprises', {
      uscc: e,
      name: '非对象请求体',
      regionCode: '150102',
      size: 'small',
      riskClass: 'B',
    });
    const ds = dataSource(tasksApp);
    const before = await tableDigest(ds);
    for (const payload of ['null', '"text"', '12', 'true', '[]', '[{"name":"改"}]']) {
      const r = await send(
        tasksApp,
        REGULATOR_HOHHOT,
        'PATCH',
        `/api/v1/enterprises/${e}`,
        payload,
      );
      expect(outcome(payload, r)).toEqual([payload, 400, 'VALIDATION_FAILED', ['body']]);
    }
    expect(await tableDigest(ds)).toEqual(before);
  });

  it("Object.prototype's names as keys: 400 unknown field, at any depth", async () => {
    const day = await send(
      tasksApp,
      ADMIN,
      'PUT',
      '/api/v1/calendar/2099-02-07',
      '{"workday":true,"hasOwnProperty":1}',
    );
    expect(outcome('calendar', day)).toEqual([
      'calendar',
      400,
      'VALIDATION_FAILED',
      ['hasOwnProperty'],
    ]);
    const ratios = await tasks.post(
      REGULATOR_HOHHOT,
      '/api/v1/plans',
      plan({ ratios: JSON.parse('{"constructor":"0.5"}') }),
    );
    expect(outcome('ratios', ratios)).toEqual([
      'ratios',
      400,
      'VALIDATION_FAILED',
      ['ratios.constructor'],
    ]);
  });
});

describe('lists of objects', () => {
  it('an array where a list holds objects: 400 naming the list, on each such list', async () => {
    const code = `HIL-${run}`;
    await ensureCategory(tasks, code);
    const items = await tasks.req(ADMIN, 'PATCH', `/api/v1/catalog/categories/${code}`, {
      items: [[]],
    });
    expect(outcome('items', items)).toEqual(['items', 400, 'VALIDATION_FAILED', ['items']]);
    const stored = await tasks.get(ADMIN, `/api/v1/catalog/categories/${code}`);
    expect(stored.json().items).toEqual([expect.objectContaining({ code: 'X1' })]);
    const report = await labApp.inject({
      method: 'PUT',
      url: '/api/v1/lab/reports/00000000-0000-4000-8000-000000000000/items',
      headers: bearer(LAB),
      payload: { items: [[{ itemCode: 'PB' }]] },
    });
    expect(outcome('report items', report)).toEqual([
      'report items',
      400,
      'VALIDATION_FAILED',
      ['items'],
    ]);
  });
});

describe('what Fastify refuses before any route', () => {
  const raw = (payload: string, type: string) =>
    tasksApp.inject({
      method: 'POST',
      url: '/api/v1/plans',
      headers: { ...bearer(REGULATOR_HOHHOT), 'content-type': type },
      payload,
    });

  it('JSON it cannot parse, or with __proto__: 400 INVALID_JSON naming the body', async () => {
    for (const payload of [
      '{"title":',
      '{"__proto__":{"isAdmin":true}}',
      '{"constructor":{"prototype":{"isAdmin":true}}}',
    ])
      expect(outcome(payload, await raw(payload, 'application/json'))).toEqual([
        payload,
        400,
        'INVALID_JSON',
        ['body'],
      ]);
  });

  it('a type no route reads: 415 naming Content-Type; a body over the limit: 413 naming the body', async () => {
    expect(outcome('xml', await raw('<plan/>', 'application/xml'))).toEqual([
      'xml',
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      ['Content-Type'],
    ]);
    const big = JSON.stringify({ title: 'x'.repeat(1024 * 1024) });
    expect(outcome('big', await raw(big, 'application/json'))).toEqual([
      'big',
      413,
      'PAYLOAD_TOO_LARGE',
      ['body'],
    ]);
  });

  it('a path that is not UTF-8, or a parameter over 100 characters: named, in the usual body', async () => {
    const bad = await tasks.get(ADMIN, '/api/v1/plans/%ED%A0%80');
    expect(outcome('bad', bad)).toEqual(['bad', 400, 'INVALID_URL', ['path']]);
    const long = await tasks.get(ADMIN, `/api/v1/plans/${'a'.repeat(101)}`);
    expect(outcome('long', long)).toEqual(['long', 414, 'URI_TOO_LONG', ['path']]);
  });
});
