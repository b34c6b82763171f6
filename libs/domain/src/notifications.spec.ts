import fc from 'fast-check';
import { addCalendarDays, fromDayNumber } from './calendar/iso-date';
import { chinaDate } from './sampling-record';
import {
  NOTIFIED_ERROR_LENGTH,
  SampleDeadlineFacts,
  deadlineRaisesAt,
  notificationMessage,
  notifiedError,
  sampleDeadlines,
} from './notifications';

const facts = (over: Partial<SampleDeadlineFacts> = {}): SampleDeadlineFacts => ({
  sampleId: 's1',
  labDueDate: '2026-03-09',
  arrived: false,
  testDueDate: null,
  tested: false,
  failedNotice: null,
  ...over,
});

describe('sampleDeadlines', () => {
  it('keeps the due day in time and raises on the day after', () => {
    const f = facts();
    expect(sampleDeadlines(f, '2026-03-09')).toEqual({
      raise: [],
      later: [
        {
          kind: 'delivery_overdue',
          subject: 's1',
          dueDate: '2026-03-09',
          raiseOn: '2026-03-10',
        },
      ],
    });
    expect(sampleDeadlines(f, '2026-03-10').raise).toEqual([
      { kind: 'delivery_overdue', subject: 's1', dueDate: '2026-03-09', raiseOn: '2026-03-10' },
    ]);
  });

  it('watches nothing of a step that is done', () => {
    const done = facts({ arrived: true, testDueDate: '2026-04-07', tested: true });
    expect(sampleDeadlines(done, '2027-01-01')).toEqual({ raise: [], later: [] });
  });

  it('watches testing once received, and the objection window of a failing result by its notice', () => {
    const f = facts({
      arrived: true,
      testDueDate: '2026-04-07',
      failedNotice: { noticeId: 'n1', objectionDeadline: '2026-04-20' },
    });
    const d = sampleDeadlines(f, '2026-04-10');
    expect(d.raise).toEqual([
      { kind: 'testing_overdue', subject: 's1', dueDate: '2026-04-07', raiseOn: '2026-04-08' },
    ]);
    expect(d.later).toEqual([
      { kind: 'objection_closed', subject: 'n1', dueDate: '2026-04-20', raiseOn: '2026-04-21' },
    ]);
  });

  it('raises a deadline exactly when its delayed job would run, whatever the day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 19000, max: 22000 }),
        fc.integer({ min: -40, max: 40 }),
        fc.boolean(),
        (due, offset, arrived) => {
          const labDueDate = fromDayNumber(due);
          const today = addCalendarDays(labDueDate, offset);
          const d = sampleDeadlines(facts({ labDueDate, arrived }), today);
          const all = [...d.raise, ...d.later];
          if (arrived) return all.length === 0;
          // Raised once its job's instant has come, in China: never before, never after.
          const [w] = all;
          const jobHasRun = chinaDate(deadlineRaisesAt(w)) <= today;
          return all.length === 1 && d.raise.length === (jobHasRun ? 1 : 0);
        },
      ),
    );
  });
});

describe('deadlineRaisesAt', () => {
  it('is the start of the day after the due date in China (UTC+8)', () => {
    const [w] = sampleDeadlines(facts(), '2026-03-01').later;
    expect(deadlineRaisesAt(w).toISOString()).toBe('2026-03-09T16:00:00.000Z');
  });
});

describe('notifications in words', () => {
  it('says what is overdue, in Chinese and English', () => {
    const m = notificationMessage('delivery_overdue', {
      sampleNo: 'NM-1-0001',
      dueDate: '2026-03-09',
      planCode: 'NM-1',
      days: 5,
      dayKind: 'working',
    });
    expect(m.zh).toBe('样品 NM-1-0001 未在 2026-03-09 前送达检验机构（抽样后5个工作日内）');
    expect(m.en).toContain('(5 working days after sampling)');
    // A due date from before the sector rules named no period: the message names none.
    expect(
      notificationMessage('testing_overdue', { sampleNo: 'S', dueDate: 'D', labName: 'L' }).zh,
    ).toBe('样品 S 的检验报告未在 D 前出具（L）');
    expect(m.en).toContain('did not reach its lab by 2026-03-09');
  });

  it('shows ? for a missing field rather than failing', () => {
    expect(notificationMessage('job_failed', null).zh).toContain('后台任务 ?');
  });

  it("carries an error's first line, cut to a bounded length", () => {
    expect(notifiedError('boom\n    at x (y.ts:1)')).toBe('boom');
    expect(notifiedError('')).toBe('failed');
    const long = notifiedError('x'.repeat(2000));
    expect(long).toHaveLength(NOTIFIED_ERROR_LENGTH);
    expect(long.endsWith('…')).toBe(true);
  });
});
