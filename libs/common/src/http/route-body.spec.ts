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
  it('handles at most the setting’s number at once, over real HTTP; a client gone while waiting keeps no turn', async () => {
    // Closing must not wait for the connection of the client that left.
    const app = Fastify({ forceCloseConnections: true });
    app.addHook(
      'onRoute',
      routeBodyHook(() => 2),
    );
    let running = 0;
    let most = 0;
    let release!: () => void;
    let held = new Promise<void>((r) => (release = r));
    app.post(
      '/upload',
      { config: { spotcheckBody: { gate: { name: 'g', concurrency: 'PORT' } } } },
      async (req) => {
        const { n, hold } = req.body as { n: number; hold?: boolean };
        running++;
        most = Math.max(most, running);
        await (hold ? held : new Promise((r) => setTimeout(r, 30)));
        running--;
        return { got: n };
      },
    );
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const post = (n: number, hold = false, signal?: AbortSignal) =>
      fetch(`${url}/upload`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ n, hold }),
        signal,
      }).then((r) => r.json());
    try {
      const answers = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => post(n)));
      expect(answers).toEqual([1, 2, 3, 4, 5, 6].map((n) => ({ got: n })));
      expect(most).toBe(2);

      // Both slots held; a third client waits at the gate, then goes away.
      const holders = [post(10, true), post(11, true)];
      while (running < 2) await new Promise((r) => setTimeout(r, 5));
      const gone = new AbortController();
      const abandoned = post(12, false, gone.signal).catch(() => 'aborted');
      await new Promise((r) => setTimeout(r, 50));
      expect(running).toBe(2);
      gone.abort();
      expect(await abandoned).toBe('aborted');
      release();
      expect(await Promise.all(holders)).toEqual([{ got: 10 }, { got: 11 }]);

      // The left request's work (if its body arrived) runs within a turn and then frees it:
      // never more than two at once, and two more run side by side afterwards.
      await Promise.all([post(7), post(8)]);
      expect(most).toBe(2);
      while (running > 0) await new Promise((r) => setTimeout(r, 5));
      // Held until both are inside: a timer could let one finish before the other starts.
      most = 0;
      held = new Promise<void>((r) => (release = r));
      const pair = [post(13, true), post(14, true)];
      while (running < 2) await new Promise((r) => setTimeout(r, 5));
      expect(most).toBe(2);
      release();
      expect(await Promise.all(pair)).toEqual([{ got: 13 }, { got: 14 }]);
    } finally {
      await app.close();
    }
  });
});
