import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, apiRequest, download } from '../../api/client';
import type { components } from '../../api/tasks.schema';
import { useMe } from '../../app/session';
import { useFormSubmit } from '../../components/DrawPanel';
import { ErrorAlert, useErrorText } from '../../components/errors';
import { useScrollableTables } from '../../components/keyboard';
import { useI18n } from '../../i18n/i18n';
import { ESCALATION_LADDER, REGULATOR_STEPS, useCaseT, type CaseT } from './labels';
import { useTaskT } from '../tasks/labels';

type Case = components['schemas']['CaseDetailDto'];
type Lab = components['schemas']['LabDto'];
type Localized = { zh?: string; en?: string };

const INVALIDATE = [['case'], ['cases']];

/**
 * One follow-up case (docs/cases.md): the failure, the correction order and its working-day
 * deadline, the enterprise's report with its attachments, the re-inspection task, the
 * escalation ladder, the history, the closing decision, and the recall of the failed batch
 * by its downstream holders. A regulator of the jurisdiction has a control for each of its
 * steps (order, re-inspection, close); the server decides and its refusals are shown.
 */
export default function CaseDetailPage() {
  const { id = '' } = useParams();
  const t = useCaseT();
  const me = useMe();
  const { t: tc, date, dateTime } = useI18n();
  const errorText = useErrorText();
  const url = `/api/v1/cases/${encodeURIComponent(id)}`;
  const q = useQuery({ queryKey: ['case', id], queryFn: () => apiRequest<Case>('GET', url) });

  if (q.isLoading) return <Spin aria-label={tc('common.loading')} />;
  if (!q.data)
    return (
      <Result
        status={q.error instanceof ApiError && q.error.status === 404 ? '404' : 'error'}
        title={errorText(q.error)}
        extra={<Link to="/cases">{tc('action.back')}</Link>}
      />
    );
  const c = q.data;
  const steps = me.role === 'regulator' ? (REGULATOR_STEPS[c.state] ?? []) : [];
  const failed = c.failedItems as {
    itemCode?: string;
    itemName?: string;
    value?: string;
    unit?: string | null;
    limit?: string;
  }[];
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('caseTitle')} · {c.sampleNo}{' '}
        <Tag
          color={c.state === 'escalated' ? 'orange' : c.state === 'closed' ? 'green' : undefined}
        >
          {t(`state_${c.state}` as never)}
        </Tag>
        {c.overdue && <Tag color="red">{t('overdue')}</Tag>}
      </Typography.Title>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('enterprise')}>
            {c.enterprise.name}（{c.enterprise.uscc}）
          </Descriptions.Item>
          <Descriptions.Item label={t('manufacturer')}>
            {c.manufacturerUscc ?? tc('common.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('product')}>
            {[c.product.name, c.product.brand].filter(Boolean).join(' · ')}
          </Descriptions.Item>
          <Descriptions.Item label={t('category')}>
            {c.category.name}（{c.category.code}）
          </Descriptions.Item>
          <Descriptions.Item label="GTIN">{c.product.gtin ?? tc('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('batch')}>
            {c.product.batch ?? tc('common.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('sampleNo')}>
            <Link to={`/samples/${encodeURIComponent(c.sampleNo)}`}>{c.sampleNo}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('originalTask')}>
            <Link to={`/tasks/${c.taskId}`}>{t('open')}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('finalOn')}>{date(c.finalOn)}</Descriptions.Item>
          <Descriptions.Item label={t('openedAt')}>{dateTime(c.openedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('failedItems')} span={{ xs: 1, md: 2 }}>
            {failed.map((f) => (
              <div key={f.itemCode}>
                {t('failedItem', {
                  name: f.itemName ?? f.itemCode,
                  value: f.value ?? '',
                  unit: f.unit ?? '',
                  limit: f.limit ?? '',
                })}
              </div>
            ))}
          </Descriptions.Item>
        </Descriptions>
        {me.role === 'admin' && <Alert type="info" showIcon title={t('readOnly')} />}
        <OrderCard c={c} t={t} />
        <ReportCard c={c} url={url} t={t} />
        <ReinspectionCard c={c} t={t} />
        <LadderCard c={c} t={t} />
        {c.closing && <ClosingCard c={c} t={t} />}
        {/* The regulator's next steps, as the state offers them. */}
        {steps.includes('reinspect') && <ReinspectionForm c={c} url={url} t={t} />}
        {steps.includes('order') && <OrderForm url={url} again={c.order !== null} t={t} />}
        {steps.includes('close') && <CloseForm url={url} t={t} />}
        <RecallCard c={c} t={t} />
        <StepsCard c={c} t={t} />
      </Space>
    </>
  );
}

function OrderCard({ c, t }: { c: Case; t: CaseT }) {
  const { date, workingDays, lang } = useI18n();
  const o = c.order;
  if (!o)
    return (
      <Card title={t('orderTitle')}>
        <Typography.Text type="secondary">{t('orderNone')}</Typography.Text>
      </Card>
    );
  const basis = o.basis as {
    from?: string;
    covered?: boolean;
    firstUncovered?: string | null;
    source?: Localized | string;
  };
  const source = typeof basis.source === 'string' ? basis.source : basis.source?.[lang];
  return (
    <Card title={t('orderTitle')}>
      {basis.covered === false && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('calendarNotCovered', { day: date(basis.firstUncovered) })}
        />
      )}
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('deadline')}>
          <Typography.Text strong>{date(o.deadline)}</Typography.Text>{' '}
          {c.overdue && <Tag color="red">{t('overdue')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('workingDays')}>{workingDays(o.workingDays)}</Descriptions.Item>
        <Descriptions.Item label={t('orderedOn')}>{date(o.on)}</Descriptions.Item>
        <Descriptions.Item label={t('orderedBy')}>{o.by}</Descriptions.Item>
        <Descriptions.Item label={t('requirements')} span={{ xs: 1, md: 2 }}>
          {o.text}
        </Descriptions.Item>
        <Descriptions.Item label={t('deadlineBasis')} span={{ xs: 1, md: 2 }}>
          {t('deadlineBasisText', {
            from: date(basis.from ?? o.on),
            days: workingDays(o.workingDays),
            deadline: date(o.deadline),
          })}
          {source && (
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {source}
            </Typography.Paragraph>
          )}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function OrderForm({ url, again, t }: { url: string; again: boolean; t: CaseT }) {
  const [form] = Form.useForm();
  const { busy, errors, run } = useFormSubmit(INVALIDATE);
  const title = again ? t('orderAgain') : t('orderAction');
  return (
    <Card title={title}>
      <ErrorAlert lines={errors} />
      <Form
        form={form}
        layout="vertical"
        name="order"
        aria-label={title}
        onFinish={(v: { workingDays?: number | null; requirements?: string }) =>
          run(form, () =>
            apiRequest('POST', `${url}/order`, {
              workingDays: v.workingDays ?? null,
              requirements: v.requirements ?? '',
            }),
          )
        }
      >
        <Form.Item name="workingDays" label={t('workingDays')} extra={t('workingDaysHelp')}>
          <InputNumber style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="requirements" label={t('requirements')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('orderAction')}
        </Button>
      </Form>
    </Card>
  );
}

function ReportCard({ c, url, t }: { c: Case; url: string; t: CaseT }) {
  const { date, number } = useI18n();
  const errorText = useErrorText();
  const [error, setError] = useState<string[] | null>(null);
  const r = c.rectification;
  if (!r)
    return (
      <Card title={t('reportTitle')}>
        <Typography.Text type="secondary">{t('reportNone')}</Typography.Text>
      </Card>
    );
  return (
    <Card title={t('reportTitle')}>
      <ErrorAlert lines={error} />
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('reportedOn')}>{date(r.on)}</Descriptions.Item>
        <Descriptions.Item label={t('reportedBy')}>{r.by}</Descriptions.Item>
        <Descriptions.Item label={t('reportTitle')} span={{ xs: 1, md: 2 }}>
          <div style={{ whiteSpace: 'pre-wrap' }}>{r.text}</div>
        </Descriptions.Item>
        <Descriptions.Item label={t('attachments')} span={{ xs: 1, md: 2 }}>
          {r.attachments.length === 0 && t('attachmentsNone')}
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {r.attachments.map((a) => (
              <li key={a.sha256}>
                {a.name}（{a.mediaType}，{t('size', { kb: number(Math.ceil(a.size / 1024)) })}）{' '}
                <Button
                  size="small"
                  aria-label={`${t('download')} ${a.name}`}
                  onClick={() => {
                    setError(null);
                    download(`${url}/attachments/${a.sha256}`, a.name).catch((e: unknown) =>
                      setError([errorText(e)]),
                    );
                  }}
                >
                  {t('download')}
                </Button>
                <div>
                  <Typography.Text type="secondary" code style={{ wordBreak: 'break-all' }}>
                    SHA-256 {a.sha256}
                  </Typography.Text>
                </div>
              </li>
            ))}
          </ul>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function ReinspectionCard({ c, t }: { c: Case; t: CaseT }) {
  const r = c.reinspection;
  const tt = useTaskT();
  return (
    <Card title={t('reinspectionTitle')}>
      {!r ? (
        <Typography.Text type="secondary">{t('reinspectionNone')}</Typography.Text>
      ) : (
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('reinspectionTask')}>
            <Link to={`/tasks/${r.taskId}`}>{t('open')}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('taskState')}>
            {tt(`state_${r.taskState}` as never)}
          </Descriptions.Item>
          <Descriptions.Item label={t('reSampleNo')}>
            {r.sampleNo ? (
              <Link to={`/samples/${encodeURIComponent(r.sampleNo)}`}>{r.sampleNo}</Link>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('outcome')}>
            {r.outcome ? t(`outcome_${r.outcome}` as never) : '—'}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}

function ReinspectionForm({ c, url, t }: { c: Case; url: string; t: CaseT }) {
  const [form] = Form.useForm();
  const { busy, errors, run } = useFormSubmit(INVALIDATE);
  const labs = useQuery({
    queryKey: ['labs', 'accredited', c.category.code],
    queryFn: () =>
      apiRequest<{ items: Lab[] }>(
        'GET',
        `/api/v1/labs?active=true&category=${encodeURIComponent(c.category.code)}&limit=100`,
      ),
  });
  const submit = (v: { staffNos?: string[]; labId?: string; dueDate?: string }) =>
    run(form, async () => {
      try {
        await apiRequest('POST', `${url}/reinspection`, {
          staffNos: [v.staffNos?.[0] ?? '', v.staffNos?.[1] ?? ''],
          labId: v.labId ?? '',
          dueDate: v.dueDate || undefined,
        });
      } catch (e) {
        // A refusal of the pair as a whole is shown beside the second inspector.
        if (e instanceof ApiError && e.body.errors)
          e.body.errors = e.body.errors.map((x) =>
            x.field === 'staffNos' ? { ...x, field: 'staffNos[1]' } : x,
          );
        throw e;
      }
    });
  return (
    <Card title={t('reinspectAction')}>
      <Typography.Paragraph type="secondary">{t('reinspectHelp')}</Typography.Paragraph>
      <ErrorAlert lines={errors} />
      <Form
        form={form}
        layout="vertical"
        name="reinspect"
        aria-label={t('reinspectAction')}
        onFinish={submit}
      >
        <Row gutter={8}>
          {[0, 1].map((i) => (
            <Col xs={24} md={12} key={i}>
              <Form.Item name={['staffNos', i]} label={t(i === 0 ? 'staffNo1' : 'staffNo2')}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Form.Item name="labId" label={t('lab')}>
          <Select
            aria-label={t('lab')}
            loading={labs.isLoading}
            options={(labs.data?.items ?? []).map((l) => ({ value: l.id, label: l.name }))}
          />
        </Form.Item>
        <Form.Item name="dueDate" label={t('dueDate')}>
          <Input type="date" style={{ width: 200 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('reinspectAction')}
        </Button>
      </Form>
    </Card>
  );
}

/** The rungs of Product Quality Law art. 17, those reached with their step. */
function LadderCard({ c, t }: { c: Case; t: CaseT }) {
  const { date } = useI18n();
  return (
    <Card title={t('escalation')}>
      <ol style={{ margin: 0, paddingInlineStart: 20 }} aria-label={t('escalation')}>
        {ESCALATION_LADDER.map((rung, i) => {
          const step = c.steps.find((s) => s.escalation === rung);
          const reached = c.escalationLevel > i;
          return (
            <li key={rung} style={{ marginBottom: 8 }}>
              <Tag color={reached ? (i === 2 ? 'red' : 'orange') : undefined}>
                {t(`escalation_${rung}`)}
              </Tag>
              {step ? (
                <>
                  {date(step.on)} · {step.by === 'system:followup' ? t('system') : step.by}
                  {step.reason && (
                    <Typography.Paragraph style={{ margin: '4px 0 0' }}>
                      {step.reason}
                    </Typography.Paragraph>
                  )}
                </>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              )}
            </li>
          );
        })}
      </ol>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('ladderSource')}
      </Typography.Paragraph>
    </Card>
  );
}

function ClosingCard({ c, t }: { c: Case; t: CaseT }) {
  const { date } = useI18n();
  const k = c.closing!;
  return (
    <Card title={t('closing')}>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('result')}>
          <Tag color={k.result === 'rectified' ? 'green' : 'red'}>
            {t(`result_${k.result}` as never)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('closedOn')}>{date(k.on)}</Descriptions.Item>
        <Descriptions.Item label={t('closedBy')}>{k.by}</Descriptions.Item>
        <Descriptions.Item label={t('closeReason')} span={{ xs: 1, md: 2 }}>
          {k.reason}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function CloseForm({ url, t }: { url: string; t: CaseT }) {
  const [form] = Form.useForm();
  const { busy, errors, run } = useFormSubmit(INVALIDATE);
  return (
    <Card title={t('closeTitle')}>
      <Typography.Paragraph type="secondary">{t('closeHelp')}</Typography.Paragraph>
      <ErrorAlert lines={errors} />
      <Form
        form={form}
        layout="vertical"
        name="close"
        aria-label={t('closeTitle')}
        onFinish={(v: { reason?: string }) =>
          run(form, () => apiRequest('POST', `${url}/close`, { reason: v.reason ?? '' }))
        }
      >
        <Form.Item name="reason" label={t('closeReason')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('closeAction')}
        </Button>
      </Form>
    </Card>
  );
}

function RecallCard({ c, t }: { c: Case; t: CaseT }) {
  const { dateTime, number } = useI18n();
  const box = useScrollableTables();
  const r = c.recall;
  const d = r.decision as {
    decision?: string;
    reason?: string;
    uscc?: string;
    at?: string;
  } | null;
  return (
    <Card title={t('recallTitle')}>
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="GTIN">{r.gtin ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('batch')}>{r.batch ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('decision')} span={{ xs: 1, md: 2 }}>
            {d?.decision ? (
              <>
                <Tag color="blue">{t(`decision_${d.decision}` as never)}</Tag>
                {d.reason}
                <div>
                  <Typography.Text type="secondary">
                    {t('decisionBy')}：{d.uscc} · {t('decisionAt')}：{dateTime(d.at)}
                  </Typography.Text>
                </div>
              </>
            ) : (
              t('decisionNone')
            )}
          </Descriptions.Item>
        </Descriptions>
        {!r.gtin || !r.batch ? (
          <Typography.Text type="secondary">{t('recallNoBatch')}</Typography.Text>
        ) : (
          <>
            <Typography.Text role="status">
              {t('recallSummary', {
                holders: number(r.accountHolders),
                confirmed: number(r.confirmed),
              })}
            </Typography.Text>
            <div ref={box}>
              <Table
                size="small"
                bordered
                pagination={false}
                rowKey="holder"
                dataSource={r.holders}
                caption={t('holders')}
                locale={{ emptyText: t('holdersNone') }}
                scroll={{ x: 900 }}
                columns={[
                  {
                    title: t('holder'),
                    dataIndex: 'holder',
                    width: 260,
                    render: (v: string) => (
                      <Typography.Text code style={{ wordBreak: 'break-all' }}>
                        {v}
                      </Typography.Text>
                    ),
                  },
                  {
                    title: t('holderEnterprise'),
                    key: 'enterprise',
                    width: 200,
                    render: (_: unknown, h) =>
                      h.uscc ? `${h.enterpriseName ?? ''}（${h.uscc}）` : t('noAccount'),
                  },
                  {
                    title: t('firstAt'),
                    dataIndex: 'firstAt',
                    width: 150,
                    render: (v: string) => dateTime(v),
                  },
                  {
                    title: t('events'),
                    dataIndex: 'events',
                    width: 80,
                    render: (v: number) => number(v),
                  },
                  {
                    title: t('notified'),
                    key: 'notified',
                    width: 170,
                    render: (_: unknown, h) =>
                      !h.uscc
                        ? t('notifyNoAccount')
                        : h.notifiedAt
                          ? t('notifiedAt', { at: dateTime(h.notifiedAt) })
                          : t('notNotified'),
                  },
                  {
                    title: t('confirmed'),
                    key: 'confirmed',
                    width: 220,
                    render: (_: unknown, h) =>
                      h.confirmed ? (
                        <>
                          <Tag color="green">
                            {t(h.confirmed.method === 'epcis' ? 'confirmedEpcis' : 'confirmedApi', {
                              at: dateTime(h.confirmed.at),
                            })}
                          </Tag>
                          {h.confirmed.note && <div>{h.confirmed.note}</div>}
                        </>
                      ) : h.uscc ? (
                        t('notConfirmed')
                      ) : (
                        '—'
                      ),
                  },
                ]}
              />
            </div>
          </>
        )}
      </Space>
    </Card>
  );
}

function StepsCard({ c, t }: { c: Case; t: CaseT }) {
  const { date } = useI18n();
  const box = useScrollableTables();
  return (
    <Card title={t('steps')}>
      <div ref={box}>
        <Table
          size="small"
          bordered
          pagination={false}
          rowKey="seq"
          dataSource={c.steps}
          caption={t('steps')}
          scroll={{ x: 800 }}
          columns={[
            { title: t('stepOn'), dataIndex: 'on', width: 130, render: (v: string) => date(v) },
            {
              title: t('stepEvent'),
              key: 'event',
              width: 200,
              render: (_: unknown, s) => (
                <>
                  {t(`event_${s.event}` as never)}
                  {s.escalation && (
                    <Tag color="orange" style={{ marginInlineStart: 4 }}>
                      {t(`escalation_${s.escalation}` as never)}
                    </Tag>
                  )}
                </>
              ),
            },
            {
              title: t('stepTransition'),
              key: 'transition',
              width: 220,
              render: (_: unknown, s) =>
                s.from && s.from !== s.to
                  ? `${t(`state_${s.from}` as never)} → ${t(`state_${s.to}` as never)}`
                  : t(`state_${s.to}` as never),
            },
            {
              title: t('stepBy'),
              dataIndex: 'by',
              width: 160,
              render: (v: string) => (v === 'system:followup' ? t('system') : v),
            },
            { title: t('stepReason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </div>
    </Card>
  );
}
