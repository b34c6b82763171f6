import { createServer, Server } from 'node:http';
import type { Health } from '@spotcheck/common';

/** The worker's only HTTP surface: /health/live and /health/ready. */
export function startHealthServer(health: Health, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/health/live') return send(200, { status: 'ok' });
    if (req.url === '/health/ready') {
      health.ready().then(
        (r) => send(200, r),
        (e: { response?: unknown }) => send(503, e.response ?? { status: 'error' }),
      );
      return;
    }
    send(404, { statusCode: 404, message: 'not found' });
  });
  // A port already taken rejects (instead of an uncaught 'error' event ending the process).
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
