import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ACCESS_KEY, AccessPolicy, IS_PUBLIC } from '@spotcheck/auth';
import type { Method } from '../support/api';

/** One route of an app, as Nest registered it, with the access its handler declares. */
export interface Route {
  method: Method;
  /** As Fastify serves it, global prefix included: `/api/v1/plans/:id`. */
  path: string;
  /** `GET /api/v1/plans/:id`: the route's name in the matrix and in failures. */
  key: string;
  /** `PlanController.get`. */
  handler: string;
  /** The handler's own `@Access` (a class-level one does not count). */
  access?: AccessPolicy;
  /** The handler's own `@Public()`. */
  isPublic: boolean;
}

const PREFIXES = ['/api/v1', ''];

const joinPath = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`;

const paths = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : [String(v ?? '')]);

/**
 * Every route of a booted app, found from Nest's own registry (its modules' controllers and the
 * handlers' route metadata), each checked to be served by Fastify under the path given.
 */
export function routesOf(app: NestFastifyApplication): Route[] {
  const fastify = app.getHttpAdapter().getInstance();
  const routes: Route[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...a: never[]) => object) | null;
      if (!type) continue;
      const proto = type.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const fn = proto[name];
        if (name === 'constructor' || typeof fn !== 'function') continue;
        const own = Reflect.getMetadata(PATH_METADATA, fn) as unknown;
        if (own === undefined) continue;
        const method = RequestMethod[
          Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod
        ] as Method;
        for (const base of paths(Reflect.getMetadata(PATH_METADATA, type)))
          for (const sub of paths(own)) {
            const path = PREFIXES.map((p) => joinPath(p, base, sub)).find((url) =>
              fastify.hasRoute({ method, url }),
            );
            if (!path) throw new Error(`${type.name}.${name}: no Fastify route for ${base}/${sub}`);
            routes.push({
              method,
              path,
              key: `${method} ${path}`,
              handler: `${type.name}.${name}`,
              access: Reflect.getMetadata(ACCESS_KEY, fn) as AccessPolicy | undefined,
              isPublic: Reflect.getMetadata(IS_PUBLIC, fn) === true,
            });
          }
      }
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}

/** The routes the app's OpenAPI document lists, in the same `METHOD /path/:param` form. */
export async function documentedRoutes(app: NestFastifyApplication): Promise<string[]> {
  const r = await app.inject({ method: 'GET', url: '/docs-json' });
  const doc = r.json() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`),
  );
}
