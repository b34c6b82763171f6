import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import {
  ExceptionFilter,
  INestApplicationContext,
  Logger as NestLogger,
  SetMetadata,
} from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ConfigService } from '@nestjs/config';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { Env } from '../config/env';
import { AllExceptionsFilter } from '../errors/all-exceptions.filter';
import { appValidationPipe } from '../errors/validation';
import { InputDepthPipe, InputTextPipe } from '../errors/input-text.pipe';
import { UnreadBodyInterceptor } from './unread-body';
import { requestId } from '../logging/logging.module';
import { Metrics, installHttpMetrics } from '../metrics/metrics';
import { routeBodyHook } from './route-body';
import { signInRateLimitHook } from './sign-in-rate-limit';
import { publicAnswerHook } from './public-headers';

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
  /**
   * For apps open to anyone: security headers on every answer, CORS for reading, and an ETag,
   * Cache-Control and 304 on every successful GET of the API (public-headers.ts).
   */
  publicAnswers?: boolean;
  /**
   * The app's own exception filters, tried before the shared AllExceptionsFilter (Nest tries
   * the global filters last registered first), also for an address no route serves: the public
   * site's HTML 404 page. Each hands what is not its own to AllExceptionsFilter.
   */
  filters?: () => ExceptionFilter[];
}

const UNPREFIXED = 'spotcheck:unprefixed';

/**
 * A controller served without the API's /api/v1 prefix: web pages (the public portal's site at
 * `/`). Every route of the class keeps its own path as written.
 */
export const Unprefixed = (): ClassDecorator => SetMetadata(UNPREFIXED, true);

/** Whether a controller class is served without the /api/v1 prefix (@Unprefixed()). */
export const isUnprefixed = (type: object): boolean =>
  Reflect.getMetadata(UNPREFIXED, type) === true;

/** The paths (`publications/:id`) of the app's @Unprefixed() controllers' routes. */
function unprefixedPaths(app: NestFastifyApplication): string[] {
  const out: string[] = [];
  const list = (v: unknown) => (Array.isArray(v) ? (v as string[]) : [String(v ?? '')]);
  const join = (...parts: string[]) =>
    parts
      .flatMap((p) => p.split('/'))
      .filter(Boolean)
      .join('/') || '/';
  for (const module of app.get(ModulesContainer).values())
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...a: never[]) => object) | null;
      if (!type || !isUnprefixed(type)) continue;
      const proto = type.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const fn = proto[name];
        if (name === 'constructor' || typeof fn !== 'function') continue;
        const own = Reflect.getMetadata(PATH_METADATA, fn) as unknown;
        if (own === undefined) continue;
        for (const base of list(Reflect.getMetadata(PATH_METADATA, type)))
          for (const sub of list(own)) out.push(join(base, sub));
      }
    }
  return out;
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

/**
 * An answer given before the request's body was read to its end (an upload over its limit, a
 * file refused at its first bad record) closes the connection. The rest of the body would
 * otherwise sit unread in front of the client's next request on the same keep-alive
 * connection, which would then wait for the keep-alive timeout. Reading the rest instead
 * could mean reading a gigabyte nobody wants. What is already in flight is read and dropped,
 * so that the close does not reset the connection before the client has read the answer.
 */
function closeIfBodyUnread(req: FastifyRequest, reply: FastifyReply): void {
  const raw = req.raw;
  // `complete` is false while a body is still to come (undefined for injected requests).
  if (raw.complete !== false || reply.raw.headersSent) return;
  reply.header('connection', 'close');
  raw.on('error', () => undefined);
  raw.resume();
}

/**
 * URLs Fastify's router refuses before any route (or Nest's exception filter) sees them, in
 * the body every other error has: a stable code and the field, the path.
 */
const URL_ERRORS: Record<string, [number, string, string]> = {
  FST_ERR_BAD_URL: [400, 'INVALID_URL', 'is not valid percent-encoded UTF-8'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'URI_TOO_LONG', 'has a parameter longer than 100 characters'],
};

function frameworkErrors(error: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const [status, code, reason] = URL_ERRORS[error.code] ?? [400, 'BAD_REQUEST', 'is refused'];
  void reply.status(status).send({
    statusCode: status,
    code,
    message: `path: ${reason}`,
    errors: [{ field: 'path', reason }],
  });
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
    frameworkErrors,
  });
  const app = await NestFactory.create<NestFastifyApplication>(module as never, adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  const config = app.get(ConfigService<Env, true>);
  await app.register(multipart, {
    limits: { fileSize: config.get('IMPORT_MAX_BYTES', { infer: true }), files: 1, fields: 10 },
  });
  const fastify = app.getHttpAdapter().getInstance();
  // Before the rate limiter's own onRoute hook, which reads what this one sets.
  fastify.addHook(
    'onRoute',
    signInRateLimitHook(config.get('AUTH_SIGN_IN_RATE_LIMIT_PER_MINUTE', { infer: true })),
  );
  await app.register(rateLimit, {
    // Every route of an app open to anyone; elsewhere only the routes that ask (sign-in).
    global: opts.rateLimited === true,
    max: config.get('PUBLIC_RATE_LIMIT_PER_MINUTE', { infer: true }),
    timeWindow: 60_000,
    allowList: (req) => (req.url ?? '').startsWith('/health/'),
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: `more than ${ctx.max} requests a minute from your address; retry in ${ctx.after}`,
    }),
  });
  // Every app module imports MetricsModule; one that does not fails here, at boot.
  installHttpMetrics(fastify, app.get(Metrics));
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
  app.setGlobalPrefix('api/v1', {
    exclude: ['health/live', 'health/ready', 'metrics', ...unprefixedPaths(app)],
  });
  // Hostile nesting is refused before class-transformer recurses into it; text no column can
  // hold after each DTO has named its own errors.
  app.useGlobalPipes(new InputDepthPipe(), appValidationPipe(), new InputTextPipe());
  app.useGlobalInterceptors(new UnreadBodyInterceptor());
  app.useGlobalFilters(new AllExceptionsFilter(), ...(opts.filters?.() ?? []));
  app.enableShutdownHooks();
  fastify.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    closeIfBodyUnread(req, reply);
  });
  if (opts.publicAnswers) fastify.addHook('onSend', publicAnswerHook);

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
