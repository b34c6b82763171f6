import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import { INestApplicationContext, Logger as NestLogger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { Env } from '../config/env';
import { AllExceptionsFilter } from '../errors/all-exceptions.filter';
import { appValidationPipe } from '../errors/validation';
import { InputDepthPipe, InputTextPipe } from '../errors/input-text.pipe';
import { requestId } from '../logging/logging.module';
import { routeBodyHook } from './route-body';

export interface HttpAppOptions {
  name: string;
  title: string;
  description: string;
  defaultPort: number;
  /**
   * For apps open to anyone (the public portal): each client address may make
   * PUBLIC_RATE_LIMIT_PER_MINUTE requests a minute, then gets 429 with Retry-After. Health
   * checks are not counted.
   */
  rateLimited?: boolean;
}

/**
 * Whose X-Forwarded-For to believe: a hop count, or addresses and subnets (`proxy-addr`'s
 * names such as `loopback` included). Believing every sender would let any client pick the
 * address its rate limit and logs see.
 */
function trustProxy(setting = 'loopback'): string | ((addr: string, hop: number) => boolean) {
  if (!/^\d+$/.test(setting)) return setting;
  const hops = Number(setting);
  return (_addr, hop) => hop < hops;
}

/** The same HTTP shell for every API app: Fastify, /api/v1, validation, errors, docs, logs. */
export async function createHttpApp(
  module: unknown,
  opts: HttpAppOptions,
): Promise<NestFastifyApplication> {
  const bodyLimit = Number(process.env.BODY_LIMIT ?? 1024 * 1024);
  const adapter = new FastifyAdapter({
    bodyLimit: Number.isFinite(bodyLimit) ? bodyLimit : 1024 * 1024,
    trustProxy: trustProxy(process.env.TRUST_PROXY),
    genReqId: requestId,
    requestIdHeader: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(module as never, adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  const config = app.get(ConfigService<Env, true>);
  await app.register(multipart, {
    limits: { fileSize: config.get('IMPORT_MAX_BYTES', { infer: true }), files: 1, fields: 10 },
  });
  if (opts.rateLimited) {
    await app.register(rateLimit, {
      max: config.get('PUBLIC_RATE_LIMIT_PER_MINUTE', { infer: true }),
      timeWindow: 60_000,
      allowList: (req) => (req.url ?? '').startsWith('/health/'),
      errorResponseBuilder: (_req, ctx) => ({
        statusCode: 429,
        code: 'RATE_LIMITED',
        message: `more than ${ctx.max} requests a minute from your address; retry in ${ctx.after}`,
      }),
    });
  }
  const fastify = app.getHttpAdapter().getInstance();
  // JSON-LD (EPCIS 2.0 documents) is JSON; parsed by Fastify's own JSON parser, with the same
  // protection against prototype poisoning.
  fastify.addContentTypeParser(
    'application/ld+json',
    { parseAs: 'string' },
    fastify.getDefaultJsonParser('error', 'error'),
  );
  // A multipart body without its boundary cannot be split into parts; busboy throws a plain
  // Error deep in the handler (a 500), so it is refused here, on every route, by name.
  fastify.addHook('onRequest', async (req, reply) => {
    const type = req.headers['content-type'];
    if (typeof type !== 'string' || !/^\s*multipart\//i.test(type)) return;
    if (/;\s*boundary=("[^"]+"|[^;\s]+)/i.test(type)) return;
    const reason =
      'multipart/form-data needs a boundary parameter (multipart/form-data; boundary=…)';
    await reply.status(400).send({
      statusCode: 400,
      code: 'MULTIPART_INVALID',
      message: `Content-Type: ${reason}`,
      errors: [{ field: 'Content-Type', reason }],
    });
  });
  // Before Nest registers the routes (app.init), so that @RouteBody options reach them.
  fastify.addHook(
    'onRoute',
    routeBodyHook((key) => config.get(key, { infer: true })),
  );
  app.setGlobalPrefix('api/v1', { exclude: ['health/live', 'health/ready'] });
  // Hostile nesting is refused before class-transformer recurses into it; text no column can
  // hold after each DTO has named its own errors.
  app.useGlobalPipes(new InputDepthPipe(), appValidationPipe(), new InputTextPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  fastify.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  const doc = new DocumentBuilder()
    .setTitle(opts.title)
    .setDescription(opts.description)
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc), {
    jsonDocumentUrl: 'docs-json',
  });
  return app;
}

export async function listen(app: NestFastifyApplication, opts: HttpAppOptions): Promise<void> {
  const config = app.get(ConfigService<Env, true>);
  const port = config.get('PORT', { infer: true }) ?? opts.defaultPort;
  await app.listen(port, config.get('HOST', { infer: true }));
  new NestLogger(opts.name).log(`listening on ${await app.getUrl()}`);
}

/** Exits non-zero with the reason when start-up fails (bad config, no database...). */
export function runMain(start: () => Promise<INestApplicationContext | void>): void {
  start().then(
    (app) => {
      // Started by `npm start` (an IPC channel): when that process is gone, even killed
      // outright, stop as on SIGTERM instead of holding the port as an orphan.
      if (app && process.send) process.once('disconnect', () => void app.close());
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
