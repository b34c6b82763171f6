import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, apiRequest } from '../../api/client';
import type { components } from '../../api/tasks.schema';
import { ErrorAlert, useApplyError, useErrorText } from '../../components/errors';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { stateColor, UNABLE_REASONS, useTaskT, type TaskT } from './labels';

type TaskDetail = components['schemas']['TaskDetailDto'];
type Reassignment = components['schemas']['ReassignmentDto'];
type Lab = components['schemas']['LabDto'];

/** One task: what was drawn, the pair's history, and the office's steps while it is assigned. */
export default function TaskDetailPage() {
  const { id = '' } = useParams();
  const t = useTaskT();
  const { t: tc, date, dateTime } = useI18n();
  const errorText = useErrorText();
  const navigate = useNavigate();
  // Recording, refusing, cancelling and reassigning are the regulators' acts (ADR 0026): an
  // admin reads the task only.
  const acts = useMe().role === 'regulator';
  const url = `/api/v1/tasks/${encodeURIComponent(id)}`;
  const task = useQuery({
    queryKey: ['task', id],
    queryFn: () => apiRequest<TaskDetail>('GET', url),
  });
  const labId = task.data?.labId;
  const lab = useQuery({
    queryKey: ['lab', labId],
    enabled: !!labId,
    queryFn: () => apiRequest<Lab>('GET', `/api/v1/labs/${encodeURIComponent(labId!)}`),
  });

  if (task.isLoading) return <Spin aria-label={tc('common.loading')} />;
  if (!task.data)
    return (
      <Result
        status={task.error instanceof ApiError && task.error.status === 404 ? '404' : 'error'}
        title={errorText(task.error)}
        extra={<Link to="/tasks">{tc('action.back')}</Link>}
      />
    );
  const d = task.data;
  const assigned = d.state === 'assigned';
  const open = assigned && acts;
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('detailTitle', { planCode: d.planCode, taskNo: d.taskNo })}{' '}
        <Tag color={stateColor[d.state]}>{t(`state_${d.state}` as never)}</Tag>
        {d.overdue && <Tag color="red">{t('overdue')}</Tag>}
      </Typography.Title>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Descriptions bordered size="small" column={2}>
          <Descriptions.Item label={t('plan')}>
            <Link to={`/plans/${d.planId}`}>{d.planCode}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('taskNo')}>{d.taskNo}</Descriptions.Item>
          <Descriptions.Item label={t('enterprise')}>{d.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label={t('uscc')}>{d.uscc}</Descriptions.Item>
          <Descriptions.Item label={t('address')}>{d.enterpriseAddress}</Descriptions.Item>
          <Descriptions.Item label={t('region')}>{d.regionCode}</Descriptions.Item>
          <Descriptions.Item label={t('category')}>{d.category}</Descriptions.Item>
          <Descriptions.Item label={t('inspectors')}>
            {d.inspectors ? d.inspectors.join('、') : <Tag color="red">{t('noPair')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('lab')}>
            {lab.data ? `${lab.data.name}（${lab.data.cmaNo}）` : (d.labId ?? tc('common.none'))}
          </Descriptions.Item>
          <Descriptions.Item label={t('dueDate')}>{date(d.dueDate)}</Descriptions.Item>
          {d.unableReason && (
            <Descriptions.Item label={t('unableReason')}>
              {t(`unable_${d.unableReason}` as never)}
              {d.violation && (
                <Tag color="red" style={{ marginInlineStart: 8 }}>
                  {t('violation')}
                </Tag>
              )}
            </Descriptions.Item>
          )}
          {d.note && <Descriptions.Item label={t('note')}>{d.note}</Descriptions.Item>}
          {d.stateChangedAt && (
            <Descriptions.Item label={t('stateChangedAt')}>
              {dateTime(d.stateChangedAt)}
            </Descriptions.Item>
          )}
          {d.sampleNo && (
            <Descriptions.Item label={t('sampleNo')}>
              <Link to={`/samples/${encodeURIComponent(d.sampleNo)}`}>{d.sampleNo}</Link>
            </Descriptions.Item>
          )}
        </Descriptions>
        <Space wrap>
          {open && d.inspectors && (
            <Button type="primary" onClick={() => navigate(`/tasks/${d.id}/sample`)}>
              {t('recordSample')}
            </Button>
          )}
          {d.sampleNo && (
            <Button onClick={() => navigate(`/samples/${encodeURIComponent(d.sampleNo!)}`)}>
              {t('viewSample')}
            </Button>
          )}
        </Space>
        <Card title={t('history')} size="small">
          {d.reassignments.length === 0 ? (
            <Typography.Text>{t('noHistory')}</Typography.Text>
          ) : (
            <Table<Reassignment>
              size="small"
              bordered
              pagination={false}
              rowKey={(r) => `${r.at}-${r.slot}`}
              dataSource={d.reassignments}
              columns={[
                { title: t('at'), dataIndex: 'at', render: (v: string) => dateTime(v) },
                {
                  title: t('slot'),
                  dataIndex: 'slot',
                  render: (v: number) => t('slotN', { slot: v }),
                },
                {
                  title: t('oldStaffNo'),
                  dataIndex: 'oldStaffNo',
                  render: (v: string | null) => v ?? tc('common.none'),
                },
                { title: t('newStaffNo'), dataIndex: 'newStaffNo' },
                { title: t('reason'), dataIndex: 'reason' },
                { title: t('actor'), dataIndex: 'actor' },
              ]}
            />
          )}
        </Card>
        {open ? (
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <ReassignCard task={d} url={url} t={t} />
            </Col>
            <Col xs={24} xl={12}>
              <Space direction="vertical" size={16} style={{ width: '100%' }}>
                <UnableCard url={url} t={t} />
                <CancelCard url={url} t={t} />
              </Space>
            </Col>
          </Row>
        ) : assigned ? null : (
          <Alert type="info" showIcon title={t('finalState')} />
        )}
      </Space>
    </>
  );
}

/** A task write: the answer replaces the task, refusals go beside the form's fields. */
function useTaskWrite(url: string) {
  const client = useQueryClient();
  const applyError = useApplyError();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[] | null>(null);
  const [done, setDone] = useState(false);
  const run = async (
    form: ReturnType<typeof Form.useForm>[0],
    path: string,
    body: Record<string, unknown>,
  ) => {
    setBusy(true);
    setErrors(null);
    setDone(false);
    try {
      await apiRequest<TaskDetail>('POST', `${url}/${path}`, body);
      setDone(true);
      form.resetFields();
      await client.invalidateQueries({ queryKey: ['task'] });
      await client.invalidateQueries({ queryKey: ['tasks'] });
    } catch (e) {
      setErrors(applyError(form, e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, errors, done, run };
}

type Way = 'slot' | 'replace' | 'staffNos';

/**
 * 调整检查人员: replace one member (by position or staff number) or, for a task the draw left
 * without a pair, give both. The API applies the draw's rules; what it refuses is shown beside
 * the field it names, with the rules under it.
 */
function ReassignCard({ task, url, t }: { task: TaskDetail; url: string; t: TaskT }) {
  const [form] = Form.useForm();
  const { busy, errors, done, run } = useTaskWrite(url);
  const pair = task.inspectors;
  const [way, setWay] = useState<Way>(pair ? 'slot' : 'staffNos');
  const refused = !!errors;
  const rules = refused ? t('reassignRules') : undefined;
  const submit = (v: Record<string, unknown>) => {
    const body: Record<string, unknown> = { reason: v.reason };
    if (way === 'staffNos') body.staffNos = v.staffNos;
    else {
      body[way] = v[way];
      body.staffNo = v.staffNo;
    }
    return run(form, 'reassign', body);
  };
  return (
    <Card title={t('reassignTitle')} size="small">
      <Typography.Paragraph type="secondary">{t('reassignRules')}</Typography.Paragraph>
      <ErrorAlert lines={errors} />
      <Form
        form={form}
        layout="vertical"
        name="reassign"
        onFinish={submit}
        aria-label={t('reassignTitle')}
        initialValues={{ slot: 1 }}
      >
        {pair && (
          <Form.Item label={t('way')}>
            <Radio.Group
              value={way}
              onChange={(e) => setWay(e.target.value as Way)}
              options={(['slot', 'replace'] as const).map((w) => ({
                value: w,
                label: t(`way_${w}`),
              }))}
              aria-label={t('way')}
            />
          </Form.Item>
        )}
        {way === 'slot' && pair && (
          <Form.Item name="slot" label={t('slot')}>
            <Select
              aria-label={t('slot')}
              options={[1, 2].map((s) => ({
                value: s,
                label: `${t('slotN', { slot: s })}（${pair[s - 1]}）`,
              }))}
            />
          </Form.Item>
        )}
        {way === 'replace' && (
          <Form.Item
            name="replace"
            label={t('replace')}
            rules={[{ required: true, message: t('replace') }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        )}
        {way !== 'staffNos' ? (
          <Form.Item
            name="staffNo"
            label={t('staffNo')}
            extra={rules}
            rules={[{ required: true, message: t('staffNo') }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        ) : (
          <Row gutter={8}>
            {[0, 1].map((i) => (
              <Col span={12} key={i}>
                <Form.Item
                  name={['staffNos', i]}
                  label={t(i === 0 ? 'staffNo1' : 'staffNo2')}
                  extra={i === 1 ? rules : undefined}
                  rules={[{ required: true, message: t(i === 0 ? 'staffNo1' : 'staffNo2') }]}
                >
                  <Input autoComplete="off" />
                </Form.Item>
              </Col>
            ))}
          </Row>
        )}
        <Form.Item
          name="reason"
          label={t('reassignReason')}
          rules={[{ required: true, message: t('reassignReason') }]}
        >
          <Input maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('reassignAction')}
        </Button>{' '}
        <span role="status">{done ? t('reassigned') : ''}</span>
      </Form>
    </Card>
  );
}

/** 无法抽样: closed, nothing on sale, or refused (a violation). */
function UnableCard({ url, t }: { url: string; t: TaskT }) {
  const [form] = Form.useForm();
  const { busy, errors, run } = useTaskWrite(url);
  return (
    <Card title={t('unableTitle')} size="small">
      <ErrorAlert lines={errors} />
      <Form
        form={form}
        layout="vertical"
        name="unable"
        onFinish={(v) => run(form, 'unable', v)}
        aria-label={t('unableTitle')}
      >
        <Form.Item
          name="reason"
          label={t('unableReason')}
          rules={[{ required: true, message: t('unableReason') }]}
        >
          <Select
            aria-label={t('unableReason')}
            options={UNABLE_REASONS.map((r) => ({ value: r, label: t(`unable_${r}`) }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Button htmlType="submit" loading={busy}>
          {t('unableAction')}
        </Button>
      </Form>
    </Card>
  );
}

function CancelCard({ url, t }: { url: string; t: TaskT }) {
  const { t: tc } = useI18n();
  const [form] = Form.useForm();
  const { busy, errors, run } = useTaskWrite(url);
  return (
    <Card title={t('cancelTitle')} size="small">
      <ErrorAlert lines={errors} />
      <Form
        form={form}
        layout="vertical"
        name="cancel"
        onFinish={(v) => run(form, 'cancel', v)}
        aria-label={t('cancelTitle')}
      >
        <Form.Item
          name="reason"
          label={t('cancelReason')}
          rules={[{ required: true, message: t('cancelReason') }]}
        >
          <Input maxLength={500} />
        </Form.Item>
        <Popconfirm
          title={t('cancelConfirm')}
          okText={tc('action.confirm')}
          cancelText={tc('action.cancel')}
          onConfirm={() => form.submit()}
        >
          <Button danger loading={busy}>
            {t('cancelAction')}
          </Button>
        </Popconfirm>
      </Form>
    </Card>
  );
}
