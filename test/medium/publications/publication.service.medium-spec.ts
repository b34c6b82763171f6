import { createHash } from 'node:crypto';
import type { Principal } from '@spotcheck/auth';
import { PublicationStoreModule } from '@spotcheck/database';
import { DomainError, SCHEDULER_COMPILER, regionFullName } from '@spotcheck/domain';
import { PublicationsModule } from '../../../apps/inspection-tasks/src/publications/publications.module';
import { PublicationService } from '../../../apps/inspection-tasks/src/publications/publication.service';
import { PublicationScheduleService } from '../../../apps/worker/src/publications/publication-schedule.service';
import {
  OutcomeWorld,
  freshJurisdiction,
  makeFinalOutcome,
  makeOutcomeWorld,
  regulatorOf,
} from '../factories/publications';
import { Medium, medium } from '../support';

/**
 * Published lists against the real schema: compiling, four eyes, numbering and the digest
 * chain, immutability in the database, versions, scope, and compiling or publishing twice or
 * at once.
 */
describe('PublicationService', () => {
  let m: Medium;
  let lists: PublicationService;
  let schedule: PublicationScheduleService;
  beforeAll(async () => {
    m = await medium([PublicationsModule, PublicationStoreModule], [PublicationScheduleService]);
    lists = m.get(PublicationService);
    schedule = m.get(PublicationScheduleService);
  });
  afterAll(() => m.close());

  /** The DomainError a promise rejects with. */
  async function refusal(p: Promise<unknown>): Promise<DomainError> {
    const e = await p.then(
      () => undefined,
      (err: unknown) => err,
    );
    if (!(e instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(e)}`);
    return e;
  }

  interface Team {
    w: OutcomeWorld;
    compiler: Principal;
    approver: Principal;
    other: Principal;
  }

  async function team(): Promise<Team> {
    const w = await makeOutcomeWorld(m.ds);
    return {
      w,
      compiler: regulatorOf(w.jurisdiction, 'compiler'),
      approver: regulatorOf(w.jurisdiction, 'approver'),
      other: regulatorOf(w.jurisdiction, 'other'),
    };
  }

  /** Compiles, approves and publishes the jurisdiction's next list. */
  async function published(t: Team) {
    const draft = await lists.compile(t.compiler, {});
    await lists.approve(t.approver, draft.id);
    return lists.publish(t.compiler, draft.id);
  }

  const count = async (sql: string, params: unknown[]) =>
    ((await m.ds.query(sql, params)) as { n: number }[])[0].n;

  it('compiles every final result of its plans not yet listed, in the official columns', async () => {
    const t = await team();
    const fails = [
      await makeFinalOutcome(m.ds, t.w, { outcome: 'fail', value: '0.8' }),
      await makeFinalOutcome(m.ds, t.w, { outcome: 'fail', value: '1.2', online: true }),
    ];
    const pass = await makeFinalOutcome(m.ds, t.w, { outcome: 'pass' });
    await makeFinalOutcome(m.ds, t.w, { outcome: 'pending' });
    await makeFinalOutcome(m.ds, t.w, { outcome: 'fail', finalOn: '2026-12-31' });
    // Another county's results are not this one's to list.
    await makeFinalOutcome(m.ds, await makeOutcomeWorld(m.ds), { outcome: 'fail' });

    const draft = await lists.compile(t.compiler, { until: '2026-06-30' });
    expect(draft).toMatchObject({
      jurisdiction: t.w.jurisdiction,
      jurisdictionName: regionFullName(t.w.jurisdiction),
      state: 'draft',
      kind: 'list',
      version: 1,
      seriesId: draft.id,
      until: '2026-06-30',
      failedCount: 2,
      passedCount: 1,
      compiledBy: t.compiler.sub,
      noticeNo: null,
      digest: null,
    });
    const failed = await lists.entries(t.compiler, draft.id, { table: 'failed', limit: 50 });
    expect(failed.items.map((e) => e.sampleNo)).toEqual(fails.map((f) => f.sampleNo).sort());
    const first = failed.items.find((e) => e.sampleNo === fails[0].sampleNo)!;
    expect(first).toMatchObject({
      manufacturerName: t.w.manufacturer.name,
      manufacturerAddress: '某市工业园2号',
      sampledUnitName: t.w.enterprise.name,
      sampledUnitAddress: '某区某路1号',
      sampledUnitRegion: regionFullName(t.w.jurisdiction),
      productName: '酱油',
      spec: '500mL/瓶',
      brand: '某牌',
      productionDate: '2026-01-10',
      failedItems: [{ item: '铅（以Pb计）', value: '0.8', unit: 'mg/kg', limit: '≤0.5' }],
      category: t.w.category.name,
      lab: t.w.lab.name,
      taskSource: t.w.plan.title,
      remark: null,
    });
    const online = failed.items.find((e) => e.sampleNo === fails[1].sampleNo)!;
    expect(online.remark).toBe('网络平台：某电商平台；网店：某旗舰店');
    const passed = await lists.entries(t.compiler, draft.id, { table: 'passed', limit: 1 });
    expect(passed.items).toMatchObject([
      { serial: 1, sampleNo: pass.sampleNo, failedItems: [], lab: null },
    ]);
    expect(passed.nextCursor).toBe('1');

    // Compiling again gives the same draft, with what is eligible now.
    const late = await makeFinalOutcome(m.ds, t.w, { outcome: 'fail', finalOn: '2026-06-30' });
    const again = await lists.compile(t.other, { until: '2026-06-30' });
    expect(again).toMatchObject({ id: draft.id, failedCount: 3, compiledBy: t.other.sub });
    const after = await lists.entries(t.other, draft.id, { table: 'failed', limit: 50 });
    expect(after.items.map((e) => e.serial)).toEqual([1, 2, 3]);
    expect(after.items.map((e) => e.sampleNo)).toContain(late.sampleNo);
  });

  it('answers NOTHING_ELIGIBLE and makes no list when nothing is left to list', async () => {
    const t = await team();
    await makeFinalOutcome(m.ds, t.w, { outcome: 'pending' });
    const e = await refusal(lists.compile(t.compiler, {}));
    expect(e).toMatchObject({ kind: 'conflict', code: 'NOTHING_ELIGIBLE' });
    expect(e.message).toMatch(/nothing to publish/);
    expect(
      await count(`SELECT count(*)::int AS n FROM publication WHERE jurisdiction = $1`, [
        t.w.jurisdiction,
      ]),
    ).toBe(0);
    // Once listed, a result is not eligible again.
    await makeFinalOutcome(m.ds, t.w, { outcome: 'fail' });
    await published(t);
    expect(await refusal(lists.compile(t.compiler, {}))).toMatchObject({
      code: 'NOTHING_ELIGIBLE',
    });
  });

  it('lists no re-inspection (复查): its result decides its case, not the list', async () => {
    const t = await team();
    const original = await makeFinalOutcome(m.ds, t.w, { outcome: 'fail' });
    const failedAgain = await makeFinalOutcome(m.ds, t.w, {
      outcome: 'fail',
      value: '0.9',
      reinspectionOf: original.taskId,
    });
    const passedAgain = await makeFinalOutcome(m.ds, t.w, {
      outcome: 'pass',
      reinspectionOf: original.taskId,
    });
    const draft = await lists.compile(t.compiler, {});
    expect(draft).toMatchObject({ failedCount: 1, passedCount: 0 });
    const failed = await lists.entries(t.compiler, draft.id, { table: 'failed', limit: 10 });
    expect(failed.items.map((e) => e.sampleNo)).toEqual([original.sampleNo]);
    // Claimed by no list: a later list does not pick them up either.
    expect(
      await count(
        `SELECT count(*)::int AS n FROM publication_listing WHERE sample_id = ANY($1::uuid[])`,
        [[failedAgain.sampleId, passedAgain.sampleId]],
      ),
    ).toBe(0);
    await lists.approve(t.approver, draft.id);
    await lists.publish(t.compiler, draft.id);
    expect(await refusal(lists.compile(t.compiler, {}))).toMatchObject({
      code: 'NOTHING_ELIGIBLE',
    });
    // The schedule finds nothing due where only re-inspections are left unlisted.
    const due = await schedule.compileDue(new Date(), [t.w.jurisdiction]);
    expect(due).toMatchObject({ compiled: [], skipped: [] });
  });

  it('four eyes: the compiler never approves its own draft (409 naming the rule)', async () => {
    const t = await team();
    await makeFinalOutcome(m.ds, t.w, { outcome: 'fail' });
    const draft = await lists.compile(t.compiler, {});
    const e = await refusal(lists.approve(t.compiler, draft.id));
    expect(e).toMatchObject({
      kind: 'conflict',
      code: 'FOUR_EYES_VIOLATION',
      details: { rule: 'four_eyes', reason: 'approver_is_compiler' },
    });
    expect(e.message).toMatch(/four-eyes rule/);
    expect((await lists.get(t.compiler, draft.id)).state).toBe('draft');
    // Publishing needs an approval first.
    expect(await refusal(lists.publish(t.approver, draft.id))).toMatchObject({
      code: 'ILLEGAL_PUBLICATION_STATE',
      details: { currentState: 'draft', allowedEvents: ['approve', 'discard'] },
    });
    const approved = await lists.approve(t.approver, draft.id);
    expect(approved).toMatchObject({ state: 'approved', approvedBy: t.approver.sub });
    expect(await refusal(lists.approve(t.other, draft.id))).toMatchObject({
      code: 'ILLEGAL_PUBLICATION_STATE',
    });
  });

  it('a scheduled draft is published by someone other than its approver', async () => {
    const t = await team();
    await makeFinalOutcome(m.ds, t.w, { outcome: 'fail' });
    const run = await schedule.compileDue(new Date(), [t.w.jurisdiction]);
    expect(run.compiled).toHaveLength(1);
    const id = run.compiled[0].publicationId;
    expect((await lists.get(t.other, id)).compiledBy).toBe(SCHEDULER_COMPILER);
    await lists.approve(t.approver, id);
    expect(await refusal(lists.publish(t.approver, id))).toMatchObject({
      code: 'FOUR_EYES_VIOLATION',
      details: { reason: 'publisher_is_sole_approver' },
    });
    expect((await lists.publish(t.other, id)).state).toBe('published');
  });

  it('publishes with a notice number and date, chained by digests anyone can recompute', async () => {
    const t = await team();
    await makeFinalOutcome(m.ds, t.w, { outcome: 'fail' });
    await makeFinalOutcome(m.ds, t.w, { outcome: 'pass' });
    const first = await published(t);
    const year = new Date().getFullYear();
    expect(first).toMatchObject({
      state: 'published',
      noticeNo: `内市监公告〔${first.noticeYear}〕1号`,
      noticeSeq: 1,
      chainSeq: 1,
      previousId: null,
      previousDigest: null,
      publishedBy: t.compiler.sub,
    });
    expect([year, year + 1]).toContain(first.noticeYear);
    expect(first.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(first.publishedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    await makeFinalOutcome(m.ds, t.w, { outcome: 'fail' });
    const second = await published(t);
    expect(second).toMatchObject({
      noticeSeq: 2,
      noticeNo: `内市监公告〔${second.noticeYear}〕2号`,
      chainSeq: 2,
      previousId: first.id,
      previousDigest: first.digest,
    });

    const v1 = await lists.verification(t.other, first.id);
    expect(v1).toMatchObject({
      verdict: 'MATCH',
      digest: first.digest,
      recomputedDigest: first.digest,
      checks: [
        { name: 'digest', ok: true },
        { name: 'previous', ok: true },
        { name: 'next', ok: true },
      ],
    });
    expect((await lists.verification(t.other, second.id)).verdict).toBe('MATCH');

    // The digest is SHA-256 of the canonical JSON, which anyone can rebuild from what is shown.
    const text = await canonicalOf(t.other, first);
    expect(createHash('sha256').update(text, 'utf8').digest('hex')).toBe(first.digest);

    // A row changed behind the system's back (the trigger disabled, as only a superuser can)
    // shows as a MISMATCH.
    await m.ds.transaction(async (tx) => {
      await tx.query(`ALTER TABLE publication_entry DISABLE TRIGGER publication_entry_update`);
      await tx.query(
        `UPDATE publication_entry SET product_name = '改过的' WHERE publication_id = $1`,
        [second.id],
      );
      await tx.query(`ALTER TABLE publication_entry ENABLE TRIGGER publication_entry_update`);
    });
    const tampered = await lists.verification(t.other, second.id);
    expect(tampered.verdict).toBe('MISMATCH');
    expect(tampered.checks.find((c) => c.name === 'digest')).toMatchObject({ ok: false });
  });

  /**
   * The canonical JSON of a published list as docs/publication.md describes it, built here
   * from what the API shows (not from the code that publishes): members sorted, no whitespace.
   */
  async function canonicalOf(
    who: Principal,
    p: Awaited<ReturnType<PublicationService['get']>>,
  ): Promise<string> {
    const sorted = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sorted)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(
              Object.keys(v)
                .sort()
                .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
            )
          : v;
    const failed = (await lists.entries(who, p.id, { table: 'failed', limit: 500 })).items;
    const passed = (await lists.entries(who, p.id, { table: 'passed', limit: 500 })).items.map(
      ({ sampledUnitAddress, failedItems, lab, ...e }) => (
        void [sampledUnitAddress, failedItems, lab],
        e
      ),
    );
    return JSON.stringify(
      sorted({
        format: 'spotcheck-publication/1',
        id: p.id,
        jurisdiction: p.jurisdiction,
        jurisdictionName: p.jurisdictionName,
        series: p.seriesId,
        version: p.version,
        kind: p.kind,
        reason: p.reason,
        supersedes: null,
        noticeNo: p.noticeNo,
        publishedOn: p.publishedOn,
        until: p.until,
        previousDigest: p.previousDigest,
        failed,
        passed,
      }),
    );
  }

  it('the database refuses UPDATE and DELETE of a published list, its entries and listings', async () => {
    const t = await team();
    await makeFinalOutcome(m.ds, t.w, { outcome: 'fail' });
    const list = await published(t);
    const refused = async (sql: string) =>
      expect(m.ds.query(sql, [list.id])).rejects.toMatchObject({ code: '42501' });
    await refused(`UPDATE publication SET notice_no = 'X' WHERE id = $1`);
    await refused(`DELETE FROM publication WHERE id = $1`);
    await refused(`UPDATE publication_entry SET product_name = 'X' WHERE publication_id = $1`);
    await refused(`DELETE FROM publication_entry WHERE publication_id = $1`);
    // A listing is held by its own trigger, and by the published entries that name it.
    await expect(
      m.ds.query(`DELETE FROM publication_listing WHERE publication_id = $1`, [list.id]),
    ).rejects.toMatchObject({ code: expect.stringMatching(/^(42501|23503)$/) });
    await refused(`UPDATE publication_listing SET table_kind = 'passed' WHERE publication_id = $1`);
    await expect(m.ds.query(`TRUNCATE publication_entry`)).rejects.toMatchObject({
      code: '42501',
    });
    // Nor may rows be added to it: here the next draft's row, copied in.
    await makeFinalOutcome(m.ds, t.w, { outcome: 'fail' });
    const draft = await lists.compile(t.compiler, {});
    await expect(
      m.ds.query(
        `INSERT INTO publication_entry
         SELECT $1, table_kind, serial + 100, sample_id, series_id, sample_no, plan_id,
                task_source, manufacturer_name, manufacturer_address, manufacturer_uscc,
                sampled_uscc, sampled_unit_name, sampled_unit_address, sampled_unit_region_code,
                sampled_unit_region, product_name, spec, brand, production_date, batch_no,
                category_code, category, lab_id, lab, report_id, final_on, failed_items, remark
           FROM publication_entry WHERE publication_id = $2`,
        [list.id, draft.id],
      ),
    ).rejects.toMatchObject({ code: '42501' });
    expect((await lists.get(t.other, list.id)).noticeNo).toBe(list.noticeNo);
  });

  it('the database refuses listings and entries that name what does not exist, per statement', async () => {
    const t = await team();
    const f = await makeFinalOutcome(m.ds, t.w, { outcome: 'fail' });
    await makeFinalOutcome(m.ds, t.w, { outcome: 'fail' });
    const draft = await lists.compile(t.compiler, {});
    const missing = (sql: string, params: unknown[]) =>
      expect(m.ds.query(sql, params)).rejects.toMatchObject({ code: '23503' });
    const nowhere = '00000000-0000-4000-8000-000000000bad';
    const listing = `INSERT INTO publication_listing (sample_id, table_kind, series_id, publication_id)
                     VALUES ($1, 'passed', $2, $3)`;
    await missing(listing, [nowhere, draft.id, draft.id]);
    await missing(listing, [f.sampleId, nowhere, draft.id]);
    await missing(listing, [f.sampleId, draft.id, nowhere]);
    // The draft's entries copied into another draft, as of its own series (which lists
    // neither sample), and into no version at all.
    const w2 = await makeOutcomeWorld(m.ds);
    await makeFinalOutcome(m.ds, w2, { outcome: 'pass' });
    const other = await lists.compile(regulatorOf(w2.jurisdiction), {});
    const copy = `INSERT INTO publication_entry
         SELECT $1, table_kind, serial + 100, sample_id, $1, sample_no, plan_id,
                task_source, manufacturer_name, manufacturer_address, manufacturer_uscc,
                sampled_uscc, sampled_unit_name, sampled_unit_address, sampled_unit_region_code,
                sampled_unit_region, product_name, spec, brand, production_date, batch_no,
                category_code, category, lab_id, lab, report_id, final_on, failed_items, remark
           FROM publication_entry WHERE publication_id = $2`;
    await missing(copy, [other.id, draft.id]);
    await missing(copy, [nowhere, draft.id]);
    // A draft's listing goes only after the entries that name it.
    await missing(`DELETE FROM publication_listing WHERE sample_id = $1`, [f.sampleId]);
    const kept = await lists.entries(t.compiler, draft.id, { table: 'failed', limit: 10 });
    expect(kept.items).toHaveLength(2);
  });

  it('a correction is a new version with its reason; the old one stays, superseded', async () => {
    const t = await team();
    const a = await makeFinalOutcome(m.ds, t.w, { outcome: 'fail', value: '0.8' });
    const b = await makeFinalOutcome(m.ds, t.w, { outcome: 'fail', value: '0.9' });
    const c = await makeFinalOutcome(m.ds, t.w, { outcome: 'pass' });
    const v1 = await published(t);

    // The lab amended a's report: the correction lists it as it stands now, and leaves b out.
    const [amended] = (await m.ds.query(
      `INSERT INTO lab_report (lab_id, sample_id, report_no, version, amends_id, amendment_reason,
                               state, verdict, failed_items, issued_by, issued_at, created_by)
       SELECT lab_id, sample_id, report_no, 2, id, '数值更正', 'issued', 'fail',
              jsonb_set(failed_items, '{0,value}', '"0.7"'), issued_by, now(), created_by
         FROM lab_report WHERE id = $1 RETURNING id`,
      [a.reportId],
    )) as { id: string }[];
    await m.ds.query(`UPDATE sample_outcome SET report_id = $2, version = 2 WHERE sample_id = $1`, [
      a.sampleId,
      amended.id,
    ]);

    expect(
      await refusal(lists.correct(t.compiler, v1.id, { reason: '更正', remove: ['NOPE'] })),
    ).toMatchObject({
      kind: 'invalid',
      details: { errors: [{ field: 'remove[0]', reason: 'NOPE is not listed in this version' }] },
    });
    const draft = await lists.correct(t.compiler, v1.id, {
      reason: '更正样品A的检验结果，删除样品B',
      remove: [b.sampleNo],
    });
    expect(draft).toMatchObject({
      kind: 'correction',
      version: 2,
      seriesId: v1.seriesId,
      supersedesId: v1.id,
      reason: '更正样品A的检验结果，删除样品B',
      state: 'draft',
      failedCount: 1,
      passedCount: 1,
    });
    expect(await refusal(lists.correct(t.other, v1.id, { reason: '又一个' }))).toMatchObject({
      code: 'VERSION_IN_PROGRESS',
    });
    expect(await refusal(lists.approve(t.compiler, draft.id))).toMatchObject({
      code: 'FOUR_EYES_VIOLATION',
    });
    await lists.approve(t.approver, draft.id);
    const v2 = await lists.publish(t.approver, draft.id);
    expect(v2).toMatchObject({ state: 'published', noticeSeq: 2, previousDigest: v1.digest });
    const rows = await lists.entries(t.other, v2.id, { table: 'failed', limit: 10 });
    expect(rows.items).toMatchObject([
      { serial: 1, sampleNo: a.sampleNo, failedItems: [{ value: '0.7' }] },
    ]);
    expect(
      (await lists.entries(t.other, v2.id, { table: 'passed', limit: 10 })).items,
    ).toMatchObject([{ sampleNo: c.sampleNo }]);

    // The first version stays as published, marked superseded.
    const old = await lists.get(t.other, v1.id);
    expect(old).toMatchObject({ state: 'published', supersededBy: v2.id, digest: v1.digest });
    expect((await lists.verification(t.other, v1.id)).verdict).toBe('MATCH');
    expect(await refusal(lists.correct(t.compiler, v1.id, { reason: '再改' }))).toMatchObject({
      code: 'SUPERSEDED',
    });

    // A withdrawal: a version without rows; afterwards nothing is left to correct, and its
    // results are not listed again by the next compile.
    const w = await lists.withdraw(t.compiler, v2.id, '抽样程序存在问题，撤回本公告');
    expect(w).toMatchObject({ kind: 'withdrawal', version: 3, failedCount: 0, passedCount: 0 });
    await lists.approve(t.approver, w.id);
    const v3 = await lists.publish(t.other, w.id);
    expect(v3).toMatchObject({ supersedesId: v2.id, previousDigest: v2.digest });
    expect(await refusal(lists.correct(t.compiler, v3.id, { reason: '再改' }))).toMatchObject({
      code: 'WITHDRAWN',
    });
    expect(await lists.compile(t.compiler, {}).catch((e: DomainError) => e.code)).toBe(
      'NOTHING_ELIGIBLE',
    );
  });

  it('a list outside the caller’s jurisdiction is absent (404), for every step', async () => {
    const t = await team();
    await makeFinalOutcome(m.ds, t.w, { outcome: 'fail' });
    const draft = await lists.compile(t.compiler, {});
    const outsider = regulatorOf(freshJurisdiction(), 'outsider');
    for (const call of [
      () => lists.get(outsider, draft.id),
      () => lists.approve(outsider, draft.id),
      () => lists.publish(outsider, draft.id),
      () => lists.discard(outsider, draft.id, null),
      () => lists.entries(outsider, draft.id, { table: 'failed', limit: 10 }),
      () => lists.compile(outsider, { jurisdiction: t.w.jurisdiction }),
    ])
      expect(await refusal(call())).toMatchObject({ kind: 'not_found' });
    expect((await lists.list(outsider, {})).items.map((p) => p.id)).not.toContain(draft.id);
    // The province above sees it; an admin reads it but does not compile.
    const province = regulatorOf(`${t.w.jurisdiction.slice(0, 2)}0000`, 'province');
    expect((await lists.get(province, draft.id)).id).toBe(draft.id);
    const admin: Principal = { sub: 'admin', role: 'admin' };
    expect((await lists.get(admin, draft.id)).id).toBe(draft.id);
    expect(await refusal(lists.compile(admin, { jurisdiction: t.w.jurisdiction }))).toMatchObject({
      kind: 'forbidden',
    });
  });

  it('discarding a draft frees its results for the next list', async () => {
    const t = await team();
    const f = await makeFinalOutcome(m.ds, t.w, { outcome: 'fail' });
    const draft = await lists.compile(t.compiler, {});
    const gone = await lists.discard(t.other, draft.id, '重新编制');
    expect(gone).toMatchObject({ state: 'discarded', discardReason: '重新编制' });
    expect(await refusal(lists.approve(t.approver, draft.id))).toMatchObject({
      code: 'ILLEGAL_PUBLICATION_STATE',
      details: { currentState: 'discarded' },
    });
    const next = await lists.compile(t.compiler, {});
    expect(next.id).not.toBe(draft.id);
    const rows = await lists.entries(t.compiler, next.id, { table: 'failed', limit: 10 });
    expect(rows.items.map((e) => e.sampleNo)).toEqual([f.sampleNo]);
  });

  it('compiling twice at once, or on two workers, lists each result once', async () => {
    const t = await team();
    for (let i = 0; i < 5; i++) await makeFinalOutcome(m.ds, t.w, { outcome: 'fail' });
    for (let i = 0; i < 3; i++) await makeFinalOutcome(m.ds, t.w, { outcome: 'pass' });
    const at = new Date();
    const runs = await Promise.all([
      schedule.compileDue(at, [t.w.jurisdiction]),
      schedule.compileDue(at, [t.w.jurisdiction]),
      lists.compile(t.compiler, {}).catch((e: DomainError) => e.code),
    ]);
    expect(runs[0].compiled.length + runs[1].compiled.length).toBeLessThanOrEqual(1);
    const listed = (await m.ds.query(
      `SELECT e.sample_id, e.table_kind, count(*)::int AS n
         FROM publication_entry e JOIN publication p ON p.id = e.publication_id
        WHERE p.jurisdiction = $1 AND p.state <> 'discarded'
        GROUP BY 1, 2`,
      [t.w.jurisdiction],
    )) as { n: number }[];
    expect(listed).toHaveLength(8);
    expect(listed.every((r) => r.n === 1)).toBe(true);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM publication WHERE jurisdiction = $1 AND state = 'draft'`,
        [t.w.jurisdiction],
      ),
    ).toBe(1);
    // Again: nothing is left to list. With something new, the schedule leaves the open draft
    // alone.
    expect(await schedule.compileDue(at, [t.w.jurisdiction])).toMatchObject({
      compiled: [],
      skipped: [],
    });
    await makeFinalOutcome(m.ds, t.w, { outcome: 'fail' });
    expect(await schedule.compileDue(at, [t.w.jurisdiction])).toMatchObject({
      compiled: [],
      skipped: [{ jurisdiction: t.w.jurisdiction, code: 'LIST_OPEN' }],
    });
  });

  it('publishing at once numbers and chains the lists without gaps or forks', async () => {
    const t = await team();
    await makeFinalOutcome(m.ds, t.w, { outcome: 'fail' });
    const v1 = await published(t);
    await makeFinalOutcome(m.ds, t.w, { outcome: 'fail' });
    const next = await lists.compile(t.compiler, {});
    await lists.approve(t.approver, next.id);
    const correction = await lists.correct(t.compiler, v1.id, { reason: '更正' });
    await lists.approve(t.approver, correction.id);
    const both = await Promise.all([
      lists.publish(t.other, next.id),
      lists.publish(t.other, correction.id),
    ]);
    expect(both.map((p) => p.noticeSeq).sort()).toEqual([2, 3]);
    expect(both.map((p) => p.chainSeq).sort()).toEqual([2, 3]);
    const [second, third] = [...both].sort((x, y) => x.chainSeq! - y.chainSeq!);
    expect(second.previousDigest).toBe(v1.digest);
    expect(third.previousDigest).toBe(second.digest);
    for (const p of [v1, ...both])
      expect((await lists.verification(t.other, p.id)).verdict).toBe('MATCH');
  });
});
