import { unique } from '../support';
import { CatalogModule } from '../../../apps/inspection-tasks/src/catalog/catalog.module';
import { CatalogService } from '../../../apps/inspection-tasks/src/catalog/catalog.service';
import { InspectorService } from '../../../apps/inspection-tasks/src/inspectors/inspector.service';
import { InspectorsModule } from '../../../apps/inspection-tasks/src/inspectors/inspectors.module';
import { LabService } from '../../../apps/inspection-tasks/src/labs/lab.service';
import { LabsModule } from '../../../apps/inspection-tasks/src/labs/labs.module';
import {
  ADMIN,
  CHIFENG,
  WUHAI,
  category,
  failure,
  inspector,
  lab,
  labUser,
  marks,
  writtenSince,
} from '../factories/directories';
import { Medium, medium } from '../support';

describe('LabService, InspectorService, CatalogService', () => {
  let m: Medium;
  beforeAll(async () => {
    m = await medium([LabsModule, InspectorsModule, CatalogModule]);
  });
  afterAll(() => m.close());

  describe('labs', () => {
    it("shows a lab's staff their own lab and no other, whatever its region", async () => {
      const svc = m.get(LabService);
      const own = await lab(m.ds, { regionCode: '150400' });
      const other = await lab(m.ds, { regionCode: '150400' });
      expect(await svc.get(labUser(own.id), own.id)).toMatchObject({ id: own.id });
      expect(await svc.get(labUser(own.id.toUpperCase()), own.id)).toMatchObject({ id: own.id });
      expect(await failure(() => svc.get(labUser(own.id), other.id))).toMatchObject({
        kind: 'not_found',
      });
      expect(await failure(() => svc.get(labUser('not-a-lab-id'), own.id))).toMatchObject({
        kind: 'not_found',
      });
    });

    it('answers not found for a lab of another jurisdiction', async () => {
      const svc = m.get(LabService);
      const l = await lab(m.ds, { regionCode: '150400' });
      expect(await failure(() => svc.get(WUHAI, l.id))).toMatchObject({ kind: 'not_found' });
      expect(await svc.get(CHIFENG, l.id)).toMatchObject({ id: l.id });
    });

    it('deletes with an audit row and a directory event', async () => {
      const svc = m.get(LabService);
      const l = await lab(m.ds, { regionCode: '150400' });
      const before = await marks(m.ds);
      await svc.remove(CHIFENG, l.id);
      const { audit, outbox } = await writtenSince(m.ds, before);
      expect(audit).toEqual([
        expect.objectContaining({ action: 'delete', entityType: 'lab', entityId: l.id }),
      ]);
      expect(outbox).toEqual([expect.objectContaining({ payload: { entity: 'lab', count: 1 } })]);
      expect(await failure(() => svc.get(CHIFENG, l.id))).toMatchObject({ kind: 'not_found' });
    });
  });

  describe('inspectors', () => {
    it('lists the jurisdiction only, filtered by name or staff number', async () => {
      const svc = m.get(InspectorService);
      const tag = unique('T');
      const mine = await inspector(m.ds, { regionCode: '150302', staffNo: `${tag}-1` });
      await inspector(m.ds, { regionCode: '150402', staffNo: `${tag}-2` });
      const page = await svc.list(WUHAI, { q: tag, limit: 10 });
      expect(page.items.map((i) => i.id)).toEqual([mine.id]);
      expect(await failure(() => svc.get(CHIFENG, mine.id))).toMatchObject({ kind: 'not_found' });
    });

    it('refuses moving an inspector out of the jurisdiction, naming the field', async () => {
      const svc = m.get(InspectorService);
      const ins = await inspector(m.ds, { regionCode: '150302' });
      const err = await failure(() => svc.update(WUHAI, ins.id, { regionCode: '150402' }));
      expect(err.details.errors).toEqual([
        { field: 'regionCode', reason: '150402 is outside your jurisdiction' },
      ]);
    });
  });

  describe('catalog', () => {
    it('is read by every role, whatever its jurisdiction', async () => {
      const svc = m.get(CatalogService);
      const cat = await category(m.ds);
      expect(await svc.get(CHIFENG, cat.code)).toMatchObject({ code: cat.code });
      expect(await svc.get(labUser('x'), cat.code)).toMatchObject({ code: cat.code });
      expect(await failure(() => svc.get(ADMIN, 'NO-SUCH'))).toMatchObject({ kind: 'not_found' });
    });

    it('refuses a repeated item code and a bad limit, naming the item', async () => {
      const svc = m.get(CatalogService);
      const code = unique('CAT').toUpperCase();
      const item = { code: 'PB', name: '铅', method: '', unit: 'mg/kg', limit: '≤0.2' };
      const dup = await failure(() =>
        svc.create(ADMIN, { code, name: '测试', sector: 'food', items: [item, item] }),
      );
      expect(dup.details.errors).toEqual([
        { field: 'items[1].code', reason: 'PB is also items[0]' },
      ]);
      const bad = await failure(() =>
        svc.create(ADMIN, {
          code,
          name: '测试',
          sector: 'food',
          items: [{ ...item, limit: 'about 3' }],
        }),
      );
      expect(bad.details.errors).toEqual([expect.objectContaining({ field: 'items[0].limit' })]);
    });

    it('lets only an admin change it', async () => {
      const svc = m.get(CatalogService);
      const cat = await category(m.ds);
      expect(await failure(() => svc.remove(WUHAI, cat.code))).toMatchObject({
        kind: 'forbidden',
      });
      const updated = await svc.update(ADMIN, cat.code, { name: '改名' });
      expect(updated.name).toBe('改名');
    });
  });
});
