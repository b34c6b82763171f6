import { Badge, Button, Card, Col, List, Row, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import type { components } from '../../api/tasks.schema';
import { useMe } from '../../app/session';
import { ErrorAlert, useErrorText } from '../../components/errors';
import { definePageMessages, useI18n } from '../../i18n/i18n';

type Task = components['schemas']['TaskViewDto'];
type Sector = components['schemas']['RateSectorDto'];

const useT = definePageMessages(
  {
    title: '工作台',
    myTasks: '我的抽样任务',
    myTasksNone: '您的账户未关联执法证号，这里显示辖区内待抽样的任务。',
    openTasks: '待抽样任务',
    overdue: '逾期事项',
    notifications: '通知',
    unread: '{count} 条未读',
    readAll: '全部标为已读',
    rates: '本年度合格率与目标',
    sector: '行业',
    final: '已判定批次',
    rate: '合格率',
    target: '目标',
    gap: '差距',
    pending: '待定批次',
    task: '任务',
    enterprise: '企业',
    due: '截止日期',
    plan: '计划',
    noOverdue: '没有逾期的任务',
    sector_manufacturing: '工业产品',
    sector_consumer_goods: '消费品',
    sector_agricultural: '农产品',
    sector_food: '食品',
    sector_drug: '药品',
    belowTarget: '低于目标',
    dueOn: '期限 {date}',
  },
  {
    title: 'Start',
    myTasks: 'My sampling tasks',
    myTasksNone:
      'Your account has no inspector staff number; these are the open tasks of your jurisdiction.',
    openTasks: 'Open tasks',
    overdue: 'Overdue',
    notifications: 'Notifications',
    unread: '{count} unread',
    readAll: 'Mark all read',
    rates: 'Pass rates this year against targets',
    sector: 'Sector',
    final: 'Final batches',
    rate: 'Pass rate',
    target: 'Target',
    gap: 'Gap',
    pending: 'Pending',
    task: 'Task',
    enterprise: 'Enterprise',
    due: 'Due',
    plan: 'Plan',
    noOverdue: 'No overdue task',
    sector_manufacturing: 'Manufactured products',
    sector_consumer_goods: 'Consumer goods',
    sector_agricultural: 'Agricultural products',
    sector_food: 'Food',
    sector_drug: 'Medicines',
    belowTarget: 'Below target',
    dueOn: 'due {date}',
  },
);

/** Tasks as a short list (the start page avoids the table's weight on the first load). */
function TaskList({ tasks, loading }: { tasks: Task[] | undefined; loading: boolean }) {
  const t = useT();
  const { date } = useI18n();
  return (
    <List
      size="small"
      loading={loading}
      dataSource={tasks ?? []}
      renderItem={(r) => (
        <List.Item>
          <span>
            <Link to={`/plans/${r.planId}`}>{r.planCode}</Link> ·{' '}
            <Link to={`/tasks/${r.id}`}>{`${t('task')} ${r.taskNo}`}</Link> · {r.enterpriseName}
          </span>
          <span>
            {t('due')} {date(r.dueDate)} {r.overdue && <Tag color="red">{t('overdue')}</Tag>}
          </span>
        </List.Item>
      )}
    />
  );
}

const cell = { padding: '6px 8px', borderBottom: '1px solid #f0f0f0' } as const;
const num = { ...cell, textAlign: 'right' } as const;

/**
 * 工作台 of regulators and admins: my tasks, overdue tasks, notifications, and this year's rates
 * against targets. An enterprise's start page is its own (./enterprise.tsx).
 */
export default function RegulatorHome() {
  const t = useT();
  const { lang, dateTime, number, percent } = useI18n();
  const me = useMe();
  const client = useQueryClient();
  const errorText = useErrorText();
  const regulator = me.role === 'regulator' || me.role === 'admin';

  const mine = useQuery({
    queryKey: ['tasks', 'home', me.staffNo],
    enabled: regulator,
    queryFn: () =>
      me.staffNo
        ? ok(api.GET('/api/v1/tasks/mine', { params: { query: { state: 'assigned', limit: 10 } } }))
        : ok(api.GET('/api/v1/tasks', { params: { query: { state: 'assigned', limit: 10 } } })),
  });
  const overdue = useQuery({
    queryKey: ['tasks', 'overdue'],
    enabled: regulator,
    queryFn: () =>
      ok(api.GET('/api/v1/tasks', { params: { query: { overdue: true, limit: 10 } } })),
  });
  const notifications = useQuery({
    queryKey: ['notifications', 'home'],
    enabled: regulator,
    queryFn: () => ok(api.GET('/api/v1/notifications', { params: { query: { limit: 10 } } })),
  });
  const unread = useQuery({
    queryKey: ['notifications', 'unread'],
    enabled: regulator,
    queryFn: () => ok(api.GET('/api/v1/notifications/unread-count')),
  });
  const readAll = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/notifications/read-all')),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const rates = useQuery({
    queryKey: ['rates', 'home'],
    enabled: regulator,
    queryFn: () => ok(api.GET('/api/v1/rates')),
  });

  const failures = [mine, overdue, notifications, rates]
    .map((q) => q.error)
    .filter(Boolean)
    .map((e) => errorText(e));

  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('title')}
      </Typography.Title>
      <ErrorAlert lines={failures.length ? [...new Set(failures)] : null} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={me.staffNo ? t('myTasks') : t('openTasks')} size="small">
            {!me.staffNo && (
              <Typography.Paragraph type="secondary">{t('myTasksNone')}</Typography.Paragraph>
            )}
            <TaskList tasks={mine.data?.items} loading={mine.isLoading} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('overdue')} size="small">
            <TaskList tasks={overdue.data?.items} loading={overdue.isLoading} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={
              <span>
                {t('notifications')}{' '}
                <Badge
                  count={unread.data?.unread ?? 0}
                  title={t('unread', { count: unread.data?.unread ?? 0 })}
                />
              </span>
            }
            extra={
              <Button
                size="small"
                onClick={() => readAll.mutate()}
                disabled={!unread.data?.unread}
                loading={readAll.isPending}
              >
                {t('readAll')}
              </Button>
            }
          >
            <List
              loading={notifications.isLoading}
              dataSource={notifications.data?.items ?? []}
              renderItem={(n) => (
                <List.Item>
                  <List.Item.Meta
                    title={<Typography.Text strong={!n.readAt}>{n.message[lang]}</Typography.Text>}
                    description={
                      <span>
                        {dateTime(n.createdAt)}
                        {n.dueOn ? ` · ${t('dueOn', { date: n.dueOn })}` : ''}
                      </span>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('rates')} size="small">
            <table style={{ width: '100%', borderCollapse: 'collapse' }}>
              <thead>
                <tr>
                  <th style={{ ...cell, textAlign: 'left' }}>{t('sector')}</th>
                  <th style={num}>{t('final')}</th>
                  <th style={num}>{t('pending')}</th>
                  <th style={num}>{t('rate')}</th>
                  <th style={num}>{t('target')}</th>
                  <th style={num}>{t('gap')}</th>
                </tr>
              </thead>
              <tbody>
                {(rates.data?.sectors ?? []).map((s: Sector) => (
                  <tr key={s.sector}>
                    <td style={cell}>{t(`sector_${s.sector}`)}</td>
                    <td style={num}>{number(s.final)}</td>
                    <td style={num}>{number(s.pending)}</td>
                    <td style={num}>{percent(s.rate, 2)}</td>
                    <td style={num}>{percent(s.target)}</td>
                    <td style={num}>
                      {s.gap === null ? (
                        '—'
                      ) : Number(s.gap) < 0 ? (
                        <Tag color="red">{`${s.gap} · ${t('belowTarget')}`}</Tag>
                      ) : (
                        s.gap
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        </Col>
      </Row>
    </>
  );
}
