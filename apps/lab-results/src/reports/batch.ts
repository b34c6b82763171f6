import { HttpStatus } from '@nestjs/common';
import { AppException } from '@spotcheck/common';
import {
  MAX_ROUNDING_DIGITS,
  formatLimitRule,
  isDecimal,
  isNotDetectedToken,
  parseLimitRule,
  prepareItem,
  sampleOutcome,
  validateLimitRule,
  type ComparisonMode,
  type ItemOutcome,
  type ItemResult,
  type LimitRule,
  type LimitRuleResult,
  type PreparedItem,
} from '@spotcheck/domain';

/**
 * Validation of a bulk upload of lab reports (`POST /lab/reports/batch`, and the
 * CSV/XLSX import once its rows are grouped into the same shape by report-file.ts).
 *
 * The body is checked by hand over `unknown` rather than with class-validator: a request may
 * carry 20,000 items and class-validator costs tens of microseconds per object. Every problem
 * is collected (the first MAX_REPORTED_ERRORS are answered, with the total), each naming its
 * path (`reports[3].items[7].value`), so a lab fixes a file in one round trip. Nothing here
 * touches the database: whether a sample exists, is assigned to the caller's lab and has a
 * template for an item is the service's check.
 *
 * Request format (shared with the single-report endpoints' item shape):
 *
 *   { "reports": [ { "sampleNo", "reportNo", "items": [ { "itemCode", "itemName"?, "method"?,
 *     "unit"?, "limit"?, "limitBasis"?, "comparison"?, "roundingDigits"?,
 *     "value" | "notTested" } ] } ] }
 *
 * - `limit` is the compact notation (`≤0.5`, `不得检出(0.01)`) or a LimitRule object; absent
 *   means the category template's limit, and the verdict is then left to the service.
 * - `limitBasis` `{ "kind": "enterprise_standard", "reference" }`: the enterprise's declared
 *   standard `limit` comes from, for a template item judged by a stricter limit than the
 *   template's (the single-report API's field; whether it is stricter is the service's check,
 *   against the template).
 * - exactly one of `value` (a decimal string, `ND`/`未检出`, or the text a text rule expects)
 *   and `notTested` (the reason the item was not tested).
 * - `comparison` is `full` (default, GB/T 8170 §4.3.1) or `rounded`.
 */

export const MAX_REPORTS = 1_000;
export const MAX_ITEMS = 20_000;
export const MAX_REPORTED_ERRORS = 100;

export interface BatchError {
  /** Index of the report in `reports`, when the error is inside one. */
  report?: number;
  /** Index of the item in that report's `items`, when the error is inside one. */
  item?: number;
  sampleNo?: string;
  /** Path of the offending field, e.g. `reports[3].items[7].value`. */
  field: string;
  reason: string;
}

/**
 * The verdict of an item computed from the limit sent with it. Its reason is not kept: a
 * draft stores results, and the reasons are written when the report is issued.
 */
export interface ItemJudgement {
  readonly outcome: ItemOutcome;
  /** The value compared in a rounded comparison, else null. */
  readonly roundedValue: string | null;
  /** The limit as written, or the canonical notation of a LimitRule object. */
  readonly limit: string;
}

export interface NormalisedItem {
  itemCode: string;
  /** Absent: the template's. */
  itemName?: string;
  method?: string;
  unit?: string;
  /** Absent: the template's limit. */
  limit?: { text: string; rule: LimitRule };
  /** The enterprise's declared standard `limit` comes from; absent: none. */
  limitBasis?: { kind: 'enterprise_standard'; reference: string };
  comparison: ComparisonMode;
  roundingDigits: number | null;
  result: ItemResult;
  /** Null when the limit comes from the template: the service judges it with that rule. */
  judgement: ItemJudgement | null;
}

export interface NormalisedReport {
  sampleNo: string;
  reportNo: string;
  items: NormalisedItem[];
  /** The sample's outcome when every item was judged here, else null. */
  outcome: ItemOutcome | null;
}

export type BatchValidation =
  | { ok: true; reports: NormalisedReport[]; itemCount: number }
  | { ok: false; errors: BatchError[]; total: number };

export interface BatchLimits {
  maxReports: number;
  maxItems: number;
}

const DEFAULT_LIMITS: BatchLimits = { maxReports: MAX_REPORTS, maxItems: MAX_ITEMS };

const TOP_KEYS = new Set(['reports']);
const REPORT_KEYS = new Set(['sampleNo', 'reportNo', 'items']);
const ITEM_KEYS = new Set([
  'itemCode',
  'itemName',
  'method',
  'unit',
  'limit',
  'limitBasis',
  'comparison',
  'roundingDigits',
  'value',
  'notTested',
]);

/** Longest text accepted per field; a limit on everything keeps one row from filling memory. */
const MAX_LENGTH = {
  sampleNo: 64,
  reportNo: 64,
  itemCode: 32,
  itemName: 100,
  method: 200,
  unit: 32,
  limit: 200,
  reference: 200,
  value: 200,
  notTested: 500,
} as const;

/** C0 controls (NUL, tab, line breaks …), DEL and C1 controls: never part of a report. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** A value that starts like a number must be one: '1e-3', '3,1', '+3', '.5' are refused. */
const NUMERIC_START = /^[-+.0-9]/;

/** Half of a UTF-16 surrogate pair on its own (JSON's "\ud800"): no character at all. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Controls or any surrogate: one cheap scan that almost every text passes. */
// eslint-disable-next-line no-control-regex
const SUSPECT = /[\u0000-\u001f\u007f-\u009f\ud800-\udfff]/;

/** Why a text cannot be stored as given, or undefined when it can. */
function unsafeText(v: string): string | undefined {
  if (!SUSPECT.test(v)) return undefined;
  if (CONTROL.test(v)) return 'must not contain control characters (NUL, tab, line breaks)';
  if (LONE_SURROGATE.test(v)) return 'must be valid Unicode text (it holds a lone surrogate)';
  return undefined;
}

class Errors {
  readonly items: BatchError[] = [];
  total = 0;
  add(e: BatchError): void {
    this.total += 1;
    if (this.items.length < MAX_REPORTED_ERRORS) this.items.push(e);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'number') return `the number ${v}`;
  return typeof v;
}

interface Where {
  report?: number;
  item?: number;
  sampleNo?: string;
}

/**
 * Reads an optional or required text field: trimmed, non-empty, no control characters, not
 * longer than its limit. Returns undefined (after noting an error) when it is not usable.
 */
function textField(
  o: Record<string, unknown>,
  key: keyof typeof MAX_LENGTH,
  path: string,
  where: Where,
  errors: Errors,
  required: boolean,
): string | undefined {
  const v = o[key];
  const field = `${path}.${key}`;
  if (v === undefined || v === null) {
    if (required) errors.add({ ...where, field, reason: 'is required' });
    return undefined;
  }
  if (typeof v !== 'string') {
    const hint = typeof v === 'number' ? ' (write numbers as strings, e.g. "0.5")' : '';
    errors.add({ ...where, field, reason: `must be a string, got ${describe(v)}${hint}` });
    return undefined;
  }
  const bad = unsafeText(v);
  if (bad) {
    errors.add({ ...where, field, reason: bad });
    return undefined;
  }
  const t = v.trim();
  if (t === '') {
    errors.add({
      ...where,
      field,
      reason: required ? 'must not be empty' : 'must not be empty; leave it out instead',
    });
    return undefined;
  }
  if (t.length > MAX_LENGTH[key]) {
    errors.add({ ...where, field, reason: `is longer than ${MAX_LENGTH[key]} characters` });
    return undefined;
  }
  return t;
}

function unknownKeys(
  o: Record<string, unknown>,
  known: ReadonlySet<string>,
  path: string,
  where: Where,
  errors: Errors,
): void {
  for (const k in o) {
    if (!known.has(k))
      errors.add({ ...where, field: path ? `${path}.${k}` : k, reason: 'is not a known field' });
  }
}

/** The item code of an item that failed validation, to still find repeated codes. */
function rawCode(raw: unknown): string | undefined {
  if (!isObject(raw) || typeof raw.itemCode !== 'string') return undefined;
  return raw.itemCode.trim() || undefined;
}

/** Which input field an evaluateItem reason is about. */
function fieldOfReason(reason: string): string {
  if (reason.startsWith('rounded comparison') || reason.startsWith('roundingDigits')) {
    return 'roundingDigits';
  }
  if (reason.startsWith('comparison')) return 'comparison';
  if (reason.startsWith('rule')) return 'limit';
  return 'value';
}

/**
 * The limit of an item: notation text (parsed once per distinct text in a batch) or a
 * LimitRule object. Undefined after noting an error.
 */
function limitField(
  v: unknown,
  field: string,
  where: Where,
  errors: Errors,
  memo: Map<string, LimitRuleResult>,
): { text: string; rule: LimitRule } | undefined {
  if (typeof v === 'string') {
    const bad = unsafeText(v);
    if (bad) {
      errors.add({ ...where, field, reason: bad });
      return undefined;
    }
    const text = v.trim();
    if (text.length > MAX_LENGTH.limit) {
      errors.add({ ...where, field, reason: `is longer than ${MAX_LENGTH.limit} characters` });
      return undefined;
    }
    let parsed = memo.get(text);
    if (!parsed) {
      parsed = parseLimitRule(text);
      if (memo.size < 10_000) memo.set(text, parsed);
    }
    if (!parsed.ok) {
      errors.add({ ...where, field, reason: parsed.reason });
      return undefined;
    }
    return { text, rule: parsed.rule };
  }
  if (isObject(v)) {
    const checked = validateLimitRule(v);
    if (!checked.ok) {
      errors.add({ ...where, field, reason: checked.reason });
      return undefined;
    }
    const unsafe =
      checked.rule.kind === 'text' ? checked.rule.allowed.map(unsafeText).find(Boolean) : undefined;
    if (unsafe) {
      errors.add({ ...where, field, reason: `allowed values ${unsafe}` });
      return undefined;
    }
    return { text: formatLimitRule(checked.rule), rule: checked.rule };
  }
  errors.add({
    ...where,
    field,
    reason: `must be limit notation such as "≤0.5" or a limit rule object, got ${describe(v)}`,
  });
  return undefined;
}

/**
 * Judges many items of a batch: each distinct limit, comparison and digits is checked once
 * (libs/domain prepareItem) and its judge reused for every result against it. Bounded, so
 * that a hostile batch cannot grow it without end; past the bound items are prepared anew.
 */
export class ItemJudges {
  /** By limit text, then by comparison and digits. */
  private readonly prepared = new Map<string, Map<string, PreparedItem>>();
  private size = 0;

  judge(
    itemCode: string,
    limit: { text: string; rule: LimitRule },
    comparison: ComparisonMode,
    roundingDigits: number | null,
    result: ItemResult,
  ): ItemJudgement | { error: string; field: string } {
    let byMode = this.prepared.get(limit.text);
    if (byMode === undefined && this.size < MEMO_LIMIT)
      this.prepared.set(limit.text, (byMode = new Map()));
    const mode = roundingDigits === null ? comparison : `${comparison}:${roundingDigits}`;
    let p = byMode?.get(mode);
    if (p === undefined) {
      // The item name only colours prepareItem's checks, not its reasons; the code stands in.
      p = prepareItem({
        itemCode,
        itemName: itemCode,
        rule: limit.rule,
        limitText: limit.text,
        comparison,
        roundingDigits,
      });
      if (byMode && this.size < MEMO_LIMIT) {
        byMode.set(mode, p);
        this.size++;
      }
    }
    const e = p.ok ? p.judge(result) : p;
    return e.ok
      ? {
          outcome: e.verdict.outcome,
          roundedValue: e.verdict.roundedValue,
          limit: e.verdict.limit,
        }
      : { error: e.reason.replace(/^rule: /, ''), field: fieldOfReason(e.reason) };
  }
}

/** Per-batch caches. */
interface Memos {
  limits: Map<string, LimitRuleResult>;
  judges: ItemJudges;
}
const MEMO_LIMIT = 10_000;

const LIMIT_BASIS_KEYS = new Set(['kind', 'reference']);

/**
 * The enterprise's declared standard an item's limit comes from: `{ kind:
 * "enterprise_standard", reference }`, as the single-report API takes it. Undefined after
 * noting an error.
 */
function limitBasisField(
  v: unknown,
  path: string,
  where: Where,
  errors: Errors,
): { kind: 'enterprise_standard'; reference: string } | undefined {
  if (!isObject(v)) {
    errors.add({
      ...where,
      field: path,
      reason: `must be { "kind": "enterprise_standard", "reference": "<the standard's number>" }, got ${describe(v)}`,
    });
    return undefined;
  }
  const before = errors.total;
  unknownKeys(v, LIMIT_BASIS_KEYS, path, where, errors);
  if (v.kind !== 'enterprise_standard') {
    errors.add({
      ...where,
      field: `${path}.kind`,
      reason: `must be enterprise_standard, got ${typeof v.kind === 'string' ? `'${v.kind.slice(0, 40)}'` : describe(v.kind)}`,
    });
  }
  const reference = textField(v, 'reference', path, where, errors, true);
  if (errors.total > before || reference === undefined) return undefined;
  return { kind: 'enterprise_standard', reference };
}

function validateItem(
  raw: unknown,
  path: string,
  where: Where,
  errors: Errors,
  memos: Memos,
): NormalisedItem | undefined {
  if (!isObject(raw)) {
    errors.add({ ...where, field: path, reason: `must be an object, got ${describe(raw)}` });
    return undefined;
  }
  const before = errors.total;
  unknownKeys(raw, ITEM_KEYS, path, where, errors);
  const itemCode = textField(raw, 'itemCode', path, where, errors, true);
  const itemName = textField(raw, 'itemName', path, where, errors, false);
  const method = textField(raw, 'method', path, where, errors, false);
  const unit = textField(raw, 'unit', path, where, errors, false);

  const limit =
    raw.limit === undefined || raw.limit === null
      ? undefined
      : limitField(raw.limit, `${path}.limit`, where, errors, memos.limits);
  const limitBasis =
    raw.limitBasis === undefined || raw.limitBasis === null
      ? undefined
      : limitBasisField(raw.limitBasis, `${path}.limitBasis`, where, errors);

  let comparison: ComparisonMode = 'full';
  const c = raw.comparison;
  if (c === 'rounded') comparison = 'rounded';
  else if (c !== undefined && c !== null && c !== 'full') {
    errors.add({
      ...where,
      field: `${path}.comparison`,
      reason: `must be full or rounded, got ${typeof c === 'string' ? `'${c}'` : describe(c)}`,
    });
  }

  let roundingDigits: number | null = null;
  const d = raw.roundingDigits;
  if (d !== undefined && d !== null) {
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || Math.abs(d) > MAX_ROUNDING_DIGITS) {
      errors.add({
        ...where,
        field: `${path}.roundingDigits`,
        reason: `must be a whole number from -${MAX_ROUNDING_DIGITS} to ${MAX_ROUNDING_DIGITS}, got ${describe(d)}`,
      });
    } else roundingDigits = d;
  }

  let result: ItemResult | undefined;
  const hasValue = raw.value !== undefined && raw.value !== null;
  const hasNotTested = raw.notTested !== undefined && raw.notTested !== null;
  if (hasValue && hasNotTested) {
    errors.add({
      ...where,
      field: `${path}.notTested`,
      reason: 'give either value or notTested, not both',
    });
  } else if (!hasValue && !hasNotTested) {
    errors.add({
      ...where,
      field: `${path}.value`,
      reason: 'is required (or notTested with the reason)',
    });
  } else if (hasNotTested) {
    const reason = textField(raw, 'notTested', path, where, errors, true);
    if (reason !== undefined) result = { kind: 'not_tested', reason };
  } else {
    const value = textField(raw, 'value', path, where, errors, true);
    if (value !== undefined) {
      // A text rule takes its own words; anything that starts like a number must be a
      // decimal string, whatever the limit, so '1e-3' or '3,1' never reaches a verdict.
      const textRule = limit?.rule.kind === 'text';
      if (
        !textRule &&
        !isDecimal(value) &&
        !isNotDetectedToken(value) &&
        (limit || NUMERIC_START.test(value))
      ) {
        errors.add({
          ...where,
          field: `${path}.value`,
          reason: `'${value}' is not a decimal number like 0.5 (no units, exponent or thousands separator) or ND/未检出`,
        });
      } else result = { kind: 'measured', value };
    }
  }
  if (errors.total > before || itemCode === undefined || result === undefined) return undefined;

  let judgement: ItemJudgement | null = null;
  if (limit) {
    const judged = memos.judges.judge(itemCode, limit, comparison, roundingDigits, result);
    if ('error' in judged) {
      errors.add({ ...where, field: `${path}.${judged.field}`, reason: judged.error });
      return undefined;
    }
    judgement = judged;
  }
  // One shape for every item (absent fields undefined), so that V8 keeps them fast.
  return {
    itemCode,
    itemName,
    method,
    unit,
    limit,
    limitBasis,
    comparison,
    roundingDigits,
    result,
    judgement,
  };
}

/**
 * Checks a parsed batch body and returns its reports normalised (strings trimmed, limits
 * parsed, verdicts of items with a limit computed), or every error found. Never throws.
 *
 * Over the limits (reports or items in total) only that error is answered: nothing else is
 * read from an oversized body.
 */
export function validateBatch(
  body: unknown,
  limits: BatchLimits = DEFAULT_LIMITS,
): BatchValidation {
  const errors = new Errors();
  if (!isObject(body)) {
    errors.add({
      field: 'body',
      reason: `the body must be a JSON object with "reports", got ${describe(body)}`,
    });
    return { ok: false, errors: errors.items, total: errors.total };
  }
  unknownKeys(body, TOP_KEYS, '', {}, errors);
  const reports = body.reports;
  if (!Array.isArray(reports)) {
    errors.add({
      field: 'reports',
      reason: reports === undefined ? 'is required' : `must be an array, got ${describe(reports)}`,
    });
    return { ok: false, errors: errors.items, total: errors.total };
  }
  if (reports.length === 0) {
    errors.add({ field: 'reports', reason: 'must list at least one report' });
    return { ok: false, errors: errors.items, total: errors.total };
  }
  if (reports.length > limits.maxReports) {
    return {
      ok: false,
      errors: [
        {
          field: 'reports',
          reason: `at most ${limits.maxReports} reports per request, got ${reports.length}`,
        },
      ],
      total: 1,
    };
  }
  let itemCount = 0;
  for (const r of reports) if (isObject(r) && Array.isArray(r.items)) itemCount += r.items.length;
  if (itemCount > limits.maxItems) {
    return {
      ok: false,
      errors: [
        {
          field: 'reports',
          reason: `at most ${limits.maxItems} items per request, got ${itemCount}`,
        },
      ],
      total: 1,
    };
  }

  const memos: Memos = { limits: new Map(), judges: new ItemJudges() };
  const sampleNos = new Map<string, number>();
  const reportNos = new Map<string, number>();
  const out: NormalisedReport[] = [];
  for (let i = 0; i < reports.length; i++) {
    const raw: unknown = reports[i];
    const path = `reports[${i}]`;
    if (!isObject(raw)) {
      errors.add({ report: i, field: path, reason: `must be an object, got ${describe(raw)}` });
      continue;
    }
    const where: Where = { report: i };
    const before = errors.total;
    // Errors name the sample only once its number is known to be sound (it is echoed back).
    const sampleNo = textField(raw, 'sampleNo', path, where, errors, true);
    if (sampleNo !== undefined) where.sampleNo = sampleNo;
    unknownKeys(raw, REPORT_KEYS, path, where, errors);
    const reportNo = textField(raw, 'reportNo', path, where, errors, true);
    if (sampleNo !== undefined) {
      const first = sampleNos.get(sampleNo);
      if (first !== undefined) {
        errors.add({
          ...where,
          field: `${path}.sampleNo`,
          reason: `sample ${sampleNo} is already reports[${first}]`,
        });
      } else sampleNos.set(sampleNo, i);
    }
    if (reportNo !== undefined) {
      const first = reportNos.get(reportNo);
      if (first !== undefined) {
        errors.add({
          ...where,
          field: `${path}.reportNo`,
          reason: `report number ${reportNo} is already reports[${first}]`,
        });
      } else reportNos.set(reportNo, i);
    }
    const rawItems = raw.items;
    const items: NormalisedItem[] = [];
    if (!Array.isArray(rawItems)) {
      errors.add({
        ...where,
        field: `${path}.items`,
        reason:
          rawItems === undefined ? 'is required' : `must be an array, got ${describe(rawItems)}`,
      });
    } else if (rawItems.length === 0) {
      errors.add({ ...where, field: `${path}.items`, reason: 'a report needs at least one item' });
    } else {
      const codes = new Map<string, number>();
      for (let j = 0; j < rawItems.length; j++) {
        const itemPath = `${path}.items[${j}]`;
        // A literal, not a spread: this runs for each of up to 20,000 items.
        const itemWhere: Where =
          where.sampleNo === undefined
            ? { report: i, item: j }
            : { report: i, sampleNo: where.sampleNo, item: j };
        const item = validateItem(rawItems[j], itemPath, itemWhere, errors, memos);
        const code = item?.itemCode ?? rawCode(rawItems[j]);
        if (code) {
          const first = codes.get(code);
          if (first !== undefined) {
            errors.add({
              ...itemWhere,
              field: `${itemPath}.itemCode`,
              reason: `item ${code} is already items[${first}]`,
            });
          } else codes.set(code, j);
        }
        if (item) items.push(item);
      }
    }
    if (errors.total > before || sampleNo === undefined || reportNo === undefined) continue;
    const judged = items.every((it) => it.judgement !== null);
    out.push({
      sampleNo,
      reportNo,
      items,
      outcome: judged ? sampleOutcome(items.map((it) => it.judgement!.outcome)) : null,
    });
  }
  if (errors.total > 0) return { ok: false, errors: errors.items, total: errors.total };
  return { ok: true, reports: out, itemCount };
}

/** The 400 a rejected batch answers: nothing was written, every error listed (first 100). */
export function batchRejected(errors: BatchError[], total: number): AppException {
  return new AppException(
    HttpStatus.BAD_REQUEST,
    'BATCH_REJECTED',
    `${total} error${total === 1 ? '' : 's'} in the batch; nothing was written`,
    { errorCount: total, errors },
  );
}
