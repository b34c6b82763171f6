import { Button, Form, Input, Modal, Select, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { apiRequest, queryString } from '../../api/client';
import type { components } from '../../api/tasks.schema';
import { ErrorAlert, useApplyError } from '../../components/errors';
import { ListPage } from '../../components/ListPage';
import { useI18n } from '../../i18n/i18n';
import { PUBLICATION_STATES, usePubT } from './labels';

type Publication = components['schemas']['PublicationDto'];

/** 抽检结果公告: the jurisdiction's lists (newest first), and compiling the next one. */
export default function PublicationsPage() {
  const t = usePubT();
  const { t: tc, date, dateTime, number } = useI18n();
  const navigate = useNavigate();
  const client = useQueryClient();
  const applyError = useApplyError();
  const [form] = Form.useForm();
  const [compiling, setCompiling] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[] | null>(null);

  const compile = async (v: { until?: string }) => {
    setBusy(true);
    setErrors(null);
    try {
      const body = v.until?.trim() ? { until: v.until.trim() } : {};
      const p = await apiRequest<Publication>('POST', '/api/v1/publications', body);
      await client.invalidateQueries({ queryKey: ['publications'] });
      setCompiling(false);
      navigate(`/publications/${p.id}`);
    } catch (e) {
      setErrors(applyError(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('title')}
      </Typography.Title>
      <ListPage<Publication, Record<string, unknown>>
        queryKey={['publications']}
        rowKey="id"
        // The API answers the newest 200 lists at once (no cursor).
        fetchPage={async (filters) => ({
          items: (
            await apiRequest<{ items: Publication[] }>(
              'GET',
              `/api/v1/publications${queryString(filters)}`,
            )
          ).items,
          nextCursor: null,
        })}
        columns={[
          {
            title: t('noticeNo'),
            dataIndex: 'noticeNo',
            width: 220,
            render: (v: string | null, r) => (
              <Link to={`/publications/${r.id}`}>
                {v ?? `${t(`kind_${r.kind}` as never)} · ${t(`state_${r.state}` as never)}`}
              </Link>
            ),
          },
          {
            title: t('kind'),
            dataIndex: 'kind',
            width: 130,
            render: (v: string, r) =>
              `${t(`kind_${v}` as never)}（${t('versionOf', { version: r.version })}）`,
          },
          {
            title: t('state'),
            dataIndex: 'state',
            width: 100,
            render: (v: string) => (
              <Tag color={v === 'draft' || v === 'approved' ? 'blue' : undefined}>
                {t(`state_${v}` as never)}
              </Tag>
            ),
          },
          { title: t('jurisdiction'), dataIndex: 'jurisdictionName', width: 200, ellipsis: true },
          {
            title: t('until'),
            dataIndex: 'until',
            width: 140,
            render: (v: string) => date(v),
          },
          {
            title: t('failedCount'),
            dataIndex: 'failedCount',
            width: 90,
            align: 'right',
            render: (v: number) => number(v),
          },
          {
            title: t('passedCount'),
            dataIndex: 'passedCount',
            width: 90,
            align: 'right',
            render: (v: number) => number(v),
          },
          { title: t('compiledBy'), dataIndex: 'compiledBy', width: 180, ellipsis: true },
          {
            title: t('compiledAt'),
            dataIndex: 'compiledAt',
            width: 170,
            render: (v: string) => dateTime(v),
          },
          {
            title: t('publishedOn'),
            dataIndex: 'publishedOn',
            width: 140,
            render: (v: string | null) => (v ? date(v) : tc('common.none')),
          },
        ]}
        filters={
          <Form.Item name="state" label={t('state')}>
            <Select
              allowClear
              style={{ width: 120 }}
              aria-label={t('state')}
              options={PUBLICATION_STATES.map((s) => ({
                value: s,
                label: t(`state_${s}` as never),
              }))}
            />
          </Form.Item>
        }
        actions={
          <Button
            onClick={() => {
              form.resetFields();
              setErrors(null);
              setCompiling(true);
            }}
          >
            {t('compile')}
          </Button>
        }
      />
      <Modal
        open={compiling}
        title={t('compileTitle')}
        onCancel={() => setCompiling(false)}
        okText={t('compile')}
        cancelText={tc('action.cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
      >
        <Typography.Paragraph type="secondary">{t('compileHelp')}</Typography.Paragraph>
        <ErrorAlert lines={errors} />
        <Form form={form} layout="vertical" onFinish={compile}>
          <Form.Item name="until" label={t('until')} extra={t('untilHelp')}>
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
