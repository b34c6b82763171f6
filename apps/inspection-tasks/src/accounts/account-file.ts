import { ROLES, ROLE_LABELS_ZH } from '@spotcheck/domain';
import { Column, ImportContext, bool, enumOf, text } from '../directory/columns';

/**
 * How an account file is read: one row per account, with Chinese or English headers, as the
 * directories' files are (the header names and cells are read by the same column readers).
 */
const col = (db: string, zh: string[], required: boolean, parse: Column['parse']): Column => ({
  db,
  pg: 'text',
  en: db,
  zh,
  required,
  parse,
});

export const ACCOUNT_COLUMNS: Column[] = [
  col('user_name', ['用户名', '账号', '登录名'], true, text(64)),
  col('display_name', ['姓名', '显示名称', '名称'], true, text(100)),
  col(
    'role',
    ['角色', '用户类型'],
    true,
    enumOf(ROLES, ROLE_LABELS_ZH, undefined, {
      监管: 'regulator',
      监管人员: 'regulator',
      检验: 'lab',
      检验人员: 'lab',
      管理员: 'admin',
    }),
  ),
  col(
    'jurisdiction',
    ['行政区划代码', '管辖区划代码', '区划代码'],
    false,
    text(6, { allowEmpty: true }),
  ),
  col(
    'org',
    ['所属机构', '机构标识', '检验机构标识', '统一社会信用代码'],
    false,
    text(64, { allowEmpty: true }),
  ),
  col('staff_no', ['执法证号', '人员编号'], false, text(64, { allowEmpty: true })),
  { ...col('disabled', ['是否停用', '停用'], false, bool(false)), pg: 'boolean' },
  col('initial_password', ['初始密码'], false, text(1024, { allowEmpty: true })),
];

/** The column readers need a context; account cells depend on none of it. */
export const NO_CONTEXT: ImportContext = { scope: { kind: 'all' }, categories: new Set() };

/** The file column of each field the account rules name. */
export const COLUMN_OF_FIELD: Record<string, string> = {
  userName: 'user_name',
  displayName: 'display_name',
  role: 'role',
  jurisdiction: 'jurisdiction',
  org: 'org',
  staffNo: 'staff_no',
  password: 'initial_password',
};
