import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Principal } from '@spotcheck/auth';
import { DEFAULT_SECTOR_RULES, RULE_NAMES } from '@spotcheck/domain';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import { makeAssignedTask, samplingRecordOf } from './medium/factories/samples';
import { ADMIN, REGULATOR_HOHHOT, bootHttp, dataSource } from './support/app';
import { apiOf } from './support/api';
import { freshUscc } from './medium/support';

/**
 * The sector rules table over HTTP: everyone signed in reads it, an admin changes it (a new
 * version, audited, each changed value with its source), and a deadline computed afterwards
 * names the version it used. The edits are made to `drug`, whose rules no other test counts
 * on, and put back at the end.
 */
let app: NestFastifyApplication;
const api = apiOf(() => app);
const LAB: Principal = { sub: 'lab-u', role: 'lab', org: '00000000-0000-4000-8000-000000000001' };
const ENT: Principal = { sub: 'ent-u', role: 'enterprise', org: freshUscc() };

beforeAll(async () => {
  app = await bootHttp(InspectionTasksModule);
});
afterAll(async () => {
  // Back to the defaults (as a new version), so later files see the seeded values.
  const r = await api.req(ADMIN, 'PATCH', '/api/v1/sector-rules/drug', {
    reason: '测试结束，恢复默认值',
    ...Object.fromEntries(RULE_NAMES.map((n) => [n, DEFAULT_SECTOR_RULES.drug[n]])),
  });
  if (r.statusCode !== 200) throw new Error(`restore: ${r.statusCode} ${r.body}`);
  await app.close();
});

const patch = (payload: unknown, p: Principal = ADMIN, sector = 'drug') =>
  api.req(p, 'PATCH', `/api/v1/sector-rules/${sector}`, payload);

describe('sector rules', () => {
  it('are seeded per sector with the legal source beside each value, and everyone reads them', async () => {
    for (const p of [REGULATOR_HOHHOT, LAB, ENT, ADMIN]) {
      const r = await api.get(p, '/api/v1/sector-rules');
      expect(r.statusCode).toBe(200);
      const items = r.json().items as Record<string, Record<string, unknown>>[];
      expect(items.map((i) => i.sector)).toEqual([
        'manufacturing',
        'consumer_goods',
        'agricultural',
        'food',
        'drug',
      ]);
    }
    const food = (await api.get(ENT, '/api/v1/sector-rules/food')).json();
    expect(food).toMatchObject({
      sector: 'food',
      sectorName: '食品',
      objectionWindow: { days: 7, dayKind: 'working' },
      objectionDecision: { days: 5, dayKind: 'working' },
      retestTesting: { days: 10, dayKind: 'working' },
      backupAfterPass: { months: 3 },
      backupAfterFail: { months: 6 },
      microbialRetest: { allowed: false },
      expiredBackupRetest: { allowed: false },
    });
    expect(food.objectionWindow.source.zh).toContain('食品安全法》第八十八条');
    expect(food.versions[0].version).toBe(food.version);
    const product = (await api.get(LAB, '/api/v1/sector-rules/manufacturing')).json();
    expect(product.objectionWindow).toMatchObject({ days: 15, dayKind: 'calendar' });
    expect(product.objectionWindow.source.zh).toContain('产品质量法》第十五条');
    expect((await api.get(LAB, '/api/v1/sector-rules/toys')).statusCode).toBe(404);
  });

  it('are changed by an admin only, as a new version with its reason, audited', async () => {
    const before = (await api.get(ADMIN, '/api/v1/sector-rules/drug')).json();
    const body = {
      reason: '依据本省药品抽检实施细则',
      expectVersion: before.version,
      sampleDelivery: { days: 3, source: { zh: '《某省药品抽检实施细则》第七条' } },
    };
    expect((await patch(body, REGULATOR_HOHHOT)).statusCode).toBe(403);
    const r = await patch(body);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      sector: 'drug',
      version: before.version + 1,
      reason: body.reason,
      setBy: ADMIN.sub,
      sampleDelivery: {
        days: 3,
        dayKind: 'working',
        source: { zh: '《某省药品抽检实施细则》第七条', en: '《某省药品抽检实施细则》第七条' },
      },
      testing: before.testing,
    });
    const history = (await api.get(ADMIN, '/api/v1/sector-rules/drug')).json();
    expect(history.versions.map((v: { version: number }) => v.version).slice(0, 2)).toEqual([
      before.version + 1,
      before.version,
    ]);
    expect(history.versions[1].sampleDelivery.days).toBe(before.sampleDelivery.days);
    const [audit] = (await dataSource(app).query(
      `SELECT action, entity_type, entity_id, actor, detail FROM audit_log
        WHERE entity_type = 'sector_rule' ORDER BY seq DESC LIMIT 1`,
    )) as { action: string; entity_id: string; actor: string; detail: Record<string, unknown> }[];
    expect(audit).toMatchObject({
      action: 'edit',
      entity_id: `drug/${before.version + 1}`,
      actor: ADMIN.sub,
      detail: { changed: ['sampleDelivery'], from: before.version, to: before.version + 1 },
    });
    // The same change again is no change: no new version.
    const again = await patch({ ...body, expectVersion: undefined });
    expect(again.json().version).toBe(before.version + 1);
    // A change made against an old version is refused.
    const stale = await patch({
      ...body,
      sampleDelivery: { days: 4, source: body.sampleDelivery.source },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'STALE_VERSION',
      currentVersion: before.version + 1,
    });
  });

  it('refuse bad input with 400 naming each field, writing nothing', async () => {
    const before = (await api.get(ADMIN, '/api/v1/sector-rules/drug')).json().version;
    const shape = await patch({
      reason: '测试',
      testing: { days: 'ten', dayKind: 'weekly' },
      microbialRetest: { allowed: 'no' },
      unknownRule: { days: 1 },
    });
    expect(shape.statusCode).toBe(400);
    const fields = (shape.json().errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'testing.days',
        'testing.dayKind',
        'microbialRetest.allowed',
        'unknownRule',
      ]),
    );
    const bounds = await patch({
      reason: '测试',
      testing: { days: 400, source: { zh: '某细则' } },
      objectionWindow: { days: 10 },
    });
    expect(bounds.statusCode).toBe(400);
    expect(bounds.json().errors).toEqual([
      { field: 'testing.days', reason: 'must be a whole number of days from 1 to 365' },
      {
        field: 'objectionWindow.source',
        reason: expect.stringContaining('is required when the value changes'),
      },
    ]);
    const noReason = (await patch({ testing: { days: 9 } })).json().errors as { field: string }[];
    expect(new Set(noReason.map((e) => e.field))).toEqual(new Set(['reason']));
    expect((await api.get(ADMIN, '/api/v1/sector-rules/drug')).json().version).toBe(before);
    // The table itself refuses to change a version.
    await expect(
      dataSource(app).query(`UPDATE sector_rule SET reason = 'x' WHERE sector = 'drug'`),
    ).rejects.toThrow('append-only');
  });

  it('set the deadlines computed afterwards, which name the version they used', async () => {
    const ds = dataSource(app);
    const t = await makeAssignedTask(ds);
    await ds.query(`UPDATE product_category SET sector = 'drug' WHERE code = $1`, [
      t.category.code,
    ]);
    const current = (await api.get(ADMIN, '/api/v1/sector-rules/drug')).json();
    const inspector: Principal = {
      sub: 'insp',
      role: 'regulator',
      jurisdiction: t.plan.jurisdiction,
      staffNo: t.pair[0].staffNo,
    };
    const s = await api.created(
      inspector,
      `/api/v1/tasks/${t.task.id}/sample`,
      samplingRecordOf(t),
    );
    // Thu 2026-02-12 + 3 working days: Fri 13, Sat 14 (make-up), then the Spring Festival to
    // 02-23, Tue 24.
    expect(s.labDueDate).toBe('2026-02-24');
    expect(s.labDueRule).toEqual({
      sector: 'drug',
      version: current.version,
      rule: 'sampleDelivery',
      label: '样品送达检验机构',
      days: 3,
      dayKind: 'working',
      source: current.sampleDelivery.source,
    });
  });
});
