import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Radio,
  Result,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ApiError, apiRequest } from '../../api/client';
import type { components } from '../../api/tasks.schema';
import { CommitmentFields, DrawPanel, useFormSubmit } from '../../components/DrawPanel';
import { ErrorAlert, useErrorText, LoadErrorAlert } from '../../components/errors';
import { useScrollableTables } from '../../components/keyboard';
import { useI18n } from '../../i18n/i18n';
import { useObjT, type ObjT } from './labels';

type Objection = components['schemas']['ObjectionDto'];
type DrawRecord = components['schemas']['RetestDrawRecordDto'];
type Verification = components['schemas']['RetestDrawVerificationDto'];

/**
 * One objection: what the enterprise contests, the decision (accept with a committed seed, or
 * reject with a reason), the retest lab's draw by revealing the seed, its record and check.
 */
export default function ObjectionDetailPage() {
  const { id = '' } = useParams();
  const t = useObjT();
  const { t: tc, date, dateTime, workingDays } = useI18n();
  const errorText = useErrorText();
  const url = `/api/v1/objections/${encodeURIComponent(id)}`;
  const q = useQuery({
    queryKey: ['objection', id],
    queryFn: () => apiRequest<Objection>('GET', url),
  });

  if (q.isLoading) return <Spin aria-label={tc('common.loading')} />;
  if (!q.data)
    return (
      <Result
        status={q.error instanceof ApiError && q.error.status === 404 ? '404' : 'error'}
        title={errorText(q.error)}
        extra={<Link to="/objections">{tc('action.back')}</Link>}
      />
    );
  const o = q.data;
  const contact = o.contact as Record<string, string | undefined>;
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('title')} · {o.sampleNo} <Tag>{t(`state_${o.state}` as never)}</Tag>
        {o.overdue && <Tag color="red">{t('overdue')}</Tag>}
      </Typography.Title>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('enterprise')}>{o.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label={t('uscc')}>{o.uscc}</Descriptions.Item>
          <Descriptions.Item label={t('product')}>
            {[o.product.name, o.product.brand, o.product.batch].filter(Boolean).join(' · ')}
          </Descriptions.Item>
          <Descriptions.Item label={t('category')}>
            {o.category.name}（{o.category.code}）
          </Descriptions.Item>
          <Descriptions.Item label={t('lab')}>{o.lab.name}</Descriptions.Item>
          <Descriptions.Item label={t('items')}>
            {o.items.map((i) => (
              <Tag key={i}>{i}</Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('reason')} span={{ xs: 1, md: 2 }}>
            {o.reason}
          </Descriptions.Item>
          <Descriptions.Item label={t('contact')} span={{ xs: 1, md: 2 }}>
            {[contact.name, contact.phone, contact.email, contact.address]
              .filter(Boolean)
              .join(' · ')}
          </Descriptions.Item>
          <Descriptions.Item label={t('filedOn')}>{date(o.filedOn)}</Descriptions.Item>
          <Descriptions.Item label={t('objectionDeadline')}>
            {date(o.objectionDeadline)}
          </Descriptions.Item>
          <Descriptions.Item label={t('decisionDue')}>{date(o.decisionDue)}</Descriptions.Item>
          <Descriptions.Item label={t('decisionDueRule')}>
            {o.decisionDueRule.label}
            {o.decisionDueRule.days !== undefined &&
              `（${
                o.decisionDueRule.dayKind === 'calendar'
                  ? tc('common.days', { count: o.decisionDueRule.days })
                  : workingDays(o.decisionDueRule.days)
              }）`}
          </Descriptions.Item>
          {o.decidedBy && (
            <>
              <Descriptions.Item label={t('decidedBy')}>{o.decidedBy}</Descriptions.Item>
              <Descriptions.Item label={t('decidedOn')}>{date(o.decidedOn)}</Descriptions.Item>
            </>
          )}
          {o.decisionReason && (
            <Descriptions.Item label={t('decisionReason')} span={{ xs: 1, md: 2 }}>
              {o.decisionReason}
            </Descriptions.Item>
          )}
          {o.commitment && (
            <Descriptions.Item label={t('commitment')} span={{ xs: 1, md: 2 }}>
              <Typography.Text code style={{ wordBreak: 'break-all' }}>
                {o.commitment}
              </Typography.Text>
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
          {o.conclusion && (
            <Descriptions.Item label={t('conclusion')}>
              {t(`conclusion_${o.conclusion}` as never)}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('custodyState')}>{o.custodyState}</Descriptions.Item>
        </Descriptions>
        {o.state === 'filed' && <DecisionCard url={url} t={t} />}
        {(o.state === 'accepted' || o.retestLab) && (
          <DrawPanel
            stage={o.state === 'accepted' ? 'reveal' : 'drawn'}
            title={t('drawTitle')}
            seedHelp={t('seedHelp')}
            reveal={(seed) => apiRequest('POST', `${url}/retest-draw`, { seed })}
            invalidate={INVALIDATE}
            record={<DrawRecordCard url={url} o={o} t={t} />}
            verify={async () =>
              (await apiRequest<Verification>('GET', `${url}/retest-draw/verification`))
                .verification
            }
          />
        )}
        {o.state === 'retest_drawn' && <RefusalCard url={url} o={o} t={t} />}
        {o.refusals.length > 0 && <RefusalsCard o={o} t={t} />}
      </Space>
    </>
  );
}

const INVALIDATE = [['objection'], ['objections']];

function DecisionCard({ url, t }: { url: string; t: ObjT }) {
  const [form] = Form.useForm();
  const { busy, errors, run } = useFormSubmit(INVALIDATE);
  const decision = Form.useWatch('decision', form) as 'accept' | 'reject' | undefined;
  return (
    <Card title={t('decide')}>
      <Typography.Paragraph type="secondary">{t('decideHelp')}</Typography.Paragraph>
      <ErrorAlert lines={errors} />
      <Form
        form={form}
        layout="vertical"
        aria-label={t('decide')}
        initialValues={{ decision: 'accept' }}
        onFinish={(v: { decision: string; reason?: string; commitment?: string }) =>
          run(form, () =>
            apiRequest(
              'POST',
              `${url}/decision`,
              v.decision === 'accept'
                ? { decision: 'accept', commitment: v.commitment?.trim() }
                : { decision: 'reject', reason: v.reason },
            ),
          )
        }
      >
        <Form.Item name="decision" label={t('decision')}>
          <Radio.Group
            options={[
              { value: 'accept', label: t('accept') },
              { value: 'reject', label: t('reject') },
            ]}
          />
        </Form.Item>
        {decision !== 'reject' ? (
          <CommitmentFields form={form} />
        ) : (
          <Form.Item name="reason" label={t('rejectReason')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('submit')}
        </Button>
      </Form>
    </Card>
  );
}

function DrawRecordCard({ url, o, t }: { url: string; o: Objection; t: ObjT }) {
  const { t: tc, number } = useI18n();
  const box = useScrollableTables();
  const record = useQuery({
    queryKey: ['objection', o.id, 'record'],
    queryFn: () => apiRequest<DrawRecord>('GET', `${url}/retest-draw`),
  });
  if (record.isLoading) return <Spin aria-label={tc('common.loading')} />;
  if (!record.data) return <LoadErrorAlert error={record.error} />;
  const r = record.data;
  const eligible = new Set(r.eligible);
  return (
    <Card title={t('recordTitle')}>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('drawnLab')}>
          {o.retestLab?.name}（{r.lab}）
        </Descriptions.Item>
        <Descriptions.Item label={t('originalLab')}>
          {o.lab.name}（{r.originalLabId}）
        </Descriptions.Item>
        <Descriptions.Item label={t('seed')}>
          <Typography.Text code>{r.seed}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('algorithmVersion')}>{r.algorithmVersion}</Descriptions.Item>
        <Descriptions.Item label={t('commitment')} span={{ xs: 1, md: 2 }}>
          <Typography.Text code style={{ wordBreak: 'break-all' }}>
            {r.commitment}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('eligibleDigest')} span={{ xs: 1, md: 2 }}>
          <Typography.Text code style={{ wordBreak: 'break-all' }}>
            {r.eligibleDigest}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('key')} span={{ xs: 1, md: 2 }}>
          <Typography.Text code style={{ wordBreak: 'break-all' }}>
            {r.key}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('index')}>{number(r.index)}</Descriptions.Item>
        <Descriptions.Item label={t('eligible')}>{number(r.eligible.length)}</Descriptions.Item>
      </Descriptions>
      <div ref={box}>
        <Table
          size="small"
          bordered
          pagination={false}
          rowKey="id"
          dataSource={r.candidates}
          caption={t('candidates')}
          columns={[
            { title: 'ID', dataIndex: 'id' },
            {
              title: t('capacity'),
              dataIndex: 'capacity',
              width: 120,
              render: (v: number) => number(v),
            },
            {
              title: t('eligible'),
              key: 'eligible',
              width: 140,
              render: (_: unknown, c) => (eligible.has(c.id) ? tc('common.yes') : tc('common.no')),
            },
            {
              title: t('drawnLab'),
              key: 'drawn',
              width: 120,
              render: (_: unknown, c) => (c.id === r.lab ? <Tag color="blue">✓</Tag> : null),
            },
          ]}
        />
      </div>
    </Card>
  );
}

/** The custody states in which the drawn lab's refusal can be recorded (libs/domain). */
const REFUSABLE = new Set(['backup_retained', 'retest_rejected']);
const REFUSAL_REASONS = ['seal_broken', 'damaged', 'no_capacity', 'other'] as const;

/**
 * The drawn lab refused the backup: the refusal is recorded with the commitment of a new draw
 * among the remaining labs (never the lab that tested nor one that refused), which the draw
 * card then reveals.
 */
function RefusalCard({ url, o, t }: { url: string; o: Objection; t: ObjT }) {
  const [form] = Form.useForm();
  const { busy, errors, run } = useFormSubmit(INVALIDATE);
  return (
    <Card title={t('refusalTitle')}>
      <Typography.Paragraph type="secondary">{t('refusalHelp')}</Typography.Paragraph>
      {!REFUSABLE.has(o.custodyState) && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('refusalNotNow', { custodyState: o.custodyState })}
        />
      )}
      <ErrorAlert lines={errors} />
      <Form
        form={form}
        layout="vertical"
        aria-label={t('refusalTitle')}
        initialValues={{
          reason: o.custodyState === 'retest_rejected' ? 'seal_broken' : 'no_capacity',
        }}
        onFinish={(v: { reason: string; note?: string; commitment?: string }) =>
          run(form, () =>
            apiRequest('POST', `${url}/retest-refusal`, {
              reason: v.reason,
              note: v.note?.trim() || undefined,
              commitment: v.commitment?.trim() ?? '',
            }),
          )
        }
      >
        <Form.Item name="reason" label={t('refusalReason')}>
          <Radio.Group
            options={REFUSAL_REASONS.map((r) => ({ value: r, label: t(`refusal_${r}`) }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('refusalNote')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <CommitmentFields form={form} />
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('refusalSubmit')}
        </Button>
      </Form>
    </Card>
  );
}

/** The labs that refused the backup so far, each with the draw that had drawn it. */
function RefusalsCard({ o, t }: { o: Objection; t: ObjT }) {
  const { dateTime } = useI18n();
  const box = useScrollableTables();
  return (
    <Card title={t('refusals')}>
      <div ref={box}>
        <Table
          size="small"
          bordered
          pagination={false}
          rowKey="recordedAt"
          dataSource={o.refusals}
          caption={t('refusals')}
          scroll={{ x: 1000 }}
          columns={[
            { title: t('refusedLab'), dataIndex: 'labId', width: 180 },
            {
              title: t('refusalReason'),
              dataIndex: 'reason',
              width: 120,
              render: (v: string) => t(`refusal_${v}` as never),
            },
            { title: t('refusalNote'), dataIndex: 'note' },
            { title: t('custodyState'), dataIndex: 'custodyState' },
            { title: t('recordedBy'), dataIndex: 'recordedBy' },
            {
              title: t('recordedAt'),
              dataIndex: 'recordedAt',
              render: (v: string) => dateTime(v),
            },
            {
              title: t('seed'),
              key: 'seed',
              render: (_: unknown, r) => (
                <Typography.Text code>{r.drawRecord.seed}</Typography.Text>
              ),
            },
          ]}
        />
      </div>
    </Card>
  );
}
