import { randomUUID } from 'node:crypto';
import { DEFAULT_SECTOR_RULES, commitmentOf } from '@spotcheck/domain';
import { freshUscc, unique } from '../medium/support';
import { multipart } from '../support/app';
import { epcisDocument } from '../support/epcis-documents';
import type { Caller } from './callers';
import {
  Fresh,
  IN,
  OBJECTION,
  RECEIVED_AT,
  World,
  freshPrefix,
  notify,
  samplingRecord,
  shipment,
} from './world';

/** One request of the matrix. */
export interface Call {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

export interface ProbeContext {
  w: World;
  fresh: Fresh;
  caller: Caller;
}

/**
 * How the matrix calls one route about the world's records: the request (a route that changes
 * what it names gets a fresh record per call), and how another tenant's refusal shows.
 * - A route naming a record in its path answers another tenant 404, as if it were absent.
 * - A list (`shows`) answers 2xx, with the owners' record to those who reach it and without
 *   it to the others.
 * - A write naming the tenant in its body (`outside`) refuses another tenant with that status.
 */
export interface Probe {
  call(ctx: ProbeContext): Call | Promise<Call>;
  shows?(body: Body, ctx: ProbeContext): boolean;
  outside?: 400 | 403;
}

/** An answer as the probes read it: the parsed JSON, or the text of a file. */
export type Body = { json: unknown; text: string };

type Items = { items?: Record<string, unknown>[] };
const items = (b: Body): Record<string, unknown>[] => (b.json as Items)?.items ?? [];
const hasItem = (b: Body, key: string, value: unknown) => items(b).some((i) => i[key] === value);

const read = (url: (w: World) => string): Probe => ({ call: ({ w }) => ({ url: url(w) }) });
const list = (url: (w: World) => string, shows: Probe['shows']): Probe => ({
  call: ({ w }) => ({ url: url(w) }),
  shows,
});
const write = (
  call: (ctx: ProbeContext) => Call | Promise<Call>,
  outside?: Probe['outside'],
): Probe => ({ call, ...(outside ? { outside } : {}) });

const enc = encodeURIComponent;

/** A fresh notification to the owners of the caller's kind: their office, all admins, or E1. */
const notifyOwners = (fresh: Fresh, caller: Caller, w: World) =>
  caller.principal?.role === 'admin'
    ? notify(fresh.ds, 'admin')
    : caller.principal?.role === 'enterprise'
      ? notify(fresh.ds, 'enterprise', w.enterprise)
      : notify(fresh.ds, 'regulator');
const COUNTY = `${IN.slice(0, 4)}02`;

/** A CSV file upload of `lines`, as the import routes take it. */
function csv(url: string, lines: string[]): Call {
  const m = multipart('matrix.csv', `${lines.join('\n')}\n`, 'text/csv');
  return { url, payload: m.payload, headers: m.headers };
}

const item = { itemCode: 'X1', value: '0.1' };
/** Targets the matrix creates, each for a year of its own. */
let targetsCreated = 0;

/**
 * The sign-in routes every signed-in app serves (libs/auth SessionModule). `/auth/me` shows the
 * caller itself: an owner of the world's records sees one of the owners, another tenant never.
 */
const SESSION: Record<string, Probe> = {
  'POST /api/v1/auth/login': write(async ({ fresh }) => {
    const a = await fresh.account();
    return { url: '/api/v1/auth/login', payload: { userName: a.userName, password: a.password } };
  }),
  'POST /api/v1/auth/password': write(async ({ fresh }) => {
    const a = await fresh.account({ mustChange: true });
    return {
      url: '/api/v1/auth/password',
      payload: {
        userName: a.userName,
        currentPassword: a.password,
        newPassword: 'matrix-changed-Passw0rd',
      },
    };
  }),
  'POST /api/v1/auth/refresh': write(async ({ fresh }) => ({
    url: '/api/v1/auth/refresh',
    headers: {
      cookie: `spotcheck_refresh=${(await fresh.session()).refreshToken}`,
      origin: 'http://localhost',
    },
  })),
  'POST /api/v1/auth/logout': write(() => ({ url: '/api/v1/auth/logout' })),
  'GET /api/v1/auth/me': list(
    () => '/api/v1/auth/me',
    (b, { w }) => {
      const t = w.tenants;
      const owners = [t.regulator[0], t.lab[0], t.enterprise[0], t.admin];
      return owners.some((o) => o.sub === (b.json as { sub?: string }).sub);
    },
  ),
};

/** The case of a batch E1 holds, made once for the reads of the holder's view. */
let heldCase: Promise<string> | undefined;

/** The inspection-tasks routes. */
const INSPECTION_TASKS: Record<string, Probe> = {
  ...SESSION,

  'GET /api/v1/accounts': read(() => '/api/v1/accounts?limit=5'),
  'GET /api/v1/accounts/:userName': write(async ({ fresh }) => ({
    url: `/api/v1/accounts/${(await fresh.account()).userName}`,
  })),
  'POST /api/v1/accounts': write(() => ({
    url: '/api/v1/accounts',
    payload: { userName: unique('matrix-'), displayName: '矩阵账号', role: 'admin' },
  })),
  'POST /api/v1/accounts/import': write(() =>
    csv('/api/v1/accounts/import', [
      'user_name,display_name,role,jurisdiction',
      `${unique('matrix-')},矩阵监管,regulator,${IN}`,
    ]),
  ),
  'POST /api/v1/accounts/:userName/disable': write(async ({ fresh }) => ({
    url: `/api/v1/accounts/${(await fresh.account()).userName}/disable`,
  })),
  'POST /api/v1/accounts/:userName/enable': write(async ({ fresh }) => ({
    url: `/api/v1/accounts/${(await fresh.account()).userName}/enable`,
  })),
  'POST /api/v1/accounts/:userName/password-reset': write(async ({ fresh }) => ({
    url: `/api/v1/accounts/${(await fresh.account()).userName}/password-reset`,
    payload: {},
  })),
  'GET /health/live': read(() => '/health/live'),
  'GET /health/ready': read(() => '/health/ready'),
  // Prometheus' scrape: no JWT; METRICS_TOKEN, unset in the tests, would guard it.
  'GET /metrics': read(() => '/metrics'),

  'GET /api/v1/calendar': read(() => '/api/v1/calendar?from=2026-01-01&to=2026-01-31'),
  'GET /api/v1/calendar/deadline': read(
    () => '/api/v1/calendar/deadline?from=2026-05-06&workingDays=5',
  ),
  'PUT /api/v1/calendar/:date': write(() => ({
    url: '/api/v1/calendar/2097-03-04',
    payload: { workday: true },
  })),

  'GET /api/v1/catalog/categories': read(() => '/api/v1/catalog/categories'),
  'GET /api/v1/catalog/categories/export': read(
    () => '/api/v1/catalog/categories/export?format=csv',
  ),
  'GET /api/v1/catalog/categories/:code': read(
    (w) => `/api/v1/catalog/categories/${w.category.code}`,
  ),
  'POST /api/v1/catalog/categories': write(() => ({
    url: '/api/v1/catalog/categories',
    payload: {
      code: unique('AMC').toUpperCase(),
      name: '矩阵品类',
      sector: 'food',
      items: [{ code: 'X1', name: '项目', limit: '≤0.5' }],
    },
  })),
  'POST /api/v1/catalog/categories/import': write(() =>
    csv('/api/v1/catalog/categories/import', [
      'category_code,category_name,sector,item_code,item_name,limit,microbial',
      `${unique('AMC').toUpperCase()},矩阵品类,food,X1,项目,≤0.5,否`,
    ]),
  ),
  'PATCH /api/v1/catalog/categories/:code': write(async ({ fresh }) => ({
    url: `/api/v1/catalog/categories/${await fresh.category()}`,
    payload: { name: '矩阵品类（改）' },
  })),
  'DELETE /api/v1/catalog/categories/:code': write(async ({ fresh }) => ({
    url: `/api/v1/catalog/categories/${await fresh.category()}`,
  })),

  'GET /api/v1/enterprises': list(
    () => `/api/v1/enterprises?region=${COUNTY}&limit=500`,
    (b, { w }) => hasItem(b, 'uscc', w.enterprise),
  ),
  'GET /api/v1/enterprises/stats': list(
    () => '/api/v1/enterprises/stats',
    (b) => (b.json as { regionCode: string }[]).some((s) => s.regionCode === COUNTY),
  ),
  'GET /api/v1/enterprises/export': list(
    () => `/api/v1/enterprises/export?format=csv&region=${COUNTY}`,
    (b, { w }) => b.text.includes(w.enterprise),
  ),
  'GET /api/v1/enterprises/:uscc': read((w) => `/api/v1/enterprises/${w.enterprise}`),
  'POST /api/v1/enterprises': write(
    () => ({
      url: '/api/v1/enterprises',
      payload: {
        uscc: freshUscc(COUNTY),
        name: unique('矩阵企业'),
        regionCode: COUNTY,
        size: 'small',
        riskClass: 'B',
      },
    }),
    400,
  ),
  'POST /api/v1/enterprises/import': write(
    () =>
      csv('/api/v1/enterprises/import', [
        'uscc,name,region_code,size,risk_class',
        `${freshUscc(COUNTY)},${unique('矩阵企业')},${COUNTY},small,B`,
      ]),
    400,
  ),
  'PATCH /api/v1/enterprises/:uscc': write(async ({ fresh }) => ({
    url: `/api/v1/enterprises/${await fresh.enterprise()}`,
    payload: { riskClass: 'C' },
  })),
  'DELETE /api/v1/enterprises/:uscc': write(async ({ fresh }) => ({
    url: `/api/v1/enterprises/${await fresh.enterprise()}`,
  })),

  'GET /api/v1/inspectors': list(
    (w) => `/api/v1/inspectors?q=${enc(w.inspector.staffNo)}`,
    (b, { w }) => hasItem(b, 'id', w.inspector.id),
  ),
  'GET /api/v1/inspectors/export': list(
    (w) => `/api/v1/inspectors/export?format=csv&q=${enc(w.inspector.staffNo)}`,
    (b, { w }) => b.text.includes(w.inspector.staffNo),
  ),
  'GET /api/v1/inspectors/:id': read((w) => `/api/v1/inspectors/${w.inspector.id}`),
  'POST /api/v1/inspectors': write(
    () => ({
      url: '/api/v1/inspectors',
      payload: { staffNo: unique('AMS-'), name: '矩阵检查员', regionCode: COUNTY },
    }),
    400,
  ),
  'POST /api/v1/inspectors/import': write(
    () =>
      csv('/api/v1/inspectors/import', [
        'staff_no,name,region_code',
        `${unique('AMS-')},矩阵检查员,${COUNTY}`,
      ]),
    400,
  ),
  'PATCH /api/v1/inspectors/:id': write(async ({ fresh }) => ({
    url: `/api/v1/inspectors/${await fresh.inspector()}`,
    payload: { name: '矩阵检查员（改）' },
  })),
  'DELETE /api/v1/inspectors/:id': write(async ({ fresh }) => ({
    url: `/api/v1/inspectors/${await fresh.inspector()}`,
  })),

  'GET /api/v1/labs': list(
    (w) => `/api/v1/labs?category=${w.category.code}`,
    (b, { w }) => hasItem(b, 'id', w.lab.id),
  ),
  'GET /api/v1/labs/export': list(
    (w) => `/api/v1/labs/export?format=csv&category=${w.category.code}`,
    (b, { w }) => b.text.includes(w.lab.cmaNo),
  ),
  'GET /api/v1/labs/:id': read((w) => `/api/v1/labs/${w.lab.id}`),
  'POST /api/v1/labs': write(
    () => ({
      url: '/api/v1/labs',
      payload: {
        name: unique('矩阵检验所'),
        uscc: freshUscc(COUNTY),
        cmaNo: unique('AMCMA-'),
        regionCode: COUNTY,
        capacity: 10,
      },
    }),
    400,
  ),
  'POST /api/v1/labs/import': write(
    () =>
      csv('/api/v1/labs/import', [
        'cma_no,name,uscc,region_code,capacity',
        `${unique('AMCMA-')},${unique('矩阵检验所')},${freshUscc(COUNTY)},${COUNTY},10`,
      ]),
    400,
  ),
  'PATCH /api/v1/labs/:id': write(async ({ fresh }) => ({
    url: `/api/v1/labs/${await fresh.lab()}`,
    payload: { capacity: 20 },
  })),
  'DELETE /api/v1/labs/:id': write(async ({ fresh }) => ({
    url: `/api/v1/labs/${await fresh.lab()}`,
  })),

  'POST /api/v1/epcis/capture': write(
    ({ w }) => ({ url: '/api/v1/epcis/capture', payload: epcisDocument([shipment(w.prefix)]) }),
    403,
  ),
  'GET /api/v1/epcis/events': read((w) => `/api/v1/epcis/events?sampleNo=${enc(w.sampleNo)}`),
  'GET /api/v1/epcis/events/:id': read((w) => `/api/v1/epcis/events/${w.eventId}`),
  'POST /api/v1/epcis/gtin-prefixes': write(
    ({ w }) => ({
      url: '/api/v1/epcis/gtin-prefixes',
      payload: { uscc: w.enterprise, companyPrefix: freshPrefix() },
    }),
    403,
  ),
  'GET /api/v1/epcis/gtin-prefixes': list(
    () => '/api/v1/epcis/gtin-prefixes?limit=500',
    (b, { w }) => hasItem(b, 'id', w.prefixId),
  ),
  'DELETE /api/v1/epcis/gtin-prefixes/:id': write(async ({ fresh }) => ({
    url: `/api/v1/epcis/gtin-prefixes/${await fresh.prefix()}`,
  })),

  'GET /api/v1/notices': list(
    () => '/api/v1/notices',
    (b, { w }) => hasItem(b, 'id', w.noticeId),
  ),
  'GET /api/v1/notices/:id': read((w) => `/api/v1/notices/${w.noticeId}`),
  'POST /api/v1/notices/:id/read': write(({ w }) => ({
    url: `/api/v1/notices/${w.noticeId}/read`,
  })),

  // Each reads its own inbox: the inside regulator Ordos's office, the admin all admins'.
  'GET /api/v1/notifications': list(
    () => '/api/v1/notifications?limit=500',
    (b, { w, caller }) =>
      hasItem(
        b,
        'id',
        caller.principal?.role === 'admin'
          ? w.adminNotificationId
          : caller.principal?.role === 'enterprise'
            ? w.enterpriseNotificationId
            : w.notificationId,
      ),
  ),
  // Hulunbuir's office has none: a count above zero is someone else's.
  'GET /api/v1/notifications/unread-count': list(
    () => '/api/v1/notifications/unread-count',
    (b) => ((b.json as { unread?: number }).unread ?? 0) > 0,
  ),
  'POST /api/v1/notifications/:id/read': write(async ({ fresh, caller, w }) => ({
    url: `/api/v1/notifications/${await notifyOwners(fresh, caller, w)}/read`,
  })),
  // A fresh unread one of the owners each time; another office marks none of them.
  'POST /api/v1/notifications/read-all': {
    call: async ({ fresh, caller, w }) => {
      await notifyOwners(fresh, caller, w);
      return { url: '/api/v1/notifications/read-all' };
    },
    shows: (b) => ((b.json as { marked?: number }).marked ?? 0) > 0,
  },
  'POST /api/v1/notices/:id/objections': write(async ({ fresh }) => ({
    url: `/api/v1/notices/${await fresh.failedNotice()}/objections`,
    payload: OBJECTION,
  })),
  'GET /api/v1/objections': list(
    () => '/api/v1/objections',
    (b, { w }) => hasItem(b, 'id', w.objectionId),
  ),
  'GET /api/v1/objections/:id': read((w) => `/api/v1/objections/${w.objectionId}`),
  'POST /api/v1/objections/:id/decision': write(async ({ fresh }) => ({
    url: `/api/v1/objections/${await fresh.objection()}/decision`,
    payload: { decision: 'reject', reason: '访问矩阵' },
  })),
  'POST /api/v1/objections/:id/retest-draw': write(async ({ fresh }) => {
    const seed = `access-matrix-retest-${randomUUID()}`;
    return {
      url: `/api/v1/objections/${await fresh.acceptedObjection(seed)}/retest-draw`,
      payload: { seed },
    };
  }),
  'POST /api/v1/objections/:id/retest-refusal': write(async ({ fresh }) => ({
    url: `/api/v1/objections/${await fresh.drawnObjection()}/retest-refusal`,
    payload: {
      reason: 'no_capacity',
      note: '访问矩阵',
      commitment: commitmentOf(`access-matrix-redraw-${randomUUID()}`),
    },
  })),
  'GET /api/v1/objections/:id/retest-draw': read(
    (w) => `/api/v1/objections/${w.closedObjectionId}/retest-draw`,
  ),
  'GET /api/v1/cases': list(
    () => '/api/v1/cases',
    (b, { w }) => hasItem(b, 'id', w.caseId),
  ),
  'GET /api/v1/cases/:id': read((w) => `/api/v1/cases/${w.caseId}`),
  'GET /api/v1/cases/:id/attachments/:sha256': read(
    (w) => `/api/v1/cases/${w.caseId}/attachments/${w.caseAttachment}`,
  ),
  'POST /api/v1/cases/:id/order': write(async ({ fresh }) => ({
    url: `/api/v1/cases/${await fresh.followupCase('opened')}/order`,
    payload: { workingDays: 10, requirements: '访问矩阵：责令限期改正' },
  })),
  'POST /api/v1/cases/:id/rectification': write(async ({ fresh }) => ({
    url: `/api/v1/cases/${await fresh.followupCase('ordered')}/rectification`,
    payload: { text: '访问矩阵：整改报告' },
  })),
  'POST /api/v1/cases/:id/reinspection': write(async ({ fresh, w }) => ({
    url: `/api/v1/cases/${await fresh.followupCase('reported')}/reinspection`,
    payload: {
      staffNos: [await fresh.qualifiedInspector(), await fresh.qualifiedInspector()],
      labId: w.lab.id,
    },
  })),
  'POST /api/v1/cases/:id/recall-decision': write(({ w }) => ({
    url: `/api/v1/cases/${w.caseId}/recall-decision`,
    payload: { decision: 'recall', reason: '访问矩阵：主动召回' },
  })),
  // One held case for every caller: E1 holds its batch, E2 holds none of it (404).
  'GET /api/v1/cases/:id/withdrawal': {
    call: async ({ fresh }) => ({
      url: `/api/v1/cases/${await (heldCase ??= fresh.heldCase())}/withdrawal`,
    }),
  },
  'POST /api/v1/cases/:id/withdrawal': write(async ({ fresh }) => ({
    url: `/api/v1/cases/${await fresh.heldCase()}/withdrawal`,
    payload: { note: '访问矩阵：已下架' },
  })),
  'POST /api/v1/cases/:id/close': write(async ({ fresh }) => ({
    url: `/api/v1/cases/${await fresh.followupCase('reinspected')}/close`,
    payload: { reason: '访问矩阵：复查合格，结案' },
  })),
  'GET /api/v1/objections/:id/retest-draw/verification': read(
    (w) => `/api/v1/objections/${w.closedObjectionId}/retest-draw/verification`,
  ),

  'GET /api/v1/publications': {
    call: async ({ fresh }) => {
      await fresh.publication.get();
      return { url: `/api/v1/publications?jurisdiction=${IN}` };
    },
    shows: (b, { fresh }) => hasItem(b, 'id', fresh.publication.id()),
  },
  'GET /api/v1/publications/:id': write(async ({ fresh }) => ({
    url: `/api/v1/publications/${await fresh.publication.get()}`,
  })),
  'GET /api/v1/publications/:id/entries': write(async ({ fresh }) => ({
    url: `/api/v1/publications/${await fresh.publication.get()}/entries?table=passed`,
  })),
  'GET /api/v1/publications/:id/files': write(async ({ fresh }) => ({
    url: `/api/v1/publications/${await fresh.publication.get()}/files`,
  })),
  'GET /api/v1/publications/:id/files/:name': write(async ({ fresh }) => ({
    url: `/api/v1/publications/${await fresh.publication.get()}/files/list.json`,
  })),
  'GET /api/v1/publications/:id/verification': write(async ({ fresh }) => ({
    url: `/api/v1/publications/${await fresh.publication.get()}/verification`,
  })),
  'POST /api/v1/publications': write(async ({ fresh }) => {
    await fresh.finalOutcome();
    return { url: '/api/v1/publications', payload: { jurisdiction: IN } };
  }),
  'POST /api/v1/publications/:id/approve': write(async ({ fresh }) => ({
    url: `/api/v1/publications/${await fresh.correction('draft')}/approve`,
  })),
  'POST /api/v1/publications/:id/publish': write(async ({ fresh }) => ({
    url: `/api/v1/publications/${await fresh.correction('approved')}/publish`,
  })),
  'POST /api/v1/publications/:id/discard': write(async ({ fresh }) => ({
    url: `/api/v1/publications/${await fresh.correction('draft')}/discard`,
    payload: { reason: '访问矩阵' },
  })),
  'POST /api/v1/publications/:id/corrections': write(async ({ fresh }) => ({
    url: `/api/v1/publications/${await fresh.publishedList()}/corrections`,
    payload: { reason: '访问矩阵' },
  })),
  'POST /api/v1/publications/:id/withdrawal': write(async ({ fresh }) => ({
    url: `/api/v1/publications/${await fresh.publishedList()}/withdrawal`,
    payload: { reason: '访问矩阵' },
  })),

  'GET /api/v1/sector-rules': read(() => '/api/v1/sector-rules'),
  'GET /api/v1/sector-rules/:sector': read(() => '/api/v1/sector-rules/food'),
  // A change to what the rules already say: answered, and nothing changes for the other tests.
  'PATCH /api/v1/sector-rules/:sector': write(() => ({
    url: '/api/v1/sector-rules/drug',
    payload: { reason: '访问矩阵', testing: { days: DEFAULT_SECTOR_RULES.drug.testing.days } },
  })),

  'GET /api/v1/rates': read(() => `/api/v1/rates?jurisdiction=${IN}&by=sector,county`),
  'GET /api/v1/rates/export': read(() => `/api/v1/rates/export?jurisdiction=${IN}&format=csv`),
  'POST /api/v1/rates/recompute': write(() => ({ url: '/api/v1/rates/recompute' })),

  'GET /api/v1/targets': read(() => `/api/v1/targets?jurisdiction=${IN}`),
  'GET /api/v1/targets/:id': write(async ({ fresh }) => ({
    url: `/api/v1/targets/${await fresh.target()}`,
  })),
  'POST /api/v1/targets': write(() => ({
    url: '/api/v1/targets',
    payload: {
      jurisdiction: IN,
      sector: 'agricultural',
      year: 2000 + ++targetsCreated,
      target: 98,
      source: '访问矩阵目标',
    },
  })),
  'PATCH /api/v1/targets/:id': write(async ({ fresh }) => ({
    url: `/api/v1/targets/${await fresh.target()}`,
    payload: { target: '97.5' },
  })),
  'DELETE /api/v1/targets/:id': write(async ({ fresh }) => ({
    url: `/api/v1/targets/${await fresh.target()}`,
  })),

  'GET /api/v1/plans': list(
    () => '/api/v1/plans?state=closed&limit=500',
    (b, { w }) => hasItem(b, 'id', w.planId),
  ),
  'GET /api/v1/plans/:id': read((w) => `/api/v1/plans/${w.planId}`),
  'POST /api/v1/plans': write(
    ({ w }) => ({
      url: '/api/v1/plans',
      payload: {
        code: unique('AM-'),
        title: '访问矩阵新计划',
        level: 'prefecture',
        jurisdiction: IN,
        year: 2026,
        categories: [w.category.code],
        stages: ['production'],
      },
    }),
    400,
  ),
  'PATCH /api/v1/plans/:id': write(async ({ fresh }) => ({
    url: `/api/v1/plans/${await fresh.planIn('draft')}`,
    payload: { title: '访问矩阵计划（改）' },
  })),
  'POST /api/v1/plans/:id/commit': write(async ({ fresh }) => ({
    url: `/api/v1/plans/${await fresh.planIn('draft')}/commit`,
    payload: { commitment: commitmentOf(`access-matrix-${randomUUID()}`) },
  })),
  'POST /api/v1/plans/:id/cancel': write(async ({ fresh }) => ({
    url: `/api/v1/plans/${await fresh.planIn('draft')}/cancel`,
    payload: { reason: '访问矩阵' },
  })),
  'POST /api/v1/plans/:id/start-sampling': write(async ({ fresh }) => ({
    url: `/api/v1/plans/${await fresh.drawnPlan()}/start-sampling`,
  })),
  'POST /api/v1/plans/:id/close': write(async ({ fresh }) => ({
    url: `/api/v1/plans/${await fresh.planIn('sampling')}/close`,
  })),
  'POST /api/v1/plans/:id/draw': write(async ({ fresh }) => {
    const seed = `access-matrix-${randomUUID()}`;
    return { url: `/api/v1/plans/${await fresh.committedPlan(seed)}/draw`, payload: { seed } };
  }),
  'GET /api/v1/plans/:id/draw': read((w) => `/api/v1/plans/${w.planId}/draw`),
  'GET /api/v1/plans/:id/draw/verification': read(
    (w) => `/api/v1/plans/${w.planId}/draw/verification`,
  ),
  'GET /api/v1/plans/:id/draw/exclusions': read((w) => `/api/v1/plans/${w.planId}/draw/exclusions`),
  'GET /api/v1/plans/:id/tasks': read((w) => `/api/v1/plans/${w.planId}/tasks`),

  'GET /api/v1/draws/:id': read((w) => `/api/v1/draws/${w.drawId}`),
  'GET /api/v1/draws/:id/verification': read((w) => `/api/v1/draws/${w.drawId}/verification`),
  'GET /api/v1/draws/:id/exclusions': read((w) => `/api/v1/draws/${w.drawId}/exclusions`),
  'GET /api/v1/draws/:id/record': read((w) => `/api/v1/draws/${w.drawId}/record`),

  'GET /api/v1/tasks': list(
    (w) => `/api/v1/tasks?planId=${w.planId}`,
    (b, { w }) => hasItem(b, 'id', w.taskId),
  ),
  'GET /api/v1/tasks/mine': list(
    (w) => `/api/v1/tasks/mine?planId=${w.planId}`,
    (b, { w }) => hasItem(b, 'id', w.taskId),
  ),
  'GET /api/v1/tasks/:id': read((w) => `/api/v1/tasks/${w.taskId}`),
  'POST /api/v1/tasks/:id/unable': write(async ({ fresh }) => ({
    url: `/api/v1/tasks/${await fresh.task()}/unable`,
    payload: { reason: 'closed' },
  })),
  'POST /api/v1/tasks/:id/cancel': write(async ({ fresh }) => ({
    url: `/api/v1/tasks/${await fresh.task()}/cancel`,
    payload: { reason: '访问矩阵' },
  })),
  'POST /api/v1/tasks/:id/reassign': write(async ({ fresh }) => ({
    url: `/api/v1/tasks/${await fresh.task()}/reassign`,
    payload: { slot: 2, staffNo: await fresh.qualifiedInspector(), reason: '访问矩阵' },
  })),
  'POST /api/v1/tasks/:id/sample': write(async ({ w, fresh }) => ({
    url: `/api/v1/tasks/${await fresh.task()}/sample`,
    payload: samplingRecord(w.pair, w.gtin, unique('AMB')),
  })),

  'GET /api/v1/samples': list(
    (w) => `/api/v1/samples?planId=${w.planId}`,
    (b, { w }) => hasItem(b, 'sampleNo', w.sampleNo),
  ),
  'GET /api/v1/samples/:sampleNo': read((w) => `/api/v1/samples/${enc(w.sampleNo)}`),
  'GET /api/v1/samples/:sampleNo/custody': read(
    (w) => `/api/v1/samples/${enc(w.sampleNo)}/custody`,
  ),
  // The field ships a sample; the lab that holds it starts testing it.
  'POST /api/v1/samples/:sampleNo/custody': write(async ({ fresh, caller }) => {
    const lab = caller.principal?.role === 'lab';
    const sampleNo = await fresh.sample(lab ? 'received' : 'sampled');
    return {
      url: `/api/v1/samples/${enc(sampleNo)}/custody`,
      payload: {
        kind: lab ? 'testing' : 'shipped',
        occurredAt: lab ? '2026-02-13T09:00:00+08:00' : '2026-02-12T12:00:00+08:00',
        regionCode: COUNTY,
        address: '鄂尔多斯市东胜区',
      },
    };
  }),

  'GET /api/v1/trace/samples/:sampleNo': read((w) => `/api/v1/trace/samples/${enc(w.sampleNo)}`),
  'GET /api/v1/trace/enterprises/:uscc': read((w) => `/api/v1/trace/enterprises/${w.enterprise}`),
  'GET /api/v1/trace/products': list(
    (w) => `/api/v1/trace/products?gtin=${w.gtin}&batch=${enc(w.batch)}`,
    (b, { w }) =>
      ((b.json as { samples?: { sampleNo: string }[] }).samples ?? []).some(
        (s) => s.sampleNo === w.sampleNo,
      ),
  ),
};

/** The lab-results routes. */
const LAB_RESULTS: Record<string, Probe> = {
  ...SESSION,
  'GET /health/live': read(() => '/health/live'),
  'GET /health/ready': read(() => '/health/ready'),
  'GET /metrics': read(() => '/metrics'),

  // The caller's own lab and staff record: another lab sees its own, not lab A's.
  'GET /api/v1/lab': list(
    () => '/api/v1/lab',
    (b, { w }) => (b.json as { id?: string }).id === w.lab.id,
  ),
  'GET /api/v1/lab/staff/me': list(
    () => '/api/v1/lab/staff/me',
    (b, { w }) => (b.json as { labId?: string }).labId === w.lab.id,
  ),
  'GET /api/v1/labs/:labId/staff': read((w) => `/api/v1/labs/${w.lab.id}/staff`),
  'PUT /api/v1/labs/:labId/staff/:sub': write(({ w }) => ({
    url: `/api/v1/labs/${w.lab.id}/staff/${unique('am-')}`,
    payload: { name: '矩阵人员', roles: ['tester'] },
  })),

  'GET /api/v1/lab/samples': list(
    () => '/api/v1/lab/samples?limit=500',
    (b, { w }) => hasItem(b, 'sampleNo', w.sampleNo),
  ),
  'GET /api/v1/lab/samples/:sampleNo': read((w) => `/api/v1/lab/samples/${enc(w.sampleNo)}`),
  'POST /api/v1/lab/samples/:sampleNo/receipt': write(async ({ fresh }) => ({
    url: `/api/v1/lab/samples/${enc(await fresh.sample('in_transit'))}/receipt`,
    payload: { receivedAt: RECEIVED_AT, condition: '封样完好', sealIntact: true },
  })),
  'POST /api/v1/lab/samples/:sampleNo/rejection': write(async ({ fresh }) => ({
    url: `/api/v1/lab/samples/${enc(await fresh.sample('in_transit'))}/rejection`,
    payload: { at: RECEIVED_AT, reason: 'damaged' },
  })),

  'GET /api/v1/lab/reports': read((w) => `/api/v1/lab/reports?sampleNo=${enc(w.sampleNo)}`),
  'GET /api/v1/lab/reports/:id': read((w) => `/api/v1/lab/reports/${w.reportId}`),
  'POST /api/v1/lab/reports': write(async ({ fresh }) => ({
    url: '/api/v1/lab/reports',
    payload: {
      sampleNo: await fresh.sample('received'),
      reportNo: unique('AMR-'),
      items: [item],
    },
  })),
  'POST /api/v1/lab/reports/batch': write(
    async ({ fresh }) => ({
      url: '/api/v1/lab/reports/batch',
      payload: {
        reports: [
          { sampleNo: await fresh.sample('received'), reportNo: unique('AMR-'), items: [item] },
        ],
      },
    }),
    400,
  ),
  'POST /api/v1/lab/reports/import': write(
    async ({ fresh }) =>
      csv('/api/v1/lab/reports/import', [
        '样品编号,报告编号,检验项目代码,检测结果',
        `${await fresh.sample('received')},${unique('AMR-')},X1,0.1`,
      ]),
    400,
  ),
  'PUT /api/v1/lab/reports/:id/items': write(async ({ fresh }) => ({
    url: `/api/v1/lab/reports/${await fresh.report('draft')}/items`,
    payload: { items: [{ itemCode: 'X1', value: '0.2' }] },
  })),
  'POST /api/v1/lab/reports/:id/submit': write(async ({ fresh }) => ({
    url: `/api/v1/lab/reports/${await fresh.report('draft')}/submit`,
  })),
  'POST /api/v1/lab/reports/:id/review': write(async ({ fresh }) => ({
    url: `/api/v1/lab/reports/${await fresh.report('submitted')}/review`,
  })),
  'POST /api/v1/lab/reports/:id/issue': write(async ({ fresh }) => ({
    url: `/api/v1/lab/reports/${await fresh.report('reviewed')}/issue`,
  })),
  'POST /api/v1/lab/reports/:id/return': write(async ({ fresh }) => ({
    url: `/api/v1/lab/reports/${await fresh.report('submitted')}/return`,
    payload: { reason: '访问矩阵' },
  })),
  'POST /api/v1/lab/reports/:id/amend': write(async ({ fresh }) => ({
    url: `/api/v1/lab/reports/${await fresh.report('issued')}/amend`,
    payload: { reason: '访问矩阵' },
  })),
};

/** The public-portal routes: everyone reads a closed plan's draw and the published lists. */
const PUBLIC_PORTAL: Record<string, Probe> = {
  'GET /health/live': read(() => '/health/live'),
  'GET /health/ready': read(() => '/health/ready'),
  'GET /metrics': read(() => '/metrics'),
  'GET /api/v1/public/draws': list(
    () => '/api/v1/public/draws',
    (b, { w }) => hasItem(b, 'drawId', w.drawId),
  ),
  'GET /api/v1/public/draws/:id/verification': read(
    (w) => `/api/v1/public/draws/${w.drawId}/verification`,
  ),
  'GET /api/v1/public/draws/:id/record': read((w) => `/api/v1/public/draws/${w.drawId}/record`),
  'GET /api/v1/public/retest-draws': list(
    () => '/api/v1/public/retest-draws?limit=500',
    (b, { w }) => hasItem(b, 'objectionId', w.closedObjectionId),
  ),
  'GET /api/v1/public/retest-draws/:id/record': read(
    (w) => `/api/v1/public/retest-draws/${w.closedObjectionId}/record`,
  ),
  'GET /api/v1/public/retest-draws/:id/verification': read(
    (w) => `/api/v1/public/retest-draws/${w.closedObjectionId}/verification`,
  ),
  'GET /api/v1/public/results': read(() => `/api/v1/public/results?result=all&jurisdiction=${IN}`),
  'GET /api/v1/public/results/count': read(
    () => `/api/v1/public/results/count?count=brand&jurisdiction=${IN}`,
  ),
  'GET /api/v1/public/results/:publication/:table/:serial': write(async ({ fresh }) => ({
    url: `/api/v1/public/results/${await fresh.publication.get()}/passed/1`,
  })),
  'GET /api/v1/public/publications': read(() => `/api/v1/public/publications?jurisdiction=${IN}`),
  'GET /api/v1/public/publications/:id': write(async ({ fresh }) => ({
    url: `/api/v1/public/publications/${await fresh.publication.get()}`,
  })),
  'GET /api/v1/public/publications/:id/verification': write(async ({ fresh }) => ({
    url: `/api/v1/public/publications/${await fresh.publication.get()}/verification`,
  })),
  'GET /api/v1/public/publications/:id/files': write(async ({ fresh }) => ({
    url: `/api/v1/public/publications/${await fresh.publication.get()}/files`,
  })),
  'GET /api/v1/public/publications/:id/files/:name': write(async ({ fresh }) => ({
    url: `/api/v1/public/publications/${await fresh.publication.get()}/files/list.json`,
  })),
  'GET /api/v1/public/rates': read(() => `/api/v1/public/rates?jurisdiction=${IN}&by=sector`),
  'GET /api/v1/public/chains/:jurisdiction': read(() => `/api/v1/public/chains/${IN}`),
  'GET /api/v1/public/feeds/publications.atom': read(
    () => '/api/v1/public/feeds/publications.atom',
  ),
  'GET /api/v1/public/feeds/:jurisdiction/publications.atom': read(
    () => `/api/v1/public/feeds/${IN}/publications.atom`,
  ),
  // The web site (apps/public-portal/src/site): pages without the /api/v1 prefix.
  'GET /': read(() => `/?result=all&jurisdiction=${IN}`),
  'GET /entries/:publication/:table/:serial': write(async ({ fresh }) => ({
    url: `/entries/${await fresh.publication.get()}/passed/1`,
  })),
  'GET /publications': read(() => `/publications?jurisdiction=${IN}`),
  'GET /publications/:id': write(async ({ fresh }) => ({
    url: `/publications/${await fresh.publication.get()}`,
  })),
  'GET /site/:file': read(() => '/site/site.css'),
  'GET /rates': read(() => `/rates?jurisdiction=${IN}`),
  'GET /draws': read(() => '/draws'),
  'GET /draws/:id': read((w) => `/draws/${w.drawId}`),
};

export const PROBES: Record<string, Record<string, Probe>> = {
  'inspection-tasks': INSPECTION_TASKS,
  'lab-results': LAB_RESULTS,
  'public-portal': PUBLIC_PORTAL,
};
