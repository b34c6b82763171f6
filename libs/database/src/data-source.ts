import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { WatchedClient } from './watched-client';

/** How long the pool waits for PostgreSQL (see DATABASE_CONNECT_TIMEOUT_MS and DATABASE_ANSWER_CHECK_MS). */
export interface PoolTimeouts {
  /** Opening a connection, or waiting for a free one from a full pool; then it fails. */
  connectTimeoutMs?: number;
  /** A statement waiting this long has the server checked (WatchedClient); 0: never. */
  answerCheckMs?: number;
}

export function dataSourceOptions(
  url: string,
  poolSize = 10,
  timeouts: PoolTimeouts = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: poolSize,
      application_name: process.env.APP_NAME ?? 'spotcheck',
      // Without it a server that accepts TCP but never answers makes requests wait for ever.
      connectionTimeoutMillis: timeouts.connectTimeoutMs ?? 5000,
      Client: WatchedClient,
      answerCheckMs: timeouts.answerCheckMs ?? 0,
    },
  };
}

export function createDataSource(url: string, poolSize = 10, timeouts?: PoolTimeouts): DataSource {
  return new DataSource(dataSourceOptions(url, poolSize, timeouts));
}
