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
