/**
 * The limit rule of a test item (检验项目的判定限值) and the compact notation regulators use
 * for it in check-item lists: `≤0.5`, `>2.9`, `0.1~0.5`, `[0.1,0.5)`, `不得检出(0.01)`,
 * `{合格|符合}`.
 *
 * Numbers stay decimal strings exactly as written. Trailing zeros are kept on purpose: under
 * GB/T 8170 the number of decimals in a limit decides how a result is rounded before it is
 * compared (修约值比较法), so `0.50` and `0.5` are different limits. No floating point is used.
 */

/** A decimal number as a string: /^-?\d+(\.\d+)?$/. */
export type Decimal = string;

export type RangeRule = {
  kind: 'range';
  min?: Decimal;
  max?: Decimal;
  /** Always false when `min` is absent (an open side has no bound to include). */
  minInclusive: boolean;
  /** Always false when `max` is absent. */
  maxInclusive: boolean;
};
export type NotDetectedRule = { kind: 'not_detected'; detectionLimit: Decimal };
export type TextRule = { kind: 'text'; allowed: string[] };
export type LimitRule = RangeRule | NotDetectedRule | TextRule;

export type LimitRuleResult = { ok: true; rule: LimitRule } | { ok: false; reason: string };

const DECIMAL = /^-?\d+(\.\d+)?$/;

export function isDecimal(s: unknown): s is Decimal {
  return typeof s === 'string' && DECIMAL.test(s);
}

interface DecimalParts {
  negative: boolean;
  int: string; // no leading zeros; '' for zero
  frac: string; // no trailing zeros
}

function parts(s: string): DecimalParts {
  const negative = s.charCodeAt(0) === 45; // '-'
  const start = negative ? 1 : 0;
  const dot = s.indexOf('.');
  const intEnd = dot < 0 ? s.length : dot;
  let i = start;
  while (i < intEnd && s.charCodeAt(i) === 48) i++;
  let fracEnd = s.length;
  if (dot >= 0) while (fracEnd > dot + 1 && s.charCodeAt(fracEnd - 1) === 48) fracEnd--;
  const int = s.slice(i, intEnd);
  const frac = dot < 0 ? '' : s.slice(dot + 1, fracEnd);
  // '-0' and '-0.00' are zero, and zero has no sign.
  return { negative: negative && (int !== '' || frac !== ''), int, frac };
}

/**
 * Compares two decimal strings by value: -1, 0 or 1. '0.50' equals '0.5', '-0' equals '0'.
 * Throws RangeError if either is not a Decimal.
 */
export function compareDecimal(a: Decimal, b: Decimal): -1 | 0 | 1 {
  if (!isDecimal(a)) throw new RangeError(`not a decimal: ${JSON.stringify(a)}`);
  if (!isDecimal(b)) throw new RangeError(`not a decimal: ${JSON.stringify(b)}`);
  const x = parts(a);
  const y = parts(b);
  if (x.negative !== y.negative) return x.negative ? -1 : 1;
  let m: -1 | 0 | 1 = 0;
  if (x.int.length !== y.int.length) m = x.int.length < y.int.length ? -1 : 1;
  else if (x.int !== y.int) m = x.int < y.int ? -1 : 1;
  // Without trailing zeros, plain string order of the fraction digits is numeric order.
  else if (x.frac !== y.frac) m = x.frac < y.frac ? -1 : 1;
  return x.negative ? ((-m || 0) as -1 | 0 | 1) : m;
}

const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

function decimalOrReason(token: string, what: string): string | { reason: string } {
  if (DECIMAL.test(token)) return token;
  if (token === '') return { reason: `${what} is missing` };
  return { reason: `${what} '${token}' is not a decimal number like 0.5 (no units, no exponent)` };
}

function makeRange(
  min: Decimal | undefined,
  max: Decimal | undefined,
  minInclusive: boolean,
  maxInclusive: boolean,
): LimitRuleResult {
  if (min === undefined && max === undefined) return fail('a range needs at least one bound');
  if (min !== undefined && max !== undefined) {
    const c = compareDecimal(min, max);
    if (c > 0) return fail(`min ${min} is greater than max ${max}`);
    if (c === 0 && !(minInclusive && maxInclusive)) {
      return fail(`the range between ${min} and ${max} is empty unless both bounds are inclusive`);
    }
  }
  const rule: RangeRule = {
    kind: 'range',
    minInclusive: min !== undefined && minInclusive,
    maxInclusive: max !== undefined && maxInclusive,
  };
  if (min !== undefined) rule.min = min;
  if (max !== undefined) rule.max = max;
  return { ok: true, rule };
}

/** Characters that structure the `{a|b}` notation, so they cannot appear inside a value. */
const TEXT_RESERVED = /[{}|｛｝｜]/;

function makeText(values: readonly string[]): LimitRuleResult {
  if (values.length === 0) return fail('a text rule needs at least one allowed value');
  const seen = new Set<string>();
  for (const v of values) {
    if (v === '') return fail('allowed values must not be empty');
    if (v !== v.trim()) return fail(`allowed value '${v}' has leading or trailing whitespace`);
    if (TEXT_RESERVED.test(v)) return fail(`allowed value '${v}' must not contain { } or |`);
    if (seen.has(v)) return fail(`allowed value '${v}' is listed twice`);
    seen.add(v);
  }
  return { ok: true, rule: { kind: 'text', allowed: [...values] } };
}

function makeNotDetected(token: string): LimitRuleResult {
  const d = decimalOrReason(token, 'detection limit');
  if (typeof d !== 'string') return fail(d.reason);
  if (compareDecimal(d, '0') <= 0) return fail(`detection limit must be positive, got ${d}`);
  return { ok: true, rule: { kind: 'not_detected', detectionLimit: d } };
}

/**
 * Folds the full-width forms (U+FF01–FF5E, ideographic space) an IME produces to ASCII, and
 * the variant comparison signs and dashes seen in standards to the ones the grammar uses.
 */
function foldWidth(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else if (ch === '≦' || ch === '⩽') out += '≤';
    else if (ch === '≧' || ch === '⩾') out += '≥';
    else if (ch === '〜') out += '~';
    else if (ch === '−')
      out += '-'; // U+2212 MINUS SIGN
    else out += ch;
  }
  return out;
}

/** Longest first, so that 不小于 is not read as 小于. */
const PREFIX_OPERATORS: readonly [string, 'le' | 'lt' | 'ge' | 'gt'][] = [
  ['<=', 'le'],
  ['>=', 'ge'],
  ['不大于', 'le'],
  ['不超过', 'le'],
  ['不高于', 'le'],
  ['不小于', 'ge'],
  ['不低于', 'ge'],
  ['≤', 'le'],
  ['≥', 'ge'],
  ['<', 'lt'],
  ['>', 'gt'],
  ['小于', 'lt'],
  ['低于', 'lt'],
  ['大于', 'gt'],
  ['高于', 'gt'],
];

const NOT_DETECTED = /^(未检出|不得检出|nd)(?:\((.*)\))?$/i;
const INTERVAL = /^([[(])([^,]*),([^,]*)([\])])$/;
const SPAN = /^(-?[^-~—–]+)[~—–-](-?[^-~—–]+)$/;
const INFINITY = /^[-+]?(∞|inf|infinity)$/i;

const FORMS = 'expected ≤x, <x, ≥x, >x, a~b, [a,b), 不得检出(x) or {value|value}';

/**
 * Parses the compact notation. Whitespace anywhere is ignored outside `{…}` values.
 *
 * - `≤0.5` `<=0.5` `不大于0.5` … one-sided ranges (also `<` `≥` `>=` `>` and 不小于/小于/大于…)
 * - `0.1~0.5` (also `-` `—` `～` as separator): both bounds inclusive
 * - `[0.1,0.5)` `(0,1]` `[2.9,+∞)`: interval notation
 * - `未检出(0.01)` `不得检出(0.01)` `ND(0.01)`: not detected at the given detection limit
 * - `{合格|符合}`: one of the listed text values
 */
export function parseLimitRule(text: string): LimitRuleResult {
  if (typeof text !== 'string') return fail('limit rule must be a string');
  const trimmed = text.trim();
  if (trimmed === '') return fail(`limit rule is empty; ${FORMS}`);

  const first = trimmed[0];
  const last = trimmed[trimmed.length - 1];
  if ((first === '{' || first === '｛') && (last === '}' || last === '｝')) {
    return makeText(
      trimmed
        .slice(1, -1)
        .split(/[|｜]/)
        .map((v) => v.trim()),
    );
  }

  const s = foldWidth(trimmed).replace(/\s+/g, '');

  const nd = NOT_DETECTED.exec(s);
  if (nd) {
    if (nd[2] === undefined) {
      return fail(`${nd[1]} needs the detection limit in parentheses, e.g. ${nd[1]}(0.01)`);
    }
    return makeNotDetected(nd[2]);
  }

  const iv = INTERVAL.exec(s);
  if (iv) {
    const [, open, lo, hi, close] = iv;
    let min: string | undefined;
    let max: string | undefined;
    if (INFINITY.test(lo)) {
      if (lo.startsWith('+')) return fail(`lower bound ${lo} must be -∞`);
    } else {
      const d = decimalOrReason(lo, 'lower bound');
      if (typeof d !== 'string') return fail(d.reason);
      min = d;
    }
    if (INFINITY.test(hi)) {
      if (hi.startsWith('-')) return fail(`upper bound ${hi} must be +∞`);
    } else {
      const d = decimalOrReason(hi, 'upper bound');
      if (typeof d !== 'string') return fail(d.reason);
      max = d;
    }
    return makeRange(min, max, open === '[', close === ']');
  }

  for (const [op, kind] of PREFIX_OPERATORS) {
    if (!s.startsWith(op)) continue;
    const d = decimalOrReason(s.slice(op.length), `bound after ${op}`);
    if (typeof d !== 'string') return fail(d.reason);
    switch (kind) {
      case 'le':
        return makeRange(undefined, d, false, true);
      case 'lt':
        return makeRange(undefined, d, false, false);
      case 'ge':
        return makeRange(d, undefined, true, false);
      case 'gt':
        return makeRange(d, undefined, false, false);
    }
  }

  const span = SPAN.exec(s);
  if (span) {
    const lo = decimalOrReason(span[1], 'lower bound');
    if (typeof lo !== 'string') return fail(lo.reason);
    const hi = decimalOrReason(span[2], 'upper bound');
    if (typeof hi !== 'string') return fail(hi.reason);
    return makeRange(lo, hi, true, true);
  }

  if (DECIMAL.test(s)) return fail(`a bare number is ambiguous: write ≤${s}, ≥${s} or ${s}~${s}`);
  return fail(`cannot read limit rule '${trimmed}'; ${FORMS}`);
}

/**
 * The canonical compact form, such that parseLimitRule(formatLimitRule(r)) deep-equals r for
 * every valid rule: `a~b` when both bounds are inclusive, interval notation otherwise,
 * `≤` `<` `≥` `>` for one-sided ranges, `不得检出(x)` and `{a|b}`.
 */
export function formatLimitRule(rule: LimitRule): string {
  switch (rule.kind) {
    case 'range': {
      const { min, max, minInclusive, maxInclusive } = rule;
      if (min !== undefined && max !== undefined) {
        if (minInclusive && maxInclusive) return `${min}~${max}`;
        return `${minInclusive ? '[' : '('}${min},${max}${maxInclusive ? ']' : ')'}`;
      }
      if (max !== undefined) return `${maxInclusive ? '≤' : '<'}${max}`;
      if (min !== undefined) return `${minInclusive ? '≥' : '>'}${min}`;
      throw new RangeError('a range needs at least one bound');
    }
    case 'not_detected':
      return `不得检出(${rule.detectionLimit})`;
    case 'text':
      return `{${rule.allowed.join('|')}}`;
  }
}

const KEYS: Record<LimitRule['kind'], readonly string[]> = {
  range: ['kind', 'min', 'max', 'minInclusive', 'maxInclusive'],
  not_detected: ['kind', 'detectionLimit'],
  text: ['kind', 'allowed'],
};

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'number' ? `the number ${v}` : typeof v;
}

/**
 * Checks a rule that arrived as JSON and returns a clean copy. Numbers must be strings (a JSON
 * number would already have passed through binary floating point). `null` or a missing key is
 * an absent bound; the inclusive flag of an absent bound may be omitted and is stored as false.
 * Unknown properties are rejected so that a misspelt key is not silently ignored.
 */
export function validateLimitRule(obj: unknown): LimitRuleResult {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    return fail(`limit rule must be an object, got ${describe(obj)}`);
  }
  const o = obj as Record<string, unknown>;
  const kind = o.kind;
  if (kind !== 'range' && kind !== 'not_detected' && kind !== 'text') {
    return fail(
      `kind must be one of range, not_detected, text; got ${JSON.stringify(kind) ?? 'nothing'}`,
    );
  }
  for (const k of Object.keys(o)) {
    if (!KEYS[kind].includes(k)) return fail(`unexpected property '${k}' in a ${kind} rule`);
  }
  switch (kind) {
    case 'range': {
      const bound = (key: 'min' | 'max'): string | undefined | { reason: string } => {
        const v = o[key];
        if (v === undefined || v === null) return undefined;
        if (isDecimal(v)) return v;
        return {
          reason: `${key} must be a decimal string like "0.5", got ${typeof v === 'string' ? `'${v}'` : describe(v)}`,
        };
      };
      const flag = (
        key: 'minInclusive' | 'maxInclusive',
        required: boolean,
      ): boolean | { reason: string } => {
        const v = o[key];
        if (typeof v === 'boolean') return v;
        if (!required && (v === undefined || v === null)) return false;
        return { reason: `${key} must be true or false, got ${describe(v)}` };
      };
      const min = bound('min');
      if (typeof min === 'object') return fail(min.reason);
      const max = bound('max');
      if (typeof max === 'object') return fail(max.reason);
      const minInc = flag('minInclusive', min !== undefined);
      if (typeof minInc === 'object') return fail(minInc.reason);
      const maxInc = flag('maxInclusive', max !== undefined);
      if (typeof maxInc === 'object') return fail(maxInc.reason);
      return makeRange(min, max, minInc, maxInc);
    }
    case 'not_detected': {
      const d = o.detectionLimit;
      if (typeof d !== 'string') {
        return fail(`detectionLimit must be a decimal string like "0.01", got ${describe(d)}`);
      }
      return makeNotDetected(d);
    }
    case 'text': {
      const a = o.allowed;
      if (!Array.isArray(a)) return fail(`allowed must be an array of strings, got ${describe(a)}`);
      for (let i = 0; i < a.length; i++) {
        if (typeof a[i] !== 'string')
          return fail(`allowed[${i}] must be a string, got ${describe(a[i])}`);
      }
      return makeText(a as string[]);
    }
  }
}

/** The same limit, compared by value ('0.50' is '0.5'). */
export function sameLimitRule(a: LimitRule, b: LimitRule): boolean {
  return isAtLeastAsStrict(a, b) && isAtLeastAsStrict(b, a);
}

/**
 * Whether `candidate` lets pass nothing that `base` fails: a result conforming to it conforms
 * to `base` too (an enterprise's declared standard may be stricter than the template, never
 * looser). Ranges: each bound of `base` is matched by one of `candidate` at least as tight
 * (a higher minimum, a lower maximum, or the same value exclusive where `base` is inclusive);
 * not detected: a detection limit no higher; text: allowed values among `base`'s. Limits of
 * different kinds are not compared: false.
 */
export function isAtLeastAsStrict(candidate: LimitRule, base: LimitRule): boolean {
  if (candidate.kind !== base.kind) return false;
  if (candidate.kind === 'text' && base.kind === 'text')
    return candidate.allowed.every((v) => base.allowed.includes(v));
  if (candidate.kind === 'not_detected' && base.kind === 'not_detected')
    return compareDecimal(candidate.detectionLimit, base.detectionLimit) <= 0;
  if (candidate.kind !== 'range' || base.kind !== 'range') return false;
  const bound = (
    c: Decimal | undefined,
    cInclusive: boolean,
    b: Decimal | undefined,
    bInclusive: boolean,
    tighter: -1 | 1,
  ) => {
    if (b === undefined) return true;
    if (c === undefined) return false;
    const cmp = compareDecimal(c, b);
    if (cmp === tighter) return true;
    return cmp === 0 && (bInclusive || !cInclusive);
  };
  return (
    bound(candidate.min, candidate.minInclusive, base.min, base.minInclusive, 1) &&
    bound(candidate.max, candidate.maxInclusive, base.max, base.maxInclusive, -1)
  );
}
