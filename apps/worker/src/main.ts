import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { Env, Health, runMain } from '@spotcheck/common';
import { startHealthServer } from './health-server';
import { WorkerModule } from './worker.module';

export async function startWorker(defaultPort = 3003) {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const config = app.get(ConfigService<Env, true>);
  const port = config.get('PORT', { infer: true }) ?? defaultPort;
  const server = await startHealthServer(
    app.get(Health),
    port,
    config.get('HOST', { infer: true }),
  ).catch(async (e: unknown) => {
    // The processors already take jobs: let them finish before the process ends.
    await app.close();
    throw e;
  });
  const close = app.close.bind(app);
  app.close = async () => {
    server.close();
    await close();
  };
  new NestLogger('worker').log(`health on http://127.0.0.1:${port}/health/ready`);
  return { app, server };
}

if (require.main === module) {
  runMain(async () => (await startWorker()).app);
}
