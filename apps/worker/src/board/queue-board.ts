import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import type { IServerAdapter } from '@bull-board/api/typings/app';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import Fastify from 'fastify';
import { type BearerVerifier, requireRole } from '@spotcheck/auth';
import { AppException } from '@spotcheck/common';

/** Where the queue board answers on the worker's HTTP port. */
export const QUEUE_BOARD_PATH = '/queues';

/** The board as the worker's HTTP server calls it, for requests under {@link QUEUE_BOARD_PATH}. */
export interface QueueBoard {
  handle(req: IncomingMessage, res: ServerResponse): void;
  close(): Promise<void>;
}

/** Whether a request path is the board's. */
export const isBoardPath = (path: string) =>
  path === QUEUE_BOARD_PATH || path.startsWith(`${QUEUE_BOARD_PATH}/`);

/**
 * Bull Board over `queues`: each queue's jobs by state, a failed job with its error and stack
 * trace, retries. Every request of the board (its page, assets and API) needs an admin's bearer
 * token, verified as the APIs verify it: 401 without a valid one, 403 for another role, in the
 * APIs' error body. A Fastify instance that does not listen: the worker's HTTP server hands it
 * the requests under {@link QUEUE_BOARD_PATH}.
 */
export async function createQueueBoard(
  queues: readonly Queue[],
  bearer: BearerVerifier,
): Promise<QueueBoard> {
  const board = new FastifyAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q)),
    // @bull-board/fastify 9.10.1 declares its adapter against its own copy of @bull-board/api
    // 9.10.1; the board runs on the top-level 9.10.2 (routes, queue adapters, UI), which takes
    // the same adapter shape.
    serverAdapter: board as unknown as IServerAdapter,
    options: { uiConfig: { boardTitle: 'Spotcheck', locale: { lng: 'zh-CN' } } },
  });
  const app = Fastify({ logger: false });
  app.addHook('onRequest', async (req, reply) => {
    try {
      requireRole(await bearer.principal(req.headers.authorization), ['admin']);
    } catch (e) {
      if (!(e instanceof AppException)) throw e;
      const status = e.getStatus();
      if (status === 401) void reply.header('www-authenticate', 'Bearer');
      return reply.code(status).send(e.getResponse());
    }
  });
  await app.register(board.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
  await app.ready();
  return {
    handle: (req, res) => app.routing(req, res),
    close: () => app.close(),
  };
}
