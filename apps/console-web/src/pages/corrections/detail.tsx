import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  List,
  Result,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import type { UploadFile } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, api, download, ok } from '../../api/client';
import { useMe } from '../../app/session';
import { ErrorAlert, useApplyError, useErrorText } from '../../components/errors';
import { useI18n } from '../../i18n/i18n';
import { Countdown, useDescriptionsLayout } from '../enterprise-shared/Countdown';
import { ToneTag } from '../lab-shared/ToneTag';
import type { FailedItem } from '../notices/labels';
import { useCaseT, type CaseDetail, type CaseT } from './labels';
import { RecallCard } from './recall';

const MAX_BYTES = 10 * 1024 * 1024;
const MAX_FILES = 10;

/**
 * One follow-up case as its enterprise sees it: the correction order with its deadline, the
 * rectification report (text and attachments) to send while the order stands, and the steps.
 */
export default function CorrectionDetailPage() {
  const { id = '' } = useParams();
  const t = useCaseT();
  const { t: tc, date, dateTime, workingDays, lang } = useI18n();
  const me = useMe();
  const errorText = useErrorText();
  const layout = useDescriptionsLayout();
  const q = useQuery({
    queryKey: ['case', id],
    queryFn: () => ok(api.GET('/api/v1/cases/{id}', { params: { path: { id } } })),
  });
  if (q.isLoading) return <Spin aria-label={tc('common.loading')} />;
  if (!q.data)
    return (
      <Result
        status={q.error instanceof ApiError && q.error.status === 404 ? '404' : 'error'}
        title={errorText(q.error)}
        extra={<Link to="/corrections">{tc('action.back')}</Link>}
      />
    );
  const c = q.data;
  const failed = c.failedItems as unknown as FailedItem[];
  const basis = c.order?.basis as { source?: { zh?: string; en?: string } | string } | undefined;
  const source = typeof basis?.source === 'string' ? basis.source : (basis?.source?.[lang] ?? null);
  const sampled = me.role === 'enterprise' && c.enterprise.uscc === me.org;
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('title')} · {c.sampleNo}{' '}
        <ToneTag tone={c.state === 'ordered' || c.state === 'escalated' ? 'warn' : 'plain'}>
          {t(`state_${c.state}` as never)}
        </ToneTag>
        {c.overdue && <ToneTag tone="bad">{t('overdue')}</ToneTag>}
      </Typography.Title>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} layout={layout}>
          <Descriptions.Item label={t('product')}>
            {[c.product.name, c.product.brand, c.product.batch].filter(Boolean).join(' · ')}
          </Descriptions.Item>
          <Descriptions.Item label={t('category')}>{c.category.name}</Descriptions.Item>
          <Descriptions.Item label={t('finalOn')}>{date(c.finalOn)}</Descriptions.Item>
          <Descriptions.Item label={t('openedAt')}>{dateTime(c.openedAt)}</Descriptions.Item>
          {c.escalation && (
            <Descriptions.Item label={t('escalation')} span={2}>
              <ToneTag tone="bad">{t(`escalation_${c.escalation}` as never)}</ToneTag>
            </Descriptions.Item>
          )}
          {failed.length > 0 && (
            <Descriptions.Item label={t('failedItems')} span={2}>
              {failed.map((f) => (
                <Tag key={f.itemCode}>
                  {f.itemName}（{f.itemCode}）{f.value}
                  {f.unit ? ` ${f.unit}` : ''}
                </Tag>
              ))}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Card title={t('orderTitle')}>
          {c.order ? (
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('deadline')}>
                {c.state === 'ordered' ? (
                  <Countdown deadline={c.order.deadline} kind="working" />
                ) : (
                  date(c.order.deadline)
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('orderedOn')}>{date(c.order.on)}</Descriptions.Item>
              <Descriptions.Item label={t('period')}>
                {workingDays(c.order.workingDays)}
              </Descriptions.Item>
              <Descriptions.Item label={t('orderText')}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{c.order.text}</span>
              </Descriptions.Item>
              {source && <Descriptions.Item label={t('basis')}>{source}</Descriptions.Item>}
            </Descriptions>
          ) : (
            <Typography.Paragraph>{t('orderNone')}</Typography.Paragraph>
          )}
        </Card>
        {c.rectification ? (
          <ReportCard c={c} t={t} />
        ) : (
          sampled && c.state === 'ordered' && <ReportForm c={c} t={t} />
        )}
        <RecallCard c={c} t={t} />
        {c.reinspection && (
          <Card title={t('reinspection')}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('sampleNo')}>
                {c.reinspection.sampleNo ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('reinspectionOutcome')}>
                {t(`outcome_${c.reinspection.outcome ?? 'pending'}` as never)}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        )}
        {c.closing && (
          <Card title={t('closing')}>
            <Typography.Paragraph>
              {date(c.closing.on)} · {c.closing.reason}
            </Typography.Paragraph>
          </Card>
        )}
        <Card title={t('stepsTitle')}>
          <Timeline
            items={c.steps.map((s) => ({
              key: s.seq,
              color:
                s.event === 'escalate' || s.event === 'reinspection_failed'
                  ? 'red'
                  : s.event === 'withdrawal_confirmed'
                    ? 'green'
                    : 'blue',
              content: (
                <div>
                  <strong>{t(`event_${s.event}` as never)}</strong> · {dateTime(s.at)} · {t('by')}{' '}
                  {s.by}
                  {s.escalation && ` · ${t(`escalation_${s.escalation}` as never)}`}
                  {s.reason && (
                    <div style={{ color: 'rgba(0,0,0,0.65)', whiteSpace: 'pre-wrap' }}>
                      {s.reason}
                    </div>
                  )}
                </div>
              ),
            }))}
          />
        </Card>
      </Space>
    </>
  );
}

/** The report sent: its text and attachments, each downloadable. */
function ReportCard({ c, t }: { c: CaseDetail; t: CaseT }) {
  const { date } = useI18n();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const r = c.rectification!;
  return (
    <Card title={t('reportTitle')}>
      <ErrorAlert lines={error ? [error] : null} />
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('reportedOn')}>{date(r.on)}</Descriptions.Item>
        <Descriptions.Item label={t('reportedBy')}>{r.by}</Descriptions.Item>
        <Descriptions.Item label={t('text')}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{r.text}</span>
        </Descriptions.Item>
      </Descriptions>
      <List
        size="small"
        header={<strong>{t('attachments')}</strong>}
        locale={{
          emptyText: <span style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{t('noAttachments')}</span>,
        }}
        dataSource={r.attachments}
        renderItem={(a) => (
          <List.Item
            actions={[
              <Button
                key="download"
                size="small"
                aria-label={`${t('download')} ${a.name}`}
                onClick={() =>
                  download(`/api/v1/cases/${c.id}/attachments/${a.sha256}`, a.name).catch((e) =>
                    setError(errorText(e)),
                  )
                }
              >
                {t('download')}
              </Button>,
            ]}
          >
            <span style={{ wordBreak: 'break-all' }}>
              {a.name} · {a.size < 1024 ? `${a.size} B` : `${(a.size / 1024).toFixed(1)} KB`}
            </span>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** The file's bytes as base64 (RFC 4648, padded), as the API takes attachments. */
function base64Of(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

function ReportForm({ c, t }: { c: CaseDetail; t: CaseT }) {
  const [form] = Form.useForm<{ text: string }>();
  const client = useQueryClient();
  const applyError = useApplyError();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[] | null>(null);
  const submit = async (v: { text: string }) => {
    setBusy(true);
    setErrors(null);
    try {
      const attachments = await Promise.all(
        files.map(async (f) => ({
          name: f.name,
          mediaType: f.type || 'application/octet-stream',
          content: await base64Of(f.originFileObj as Blob),
        })),
      );
      const updated = await ok(
        api.POST('/api/v1/cases/{id}/rectification', {
          params: { path: { id: c.id } },
          body: { text: v.text, attachments },
        }),
      );
      client.setQueryData(['case', c.id], updated);
      await client.invalidateQueries({ queryKey: ['cases'] });
    } catch (e) {
      setErrors(applyError(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('reportTitle')}>
      <Typography.Paragraph type="secondary">{t('reportHelp')}</Typography.Paragraph>
      {c.overdue && <Alert type="warning" showIcon title={t('overdue')} />}
      <ErrorAlert lines={errors} />
      <Form
        form={form}
        layout="vertical"
        aria-label={t('reportTitle')}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          name="text"
          label={t('text')}
          rules={[{ required: true, whitespace: true, message: t('textRequired') }]}
        >
          <Input.TextArea rows={5} maxLength={20000} showCount />
        </Form.Item>
        <Form.Item
          label={t('attachments')}
          validateStatus={fileError ? 'error' : undefined}
          help={fileError ?? undefined}
        >
          <Upload
            multiple
            fileList={files}
            beforeUpload={(file) => {
              if (file.size > MAX_BYTES) {
                setFileError(t('tooLarge', { name: file.name }));
                return Upload.LIST_IGNORE;
              }
              setFileError(null);
              setFiles((list) => {
                if (list.length >= MAX_FILES) {
                  setFileError(t('tooMany'));
                  return list;
                }
                return [
                  ...list,
                  {
                    uid: file.uid,
                    name: file.name,
                    size: file.size,
                    type: file.type,
                    originFileObj: file,
                    status: 'done',
                  },
                ];
              });
              return false;
            }}
            onRemove={(f) => setFiles((list) => list.filter((x) => x.uid !== f.uid))}
          >
            <Button>{t('choose')}</Button>
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('submit')}
        </Button>
      </Form>
    </Card>
  );
}
