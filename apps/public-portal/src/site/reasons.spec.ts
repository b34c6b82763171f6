import { fieldZh, reasonZh } from './reasons';

describe('reasonZh', () => {
  it("says the validators' reasons in Chinese, without the field's name they start with", () => {
    expect(reasonZh('q', 'q must be shorter than or equal to 100 characters')).toBe(
      '不能超过 100 个字符',
    );
    expect(reasonZh('limit', 'limit must not be greater than 100')).toBe('不能大于 100');
    expect(reasonZh('from', 'month 13 does not exist')).toBe('不存在 13 月');
    expect(reasonZh('to', 'must not be before from (2026-03-01)')).toBe(
      '不能早于“公布日期从”（2026-03-01）',
    );
    expect(reasonZh('uscc', 'check character is B, expected A')).toBe(
      '校验码为 B，按前 17 位计算应为 A',
    );
  });

  it('keeps a reason it does not know beside a Chinese word, hiding nothing', () => {
    expect(reasonZh('x', 'is strange')).toBe('取值无效（is strange）');
  });

  it('names the fields the forms have, and no other', () => {
    expect(fieldZh('from')).toBe('公布日期从');
    expect(fieldZh('constructor')).toBeNull();
    expect(fieldZh('nope')).toBeNull();
  });
});
