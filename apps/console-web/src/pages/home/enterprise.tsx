import { Card, Col, List, Row, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import { ErrorAlert, useErrorText } from '../../components/errors';
import { definePageMessages, useI18n } from '../../i18n/i18n';
import { chinaToday, Countdown } from '../enterprise-shared/Countdown';
import { ToneTag } from '../lab-shared/ToneTag';
import { useWithdrawalT } from '../withdrawals/labels';

const useT = definePageMessages(
  {
    title: '工作台',
    notices: '检验结果通知',
    unread: '未签收',
    objectable: '可在异议期限内申请复检',
    noNotices: '没有待处理的检验结果通知书',
    cases: '限期整改',
    noCases: '没有待整改的案件',
    all: '查看全部',
    deadline: '期限',
  },
  {
    title: 'Start',
    notices: 'Result notices',
    unread: 'Not yet read',
    objectable: 'Open to objection',
    noNotices: 'No result notice to attend to',
    cases: 'Corrections',
    noCases: 'No correction to report',
    all: 'See all',
    deadline: 'Deadline',
  },
);

/** An empty list's line, dark enough to read (antd's is 25 % black, below WCAG's 4.5:1). */
const Empty = ({ text }: { text: string }) => (
  <span style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{text}</span>
);

/**
 * An enterprise's start page: the notices it has not read or may still object to, the
 * corrections ordered of it, each with its deadline counting down, and the withdrawal notices of
 * failed batches it holds, each leading to its withdrawal page.
 */
export default function EnterpriseHome() {
  const t = useT();
  const { lang } = useI18n();
  const errorText = useErrorText();
  const today = chinaToday();
  const notices = useQuery({
    queryKey: ['notices'],
    queryFn: () => ok(api.GET('/api/v1/notices')),
  });
  const cases = useQuery({
    queryKey: ['cases', 'mine'],
    queryFn: () => ok(api.GET('/api/v1/cases', { params: { query: {} } })),
  });
  const pending = (notices.data?.items ?? []).filter(
    (n) => !n.readAt || (n.verdict === 'fail' && n.objectionDeadline >= today),
  );
  const recalls = useQuery({
    queryKey: ['notifications', 'recall_holder'],
    queryFn: () =>
      ok(
        api.GET('/api/v1/notifications', {
          params: { query: { kind: 'recall_holder', limit: 20 } },
        }),
      ),
  });
  const client = useQueryClient();
  const tw = useWithdrawalT();
  const ordered = (cases.data?.items ?? []).filter((c) => c.state === 'ordered');
  const failures = [notices.error, cases.error, recalls.error]
    .filter(Boolean)
    .map((e) => errorText(e));
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('title')}
      </Typography.Title>
      <ErrorAlert lines={failures.length ? failures : null} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('notices')} extra={<Link to="/notices">{t('all')}</Link>}>
            <List
              size="small"
              loading={notices.isLoading}
              locale={{ emptyText: <Empty text={t('noNotices')} /> }}
              dataSource={pending}
              renderItem={(n) => (
                <List.Item>
                  <span>
                    <Link to={`/notices/${n.id}`}>{n.sampleNo}</Link> · {n.product.name}{' '}
                    {!n.readAt && <ToneTag tone="warn">{t('unread')}</ToneTag>}
                  </span>
                  {n.verdict === 'fail' && n.objectionDeadline >= today && (
                    <span>
                      {t('objectable')}：
                      <Countdown
                        deadline={n.objectionDeadline}
                        kind={n.objectionDeadlineRule?.dayKind ?? 'working'}
                        left={n.daysLeft}
                      />
                    </span>
                  )}
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('cases')} extra={<Link to="/corrections">{t('all')}</Link>}>
            <List
              size="small"
              loading={cases.isLoading}
              locale={{ emptyText: <Empty text={t('noCases')} /> }}
              dataSource={ordered}
              renderItem={(c) => (
                <List.Item>
                  <span>
                    <Link to={`/corrections/${c.id}`}>{c.sampleNo}</Link> · {c.product.name}
                  </span>
                  <span>
                    {t('deadline')}：
                    <Countdown deadline={c.order?.deadline} kind="working" />
                  </span>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={tw('notices')}>
            <List
              size="small"
              loading={recalls.isLoading}
              locale={{ emptyText: <Empty text={tw('noNotices')} /> }}
              dataSource={recalls.data?.items ?? []}
              renderItem={(n) => (
                <List.Item>
                  <span>
                    <Link
                      to={`/withdrawals/${n.subject}`}
                      onClick={() => {
                        // Opening the notice reads it; the page loads either way.
                        if (!n.readAt)
                          void api
                            .POST('/api/v1/notifications/{id}/read', {
                              params: { path: { id: n.id } },
                            })
                            .then(() => client.invalidateQueries({ queryKey: ['notifications'] }));
                      }}
                    >
                      {n.message[lang]}
                    </Link>{' '}
                    {!n.readAt && <ToneTag tone="warn">{tw('unread')}</ToneTag>}
                  </span>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
