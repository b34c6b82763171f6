import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Row,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { FormInstance, TableColumnsType } from 'antd';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { validateGtin } from '@spotcheck/domain/gtin';
import { validateUscc } from '@spotcheck/domain/uscc';
import { apiRequest, queryString } from '../../api/client';
import type { components } from '../../api/tasks.schema';
import { ErrorAlert, useApplyError } from '../../components/errors';
import { describeReason } from '../../i18n/errors';
import { definePageMessages, useI18n } from '../../i18n/i18n';
import { CustodyTimeline } from '../samples/CustodyTimeline';
import { useSampleT } from '../samples/labels';

type SampleTrace = components['schemas']['SampleTraceDto'];
type EnterpriseTrace = components['schemas']['EnterpriseTraceDto'];
type ProductTrace = components['schemas']['ProductTraceDto'];
type SampleBrief = components['schemas']['SampleBriefDto'];
type EnterpriseSample = components['schemas']['EnterpriseSampleDto'];
type Step = components['schemas']['DistributionStepDto'];
type Report = components['schemas']['TraceReportDto'];
type Unable = components['schemas']['TraceUnableTaskDto'];

const useT = definePageMessages(
  {
    title: '追溯查询',
    bySample: '按样品',
    byEnterprise: '按企业',
    byProduct: '按产品',
    sampleNo: '样品编号',
    uscc: '统一社会信用代码',
    gtin: '商品条码（GTIN）',
    batch: '生产批号',
    name: '产品名称（包含）',
    manufacturer: '标称生产者（名称或统一社会信用代码）',
    productHelp: '按商品条码（可加批号）查询，或按产品名称（可加生产者）查询',
    search: '追溯',
    plan: '抽查计划',
    draw: '随机抽取',
    task: '抽查任务',
    record: '抽样单',
    labs: '检验机构',
    custody: '样品流转',
    code: '编号',
    planTitle: '名称',
    level: '级别',
    level_national: '国家级',
    level_provincial: '省级',
    level_prefecture: '市级',
    year: '年度',
    state: '状态',
    algorithmVersion: '算法版本',
    commitment: '种子承诺值',
    drawnAt: '抽取时间',
    verify: '公开验证',
    noDraw: '无抽取记录',
    taskNo: '任务序号',
    category: '产品类别',
    inspectors: '检查人员',
    dueDate: '抽样期限',
    reassigned: '第 {slot} 名由 {from} 改为 {to}（{reason}，{at}）',
    lab: '承检机构',
    retestLab: '复检机构',
    enterprise: '企业',
    address: '地址',
    region: '行政区划代码',
    riskClass: '信用风险分类',
    status: '经营状态',
    registeredAt: '登记时间',
    riskHistory: '信用风险分类记录',
    from: '起始时间',
    reason: '原因',
    samples: '抽样记录',
    role: '角色',
    role_sampled: '被抽样',
    role_manufacturer: '标称生产者',
    product: '产品',
    samplingDate: '抽样日期',
    custodyState: '流转状态',
    unable: '无法抽样的任务',
    unableReason: '原因',
    unable_closed: '企业停业或注销',
    unable_no_product: '无在售产品',
    unable_refused: '企业拒绝抽样（违法）',
    truncated: '匹配的样品超过 500 个，只显示前 500 个；请加上批号或生产者缩小范围。',
    distribution: '流向记录（EPCIS）',
    eventTime: '时间',
    bizStep: '业务步骤',
    movement: '流向',
    movement_shipped: '发货',
    movement_received: '收货',
    owner: '上报企业',
    location: '地点',
    quantity: '数量',
    none: '没有找到记录',
    open: '追溯',
    results: '检验结果',
    reportNo: '报告编号',
    version: '版本',
    issuedAt: '签发时间',
    verdict: '结论',
    verdict_pass: '合格',
    verdict_fail: '不合格',
    verdict_not_applicable: '不作判定',
    failedItems: '不合格项目',
    retest: '复检',
    outcome: '最终结果',
    outcome_pending: '尚未确定',
    outcome_pass: '合格',
    outcome_fail: '不合格',
    outcome_excluded: '不计入',
    basis: '依据',
    finalOn: '确定日期',
    noReport: '尚无签发的检验报告',
  },
  {
    title: 'Trace',
    bySample: 'By sample',
    byEnterprise: 'By enterprise',
    byProduct: 'By product',
    sampleNo: 'Sample no.',
    uscc: 'USCC',
    gtin: 'GTIN',
    batch: 'Batch',
    name: 'Product name contains',
    manufacturer: 'Manufacturer (name or USCC)',
    productHelp: 'By GTIN (and batch), or by product name (and manufacturer)',
    search: 'Trace',
    plan: 'Plan',
    draw: 'Draw',
    task: 'Task',
    record: 'Sampling record',
    labs: 'Labs',
    custody: 'Custody',
    code: 'Code',
    planTitle: 'Title',
    level: 'Level',
    level_national: 'National',
    level_provincial: 'Provincial',
    level_prefecture: 'Prefecture',
    year: 'Year',
    state: 'State',
    algorithmVersion: 'Algorithm',
    commitment: 'Seed commitment',
    drawnAt: 'Drawn at',
    verify: 'Public verification',
    noDraw: 'No draw record',
    taskNo: 'Task no.',
    category: 'Category',
    inspectors: 'Inspectors',
    dueDate: 'Due',
    reassigned: 'No. {slot} changed from {from} to {to} ({reason}, {at})',
    lab: 'Lab',
    retestLab: 'Retest lab',
    enterprise: 'Enterprise',
    address: 'Address',
    region: 'Region code',
    riskClass: 'Credit-risk class',
    status: 'Status',
    registeredAt: 'Registered',
    riskHistory: 'Credit-risk history',
    from: 'From',
    reason: 'Reason',
    samples: 'Samples',
    role: 'Role',
    role_sampled: 'Sampled',
    role_manufacturer: 'Manufacturer',
    product: 'Product',
    samplingDate: 'Sampling date',
    custodyState: 'Custody',
    unable: 'Tasks not sampled',
    unableReason: 'Why',
    unable_closed: 'Closed down',
    unable_no_product: 'Nothing on sale',
    unable_refused: 'Refused (a violation)',
    truncated:
      'More than 500 samples matched; the first 500 are shown. Add a batch or manufacturer.',
    distribution: 'Distribution (EPCIS)',
    eventTime: 'Time',
    bizStep: 'Business step',
    movement: 'Movement',
    movement_shipped: 'Shipped',
    movement_received: 'Received',
    owner: 'Reported by',
    location: 'Location',
    quantity: 'Quantity',
    none: 'Nothing found',
    open: 'Trace',
    results: 'Test results',
    reportNo: 'Report no.',
    version: 'Version',
    issuedAt: 'Issued',
    verdict: 'Verdict',
    verdict_pass: 'Pass',
    verdict_fail: 'Fail',
    verdict_not_applicable: 'No verdict',
    failedItems: 'Failed items',
    retest: 'Retest',
    outcome: 'Final outcome',
    outcome_pending: 'Pending',
    outcome_pass: 'Pass',
    outcome_fail: 'Fail',
    outcome_excluded: 'Excluded',
    basis: 'Basis',
    finalOn: 'Final on',
    noReport: 'No report issued yet',
  },
);
type T = ReturnType<typeof useT>;

type By = 'sample' | 'enterprise' | 'product';
const PARAMS: Record<By, string[]> = {
  sample: ['sampleNo'],
  enterprise: ['uscc'],
  product: ['gtin', 'batch', 'name', 'manufacturer'],
};

/** Text checked as typed by one of libs/domain's rules (the server runs the same). */
const domainRule = (
  check: (v: string) => { ok: true } | { ok: false; reason: string },
  lang: 'zh' | 'en',
) => ({
  validator: async (_: unknown, v: unknown) => {
    if (typeof v !== 'string' || !v) return;
    const r = check(v);
    if (!r.ok) throw new Error(describeReason(r.reason, lang));
  },
});

/**
 * 追溯查询: a sample's whole chain (plan → draw → task → inspectors → sampling record → labs →
 * custody), an enterprise's record, or every sample of a product. The query lives in the
 * address, so a trace can be linked to and reloaded.
 */
export default function TracePage() {
  const t = useT();
  const [search, setSearch] = useSearchParams();
  const by = (['sample', 'enterprise', 'product'] as const).find((b) => b === search.get('by'));
  const active: By = by ?? 'sample';
  const query = Object.fromEntries(
    PARAMS[active].map((k) => [k, search.get(k) ?? undefined]).filter(([, v]) => v),
  ) as Record<string, string>;
  const run = (b: By, values: Record<string, unknown>) => {
    const next: Record<string, string> = { by: b };
    for (const k of PARAMS[b]) {
      const v = values[k];
      if (typeof v === 'string' && v.trim()) next[k] = v.trim();
    }
    setSearch(next);
  };
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('title')}
      </Typography.Title>
      <Tabs
        activeKey={active}
        onChange={(k) => setSearch({ by: k })}
        items={[
          {
            key: 'sample',
            label: t('bySample'),
            children: <SampleTab t={t} query={query} run={(v) => run('sample', v)} />,
          },
          {
            key: 'enterprise',
            label: t('byEnterprise'),
            children: <EnterpriseTab t={t} query={query} run={(v) => run('enterprise', v)} />,
          },
          {
            key: 'product',
            label: t('byProduct'),
            children: <ProductTab t={t} query={query} run={(v) => run('product', v)} />,
          },
        ]}
      />
    </>
  );
}

interface TabProps {
  t: T;
  query: Record<string, string>;
  run: (values: Record<string, unknown>) => void;
}

/** The search form of a tab, filled from the address; the API's refusals beside its fields. */
function SearchForm({
  form,
  name,
  query,
  run,
  t,
  children,
}: TabProps & { form: FormInstance; name: string; children: ReactNode }) {
  useEffect(() => {
    form.setFieldsValue(query);
  }, [form, JSON.stringify(query)]);
  return (
    <Form
      form={form}
      name={name}
      layout="inline"
      onFinish={run}
      style={{ marginBottom: 16, rowGap: 8 }}
      aria-label={t('search')}
    >
      {children}
      <Form.Item>
        <Button type="primary" htmlType="submit">
          {t('search')}
        </Button>
      </Form.Item>
    </Form>
  );
}

/** A failed query's refusal, beside the search form's fields where it names one. */
function useRefusal(form: FormInstance, error: unknown): string[] | null {
  const applyError = useApplyError();
  const [lines, setLines] = useState<string[] | null>(null);
  useEffect(() => {
    setLines(error ? applyError(form, error) : null);
  }, [error]);
  return lines;
}

const VERDICT_COLOR: Record<string, string> = { pass: 'green', fail: 'red' };

const sampleLink = (sampleNo: string) =>
  `/trace?${new URLSearchParams({ by: 'sample', sampleNo }).toString()}`;

function SampleTab({ t, query, run }: TabProps) {
  const [form] = Form.useForm();
  const sampleNo = query.sampleNo;
  const trace = useQuery({
    queryKey: ['trace', 'sample', sampleNo],
    enabled: !!sampleNo,
    queryFn: () =>
      apiRequest<SampleTrace>('GET', `/api/v1/trace/samples/${encodeURIComponent(sampleNo!)}`),
  });
  const errors = useRefusal(form, trace.error);
  return (
    <>
      <SearchForm form={form} name="traceSample" t={t} query={query} run={run}>
        <Form.Item
          name="sampleNo"
          label={t('sampleNo')}
          rules={[{ required: true, message: t('sampleNo') }]}
        >
          <Input style={{ width: 260 }} autoComplete="off" />
        </Form.Item>
      </SearchForm>
      <ErrorAlert lines={errors} />
      {trace.isLoading && <Spin />}
      {trace.data && <SampleTraceView trace={trace.data} t={t} />}
    </>
  );
}

function SampleTraceView({ trace, t }: { trace: SampleTrace; t: T }) {
  const ts = useSampleT();
  const { t: tc, date, dateTime } = useI18n();
  const r = trace.samplingRecord;
  const names = new Map(trace.inspectors.map((i) => [i.staffNo, i]));
  const person = (staffNo: string) => {
    const i = names.get(staffNo);
    return i ? `${i.name}（${[staffNo, i.unit].filter(Boolean).join('，')}）` : staffNo;
  };
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card title={t('plan')} size="small">
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('code')}>
              <Link to={`/plans/${trace.plan.id}`}>{trace.plan.code}</Link>
            </Descriptions.Item>
            <Descriptions.Item label={t('planTitle')}>{trace.plan.title}</Descriptions.Item>
            <Descriptions.Item label={t('level')}>
              {t(`level_${trace.plan.level}`)} · {trace.plan.jurisdiction} · {trace.plan.year}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('draw')} size="small">
          {trace.draw ? (
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('drawnAt')}>
                {dateTime(trace.draw.drawnAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('algorithmVersion')}>
                {trace.draw.algorithmVersion}
              </Descriptions.Item>
              <Descriptions.Item label={t('commitment')}>
                <Typography.Text code style={{ wordBreak: 'break-all' }}>
                  {trace.draw.commitment}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('verify')}>
                <a href={trace.draw.verificationUrl}>{trace.draw.verificationUrl}</a>
              </Descriptions.Item>
            </Descriptions>
          ) : (
            t('noDraw')
          )}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('task')} size="small">
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('taskNo')}>
              <Link to={`/tasks/${trace.task.id}`}>{trace.task.taskNo}</Link>
            </Descriptions.Item>
            <Descriptions.Item label={t('category')}>{trace.task.category}</Descriptions.Item>
            <Descriptions.Item label={t('inspectors')}>
              {(trace.task.inspectors ?? []).map(person).join('、') || tc('common.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('dueDate')}>{date(trace.task.dueDate)}</Descriptions.Item>
            {trace.task.reassignments.map((x) => (
              <Descriptions.Item key={`${x.at}-${x.slot}`} label="">
                {t('reassigned', {
                  slot: x.slot,
                  from: x.from ?? tc('common.none'),
                  to: x.to,
                  reason: x.reason,
                  at: dateTime(x.at),
                })}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('labs')} size="small">
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('lab')}>
              {trace.lab ? `${trace.lab.name}（${trace.lab.cmaNo}）` : tc('common.none')}
            </Descriptions.Item>
            {trace.retestLab && (
              <Descriptions.Item label={t('retestLab')}>
                {trace.retestLab.name}（{trace.retestLab.cmaNo}）
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
      </Col>
      <Col xs={24}>
        <Card
          title={
            <span>
              {t('record')} ·{' '}
              <Link to={`/samples/${encodeURIComponent(trace.sampleNo)}`}>{trace.sampleNo}</Link>
            </span>
          }
          size="small"
        >
          <Descriptions size="small" column={{ xs: 1, xl: 3 }}>
            <Descriptions.Item label={ts('sampledAt')}>{dateTime(r.sampledAt)}</Descriptions.Item>
            <Descriptions.Item label={ts('stage')}>
              {ts(`stage_${r.stage}` as never)}
            </Descriptions.Item>
            <Descriptions.Item label={ts('place')}>
              {r.placeAddress}（{r.placeRegionCode}）
            </Descriptions.Item>
            <Descriptions.Item label={ts('product')}>
              {[r.productName, r.brand, r.spec].filter(Boolean).join(' · ')}
            </Descriptions.Item>
            <Descriptions.Item label={ts('batch')}>
              {r.batchNo ?? tc('common.none')}
            </Descriptions.Item>
            <Descriptions.Item label={ts('productionDate')}>
              {date(r.productionDate)}
            </Descriptions.Item>
            <Descriptions.Item label={ts('gtin')}>{r.gtin ?? tc('common.none')}</Descriptions.Item>
            <Descriptions.Item label={ts('manufacturer')}>
              {r.manufacturerName}
              {r.manufacturerUscc && `（${r.manufacturerUscc}）`}
            </Descriptions.Item>
            <Descriptions.Item label={ts('sealNumbers')}>
              {r.sealNumbers.join('、') || tc('common.none')}
            </Descriptions.Item>
            <Descriptions.Item label={ts('labDueDate')}>{date(r.labDueDate)}</Descriptions.Item>
            <Descriptions.Item label={ts('custodyState')}>
              {ts(`state_${r.custodyState}` as never)}
            </Descriptions.Item>
            <Descriptions.Item label={ts('keepUntil')}>{date(r.keepUntil)}</Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
      <Col xs={24}>
        <Card
          title={t('results')}
          size="small"
          extra={
            trace.outcome && (
              <span>
                {t('outcome')}：
                <Tag color={VERDICT_COLOR[trace.outcome.outcome]}>
                  {t(`outcome_${trace.outcome.outcome}` as never)}
                </Tag>
                {trace.outcome.basis} {trace.outcome.finalOn && date(trace.outcome.finalOn)}
              </span>
            )
          }
        >
          {trace.reports.length === 0 ? (
            <Typography.Text>{t('noReport')}</Typography.Text>
          ) : (
            <Table<Report>
              size="small"
              bordered
              pagination={false}
              rowKey="id"
              dataSource={trace.reports}
              columns={[
                { title: t('reportNo'), dataIndex: 'reportNo' },
                { title: t('version'), dataIndex: 'version' },
                {
                  title: t('issuedAt'),
                  dataIndex: 'issuedAt',
                  render: (v: string) => dateTime(v),
                },
                {
                  title: t('verdict'),
                  dataIndex: 'verdict',
                  render: (v: string, r) => (
                    <>
                      <Tag color={VERDICT_COLOR[v]}>{t(`verdict_${v}` as never)}</Tag>
                      {r.retest && <Tag>{t('retest')}</Tag>}
                    </>
                  ),
                },
                {
                  title: t('failedItems'),
                  dataIndex: 'failedItems',
                  render: (v: string[]) => v.join('、') || tc('common.none'),
                },
              ]}
            />
          )}
        </Card>
      </Col>
      <Col xs={24}>
        <Card title={t('custody')} size="small">
          <CustodyTimeline events={trace.custody} />
        </Card>
      </Col>
    </Row>
  );
}

function EnterpriseTab({ t, query, run }: TabProps) {
  const { lang, t: tc, date, dateTime } = useI18n();
  const ts = useSampleT();
  const [form] = Form.useForm();
  const uscc = query.uscc;
  const trace = useInfiniteQuery({
    queryKey: ['trace', 'enterprise', uscc],
    enabled: !!uscc,
    queryFn: ({ pageParam }) =>
      apiRequest<EnterpriseTrace>(
        'GET',
        `/api/v1/trace/enterprises/${encodeURIComponent(uscc!)}${queryString({
          cursor: pageParam,
          limit: 100,
        })}`,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.samples.nextCursor ?? undefined,
  });
  const errors = useRefusal(form, trace.error);
  const head = trace.data?.pages[0];
  const samples = trace.data?.pages.flatMap((p) => p.samples.items) ?? [];
  const unable = head?.unableToSample ?? [];
  return (
    <>
      <SearchForm form={form} name="traceEnterprise" t={t} query={query} run={run}>
        <Form.Item
          name="uscc"
          label={t('uscc')}
          rules={[{ required: true, message: t('uscc') }, domainRule(validateUscc, lang)]}
          validateTrigger={['onChange', 'onBlur']}
        >
          <Input
            style={{ width: 240, fontFamily: 'monospace' }}
            maxLength={18}
            autoComplete="off"
          />
        </Form.Item>
      </SearchForm>
      <ErrorAlert lines={errors} />
      {trace.isLoading && <Spin />}
      {head && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions bordered size="small" column={2} title={head.enterprise.name}>
            <Descriptions.Item label={t('uscc')}>{head.enterprise.uscc}</Descriptions.Item>
            <Descriptions.Item label={t('region')}>{head.enterprise.regionCode}</Descriptions.Item>
            <Descriptions.Item label={t('address')}>{head.enterprise.address}</Descriptions.Item>
            <Descriptions.Item label={t('category')}>
              {head.enterprise.categories.join('、')}
            </Descriptions.Item>
            <Descriptions.Item label={t('riskClass')}>
              <Tag>{head.enterprise.riskClass}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('registeredAt')}>
              {date(head.enterprise.registeredAt)}
            </Descriptions.Item>
          </Descriptions>
          <Card title={t('samples')} size="small">
            <Table<EnterpriseSample>
              size="small"
              bordered
              rowKey={(r) => `${r.sampleNo}-${r.role}`}
              dataSource={samples}
              pagination={false}
              locale={{ emptyText: <Typography.Text>{t('none')}</Typography.Text> }}
              columns={[
                ...briefColumns<EnterpriseSample>(t, ts, date),
                {
                  title: t('role'),
                  dataIndex: 'role',
                  render: (v: string) => t(`role_${v}` as never),
                },
              ]}
              footer={
                trace.hasNextPage
                  ? () => (
                      <Button
                        size="small"
                        loading={trace.isFetchingNextPage}
                        onClick={() => void trace.fetchNextPage()}
                      >
                        {tc('action.loadMore')}
                      </Button>
                    )
                  : undefined
              }
            />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card title={t('riskHistory')} size="small">
                <Table
                  size="small"
                  bordered
                  pagination={false}
                  rowKey="from"
                  dataSource={head.riskHistory}
                  locale={{ emptyText: <Typography.Text>{t('none')}</Typography.Text> }}
                  columns={[
                    { title: t('from'), dataIndex: 'from', render: (v: string) => dateTime(v) },
                    { title: t('riskClass'), dataIndex: 'riskClass' },
                    {
                      title: t('reason'),
                      dataIndex: 'reason',
                      render: (v: string | null) => v ?? tc('common.none'),
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title={t('unable')} size="small">
                <Table<Unable>
                  size="small"
                  bordered
                  pagination={false}
                  rowKey={(r) => `${r.planCode}-${r.taskNo}`}
                  dataSource={unable}
                  locale={{ emptyText: <Typography.Text>{t('none')}</Typography.Text> }}
                  columns={[
                    {
                      title: t('task'),
                      dataIndex: 'planCode',
                      render: (v: string, r) => `${v} #${r.taskNo}`,
                    },
                    {
                      title: t('unableReason'),
                      dataIndex: 'unableReason',
                      render: (v: string | null) =>
                        v ? t(`unable_${v}` as never) : tc('common.none'),
                    },
                    { title: t('from'), dataIndex: 'at', render: (v: string) => dateTime(v) },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </Space>
      )}
    </>
  );
}

function briefColumns<R extends SampleBrief>(
  t: T,
  ts: ReturnType<typeof useSampleT>,
  date: (v: string | null | undefined) => string,
): TableColumnsType<R> {
  return [
    {
      title: t('sampleNo'),
      dataIndex: 'sampleNo',
      width: 190,
      render: (v: string) => <Link to={sampleLink(v)}>{v}</Link>,
    },
    {
      title: t('product'),
      dataIndex: 'productName',
      width: 200,
      render: (v: string, r) => [v, r.brand].filter(Boolean).join(' · '),
    },
    { title: t('batch'), dataIndex: 'batchNo', width: 120 },
    { title: t('gtin'), dataIndex: 'gtin', width: 150 },
    { title: t('manufacturer'), dataIndex: 'manufacturerName', width: 200, ellipsis: true },
    {
      title: t('samplingDate'),
      dataIndex: 'samplingDate',
      width: 140,
      render: (v: string) => date(v),
    },
    {
      title: t('custodyState'),
      dataIndex: 'custodyState',
      width: 120,
      render: (v: string) => <Tag>{ts(`state_${v}` as never)}</Tag>,
    },
    {
      title: t('verdict'),
      dataIndex: 'result',
      width: 110,
      render: (v: SampleBrief['result']) =>
        v ? <Tag color={VERDICT_COLOR[v.verdict]}>{t(`verdict_${v.verdict}` as never)}</Tag> : '—',
    },
  ];
}

function ProductTab({ t, query, run }: TabProps) {
  const { lang, date, dateTime } = useI18n();
  const ts = useSampleT();
  const [form] = Form.useForm();
  const searching = Object.keys(query).length > 0;
  const trace = useQuery({
    queryKey: ['trace', 'product', query],
    enabled: searching,
    queryFn: () => apiRequest<ProductTrace>('GET', `/api/v1/trace/products${queryString(query)}`),
  });
  const errors = useRefusal(form, trace.error);
  return (
    <>
      <Typography.Paragraph type="secondary">{t('productHelp')}</Typography.Paragraph>
      <SearchForm form={form} name="traceProduct" t={t} query={query} run={run}>
        <Form.Item
          name="gtin"
          label={t('gtin')}
          rules={[domainRule(validateGtin, lang)]}
          validateTrigger={['onChange', 'onBlur']}
        >
          <Input style={{ width: 180 }} maxLength={14} inputMode="numeric" autoComplete="off" />
        </Form.Item>
        <Form.Item name="batch" label={t('batch')}>
          <Input style={{ width: 140 }} maxLength={100} />
        </Form.Item>
        <Form.Item name="name" label={t('name')}>
          <Input style={{ width: 160 }} maxLength={200} />
        </Form.Item>
        <Form.Item name="manufacturer" label={t('manufacturer')}>
          <Input style={{ width: 200 }} maxLength={200} />
        </Form.Item>
      </SearchForm>
      <ErrorAlert lines={errors} />
      {trace.isLoading && searching && <Spin />}
      {trace.data && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {trace.data.truncated && <Alert type="warning" showIcon title={t('truncated')} />}
          <Card title={`${t('samples')}（${trace.data.samples.length}）`} size="small">
            <Table<SampleBrief>
              virtual
              size="small"
              bordered
              rowKey="sampleNo"
              dataSource={trace.data.samples}
              pagination={false}
              scroll={{ x: 1230, y: 420 }}
              locale={{ emptyText: <Typography.Text>{t('none')}</Typography.Text> }}
              columns={briefColumns(t, ts, date)}
            />
          </Card>
          {trace.data.distribution && (
            <Card title={t('distribution')} size="small">
              <Table<Step>
                size="small"
                bordered
                rowKey="id"
                pagination={false}
                dataSource={trace.data.distribution.items}
                locale={{ emptyText: <Typography.Text>{t('none')}</Typography.Text> }}
                columns={[
                  {
                    title: t('eventTime'),
                    dataIndex: 'eventTime',
                    render: (v: string) => dateTime(v),
                  },
                  {
                    title: t('movement'),
                    dataIndex: 'movement',
                    render: (v: string | null) => (v ? t(`movement_${v}` as never) : '—'),
                  },
                  { title: t('bizStep'), dataIndex: 'bizStep' },
                  { title: t('owner'), dataIndex: 'owner' },
                  { title: t('location'), dataIndex: 'bizLocation' },
                  {
                    title: t('quantity'),
                    dataIndex: 'quantities',
                    render: (qs: Step['quantities']) =>
                      qs.map((q) => `${q.quantity ?? ''}${q.uom ? ` ${q.uom}` : ''}`).join('、'),
                  },
                ]}
              />
            </Card>
          )}
        </Space>
      )}
    </>
  );
}
