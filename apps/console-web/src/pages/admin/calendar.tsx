import {
  Alert,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiRequest, queryString } from '../../api/client';
import type { components } from '../../api/tasks.schema';
import { useMe } from '../../app/session';
import { ErrorAlert, useApplyError, LoadErrorAlert } from '../../components/errors';
import { useScrollableTables } from '../../components/keyboard';
import { definePageMessages, useI18n } from '../../i18n/i18n';
import { chinaToday } from '../enterprise-shared/Countdown';

type Day = components['schemas']['CalendarDayDto'];
type Range = components['schemas']['CalendarRangeDto'];

const useT = definePageMessages(
  {
    title: '工作日历',
    help: '法定节假日与调休上班日决定所有以工作日计算的期限。系统内置的节假日数据由国务院办公厅每年发布的通知整理而来；新一年的安排公布后，请在此逐日录入。',
    year: '年度',
    show: '查看',
    missing:
      '{year} 年的法定节假日和调休上班日尚未录入：以工作日计算、跨入 {year} 年的期限目前按“周一至周五上班”推算。国务院办公厅公布 {year} 年放假安排后，请在此录入。',
    missingTitle: '下一年度节假日未录入',
    missingThisYearTitle: '本年度节假日未录入',
    entered: '{year} 年已录入 {holidays} 个节假日、{workdays} 个调休上班日。',
    date: '日期',
    weekday: '星期',
    kind: '类型',
    kind_holiday: '放假',
    kind_makeup: '调休上班',
    kind_workday: '工作日',
    kind_dayoff: '休息日',
    name: '名称',
    source: '来源',
    source_chinese: '内置数据',
    source_admin: '管理员录入',
    source_weekday: '按星期推算',
    updatedBy: '修改人',
    setDay: '设置日期',
    setDayTitle: '设置某一天',
    workday: '这一天',
    isWorkday: '上班（含调休上班）',
    isDayOff: '放假休息',
    namePlaceholder: '如：春节、国庆节调休',
    none: '本年度没有节假日或调休上班日记录。',
    w1: '周一',
    w2: '周二',
    w3: '周三',
    w4: '周四',
    w5: '周五',
    w6: '周六',
    w7: '周日',
  },
  {
    title: 'Working-day calendar',
    help: 'Public holidays and make-up working days decide every deadline counted in working days. The built-in table follows the State Council’s yearly notices; once a new year’s arrangement is published, enter it here day by day.',
    year: 'Year',
    show: 'Show',
    missing:
      'The holidays and make-up working days of {year} are not entered: deadlines in working days that reach into {year} are counted as if every Monday to Friday were a working day. Enter them once the State Council publishes the {year} arrangement.',
    missingTitle: 'Next year’s holidays are not entered',
    missingThisYearTitle: 'This year’s holidays are not entered',
    entered: '{year}: {holidays} holidays and {workdays} make-up working days entered.',
    date: 'Date',
    weekday: 'Weekday',
    kind: 'Kind',
    kind_holiday: 'Holiday',
    kind_makeup: 'Make-up working day',
    kind_workday: 'Working day',
    kind_dayoff: 'Day off',
    name: 'Name',
    source: 'Source',
    source_chinese: 'Built-in table',
    source_admin: 'Entered by an admin',
    source_weekday: 'Weekday rule',
    updatedBy: 'Changed by',
    setDay: 'Set a day',
    setDayTitle: 'Set a day',
    workday: 'This day is',
    isWorkday: 'A working day (make-up days included)',
    isDayOff: 'A day off',
    namePlaceholder: 'e.g. Spring Festival',
    none: 'No holidays or make-up working days recorded for this year.',
    w1: 'Mon',
    w2: 'Tue',
    w3: 'Wed',
    w4: 'Thu',
    w5: 'Fri',
    w6: 'Sat',
    w7: 'Sun',
  },
);
type T = ReturnType<typeof useT>;

/** A day that differs from the weekday rule, or is named: a holiday or a make-up working day. */
const special = (d: Day) => d.name !== null || d.workday !== d.isoWeekday <= 5;
const kindOf = (d: Day) =>
  d.isoWeekday <= 5 ? (d.workday ? 'workday' : 'holiday') : d.workday ? 'makeup' : 'dayoff';
const sourceKey = (s: string) =>
  s === 'chinese-days' ? 'source_chinese' : s === 'admin' ? 'source_admin' : 'source_weekday';

function useYear(year: number) {
  return useQuery({
    queryKey: ['calendar', year],
    queryFn: () =>
      apiRequest<Range>(
        'GET',
        `/api/v1/calendar${queryString({ from: `${year}-01-01`, to: `${year}-12-31` })}`,
      ),
  });
}

/**
 * 工作日历: a year's holidays and make-up working days, a warning while this year's or next
 * year's are not entered (this year's first: after New Year the built-in data may stop at the
 * year just ended), and (for admins) setting a day.
 */
export default function CalendarPage() {
  const t = useT();
  const { date } = useI18n();
  const me = useMe();
  const box = useScrollableTables();
  // The year in China, where the deadlines run, whatever the browser's zone.
  const thisYear = Number(chinaToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [editing, setEditing] = useState<Day | 'new' | null>(null);
  const days = useYear(year);
  const current = useYear(thisYear);
  const next = useYear(thisYear + 1);
  const entered = (q: typeof next) => (q.data?.days.filter(special) ?? []).length > 0;
  // Decided once both years are loaded, so the warning does not change its year as they arrive.
  const missingYear =
    current.data && next.data
      ? !entered(current)
        ? thisYear
        : !entered(next)
          ? thisYear + 1
          : null
      : null;
  const rows = days.data?.days.filter(special) ?? [];
  const canEdit = me.role === 'admin';

  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('help')}</Typography.Paragraph>
      {missingYear !== null && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={t(missingYear === thisYear ? 'missingThisYearTitle' : 'missingTitle')}
          description={t('missing', { year: missingYear })}
          action={
            canEdit && (
              <Button size="small" onClick={() => setYear(missingYear)}>
                {missingYear}
              </Button>
            )
          }
        />
      )}
      <LoadErrorAlert error={days.error} />
      <Space style={{ marginBottom: 16 }} wrap>
        <label htmlFor="calendar-year">{t('year')}</label>
        <InputNumber
          id="calendar-year"
          min={2000}
          max={2100}
          value={year}
          onChange={(v) => v && setYear(v)}
        />
        {canEdit && <Button onClick={() => setEditing('new')}>{t('setDay')}</Button>}
        {days.data && (
          <span role="status">
            {t('entered', {
              year,
              holidays: rows.filter((d) => !d.workday).length,
              workdays: rows.filter((d) => d.workday).length,
            })}
          </span>
        )}
      </Space>
      <div ref={box}>
        <Table<Day>
          size="small"
          bordered
          rowKey="date"
          loading={days.isLoading}
          dataSource={rows}
          pagination={false}
          // Typography.Text: antd's placeholder grey fails colour contrast (an empty year, such as
          // this one after New Year until its holidays are entered).
          locale={{ emptyText: <Typography.Text>{t('none')}</Typography.Text> }}
          columns={[
            { title: t('date'), dataIndex: 'date', width: 160, render: (v: string) => date(v) },
            {
              title: t('weekday'),
              dataIndex: 'isoWeekday',
              width: 80,
              render: (v: number) => t(`w${v}` as never),
            },
            {
              title: t('kind'),
              key: 'kind',
              width: 120,
              render: (_: unknown, d) => (
                <Tag color={d.workday ? undefined : 'blue'}>{t(`kind_${kindOf(d)}` as never)}</Tag>
              ),
            },
            { title: t('name'), dataIndex: 'name', width: 180 },
            {
              title: t('source'),
              dataIndex: 'source',
              width: 140,
              render: (v: string) => t(sourceKey(v) as never),
            },
            { title: t('updatedBy'), dataIndex: 'updatedBy', width: 160 },
            ...(canEdit
              ? [
                  {
                    title: '',
                    key: 'edit',
                    width: 80,
                    render: (_: unknown, d: Day) => (
                      <Button type="link" size="small" onClick={() => setEditing(d)}>
                        {t('setDay')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </div>
      {editing && <DayDialog day={editing} t={t} onClose={() => setEditing(null)} />}
    </>
  );
}

function DayDialog({ day, t, onClose }: { day: Day | 'new'; t: T; onClose(): void }) {
  const { t: tc } = useI18n();
  const client = useQueryClient();
  const applyError = useApplyError();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[] | null>(null);
  const save = async (v: { date: string; workday: boolean; name?: string }) => {
    setBusy(true);
    setErrors(null);
    try {
      await apiRequest('PUT', `/api/v1/calendar/${encodeURIComponent(v.date.trim())}`, {
        workday: v.workday,
        name: v.name?.trim() ? v.name.trim() : null,
      });
      await client.invalidateQueries({ queryKey: ['calendar'] });
      onClose();
    } catch (e) {
      setErrors(applyError(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('setDayTitle')}
      okText={tc('action.save')}
      cancelText={tc('action.cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <ErrorAlert lines={errors} />
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={
          day === 'new'
            ? { workday: false }
            : { date: day.date, workday: day.workday, name: day.name ?? '' }
        }
      >
        <Form.Item name="date" label={t('date')} rules={[{ required: true }]}>
          <Input placeholder="YYYY-MM-DD" disabled={day !== 'new'} />
        </Form.Item>
        <Form.Item name="workday" label={t('workday')}>
          <Radio.Group
            options={[
              { value: false, label: t('isDayOff') },
              { value: true, label: t('isWorkday') },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label={t('name')}>
          <Input placeholder={t('namePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
