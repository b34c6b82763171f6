import { formatDate, formatDateTime, type Lang } from './format';

/**
 * What the API refuses, in the user's language. The API's error codes are stable
 * (libs/common's AllExceptionsFilter, libs/domain's DomainError and the apps' own), so this
 * catalogue is keyed by code; an unknown code falls back to the API's own message. Field
 * reasons are the API's English sentences: the common ones are translated by pattern below,
 * and the rest are shown as sent, after the field's name.
 */
type Pair = { zh: string; en: string };
/** A headline, and the one to show when the body lacks a value the headline names. */
type Headline = Pair & { without?: Pair };

export const ERROR_CODES: Record<string, Headline> = {
  VALIDATION_FAILED: { zh: '填写有误，请按提示修改', en: 'Some fields need correcting' },
  NOT_FOUND: { zh: '记录不存在，或不在您的管辖范围内', en: 'Not found, or outside your reach' },
  FORBIDDEN: { zh: '您的角色无权执行此操作', en: 'Your role may not do this' },
  UNAUTHORIZED: { zh: '请先登录', en: 'Please sign in' },
  INVALID_CREDENTIALS: { zh: '用户名或密码错误', en: 'User name or password is wrong' },
  ACCOUNT_LOCKED: {
    zh: '连续输错密码次数过多，账户已锁定，请于 {lockedUntil} 后再试',
    en: 'Too many wrong passwords: the account is locked until {lockedUntil}',
    without: {
      zh: '连续输错密码次数过多，账户已锁定，请稍后再试',
      en: 'Too many wrong passwords: the account is locked for now; try again later',
    },
  },
  PASSWORD_CHANGE_REQUIRED: {
    zh: '这是管理员设置的初始密码，请先修改密码',
    en: 'This first password must be changed before signing in',
  },
  PASSWORD_SIGN_IN_OFF: {
    zh: '本系统已改用省级统一身份认证登录',
    en: 'Password sign-in is off; use the province’s single sign-on',
  },
  SESSION_ENDED: { zh: '登录已失效，请重新登录', en: 'The session has ended; sign in again' },
  RATE_LIMITED: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  DATABASE_UNAVAILABLE: {
    zh: '数据库暂时不可用，请稍后重试',
    en: 'The database is unavailable; retry shortly',
  },
  INTERNAL: { zh: '服务器内部错误，请稍后重试', en: 'Internal server error' },
  DUPLICATE: { zh: '已存在相同编号的记录', en: 'A record with this key already exists' },
  REFERENCED: {
    zh: '该记录仍被其他记录引用，不能删除或修改',
    en: 'Other records still refer to this one',
  },
  NOT_NULL_VIOLATION: { zh: '必填项未填写', en: 'A required field is empty' },
  CHECK_VIOLATION: { zh: '取值不符合规则', en: 'A value breaks a rule' },
  INVALID_TEXT: { zh: '格式不正确', en: 'Malformed value' },
  VALUE_TOO_LONG: { zh: '内容过长', en: 'Value too long' },
  NUMBER_OUT_OF_RANGE: { zh: '数值超出范围', en: 'Number out of range' },
  INVALID_DATETIME: { zh: '日期时间格式不正确', en: 'Invalid date or time' },
  DATETIME_OUT_OF_RANGE: { zh: '日期超出范围', en: 'Date out of range' },
  INVALID_CHARACTER: { zh: '含有无法保存的字符', en: 'Contains characters that cannot be stored' },
  SERIALIZATION_FAILURE: { zh: '与他人同时修改，请重试', en: 'Changed concurrently; retry' },
  DEADLOCK_RETRY: { zh: '与他人同时修改，请重试', en: 'Changed concurrently; retry' },
  INVALID_JSON: { zh: '请求内容不是有效的 JSON', en: 'The body is not valid JSON' },
  PAYLOAD_TOO_LARGE: { zh: '文件或内容过大', en: 'Too large' },
  FILE_TOO_LARGE: { zh: '文件过大', en: 'File too large' },
  FILE_REQUIRED: { zh: '请选择要上传的文件', en: 'Choose a file to upload' },
  UNSUPPORTED_FILE: {
    zh: '不支持此文件格式，请上传 CSV 或 XLSX 文件',
    en: 'Unsupported file: upload CSV or XLSX',
  },
  UNSUPPORTED_MEDIA_TYPE: { zh: '不支持此内容类型', en: 'Unsupported content type' },
  MULTIPART_INVALID: { zh: '上传内容格式不正确', en: 'Malformed upload' },
  IMPORT_REJECTED: {
    zh: '文件中有错误，未导入任何记录；请按下表修改后重新导入',
    en: 'The file has errors and nothing was imported; correct the rows below and import again',
  },
  IDEMPOTENCY_KEY_REUSED: {
    zh: '重复提交了不同的内容',
    en: 'The same request key was used for a different request',
  },
  ILLEGAL_PLAN_TRANSITION: {
    zh: '计划当前状态（{currentState}）不允许此操作',
    en: 'The plan’s state ({currentState}) does not allow this',
  },
  ILLEGAL_PLAN_STATE: {
    zh: '计划当前状态（{currentState}）不允许此操作',
    en: 'The plan’s state ({currentState}) does not allow this',
  },
  HIGHER_LEVEL_PLAN: {
    zh: '上级计划已覆盖该产品，不能重复抽查',
    en: 'A higher-level plan covers this product',
  },
  NOTHING_ELIGIBLE: { zh: '没有符合条件的检查对象', en: 'No enterprise is eligible' },
  DRAW_INPUT_INVALID: { zh: '抽取条件不完整', en: 'The draw’s input is incomplete' },
  NO_QUALIFIED_INSPECTORS: {
    zh: '没有足够的具备资格的执法检查人员',
    en: 'Not enough qualified inspectors',
  },
  NO_ACCREDITED_LAB: { zh: '没有具备资质的检验机构', en: 'No accredited lab' },
  NO_LAB_CAPACITY: { zh: '检验机构承检能力不足', en: 'No lab has capacity left' },
  WORKLOAD_CAP: { zh: '超出检查人员的任务上限', en: 'Over the inspectors’ workload cap' },
  PAIR_RULE: { zh: '检查人员组合不符合规则', en: 'The inspector pair breaks a rule' },
  CONFLICT_OF_INTEREST: {
    zh: '检查人员与该企业有利害关系，须回避',
    en: 'An inspector has a declared conflict with this enterprise',
  },
  RECENTLY_CHECKED: {
    zh: '该企业近期已被抽查',
    en: 'This enterprise was checked recently',
  },
  ILLEGAL_TASK_TRANSITION: {
    zh: '任务当前状态（{currentState}）不允许此操作',
    en: 'The task’s state ({currentState}) does not allow this',
  },
  ILLEGAL_TASK_STATE: {
    zh: '任务当前状态（{currentState}）不允许此操作',
    en: 'The task’s state ({currentState}) does not allow this',
  },
  TASK_UNASSIGNED: { zh: '任务尚未分配检查人员', en: 'The task has no inspectors' },
  NOT_TASK_INSPECTOR: { zh: '您不是该任务的检查人员', en: 'You are not an inspector of this task' },
  TASKS_OPEN: { zh: '仍有未完成的任务', en: 'Tasks are still open' },
  INVALID_UNABLE_REASON: { zh: '无法抽样的原因不正确', en: 'Invalid reason' },
  ILLEGAL_CUSTODY_TRANSITION: {
    zh: '样品流转顺序不正确（当前：{currentState}）',
    en: 'Illegal custody step (now {currentState})',
  },
  ILLEGAL_CUSTODY_STATE: {
    zh: '样品当前状态（{currentState}）不允许此操作',
    en: 'The sample’s state ({currentState}) does not allow this',
  },
  NOT_CUSTODIAN: { zh: '样品不在您的保管之下', en: 'You do not hold this sample' },
  USE_LAB_RECEIPT: { zh: '请由检验机构办理收样', en: 'The lab records the receipt' },
  BACKUP_RETAINED: { zh: '备份样品仍在保存期内', en: 'The backup sample is still retained' },
  ILLEGAL_PUBLICATION_STATE: {
    zh: '名单当前状态（{currentState}）不允许此操作',
    en: 'The list’s state ({currentState}) does not allow this',
  },
  FOUR_EYES_VIOLATION: {
    zh: '须由另一名人员审核（双人复核）',
    en: 'Another person must do this (four eyes)',
  },
  LIST_OPEN: { zh: '已有未发布的名单', en: 'A list is still open' },
  LIST_AWAITING_PUBLICATION: { zh: '已有待发布的名单', en: 'A list awaits publication' },
  CORRECTION_LISTS_NOTHING: { zh: '更正后的名单为空', en: 'The correction lists nothing' },
  NOT_PUBLISHED: { zh: '尚未发布', en: 'Not published' },
  SUPERSEDED: { zh: '已被新版本取代', en: 'Superseded by a newer version' },
  WITHDRAWN: { zh: '已撤回', en: 'Withdrawn' },
  VERSION_IN_PROGRESS: { zh: '已有正在办理的新版本', en: 'A new version is in progress' },
  FILE_NOT_READY: { zh: '文件正在生成，请稍后', en: 'The file is not ready yet' },
  TARGET_EXISTS: { zh: '该目标已存在', en: 'This target exists already' },
  GTIN_PREFIX_TAKEN: { zh: '该厂商识别代码已被登记', en: 'This GS1 prefix is taken' },
  GTIN_PREFIX_REGISTERED: { zh: '该厂商识别代码已登记', en: 'This GS1 prefix is registered' },
  GTIN_PREFIXES_CHANGED: { zh: '厂商识别代码已变更', en: 'The GS1 prefixes changed' },
  INVALID_EPCIS_DOCUMENT: { zh: 'EPCIS 文档不符合规范', en: 'Invalid EPCIS document' },
  EPCIS_EVENT_ID_CONFLICT: { zh: '事件编号冲突', en: 'Event id conflict' },
  EPCIS_NOT_OWN_PRODUCTS: { zh: '只能上报本企业的产品', en: 'Only your own products' },
  LAB_CONFLICT: { zh: '检验机构与该企业有利害关系', en: 'The lab has a conflict' },
  REPORT_EXISTS: { zh: '该样品已有检验报告', en: 'The sample has a report already' },
  REPORT_NO_TAKEN: { zh: '报告编号已被使用', en: 'The report number is taken' },
  REPORT_NOT_EDITABLE: { zh: '报告已不能修改', en: 'The report can no longer be edited' },
  REPORT_ROLE_REQUIRED: { zh: '您没有办理此步骤的岗位权限', en: 'Your lab role may not do this' },
  ILLEGAL_REPORT_TRANSITION: {
    zh: '报告当前状态（{currentState}）不允许此操作',
    en: 'The report’s state ({currentState}) does not allow this',
  },
  AMENDMENT_NOT_ALLOWED: { zh: '不能修订此报告', en: 'This report cannot be amended' },
  AMENDMENT_REASON_REQUIRED: { zh: '请填写修订原因', en: 'Give the amendment’s reason' },
  RETURN_REASON_REQUIRED: { zh: '请填写退回原因', en: 'Give the reason for returning it' },
  INVALID_REPORT_HISTORY: { zh: '报告历史不一致', en: 'Inconsistent report history' },
  SAMPLE_NOT_RECEIVED: { zh: '样品尚未收样', en: 'The sample has not been received' },
  NOT_LAB_STAFF: { zh: '您不是本机构的人员', en: 'You are not staff of this lab' },
  BATCH_REJECTED: {
    zh: '批量数据有错误，未保存任何记录',
    en: 'The batch has errors; nothing was saved',
  },
  ILLEGAL_OBJECTION_STATE: {
    zh: '复检申请当前状态（{currentState}）不允许此操作',
    en: 'The objection’s state ({currentState}) does not allow this',
  },
  OBJECTION_EXISTS: { zh: '该样品已有复检申请', en: 'The sample has an objection already' },
  OBJECTION_LATE: {
    zh: '已超过提出异议的期限：{deadline} 截止（{ruleSource}）',
    en: 'The objection deadline, {deadline}, has passed ({ruleSource})',
    without: {
      zh: '已超过提出异议的期限（{deadline}）',
      en: 'The objection deadline ({deadline}) has passed',
    },
  },
  RETEST_NOT_ALLOWED: { zh: '按规定不能复检', en: 'A retest is not allowed by the rules' },
  // RETEST_NOT_ALLOWED by its `reason` (`CODE:reason` entries are tried first).
  'RETEST_NOT_ALLOWED:microbial_items': {
    zh: '微生物指标不予复检（{items}）：{ruleSource}',
    en: 'Microbial items may not be retested ({items}): {ruleSource}',
    without: { zh: '微生物指标不予复检', en: 'Microbial items may not be retested' },
  },
  'RETEST_NOT_ALLOWED:backup_expired': {
    zh: '复检备份样品已超过保质期，不予复检：{ruleSource}',
    en: 'The backup sample is past its shelf life and may not be retested: {ruleSource}',
    without: {
      zh: '复检备份样品已超过保质期，不予复检',
      en: 'The backup sample is past its shelf life and may not be retested',
    },
  },
  'RETEST_NOT_ALLOWED:backup_gone': {
    zh: '复检备份样品已处置或退回，无法实现复检目的，不予复检',
    en: 'The backup sample was disposed of or returned: there is nothing left to retest',
  },
  NOTHING_TO_OBJECT: {
    zh: '该检验结果不是不合格结论，无需提出异议',
    en: 'The result did not fail: there is nothing to object to',
  },
  NOTICE_SUPERSEDED: {
    zh: '该通知书对应的报告已被新版本取代，请对最新的通知书提出异议',
    en: 'A newer version of the report replaced this one: object on its notice',
  },
  NOT_ADDRESSEE: {
    zh: '只有被抽样企业可以办理此事项（标称生产企业可查阅）',
    en: 'Only the sampled enterprise may do this (the named manufacturer may read)',
  },
  RECTIFICATION_LATE: {
    zh: '已超过整改期限（{deadline}），不能再报送整改报告',
    en: 'The rectification deadline ({deadline}) has passed',
  },
  ILLEGAL_CASE_STATE: {
    zh: '案件当前状态（{currentState}）不允许此操作',
    en: 'The case’s state ({currentState}) does not allow this',
  },
  RETEST_NOT_DRAWN: { zh: '尚未抽取复检机构', en: 'The retest lab has not been drawn' },
  NO_RETEST_LAB: {
    zh: '没有可抽取的复检机构（须具备资质且不是原检验机构）',
    en: 'No lab can be drawn for the retest (accredited, not the lab that tested)',
  },
  RETEST_REFUSAL_NOT_NOW: {
    zh: '备份样品当前状态（{custodyState}）不能记录复检机构拒绝：须在寄出前，或复检机构拒收之后',
    en: 'The backup is {custodyState}: a refusal is recorded before it is sent or after the lab rejected it',
  },
  NOT_AT_TOP_OF_LADDER: {
    zh: '案件尚未升级到“建议吊销营业执照”，不能结案：请重新责令限期改正',
    en: 'The case has not reached a recommended licence revocation: order the correction again instead of closing',
  },
  ATTACHMENT_MISSING: {
    zh: '附件文件不在附件存储中，请联系系统管理员',
    en: 'The attachment is missing from the attachment store; tell the administrator',
  },
  NOT_MANUFACTURER: {
    zh: '召回决定由抽样单上标称的生产企业作出',
    en: 'The nominal manufacturer decides the recall',
  },
  ALREADY_CONFIRMED: { zh: '已确认过下架', en: 'The withdrawal was confirmed already' },
  STALE_VERSION: {
    zh: '规则已被他人修改（当前第 {currentVersion} 版），请刷新后重新修改',
    en: 'Someone changed the rules meanwhile (now version {currentVersion}); reload and edit again',
  },
  ACCOUNT_EXISTS: { zh: '该用户名已存在', en: 'This user name exists already' },
  OWN_ACCOUNT: { zh: '不能停用自己的账户', en: 'You cannot disable your own account' },
  NOT_DRAWN: { zh: '尚未抽取', en: 'Not drawn yet' },
  INVALID_URL: { zh: '地址格式不正确', en: 'Malformed address' },
  URI_TOO_LONG: { zh: '地址过长', en: 'Address too long' },
};

/**
 * The API's common field reasons (class-validator's sentences and the directories' own), each
 * with its translation; `$1`… stand for the pattern's groups. The field's own name, which
 * class-validator puts first, is left out: the sentence is shown beside the field.
 */
const REASONS: [RegExp, Pair][] = [
  // Tasks, reassignment and the sampling record (console-tasks): one block, kept together, and
  // first, because these sentences are more specific than the generic ones below.
  [
    /^no inspector with staff number (.+)$/,
    { zh: '没有执法证号为 $1 的检查人员', en: 'no inspector with staff number $1' },
  ],
  [
    /^inspector (.+) is not active$/,
    { zh: '检查人员 $1 不在岗（未启用）', en: 'inspector $1 is not active' },
  ],
  [
    /^inspector (.+) works in (\d+), outside the plan's jurisdiction (\d+)$/,
    {
      zh: '检查人员 $1 所在区划 $2 不在本计划管辖区域 $3 内',
      en: "inspector $1 works in $2, outside the plan's jurisdiction $3",
    },
  ],
  [
    /^inspector (.+) is not qualified for category (.+)$/,
    {
      zh: '检查人员 $1 不具备产品类别 $2 的检查资格',
      en: 'inspector $1 is not qualified for category $2',
    },
  ],
  [
    /^inspector (.+) declared a conflict of interest with (.+)$/,
    {
      zh: '检查人员 $1 已申报与企业 $2 存在利害关系，须回避',
      en: 'inspector $1 declared a conflict of interest with $2',
    },
  ],
  [
    /^inspector (.+) cannot be both members of the pair$/,
    { zh: '同一人（$1）不能同时担任两名检查人员', en: 'inspector $1 cannot be both members' },
  ],
  [
    /^\((.+), (.+)\) is the pair that last inspected (.+)$/,
    {
      zh: '（$1、$2）是上次检查企业 $3 的检查人员组合，不能再次组合',
      en: '($1, $2) is the pair that last inspected $3',
    },
  ],
  [
    /^(.+) is already inspector (\d) of this task$/,
    { zh: '$1 已是本任务的第 $2 名检查人员', en: '$1 is already inspector $2 of this task' },
  ],
  [
    /^(.+) is already the other inspector of this task$/,
    { zh: '$1 已是本任务的另一名检查人员', en: '$1 is already the other inspector' },
  ],
  [
    /^(.+) is not an inspector of this task \(pair: (.+)\)$/,
    {
      zh: '$1 不是本任务的检查人员（现为 $2）',
      en: '$1 is not an inspector of this task (pair: $2)',
    },
  ],
  [
    /^the task has no inspector pair yet/,
    {
      zh: '本任务尚无检查人员，请同时指定两名检查人员',
      en: 'the task has no pair yet: give both inspectors',
    },
  ],
  [
    /^the task already has a pair \((.+)\)/,
    {
      zh: '本任务已有检查人员（$1），请按位置或执法证号更换其中一名',
      en: 'the task already has a pair ($1): replace one member',
    },
  ],
  [
    /must differ from \w+\[0\]/,
    { zh: '两名检查人员须为不同的人', en: 'must be two different inspectors' },
  ],
  [/is required with (\w+)$/, { zh: '必填', en: 'required' }],
  [
    /must be a staff number/,
    { zh: '应为执法证号（1–64 个字符）', en: 'must be a staff number (1–64 characters)' },
  ],
  [/must not be blank or contain NUL characters$/, { zh: '不能为空', en: 'must not be blank' }],
  [/must be longer than or equal to 1 characters?$/, { zh: '必填', en: 'required' }],
  [
    /^must be a date-time with seconds and an offset/,
    { zh: '应为带时区的日期时间', en: 'must be a date-time with an offset' },
  ],
  [/^must not be in the future/, { zh: '不能晚于当前时间', en: 'must not be in the future' }],
  [
    /^must not be before the task was drawn/,
    { zh: '不能早于任务抽取的时间', en: 'must not be before the task was drawn' },
  ],
  [
    /^the plan samples at (.+), not (\S+)$/,
    { zh: '本计划的抽样环节为 $1，不含 $2', en: 'the plan samples at $1, not $2' },
  ],
  [
    /^is required for online sampling/,
    { zh: '网络抽样须填写平台名称和店铺名称', en: 'required for online sampling' },
  ],
  [
    /^is only for online sampling/,
    { zh: '只有网络抽样才填写平台和店铺', en: 'only for online sampling' },
  ],
  [
    /^give the batch number or the production date/,
    {
      zh: '生产日期和批号至少填写一项',
      en: 'give the batch number or the production date (or both)',
    },
  ],
  [
    /^must not be after the sampling date (\S+)/,
    { zh: '不能晚于抽样日期 $1', en: 'must not be after the sampling date $1' },
  ],
  [
    /^must not be before the production date (\S+)/,
    { zh: '不能早于生产日期 $1', en: 'must not be before the production date $1' },
  ],
  [
    /^must be a date (?:written|string) YYYY-MM-DD/,
    { zh: '应为日期（年-月-日）', en: 'must be a date YYYY-MM-DD' },
  ],
  [/^(\S+) does not exist \((.+)\)$/, { zh: '日期 $1 不存在', en: '$1 does not exist' }],
  [
    /^must be a decimal number written as a string/,
    {
      zh: '应为正数，如 2 或 0.5（最多 6 位小数）',
      en: 'must be a number such as 2 or 0.5 (at most 6 decimals)',
    },
  ],
  [
    /^must be an amount in yuan/,
    {
      zh: '应为以元为单位的金额，如 36.50（最多 2 位小数）',
      en: 'must be an amount in yuan such as 36.50',
    },
  ],
  [
    /^must be greater than zero: samples are bought/,
    { zh: '应大于零：样品须购买', en: 'must be above zero: samples are bought' },
  ],
  [/^must be greater than zero$/, { zh: '应大于零', en: 'must be greater than zero' }],
  [/is listed twice$/, { zh: '重复填写', en: 'listed twice' }],
  [
    /^must be the task's inspectors (\S+) and (\S+)/,
    {
      zh: '须为本任务的检查人员 $1 和 $2',
      en: "must be the task's inspectors $1 and $2",
    },
  ],
  [
    /^must be the staff numbers of the two inspectors who signed/,
    { zh: '须填写签字的两名检查人员', en: 'the two inspectors who signed' },
  ],
  [
    /^check character is (\S), expected (\S)$/,
    {
      zh: '统一社会信用代码校验位为 $1，应为 $2',
      en: 'check character is $1, expected $2',
    },
  ],
  [
    /^check digit is (\d), expected (\d)$/,
    { zh: 'GTIN 校验位为 $1，应为 $2', en: 'check digit is $1, expected $2' },
  ],
  [
    /^invalid character (.+) at position (\d+): a GTIN is digits 0-9 only$/,
    {
      zh: '第 $2 位的 $1 无效：GTIN 只能由数字组成',
      en: 'character $1 at position $2: digits only',
    },
  ],
  [
    /^invalid character (.+) at position (\d+): lowercase letters/,
    {
      zh: '第 $2 位的 $1 无效：统一社会信用代码须用大写字母',
      en: 'character $1 at position $2: use uppercase',
    },
  ],
  [
    /^invalid character (.+) at position (\d+): the letters I, O, Z, S and V/,
    {
      zh: '第 $2 位的 $1 无效：统一社会信用代码不使用字母 I、O、Z、S、V',
      en: 'character $1 at position $2: I, O, Z, S and V are not used',
    },
  ],
  [
    /^invalid character (.+) at position (\d+): not in the GB 32100 alphabet/,
    {
      zh: '第 $2 位的 $1 不是统一社会信用代码可用的字符',
      en: 'character $1 at position $2 is not in the GB 32100 alphabet',
    },
  ],
  [
    /^GTIN must be 8, 12, 13 or 14 digits, got (\d+)$/,
    {
      zh: 'GTIN 应为 8、12、13 或 14 位数字（现为 $1 位）',
      en: 'a GTIN has 8, 12, 13 or 14 digits (got $1)',
    },
  ],
  [
    /^USCC must be 18 characters, got (\d+)$/,
    {
      zh: '统一社会信用代码应为 18 位（现为 $1 位）',
      en: 'a USCC has 18 characters (got $1)',
    },
  ],
  // EPCIS capture (libs/domain/src/epcis: validate.ts, products.ts; the capture service): the
  // problems listed by path on the enterprise's EPCIS page. `got …` values are put into Chinese
  // by `describedValue` below.
  [
    /^must be a URI string, got (.+)$/,
    { zh: '应为 URI 字符串，实际为 $1', en: 'must be a URI string, got $1' },
  ],
  [
    /^must be an absolute URI such as .+, got (.+)$/,
    {
      zh: '应为绝对 URI（如 urn:epc:id:sgtin:… 或 https://id.gs1.org/…），须有协议名，不能含空格或非 ASCII 字符（请百分号编码），实际为 $1',
      en: 'must be an absolute URI (urn:epc:id:sgtin:…, https://id.gs1.org/…), got $1',
    },
  ],
  [/^must be a string, got (.+)$/, { zh: '应为字符串，实际为 $1', en: 'must be text, got $1' }],
  [/^must be a number, got (.+)$/, { zh: '应为数字，实际为 $1', en: 'must be a number, got $1' }],
  [
    /^must be true or false, got (.+)$/,
    { zh: '应为 true 或 false，实际为 $1', en: 'must be true or false, got $1' },
  ],
  [
    /^must be one of ADD, OBSERVE, DELETE, got (.+)$/,
    {
      zh: '动作（action）应为 ADD、OBSERVE、DELETE 之一，实际为 $1',
      en: 'must be one of ADD, OBSERVE, DELETE, got $1',
    },
  ],
  [
    /^must be a CBV business step \(such as (.+)\) or a URI of your own vocabulary, got (.+)$/,
    {
      zh: '应为 CBV 业务步骤（如 $1）或自定义词汇的 URI，实际为 $2',
      en: 'must be a CBV business step (such as $1) or a URI of your own, got $2',
    },
  ],
  [
    /^must be a CBV disposition \(such as (.+)\) or a URI of your own vocabulary, got (.+)$/,
    {
      zh: '应为 CBV 处置状态（如 $1）或自定义词汇的 URI，实际为 $2',
      en: 'must be a CBV disposition (such as $1) or a URI of your own, got $2',
    },
  ],
  [
    /^must be (a CBV [\w/ ]+) \(such as (.+)\) or a URI of your own vocabulary, got (.+)$/,
    {
      zh: '应为 CBV 标准词汇（$1，如 $2）或自定义词汇的 URI，实际为 $3',
      en: 'must be $1 (such as $2) or a URI of your own, got $3',
    },
  ],
  [
    /^must be a time zone offset from -14:00 to \+14:00 such as \+08:00, got (.+)$/,
    {
      zh: '应为 -14:00 到 +14:00 之间的时区偏移，如 +08:00，实际为 $1',
      en: 'must be a time zone offset such as +08:00, got $1',
    },
  ],
  [
    /^must be a UN\/ECE Rec\. 20 unit code .*, got (.+)$/,
    {
      zh: '应为 UN/ECE 第 20 号建议书的计量单位代码（2–3 位大写字母或数字，如 KGM），实际为 $1',
      en: 'must be a UN/ECE Rec. 20 unit code such as KGM, got $1',
    },
  ],
  [
    /^must be a version such as 2\.0, got (.+)$/,
    { zh: '应为版本号字符串，如 "2.0"，实际为 $1', en: 'must be a version such as 2.0, got $1' },
  ],
  [
    /^must be an array of (.+), got (.+)$/,
    { zh: '应为数组（$1），实际为 $2', en: 'must be an array of $1, got $2' },
  ],
  [/^must have at least (\d+) items?$/, { zh: '至少应有 $1 项', en: 'at least $1 items' }],
  [
    /^repeats item (\d+); the (?:items of this list|contexts) must be distinct$/,
    { zh: '与第 $1 项（从 0 起数）重复：各项不能相同', en: 'repeats item $1: items must differ' },
  ],
  [
    /^is required in an EPCIS document$/,
    { zh: '必填（EPCIS 文档的必备字段）', en: 'required in an EPCIS document' },
  ],
  [/^is required in an? (\w+Event)$/, { zh: '必填（$1 的必备字段）', en: 'required in $1' }],
  [/^is required in (.+)$/, { zh: '必填（$1 的必备字段）', en: 'required in $1' }],
  [/^is required: one of (.+)$/, { zh: '必填，应为以下之一：$1', en: 'required: one of $1' }],
  [/^is required: the array of events$/, { zh: '必填：事件数组', en: 'required: the events' }],
  [
    /^is required and must be "EPCISDocument"$/,
    { zh: '必填，应为 "EPCISDocument"', en: 'required: "EPCISDocument"' },
  ],
  [
    /^must be "EPCISDocument" \(capture takes EPCIS documents only\), got (.+)$/,
    {
      zh: '应为 "EPCISDocument"（只接收 EPCIS 文档），实际为 $1',
      en: 'must be "EPCISDocument", got $1',
    },
  ],
  [
    /^the document must be a JSON object, got (.+)$/,
    { zh: '文档应为 JSON 对象，实际为 $1', en: 'the document must be a JSON object, got $1' },
  ],
  [
    /^an event must be a JSON object, got (.+)$/,
    { zh: '事件应为 JSON 对象，实际为 $1', en: 'an event must be a JSON object, got $1' },
  ],
  [
    /^is not a field of an EPCIS document; an extension field is named by a URI/,
    {
      zh: '不是 EPCIS 文档的字段；扩展字段须以 URI 命名，通常使用在 @context 中声明的命名空间前缀（如 "example:字段名"）',
      en: 'is not a field of an EPCIS document; name an extension field by a URI (e.g. "example:name")',
    },
  ],
  [
    /^is not a field of (?:an? )?(.+?); an extension field is named by a URI/,
    {
      zh: '不是 $1 的字段；扩展字段须以 URI 命名，通常使用在 @context 中声明的命名空间前缀（如 "example:字段名"）',
      en: 'is not a field of $1; name an extension field by a URI (e.g. "example:name")',
    },
  ],
  [
    /^is not allowed in (.+); its fields are (.+)$/,
    { zh: '$1 中不允许此字段；可用字段：$2', en: 'not allowed in $1; its fields: $2' },
  ],
  [
    /^capture accepts the event types (.+); got (.+)$/,
    { zh: '只接收以下事件类型：$1；实际为 $2', en: 'event types taken: $1; got $2' },
  ],
  [
    /^is only allowed with action ADD, the action is (.+)$/,
    { zh: '只能用于动作为 ADD 的事件，本事件动作为 $1', en: 'only with action ADD, not $1' },
  ],
  [
    /^an ObjectEvent must name what it is about/,
    {
      zh: '对象事件须写明所涉对象：epcList（可为空）、非空的 quantityList，或带 readPoint 的非空 sensorElementList',
      en: 'an ObjectEvent must name what it is about: epcList, quantityList or sensorElementList',
    },
  ],
  [
    /^an (\w+) with action (\w+) needs a non-empty childEPCs or childQuantityList$/,
    {
      zh: '$1（动作为 $2）须有非空的 childEPCs 或 childQuantityList',
      en: 'an $1 with action $2 needs childEPCs or childQuantityList',
    },
  ],
  [
    /^a TransactionEvent with action (\w+) needs epcList/,
    {
      zh: '交易事件（动作为 $1）须有 epcList（可为空）或非空的 quantityList',
      en: 'a TransactionEvent with action $1 needs epcList or quantityList',
    },
  ],
  [
    /^a TransformationEvent needs inputs/,
    {
      zh: '转化事件须有输入（inputEPCList 或 inputQuantityList）和输出（outputEPCList 或 outputQuantityList），或带 transformationID 时有其一',
      en: 'a TransformationEvent needs inputs and outputs, or one of them with a transformationID',
    },
  ],
  [/^must have set or unset$/, { zh: '须有 set 或 unset', en: 'must have set or unset' }],
  [
    /^must lie in the years 0001–9999 \(UTC\), got (.+)$/,
    { zh: '应在公元 0001–9999 年之间（UTC），实际为 $1', en: 'must lie in 0001–9999, got $1' },
  ],
  [
    /^(\S+) is GTIN (\d+), which is not under a GS1 company prefix or GTIN registered to the capturing enterprise$/,
    {
      zh: '$1 的 GTIN 为 $2，不在本企业登记的厂商识别代码或 GTIN 之下：只能上报本企业的产品（请先在“厂商识别代码与 GTIN”中登记）',
      en: '$1 is GTIN $2, not under a prefix or GTIN you registered',
    },
  ],
  [
    /^names no product: /,
    {
      zh: '未指明产品：其 EPC 或 EPC 类别均不含 GTIN（SGTIN、LGTIN 或带 /01/ 的 GS1 数字链接）；只接收本企业产品的事件',
      en: 'names no product: no EPC or EPC class carries a GTIN',
    },
  ],
  [
    /^(\S+) was captured before with other content; an event is stored once and never changed$/,
    {
      zh: '事件 $1 已采集过且内容不同：事件只保存一次，不能修改',
      en: '$1 was captured before with other content; events are never changed',
    },
  ],
  [
    /^(\S+) is also the eventID of event (\d+), whose content differs/,
    {
      zh: '$1 也是第 $2 个事件（从 0 起数）的 eventID，但内容不同：一个 eventID 只标识一个事件',
      en: '$1 is also the eventID of event $2, whose content differs',
    },
  ],
  [
    /^(\S+) is not a valid (.+?) URN: its company prefix has (\d+) digits?, GS1 company prefixes have 6 to 12$/,
    {
      zh: '$1 不是有效的 $2 URN：厂商识别代码为 $3 位，应为 6–12 位',
      en: '$1 is not a valid $2 URN: a company prefix has 6 to 12 digits, not $3',
    },
  ],
  [
    /^(\S+) is not a valid (.+?) URN: its company prefix and indicator \+ item reference have (\d+) digits together, they must have 13$/,
    {
      zh: '$1 不是有效的 $2 URN：厂商识别代码与指示符加项目代码合计 $3 位，应为 13 位',
      en: '$1 is not a valid $2 URN: prefix and item reference have $3 digits, not 13',
    },
  ],
  [
    /^(\S+) is not a valid (.+?) URN: its company prefix and item reference must be digits$/,
    {
      zh: '$1 不是有效的 $2 URN：厂商识别代码和项目代码须为数字',
      en: '$1 is not a valid $2 URN: prefix and item reference are digits',
    },
  ],
  [
    /^(\S+) is not a valid (.+?) URN: it must look like (.+)$/,
    { zh: '$1 不是有效的 $2 URN：格式应为 $3', en: '$1 is not a valid $2 URN: like $3' },
  ],
  [
    /^and (\d+) more problems not listed$/,
    { zh: '另有 $1 处错误未列出', en: 'and $1 more problems not listed' },
  ],
  // End of EPCIS capture.
  [/^unknown field$/, { zh: '不认识的字段', en: 'unknown field' }],
  [
    /(?:should not be empty|must not be empty|is required|is missing)$/,
    { zh: '必填', en: 'required' },
  ],
  [/must be a string$/, { zh: '应为文字', en: 'must be text' }],
  [/must be an integer number$/, { zh: '应为整数', en: 'must be a whole number' }],
  [/must be a number.*$/, { zh: '应为数字', en: 'must be a number' }],
  [/must be a boolean value$/, { zh: '应为是或否', en: 'must be yes or no' }],
  [/must not be less than (\S+)$/, { zh: '不能小于 $1', en: 'must be at least $1' }],
  [/must not be greater than (\S+)$/, { zh: '不能大于 $1', en: 'must be at most $1' }],
  [
    /must be one of the following values: (.*)$/,
    { zh: '应为以下之一：$1', en: 'must be one of: $1' },
  ],
  [
    /must be (?:shorter than or equal to|at most) (\d+) characters?$/,
    { zh: '不能超过 $1 个字符', en: 'at most $1 characters' },
  ],
  [/^must be one of (.*)$/, { zh: '应为以下之一：$1', en: 'must be one of: $1' }],
  [/must be a date YYYY-MM-DD$/, { zh: '应为日期（年-月-日）', en: 'must be a date YYYY-MM-DD' }],
  [/must be a valid ISO 8601 date string$/, { zh: '日期格式不正确', en: 'invalid date' }],
  [/must be 6 digits$/, { zh: '应为 6 位数字的行政区划代码', en: 'must be 6 digits' }],
  [/check character/i, { zh: '统一社会信用代码校验位不正确', en: 'wrong USCC check character' }],
  [/check digit/i, { zh: 'GTIN 校验位不正确', en: 'wrong GTIN check digit' }],
  [/must be 18 characters/, { zh: '统一社会信用代码应为 18 位', en: 'a USCC has 18 characters' }],
  [
    /(?:not a|unknown) (?:GB\/T 2260 )?region/i,
    { zh: '不是有效的行政区划代码', en: 'not a region code' },
  ],
  [
    /outside (?:your|the caller's) jurisdiction/i,
    { zh: '不在您的管辖范围内', en: 'outside your jurisdiction' },
  ],
  [
    /must not start or end with whitespace$/,
    { zh: '首尾不能有空格', en: 'no leading or trailing spaces' },
  ],
  [
    /^seed must be (\d+)–(\d+) characters/,
    { zh: '种子应为 $1–$2 个字符', en: 'the seed must be $1–$2 characters' },
  ],
  [
    /does not match the commitment/i,
    { zh: '种子与承诺值不符', en: 'the seed does not match the commitment' },
  ],
  [
    /commitment must be a SHA-256 digest/,
    {
      zh: '承诺值应为 64 位小写十六进制的 SHA-256 摘要',
      en: 'the commitment must be a SHA-256 digest in 64 lowercase hex digits',
    },
  ],
  [
    /^seed character (.+) at position (\d+) is not allowed/,
    {
      zh: '种子第 $2 个字符 $1 不可用：只能使用可见 ASCII 字符，不含空格',
      en: 'seed character $1 at position $2 is not allowed: visible ASCII only, no spaces',
    },
  ],
  [
    /^class (\w) \(higher risk\) must be checked at least as often as class (\w): (.+) is below (.+)$/,
    {
      zh: '$1 类（风险较高）的抽查比例不得低于 $2 类：$3 低于 $4',
      en: 'class $1 (higher risk) must be checked at least as often as class $2: $3 is below $4',
    },
  ],
  [
    /^unknown risk class/,
    { zh: '信用风险分类只有 A、B、C、D', en: 'unknown risk class (use A, B, C, D)' },
  ],
  [
    /^ratio '(.*)' must be a decimal fraction/,
    {
      zh: '比例 $1 应为小数（如 0.03）或百分比（如 3%）',
      en: "ratio '$1' must be like 0.03 or 3%",
    },
  ],
  [
    /^ratio '(.*)' is finer than one basis point/,
    { zh: '比例 $1 精度不能小于 0.01%', en: "ratio '$1' is finer than 0.01 %" },
  ],
  [
    /^ratio '(.*)' is more than 100 %/,
    { zh: '比例 $1 不能超过 100%', en: "ratio '$1' is over 100 %" },
  ],
  [
    /^is required when the value changes: .*\(now: (.*)\)$/,
    {
      zh: '规定已修改，须注明新规定的依据（法律、法规或实施细则；原依据：$1）',
      en: 'the value changed: name the law, regulation or rules it comes from (was: $1)',
    },
  ],
  [
    /must be a percentage from 0 to 100 with at most two decimals/,
    {
      zh: '应为 0 到 100 之间的百分数，最多两位小数，如 96.5',
      en: 'must be a percentage from 0 to 100 with at most two decimals, e.g. 96.5',
    },
  ],
  [
    /^a rejection gives its reason$/,
    { zh: '不予受理须写明理由', en: 'a rejection gives its reason' },
  ],
  [
    /^(\S+) is not a failed item of the result \(failed: (.*)\)$/,
    { zh: '$1 不是不合格项目（不合格项目：$2）', en: '$1 is not a failed item (failed: $2)' },
  ],
  [/must be a UUID$/, { zh: '请从列表中选择', en: 'choose one from the list' }],
  // Follow-up cases: the re-inspection's lab.
  [/^no lab (\S+)$/, { zh: '没有编号为 $1 的检验机构', en: 'no lab $1' }],
  [/^lab (\S+) is not active$/, { zh: '该检验机构未启用', en: 'the lab is not active' }],
  [
    /^lab (\S+) is not accredited for category (.+)$/,
    {
      zh: '该检验机构不具备产品类别 $2 的检验资质',
      en: 'the lab is not accredited for category $2',
    },
  ],
  [/duplicate/i, { zh: '与其他行重复', en: 'duplicate' }],
  // The enterprises' pages: objections and rectification reports.
  [
    /phone must be 5–40 digits/,
    {
      zh: '电话应为 5–40 位数字，可含空格、+、- 和括号',
      en: 'a phone number: 5–40 digits, spaces, +, - or brackets',
    },
  ],
  [/email must be an e-mail address/, { zh: '电子邮箱格式不正确', en: 'not an e-mail address' }],
  [
    /^(\d+) bytes: an attachment holds at most (\d+) bytes$/,
    { zh: '附件过大（$1 字节，最多 $2 字节）', en: 'too large ($1 bytes; at most $2)' },
  ],
  [/^(\S+) is also items\[(\d+)\]$/, { zh: '$1 重复选择', en: '$1 is chosen twice' }],
  [
    /^must be an RFC 3339 date-time with its offset, e\.g\. (\S+), got (.+)$/,
    {
      zh: '应为带时区的 RFC 3339 日期时间（如 $1），实际为 $2',
      en: 'must be an RFC 3339 date-time with its offset, e.g. $1, got $2',
    },
  ],
  // Lab results (libs/domain verdict and lab-results' reports).
  [
    /value '(.*)' is not a decimal number like [\d.]+(?: \(no units, no exponent\))? or ND\/未检出$/,
    {
      zh: '“$1”不是有效的检测结果：应为数值（如 0.5，不带单位）或 ND/未检出',
      en: "'$1' is not a result: give a number like 0.5 (no unit) or ND/未检出",
    },
  ],
  [
    /give a measured value or a not-tested reason, not both$/,
    { zh: '检测结果与未检原因只能填写一项', en: 'give a result or a not-tested reason, not both' },
  ],
  [
    /needs a measured value or a not-tested reason$/,
    { zh: '请填写检测结果或未检原因', en: 'needs a result or a not-tested reason' },
  ],
  // A bulk upload's rows (lab-results' batch.ts, report-batch.service.ts, report-file.ts).
  [
    /^sample (.+) is already reports\[\d+\]$/,
    { zh: '样品 $1 在文件中重复出现', en: 'sample $1 appears twice in the file' },
  ],
  [
    /^report number (.+) is already reports\[\d+\]$/,
    {
      zh: '报告编号 $1 在文件中已用于另一样品',
      en: 'report number $1 is used for another sample in the file',
    },
  ],
  [
    /^item (.+) is already items\[\d+\]$/,
    { zh: '检验项目 $1 在同一报告中重复出现', en: 'item $1 appears twice in the report' },
  ],
  [
    /^sample (.+) is not one of this lab's samples$/,
    { zh: '样品 $1 不是分配给本机构的样品', en: "sample $1 is not one of this lab's samples" },
  ],
  [
    /^report number (.+) is already used in this lab$/,
    { zh: '报告编号 $1 已被本机构使用', en: 'report number $1 is already used in this lab' },
  ],
  // End of lab results.
];

export function fill(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (all, k: string) =>
    params[k] === undefined || params[k] === null ? all : String(params[k]),
  );
}

/** The API's reason for a field, translated where the catalogue knows it. */
export function describeReason(reason: string, lang: Lang): string {
  for (const [pattern, pair] of REASONS) {
    const m = pattern.exec(reason);
    if (m)
      return pair[lang].replace(/\$(\d)/g, (_, i: string) =>
        lang === 'zh' ? describedValue(m[Number(i)] ?? '') : (m[Number(i)] ?? ''),
      );
  }
  return reason;
}

/**
 * A value as the API describes it after `got` (libs/domain's EPCIS validation: `the string
 * "x"`, `the number 2`, `an array`, `an object`, `boolean true`), in Chinese; anything else as
 * sent.
 */
function describedValue(v: string): string {
  const m = /^(?:the string (.+)|the number (.+)|an array|an object|boolean (true|false))$/.exec(v);
  if (!m) return v;
  if (m[1] !== undefined) return `字符串 ${m[1]}`;
  if (m[2] !== undefined) return `数字 ${m[2]}`;
  if (m[3] !== undefined) return `布尔值 ${m[3]}`;
  return v === 'an array' ? '数组' : '对象';
}

/** The headline of an error answer, from its code. */
export function describeCode(
  code: string,
  lang: Lang,
  body: Record<string, unknown> = {},
  fallback?: string,
): string {
  const variant =
    typeof body.reason === 'string' ? ERROR_CODES[`${code}:${body.reason}`] : undefined;
  const pair = variant ?? ERROR_CODES[code];
  if (!pair) return fallback ?? code;
  const params: Record<string, unknown> = { ...body };
  // Moments the API sends as ISO timestamps, shown as the office reads them (2026年12月8日 04:15).
  for (const k of MOMENTS)
    if (typeof params[k] === 'string') params[k] = formatDateTime(params[k], lang);
  for (const k of DATES) if (typeof params[k] === 'string') params[k] = formatDate(params[k], lang);
  // Lists (the items a rule names) and the sector rule a refusal names, by its source.
  for (const [k, v] of Object.entries(params))
    if (Array.isArray(v) && v.every((x) => typeof x === 'string'))
      params[k] = v.join(lang === 'zh' ? '、' : ', ');
  const rule = body.rule as { source?: Partial<Record<Lang, string>> } | null | undefined;
  if (rule?.source?.[lang]) params.ruleSource = rule.source[lang];
  const text = fill(pair[lang], params);
  return pair.without && /\{\w+\}/.test(text) ? fill(pair.without[lang], params) : text;
}

const MOMENTS = ['lockedUntil'];
/** Calendar days the API sends as YYYY-MM-DD. */
const DATES = ['deadline'];
