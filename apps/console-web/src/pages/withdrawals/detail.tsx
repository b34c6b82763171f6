import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Result,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, api, ok } from '../../api/client';
import { ErrorAlert, useApplyError, useErrorText } from '../../components/errors';
import { useScrollableTables } from '../../components/keyboard';
import { useI18n } from '../../i18n/i18n';
import { useDescriptionsLayout } from '../enterprise-shared/Countdown';
import { ToneTag } from '../lab-shared/ToneTag';
import type { FailedItem } from '../notices/labels';
import { useWithdrawalT, type HeldCase, type WithdrawalT } from './labels';

type Place = HeldCase['holding']['places'][number];

/**
 * 下架确认: a holder of a failed batch (named by the batch's EPCIS events, neither the sampled
 * enterprise nor its manufacturer) reads what concerns it — the product and batch, the failure,
 * the manufacturer's recall decision, its own places and notification — and confirms that the
 * batch is off its shelves. Reached from its `recall_holder` notification on the start page.
 */
export default function WithdrawalPage() {
  const { id = '' } = useParams();
  const t = useWithdrawalT();
  const { t: tc, date, dateTime } = useI18n();
  const errorText = useErrorText();
  const layout = useDescriptionsLayout();
  const box = useScrollableTables();
  const q = useQuery({
    queryKey: ['withdrawal', id],
    queryFn: () => ok(api.GET('/api/v1/cases/{id}/withdrawal', { params: { path: { id } } })),
  });
  if (q.isLoading) return <Spin aria-label={tc('common.loading')} />;
  if (!q.data)
    return (
      <Result
        status={q.error instanceof ApiError && q.error.status === 404 ? '404' : 'error'}
        title={errorText(q.error)}
        extra={<Link to="/">{tc('action.back')}</Link>}
      />
    );
  const c = q.data;
  const failed = c.failedItems as unknown as FailedItem[];
  const confirmed = c.holding.confirmed;
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('title')} · {c.sampleNo}{' '}
        {confirmed ? (
          <ToneTag tone="ok">{t('confirmedTag')}</ToneTag>
        ) : c.status === 'withdrawn' ? (
          <ToneTag tone="plain">{t('status_withdrawn')}</ToneTag>
        ) : (
          <ToneTag tone="warn">{t('pendingTag')}</ToneTag>
        )}
      </Typography.Title>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('intro')}
        </Typography.Paragraph>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          layout={layout}
          aria-label={t('batchTitle')}
        >
          <Descriptions.Item label={t('product')}>
            {[c.product.name, c.product.brand].filter(Boolean).join(' · ')}
          </Descriptions.Item>
          <Descriptions.Item label={t('category')}>{c.category.name}</Descriptions.Item>
          <Descriptions.Item label={t('gtin')}>{c.product.gtin ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('batch')}>{c.product.batch ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('finalOn')}>{date(c.finalOn)}</Descriptions.Item>
          <Descriptions.Item label={t('notifiedAt')}>
            {c.holding.notifiedAt ? dateTime(c.holding.notifiedAt) : t('notNotified')}
          </Descriptions.Item>
          {failed.length > 0 && (
            <Descriptions.Item label={t('failedItems')} span={2}>
              {failed.map((f) => (
                <Tag key={f.itemCode}>
                  {f.itemName}（{f.itemCode}）{f.value}
                  {f.unit ? ` ${f.unit}` : ''}
                  {f.limit ? ` · ${t('limit')} ${f.limit}` : ''}
                </Tag>
              ))}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Card title={t('decisionTitle')}>
          {c.decision ? (
            <Descriptions size="small" column={{ xs: 1, md: 2 }} aria-label={t('decisionTitle')}>
              <Descriptions.Item label={t('decision')}>
                <ToneTag tone={c.decision.decision === 'no_recall' ? 'warn' : 'info'}>
                  {t(`decision_${c.decision.decision}` as never)}
                </ToneTag>
              </Descriptions.Item>
              <Descriptions.Item label={t('decidedAt')}>
                {dateTime(c.decision.at)}
              </Descriptions.Item>
              <Descriptions.Item label={t('decisionReason')} span={2}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{c.decision.reason}</span>
              </Descriptions.Item>
            </Descriptions>
          ) : (
            <Typography.Paragraph style={{ marginBottom: 0 }}>
              {t('decisionNone')}
            </Typography.Paragraph>
          )}
        </Card>
        <Card title={t('placesTitle')}>
          <div ref={box}>
            <Table<Place>
              size="small"
              rowKey="holder"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={c.holding.places}
              columns={[
                {
                  title: t('place'),
                  dataIndex: 'holder',
                  render: (v: string) => <span style={{ wordBreak: 'break-all' }}>{v}</span>,
                },
                { title: t('firstAt'), dataIndex: 'firstAt', render: (v: string) => dateTime(v) },
                { title: t('events'), dataIndex: 'events' },
              ]}
            />
          </div>
        </Card>
        <Card title={t('confirmTitle')}>
          {confirmed ? (
            <Alert
              type="success"
              showIcon
              title={
                confirmed.method === 'epcis'
                  ? t('confirmedByEpcis', {
                      eventId: confirmed.eventId ?? '',
                      at: dateTime(confirmed.at),
                    })
                  : t('confirmedByApi', { at: dateTime(confirmed.at) })
              }
              description={confirmed.note ?? undefined}
            />
          ) : c.status === 'withdrawn' ? (
            <Alert type="info" showIcon title={t('overturned')} />
          ) : (
            <ConfirmForm id={c.id} t={t} />
          )}
        </Card>
      </Space>
    </>
  );
}

/** The holder's confirmation that the batch is off its shelves, with an optional note. */
function ConfirmForm({ id, t }: { id: string; t: WithdrawalT }) {
  const [form] = Form.useForm<{ note?: string }>();
  const client = useQueryClient();
  const applyError = useApplyError();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[] | null>(null);
  const submit = async (v: { note?: string }) => {
    setBusy(true);
    setErrors(null);
    try {
      const note = v.note?.trim();
      const held = await ok(
        api.POST('/api/v1/cases/{id}/withdrawal', {
          params: { path: { id } },
          body: note ? { note } : {},
        }),
      );
      client.setQueryData(['withdrawal', id], held);
    } catch (e) {
      setErrors(applyError(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form
      form={form}
      layout="vertical"
      aria-label={t('confirmTitle')}
      onFinish={(v) => void submit(v)}
    >
      <Typography.Paragraph type="secondary">{t('confirmHelp')}</Typography.Paragraph>
      <ErrorAlert lines={errors} />
      <Form.Item name="note" label={t('note')}>
        <Input.TextArea rows={2} maxLength={2000} showCount />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('confirm')}
      </Button>
    </Form>
  );
}
