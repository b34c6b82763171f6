import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import {
  ApiError,
  api,
  apiFetch,
  devToken,
  ok,
  queryString,
  toApiError,
  apiRequest,
} from '../../api/client';
import type { components } from '../../api/tasks.schema';
import { ErrorAlert, useApplyError, useErrorText, LoadErrorAlert } from '../../components/errors';
import { ListPage } from '../../components/ListPage';
import { useScrollableTables } from '../../components/keyboard';
import { describeReason } from '../../i18n/errors';
import { useI18n } from '../../i18n/i18n';
import { useEpcisT, type EpcisT } from './labels';

type Prefix = components['schemas']['GtinPrefixDto'];
type EpcisEvent = components['schemas']['EpcisEventDto'];
type Receipt = components['schemas']['CaptureReceiptDto'];
interface Problem {
  path: string;
  reason: string;
}

const EVENT_TYPES = [
  'ObjectEvent',
  'AggregationEvent',
  'TransactionEvent',
  'TransformationEvent',
  'AssociationEvent',
] as const;

/**
 * 追溯数据: the enterprise's GS1 company prefixes and GTINs (what capture checks its events
 * against), the upload of an EPCIS 2.0 document with its problems listed by path, and the
 * events captured so far.
 */
export default function EpcisPage() {
  const t = useEpcisT();
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'capture', label: t('tabCapture'), children: <Capture t={t} /> },
          { key: 'prefixes', label: t('tabPrefixes'), children: <Prefixes t={t} /> },
          { key: 'events', label: t('tabEvents'), children: <Events t={t} /> },
        ]}
      />
    </>
  );
}

function usePrefixes() {
  return useQuery({
    queryKey: ['gtin-prefixes'],
    queryFn: () =>
      ok(api.GET('/api/v1/epcis/gtin-prefixes', { params: { query: { limit: 500 } } })),
  });
}

function Prefixes({ t }: { t: EpcisT }) {
  const { dateTime } = useI18n();
  const client = useQueryClient();
  const errorText = useErrorText();
  const applyError = useApplyError();
  const box = useScrollableTables();
  const prefixes = usePrefixes();
  const [form] = Form.useForm();
  const kind =
    (Form.useWatch('kind', form) as 'company_prefix' | 'gtin' | undefined) ?? 'company_prefix';
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[] | null>(null);
  const field = kind === 'gtin' ? 'gtin' : 'companyPrefix';
  const add = async (v: Record<string, string>) => {
    setBusy(true);
    setErrors(null);
    try {
      await ok(api.POST('/api/v1/epcis/gtin-prefixes', { body: { [field]: v[field]?.trim() } }));
      form.resetFields([field]);
      await client.invalidateQueries({ queryKey: ['gtin-prefixes'] });
    } catch (e) {
      setErrors(applyError(form, e));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (p: Prefix) => {
    setErrors(null);
    try {
      await apiRequest('DELETE', `/api/v1/epcis/gtin-prefixes/${encodeURIComponent(p.id)}`);
      await client.invalidateQueries({ queryKey: ['gtin-prefixes'] });
    } catch (e) {
      setErrors([errorText(e)]);
    }
  };
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('addTitle')} size="small">
        <ErrorAlert lines={errors} />
        <Form
          form={form}
          layout="vertical"
          aria-label={t('addTitle')}
          initialValues={{ kind: 'company_prefix' }}
          onFinish={(v) => void add(v as Record<string, string>)}
        >
          <Form.Item name="kind" label={t('kind')}>
            <Radio.Group
              options={[
                { value: 'company_prefix', label: t('kind_company_prefix') },
                { value: 'gtin', label: t('kind_gtin') },
              ]}
            />
          </Form.Item>
          <Form.Item
            key={field}
            name={field}
            label={t(kind === 'gtin' ? 'kind_gtin' : 'kind_company_prefix')}
            extra={t(kind === 'gtin' ? 'gtinHelp' : 'companyPrefixHelp')}
            rules={[{ required: true, whitespace: true, message: t('required') }]}
          >
            <Input
              inputMode="numeric"
              autoComplete="off"
              maxLength={14}
              style={{ maxWidth: 320 }}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('add')}
          </Button>
        </Form>
      </Card>
      <LoadErrorAlert error={prefixes.error} />
      <div ref={box}>
        <Table<Prefix>
          size="small"
          bordered
          rowKey="id"
          loading={prefixes.isLoading}
          dataSource={prefixes.data?.items ?? []}
          pagination={false}
          scroll={{ x: 640 }}
          columns={[
            {
              title: t('kind'),
              dataIndex: 'kind',
              width: 160,
              render: (v: string) => t(`kind_${v}` as never),
            },
            { title: t('value'), dataIndex: 'value', width: 180 },
            {
              title: t('createdAt'),
              dataIndex: 'createdAt',
              width: 170,
              render: (v: string) => dateTime(v),
            },
            {
              title: '',
              key: 'remove',
              width: 90,
              render: (_: unknown, p) => (
                <Popconfirm title={t('removeConfirm')} onConfirm={() => remove(p)}>
                  <Button size="small" danger aria-label={`${t('remove')} ${p.value}`}>
                    {t('remove')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </div>
    </Space>
  );
}

/** POSTs the document's text as it is (its SHA-256 is kept with the capture). */
async function capture(text: string): Promise<Receipt> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = devToken.get();
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await apiFetch(
      new Request(new URL('/api/v1/epcis/capture', location.origin), {
        method: 'POST',
        headers,
        body: text,
        credentials: 'same-origin',
      }),
    );
  } catch (e) {
    throw toApiError(e);
  }
  const body = (await res.json().catch(() => undefined)) as unknown;
  if (!res.ok) throw toApiError(body ?? new Error(res.statusText), res);
  return body as Receipt;
}

function Capture({ t }: { t: EpcisT }) {
  const { lang, number } = useI18n();
  const client = useQueryClient();
  const errorText = useErrorText();
  const box = useScrollableTables();
  const prefixes = usePrefixes();
  const input = useRef<HTMLInputElement>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const send = async () => {
    setReceipt(null);
    setError(null);
    setProblems(null);
    if (!text.trim()) return setError(t('noDocument'));
    try {
      JSON.parse(text);
    } catch (e) {
      return setError(t('notJson', { message: (e as Error).message }));
    }
    setBusy(true);
    try {
      setReceipt(await capture(text));
      await client.invalidateQueries({ queryKey: ['epcis-events'] });
    } catch (e) {
      setError(errorText(e));
      const list = e instanceof ApiError ? e.body.problems : undefined;
      if (Array.isArray(list)) setProblems(list as Problem[]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {prefixes.data && prefixes.data.items.length === 0 && (
        <Alert type="info" showIcon title={t('noPrefixes')} />
      )}
      <Card size="small">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text strong>{t('file')}</Typography.Text>
          <Space wrap>
            <input
              ref={input}
              aria-label={t('file')}
              tabIndex={-1}
              type="file"
              accept=".json,.jsonld,application/json,application/ld+json"
              style={{ display: 'none' }}
              onChange={async (e) => {
                const f = e.target.files?.[0];
                if (!f) return;
                setFileName(f.name);
                setText(await f.text());
                e.target.value = '';
              }}
            />
            <Button onClick={() => input.current?.click()}>{t('chooseFile')}</Button>
            {fileName && <span>{fileName}</span>}
          </Space>
          <label htmlFor="epcis-text">{t('orPaste')}</label>
          <Input.TextArea
            id="epcis-text"
            rows={8}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setFileName(null);
            }}
            style={{ fontFamily: 'monospace' }}
            spellCheck={false}
          />
          <Button type="primary" loading={busy} onClick={() => void send()}>
            {t('upload')}
          </Button>
        </Space>
      </Card>
      {receipt && (
        <Alert
          type="success"
          showIcon
          role="status"
          title={t('captured', {
            events: number(receipt.events),
            stored: number(receipt.stored),
            duplicates: number(receipt.duplicates),
          })}
        />
      )}
      <ErrorAlert lines={error ? [error] : null} />
      {problems && (
        <div ref={box}>
          <Table<Problem & { key: number }>
            size="small"
            bordered
            caption={t('problemsTitle', { count: number(problems.length) })}
            rowKey="key"
            dataSource={problems.map((p, key) => ({ ...p, key }))}
            pagination={problems.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: 720 }}
            columns={[
              {
                title: t('path'),
                dataIndex: 'path',
                width: 320,
                render: (v: string) => (
                  <code style={{ wordBreak: 'break-all' }}>{v || t('document')}</code>
                ),
              },
              {
                title: t('reason'),
                dataIndex: 'reason',
                render: (v: string) => describeReason(v, lang),
              },
            ]}
          />
        </div>
      )}
    </Space>
  );
}

function Events({ t }: { t: EpcisT }) {
  const { dateTime } = useI18n();
  return (
    <ListPage<EpcisEvent, Record<string, unknown>>
      queryKey={['epcis-events']}
      rowKey="id"
      height={480}
      fetchPage={async (filters, cursor) =>
        await apiRequest<components['schemas']['EpcisEventPageDto']>(
          'GET',
          `/api/v1/epcis/events${queryString({ ...filters, cursor, limit: 100 })}`,
        )
      }
      filters={
        <>
          <Form.Item name="gtin" label={t('filterGtin')}>
            <Input style={{ width: 170 }} inputMode="numeric" autoComplete="off" />
          </Form.Item>
          <Form.Item name="bizStep" label={t('filterBizStep')}>
            <Input style={{ width: 140 }} autoComplete="off" />
          </Form.Item>
          <Form.Item name="type" label={t('type')}>
            <Select
              allowClear
              style={{ width: 190 }}
              aria-label={t('type')}
              options={EVENT_TYPES.map((v) => ({ value: v, label: v }))}
            />
          </Form.Item>
        </>
      }
      columns={[
        {
          title: t('eventTime'),
          dataIndex: 'eventTime',
          width: 170,
          render: (v: string) => dateTime(v),
        },
        { title: t('type'), dataIndex: 'type', width: 150 },
        { title: t('action'), dataIndex: 'action', width: 90 },
        { title: t('bizStep'), dataIndex: 'bizStep', width: 120, ellipsis: true },
        { title: t('disposition'), dataIndex: 'disposition', width: 120, ellipsis: true },
        {
          title: t('gtins'),
          dataIndex: 'gtins',
          width: 160,
          render: (v: string[]) => v.join(', '),
        },
        {
          title: t('lots'),
          dataIndex: 'lots',
          width: 120,
          render: (v: { lot: string }[]) => [...new Set(v.map((l) => l.lot))].join(', '),
        },
        { title: t('readPoint'), dataIndex: 'readPoint', width: 220, ellipsis: true },
        {
          title: t('capturedAt'),
          dataIndex: 'capturedAt',
          width: 170,
          render: (v: string) => dateTime(v),
        },
        { title: t('eventId'), dataIndex: 'eventId', width: 240, ellipsis: true },
      ]}
    />
  );
}
