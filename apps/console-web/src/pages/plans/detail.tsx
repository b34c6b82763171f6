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
import { ApiError, apiRequest } from '../../api/client';
import type { components } from '../../api/tasks.schema';
import { ErrorAlert, useApplyError, useErrorText } from '../../components/errors';
import { useI18n } from '../../i18n/i18n';
import { bpToPercent, RISK_CLASSES, usePlanT, type PlanT } from './labels';
import { RatioFields, planBody } from './PlanFields';

type Plan = components['schemas']['PlanDto'];
type Draw = components['schemas']['DrawSummaryDto'];
type Verification = components['schemas']['DrawVerificationDto'];

const DRAWN = new Set(['drawn', 'sampling', 'closed']);

/** One plan: its conditions (the ratio editor while a draft), the commitment, the draw, its check. */
export default function PlanDetailPage() {
  const { id = '' } = useParams();
  const t = usePlanT();
  const { t: tc, date, dateTime, percent } = useI18n();
  const errorText = useErrorText();
  const url = `/api/v1/plans/${encodeURIComponent(id)}`;
  const plan = useQuery({ queryKey: ['plan', id], queryFn: () => apiRequest<Plan>('GET', url) });

  if (plan.isLoading) return <Spin aria-label={tc('common.loading')} />;
  if (!plan.data)
    return (
      <Result
        status={plan.error instanceof ApiError && plan.error.status === 404 ? '404' : 'error'}
        title={errorText(plan.error)}
        extra={<Link to="/plans">{tc('action.back')}</Link>}
      />
    );
  const p = plan.data;
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {p.title} <Tag>{t(`state_${p.state}` as never)}</Tag>
      </Typography.Title>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Descriptions bordered size="small" column={2}>
          <Descriptions.Item label={t('code')}>{p.code}</Descriptions.Item>
          <Descriptions.Item label={t('year')}>{p.year}</Descriptions.Item>
          <Descriptions.Item label={t('level')}>{t(`level_${p.level}` as never)}</Descriptions.Item>
          <Descriptions.Item label={t('jurisdiction')}>{p.jurisdiction}</Descriptions.Item>
          <Descriptions.Item label={t('categories')}>
            {p.categories.map((c) => (
              <Tag key={c}>{c}</Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('stages')}>
            {p.stages.map((s) => t(`stage_${s}` as never)).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label={t('samplingDeadline')}>
            {p.samplingDeadline ? date(p.samplingDeadline) : tc('common.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('reportDeadline')}>
            {p.reportDeadline ? date(p.reportDeadline) : tc('common.none')}
          </Descriptions.Item>
          {p.state !== 'draft' && (
            <>
              <Descriptions.Item label={t('ratios')} span={2}>
                {RISK_CLASSES.map((c) => `${c} ${percent(p.ratios[c] / 100, 2)}`).join('；')}
              </Descriptions.Item>
              <Descriptions.Item label={t('stratifyByPrefecture')}>
                {p.stratifyByPrefecture ? tc('common.yes') : tc('common.no')}
              </Descriptions.Item>
              <Descriptions.Item label={t('maxTasks')}>
                {p.maxTasks ?? t('noLimit')}
              </Descriptions.Item>
            </>
          )}
          {p.commitment && (
            <>
              <Descriptions.Item label={t('commitment')} span={2}>
                <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                  {p.commitment}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('witness')}>
                {p.witness ?? tc('common.none')}
              </Descriptions.Item>
              <Descriptions.Item label={t('committedAt')}>
                {dateTime(p.committedAt)}
              </Descriptions.Item>
            </>
          )}
        </Descriptions>
        {p.state === 'draft' && <RatioEditor plan={p} url={url} t={t} />}
        {p.state === 'draft' && <CommitCard url={url} t={t} />}
        {p.state === 'committed' && <DrawCard url={url} t={t} />}
        {DRAWN.has(p.state) && <DrawResult url={url} t={t} />}
      </Space>
    </>
  );
}

/** A request's outcome on a card: save the form, refresh the plan, show refusals by field. */
function useSubmit(url: string) {
  const client = useQueryClient();
  const applyError = useApplyError();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[] | null>(null);
  const [done, setDone] = useState(false);
  const run = async (form: ReturnType<typeof Form.useForm>[0], call: () => Promise<unknown>) => {
    setBusy(true);
    setErrors(null);
    setDone(false);
    try {
      await call();
      setDone(true);
      await client.invalidateQueries({ queryKey: ['plan'] });
      await client.invalidateQueries({ queryKey: ['plans'] });
      await client.invalidateQueries({ queryKey: ['draw', url] });
    } catch (e) {
      setErrors(applyError(form, e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, errors, done, run };
}

function RatioEditor({ plan, url, t }: { plan: Plan; url: string; t: PlanT }) {
  const { t: tc } = useI18n();
  const [form] = Form.useForm();
  const { busy, errors, done, run } = useSubmit(url);
  return (
    <Card title={t('ratios')}>
      <ErrorAlert lines={errors} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          ratios: Object.fromEntries(RISK_CLASSES.map((c) => [c, bpToPercent(plan.ratios[c])])),
          stratifyByPrefecture: plan.stratifyByPrefecture,
          maxTasks: plan.maxTasks,
          maxTasksPerInspector: plan.maxTasksPerInspector,
        }}
        onFinish={(v) => run(form, () => apiRequest('PATCH', url, planBody(v, false)))}
        aria-label={t('ratios')}
      >
        <RatioFields t={t} />
        <Button htmlType="submit" loading={busy}>
          {t('saveRatios')}
        </Button>{' '}
        <span role="status">{done ? tc('common.saved') : ''}</span>
      </Form>
    </Card>
  );
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function CommitCard({ url, t }: { url: string; t: PlanT }) {
  const [form] = Form.useForm();
  const { busy, errors, run } = useSubmit(url);
  const [seed, setSeed] = useState('');
  const canHash = typeof crypto !== 'undefined' && !!crypto.subtle;
  return (
    <Card title={t('commitTitle')}>
      <Typography.Paragraph type="secondary">{t('commitHelp')}</Typography.Paragraph>
      <ErrorAlert lines={errors} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => run(form, () => apiRequest('POST', `${url}/commit`, v))}
        aria-label={t('commitTitle')}
      >
        {canHash && (
          <Form.Item label={t('seedForHash')}>
            <Space.Compact style={{ width: '100%' }}>
              <Input.Password
                value={seed}
                onChange={(e) => setSeed(e.target.value)}
                aria-label={t('seedForHash')}
                autoComplete="off"
              />
              <Button
                disabled={!seed}
                onClick={async () => form.setFieldsValue({ commitment: await sha256Hex(seed) })}
              >
                {t('computeCommitment')}
              </Button>
            </Space.Compact>
          </Form.Item>
        )}
        <Form.Item name="commitment" label={t('commitment')} rules={[{ required: true }]}>
          <Input style={{ fontFamily: 'monospace' }} autoComplete="off" />
        </Form.Item>
        <Form.Item name="witness" label={t('witness')}>
          <Input />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('commitAction')}
        </Button>
      </Form>
    </Card>
  );
}

function DrawCard({ url, t }: { url: string; t: PlanT }) {
  const [form] = Form.useForm();
  const { busy, errors, run } = useSubmit(url);
  return (
    <Card title={t('drawTitle')}>
      <ErrorAlert lines={errors} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => run(form, () => apiRequest('POST', `${url}/draw`, v))}
        aria-label={t('drawTitle')}
      >
        <Form.Item name="seed" label={t('seed')} extra={t('seedHelp')} rules={[{ required: true }]}>
          <Input autoComplete="off" style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('drawAction')}
        </Button>
      </Form>
    </Card>
  );
}

function DrawResult({ url, t }: { url: string; t: PlanT }) {
  const { t: tc, number, dateTime, percent } = useI18n();
  const errorText = useErrorText();
  const draw = useQuery({
    queryKey: ['draw', url],
    queryFn: () => apiRequest<Draw>('GET', `${url}/draw`),
  });
  const [verifying, setVerifying] = useState(false);
  const [verification, setVerification] = useState<Verification | null>(null);
  const [verifyError, setVerifyError] = useState<string[] | null>(null);
  if (draw.isLoading) return <Spin aria-label={tc('common.loading')} />;
  if (!draw.data) return <ErrorAlert lines={[errorText(draw.error)]} />;
  const d = draw.data;
  const verify = async () => {
    setVerifying(true);
    setVerifyError(null);
    try {
      setVerification(await apiRequest<Verification>('GET', `${url}/draw/verification`));
    } catch (e) {
      setVerifyError([errorText(e)]);
    } finally {
      setVerifying(false);
    }
  };
  return (
    <>
      <Card title={t('drawResult')}>
        <Descriptions bordered size="small" column={2} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('eligibleCount')}>
            {number(d.eligibleCount)}
          </Descriptions.Item>
          <Descriptions.Item label={t('totalQuota')}>{number(d.totalQuota)}</Descriptions.Item>
          <Descriptions.Item label={t('tasks')}>{number(d.tasks)}</Descriptions.Item>
          <Descriptions.Item label={t('unassignedTasks')}>
            {number(d.unassignedTasks)}
          </Descriptions.Item>
          <Descriptions.Item label={t('exclusions')}>{number(d.exclusions)}</Descriptions.Item>
          <Descriptions.Item label={t('capApplied')}>
            {d.capApplied ? tc('common.yes') : tc('common.no')}
          </Descriptions.Item>
          <Descriptions.Item label={t('algorithmVersion')}>{d.algorithmVersion}</Descriptions.Item>
          <Descriptions.Item label={t('drawnAt')}>{dateTime(d.drawnAt)}</Descriptions.Item>
        </Descriptions>
        <Table
          size="small"
          bordered
          pagination={false}
          rowKey="name"
          dataSource={d.strata}
          columns={[
            { title: t('stratum'), dataIndex: 'name' },
            { title: t('size'), dataIndex: 'size', render: (v: number) => number(v) },
            { title: t('ratio'), dataIndex: 'ratioBp', render: (v: number) => percent(v / 100, 2) },
            { title: t('quota'), dataIndex: 'quota', render: (v: number) => number(v) },
            { title: t('allotted'), dataIndex: 'allotted', render: (v: number) => number(v) },
          ]}
        />
      </Card>
      <Card title={t('verifyTitle')}>
        <ErrorAlert lines={verifyError} />
        {verification && (
          <Alert
            role="status"
            style={{ marginBottom: 16 }}
            type={verification.verdict.verdict === 'MATCH' ? 'success' : 'error'}
            showIcon
            title={`${verification.verdict.verdict} · ${t(`verdict_${verification.verdict.verdict}` as never)}`}
            description={
              <>
                {verification.verdict.firstDifference && (
                  <div>
                    {t('firstDifference')}：{verification.verdict.firstDifference}
                  </div>
                )}
                <a href={verification.recordUrl} download>
                  {t('recordUrl')}
                </a>
              </>
            }
          />
        )}
        <Button onClick={() => void verify()} loading={verifying}>
          {t('verifyAction')}
        </Button>
      </Card>
    </>
  );
}
