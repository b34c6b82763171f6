import { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_SECTOR_RULES, RULE_LABELS_ZH, SECTORS } from '@spotcheck/domain';

/**
 * `sector_rule` — the sector rules table (docs/rules.md §3.3, §3.5; libs/domain
 * sector-rules.ts): per sector, the periods (sample delivery, testing, the objection window, the
 * decision on an objection, retest testing; each a number of working or calendar days), how
 * long a backup is kept after a pass and after a fail (months), and whether failed microbial
 * items and expired backups may be retested. `rules` holds them as libs/domain's
 * `SectorRuleSet`, each value with its legal source beside it; the application validates it
 * (`sectorRuleSetProblems`) before writing.
 *
 * Versioned and append-only: version 1 of each sector is seeded here from libs/domain's
 * `DEFAULT_SECTOR_RULES` (food under the Food Safety Law and SAMR Order 15, every other sector
 * under the Product Quality Law and SAMR Order 18); an admin's edit inserts version n + 1 with
 * its `reason`, `set_by` and `set_at`; a trigger refuses UPDATE, DELETE and TRUNCATE. A sector's
 * rules in force are its highest version.
 *
 * Each deadline computed from a rule keeps a reference to it (libs/domain `RuleRef`: sector,
 * version, rule, value, source), so an answer names the rule it used even after the rule
 * changed: `sample.lab_due_rule` (sample delivery), `lab_receipt.test_due_rule` (testing or
 * retest testing), `result_notice.deadline_rule` (the objection window). Rows written before
 * this table existed were computed with the values seeded as version 1, and are given its
 * reference here.
 */
export class SectorRules1767300000000 implements MigrationInterface {
  name = 'SectorRules1767300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sector_rule (
        sector   text NOT NULL
                 CHECK (sector IN ('manufacturing','consumer_goods','agricultural','food','drug')),
        version  integer NOT NULL CHECK (version >= 1),
        rules    jsonb NOT NULL CHECK (jsonb_typeof(rules) = 'object'),
        reason   text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
        set_by   text NOT NULL CHECK (length(set_by) BETWEEN 1 AND 200),
        set_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (sector, version)
      )`);
    await q.query(`
      CREATE FUNCTION sector_rule_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'sector_rule is append-only: an edit is a new version (% refused)', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER sector_rule_append_only BEFORE UPDATE OR DELETE ON sector_rule
                   FOR EACH ROW EXECUTE FUNCTION sector_rule_guard()`);
    await q.query(`CREATE TRIGGER sector_rule_no_truncate BEFORE TRUNCATE ON sector_rule
                   FOR EACH STATEMENT EXECUTE FUNCTION sector_rule_guard()`);
    await q.query(
      `INSERT INTO sector_rule (sector, version, rules, reason, set_by)
       SELECT x.sector, 1, x.rules, '默认值（依据所列法律法规）', 'seed'
         FROM jsonb_each($1::jsonb) AS x(sector, rules)`,
      [JSON.stringify(Object.fromEntries(SECTORS.map((s) => [s, DEFAULT_SECTOR_RULES[s]])))],
    );

    await q.query(`ALTER TABLE sample ADD COLUMN lab_due_rule jsonb
                     CHECK (jsonb_typeof(lab_due_rule) = 'object')`);
    await q.query(`ALTER TABLE lab_receipt ADD COLUMN test_due_rule jsonb
                     CHECK (jsonb_typeof(test_due_rule) = 'object')`);
    await q.query(`ALTER TABLE result_notice ADD COLUMN deadline_rule jsonb
                     CHECK (jsonb_typeof(deadline_rule) = 'object')`);

    // The reference to version 1's `rule` of the sector `c.sector`.
    const ref = (rule: string) => `jsonb_build_object('sector', c.sector, 'version', 1,
        'rule', '${rule}', 'label', '${RULE_LABELS_ZH[rule as keyof typeof RULE_LABELS_ZH]}')
        || (SELECT r.rules -> '${rule}' FROM sector_rule r WHERE r.sector = c.sector AND r.version = 1)`;
    // The sampling record is unchangeable (sample_record_fixed); this fills in what its
    // deadline was computed from, nothing the record says.
    await q.query(`ALTER TABLE sample DISABLE TRIGGER sample_record_fixed`);
    await q.query(`UPDATE sample s SET lab_due_rule = ${ref('sampleDelivery')}
                     FROM product_category c WHERE c.code = s.category`);
    await q.query(`ALTER TABLE sample ENABLE TRIGGER sample_record_fixed`);
    await q.query(`UPDATE lab_receipt x SET test_due_rule = ${ref('testing')}
                     FROM sample s JOIN product_category c ON c.code = s.category
                    WHERE s.id = x.sample_id AND x.test_due_date IS NOT NULL`);
    await q.query(`UPDATE result_notice n SET deadline_rule = ${ref('objectionWindow')}
                     FROM sample s JOIN product_category c ON c.code = s.category
                    WHERE s.id = n.sample_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE result_notice DROP COLUMN IF EXISTS deadline_rule`);
    await q.query(`ALTER TABLE lab_receipt DROP COLUMN IF EXISTS test_due_rule`);
    await q.query(`ALTER TABLE sample DISABLE TRIGGER sample_record_fixed`);
    await q.query(`ALTER TABLE sample DROP COLUMN IF EXISTS lab_due_rule`);
    await q.query(`ALTER TABLE sample ENABLE TRIGGER sample_record_fixed`);
    await q.query(`DROP TABLE IF EXISTS sector_rule`);
    await q.query(`DROP FUNCTION IF EXISTS sector_rule_guard()`);
  }
}
