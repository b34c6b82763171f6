import { createServer, Server } from 'node:http';
import type { Health, MetricsRefusal } from '@spotcheck/common';
import { type QueueBoard, isBoardPath } from './board/queue-board';

/**
 * What works, but less well than it should (the name of the part and why); empty when all is
 * well. The worker stays ready while degraded: it still does its work.
 */
export type Degradations = () => Record<string, { status: 'down'; message: string }>;

/** `GET /metrics`: the worker's Prometheus registry, and who may read it. */
export interface MetricsEndpoint {
  scrape(): Promise<{ contentType: string; body: string }>;
  refusal(authorization: string | undefined): MetricsRefusal | undefined;
}

/**
 * The worker's only HTTP surface: /health/live, /health/ready, /metrics and the queue board.
 * Ready answers 200 when PostgreSQL and Redis answer (503 otherwise), with `degraded` naming
 * what runs on a fallback. /metrics answers as the HTTP apps' does (METRICS_TOKEN). The board
 * (Bull Board, admins only) takes every request under /queues.
 */
export function startHealthServer(
  health: Health,
  port: number,
  host: string,
  degradations: Degradations = () => ({}),
  metrics?: MetricsEndpoint,
  board?: QueueBoard,
): Promise<Server> {
  const server = createServer((req, res) => {
    const json = (status: number, body: object, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    const send = (status: number, body: object) => {
      const degraded = degradations();
      json(status, Object.keys(degraded).length ? { ...body, degraded } : body);
    };
    const path = (req.url ?? '').split('?')[0];
    if (board && isBoardPath(path)) return board.handle(req, res);
    if (path === '/health/live') return send(200, { status: 'ok' });
    if (path === '/health/ready') {
      health.ready().then(
        (r) => send(200, r),
        (e: { response?: object }) => send(503, e.response ?? { status: 'error' }),
      );
      return;
    }
    if (path === '/metrics' && metrics && (req.method === 'GET' || req.method === 'HEAD')) {
      const refused = metrics.refusal(req.headers.authorization);
      if (refused) {
        const { status, ...rest } = refused;
        return json(
          status,
          { statusCode: status, ...rest },
          status === 401 ? { 'www-authenticate': 'Bearer' } : {},
        );
      }
      metrics.scrape().then(
        ({ contentType, body }) => {
          res.writeHead(200, { 'content-type': contentType });
          res.end(req.method === 'HEAD' ? undefined : body);
        },
        (e: Error) => json(500, { statusCode: 500, code: 'METRICS_FAILED', message: e.message }),
      );
      return;
    }
    json(404, { statusCode: 404, message: 'not found' });
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
