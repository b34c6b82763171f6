import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { finished } from 'node:stream/promises';
import type { Readable, Writable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, QueryRunner } from 'typeorm';
import { AppException, recordAudit, type Actor } from '@spotcheck/common';
import { parseLimitRule } from '@spotcheck/domain';
import { enqueue } from '@spotcheck/queue';
import { Column, ImportContext } from './columns';
import { DigestStream, FileFormat, FileRow, csvRows, formatOf, xlsxRows } from './file-rows';
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
const COPY_CHUNK = 256 * 1024;

/** COPY text format: backslash, tab, newline and carriage return must be escaped. */
function copyText(v: string): string {
  return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!) : v;
}

function copyValue(v: string | string[] | number | boolean | null): string {
  if (v === null) return '\\N';
  if (Array.isArray(v)) return copyText(`{${v.map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return copyText(String(v));
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
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async import(spec: DirectorySpec, file: ImportFile, actor: Actor, scope: string): Promise<ImportResult> {
    const format = formatOf(file.filename, file.mimetype);
    if (!format) {
      throw new AppException(HttpStatus.BAD_REQUEST, 'UNSUPPORTED_FILE', 'file: must be .csv or .xlsx', {
        errors: [{ field: 'file', reason: 'must be .csv or .xlsx' }],
      });
    }
    const digest = new DigestStream();
    file.stream.on('error', (e) => digest.destroy(e));
    file.stream.pipe(digest);
    const rows = format === 'csv' ? csvRows(digest) : xlsxRows(digest);
    const runner = this.ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const ctx: ImportContext = { scope, categories: await this.categoryCodes(runner) };
      const outcome =
        spec.name === 'catalog'
          ? await this.importCatalog(spec, rows, runner, ctx)
          : await this.importTable(spec, rows, runner, ctx);
      // The digest covers the whole upload, including anything after the first worksheet.
      digest.resume();
      await finished(digest);
      const result: ImportResult = { directory: spec.name, format, sha256: digest.hex(), bytes: digest.bytes, ...outcome };
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
  private async header(spec: DirectorySpec, rows: AsyncGenerator<FileRow>) {
    const first = await rows.next();
    if (first.done) {
      throw new AppException(HttpStatus.BAD_REQUEST, 'IMPORT_REJECTED', 'file: is empty', {
        errorCount: 1,
        errors: [{ row: 1, column: '', reason: 'file is empty' }],
      });
    }
    const map = mapHeaders(spec, first.value.cells);
    if (map.missing.length) {
      const errors = new ErrorList();
      for (const m of map.missing) errors.add({ row: first.value.row, column: m, reason: 'required column is missing' });
      throw importRejected(errors, `missing columns: ${map.missing.join(', ')}`);
    }
    return map;
  }

  private parseRow(
    columns: Column[],
    index: number[],
    r: FileRow,
    ctx: ImportContext,
    errors: ErrorList,
  ): (string | string[] | number | boolean | null)[] | undefined {
    const values: (string | string[] | number | boolean | null)[] = new Array(columns.length);
    let ok = true;
    for (let c = 0; c < columns.length; c++) {
      const col = columns[c];
      const raw = index[c] >= 0 ? (r.cells[index[c]] ?? '') : '';
      const parsed = col.parse(raw, ctx);
      if ('error' in parsed) {
        ok = false;
        errors.add({ row: r.row, column: col.en, reason: parsed.error });
      } else {
        values[c] = parsed.value;
      }
    }
    return ok ? values : undefined;
  }

  private async importTable(
    spec: DirectorySpec,
    rows: AsyncGenerator<FileRow>,
    runner: QueryRunner,
    ctx: ImportContext,
  ) {
    const map = await this.header(spec, rows);
    const cols = spec.columns;
    await runner.query(
      `CREATE TEMP TABLE import_stage (row_no integer NOT NULL, ${cols.map((c) => `"${c.db}" ${c.pg}`).join(', ')}) ON COMMIT DROP`,
    );
    const client = (await runner.connect()) as PoolClient;
    const copy = client.query(
      copyFrom(`COPY import_stage (row_no, ${cols.map((c) => `"${c.db}"`).join(', ')}) FROM STDIN`),
    ) as Writable;
    const errors = new ErrorList();
    let count = 0;
    let buffer = '';
    const flush = async () => {
      if (!copy.write(buffer)) await new Promise<void>((resolve, reject) => {
        copy.once('drain', resolve);
        copy.once('error', reject);
      });
      buffer = '';
    };
    try {
      for await (const r of rows) {
        count += 1;
        const values = this.parseRow(cols, map.index, r, ctx, errors);
        if (!values || errors.count > 0) continue;
        buffer += `${r.row}\t${values.map(copyValue).join('\t')}\n`;
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
    if (errors.count > 0) throw importRejected(errors, `${errors.count} invalid cells; nothing was imported`);
    if (count === 0) {
      errors.add({ row: 2, column: '', reason: 'file has a header but no rows' });
      throw importRejected(errors, 'file has no rows');
    }
    await this.checkStage(spec, runner, ctx, errors);
    return { rows: count, ignoredColumns: map.ignored, ...(await this.upsert(spec, runner)) };
  }

  /** Set-based checks that need the whole file or the table: duplicates and other owners. */
  private async checkStage(spec: DirectorySpec, runner: QueryRunner, ctx: ImportContext, errors: ErrorList) {
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
    for (const key of spec.alsoUnique) {
      const taken = (await runner.query(
        `SELECT s.row_no, s."${key}" AS value FROM import_stage s JOIN ${spec.table} t ON t."${key}" = s."${key}"
         WHERE t."${spec.key}" <> s."${spec.key}" ORDER BY s.row_no LIMIT ${MAX_REPORTED_ERRORS}`,
      )) as { row_no: number; value: string }[];
      for (const t of taken) errors.add({ row: t.row_no, column: key, reason: `${t.value} belongs to another ${spec.name}` });
    }
    if (spec.scopeColumn && ctx.scope !== '') {
      const outside = (await runner.query(
        `SELECT s.row_no FROM import_stage s JOIN ${spec.table} t ON t."${spec.key}" = s."${spec.key}"
         WHERE t."${spec.scopeColumn}" NOT LIKE $1 ORDER BY s.row_no LIMIT ${MAX_REPORTED_ERRORS}`,
        [`${ctx.scope}%`],
      )) as { row_no: number }[];
      for (const o of outside) {
        errors.add({ row: o.row_no, column: spec.key, reason: `this ${spec.name} is registered outside your jurisdiction` });
      }
    }
    if (errors.count > 0) throw importRejected(errors, `${errors.count} rows conflict; nothing was imported`);
  }

  private async upsert(spec: DirectorySpec, runner: QueryRunner) {
    const names = spec.columns.map((c) => `"${c.db}"`);
    const updatable = spec.columns.filter((c) => c.db !== spec.key).map((c) => `"${c.db}"`);
    const [r] = (await runner.query(`
      WITH up AS (
        INSERT INTO ${spec.table} AS t (${names.join(', ')})
        SELECT ${names.join(', ')} FROM import_stage
        ON CONFLICT ("${spec.key}") DO UPDATE SET
          ${updatable.map((n) => `${n} = EXCLUDED.${n}`).join(', ')}, updated_at = now()
        WHERE (${updatable.map((n) => `t.${n}`).join(', ')}) IS DISTINCT FROM (${updatable.map((n) => `EXCLUDED.${n}`).join(', ')})
        RETURNING (xmax = 0) AS inserted
      )
      SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM up`)) as {
      inserted: number;
      updated: number;
    }[];
    const [{ n }] = (await runner.query('SELECT count(*)::int AS n FROM import_stage')) as { n: number }[];
    return { inserted: r.inserted, updated: r.updated, unchanged: n - r.inserted - r.updated };
  }

  /** Catalog rows are test items; they are grouped into categories whose item lists the file replaces. */
  private async importCatalog(
    spec: DirectorySpec,
    rows: AsyncGenerator<FileRow>,
    runner: QueryRunner,
    ctx: ImportContext,
  ) {
    const map = await this.header(spec, rows);
    const errors = new ErrorList();
    const categories = new Map<
      string,
      { name: string; sector: string; row: number; items: Map<string, { row: number; item: Record<string, unknown> }> }
    >();
    let count = 0;
    for await (const r of rows) {
      count += 1;
      const v = this.parseRow(spec.columns, map.index, r, ctx, errors);
      if (!v) continue;
      const [code, name, sector, itemCode, itemName, method, unit, limit] = v as string[];
      let cat = categories.get(code);
      if (!cat) categories.set(code, (cat = { name, sector, row: r.row, items: new Map() }));
      if (cat.name !== name) errors.add({ row: r.row, column: 'category_name', reason: `differs from row ${cat.row} (${cat.name})` });
      if (cat.sector !== sector) errors.add({ row: r.row, column: 'sector', reason: `differs from row ${cat.row} (${cat.sector})` });
      const seen = cat.items.get(itemCode);
      if (seen) errors.add({ row: r.row, column: 'item_code', reason: `${itemCode} also appears in row ${seen.row}` });
      else cat.items.set(itemCode, { row: r.row, item: { code: itemCode, name: itemName, method, unit, limit } });
    }
    if (errors.count > 0) throw importRejected(errors, `${errors.count} invalid cells; nothing was imported`);
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
