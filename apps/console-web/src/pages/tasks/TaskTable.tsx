import { Checkbox, Form, Input, Select, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { apiRequest, queryString } from '../../api/client';
import type { components } from '../../api/tasks.schema';
import type { CursorPage } from '../../api/paging';
import { ListPage } from '../../components/ListPage';
import { useI18n } from '../../i18n/i18n';
import { stateColor, TASK_STATES, useTaskT } from './labels';

export type Task = components['schemas']['TaskViewDto'];
type Plan = components['schemas']['PlanDto'];

/** The plans a task list can be narrowed to: drawn ones (the others have no tasks). */
function usePlanOptions() {
  return useQuery({
    queryKey: ['plans', 'task-filter'],
    queryFn: async () => {
      const plans: Plan[] = [];
      for (const state of ['drawn', 'sampling', 'closed'])
        plans.push(
          ...(
            await apiRequest<CursorPage<Plan>>(
              'GET',
              `/api/v1/plans${queryString({ state, limit: 100 })}`,
            )
          ).items,
        );
      return plans.map((p) => ({ value: p.id, label: `${p.code} ${p.title}` }));
    },
  });
}

/**
 * A task list with its filters (plan, state, inspector, overdue), cursor-paged and virtualised:
 * the jurisdiction's tasks, or with `mine` the caller's own (GET /tasks/mine).
 */
export function TaskTable({ mine = false }: { mine?: boolean }) {
  const t = useTaskT();
  const { date } = useI18n();
  const [search] = useSearchParams();
  const plans = usePlanOptions();
  const initial: Record<string, unknown> = {};
  for (const k of ['planId', 'state', 'inspector']) {
    const v = search.get(k);
    if (v) initial[k] = v;
  }
  if (search.get('overdue') === 'true') initial.overdue = true;

  return (
    <ListPage<Task, Record<string, unknown>>
      queryKey={['tasks', mine ? 'mine' : 'all']}
      rowKey="id"
      initialFilters={initial}
      fetchPage={(filters, cursor) =>
        apiRequest<CursorPage<Task>>(
          'GET',
          `/api/v1/tasks${mine ? '/mine' : ''}${queryString({
            ...filters,
            overdue: filters.overdue ? true : undefined,
            cursor,
            limit: 200,
          })}`,
        )
      }
      columns={[
        { title: t('planCode'), dataIndex: 'planCode', width: 130, ellipsis: true },
        {
          title: t('taskNo'),
          dataIndex: 'taskNo',
          width: 90,
          render: (v: number, r) => <Link to={`/tasks/${r.id}`}>{`${t('open')} #${v}`}</Link>,
        },
        { title: t('enterprise'), dataIndex: 'enterpriseName', width: 190, ellipsis: true },
        { title: t('uscc'), dataIndex: 'uscc', width: 180 },
        { title: t('category'), dataIndex: 'category', width: 100, ellipsis: true },
        {
          title: t('inspectors'),
          dataIndex: 'inspectors',
          width: 170,
          render: (v: string[] | null) => (v ? v.join('、') : <Tag color="red">{t('noPair')}</Tag>),
        },
        {
          title: t('dueDate'),
          dataIndex: 'dueDate',
          width: 150,
          render: (v: string | null, r) => (
            <>
              {date(v)} {r.overdue && <Tag color="red">{t('overdue')}</Tag>}
            </>
          ),
        },
        {
          title: t('state'),
          dataIndex: 'state',
          width: 110,
          render: (v: string) => <Tag color={stateColor[v]}>{t(`state_${v}` as never)}</Tag>,
        },
        {
          title: t('sampleNo'),
          dataIndex: 'sampleNo',
          width: 170,
          render: (v: string | null) =>
            v ? <Link to={`/samples/${encodeURIComponent(v)}`}>{v}</Link> : '—',
        },
      ]}
      filters={
        <>
          <Form.Item name="planId" label={t('plan')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 260 }}
              loading={plans.isLoading}
              options={plans.data ?? []}
              aria-label={t('plan')}
            />
          </Form.Item>
          <Form.Item name="state" label={t('state')}>
            <Select
              allowClear
              style={{ width: 130 }}
              options={TASK_STATES.map((s) => ({ value: s, label: t(`state_${s}`) }))}
              aria-label={t('state')}
            />
          </Form.Item>
          {!mine && (
            <Form.Item name="inspector" label={t('inspector')}>
              <Input allowClear style={{ width: 160 }} />
            </Form.Item>
          )}
          <Form.Item name="overdue" valuePropName="checked">
            <Checkbox>{t('overdueOnly')}</Checkbox>
          </Form.Item>
        </>
      }
    />
  );
}
