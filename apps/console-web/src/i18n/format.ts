/**
 * Dates, numbers and day counts the way a Chinese office writes them: 2026年12月7日, 12,345
 * (Chinese grouping is by thousands), "3 个工作日". Pure functions of the language, so pages and
 * tests share them.
 */
export type Lang = 'zh' | 'en';

const pad = (n: number) => String(n).padStart(2, '0');

/** A calendar date (`YYYY-MM-DD` or a timestamp) in the language's long form. */
export function formatDate(value: string | Date | null | undefined, lang: Lang): string {
  const d = toDate(value);
  if (!d) return '—';
  return lang === 'zh'
    ? `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`
    : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A moment: date and local time to the minute. */
export function formatDateTime(value: string | Date | null | undefined, lang: Lang): string {
  const d = toDate(value);
  if (!d) return '—';
  return `${formatDate(d, lang)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** `YYYY-MM-DD` of a local date: the form the API takes. */
export const isoDate = (d: Date) =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

function toDate(value: string | Date | null | undefined): Date | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (value instanceof Date) return value;
  // A bare date is a calendar day, not UTC midnight (which is the previous day west of UTC).
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

const numberFormats = {
  zh: new Intl.NumberFormat('zh-CN'),
  en: new Intl.NumberFormat('en-GB'),
};

export const formatNumber = (n: number | null | undefined, lang: Lang) =>
  n === null || n === undefined ? '—' : numberFormats[lang].format(n);

/** A rate given as a decimal string or number of percent ("96.5") with its sign: 96.5%. */
export function formatPercent(value: string | number | null | undefined, lang: Lang, digits = 1) {
  if (value === null || value === undefined || value === '') return '—';
  const n = Number(value);
  if (!Number.isFinite(n)) return String(value);
  return `${new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(n)}%`;
}
