import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Result items are written by the thousand (a bulk upload carries up to 20,000), so their
 * table checks per statement what it used to check per row:
 *
 * - The guard against changing an issued report's items stays a row trigger for UPDATE and
 *   DELETE, which touch a few rows at a time. INSERT is checked once per statement, over the
 *   statement's new rows (a transition table): every item must belong to an existing report
 *   that is not issued. A per-row plpgsql trigger cost about a third of a 20,000-item COPY.
 * - That same check replaces the foreign key from `lab_report_item.report_id` to
 *   `lab_report`, whose per-row lookup cost another quarter. A foreign key also guards the
 *   other side — a report deleted under its items — so `lab_report` now refuses every
 *   DELETE (it refused deleting an issued version before; nothing deletes drafts, and a report
 *   is a record of the lab's work). An item never moves between reports (row trigger). So
 *   every item still refers to a report, as the foreign key guaranteed.
 */
export class LabReportItemBulk1765700000000 implements MigrationInterface {
  name = 'LabReportItemBulk1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION lab_report_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          RAISE EXCEPTION '% is never truncated', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'lab_report %: a report is never deleted; correct or amend it', OLD.id
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.state = 'issued' THEN
          RAISE EXCEPTION 'lab_report %: an issued report cannot change (% refused); amend it',
            OLD.id, TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`DROP TRIGGER lab_report_item_fixed ON lab_report_item`);
    await q.query(`CREATE TRIGGER lab_report_item_fixed BEFORE UPDATE OR DELETE ON lab_report_item
                   FOR EACH ROW EXECUTE FUNCTION lab_report_item_guard()`);
    await q.query(`
      CREATE FUNCTION lab_report_item_insert_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        bad record;
      BEGIN
        SELECT i.report_id, r.state INTO bad
          FROM (SELECT DISTINCT report_id FROM inserted) i
          LEFT JOIN lab_report r ON r.id = i.report_id
         WHERE r.id IS NULL OR r.state = 'issued'
         LIMIT 1;
        IF FOUND AND bad.state IS NULL THEN
          RAISE EXCEPTION 'lab_report_item: report % does not exist', bad.report_id
            USING ERRCODE = 'foreign_key_violation';
        ELSIF FOUND THEN
          RAISE EXCEPTION 'lab_report %: the items of an issued report cannot change (INSERT refused)',
            bad.report_id USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER lab_report_item_inserted AFTER INSERT ON lab_report_item
                   REFERENCING NEW TABLE AS inserted
                   FOR EACH STATEMENT EXECUTE FUNCTION lab_report_item_insert_guard()`);
    await q.query(`ALTER TABLE lab_report_item DROP CONSTRAINT lab_report_item_report_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE lab_report_item ADD CONSTRAINT lab_report_item_report_id_fkey
                   FOREIGN KEY (report_id) REFERENCES lab_report (id)`);
    await q.query(`DROP TRIGGER lab_report_item_inserted ON lab_report_item`);
    await q.query(`DROP FUNCTION lab_report_item_insert_guard()`);
    await q.query(`DROP TRIGGER lab_report_item_fixed ON lab_report_item`);
    await q.query(`CREATE TRIGGER lab_report_item_fixed BEFORE INSERT OR UPDATE OR DELETE ON lab_report_item
                   FOR EACH ROW EXECUTE FUNCTION lab_report_item_guard()`);
    await q.query(`
      CREATE OR REPLACE FUNCTION lab_report_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          RAISE EXCEPTION '% is never truncated', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.state = 'issued' THEN
          RAISE EXCEPTION 'lab_report %: an issued report cannot change (% refused); amend it',
            OLD.id, TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
  }
}
