/**
 * Closed vocabularies of the directories (docs/rules.md §3.1), each as a readonly array of values,
 * the string-literal union derived from it, and the Chinese labels used on forms, imports
 * and published lists.
 */

export const ENTERPRISE_SIZES = ['large', 'medium', 'small', 'micro'] as const;
export type EnterpriseSize = (typeof ENTERPRISE_SIZES)[number];

/** Credit-risk class A–D, A being the lowest risk (企业信用风险分类, A类 低 … D类 高). */
export const RISK_CLASSES = ['A', 'B', 'C', 'D'] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];

export const ENTERPRISE_STATUSES = ['active', 'suspended', 'revoked', 'closed'] as const;
export type EnterpriseStatus = (typeof ENTERPRISE_STATUSES)[number];

export const SECTORS = ['manufacturing', 'consumer_goods', 'agricultural', 'food', 'drug'] as const;
export type Sector = (typeof SECTORS)[number];

export const ROLES = ['regulator', 'lab', 'enterprise', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const SIZE_LABELS_ZH: Readonly<Record<EnterpriseSize, string>> = Object.freeze({
  large: '大型',
  medium: '中型',
  small: '小型',
  micro: '微型',
});

export const RISK_CLASS_LABELS_ZH: Readonly<Record<RiskClass, string>> = Object.freeze({
  A: 'A类',
  B: 'B类',
  C: 'C类',
  D: 'D类',
});

/** What each class means, as worded in the SAMR credit-risk classification scheme. */
export const RISK_CLASS_DESCRIPTIONS_ZH: Readonly<Record<RiskClass, string>> = Object.freeze({
  A: '信用风险低',
  B: '信用风险一般',
  C: '信用风险较高',
  D: '信用风险高',
});

export const STATUS_LABELS_ZH: Readonly<Record<EnterpriseStatus, string>> = Object.freeze({
  active: '在营',
  suspended: '停业整顿',
  revoked: '吊销',
  closed: '注销',
});

export const SECTOR_LABELS_ZH: Readonly<Record<Sector, string>> = Object.freeze({
  manufacturing: '工业产品',
  consumer_goods: '消费品',
  agricultural: '农产品',
  food: '食品',
  drug: '药品',
});

export const ROLE_LABELS_ZH: Readonly<Record<Role, string>> = Object.freeze({
  regulator: '市场监管部门',
  lab: '检验机构',
  enterprise: '企业',
  admin: '系统管理员',
});

/** Type guard: `input` is exactly one of `values` (case-sensitive, no trimming). */
export function isOneOf<T extends string>(values: readonly T[], input: unknown): input is T {
  return typeof input === 'string' && (values as readonly string[]).includes(input);
}

export const isEnterpriseSize = (x: unknown): x is EnterpriseSize => isOneOf(ENTERPRISE_SIZES, x);
export const isRiskClass = (x: unknown): x is RiskClass => isOneOf(RISK_CLASSES, x);
export const isEnterpriseStatus = (x: unknown): x is EnterpriseStatus =>
  isOneOf(ENTERPRISE_STATUSES, x);
export const isSector = (x: unknown): x is Sector => isOneOf(SECTORS, x);
export const isRole = (x: unknown): x is Role => isOneOf(ROLES, x);

/**
 * Reads a value the way people type it in spreadsheets and forms: the English value in any
 * case (`Large`, `MICRO`) or the exact Chinese label (`大型`), surrounding whitespace ignored.
 * Returns undefined for anything else, including non-strings.
 */
export function parseEnum<T extends string>(
  values: readonly T[],
  labelsZh: Readonly<Record<T, string>>,
  input: unknown,
): T | undefined {
  if (typeof input !== 'string') return undefined;
  const s = input.trim();
  if (s === '') return undefined;
  const lower = s.toLowerCase();
  for (const v of values) {
    if (v.toLowerCase() === lower || labelsZh[v] === s) return v;
  }
  return undefined;
}
