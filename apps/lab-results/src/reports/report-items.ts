import type { FieldError } from '@spotcheck/common';
import {
  evaluateItem,
  formatLimitRule,
  isAtLeastAsStrict,
  parseLimitRule,
  sameLimitRule,
  validateLimitRule,
} from '@spotcheck/domain';
import type { ComparisonMode, ItemInput, LimitRule, LimitRuleResult } from '@spotcheck/domain';
import type { TestItemTemplate } from '@spotcheck/database';
import type { ReportItemDto } from './report.dto';

/** A result item as stored (lab_report_item) and shown. */
export interface ReportItem {
  seq: number;
  itemCode: string;
  itemName: string;
  method: string | null;
  unit: string | null;
  limitRule: LimitRule;
  limitText: string;
  comparison: ComparisonMode;
  roundingDigits: number | null;
  value: string | null;
  notTestedReason: string | null;
  /** Judged by the enterprise's declared standard, stricter than the template; else null. */
  limitBasis: LimitBasis | null;
}

/** Why an item's limit is not the template's (docs/rules.md §3.4). */
export interface LimitBasis {
  kind: 'enterprise_standard';
  /** The standard's number, e.g. Q/NMYL 0001S-2024. */
  reference: string;
  /** The template's limit it replaces, as written. */
  templateLimit: string;
}

const some = (s: unknown): s is string => typeof s === 'string' && s.trim() !== '';

/** The domain's input for an item (its result absent when it has none yet). */
export function itemInput(i: ReportItem): ItemInput | null {
  const result =
    i.value !== null
      ? ({ kind: 'measured', value: i.value } as const)
      : i.notTestedReason !== null
        ? ({ kind: 'not_tested', reason: i.notTestedReason } as const)
        : null;
  if (!result) return null;
  return {
    itemCode: i.itemCode,
    itemName: i.itemName,
    unit: i.unit,
    rule: i.limitRule,
    limitText: i.limitText,
    comparison: i.comparison,
    roundingDigits: i.roundingDigits,
    result,
  };
}

/** Which request field an evaluateItem reason is about. */
export function fieldOf(reason: string): string {
  if (reason.startsWith('rule')) return 'limit';
  if (reason.startsWith('roundingDigits') || reason.startsWith('rounded comparison'))
    return 'roundingDigits';
  if (reason.startsWith('comparison')) return 'comparison';
  if (reason.includes('not-tested')) return 'notTestedReason';
  return 'value';
}

/**
 * The items of a report from the request and the category's template: an item with a
 * template code takes the template's name, method, unit and limit unless it gives its own;
 * an item outside the template must give a name and a limit. With `withTemplate`, the
 * template's items come first (in its order) and the request's only override or extend them.
 * Every problem is answered with its field path; with `judge`, a given result must be one the
 * domain can judge against the item's limit (a bulk upload judges its items itself, once).
 * `limits` caches the check of each limit (rule objects by identity), for a batch whose items
 * share them.
 */
export function buildItems(
  template: readonly TestItemTemplate[],
  given: readonly ReportItemDto[] | undefined,
  withTemplate: boolean,
  { judge = true, limits }: { judge?: boolean; limits?: Map<unknown, LimitRuleResult> } = {},
): { items: ReportItem[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const byCode = templateIndex(template);
  const givenByCode = new Map<string, { dto: ReportItemDto; index: number }>();
  (given ?? []).forEach((dto, index) => {
    const first = givenByCode.get(dto.itemCode);
    if (first)
      errors.push({
        field: `items[${index}].itemCode`,
        reason: `${dto.itemCode} is also items[${first.index}]`,
      });
    else givenByCode.set(dto.itemCode, { dto, index });
  });
  // Literals rather than spreads: a bulk upload builds 20,000 of these per request.
  const order: { code: string; dto: ReportItemDto | undefined; index: number | undefined }[] = [];
  if (withTemplate) {
    for (const t of template) {
      const g = givenByCode.get(t.code);
      order.push({ code: t.code, dto: g?.dto, index: g?.index });
    }
    for (const [code, g] of givenByCode)
      if (!byCode.has(code)) order.push({ code, dto: g.dto, index: g.index });
  } else {
    for (const [code, g] of givenByCode) order.push({ code, dto: g.dto, index: g.index });
  }

  const items: ReportItem[] = [];
  for (const { code, dto, index } of order) {
    const at = (f: string) => `items[${index ?? items.length}].${f}`;
    const t = byCode.get(code);
    const name = dto?.itemName ?? t?.name;
    if (!some(name)) {
      errors.push({
        field: at('itemName'),
        reason: `is required for ${code}, which is not in the category's template`,
      });
      continue;
    }
    let rule: LimitRule | undefined = t?.limit;
    let written: string | undefined;
    let limitBasis: LimitBasis | null = null;
    if (dto?.limitBasis !== undefined && (!t || dto.limit === undefined)) {
      errors.push({
        field: at('limitBasis'),
        reason: t
          ? 'comes with the limit of the enterprise’s standard (limit)'
          : `is for a template item; ${code} is not in the category's template`,
      });
      continue;
    }
    if (dto?.limit !== undefined) {
      const r = limits?.get(dto.limit) ?? checkLimit(dto.limit);
      if (limits && limits.size < 10_000) limits.set(dto.limit, r);
      if (!r.ok) {
        errors.push({ field: at('limit'), reason: r.reason });
        continue;
      }
      // A lab may not change a template item's limit; it may judge by the enterprise's
      // declared standard when that is stricter, naming it (docs/rules.md §3.4).
      if (t && !sameLimitRule(r.rule, t.limit)) {
        const templateLimit = formatLimitRule(t.limit);
        if (!dto.limitBasis) {
          errors.push({
            field: at('limit'),
            reason: `a lab may not change the template's limit of ${code} (${templateLimit}); a stricter limit of the enterprise's declared standard needs limitBasis { kind: enterprise_standard, reference }`,
          });
          continue;
        }
        if (!isAtLeastAsStrict(r.rule, t.limit)) {
          errors.push({
            field: at('limit'),
            reason: `the enterprise's standard ${dto.limitBasis.reference} is judged by only when it is stricter than the template's limit of ${code} (${templateLimit})`,
          });
          continue;
        }
        limitBasis = {
          kind: 'enterprise_standard',
          reference: dto.limitBasis.reference.trim(),
          templateLimit,
        };
      }
      rule = r.rule;
      if (typeof dto.limit === 'string') written = dto.limit.trim();
    }
    if (!rule) {
      errors.push({
        field: at('limit'),
        reason: `is required for ${code}, which is not in the category's template`,
      });
      continue;
    }
    if (dto?.value !== undefined && dto.notTestedReason !== undefined) {
      errors.push({
        field: at('value'),
        reason: 'give a measured value or a not-tested reason, not both',
      });
      continue;
    }
    const item: ReportItem = {
      seq: items.length + 1,
      itemCode: code,
      itemName: name.trim(),
      method: dto?.method ?? (some(t?.method) ? t.method : null),
      unit: dto?.unit ?? (some(t?.unit) ? t.unit : null),
      limitRule: rule,
      limitText: (dto?.limitText ?? written ?? formatLimitRule(rule)).slice(0, 200),
      comparison: dto?.comparison ?? 'full',
      roundingDigits: dto?.roundingDigits ?? null,
      value: dto?.value?.trim() ?? null,
      notTestedReason: dto?.notTestedReason?.trim() ?? null,
      limitBasis,
    };
    const input = judge ? itemInput(item) : null;
    if (input) {
      const e = evaluateItem(input);
      if (!e.ok) {
        errors.push({ field: at(fieldOf(e.reason)), reason: e.reason });
        continue;
      }
    }
    items.push(item);
  }
  return { items, errors };
}

/** A limit as a request gives it: notation text or a rule object, checked. */
function checkLimit(limit: unknown): LimitRuleResult {
  if (typeof limit === 'string' && !limit.includes('\u0000')) return parseLimitRule(limit);
  if (typeof limit === 'object' && limit !== null && !JSON.stringify(limit).includes('\\u0000'))
    return validateLimitRule(limit);
  return { ok: false, reason: 'must be a limit notation or a limit rule object, without NUL' };
}

const templateIndexes = new WeakMap<readonly TestItemTemplate[], Map<string, TestItemTemplate>>();

/** A template's items by code, built once per template array (a batch shares one per category). */
function templateIndex(template: readonly TestItemTemplate[]): Map<string, TestItemTemplate> {
  let index = templateIndexes.get(template);
  if (!index) templateIndexes.set(template, (index = new Map(template.map((t) => [t.code, t]))));
  return index;
}
