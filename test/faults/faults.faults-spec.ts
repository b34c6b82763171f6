import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { until } from '../support/own-servers';
import { SETTLE_MS, Verdict, verify } from './checks';
import { ROOT, Stack } from './stack';
import { ADMIN, CATEGORY, WriteStream, authorization, send } from './writes';

/**
 * Faults on a live stack under a stream of writes: Redis restarts empty, the worker and the
 * API are SIGKILLed, two workers run at once, PostgreSQL restarts. After each, the whole
 * history of writes is checked (./checks.ts): nothing accepted is lost, every event has its
 * effect once, the audit chain is sealed and intact, no request hung.
 */
let stack: Stack;
let stream: WriteStream;
const results: { fault: string; verdict: Verdict }[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  stack = await Stack.start();
  const r = await send(`${stack.api.url}/api/v1/catalog/categories`, {
    method: 'POST',
    headers: { authorization: authorization(ADMIN), 'content-type': 'application/json' },
    body: JSON.stringify({ code: CATEGORY, name: '故障演练', sector: 'manufacturing', items: [] }),
  });
  if (r.status !== 201) throw new Error(`category: ${r.status} ${r.body}`);
  stream = new WriteStream(stack.api);
}, 180_000);

afterAll(async () => {
  await stream?.stop();
  if (results.length) {
    const lines = results.map(
      ({ fault, verdict: v }) =>
        `${fault.padEnd(44)} settled in ${String(v.settledMs).padStart(6)} ms   ${JSON.stringify(v.outcomes)}`,
    );
    console.log(`fault suite (logs in ${stack?.dir}):\n${lines.join('\n')}`);
  }
  await stack?.stop();
}, 60_000);

/** Runs `fault` in the middle of a stream of writes, then checks everything written so far. */
async function underWrites(name: string, fault: () => Promise<void>): Promise<Verdict> {
  stream.start();
  await sleep(2000);
  await fault();
  await sleep(2000);
  await stream.stop();
  const verdict = await verify(stack, stream.outcomes);
  results.push({ fault: name, verdict });
  expect(verdict.problems).toEqual([]);
  return verdict;
}

describe(`faults under writes (each settles within ${SETTLE_MS / 1000} s)`, () => {
  it('Redis is killed and comes back empty', async () => {
    await underWrites('Redis killed, back empty after 3 s', async () => {
      await stack.redis.stop('SIGKILL');
      await sleep(3000);
      await stack.redis.start();
    });
  });

  it('the worker is SIGKILLed and started again', async () => {
    await underWrites('worker SIGKILLed, back after 2 s', async () => {
      await stack.workers[0].kill('SIGKILL');
      await sleep(2000);
      await stack.workers[0].start();
    });
  });

  it('the API process is SIGKILLed and started again', async () => {
    await underWrites('API SIGKILLed, back after 2 s', async () => {
      await stack.api.kill('SIGKILL');
      await sleep(2000);
      await stack.api.start();
    });
  });

  it('two workers run at once, and one of them is SIGKILLed', async () => {
    await underWrites('two workers, one SIGKILLed', async () => {
      await stack.addWorker();
      await sleep(3000);
      await stack.workers[0].kill('SIGKILL');
    });
    await stack.workers[0].start();
  });

  it('PostgreSQL restarts', async () => {
    const v = await underWrites('PostgreSQL stopped, back after 3 s', async () => {
      await stack.pg.stop();
      await sleep(3000);
      await stack.pg.start();
    });
    // The outage was seen, and answered as such.
    expect(v.outcomes['503']).toBeGreaterThan(0);
    // Every worker listens to the outbox again, and says so.
    for (const w of stack.workers) {
      await until(async () => {
        const r = await w.ready();
        return r.status === 200 && r.body.degraded === undefined;
      }, `${w.name} is ready and not degraded`);
      expect(w.logged(/outbox LISTEN re-established/).length).toBeGreaterThan(0);
    }
  });

  it('the operator’s audit check agrees', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'scripts', 'verify-audit.js')], {
      env: { ...process.env, DATABASE_URL: stack.databaseUrl },
      encoding: 'utf8',
    });
    expect([r.status, r.stdout]).toEqual([0, expect.stringContaining('audit chain intact')]);
  });
});
