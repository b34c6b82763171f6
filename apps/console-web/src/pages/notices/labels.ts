import type { components } from '../../api/tasks.schema';
import { definePageMessages } from '../../i18n/i18n';

export type Notice = components['schemas']['NoticeDto'];
export type Objection = components['schemas']['ObjectionDto'];
export type RuleRef = components['schemas']['RuleRefDto'];

/** A failed item as the notice lists it (libs/domain FailedItem). */
export interface FailedItem {
  itemCode: string;
  itemName: string;
  value: string;
  unit: string | null;
  limit: string;
  reason?: { zh: string; en: string };
}

/** The result notices' pages (list and detail) and the objection an enterprise files. */
export const useNoticeT = definePageMessages(
  {
    title: '检验结果通知',
    intro:
      '检验机构签发报告后向被抽样企业送达检验结果通知书。对不合格结论有异议的，可在异议期限内对不合格项目申请复检；打开通知书即记录签收。',
    sampleNo: '样品编号',
    product: '产品',
    lab: '检验机构',
    reportNo: '报告编号',
    reportVersion: '报告版本',
    amendmentReason: '修订原因',
    verdict: '检验结论',
    verdict_pass: '合格',
    verdict_fail: '不合格',
    verdict_not_applicable: '不适用',
    servedOn: '送达日期',
    objectionDeadline: '异议期限',
    deadlineRule: '期限依据',
    receipt: '签收',
    unread: '未签收',
    readAt: '已签收 {time}',
    objection: '复检申请',
    noObjection: '—',
    open: '查看',
    empty: '暂无检验结果通知书',
    manufacturerCopy: '本企业为标称生产企业，可查阅通知书，异议由被抽样企业提出。',
    failedItems: '不合格项目',
    itemCode: '项目代码',
    itemName: '检验项目',
    value: '检验结果',
    limit: '标准要求',
    uscc: '被抽样企业',
    receiptRecorded: '已记录签收：{time}',
    receiptFailed: '签收未能记录',
    provisional: '工作日历尚未覆盖全部日期，期限为暂定',
    // The objection form.
    fileTitle: '申请复检（提出异议）',
    fileHelp:
      '请勾选有异议的不合格项目，写明理由和联系人。复检使用备份样品；按规定微生物指标等不予复检，逾期提出的不予受理。',
    items: '异议项目',
    itemsRequired: '请至少选择一个项目',
    reason: '申请理由',
    reasonRequired: '请填写申请理由',
    contactName: '联系人',
    contactPhone: '联系电话',
    contactEmail: '电子邮箱（选填）',
    contactAddress: '联系地址（选填）',
    required: '必填',
    submit: '提交复检申请',
    filed: '复检申请已提交',
    late: '异议期限已过，不能再提出复检申请。',
    // Following the objection.
    followTitle: '复检申请进展',
    state: '状态',
    state_filed: '待监管部门决定',
    state_rejected: '不予受理',
    state_accepted: '已受理，待抽取复检机构',
    state_retest_drawn: '已抽取复检机构，复检中',
    state_concluded: '复检完成',
    filedOn: '申请日期',
    decisionDue: '应作出决定日期',
    decidedOn: '决定日期',
    decisionReason: '不予受理理由',
    retestLab: '复检机构',
    drawnAt: '抽取时间',
    feePayer: '复检费用承担',
    feePayer_applicant: '申请人',
    feePayer_regulator: '监管部门',
    conclusion: '复检结论',
    conclusion_confirmed: '维持原检验结论',
    conclusion_overturned: '推翻原检验结论（合格）',
    stillFailing: '仍不合格的项目',
    contact: '联系人',
    refusals: '被抽中机构拒收备份样品',
  },
  {
    title: 'Result notices',
    intro:
      'When a lab issues its report, the sampled enterprise is served a result notice. A failed result may be objected to, for a retest of the failed items, until the objection deadline; opening a notice records its receipt.',
    sampleNo: 'Sample number',
    product: 'Product',
    lab: 'Lab',
    reportNo: 'Report number',
    reportVersion: 'Report version',
    amendmentReason: 'Amendment reason',
    verdict: 'Result',
    verdict_pass: 'Pass',
    verdict_fail: 'Fail',
    verdict_not_applicable: 'Not applicable',
    servedOn: 'Served on',
    objectionDeadline: 'Objection deadline',
    deadlineRule: 'Rule',
    receipt: 'Receipt',
    unread: 'Not yet read',
    readAt: 'Read {time}',
    objection: 'Objection',
    noObjection: '—',
    open: 'Open',
    empty: 'No result notice yet',
    manufacturerCopy:
      'You are the named manufacturer: you may read this notice; the sampled enterprise objects.',
    failedItems: 'Failed items',
    itemCode: 'Code',
    itemName: 'Item',
    value: 'Result',
    limit: 'Requirement',
    uscc: 'Sampled enterprise',
    receiptRecorded: 'Receipt recorded: {time}',
    receiptFailed: 'The receipt was not recorded',
    provisional: 'The calendar does not cover every day yet: the deadline is provisional',
    fileTitle: 'Object and ask for a retest',
    fileHelp:
      'Tick the failed items you contest and give your reason and a contact. The retest uses the backup sample; microbial items and the like may not be retested, and a late objection is refused.',
    items: 'Items contested',
    itemsRequired: 'Choose at least one item',
    reason: 'Reason',
    reasonRequired: 'Give the reason',
    contactName: 'Contact person',
    contactPhone: 'Phone',
    contactEmail: 'E-mail (optional)',
    contactAddress: 'Address (optional)',
    required: 'Required',
    submit: 'File the objection',
    filed: 'Objection filed',
    late: 'The objection deadline has passed: no objection can be filed.',
    followTitle: 'Your objection',
    state: 'State',
    state_filed: 'Awaiting the regulator’s decision',
    state_rejected: 'Rejected',
    state_accepted: 'Accepted; the retest lab is to be drawn',
    state_retest_drawn: 'Retest lab drawn; retest under way',
    state_concluded: 'Retest concluded',
    filedOn: 'Filed on',
    decisionDue: 'Decision due',
    decidedOn: 'Decided on',
    decisionReason: 'Why rejected',
    retestLab: 'Retest lab',
    drawnAt: 'Drawn at',
    feePayer: 'Retest paid by',
    feePayer_applicant: 'Applicant',
    feePayer_regulator: 'Regulator',
    conclusion: 'Conclusion',
    conclusion_confirmed: 'Original result confirmed',
    conclusion_overturned: 'Original result overturned (pass)',
    stillFailing: 'Items still failing',
    contact: 'Contact',
    refusals: 'Drawn labs that refused the backup',
  },
);

export type NoticeT = ReturnType<typeof useNoticeT>;

/** Rule names in English (the API's label is Chinese). */
export const RULE_EN: Record<string, string> = {
  objectionWindow: 'objection window',
  objectionDecision: 'decision on an objection',
  microbialRetest: 'microbial items retest',
  expiredBackupRetest: 'retest of an expired backup',
};
