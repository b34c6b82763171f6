import { HttpStatus } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { AppException, invalid } from '../errors/app.exception';
import {
  claimIdempotencyKey,
  deleteExpiredIdempotencyKeys,
  storeIdempotentAnswer,
  storedIdempotentAnswer,
} from './idempotency.repository';

/** What a write answers: the HTTP status and body a retry must get again. */
export interface WriteAnswer<T> {
  status: number;
  body: T;
}

export interface IdempotentAnswer<T> extends WriteAnswer<T> {
  /** True when this is the stored answer of an earlier request with the same key. */
  replayed: boolean;
}

export interface IdempotencyRequest {
  /** Who and where: the same key from another client or route is another key. */
  scope: string;
  /** The `Idempotency-Key` header, if the client sent one. */
  key: string | undefined;
  /** SHA-256 of the request body: a key reused for a different body is refused. */
  requestSha256: string;
}

const KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * Runs a write once per idempotency key (the `Idempotency-Key` header of the IETF draft).
 *
 * The key is claimed by inserting it in the write's own transaction, and the answer is stored
 * in that transaction too, so exactly one of these holds after a request: the write and its
 * answer are both committed, or neither is. A retry after a commit gets the stored answer; a
 * retry after a failure runs again (a 4xx is not stored: the same bad request gets the same
 * 4xx by running again). Two copies arriving at once: the second one's insert waits on the
 * first one's uncommitted key (PostgreSQL's unique index), then finds it and replays the
 * answer — or, if the first rolled back, claims the key and runs.
 *
 * Without a key the write simply runs in a transaction.
 */
export async function idempotent<T>(
  ds: DataSource,
  req: IdempotencyRequest,
  work: (m: EntityManager) => Promise<WriteAnswer<T>>,
): Promise<IdempotentAnswer<T>> {
  if (req.key === undefined) {
    const a = await ds.transaction(work);
    return { ...a, replayed: false };
  }
  if (!KEY.test(req.key))
    throw invalid([
      {
        field: 'Idempotency-Key',
        reason: 'must be 1–200 visible ASCII characters (a UUID is a good choice)',
      },
    ]);
  const key = req.key;
  return ds.transaction(async (m) => {
    if (!(await claimIdempotencyKey(m, req.scope, key, req.requestSha256))) {
      const seen = await storedIdempotentAnswer<T>(m, req.scope, key);
      if (seen.requestSha256 !== req.requestSha256)
        throw new AppException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'IDEMPOTENCY_KEY_REUSED',
          'this Idempotency-Key was used for a different request body; use a new key for a new request',
          { field: 'Idempotency-Key' },
        );
      return { status: seen.status, body: seen.response, replayed: true };
    }
    // Keys live a day. Each new claim clears up to 100 expired ones, so the table keeps
    // itself small without a scheduled job.
    await deleteExpiredIdempotencyKeys(m);
    const answer = await work(m);
    await storeIdempotentAnswer(m, req.scope, key, answer.status, answer.body);
    return { ...answer, replayed: false };
  });
}
