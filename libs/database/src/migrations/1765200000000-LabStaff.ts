import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A lab's staff and their roles in the review chain: tester, reviewer, authorised
 * signatory (授权签字人). A person is the JWT `sub` of a lab token; the four-eyes rules compare
 * these. One person may hold several roles; the rules forbid doing two steps of the same
 * report, not holding two roles.
 */
export class LabStaff1765200000000 implements MigrationInterface {
  name = 'LabStaff1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE lab_staff (
        lab_id     uuid NOT NULL REFERENCES lab (id),
        sub        text NOT NULL CHECK (length(sub) BETWEEN 1 AND 200),
        name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        roles      text[] NOT NULL
                   CHECK (cardinality(roles) >= 1 AND roles <@ ARRAY['tester','reviewer','signatory']),
        active     boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (lab_id, sub)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE lab_staff`);
  }
}
