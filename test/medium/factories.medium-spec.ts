import { validateUscc } from '@spotcheck/domain';
import { makeCategory, makeEnterprise, makeInspector, makeLab } from './factories';
import { Medium, medium } from './support';

describe('medium-test factories', () => {
  let m: Medium;
  beforeAll(async () => {
    m = await medium([]);
  });
  afterAll(() => m.close());

  it('store rows the directories accept, under fresh keys', async () => {
    const cat = await makeCategory(m.ds);
    const a = await makeEnterprise(m.ds, { categories: [cat.code] });
    const b = await makeEnterprise(m.ds);
    expect(a.uscc).not.toBe(b.uscc);
    expect(validateUscc(a.uscc).ok).toBe(true);
    expect(a.categories).toEqual([cat.code]);
    const lab = await makeLab(m.ds, { categories: [cat.code] });
    expect(lab.id).toMatch(/^[0-9a-f-]{36}$/);
    const ins = await makeInspector(m.ds);
    expect(ins.active).toBe(true);
  });
});
