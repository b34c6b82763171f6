import {
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Typography,
} from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { apiRequest, download, queryString } from '../../api/client';
import { cleanQuery } from '../../api/paging';
import type { components } from '../../api/tasks.schema';
import { ErrorAlert, useErrorText } from '../../components/errors';
import { useScrollableTables } from '../../components/keyboard';
import { definePageMessages, useI18n } from '../../i18n/i18n';
import { Chart } from './Chart';
import type { EChartsCoreOption } from './echarts';

type Rates = components['schemas']['RatesDto'];
type RateRow = components['schemas']['RateRowDto'];
type Filters = {
  period?: string;
  sector?: string;
  prefecture?: string;
  size?: string;
  stage?: string;
};

const SECTORS = ['manufacturing', 'consumer_goods', 'agricultural', 'food', 'drug'] as const;
const SIZES = ['large', 'medium', 'small', 'micro'] as const;
const STAGES = ['production', 'distribution', 'online'] as const;

const useT = definePageMessages(
  {
    title: '合格率看板',
    help: '按抽样月份统计已最终确定的抽检结果：合格率 = 合格批次 ÷（合格 + 不合格批次）。异议期内或复检中的批次列为“待定”，不计入合格率。',
    period: '统计期间',
    periodYear: '{year} 年',
    periodQuarter: '{year} 年第 {q} 季度',
    sector: '行业',
    sector_manufacturing: '工业产品',
    sector_consumer_goods: '消费品',
    sector_agricultural: '农产品',
    sector_food: '食品',
    sector_drug: '药品',
    prefecture: '地市代码',
    size: '企业规模',
    size_large: '大型',
    size_medium: '中型',
    size_small: '小型',
    size_micro: '微型',
    stage: '抽样环节',
    stage_production: '生产',
    stage_distribution: '流通',
    stage_online: '网络销售',
    exportCsv: '导出 CSV',
    exportXlsx: '导出 Excel',
    total: '合计',
    pass: '合格',
    fail: '不合格',
    pending: '待定',
    final: '已确定批次',
    rate: '合格率',
    target: '目标',
    gap: '与目标差距',
    gapPoints: '{gap} 个百分点',
    bySector: '各行业合格率与目标',
    byPrefecture: '各地市合格率',
    byQuarter: '各季度合格率走势',
    region: '地区',
    quarter: '季度',
    chartSector: '各行业合格率柱状图，目标以折线表示：{summary}',
    chartPrefecture: '各地市合格率柱状图：{summary}',
    chartQuarter: '各季度合格率折线图：{summary}',
    noData: '所选期间和条件下没有已确定的抽检结果。',
  },
  {
    title: 'Qualification rates',
    help: 'Final results by month of sampling: rate = passed batches ÷ (passed + failed). Batches still in their objection window or retest are pending and not in the rate.',
    period: 'Period',
    periodYear: '{year}',
    periodQuarter: '{year} Q{q}',
    sector: 'Sector',
    sector_manufacturing: 'Manufactured goods',
    sector_consumer_goods: 'Consumer goods',
    sector_agricultural: 'Agricultural products',
    sector_food: 'Food',
    sector_drug: 'Drugs',
    prefecture: 'Prefecture code',
    size: 'Enterprise size',
    size_large: 'Large',
    size_medium: 'Medium',
    size_small: 'Small',
    size_micro: 'Micro',
    stage: 'Stage',
    stage_production: 'Production',
    stage_distribution: 'Distribution',
    stage_online: 'Online',
    exportCsv: 'Export CSV',
    exportXlsx: 'Export Excel',
    total: 'Total',
    pass: 'Passed',
    fail: 'Failed',
    pending: 'Pending',
    final: 'Final batches',
    rate: 'Rate',
    target: 'Target',
    gap: 'Gap to target',
    gapPoints: '{gap} points',
    bySector: 'Rates by sector against their targets',
    byPrefecture: 'Rates by prefecture',
    byQuarter: 'Rates by quarter',
    region: 'Region',
    quarter: 'Quarter',
    chartSector: 'Bar chart of the rate by sector, targets as a line: {summary}',
    chartPrefecture: 'Bar chart of the rate by prefecture: {summary}',
    chartQuarter: 'Line chart of the rate by quarter: {summary}',
    noData: 'No final result in the chosen period and filters.',
  },
);
type T = ReturnType<typeof useT>;

/** This year and the four before it, each whole and by quarter. */
function periodOptions(t: T) {
  const year = new Date().getFullYear();
  return Array.from({ length: 5 }, (_, i) => year - i).flatMap((y) => [
    { value: String(y), label: t('periodYear', { year: y }) },
    ...[1, 2, 3, 4].map((q) => ({
      value: `${y}-Q${q}`,
      label: t('periodQuarter', { year: y, q }),
    })),
  ]);
}

function useRates(by: string, filters: Filters) {
  return useQuery({
    queryKey: ['rates', by, filters],
    queryFn: () => apiRequest<Rates>('GET', `/api/v1/rates${queryString({ ...filters, by })}`),
  });
}

const num = (rate: string | null | undefined) => (rate == null ? null : Number(rate));

/**
 * 合格率看板: rates by sector against their targets, by prefecture, and by quarter through the
 * year, for the chosen period and dimensions; the same figures exported as CSV or XLSX.
 */
export default function RatesPage() {
  const t = useT();
  const { t: tc, number, percent } = useI18n();
  const errorText = useErrorText();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({ period: String(new Date().getFullYear()) });
  const [exportError, setExportError] = useState<string[] | null>(null);
  const tables = useScrollableTables();
  const bySector = useRates('sector', filters);
  const byPrefecture = useRates('prefecture', filters);
  // The trend runs through the whole year of the chosen period.
  const year = (filters.period ?? '').slice(0, 4);
  const byQuarter = useRates('quarter', { ...filters, period: year });

  const sectorName = (s: string | undefined) => (s ? t(`sector_${s}` as never) : tc('common.none'));
  const pct = (v: string | null | undefined) => (v == null ? tc('common.none') : percent(v, 2));
  const summary = (rows: { name: string; rate: string | null }[]) =>
    rows.map((r) => `${r.name} ${pct(r.rate)}`).join('；');

  const sectorRows = bySector.data?.sectors ?? [];
  const prefectureRows = byPrefecture.data?.rows ?? [];
  const quarterRows = byQuarter.data?.rows ?? [];
  const quarters = [1, 2, 3, 4].map((q) => `${year}-Q${q}`);

  const sectorOption = useMemo<EChartsCoreOption>(
    () => ({
      aria: { enabled: false },
      tooltip: { trigger: 'axis' },
      legend: { data: [t('rate'), t('target')], top: 0 },
      grid: { left: 48, right: 24, bottom: 32, top: 40 },
      xAxis: { type: 'category', data: sectorRows.map((s) => sectorName(s.sector)) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { name: t('rate'), type: 'bar', data: sectorRows.map((s) => num(s.rate)), barMaxWidth: 48 },
        {
          name: t('target'),
          type: 'line',
          data: sectorRows.map((s) => num(s.target)),
          symbol: 'diamond',
          symbolSize: 12,
          lineStyle: { type: 'dashed' },
          connectNulls: false,
        },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [bySector.data, t],
  );
  const prefectureOption = useMemo<EChartsCoreOption>(
    () => ({
      aria: { enabled: false },
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 24, bottom: 32, top: 24 },
      xAxis: { type: 'category', data: prefectureRows.map((r) => r.regionName ?? r.prefecture) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: t('rate'),
          type: 'bar',
          data: prefectureRows.map((r) => num(r.rate)),
          barMaxWidth: 48,
        },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [byPrefecture.data, t],
  );
  const quarterOption = useMemo<EChartsCoreOption>(
    () => ({
      aria: { enabled: false },
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 24, bottom: 32, top: 24 },
      // Every quarter of the year on the axis, those without final results left blank.
      xAxis: { type: 'category', data: quarters },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: t('rate'),
          type: 'line',
          data: quarters.map((q) => num(quarterRows.find((r) => r.quarter === q)?.rate)),
        },
      ],
    }),
    [byQuarter.data, t],
  );

  const exportAs = async (format: 'csv' | 'xlsx') => {
    setExportError(null);
    try {
      await download(
        `/api/v1/rates/export${queryString({ ...filters, by: 'sector,prefecture', format })}`,
        `rates.${format}`,
      );
    } catch (e) {
      setExportError([errorText(e)]);
    }
  };

  const figureColumns = [
    { title: t('pass'), dataIndex: 'pass', width: 90, align: 'right' as const, render: number },
    { title: t('fail'), dataIndex: 'fail', width: 90, align: 'right' as const, render: number },
    {
      title: t('pending'),
      dataIndex: 'pending',
      width: 90,
      align: 'right' as const,
      render: number,
    },
    {
      title: t('rate'),
      dataIndex: 'rate',
      width: 100,
      align: 'right' as const,
      render: (v: string | null) => pct(v),
    },
  ];
  const total = bySector.data?.total;
  const error = bySector.error ?? byPrefecture.error ?? byQuarter.error;

  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('help')}</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        initialValues={filters}
        aria-label={tc('list.filters')}
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(v) => setFilters(cleanQuery(v) as Filters)}
      >
        <Form.Item name="period" label={t('period')}>
          <Select style={{ width: 170 }} aria-label={t('period')} options={periodOptions(t)} />
        </Form.Item>
        <Form.Item name="sector" label={t('sector')}>
          <Select
            allowClear
            style={{ width: 130 }}
            aria-label={t('sector')}
            options={SECTORS.map((s) => ({ value: s, label: t(`sector_${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="prefecture" label={t('prefecture')}>
          <Input allowClear maxLength={6} inputMode="numeric" style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="size" label={t('size')}>
          <Select
            allowClear
            style={{ width: 100 }}
            aria-label={t('size')}
            options={SIZES.map((s) => ({ value: s, label: t(`size_${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="stage" label={t('stage')}>
          <Select
            allowClear
            style={{ width: 110 }}
            aria-label={t('stage')}
            options={STAGES.map((s) => ({ value: s, label: t(`stage_${s}`) }))}
          />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              {tc('action.search')}
            </Button>
            <Button onClick={() => void exportAs('csv')}>{t('exportCsv')}</Button>
            <Button onClick={() => void exportAs('xlsx')}>{t('exportXlsx')}</Button>
          </Space>
        </Form.Item>
      </Form>
      <ErrorAlert lines={error ? [errorText(error)] : exportError} />
      {bySector.isLoading ? (
        <Spin aria-label={tc('common.loading')} />
      ) : (
        total && (
          <Descriptions bordered size="small" column={5} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('rate')}>
              <span role="status">{pct(total.rate)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('final')}>{number(total.final)}</Descriptions.Item>
            <Descriptions.Item label={t('pass')}>{number(total.pass)}</Descriptions.Item>
            <Descriptions.Item label={t('fail')}>{number(total.fail)}</Descriptions.Item>
            <Descriptions.Item label={t('pending')}>{number(total.pending)}</Descriptions.Item>
          </Descriptions>
        )
      )}
      {total && total.final + total.pending === 0 ? (
        <Typography.Paragraph>{t('noData')}</Typography.Paragraph>
      ) : (
        <div ref={tables}>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card title={t('bySector')}>
                <Chart
                  option={sectorOption}
                  label={t('chartSector', {
                    summary: summary(
                      sectorRows.map((s) => ({ name: sectorName(s.sector), rate: s.rate })),
                    ),
                  })}
                />
                <Table
                  size="small"
                  bordered
                  pagination={false}
                  rowKey="sector"
                  dataSource={sectorRows}
                  scroll={{ x: 700 }}
                  columns={[
                    {
                      title: t('sector'),
                      dataIndex: 'sector',
                      width: 120,
                      render: (v: string) => sectorName(v),
                    },
                    ...figureColumns,
                    {
                      title: t('target'),
                      dataIndex: 'target',
                      width: 90,
                      align: 'right' as const,
                      render: (v: string | null) => pct(v),
                    },
                    {
                      title: t('gap'),
                      dataIndex: 'gap',
                      width: 120,
                      align: 'right' as const,
                      render: (v: string | null) =>
                        v == null ? (
                          tc('common.none')
                        ) : (
                          <span style={{ color: Number(v) < 0 ? '#cf1322' : undefined }}>
                            {t('gapPoints', { gap: `${Number(v) > 0 ? '+' : ''}${v}` })}
                          </span>
                        ),
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title={t('byPrefecture')}>
                <Chart
                  option={prefectureOption}
                  label={t('chartPrefecture', {
                    summary: summary(
                      prefectureRows.map((r) => ({
                        name: r.regionName ?? r.prefecture ?? '',
                        rate: r.rate,
                      })),
                    ),
                  })}
                />
                <Table<RateRow>
                  size="small"
                  bordered
                  pagination={false}
                  rowKey={(r) => r.prefecture ?? ''}
                  dataSource={prefectureRows}
                  scroll={{ x: 560 }}
                  columns={[
                    {
                      title: t('region'),
                      key: 'region',
                      width: 160,
                      render: (_: unknown, r) => r.regionName ?? r.prefecture,
                    },
                    ...figureColumns,
                  ]}
                />
              </Card>
            </Col>
            <Col span={24}>
              <Card title={t('byQuarter')}>
                <Chart
                  option={quarterOption}
                  height={280}
                  label={t('chartQuarter', {
                    summary: summary(
                      quarterRows.map((r) => ({ name: r.quarter ?? '', rate: r.rate })),
                    ),
                  })}
                />
                <Table<RateRow>
                  size="small"
                  bordered
                  pagination={false}
                  rowKey={(r) => r.quarter ?? ''}
                  dataSource={quarterRows}
                  columns={[
                    { title: t('quarter'), dataIndex: 'quarter', width: 120 },
                    ...figureColumns,
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </div>
      )}
    </>
  );
}
