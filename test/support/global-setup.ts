// Runs outside Jest's module registry, where moduleNameMapper does not apply: the path aliases
// are registered first, for the libraries the migration run loads.
import './register-aliases';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource } from '../../libs/database/src/data-source';
import { runMigrations } from '../../libs/database/src/migrate';
import {
  ensureDatabase,
  postgresAnswers,
  withDatabase,
} from '../../libs/database/src/test-database';

/**
 * One fresh database per test run, migrated once; the URL reaches the test files through the
 * environment. The server is the one at TEST_DATABASE_URL (default: local PostgreSQL).
 */
export default async function globalSetup(): Promise<void> {
  const server = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!(await postgresAnswers(server))) {
    throw new Error(`No PostgreSQL at ${server}. Start one (see README) or set TEST_DATABASE_URL.`);
  }
  const name = `spotcheck_test_${Date.now().toString(36)}_${process.pid}`;
  const url = withDatabase(server, name);
  await ensureDatabase(url);
  const ds = createDataSource(url, 2);
  await ds.initialize();
  await runMigrations(ds);
  await ds.destroy();
  process.env.DATABASE_URL = url;
  process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
  // Queues of this run live under their own prefix so concurrent runs do not meet.
  process.env.QUEUE_PREFIX = `{spotcheck-test-${process.pid}}`;
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL ??= 'warn';
  process.env.MIGRATIONS_RUN = 'false';
  // Keys unique across the run's spec files (test/support/claims.ts).
  process.env.TEST_CLAIMS_DIR = mkdtempSync(join(tmpdir(), 'spotcheck-claims-'));
}
