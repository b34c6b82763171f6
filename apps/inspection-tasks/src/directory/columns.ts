import {
  ENTERPRISE_SIZES,
  ENTERPRISE_STATUSES,
  RISK_CLASSES,
  RISK_CLASS_LABELS_ZH,
  SECTORS,
  SECTOR_LABELS_ZH,
  SIZE_LABELS_ZH,
  STATUS_LABELS_ZH,
  parseEnum,
  parseLimitRule,
  formatLimitRule,
  validateRegionCode,
  validateUscc,
} from '@spotcheck/domain';
import { Scope, inScope } from '@spotcheck/auth';
import { CONTROL, CONTROL_REASON } from '@spotcheck/common';

/** What a spreadsheet cell turns into, or why it cannot. */
export type Parsed = { value: string | string[] | number | boolean | null } | { error: string };

export interface ImportContext {
  /** What the caller may write. */
  scope: Scope;
  categories: ReadonlySet<string>;
}

/** One column of an import/export file: its database column, the headers people use, how to read a cell. */
export interface Column {
  db: string;
  pg: 'text' | 'text[]' | 'integer' | 'boolean' | 'jsonb';
  /** English header first (used for English exports), then the Chinese ones (first is the export header). */
  en: string;
  zh: string[];
  required: boolean;
  parse(raw: string, ctx: ImportContext): Parsed;
  /** Few distinct values per file (regions, category lists): parse each once per import. */
  memo?: boolean;
  /** SQL expression giving the export cell from the row aliased `a`, when not the column itself. */
  exportSql?: (a: string) => string;
}

const LIST_SPLIT = /[;；,，、|\s]+/;

export const text =
  (max: number, { allowEmpty = false } = {}) =>
  (raw: string): Parsed => {
    const v = raw.trim();
    if (!allowEmpty && v === '') return { error: 'is required' };
    if (v.length > max) return { error: `is longer than ${max} characters` };
    // PostgreSQL text cannot hold NUL; without this the COPY would fail the file without a row.
    if (v.includes('\u0000')) return { error: 'must not contain NUL characters' };
    // As in request bodies: XLSX exports could not show them.
    if (CONTROL.test(v)) return { error: CONTROL_REASON };
    return { value: v };
  };

export const uscc = (raw: string): Parsed => {
  const v = raw.trim();
  const check = validateUscc(v);
  return check.ok ? { value: v } : { error: check.reason };
};

export const regionCode = (raw: string, ctx: ImportContext): Parsed => {
  const v = raw.trim();
  const check = validateRegionCode(v);
  if (!check.ok) return { error: check.reason };
  if (!inScope(ctx.scope, { region: v })) return { error: `${v} is outside your jurisdiction` };
  return { value: v };
};

/**
 * Reads an enumerated cell as parseEnum does (English value in any case, or the Chinese
 * label), through a lookup table built once: imports call this a million times.
 */
export const enumOf = <T extends string>(
  values: readonly T[],
  labels: Readonly<Record<T, string>>,
  fallback?: T,
  aliases: Record<string, T> = {},
) => {
  const table = new Map<string, Parsed>();
  for (const v of values) {
    for (const k of [v, v.toLowerCase(), labels[v]]) table.set(k, { value: v });
  }
  for (const [k, v] of Object.entries(aliases)) table.set(k, { value: v });
  const error: Parsed = {
    error: `must be one of ${values.map((x) => `${x}/${labels[x]}`).join(', ')}`,
  };
  return (raw: string): Parsed => {
    const hit = table.get(raw);
    if (hit) return hit;
    const v = raw.trim();
    if (v === '' && fallback) return { value: fallback };
    return (
      table.get(v) ??
      table.get(v.toLowerCase()) ??
      (parseEnum(values, labels, v) ? { value: parseEnum(values, labels, v)! } : error)
    );
  };
};

// Regulators write "A", "a", "A类" or the label.
export const riskClass = enumOf(
  RISK_CLASSES,
  RISK_CLASS_LABELS_ZH,
  undefined,
  Object.fromEntries(
    RISK_CLASSES.flatMap((c) => [
      [`${c}类`, c],
      [`${c.toLowerCase()}类`, c],
    ]),
  ),
);

const SIMPLE_LIST = /^[A-Z0-9-]+(;[A-Z0-9-]+)*$/;

export const categoryList = (raw: string, ctx: ImportContext): Parsed => {
  // Fast path for the export format ("A;B"); anything else is normalised first.
  const parts = SIMPLE_LIST.test(raw)
    ? raw.split(';')
    : raw.trim().toUpperCase().split(LIST_SPLIT).filter(Boolean);
  const codes = parts.length > 1 ? [...new Set(parts)] : parts;
  for (const c of codes) {
    if (!ctx.categories.has(c)) {
      return {
        error: `unknown product category ${codes.filter((x) => !ctx.categories.has(x)).join(', ')}`,
      };
    }
  }
  return { value: codes };
};

export const usccList = (raw: string): Parsed => {
  const codes = raw.trim() === '' ? [] : [...new Set(raw.trim().split(LIST_SPLIT).filter(Boolean))];
  for (const c of codes) {
    const check = validateUscc(c);
    if (!check.ok) return { error: `${c}: ${check.reason}` };
  }
  return { value: codes };
};

const TRUE = new Set(['true', '1', 'yes', 'y', '是', '在岗', '有效', '启用']);
const FALSE = new Set(['false', '0', 'no', 'n', '否', '不在岗', '无效', '停用']);
export const bool =
  (fallback: boolean) =>
  (raw: string): Parsed => {
    const v = raw.trim().toLowerCase();
    if (v === '') return { value: fallback };
    if (TRUE.has(v)) return { value: true };
    if (FALSE.has(v)) return { value: false };
    return { error: 'must be 是/否 or true/false' };
  };

export const nonNegativeInt = (raw: string): Parsed => {
  const v = raw.trim();
  if (!/^\d{1,9}$/.test(v)) return { error: 'must be a whole number ≥ 0' };
  return { value: Number(v) };
};

export const limitRule = (raw: string): Parsed => {
  const r = parseLimitRule(raw);
  return r.ok ? { value: formatLimitRule(r.rule) } : { error: r.reason };
};

export const categoryCode = (raw: string): Parsed => {
  const v = raw.trim().toUpperCase();
  return /^[A-Z0-9][A-Z0-9-]{1,31}$/.test(v)
    ? { value: v }
    : { error: 'must be 2–32 characters of A–Z, 0–9 and -' };
};

export const sizeCol = enumOf(ENTERPRISE_SIZES, SIZE_LABELS_ZH);
export const statusCol = enumOf(ENTERPRISE_STATUSES, STATUS_LABELS_ZH, 'active');
export const sectorCol = enumOf(SECTORS, SECTOR_LABELS_ZH);
