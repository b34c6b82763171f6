import { formatDate, formatDateTime, formatNumber, formatPercent } from './format';

describe('console formats', () => {
  it('writes a date the Chinese way and the ISO way', () => {
    expect(formatDate('2026-12-07', 'zh')).toBe('2026年12月7日');
    expect(formatDate('2026-12-07', 'en')).toBe('2026-12-07');
    expect(formatDate(null, 'zh')).toBe('—');
  });

  it('keeps a bare date on its calendar day whatever the time zone', () => {
    expect(formatDate('2026-01-01', 'zh')).toBe('2026年1月1日');
  });

  it('writes a moment to the minute', () => {
    expect(formatDateTime(new Date(2026, 11, 7, 9, 5), 'zh')).toBe('2026年12月7日 09:05');
  });

  it('groups numbers by thousands', () => {
    expect(formatNumber(1234567, 'zh')).toBe('1,234,567');
    expect(formatNumber(undefined, 'zh')).toBe('—');
  });

  it('writes rates with their digits', () => {
    expect(formatPercent('96.5', 'zh')).toBe('96.5%');
    expect(formatPercent(100, 'en', 0)).toBe('100%');
  });
});
