import type { IsoDate } from '../calendar/iso-date';
import { jcs, sha256OfBytes } from './canonical-json';
import type { PublicationKind } from './publication-state';

/**
 * What a published list says, as its canonical JSON (docs/publication.md): the notice's header,
 * the failed-product table (不合格产品信息) and the pass table (合格产品信息, "one public": every
 * result is public, not only failures). The columns follow the official notice layout
 * (docs/rules.md §3.6); the CSV and XLSX files show the same values under Chinese headers
 * ({@link FAILED_COLUMNS}, {@link PASSED_COLUMNS}).
 */
export const PUBLICATION_FORMAT = 'spotcheck-publication/1';

/** One failed item: what was measured against what the standard allows. */
export interface PublishedFailedItem {
  /** 不合格项目 */
  readonly item: string;
  /** 检验结果, the value as the lab recorded it (a decimal string, or ND/未检出, or text). */
  readonly value: string;
  readonly unit: string | null;
  /** 标准值, the limit as written. */
  readonly limit: string;
}

/** What both tables show of a sample. */
interface EntryBase {
  /** 序号, 1… within its table. */
  readonly serial: number;
  /** 抽样编号 */
  readonly sampleNo: string;
  /** 标称生产企业名称 / 地址 */
  readonly manufacturerName: string;
  readonly manufacturerAddress: string | null;
  /** 被抽样单位名称 */
  readonly sampledUnitName: string;
  /** 被抽样单位所在地区: GB/T 2260 names from province down. */
  readonly sampledUnitRegion: string;
  /** 产品名称 */
  readonly productName: string;
  /** 规格型号 */
  readonly spec: string | null;
  /** 商标 */
  readonly brand: string | null;
  /** 生产日期/批号 */
  readonly productionDate: IsoDate | null;
  readonly batchNo: string | null;
  /** 分类 */
  readonly category: string;
  /** 任务来源/项目名称: the plan. */
  readonly taskSource: string;
  /** 备注: e.g. the platform and shop of an online sample. */
  readonly remark: string | null;
}

/** A row of the failed-product table. */
export interface FailedEntry extends EntryBase {
  /** 被抽样单位地址: the place sampled. */
  readonly sampledUnitAddress: string;
  /** 不合格项目║检验结果║标准值 */
  readonly failedItems: readonly PublishedFailedItem[];
  /** 检验机构 */
  readonly lab: string;
}

/** A row of the pass table. */
export type PassedEntry = EntryBase;

/** The version a correction or withdrawal replaces, as the public knows it. */
export interface SupersededRef {
  readonly id: string;
  readonly noticeNo: string;
  readonly digest: string;
}

export interface PublicationHeader {
  readonly id: string;
  /** The GB/T 2260 code of the publishing authority's jurisdiction, and its name. */
  readonly jurisdiction: string;
  readonly jurisdictionName: string;
  /** The first version's id: every version of one list shares it. */
  readonly series: string;
  readonly version: number;
  readonly kind: PublicationKind;
  /** Why a correction or withdrawal was made; null for a first list. */
  readonly reason: string | null;
  readonly supersedes: SupersededRef | null;
  /** 公告号 and 公告日期 */
  readonly noticeNo: string;
  readonly publishedOn: IsoDate;
  /** The outcomes listed became final on or before this day. */
  readonly until: IsoDate;
  /** The digest of the jurisdiction's list published just before; null for its first. */
  readonly previousDigest: string | null;
}

export interface PublicationDocument extends PublicationHeader {
  readonly format: typeof PUBLICATION_FORMAT;
  readonly failed: readonly FailedEntry[];
  readonly passed: readonly PassedEntry[];
}

export function publicationDocument(
  header: PublicationHeader,
  failed: readonly FailedEntry[],
  passed: readonly PassedEntry[],
): PublicationDocument {
  return {
    format: PUBLICATION_FORMAT,
    id: header.id,
    jurisdiction: header.jurisdiction,
    jurisdictionName: header.jurisdictionName,
    series: header.series,
    version: header.version,
    kind: header.kind,
    reason: header.reason,
    supersedes: header.supersedes
      ? {
          id: header.supersedes.id,
          noticeNo: header.supersedes.noticeNo,
          digest: header.supersedes.digest,
        }
      : null,
    noticeNo: header.noticeNo,
    publishedOn: header.publishedOn,
    until: header.until,
    previousDigest: header.previousDigest,
    failed,
    passed,
  };
}

/** The canonical JSON of the document, UTF-8: the bytes of the JSON download. */
export function publicationBytes(doc: PublicationDocument): Uint8Array {
  return new TextEncoder().encode(jcs(doc));
}

/** The list's digest: SHA-256 of its canonical JSON, lower-case hex. */
export function publicationDigest(doc: PublicationDocument): string {
  return sha256OfBytes(publicationBytes(doc));
}

// ---- the official columns, for CSV and XLSX ----

/** The notice fields every row repeats (公告号, 公告日期), as the official tables do. */
export interface NoticeRef {
  readonly noticeNo: string;
  readonly publishedOn: IsoDate;
}

export interface PublicationColumn<E> {
  /** The official header (Chinese). */
  readonly header: string;
  /** Column width in characters, for the spreadsheet. */
  readonly width: number;
  readonly cell: (entry: E, notice: NoticeRef) => string | number;
}

const text = (v: string | null) => v ?? '';

/** 生产日期/批号: both when both are known, as the official tables write them. */
export function productionCell(e: Pick<EntryBase, 'productionDate' | 'batchNo'>): string {
  if (e.productionDate && e.batchNo) return `${e.productionDate}/${e.batchNo}`;
  return e.productionDate ?? e.batchNo ?? '';
}

const withUnit = (v: string, unit: string | null) => (unit ? `${v} ${unit}` : v);

/** 不合格项目║检验结果║标准值, one item after another separated by "；". */
export function failedItemsCell(items: readonly PublishedFailedItem[]): string {
  return items
    .map((i) => `${i.item}║${withUnit(i.value, i.unit)}║${withUnit(i.limit, i.unit)}`)
    .join('；');
}

const common = <E extends EntryBase>() => ({
  serial: { header: '序号', width: 6, cell: (e: E) => e.serial },
  sampleNo: { header: '抽样编号', width: 22, cell: (e: E) => e.sampleNo },
  manufacturerName: { header: '标称生产企业名称', width: 28, cell: (e: E) => e.manufacturerName },
  manufacturerAddress: {
    header: '标称生产企业地址',
    width: 32,
    cell: (e: E) => text(e.manufacturerAddress),
  },
  sampledUnitName: { header: '被抽样单位名称', width: 28, cell: (e: E) => e.sampledUnitName },
  sampledUnitRegion: {
    header: '被抽样单位所在地区',
    width: 24,
    cell: (e: E) => e.sampledUnitRegion,
  },
  productName: { header: '产品名称', width: 20, cell: (e: E) => e.productName },
  spec: { header: '规格型号', width: 14, cell: (e: E) => text(e.spec) },
  brand: { header: '商标', width: 12, cell: (e: E) => text(e.brand) },
  production: { header: '生产日期/批号', width: 20, cell: (e: E) => productionCell(e) },
  category: { header: '分类', width: 14, cell: (e: E) => e.category },
  noticeNo: { header: '公告号', width: 22, cell: (_: E, n: NoticeRef) => n.noticeNo },
  publishedOn: { header: '公告日期', width: 12, cell: (_: E, n: NoticeRef) => n.publishedOn },
  taskSource: { header: '任务来源/项目名称', width: 28, cell: (e: E) => e.taskSource },
  remark: { header: '备注', width: 20, cell: (e: E) => text(e.remark) },
});

const f = common<FailedEntry>();
const p = common<PassedEntry>();

/** The failed-product table (不合格产品信息), in the official order. */
export const FAILED_COLUMNS: readonly PublicationColumn<FailedEntry>[] = Object.freeze([
  f.serial,
  f.sampleNo,
  f.manufacturerName,
  f.manufacturerAddress,
  f.sampledUnitName,
  { header: '被抽样单位地址', width: 32, cell: (e: FailedEntry) => e.sampledUnitAddress },
  f.sampledUnitRegion,
  f.productName,
  f.spec,
  f.brand,
  f.production,
  {
    header: '不合格项目║检验结果║标准值',
    width: 40,
    cell: (e: FailedEntry) => failedItemsCell(e.failedItems),
  },
  f.category,
  { header: '检验机构', width: 28, cell: (e: FailedEntry) => e.lab },
  f.noticeNo,
  f.publishedOn,
  f.taskSource,
  f.remark,
]);

/** The pass table (合格产品信息), in the official order. */
export const PASSED_COLUMNS: readonly PublicationColumn<PassedEntry>[] = Object.freeze([
  p.serial,
  p.sampleNo,
  p.manufacturerName,
  p.manufacturerAddress,
  p.sampledUnitName,
  p.sampledUnitRegion,
  p.productName,
  p.spec,
  p.brand,
  p.production,
  p.category,
  p.noticeNo,
  p.publishedOn,
  p.taskSource,
  p.remark,
]);

export const FAILED_TABLE_TITLE = '不合格产品信息';
export const PASSED_TABLE_TITLE = '合格产品信息';
