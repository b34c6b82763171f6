import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

/**
 * Runs `COPY … FROM STDIN` on the manager's connection (inside its transaction, if any); see
 * copyInto.
 */
export async function copyIn(
  m: EntityManager,
  sql: string,
  chunks: Iterable<string | Buffer>,
): Promise<void> {
  if (!m.queryRunner) throw new Error('copyIn needs a manager bound to a query runner');
  await copyInto((await m.queryRunner.connect()) as PoolClient, sql, chunks);
}

/**
 * Runs `COPY … FROM STDIN` (text or binary, as `sql` says) on `client` and writes `chunks` to
 * it with backpressure. Rows may straddle chunks: COPY reads a byte stream. Rejects with
 * PostgreSQL's error when a row is refused; the transaction is then for the caller to roll back.
 */
export async function copyInto(
  client: PoolClient,
  sql: string,
  chunks: Iterable<string | Buffer>,
): Promise<void> {
  const stream = client.query(copyFrom(sql)) as Writable;
  try {
    for (const chunk of chunks) if (!stream.write(chunk)) await once(stream, 'drain');
    stream.end();
    await finished(stream);
  } catch (e) {
    stream.destroy(e as Error);
    await finished(stream).catch(() => undefined);
    throw e;
  }
}
