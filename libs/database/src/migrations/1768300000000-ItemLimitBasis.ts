import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A lab may not change a template item's limit (docs/rules.md §3.4); it may judge by the
 * enterprise's declared standard when that is stricter. `lab_report_item.limit_basis` records
 * it: `{ kind: 'enterprise_standard', reference, templateLimit }` (the standard's number, and
 * the template's limit it replaces), null for the template's own limit or an item outside the
 * template.
 */
export class ItemLimitBasis1768300000000 implements MigrationInterface {
  name = 'ItemLimitBasis1768300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE lab_report_item ADD COLUMN IF NOT EXISTS limit_basis jsonb
        CHECK (limit_basis IS NULL OR jsonb_typeof(limit_basis) = 'object')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE lab_report_item DROP COLUMN IF EXISTS limit_basis`);
  }
}
