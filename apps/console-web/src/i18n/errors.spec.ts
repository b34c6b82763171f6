import {
  epcisEventProducts,
  inspectorProblem,
  pairProblem,
  planPairChange,
  samplingRecordTaskProblems,
  validateGtin,
  validateSamplingRecord,
  validateUscc,
  validateEpcisDocument,
} from '@spotcheck/domain';
import { describeCode, describeReason } from './errors';

describe('console headlines', () => {
  it('says until when a locked account is locked, in local time, or just that it is', () => {
    // The browser's time zone decides the hour; the tests run in whatever zone the machine has.
    const until = new Date(2026, 11, 8, 4, 15);
    expect(describeCode('ACCOUNT_LOCKED', 'zh', { lockedUntil: until.toISOString() })).toBe(
      '连续输错密码次数过多，账户已锁定，请于 2026年12月8日 04:15 后再试',
    );
    expect(describeCode('ACCOUNT_LOCKED', 'en', { lockedUntil: until.toISOString() })).toBe(
      'Too many wrong passwords: the account is locked until 2026-12-08 04:15',
    );
    expect(describeCode('ACCOUNT_LOCKED', 'zh', { lockedUntil: null })).toBe(
      '连续输错密码次数过多，账户已锁定，请稍后再试',
    );
  });
});

describe("the enterprises' refusals", () => {
  const rule = {
    sector: 'food',
    rule: 'objectionWindow',
    source: { zh: '《食品安全法》第八十八条', en: 'Food Safety Law art. 88' },
  };

  it('names the objection deadline as a date and the rule by its source', () => {
    const body = { deadline: '2026-12-05', rule, today: '2026-12-08' };
    expect(describeCode('OBJECTION_LATE', 'zh', body)).toBe(
      '已超过提出异议的期限：2026年12月5日 截止（《食品安全法》第八十八条）',
    );
    expect(describeCode('OBJECTION_LATE', 'en', body)).toBe(
      'The objection deadline, 2026-12-05, has passed (Food Safety Law art. 88)',
    );
    expect(describeCode('OBJECTION_LATE', 'zh', { deadline: '2026-12-05', rule: null })).toBe(
      '已超过提出异议的期限（2026年12月5日）',
    );
  });

  it('says why a retest is not allowed by the reason the API gives, with the items', () => {
    const body = { reason: 'microbial_items', rule, items: ['APC', 'MOLD'] };
    expect(describeCode('RETEST_NOT_ALLOWED', 'zh', body)).toBe(
      '微生物指标不予复检（APC、MOLD）：《食品安全法》第八十八条',
    );
    expect(describeCode('RETEST_NOT_ALLOWED', 'en', body)).toBe(
      'Microbial items may not be retested (APC, MOLD): Food Safety Law art. 88',
    );
    expect(describeCode('RETEST_NOT_ALLOWED', 'zh', { reason: 'backup_gone', rule: null })).toBe(
      '复检备份样品已处置或退回，无法实现复检目的，不予复检',
    );
    // A reason the catalogue does not know falls back to the code's headline.
    expect(describeCode('RETEST_NOT_ALLOWED', 'zh', { reason: 'other' })).toBe('按规定不能复检');
  });

  it('translates the EPCIS date-time problem and the contact fields', () => {
    expect(
      describeReason(
        'must be an RFC 3339 date-time with its offset, e.g. 2024-05-01T09:30:00.000+08:00, got the string "2026-05-06 25:00"',
        'zh',
      ),
    ).toBe(
      '应为带时区的 RFC 3339 日期时间（如 2024-05-01T09:30:00.000+08:00），实际为 字符串 "2026-05-06 25:00"',
    );
    expect(describeReason('phone must be 5–40 digits, spaces, +, - or brackets', 'zh')).toBe(
      '电话应为 5–40 位数字，可含空格、+、- 和括号',
    );
  });
});

describe('console field reasons', () => {
  it('translates the plan ratio refusal with its classes and figures', () => {
    const reason =
      'class D (higher risk) must be checked at least as often as class C: 1 % is below 30 %';
    expect(describeReason(reason, 'zh')).toBe(
      'D 类（风险较高）的抽查比例不得低于 C 类：1 % 低于 30 %',
    );
    expect(describeReason(reason, 'en')).toBe(reason);
  });

  it('translates the commitment and ratio format refusals', () => {
    expect(
      describeReason(
        'commitment must be a SHA-256 digest written as 64 lowercase hexadecimal digits',
        'zh',
      ),
    ).toBe('承诺值应为 64 位小写十六进制的 SHA-256 摘要');
    expect(
      describeReason(
        "ratio 'abc' must be a decimal fraction like 0.03 or a percentage like 3%",
        'zh',
      ),
    ).toBe('比例 abc 应为小数（如 0.03）或百分比（如 3%）');
  });
});

/**
 * The reasons of the tasks and sampling-record refusals, taken from libs/domain's own checks
 * (the sentences the API sends), so that a changed sentence fails here instead of showing in
 * English beside a Chinese form.
 */
describe('task and sampling record reasons', () => {
  const task = { uscc: 'U1', category: 'CAT-1', jurisdiction: '150100', regionPrefix: '1501' };
  const candidate = {
    staffNo: 'S1',
    active: true,
    regionCode: '150102',
    categories: ['CAT-1'],
    conflicts: [] as string[],
  };

  it('translates why an inspector may not join a pair', () => {
    const cases: [string | null, string][] = [
      [inspectorProblem('S9', undefined, task), '没有执法证号为 S9 的检查人员'],
      [
        inspectorProblem('S1', { ...candidate, active: false }, task),
        '检查人员 S1 不在岗（未启用）',
      ],
      [
        inspectorProblem('S1', { ...candidate, regionCode: '150202' }, task),
        '检查人员 S1 所在区划 150202 不在本计划管辖区域 150100 内',
      ],
      [
        inspectorProblem('S1', { ...candidate, categories: ['X'] }, task),
        '检查人员 S1 不具备产品类别 CAT-1 的检查资格',
      ],
      [
        inspectorProblem('S1', { ...candidate, conflicts: ['U1'] }, task),
        '检查人员 S1 已申报与企业 U1 存在利害关系，须回避',
      ],
      [
        pairProblem(['S1', 'S2'], ['S2', 'S1'], 'U1'),
        '（S1、S2）是上次检查企业 U1 的检查人员组合，不能再次组合',
      ],
    ];
    for (const [reason, zh] of cases) expect(describeReason(reason!, 'zh')).toBe(zh);
  });

  it('translates the reassignment request refusals', () => {
    const refusal = (current: string[] | null, req: Record<string, unknown>) => {
      const r = planPairChange(current, req);
      if (r.ok) throw new Error('accepted');
      return describeReason(r.error.reason, 'zh');
    };
    expect(refusal(['A', 'B'], { slot: 1, staffNo: 'A' })).toBe('A 已是本任务的第 1 名检查人员');
    expect(refusal(['A', 'B'], { slot: 1, staffNo: 'B' })).toBe('B 已是本任务的另一名检查人员');
    expect(refusal(['A', 'B'], { replace: 'C', staffNo: 'D' })).toBe(
      'C 不是本任务的检查人员（现为 A, B）',
    );
    expect(refusal(null, { slot: 1, staffNo: 'A' })).toBe(
      '本任务尚无检查人员，请同时指定两名检查人员',
    );
    expect(refusal(null, { staffNos: ['A', 'A'] })).toBe('两名检查人员须为不同的人');
  });

  it('translates the sampling record refusals, USCC and GTIN included', () => {
    const check = validateSamplingRecord(
      {
        sampledAt: '2099-01-01T10:00:00+08:00',
        place: { regionCode: '150102', address: 'x' },
        stage: 'online',
        manufacturer: { name: 'm', uscc: '91150100MA0N00001X' },
        productName: 'p',
        gtin: '6901234567890',
        testPortion: { quantity: '0', unit: '盒' },
        backupPortion: { quantity: 'x', unit: '盒' },
        pricePaid: '1.234',
        inspectors: ['A'],
        representative: { name: 'r' },
      },
      new Date('2026-02-12T00:00:00Z'),
    );
    if (check.ok) throw new Error('accepted');
    const zh = Object.fromEntries(
      check.problems.map((p) => [p.field, describeReason(p.reason, 'zh')]),
    );
    expect(zh).toEqual({
      sampledAt: '不能晚于当前时间',
      online: '网络抽样须填写平台名称和店铺名称',
      'manufacturer.uscc': expect.stringMatching(/^统一社会信用代码校验位为 X，应为 \w$/),
      batch: '生产日期和批号至少填写一项',
      gtin: expect.stringMatching(/^GTIN 校验位为 0，应为 \d$/),
      'testPortion.quantity': '应大于零',
      'backupPortion.quantity': '应为正数，如 2 或 0.5（最多 6 位小数）',
      pricePaid: '应为以元为单位的金额，如 36.50（最多 2 位小数）',
      inspectors: '须填写签字的两名检查人员',
    });
    const lower = validateUscc('91150100ma0n000013');
    expect(!lower.ok && describeReason(lower.reason, 'zh')).toBe(
      "第 9 位的 'm' 无效：统一社会信用代码须用大写字母",
    );
    const short = validateGtin('69012');
    expect(!short.ok && describeReason(short.reason, 'zh')).toBe(
      'GTIN 应为 8、12、13 或 14 位数字（现为 5 位）',
    );
    expect(
      samplingRecordTaskProblems({ inspectors: ['A', 'C'], stage: 'online' }, new Date(0), {
        pair: ['A', 'B'],
        planStages: ['production'],
        drawnAt: new Date(1000),
      }).map((p) => describeReason(p.reason, 'zh')),
    ).toEqual([
      '须为本任务的检查人员 A 和 B',
      '本计划的抽样环节为 production，不含 online',
      '不能早于任务抽取的时间',
    ]);
  });
});

describe('follow-up case refusals', () => {
  it('names the case state, the deadline and the ladder in Chinese', () => {
    expect(describeCode('ILLEGAL_CASE_STATE', 'zh', { currentState: 'reinspecting' })).toBe(
      '案件当前状态（reinspecting）不允许此操作',
    );
    expect(describeCode('RECTIFICATION_LATE', 'zh', { deadline: '2026-12-01' })).toContain(
      '2026年12月1日',
    );
    expect(describeCode('NOT_AT_TOP_OF_LADDER', 'zh', { level: 1 })).toContain('重新责令限期改正');
  });

  it('translates the re-inspection lab refusals', () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expect(describeReason(`lab ${id} is not accredited for category 0101`, 'zh')).toBe(
      '该检验机构不具备产品类别 0101 的检验资质',
    );
    expect(describeReason(`no lab ${id}`, 'zh')).toBe(`没有编号为 ${id} 的检验机构`);
    expect(describeReason('labId must be a UUID', 'zh')).toBe('请从列表中选择');
  });
});

describe('EPCIS capture problems shown to enterprises', () => {
  const ctx = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
  const doc = (eventList: unknown[], extra: Record<string, unknown> = {}) => ({
    '@context': [ctx],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2026-05-06T10:00:00+08:00',
    epcisBody: { eventList },
    ...extra,
  });
  const event = (e: Record<string, unknown>) => ({
    type: 'ObjectEvent',
    eventTime: '2026-05-06T09:00:00+08:00',
    eventTimeZoneOffset: '+08:00',
    action: 'OBSERVE',
    epcList: ['urn:epc:id:sgtin:6901234.000001.1'],
    ...e,
  });
  const reasonsOf = (d: unknown) => {
    const v = validateEpcisDocument(d);
    if (v.ok) throw new Error('expected problems');
    return v.problems.map((p) => p.reason);
  };
  /** Nothing of the API's English sentence left in the Chinese. */
  const english =
    /\b(?:must|got|is required|the string|the number|not a field|an? (?:array|object))\b/;

  it('translates every problem of common bad documents, values included', () => {
    const reasons = [
      ...reasonsOf(null),
      ...reasonsOf({ type: 'Document' }),
      ...reasonsOf(doc([], { schemaVersion: 2, extra: 1 })),
      ...reasonsOf(
        doc([
          event({ eventTime: '2026-05-06 25:00' }),
          event({ action: 'SHIP' }),
          event({ bizStep: 'verschifft', disposition: 'kaputt' }),
          event({ eventTimeZoneOffset: '8' }),
          event({ epcList: 'urn:epc:id:sgtin:6901234.000001.1' }),
          event({
            quantityList: [
              { epcClass: 'urn:epc:class:lgtin:6901234.000001.L1', quantity: 'x', uom: 'kg' },
            ],
          }),
          event({ epcList: ['a b'] }),
          event({ type: 'ShippingEvent' }),
          event({ weight: 3 }),
          event({ action: 'OBSERVE', ilmd: {} }),
          'event',
        ]),
      ),
    ];
    expect(reasons.length).toBeGreaterThan(12);
    for (const r of reasons) {
      const zh = describeReason(r, 'zh');
      expect({ r, translated: zh !== r }).toEqual({ r, translated: true });
      expect({ r, zh, english: english.test(zh) }).toEqual({ r, zh, english: false });
    }
    expect(describeReason('must be one of ADD, OBSERVE, DELETE, got the string "SHIP"', 'zh')).toBe(
      '动作（action）应为 ADD、OBSERVE、DELETE 之一，实际为 字符串 "SHIP"',
    );
  });

  it('translates the own-products refusals and the capture conflicts', () => {
    const problems: { path: string; reason: string }[] = [];
    epcisEventProducts(
      event({ epcList: ['urn:epc:id:sgtin:6901234.000001.1', 'urn:epc:id:sgtin:69.0001.1'] }),
      'epcisBody.eventList[0]',
      [],
      problems as never,
    );
    epcisEventProducts(
      event({ epcList: ['urn:epc:id:sscc:6901234.0000000001'] }),
      'epcisBody.eventList[1]',
      [],
      problems as never,
    );
    expect(problems.length).toBeGreaterThanOrEqual(3);
    for (const { reason } of problems) expect(describeReason(reason, 'zh')).not.toBe(reason);
    expect(
      describeReason(
        'urn:epc:id:sgtin:6901234.000001.1 is GTIN 06901234000012, which is not under a GS1 company prefix or GTIN registered to the capturing enterprise',
        'zh',
      ),
    ).toContain('不在本企业登记的厂商识别代码或 GTIN 之下');
    expect(describeReason('and 40 more problems not listed', 'zh')).toBe('另有 40 处错误未列出');
    expect(
      describeReason(
        'urn:uuid:1 was captured before with other content; an event is stored once and never changed',
        'zh',
      ),
    ).toBe('事件 urn:uuid:1 已采集过且内容不同：事件只保存一次，不能修改');
  });
});

describe('recall refusals', () => {
  it('names who decides a recall and a second confirmation', () => {
    expect(describeCode('NOT_MANUFACTURER', 'zh')).toBe('召回决定由抽样单上标称的生产企业作出');
    expect(describeCode('ALREADY_CONFIRMED', 'zh')).toBe('已确认过下架');
  });
});
