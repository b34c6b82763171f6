import type { TestItemTemplate } from '@spotcheck/database';
import { buildItems } from './report-items';

const TEMPLATE: TestItemTemplate[] = [
  {
    code: 'PB',
    name: '铅',
    method: 'GB 5009.12',
    unit: 'mg/kg',
    limit: { kind: 'range', max: '0.5', maxInclusive: true, minInclusive: false },
  },
  {
    code: 'AF',
    name: '黄曲霉毒素',
    method: '',
    unit: '',
    limit: { kind: 'not_detected', detectionLimit: '0.01' },
  },
];

describe('buildItems', () => {
  it('takes the template in order, overridden and extended by the request', () => {
    const { items, errors } = buildItems(
      TEMPLATE,
      [
        { itemCode: 'NEW', itemName: '新项目', limit: '{合格|符合}', value: '合格' },
        { itemCode: 'PB', value: '0.4', unit: 'g/kg' },
      ],
      true,
    );
    expect(errors).toEqual([]);
    expect(items.map((i) => [i.seq, i.itemCode, i.unit, i.value, i.limitText])).toEqual([
      [1, 'PB', 'g/kg', '0.4', '≤0.5'],
      [2, 'AF', null, null, '不得检出(0.01)'],
      [3, 'NEW', null, '合格', '{合格|符合}'],
    ]);
    expect(items[1].method).toBeNull();
  });

  it('replaces the list when not taking the template, filling only missing fields from it', () => {
    const { items } = buildItems(
      TEMPLATE,
      [{ itemCode: 'AF', notTestedReason: '无需检测' }],
      false,
    );
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      seq: 1,
      itemCode: 'AF',
      itemName: '黄曲霉毒素',
      notTestedReason: '无需检测',
    });
  });

  it('names the item and field of every problem', () => {
    const { errors } = buildItems(
      TEMPLATE,
      [
        { itemCode: 'PB', value: 'abc' },
        { itemCode: 'X' },
        { itemCode: 'Y', itemName: 'y' },
        { itemCode: 'AF', value: '0.1', notTestedReason: 'no' },
        { itemCode: 'PB', value: '0.1' },
        { itemCode: 'Z', itemName: 'z', limit: 42 },
      ],
      false,
    );
    expect(errors.map((e) => e.field)).toEqual([
      'items[4].itemCode',
      'items[0].value',
      'items[1].itemName',
      'items[2].limit',
      'items[3].value',
      'items[5].limit',
    ]);
  });
});

describe('buildItems: a template item keeps its limit', () => {
  const one = (dto: Record<string, unknown>) =>
    buildItems(TEMPLATE, [{ itemCode: 'PB', value: '0.2', ...dto } as never], false);
  const basis = { kind: 'enterprise_standard' as const, reference: 'Q/NMYL 0001S-2024' };

  it('takes the same limit written otherwise, and refuses another one without a basis', () => {
    expect(one({ limit: '≤0.50' }).errors).toEqual([]);
    expect(one({ limit: '≤0.50' }).items[0].limitBasis).toBeNull();
    expect(one({ limit: '≤0.8' }).errors).toEqual([
      {
        field: 'items[0].limit',
        reason: expect.stringContaining("a lab may not change the template's limit of PB (≤0.5)"),
      },
    ]);
    expect(one({ limit: '≤0.3' }).errors.map((e) => e.field)).toEqual(['items[0].limit']);
  });

  it('judges by the enterprise’s declared standard when stricter, recording it; never when looser', () => {
    const { items, errors } = one({ limit: '≤0.3', limitBasis: basis });
    expect(errors).toEqual([]);
    expect(items[0]).toMatchObject({
      limitText: '≤0.3',
      limitRule: { kind: 'range', max: '0.3' },
      limitBasis: {
        kind: 'enterprise_standard',
        reference: 'Q/NMYL 0001S-2024',
        templateLimit: '≤0.5',
      },
    });
    expect(one({ limit: '≤0.8', limitBasis: basis }).errors).toEqual([
      {
        field: 'items[0].limit',
        reason: expect.stringContaining('only when it is stricter than the template'),
      },
    ]);
    expect(one({ limitBasis: basis }).errors.map((e) => e.field)).toEqual(['items[0].limitBasis']);
    const outside = buildItems(
      TEMPLATE,
      [{ itemCode: 'NEW', itemName: '新', limit: '≤1', value: '0.5', limitBasis: basis } as never],
      false,
    );
    expect(outside.errors.map((e) => e.field)).toEqual(['items[0].limitBasis']);
  });
});
