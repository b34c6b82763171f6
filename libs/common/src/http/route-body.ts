import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Env } from '../config/env';

/** Numeric settings, such as a body limit in bytes that a route takes instead of BODY_LIMIT. */
export type NumericSetting = {
  [K in keyof Env]-?: Env[K] extends number ? K : never;
}[keyof Env];
export type BodyLimitSetting = NumericSetting;

export interface RouteBodyOptions {
  /** The route's body limit is this setting; a larger body answers 413. */
  limit?: BodyLimitSetting;
  /** The SHA-256 of the body bytes as received is available to the handler (@BodySha256()). */
  sha256?: boolean;
  /**
   * Routes naming the same gate are handled at most this setting's number at a time; others
   * wait before their body is read (so a waiting upload holds no memory but its socket's).
   */
  gate?: { name: string; concurrency: NumericSetting };
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

/**
 * A counting semaphore: `enter()` resolves with the function that leaves, once fewer than
 * `slots` are inside. Waiters enter in arrival order.
 */
export class Gate {
  private inside = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly slots: number) {}

  async enter(): Promise<() => void> {
    if (this.inside >= this.slots) await new Promise<void>((r) => this.waiting.push(r));
    else this.inside++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.inside--;
    };
  }

  /** Inside now, and waiting. */
  get load(): { inside: number; waiting: number } {
    return { inside: this.inside, waiting: this.waiting.length };
  }
}

const TURN = Symbol('gateTurn');
type Turned = FastifyRequest & { [TURN]?: { leave: () => void; handling: boolean } };

/**
 * The hooks of a gated route. The turn is taken before the body is read (onRequest) and given
 * back when the work is over: when the answer is ready (onSend, which error answers pass too)
 * or sent (onResponse). A client that goes away gives it back at once only if the handler has
 * not started; otherwise the work goes on, and keeps its turn, until it ends.
 */
function gateHooks(gate: Gate) {
  const leave = async (request: Turned) => request[TURN]?.leave();
  return {
    onRequest: async (request: Turned) => {
      request[TURN] = { leave: await gate.enter(), handling: false };
    },
    preHandler: async (request: Turned) => {
      if (request[TURN]) request[TURN].handling = true;
    },
    onSend: async (request: Turned, _reply: FastifyReply, payload: unknown) => {
      await leave(request);
      return payload;
    },
    onResponse: leave,
    onRequestAbort: async (request: Turned) => {
      if (request[TURN] && !request[TURN].handling) request[TURN].leave();
    },
  };
}

/** A Fastify `onRoute` hook that applies @RouteBody options, reading limits from `setting`. */
export function routeBodyHook(setting: (key: NumericSetting) => number) {
  const gates = new Map<string, Gate>();
  return (route: RouteOptions): void => {
    const options = (route.config as Record<string, unknown> | undefined)?.[ROUTE_BODY] as
      RouteBodyOptions | undefined;
    if (!options) return;
    if (options.limit) route.bodyLimit = setting(options.limit);
    if (options.gate) {
      let gate = gates.get(options.gate.name);
      if (!gate) gates.set(options.gate.name, (gate = new Gate(setting(options.gate.concurrency))));
      for (const [name, hook] of Object.entries(gateHooks(gate))) {
        const key = name as 'onRequest';
        const existing = route[key];
        route[key] = [
          ...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]),
          hook as never,
        ];
      }
    }
    if (options.sha256) {
      const existing = route.preParsing;
      route.preParsing = [
        ...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]),
        hashBody as never,
      ];
    }
  };
}
