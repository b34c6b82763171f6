import { unique } from '../support';
import { AuditLog } from '@spotcheck/database';
import { StaffModule } from '../../../apps/lab-results/src/staff/staff.module';
import { StaffService } from '../../../apps/lab-results/src/staff/staff.service';
import { labUser, makeStaff, makeStaffedLab } from '../factories/labs';
import { Medium, medium } from '../support';

describe('StaffService', () => {
  let m: Medium;
  let staff: StaffService;
  beforeAll(async () => {
    m = await medium([StaffModule]);
    staff = m.get(StaffService);
  });
  afterAll(() => m.close());

  it('lets an active signatory set the lab’s staff, audited', async () => {
    const s = await makeStaffedLab(m.ds);
    const sub = unique('new-');
    const put = await staff.put(s.signatory, s.lab.id, sub, {
      name: '李审核',
      roles: ['reviewer', 'tester'],
    });
    expect(put).toMatchObject({
      labId: s.lab.id,
      sub,
      roles: ['reviewer', 'tester'],
      active: true,
    });
    const again = await staff.put(s.signatory, s.lab.id, sub, {
      name: '李审核',
      roles: ['reviewer'],
      active: false,
    });
    expect(again).toMatchObject({ roles: ['reviewer'], active: false });
    const list = await staff.list(s.signatory, s.lab.id);
    expect(list.items.map((i) => i.sub)).toContain(sub);
    expect(await staff.me(labUser(s.lab, sub))).toMatchObject({ sub, active: false });
    const audit = await m.ds
      .getRepository(AuditLog)
      .findBy({ entityType: 'lab_staff', entityId: `${s.lab.id}/${sub}` });
    expect(audit.map((a) => a.action).sort()).toEqual(['create', 'update']);
  });

  it('refuses staff changes by anyone but an active signatory or an admin', async () => {
    const s = await makeStaffedLab(m.ds);
    await expect(
      staff.put(s.tester, s.lab.id, unique('x-'), { name: '某', roles: ['tester'] }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    const retired = await makeStaff(m.ds, s.lab, ['signatory'], { active: false });
    await expect(
      staff.put(labUser(s.lab, retired.sub), s.lab.id, unique('x-'), {
        name: '某',
        roles: ['tester'],
      }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(
      staff.put({ sub: 'admin', role: 'admin' }, s.lab.id, unique('x-'), {
        name: '某',
        roles: ['tester'],
      }),
    ).resolves.toMatchObject({ roles: ['tester'] });
  });

  it('answers another lab as not found', async () => {
    const s = await makeStaffedLab(m.ds);
    const other = await makeStaffedLab(m.ds);
    await expect(staff.list(other.signatory, s.lab.id)).rejects.toMatchObject({
      kind: 'not_found',
    });
    await expect(
      staff.put(other.signatory, s.lab.id, unique('x-'), { name: '某', roles: ['tester'] }),
    ).rejects.toMatchObject({ kind: 'not_found' });
    await expect(staff.me(labUser(s.lab, 'nobody'))).rejects.toMatchObject({
      kind: 'not_found',
    });
  });
});
