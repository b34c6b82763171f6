import type { QueryRunner } from 'typeorm';

/** One lock for the whole cluster so replicas starting together migrate once. */
const MIGRATION_LOCK = 7_349_120_001;

/** Waits for the session advisory lock on the runner's connection. */
export async function takeMigrationLock(runner: QueryRunner): Promise<void> {
  await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
}

/** Releases the lock; a connection already gone has released it with its session. */
export async function releaseMigrationLock(runner: QueryRunner): Promise<void> {
  await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
}
