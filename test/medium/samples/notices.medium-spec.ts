import { randomUUID } from 'node:crypto';
import type { Principal } from '@spotcheck/auth';
import { NoticeService } from '../../../apps/inspection-tasks/src/notices/notice.service';
import { NoticesModule } from '../../../apps/inspection-tasks/src/notices/notices.module';
import { Medium, freshUscc, medium } from '../support';

describe('NoticeService (medium)', () => {
  let m: Medium;
  let notices: NoticeService;
  beforeAll(async () => {
    m = await medium([NoticesModule]);
    notices = m.get(NoticeService);
  });
  afterAll(() => m.close());

  it('is for enterprises and admins: other roles are refused', async () => {
    const reg: Principal = { sub: 'r', role: 'regulator', jurisdiction: '150100' };
    await expect(notices.list(reg)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(notices.get(reg, randomUUID())).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('answers an absent notice as not found, and lists nothing for an enterprise without any', async () => {
    const ent: Principal = { sub: 'e', role: 'enterprise', org: freshUscc() };
    expect(await notices.list(ent)).toEqual({ items: [] });
    await expect(notices.get(ent, randomUUID())).rejects.toMatchObject({ kind: 'not_found' });
    await expect(notices.read(ent, randomUUID())).rejects.toMatchObject({ kind: 'not_found' });
  });
});
