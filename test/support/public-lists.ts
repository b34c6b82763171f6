import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Principal } from '@spotcheck/auth';
import { createHttpApp } from '@spotcheck/common';
import {
  PublicationDocuments,
  PublicationFileStore,
  PublicationRepository,
} from '@spotcheck/database';
import { DataSource } from 'typeorm';
import { regulatorOf } from '../medium/factories/publications';
import type { Api } from './api';

/**
 * The public portal as main.ts runs it (rate limit, security headers, ETags), its version
 * read on every request (PUBLIC_VERSION_CHECK_MS=0) so that a test sees what it published,
 * and `limit` requests a minute per address.
 */
export async function bootPortal(limitPerMinute = 100_000): Promise<NestFastifyApplication> {
  const before = { ...process.env };
  process.env.PUBLIC_VERSION_CHECK_MS = '0';
  process.env.PUBLIC_RATE_LIMIT_PER_MINUTE = String(limitPerMinute);
  try {
    // Config is read when the module loads: after the environment is set.
    const { PublicPortalModule } = await import('../../apps/public-portal/src/app.module');
    const { PUBLIC_PORTAL } = await import('../../apps/public-portal/src/main');
    const app = await createHttpApp(PublicPortalModule, { ...PUBLIC_PORTAL, defaultPort: 0 });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return app;
  } finally {
    for (const k of ['PUBLIC_VERSION_CHECK_MS', 'PUBLIC_RATE_LIMIT_PER_MINUTE'])
      if (before[k] === undefined) delete process.env[k];
      else process.env[k] = before[k];
  }
}

export interface Regulators {
  alice: Principal;
  bob: Principal;
}

export const regulatorsOf = (jurisdiction: string): Regulators => ({
  alice: regulatorOf(jurisdiction, 'alice'),
  bob: regulatorOf(jurisdiction, 'bob'),
});

/** Makes a version searchable, as the worker does after rendering it. */
export async function indexForSearch(ds: DataSource, publicationId: string): Promise<number> {
  const [row] = (await ds.query(`SELECT public_search_index($1) AS n`, [publicationId])) as {
    n: number;
  }[];
  return row.n;
}

type Step = 'draft' | 'approved' | 'published';

/**
 * The jurisdiction's next list through the regulators' API, taken to `until` (published by
 * default) and, once published, indexed for search. Returns the version as the API answers.
 */
export async function listUpTo(
  tasks: Api,
  ds: DataSource,
  r: Regulators,
  until: Step = 'published',
): Promise<Record<string, unknown>> {
  const draft = await tasks.created(r.alice, '/api/v1/publications', {});
  return advance(tasks, ds, r, draft.id as string, until, draft);
}

/** A correction (or, with `withdraw`, a withdrawal) of a published version, published. */
export async function supersede(
  tasks: Api,
  ds: DataSource,
  r: Regulators,
  id: string,
  body: { reason: string; remove?: string[] },
  withdraw = false,
): Promise<Record<string, unknown>> {
  const draft = await tasks.created(
    r.alice,
    `/api/v1/publications/${id}/${withdraw ? 'withdrawal' : 'corrections'}`,
    body,
  );
  return advance(tasks, ds, r, draft.id as string, 'published', draft);
}

async function advance(
  tasks: Api,
  ds: DataSource,
  r: Regulators,
  id: string,
  until: Step,
  draft: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  if (until === 'draft') return draft;
  const approved = await tasks.post(r.bob, `/api/v1/publications/${id}/approve`);
  if (approved.statusCode !== 200) throw new Error(`approve: ${approved.body}`);
  if (until === 'approved') return approved.json() as Record<string, unknown>;
  const published = await tasks.post(r.alice, `/api/v1/publications/${id}/publish`);
  if (published.statusCode !== 200) throw new Error(`publish: ${published.body}`);
  await indexForSearch(ds, id);
  return published.json() as Record<string, unknown>;
}

/** Renders a published version's files and stores them, as the worker does. */
export async function renderFiles(portal: NestFastifyApplication, id: string): Promise<void> {
  const { renderPublication } =
    await import('../../apps/worker/src/publications/publication-files');
  const ds = portal.get(DataSource);
  const documents = portal.get(PublicationDocuments);
  const row = await portal.get(PublicationRepository).find(ds.manager, id);
  if (!row) throw new Error(`no publication ${id}`);
  const files = await renderPublication(await documents.of(ds.manager, row));
  await portal.get(PublicationFileStore).put(id, files);
}
