import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Credit-risk history of enterprises, for the trace by enterprise: one row per
 * change of `enterprise.risk_class`, written by a trigger so that every path that changes it
 * (API, import, later the worker's risk feedback) is recorded. Inserts write nothing — the
 * class an enterprise was registered with is the first change's `from_class`, or its current
 * class when it never changed — so a million-row import does not pay for history.
 */
export class RiskHistory1765000000000 implements MigrationInterface {
  name = 'RiskHistory1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE enterprise_risk_change (
        id         bigserial PRIMARY KEY,
        uscc       text COLLATE "C" NOT NULL REFERENCES enterprise (uscc),
        from_class text NOT NULL CHECK (from_class IN ('A','B','C','D')),
        to_class   text NOT NULL CHECK (to_class IN ('A','B','C','D')),
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX enterprise_risk_change_uscc_idx ON enterprise_risk_change (uscc, changed_at)`,
    );
    await q.query(`
      CREATE FUNCTION enterprise_risk_change_record() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO enterprise_risk_change (uscc, from_class, to_class)
        VALUES (NEW.uscc, OLD.risk_class, NEW.risk_class);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER enterprise_risk_change_record
        AFTER UPDATE OF risk_class ON enterprise
        FOR EACH ROW WHEN (OLD.risk_class IS DISTINCT FROM NEW.risk_class)
        EXECUTE FUNCTION enterprise_risk_change_record()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER enterprise_risk_change_record ON enterprise`);
    await q.query(`DROP FUNCTION enterprise_risk_change_record()`);
    await q.query(`DROP TABLE enterprise_risk_change`);
  }
}
