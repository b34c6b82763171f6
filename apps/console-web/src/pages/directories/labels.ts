import { validateUscc } from '@spotcheck/domain/uscc';
import { describeReason } from '../../i18n/errors';
import { definePageMessages } from '../../i18n/i18n';
import type { Lang } from '../../i18n/format';

/** The directories' shared words. */
export const useDirT = definePageMessages(
  {
    enterprises: '检查对象名录',
    labs: '检验机构',
    inspectors: '执法检查人员',
    catalog: '抽查事项清单',
    uscc: '统一社会信用代码',
    name: '名称',
    address: '地址',
    region: '行政区划代码',
    size: '规模',
    risk: '信用风险分类',
    status: '状态',
    categories: '产品类别',
    q: '名称关键字',
    cmaNo: 'CMA 证书编号',
    capacity: '承检能力（批次）',
    active: '在用',
    staffNo: '执法证号',
    unit: '单位',
    conflicts: '申报回避的企业',
    code: '类别代码',
    sector: '行业',
    items: '检验项目数',
    size_large: '大型',
    size_medium: '中型',
    size_small: '小型',
    size_micro: '微型',
    status_active: '存续',
    status_suspended: '停业',
    status_revoked: '吊销',
    status_closed: '注销',
    sector_manufacturing: '工业产品',
    sector_consumer_goods: '消费品',
    sector_agricultural: '农产品',
    sector_food: '食品',
    sector_drug: '药品',
  },
  {
    enterprises: 'Enterprises',
    labs: 'Labs',
    inspectors: 'Inspectors',
    catalog: 'Check-item catalogue',
    uscc: 'USCC',
    name: 'Name',
    address: 'Address',
    region: 'Region code',
    size: 'Size',
    risk: 'Credit-risk class',
    status: 'Status',
    categories: 'Categories',
    q: 'Name contains',
    cmaNo: 'CMA certificate',
    capacity: 'Capacity (batches)',
    active: 'Active',
    staffNo: 'Staff number',
    unit: 'Unit',
    conflicts: 'Declared conflicts',
    code: 'Category code',
    sector: 'Sector',
    items: 'Test items',
    size_large: 'Large',
    size_medium: 'Medium',
    size_small: 'Small',
    size_micro: 'Micro',
    status_active: 'Active',
    status_suspended: 'Suspended',
    status_revoked: 'Revoked',
    status_closed: 'Closed',
    sector_manufacturing: 'Manufactured products',
    sector_consumer_goods: 'Consumer goods',
    sector_agricultural: 'Agricultural products',
    sector_food: 'Food',
    sector_drug: 'Medicines',
  },
);

export type DirT = ReturnType<typeof useDirT>;

export const SIZES = ['large', 'medium', 'small', 'micro'] as const;
export const STATUSES = ['active', 'suspended', 'revoked', 'closed'] as const;
export const SECTORS = ['manufacturing', 'consumer_goods', 'agricultural', 'food', 'drug'] as const;
export const RISKS = ['A', 'B', 'C', 'D'] as const;

export const options = <K extends string>(t: DirT, prefix: string, values: readonly K[]) =>
  values.map((v) => ({ value: v, label: t(`${prefix}_${v}` as never) }));

/** The USCC's check character as typed (GB 32100), the same rule the server runs. */
export const usccCheck = (lang: Lang) => (value: string) => {
  const r = validateUscc(value);
  return r.ok ? null : describeReason(r.reason, lang);
};

export const REGION = /^\d{6}$/;
export const regionCheck = (t: DirT) => (v: string) => (REGION.test(v) ? null : t('region'));
