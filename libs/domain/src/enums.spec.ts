import fc from 'fast-check';
import {
  ENTERPRISE_SIZES,
  ENTERPRISE_STATUSES,
  RISK_CLASSES,
  RISK_CLASS_LABELS_ZH,
  ROLES,
  ROLE_LABELS_ZH,
  SECTORS,
  SECTOR_LABELS_ZH,
  SIZE_LABELS_ZH,
  STATUS_LABELS_ZH,
  isEnterpriseSize,
  isRole,
  parseEnum,
} from './enums';

const vocabularies = [
  ['size', ENTERPRISE_SIZES, SIZE_LABELS_ZH],
  ['risk class', RISK_CLASSES, RISK_CLASS_LABELS_ZH],
  ['status', ENTERPRISE_STATUSES, STATUS_LABELS_ZH],
  ['sector', SECTORS, SECTOR_LABELS_ZH],
  ['role', ROLES, ROLE_LABELS_ZH],
] as const;

describe('enums', () => {
  it('has the values of docs/rules.md §1 and §3.1', () => {
    expect(ENTERPRISE_SIZES).toEqual(['large', 'medium', 'small', 'micro']);
    expect(RISK_CLASSES).toEqual(['A', 'B', 'C', 'D']);
    expect(ENTERPRISE_STATUSES).toEqual(['active', 'suspended', 'revoked', 'closed']);
    expect(SECTORS).toEqual(['manufacturing', 'consumer_goods', 'agricultural', 'food', 'drug']);
    expect(ROLES).toEqual(['regulator', 'lab', 'enterprise', 'admin']);
  });

  it('labels sizes, sectors and statuses in Chinese', () => {
    expect(SIZE_LABELS_ZH).toEqual({ large: '大型', medium: '中型', small: '小型', micro: '微型' });
    expect(SECTOR_LABELS_ZH).toEqual({
      manufacturing: '工业产品',
      consumer_goods: '消费品',
      agricultural: '农产品',
      food: '食品',
      drug: '药品',
    });
    expect(STATUS_LABELS_ZH).toEqual({
      active: '在营',
      suspended: '停业整顿',
      revoked: '吊销',
      closed: '注销',
    });
  });

  describe.each(vocabularies)('%s labels', (_name, values, labels) => {
    it('cover exactly the values, with distinct labels', () => {
      expect(Object.keys(labels).sort()).toEqual([...values].sort());
      expect(new Set(Object.values(labels)).size).toBe(values.length);
    });

    it('parse back from the value in any case and from the Chinese label', () => {
      for (const v of values) {
        const p = (x: unknown) => parseEnum<string>(values, labels as Record<string, string>, x);
        expect(p(v)).toBe(v);
        expect(p(v.toUpperCase())).toBe(v);
        expect(p(` ${v.toLowerCase()}\t`)).toBe(v);
        expect(p((labels as Record<string, string>)[v])).toBe(v);
        expect(p(`  ${(labels as Record<string, string>)[v]} `)).toBe(v);
      }
    });
  });

  it('rejects anything that is not a value or a label', () => {
    expect(parseEnum(ENTERPRISE_SIZES, SIZE_LABELS_ZH, 'huge')).toBeUndefined();
    expect(parseEnum(ENTERPRISE_SIZES, SIZE_LABELS_ZH, '')).toBeUndefined();
    expect(parseEnum(ENTERPRISE_SIZES, SIZE_LABELS_ZH, '大')).toBeUndefined();
    expect(parseEnum(ENTERPRISE_SIZES, SIZE_LABELS_ZH, 3)).toBeUndefined();
    expect(parseEnum(ENTERPRISE_SIZES, SIZE_LABELS_ZH, null)).toBeUndefined();
    expect(parseEnum(SECTORS, SECTOR_LABELS_ZH, 'consumer goods')).toBeUndefined();
    // A label of one vocabulary is not accepted by another.
    expect(parseEnum(ENTERPRISE_STATUSES, STATUS_LABELS_ZH, '大型')).toBeUndefined();
  });

  it('returns only members of the vocabulary for arbitrary input', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseEnum(SECTORS, SECTOR_LABELS_ZH, s);
        return r === undefined || (SECTORS as readonly string[]).includes(r);
      }),
    );
  });

  it('type guards are exact (no case folding)', () => {
    expect(isEnterpriseSize('micro')).toBe(true);
    expect(isEnterpriseSize('Micro')).toBe(false);
    expect(isRole('admin')).toBe(true);
    expect(isRole('public')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
