import { createHash, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Env } from '../config/env';

/**
 * One Prometheus registry per app (process): the Node.js process series (CPU, memory, event
 * loop lag, GC, handles) and what each app adds to it. A registry of its own rather than
 * prom-client's global one, so that several apps booted in one process (the tests) do not
 * register the same series twice.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** The exposition text and its Content-Type, as Prometheus scrapes it. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** Request latency buckets, in seconds: from a cached read to a large import or export. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120];

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The route label of requests no route matched (404 from the router, a URL it refused). */
export const UNMATCHED_ROUTE = '(unmatched)';

/**
 * Labels of one request, bounded whatever clients send: the route as declared
 * (`/api/v1/plans/:id`, never the id itself), the method when it is a known one, and the
 * status by class.
 */
export function requestLabels(
  method: string,
  route: string | undefined,
  status: number,
): { method: string; route: string; status_class: string } {
  return {
    method: METHODS.has(method) ? method : 'OTHER',
    route: route ?? UNMATCHED_ROUTE,
    status_class: `${Math.trunc(status / 100)}xx`,
  };
}

/**
 * `http_request_duration_seconds` by method, route template and status class, observed
 * when each answer has been sent (Fastify's onResponse), errors and refusals included.
 */
export function installHttpMetrics(fastify: FastifyInstance, metrics: Metrics): void {
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to sending its answer, by method, route template and status class',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: HTTP_BUCKETS,
    registers: [metrics.registry],
  });
  fastify.addHook('onResponse', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    duration.observe(
      requestLabels(req.method, req.routeOptions.url, reply.statusCode),
      reply.elapsedTime / 1000,
    );
    done();
  });
}

/** Why a request for /metrics is refused, or undefined when it may read them. */
export interface MetricsRefusal {
  status: 401 | 403;
  code: string;
  message: string;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Who may read /metrics: with METRICS_TOKEN set, whoever sends `Authorization: Bearer
 * <METRICS_TOKEN>` (Prometheus' `authorization` scrape setting); without it, anyone outside
 * production, and nobody in production, where an open /metrics would show the public how each
 * route is used. Compared in constant time.
 */
export function metricsRefusal(
  env: Pick<Env, 'NODE_ENV' | 'METRICS_TOKEN'>,
  authorization: string | undefined,
): MetricsRefusal | undefined {
  const token = env.METRICS_TOKEN;
  if (!token) {
    if (env.NODE_ENV !== 'production') return undefined;
    return {
      status: 403,
      code: 'METRICS_TOKEN_UNSET',
      message: 'metrics are off in production until METRICS_TOKEN is set',
    };
  }
  if (
    authorization !== undefined &&
    timingSafeEqual(digest(authorization), digest(`Bearer ${token}`))
  )
    return undefined;
  return {
    status: 401,
    code: 'UNAUTHORIZED',
    message: 'metrics need Authorization: Bearer <METRICS_TOKEN>',
  };
}
