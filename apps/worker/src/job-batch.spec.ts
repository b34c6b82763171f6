import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { JobBatcher } from './job-batch';

/** A data source whose manager records the statements marking outbox rows done. */
function fakeDataSource() {
  const marked: string[][] = [];
  const ds = {
    manager: {
      query: (_sql: string, [ids]: [string[]]) => {
        marked.push(ids);
        return Promise.resolve([]);
      },
    },
  } as unknown as DataSource;
  return { ds, marked };
}

const job = (n: number, id = `outbox-${n}`) => ({ id, data: { n } }) as unknown as Job;

describe('JobBatcher', () => {
  it('handles the jobs held at once together, each answering its own result', async () => {
    const { ds, marked } = fakeDataSource();
    const calls: number[][] = [];
    const b = new JobBatcher<{ n: number }>(ds, 100, (ps) => {
      calls.push(ps.map((p) => p.n));
      return Promise.resolve(ps.map((p) => p.n * 10));
    });
    const results = await Promise.all([1, 2, 3].map((n) => b.add(job(n))));
    expect(results).toEqual([10, 20, 30]);
    expect(calls).toEqual([[1, 2, 3]]);
    expect(marked).toEqual([['1', '2', '3']]);
  });

  it('gathers the jobs that come while a batch runs into the next, at most max at a time', async () => {
    const { ds } = fakeDataSource();
    const calls: number[][] = [];
    let release!: () => void;
    const first = new Promise<void>((r) => (release = r));
    const b = new JobBatcher<{ n: number }>(ds, 2, async (ps) => {
      calls.push(ps.map((p) => p.n));
      if (calls.length === 1) await first;
      return ps.map(() => null);
    });
    const a = b.add(job(1));
    await new Promise((r) => setImmediate(r));
    const later = [2, 3, 4].map((n) => b.add(job(n)));
    release();
    await Promise.all([a, ...later]);
    expect(calls).toEqual([[1], [2, 3], [4]]);
  });

  it('handles a failed batch again one job at a time: only the bad job fails', async () => {
    const { ds, marked } = fakeDataSource();
    const calls: number[][] = [];
    const b = new JobBatcher<{ n: number }>(ds, 100, (ps) => {
      calls.push(ps.map((p) => p.n));
      if (ps.some((p) => p.n === 2)) return Promise.reject(new Error('bad job 2'));
      return Promise.resolve(ps.map((p) => p.n));
    });
    const settled = await Promise.allSettled([1, 2, 3].map((n) => b.add(job(n))));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toEqual(new Error('bad job 2'));
    expect(calls).toEqual([[1, 2, 3], [1], [2], [3]]);
    // The failed job's outbox row stays undone, so the relay delivers it again.
    expect(marked).toEqual([['1'], ['3']]);
  });

  it('marks no outbox row for a job that did not come from the outbox', async () => {
    const { ds, marked } = fakeDataSource();
    const b = new JobBatcher<{ n: number }>(ds, 100, (ps) => Promise.resolve(ps.map(() => 1)));
    await Promise.all([b.add(job(1, 'deadline-x')), b.add(job(2))]);
    expect(marked).toEqual([['2']]);
  });
});
