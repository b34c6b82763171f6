import fastifyStatic from '@fastify/static';
import { DynamicModule, Inject, Logger, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Which console an app serves: the built bundle is one, the pages it opens differ. */
export type ConsoleApp = 'tasks' | 'labs';

export interface ConsoleStaticOptions {
  app: ConsoleApp;
  /** The built bundle; default `CONSOLE_DIR`, else `dist/console` of the repository. */
  dir?: string;
}

export const CONSOLE_PATH = '/console';

/**
 * Headers of every console document. The bundle loads only its own scripts; antd writes its
 * styles into <style> elements at run time, hence 'unsafe-inline' for styles alone.
 */
const DOCUMENT_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
};

/** The repository (or image) root: the nearest folder above this file with a package.json. */
function packageRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

export function consoleDir(given?: string): string {
  return resolve(
    given ?? process.env.CONSOLE_DIR ?? join(packageRoot(__dirname), 'dist', 'console'),
  );
}

/**
 * The public web site's built scripts (`npm run build:site`, apps/public-portal/site-web):
 * dist/site of the repository or image, or SITE_DIR.
 */
export function siteDir(given?: string): string {
  return resolve(given ?? process.env.SITE_DIR ?? join(packageRoot(__dirname), 'dist', 'site'));
}

/** Every file of the bundle by its path relative to `root`, with `/` separators. */
function filesOf(root: string): Set<string> {
  const out = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.add(relative(root, full).split(sep).join('/'));
    }
  };
  walk(root);
  return out;
}

/**
 * Serves the built console (apps/console-web) at /console/: hashed files under assets/ are
 * cached for a year as immutable, everything else is revalidated, and any other path under
 * /console/ answers the single page's index.html (the browser's router reads the path). The
 * bundle is read once at start-up; its .gz and .br twins are served to browsers that take them.
 *
 * These are plain Fastify routes beside Nest's: they carry no data and sign nobody in, so the
 * auth guard (which sits on Nest's handlers) never sees them, and the API's access matrix,
 * which covers Nest's routes, does not list them.
 */
@Module({})
export class ConsoleStaticModule implements OnModuleInit {
  private readonly logger = new Logger('Console');

  constructor(
    private readonly adapter: HttpAdapterHost,
    @Inject('CONSOLE_STATIC_OPTIONS') private readonly options: ConsoleStaticOptions,
  ) {}

  static forRoot(options: ConsoleStaticOptions): DynamicModule {
    return {
      module: ConsoleStaticModule,
      providers: [{ provide: 'CONSOLE_STATIC_OPTIONS', useValue: options }],
    };
  }

  onModuleInit(): void {
    const fastify = this.adapter.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    // An application context without HTTP (a script, the worker) has nothing to serve.
    if (!fastify || typeof fastify.get !== 'function') return;
    const root = consoleDir(this.options.dir);
    const index = join(root, 'index.html');
    if (!existsSync(index)) {
      this.logger.warn(`no console bundle at ${root}: run npm run build; /console/ answers 404`);
      fastify.get(`${CONSOLE_PATH}/*`, (_req, reply) => notBuilt(reply));
      fastify.get(CONSOLE_PATH, (_req, reply) => notBuilt(reply));
      return;
    }
    const files = filesOf(root);
    // Which console this app opens: read by the bundle before it draws anything.
    const html = readFileSync(index, 'utf8').replace(
      '<html ',
      `<html data-console="${this.options.app}" `,
    );
    void fastify.register(fastifyStatic, { root, serve: false, preCompressed: true });

    fastify.get(CONSOLE_PATH, (_req, reply) => reply.redirect(`${CONSOLE_PATH}/`, 301));
    fastify.get(
      `${CONSOLE_PATH}/*`,
      (req: FastifyRequest<{ Params: { '*': string } }>, reply: FastifyReply) => {
        const path = req.params['*'] ?? '';
        if (path !== 'index.html' && files.has(path)) {
          const hashed = path.startsWith('assets/');
          return reply.sendFile(path, {
            cacheControl: true,
            maxAge: hashed ? 365 * 24 * 3600 * 1000 : 0,
            immutable: hashed,
          });
        }
        // A hashed file that is not there is an old page asking for an old bundle: index.html
        // in its place would be read as script and fail obscurely.
        if (path.startsWith('assets/'))
          return reply.status(404).send({
            statusCode: 404,
            code: 'NOT_FOUND',
            message: `${CONSOLE_PATH}/${path} not found; reload the page`,
          });
        return reply
          .headers({ ...DOCUMENT_HEADERS, 'cache-control': 'no-cache' })
          .type('text/html; charset=utf-8')
          .send(html);
      },
    );
  }
}

function notBuilt(reply: FastifyReply) {
  return reply.status(404).send({
    statusCode: 404,
    code: 'CONSOLE_NOT_BUILT',
    message: 'the console is not built: run npm run build',
  });
}
