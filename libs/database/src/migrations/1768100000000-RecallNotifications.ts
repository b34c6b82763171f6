import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications to enterprises: `recall_holder` tells an enterprise that a batch it holds
 * failed for good and is to be withdrawn (docs/cases.md#recall), addressed to the enterprise
 * (`audience` `enterprise`, `addressee` its USCC).
 */
export class RecallNotifications1768100000000 implements MigrationInterface {
  name = 'RecallNotifications1768100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification
                     DROP CONSTRAINT notification_kind_check,
                     DROP CONSTRAINT notification_audience_check,
                     ADD CONSTRAINT notification_kind_check CHECK (kind IN
                       ('delivery_overdue','testing_overdue','objection_closed','job_failed',
                        'recall_holder')),
                     ADD CONSTRAINT notification_audience_check
                       CHECK (audience IN ('regulator','admin','enterprise')),
                     ADD CONSTRAINT notification_enterprise_addressed
                       CHECK (audience <> 'enterprise' OR addressee IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notification_read WHERE notification_id IN
                     (SELECT id FROM notification WHERE audience = 'enterprise' OR kind = 'recall_holder')`);
    await q.query(
      `DELETE FROM notification WHERE audience = 'enterprise' OR kind = 'recall_holder'`,
    );
    await q.query(`ALTER TABLE notification
                     DROP CONSTRAINT notification_enterprise_addressed,
                     DROP CONSTRAINT notification_kind_check,
                     DROP CONSTRAINT notification_audience_check,
                     ADD CONSTRAINT notification_kind_check CHECK (kind IN
                       ('delivery_overdue','testing_overdue','objection_closed','job_failed')),
                     ADD CONSTRAINT notification_audience_check
                       CHECK (audience IN ('regulator','admin'))`);
  }
}
