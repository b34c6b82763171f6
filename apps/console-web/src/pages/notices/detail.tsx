import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Form,
  Input,
  Result,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { FormInstance } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, api, ok } from '../../api/client';
import { useMe } from '../../app/session';
import { ErrorAlert, useApplyError, useErrorText } from '../../components/errors';
import { useScrollableTables } from '../../components/keyboard';
import { describeReason } from '../../i18n/errors';
import { useI18n } from '../../i18n/i18n';
import {
  chinaToday,
  Countdown,
  RuleNote,
  useDescriptionsLayout,
} from '../enterprise-shared/Countdown';
import { ToneTag } from '../lab-shared/ToneTag';
import { useObjectionOfNotice } from './objections';
import { useNoticeT, type FailedItem, type Notice, type NoticeT, type Objection } from './labels';

/**
 * One result notice: the result and its failed items, the objection deadline counting down
 * (working or calendar days, as its sector rule counts), the receipt recorded when the
 * addressee opens it, and the objection: the form to file one, then its progress.
 */
export default function NoticeDetailPage() {
  const { id = '' } = useParams();
  const t = useNoticeT();
  const { t: tc, date, dateTime } = useI18n();
  const me = useMe();
  const client = useQueryClient();
  const errorText = useErrorText();
  const box = useScrollableTables();
  const layout = useDescriptionsLayout();
  const q = useQuery({
    queryKey: ['notice', id],
    queryFn: () => ok(api.GET('/api/v1/notices/{id}', { params: { path: { id } } })),
  });
  const objections = useObjectionOfNotice(id);
  const addressee = !!q.data && me.role === 'enterprise' && q.data.uscc === me.org;

  // Opening the notice is its receipt: recorded once, by the enterprise it is addressed to.
  const asked = useRef(false);
  const read = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/notices/{id}/read', { params: { path: { id } } })),
    onSuccess: (n) => {
      client.setQueryData(['notice', id], n);
      void client.invalidateQueries({ queryKey: ['notices'] });
    },
  });
  useEffect(() => {
    if (addressee && q.data?.readAt === null && !asked.current) {
      asked.current = true;
      read.mutate();
    }
  }, [addressee, q.data?.readAt, read]);

  if (q.isLoading) return <Spin aria-label={tc('common.loading')} />;
  if (!q.data)
    return (
      <Result
        status={q.error instanceof ApiError && q.error.status === 404 ? '404' : 'error'}
        title={errorText(q.error)}
        extra={<Link to="/notices">{tc('action.back')}</Link>}
      />
    );
  const n = q.data;
  const failed = n.failedItems as unknown as FailedItem[];
  const objection = objections.objection;
  const kind = n.objectionDeadlineRule?.dayKind ?? 'working';
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('title')} · {n.sampleNo}{' '}
        <ToneTag tone={n.verdict === 'fail' ? 'bad' : n.verdict === 'pass' ? 'ok' : 'plain'}>
          {t(`verdict_${n.verdict}` as never)}
        </ToneTag>
      </Typography.Title>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {n.readAt ? (
          <Alert
            type="success"
            showIcon
            role="status"
            title={t('receiptRecorded', { time: dateTime(n.readAt) })}
          />
        ) : read.error ? (
          <ErrorAlert lines={[t('receiptFailed'), errorText(read.error)]} />
        ) : null}
        {!addressee && me.role === 'enterprise' && (
          <Alert type="info" showIcon title={t('manufacturerCopy')} />
        )}
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} layout={layout}>
          <Descriptions.Item label={t('product')}>
            {[n.product.name, n.product.brand, n.product.spec, n.product.batch]
              .filter(Boolean)
              .join(' · ')}
          </Descriptions.Item>
          <Descriptions.Item label={t('lab')}>{n.lab.name}</Descriptions.Item>
          <Descriptions.Item label={t('reportNo')}>
            {n.reportNo}（{t('reportVersion')} {n.reportVersion}）
          </Descriptions.Item>
          <Descriptions.Item label={t('uscc')}>{n.uscc}</Descriptions.Item>
          {n.amendmentReason && (
            <Descriptions.Item label={t('amendmentReason')} span={2}>
              {n.amendmentReason}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('servedOn')}>{date(n.servedOn)}</Descriptions.Item>
          <Descriptions.Item label={t('objectionDeadline')}>
            {n.verdict === 'fail' && !objection ? (
              <Countdown deadline={n.objectionDeadline} kind={kind} left={n.daysLeft} />
            ) : (
              date(n.objectionDeadline)
            )}
            {n.deadlineProvisional && (
              <Typography.Text type="secondary"> （{t('provisional')}）</Typography.Text>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('deadlineRule')} span={2}>
            <RuleNote rule={n.objectionDeadlineRule} />
          </Descriptions.Item>
        </Descriptions>
        {failed.length > 0 && (
          <div ref={box}>
            <Table<FailedItem>
              size="small"
              bordered
              pagination={false}
              rowKey="itemCode"
              caption={t('failedItems')}
              dataSource={failed}
              scroll={{ x: 640 }}
              columns={[
                { title: t('itemCode'), dataIndex: 'itemCode', width: 110 },
                { title: t('itemName'), dataIndex: 'itemName', width: 180 },
                {
                  title: t('value'),
                  key: 'value',
                  width: 140,
                  render: (_: unknown, r) => [r.value, r.unit].filter(Boolean).join(' '),
                },
                { title: t('limit'), dataIndex: 'limit', width: 160 },
              ]}
            />
          </div>
        )}
        {objection ? (
          <ObjectionCard o={objection} t={t} />
        ) : (
          addressee &&
          n.verdict === 'fail' &&
          !objections.isLoading && <FileObjection n={n} failed={failed} t={t} />
        )}
      </Space>
    </>
  );
}

interface FileValues {
  items: string[];
  reason: string;
  contact: { name: string; phone: string; email?: string; address?: string };
}

/**
 * The objection's refusals where the user looks: a contested item that did not fail, or one
 * the rules do not retest, beside the items; the contact's fields beside theirs; the deadline
 * and the rule in the alert above.
 */
function useFileError() {
  const { lang } = useI18n();
  const applyError = useApplyError();
  const errorText = useErrorText();
  return (form: FormInstance<FileValues>, e: unknown): string[] => {
    if (!(e instanceof ApiError)) return applyError(form, e);
    const itemErrors = e.fieldErrors.filter((f) => /^items(\[\d+\])?$/.test(f.field));
    const rest = e.fieldErrors.filter((f) => !itemErrors.includes(f));
    const beside = itemErrors.map((f) => describeReason(f.reason, lang));
    if (e.code === 'RETEST_NOT_ALLOWED') beside.push(errorText(e));
    if (beside.length) form.setFields([{ name: 'items', errors: beside }]);
    return applyError(form, new ApiError(e.status, { ...e.body, errors: rest }));
  };
}

function FileObjection({ n, failed, t }: { n: Notice; failed: FailedItem[]; t: NoticeT }) {
  const [form] = Form.useForm<FileValues>();
  const client = useQueryClient();
  const fileError = useFileError();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[] | null>(null);
  const late = chinaToday() > n.objectionDeadline;
  const submit = async (v: FileValues) => {
    setBusy(true);
    setErrors(null);
    try {
      const contact = Object.fromEntries(
        Object.entries(v.contact).filter(([, x]) => typeof x === 'string' && x.trim() !== ''),
      ) as FileValues['contact'];
      await ok(
        api.POST('/api/v1/notices/{id}/objections', {
          params: { path: { id: n.id } },
          body: { items: v.items, reason: v.reason, contact },
        }),
      );
      await client.invalidateQueries({ queryKey: ['objections'] });
    } catch (e) {
      setErrors(fileError(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('fileTitle')}>
      <Typography.Paragraph type="secondary">{t('fileHelp')}</Typography.Paragraph>
      {late && <Alert type="warning" showIcon title={t('late')} style={{ marginBottom: 16 }} />}
      <ErrorAlert lines={errors} />
      <Form<FileValues>
        form={form}
        layout="vertical"
        aria-label={t('fileTitle')}
        onFinish={(v) => void submit(v)}
        initialValues={{ items: failed.length === 1 ? [failed[0].itemCode] : [] }}
      >
        <Form.Item
          name="items"
          label={t('items')}
          // A validator, not `required`: antd would put aria-required on the checkboxes' group,
          // which the role does not allow (axe: aria-allowed-attr).
          rules={[
            {
              validator: (_, v: string[] | undefined) =>
                v?.length ? Promise.resolve() : Promise.reject(new Error(t('itemsRequired'))),
            },
          ]}
        >
          <Checkbox.Group
            options={failed.map((f) => ({
              value: f.itemCode,
              label: `${f.itemName}（${f.itemCode}）`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('reason')}
          rules={[{ required: true, whitespace: true, message: t('reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name={['contact', 'name']}
              label={t('contactName')}
              rules={[{ required: true, whitespace: true, message: t('required') }]}
            >
              <Input autoComplete="name" maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name={['contact', 'phone']}
              label={t('contactPhone')}
              rules={[{ required: true, whitespace: true, message: t('required') }]}
            >
              <Input autoComplete="tel" inputMode="tel" maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['contact', 'email']} label={t('contactEmail')}>
              <Input autoComplete="email" inputMode="email" maxLength={201} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['contact', 'address']} label={t('contactAddress')}>
              <Input autoComplete="street-address" maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** The objection as it goes on: the decision, the retest lab drawn, the retest's conclusion. */
function ObjectionCard({ o, t }: { o: Objection; t: NoticeT }) {
  const { date, dateTime } = useI18n();
  const layout = useDescriptionsLayout();
  const contact = o.contact as unknown as Record<string, string | undefined>;
  const tone =
    o.state === 'rejected'
      ? 'bad'
      : o.state === 'concluded'
        ? o.conclusion === 'overturned'
          ? 'ok'
          : 'bad'
        : 'info';
  return (
    <Card
      title={
        <span>
          {t('followTitle')} <ToneTag tone={tone}>{t(`state_${o.state}` as never)}</ToneTag>
        </span>
      }
    >
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} layout={layout}>
        <Descriptions.Item label={t('items')}>
          {o.items.map((i) => (
            <Tag key={i}>{i}</Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('filedOn')}>{date(o.filedOn)}</Descriptions.Item>
        <Descriptions.Item label={t('reason')} span={2}>
          {o.reason}
        </Descriptions.Item>
        <Descriptions.Item label={t('contact')} span={2}>
          {[contact.name, contact.phone, contact.email, contact.address]
            .filter(Boolean)
            .join(' · ')}
        </Descriptions.Item>
        {o.state === 'filed' ? (
          <Descriptions.Item label={t('decisionDue')} span={2}>
            <Countdown deadline={o.decisionDue} kind={o.decisionDueRule.dayKind ?? 'working'} />
            <div>
              <RuleNote rule={o.decisionDueRule} />
            </div>
          </Descriptions.Item>
        ) : (
          <Descriptions.Item label={t('decidedOn')}>{date(o.decidedOn)}</Descriptions.Item>
        )}
        {o.decisionReason && (
          <Descriptions.Item label={t('decisionReason')} span={2}>
            {o.decisionReason}
          </Descriptions.Item>
        )}
        {o.feePayer && (
          <Descriptions.Item label={t('feePayer')}>
            {t(`feePayer_${o.feePayer}` as never)}
          </Descriptions.Item>
        )}
        {o.retestLab && (
          <>
            <Descriptions.Item label={t('retestLab')}>{o.retestLab.name}</Descriptions.Item>
            <Descriptions.Item label={t('drawnAt')}>{dateTime(o.drawnAt)}</Descriptions.Item>
          </>
        )}
        {o.refusals.length > 0 && (
          <Descriptions.Item label={t('refusals')} span={2}>
            {o.refusals.length}
          </Descriptions.Item>
        )}
        {o.conclusion && (
          <Descriptions.Item label={t('conclusion')}>
            {t(`conclusion_${o.conclusion}` as never)}
          </Descriptions.Item>
        )}
        {o.stillFailing && o.stillFailing.length > 0 && (
          <Descriptions.Item label={t('stillFailing')}>
            {o.stillFailing.join('、')}
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
