import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Observable } from 'rxjs';
import { FieldError, invalid } from '../errors/app.exception';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const READERS = new Set([String(RouteParamtypes.BODY), String(RouteParamtypes.REQUEST)]);

/** Whether a handler reads the request body: an `@Body()` or the raw request (`@Req()`). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function readsBody(controller: Function, handler: string): boolean {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as Record<
    string,
    unknown
  >;
  return Object.keys(args).some((key) => READERS.has(key.split(':')[0]));
}

/**
 * What is wrong with a body sent to a route that reads none: each key of an object is an
 * unknown field (as a DTO with `forbidNonWhitelisted` names it), any other value is refused as
 * a whole. No body, or `{}`, is what such a route takes.
 */
export function unreadBodyErrors(body: unknown): FieldError[] {
  if (body === undefined) return [];
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return [{ field: 'body', reason: 'must be absent or {}: this route reads no body' }];
  return Object.keys(body).map((field) => ({
    field,
    reason: 'unknown field: this route reads no body',
  }));
}

/**
 * Refuses a body sent with a POST, PUT, PATCH or DELETE whose handler reads none (an action
 * such as `…/approve`, a DELETE) with 400 naming it, instead of doing the action as if it had
 * not been sent: a client that sends fields expects them to mean something. After the guards,
 * so that a caller who may not use the route learns only that.
 */
@Injectable()
export class UnreadBodyInterceptor implements NestInterceptor {
  private readonly reads = new WeakMap<object, boolean>();

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<{ method: string; body?: unknown }>();
    if (!WRITES.has(req.method)) return next.handle();
    const handler = ctx.getHandler();
    let reads = this.reads.get(handler);
    if (reads === undefined) {
      reads = readsBody(ctx.getClass(), handler.name);
      this.reads.set(handler, reads);
    }
    if (!reads) {
      const errors = unreadBodyErrors(req.body);
      if (errors.length) throw invalid(errors);
    }
    return next.handle();
  }
}
