import type { EntityManager } from 'typeorm';

/** What an earlier request with the same key stored. */
export interface StoredAnswer<T> {
  requestSha256: string;
  status: number;
  response: T;
}

/**
 * Inserts the key unless it exists; true when this transaction claimed it. A copy of the key
 * inserted by a transaction still open makes this wait for that transaction to end.
 */
export async function claimIdempotencyKey(
  m: EntityManager,
  scope: string,
  key: string,
  requestSha256: string,
): Promise<boolean> {
  const claimed = (await m.query(
    `INSERT INTO idempotency_key (scope, key, request_sha256) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING 1`,
    [scope, key, requestSha256],
  )) as unknown[];
  return claimed.length > 0;
}

export async function storedIdempotentAnswer<T>(
  m: EntityManager,
  scope: string,
  key: string,
): Promise<StoredAnswer<T>> {
  const [seen] = (await m.query(
    `SELECT request_sha256 AS "requestSha256", status, response FROM idempotency_key
      WHERE scope = $1 AND key = $2`,
    [scope, key],
  )) as StoredAnswer<T>[];
  return seen;
}

/**
 * Deletes up to 100 keys older than a day; SKIP LOCKED keeps concurrent claims from waiting
 * on one another.
 */
export async function deleteExpiredIdempotencyKeys(m: EntityManager): Promise<void> {
  await m.query(
    `DELETE FROM idempotency_key WHERE ctid IN (
       SELECT ctid FROM idempotency_key WHERE created_at < now() - interval '1 day'
        LIMIT 100 FOR UPDATE SKIP LOCKED)`,
  );
}

export async function storeIdempotentAnswer(
  m: EntityManager,
  scope: string,
  key: string,
  status: number,
  body: unknown,
): Promise<void> {
  await m.query(
    `UPDATE idempotency_key SET status = $3, response = $4, completed_at = now()
      WHERE scope = $1 AND key = $2`,
    [scope, key, status, JSON.stringify(body)],
  );
}
