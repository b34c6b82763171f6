import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { isUnprefixed } from '@spotcheck/common';

/** One route of an app as Nest declares it, read from the controllers' metadata. */
export interface RouteInfo {
  method: keyof typeof RequestMethod;
  /** As served, with the global prefix: `/api/v1/plans/:id/commit`. */
  path: string;
  /** `POST /api/v1/plans/:id/commit`: how spec files name a route. */
  key: string;
  controller: string;
  handler: string;
  /** The class of the `@Body()` parameter; `Object` for a body without a DTO; null for none. */
  body: Function | null; // eslint-disable-line @typescript-eslint/no-unsafe-function-type
  /** The handler reads the raw request (`@Req()`): a multipart upload. */
  readsRequest: boolean;
}

const join = (...parts: (string | undefined)[]) =>
  `/${parts
    .filter((p): p is string => !!p)
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;

/**
 * Every route of `app`'s controllers, from the same metadata Nest registers them by, so that a
 * test over "every route" learns of a new one without being told. `prefix` is the global
 * prefix the app sets (createHttpApp: `api/v1`).
 */
export function routesOf(app: INestApplication, prefix = 'api/v1'): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: unknown[]) => object) | null;
      if (!type) continue;
      const base = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      const proto = type.prototype as Record<string, unknown>;
      for (const handler of Object.getOwnPropertyNames(proto)) {
        const fn = proto[handler];
        if (handler === 'constructor' || typeof fn !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
        const paths = Reflect.getMetadata(PATH_METADATA, fn) as string | string[] | undefined;
        if (method === undefined || paths === undefined) continue;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, type, handler) ?? {}) as Record<
          string,
          { index: number }
        >;
        const types = (Reflect.getMetadata('design:paramtypes', proto, handler) ?? []) as (
          | Function // eslint-disable-line @typescript-eslint/no-unsafe-function-type
          | undefined
        )[];
        const of = (t: RouteParamtypes) =>
          Object.entries(args).filter(([k]) => k.split(':')[0] === String(t));
        const bodyArg = of(RouteParamtypes.BODY)[0];
        const body = bodyArg ? (types[bodyArg[1].index] ?? Object) : null;
        for (const b of base)
          for (const p of ([] as string[]).concat(paths)) {
            // The portal's web pages (@Unprefixed()) are served without the prefix.
            const path = join(isUnprefixed(type) ? '' : prefix, b, p);
            const name = RequestMethod[method] as keyof typeof RequestMethod;
            routes.push({
              method: name,
              path,
              key: `${name} ${path}`,
              controller: type.name,
              handler,
              body,
              readsRequest: of(RouteParamtypes.REQUEST).length > 0,
            });
          }
      }
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}

/** The routes that change something: POST, PUT, PATCH and DELETE. */
export const writeRoutesOf = (app: INestApplication, prefix?: string) =>
  routesOf(app, prefix).filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method));
