import { Grid, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { definePageMessages, useI18n } from '../../i18n/i18n';
import { ToneTag } from '../lab-shared/ToneTag';

const useT = definePageMessages(
  {
    workingLeft: '剩余 {count} 个工作日',
    calendarLeft: '剩余 {count} 天',
    dueToday: '今天截止',
    overdue: '已过期 {count} 天',
    provisional: '工作日历尚未覆盖全部日期，按周末规则估算',
  },
  {
    workingLeft: '{count} working days left',
    calendarLeft: '{count} days left',
    dueToday: 'Due today',
    overdue: '{count} days past',
    provisional: 'The calendar does not cover every day yet: weekends assumed',
  },
);

export type DayKind = 'working' | 'calendar';

/** Today in China (the deadlines' time zone), YYYY-MM-DD, whatever the browser's zone. */
export function chinaToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

const DAY = 86_400_000;
const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY;
const plusDays = (d: string, n: number) =>
  new Date((dayNumber(d) + n) * DAY).toISOString().slice(0, 10);

/**
 * Days left until `deadline` (the last day in time), counted the way its rule counts: calendar
 * days, or working days on the server's working-day calendar (GET /api/v1/calendar: holidays
 * off, make-up days on). Negative: calendar days since it passed.
 */
export function useDaysLeft(
  deadline: string | null | undefined,
  kind: DayKind,
  fromApi?: number | null,
) {
  const today = chinaToday();
  const future = !!deadline && deadline > today;
  const calendar = useQuery({
    queryKey: ['calendar', plusDays(today, 1), deadline],
    enabled: future && kind === 'working' && (fromApi === undefined || fromApi === null),
    staleTime: 10 * 60_000,
    queryFn: () =>
      ok(
        api.GET('/api/v1/calendar', {
          params: { query: { from: plusDays(today, 1), to: deadline! } },
        }),
      ),
  });
  if (!deadline) return { left: null, loading: false, provisional: false };
  // Counted by the API (GET /notices' daysLeft), as the deadline's rule counts them.
  if (fromApi !== undefined && fromApi !== null)
    return { left: fromApi, loading: false, provisional: false };
  if (!future)
    return { left: dayNumber(deadline) - dayNumber(today), loading: false, provisional: false };
  if (kind === 'calendar')
    return { left: dayNumber(deadline) - dayNumber(today), loading: false, provisional: false };
  const days = calendar.data?.days;
  return {
    left: days ? days.filter((d) => d.workday).length : null,
    loading: calendar.isLoading,
    provisional: !!days?.some((d) => d.source === 'weekday-rule'),
  };
}

/**
 * A deadline with the time left to it, coloured: 3 working days or fewer warn, past is red.
 * `left`: the days left as the API counted them, when it answers them (else counted here).
 */
export function Countdown({
  deadline,
  kind,
  left: fromApi,
}: {
  deadline: string | null | undefined;
  kind: DayKind;
  left?: number | null;
}) {
  const t = useT();
  const { date, number } = useI18n();
  const { left, provisional } = useDaysLeft(deadline, kind, fromApi);
  if (!deadline) return <span>—</span>;
  const label =
    left === null
      ? null
      : left > 0
        ? t(kind === 'working' ? 'workingLeft' : 'calendarLeft', { count: number(left) })
        : left === 0
          ? t('dueToday')
          : t('overdue', { count: number(-left) });
  return (
    <Space size={4} wrap>
      <span>{date(deadline)}</span>
      {label && (
        <span title={provisional ? t('provisional') : undefined}>
          <ToneTag tone={left! < 0 ? 'bad' : left! <= 3 ? 'warn' : 'info'}>
            {label}
            {provisional ? ' *' : ''}
          </ToneTag>
        </span>
      )}
    </Space>
  );
}

/** The sector rule a deadline was counted by: its name, its period and its legal source. */
export function RuleNote({
  rule,
}: {
  rule:
    | {
        label: string;
        rule: string;
        days?: number;
        dayKind?: DayKind;
        version: number;
        source: { zh: string; en: string };
      }
    | null
    | undefined;
}) {
  const { lang, t } = useI18n();
  if (!rule) return <span>—</span>;
  const period =
    rule.days === undefined
      ? null
      : t(rule.dayKind === 'calendar' ? 'common.calendarDays' : 'common.workingDays', {
          count: rule.days,
        });
  return (
    <span>
      {[lang === 'zh' ? rule.label : rule.rule, period, rule.source[lang]]
        .filter(Boolean)
        .join(' · ')}
    </span>
  );
}

/**
 * Descriptions' layout for the screen: label beside value from 768 px, label above value on a
 * phone (a 390 px screen otherwise breaks the labels a character a line).
 */
export function useDescriptionsLayout(): 'horizontal' | 'vertical' {
  return Grid.useBreakpoint().md === false ? 'vertical' : 'horizontal';
}
