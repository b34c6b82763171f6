import { rmSync } from 'node:fs';
import { dropDatabase } from '../../libs/database/src/test-database';

export default async function globalTeardown(): Promise<void> {
  if (process.env.TEST_CLAIMS_DIR)
    rmSync(process.env.TEST_CLAIMS_DIR, { recursive: true, force: true });
  if (process.env.DATABASE_URL && !process.env.KEEP_TEST_DATABASE)
    await dropDatabase(process.env.DATABASE_URL);
}
