import {
  Button,
  Card,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiRequest } from '../../api/client';
import type { components } from '../../api/tasks.schema';
import { useMe } from '../../app/session';
import { ErrorAlert, useApplyError, LoadErrorAlert } from '../../components/errors';
import { useScrollableTables } from '../../components/keyboard';
import { definePageMessages, useI18n } from '../../i18n/i18n';

type Rules = components['schemas']['SectorRulesDto'];
type History = components['schemas']['SectorRulesHistoryDto'];

const PERIODS = [
  'sampleDelivery',
  'testing',
  'objectionWindow',
  'objectionDecision',
  'retestTesting',
] as const;
const RETENTIONS = ['backupAfterPass', 'backupAfterFail'] as const;
const PERMISSIONS = ['microbialRetest', 'expiredBackupRetest'] as const;
type RuleName =
  (typeof PERIODS)[number] | (typeof RETENTIONS)[number] | (typeof PERMISSIONS)[number];
const RULES: RuleName[] = [...PERIODS, ...RETENTIONS, ...PERMISSIONS];

const useT = definePageMessages(
  {
    title: '行业规则',
    help: '各行业的检验时限、异议期限、备份样品保存期和复检规定，所有期限据此计算。修改会生成新版本并记入审计日志，改动的每一项须注明依据。',
    sector: '行业',
    version: '版本',
    rule: '规则',
    value: '规定',
    source: '依据',
    reason: '修改原因',
    setBy: '修改人',
    setAt: '修改时间',
    edit: '修改',
    editTitle: '修改{sector}规则（当前第 {version} 版）',
    history: '历史版本',
    days: '天数',
    dayKind: '计日方式',
    dayKind_working: '工作日',
    dayKind_calendar: '自然日',
    months: '月数',
    allowed: '允许',
    months_value: '{months} 个月',
    allowed_true: '可以复检',
    allowed_false: '不得复检',
    saved: '已保存为第 {version} 版',
    sampleDelivery: '样品送达检验机构',
    testing: '检验并出具检验报告',
    objectionWindow: '提出复检申请（异议）',
    objectionDecision: '作出是否受理复检申请的决定',
    retestTesting: '复检并出具复检结论',
    backupAfterPass: '检验合格的复检备份样品保存期',
    backupAfterFail: '检验不合格的复检备份样品保存期',
    microbialRetest: '微生物指标不合格可否复检',
    expiredBackupRetest: '超过保质期的复检备份样品可否复检',
  },
  {
    title: 'Sector rules',
    help: 'Each sector’s periods for testing and objections, backup retention and retest permissions; every deadline is computed from them. A change makes a new version, audited, and each value changed names its source.',
    sector: 'Sector',
    version: 'Version',
    rule: 'Rule',
    value: 'Value',
    source: 'Source',
    reason: 'Why the rules change',
    setBy: 'Changed by',
    setAt: 'Changed at',
    edit: 'Edit',
    editTitle: 'Edit the rules of {sector} (version {version} in force)',
    history: 'Earlier versions',
    days: 'Days',
    dayKind: 'Counted in',
    dayKind_working: 'working days',
    dayKind_calendar: 'calendar days',
    months: 'Months',
    allowed: 'Allowed',
    months_value: '{months} months',
    allowed_true: 'may be retested',
    allowed_false: 'may not be retested',
    saved: 'Saved as version {version}',
    sampleDelivery: 'Sample delivered to the lab',
    testing: 'Testing and the report',
    objectionWindow: 'Filing an objection',
    objectionDecision: 'Deciding an objection',
    retestTesting: 'Retest and its conclusion',
    backupAfterPass: 'Backup kept after a pass',
    backupAfterFail: 'Backup kept after a failure',
    microbialRetest: 'Retest of failed microbial items',
    expiredBackupRetest: 'Retest of an expired backup',
  },
);
type T = ReturnType<typeof useT>;

/** One rule's value as a sentence: "10 个工作日", "6 个月", "不得复检". */
function useValueOf(t: T) {
  const { t: tc } = useI18n();
  return (r: Rules, name: RuleName): string => {
    const rule = r[name] as { days?: number; dayKind?: string; months?: number; allowed?: boolean };
    if (rule.days !== undefined)
      return rule.dayKind === 'calendar'
        ? tc('common.days', { count: rule.days })
        : tc('common.workingDays', { count: rule.days });
    if (rule.months !== undefined) return t('months_value', { months: rule.months });
    return t(rule.allowed ? 'allowed_true' : 'allowed_false');
  };
}

/** 行业规则: every sector's rules in force with their sources; admins change them. */
export default function SectorRulesPage() {
  const t = useT();
  const { dateTime, lang } = useI18n();
  const me = useMe();
  const valueOf = useValueOf(t);
  const [editing, setEditing] = useState<Rules | null>(null);
  const list = useQuery({
    queryKey: ['sector-rules'],
    queryFn: () => apiRequest<{ items: Rules[] }>('GET', '/api/v1/sector-rules'),
  });
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('help')}</Typography.Paragraph>
      <LoadErrorAlert error={list.error} />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {list.data?.items.map((r) => (
          <Card
            key={r.sector}
            title={
              <>
                {r.sectorName} <Tag>{`v${r.version}`}</Tag>
              </>
            }
            extra={
              me.role === 'admin' && (
                <Button onClick={() => setEditing(r)} aria-label={`${t('edit')} ${r.sectorName}`}>
                  {t('edit')}
                </Button>
              )
            }
          >
            <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
              {t('reason')}：{r.reason} · {t('setBy')}：{r.setBy} · {dateTime(r.setAt)}
            </Typography.Paragraph>
            <Table
              size="small"
              bordered
              pagination={false}
              rowKey={(n) => n}
              dataSource={RULES}
              columns={[
                { title: t('rule'), key: 'rule', width: 280, render: (_: unknown, n) => t(n) },
                {
                  title: t('value'),
                  key: 'value',
                  width: 160,
                  render: (_: unknown, n) => valueOf(r, n),
                },
                {
                  title: t('source'),
                  key: 'source',
                  render: (_: unknown, n) => {
                    const s = (r[n] as { source: { zh: string; en: string } }).source;
                    return lang === 'zh' ? s.zh : s.en;
                  },
                },
              ]}
            />
          </Card>
        ))}
      </Space>
      {editing && <EditDrawer rules={editing} t={t} onClose={() => setEditing(null)} />}
    </>
  );
}

type FormValues = Record<string, unknown> & { reason: string };

/** The change's body: only the rules whose value or source changed; a changed value names its source. */
function patchOf(r: Rules, v: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = { reason: v.reason, expectVersion: r.version };
  for (const name of RULES) {
    const was = r[name] as Record<string, unknown> & { source: { zh: string } };
    const now = v[name] as Record<string, unknown> & { source?: string };
    const change: Record<string, unknown> = {};
    for (const k of ['days', 'dayKind', 'months', 'allowed'])
      if (k in was && now[k] !== was[k]) change[k] = now[k];
    // A changed value names its new source; the old one is not sent again for it (the API
    // then says, beside the field, that the change needs its source).
    const source = typeof now.source === 'string' ? now.source.trim() : '';
    if (source && source !== was.source.zh) change.source = { zh: source };
    if (Object.keys(change).length) body[name] = change;
  }
  return body;
}

function EditDrawer({ rules, t, onClose }: { rules: Rules; t: T; onClose(): void }) {
  const { t: tc, dateTime } = useI18n();
  const client = useQueryClient();
  const applyError = useApplyError();
  const box = useScrollableTables();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[] | null>(null);
  const history = useQuery({
    queryKey: ['sector-rules', rules.sector],
    queryFn: () => apiRequest<History>('GET', `/api/v1/sector-rules/${rules.sector}`),
  });
  const initial: Record<string, unknown> = {};
  for (const name of RULES) {
    const rule = rules[name] as Record<string, unknown> & { source: { zh: string } };
    initial[name] = { ...rule, source: rule.source.zh };
  }
  const save = async (v: FormValues) => {
    setBusy(true);
    setErrors(null);
    try {
      await apiRequest('PATCH', `/api/v1/sector-rules/${rules.sector}`, patchOf(rules, v));
      await client.invalidateQueries({ queryKey: ['sector-rules'] });
      onClose();
    } catch (e) {
      // The API names `testing.source` and the like: the form's own name paths.
      setErrors(applyError(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer
      open
      size={720}
      title={t('editTitle', { sector: rules.sectorName, version: rules.version })}
      onClose={onClose}
      extra={
        <Space>
          <Button onClick={onClose}>{tc('action.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>
            {tc('action.save')}
          </Button>
        </Space>
      }
    >
      <ErrorAlert lines={errors} />
      <Form form={form} layout="vertical" initialValues={initial} onFinish={save}>
        {RULES.map((name) => (
          <Card key={name} size="small" title={t(name)} style={{ marginBottom: 12 }}>
            <Space wrap align="start">
              {(PERIODS as readonly string[]).includes(name) && (
                <>
                  <Form.Item name={[name, 'days']} label={t('days')}>
                    <InputNumber min={1} max={365} />
                  </Form.Item>
                  <Form.Item name={[name, 'dayKind']} label={t('dayKind')}>
                    <Select
                      style={{ width: 120 }}
                      aria-label={`${t(name)} ${t('dayKind')}`}
                      options={['working', 'calendar'].map((k) => ({
                        value: k,
                        label: t(`dayKind_${k}` as never),
                      }))}
                    />
                  </Form.Item>
                </>
              )}
              {(RETENTIONS as readonly string[]).includes(name) && (
                <Form.Item name={[name, 'months']} label={t('months')}>
                  <InputNumber min={1} max={60} />
                </Form.Item>
              )}
              {(PERMISSIONS as readonly string[]).includes(name) && (
                <Form.Item name={[name, 'allowed']} label={t('allowed')} valuePropName="checked">
                  <Switch aria-label={`${t(name)} ${t('allowed')}`} />
                </Form.Item>
              )}
            </Space>
            <Form.Item name={[name, 'source']} label={t('source')} style={{ marginBottom: 0 }}>
              <Input.TextArea rows={1} autoSize aria-label={`${t(name)} ${t('source')}`} />
            </Form.Item>
          </Card>
        ))}
        <Form.Item name="reason" label={t('reason')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t('history')}
      </Typography.Title>
      <div ref={box}>
        <Table
          size="small"
          bordered
          pagination={false}
          rowKey="version"
          loading={history.isLoading}
          dataSource={history.data?.versions ?? []}
          columns={[
            { title: t('version'), dataIndex: 'version', width: 70 },
            { title: t('reason'), dataIndex: 'reason' },
            { title: t('setBy'), dataIndex: 'setBy', width: 140 },
            {
              title: t('setAt'),
              dataIndex: 'setAt',
              width: 170,
              render: (v: string) => dateTime(v),
            },
          ]}
        />
      </div>
    </Drawer>
  );
}
