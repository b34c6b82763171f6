import { Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import { LoadErrorAlert } from '../../components/errors';
import { useScrollableTables } from '../../components/keyboard';
import { useI18n } from '../../i18n/i18n';
import { Countdown } from '../enterprise-shared/Countdown';
import { ToneTag } from '../lab-shared/ToneTag';
import { useCaseT, type Case } from './labels';

/** 限期整改: the enterprise's follow-up cases, the deadline of each order counting down. */
export default function CorrectionsPage() {
  const t = useCaseT();
  const { date, dateTime } = useI18n();
  const box = useScrollableTables();
  const cases = useQuery({
    queryKey: ['cases', 'mine'],
    queryFn: () => ok(api.GET('/api/v1/cases', { params: { query: {} } })),
  });
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      <LoadErrorAlert error={cases.error} />
      <div ref={box}>
        <Table<Case>
          size="small"
          bordered
          rowKey="id"
          loading={cases.isLoading}
          dataSource={cases.data?.items ?? []}
          locale={{ emptyText: <span style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{t('empty')}</span> }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 960 }}
          columns={[
            {
              title: t('sampleNo'),
              dataIndex: 'sampleNo',
              width: 200,
              render: (v: string, r) => <Link to={`/corrections/${r.id}`}>{v}</Link>,
            },
            {
              title: t('product'),
              key: 'product',
              width: 180,
              render: (_: unknown, r) =>
                [r.product.name, r.product.batch].filter(Boolean).join(' · '),
            },
            {
              title: t('state'),
              dataIndex: 'state',
              width: 170,
              render: (v: string, r) => (
                <>
                  <ToneTag tone={v === 'ordered' || v === 'escalated' ? 'warn' : 'plain'}>
                    {t(`state_${v}` as never)}
                  </ToneTag>
                  {r.escalation && (
                    <ToneTag tone="bad">{t(`escalation_${r.escalation}` as never)}</ToneTag>
                  )}
                </>
              ),
            },
            {
              title: t('deadline'),
              key: 'deadline',
              width: 230,
              render: (_: unknown, r) =>
                r.order ? (
                  r.state === 'ordered' ? (
                    <Countdown deadline={r.order.deadline} kind="working" />
                  ) : (
                    date(r.order.deadline)
                  )
                ) : (
                  '—'
                ),
            },
            {
              title: t('openedAt'),
              dataIndex: 'openedAt',
              width: 170,
              render: (v: string) => dateTime(v),
            },
          ]}
        />
      </div>
    </>
  );
}
