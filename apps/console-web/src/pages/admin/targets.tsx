import { Button, Drawer, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiRequest, queryString } from '../../api/client';
import type { components } from '../../api/tasks.schema';
import { useMe } from '../../app/session';
import { ErrorAlert, useApplyError, useErrorText } from '../../components/errors';
import { ListPage } from '../../components/ListPage';
import { definePageMessages, useI18n } from '../../i18n/i18n';

type Target = components['schemas']['TargetDto'];

const SECTORS = ['manufacturing', 'consumer_goods', 'agricultural', 'food', 'drug'] as const;
const METRICS = ['pass_rate', 'disposal_rate'] as const;

const useT = definePageMessages(
  {
    title: '质量目标',
    help: '合格率等目标按行业、年度和辖区设定，对下级辖区同样有效，直到设定更新的年度目标；合格率看板将实际值与目标对照。',
    jurisdiction: '辖区代码',
    sector: '行业',
    sector_manufacturing: '工业产品',
    sector_consumer_goods: '消费品',
    sector_agricultural: '农产品',
    sector_food: '食品',
    sector_drug: '药品',
    year: '起始年度',
    metric: '指标',
    metric_pass_rate: '合格率',
    metric_disposal_rate: '问题处置率',
    target: '目标值（%）',
    targetHelp: '0 到 100，最多两位小数',
    source: '依据',
    note: '备注',
    updated: '最近修改',
    newTarget: '新建目标',
    editTarget: '修改目标',
    delete: '删除',
    deleteConfirm: '删除 {year} 年{sector}{metric}目标？',
  },
  {
    title: 'Targets',
    help: 'Targets (such as the pass rate) are set per sector, year and jurisdiction; they hold in the jurisdiction’s subtree until a later year’s is set. The rates dashboard shows the rates against them.',
    jurisdiction: 'Jurisdiction',
    sector: 'Sector',
    sector_manufacturing: 'Manufactured goods',
    sector_consumer_goods: 'Consumer goods',
    sector_agricultural: 'Agricultural products',
    sector_food: 'Food',
    sector_drug: 'Drugs',
    year: 'From year',
    metric: 'Metric',
    metric_pass_rate: 'Pass rate',
    metric_disposal_rate: 'Disposal rate',
    target: 'Target (%)',
    targetHelp: '0 to 100, at most two decimals',
    source: 'Source',
    note: 'Note',
    updated: 'Last changed',
    newTarget: 'New target',
    editTarget: 'Edit the target',
    delete: 'Delete',
    deleteConfirm: 'Delete the {year} {metric} target of {sector}?',
  },
);

/** 质量目标: the targets in the caller's reach; admins set, change and delete them. */
export default function TargetsPage() {
  const t = useT();
  const { t: tc, percent, dateTime } = useI18n();
  const me = useMe();
  const client = useQueryClient();
  const applyError = useApplyError();
  const errorText = useErrorText();
  const [form] = Form.useForm();
  const [editing, setEditing] = useState<Target | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<string[] | null>(null);
  const [rowError, setRowError] = useState<string[] | null>(null);
  const [modal, contextHolder] = Modal.useModal();
  const canEdit = me.role === 'admin';
  const refresh = () => client.invalidateQueries({ queryKey: ['targets'] });

  const open = (row: Target | 'new') => {
    form.resetFields();
    setErrors(null);
    if (row === 'new') form.setFieldsValue({ metric: 'pass_rate', year: new Date().getFullYear() });
    else form.setFieldsValue(row);
    setEditing(row);
  };

  const save = async (v: Record<string, unknown>) => {
    setSaving(true);
    setErrors(null);
    try {
      const body: Record<string, unknown> = {
        ...v,
        target: String(v.target ?? '').trim(),
        note: v.note || null,
      };
      if (editing === 'new') await apiRequest('POST', '/api/v1/targets', body);
      else if (editing)
        await apiRequest('PATCH', `/api/v1/targets/${editing.id}`, {
          target: body.target,
          source: body.source,
          note: body.note,
        });
      await refresh();
      setEditing(null);
    } catch (e) {
      setErrors(applyError(form, e));
    } finally {
      setSaving(false);
    }
  };

  const remove = (row: Target) =>
    void modal.confirm({
      title: t('delete'),
      content: t('deleteConfirm', {
        year: row.year,
        sector: t(`sector_${row.sector}` as never),
        metric: t(`metric_${row.metric}` as never),
      }),
      okText: t('delete'),
      okButtonProps: { danger: true },
      cancelText: tc('action.cancel'),
      onOk: async () => {
        setRowError(null);
        try {
          await apiRequest('DELETE', `/api/v1/targets/${row.id}`);
          await refresh();
        } catch (e) {
          setRowError([errorText(e)]);
        }
      },
    });

  const sectorOptions = SECTORS.map((s) => ({ value: s, label: t(`sector_${s}` as never) }));
  const metricOptions = METRICS.map((m) => ({ value: m, label: t(`metric_${m}` as never) }));
  return (
    <>
      {contextHolder}
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('help')}</Typography.Paragraph>
      <ErrorAlert lines={rowError} />
      <ListPage<Target, Record<string, unknown>>
        queryKey={['targets']}
        rowKey="id"
        fetchPage={async (filters) => ({
          items: (
            await apiRequest<{ items: Target[] }>('GET', `/api/v1/targets${queryString(filters)}`)
          ).items,
          nextCursor: null,
        })}
        columns={[
          { title: t('jurisdiction'), dataIndex: 'jurisdiction', width: 110 },
          {
            title: t('sector'),
            dataIndex: 'sector',
            width: 120,
            render: (v: string) => t(`sector_${v}` as never),
          },
          { title: t('year'), dataIndex: 'year', width: 90 },
          {
            title: t('metric'),
            dataIndex: 'metric',
            width: 110,
            render: (v: string) => t(`metric_${v}` as never),
          },
          {
            title: t('target'),
            dataIndex: 'target',
            width: 110,
            align: 'right',
            render: (v: string) => percent(v, 2),
          },
          { title: t('source'), dataIndex: 'source', width: 280, ellipsis: true },
          { title: t('note'), dataIndex: 'note', width: 160, ellipsis: true },
          {
            title: t('updated'),
            key: 'updated',
            width: 220,
            render: (_: unknown, r) => `${dateTime(r.updatedAt)} ${r.updatedBy}`,
          },
          ...(canEdit
            ? [
                {
                  title: '',
                  key: 'actions',
                  width: 130,
                  fixed: 'right' as const,
                  render: (_: unknown, r: Target) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => open(r)}>
                        {tc('action.edit')}
                      </Button>
                      <Button type="link" size="small" onClick={() => remove(r)}>
                        {t('delete')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
        filters={
          <>
            <Form.Item name="jurisdiction" label={t('jurisdiction')}>
              <Input allowClear maxLength={6} inputMode="numeric" style={{ width: 110 }} />
            </Form.Item>
            <Form.Item name="sector" label={t('sector')}>
              <Select
                allowClear
                style={{ width: 130 }}
                aria-label={t('sector')}
                options={sectorOptions}
              />
            </Form.Item>
            <Form.Item name="year" label={t('year')}>
              <InputNumber min={2000} max={2100} style={{ width: 100 }} />
            </Form.Item>
            <Form.Item name="metric" label={t('metric')}>
              <Select
                allowClear
                style={{ width: 130 }}
                aria-label={t('metric')}
                options={metricOptions}
              />
            </Form.Item>
          </>
        }
        actions={canEdit && <Button onClick={() => open('new')}>{t('newTarget')}</Button>}
      />
      <Drawer
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('newTarget') : t('editTarget')}
        size={480}
        extra={
          <Space>
            <Button onClick={() => setEditing(null)}>{tc('action.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={() => form.submit()}>
              {tc('action.save')}
            </Button>
          </Space>
        }
      >
        <ErrorAlert lines={errors} />
        <Form form={form} name="target" layout="vertical" onFinish={save}>
          <Form.Item name="jurisdiction" label={t('jurisdiction')} rules={[{ required: true }]}>
            <Input maxLength={6} inputMode="numeric" disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item name="sector" label={t('sector')} rules={[{ required: true }]}>
            <Select aria-label={t('sector')} options={sectorOptions} disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item name="year" label={t('year')} rules={[{ required: true }]}>
            <InputNumber
              min={2000}
              max={2100}
              style={{ width: '100%' }}
              disabled={editing !== 'new'}
            />
          </Form.Item>
          <Form.Item name="metric" label={t('metric')}>
            <Select aria-label={t('metric')} options={metricOptions} disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item
            name="target"
            label={t('target')}
            extra={t('targetHelp')}
            rules={[{ required: true }]}
          >
            <Input inputMode="decimal" />
          </Form.Item>
          <Form.Item name="source" label={t('source')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="note" label={t('note')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Drawer>
    </>
  );
}
