import { freshUscc } from '../support';
import { DomainError } from '@spotcheck/domain';
import { EnterpriseService } from '../../../apps/inspection-tasks/src/enterprises/enterprise.service';
import { EnterprisesModule } from '../../../apps/inspection-tasks/src/enterprises/enterprises.module';
import {
  CHIFENG,
  WUHAI,
  category,
  enterprise,
  enterpriseUser,
  failure,
  labUser,
  marks,
  writtenSince,
} from '../factories/directories';
import { Medium, medium } from '../support';

describe('EnterpriseService', () => {
  let m: Medium;
  let svc: EnterpriseService;
  beforeAll(async () => {
    m = await medium([EnterprisesModule]);
    svc = m.get(EnterpriseService);
  });
  afterAll(() => m.close());

  it('creates an enterprise in the jurisdiction, with an audit row and a directory event', async () => {
    const cat = await category(m.ds);
    const uscc = freshUscc('150302');
    const before = await marks(m.ds);
    const created = await svc.create(WUHAI, {
      uscc,
      name: '乌海市测试乳业有限公司',
      regionCode: '150302',
      size: 'small',
      riskClass: 'B',
      categories: [cat.code],
    });
    expect(created).toMatchObject({ uscc, regionCode: '150302', status: 'active' });
    const { audit, outbox } = await writtenSince(m.ds, before);
    expect(audit).toEqual([
      expect.objectContaining({
        actor: WUHAI.sub,
        action: 'create',
        entityType: 'enterprise',
        entityId: uscc,
        beforeDigest: null,
        afterDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
    expect(outbox).toEqual([
      expect.objectContaining({
        job: 'directory.changed',
        payload: { entity: 'enterprise', count: 1 },
      }),
    ]);
  });

  it('answers not found for an enterprise of another jurisdiction, as for an absent one', async () => {
    const e = await enterprise(m.ds, { regionCode: '150302' });
    const outside = await failure(() => svc.get(CHIFENG, e.uscc));
    expect(outside).toBeInstanceOf(DomainError);
    expect(outside).toMatchObject({ kind: 'not_found', code: 'NOT_FOUND' });
    const absent = await failure(() => svc.get(CHIFENG, freshUscc('150402')));
    expect(absent.kind).toBe(outside.kind);
    expect(await svc.get(WUHAI, e.uscc)).toMatchObject({ uscc: e.uscc });
  });

  it('lets an update or a delete outside the jurisdiction change nothing and write no audit row', async () => {
    const e = await enterprise(m.ds, { regionCode: '150302', riskClass: 'B' });
    const before = await marks(m.ds);
    expect(await failure(() => svc.update(CHIFENG, e.uscc, { riskClass: 'D' }))).toMatchObject({
      kind: 'not_found',
    });
    expect(await failure(() => svc.remove(CHIFENG, e.uscc))).toMatchObject({ kind: 'not_found' });
    expect(await writtenSince(m.ds, before)).toEqual({ audit: [], outbox: [] });
    expect((await svc.get(WUHAI, e.uscc)).riskClass).toBe('B');
  });

  it('refuses a region outside the jurisdiction, naming the field', async () => {
    const err = await failure(() =>
      svc.create(CHIFENG, {
        uscc: freshUscc('150302'),
        name: '越界企业',
        regionCode: '150302',
        size: 'micro',
        riskClass: 'A',
      }),
    );
    expect(err).toMatchObject({ kind: 'invalid', code: 'VALIDATION_FAILED' });
    expect(err.details.errors).toEqual([
      { field: 'regionCode', reason: '150302 is outside your jurisdiction' },
    ]);
  });

  it('refuses a region code that is not in GB/T 2260, naming the field', async () => {
    const e = await enterprise(m.ds, { regionCode: '150302' });
    const err = await failure(() => svc.update(WUHAI, e.uscc, { regionCode: '150399' }));
    expect(err).toMatchObject({ kind: 'invalid' });
    expect(err.details.errors).toEqual([expect.objectContaining({ field: 'regionCode' })]);
  });

  it('refuses an unknown product category, naming it', async () => {
    const e = await enterprise(m.ds, { regionCode: '150302' });
    const err = await failure(() => svc.update(WUHAI, e.uscc, { categories: ['NO-SUCH-CAT'] }));
    expect(err.details.errors).toEqual([
      { field: 'categories', reason: 'unknown product category NO-SUCH-CAT' },
    ]);
  });

  it('updates with the before and after in the audit row', async () => {
    const e = await enterprise(m.ds, { regionCode: '150302', riskClass: 'A' });
    const before = await marks(m.ds);
    const after = await svc.update(WUHAI, e.uscc, { riskClass: 'C' });
    expect(after.riskClass).toBe('C');
    const { audit, outbox } = await writtenSince(m.ds, before);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'update', entityId: e.uscc });
    expect(audit[0].beforeDigest).not.toBe(audit[0].afterDigest);
    expect(outbox.map((o) => o.job)).toEqual(['directory.changed']);
  });

  it('shows an enterprise its own record and no other', async () => {
    const own = await enterprise(m.ds);
    const other = await enterprise(m.ds);
    expect(await svc.get(enterpriseUser(own.uscc), own.uscc)).toMatchObject({ uscc: own.uscc });
    expect(await failure(() => svc.get(enterpriseUser(own.uscc), other.uscc))).toMatchObject({
      kind: 'not_found',
    });
  });

  it('forbids the directory to a role that does not keep it', async () => {
    const e = await enterprise(m.ds);
    const err = await failure(() =>
      svc.list(labUser('00000000-0000-4000-8000-000000000000'), { limit: 5 }),
    );
    expect(err).toMatchObject({ kind: 'forbidden' });
    expect(await failure(() => svc.remove(enterpriseUser(e.uscc), e.uscc))).toMatchObject({
      kind: 'forbidden',
    });
  });

  it('pages through the jurisdiction only, and refuses a cursor it did not issue', async () => {
    const name = `翻页${Date.now()}`;
    const inside = [
      await enterprise(m.ds, { regionCode: '150302', name: `${name}甲` }),
      await enterprise(m.ds, { regionCode: '150303', name: `${name}乙` }),
      await enterprise(m.ds, { regionCode: '150304', name: `${name}丙` }),
    ];
    await enterprise(m.ds, { regionCode: '150402', name: `${name}丁` });
    const first = await svc.list(WUHAI, { q: name, limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await svc.list(WUHAI, { q: name, limit: 2, cursor: first.nextCursor! });
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((e) => e.uscc)).toEqual(
      inside.map((e) => e.uscc).sort(),
    );
    const err = await failure(() => svc.list(WUHAI, { q: name, limit: 2, cursor: 'forged' }));
    expect(err.details.errors).toEqual([
      { field: 'cursor', reason: 'is not a cursor this API issued' },
    ]);
  });
});
