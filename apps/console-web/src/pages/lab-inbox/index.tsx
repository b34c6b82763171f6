import { Alert, Button, Dropdown, Popconfirm, Segmented, Space, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ok } from '../../api/client';
import { labsApi, type LabSample } from '../../api/labs';
import { useCursorList } from '../../api/paging';
import { useSession } from '../../app/session';
import { ErrorAlert, useErrorText } from '../../components/errors';
import { definePageMessages, useI18n } from '../../i18n/i18n';
import { DaysLeft } from './DaysLeft';
import { ToneTag } from '../lab-shared/ToneTag';
import { useLabT } from '../lab-shared/labels';
import { SimpleTable, type SimpleColumn } from '../lab-shared/SimpleTable';

const useT = definePageMessages(
  {
    title: '样品接收',
    view_transit: '待收样',
    view_received: '已收样',
    view_overdue: '检验超期',
    view_rejected: '已拒收',
    view_all: '全部',
    deadline: '期限',
    state: '状态',
    report: '检验报告',
    actions: '操作',
    receive: '收样',
    receiveConfirm: '确认收样：封样完好、样品状态正常？',
    receiveCondition: '封样完好，样品状态正常',
    reject: '拒收',
    received: '已收样 {sampleNo}',
    rejected: '已拒收 {sampleNo}：{reason}',
    enter: '录入结果',
    open: '查看报告',
    noReport: '未建报告',
    empty_transit: '没有在途待收的样品。',
    empty_received: '没有已收样的样品。',
    empty_overdue: '没有检验超期的样品。',
    empty_rejected: '没有拒收的样品。',
    empty_all: '本机构还没有分配到的样品。',
  },
  {
    title: 'Sample inbox',
    view_transit: 'On their way',
    view_received: 'Received',
    view_overdue: 'Test overdue',
    view_rejected: 'Rejected',
    view_all: 'All',
    deadline: 'Deadline',
    state: 'State',
    report: 'Report',
    actions: 'Actions',
    receive: 'Receive',
    receiveConfirm: 'Receive it: seal intact, sample in order?',
    receiveCondition: 'Seal intact, sample in order',
    reject: 'Reject',
    received: 'Received {sampleNo}',
    rejected: 'Rejected {sampleNo}: {reason}',
    enter: 'Enter results',
    open: 'Open report',
    noReport: 'No report yet',
    empty_transit: 'No samples on their way.',
    empty_received: 'No received samples.',
    empty_overdue: 'No sample is past its test deadline.',
    empty_rejected: 'No rejected samples.',
    empty_all: 'No samples assigned to the lab yet.',
  },
);

type View = 'transit' | 'received' | 'overdue' | 'rejected' | 'all';
const VIEWS: View[] = ['transit', 'received', 'overdue', 'rejected', 'all'];
const REASONS = ['seal_broken', 'damaged', 'wrong_sample'] as const;
/** antd's danger red is too light on white for WCAG's 4.5:1; this one meets it. */
const DANGER = { color: '#b7161c', borderColor: '#b7161c' };

/** Now as RFC 3339 in Beijing time (the API wants an offset). */
export function beijingNow(): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  return `${d.toISOString().slice(0, 19)}+08:00`;
}

const inView = (s: LabSample, v: View) =>
  v === 'all' ||
  v === 'overdue' ||
  (v === 'transit' && !s.receipt) ||
  (v === 'received' && s.receipt?.outcome === 'received') ||
  (v === 'rejected' && s.receipt?.outcome === 'rejected');

/**
 * 样品接收: the samples assigned to the lab — on their way (the 5-working-day delivery period),
 * received (the 20-working-day test period), overdue — with receipt and rejection in two clicks.
 */
export default function LabInboxPage() {
  const t = useT();
  const lt = useLabT();
  const { t: tc, number, date } = useI18n();
  const { me } = useSession();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [view, setView] = useState<View>('transit');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string[] | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const overdue = view === 'overdue' ? true : undefined;
  const list = useCursorList<LabSample>(['lab', 'samples', { overdue }], (cursor) =>
    ok(labsApi.GET('/api/v1/lab/samples', { params: { query: { limit: 200, cursor, overdue } } })),
  );
  const rows = useMemo(() => list.rows.filter((s) => inView(s, view)), [list.rows, view]);
  const mayAct = me?.role === 'lab';

  const act = async (s: LabSample, what: () => Promise<unknown>, doneText: string) => {
    setBusy(s.sampleNo);
    setError(null);
    setDone(null);
    try {
      await what();
      setDone(doneText);
      await client.invalidateQueries({ queryKey: ['lab', 'samples'] });
    } catch (e) {
      setError([errorText(e)]);
    } finally {
      setBusy(null);
    }
  };
  const receive = (s: LabSample) =>
    act(
      s,
      () =>
        ok(
          labsApi.POST('/api/v1/lab/samples/{sampleNo}/receipt', {
            params: { path: { sampleNo: s.sampleNo } },
            body: { receivedAt: beijingNow(), condition: t('receiveCondition'), sealIntact: true },
          }),
        ),
      t('received', { sampleNo: s.sampleNo }),
    );
  const reject = (s: LabSample, reason: (typeof REASONS)[number]) =>
    act(
      s,
      () =>
        ok(
          labsApi.POST('/api/v1/lab/samples/{sampleNo}/rejection', {
            params: { path: { sampleNo: s.sampleNo } },
            body: { at: beijingNow(), reason },
          }),
        ),
      t('rejected', { sampleNo: s.sampleNo, reason: lt(`reason_${reason}`) }),
    );

  const columns: SimpleColumn<LabSample>[] = [
    {
      title: lt('sampleNo'),
      key: 'sampleNo',
      width: 190,
      render: (s) => (
        <Space size={4}>
          <Link to={`/reports/${encodeURIComponent(s.sampleNo)}`}>{s.sampleNo}</Link>
          {s.retest && <ToneTag tone="retest">{lt('retest')}</ToneTag>}
        </Space>
      ),
    },
    {
      title: lt('product'),
      key: 'product',
      width: 220,
      render: (s) => (
        <>
          {s.product.name}
          <br />
          <Typography.Text type="secondary">{s.category.name}</Typography.Text>
        </>
      ),
    },
    {
      title: lt('samplingDate'),
      key: 'samplingDate',
      width: 130,
      render: (s) => <span style={{ whiteSpace: 'nowrap' }}>{date(s.samplingDate)}</span>,
    },
    {
      title: t('deadline'),
      key: 'deadline',
      width: 250,
      render: (s) => <DaysLeft s={s} lt={lt} />,
    },
    {
      title: t('state'),
      key: 'state',
      width: 150,
      render: (s) => (
        <Space size={4} wrap>
          <Tag>{lt(`custody_${s.custodyState}` as never)}</Tag>
          {s.receipt?.reason && <span>{lt(`reason_${s.receipt.reason}` as never)}</span>}
        </Space>
      ),
    },
    {
      title: t('report'),
      key: 'report',
      width: 170,
      render: (s) =>
        s.receipt?.outcome === 'rejected' ? (
          '—'
        ) : s.report ? (
          <span>
            {s.report.reportNo} v{s.report.version} · {lt(`report_${s.report.state}` as never)}
          </span>
        ) : (
          <Typography.Text type="secondary">{t('noReport')}</Typography.Text>
        ),
    },
    {
      title: t('actions'),
      key: 'actions',
      width: 200,
      render: (s) => {
        if (!s.receipt)
          return mayAct ? (
            <Space>
              <Popconfirm
                title={t('receiveConfirm')}
                okText={tc('action.confirm')}
                cancelText={tc('action.cancel')}
                onConfirm={() => receive(s)}
              >
                <Button type="primary" size="small" loading={busy === s.sampleNo}>
                  {t('receive')}
                </Button>
              </Popconfirm>
              <Dropdown
                trigger={['click']}
                menu={{
                  items: REASONS.map((r) => ({ key: r, label: lt(`reason_${r}`) })),
                  onClick: ({ key }) => reject(s, key as (typeof REASONS)[number]),
                }}
              >
                <Button size="small" disabled={busy === s.sampleNo} style={DANGER}>
                  {t('reject')}
                </Button>
              </Dropdown>
            </Space>
          ) : null;
        if (s.receipt.outcome !== 'received') return null;
        return (
          <Link to={`/reports/${encodeURIComponent(s.sampleNo)}`}>
            {s.report ? t('open') : t('enter')}
          </Link>
        );
      },
    },
  ];

  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('title')}
      </Typography.Title>
      {/* A flex row, not a Space: the views scroll within a phone's width, not the page. */}
      <div
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'center',
          gap: 8,
          marginBottom: 16,
        }}
      >
        <Segmented<View>
          value={view}
          onChange={setView}
          options={VIEWS.map((v) => ({ value: v, label: t(`view_${v}`) }))}
          aria-label={t('title')}
          style={{ maxWidth: '100%', overflowX: 'auto' }}
        />
        <span role="status">
          {list.loading
            ? tc('common.loading')
            : list.hasMore
              ? tc('list.count', { count: number(rows.length) })
              : tc('list.countAll', { count: number(rows.length) })}
        </span>
      </div>
      {done && (
        <Alert type="success" showIcon role="status" title={done} style={{ marginBottom: 16 }} />
      )}
      <ErrorAlert lines={error ?? (list.error ? [errorText(list.error)] : null)} />
      <SimpleTable<LabSample>
        rowKey={(s) => s.sampleNo}
        columns={columns}
        rows={rows}
        loading={list.loading}
        caption={t('title')}
        empty={list.loading ? tc('common.loading') : t(`empty_${view}`)}
      />
      {list.hasMore && (
        <Button style={{ marginTop: 12 }} onClick={list.loadMore} loading={list.loadingMore}>
          {tc('action.loadMore')}
        </Button>
      )}
    </>
  );
}
