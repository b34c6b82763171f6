import { Form, Select, Switch, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { apiRequest, queryString } from '../../api/client';
import type { components } from '../../api/tasks.schema';
import { ListPage } from '../../components/ListPage';
import { useI18n } from '../../i18n/i18n';
import { OBJECTION_STATES, useObjT } from './labels';

type Objection = components['schemas']['ObjectionDto'];

/** 复检申请: the objections of the jurisdiction, those to decide first by default. */
export default function ObjectionsPage() {
  const t = useObjT();
  const { date } = useI18n();
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('title')}
      </Typography.Title>
      <ListPage<Objection, Record<string, unknown>>
        queryKey={['objections']}
        rowKey="id"
        initialFilters={{ state: 'filed' }}
        // The API answers the newest 500 at once (no cursor).
        fetchPage={async (filters) => ({
          items: (
            await apiRequest<{ items: Objection[] }>(
              'GET',
              `/api/v1/objections${queryString({ ...filters, overdue: filters.overdue ? 'true' : undefined })}`,
            )
          ).items,
          nextCursor: null,
        })}
        columns={[
          {
            title: t('sampleNo'),
            dataIndex: 'sampleNo',
            width: 220,
            render: (v: string, r) => <Link to={`/objections/${r.id}`}>{v}</Link>,
          },
          {
            title: t('state'),
            dataIndex: 'state',
            width: 150,
            render: (v: string, r) => (
              <>
                <Tag color={v === 'filed' ? 'blue' : undefined}>{t(`state_${v}` as never)}</Tag>
                {r.overdue && <Tag color="red">{t('overdue')}</Tag>}
              </>
            ),
          },
          { title: t('enterprise'), dataIndex: 'enterpriseName', width: 200, ellipsis: true },
          {
            title: t('product'),
            key: 'product',
            width: 180,
            ellipsis: true,
            render: (_: unknown, r) => r.product.name,
          },
          {
            title: t('items'),
            dataIndex: 'items',
            width: 120,
            render: (v: string[]) => v.join('、'),
          },
          {
            title: t('lab'),
            key: 'lab',
            width: 180,
            ellipsis: true,
            render: (_: unknown, r) => r.lab.name,
          },
          { title: t('filedOn'), dataIndex: 'filedOn', width: 140, render: (v: string) => date(v) },
          {
            title: t('decisionDue'),
            dataIndex: 'decisionDue',
            width: 140,
            render: (v: string) => date(v),
          },
        ]}
        filters={
          <>
            <Form.Item name="state" label={t('state')}>
              <Select
                allowClear
                style={{ width: 150 }}
                aria-label={t('state')}
                options={OBJECTION_STATES.map((s) => ({ value: s, label: t(`state_${s}`) }))}
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
