import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Result,
  Select,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, apiRequest, download, queryString } from '../../api/client';
import type { components } from '../../api/tasks.schema';
import { useCursorList } from '../../api/paging';
import { ErrorAlert, useApplyError, useErrorText, LoadErrorAlert } from '../../components/errors';
import { useScrollableTables } from '../../components/keyboard';
import { useI18n } from '../../i18n/i18n';
import { usePubT, type PubT } from './labels';

type Publication = components['schemas']['PublicationDto'];
type Entry = components['schemas']['EntryDto'];
type Verification = components['schemas']['VerificationDto'];
type Files = components['schemas']['FileListDto'];

/**
 * One list: its figures, the four-eyes review (approve by a second regulator, publish), and
 * once published its verification, files, correction and withdrawal; below, its entries.
 */
export default function PublicationDetailPage() {
  const { id = '' } = useParams();
  const t = usePubT();
  const { t: tc, date, dateTime, number } = useI18n();
  const errorText = useErrorText();
  const url = `/api/v1/publications/${encodeURIComponent(id)}`;
  const q = useQuery({
    queryKey: ['publication', id],
    queryFn: () => apiRequest<Publication>('GET', url),
  });

  if (q.isLoading) return <Spin aria-label={tc('common.loading')} />;
  if (!q.data)
    return (
      <Result
        status={q.error instanceof ApiError && q.error.status === 404 ? '404' : 'error'}
        title={errorText(q.error)}
        extra={<Link to="/publications">{tc('action.back')}</Link>}
      />
    );
  const p = q.data;
  const heading =
    p.noticeNo ??
    `${p.jurisdictionName} · ${t(`kind_${p.kind}` as never)}（${t('versionOf', { version: p.version })}）`;
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {heading} <Tag>{t(`state_${p.state}` as never)}</Tag>
      </Typography.Title>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Descriptions bordered size="small" column={2}>
          <Descriptions.Item label={t('jurisdiction')}>
            {p.jurisdictionName}（{p.jurisdiction}）
          </Descriptions.Item>
          <Descriptions.Item label={t('kind')}>
            {t(`kind_${p.kind}` as never)}（{t('versionOf', { version: p.version })}）
          </Descriptions.Item>
          <Descriptions.Item label={t('until')}>{date(p.until)}</Descriptions.Item>
          <Descriptions.Item label={`${t('failedCount')} / ${t('passedCount')}`}>
            {number(p.failedCount)} / {number(p.passedCount)}
          </Descriptions.Item>
          <Descriptions.Item label={t('compiledBy')}>{p.compiledBy}</Descriptions.Item>
          <Descriptions.Item label={t('compiledAt')}>{dateTime(p.compiledAt)}</Descriptions.Item>
          {p.reason && (
            <Descriptions.Item label={t('reason')} span={2}>
              {p.reason}
            </Descriptions.Item>
          )}
          {p.approvedBy && (
            <>
              <Descriptions.Item label={t('approvedBy')}>{p.approvedBy}</Descriptions.Item>
              <Descriptions.Item label={t('approvedAt')}>
                {dateTime(p.approvedAt)}
              </Descriptions.Item>
            </>
          )}
          {p.publishedBy && (
            <>
              <Descriptions.Item label={t('publishedBy')}>{p.publishedBy}</Descriptions.Item>
              <Descriptions.Item label={t('publishedOn')}>{date(p.publishedOn)}</Descriptions.Item>
              <Descriptions.Item label={t('noticeNo')}>{p.noticeNo}</Descriptions.Item>
              <Descriptions.Item label={t('chainSeq')}>
                {p.chainSeq ?? tc('common.none')}
              </Descriptions.Item>
              <Descriptions.Item label={t('digest')} span={2}>
                <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                  {p.digest}
                </Typography.Text>
              </Descriptions.Item>
            </>
          )}
          {p.discardedBy && (
            <>
              <Descriptions.Item label={t('discardedBy')}>{p.discardedBy}</Descriptions.Item>
              <Descriptions.Item label={t('discardReason')}>
                {p.discardReason ?? tc('common.none')}
              </Descriptions.Item>
            </>
          )}
        </Descriptions>
        {p.supersededBy && (
          <Alert
            type="warning"
            role="note"
            showIcon
            title={<Link to={`/publications/${p.supersededBy}`}>{t('supersededBy')}</Link>}
          />
        )}
        {(p.state === 'draft' || p.state === 'approved') && <ReviewCard p={p} url={url} t={t} />}
        {p.state === 'published' && <PublishedCard p={p} url={url} t={t} />}
        <Entries url={url} t={t} />
      </Space>
    </>
  );
}

/** Runs a step of the list, refreshes it, and keeps the API's refusal to show. */
function useStep() {
  const client = useQueryClient();
  const applyError = useApplyError();
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<string[] | null>(null);
  const run = async <T,>(
    name: string,
    call: () => Promise<T>,
    form?: ReturnType<typeof Form.useForm>[0],
  ): Promise<T | undefined> => {
    setBusy(name);
    setErrors(null);
    try {
      const r = await call();
      await client.invalidateQueries({ queryKey: ['publication'] });
      await client.invalidateQueries({ queryKey: ['publications'] });
      return r;
    } catch (e) {
      setErrors(applyError(form, e));
      return undefined;
    } finally {
      setBusy(null);
    }
  };
  return { busy, errors, setErrors, run };
}

function ReviewCard({ p, url, t }: { p: Publication; url: string; t: PubT }) {
  const { t: tc } = useI18n();
  const { busy, errors, run } = useStep();
  const [form] = Form.useForm();
  const [discarding, setDiscarding] = useState(false);
  return (
    <Card title={t('review')}>
      <Alert
        type="info"
        role="note"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('fourEyes', { compiledBy: p.compiledBy })}
      />
      <ErrorAlert lines={errors} />
      <Space>
        {p.state === 'draft' && (
          <Button
            type="primary"
            loading={busy === 'approve'}
            onClick={() => void run('approve', () => apiRequest('POST', `${url}/approve`))}
          >
            {t('approve')}
          </Button>
        )}
        {p.state === 'approved' && (
          <Button
            type="primary"
            loading={busy === 'publish'}
            onClick={() => void run('publish', () => apiRequest('POST', `${url}/publish`))}
          >
            {t('publish')}
          </Button>
        )}
        <Button danger onClick={() => setDiscarding(true)}>
          {t('discard')}
        </Button>
      </Space>
      <Modal
        open={discarding}
        title={t('discardTitle')}
        okText={t('discard')}
        okButtonProps={{ danger: true }}
        cancelText={tc('action.cancel')}
        confirmLoading={busy === 'discard'}
        onCancel={() => setDiscarding(false)}
        onOk={() => form.submit()}
      >
        <Typography.Paragraph type="secondary">{t('discardHelp')}</Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          onFinish={async (v: { reason?: string }) => {
            const r = await run(
              'discard',
              () => apiRequest('POST', `${url}/discard`, v.reason ? { reason: v.reason } : {}),
              form,
            );
            if (r !== undefined) setDiscarding(false);
          }}
        >
          <Form.Item name="reason" label={t('discardReason')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function PublishedCard({ p, url, t }: { p: Publication; url: string; t: PubT }) {
  const { t: tc, dateTime, number } = useI18n();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const { busy, errors, setErrors, run } = useStep();
  const [verification, setVerification] = useState<Verification | null>(null);
  const [dialog, setDialog] = useState<'correct' | 'withdraw' | null>(null);
  const [form] = Form.useForm();
  const files = useQuery({
    queryKey: ['publication', p.id, 'files'],
    queryFn: () => apiRequest<Files>('GET', `${url}/files`),
  });

  const newVersion = async (v: { reason: string; remove?: string[] }) => {
    const path = dialog === 'correct' ? 'corrections' : 'withdrawal';
    const body = dialog === 'correct' && v.remove?.length ? v : { reason: v.reason };
    const r = await run(path, () => apiRequest<Publication>('POST', `${url}/${path}`, body), form);
    if (r) {
      setDialog(null);
      navigate(`/publications/${r.id}`);
    }
  };

  return (
    <Card title={t('state_published')}>
      <ErrorAlert lines={errors} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Button
          loading={busy === 'verify'}
          onClick={() =>
            void run('verify', async () => {
              setVerification(await apiRequest<Verification>('GET', `${url}/verification`));
            })
          }
        >
          {t('verify')}
        </Button>
        {!p.supersededBy && (
          <>
            <Button
              onClick={() => {
                form.resetFields();
                setDialog('correct');
              }}
            >
              {t('correct')}
            </Button>
            <Button
              danger
              onClick={() => {
                form.resetFields();
                setDialog('withdraw');
              }}
            >
              {t('withdraw')}
            </Button>
          </>
        )}
      </Space>
      {verification && (
        <Alert
          role="status"
          style={{ marginBottom: 16 }}
          type={verification.verdict === 'MATCH' ? 'success' : 'error'}
          showIcon
          title={`${verification.verdict} · ${t(`verdict_${verification.verdict}` as never)}`}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {verification.checks.map((c) => (
                <li key={c.name}>
                  {c.ok ? '✓' : '✗'} {t(`check_${c.name}` as never)}：{c.detail}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t('files')}
      </Typography.Title>
      {files.data?.items.length ? (
        <Table
          size="small"
          pagination={false}
          rowKey="name"
          dataSource={files.data.items}
          columns={[
            {
              title: t('files'),
              dataIndex: 'name',
              render: (name: string) => (
                <Button
                  type="link"
                  size="small"
                  onClick={() =>
                    void download(`${url}/files/${name}`, name).catch((e) =>
                      setErrors([errorText(e)]),
                    )
                  }
                >
                  {name}
                </Button>
              ),
            },
            { title: 'SHA-256', dataIndex: 'sha256', ellipsis: true },
            { title: 'B', dataIndex: 'size', width: 120, render: (v: number) => number(v) },
            { title: '', dataIndex: 'createdAt', width: 180, render: (v: string) => dateTime(v) },
          ]}
        />
      ) : (
        <Typography.Paragraph type="secondary">
          {files.isLoading ? tc('common.loading') : t('filesPending')}
        </Typography.Paragraph>
      )}
      <Modal
        open={dialog !== null}
        title={dialog === 'correct' ? t('correctTitle') : t('withdrawTitle')}
        okText={dialog === 'correct' ? t('correct') : t('withdraw')}
        cancelText={tc('action.cancel')}
        confirmLoading={busy === 'corrections' || busy === 'withdrawal'}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        width={600}
      >
        {dialog === 'correct' && (
          <Typography.Paragraph type="secondary">{t('correctHelp')}</Typography.Paragraph>
        )}
        <ErrorAlert lines={errors} />
        <Form form={form} layout="vertical" onFinish={newVersion}>
          <Form.Item
            name="reason"
            label={dialog === 'correct' ? t('correctReason') : t('withdrawReason')}
            rules={[{ required: true }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
          {dialog === 'correct' && (
            <Form.Item name="remove" label={t('remove')} extra={t('removeHelp')}>
              <Select mode="tags" aria-label={t('remove')} tokenSeparators={[',', '，', ' ']} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}

function Entries({ url, t }: { url: string; t: PubT }) {
  const [table, setTable] = useState<'failed' | 'passed'>('failed');
  return (
    <Card title={t('entries')}>
      <Tabs
        activeKey={table}
        onChange={(k) => setTable(k as 'failed' | 'passed')}
        items={(['failed', 'passed'] as const).map((k) => ({
          key: k,
          label: t(`table_${k}`),
          children: table === k ? <EntryTable url={url} table={k} t={t} /> : null,
        }))}
      />
    </Card>
  );
}

function EntryTable({ url, table, t }: { url: string; table: 'failed' | 'passed'; t: PubT }) {
  const { t: tc, number, date } = useI18n();
  const box = useScrollableTables();
  const list = useCursorList<Entry>(['publication', url, 'entries', table], (cursor) =>
    apiRequest('GET', `${url}/entries${queryString({ table, cursor, limit: 200 })}`),
  );
  return (
    <>
      <LoadErrorAlert error={list.error} />
      <div ref={box}>
        <Table<Entry>
          size="small"
          bordered
          rowKey="sampleNo"
          loading={list.loading}
          dataSource={list.rows}
          pagination={false}
          scroll={{ x: 1400 }}
          columns={[
            { title: t('serial'), dataIndex: 'serial', width: 60 },
            { title: t('sampleNo'), dataIndex: 'sampleNo', width: 200 },
            { title: t('manufacturerName'), dataIndex: 'manufacturerName', width: 180 },
            { title: t('sampledUnitName'), dataIndex: 'sampledUnitName', width: 180 },
            { title: t('productName'), dataIndex: 'productName', width: 120 },
            { title: t('spec'), dataIndex: 'spec', width: 100 },
            { title: t('brand'), dataIndex: 'brand', width: 100 },
            {
              title: t('productionDate'),
              key: 'pd',
              width: 150,
              render: (_: unknown, r) =>
                [r.productionDate ? date(r.productionDate) : null, r.batchNo]
                  .filter(Boolean)
                  .join(' / ') || tc('common.none'),
            },
            ...(table === 'failed'
              ? [
                  {
                    title: t('failedItems'),
                    key: 'fi',
                    width: 260,
                    render: (_: unknown, r: Entry) =>
                      r.failedItems.map((f) => (
                        <div key={f.item}>
                          {f.item} ║ {f.value}
                          {f.unit ?? ''} ║ {f.limit}
                        </div>
                      )),
                  },
                  { title: t('lab'), dataIndex: 'lab', width: 160 },
                ]
              : []),
            { title: t('category'), dataIndex: 'category', width: 120 },
          ]}
          footer={() => (
            <Space>
              <span role="status">
                {list.hasMore
                  ? tc('list.count', { count: number(list.rows.length) })
                  : tc('list.countAll', { count: number(list.rows.length) })}
              </span>
              {list.hasMore && (
                <Button
                  size="small"
                  loading={list.loadingMore}
                  onClick={() => void list.loadMore()}
                >
                  {tc('action.loadMore')}
                </Button>
              )}
            </Space>
          )}
        />
      </div>
    </>
  );
}
