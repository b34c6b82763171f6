import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Radio,
  Space,
  Table,
  Typography,
} from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import { useMe } from '../../app/session';
import { ErrorAlert, useApplyError } from '../../components/errors';
import { useI18n } from '../../i18n/i18n';
import { ToneTag } from '../lab-shared/ToneTag';
import type { CaseDetail, CaseT } from './labels';

type Recall = CaseDetail['recall'];
type Holder = Recall['holders'][number];
type Decision = { decision: string; reason: string; by: string; uscc: string; at: string };
const DECISIONS = ['recall', 'withdraw', 'no_recall'] as const;

/**
 * 下架与召回 of the failed batch (docs/cases.md, Recall): the holders read from the captured EPCIS
 * events, how many were notified and confirmed; the named manufacturer (the sampled enterprise
 * when none is named) records its decision; a holder confirms its withdrawal.
 */
export function RecallCard({ c, t }: { c: CaseDetail; t: CaseT }) {
  const me = useMe();
  const { dateTime, number } = useI18n();
  const r = c.recall;
  const decision = r.decision as Decision | null;
  const manufacturer =
    me.role === 'enterprise' && (c.manufacturerUscc ?? c.enterprise.uscc) === me.org;
  const mine = me.role === 'enterprise' ? r.holders.find((h) => h.uscc === me.org) : undefined;
  const open = c.state !== 'withdrawn';
  return (
    <Card title={t('recallTitle')}>
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('recallIntro')}
        </Typography.Paragraph>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('gtin')}>{r.gtin ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('batch')}>{r.batch ?? '—'}</Descriptions.Item>
        </Descriptions>
        {r.gtin && r.batch ? (
          <>
            <Typography.Text strong role="status">
              {t('holdersSummary', {
                holders: number(r.holders.length),
                notified: number(r.holders.filter((h) => h.uscc && h.notifiedAt).length),
                confirmed: number(r.confirmed),
              })}
            </Typography.Text>
            <HolderTable holders={r.holders} t={t} />
          </>
        ) : (
          <Typography.Paragraph>{t('recallNoBatch')}</Typography.Paragraph>
        )}
        <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
          {t('decisionTitle')}
        </Typography.Title>
        {decision ? (
          <Descriptions size="small" column={{ xs: 1, md: 2 }} aria-label={t('decisionTitle')}>
            <Descriptions.Item label={t('decision')}>
              <ToneTag tone={decision.decision === 'no_recall' ? 'warn' : 'info'}>
                {t(`decision_${decision.decision}` as never)}
              </ToneTag>
            </Descriptions.Item>
            <Descriptions.Item label={t('decidedAt')}>{dateTime(decision.at)}</Descriptions.Item>
            <Descriptions.Item label={t('decisionReason')} span={2}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{decision.reason}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('decidedBy')}>{decision.by}</Descriptions.Item>
          </Descriptions>
        ) : (
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            {t('decisionNone')}
          </Typography.Paragraph>
        )}
        {manufacturer && open && <DecisionForm c={c} t={t} again={!!decision} />}
        {mine &&
          (mine.confirmed ? (
            <Alert type="success" showIcon title={t('confirmedMine')} />
          ) : (
            open && <ConfirmForm c={c} t={t} />
          ))}
      </Space>
    </Card>
  );
}

function HolderTable({ holders, t }: { holders: Holder[]; t: CaseT }) {
  const { dateTime } = useI18n();
  return (
    <Table<Holder>
      size="small"
      rowKey="holder"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={holders}
      locale={{ emptyText: t('noHolders') }}
      columns={[
        {
          title: t('holder'),
          dataIndex: 'holder',
          render: (v: string) => <span style={{ wordBreak: 'break-all' }}>{v}</span>,
        },
        {
          title: t('holderEnterprise'),
          key: 'enterprise',
          render: (_: unknown, h) =>
            h.uscc ? (
              `${h.enterpriseName ?? ''} ${h.uscc}`.trim()
            ) : (
              <ToneTag tone="plain">{t('noAccount')}</ToneTag>
            ),
        },
        { title: t('firstAt'), dataIndex: 'firstAt', render: (v: string) => dateTime(v) },
        {
          title: t('notifiedAt'),
          dataIndex: 'notifiedAt',
          render: (v: string | null, h) => (v ? dateTime(v) : h.uscc ? t('notNotified') : '—'),
        },
        { title: t('holderEvents'), dataIndex: 'events' },
        {
          title: t('confirmation'),
          key: 'confirmed',
          render: (_: unknown, h) =>
            h.confirmed ? (
              <ToneTag tone="ok">
                {h.confirmed.method === 'epcis'
                  ? t('confirmedByEpcis', {
                      eventId: h.confirmed.eventId ?? '',
                      at: dateTime(h.confirmed.at),
                    })
                  : t('confirmedByApi', { at: dateTime(h.confirmed.at) })}
              </ToneTag>
            ) : h.uscc ? (
              <ToneTag tone="warn">{t('notConfirmed')}</ToneTag>
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}

/** The manufacturer's decision: recall, withdraw or no recall, with the reason. */
function DecisionForm({ c, t, again }: { c: CaseDetail; t: CaseT; again: boolean }) {
  const [form] = Form.useForm<{ decision: (typeof DECISIONS)[number]; reason: string }>();
  const client = useQueryClient();
  const applyError = useApplyError();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[] | null>(null);
  const submit = async (v: { decision: (typeof DECISIONS)[number]; reason: string }) => {
    setBusy(true);
    setErrors(null);
    try {
      const updated = await ok(
        api.POST('/api/v1/cases/{id}/recall-decision', {
          params: { path: { id: c.id } },
          body: { decision: v.decision, reason: v.reason },
        }),
      );
      client.setQueryData(['case', c.id], updated);
      form.resetFields();
    } catch (e) {
      setErrors(applyError(form, e));
    } finally {
      setBusy(false);
    }
  };
  const title = again ? t('decideAgain') : t('decide');
  return (
    <Form form={form} layout="vertical" aria-label={title} onFinish={(v) => void submit(v)}>
      <ErrorAlert lines={errors} />
      <Form.Item
        name="decision"
        label={t('decision')}
        rules={[{ required: true, message: t('decisionRequired') }]}
      >
        <Radio.Group>
          {DECISIONS.map((d) => (
            <Radio key={d} value={d}>
              {t(`decision_${d}`)}
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('decisionReason')}
        rules={[{ required: true, whitespace: true, message: t('decisionReasonRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {title}
      </Button>
    </Form>
  );
}

/** A holder's confirmation that the batch is off its shelves, with an optional note. */
function ConfirmForm({ c, t }: { c: CaseDetail; t: CaseT }) {
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
      await ok(
        api.POST('/api/v1/cases/{id}/withdrawal', {
          params: { path: { id: c.id } },
          body: note ? { note } : {},
        }),
      );
      // The answer is the holder's view; the case's recall and history are read again.
      await client.invalidateQueries({ queryKey: ['case', c.id] });
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
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 0 }}>
        {t('confirmTitle')}
      </Typography.Title>
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
