import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `rate_target` — the targets rates are shown against (docs/rules.md §3.6), per jurisdiction,
 * sector, year and metric: a pass rate (合格率) or the problem disposal rate (问题处置率), in
 * percent with two decimals. Admins edit them (audited); a target set for a jurisdiction holds
 * in its subtree, and stands for the following years until a newer one is set.
 *
 * Seeded with the 2025 targets of the region's quality outline for Inner Mongolia (150000):
 * manufacturing products 96.5 %, consumer goods 94 %, agricultural and livestock products 98 %,
 * essential medicines 98 % (pass rates), and food sampling problem disposal 100 %.
 */
export class RateTargets1767000000000 implements MigrationInterface {
  name = 'RateTargets1767000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rate_target (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        jurisdiction text COLLATE "C" NOT NULL CHECK (jurisdiction ~ '^[0-9]{6}$'),
        sector       text NOT NULL
                     CHECK (sector IN ('manufacturing','consumer_goods','agricultural','food','drug')),
        year         integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        metric       text NOT NULL CHECK (metric IN ('pass_rate','disposal_rate')),
        target       numeric(5,2) NOT NULL CHECK (target BETWEEN 0 AND 100),
        source       text NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
        note         text CHECK (length(note) BETWEEN 1 AND 1000),
        created_at   timestamptz NOT NULL DEFAULT now(),
        created_by   text NOT NULL,
        updated_at   timestamptz NOT NULL DEFAULT now(),
        updated_by   text NOT NULL,
        UNIQUE (jurisdiction, sector, year, metric)
      )`);
    await q.query(
      `
      INSERT INTO rate_target (jurisdiction, sector, year, metric, target, source, created_by, updated_by)
      VALUES ('150000', 'manufacturing',  2025, 'pass_rate',     96.5, $1, 'seed', 'seed'),
             ('150000', 'consumer_goods', 2025, 'pass_rate',     94,   $1, 'seed', 'seed'),
             ('150000', 'agricultural',   2025, 'pass_rate',     98,   $1, 'seed', 'seed'),
             ('150000', 'drug',           2025, 'pass_rate',     98,   $1, 'seed', 'seed'),
             ('150000', 'food',           2025, 'disposal_rate', 100,  $1, 'seed', 'seed')`,
      ['质量发展纲要 2025 年目标'],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS rate_target`);
  }
}
