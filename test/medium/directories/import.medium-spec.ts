import { freshUscc, unique } from '../support';
import { scopeOf } from '@spotcheck/auth';
import { Enterprise } from '@spotcheck/database';
import { DirectoryImportService } from '../../../apps/inspection-tasks/src/directory/directory-import.service';
import { DirectoryModule } from '../../../apps/inspection-tasks/src/directory/directory.module';
import {
  ENTERPRISE_SPEC,
  INSPECTOR_SPEC,
} from '../../../apps/inspection-tasks/src/directory/specs';
import {
  ADMIN,
  CHIFENG,
  WUHAI,
  csvUpload,
  enterprise,
  failure,
  marks,
  writtenSince,
} from '../factories/directories';
import { Medium, medium } from '../support';

const HEADER = '统一社会信用代码,企业名称,行政区划代码,企业规模,信用风险分类';
const scope = (p: typeof WUHAI) => scopeOf(p, 'the enterprise directory', ['regulator', 'admin']);

describe('DirectoryImportService', () => {
  let m: Medium;
  let svc: DirectoryImportService;
  beforeAll(async () => {
    m = await medium([DirectoryModule]);
    svc = m.get(DirectoryImportService);
  });
  afterAll(() => m.close());

  it('imports a file with one audit row and one directory event', async () => {
    const a = freshUscc('150302');
    const b = freshUscc('150303');
    const before = await marks(m.ds);
    const result = await svc.import(
      ENTERPRISE_SPEC,
      csvUpload([HEADER, `${a},甲公司,150302,小型,A类`, `${b},乙公司,150303,micro,c`]),
      WUHAI,
      scope(WUHAI),
    );
    expect(result).toMatchObject({ directory: 'enterprise', rows: 2, inserted: 2, updated: 0 });
    const rows = await m.ds.getRepository(Enterprise).findBy([{ uscc: a }, { uscc: b }]);
    expect(rows.map((r) => r.riskClass).sort()).toEqual(['A', 'C']);
    const { audit, outbox } = await writtenSince(m.ds, before);
    expect(audit).toEqual([
      expect.objectContaining({ action: 'import', entityType: 'enterprise', actor: WUHAI.sub }),
    ]);
    expect(outbox).toEqual([
      expect.objectContaining({ payload: { entity: 'enterprise', count: 2 } }),
    ]);
  });

  it('rejects a file with a bad row, naming its line and column, and writes nothing', async () => {
    const good = freshUscc('150302');
    const before = await marks(m.ds);
    const err = await failure(() =>
      svc.import(
        ENTERPRISE_SPEC,
        csvUpload([
          HEADER,
          `${good},好公司,150302,小型,A`,
          `91150302BADUSCC000,坏公司,150302,小型,A`,
        ]),
        WUHAI,
        scope(WUHAI),
      ),
    );
    expect(err).toMatchObject({ kind: 'invalid', code: 'IMPORT_REJECTED' });
    expect(err.details.errorCount).toBe(1);
    expect(err.details.errors).toEqual([expect.objectContaining({ row: 3, column: 'uscc' })]);
    expect(await m.ds.getRepository(Enterprise).findOneBy({ uscc: good })).toBeNull();
    expect(await writtenSince(m.ds, before)).toEqual({ audit: [], outbox: [] });
  });

  it('refuses rows outside the jurisdiction: a new region, or a record registered elsewhere', async () => {
    const theirs = await enterprise(m.ds, { regionCode: '150302' });
    const err = await failure(() =>
      svc.import(
        ENTERPRISE_SPEC,
        csvUpload([HEADER, `${freshUscc('150302')},新公司,150302,小型,A`]),
        CHIFENG,
        scope(CHIFENG),
      ),
    );
    expect(err.details.errors).toEqual([
      { row: 2, column: 'region_code', reason: '150302 is outside your jurisdiction' },
    ]);
    const moved = await failure(() =>
      svc.import(
        ENTERPRISE_SPEC,
        csvUpload([HEADER, `${theirs.uscc},搬来的公司,150402,小型,A`]),
        CHIFENG,
        scope(CHIFENG),
      ),
    );
    expect(moved.details.errors).toEqual([
      { row: 2, column: 'uscc', reason: 'this enterprise is registered outside your jurisdiction' },
    ]);
    expect(
      (await m.ds.getRepository(Enterprise).findOneByOrFail({ uscc: theirs.uscc })).regionCode,
    ).toBe('150302');
  });

  it('names a key repeated inside the file on its second line', async () => {
    const tag = unique('DUP');
    const err = await failure(() =>
      svc.import(
        INSPECTOR_SPEC,
        csvUpload(['执法证号,姓名,行政区划代码', `${tag},张三,150302`, `${tag},李四,150302`]),
        ADMIN,
        scopeOf(ADMIN, 'the inspector directory', ['admin']),
      ),
    );
    expect(err.details.errors).toEqual([
      { row: 3, column: 'staff_no', reason: `${tag} also appears in row 2` },
    ]);
  });

  it('names the required columns a file lacks', async () => {
    const err = await failure(() =>
      svc.import(
        ENTERPRISE_SPEC,
        csvUpload(['统一社会信用代码,企业名称', 'x,y']),
        ADMIN,
        scope(ADMIN),
      ),
    );
    expect(err.code).toBe('IMPORT_REJECTED');
    expect((err.details.errors as { column: string }[]).map((e) => e.column)).toEqual([
      'region_code (行政区划代码)',
      'size (企业规模)',
      'risk_class (信用风险分类)',
    ]);
  });
});
