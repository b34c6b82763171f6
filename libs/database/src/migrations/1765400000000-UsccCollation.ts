import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `enterprise.uscc` in the "C" collation, like every column that refers to it (tasks,
 * samples, risk changes). With the database's default collation on one side and "C" on the
 * other, a join or a foreign-key check compares under two collations and cannot use the
 * primary key: listing tasks scanned the directory, and checking the 10,000 tasks of a draw
 * took about a second. USCCs are ASCII, so their order is the same under both.
 */
export class UsccCollation1765400000000 implements MigrationInterface {
  name = 'UsccCollation1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE enterprise ALTER COLUMN uscc TYPE text COLLATE "C"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE enterprise ALTER COLUMN uscc TYPE text COLLATE "default"`);
  }
}
