import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `spotcheck_text_intersect(a, b)`: the elements of `a` that are in `b`, in a's order.
 *
 * The draw lists each eligible enterprise's plan categories. Written inline as
 * `ARRAY(SELECT … FROM unnest(…))` that is a correlated subquery, which PostgreSQL will not
 * run in parallel workers: the whole million-row snapshot was then projected and sorted on
 * one core. As a function declared PARALLEL SAFE it runs in the workers like any other
 * expression.
 */
export class DrawFunctions1764700000000 implements MigrationInterface {
  name = 'DrawFunctions1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION spotcheck_text_intersect(a text[], b text[]) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT coalesce(array_agg(x), '{}') FROM unnest(a) AS x WHERE x = ANY(b) $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION spotcheck_text_intersect(text[], text[])`);
  }
}
