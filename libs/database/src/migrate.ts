import { DataSource } from 'typeorm';
import { seedWorkCalendar } from './calendar/seed-calendar';
import { releaseMigrationLock, takeMigrationLock } from './migration-lock.repository';

/**
 * Runs pending migrations while holding a session advisory lock, then refreshes the data
 * seeded from packages (the working-day calendar, see seedWorkCalendar); returns the names of
 * the migrations applied.
 */
export async function runMigrations(ds: DataSource): Promise<string[]> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await takeMigrationLock(runner);
    const done = await ds.runMigrations({ transaction: 'each' });
    await seedWorkCalendar(ds);
    return done.map((m) => m.name);
  } finally {
    await releaseMigrationLock(runner);
    await runner.release();
  }
}
