import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Health } from '@spotcheck/common';
import { startHealthServer } from './health-server';

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
