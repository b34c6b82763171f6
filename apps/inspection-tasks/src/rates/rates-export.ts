import ExcelJS from 'exceljs';
import {
  RATE_DIMENSION_LABELS_ZH,
  SAMPLE_STAGE_LABELS_ZH,
  SECTOR_LABELS_ZH,
  SIZE_LABELS_ZH,
  type RateDimension,
  regionName,
} from '@spotcheck/domain';
import type {
  DisposalFigures,
  DisposalRow,
  RateFigures,
  RateRow,
  RatesAnswer,
} from './rates.service';

/** The figures' columns, after the dimensions', with their Chinese headers. */
const FIGURES: readonly [keyof RateFigures, string][] = [
  ['pass', '合格批次'],
  ['fail', '不合格批次'],
  ['pending', '待定批次'],
  ['excluded', '不判定批次'],
  ['rate', '合格率(%)'],
  ['target', '目标值(%)'],
  ['gap', '差距(百分点)'],
  ['targetYear', '目标年度'],
];

/**
 * The disposal rate's columns (问题处置率, docs/cases.md), after the pass rate's: final failures
 * to dispose of, those whose case is closed, the rest, the rate, its target and the gap.
 */
const DISPOSAL: readonly [keyof DisposalFigures, string][] = [
  ['failures', '须处置批次'],
  ['disposed', '已处置批次'],
  ['open', '未处置批次'],
  ['rate', '问题处置率(%)'],
  ['target', '处置率目标值(%)'],
  ['gap', '处置率差距(百分点)'],
  ['targetYear', '处置率目标年度'],
];

const label = <K extends string>(labels: Readonly<Record<K, string>>, v: unknown) =>
  (labels as Record<string, string>)[String(v)] ?? String(v);

/** How a dimension's value reads in a file: names beside codes. */
function cell(d: RateDimension, row: RateRow | DisposalRow): string {
  const v = row[d];
  if (v === undefined || v === null) return '';
  switch (d) {
    case 'plan':
      return ('planCode' in row && row.planCode) || String(v);
    case 'category':
      return 'categoryName' in row && row.categoryName ? `${row.categoryName}（${v}）` : String(v);
    case 'sector':
      return label(SECTOR_LABELS_ZH, v);
    case 'prefecture':
    case 'county':
      return `${regionName(String(v)) ?? ''}（${v}）`;
    case 'size':
      return label(SIZE_LABELS_ZH, v);
    case 'stage':
      return label(SAMPLE_STAGE_LABELS_ZH, v);
    default:
      return String(v);
  }
}

/**
 * The answer as a table: a header row, one row per group, and the total ('合计'). Each group's
 * pass-rate figures are followed by its disposal-rate figures (the same dimensions); a group
 * without a final failure has none to dispose of (0, and no rate, target or gap), and a group
 * found with failures but no rate row yet (the worker's rate cells follow within seconds) shows
 * only its disposal figures.
 */
export function rateTable(a: RatesAnswer): string[][] {
  const header = [
    ...a.by.map((d) => RATE_DIMENSION_LABELS_ZH[d]),
    ...FIGURES.map((f) => f[1]),
    ...DISPOSAL.map((f) => f[1]),
  ];
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const figures = (r: RateFigures | null) => FIGURES.map(([k]) => (r ? text(r[k]) : ''));
  const disposal = (r: DisposalFigures | null) =>
    DISPOSAL.map(([k]) =>
      r ? text(r[k]) : k === 'failures' || k === 'disposed' || k === 'open' ? '0' : '',
    );
  const key = (r: Partial<Record<RateDimension, unknown>>) =>
    JSON.stringify(a.by.map((d) => text(r[d])));
  const disposals = new Map<string, DisposalRow>(a.disposal.rows.map((r) => [key(r), r]));
  const rows = a.rows.map((r) => {
    const d = disposals.get(key(r)) ?? null;
    disposals.delete(key(r));
    return [...a.by.map((dim) => cell(dim, r)), ...figures(r), ...disposal(d)];
  });
  for (const d of disposals.values())
    rows.push([...a.by.map((dim) => cell(dim, d)), ...figures(null), ...disposal(d)]);
  if (a.by.length === 0) return [header, ...rows];
  const total = [
    ...a.by.map((_, i) => (i === 0 ? '合计' : '')),
    ...figures(a.total),
    ...disposal(a.disposal.total),
  ];
  return [header, ...rows, total];
}

const csvQuote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** UTF-8 with a BOM, so that Excel shows the Chinese headers. */
export function ratesCsv(a: RatesAnswer): Buffer {
  const text = rateTable(a)
    .map((r) => r.map(csvQuote).join(','))
    .join('\r\n');
  return Buffer.from(`\uFEFF${text}\r\n`, 'utf8');
}

/** One sheet named after the period, numbers as numbers. */
export async function ratesXlsx(a: RatesAnswer): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(`合格率 ${a.period.label}`);
  const [header, ...rows] = rateTable(a);
  sheet.addRow(header).font = { bold: true };
  const numeric = /^-?\d+(\.\d+)?$/;
  for (const r of rows) sheet.addRow(r.map((v) => (numeric.test(v) ? Number(v) : v)));
  return Buffer.from(await book.xlsx.writeBuffer());
}
