import { Form, Select, Switch, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { apiRequest, queryString } from '../../api/client';
import type { components } from '../../api/tasks.schema';
import { ListPage } from '../../components/ListPage';
import { useI18n } from '../../i18n/i18n';
import { CASE_STATES, useCaseT } from './labels';

type Case = components['schemas']['CaseDto'];

/** 不合格后处理: the follow-up cases of the jurisdiction's final failures, overdue ones marked. */
export default function CasesPage() {
  const t = useCaseT();
  const { date } = useI18n();
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('title')}
      </Typography.Title>
      <ListPage<Case, Record<string, unknown>>
        queryKey={['cases']}
        rowKey="id"
        // The API answers the newest 500 at once (no cursor).
        fetchPage={async (filters) => ({
          items: (
            await apiRequest<{ items: Case[] }>(
              'GET',
              `/api/v1/cases${queryString({ ...filters, overdue: filters.overdue ? 'true' : undefined })}`,
            )
          ).items,
          nextCursor: null,
        })}
        columns={[
          {
            title: t('sampleNo'),
            dataIndex: 'sampleNo',
            width: 220,
            render: (v: string, r) => <Link to={`/cases/${r.id}`}>{v}</Link>,
          },
          {
            title: t('state'),
            dataIndex: 'state',
            width: 200,
            render: (v: string, r) => (
              <>
                <Tag color={v === 'escalated' ? 'orange' : v === 'closed' ? 'green' : undefined}>
                  {t(`state_${v}` as never)}
                </Tag>
                {r.overdue && <Tag color="red">{t('overdue')}</Tag>}
              </>
            ),
          },
          {
            title: t('enterprise'),
            key: 'enterprise',
            width: 200,
            ellipsis: true,
            render: (_: unknown, r) => r.enterprise.name,
          },
          {
            title: t('product'),
            key: 'product',
            width: 180,
            ellipsis: true,
            render: (_: unknown, r) => r.product.name,
          },
          {
            title: t('escalation'),
            dataIndex: 'escalation',
            width: 170,
            render: (v: string | null) => (v ? t(`escalation_${v}` as never) : t('escalationNone')),
          },
          {
            title: t('deadline'),
            key: 'deadline',
            width: 140,
            render: (_: unknown, r) => (r.order ? date(r.order.deadline) : '—'),
          },
          {
            title: t('openedAt'),
            dataIndex: 'openedAt',
            width: 140,
            render: (v: string) => date(v),
          },
        ]}
        filters={
          <>
            <Form.Item name="state" label={t('state')}>
              <Select
                allowClear
                style={{ width: 190 }}
                aria-label={t('state')}
                options={CASE_STATES.map((s) => ({ value: s, label: t(`state_${s}`) }))}
              />
            </Form.Item>
            <Form.Item name="overdue" label={t('overdueOnly')} valuePropName="checked">
              <Switch aria-label={t('overdueOnly')} />
            </Form.Item>
          </>
        }
      />
    </>
  );
}
