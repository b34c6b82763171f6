import { DataSource } from 'typeorm';
import { seedWorkCalendar } from './calendar/seed-calendar';

/** One lock for the whole cluster so replicas starting together migrate once. */
const MIGRATION_LOCK = 7_349_120_001;

/**
 * Runs pending migrations while holding a session advisory lock, then refreshes the data
 * seeded from packages (the working-day calendar, see seedWorkCalendar); returns the names of
 * the migrations applied.
 */
export async function runMigrations(ds: DataSource): Promise<string[]> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const done = await ds.runMigrations({ transaction: 'each' });
    await seedWorkCalendar(ds);
    return done.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
