import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { levels } from 'pino';
import type { IncomingMessage } from 'node:http';
import type { Options } from 'pino-http';
import type { Env } from '../config/env';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** Reuses a well-formed incoming X-Request-Id so one id follows a request across services. */
export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Probes and metric scrapes come every few seconds; a line for each would bury the requests a
 * person reads. Their failures still show, as the app's own warnings and errors.
 */
export function isHealthCheck(req: IncomingMessage): boolean {
  const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
  return /^\/(health(\/|\?|$)|metrics(\?|$))/.test(url);
}

/** pino-pretty is a development dependency: without it, logs stay JSON. */
function prettyAvailable(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

export type LogFormat = 'json' | 'pretty';

/** LOG_FORMAT if set; else readable in development and JSON everywhere else (production, tests). */
export function logFormatOf(env: Pick<Env, 'NODE_ENV' | 'LOG_FORMAT'>): LogFormat {
  const wanted = env.LOG_FORMAT ?? (env.NODE_ENV === 'development' ? 'pretty' : 'json');
  return wanted === 'pretty' && prettyAvailable() ? 'pretty' : 'json';
}

/** Whether pino-http's line per answered request (level `info`) is written at `level`. */
export function writesRequestLines(level: string): boolean {
  const value = levels.values[level] as number | undefined;
  return level !== 'silent' && (value === undefined || value <= levels.values.info);
}

/** The pino-http options every app uses: request id on every line, secrets redacted. */
export function pinoHttpOptions(
  env: Pick<Env, 'NODE_ENV' | 'LOG_FORMAT' | 'LOG_LEVEL'>,
): Options<IncomingMessage> {
  return {
    level: env.LOG_LEVEL,
    genReqId: (req: IncomingMessage) => requestId(req),
    // Set-Cookie carries a browser's session tokens (libs/auth session).
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    customProps: (req: IncomingMessage & { user?: unknown }) => ({ user: req.user }),
    // pino-http writes its line per request at `info`. Above that level the line is never
    // written, yet pino-http would still, as each answer finishes, bind the caller to a new
    // child logger and build the line's object: a few percent of a cheap request's CPU.
    autoLogging: writesRequestLines(env.LOG_LEVEL) ? { ignore: isHealthCheck } : false,
    ...(logFormatOf(env) === 'pretty'
      ? {
          customSuccessMessage: (req, res, ms) =>
            `${req.method} ${req.url} ${res.statusCode} ${Math.round(ms)} ms`,
          customErrorMessage: (req, res, err) =>
            `${req.method} ${req.url} ${res.statusCode} ${err.message}`,
          transport: {
            target: 'pino-pretty',
            options: {
              colorize: true,
              singleLine: true,
              translateTime: 'SYS:HH:MM:ss.l',
              ignore: 'pid,hostname,context,req,res,responseTime,user',
              messageFormat: '{if context}[{context}] {end}{msg}',
            },
          },
        }
      : {}),
  };
}

/** pino logs for every app: readable or JSON (see logFormatOf), one line per request. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => ({
        pinoHttp: pinoHttpOptions({
          NODE_ENV: config.get('NODE_ENV', { infer: true }),
          LOG_FORMAT: config.get('LOG_FORMAT', { infer: true }),
          LOG_LEVEL: config.get('LOG_LEVEL', { infer: true }),
        }),
      }),
    }),
  ],
})
export class AppLoggingModule {}
