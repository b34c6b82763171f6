import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Principal } from '@spotcheck/auth';
import { commitmentOf, completeUscc } from '@spotcheck/domain';
import { ADMIN, bearer, dataSource } from './app';

/**
 * What the e2e spec files share to build their small worlds over HTTP. The spec files run in
 * one database, one after another (and runs may share it), so everything a file creates carries
 * RUN and a mark of its own.
 */

/** This run's tag in codes, staff numbers and USCCs. */
export const RUN = String(process.pid % 10000).padStart(4, '0');

/**
 * A source of fresh valid USCCs `91{region}{mark}{RUN}{nnn}`; the two-letter `mark` keeps one
 * spec file's enterprises apart from another's.
 */
export function usccSource(mark: string, defaultRegion = '150102'): (region?: string) => string {
  let seq = 0;
  return (region = defaultRegion) =>
    completeUscc(`91${region}${mark}${RUN}${String(++seq).padStart(3, '0')}`);
}

/** The seed of a spec file's draw number `n`: unique per run, long enough for the seed rules. */
export const seedOf = (file: string, n: number | string) =>
  `${file}-e2e-seed-${process.pid}-${n}-0123456789abcdef`;

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** inject() requests signed in as a principal (null: no token). */
export interface Api {
  req(p: Principal | null, method: Method, url: string, payload?: unknown): ReturnType<Inject>;
  get(p: Principal, url: string): ReturnType<Inject>;
  post(p: Principal, url: string, payload?: unknown): ReturnType<Inject>;
  /** POSTs and returns the created body; throws with the answer unless it is a 201. */
  created(p: Principal, url: string, payload: unknown): Promise<Record<string, unknown>>;
}
type Inject = (opts: object) => Promise<Awaited<ReturnType<NestFastifyApplication['inject']>>>;

/** The requests of the app `app()` returns (a getter: spec files boot theirs in beforeAll). */
export function apiOf(app: () => NestFastifyApplication): Api {
  const req: Api['req'] = (p, method, url, payload) =>
    app().inject({
      method,
      url,
      headers: p ? bearer(p) : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const post: Api['post'] = (p, url, payload = {}) => req(p, 'POST', url, payload);
  return {
    req,
    get: (p, url) => req(p, 'GET', url),
    post,
    async created(p, url, payload) {
      const r = await post(p, url, payload);
      if (r.statusCode !== 201) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
      return r.json() as Record<string, unknown>;
    },
  };
}

/**
 * Adds category `code` to the catalogue as an admin, with one test item. An earlier run's
 * (409) is as good.
 */
export async function ensureCategory(
  api: Api,
  code: string,
  sector = 'manufacturing',
): Promise<void> {
  const r = await api.post(ADMIN, '/api/v1/catalog/categories', {
    code,
    name: code,
    sector,
    items: [{ code: 'X1', name: '项目', limit: '≤0.5' }],
  });
  if (r.statusCode !== 201 && r.statusCode !== 409) throw new Error(`${code}: ${r.body}`);
}

/** Commits plan `id` to `seed` and draws it, as `p`; throws unless both succeed. */
export async function commitAndDraw(
  api: Api,
  p: Principal,
  id: string,
  seed: string,
): Promise<void> {
  const c = await api.post(p, `/api/v1/plans/${id}/commit`, { commitment: commitmentOf(seed) });
  if (c.statusCode !== 200) throw new Error(`commit: ${c.statusCode} ${c.body}`);
  const d = await api.post(p, `/api/v1/plans/${id}/draw`, { seed });
  if (d.statusCode !== 201) throw new Error(`draw: ${d.statusCode} ${d.body}`);
}

/** The audit rows of an entity (of one action, if given), oldest first. */
export const auditOf = async (app: NestFastifyApplication, entityId: string, action?: string) =>
  (await dataSource(app).query(
    `SELECT action, entity_type AS "entityType", actor, detail FROM audit_log
      WHERE entity_id = $1 ${action ? 'AND action = $2' : ''} ORDER BY seq`,
    action ? [entityId, action] : [entityId],
  )) as { action: string; entityType: string; actor: string; detail: Record<string, unknown> }[];

/**
 * A step of a spec file's story, run by the first test that needs it and shared after: each
 * test calls the steps it builds on, so it passes alone (`-t`) as well as in file order.
 */
export function once<T>(step: () => Promise<T>): () => Promise<T> {
  let done: Promise<T> | undefined;
  return () => (done ??= step());
}
