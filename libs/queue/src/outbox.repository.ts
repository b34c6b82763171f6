import type { EntityManager } from 'typeorm';
import type { QueueName } from './jobs';

/** An outbox row as the relay hands it to BullMQ. */
export interface OutboxRow {
  id: string;
  queue: QueueName;
  job: string;
  payload: Record<string, unknown>;
}

/** Inserts one row; its trigger notifies the relay (LISTEN outbox) when the transaction commits. */
export async function insertOutboxRow(
  m: EntityManager,
  queue: QueueName,
  job: string,
  payload: unknown,
): Promise<string> {
  const [row] = (await m.query(
    'INSERT INTO outbox (queue, job, payload) VALUES ($1, $2, $3) RETURNING id',
    [queue, job, JSON.stringify(payload)],
  )) as { id: string }[];
  return row.id;
}

/**
 * Up to `limit` rows never relayed, oldest first, locked; rows another relay holds are skipped.
 * `outbox.id`, not `id`: a bare name would sort by the text output column ('10' before '9').
 */
export async function claimNewOutboxRows(m: EntityManager, limit: number): Promise<OutboxRow[]> {
  return (await m.query(
    `SELECT id::text, queue, job, payload FROM outbox WHERE relayed_at IS NULL
     ORDER BY outbox.id LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  )) as OutboxRow[];
}

/**
 * Up to `limit` rows relayed more than `afterMs` ago whose job has not finished, longest
 * waiting first, locked; rows another relay holds are skipped.
 */
export async function claimUndoneOutboxRows(
  m: EntityManager,
  limit: number,
  afterMs: number,
): Promise<OutboxRow[]> {
  return (await m.query(
    `SELECT id::text, queue, job, payload FROM outbox
     WHERE done_at IS NULL AND relayed_at < clock_timestamp() - $2 * interval '1 millisecond'
     ORDER BY relayed_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit, afterMs],
  )) as OutboxRow[];
}

export async function noteOutboxRelayFailed(
  m: EntityManager,
  ids: string[],
  error: string,
): Promise<void> {
  await m.query(
    'UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])',
    [ids, error],
  );
}

export async function markOutboxRelayed(m: EntityManager, ids: string[]): Promise<void> {
  await m.query(
    'UPDATE outbox SET relayed_at = clock_timestamp(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::bigint[])',
    [ids],
  );
}

/**
 * Puts rows back to wait another redelivery interval without handing them to BullMQ (their
 * failed job's next round is not due yet).
 */
export async function deferOutboxRows(m: EntityManager, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await m.query('UPDATE outbox SET relayed_at = clock_timestamp() WHERE id = ANY($1::bigint[])', [
    ids,
  ]);
}

/** Marks the row's job finished, so the relay stops handing it to BullMQ again. */
export async function markOutboxDone(m: EntityManager, id: string): Promise<void> {
  await m.query('UPDATE outbox SET done_at = clock_timestamp() WHERE id = $1 AND done_at IS NULL', [
    id,
  ]);
}

/** {@link markOutboxDone} for the jobs of a batch, in one statement. */
export async function markOutboxRowsDone(m: EntityManager, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await m.query(
    'UPDATE outbox SET done_at = clock_timestamp() WHERE id = ANY($1::bigint[]) AND done_at IS NULL',
    [ids],
  );
}

/** A client on which notifications can be received (pg's `Client`). */
export interface NotificationClient {
  query(sql: string): Promise<unknown>;
}

/** Subscribes `client` to the notifications outbox inserts send. */
export async function listenForOutbox(client: NotificationClient): Promise<void> {
  await client.query('LISTEN outbox');
}

/** How far the relay is behind: rows not yet handed to BullMQ, and how long the oldest waits. */
export interface OutboxLag {
  unrelayed: number;
  /**
   * Seconds since the next row the relay will take (the lowest id, which it relays first) was
   * written; 0 when there is none.
   */
  oldestAgeSeconds: number;
}

/** Both by the partial index of unrelayed rows, without reading them all. */
export async function outboxLag(m: EntityManager): Promise<OutboxLag> {
  const [row] = (await m.query(
    `SELECT (SELECT count(*) FROM outbox WHERE relayed_at IS NULL)::int AS unrelayed,
            coalesce(extract(epoch FROM clock_timestamp() - (
              SELECT created_at FROM outbox WHERE relayed_at IS NULL ORDER BY id LIMIT 1)), 0)::float8
              AS "oldestAgeSeconds"`,
  )) as OutboxLag[];
  return row;
}
