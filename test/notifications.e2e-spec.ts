import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import type { Principal } from '@spotcheck/auth';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import {
  NotificationRepository,
  NotificationToRaise,
} from '../apps/worker/src/notifications/notification.repository';
import { REGULATOR_PROVINCE, bearer, bootHttp } from './support/app';
import { auditOf } from './support/api';

/**
 * The notifications API: each reader's inbox (a regulator's office and its subtree, or itself;
 * admins), newest first with a cursor, unread filter and count, read marks per reader, and
 * another's notification answering 404. The notifications are raised with the worker's own
 * repository, in Alxa (152900) and Bayannur (150800), which no other test file notifies.
 */
let app: NestFastifyApplication;
let ds: DataSource;
const raiser = new NotificationRepository();

const ALXA: Principal = { sub: 'notif-alxa-1', role: 'regulator', jurisdiction: '152900' };
const ALXA_2: Principal = { sub: 'notif-alxa-2', role: 'regulator', jurisdiction: '152900' };
const BAYANNUR: Principal = { sub: 'notif-bayannur', role: 'regulator', jurisdiction: '150800' };
const ADMIN_A: Principal = { sub: 'notif-admin-a', role: 'admin' };
const ADMIN_B: Principal = { sub: 'notif-admin-b', role: 'admin' };
const LAB: Principal = { sub: 'notif-lab', role: 'lab', org: randomUUID() };

const get = (p: Principal, url: string) =>
  app.inject({ method: 'GET', url: `/api/v1/notifications${url}`, headers: bearer(p) });
const post = (p: Principal, url: string) =>
  app.inject({ method: 'POST', url: `/api/v1/notifications${url}`, headers: bearer(p) });

type Item = { id: string; kind: string; subject: string; readAt: string | null };
type Page = { items: Item[]; nextCursor: string | null };

const delivery = (
  jurisdiction: string | null,
  addressee: string | null = null,
): NotificationToRaise => {
  const sampleNo = `NM-NOTIF-${randomUUID().slice(0, 8)}`;
  return {
    kind: 'delivery_overdue',
    subject: randomUUID(),
    audience: 'regulator',
    jurisdiction,
    addressee,
    dueOn: '2026-03-09',
    detail: { sampleNo, dueDate: '2026-03-09', planCode: 'NM-NOTIF' },
  };
};
const failedJob = (addressee: string | null = null): NotificationToRaise => ({
  kind: 'job_failed',
  subject: `rates/outbox-${randomUUID()}`,
  audience: 'admin',
  jurisdiction: null,
  addressee,
  dueOn: null,
  detail: { queue: 'rates', job: 'outcome.changed', jobId: 'x', attempts: 8, error: 'boom' },
});

async function raise(...rows: NotificationToRaise[]): Promise<string[]> {
  const raised = await raiser.raise(ds.manager, rows);
  return rows.map((r) => raised.find((x) => x.subject === r.subject)!.id);
}

/** Every page of `p`'s list with `query`, following the cursor. */
async function all(p: Principal, query = ''): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  do {
    const r = await get(
      p,
      `?limit=2${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(r.statusCode).toBe(200);
    const page = r.json<Page>();
    expect(page.items.length).toBeLessThanOrEqual(2);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

const unread = async (p: Principal) =>
  (await get(p, '/unread-count')).json<{ unread: number }>().unread;

beforeAll(async () => {
  app = await bootHttp(InspectionTasksModule);
  ds = app.get(DataSource);
});
afterAll(() => app.close());

describe('a regulator’s notifications', () => {
  it("lists its office's, its subtree's and its own, newest first, page by page; no one else's", async () => {
    const [office, county, own] = await raise(
      delivery('152900'),
      delivery('152921'),
      delivery('152900', ALXA.sub),
    );
    const [elsewhere, colleagues, admins] = await raise(
      delivery('150800'),
      delivery('152900', ALXA_2.sub),
      failedJob(),
    );
    const later = (await raise(delivery('152900')))[0];

    const ids = (await all(ALXA)).map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([office, county, own, later]));
    expect(ids).not.toContain(elsewhere);
    expect(ids).not.toContain(colleagues);
    expect(ids).not.toContain(admins);
    expect(new Set(ids).size).toBe(ids.length);
    // Newest first: the last raised comes before the first.
    expect(ids.indexOf(later)).toBeLessThan(ids.indexOf(office));
    // The province reads its prefectures' offices, not one person's.
    const province = (await all(REGULATOR_PROVINCE)).map((i) => i.id);
    expect(province).toEqual(expect.arrayContaining([office, county, elsewhere]));
    expect(province).not.toContain(own);

    const first = (await get(ALXA, '?limit=50')).json<Page>().items.find((i) => i.id === later);
    expect(first).toMatchObject({
      kind: 'delivery_overdue',
      jurisdiction: '152900',
      dueOn: '2026-03-09',
      readAt: null,
      message: { zh: expect.stringContaining('未在 2026-03-09 前送达检验机构') },
    });
  });

  it('marks one read for its reader only, once; the colleague still has it unread', async () => {
    const [id] = await raise(delivery('152900'));
    const before = await unread(ALXA);
    const colleagueBefore = await unread(ALXA_2);

    const r = await post(ALXA, `/${id}/read`);
    expect(r.statusCode).toBe(200);
    const readAt = r.json<Item>().readAt;
    expect(readAt).not.toBeNull();
    expect(await unread(ALXA)).toBe(before - 1);
    // Again: the same answer, no second audit row.
    const again = await post(ALXA, `/${id}/read`);
    expect([again.statusCode, again.json<Item>().readAt]).toEqual([200, readAt]);
    expect(await auditOf(app, id, 'read')).toEqual([
      expect.objectContaining({ entityType: 'notification', actor: ALXA.sub }),
    ]);

    expect(await unread(ALXA_2)).toBe(colleagueBefore);
    const mine = (await all(ALXA, '&unread=true')).map((i) => i.id);
    const theirs = (await all(ALXA_2, '&unread=true')).map((i) => i.id);
    expect(mine).not.toContain(id);
    expect(theirs).toContain(id);
    expect((await all(ALXA, '&unread=false')).map((i) => i.id)).toContain(id);
  });

  it("answers 404 for another office's notification, as for one that does not exist", async () => {
    const [id] = await raise(delivery('152900'));
    for (const [p, url] of [
      [BAYANNUR, `/${id}/read`],
      [ALXA, `/${randomUUID()}/read`],
      [ALXA, '/not-a-uuid/read'],
      [ADMIN_A, `/${id}/read`],
    ] as const) {
      const r = await post(p, url);
      expect([url, r.statusCode]).toEqual([url, 404]);
    }
    expect((await all(ALXA_2, '&unread=true')).map((i) => i.id)).toContain(id);
  });

  it('marks all read at once, then has none unread', async () => {
    await raise(delivery('152900'), delivery('152921'));
    const before = await unread(ALXA_2);
    expect(before).toBeGreaterThanOrEqual(2);
    const r = await post(ALXA_2, '/read-all');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ marked: before });
    expect(await unread(ALXA_2)).toBe(0);
    expect(await all(ALXA_2, '&unread=true')).toEqual([]);
    expect((await post(ALXA_2, '/read-all')).json()).toEqual({ marked: 0 });
    const [row] = (await ds.query(
      `SELECT detail FROM audit_log WHERE actor = $1 AND action = 'read_all'`,
      [ALXA_2.sub],
    )) as { detail: { marked: number } }[];
    expect(row.detail.marked).toBe(before);
  });

  it('filters by kind, and names the field of a bad query', async () => {
    expect((await all(ALXA, '&kind=job_failed')).length).toBe(0);
    const bad = await get(ALXA, '?kind=late&unread=maybe&cursor=xyz&limit=0');
    expect(bad.statusCode).toBe(400);
    const fields = bad.json<{ errors: { field: string }[] }>().errors.map((e) => e.field);
    expect(fields.sort()).toEqual(['kind', 'limit', 'unread']);
    const cursor = await get(ALXA, '?cursor=xyz');
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json()).toMatchObject({ errors: [{ field: 'cursor' }] });
  });
});

describe("admins' notifications", () => {
  it("reads those to all admins and to itself, not the regulators' nor another admin's", async () => {
    const [all_, mine, other] = await raise(
      failedJob(),
      failedJob(ADMIN_A.sub),
      failedJob(ADMIN_B.sub),
    );
    const [regulators] = await raise(delivery('152900'));
    const ids = (await get(ADMIN_A, '?limit=500')).json<Page>().items.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([all_, mine]));
    expect(ids).not.toContain(other);
    expect(ids).not.toContain(regulators);
    expect((await post(ADMIN_A, `/${other}/read`)).statusCode).toBe(404);
    expect((await post(ALXA, `/${all_}/read`)).statusCode).toBe(404);
    const read = await post(ADMIN_A, `/${all_}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({
      kind: 'job_failed',
      jurisdiction: null,
      message: { zh: '后台任务 outcome.changed（队列 rates，编号 x）8 次尝试均失败：boom' },
    });
  });

  it('refuses the roles that receive none', async () => {
    for (const url of ['', '/unread-count']) expect((await get(LAB, url)).statusCode).toBe(403);
    expect((await post(LAB, '/read-all')).statusCode).toBe(403);
  });
});

describe('raising', () => {
  it('raises once per kind, subject and recipient', async () => {
    const n = delivery('152900');
    expect(await raiser.raise(ds.manager, [n])).toHaveLength(1);
    expect(await raiser.raise(ds.manager, [n, n])).toHaveLength(0);
    // The same deadline to another recipient is another notification.
    expect(await raiser.raise(ds.manager, [{ ...n, addressee: ALXA.sub }])).toHaveLength(1);
  });
});
