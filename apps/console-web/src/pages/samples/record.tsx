import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Result,
  Row,
  Select,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { validateGtin } from '@spotcheck/domain/gtin';
import { validateUscc } from '@spotcheck/domain/uscc';
import { ApiError, apiRequest } from '../../api/client';
import type { components } from '../../api/tasks.schema';
import { useMe } from '../../app/session';
import { ErrorAlert, useApplyError, useErrorText } from '../../components/errors';
import { describeReason } from '../../i18n/errors';
import { useI18n } from '../../i18n/i18n';
import { DATE, DATE_TIME, STAGES, useSampleT, type SampleT } from './labels';

type TaskDetail = components['schemas']['TaskDetailDto'];
type Plan = components['schemas']['PlanDto'];
type Sample = components['schemas']['SampleDetailDto'];

/**
 * Where the API names a field the form shows as parts, the part to put its reason beside: the
 * pair as a whole under its first member, the online shop under its platform, a seal number
 * under the seal list.
 */
function formField(field: string): string {
  if (field === 'inspectors') return 'inspectors[0]';
  if (field === 'online') return 'online.platform';
  if (/^sealNumbers\[\d+\]$/.test(field)) return 'sealNumbers';
  return field;
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && !v);

type Text = string | undefined;
/** The form's values, as antd collects them from the fields' name paths. */
interface RecordValues {
  sampledAt?: Dayjs | null;
  stage?: string;
  place?: { regionCode?: Text; address?: Text };
  online?: { platform?: Text; shopName?: Text };
  manufacturer?: { name?: Text; address?: Text; uscc?: Text };
  productName?: Text;
  brand?: Text;
  spec?: Text;
  batch?: Text;
  productionDate?: Dayjs | null;
  expiryDate?: Dayjs | null;
  gtin?: Text;
  testPortion?: { quantity?: Text; unit?: Text };
  backupPortion?: { quantity?: Text; unit?: Text };
  pricePaid?: Text;
  sealNumbers?: string[];
  inspectors?: Text[];
  representative?: { name?: Text; title?: Text };
  note?: Text;
}

/** The form's values as the API's body: optional text left out when empty, the time with its offset. */
function recordBody(v: RecordValues, attachments: { sha256: string; name: string }[]) {
  const opt = (x: unknown) => (blank(x) ? undefined : x);
  const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);
  const manufacturer = {
    name: v.manufacturer?.name ?? '',
    address: opt(v.manufacturer?.address),
    uscc: opt(v.manufacturer?.uscc),
  };
  return {
    // RFC 3339 with this browser's offset (+08:00 in China).
    sampledAt: v.sampledAt ? v.sampledAt.format('YYYY-MM-DDTHH:mm:ssZ') : '',
    place: { regionCode: v.place?.regionCode ?? '', address: v.place?.address ?? '' },
    stage: v.stage,
    online:
      v.stage === 'online'
        ? { platform: v.online?.platform ?? '', shopName: v.online?.shopName ?? '' }
        : undefined,
    manufacturer,
    productName: v.productName ?? '',
    brand: opt(v.brand),
    spec: opt(v.spec),
    batch: opt(v.batch),
    productionDate: day(v.productionDate),
    expiryDate: day(v.expiryDate),
    gtin: opt(v.gtin),
    testPortion: { quantity: v.testPortion?.quantity ?? '', unit: v.testPortion?.unit ?? '' },
    backupPortion: {
      quantity: v.backupPortion?.quantity ?? '',
      unit: v.backupPortion?.unit ?? '',
    },
    pricePaid: v.pricePaid ?? '',
    sealNumbers: v.sealNumbers?.length ? v.sealNumbers : undefined,
    inspectors: [v.inspectors?.[0] ?? '', v.inspectors?.[1] ?? ''],
    representative: {
      name: v.representative?.name ?? '',
      title: opt(v.representative?.title),
    },
    attachments: attachments.length ? attachments : undefined,
    note: opt(v.note),
  };
}

async function sha256Hex(file: File): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A field checked as it is typed by libs/domain's own rule (the one the server runs). */
function domainRule(check: (v: string) => { ok: true } | { ok: false; reason: string }) {
  return (lang: 'zh' | 'en') => ({
    validator: async (_: unknown, v: unknown) => {
      if (typeof v !== 'string' || !v) return;
      const r = check(v);
      if (!r.ok) throw new Error(describeReason(r.reason, lang));
    },
  });
}
const usccRule = domainRule(validateUscc);
const gtinRule = domainRule(validateGtin);

/** 抽样单: the sampling record of an assigned task, which makes it sampled. */
export default function SamplingRecordPage() {
  const { id = '' } = useParams();
  const t = useSampleT();
  const { t: tc } = useI18n();
  const errorText = useErrorText();
  const url = `/api/v1/tasks/${encodeURIComponent(id)}`;
  const task = useQuery({
    queryKey: ['task', id],
    queryFn: () => apiRequest<TaskDetail>('GET', url),
  });
  const planId = task.data?.planId;
  const plan = useQuery({
    queryKey: ['plan', planId],
    enabled: !!planId,
    queryFn: () => apiRequest<Plan>('GET', `/api/v1/plans/${encodeURIComponent(planId!)}`),
  });
  if (task.isLoading || (planId && plan.isLoading))
    return <Spin aria-label={tc('common.loading')} />;
  if (!task.data)
    return (
      <Result
        status={task.error instanceof ApiError && task.error.status === 404 ? '404' : 'error'}
        title={errorText(task.error)}
        extra={<Link to="/tasks">{tc('action.back')}</Link>}
      />
    );
  return <RecordForm task={task.data} stages={plan.data?.stages ?? [...STAGES]} t={t} />;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card title={title} size="small" style={{ marginBottom: 16 }}>
      {children}
    </Card>
  );
}

function RecordForm({ task, stages, t }: { task: TaskDetail; stages: string[]; t: SampleT }) {
  const { t: tc, lang } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const applyError = useApplyError();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[] | null>(null);
  const [files, setFiles] = useState<{ sha256: string; name: string }[]>([]);
  const [hashing, setHashing] = useState(false);
  const stage = Form.useWatch('stage', form) as string | undefined;
  const pair = task.inspectors ?? [];
  const outsider = me.role === 'regulator' && !pair.includes(me.staffNo ?? '');

  if (task.state !== 'assigned')
    return (
      <Result
        status="info"
        title={t('recordTitle')}
        subTitle={describeTaskState(task, lang)}
        extra={<Link to={`/tasks/${task.id}`}>{tc('action.back')}</Link>}
      />
    );

  const submit = async (v: RecordValues) => {
    setBusy(true);
    setErrors(null);
    try {
      const sample = await apiRequest<Sample>(
        'POST',
        `/api/v1/tasks/${task.id}/sample`,
        recordBody(v, files),
      );
      await client.invalidateQueries({ queryKey: ['task'] });
      await client.invalidateQueries({ queryKey: ['tasks'] });
      navigate(`/samples/${encodeURIComponent(sample.sampleNo)}`);
    } catch (e) {
      const mapped =
        e instanceof ApiError
          ? new ApiError(e.status, {
              ...e.body,
              errors: e.fieldErrors.map((f) => ({ ...f, field: formField(f.field) })),
            })
          : e;
      setErrors(applyError(form, mapped));
    } finally {
      setBusy(false);
    }
  };

  const required = (label: string) => [{ required: true, message: label }];
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('recordTitle')}
      </Typography.Title>
      <Typography.Paragraph>
        <Link to={`/tasks/${task.id}`}>
          {t('recordFor', {
            planCode: task.planCode,
            taskNo: task.taskNo,
            enterprise: task.enterpriseName,
          })}
        </Link>{' '}
        <Tag>{task.uscc}</Tag>
      </Typography.Paragraph>
      {outsider && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('notInspector', {
            pair: pair.join('、'),
            staffNo: me.staffNo ? t('staffNoIs', { staffNo: me.staffNo }) : t('noStaffNo'),
          })}
        />
      )}
      <ErrorAlert lines={errors} />
      <Form
        form={form}
        name="record"
        layout="vertical"
        onFinish={submit}
        aria-label={t('recordTitle')}
        initialValues={{
          sampledAt: dayjs(),
          stage: stages[0],
          place: { regionCode: task.regionCode, address: task.enterpriseAddress },
          inspectors: [pair[0], pair[1]],
          testPortion: {},
          backupPortion: {},
        }}
        style={{ maxWidth: 960 }}
      >
        <Section title={t('sectionWhen')}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="sampledAt" label={t('sampledAt')} rules={required(t('sampledAt'))}>
                <DatePicker showTime format={DATE_TIME} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="stage" label={t('stage')} rules={required(t('stage'))}>
                <Select
                  aria-label={t('stage')}
                  options={stages.map((s) => ({ value: s, label: t(`stage_${s}` as never) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name={['place', 'regionCode']}
                label={t('regionCode')}
                rules={required(t('regionCode'))}
              >
                <Input maxLength={6} inputMode="numeric" />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item
                name={['place', 'address']}
                label={t('address')}
                rules={required(t('address'))}
              >
                <Input maxLength={500} />
              </Form.Item>
            </Col>
            {stage === 'online' && (
              <>
                <Col xs={24} md={12}>
                  <Form.Item
                    name={['online', 'platform']}
                    label={t('platform')}
                    rules={required(t('platform'))}
                  >
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name={['online', 'shopName']}
                    label={t('shopName')}
                    rules={required(t('shopName'))}
                  >
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
              </>
            )}
          </Row>
        </Section>
        <Section title={t('sectionProduct')}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="productName"
                label={t('productName')}
                rules={required(t('productName'))}
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="brand" label={t('brand')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="spec" label={t('spec')}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="batch" label={t('batch')} extra={t('batchOrDate')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="productionDate" label={t('productionDate')}>
                <DatePicker format={DATE} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="expiryDate" label={t('expiryDate')}>
                <DatePicker format={DATE} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="gtin"
                label={t('gtin')}
                rules={[gtinRule(lang)]}
                validateTrigger={['onChange', 'onBlur']}
              >
                <Input maxLength={14} inputMode="numeric" autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
        </Section>
        <Section title={t('sectionManufacturer')}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name={['manufacturer', 'name']}
                label={t('manufacturerName')}
                rules={required(t('manufacturerName'))}
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name={['manufacturer', 'uscc']}
                label={t('manufacturerUscc')}
                rules={[usccRule(lang)]}
                validateTrigger={['onChange', 'onBlur']}
              >
                <Input maxLength={18} autoComplete="off" style={{ fontFamily: 'monospace' }} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name={['manufacturer', 'address']} label={t('manufacturerAddress')}>
                <Input maxLength={500} />
              </Form.Item>
            </Col>
          </Row>
        </Section>
        <Section title={t('sectionPortions')}>
          <Row gutter={16}>
            {(['testPortion', 'backupPortion'] as const).map((p) => (
              <Col xs={24} md={8} key={p}>
                <Row gutter={8}>
                  <Col span={14}>
                    <Form.Item
                      name={[p, 'quantity']}
                      label={t(p === 'testPortion' ? 'testQuantity' : 'backupQuantity')}
                      rules={required(t(p === 'testPortion' ? 'testQuantity' : 'backupQuantity'))}
                    >
                      <Input inputMode="decimal" />
                    </Form.Item>
                  </Col>
                  <Col span={10}>
                    <Form.Item name={[p, 'unit']} label={t('unit')} rules={required(t('unit'))}>
                      <Input maxLength={20} />
                    </Form.Item>
                  </Col>
                </Row>
              </Col>
            ))}
            <Col xs={24} md={8}>
              <Form.Item name="pricePaid" label={t('pricePaid')} rules={required(t('pricePaid'))}>
                <Input inputMode="decimal" />
              </Form.Item>
            </Col>
          </Row>
        </Section>
        <Section title={t('sectionSign')}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name={['inspectors', 0]}
                label={t('inspector1')}
                rules={required(t('inspector1'))}
              >
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name={['inspectors', 1]}
                label={t('inspector2')}
                rules={required(t('inspector2'))}
              >
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name={['representative', 'name']}
                label={t('representative')}
                rules={required(t('representative'))}
              >
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['representative', 'title']} label={t('representativeTitle')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="sealNumbers" label={t('sealNumbers')} extra={t('sealHelp')}>
                <Select mode="tags" open={false} aria-label={t('sealNumbers')} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item label={t('attachments')} extra={t('attachmentsHelp')}>
                <input
                  type="file"
                  multiple
                  aria-label={t('attachments')}
                  onChange={async (e) => {
                    const list = [...(e.target.files ?? [])];
                    setHashing(true);
                    try {
                      setFiles(
                        await Promise.all(
                          list.map(async (f) => ({ sha256: await sha256Hex(f), name: f.name })),
                        ),
                      );
                    } finally {
                      setHashing(false);
                    }
                  }}
                />
              </Form.Item>
              {hashing && <Typography.Text>{t('checking')}</Typography.Text>}
              {files.map((f) => (
                <div key={f.sha256}>
                  <Typography.Text code>{f.sha256.slice(0, 16)}…</Typography.Text> {f.name}
                </div>
              ))}
            </Col>
            <Col xs={24}>
              <Form.Item name="note" label={t('note')}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </Col>
          </Row>
        </Section>
        <Button type="primary" htmlType="submit" loading={busy} disabled={hashing}>
          {t('submit')}
        </Button>
      </Form>
    </>
  );
}

function describeTaskState(task: TaskDetail, lang: 'zh' | 'en'): string {
  const zh: Record<string, string> = {
    sampled: `本任务已抽样（样品编号 ${task.sampleNo ?? '—'}）`,
    unable_to_sample: '本任务已登记为无法抽样',
    cancelled: '本任务已取消',
  };
  const en: Record<string, string> = {
    sampled: `This task is sampled (sample ${task.sampleNo ?? '—'})`,
    unable_to_sample: 'This task was recorded as unable to sample',
    cancelled: 'This task is cancelled',
  };
  return (lang === 'zh' ? zh : en)[task.state] ?? task.state;
}
