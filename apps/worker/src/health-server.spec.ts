import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Health, metricsRefusal } from '@spotcheck/common';
import type { QueueBoard } from './board/queue-board';
import { MetricsEndpoint, startHealthServer } from './health-server';

describe('startHealthServer', () => {
  const health = { ready: async () => ({ status: 'ok' }) } as unknown as Health;

  it('answers /health/live and /health/ready', async () => {
    const server = await startHealthServer(health, 0, '127.0.0.1');
    try {
      const { port } = server.address() as AddressInfo;
      const live = await fetch(`http://127.0.0.1:${port}/health/live`);
      expect([live.status, await live.json()]).toEqual([200, { status: 'ok' }]);
      expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/elsewhere`)).status).toBe(404);
    } finally {
      server.close();
    }
  });

  it('names what runs on a fallback, and stays ready', async () => {
    const degraded = { outboxListen: { status: 'down' as const, message: 'relaying by polling' } };
    const server = await startHealthServer(health, 0, '127.0.0.1', () => degraded);
    try {
      const { port } = server.address() as AddressInfo;
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
      expect([ready.status, await ready.json()]).toEqual([200, { status: 'ok', degraded }]);
    } finally {
      server.close();
    }
  });

  it('serves /metrics to whoever carries METRICS_TOKEN, and refuses the others', async () => {
    const token = 'm'.repeat(20);
    const metrics: MetricsEndpoint = {
      scrape: async () => ({ contentType: 'text/plain; version=0.0.4', body: 'up 1\n' }),
      refusal: (a) => metricsRefusal({ NODE_ENV: 'production', METRICS_TOKEN: token }, a),
    };
    const server = await startHealthServer(health, 0, '127.0.0.1', () => ({}), metrics);
    try {
      const { port } = server.address() as AddressInfo;
      const url = `http://127.0.0.1:${port}/metrics`;
      const ok = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect([ok.status, ok.headers.get('content-type'), await ok.text()]).toEqual([
        200,
        'text/plain; version=0.0.4',
        'up 1\n',
      ]);
      const refused = await fetch(url, { headers: { authorization: 'Bearer nope' } });
      expect([refused.status, refused.headers.get('www-authenticate')]).toEqual([401, 'Bearer']);
      expect(await refused.json()).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
      expect((await fetch(url)).status).toBe(401);
    } finally {
      server.close();
    }
  });

  it('hands the queue board the requests under /queues, and only those', async () => {
    const seen: string[] = [];
    const board: QueueBoard = {
      handle: (req, res) => {
        seen.push(req.url ?? '');
        res.writeHead(204).end();
      },
      close: async () => {},
    };
    const server = await startHealthServer(health, 0, '127.0.0.1', () => ({}), undefined, board);
    try {
      const { port } = server.address() as AddressInfo;
      for (const path of [
        '/queues',
        '/queues/api/queues?status=failed',
        '/queuesx',
        '/health/live',
      ])
        await fetch(`http://127.0.0.1:${port}${path}`);
      expect(seen).toEqual(['/queues', '/queues/api/queues?status=failed']);
    } finally {
      server.close();
    }
  });

  it('rejects when its port is taken, instead of an uncaught error', async () => {
    const holder: Server = createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
    try {
      const { port } = holder.address() as AddressInfo;
      await expect(startHealthServer(health, port, '127.0.0.1')).rejects.toMatchObject({
        code: 'EADDRINUSE',
      });
    } finally {
      holder.close();
    }
  });
});
