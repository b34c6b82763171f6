import Fastify from 'fastify';
import { Gate, routeBodyHook } from './route-body';

describe('Gate', () => {
  it('lets `slots` in at a time, the rest in arrival order; leaving twice counts once', async () => {
    const gate = new Gate(2);
    const entered: number[] = [];
    const leaves: (() => void)[] = [];
    const all = [1, 2, 3, 4].map((n) =>
      gate.enter().then((leave) => {
        entered.push(n);
        leaves[n] = leave;
      }),
    );
    await new Promise((r) => setImmediate(r));
    expect(entered).toEqual([1, 2]);
    expect(gate.load).toEqual({ inside: 2, waiting: 2 });
    leaves[2]();
    leaves[2]();
    await new Promise((r) => setImmediate(r));
    expect(entered).toEqual([1, 2, 3]);
    leaves[1]();
    await Promise.all(all);
    expect(entered).toEqual([1, 2, 3, 4]);
    leaves[3]();
    leaves[4]();
    expect(gate.load).toEqual({ inside: 0, waiting: 0 });
  });
});

describe('@RouteBody gate on a Fastify route', () => {
  it('reads and handles at most the setting’s number of requests at once, over real HTTP', async () => {
    const app = Fastify();
    app.addHook(
      'onRoute',
      routeBodyHook(() => 2),
    );
    let running = 0;
    let most = 0;
    let handled = 0;
    app.post(
      '/upload',
      { config: { spotcheckBody: { gate: { name: 'g', concurrency: 'PORT' } } } },
      async (req) => {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 30));
        running--;
        handled++;
        return { got: (req.body as { n: number }).n };
      },
    );
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const post = (n: number) =>
        fetch(`${url}/upload`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ n }),
        }).then((r) => r.json());
      // A client that goes away while it waits must not keep a slot.
      const gone = new AbortController();
      const abandoned = fetch(`${url}/upload`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"n":0}',
        signal: gone.signal,
      }).catch(() => 'aborted');
      gone.abort();
      const answers = await Promise.all([1, 2, 3, 4, 5, 6].map(post));
      expect(await abandoned).toBe('aborted');
      expect(answers).toEqual([1, 2, 3, 4, 5, 6].map((n) => ({ got: n })));
      expect(most).toBe(2);
      // All slots are free again: two more run side by side.
      most = 0;
      await Promise.all([post(7), post(8)]);
      expect(most).toBe(2);
      expect(handled).toBeGreaterThanOrEqual(8);
    } finally {
      await app.close();
    }
  });
});
