import 'reflect-metadata';
import { loadEnv } from '@spotcheck/common';
import { createDataSource, ensureDatabase, runMigrations } from '@spotcheck/database';

/** `npm run migrate`: creates the database if needed and applies pending migrations. */
export async function migrate(url: string): Promise<string[]> {
  await ensureDatabase(url);
  const ds = createDataSource(url, 2);
  await ds.initialize();
  try {
    return await runMigrations(ds);
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  migrate(loadEnv().DATABASE_URL).then(
    (ran) => console.log(ran.length ? `applied: ${ran.join(', ')}` : 'schema is up to date'),
    (e: Error) => {
      console.error(`migration failed: ${e.message}`);
      process.exit(1);
    },
  );
}
