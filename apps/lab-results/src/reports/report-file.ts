import { HttpStatus } from '@nestjs/common';
import type { Readable } from 'node:stream';
import {
  AppException,
  FileFormatError,
  csvRows,
  splitHeader,
  xlsxRows,
  type FileFormat,
  type FileRow,
  type RowBatches,
} from '@spotcheck/common';
import {
  MAX_ITEMS,
  MAX_REPORTED_ERRORS,
  MAX_REPORTS,
  validateBatch,
  type BatchError,
  type BatchLimits,
  type NormalisedReport,
} from './batch';

/**
 * Lab reports from a CSV or XLSX file (`POST /lab/reports/import`): one row per result
 * item, the rows of a sample grouped into one report by sample number. Rows of one sample need
 * not be contiguous (a lab sorting its sheet by item must not break the upload); reports and
 * their items keep the order in which they are first seen. A sample's report number must be the
 * same on all its rows.
 *
 * The grouped body goes through validateBatch, the same rules as the JSON batch, and its errors
 * are turned back into the spreadsheet's terms: the row number a spreadsheet shows (header is
 * row 1, blank lines counted), the column as headed in the file, the reason. The first 100
 * errors are answered with the total.
 *
 * CSV in UTF-8 (with or without BOM) or GB18030 (Excel on Chinese Windows), and XLSX (first
 * worksheet). An XLSX number cell arrives as JavaScript prints it, so trailing zeros of a
 * number cell are lost (3.10 → 3.1): labs should keep results in text cells, as the export
 * template does.
 */

export interface RowError {
  /** Spreadsheet row number; 0 when the error is about the file as a whole. */
  row: number;
  column: string;
  reason: string;
}

export type ReportFileResult =
  | {
      ok: true;
      reports: NormalisedReport[];
      itemCount: number;
      /** Data rows read (blank lines excluded). */
      rows: number;
      /** Headers that match no column; their cells are not read. */
      ignoredColumns: string[];
      /**
       * The spreadsheet row and column of an error found later about `reports` (the database
       * checks: a sample not received, a report number taken), as the file's own errors are.
       */
      rowError(e: BatchError): RowError;
    }
  | { ok: false; errors: RowError[]; total: number };

type Field =
  | 'sampleNo'
  | 'reportNo'
  | 'itemCode'
  | 'itemName'
  | 'method'
  | 'unit'
  | 'limit'
  | 'limitBasis'
  | 'comparison'
  | 'roundingDigits'
  | 'value'
  | 'notTested';

interface ColumnSpec {
  field: Field;
  en: string;
  /** First is the template's header. */
  zh: string[];
}

export const REPORT_COLUMNS: readonly ColumnSpec[] = [
  { field: 'sampleNo', en: 'sample_no', zh: ['样品编号', '抽样单编号', '样品编码'] },
  { field: 'reportNo', en: 'report_no', zh: ['报告编号', '检验报告编号'] },
  { field: 'itemCode', en: 'item_code', zh: ['检验项目代码', '项目代码'] },
  { field: 'itemName', en: 'item_name', zh: ['检验项目', '项目名称', '检验项目名称'] },
  { field: 'method', en: 'method', zh: ['检验方法', '检验依据', '方法标准'] },
  { field: 'unit', en: 'unit', zh: ['单位', '计量单位'] },
  { field: 'limit', en: 'limit', zh: ['判定限值', '标准要求', '标准指标', '限值'] },
  // The enterprise's declared standard the row's limit comes from, when stricter than the
  // template's (the API's limitBasis): its number, e.g. Q/NMYL 0001S-2024.
  {
    field: 'limitBasis',
    en: 'enterprise_standard',
    zh: ['企业标准', '企业标准编号', '声明的企业标准'],
  },
  { field: 'comparison', en: 'comparison', zh: ['比较方法', '判定方法'] },
  { field: 'roundingDigits', en: 'rounding_digits', zh: ['修约位数'] },
  { field: 'value', en: 'value', zh: ['检测结果', '检验结果', '实测值'] },
  { field: 'notTested', en: 'not_tested', zh: ['未检原因', '未检测原因'] },
];

const REQUIRED: readonly Field[] = ['sampleNo', 'reportNo', 'itemCode'];

/** Case, spaces, required-markers (*) and a trailing unit in brackets do not matter. */
function normaliseHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .replace(/[*＊\s]/g, '')
    .replace(/[（(][^)）]*[)）]$/, '')
    .toLowerCase();
}

const HEADER_LOOKUP = new Map<string, ColumnSpec>();
for (const c of REPORT_COLUMNS) {
  for (const name of [c.en, c.field, ...c.zh]) HEADER_LOOKUP.set(normaliseHeader(name), c);
}

const COMPARISON: Record<string, 'full' | 'rounded'> = {
  full: 'full',
  rounded: 'rounded',
  全数值: 'full',
  全数值比较: 'full',
  全数值比较法: 'full',
  修约值: 'rounded',
  修约值比较: 'rounded',
  修约值比较法: 'rounded',
};

class RowErrors {
  readonly items: RowError[] = [];
  total = 0;
  add(e: RowError): void {
    this.total += 1;
    if (this.items.length < MAX_REPORTED_ERRORS) this.items.push(e);
  }
}

const rejected = (errors: RowErrors): ReportFileResult => ({
  ok: false,
  errors: errors.items,
  total: errors.total,
});

interface Grouped {
  sampleNo: string;
  reportNo: string;
  /** Row of the report number first seen for this sample. */
  firstRow: number;
  items: Record<string, unknown>[];
  rows: number[];
}

/** Reads a report file of the given format; see the module comment. Never throws for bad input. */
export async function readReportFile(
  input: Readable,
  format: FileFormat,
  limits?: BatchLimits,
): Promise<ReportFileResult> {
  return reportRowsToBatch(format === 'csv' ? csvRows(input) : xlsxRows(input), limits);
}

/** Groups and validates the rows of a report file (the first non-blank row is the header). */
export async function reportRowsToBatch(
  rows: RowBatches,
  limits: BatchLimits = { maxReports: MAX_REPORTS, maxItems: MAX_ITEMS },
): Promise<ReportFileResult> {
  const errors = new RowErrors();
  try {
    const { header, body } = await splitHeader(rows);
    if (!header) {
      errors.add({ row: 1, column: '', reason: 'file is empty' });
      return rejected(errors);
    }

    // Which file column holds each field; the header as written names it in errors.
    const index = new Map<Field, number>();
    const headerOf = new Map<Field, string>();
    const ignoredColumns: string[] = [];
    header.cells.forEach((h, i) => {
      const spec = HEADER_LOOKUP.get(normaliseHeader(h));
      if (!spec) {
        if (h.trim() !== '') ignoredColumns.push(h.trim());
        return;
      }
      if (index.has(spec.field)) {
        errors.add({
          row: header.row,
          column: h.trim(),
          reason: `is the same column as ${headerOf.get(spec.field)}`,
        });
        return;
      }
      index.set(spec.field, i);
      headerOf.set(spec.field, h.trim());
    });
    for (const f of REQUIRED) {
      if (!index.has(f)) {
        const c = REPORT_COLUMNS.find((x) => x.field === f)!;
        errors.add({
          row: header.row,
          column: `${c.en} (${c.zh[0]})`,
          reason: 'required column is missing',
        });
      }
    }
    if (!index.has('value') && !index.has('notTested')) {
      errors.add({
        row: header.row,
        column: 'value (检测结果)',
        reason: 'a value (检测结果) or not_tested (未检原因) column is required',
      });
    }
    if (errors.total > 0) return rejected(errors);
    const columnName = (f: Field) =>
      headerOf.get(f) ?? REPORT_COLUMNS.find((c) => c.field === f)!.en;

    const cols = [...index.entries()];
    const groups = new Map<string, Grouped>();
    let count = 0;
    let dataRows = 0;
    for await (const batch of body) {
      for (const r of batch) {
        dataRows += 1;
        count += 1;
        if (count > limits.maxItems) continue; // only counted, for the error below
        collectRow(r, cols, columnName, groups, errors);
      }
    }
    if (count === 0) {
      errors.add({ row: header.row + 1, column: '', reason: 'file has a header but no rows' });
      return rejected(errors);
    }
    if (count > limits.maxItems) {
      return {
        ok: false,
        errors: [
          { row: 0, column: '', reason: `at most ${limits.maxItems} items per file, got ${count}` },
        ],
        total: 1,
      };
    }
    if (groups.size > limits.maxReports) {
      return {
        ok: false,
        errors: [
          {
            row: 0,
            column: '',
            reason: `at most ${limits.maxReports} samples per file, got ${groups.size}`,
          },
        ],
        total: 1,
      };
    }

    // A sample whose every row was refused above has nothing left to check.
    const grouped = [...groups.values()].filter((g) => g.items.length > 0);
    if (grouped.length === 0) return rejected(errors);
    const result = validateBatch(
      {
        reports: grouped.map((g) => ({
          sampleNo: g.sampleNo,
          reportNo: g.reportNo,
          items: g.items,
        })),
      },
      limits,
    );
    if (result.ok && errors.total === 0) {
      return {
        ok: true,
        reports: result.reports,
        itemCount: result.itemCount,
        rows: dataRows,
        ignoredColumns,
        rowError: (e) => toRowError(e, grouped, columnName),
      };
    }
    if (!result.ok) {
      const mapped = result.errors.map((e) => toRowError(e, grouped, columnName));
      for (const e of mapped) errors.add(e);
      // Errors past the first 100 of validateBatch are counted, not listed.
      errors.total += result.total - result.errors.length;
    }
    errors.items.sort((a, b) => a.row - b.row);
    return rejected(errors);
  } catch (e) {
    if (e instanceof FileFormatError) {
      errors.add({ row: e.row, column: e.column, reason: e.message });
      return rejected(errors);
    }
    throw e;
  }
}

function collectRow(
  r: FileRow,
  cols: [Field, number][],
  columnName: (f: Field) => string,
  groups: Map<string, Grouped>,
  errors: RowErrors,
): void {
  const item: Record<string, unknown> = {};
  let sampleNo = '';
  let reportNo = '';
  let ok = true;
  for (const [field, i] of cols) {
    const raw = r.cells[i] ?? '';
    const v = raw.trim();
    if (field === 'sampleNo') sampleNo = v;
    else if (field === 'reportNo') reportNo = v;
    if (v === '') continue; // an empty cell is an absent field
    switch (field) {
      case 'sampleNo':
      case 'reportNo':
        break;
      case 'comparison': {
        const c = COMPARISON[v.toLowerCase()];
        if (c) item.comparison = c;
        else {
          ok = false;
          errors.add({
            row: r.row,
            column: columnName(field),
            reason: 'must be 全数值 (full) or 修约值 (rounded)',
          });
        }
        break;
      }
      case 'roundingDigits':
        if (/^-?\d{1,3}$/.test(v)) item.roundingDigits = Number(v);
        else {
          ok = false;
          errors.add({
            row: r.row,
            column: columnName(field),
            reason: `must be a whole number of decimals, got '${v}'`,
          });
        }
        break;
      case 'limitBasis':
        // The API's shape; the number untrimmed, as below.
        item.limitBasis = { kind: 'enterprise_standard', reference: raw };
        break;
      default:
        // Untrimmed, so control characters at either end are still seen by validateBatch.
        item[field] = raw;
    }
  }
  if (sampleNo === '') {
    errors.add({ row: r.row, column: columnName('sampleNo'), reason: 'is required' });
    return;
  }
  let g = groups.get(sampleNo);
  if (!g) {
    g = { sampleNo, reportNo, firstRow: r.row, items: [], rows: [] };
    groups.set(sampleNo, g);
  } else if (reportNo !== g.reportNo) {
    errors.add({
      row: r.row,
      column: columnName('reportNo'),
      reason: `sample ${sampleNo} has report number ${g.reportNo || '(empty)'} in row ${g.firstRow}; all its rows must have the same`,
    });
    return;
  }
  if (!ok) return;
  g.items.push(item);
  g.rows.push(r.row);
}

const FIELD_OF_PATH = /\.([A-Za-z]+)$/;
/** The item's own field of a path, e.g. limitBasis of `….items[3].limitBasis.reference`. */
const ITEM_FIELD_OF_PATH = /\.items\[\d+\]\.([A-Za-z]+)/;

const ITEM_OF_PATH = /\.items\[(\d+)\]/;

function toRowError(e: BatchError, grouped: Grouped[], columnName: (f: Field) => string): RowError {
  const g = e.report !== undefined ? grouped[e.report] : undefined;
  const itemText = ITEM_OF_PATH.exec(e.field)?.[1];
  const item = e.item ?? (itemText === undefined ? undefined : Number(itemText));
  const row = g ? ((item !== undefined ? g.rows[item] : undefined) ?? g.firstRow) : 0;
  const field = (ITEM_FIELD_OF_PATH.exec(e.field)?.[1] ?? FIELD_OF_PATH.exec(e.field)?.[1]) as
    Field | undefined;
  const column = field && REPORT_COLUMNS.some((c) => c.field === field) ? columnName(field) : '';
  return { row, column, reason: e.reason };
}

/** The 400 a rejected file answers (the directory import's shape): nothing was written. */
export function reportFileRejected(errors: RowError[], total: number): AppException {
  return new AppException(
    HttpStatus.BAD_REQUEST,
    'IMPORT_REJECTED',
    `${total} error${total === 1 ? '' : 's'} in the file; nothing was imported`,
    { errorCount: total, errors },
  );
}
