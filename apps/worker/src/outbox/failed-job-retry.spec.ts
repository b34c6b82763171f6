import { failedJobRetryDue } from './failed-job-retry';

const FIRST = 60_000;
const MAX = 3600_000;

describe('failedJobRetryDue', () => {
  it('lets a job whose failure was never recorded go at once', () => {
    expect(failedJobRetryDue(undefined, FIRST, MAX)).toBe(true);
    expect(failedJobRetryDue({ failures: 0, sinceLastMs: 0 }, FIRST, MAX)).toBe(true);
  });

  it('waits the first interval after one failure, then twice as long after each more', () => {
    const due = (failures: number, sinceLastMs: number) =>
      failedJobRetryDue({ failures, sinceLastMs }, FIRST, MAX);
    expect([due(1, FIRST - 1), due(1, FIRST)]).toEqual([false, true]);
    expect([due(2, 2 * FIRST - 1), due(2, 2 * FIRST)]).toEqual([false, true]);
    expect([due(4, 8 * FIRST - 1), due(4, 8 * FIRST)]).toEqual([false, true]);
  });

  it('never waits longer than the longest interval, however often the job failed', () => {
    for (const failures of [7, 8, 50, 10_000]) {
      expect(failedJobRetryDue({ failures, sinceLastMs: MAX }, FIRST, MAX)).toBe(true);
      expect(failedJobRetryDue({ failures, sinceLastMs: MAX - 1 }, FIRST, MAX)).toBe(false);
    }
  });
});
