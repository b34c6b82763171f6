import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { finished } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { DataSource, QueryRunner } from 'typeorm';
import { ConfigService } from '@nestjs/config';
import type { Scope } from '@spotcheck/auth';
import { copyValue } from '@spotcheck/database';
import { DomainError, parseLimitRule } from '@spotcheck/domain';
import { enqueue } from '@spotcheck/queue';
import { Column, ImportContext, Parsed } from './columns';
import { DirectoryImportRepository, MAX_REPORTED_ROWS } from './directory-import.repository';
import {
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
import { fileTooLarge, truncated } from './file-request';
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

const MAX_REPORTED_ERRORS = MAX_REPORTED_ROWS;
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
  new DomainError('invalid', 'IMPORT_REJECTED', message, {
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
    private readonly sql: DirectoryImportRepository,
    config: ConfigService<Env, true>,
  ) {
    this.bulkMinRows = config.get('IMPORT_BULK_MIN_ROWS', { infer: true });
  }

  async import(
    spec: DirectorySpec,
    file: ImportFile,
    actor: Actor,
    scope: Scope,
  ): Promise<ImportResult> {
    const format = formatOf(file.filename, file.mimetype);
    if (!format) {
      file.stream.resume();
      throw new DomainError('invalid', 'UNSUPPORTED_FILE', 'file: must be .csv or .xlsx', {
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
      // One import of a directory at a time: two that both read the table, then both ask
      // for its exclusive lock to rebuild (bulkMerge), would deadlock; so the second waits here.
      await this.sql.lockDirectory(runner, spec);
      const ctx: ImportContext = { scope, categories: await this.sql.categoryCodes(runner) };
      const outcome =
        spec.name === 'catalog'
          ? await this.importCatalog(spec, rows, runner, ctx)
          : await this.importTable(spec, rows, runner, ctx);
      // The digest covers the whole upload, including anything after the first worksheet.
      digest.resume();
      await finished(digest);
      if (truncated(file.stream)) throw fileTooLarge();
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
      // What was read of a file cut at the size limit says nothing of the file.
      if (truncated(file.stream)) throw fileTooLarge();
      if (e instanceof FileFormatError) {
        const errors = new ErrorList();
        errors.add({ row: e.row, column: e.column, reason: e.message });
        throw importRejected(errors, `file: ${e.message}`);
      }
      throw e;
    } finally {
      file.stream.resume();
      await runner.release();
    }
  }

  /** Reads the header row; answers 400 naming every required column that is missing. */
  private async header(spec: DirectorySpec, rows: RowBatches) {
    const { header, body } = await splitHeader(rows);
    if (!header) {
      throw new DomainError('invalid', 'IMPORT_REJECTED', 'file: is empty', {
        errorCount: 1,
        errors: [{ row: 1, column: '', reason: 'file is empty' }],
      });
    }
    const map = mapHeaders(spec, header.cells);
    if (map.missing.length || map.duplicates.length) {
      const errors = new ErrorList();
      for (const d of map.duplicates)
        errors.add({ row: header.row, column: d.header, reason: `is the same column as ${d.of}` });
      for (const m of map.missing)
        errors.add({ row: header.row, column: m, reason: 'required column is missing' });
      throw importRejected(
        errors,
        map.duplicates.length
          ? `columns named twice: ${map.duplicates.map((d) => d.header).join(', ')}`
          : `missing columns: ${map.missing.join(', ')}`,
      );
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
    const copy = await this.sql.openStage(runner, spec);
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
    const existing = await this.sql.count(runner, spec);
    const bulk = count >= this.bulkMinRows && count > existing;
    // Keys other tables refer to stay in place (dropping them would drop the foreign keys).
    const keepKeys = bulk && (await this.sql.isReferenced(runner, spec));
    // A bulk load into an empty table finds repeated keys when it rebuilds the unique indexes,
    // for free; otherwise a repeat could land on an existing row, so look for them first.
    if (!bulk || existing > 0 || keepKeys) await this.checkDuplicates(spec, runner, errors);
    await this.checkStage(spec, runner, ctx, errors);
    const counts = bulk
      ? await this.bulkMerge(spec, runner, count, existing > 0, ctx.scope, errors, keepKeys)
      : await this.upsert(spec, runner, count, ctx.scope, {});
    return { rows: count, ignoredColumns: map.ignored, ...counts };
  }

  /** Keys that appear more than once in the file, reported on every repeat. */
  private async checkDuplicates(spec: DirectorySpec, runner: QueryRunner, errors: ErrorList) {
    for (const key of [spec.key, ...spec.alsoUnique]) {
      for (const d of await this.sql.duplicates(runner, key)) {
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
      for (const t of await this.sql.takenByOthers(runner, spec, key))
        errors.add({
          row: t.row_no,
          column: key,
          reason: `${t.value} belongs to another ${spec.name}`,
        });
    }
    for (const row of await this.sql.outsideScope(runner, spec, ctx.scope)) {
      errors.add({
        row,
        column: spec.key,
        reason: `this ${spec.name} is registered outside your jurisdiction`,
      });
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
    scope: Scope,
    errors: ErrorList,
    keepKeys: boolean,
  ) {
    await this.sql.lockTable(runner, spec);
    const constraints = keepKeys ? [] : await this.sql.keyConstraints(runner, spec);
    const indexes = await this.sql.plainIndexes(runner, spec);
    for (const c of constraints) await this.sql.dropConstraint(runner, spec, c);
    for (const i of indexes) await this.sql.dropIndex(runner, i);
    const counts = await this.upsert(spec, runner, staged, scope, {
      withUpdates: hasRows,
      // Into a live primary key, key order keeps the btree's pages warm.
      sorted: keepKeys,
    });
    const violation = await this.sql.restoreConstraints(runner, spec, constraints);
    if (violation) {
      // Only a key repeated inside the file can break a unique constraint here.
      await this.checkDuplicates(spec, runner, errors);
      if (errors.count === 0) throw violation;
      throw importRejected(errors, `${errors.count} duplicate rows; nothing was imported`);
    }
    for (const i of indexes) await this.sql.createIndex(runner, i);
    return counts;
  }

  /** Updates changed rows and inserts new ones, counting those left unchanged. */
  private async upsert(
    spec: DirectorySpec,
    runner: QueryRunner,
    staged: number,
    scope: Scope,
    opts: { withUpdates?: boolean; sorted?: boolean },
  ) {
    // checkStage refused rows outside the scope; the repository also keeps a record moved out
    // of it meanwhile untouched.
    const { inserted, updated } = await this.sql.upsert(runner, spec, scope, opts);
    return { inserted, updated, unchanged: staged - inserted - updated };
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
      const microbial = v[8] === true;
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
          // The flag is kept only when set, as the API stores it.
          item: {
            code: itemCode,
            name: itemName,
            method,
            unit,
            limit,
            ...(microbial && { microbial }),
          },
        });
    }
    if (errors.count > 0)
      throw importRejected(errors, `${errors.count} invalid cells; nothing was imported`);
    if (count === 0) {
      errors.add({ row: 2, column: '', reason: 'file has a header but no rows' });
      throw importRejected(errors, 'file has no rows');
    }
    const list = [...categories.entries()].map(([code, c]) => ({
      code,
      name: c.name,
      sector: c.sector,
      items: [...c.items.values()].map(({ item }) => {
        const rule = parseLimitRule(item.limit as string);
        return { ...item, limit: rule.ok ? rule.rule : null };
      }),
    }));
    const r = await this.sql.upsertCategories(runner, list);
    return {
      rows: count,
      ignoredColumns: map.ignored,
      inserted: r.inserted,
      updated: r.updated,
      unchanged: list.length - r.inserted - r.updated,
    };
  }
}
