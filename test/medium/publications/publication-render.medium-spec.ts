import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { PublicationFileStore, PublicationStoreModule } from '@spotcheck/database';
import { FAILED_COLUMNS, PASSED_COLUMNS } from '@spotcheck/domain';
import { PublicationsModule } from '../../../apps/inspection-tasks/src/publications/publications.module';
import { PublicationService } from '../../../apps/inspection-tasks/src/publications/publication.service';
import { PublicationRenderService } from '../../../apps/worker/src/publications/publication-render.service';
import { makeFinalOutcome, makeOutcomeWorld, regulatorOf } from '../factories/publications';
import { Medium, medium } from '../support';

/**
 * The worker renders a published list once to JSON, CSV and XLSX and stores each with its
 * SHA-256; the API serves the stored bytes; nothing renders twice or changes afterwards.
 */
describe('PublicationRenderService', () => {
  let m: Medium;
  let lists: PublicationService;
  let renderer: PublicationRenderService;
  let store: PublicationFileStore;
  beforeAll(async () => {
    m = await medium([PublicationsModule, PublicationStoreModule], [PublicationRenderService]);
    lists = m.get(PublicationService);
    renderer = m.get(PublicationRenderService);
    store = m.module.get<PublicationFileStore>(PublicationFileStore);
  });
  afterAll(() => m.close());

  async function publishedList() {
    const w = await makeOutcomeWorld(m.ds);
    const [a, b] = [regulatorOf(w.jurisdiction, 'a'), regulatorOf(w.jurisdiction, 'b')];
    const fails = [
      await makeFinalOutcome(m.ds, w, { outcome: 'fail', value: '0.8' }),
      await makeFinalOutcome(m.ds, w, { outcome: 'fail', value: '1.5', online: true }),
    ];
    const pass = await makeFinalOutcome(m.ds, w, { outcome: 'pass' });
    const draft = await lists.compile(a, {});
    await lists.approve(b, draft.id);
    const list = await lists.publish(a, draft.id);
    return { w, a, list, fails, pass };
  }

  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  it('stores JSON, CSV and XLSX once, each with its digest; list.json hashes to the list digest', async () => {
    const { w, a, list, fails, pass } = await publishedList();
    expect(await lists.file(a, list.id, 'list.json').catch((e: { code: string }) => e.code)).toBe(
      'FILE_NOT_READY',
    );
    expect(await renderer.render(list.id)).toEqual({
      stored: ['list.json', 'failed.csv', 'passed.csv', 'list.xlsx'],
    });
    expect(await renderer.render(list.id)).toEqual({ skipped: 'rendered' });

    const infos = (await lists.files(a, list.id)).items;
    expect(infos.map((f) => f.name).sort()).toEqual(
      ['failed.csv', 'list.json', 'list.xlsx', 'passed.csv'].sort(),
    );
    for (const info of infos) {
      const { file } = await lists.file(a, list.id, info.name);
      expect(sha(file.content)).toBe(info.sha256);
      expect(file.content.length).toBe(info.size);
    }

    const json = (await lists.file(a, list.id, 'list.json')).file;
    expect(sha(json.content)).toBe(list.digest);
    const doc = JSON.parse(json.content.toString('utf8')) as Record<string, unknown>;
    expect(doc).toMatchObject({ noticeNo: list.noticeNo, previousDigest: null });
    expect(json.content[0]).toBe('{'.charCodeAt(0));

    const csv = (await lists.file(a, list.id, 'failed.csv')).file.content.toString('utf8');
    expect(csv.startsWith('\uFEFF序号,抽样编号,标称生产企业名称')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(FAILED_COLUMNS.map((c) => c.header).join(','));
    expect(lines).toHaveLength(4); // headers, two rows, the final line break
    const row = lines.find((l) => l.includes(fails[0].sampleNo))!;
    expect(row).toContain('铅（以Pb计）║0.8 mg/kg║≤0.5 mg/kg');
    expect(row).toContain(`${list.noticeNo},${list.publishedOn}`);
    const passCsv = (await lists.file(a, list.id, 'passed.csv')).file.content.toString('utf8');
    expect(passCsv.slice(1).split('\r\n')[0]).toBe(PASSED_COLUMNS.map((c) => c.header).join(','));
    expect(passCsv).toContain(pass.sampleNo);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await lists.file(a, list.id, 'list.xlsx')).file.content as never);
    expect(book.worksheets.map((s) => s.name)).toEqual(['不合格产品信息', '合格产品信息']);
    const failedSheet = book.worksheets[0];
    expect(String(failedSheet.getCell('A1').value)).toContain(list.noticeNo!);
    expect(failedSheet.getRow(2).values).toEqual([
      undefined,
      ...FAILED_COLUMNS.map((c) => c.header),
    ]);
    expect([failedSheet.getCell('B3').value, failedSheet.getCell('B4').value].sort()).toEqual(
      fails.map((f) => f.sampleNo).sort(),
    );
    expect(failedSheet.getCell('E3').value).toBe(w.enterprise.name);
    expect(book.worksheets[1].getCell('B3').value).toBe(pass.sampleNo);

    // The verification now checks the stored JSON too.
    const v = await lists.verification(a, list.id);
    expect(v.checks.find((c) => c.name === 'file')).toMatchObject({ ok: true });
    expect(v.verdict).toBe('MATCH');
  });

  it('two workers rendering at once store each file once; the files never change', async () => {
    const { a, list } = await publishedList();
    await Promise.all([renderer.render(list.id), renderer.render(list.id)]);
    const infos = (await lists.files(a, list.id)).items;
    expect(infos).toHaveLength(4);
    const refused = (sql: string) =>
      expect(m.ds.query(sql, [list.id])).rejects.toMatchObject({ code: '42501' });
    await refused(`UPDATE publication_file SET content = '\\x00' WHERE publication_id = $1`);
    await refused(`DELETE FROM publication_file WHERE publication_id = $1`);
    // A draft has no files to render or to store.
    const w = await makeOutcomeWorld(m.ds);
    await makeFinalOutcome(m.ds, w, { outcome: 'pass' });
    const draft = await lists.compile(regulatorOf(w.jurisdiction), {});
    expect(await renderer.render(draft.id)).toEqual({ skipped: 'draft' });
    await expect(
      store.put(draft.id, [
        { name: 'list.json', sha256: '0'.repeat(64), content: Buffer.from('{}') },
      ]),
    ).rejects.toMatchObject({ code: '42501' });
  });

  it('refuses to render a list whose rows no longer hash to its digest', async () => {
    const { list } = await publishedList();
    await m.ds.transaction(async (tx) => {
      await tx.query(`ALTER TABLE publication_entry DISABLE TRIGGER publication_entry_update`);
      await tx.query(`UPDATE publication_entry SET brand = '篡改' WHERE publication_id = $1`, [
        list.id,
      ]);
      await tx.query(`ALTER TABLE publication_entry ENABLE TRIGGER publication_entry_update`);
    });
    await expect(renderer.render(list.id)).rejects.toThrow(/not the published digest/);
    expect(await store.list(list.id)).toEqual([]);
  });
});
