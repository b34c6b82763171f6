import { Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import { ErrorAlert, useErrorText } from '../../components/errors';
import { useScrollableTables } from '../../components/keyboard';
import { useI18n } from '../../i18n/i18n';
import { Countdown } from '../enterprise-shared/Countdown';
import { ToneTag } from '../lab-shared/ToneTag';
import { useNoticeT, type Notice } from './labels';
import { useObjectionsByNotice } from './objections';

/** 检验结果通知: the enterprise's result notices, newest first, deadlines counting down. */
export default function NoticesPage() {
  const t = useNoticeT();
  const { date, dateTime } = useI18n();
  const errorText = useErrorText();
  const box = useScrollableTables();
  const notices = useQuery({
    queryKey: ['notices'],
    queryFn: () => ok(api.GET('/api/v1/notices')),
  });
  const objections = useObjectionsByNotice();
  const failures = [notices.error, objections.error].filter(Boolean).map((e) => errorText(e));
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      <ErrorAlert lines={failures.length ? failures : null} />
      <div ref={box}>
        <Table<Notice>
          size="small"
          bordered
          rowKey="id"
          loading={notices.isLoading}
          dataSource={notices.data?.items ?? []}
          locale={{ emptyText: <span style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{t('empty')}</span> }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 1100 }}
          columns={[
            {
              title: t('sampleNo'),
              dataIndex: 'sampleNo',
              width: 200,
              render: (v: string, r) => (
                <Link to={`/notices/${r.id}`}>{r.readAt ? v : <strong>{v}</strong>}</Link>
              ),
            },
            {
              title: t('product'),
              key: 'product',
              width: 180,
              render: (_: unknown, r) =>
                [r.product.name, r.product.batch].filter(Boolean).join(' · '),
            },
            {
              title: t('verdict'),
              dataIndex: 'verdict',
              width: 90,
              render: (v: string) => (
                <ToneTag tone={v === 'fail' ? 'bad' : v === 'pass' ? 'ok' : 'plain'}>
                  {t(`verdict_${v}` as never)}
                </ToneTag>
              ),
            },
            { title: t('servedOn'), dataIndex: 'servedOn', width: 130, render: (v) => date(v) },
            {
              title: t('objectionDeadline'),
              key: 'deadline',
              width: 230,
              render: (_: unknown, r) =>
                r.verdict === 'fail' && !objections.byNotice.has(r.id) ? (
                  <Countdown
                    deadline={r.objectionDeadline}
                    kind={r.objectionDeadlineRule?.dayKind ?? 'working'}
                    left={r.daysLeft}
                  />
                ) : (
                  date(r.objectionDeadline)
                ),
            },
            {
              title: t('objection'),
              key: 'objection',
              width: 170,
              render: (_: unknown, r) => {
                const o = objections.byNotice.get(r.id);
                return o ? <Tag>{t(`state_${o.state}` as never)}</Tag> : t('noObjection');
              },
            },
            {
              title: t('receipt'),
              dataIndex: 'readAt',
              width: 180,
              render: (v: string | null) =>
                v ? (
                  t('readAt', { time: dateTime(v) })
                ) : (
                  <ToneTag tone="warn">{t('unread')}</ToneTag>
                ),
            },
          ]}
        />
      </div>
    </>
  );
}
