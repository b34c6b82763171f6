import { Alert, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ok } from '../../api/client';
import { labsApi, STAFF_ME_KEY, type LabSample } from '../../api/labs';
import { useCursorList } from '../../api/paging';
import { useSession } from '../../app/session';
import { ErrorAlert, useErrorText } from '../../components/errors';
import { definePageMessages, useI18n } from '../../i18n/i18n';
import { DaysLeft } from '../lab-inbox/DaysLeft';
import { useLabT } from '../lab-shared/labels';
import { ToneTag } from '../lab-shared/ToneTag';

const useT = definePageMessages(
  {
    title: '审核与签发',
    hint: '按岗位列出待办报告：检验员修改草稿，审核人审核已提交的报告，授权签字人签发已审核的报告。不能审核或签发自己检验的报告（双人复核）。',
    noRoles: '您不在本机构的在岗人员名单中，请联系授权签字人。',
    report: '报告',
    deadline: '期限',
    state: '状态',
    open: '办理',
  },
  {
    title: 'Review and issue',
    hint: 'Reports waiting for your roles: testers correct drafts, reviewers review submitted reports, signatories issue reviewed ones. Nobody reviews or signs their own results (four eyes).',
    noRoles: 'You are not on the lab’s active staff; ask an authorised signatory.',
    report: 'Report',
    deadline: 'Deadline',
    state: 'State',
    open: 'Open',
  },
);

type Queue = 'draft' | 'submitted' | 'reviewed' | 'issued';
const FOR_ROLE: Record<string, Queue> = {
  tester: 'draft',
  reviewer: 'submitted',
  signatory: 'reviewed',
};

/** 审核与签发: the reports waiting for the caller's roles, by the state they wait in. */
export default function LabReviewPage() {
  const t = useT();
  const lt = useLabT();
  const { t: tc, number, lang } = useI18n();
  const errorText = useErrorText();
  const { me } = useSession();
  const staff = useQuery({
    queryKey: STAFF_ME_KEY,
    queryFn: () => ok(labsApi.GET('/api/v1/lab/staff/me')),
    enabled: me?.role === 'lab',
  });
  const roles = staff.data?.active ? staff.data.roles : [];
  const queues = useMemo((): Queue[] => {
    const q = roles.map((r) => FOR_ROLE[r]).filter(Boolean);
    return [...(me?.role === 'admin' ? (['submitted', 'reviewed'] as Queue[]) : q), 'issued'];
  }, [roles, me]);
  const [picked, setPicked] = useState<Queue | null>(null);
  const queue = picked ?? queues[0];
  const list = useCursorList<LabSample>(['lab', 'samples', 'review'], (cursor) =>
    ok(labsApi.GET('/api/v1/lab/samples', { params: { query: { limit: 500, cursor } } })),
  );
  const withReport = list.rows.filter((s) => s.report);
  const rows = withReport.filter((s) => s.report!.state === queue);
  const countOf = (q: Queue) => withReport.filter((s) => s.report!.state === q).length;

  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph>{t('hint')}</Typography.Paragraph>
      {me?.role === 'lab' && staff.isSuccess && roles.length === 0 && (
        <Alert type="warning" showIcon title={t('noRoles')} style={{ marginBottom: 16 }} />
      )}
      <ErrorAlert
        lines={list.error ? [errorText(list.error)] : staff.error ? [errorText(staff.error)] : null}
      />
      <Space style={{ marginBottom: 16 }} wrap>
        <Segmented<Queue>
          value={queue}
          onChange={setPicked}
          aria-label={t('title')}
          options={queues.map((q) => ({
            value: q,
            label:
              lang === 'zh'
                ? `${lt(`report_${q}`)}（${number(countOf(q))}）`
                : `${lt(`report_${q}`)} (${number(countOf(q))})`,
          }))}
        />
        <span role="status">
          {list.loading
            ? tc('common.loading')
            : tc('list.countAll', { count: number(rows.length) })}
        </span>
        {list.hasMore && <a onClick={list.loadMore}>{tc('action.loadMore')}</a>}
      </Space>
      <Table<LabSample>
        // On a phone the table scrolls sideways instead of breaking every cell into a column.
        scroll={{ x: 900 }}
        rowKey="sampleNo"
        size="middle"
        pagination={false}
        loading={list.loading}
        dataSource={rows}
        locale={{ emptyText: tc('list.empty') }}
        columns={[
          {
            title: lt('sampleNo'),
            dataIndex: 'sampleNo',
            width: 200,
            render: (no: string, s) => (
              <Space size={4}>
                <span>{no}</span>
                {s.retest && <ToneTag tone="retest">{lt('retest')}</ToneTag>}
              </Space>
            ),
          },
          { title: lt('product'), key: 'product', render: (_, s) => s.product.name },
          {
            title: t('report'),
            key: 'report',
            render: (_, s) => `${s.report!.reportNo} v${s.report!.version}`,
          },
          {
            title: t('state'),
            key: 'state',
            width: 110,
            render: (_, s) => <Tag>{lt(`report_${s.report!.state}` as never)}</Tag>,
          },
          {
            title: t('deadline'),
            key: 'deadline',
            width: 260,
            render: (_, s) => <DaysLeft s={s} lt={lt} />,
          },
          {
            title: '',
            key: 'open',
            width: 90,
            render: (_, s) => (
              <Link to={`/reports/${encodeURIComponent(s.sampleNo)}`}>{t('open')}</Link>
            ),
          },
        ]}
      />
    </>
  );
}
