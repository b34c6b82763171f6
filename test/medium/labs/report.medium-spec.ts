import { unique } from '../support';
import { LabReport, OutboxMessage, ResultNotice } from '@spotcheck/database';
import { DomainError } from '@spotcheck/domain';
import { ReportService } from '../../../apps/lab-results/src/reports/report.service';
import { ReportsModule } from '../../../apps/lab-results/src/reports/reports.module';
import {
  labUser,
  makeFreshCategory,
  makeSampleAtLab,
  makeStaff,
  makeStaffedLab,
} from '../factories/labs';
import { Medium, medium } from '../support';

describe('ReportService', () => {
  let m: Medium;
  let reports: ReportService;
  beforeAll(async () => {
    m = await medium([ReportsModule]);
    reports = m.get(ReportService);
  });
  afterAll(() => m.close());

  /** A staffed lab with a received sample and a draft report with results entered. */
  async function draft(value = '0.3') {
    const staffed = await makeStaffedLab(m.ds);
    const { sample, enterprise } = await makeSampleAtLab(m.ds, staffed.lab, {
      received: { by: staffed.tester.sub },
    });
    const report = await reports.create(staffed.tester, {
      sampleNo: sample.sampleNo,
      reportNo: unique('JC'),
      items: [{ itemCode: 'X1', value }],
    });
    return { ...staffed, sample, enterprise, report };
  }

  it('runs the four-eyes chain to an issued report with its notice and outbox row', async () => {
    const d = await draft('0.8');
    expect(d.report).toMatchObject({ state: 'draft', version: 1, testedBy: [d.tester.sub] });
    expect(d.report.allowedEvents).toEqual(['submit']);

    await reports.transition(d.tester, d.report.id, { event: 'submit' });
    await reports.transition(d.reviewer, d.report.id, { event: 'review' });
    const issued = await reports.transition(d.signatory, d.report.id, { event: 'issue' });

    expect(issued).toMatchObject({
      state: 'issued',
      verdict: 'fail',
      issuedBy: d.signatory.sub,
      reviewedBy: d.reviewer.sub,
      submittedBy: d.tester.sub,
    });
    expect(issued.failedItems).toEqual([expect.objectContaining({ itemCode: 'X1', value: '0.8' })]);
    expect(issued.items[0]).toMatchObject({ itemCode: 'X1', verdict: 'fail' });
    const notice = await m.ds.getRepository(ResultNotice).findOneBy({ reportId: d.report.id });
    expect(notice).toMatchObject({ uscc: d.enterprise.uscc, verdict: 'fail', regime: 'food' });
    const outbox = await m.ds.getRepository(OutboxMessage).findBy({ job: 'report.issued' });
    expect(outbox.filter((o) => o.payload.reportId === d.report.id)).toHaveLength(1);
  });

  it('refuses a tester reviewing a report they entered results for', async () => {
    const d = await draft();
    const both = await makeStaff(m.ds, d.lab, ['reviewer', 'tester']);
    const author = { ...d.tester, sub: both.sub };
    const r = await reports.create(author, {
      sampleNo: (await makeSampleAtLab(m.ds, d.lab, { received: { by: both.sub } })).sample
        .sampleNo,
      reportNo: unique('JC'),
      items: [{ itemCode: 'X1', value: '0.1' }],
    });
    await reports.transition(author, r.id, { event: 'submit' });
    await expect(reports.transition(author, r.id, { event: 'review' })).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'FOUR_EYES_VIOLATION',
    });
    await expect(reports.transition(d.reviewer, r.id, { event: 'review' })).resolves.toMatchObject({
      state: 'reviewed',
    });
  });

  it('answers another lab’s report as not found, for reads and for events', async () => {
    const d = await draft();
    const other = await makeStaffedLab(m.ds);
    await expect(reports.get(other.tester, d.report.id)).rejects.toMatchObject({
      kind: 'not_found',
    });
    await expect(
      reports.transition(other.tester, d.report.id, { event: 'submit' }),
    ).rejects.toMatchObject({ kind: 'not_found' });
    await expect(reports.chain(other.tester, d.sample.sampleNo)).rejects.toMatchObject({
      kind: 'not_found',
    });
    const admin = { sub: 'admin', role: 'admin' as const };
    await expect(reports.get(admin, d.report.id)).resolves.toMatchObject({ id: d.report.id });
  });

  it('keeps an issued report fixed and corrects it by an amendment', async () => {
    const d = await draft('0.8');
    await reports.transition(d.tester, d.report.id, { event: 'submit' });
    await reports.transition(d.reviewer, d.report.id, { event: 'review' });
    await reports.transition(d.signatory, d.report.id, { event: 'issue' });

    const edit = reports.putItems(d.tester, d.report.id, {
      items: [{ itemCode: 'X1', value: '0.1' }],
    });
    await expect(edit).rejects.toBeInstanceOf(DomainError);
    await expect(edit).rejects.toMatchObject({ kind: 'conflict', code: 'REPORT_NOT_EDITABLE' });

    const v2 = await reports.amend(d.tester, d.report.id, '单位录入错误');
    expect(v2).toMatchObject({
      version: 2,
      state: 'draft',
      amendsId: d.report.id,
      amendmentReason: '单位录入错误',
      testedBy: [d.tester.sub],
    });
    expect(v2.items.map((i) => i.value)).toEqual(['0.8']);
    await expect(reports.amend(d.tester, d.report.id, 'again')).rejects.toMatchObject({
      kind: 'conflict',
    });

    const chain = await reports.chain(d.tester, d.sample.sampleNo);
    expect(chain.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(chain.countingVersion).toBe(1);
    const v1 = await m.ds.getRepository(LabReport).findOneByOrFail({ id: d.report.id });
    expect(v1).toMatchObject({ state: 'issued', verdict: 'fail' });
  });

  it('needs a received sample and the tester role to create a report', async () => {
    const s = await makeStaffedLab(m.ds);
    const category = await makeFreshCategory(m.ds);
    const { sample } = await makeSampleAtLab(m.ds, s.lab, { category });
    await expect(
      reports.create(s.tester, { sampleNo: sample.sampleNo, reportNo: unique('JC') }),
    ).rejects.toMatchObject({ kind: 'conflict', code: 'SAMPLE_NOT_RECEIVED' });
    await expect(
      reports.create(s.reviewer, { sampleNo: sample.sampleNo, reportNo: unique('JC') }),
    ).rejects.toMatchObject({ kind: 'forbidden', code: 'REPORT_ROLE_REQUIRED' });
    await expect(
      reports.create(labUser(s.lab, s.tester.sub), { sampleNo: 'NM-NONE', reportNo: unique('JC') }),
    ).rejects.toMatchObject({ kind: 'not_found' });
  });
});
