import { Enterprise, EnterpriseRiskChange, PublicationStoreModule } from '@spotcheck/database';
import { PublicationsModule } from '../../../apps/inspection-tasks/src/publications/publications.module';
import { PublicationService } from '../../../apps/inspection-tasks/src/publications/publication.service';
import { RiskFeedbackRepository } from '../../../apps/worker/src/publications/risk-feedback.repository';
import { RiskFeedbackService } from '../../../apps/worker/src/publications/risk-feedback.service';
import { makeFinalOutcome, makeOutcomeWorld, regulatorOf } from '../factories/publications';
import { Medium, medium } from '../support';

/**
 * Publishing raises the listed enterprises' credit-risk class by the configured rule (default:
 * one class, up to D, manufacturer and sampled unit), once per list, with the list as the reason
 * in the risk history.
 */
describe('RiskFeedbackService', () => {
  let m: Medium;
  let lists: PublicationService;
  let feedback: RiskFeedbackService;
  beforeAll(async () => {
    m = await medium(
      [PublicationsModule, PublicationStoreModule],
      [RiskFeedbackRepository, RiskFeedbackService],
    );
    lists = m.get(PublicationService);
    feedback = m.get(RiskFeedbackService);
  });
  afterAll(() => m.close());

  const classOf = async (uscc: string) =>
    (await m.ds.getRepository(Enterprise).findOneByOrFail({ uscc })).riskClass;
  const historyOf = (uscc: string) =>
    m.ds.getRepository(EnterpriseRiskChange).find({ where: { uscc }, order: { id: 'ASC' } });

  it('raises each enterprise a published list names as failing, once, with the list as reason', async () => {
    const w = await makeOutcomeWorld(m.ds);
    const [a, b] = [regulatorOf(w.jurisdiction, 'a'), regulatorOf(w.jurisdiction, 'b')];
    // Two failures of the same enterprises, and a pass of them: each is raised once.
    await makeFinalOutcome(m.ds, w, { outcome: 'fail' });
    await makeFinalOutcome(m.ds, w, { outcome: 'fail' });
    await makeFinalOutcome(m.ds, w, { outcome: 'pass' });
    const draft = await lists.compile(a, {});
    await lists.approve(b, draft.id);
    const list = await lists.publish(a, draft.id);

    expect(await feedback.apply(list.id)).toEqual({
      raised: [
        { uscc: w.enterprise.uscc, from: 'A', to: 'B' },
        { uscc: w.manufacturer.uscc, from: 'B', to: 'C' },
      ].sort((x, y) => (x.uscc < y.uscc ? -1 : 1)),
    });
    expect(await classOf(w.enterprise.uscc)).toBe('B');
    expect(await classOf(w.manufacturer.uscc)).toBe('C');
    const history = await historyOf(w.manufacturer.uscc);
    expect(history).toMatchObject([
      {
        fromClass: 'B',
        toClass: 'C',
        publicationId: list.id,
        reason: `列入不合格产品名单：${list.noticeNo}（${list.jurisdictionName}）`,
      },
    ]);

    // Twice, and on two workers at once: nothing more.
    const again = await Promise.all([feedback.apply(list.id), feedback.apply(list.id)]);
    expect(again).toEqual([{ raised: [] }, { raised: [] }]);
    expect(await classOf(w.manufacturer.uscc)).toBe('C');
    expect(await historyOf(w.manufacturer.uscc)).toHaveLength(1);

    // A correction of the same list raises nobody again; a new list does.
    const fix = await lists.correct(a, list.id, { reason: '更正' });
    await lists.approve(b, fix.id);
    await lists.publish(a, fix.id);
    expect(await feedback.apply(fix.id)).toEqual({ raised: [] });
    await makeFinalOutcome(m.ds, w, { outcome: 'fail' });
    const next = await lists.compile(a, {});
    await lists.approve(b, next.id);
    await lists.publish(b, next.id);
    await feedback.apply(next.id);
    expect(await classOf(w.manufacturer.uscc)).toBe('D');
    await makeFinalOutcome(m.ds, w, { outcome: 'fail' });
    const third = await lists.compile(a, {});
    await lists.approve(b, third.id);
    await lists.publish(b, third.id);
    // D stays D: recorded, with no change of class and no history row.
    expect((await feedback.apply(third.id)) as unknown).toMatchObject({
      raised: expect.arrayContaining([{ uscc: w.manufacturer.uscc, from: 'D', to: 'D' }]),
    });
    expect(await historyOf(w.manufacturer.uscc)).toHaveLength(2);
  });

  it('leaves drafts, withdrawals and enterprises outside the directory alone', async () => {
    const w = await makeOutcomeWorld(m.ds);
    const [a, b] = [regulatorOf(w.jurisdiction, 'a'), regulatorOf(w.jurisdiction, 'b')];
    await makeFinalOutcome(m.ds, w, { outcome: 'fail' });
    const draft = await lists.compile(a, {});
    expect(await feedback.apply(draft.id)).toEqual({ skipped: 'draft' });
    await lists.approve(b, draft.id);
    const list = await lists.publish(a, draft.id);
    const gone = await lists.withdraw(a, list.id, '撤回');
    await lists.approve(b, gone.id);
    await lists.publish(a, gone.id);
    expect(await feedback.apply(gone.id)).toEqual({ skipped: 'withdrawal' });
    expect(await classOf(w.enterprise.uscc)).toBe('A');
  });
});
