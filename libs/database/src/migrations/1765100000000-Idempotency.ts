import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys (libs/common/src/idempotency): a key is claimed and its answer stored in
 * the transaction of the write it guards, so a row here always has its answer. A key lives
 * a day: each new claim deletes up to 100 older ones.
 */
export class Idempotency1765100000000 implements MigrationInterface {
  name = 'Idempotency1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_key (
        scope          text NOT NULL,
        key            text NOT NULL,
        request_sha256 text NOT NULL CHECK (request_sha256 ~ '^[0-9a-f]{64}$'),
        status         integer,
        response       jsonb,
        created_at     timestamptz NOT NULL DEFAULT now(),
        completed_at   timestamptz,
        PRIMARY KEY (scope, key)
      )`);
    await q.query(`CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_key`);
  }
}
