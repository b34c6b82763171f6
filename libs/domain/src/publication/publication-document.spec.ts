import { createHash } from 'node:crypto';
import {
  FAILED_COLUMNS,
  FailedEntry,
  PASSED_COLUMNS,
  PassedEntry,
  failedItemsCell,
  productionCell,
  publicationBytes,
  publicationDigest,
  publicationDocument,
} from './publication-document';

const failed: FailedEntry = {
  serial: 1,
  sampleNo: 'NM-2026-001-0001',
  manufacturerName: '某食品有限公司',
  manufacturerAddress: '某市某路1号',
  sampledUnitName: '某超市',
  sampledUnitAddress: '呼和浩特市新城区某路2号',
  sampledUnitRegion: '内蒙古自治区呼和浩特市新城区',
  productName: '酱油',
  spec: '500mL/瓶',
  brand: '某牌',
  productionDate: '2026-01-10',
  batchNo: 'B1',
  failedItems: [
    { item: '铅（以Pb计）', value: '0.8', unit: 'mg/kg', limit: '≤0.5' },
    { item: '菌落总数', value: '1.2×10⁵', unit: null, limit: '≤5×10⁴' },
  ],
  category: '调味品',
  lab: '某检测中心',
  taskSource: '2026年呼和浩特市食品抽检计划',
  remark: null,
};
const passed: PassedEntry = {
  serial: 1,
  sampleNo: 'NM-2026-001-0002',
  manufacturerName: '另一公司',
  manufacturerAddress: null,
  sampledUnitName: '另一公司',
  sampledUnitRegion: '内蒙古自治区呼和浩特市新城区',
  productName: '醋',
  spec: null,
  brand: null,
  productionDate: null,
  batchNo: 'C7',
  category: '调味品',
  taskSource: '2026年呼和浩特市食品抽检计划',
  remark: null,
};
const header = {
  id: '6f1c3a50-0000-4000-8000-000000000001',
  jurisdiction: '150100',
  jurisdictionName: '呼和浩特市',
  series: '6f1c3a50-0000-4000-8000-000000000001',
  version: 1,
  kind: 'list' as const,
  reason: null,
  supersedes: null,
  noticeNo: '呼市监公告〔2026〕1号',
  publishedOn: '2026-12-07',
  until: '2026-11-30',
  previousDigest: null,
};

describe('the published document', () => {
  it('is canonical JSON with every member present, and its digest is SHA-256 of those bytes', () => {
    const doc = publicationDocument(header, [failed], [passed]);
    const text = new TextDecoder().decode(publicationBytes(doc));
    expect(text.startsWith('{"failed":[{"batchNo":"B1","brand":"某牌","category":"调味品"')).toBe(
      true,
    );
    expect(text).toContain('"format":"spotcheck-publication/1"');
    expect(text).toContain('"manufacturerAddress":null');
    expect(text).not.toMatch(/\s"|":\s|,\s"/);
    expect(publicationDigest(doc)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('changes its digest when anything it says changes', () => {
    const base = publicationDigest(publicationDocument(header, [failed], [passed]));
    const value = { ...failed, failedItems: [{ ...failed.failedItems[0], value: '0.9' }] };
    expect(publicationDigest(publicationDocument(header, [value], [passed]))).not.toBe(base);
    expect(
      publicationDigest(
        publicationDocument({ ...header, previousDigest: 'a'.repeat(64) }, [failed], [passed]),
      ),
    ).not.toBe(base);
    expect(publicationDigest(publicationDocument(header, [failed], []))).not.toBe(base);
  });

  it('writes the official cells', () => {
    expect(failedItemsCell(failed.failedItems)).toBe(
      '铅（以Pb计）║0.8 mg/kg║≤0.5 mg/kg；菌落总数║1.2×10⁵║≤5×10⁴',
    );
    expect(productionCell(failed)).toBe('2026-01-10/B1');
    expect(productionCell(passed)).toBe('C7');
    expect(productionCell({ productionDate: null, batchNo: null })).toBe('');
    const notice = { noticeNo: header.noticeNo, publishedOn: header.publishedOn };
    expect(FAILED_COLUMNS.map((c) => c.header)).toEqual([
      '序号',
      '抽样编号',
      '标称生产企业名称',
      '标称生产企业地址',
      '被抽样单位名称',
      '被抽样单位地址',
      '被抽样单位所在地区',
      '产品名称',
      '规格型号',
      '商标',
      '生产日期/批号',
      '不合格项目║检验结果║标准值',
      '分类',
      '检验机构',
      '公告号',
      '公告日期',
      '任务来源/项目名称',
      '备注',
    ]);
    expect(FAILED_COLUMNS.map((c) => c.cell(failed, notice))).toContain('呼市监公告〔2026〕1号');
    expect(PASSED_COLUMNS.map((c) => c.header)).not.toContain('不合格项目║检验结果║标准值');
    expect(PASSED_COLUMNS.map((c) => c.cell(passed, notice))).toEqual([
      1,
      'NM-2026-001-0002',
      '另一公司',
      '',
      '另一公司',
      '内蒙古自治区呼和浩特市新城区',
      '醋',
      '',
      '',
      'C7',
      '调味品',
      '呼市监公告〔2026〕1号',
      '2026-12-07',
      '2026年呼和浩特市食品抽检计划',
      '',
    ]);
  });
});
