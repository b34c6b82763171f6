import { createHash } from 'node:crypto';
import type { NewFile } from '@spotcheck/database';
import {
  FAILED_COLUMNS,
  FAILED_TABLE_TITLE,
  NoticeRef,
  PASSED_COLUMNS,
  PASSED_TABLE_TITLE,
  PublicationColumn,
  PublicationDocument,
  publicationBytes,
} from '@spotcheck/domain';
import { xlsxWorkbook } from './xlsx';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const csvQuote = (v: string | number) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * One table as CSV: a UTF-8 byte order mark (so Excel reads the Chinese), the official
 * headers, then one line per row, CRLF as RFC 4180 has it.
 */
export function tableCsv<E>(
  columns: readonly PublicationColumn<E>[],
  rows: readonly E[],
  notice: NoticeRef,
): Buffer {
  const lines: string[] = [`\uFEFF${columns.map((c) => csvQuote(c.header)).join(',')}`];
  for (const r of rows) lines.push(columns.map((c) => csvQuote(c.cell(r, notice))).join(','));
  lines.push('');
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

/**
 * Both tables as one workbook, a sheet each, in the official layout: a title line naming the
 * notice, the headers, the rows.
 */
export function listXlsx(doc: PublicationDocument): Promise<Buffer> {
  const notice = { noticeNo: doc.noticeNo, publishedOn: doc.publishedOn };
  const sheet = <E>(
    title: string,
    columns: readonly PublicationColumn<E>[],
    rows: readonly E[],
  ) => ({
    name: title,
    widths: columns.map((c) => c.width),
    rows: (function* () {
      yield [`${title}（${doc.noticeNo}，${doc.publishedOn}）`];
      yield columns.map((c) => c.header);
      for (const r of rows) yield columns.map((c) => c.cell(r, notice));
    })(),
  });
  return xlsxWorkbook({
    creator: doc.jurisdictionName,
    created: new Date(`${doc.publishedOn}T00:00:00+08:00`),
    sheets: [
      sheet(FAILED_TABLE_TITLE, FAILED_COLUMNS, doc.failed),
      sheet(PASSED_TABLE_TITLE, PASSED_COLUMNS, doc.passed),
    ],
  });
}

/**
 * Every file of a published list, each with the SHA-256 of its bytes: `list.json` is the
 * canonical JSON itself, so its SHA-256 is the list's digest.
 */
export async function renderPublication(doc: PublicationDocument): Promise<NewFile[]> {
  const notice = { noticeNo: doc.noticeNo, publishedOn: doc.publishedOn };
  const json = publicationBytes(doc);
  const files: Omit<NewFile, 'sha256'>[] = [
    { name: 'list.json', content: Buffer.from(json.buffer, json.byteOffset, json.byteLength) },
    { name: 'failed.csv', content: tableCsv(FAILED_COLUMNS, doc.failed, notice) },
    { name: 'passed.csv', content: tableCsv(PASSED_COLUMNS, doc.passed, notice) },
    { name: 'list.xlsx', content: await listXlsx(doc) },
  ];
  return files.map((f) => ({ ...f, sha256: sha256(f.content) }));
}
