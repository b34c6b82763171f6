import { PublicSearchRepository, PublicationStoreModule } from '@spotcheck/database';
import { PublicationsModule } from '../../../apps/inspection-tasks/src/publications/publications.module';
import { PublicationService } from '../../../apps/inspection-tasks/src/publications/publication.service';
import { makeFinalOutcome, makeOutcomeWorld, regulatorOf } from '../factories/publications';
import { Medium, medium } from '../support';

/**
 * The public search's rows (ADR 0024): a published version's entries, in once however often it
 * is indexed; a version superseded before or after it is indexed never stays; nothing that is
 * not published goes in.
 */
describe('PublicSearchRepository', () => {
  let m: Medium;
  let lists: PublicationService;
  let search: PublicSearchRepository;
  beforeAll(async () => {
    m = await medium([PublicationsModule, PublicationStoreModule], []);
    lists = m.get(PublicationService);
    search = m.module.get(PublicSearchRepository);
  });
  afterAll(() => m.close());

  const rowsOf = async (id: string) =>
    (await m.ds.query(
      `SELECT table_kind, serial, product_name, search, grams FROM public_entry
          WHERE publication_id = $1 ORDER BY table_kind, serial`,
      [id],
    )) as {
      table_kind: string;
      serial: number;
      product_name: string;
      search: string;
      grams: string[];
    }[];

  async function published() {
    const w = await makeOutcomeWorld(m.ds);
    const [a, b] = [regulatorOf(w.jurisdiction, 'a'), regulatorOf(w.jurisdiction, 'b')];
    const fail = await makeFinalOutcome(m.ds, w, {
      outcome: 'fail',
      product: 'ABC乳业酸奶',
      brand: '蒙牛',
    });
    await makeFinalOutcome(m.ds, w, { outcome: 'pass', product: '纯牛奶' });
    const draft = await lists.compile(a, {});
    await lists.approve(b, draft.id);
    const list = await lists.publish(a, draft.id);
    return { w, a, b, list, fail };
  }

  it('indexes a published version once: both tables, lower-cased, with characters and pairs', async () => {
    const { list, w } = await published();
    expect(await search.index(list.id)).toBe(2);
    expect(await search.index(list.id)).toBe(0);
    const rows = await rowsOf(list.id);
    expect(rows.map((r) => [r.table_kind, r.serial, r.product_name])).toEqual([
      ['failed', 1, 'ABC乳业酸奶'],
      ['passed', 1, '纯牛奶'],
    ]);
    expect(rows[0].search).toBe(
      `abc乳业酸奶\n蒙牛\n${w.manufacturer.name.toLowerCase()}\n${w.enterprise.name.toLowerCase()}`,
    );
    expect(rows[0].grams).toEqual(expect.arrayContaining(['乳', '乳业', 'ab', '蒙牛', '牛']));
  });

  it('never indexes a draft, and a superseded version leaves whichever is indexed first', async () => {
    const { list, a, b, fail } = await published();
    const correction = await lists.correct(a, list.id, { reason: '更正', remove: [fail.sampleNo] });
    expect(await search.index(correction.id)).toBe(-1);
    await lists.approve(b, correction.id);
    await lists.publish(a, correction.id);
    // The correction first, then the version it superseded: the old one stays out.
    expect(await search.index(correction.id)).toBe(1);
    expect(await search.index(list.id)).toBe(0);
    expect(await rowsOf(list.id)).toEqual([]);
    expect((await rowsOf(correction.id)).map((r) => r.product_name)).toEqual(['纯牛奶']);

    const other = await published();
    expect(await search.index(other.list.id)).toBe(2);
    const withdrawal = await lists.withdraw(other.a, other.list.id, '撤回');
    await lists.approve(other.b, withdrawal.id);
    await lists.publish(other.a, withdrawal.id);
    expect(await search.index(withdrawal.id)).toBe(0);
    expect(await rowsOf(other.list.id)).toEqual([]);
  });
});
