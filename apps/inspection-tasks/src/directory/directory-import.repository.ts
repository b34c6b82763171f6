import { Injectable } from '@nestjs/common';
import type { Writable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { QueryRunner } from 'typeorm';
import { Scope, scopeSql } from '@spotcheck/auth';
import type { DirectorySpec } from './specs';

/** Advisory lock class of directory imports (with the directory's name as the second key). */
const IMPORT_LOCK = 734_912_005;

/** Rows reported per kind of conflict: enough to fix a file, bounded for a million-row one. */
export const MAX_REPORTED_ROWS = 100;

export interface DuplicateKeyRow {
  key: string;
  /** File rows holding the key, in file order. */
  rows: number[];
}

export interface TakenValueRow {
  row_no: number;
  value: string;
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
}

/** A constraint or index as PostgreSQL defines it, to drop and re-create around a bulk load. */
export interface SchemaObject {
  name: string;
  def: string;
}

/**
 * The SQL of a directory import. Every method runs on the import's own connection and
 * transaction (a QueryRunner: the COPY needs the driver's client), against the temporary
 * staging table `import_stage` that lives until the commit. Table and column names come from
 * the directory specs, never from input.
 */
@Injectable()
export class DirectoryImportRepository {
  /** One import of a directory at a time, until the transaction ends. */
  async lockDirectory(r: QueryRunner, spec: DirectorySpec): Promise<void> {
    await r.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [IMPORT_LOCK, spec.name]);
  }

  async categoryCodes(r: QueryRunner): Promise<Set<string>> {
    const rows = (await r.query('SELECT code FROM product_category')) as { code: string }[];
    return new Set(rows.map((x) => x.code));
  }

  /**
   * Creates the staging table (the spec's columns and the file row number) and opens a COPY
   * into it; the caller writes COPY text lines `row_no \t values…` and ends the stream.
   */
  async openStage(r: QueryRunner, spec: DirectorySpec): Promise<Writable> {
    const cols = spec.columns;
    await r.query(
      `CREATE TEMP TABLE import_stage (row_no integer NOT NULL, ${cols.map((c) => `"${c.db}" ${c.pg}`).join(', ')}) ON COMMIT DROP`,
    );
    const client = (await r.connect()) as PoolClient;
    return client.query(
      copyFrom(`COPY import_stage (row_no, ${cols.map((c) => `"${c.db}"`).join(', ')}) FROM STDIN`),
    ) as Writable;
  }

  async count(r: QueryRunner, spec: DirectorySpec): Promise<number> {
    const [{ n }] = (await r.query(`SELECT count(*)::int AS n FROM ${spec.table}`)) as {
      n: number;
    }[];
    return n;
  }

  /** Whether other tables have foreign keys to this one (its key cannot then be dropped). */
  async isReferenced(r: QueryRunner, spec: DirectorySpec): Promise<boolean> {
    const rows = (await r.query(
      `SELECT 1 FROM pg_constraint WHERE confrelid = $1::regclass AND contype = 'f' LIMIT 1`,
      [spec.table],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Values of `key` staged more than once, first appearances first. */
  async duplicates(r: QueryRunner, key: string): Promise<DuplicateKeyRow[]> {
    return (await r.query(
      `SELECT "${key}" AS key, array_agg(row_no ORDER BY row_no) AS rows FROM import_stage
       GROUP BY "${key}" HAVING count(*) > 1 ORDER BY min(row_no) LIMIT ${MAX_REPORTED_ROWS}`,
    )) as DuplicateKeyRow[];
  }

  /** Staged rows whose unique `key` value belongs to another record of the table. */
  async takenByOthers(r: QueryRunner, spec: DirectorySpec, key: string): Promise<TakenValueRow[]> {
    return (await r.query(
      `SELECT s.row_no, s."${key}" AS value FROM import_stage s JOIN ${spec.table} t ON t."${key}" = s."${key}"
       WHERE t."${spec.key}" <> s."${spec.key}" ORDER BY s.row_no LIMIT ${MAX_REPORTED_ROWS}`,
    )) as TakenValueRow[];
  }

  /** File rows naming a record registered outside `scope`. */
  async outsideScope(r: QueryRunner, spec: DirectorySpec, scope: Scope): Promise<number[]> {
    if (!spec.scopeColumn || scope.kind === 'all') return [];
    const params: unknown[] = [];
    const visible = scopeSql(scope, { region: `t."${spec.scopeColumn}"` }, (v) => {
      params.push(v);
      return `$${params.length}`;
    });
    const rows = (await r.query(
      `SELECT s.row_no FROM import_stage s JOIN ${spec.table} t ON t."${spec.key}" = s."${spec.key}"
       WHERE NOT (${visible}) ORDER BY s.row_no LIMIT ${MAX_REPORTED_ROWS}`,
      params,
    )) as { row_no: number }[];
    return rows.map((x) => x.row_no);
  }

  /** Takes the table for the rest of the transaction: nobody reads or writes it meanwhile. */
  async lockTable(r: QueryRunner, spec: DirectorySpec): Promise<void> {
    await r.query(`LOCK TABLE ${spec.table} IN ACCESS EXCLUSIVE MODE`);
  }

  /** Primary-key and unique constraints (primary first). */
  async keyConstraints(r: QueryRunner, spec: DirectorySpec): Promise<SchemaObject[]> {
    return (await r.query(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
       WHERE conrelid = $1::regclass AND contype IN ('p', 'u') ORDER BY contype`,
      [spec.table],
    )) as SchemaObject[];
  }

  /** Indexes that no constraint owns. */
  async plainIndexes(r: QueryRunner, spec: DirectorySpec): Promise<SchemaObject[]> {
    return (await r.query(
      `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def FROM pg_index
       WHERE indrelid = $1::regclass AND indexrelid NOT IN (SELECT conindid FROM pg_constraint WHERE conrelid = $1::regclass)`,
      [spec.table],
    )) as SchemaObject[];
  }

  async dropConstraint(r: QueryRunner, spec: DirectorySpec, c: SchemaObject): Promise<void> {
    await r.query(`ALTER TABLE ${spec.table} DROP CONSTRAINT "${c.name}"`);
  }

  async dropIndex(r: QueryRunner, i: SchemaObject): Promise<void> {
    await r.query(`DROP INDEX ${i.name}`);
  }

  async createIndex(r: QueryRunner, i: SchemaObject): Promise<void> {
    await r.query(i.def);
  }

  /**
   * Re-creates the constraints; on a unique violation (a key repeated inside the file) rolls
   * back to before the attempt, leaving the transaction usable, and answers the violation.
   */
  async restoreConstraints(
    r: QueryRunner,
    spec: DirectorySpec,
    constraints: SchemaObject[],
  ): Promise<Error | null> {
    try {
      await r.query('SAVEPOINT rebuild');
      for (const c of constraints)
        await r.query(`ALTER TABLE ${spec.table} ADD CONSTRAINT "${c.name}" ${c.def}`);
      return null;
    } catch (e) {
      if ((e as { driverError?: { code?: string } }).driverError?.code !== '23505') throw e;
      await r.query('ROLLBACK TO SAVEPOINT rebuild');
      return e as Error;
    }
  }

  /**
   * Updates changed rows and inserts new ones from the stage. `withUpdates` false skips the
   * update for an empty table; `sorted` inserts in key order, which keeps a live btree's pages
   * warm but is wasted work when the indexes are rebuilt afterwards. A record outside `scope`
   * is never touched (one moved out of it since the stage was checked).
   */
  async upsert(
    r: QueryRunner,
    spec: DirectorySpec,
    scope: Scope,
    { withUpdates = true, sorted = true }: { withUpdates?: boolean; sorted?: boolean },
  ): Promise<UpsertCounts> {
    const key = `"${spec.key}"`;
    const params: unknown[] = [];
    const inScope =
      spec.scopeColumn && scope.kind !== 'all'
        ? `AND ${scopeSql(scope, { region: `t."${spec.scopeColumn}"` }, (v) => {
            params.push(v);
            return `$${params.length}`;
          })}`
        : '';
    const names = spec.columns.map((c) => `"${c.db}"`);
    const updatable = spec.columns.filter((c) => c.db !== spec.key).map((c) => `"${c.db}"`);
    let updated = 0;
    if (withUpdates) {
      const [u] = (await r.query(
        `
        WITH up AS (
          UPDATE ${spec.table} AS t SET ${updatable.map((n) => `${n} = s.${n}`).join(', ')}, updated_at = now()
          FROM import_stage s WHERE t.${key} = s.${key}
            AND (${updatable.map((n) => `t.${n}`).join(', ')}) IS DISTINCT FROM (${updatable.map((n) => `s.${n}`).join(', ')})
            ${inScope}
          RETURNING 1)
        SELECT count(*)::int AS n FROM up`,
        params,
      )) as { n: number }[];
      updated = u.n;
    }
    const [i] = (await r.query(`
      WITH ins AS (
        INSERT INTO ${spec.table} (${names.join(', ')})
        SELECT ${names.map((n) => `s.${n}`).join(', ')} FROM import_stage s
        ${withUpdates ? `WHERE NOT EXISTS (SELECT 1 FROM ${spec.table} t WHERE t.${key} = s.${key})` : ''}
        ${sorted ? `ORDER BY s.${key}` : ''}
        RETURNING 1)
      SELECT count(*)::int AS n FROM ins`)) as { n: number }[];
    return { inserted: i.n, updated };
  }

  /**
   * Writes whole categories in one statement: new codes inserted, changed ones replaced (item
   * list included), identical ones left alone.
   */
  async upsertCategories(
    r: QueryRunner,
    categories: { code: string; name: string; sector: string; items: unknown[] }[],
  ): Promise<UpsertCounts> {
    const [counts] = (await r.query(
      `WITH up AS (
        INSERT INTO product_category AS t (code, name, sector, items)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[])
        ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, sector = EXCLUDED.sector, items = EXCLUDED.items, updated_at = now()
        WHERE (t.name, t.sector, t.items) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.sector, EXCLUDED.items)
        RETURNING (xmax = 0) AS inserted
      ) SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM up`,
      [
        categories.map((c) => c.code),
        categories.map((c) => c.name),
        categories.map((c) => c.sector),
        categories.map((c) => JSON.stringify(c.items)),
      ],
    )) as UpsertCounts[];
    return counts;
  }
}
