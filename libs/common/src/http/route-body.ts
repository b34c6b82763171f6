import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyRequest, RouteOptions } from 'fastify';
import type { Env } from '../config/env';

/** Settings (in bytes) that a route may take as its body limit instead of BODY_LIMIT. */
export type BodyLimitSetting = {
  [K in keyof Env]-?: Env[K] extends number ? K : never;
}[keyof Env];

export interface RouteBodyOptions {
  /** The route's body limit is this setting; a larger body answers 413. */
  limit?: BodyLimitSetting;
  /** The SHA-256 of the body bytes as received is available to the handler (@BodySha256()). */
  sha256?: boolean;
}

const ROUTE_BODY = 'spotcheckBody';
const SHA256 = Symbol('bodySha256');

/**
 * Body options of one route, for the few routes that take more than BODY_LIMIT (EPCIS
 * documents) or need the digest of exactly what was sent. Applied when the route is
 * registered (see {@link routeBodyHook}).
 */
export const RouteBody = (options: RouteBodyOptions) => RouteConfig({ [ROUTE_BODY]: options });

/** Hex SHA-256 of the request body bytes, on a route with `@RouteBody({ sha256: true })`. */
export const BodySha256 = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): string | undefined =>
    (
      ctx.switchToHttp().getRequest<FastifyRequest & { [SHA256]?: string }>() as {
        [SHA256]?: string;
      }
    )[SHA256],
);

/** Hashes the body while Fastify reads it, so it is neither buffered twice nor re-serialised. */
async function hashBody(request: FastifyRequest, _reply: unknown, payload: NodeJS.ReadableStream) {
  const hash = createHash('sha256');
  const tee = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      (request as { [SHA256]?: string })[SHA256] = hash.digest('hex');
      done();
    },
  });
  payload.on('error', (e: Error) => tee.destroy(e));
  return payload.pipe(tee);
}

/** A Fastify `onRoute` hook that applies @RouteBody options, reading limits from `setting`. */
export function routeBodyHook(setting: (key: BodyLimitSetting) => number) {
  return (route: RouteOptions): void => {
    const options = (route.config as Record<string, unknown> | undefined)?.[ROUTE_BODY] as
      RouteBodyOptions | undefined;
    if (!options) return;
    if (options.limit) route.bodyLimit = setting(options.limit);
    if (options.sha256) {
      const existing = route.preParsing;
      route.preParsing = [
        ...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]),
        hashBody as never,
      ];
    }
  };
}
