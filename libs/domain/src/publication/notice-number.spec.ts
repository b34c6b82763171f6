import { formatNoticeNumber, noticeFormatProblems } from './notice-number';

describe('notice numbers', () => {
  it('fills the configured format', () => {
    expect(
      formatNoticeNumber('内市监公告〔{year}〕{n}号', {
        year: 2026,
        n: 12,
        jurisdiction: '150000',
      }),
    ).toBe('内市监公告〔2026〕12号');
    expect(
      formatNoticeNumber('{jurisdiction}-{year}-{n}', { year: 2027, n: 1, jurisdiction: '150100' }),
    ).toBe('150100-2027-1');
  });

  it('names what a format lacks or does not know', () => {
    expect(noticeFormatProblems('公告〔{year}〕{n}号')).toEqual([]);
    expect(noticeFormatProblems('公告{n}号')).toEqual(['must contain {year} exactly once']);
    expect(noticeFormatProblems('{year}{n}{n}')).toEqual(['must contain {n} exactly once']);
    expect(noticeFormatProblems('{year}{n}{month}')).toEqual(['unknown placeholder {month}']);
    expect(noticeFormatProblems(' ')).toEqual(['must not be empty']);
    expect(() => formatNoticeNumber('{n}', { year: 2026, n: 1, jurisdiction: '150000' })).toThrow(
      RangeError,
    );
    expect(() =>
      formatNoticeNumber('{year}{n}', { year: 2026, n: 0, jurisdiction: '150000' }),
    ).toThrow(RangeError);
  });
});
