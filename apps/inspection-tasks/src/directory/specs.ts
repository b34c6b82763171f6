import {
  Column,
  bool,
  categoryCode,
  categoryList,
  limitRule,
  nonNegativeInt,
  regionCode,
  riskClass,
  sectorCol,
  sizeCol,
  statusCol,
  text,
  uscc,
  usccList,
} from './columns';

export type DirectoryName = 'enterprise' | 'inspector' | 'lab' | 'catalog';

/** How one directory is read from and written to files. */
export interface DirectorySpec {
  name: DirectoryName;
  table: string;
  /** The natural key the import upserts by. */
  key: string;
  /** Other unique columns a file row must not take from a different record. */
  alsoUnique: string[];
  /** Column holding the region code that scopes regulators, if any. */
  scopeColumn?: string;
  columns: Column[];
}

const REGION: Column = {
  db: 'region_code',
  pg: 'text',
  en: 'region_code',
  zh: ['行政区划代码', '区划代码', '所在地区划代码', '地区代码'],
  required: true,
  parse: regionCode,
  memo: true,
};
const categories = (zh: string[]): Column => ({
  db: 'categories',
  pg: 'text[]',
  en: 'categories',
  zh,
  required: false,
  parse: categoryList,
  memo: true,
  exportSql: (a) => `array_to_string(${a}.categories, ';')`,
});
const ACTIVE: Column = {
  db: 'active',
  pg: 'boolean',
  en: 'active',
  zh: ['是否有效', '是否在岗', '在岗', '有效'],
  required: false,
  parse: bool(true),
  exportSql: (a) => `CASE WHEN ${a}.active THEN '是' ELSE '否' END`,
};

export const ENTERPRISE_SPEC: DirectorySpec = {
  name: 'enterprise',
  table: 'enterprise',
  key: 'uscc',
  alsoUnique: [],
  scopeColumn: 'region_code',
  columns: [
    {
      db: 'uscc',
      pg: 'text',
      en: 'uscc',
      zh: ['统一社会信用代码', '社会信用代码', '信用代码'],
      required: true,
      parse: uscc,
    },
    {
      db: 'name',
      pg: 'text',
      en: 'name',
      zh: ['企业名称', '单位名称', '名称'],
      required: true,
      parse: text(200),
    },
    {
      db: 'address',
      pg: 'text',
      en: 'address',
      zh: ['地址', '企业地址', '住所', '经营场所'],
      required: false,
      parse: text(500, { allowEmpty: true }),
    },
    REGION,
    {
      db: 'size',
      pg: 'text',
      en: 'size',
      zh: ['企业规模', '规模'],
      required: true,
      parse: sizeCol,
    },
    categories(['产品类别', '产品类别代码', '类别代码']),
    {
      db: 'risk_class',
      pg: 'text',
      en: 'risk_class',
      zh: ['信用风险分类', '信用风险等级', '风险等级', '风险分类'],
      required: true,
      parse: riskClass,
    },
    {
      db: 'status',
      pg: 'text',
      en: 'status',
      zh: ['经营状态', '状态'],
      required: false,
      parse: statusCol,
    },
  ],
};

export const INSPECTOR_SPEC: DirectorySpec = {
  name: 'inspector',
  table: 'inspector',
  key: 'staff_no',
  alsoUnique: [],
  scopeColumn: 'region_code',
  columns: [
    {
      db: 'staff_no',
      pg: 'text',
      en: 'staff_no',
      zh: ['执法证号', '人员编号', '工号'],
      required: true,
      parse: text(64),
    },
    { db: 'name', pg: 'text', en: 'name', zh: ['姓名', '名称'], required: true, parse: text(100) },
    REGION,
    {
      db: 'unit',
      pg: 'text',
      en: 'unit',
      zh: ['所属单位', '单位', '工作单位'],
      required: false,
      parse: text(200, { allowEmpty: true }),
    },
    categories(['可检查类别', '专业领域', '产品类别']),
    ACTIVE,
    {
      db: 'conflicts',
      pg: 'text[]',
      en: 'conflicts',
      zh: ['回避企业', '利益冲突企业'],
      required: false,
      parse: usccList,
      exportSql: (a) => `array_to_string(${a}.conflicts, ';')`,
    },
  ],
};

export const LAB_SPEC: DirectorySpec = {
  name: 'lab',
  table: 'lab',
  key: 'cma_no',
  alsoUnique: ['uscc'],
  scopeColumn: 'region_code',
  columns: [
    {
      db: 'cma_no',
      pg: 'text',
      en: 'cma_no',
      zh: ['CMA证书编号', '资质认定证书编号', '证书编号'],
      required: true,
      parse: text(64),
    },
    {
      db: 'name',
      pg: 'text',
      en: 'name',
      zh: ['机构名称', '检验机构', '名称'],
      required: true,
      parse: text(200),
    },
    {
      db: 'uscc',
      pg: 'text',
      en: 'uscc',
      zh: ['统一社会信用代码', '社会信用代码'],
      required: true,
      parse: uscc,
    },
    REGION,
    categories(['承检类别', '认可类别', '产品类别']),
    {
      db: 'capacity',
      pg: 'integer',
      en: 'capacity',
      zh: ['年检测能力', '检测能力', '承检能力'],
      required: true,
      parse: nonNegativeInt,
    },
    ACTIVE,
  ],
};

/**
 * The catalog file has one row per test item; rows sharing a category code make one
 * category whose item list the file replaces.
 */
export const CATALOG_SPEC: DirectorySpec = {
  name: 'catalog',
  table: 'product_category',
  key: 'category_code',
  alsoUnique: [],
  columns: [
    {
      db: 'category_code',
      pg: 'text',
      en: 'category_code',
      zh: ['产品类别代码', '类别代码'],
      required: true,
      parse: categoryCode,
    },
    {
      db: 'category_name',
      pg: 'text',
      en: 'category_name',
      zh: ['产品类别', '类别名称', '产品名称'],
      required: true,
      parse: text(200),
    },
    {
      db: 'sector',
      pg: 'text',
      en: 'sector',
      zh: ['所属领域', '行业', '领域'],
      required: true,
      parse: sectorCol,
    },
    {
      db: 'item_code',
      pg: 'text',
      en: 'item_code',
      zh: ['检验项目代码', '项目代码'],
      required: true,
      parse: text(64),
    },
    {
      db: 'item_name',
      pg: 'text',
      en: 'item_name',
      zh: ['检验项目', '项目名称'],
      required: true,
      parse: text(200),
    },
    {
      db: 'method',
      pg: 'text',
      en: 'method',
      zh: ['检验方法', '方法标准', '检验依据'],
      required: false,
      parse: text(200, { allowEmpty: true }),
    },
    {
      db: 'unit',
      pg: 'text',
      en: 'unit',
      zh: ['单位', '计量单位'],
      required: false,
      parse: text(50, { allowEmpty: true }),
    },
    {
      db: 'limit',
      pg: 'text',
      en: 'limit',
      zh: ['判定限值', '标准要求', '限量', '指标'],
      required: true,
      parse: limitRule,
    },
    {
      // 微生物指标: where the sector rules say so (food), a failure of it is not retested.
      db: 'microbial',
      pg: 'boolean',
      en: 'microbial',
      zh: ['微生物指标', '是否微生物指标', '微生物'],
      required: false,
      parse: bool(false),
    },
  ],
};

/** Normalises a header as people type it: case, spaces, required-markers and units in brackets. */
export function normaliseHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .replace(/[*＊\s]/g, '')
    .replace(/[（(][^)）]*[)）]$/, '')
    .toLowerCase();
}

export interface HeaderMap {
  /** Index of each spec column in the file row, -1 when absent. */
  index: number[];
  missing: string[];
  ignored: string[];
  /**
   * Headers naming a column an earlier header already names (`uscc` twice, or `uscc` and
   * `统一社会信用代码`): which of the two holds the value cannot be told, so the file is refused.
   */
  duplicates: { header: string; of: string }[];
}

export function mapHeaders(spec: Pick<DirectorySpec, 'columns'>, headers: string[]): HeaderMap {
  const normalised = headers.map(normaliseHeader);
  const names = spec.columns.map((c) => [c.en, ...c.zh].map(normaliseHeader));
  const index = spec.columns.map(() => -1);
  const duplicates: HeaderMap['duplicates'] = [];
  const used = new Set<number>();
  normalised.forEach((h, j) => {
    const c = names.findIndex((n) => n.includes(h));
    if (c < 0) return;
    used.add(j);
    if (index[c] < 0) index[c] = j;
    else duplicates.push({ header: headers[j].trim(), of: headers[index[c]].trim() });
  });
  const missing = spec.columns
    .filter((c, i) => c.required && index[i] < 0)
    .map((c) => `${c.en} (${c.zh[0]})`);
  const ignored = headers.filter((h, j) => !used.has(j) && h.trim() !== '');
  return { index, missing, ignored, duplicates };
}
