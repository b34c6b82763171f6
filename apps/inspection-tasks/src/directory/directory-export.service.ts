import { Injectable } from '@nestjs/common';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ObjectLiteral } from 'typeorm';
import { formatLimitRule, type LimitRule } from '@spotcheck/domain';
import { readCsv, type FileFormat } from '@spotcheck/common';
import { DirectoryExportQueries } from './directory-export.queries';
import type { DirectoryFilter } from './directory.repository';
import { DirectorySpec } from './specs';

export type HeaderLanguage = 'zh' | 'en';

/** The caller's filtered (and scoped) query; the export chooses its columns. */
export type Filter = DirectoryFilter<ObjectLiteral>;

const csvQuote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * Streams a directory in the same layout the import reads (so an export can be edited and
 * re-imported), Chinese headers by default.
 */
@Injectable()
export class DirectoryExportService {
  constructor(private readonly queries: DirectoryExportQueries) {}

  headers(spec: DirectorySpec, lang: HeaderLanguage): string[] {
    return spec.columns.map((c) => (lang === 'en' ? c.en : c.zh[0]));
  }

  async export(
    spec: DirectorySpec,
    format: FileFormat,
    lang: HeaderLanguage,
    filter: Filter,
  ): Promise<Readable> {
    return format === 'csv' ? this.csv(spec, lang, filter) : this.xlsx(spec, lang, filter);
  }

  /** CSV straight from PostgreSQL's COPY; a UTF-8 BOM so Excel shows the Chinese correctly. */
  private async csv(spec: DirectorySpec, lang: HeaderLanguage, filter: Filter): Promise<Readable> {
    if (spec.name === 'catalog') return this.rowsToCsv(spec, lang, filter);
    const out = new PassThrough();
    out.write(`\uFEFF${this.headers(spec, lang).map(csvQuote).join(',')}\n`);
    await this.queries.copyCsv(spec, filter, out);
    return out;
  }

  private async *rows(spec: DirectorySpec, filter: Filter): AsyncGenerator<string[]> {
    for (const r of await this.queries.rows(spec, filter)) {
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
