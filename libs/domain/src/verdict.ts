import {
  type Decimal,
  type LimitRule,
  type RangeRule,
  compareDecimal,
  formatLimitRule,
  isDecimal,
  validateLimitRule,
} from './limit-rule';
import { MAX_ROUNDING_DIGITS, decimalPlaces, roundToDigits } from './rounding';

/**
 * The verdict of a lab report (docs/rules.md §3.4): each result item against its limit rule,
 * then the sample.
 *
 * Comparison (GB/T 8170-2008 §4.3): by default the measured value as reported is compared
 * with the limit, whatever its digits (全数值比较法, §4.3.2; §4.3.1 makes it the rule unless the
 * standard says otherwise). An item whose standard asks for the rounded-value method
 * (修约值比较法, §4.3.3) has its value rounded once by §3.2 to the limit's digit and the rounded
 * value compared. Either way anything outside the limit fails, "不论超出程度大小".
 *
 * Items:
 * - range rule: pass when inside the range; a value exactly at a bound passes when the bound is
 *   inclusive (≤, ≥) and fails when it is exclusive (<, >).
 * - not_detected rule (不得检出, with the method's detection limit): the substance must not be
 *   found. A value below the detection limit is below what the method can detect, so it is
 *   reported as 未检出 and passes; a value at or above it was detected and fails (the limit of
 *   detection is by definition the lowest amount the method detects, so "at" is detected).
 *   Results written 'ND' or '未检出' pass. The comparison mode does not apply: detection is a
 *   yes/no against the method's limit, not a 极限数值 in the sense of §4.
 * - text rule: the result, trimmed, must be one of the allowed values exactly (case and width
 *   as written: '符合' does not match '合格' unless both are listed).
 * - 'ND'/'未检出' against a range: the true value lies between 0 and the method's detection
 *   limit, which the lab has chosen below the limit; so it passes a range without a lower
 *   bound above zero and fails one that requires a minimum content (≥2.9 protein, >0).
 * - not tested (with a reason): not_applicable.
 *
 * Sample: fails when any item fails; passes when at least one item passes and none fails;
 * not_applicable when no item was tested at all, since nothing then supports a conclusion.
 *
 * Input problems (a text for a numeric rule, an empty reason, a rounded comparison whose bounds
 * disagree on their digit) are answered as errors with a reason, never as a verdict: a wrong
 * input must not turn into a published failure.
 */

export type ComparisonMode = 'full' | 'rounded';
export const COMPARISON_MODES: readonly ComparisonMode[] = ['full', 'rounded'];

export type ItemOutcome = 'pass' | 'fail' | 'not_applicable';

export const ITEM_OUTCOME_LABELS_ZH: Readonly<Record<ItemOutcome, string>> = Object.freeze({
  pass: '合格',
  fail: '不合格',
  not_applicable: '不判定',
});

/** Tokens a lab writes for "not detected"; compared after trimming, case-insensitively. */
export const NOT_DETECTED_TOKENS: readonly string[] = ['ND', '未检出'];

export type ItemResult =
  | { readonly kind: 'measured'; readonly value: string }
  | { readonly kind: 'not_tested'; readonly reason: string };

export interface ItemInput {
  readonly itemCode: string;
  readonly itemName: string;
  readonly unit?: string | null;
  readonly rule: LimitRule;
  /** The limit as the template writes it (`≤0.50`); formatLimitRule(rule) when absent. */
  readonly limitText?: string | null;
  /** 'full' when absent (GB/T 8170 §4.3.1). */
  readonly comparison?: ComparisonMode | null;
  /**
   * Rounded comparison only: the digit to round to, when the limit's written decimals do not
   * say it (a limit of 14×100 MPa stored as '1400' needs −2). Default: the limit's decimals.
   */
  readonly roundingDigits?: number | null;
  readonly result: ItemResult;
}

export interface Localized {
  readonly zh: string;
  readonly en: string;
}

export interface ItemVerdict {
  readonly itemCode: string;
  readonly itemName: string;
  readonly unit: string | null;
  readonly outcome: ItemOutcome;
  /** The measured value as reported (trimmed); null when not tested. */
  readonly value: string | null;
  /** The value actually compared in a rounded comparison; null otherwise. */
  readonly roundedValue: string | null;
  /** The limit as written. */
  readonly limit: string;
  readonly reason: Localized;
}

export type ItemEvaluation =
  | { readonly ok: true; readonly verdict: ItemVerdict }
  | { readonly ok: false; readonly reason: string };

/** What a published failed-product list shows of each failed item (docs/rules.md §3.6). */
export interface FailedItem {
  readonly itemCode: string;
  readonly itemName: string;
  readonly value: string;
  readonly unit: string | null;
  readonly limit: string;
  readonly reason: Localized;
}

export interface SampleVerdict {
  readonly outcome: ItemOutcome;
  readonly items: readonly ItemVerdict[];
  /** The failed items in input order, for the result notice and the publication. */
  readonly failedItems: readonly FailedItem[];
  readonly counts: { readonly pass: number; readonly fail: number; readonly notApplicable: number };
}

export interface ItemError {
  /** Position in the input list, so that a bulk upload can name its row. */
  readonly index: number;
  readonly itemCode: string;
  readonly reason: string;
}

export type SampleEvaluation =
  | { readonly ok: true; readonly verdict: SampleVerdict }
  | { readonly ok: false; readonly errors: readonly ItemError[] };

const NOT_DETECTED_UPPER: ReadonlySet<string> = new Set(
  NOT_DETECTED_TOKENS.map((t) => t.toUpperCase()),
);

export function isNotDetectedToken(value: string): boolean {
  return NOT_DETECTED_UPPER.has(value.trim().toUpperCase());
}

type Judged = { pass: boolean; roundedValue: string | null; reason: Localized };
type Judgement = Judged | { error: string };

function digitsText(d: number): Localized {
  if (d >= 0) return { zh: `${d}位小数`, en: `${d} decimal${d === 1 ? '' : 's'}` };
  const unit = `1${'0'.repeat(-d)}`;
  return { zh: `${unit}的整数倍`, en: `a multiple of ${unit}` };
}

function inRange(rule: RangeRule, v: Decimal): boolean {
  if (rule.min !== undefined) {
    const c = compareDecimal(v, rule.min);
    if (c < 0 || (c === 0 && !rule.minInclusive)) return false;
  }
  if (rule.max !== undefined) {
    const c = compareDecimal(v, rule.max);
    if (c > 0 || (c === 0 && !rule.maxInclusive)) return false;
  }
  return true;
}

/** The single digit a rounded comparison rounds to, or why there is none. */
function roundingDigitsOf(rule: RangeRule, explicit: number | null): number | { error: string } {
  if (explicit !== null) return explicit;
  const bounds = [rule.min, rule.max].filter((b): b is string => b !== undefined);
  const places = [...new Set(bounds.map(decimalPlaces))];
  if (places.length === 1) return places[0];
  // GB/T 8170 §4.3.3 rounds "to the digit of the limit"; bounds written to different digits
  // leave that open, and guessing could turn a pass into a failure.
  return {
    error: `rounded comparison: the bounds ${bounds.join(' and ')} are written to different decimals; set roundingDigits`,
  };
}

function judgeRange(
  rule: RangeRule,
  value: string,
  limit: string,
  mode: ComparisonMode,
  explicitDigits: number | null,
): Judgement {
  if (isNotDetectedToken(value)) {
    // ND means 0 ≤ true value < detection limit, and the detection limit is below the limit.
    const needsContent =
      rule.min !== undefined &&
      (compareDecimal(rule.min, '0') > 0 ||
        (compareDecimal(rule.min, '0') === 0 && !rule.minInclusive));
    return needsContent
      ? {
          pass: false,
          roundedValue: null,
          reason: {
            zh: `未检出，不符合限值 ${limit}`,
            en: `not detected, outside the limit ${limit}`,
          },
        }
      : {
          pass: true,
          roundedValue: null,
          reason: {
            zh: `未检出，符合限值 ${limit}`,
            en: `not detected, within the limit ${limit}`,
          },
        };
  }
  if (!isDecimal(value)) {
    return {
      error: `value '${value}' is not a decimal number like 0.5 (no units, no exponent) or ND/未检出`,
    };
  }
  if (mode === 'full') {
    const pass = inRange(rule, value);
    return {
      pass,
      roundedValue: null,
      reason: pass
        ? {
            zh: `实测值 ${value} 符合限值 ${limit}`,
            en: `measured ${value} is within the limit ${limit}`,
          }
        : {
            zh: `实测值 ${value} 不符合限值 ${limit}（全数值比较）`,
            en: `measured ${value} is outside the limit ${limit} (full-value comparison)`,
          },
    };
  }
  const digits = roundingDigitsOf(rule, explicitDigits);
  if (typeof digits !== 'number') return digits;
  const rounded = roundToDigits(value, digits);
  const pass = inRange(rule, rounded);
  const how = digitsText(digits);
  return {
    pass,
    roundedValue: rounded,
    reason: {
      zh: `修约值 ${rounded}（实测值 ${value} 按 GB/T 8170 修约至${how.zh}）${pass ? '符合' : '不符合'}限值 ${limit}`,
      en: `rounded value ${rounded} (${value} rounded to ${how.en} by GB/T 8170) is ${pass ? 'within' : 'outside'} the limit ${limit}`,
    },
  };
}

function judgeNotDetected(detectionLimit: Decimal, value: string): Judgement {
  if (isNotDetectedToken(value)) {
    return {
      pass: true,
      roundedValue: null,
      reason: {
        zh: `未检出（检出限 ${detectionLimit}），符合要求`,
        en: `not detected (detection limit ${detectionLimit}), as required`,
      },
    };
  }
  if (!isDecimal(value)) {
    return { error: `value '${value}' is not a decimal number like 0.005 or ND/未检出` };
  }
  if (compareDecimal(value, detectionLimit) < 0) {
    return {
      pass: true,
      roundedValue: null,
      reason: {
        zh: `实测值 ${value} 低于检出限 ${detectionLimit}，按未检出判定，符合要求`,
        en: `measured ${value} is below the detection limit ${detectionLimit}, so not detected, as required`,
      },
    };
  }
  return {
    pass: false,
    roundedValue: null,
    reason: {
      zh: `检出 ${value}（检出限 ${detectionLimit}），不符合“不得检出”`,
      en: `detected at ${value} (detection limit ${detectionLimit}); it must not be detected`,
    },
  };
}

function judgeText(allowed: readonly string[], value: string, limit: string): Judgement {
  const pass = allowed.includes(value);
  return {
    pass,
    roundedValue: null,
    reason: pass
      ? { zh: `结果“${value}”符合要求 ${limit}`, en: `result '${value}' is allowed by ${limit}` }
      : {
          zh: `结果“${value}”不在允许值 ${limit} 之中`,
          en: `result '${value}' is not one of the allowed values ${limit}`,
        },
  };
}

const nonEmpty = (s: unknown): s is string => typeof s === 'string' && s.trim() !== '';

/**
 * An item prepared for judging: its limit rule, comparison mode and digits checked once, so
 * that many results against the same limit (a bulk upload judges thousands) cost only the
 * comparison. `judge` never throws.
 */
export type PreparedItem =
  | {
      readonly ok: true;
      /** The limit as written, or the canonical notation of the rule. */
      readonly limit: string;
      readonly judge: (result: ItemResult | null | undefined) => ItemEvaluation;
    }
  | { readonly ok: false; readonly reason: string };

/**
 * Checks everything about an item except its result (the same checks, in the same order and
 * with the same reasons, as evaluateItem) and returns its judge. Never throws.
 */
export function prepareItem(item: Omit<ItemInput, 'result'>): PreparedItem {
  const fail = (reason: string) => ({ ok: false as const, reason });
  if (!nonEmpty(item.itemCode)) return fail('itemCode must not be empty');
  if (!nonEmpty(item.itemName)) return fail('itemName must not be empty');
  const checked = validateLimitRule(item.rule);
  if (!checked.ok) return fail(`rule: ${checked.reason}`);
  const rule = checked.rule;
  const mode = item.comparison ?? 'full';
  if (!COMPARISON_MODES.includes(mode)) {
    return fail(`comparison must be full or rounded, got ${JSON.stringify(mode)}`);
  }
  const explicitDigits = item.roundingDigits ?? null;
  if (
    explicitDigits !== null &&
    (!Number.isSafeInteger(explicitDigits) || Math.abs(explicitDigits) > MAX_ROUNDING_DIGITS)
  ) {
    return fail(
      `roundingDigits must be an integer from -${MAX_ROUNDING_DIGITS} to ${MAX_ROUNDING_DIGITS}`,
    );
  }
  const limit = nonEmpty(item.limitText) ? item.limitText.trim() : formatLimitRule(rule);
  const itemCode = item.itemCode;
  const itemName = item.itemName;
  const unit = nonEmpty(item.unit) ? item.unit.trim() : null;

  const judge = (result: ItemResult | null | undefined): ItemEvaluation => {
    if (result?.kind === 'not_tested') {
      if (!nonEmpty(result.reason)) return fail('a not-tested item needs a reason');
      const reason = result.reason.trim();
      return {
        ok: true,
        verdict: {
          itemCode,
          itemName,
          unit,
          limit,
          outcome: 'not_applicable',
          value: null,
          roundedValue: null,
          reason: { zh: `未检测：${reason}`, en: `not tested: ${reason}` },
        },
      };
    }
    if (result?.kind !== 'measured') return fail('result must be measured or not_tested');
    if (!nonEmpty(result.value)) return fail('measured value must not be empty');
    const value = result.value.trim();

    let judged: Judgement;
    switch (rule.kind) {
      case 'range':
        judged = judgeRange(rule, value, limit, mode, explicitDigits);
        break;
      case 'not_detected':
        judged = judgeNotDetected(rule.detectionLimit, value);
        break;
      case 'text':
        judged = judgeText(rule.allowed, value, limit);
        break;
    }
    if ('error' in judged) return fail(judged.error);
    return {
      ok: true,
      verdict: {
        itemCode,
        itemName,
        unit,
        limit,
        outcome: judged.pass ? 'pass' : 'fail',
        value,
        roundedValue: judged.roundedValue,
        reason: judged.reason,
      },
    };
  };
  return { ok: true, limit, judge };
}

/**
 * The verdict of one result item, or the reason its input cannot be judged. Never throws.
 */
export function evaluateItem(item: ItemInput): ItemEvaluation {
  const prepared = prepareItem(item);
  return prepared.ok ? prepared.judge(item.result) : prepared;
}

/**
 * The outcome of a sample from its items' outcomes: fail if any fails, else pass if any
 * passes, else not_applicable (nothing tested, or no items).
 */
export function sampleOutcome(outcomes: Iterable<ItemOutcome>): ItemOutcome {
  let passed = false;
  for (const o of outcomes) {
    if (o === 'fail') return 'fail';
    if (o === 'pass') passed = true;
  }
  return passed ? 'pass' : 'not_applicable';
}

/**
 * Evaluates every item of a report and the sample as a whole. All items are checked, and any
 * input problem is answered for each item at fault (with its index) instead of a verdict.
 * An item code listed twice is an error too: a publication names failed items by code.
 */
export function evaluateSample(items: readonly ItemInput[]): SampleEvaluation {
  const errors: ItemError[] = [];
  const verdicts: ItemVerdict[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const code = typeof item?.itemCode === 'string' ? item.itemCode : '';
    const e = item ? evaluateItem(item) : { ok: false as const, reason: 'item is missing' };
    if (!e.ok) errors.push({ index, itemCode: code, reason: e.reason });
    else verdicts.push(e.verdict);
    const first = seen.get(code);
    if (code !== '' && first !== undefined) {
      errors.push({ index, itemCode: code, reason: `item code ${code} is already item ${first}` });
    } else if (code !== '') seen.set(code, index);
  });
  if (errors.length > 0) return { ok: false, errors };

  const counts = { pass: 0, fail: 0, notApplicable: 0 };
  for (const v of verdicts) {
    if (v.outcome === 'pass') counts.pass++;
    else if (v.outcome === 'fail') counts.fail++;
    else counts.notApplicable++;
  }
  const failedItems = verdicts
    .filter((v) => v.outcome === 'fail')
    .map((v): FailedItem => ({
      itemCode: v.itemCode,
      itemName: v.itemName,
      value: v.value ?? '',
      unit: v.unit,
      limit: v.limit,
      reason: v.reason,
    }));
  return {
    ok: true,
    verdict: {
      outcome: sampleOutcome(verdicts.map((v) => v.outcome)),
      items: verdicts,
      failedItems,
      counts,
    },
  };
}
