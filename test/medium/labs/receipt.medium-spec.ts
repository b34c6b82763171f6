import { makeLab } from '../factories';
import { LabReceipt, SectorRuleService, WorkCalendarService } from '@spotcheck/database';
import { chinaDate, ruleDeadline } from '@spotcheck/domain';
import { ReceiptService } from '../../../apps/lab-results/src/receipts/receipt.service';
import { ReceiptsModule } from '../../../apps/lab-results/src/receipts/receipts.module';
import { labUser, makeSampleAtLab, makeStaffedLab } from '../factories/labs';
import { Medium, medium } from '../support';

describe('ReceiptService', () => {
  let m: Medium;
  let receipts: ReceiptService;
  beforeAll(async () => {
    m = await medium([ReceiptsModule]);
    receipts = m.get(ReceiptService);
  });
  afterAll(() => m.close());

  const anHourAgo = () => new Date(Date.now() - 3_600_000);
  const receipt = (at = anHourAgo()) => ({
    receivedAt: at.toISOString(),
    condition: '包装完好',
    sealIntact: true,
  });

  it('records a receipt with the test deadline of libs/domain', async () => {
    const s = await makeStaffedLab(m.ds);
    const { sample } = await makeSampleAtLab(m.ds, s.lab);
    const at = anHourAgo();
    const r = await receipts.receive(s.tester, sample.sampleNo, receipt(at));

    const cal = await m.get(WorkCalendarService).calendar();
    const food = await m.get(SectorRuleService).of('food');
    const due = ruleDeadline(cal, food, 'testing', chinaDate(at)).deadline;
    expect(r.event).toMatchObject({ kind: 'received', stateAfter: 'received' });
    expect(r.sample).toMatchObject({
      received: true,
      custodyState: 'received',
      testDueDate: due,
      testDueRule: { sector: 'food', rule: 'testing', version: food.version, days: 20 },
      overdue: false,
      receipt: { outcome: 'received', condition: '包装完好', recordedBy: s.tester.sub },
    });
    expect(r.sample.custody.map((e) => e.kind)).toEqual(['shipped', 'received']);
    const row = await m.ds
      .getRepository(LabReceipt)
      .findOneByOrFail({ sampleId: sample.id, labId: s.lab.id });
    expect(row).toMatchObject({ outcome: 'received', testDueDate: due, custodySeq: 2 });
  });

  it('refuses a second arrival of the same sample', async () => {
    const s = await makeStaffedLab(m.ds);
    const { sample } = await makeSampleAtLab(m.ds, s.lab);
    await receipts.reject(s.tester, sample.sampleNo, {
      at: anHourAgo().toISOString(),
      reason: 'damaged',
    });
    await expect(receipts.receive(s.tester, sample.sampleNo, receipt())).rejects.toMatchObject({
      kind: 'conflict',
    });
    const detail = await receipts.get(s.tester, sample.sampleNo);
    expect(detail).toMatchObject({ received: false, testDueDate: null });
    expect(detail.receipt).toMatchObject({ outcome: 'rejected', reason: 'damaged' });
  });

  it('answers another lab’s sample as not found and needs the lab’s active staff', async () => {
    const s = await makeStaffedLab(m.ds);
    const other = await makeStaffedLab(m.ds);
    const { sample } = await makeSampleAtLab(m.ds, s.lab);
    await expect(receipts.get(other.tester, sample.sampleNo)).rejects.toMatchObject({
      kind: 'not_found',
    });
    await expect(receipts.receive(other.tester, sample.sampleNo, receipt())).rejects.toMatchObject({
      kind: 'not_found',
    });
    await expect(
      receipts.receive(labUser(s.lab, 'stranger'), sample.sampleNo, receipt()),
    ).rejects.toMatchObject({ kind: 'forbidden', code: 'NOT_LAB_STAFF' });
    await expect(
      receipts.receive({ sub: 'admin', role: 'admin' }, sample.sampleNo, receipt()),
    ).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('lists only the caller’s lab’s samples, by sample number', async () => {
    const lab = await makeLab(m.ds);
    const other = await makeLab(m.ds);
    const mine = [
      (await makeSampleAtLab(m.ds, lab)).sample.sampleNo,
      (await makeSampleAtLab(m.ds, lab)).sample.sampleNo,
    ].sort();
    await makeSampleAtLab(m.ds, other);
    const page = await receipts.list(labUser(lab, 'anyone'), { limit: 1 });
    expect(page.items.map((i) => i.sampleNo)).toEqual([mine[0]]);
    const next = await receipts.list(labUser(lab, 'anyone'), {
      limit: 10,
      cursor: page.nextCursor!,
    });
    expect(next).toEqual({
      items: [expect.objectContaining({ sampleNo: mine[1] })],
      nextCursor: null,
    });
  });
});
