import {
  type IsoDate,
  addCalendarDays,
  addCalendarMonths,
  validateIsoDate,
} from './calendar/iso-date';
import type { WorkCalendar } from './calendar/work-calendar';
import { type Sector, isSector } from './enums';
import type { Localized } from './verdict';

/**
 * The sector rules table (docs/rules.md §3.3, §3.5): the periods, retention and retest
 * permissions a spot check of each sector runs under. Food is sampled under the Food Safety Law
 * (art. 87–88) and SAMR Order 15 (食品安全抽样检验管理办法); every other sector under the Product
 * Quality Law (art. 15) and SAMR Order 18 (产品质量监督抽查管理暂行办法). Each value names its
 * source beside it; an admin may change a value only by naming the source of the new one.
 *
 * Rules are versioned per sector: an edit makes version n + 1 and never changes version n, and
 * every deadline the system computes keeps a {@link RuleRef} to the version and rule it used,
 * so an answer can say which rule set its date even after the rule changed.
 */

/** Periods: a number of working or calendar days after a starting day (not counted). */
export const PERIOD_RULES = [
  'sampleDelivery',
  'testing',
  'objectionWindow',
  'objectionDecision',
  'retestTesting',
] as const;
export type PeriodRuleName = (typeof PERIOD_RULES)[number];

/** How long a backup sample is kept after the verdict, in months (Civil Code Art. 202). */
export const RETENTION_RULES = ['backupAfterPass', 'backupAfterFail'] as const;
export type RetentionRuleName = (typeof RETENTION_RULES)[number];

/** Whether a kind of retest may be asked for at all. */
export const PERMISSION_RULES = ['microbialRetest', 'expiredBackupRetest'] as const;
export type PermissionRuleName = (typeof PERMISSION_RULES)[number];

export const RULE_NAMES = [...PERIOD_RULES, ...RETENTION_RULES, ...PERMISSION_RULES] as const;
export type RuleName = (typeof RULE_NAMES)[number];

export const DAY_KINDS = ['working', 'calendar'] as const;
export type DayKind = (typeof DAY_KINDS)[number];

export interface PeriodRule {
  readonly days: number;
  readonly dayKind: DayKind;
  readonly source: Localized;
}

export interface RetentionRule {
  readonly months: number;
  readonly source: Localized;
}

export interface PermissionRule {
  readonly allowed: boolean;
  readonly source: Localized;
}

/** One sector's rules, without its sector and version. */
export type SectorRuleSet = { readonly [R in PeriodRuleName]: PeriodRule } & {
  readonly [R in RetentionRuleName]: RetentionRule;
} & { readonly [R in PermissionRuleName]: PermissionRule };

/** One version of one sector's rules. */
export type SectorRules = SectorRuleSet & { readonly sector: Sector; readonly version: number };

export const RULE_LABELS_ZH: Readonly<Record<RuleName, string>> = Object.freeze({
  sampleDelivery: '样品送达检验机构',
  testing: '检验并出具检验报告',
  objectionWindow: '提出复检申请（异议）',
  objectionDecision: '作出是否受理复检申请的决定',
  retestTesting: '复检并出具复检结论',
  backupAfterPass: '检验合格的复检备份样品保存期',
  backupAfterFail: '检验不合格的复检备份样品保存期',
  microbialRetest: '微生物指标不合格可否复检',
  expiredBackupRetest: '超过保质期的复检备份样品可否复检',
});

/** The day each period counts from (that day itself not counted). */
export const PERIOD_STARTS: Readonly<Record<PeriodRuleName, Localized>> = Object.freeze({
  sampleDelivery: { zh: '抽样之日', en: 'the sampling date' },
  testing: { zh: '检验机构收到样品之日', en: 'the day the lab received the sample' },
  objectionWindow: { zh: '收到检验结论之日', en: 'the day the result notice was received' },
  objectionDecision: { zh: '收到复检申请之日', en: 'the day the objection was filed' },
  retestTesting: {
    zh: '复检机构收到备份样品之日',
    en: 'the day the retest lab received the backup',
  },
});

const FSL88 = {
  zh: '《中华人民共和国食品安全法》第八十八条：自收到检验结论之日起七个工作日内提出复检申请',
  en: 'Food Safety Law art. 88: an objection within 7 working days of receiving the result',
};
const ORDER15 = '《食品安全抽样检验管理办法》（国家市场监督管理总局令第15号）';
const ORDER18 = '《产品质量监督抽查管理暂行办法》（国家市场监督管理总局令第18号）';
const SYSTEM_DEFAULT_ZH = `系统默认值：${ORDER18}未规定统一期限，以该产品监督抽查实施细则为准，管理员可按细则修改`;
const SYSTEM_DEFAULT_EN =
  "System default: SAMR Order 18 sets no single period; the product's implementing rules (实施细则) govern, and an admin may enter theirs";

const FOOD: SectorRuleSet = Object.freeze({
  sampleDelivery: {
    days: 5,
    dayKind: 'working',
    source: {
      zh: `${ORDER15}：样品自抽样之日起5个工作日内送达检验机构`,
      en: 'SAMR Order 15: samples reach the lab within 5 working days of sampling',
    },
  },
  testing: {
    days: 20,
    dayKind: 'working',
    source: {
      zh: `${ORDER15}：检验机构自收到样品之日起20个工作日内出具检验报告`,
      en: 'SAMR Order 15: the lab reports within 20 working days of receiving the sample',
    },
  },
  objectionWindow: { days: 7, dayKind: 'working', source: FSL88 },
  objectionDecision: {
    days: 5,
    dayKind: 'working',
    source: {
      zh: `${ORDER15}：自收到复检申请材料之日起5个工作日内作出受理或者不予受理的决定`,
      en: 'SAMR Order 15: the objection is accepted or refused within 5 working days of its filing',
    },
  },
  retestTesting: {
    days: 10,
    dayKind: 'working',
    source: {
      zh: `${ORDER15}：复检机构自收到备份样品之日起10个工作日内出具复检结论`,
      en: 'SAMR Order 15: the retest lab concludes within 10 working days of receiving the backup',
    },
  },
  backupAfterPass: {
    months: 3,
    source: {
      zh: `${ORDER15}第二十四条：检验结论合格的，复检备份样品自检验结论作出之日起保存3个月（剩余保质期不足的保存至保质期结束）`,
      en: 'SAMR Order 15 art. 24: a passed backup is kept 3 months after the verdict (or to the end of shelf life)',
    },
  },
  backupAfterFail: {
    months: 6,
    source: {
      zh: `${ORDER15}第二十四条：检验结论不合格的，复检备份样品自检验结论作出之日起保存6个月（剩余保质期不足的保存至保质期结束）`,
      en: 'SAMR Order 15 art. 24: a failed backup is kept 6 months after the verdict (or to the end of shelf life)',
    },
  },
  microbialRetest: {
    allowed: false,
    source: {
      zh: `《食品安全法》第八十八条、${ORDER15}：检验结论为微生物指标不合格的，不予复检`,
      en: 'Food Safety Law art. 88, SAMR Order 15: no retest of failed microbial items',
    },
  },
  expiredBackupRetest: {
    allowed: false,
    source: {
      zh: `${ORDER15}：复检备份样品超过保质期的，不予复检`,
      en: 'SAMR Order 15: no retest of a backup sample past its shelf life',
    },
  },
});

const PRODUCT: SectorRuleSet = Object.freeze({
  sampleDelivery: {
    days: 5,
    dayKind: 'working',
    source: { zh: SYSTEM_DEFAULT_ZH, en: SYSTEM_DEFAULT_EN },
  },
  testing: {
    days: 20,
    dayKind: 'working',
    source: { zh: SYSTEM_DEFAULT_ZH, en: SYSTEM_DEFAULT_EN },
  },
  objectionWindow: {
    days: 15,
    dayKind: 'calendar',
    source: {
      zh: `《中华人民共和国产品质量法》第十五条、${ORDER18}：自收到检验结果之日起十五日内申请复检`,
      en: 'Product Quality Law art. 15, SAMR Order 18: an objection within 15 days of receiving the result',
    },
  },
  objectionDecision: {
    days: 5,
    dayKind: 'working',
    source: { zh: SYSTEM_DEFAULT_ZH, en: SYSTEM_DEFAULT_EN },
  },
  retestTesting: {
    days: 20,
    dayKind: 'working',
    source: { zh: SYSTEM_DEFAULT_ZH, en: SYSTEM_DEFAULT_EN },
  },
  backupAfterPass: { months: 3, source: { zh: SYSTEM_DEFAULT_ZH, en: SYSTEM_DEFAULT_EN } },
  backupAfterFail: { months: 6, source: { zh: SYSTEM_DEFAULT_ZH, en: SYSTEM_DEFAULT_EN } },
  microbialRetest: {
    allowed: true,
    source: {
      zh: '《中华人民共和国产品质量法》第十五条：未排除任何检验项目的复检',
      en: 'Product Quality Law art. 15 excludes no test item from a retest',
    },
  },
  expiredBackupRetest: {
    allowed: false,
    source: {
      zh: '系统默认值：超过保质期的备份样品已不能代表被抽查批次，不予复检',
      en: 'System default: a backup past its shelf life no longer stands for the batch, so it is not retested',
    },
  },
});

/** The rules each sector starts with (version 1, seeded by migration). */
export const DEFAULT_SECTOR_RULES: Readonly<Record<Sector, SectorRuleSet>> = Object.freeze({
  food: FOOD,
  manufacturing: PRODUCT,
  consumer_goods: PRODUCT,
  agricultural: PRODUCT,
  drug: PRODUCT,
});

/** Bounds of the values an admin may set. */
export const RULE_BOUNDS = Object.freeze({ days: [1, 365], months: [1, 60], source: 500 });

/**
 * A reference to the rule a computed date or decision used, as the API shows it: which sector,
 * which version, which rule, its value and its source.
 */
export interface RuleRef {
  readonly sector: Sector;
  readonly version: number;
  readonly rule: RuleName;
  readonly label: string;
  readonly days?: number;
  readonly dayKind?: DayKind;
  readonly months?: number;
  readonly allowed?: boolean;
  readonly source: Localized;
}

export function ruleRef(rules: SectorRules, rule: RuleName): RuleRef {
  const r = rules[rule] as Partial<PeriodRule & RetentionRule & PermissionRule>;
  return {
    sector: rules.sector,
    version: rules.version,
    rule,
    label: RULE_LABELS_ZH[rule],
    ...(r.days !== undefined ? { days: r.days, dayKind: r.dayKind } : {}),
    ...(r.months !== undefined ? { months: r.months } : {}),
    ...(r.allowed !== undefined ? { allowed: r.allowed } : {}),
    source: r.source!,
  };
}

/** A deadline computed from a period rule. */
export interface RuleDeadline {
  /** The day counting starts after; not counted. */
  readonly from: IsoDate;
  /** The last day that is in time. */
  readonly deadline: IsoDate;
  /** Every day the answer relied on is known to the calendar. */
  readonly covered: boolean;
  /** The first day relied on that the calendar does not know, or null. */
  readonly firstUncovered: IsoDate | null;
  readonly rule: RuleRef;
}

/**
 * The deadline of period `rule` starting after `from` (Civil Code Art. 201: the starting day is
 * not counted):
 * - working days: the n-th working day after `from` on the calendar, make-up working days
 *   (调休上班) counted and holidays skipped (WorkCalendar.addWorkingDays);
 * - calendar days: `from` + n, moved to the next working day when that is a rest day or a
 *   holiday (Civil Code Art. 203; WorkCalendar.calendarDayDeadline).
 * Throws RangeError on a malformed date, like the calendar.
 */
export function ruleDeadline(
  cal: WorkCalendar,
  rules: SectorRules,
  rule: PeriodRuleName,
  from: IsoDate,
): RuleDeadline {
  const { days, dayKind } = rules[rule];
  const deadline =
    dayKind === 'working' ? cal.addWorkingDays(from, days) : cal.calendarDayDeadline(from, days);
  // Working days: every day counted matters. Calendar days: only whether the n-th day and any
  // days it was moved across are working days.
  const reliedFrom = addCalendarDays(from, dayKind === 'working' ? 1 : days);
  const firstUncovered = deadline >= reliedFrom ? cal.firstUncovered(reliedFrom, deadline) : null;
  return {
    from,
    deadline,
    covered: firstUncovered === null,
    firstUncovered,
    rule: ruleRef(rules, rule),
  };
}

export interface BackupRetention {
  /** The last day the backup must be kept. */
  readonly keepUntil: IsoDate;
  /** The retention rule of the verdict. */
  readonly rule: RuleRef;
  /** The end of shelf life came first and set the date. */
  readonly byShelfLife: boolean;
}

/**
 * The last day a backup sample must be kept: `backupAfterPass` or `backupAfterFail` months
 * after the verdict date, counted as Civil Code Art. 202 counts months (2026-08-31 + 6 months =
 * 2027-02-28), or the end of shelf life when that comes sooner. A keeping obligation, not a
 * deadline for an act, so it is not moved off holidays (Art. 203 does not apply).
 */
export function backupRetention(
  rules: SectorRules,
  verdict: 'pass' | 'fail',
  verdictDate: IsoDate,
  expiryDate?: IsoDate | null,
): BackupRetention {
  if (verdict !== 'pass' && verdict !== 'fail')
    throw new RangeError(`verdict must be pass or fail, got ${String(verdict)}`);
  const name: RetentionRuleName = verdict === 'pass' ? 'backupAfterPass' : 'backupAfterFail';
  const byVerdict = addCalendarMonths(verdictDate, rules[name].months);
  if (expiryDate !== undefined && expiryDate !== null) {
    const v = validateIsoDate(expiryDate);
    if (!v.ok) throw new RangeError(`expiry date: ${v.reason}`);
    if (expiryDate < byVerdict)
      return { keepUntil: expiryDate, rule: ruleRef(rules, name), byShelfLife: true };
  }
  return { keepUntil: byVerdict, rule: ruleRef(rules, name), byShelfLife: false };
}

export interface RuleProblem {
  readonly field: string;
  readonly reason: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

// eslint-disable-next-line no-control-regex -- NUL is what PostgreSQL text cannot hold
const TEXT = /^[^\u0000]*[^\s\u0000][^\u0000]*$/;

function sourceProblems(v: unknown, field: string): RuleProblem[] {
  if (!isObject(v)) return [{ field, reason: 'must be an object { zh, en }' }];
  const out: RuleProblem[] = [];
  for (const k of Object.keys(v))
    if (k !== 'zh' && k !== 'en') out.push({ field: `${field}.${k}`, reason: 'unknown field' });
  for (const k of ['zh', 'en'] as const) {
    const s = v[k];
    if (typeof s !== 'string' || !TEXT.test(s) || s.length > RULE_BOUNDS.source)
      out.push({
        field: `${field}.${k}`,
        reason: `must be text of 1–${RULE_BOUNDS.source} characters, not blank`,
      });
  }
  return out;
}

const intIn = (v: unknown, [min, max]: readonly number[]) =>
  Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;

/** What is wrong with one rule as stored or given (all its fields), by field path. */
function ruleProblems(name: RuleName, v: unknown): RuleProblem[] {
  if (!isObject(v)) return [{ field: name, reason: 'must be an object' }];
  const keys: readonly string[] = (PERIOD_RULES as readonly string[]).includes(name)
    ? ['days', 'dayKind', 'source']
    : (RETENTION_RULES as readonly string[]).includes(name)
      ? ['months', 'source']
      : ['allowed', 'source'];
  const out: RuleProblem[] = [];
  for (const k of Object.keys(v))
    if (!keys.includes(k)) out.push({ field: `${name}.${k}`, reason: 'unknown field' });
  if (keys.includes('days') && !intIn(v.days, RULE_BOUNDS.days))
    out.push({
      field: `${name}.days`,
      reason: `must be a whole number of days from ${RULE_BOUNDS.days[0]} to ${RULE_BOUNDS.days[1]}`,
    });
  if (keys.includes('dayKind') && !(DAY_KINDS as readonly unknown[]).includes(v.dayKind))
    out.push({ field: `${name}.dayKind`, reason: `must be one of ${DAY_KINDS.join(', ')}` });
  if (keys.includes('months') && !intIn(v.months, RULE_BOUNDS.months))
    out.push({
      field: `${name}.months`,
      reason: `must be a whole number of months from ${RULE_BOUNDS.months[0]} to ${RULE_BOUNDS.months[1]}`,
    });
  if (keys.includes('allowed') && typeof v.allowed !== 'boolean')
    out.push({ field: `${name}.allowed`, reason: 'must be true or false' });
  out.push(...sourceProblems(v.source, `${name}.source`));
  return out;
}

/** Every problem of a whole rule set (what the table stores), by field path. */
export function sectorRuleSetProblems(set: unknown): RuleProblem[] {
  if (!isObject(set)) return [{ field: 'rules', reason: 'must be an object' }];
  const out: RuleProblem[] = [];
  for (const k of Object.keys(set))
    if (!(RULE_NAMES as readonly string[]).includes(k))
      out.push({ field: k, reason: 'unknown rule' });
  for (const name of RULE_NAMES) {
    if (set[name] === undefined) out.push({ field: name, reason: 'is required' });
    else out.push(...ruleProblems(name, set[name]));
  }
  return out;
}

/** A change of some of a sector's rules: for each rule named, the fields given. */
export type SectorRulesPatch = {
  readonly [R in RuleName]?: {
    readonly days?: number;
    readonly dayKind?: DayKind;
    readonly months?: number;
    readonly allowed?: boolean;
    readonly source?: { readonly zh: string; readonly en?: string };
  };
};

export type PatchResult =
  | { readonly ok: true; readonly rules: SectorRuleSet; readonly changed: readonly RuleName[] }
  | { readonly ok: false; readonly problems: readonly RuleProblem[] };

/**
 * Applies an admin's change to `current`. A rule whose value changes needs the source of the
 * new value (`<rule>.source`): the law or regulation named beside the old value no longer
 * stands behind it. A source given alone (a better citation of the same value) is a change too.
 * `source.en` defaults to `source.zh`. Answers every problem at once, by field path.
 */
export function applySectorRulesPatch(current: SectorRuleSet, patch: unknown): PatchResult {
  if (!isObject(patch))
    return { ok: false, problems: [{ field: 'body', reason: 'must be an object' }] };
  const next: Record<string, unknown> = Object.fromEntries(RULE_NAMES.map((r) => [r, current[r]]));
  const changed: RuleName[] = [];
  const problems: RuleProblem[] = [];
  for (const [name, given] of Object.entries(patch)) {
    if (given === undefined) continue;
    if (!(RULE_NAMES as readonly string[]).includes(name)) {
      problems.push({ field: name, reason: 'unknown rule' });
      continue;
    }
    const rule = name as RuleName;
    if (!isObject(given)) {
      problems.push({ field: rule, reason: 'must be an object' });
      continue;
    }
    const before = current[rule] as unknown as Record<string, unknown>;
    const merged: Record<string, unknown> = { ...before };
    for (const [k, v] of Object.entries(given)) if (v !== undefined) merged[k] = v;
    if (isObject(given.source))
      merged.source = { zh: given.source.zh, en: given.source.en ?? given.source.zh };
    const own = ruleProblems(rule, merged);
    problems.push(...own);
    if (own.length) continue;
    const valueChanged = Object.keys(merged).some((k) => k !== 'source' && merged[k] !== before[k]);
    const [was, now] = [before.source as Localized, merged.source as Localized];
    const sourceChanged = was.zh !== now.zh || was.en !== now.en;
    if (valueChanged && given.source === undefined) {
      problems.push({
        field: `${rule}.source`,
        reason: `is required when the value changes: name the law, regulation or implementing rules the new value comes from (now: ${(before.source as Localized).zh})`,
      });
      continue;
    }
    if (valueChanged || sourceChanged) {
      next[rule] = merged;
      changed.push(rule);
    }
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, rules: next as unknown as SectorRuleSet, changed };
}

/** The rules of `sector` at `version` from a stored rule set; throws on a malformed one. */
export function sectorRulesOf(sector: string, version: number, set: unknown): SectorRules {
  if (!isSector(sector)) throw new RangeError(`unknown sector ${JSON.stringify(sector)}`);
  const problems = sectorRuleSetProblems(set);
  if (problems.length)
    throw new RangeError(
      `sector rules ${sector} v${version}: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}`,
    );
  return { ...(set as SectorRuleSet), sector, version };
}
