import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Pool } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import ExcelJS from 'exceljs';
import { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { formatLimitRule, type LimitRule } from '@spotcheck/domain';
import { readCsv, type FileFormat } from '@spotcheck/common';
import { DirectorySpec } from './specs';

export type HeaderLanguage = 'zh' | 'en';

/** The caller's filtered (and jurisdiction-scoped) query; its columns are replaced here. */
export type Filter = SelectQueryBuilder<ObjectLiteral>;

const csvQuote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * Streams a directory in the same layout the import reads (so an export can be edited and
 * re-imported), Chinese headers by default.
 */
@Injectable()
export class DirectoryExportService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  headers(spec: DirectorySpec, lang: HeaderLanguage): string[] {
    return spec.columns.map((c) => (lang === 'en' ? c.en : c.zh[0]));
  }

  private selectSql(spec: DirectorySpec, filter: Filter): [string, unknown[]] {
    const alias = filter.alias;
    if (spec.name === 'catalog') {
      const [sub, params] = filter
        .clone()
        .select(`${alias}.code`)
        .orderBy()
        .getQueryAndParameters();
      return [
        `SELECT c.code, c.name, c.sector, i->>'code' AS item_code, i->>'name' AS item_name, i->>'method' AS method,
                i->>'unit' AS unit, i->'limit' AS "limit"
         FROM product_category c CROSS JOIN LATERAL jsonb_array_elements(c.items) i
         WHERE c.code IN (${sub}) ORDER BY c.code, i->>'code'`,
        params,
      ];
    }
    const qb = filter.clone().select([]).orderBy(`"${alias}"."${spec.key}"`);
    spec.columns.forEach((c, i) =>
      qb.addSelect(c.exportSql ? c.exportSql(`"${alias}"`) : `"${alias}"."${c.db}"`, `c${i}`),
    );
    return qb.getQueryAndParameters();
  }

  async export(
    spec: DirectorySpec,
    format: FileFormat,
    lang: HeaderLanguage,
    filter: Filter,
  ): Promise<Readable> {
    return format === 'csv' ? this.csv(spec, lang, filter) : this.xlsx(spec, lang, filter);
  }

  /**
   * CSV straight from PostgreSQL's COPY; a UTF-8 BOM so Excel shows the Chinese correctly.
   * The connection is its own, returned to the pool when the stream ends and discarded when
   * the client goes away mid-COPY (it would otherwise stay stuck in COPY state).
   */
  private async csv(spec: DirectorySpec, lang: HeaderLanguage, filter: Filter): Promise<Readable> {
    if (spec.name === 'catalog') return this.rowsToCsv(spec, lang, filter);
    const [query, params] = this.selectSql(spec, filter);
    const pool = (this.ds.driver as unknown as { master: Pool }).master;
    const client = await pool.connect();
    let released = false;
    const release = (err?: Error) => {
      if (released) return;
      released = true;
      client.release(err);
    };
    // COPY takes no parameters; the values are inlined as escaped literals.
    const sql = query.replace(/\$(\d+)/g, (_, i: string) =>
      client.escapeLiteral(String(params[Number(i) - 1])),
    );
    const out = new PassThrough();
    out.write(`\uFEFF${this.headers(spec, lang).map(csvQuote).join(',')}\n`);
    const copy = client.query(copyTo(`COPY (${sql}) TO STDOUT WITH (FORMAT csv)`));
    pipeline(copy, out).then(
      () => release(),
      (e: Error) => release(e),
    );
    return out;
  }

  private async *rows(spec: DirectorySpec, filter: Filter): AsyncGenerator<string[]> {
    const [sql, params] = this.selectSql(spec, filter);
    const rows = (await this.ds.query(sql, params)) as Record<string, unknown>[];
    for (const r of rows) {
      yield Object.values(r).map((v) =>
        v === null || v === undefined
          ? ''
          : typeof v === 'object'
            ? formatLimitRule(v as LimitRule)
            : String(v),
      );
    }
  }

  private async rowsToCsv(
    spec: DirectorySpec,
    lang: HeaderLanguage,
    filter: Filter,
  ): Promise<Readable> {
    const header = `\uFEFF${this.headers(spec, lang).map(csvQuote).join(',')}\n`;
    const rows = this.rows(spec, filter);
    return Readable.from(
      (async function* () {
        yield header;
        for await (const cells of rows) yield `${cells.map(csvQuote).join(',')}\n`;
      })(),
    );
  }

  /**
   * XLSX written as a stream, fed from the same COPY stream as the CSV so memory stays flat;
   * if the client goes away the COPY is stopped too.
   */
  private async xlsx(spec: DirectorySpec, lang: HeaderLanguage, filter: Filter): Promise<Readable> {
    const out = new PassThrough();
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useSharedStrings: false,
      useStyles: false,
    });
    const sheet = book.addWorksheet(spec.name);
    sheet.addRow(this.headers(spec, lang)).commit();
    const write = async () => {
      if (spec.name === 'catalog') {
        for await (const cells of this.rows(spec, filter)) sheet.addRow(cells).commit();
      } else {
        const csv = await this.csv(spec, lang, filter);
        out.once('close', () => csv.destroy());
        let header = true;
        for await (const records of readCsv(csv.setEncoding('utf8') as AsyncIterable<string>)) {
          for (const cells of records) {
            if (header) header = false;
            else if (cells.length > 0) sheet.addRow(cells).commit();
          }
          if (out.destroyed) return;
        }
      }
      sheet.commit();
      await book.commit();
    };
    write().catch((e: Error) => out.destroy(e));
    return out;
  }
}
