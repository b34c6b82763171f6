import {
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
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ApiError, apiRequest } from '../../api/client';
import type { components } from '../../api/tasks.schema';
import { CommitmentFields, DrawPanel, useFormSubmit } from '../../components/DrawPanel';
import { ErrorAlert, useErrorText, LoadErrorAlert } from '../../components/errors';
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
        {(p.state === 'committed' || DRAWN.has(p.state)) && (
          <DrawPanel
            stage={p.state === 'committed' ? 'reveal' : 'drawn'}
            title={t('drawTitle')}
            seedHelp={t('seedHelp')}
            reveal={(seed) => apiRequest('POST', `${url}/draw`, { seed })}
            invalidate={[['plan'], ['plans'], ['draw', url]]}
            record={<DrawResult url={url} t={t} />}
            verify={async () => {
              const v = await apiRequest<Verification>('GET', `${url}/draw/verification`);
              return { ...v.verdict, recordUrl: v.recordUrl };
            }}
            recordUrlLabel={t('recordUrl')}
          />
        )}
      </Space>
    </>
  );
}

function RatioEditor({ plan, url, t }: { plan: Plan; url: string; t: PlanT }) {
  const { t: tc } = useI18n();
  const [form] = Form.useForm();
  const { busy, errors, done, run } = useFormSubmit([['plan'], ['plans']]);
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

function CommitCard({ url, t }: { url: string; t: PlanT }) {
  const [form] = Form.useForm();
  const { busy, errors, run } = useFormSubmit([['plan'], ['plans']]);
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
        <CommitmentFields form={form} required />
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

function DrawResult({ url, t }: { url: string; t: PlanT }) {
  const { t: tc, number, dateTime, percent } = useI18n();
  const draw = useQuery({
    queryKey: ['draw', url],
    queryFn: () => apiRequest<Draw>('GET', `${url}/draw`),
  });
  if (draw.isLoading) return <Spin aria-label={tc('common.loading')} />;
  if (!draw.data) return <LoadErrorAlert error={draw.error} />;
  const d = draw.data;
  return (
    <Card title={t('drawResult')}>
      <Descriptions bordered size="small" column={2} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('eligibleCount')}>{number(d.eligibleCount)}</Descriptions.Item>
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
  );
}
