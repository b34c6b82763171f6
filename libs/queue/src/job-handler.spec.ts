import { checkHandlers } from './job-handler';
import { JOB_NAMES, JOB_QUEUE } from './jobs';

const all = () => JOB_NAMES.map((job) => ({ job, queue: JOB_QUEUE[job], where: `P.${job}` }));

describe('job handler start-up check', () => {
  it('passes when every job has exactly one handler on its queue', () => {
    expect(checkHandlers(all())).toEqual([]);
  });

  it('names a job without a handler', () => {
    expect(checkHandlers(all().slice(1))).toEqual([`${JOB_NAMES[0]} has no handler`]);
  });

  it('names a job with two handlers', () => {
    const found = [
      ...all(),
      { job: JOB_NAMES[0], queue: JOB_QUEUE[JOB_NAMES[0]], where: 'Other.copy' },
    ];
    expect(checkHandlers(found)).toEqual([
      `${JOB_NAMES[0]} has 2 handlers: P.${JOB_NAMES[0]}, Other.copy`,
    ]);
  });

  it('names a handler on the wrong queue and an unknown job', () => {
    const found = all().map((f, i) => (i === 0 ? { ...f, queue: 'elsewhere' } : f));
    found.push({ job: 'nope.job' as never, queue: 'audit', where: 'X.y' });
    expect(checkHandlers(found)).toEqual([
      `${JOB_NAMES[0]} is handled by P.${JOB_NAMES[0]} on queue elsewhere, expected ${JOB_QUEUE[JOB_NAMES[0]]}`,
      'X.y handles unknown job nope.job',
    ]);
  });
});
