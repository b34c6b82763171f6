import 'reflect-metadata';
import { getQueueToken } from '@nestjs/bullmq';
import { Logger as NestLogger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { Queue } from 'bullmq';
import { BearerVerifier } from '@spotcheck/auth';
import { Env, Health, Metrics, metricsRefusal, runMain } from '@spotcheck/common';
import { QUEUES } from '@spotcheck/queue';
import { QUEUE_BOARD_PATH, createQueueBoard } from './board/queue-board';
import { Degradations, MetricsEndpoint, startHealthServer } from './health-server';
import { OutboxRelay } from './outbox/outbox-relay.service';
import { WorkerModule } from './worker.module';

export async function startWorker(defaultPort = 3003) {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const config = app.get(ConfigService<Env, true>);
  const port = config.get('PORT', { infer: true }) ?? defaultPort;
  const relay = app.get(OutboxRelay);
  const degradations: Degradations = () => {
    const listen = relay.listenState();
    const degraded: ReturnType<Degradations> = {};
    if (!listen.listening)
      degraded.outboxListen = {
        status: 'down',
        message: `LISTEN outbox lost since ${listen.lostSince} (${listen.reason}); relaying by polling`,
      };
    return degraded;
  };
  const access = {
    NODE_ENV: config.get('NODE_ENV', { infer: true }),
    METRICS_TOKEN: config.get('METRICS_TOKEN', { infer: true }),
  };
  const registry = app.get(Metrics);
  const metrics: MetricsEndpoint = {
    scrape: () => registry.scrape(),
    refusal: (authorization) => metricsRefusal(access, authorization),
  };
  const board = await createQueueBoard(
    QUEUES.map((name) => app.get<Queue>(getQueueToken(name))),
    BearerVerifier.fromConfig(config),
  );
  const server = await startHealthServer(
    app.get(Health),
    port,
    config.get('HOST', { infer: true }),
    degradations,
    metrics,
    board,
  ).catch(async (e: unknown) => {
    // The processors already take jobs: let them finish before the process ends.
    await board.close();
    await app.close();
    throw e;
  });
  const close = app.close.bind(app);
  app.close = async () => {
    server.close();
    await board.close();
    await close();
  };
  const log = new NestLogger('worker');
  log.log(`health on http://127.0.0.1:${port}/health/ready`);
  log.log(`queue board (admins) on http://127.0.0.1:${port}${QUEUE_BOARD_PATH}`);
  return { app, server };
}

if (require.main === module) {
  runMain(async () => (await startWorker()).app);
}
