import {
  Alert,
  Button,
  Descriptions,
  Form,
  Input,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useLayoutEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, ok } from '../../api/client';
import {
  labsApi,
  STAFF_ME_KEY,
  type Report,
  type ReportEvent,
  type ReportVersion,
} from '../../api/labs';
import { useSession } from '../../app/session';
import { ErrorAlert, useErrorText, LoadErrorAlert } from '../../components/errors';
import { describeReason } from '../../i18n/errors';
import { definePageMessages, useI18n } from '../../i18n/i18n';
import { DaysLeft } from '../lab-inbox/DaysLeft';
import { useLabT } from '../lab-shared/labels';
import { ToneTag } from '../lab-shared/ToneTag';
import { GridState, prepareAll, ResultGrid, useGridSummary, type GridLabels } from './ResultGrid';

const useT = definePageMessages(
  {
    title: '检验报告 {sampleNo}',
    back: '返回样品接收',
    received: '收样时间',
    testDue: '检验期限',
    noReport: '该样品尚未建立检验报告。',
    notReceived: '样品尚未收样，不能建立报告。',
    rejectedAt: '已拒收（{reason}）· {at}',
    rejectedNoReport: '本机构已拒收该样品（{reason}），不建立检验报告。',
    reportNo: '报告编号',
    create: '建立报告',
    testerOnly: '由检验员建立报告。',
    grid: '检验结果（第 {version} 版，共 {count} 项）',
    seq: '序号',
    item: '检验项目',
    method: '检验方法',
    unit: '单位',
    limit: '标准要求',
    value: '检测结果',
    notTested: '未检原因',
    outcome: '单项判定',
    previous: '上一版结果',
    invalid: '无法判定',
    local: '（录入预览）',
    server: '（已保存）',
    valueOf: '{name} 检测结果',
    notTestedOf: '{name} 未检原因',
    summary: '预判：{fail} 项不合格，{pass} 项合格，{empty} 项未填',
    summaryInvalid: '，{count} 项无法判定',
    verdict: '样品判定（服务器）：{verdict}',
    incomplete: '尚有未填写的项目',
    save: '保存结果',
    saved: '已保存，以服务器判定为准',
    unsaved: '有未保存的修改，请先保存',
    done: '已办理：{event}',
    returnReason: '退回原因',
    amendReason: '修订原因',
    amend: '修订报告（新版本）',
    amended: '已建立第 {version} 版（修订）',
    history: '版本历史',
    version: '版本',
    state: '状态',
    verdictCol: '判定',
    amendment: '修订原因',
    issuedBy: '签发',
    view: '查看',
    viewing: '正在查看',
    myRoles: '我的岗位：{roles}',
    noActions: '此报告当前没有您可办理的步骤（双人复核：不能审核或签发自己检验的报告）。',
    noActions_draft: '报告草稿由检验员填写并提交审核，当前没有您可办理的步骤。',
    noActions_issued: '报告已签发；修订由检验员或授权签字人办理。',
    retestReport: '复检报告：结论为最终结论',
    failedItems: '不合格项目',
  },
  {
    title: 'Report {sampleNo}',
    back: 'Back to the inbox',
    received: 'Received',
    testDue: 'Test due',
    noReport: 'This sample has no report yet.',
    notReceived: 'The sample has not been received; no report yet.',
    rejectedAt: 'Rejected ({reason}) · {at}',
    rejectedNoReport: 'The lab rejected this sample ({reason}); it gets no report.',
    reportNo: 'Report no.',
    create: 'Create the report',
    testerOnly: 'A tester creates the report.',
    grid: 'Results (version {version}, {count} items)',
    seq: 'No.',
    item: 'Item',
    method: 'Method',
    unit: 'Unit',
    limit: 'Requirement',
    value: 'Result',
    notTested: 'Not tested because',
    outcome: 'Item verdict',
    previous: 'Previous version',
    invalid: 'Cannot judge',
    local: '(preview)',
    server: '(saved)',
    valueOf: '{name} result',
    notTestedOf: '{name} not tested because',
    summary: 'Preview: {fail} failing, {pass} passing, {empty} empty',
    summaryInvalid: ', {count} cannot be judged',
    verdict: 'Sample verdict (server): {verdict}',
    incomplete: 'Some items are still empty',
    save: 'Save results',
    saved: 'Saved; the server’s verdict stands',
    unsaved: 'Unsaved changes: save first',
    done: 'Done: {event}',
    returnReason: 'Reason for returning',
    amendReason: 'Reason for the amendment',
    amend: 'Amend (new version)',
    amended: 'Version {version} started (amendment)',
    history: 'Version history',
    version: 'Version',
    state: 'State',
    verdictCol: 'Verdict',
    amendment: 'Amendment reason',
    issuedBy: 'Issued',
    view: 'View',
    viewing: 'Viewing',
    myRoles: 'My roles: {roles}',
    noActions:
      'Nothing here is yours to do now (four eyes: nobody reviews or signs their own results).',
    noActions_draft: 'A tester fills in and submits this draft; nothing here is yours to do now.',
    noActions_issued: 'Issued; a tester or an authorised signatory amends it.',
    retestReport: 'Retest report: its conclusion is final',
    failedItems: 'Failed items',
  },
);
type T = ReturnType<typeof useT>;

const EVENT_ORDER: ReportEvent[] = ['submit', 'review', 'issue', 'return'];

/** 检验报告: a sample's report, its result grid, the review chain by role, amendments. */
export default function LabReportPage() {
  const { sampleNo = '' } = useParams();
  const t = useT();
  const lt = useLabT();
  const { dateTime, lang } = useI18n();
  const { me } = useSession();
  const sample = useQuery({
    queryKey: ['lab', 'sample', sampleNo],
    queryFn: () =>
      ok(labsApi.GET('/api/v1/lab/samples/{sampleNo}', { params: { path: { sampleNo } } })),
  });
  const chain = useQuery({
    queryKey: ['lab', 'chain', sampleNo],
    queryFn: () => ok(labsApi.GET('/api/v1/lab/reports', { params: { query: { sampleNo } } })),
  });
  const staff = useQuery({
    queryKey: STAFF_ME_KEY,
    queryFn: () => ok(labsApi.GET('/api/v1/lab/staff/me')),
    enabled: me?.role === 'lab',
  });
  const roles = staff.data?.active ? staff.data.roles : [];
  const versions = chain.data?.versions ?? [];
  const [picked, setPicked] = useState<string | null>(null);
  // Here, not in the panel: an answer re-keys the panel (a fresh version), which keeps this.
  const [notice, setNotice] = useState<string | null>(null);
  const latest = versions[versions.length - 1];
  const shownId = picked ?? latest?.id;
  const report = useQuery({
    queryKey: ['lab', 'report', shownId],
    queryFn: () =>
      ok(labsApi.GET('/api/v1/lab/reports/{id}', { params: { path: { id: shownId! } } })),
    enabled: !!shownId,
  });
  const shownIndex = versions.findIndex((v) => v.id === shownId);
  const previousId = shownIndex > 0 ? versions[shownIndex - 1].id : undefined;
  const previous = useQuery({
    queryKey: ['lab', 'report', previousId],
    queryFn: () =>
      ok(labsApi.GET('/api/v1/lab/reports/{id}', { params: { path: { id: previousId! } } })),
    enabled: !!previousId,
  });

  if (sample.isLoading || chain.isLoading) return <Spin />;
  if (!sample.data)
    return (
      <>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {t('title', { sampleNo })}
        </Typography.Title>
        <LoadErrorAlert error={sample.error} />
        <Link to="/">{t('back')}</Link>
      </>
    );
  const s = sample.data;
  const retest = s.retest || !!report.data?.objectionId;
  const rejectedReason =
    s.receipt?.outcome === 'rejected' && s.receipt.reason
      ? lt(`reason_${s.receipt.reason}`)
      : lt('custody_rejected');
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('title', { sampleNo })} {retest && <ToneTag tone="retest">{lt('retest')}</ToneTag>}
        {report.data && <Tag>{lt(`report_${report.data.state}`)}</Tag>}
      </Typography.Title>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={lt('product')}>
            {s.product.name}
            {s.product.batch ? ` · ${s.product.batch}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={lt('category')}>{s.category.name}</Descriptions.Item>
          <Descriptions.Item label={t('received')}>
            {s.receipt?.outcome === 'rejected'
              ? t('rejectedAt', { reason: rejectedReason, at: dateTime(s.receipt.at) })
              : s.receipt
                ? dateTime(s.receipt.at)
                : lt(`custody_${s.custodyState}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('testDue')}>
            <DaysLeft s={s} lt={lt} />
          </Descriptions.Item>
          {me?.role === 'lab' && (
            <Descriptions.Item label={t('myRoles', { roles: '' }).replace(/[：:]\s*$/, '')}>
              {roles.map((r) => lt(`role_${r}`)).join(lang === 'zh' ? '、' : ', ') || '—'}
            </Descriptions.Item>
          )}
        </Descriptions>
        {retest && <Alert type="info" showIcon title={t('retestReport')} />}
        {versions.length === 0 ? (
          <NewReport
            sampleNo={sampleNo}
            received={s.received}
            rejected={
              s.receipt?.outcome === 'rejected'
                ? t('rejectedNoReport', { reason: rejectedReason })
                : null
            }
            tester={roles.includes('tester')}
            t={t}
          />
        ) : report.data ? (
          <ReportPanel
            key={`${report.data.id}:${report.data.updatedAt}`}
            report={report.data}
            previous={previous.data}
            latest={report.data.id === latest?.id}
            roles={roles}
            sampleNo={sampleNo}
            onPick={setPicked}
            notice={notice}
            setNotice={setNotice}
            t={t}
          />
        ) : (
          <Spin />
        )}
        {versions.length > 0 && (
          <History versions={versions} shownId={shownId} onPick={setPicked} t={t} />
        )}
      </Space>
    </>
  );
}

function NewReport(props: {
  sampleNo: string;
  received: boolean;
  /** Why there is no report: the lab rejected the sample. */
  rejected: string | null;
  tester: boolean;
  t: T;
}) {
  const { t } = props;
  const client = useQueryClient();
  const errorText = useErrorText();
  const [error, setError] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  if (props.rejected) return <Alert type="warning" showIcon title={props.rejected} />;
  if (!props.received) return <Alert type="warning" showIcon title={t('notReceived')} />;
  if (!props.tester)
    return <Alert type="info" showIcon title={`${t('noReport')} ${t('testerOnly')}`} />;
  return (
    <>
      <ErrorAlert lines={error} />
      <Typography.Paragraph>{t('noReport')}</Typography.Paragraph>
      <Form
        layout="inline"
        onFinish={async (v: { reportNo: string }) => {
          setBusy(true);
          setError(null);
          try {
            await ok(
              labsApi.POST('/api/v1/lab/reports', {
                body: { sampleNo: props.sampleNo, reportNo: v.reportNo.trim() },
              }),
            );
            await client.invalidateQueries({ queryKey: ['lab'] });
          } catch (e) {
            setError([errorText(e)]);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="reportNo" label={t('reportNo')} rules={[{ required: true }]}>
          <Input style={{ width: 220 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('create')}
          </Button>
        </Form.Item>
      </Form>
    </>
  );
}

/** One version: the grid (editable for a tester while a draft), its verdict and its actions. */
function ReportPanel(props: {
  report: Report;
  previous?: Report;
  latest: boolean;
  roles: string[];
  sampleNo: string;
  onPick(id: string | null): void;
  notice: string | null;
  setNotice(n: string | null): void;
  t: T;
}) {
  const { report, t, notice, setNotice } = props;
  const lt = useLabT();
  const { lang } = useI18n();
  const errorText = useErrorText();
  const client = useQueryClient();
  const editable = props.latest && report.state === 'draft' && props.roles.includes('tester');
  const [error, setError] = useState<string[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [returnReason, setReturnReason] = useState('');
  const [amendReason, setAmendReason] = useState('');

  // The typed text and its judgement: made once per version shown (the panel is keyed by it).
  const [grid] = useState(
    () => new GridState(report.items, prepareAll(report.items), report.preview.items, lang),
  );
  useLayoutEffect(() => grid.setLang(lang), [grid, lang]);
  // Only whether anything is unsaved renders the panel again, not each keystroke.
  const dirty = useSyncExternalStore(grid.subscribeSummary, () => grid.summary().edited > 0);
  const labels: GridLabels = useMemo(
    () => ({
      seq: t('seq'),
      item: t('item'),
      method: t('method'),
      unit: t('unit'),
      limit: t('limit'),
      value: t('value'),
      notTested: t('notTested'),
      outcome: t('outcome'),
      previous: t('previous'),
      invalid: t('invalid'),
      local: t('local'),
      server: t('server'),
      valueOf: (name) => t('valueOf', { name }),
      notTestedOf: (name) => t('notTestedOf', { name }),
    }),
    [t],
  );
  const previousValues = useMemo(
    () =>
      props.previous
        ? new Map(props.previous.items.map((i) => [i.itemCode, i.value ?? i.notTestedReason]))
        : undefined,
    [props.previous],
  );

  const settle = async (fresh: Report) => {
    client.setQueryData(['lab', 'report', fresh.id], fresh);
    await client.invalidateQueries({ queryKey: ['lab', 'chain', props.sampleNo] });
    await client.invalidateQueries({ queryKey: ['lab', 'samples'] });
  };
  const run = async (name: string, call: () => Promise<Report>, doneText: string) => {
    setBusy(name);
    setError(null);
    setNotice(null);
    try {
      const fresh = await call();
      await settle(fresh);
      setNotice(doneText);
      return fresh;
    } catch (e) {
      const lines = [errorText(e)];
      if (e instanceof ApiError) {
        const byRow = new Map<number, string>();
        for (const f of e.fieldErrors) {
          const m = /^items\[(\d+)\]\.(value|notTestedReason)$/.exec(f.field);
          if (m && name === 'save') byRow.set(Number(m[1]), describeReason(f.reason, lang));
          else lines.push(`${f.field}: ${describeReason(f.reason, lang)}`);
        }
        grid.setErrors(byRow);
      }
      setError(lines);
      return null;
    } finally {
      setBusy(null);
    }
  };
  const save = () =>
    run(
      'save',
      () =>
        ok(
          labsApi.PUT('/api/v1/lab/reports/{id}/items', {
            params: { path: { id: report.id } },
            body: {
              items: report.items.map((i, k) => {
                const d = grid.row(k).draft;
                return {
                  itemCode: i.itemCode,
                  itemName: i.itemName,
                  ...(i.method ? { method: i.method } : {}),
                  ...(i.unit ? { unit: i.unit } : {}),
                  // The stored rule object: the API takes it as the limit (a LimitRule).
                  limit: i.limitRule as never,
                  limitText: i.limitText,
                  comparison: i.comparison,
                  ...(i.roundingDigits !== null ? { roundingDigits: i.roundingDigits } : {}),
                  ...(d.value.trim() ? { value: d.value.trim() } : {}),
                  ...(d.notTestedReason.trim()
                    ? { notTestedReason: d.notTestedReason.trim() }
                    : {}),
                };
              }),
            },
          }),
        ),
      t('saved'),
    );
  const send = (event: ReportEvent) => {
    const path = { params: { path: { id: report.id } } };
    const call = (): Promise<Report> => {
      switch (event) {
        case 'submit':
          return ok(labsApi.POST('/api/v1/lab/reports/{id}/submit', path));
        case 'review':
          return ok(labsApi.POST('/api/v1/lab/reports/{id}/review', path));
        case 'issue':
          return ok(labsApi.POST('/api/v1/lab/reports/{id}/issue', path));
        case 'return':
          return ok(
            labsApi.POST('/api/v1/lab/reports/{id}/return', {
              ...path,
              body: { reason: returnReason.trim() },
            }),
          );
      }
    };
    return run(event, call, t('done', { event: lt(`event_${event}`) }));
  };
  const amend = async () => {
    const fresh = await run(
      'amend',
      () =>
        ok(
          labsApi.POST('/api/v1/lab/reports/{id}/amend', {
            params: { path: { id: report.id } },
            body: { reason: amendReason.trim() },
          }),
        ),
      '',
    );
    if (fresh) {
      props.onPick(null);
      setNotice(t('amended', { version: fresh.version }));
    }
  };

  const events = EVENT_ORDER.filter((e) => props.latest && report.allowedEvents.includes(e));
  const mayAmend =
    props.latest &&
    report.state === 'issued' &&
    props.roles.some((r) => r === 'tester' || r === 'signatory');
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {notice && <Alert type="success" showIcon role="status" title={notice} />}
      <ErrorAlert lines={error} />
      <Space wrap size={[16, 8]}>
        <GridSummaryText grid={grid} t={t} />
        {report.preview.verdict && (
          <ToneTag tone={report.preview.verdict === 'fail' ? 'bad' : 'ok'}>
            {t('verdict', { verdict: lt(`verdict_${report.preview.verdict}` as never) })}
          </ToneTag>
        )}
      </Space>
      <ResultGrid
        grid={grid}
        previous={previousValues}
        editable={editable}
        lt={lt}
        labels={labels}
        caption={t('grid', { version: report.version, count: report.items.length })}
      />
      <Space wrap>
        {editable && (
          <Button type="primary" onClick={save} loading={busy === 'save'} disabled={!dirty}>
            {t('save')}
          </Button>
        )}
        {events
          .filter((e) => e !== 'return')
          .map((e) => (
            <Button
              key={e}
              type={editable ? 'default' : 'primary'}
              onClick={() => send(e)}
              loading={busy === e}
              disabled={dirty}
              title={dirty ? t('unsaved') : undefined}
            >
              {lt(`event_${e}`)}
            </Button>
          ))}
        {events.includes('return') && (
          <Space.Compact>
            <Input
              aria-label={t('returnReason')}
              placeholder={t('returnReason')}
              value={returnReason}
              onChange={(e) => setReturnReason(e.target.value)}
              style={{ width: 240 }}
            />
            <Button
              onClick={() => send('return')}
              loading={busy === 'return'}
              disabled={!returnReason.trim()}
            >
              {lt('event_return')}
            </Button>
          </Space.Compact>
        )}
        {mayAmend && (
          <Space.Compact>
            <Input
              aria-label={t('amendReason')}
              placeholder={t('amendReason')}
              value={amendReason}
              onChange={(e) => setAmendReason(e.target.value)}
              style={{ width: 260 }}
            />
            <Button onClick={amend} loading={busy === 'amend'} disabled={!amendReason.trim()}>
              {t('amend')}
            </Button>
          </Space.Compact>
        )}
      </Space>
      {dirty && events.length > 0 && <Typography.Text>{t('unsaved')}</Typography.Text>}
      {props.latest && !editable && events.length === 0 && !mayAmend && (
        <Typography.Text>
          {report.state === 'draft'
            ? t('noActions_draft')
            : report.state === 'issued'
              ? t('noActions_issued')
              : t('noActions')}
        </Typography.Text>
      )}
    </Space>
  );
}

/** The preview's counts, rendered again only when a count changes. */
function GridSummaryText({ grid, t }: { grid: GridState; t: T }) {
  const { counts } = useGridSummary(grid);
  return (
    <span role="status" aria-live="polite">
      {t('summary', { fail: counts.fail, pass: counts.pass, empty: counts.empty })}
      {counts.invalid ? t('summaryInvalid', { count: counts.invalid }) : ''}
    </span>
  );
}

function History(props: {
  versions: ReportVersion[];
  shownId?: string;
  onPick(id: string): void;
  t: T;
}) {
  const { t } = props;
  const lt = useLabT();
  const { dateTime } = useI18n();
  return (
    <section aria-label={t('history')}>
      <Table<ReportVersion>
        // On a phone the table scrolls sideways instead of breaking every cell into a column.
        scroll={{ x: 900 }}
        rowKey="id"
        size="small"
        pagination={false}
        title={() => <Typography.Text strong>{t('history')}</Typography.Text>}
        dataSource={props.versions}
        columns={[
          { title: t('version'), dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
          { title: t('reportNo'), dataIndex: 'reportNo', width: 150 },
          {
            title: t('state'),
            dataIndex: 'state',
            width: 100,
            render: (s: string) => lt(`report_${s}` as never),
          },
          {
            title: t('verdictCol'),
            dataIndex: 'verdict',
            width: 90,
            render: (v: string | null) => (v ? lt(`verdict_${v}` as never) : '—'),
          },
          {
            title: t('failedItems'),
            key: 'failed',
            render: (_, v) =>
              v.failedItems?.map((f) => `${f.itemName} ${f.value}`).join('；') || '—',
          },
          { title: t('amendment'), dataIndex: 'amendmentReason', render: (r) => r ?? '—' },
          {
            title: t('issuedBy'),
            key: 'issued',
            render: (_, v) => (v.issuedBy ? `${v.issuedBy} · ${dateTime(v.issuedAt)}` : '—'),
          },
          {
            title: '',
            key: 'pick',
            width: 100,
            render: (_, v) =>
              v.id === props.shownId ? (
                <Typography.Text>{t('viewing')}</Typography.Text>
              ) : (
                <Button size="small" onClick={() => props.onPick(v.id)}>
                  {t('view')}
                </Button>
              ),
          },
        ]}
      />
    </section>
  );
}
