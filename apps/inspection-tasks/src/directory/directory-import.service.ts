import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { finished } from 'node:stream/promises';
import type { Readable, Writable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, QueryRunner } from 'typeorm';
import { ConfigService } from '@nestjs/config';
import { copyValue } from '@spotcheck/database';
import { parseLimitRule } from '@spotcheck/domain';
import { enqueue } from '@spotcheck/queue';
import { Column, ImportContext, Parsed } from './columns';
import {
  AppException,
  DigestStream,
  FileFormatError,
  FileFormat,
  FileRow,
  RowBatches,
  csvRows,
  formatOf,
  splitHeader,
  recordAudit,
  xlsxRows,
  type Actor,
  type Env,
} from '@spotcheck/common';
import { DirectorySpec, mapHeaders } from './specs';

export interface ImportFile {
  stream: Readable;
  filename: string;
  mimetype?: string;
}

export interface RowError {
  row: number;
  column: string;
  reason: string;
}

export interface ImportResult {
  directory: string;
  format: FileFormat;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  sha256: string;
  bytes: number;
  ignoredColumns: string[];
}

const MAX_REPORTED_ERRORS = 100;
/** Advisory lock class of directory imports (with the directory's name as the second key). */
const IMPORT_LOCK = 734_912_005;
const COPY_CHUNK = 256 * 1024;
const MEMO_LIMIT = 100_000;

async function* flatten(batches: RowBatches): AsyncGenerator<FileRow> {
  for await (const batch of batches) yield* batch;
}

class ErrorList {
  readonly items: RowError[] = [];
  count = 0;
  add(e: RowError) {
    this.count += 1;
    if (this.items.length < MAX_REPORTED_ERRORS) this.items.push(e);
  }
}

const importRejected = (errors: ErrorList, message: string) =>
  new AppException(HttpStatus.BAD_REQUEST, 'IMPORT_REJECTED', message, {
    errorCount: errors.count,
    errors: errors.items,
  });

/**
 * Bulk import of a directory file: streamed, validated row by row, staged with COPY and
 * upserted by natural key in one transaction. Any bad row rejects the whole file.
 */
@Injectable()
export class DirectoryImportService {
  /** Smallest load that rebuilds indexes instead of maintaining them (see merge). */
  private readonly bulkMinRows: number;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    config: ConfigService<Env, true>,
  ) {
    this.bulkMinRows = config.get('IMPORT_BULK_MIN_ROWS', { infer: true });
  }

  async import(
    spec: DirectorySpec,
    file: ImportFile,
    actor: Actor,
    scope: string,
  ): Promise<ImportResult> {
    const format = formatOf(file.filename, file.mimetype);
    if (!format) {
      file.stream.resume();
      throw new AppException(
        HttpStatus.BAD_REQUEST,
        'UNSUPPORTED_FILE',
        'file: must be .csv or .xlsx',
        {
          errors: [{ field: 'file', reason: 'must be .csv or .xlsx' }],
        },
      );
    }
    const digest = new DigestStream();
    file.stream.on('error', (e) => digest.destroy(e));
    file.stream.pipe(digest);
    const rows = format === 'csv' ? csvRows(digest) : xlsxRows(digest);
    const runner = this.ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      // One import of a directory at a time: two that both read the table, then both ask
      // for its exclusive lock to rebuild (bulkMerge), would deadlock; the second now waits.
      await runner.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        IMPORT_LOCK,
        spec.name,
      ]);
      const ctx: ImportContext = { scope, categories: await this.categoryCodes(runner) };
      const outcome =
        spec.name === 'catalog'
          ? await this.importCatalog(spec, rows, runner, ctx)
          : await this.importTable(spec, rows, runner, ctx);
      // The digest covers the whole upload, including anything after the first worksheet.
      digest.resume();
      await finished(digest);
      const result: ImportResult = {
        directory: spec.name,
        format,
        sha256: digest.hex(),
        bytes: digest.bytes,
        ...outcome,
      };
      await recordAudit(runner.manager, actor, [
        {
          action: 'import',
          entityType: spec.name,
          detail: { file: file.filename, ...result },
        },
      ]);
      await enqueue(runner.manager, 'directory.changed', { entity: spec.name, count: result.rows });
      await runner.commitTransaction();
      return result;
    } catch (e) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      if (e instanceof FileFormatError) {
        const errors = new ErrorList();
        errors.add({ row: e.row, column: '', reason: e.message });
        throw importRejected(errors, `file: ${e.message}`);
      }
      throw e;
    } finally {
      file.stream.resume();
      await runner.release();
    }
  }

  private async categoryCodes(runner: QueryRunner): Promise<Set<string>> {
    const rows = (await runner.query('SELECT code FROM product_category')) as { code: string }[];
    return new Set(rows.map((r) => r.code));
  }

  /** Reads the header row; answers 400 naming every required column that is missing. */
  private async header(spec: DirectorySpec, rows: RowBatches) {
    const { header, body } = await splitHeader(rows);
    if (!header) {
      throw new AppException(HttpStatus.BAD_REQUEST, 'IMPORT_REJECTED', 'file: is empty', {
        errorCount: 1,
        errors: [{ row: 1, column: '', reason: 'file is empty' }],
      });
    }
    const map = mapHeaders(spec, header.cells);
    if (map.missing.length) {
      const errors = new ErrorList();
      for (const m of map.missing)
        errors.add({ row: header.row, column: m, reason: 'required column is missing' });
      throw importRejected(errors, `missing columns: ${map.missing.join(', ')}`);
    }
    return { map, body };
  }

  /** One cell through its column's parser; memoised columns parse each distinct value once. */
  private cell(col: Column, raw: string, ctx: ImportContext, memo: Map<string, Parsed>): Parsed {
    let parsed = col.memo ? memo.get(raw) : undefined;
    if (!parsed) {
      parsed = col.parse(raw, ctx);
      if (col.memo && memo.size < MEMO_LIMIT) memo.set(raw, parsed);
    }
    return parsed;
  }

  /** A row's values, or undefined after noting each bad cell. */
  private parseRow(
    columns: Column[],
    index: number[],
    r: FileRow,
    ctx: ImportContext,
    errors: ErrorList,
    memo: Map<string, Parsed>[],
  ): (string | string[] | number | boolean | null)[] | undefined {
    const values: (string | string[] | number | boolean | null)[] = new Array(columns.length);
    let ok = true;
    for (let c = 0; c < columns.length; c++) {
      const parsed = this.cell(
        columns[c],
        index[c] >= 0 ? (r.cells[index[c]] ?? '') : '',
        ctx,
        memo[c],
      );
      if ('error' in parsed) {
        ok = false;
        errors.add({ row: r.row, column: columns[c].en, reason: parsed.error });
      } else {
        values[c] = parsed.value;
      }
    }
    return ok ? values : undefined;
  }

  private async importTable(
    spec: DirectorySpec,
    rows: RowBatches,
    runner: QueryRunner,
    ctx: ImportContext,
  ) {
    const { map, body } = await this.header(spec, rows);
    const cols = spec.columns;
    await runner.query(
      `CREATE TEMP TABLE import_stage (row_no integer NOT NULL, ${cols.map((c) => `"${c.db}" ${c.pg}`).join(', ')}) ON COMMIT DROP`,
    );
    const client = (await runner.connect()) as PoolClient;
    const copy = client.query(
      copyFrom(`COPY import_stage (row_no, ${cols.map((c) => `"${c.db}"`).join(', ')}) FROM STDIN`),
    ) as Writable;
    const errors = new ErrorList();
    const memo = cols.map(() => new Map<string, Parsed>());
    let count = 0;
    let buffer = '';
    const flush = async () => {
      if (!copy.write(buffer))
        await new Promise<void>((resolve, reject) => {
          copy.once('drain', resolve);
          copy.once('error', reject);
        });
      buffer = '';
    };
    try {
      for await (const batch of body) {
        for (const r of batch) {
          count += 1;
          const values = this.parseRow(cols, map.index, r, ctx, errors, memo);
          if (!values || errors.count > 0) continue;
          buffer += `${r.row}\t${values.map(copyValue).join('\t')}\n`;
        }
        if (buffer.length >= COPY_CHUNK) await flush();
      }
      if (buffer) await flush();
      copy.end();
      await finished(copy);
    } catch (e) {
      copy.destroy(e as Error);
      await finished(copy).catch(() => undefined);
      throw e;
    }
    if (errors.count > 0)
      throw importRejected(errors, `${errors.count} invalid cells; nothing was imported`);
    if (count === 0) {
      errors.add({ row: 2, column: '', reason: 'file has a header but no rows' });
      throw importRejected(errors, 'file has no rows');
    }
    const [{ existing }] = (await runner.query(
      `SELECT count(*)::int AS existing FROM ${spec.table}`,
    )) as { existing: number }[];
    const bulk = count >= this.bulkMinRows && count > existing;
    // Keys other tables refer to stay in place (dropping them would drop the foreign keys).
    const keepKeys = bulk && (await this.isReferenced(spec, runner));
    // A bulk load into an empty table finds repeated keys when it rebuilds the unique indexes,
    // for free; otherwise a repeat could land on an existing row, so look for them first.
    if (!bulk || existing > 0 || keepKeys) await this.checkDuplicates(spec, runner, errors);
    await this.checkStage(spec, runner, ctx, errors);
    const counts = bulk
      ? await this.bulkMerge(spec, runner, count, existing > 0, ctx.scope, errors, keepKeys)
      : await this.upsert(spec, runner, count, { scope: ctx.scope });
    return { rows: count, ignoredColumns: map.ignored, ...counts };
  }

  /** Whether other tables have foreign keys to this one (its key cannot then be dropped for a rebuild). */
  private async isReferenced(spec: DirectorySpec, runner: QueryRunner): Promise<boolean> {
    const rows = (await runner.query(
      `SELECT 1 FROM pg_constraint WHERE confrelid = $1::regclass AND contype = 'f' LIMIT 1`,
      [spec.table],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Keys that appear more than once in the file, reported on every repeat. */
  private async checkDuplicates(spec: DirectorySpec, runner: QueryRunner, errors: ErrorList) {
    for (const key of [spec.key, ...spec.alsoUnique]) {
      const dups = (await runner.query(
        `SELECT "${key}" AS key, array_agg(row_no ORDER BY row_no) AS rows FROM import_stage
         GROUP BY "${key}" HAVING count(*) > 1 ORDER BY min(row_no) LIMIT ${MAX_REPORTED_ERRORS}`,
      )) as { key: string; rows: number[] }[];
      for (const d of dups) {
        for (const row of d.rows.slice(1)) {
          errors.add({ row, column: key, reason: `${d.key} also appears in row ${d.rows[0]}` });
        }
      }
    }
  }

  /** Rows that would take a unique value from another record, or touch one outside the caller's scope. */
  private async checkStage(
    spec: DirectorySpec,
    runner: QueryRunner,
    ctx: ImportContext,
    errors: ErrorList,
  ) {
    for (const key of spec.alsoUnique) {
      const taken = (await runner.query(
        `SELECT s.row_no, s."${key}" AS value FROM import_stage s JOIN ${spec.table} t ON t."${key}" = s."${key}"
         WHERE t."${spec.key}" <> s."${spec.key}" ORDER BY s.row_no LIMIT ${MAX_REPORTED_ERRORS}`,
      )) as { row_no: number; value: string }[];
      for (const t of taken)
        errors.add({
          row: t.row_no,
          column: key,
          reason: `${t.value} belongs to another ${spec.name}`,
        });
    }
    if (spec.scopeColumn && ctx.scope !== '') {
      const outside = (await runner.query(
        `SELECT s.row_no FROM import_stage s JOIN ${spec.table} t ON t."${spec.key}" = s."${spec.key}"
         WHERE t."${spec.scopeColumn}" NOT LIKE $1 ORDER BY s.row_no LIMIT ${MAX_REPORTED_ERRORS}`,
        [`${ctx.scope}%`],
      )) as { row_no: number }[];
      for (const o of outside) {
        errors.add({
          row: o.row_no,
          column: spec.key,
          reason: `this ${spec.name} is registered outside your jurisdiction`,
        });
      }
    }
    if (errors.count > 0)
      throw importRejected(errors, `${errors.count} rows conflict; nothing was imported`);
  }

  /**
   * Merges a load larger than the table itself (and at least bulkMinRows): drops the table's
   * indexes, loads, and rebuilds them — PostgreSQL's own advice for bulk loads ("Populating a
   * Database"), several times faster than maintaining them row by row. A key that other
   * tables' foreign keys refer to (the enterprise USCC, since tasks exist) is kept and
   * maintained, and only the other indexes are rebuilt. The table is locked meanwhile;
   * smaller imports go through upsert alone.
   */
  private async bulkMerge(
    spec: DirectorySpec,
    runner: QueryRunner,
    staged: number,
    hasRows: boolean,
    scope: string,
    errors: ErrorList,
    keepKeys: boolean,
  ) {
    await runner.query(`LOCK TABLE ${spec.table} IN ACCESS EXCLUSIVE MODE`);
    const constraints = keepKeys
      ? []
      : ((await runner.query(
          `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
           WHERE conrelid = $1::regclass AND contype IN ('p', 'u') ORDER BY contype`,
          [spec.table],
        )) as { name: string; def: string }[]);
    const indexes = (await runner.query(
      `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def FROM pg_index
       WHERE indrelid = $1::regclass AND indexrelid NOT IN (SELECT conindid FROM pg_constraint WHERE conrelid = $1::regclass)`,
      [spec.table],
    )) as { name: string; def: string }[];
    for (const c of constraints)
      await runner.query(`ALTER TABLE ${spec.table} DROP CONSTRAINT "${c.name}"`);
    for (const i of indexes) await runner.query(`DROP INDEX ${i.name}`);
    const counts = await this.upsert(spec, runner, staged, {
      scope,
      withUpdates: hasRows,
      // Into a live primary key, key order keeps the btree's pages warm.
      sorted: keepKeys,
    });
    try {
      await runner.query('SAVEPOINT rebuild');
      for (const c of constraints)
        await runner.query(`ALTER TABLE ${spec.table} ADD CONSTRAINT "${c.name}" ${c.def}`);
    } catch (e) {
      if ((e as { driverError?: { code?: string } }).driverError?.code !== '23505') throw e;
      // Only a key repeated inside the file can break a unique constraint here.
      await runner.query('ROLLBACK TO SAVEPOINT rebuild');
      await this.checkDuplicates(spec, runner, errors);
      if (errors.count === 0) throw e;
      throw importRejected(errors, `${errors.count} duplicate rows; nothing was imported`);
    }
    for (const i of indexes) await runner.query(i.def);
    return counts;
  }

  /**
   * Updates changed rows and inserts new ones. `withUpdates` false skips the update for an
   * empty table; `sorted` inserts in key order, which keeps a live btree's pages warm but is
   * wasted work when the indexes are rebuilt afterwards.
   */
  private async upsert(
    spec: DirectorySpec,
    runner: QueryRunner,
    staged: number,
    {
      scope = '',
      withUpdates = true,
      sorted = true,
    }: { scope?: string; withUpdates?: boolean; sorted?: boolean },
  ) {
    const key = `"${spec.key}"`;
    // checkStage refused rows outside the scope; this keeps a record moved out of it meanwhile untouched.
    const inScope = spec.scopeColumn && scope ? `AND t."${spec.scopeColumn}" LIKE $1` : '';
    const names = spec.columns.map((c) => `"${c.db}"`);
    const updatable = spec.columns.filter((c) => c.db !== spec.key).map((c) => `"${c.db}"`);
    let updated = 0;
    if (withUpdates) {
      const [u] = (await runner.query(
        `
        WITH up AS (
          UPDATE ${spec.table} AS t SET ${updatable.map((n) => `${n} = s.${n}`).join(', ')}, updated_at = now()
          FROM import_stage s WHERE t.${key} = s.${key}
            AND (${updatable.map((n) => `t.${n}`).join(', ')}) IS DISTINCT FROM (${updatable.map((n) => `s.${n}`).join(', ')})
            ${inScope}
          RETURNING 1)
        SELECT count(*)::int AS n FROM up`,
        inScope ? [`${scope}%`] : [],
      )) as { n: number }[];
      updated = u.n;
    }
    const [i] = (await runner.query(`
      WITH ins AS (
        INSERT INTO ${spec.table} (${names.join(', ')})
        SELECT ${names.map((n) => `s.${n}`).join(', ')} FROM import_stage s
        ${withUpdates ? `WHERE NOT EXISTS (SELECT 1 FROM ${spec.table} t WHERE t.${key} = s.${key})` : ''}
        ${sorted ? `ORDER BY s.${key}` : ''}
        RETURNING 1)
      SELECT count(*)::int AS n FROM ins`)) as { n: number }[];
    return { inserted: i.n, updated, unchanged: staged - i.n - updated };
  }

  /** Catalog rows are test items; they are grouped into categories whose item lists the file replaces. */
  private async importCatalog(
    spec: DirectorySpec,
    rows: RowBatches,
    runner: QueryRunner,
    ctx: ImportContext,
  ) {
    const { map, body } = await this.header(spec, rows);
    const errors = new ErrorList();
    const categories = new Map<
      string,
      {
        name: string;
        sector: string;
        row: number;
        items: Map<string, { row: number; item: Record<string, unknown> }>;
      }
    >();
    const memo = spec.columns.map(() => new Map<string, Parsed>());
    let count = 0;
    for await (const r of flatten(body)) {
      count += 1;
      const v = this.parseRow(spec.columns, map.index, r, ctx, errors, memo);
      if (!v) continue;
      const [code, name, sector, itemCode, itemName, method, unit, limit] = v as string[];
      let cat = categories.get(code);
      if (!cat) categories.set(code, (cat = { name, sector, row: r.row, items: new Map() }));
      if (cat.name !== name)
        errors.add({
          row: r.row,
          column: 'category_name',
          reason: `differs from row ${cat.row} (${cat.name})`,
        });
      if (cat.sector !== sector)
        errors.add({
          row: r.row,
          column: 'sector',
          reason: `differs from row ${cat.row} (${cat.sector})`,
        });
      const seen = cat.items.get(itemCode);
      if (seen)
        errors.add({
          row: r.row,
          column: 'item_code',
          reason: `${itemCode} also appears in row ${seen.row}`,
        });
      else
        cat.items.set(itemCode, {
          row: r.row,
          item: { code: itemCode, name: itemName, method, unit, limit },
        });
    }
    if (errors.count > 0)
      throw importRejected(errors, `${errors.count} invalid cells; nothing was imported`);
    if (count === 0) {
      errors.add({ row: 2, column: '', reason: 'file has a header but no rows' });
      throw importRejected(errors, 'file has no rows');
    }
    const codes = [...categories.keys()];
    const list = [...categories.values()];
    const items = list.map((c) =>
      JSON.stringify(
        [...c.items.values()].map(({ item }) => {
          const rule = parseLimitRule(item.limit as string);
          return { ...item, limit: rule.ok ? rule.rule : null };
        }),
      ),
    );
    const [r] = (await runner.query(
      `WITH up AS (
        INSERT INTO product_category AS t (code, name, sector, items)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[])
        ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, sector = EXCLUDED.sector, items = EXCLUDED.items, updated_at = now()
        WHERE (t.name, t.sector, t.items) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.sector, EXCLUDED.items)
        RETURNING (xmax = 0) AS inserted
      ) SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM up`,
      [codes, list.map((c) => c.name), list.map((c) => c.sector), items],
    )) as { inserted: number; updated: number }[];
    return {
      rows: count,
      ignoredColumns: map.ignored,
      inserted: r.inserted,
      updated: r.updated,
      unchanged: codes.length - r.inserted - r.updated,
    };
  }
}
