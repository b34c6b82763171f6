import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { en, zh, type MessageKey } from './messages';
import { fill } from './errors';
import { formatDate, formatDateTime, formatNumber, formatPercent, type Lang } from './format';

const STORAGE_KEY = 'spotcheck.lang';

/** Chinese unless the user chose English on this browser. */
export function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

function applyLang(lang: Lang) {
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  // Only when it changes: index.html already says zh-CN, and the first load need not touch it.
  const tag = lang === 'zh' ? 'zh-CN' : 'en';
  if (document.documentElement.lang !== tag) document.documentElement.lang = tag;
}

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: Record<string, unknown>): string;
  date(v: string | Date | null | undefined): string;
  dateTime(v: string | Date | null | undefined): string;
  number(n: number | null | undefined): string;
  percent(v: string | number | null | undefined, digits?: number): string;
  /** "3 个工作日" */
  workingDays(n: number): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const l = initialLang();
    applyLang(l);
    return l;
  });
  const setLang = useCallback((l: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // private mode: the choice lasts for this page only
    }
    applyLang(l);
    setLangState(l);
  }, []);
  const value = useMemo<I18n>(() => {
    const catalogue = lang === 'zh' ? zh : en;
    const t: I18n['t'] = (key, params) => fill(catalogue[key] ?? key, params);
    return {
      lang,
      setLang,
      t,
      date: (v) => formatDate(v, lang),
      dateTime: (v) => formatDateTime(v, lang),
      number: (n) => formatNumber(n, lang),
      percent: (v, digits) => formatPercent(v, lang, digits),
      workingDays: (n) => t('common.workingDays', { count: formatNumber(n, lang) }),
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

/**
 * A page's own messages, Chinese and English with the same keys, loaded with the page:
 * `const useT = definePageMessages({ title: '抽查计划' }, { title: 'Plans' });` then in the
 * page `const t = useT(); t('title')`.
 */
export function definePageMessages<K extends string>(
  zhMessages: Record<K, string>,
  enMessages: Record<K, string>,
) {
  return function usePageMessages() {
    const { lang } = useI18n();
    return useCallback(
      (key: K, params?: Record<string, unknown>) =>
        fill((lang === 'zh' ? zhMessages : enMessages)[key] ?? key, params),
      [lang],
    );
  };
}
