import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { MigrationInterface, QueryRunner } from 'typeorm';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * `draw.eligible` becomes bytea: the gzipped snapshot lines, each ending in '\n' (see
 * encodeEligible in draw-records.ts). A million-enterprise list is 6 MB instead of 43 MB of
 * text, and writing it costs about 50 ms instead of 1.3–3 s: the cost was in passing a 43 MB
 * value to PostgreSQL, whatever TOAST compression the column used (pglz, lz4 and none were
 * measured). PostgreSQL cannot gzip, so existing draws are converted here, one row at a time.
 * STORAGE EXTERNAL: out of line, and no second compression attempt on compressed bytes.
 */
export class DrawEligibleGzip1765800000000 implements MigrationInterface {
  name = 'DrawEligibleGzip1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE draw ADD COLUMN eligible_gzip bytea`);
    await q.query(`ALTER TABLE draw ALTER COLUMN eligible_gzip SET STORAGE EXTERNAL`);
    for (const { id } of (await q.query(`SELECT id FROM draw ORDER BY id`)) as { id: string }[]) {
      const [{ eligible }] = (await q.query(`SELECT eligible FROM draw WHERE id = $1`, [id])) as {
        eligible: string;
      }[];
      const lines = eligible.length ? `${eligible}\n` : '';
      await q.query(`UPDATE draw SET eligible_gzip = $2 WHERE id = $1`, [
        id,
        await gzipAsync(Buffer.from(lines, 'utf8'), { level: 1 }),
      ]);
    }
    await q.query(`ALTER TABLE draw DROP COLUMN eligible`);
    await q.query(`ALTER TABLE draw RENAME COLUMN eligible_gzip TO eligible`);
    await q.query(`ALTER TABLE draw ALTER COLUMN eligible SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE draw ADD COLUMN eligible_text text`);
    await q.query(`ALTER TABLE draw ALTER COLUMN eligible_text SET STORAGE EXTERNAL`);
    for (const { id } of (await q.query(`SELECT id FROM draw ORDER BY id`)) as { id: string }[]) {
      const [{ eligible }] = (await q.query(`SELECT eligible FROM draw WHERE id = $1`, [id])) as {
        eligible: Buffer;
      }[];
      const text = (await gunzipAsync(eligible)).toString('utf8');
      await q.query(`UPDATE draw SET eligible_text = $2 WHERE id = $1`, [
        id,
        text.endsWith('\n') ? text.slice(0, -1) : text,
      ]);
    }
    await q.query(`ALTER TABLE draw DROP COLUMN eligible`);
    await q.query(`ALTER TABLE draw RENAME COLUMN eligible_text TO eligible`);
    await q.query(`ALTER TABLE draw ALTER COLUMN eligible SET NOT NULL`);
  }
}
