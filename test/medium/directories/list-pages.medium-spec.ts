import { In } from 'typeorm';
import { Enterprise, Inspector, Lab, ProductCategory } from '@spotcheck/database';
import { encodeCursor } from '@spotcheck/domain';
import { CatalogModule } from '../../../apps/inspection-tasks/src/catalog/catalog.module';
import { CatalogService } from '../../../apps/inspection-tasks/src/catalog/catalog.service';
import { EnterpriseService } from '../../../apps/inspection-tasks/src/enterprises/enterprise.service';
import { EnterprisesModule } from '../../../apps/inspection-tasks/src/enterprises/enterprises.module';
import { InspectorService } from '../../../apps/inspection-tasks/src/inspectors/inspector.service';
import { InspectorsModule } from '../../../apps/inspection-tasks/src/inspectors/inspectors.module';
import { LabService } from '../../../apps/inspection-tasks/src/labs/lab.service';
import { LabsModule } from '../../../apps/inspection-tasks/src/labs/labs.module';
import { WUHAI, category, enterprise, inspector, lab } from '../factories/directories';
import { Medium, medium } from '../support';

/**
 * List pages read their rows with SQL of their own (a prepared statement, rows named by
 * property) instead of TypeORM's entity loading: each row must be what loading the entity
 * gives, column for column, in every directory.
 */
describe('directory list pages', () => {
  let m: Medium;
  beforeAll(async () => {
    m = await medium([EnterprisesModule, LabsModule, InspectorsModule, CatalogModule]);
  });
  afterAll(() => m.close());

  /** The rows as TypeORM loads them, as plain data (what the API serialises), in `keys` order. */
  const loaded = async <T extends object>(
    target: new () => T,
    key: keyof T & string,
    keys: string[],
  ) => {
    const rows = await m.ds.getRepository(target).find({ where: { [key]: In(keys) } as never });
    const byKey = new Map(rows.map((r) => [String(r[key]), r]));
    return JSON.parse(JSON.stringify(keys.map((k) => byKey.get(k)))) as unknown;
  };
  /** A page's items as plain data, and their keys in page order. */
  const plain = (items: object[]) => JSON.parse(JSON.stringify(items)) as unknown;
  const keysOf = <T>(items: T[], key: keyof T) => items.map((i) => String(i[key]));

  it('enterprises', async () => {
    const cat = await category(m.ds);
    const rows = [
      await enterprise(m.ds, { categories: [cat.code] }),
      await enterprise(m.ds, { categories: [cat.code, 'OTHER'], riskClass: 'C' }),
    ];
    // Microseconds the JSON's milliseconds truncate, and another time zone's offset.
    await m.ds.query(
      `UPDATE enterprise SET created_at = '2026-03-04 05:06:07.891999+00',
         updated_at = '1999-12-31 23:59:59.000001+08' WHERE uscc = $1`,
      [rows[0].uscc],
    );
    const page = await m.get(EnterpriseService).list(WUHAI, { category: cat.code, limit: 10 });
    expect(keysOf(page.items, 'uscc').sort()).toEqual(rows.map((r) => r.uscc).sort());
    // Dates come as the JSON text a Date gives.
    const first = page.items.find((e) => e.uscc === rows[0].uscc)!;
    expect([first.createdAt, first.updatedAt]).toEqual([
      '2026-03-04T05:06:07.891Z',
      '1999-12-31T15:59:59.000Z',
    ]);
    expect(plain(page.items)).toEqual(await loaded(Enterprise, 'uscc', keysOf(page.items, 'uscc')));
  });

  it('the same filters with other values, a cursor and another limit: their own rows', async () => {
    const cat = await category(m.ds);
    const [a, c, d] = [
      await enterprise(m.ds, { categories: [cat.code], riskClass: 'A' }),
      await enterprise(m.ds, { categories: [cat.code], riskClass: 'C' }),
      await enterprise(m.ds, { categories: [cat.code], riskClass: 'D' }),
    ];
    const list = async (q: { riskClass?: ('A' | 'C' | 'D')[]; cursor?: string; limit?: number }) =>
      keysOf(
        (await m.get(EnterpriseService).list(WUHAI, { category: cat.code, limit: 10, ...q })).items,
        'uscc',
      );
    const sorted = [a, c, d].map((e) => e.uscc).sort();
    for (let i = 0; i < 2; i++) {
      expect(await list({ riskClass: ['C'] })).toEqual([c.uscc]);
      expect(await list({ riskClass: ['D'] })).toEqual([d.uscc]);
      expect(await list({ riskClass: ['A', 'D'] })).toEqual([a.uscc, d.uscc].sort());
      expect(await list({ cursor: encodeCursor([sorted[0]]) })).toEqual(sorted.slice(1));
      expect(await list({ cursor: encodeCursor([sorted[1]]) })).toEqual(sorted.slice(2));
      expect(await list({ limit: 1 })).toEqual(sorted.slice(0, 1));
      expect(await list({})).toEqual(sorted);
    }
  });

  it('labs and inspectors', async () => {
    const cat = await category(m.ds);
    const labs = [
      await lab(m.ds, { categories: [cat.code] }),
      await lab(m.ds, { categories: [cat.code] }),
    ];
    const labPage = await m.get(LabService).list(WUHAI, { category: cat.code, limit: 10 });
    expect(keysOf(labPage.items, 'id').sort()).toEqual(labs.map((l) => l.id).sort());
    expect(plain(labPage.items)).toEqual(await loaded(Lab, 'id', keysOf(labPage.items, 'id')));
    const inspectors = [
      await inspector(m.ds, { categories: [cat.code] }),
      await inspector(m.ds, { categories: [cat.code] }),
    ];
    const inspectorPage = await m
      .get(InspectorService)
      .list(WUHAI, { category: cat.code, limit: 10 });
    expect(keysOf(inspectorPage.items, 'id').sort()).toEqual(inspectors.map((i) => i.id).sort());
    expect(plain(inspectorPage.items)).toEqual(
      await loaded(Inspector, 'id', keysOf(inspectorPage.items, 'id')),
    );
  });

  it('the catalog, with its items', async () => {
    const cat = await category(m.ds);
    const page = await m
      .get(CatalogService)
      .list(WUHAI, { cursor: encodeCursor([cat.code.slice(0, -1)]), limit: 1 });
    expect(keysOf(page.items, 'code')).toEqual([cat.code]);
    expect(plain(page.items)).toEqual(await loaded(ProductCategory, 'code', [cat.code]));
  });
});
