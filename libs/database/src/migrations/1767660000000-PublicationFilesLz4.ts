import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A published list's files are compressed with LZ4 instead of PostgreSQL's default pglz when
 * the server has it (PostgreSQL 14 and later, built with lz4: the Debian and official Docker
 * builds are): storing the 70 MiB JSON of a 100,000-entry list took about 3.7 s with pglz and
 * 1.6 s with LZ4, for a copy half again as large (5.1 against 3.5 MiB, on the publication
 * benchmark's data). Files stored before keep their compression.
 */
export class PublicationFilesLz41767660000000 implements MigrationInterface {
  name = 'PublicationFilesLz41767660000000';

  async up(q: QueryRunner): Promise<void> {
    const [{ lz4 }] = (await q.query(
      `SELECT 'lz4' = ANY(enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`,
    )) as { lz4: boolean }[];
    if (lz4) await q.query(`ALTER TABLE publication_file ALTER COLUMN content SET COMPRESSION lz4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE publication_file ALTER COLUMN content SET COMPRESSION default`);
  }
}
