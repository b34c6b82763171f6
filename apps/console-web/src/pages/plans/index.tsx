import { Button, Drawer, Form, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { apiRequest, queryString } from '../../api/client';
import type { components } from '../../api/tasks.schema';
import type { CursorPage } from '../../api/paging';
import { useMe } from '../../app/session';
import { ErrorAlert, useApplyError } from '../../components/errors';
import { ListPage } from '../../components/ListPage';
import { useI18n } from '../../i18n/i18n';
import { optionsOf, PLAN_LEVELS, PLAN_STATES, usePlanT } from './labels';
import { PlanHeadFields, RatioFields, planBody } from './PlanFields';

type Plan = components['schemas']['PlanDto'];

/** 抽查计划: the plans of the jurisdiction, by year, state and level, and a new plan. */
export default function PlansPage() {
  const t = usePlanT();
  const { t: tc, date } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const applyError = useApplyError();
  const [form] = Form.useForm();
  const [creating, setCreating] = useState(false);
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<string[] | null>(null);

  const open = () => {
    form.resetFields();
    form.setFieldsValue({
      level: 'prefecture',
      jurisdiction: me.jurisdiction ?? undefined,
      year: new Date().getFullYear(),
      stages: ['production'],
    });
    setErrors(null);
    setCreating(true);
  };

  const create = async (values: Record<string, unknown>) => {
    setSaving(true);
    setErrors(null);
    try {
      const plan = await apiRequest<Plan>('POST', '/api/v1/plans', planBody(values, true));
      await client.invalidateQueries({ queryKey: ['plans'] });
      setCreating(false);
      navigate(`/plans/${plan.id}`);
    } catch (e) {
      setErrors(applyError(form, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('title')}
      </Typography.Title>
      <ListPage<Plan, Record<string, unknown>>
        queryKey={['plans']}
        rowKey="id"
        fetchPage={(filters, cursor) =>
          apiRequest<CursorPage<Plan>>(
            'GET',
            `/api/v1/plans${queryString({ ...filters, cursor, limit: 100 })}`,
          )
        }
        columns={[
          {
            title: t('code'),
            dataIndex: 'code',
            width: 200,
            render: (v: string, r) => <Link to={`/plans/${r.id}`}>{v}</Link>,
          },
          { title: t('planTitle'), dataIndex: 'title', width: 300, ellipsis: true },
          { title: t('year'), dataIndex: 'year', width: 70 },
          {
            title: t('level'),
            dataIndex: 'level',
            width: 80,
            render: (v: string) => t(`level_${v}` as never),
          },
          { title: t('jurisdiction'), dataIndex: 'jurisdiction', width: 110 },
          {
            title: t('state'),
            dataIndex: 'state',
            width: 110,
            render: (v: string) => <Tag>{t(`state_${v}` as never)}</Tag>,
          },
          {
            title: t('categories'),
            dataIndex: 'categories',
            width: 200,
            render: (cs: string[]) => cs.map((c) => <Tag key={c}>{c}</Tag>),
          },
          {
            title: t('samplingDeadline'),
            dataIndex: 'samplingDeadline',
            width: 140,
            render: (v: string | null) => (v ? date(v) : tc('common.none')),
          },
        ]}
        filters={
          <>
            <Form.Item name="year" label={t('year')}>
              <InputNumber min={2000} max={2100} style={{ width: 100 }} />
            </Form.Item>
            <Form.Item name="state" label={t('state')}>
              <Select
                allowClear
                style={{ width: 130 }}
                options={optionsOf(t, 'state', PLAN_STATES)}
                aria-label={t('state')}
              />
            </Form.Item>
            <Form.Item name="level" label={t('level')}>
              <Select
                allowClear
                style={{ width: 110 }}
                options={optionsOf(t, 'level', PLAN_LEVELS)}
                aria-label={t('level')}
              />
            </Form.Item>
          </>
        }
        actions={<Button onClick={open}>{t('newPlan')}</Button>}
      />
      <Drawer
        open={creating}
        onClose={() => setCreating(false)}
        title={t('newPlan')}
        size={560}
        extra={
          <Space>
            <Button onClick={() => setCreating(false)}>{tc('action.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={() => form.submit()}>
              {tc('action.save')}
            </Button>
          </Space>
        }
      >
        <ErrorAlert lines={errors} />
        <Form form={form} layout="vertical" onFinish={create}>
          <PlanHeadFields t={t} />
          <RatioFields t={t} />
        </Form>
      </Drawer>
    </>
  );
}
