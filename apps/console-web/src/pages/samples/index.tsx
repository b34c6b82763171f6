import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, apiRequest } from '../../api/client';
import type { components } from '../../api/tasks.schema';
import { ErrorAlert, useApplyError, useErrorText } from '../../components/errors';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { CustodyTimeline } from './CustodyTimeline';
import { DATE_TIME, FIELD_KINDS, useSampleT, type SampleT } from './labels';

type Sample = components['schemas']['SampleDetailDto'];

/** 样品: the sampling record of a sample, where it is, and its custody chain. */
export default function SamplePage() {
  const { sampleNo = '' } = useParams();
  const t = useSampleT();
  const { t: tc, date, dateTime } = useI18n();
  const errorText = useErrorText();
  // Sealing and shipping are the field's acts, the regulators' (ADR 0026); admins read.
  const acts = useMe().role === 'regulator';
  const url = `/api/v1/samples/${encodeURIComponent(sampleNo)}`;
  const sample = useQuery({
    queryKey: ['sample', sampleNo],
    queryFn: () => apiRequest<Sample>('GET', url),
  });
  if (sample.isLoading) return <Spin aria-label={tc('common.loading')} />;
  if (!sample.data)
    return (
      <Result
        status={sample.error instanceof ApiError && sample.error.status === 404 ? '404' : 'error'}
        title={errorText(sample.error)}
        extra={<Link to="/tasks">{tc('action.back')}</Link>}
      />
    );
  const s = sample.data;
  const p = s.product;
  const fieldKinds = FIELD_KINDS.filter((k) => s.allowedCustodyKinds.includes(k));
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('sampleTitle', { sampleNo: s.sampleNo })}{' '}
        <Tag color="blue">{t(`state_${s.custodyState}` as never)}</Tag>
        {s.overdue && <Tag color="red">{t('overdue')}</Tag>}
      </Typography.Title>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Descriptions bordered size="small" column={2}>
          <Descriptions.Item label={t('plan')}>
            <Link to={`/plans/${s.planId}`}>{s.planCode}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('task')}>
            <Link to={`/tasks/${s.taskId}`}>{t('task')}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('enterprise')}>
            {s.sampledEnterprise.name}（{s.sampledEnterprise.uscc}）
          </Descriptions.Item>
          <Descriptions.Item label={t('stage')}>{t(`stage_${s.stage}` as never)}</Descriptions.Item>
          <Descriptions.Item label={t('product')}>
            {[p.name, p.brand, p.spec].filter(Boolean).join(' · ')}
          </Descriptions.Item>
          <Descriptions.Item label={t('batch')}>
            {p.batch ?? tc('common.none')}
            {p.productionDate && ` · ${t('productionDate')} ${date(p.productionDate)}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('gtin')}>{p.gtin ?? tc('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('expiryDate')}>{date(p.expiryDate)}</Descriptions.Item>
          <Descriptions.Item label={t('manufacturer')}>
            {s.manufacturer.name}
            {s.manufacturer.uscc && `（${s.manufacturer.uscc}）`}
          </Descriptions.Item>
          <Descriptions.Item label={t('place')}>
            {s.place.address}（{s.place.regionCode}）
            {s.online && ` · ${s.online.platform} ${s.online.shopName}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('testPortion')}>
            {s.testPortion.quantity} {s.testPortion.unit}
          </Descriptions.Item>
          <Descriptions.Item label={t('backupPortion')}>
            {s.backupPortion.quantity} {s.backupPortion.unit}
          </Descriptions.Item>
          <Descriptions.Item label={t('pricePaid')}>{s.pricePaid}</Descriptions.Item>
          <Descriptions.Item label={t('sealNumbers')}>
            {s.sealNumbers.length ? s.sealNumbers.join('、') : tc('common.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('inspectors')}>{s.inspectors.join('、')}</Descriptions.Item>
          <Descriptions.Item label={t('representative')}>
            {s.representative.name}
            {s.representative.title && `（${s.representative.title}）`}
          </Descriptions.Item>
          <Descriptions.Item label={t('sampledAt')}>{dateTime(s.sampledAt)}</Descriptions.Item>
          <Descriptions.Item label={t('labDueDate')}>
            {date(s.labDueDate)}
            {s.labDueRule && ` · ${t('labDueRule')}：${s.labDueRule.label}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('arrivedAt')}>
            {dateTime(s.arrivedAt)}
            {s.arrivedLate && (
              <Tag color="red" style={{ marginInlineStart: 8 }}>
                {t('arrivedLate')}
              </Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('keepUntil')}>{date(s.keepUntil)}</Descriptions.Item>
          <Descriptions.Item label={t('next')} span={2}>
            {s.allowedCustodyKinds.length
              ? s.allowedCustodyKinds.map((k) => <Tag key={k}>{t(`kind_${k}` as never)}</Tag>)
              : tc('common.none')}
          </Descriptions.Item>
          {s.note && (
            <Descriptions.Item label={t('note')} span={2}>
              {s.note}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Card title={t('custodyTitle')} size="small">
              <CustodyTimeline events={s.custody} />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            {!acts ? null : fieldKinds.length ? (
              <AppendCard sample={s} kinds={fieldKinds} url={url} t={t} />
            ) : (
              <Alert type="info" showIcon title={t('noFieldStep')} />
            )}
          </Col>
        </Row>
      </Space>
    </>
  );
}

/** 登记封样或寄送: the custody steps the field records (the lab records the rest). */
function AppendCard({
  sample,
  kinds,
  url,
  t,
}: {
  sample: Sample;
  kinds: string[];
  url: string;
  t: SampleT;
}) {
  const client = useQueryClient();
  const applyError = useApplyError();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[] | null>(null);
  const kind = (Form.useWatch('kind', form) as string | undefined) ?? kinds[0];
  const submit = async (v: {
    kind: string;
    occurredAt?: Dayjs | null;
    regionCode?: string;
    address?: string;
    note?: string;
    detail?: { sealNumbers?: string[]; carrier?: string; trackingNo?: string };
  }) => {
    setBusy(true);
    setErrors(null);
    const detail: Record<string, unknown> = {};
    if (v.kind === 'sealed') detail.sealNumbers = v.detail?.sealNumbers ?? [];
    for (const k of ['carrier', 'trackingNo'] as const)
      if (v.kind === 'shipped' && v.detail?.[k]) detail[k] = v.detail[k];
    try {
      await apiRequest('POST', `${url}/custody`, {
        kind: v.kind,
        occurredAt: v.occurredAt ? v.occurredAt.format('YYYY-MM-DDTHH:mm:ssZ') : '',
        regionCode: v.regionCode ?? '',
        address: v.address ?? '',
        note: v.note || undefined,
        detail,
      });
      form.resetFields();
      await client.invalidateQueries({ queryKey: ['sample'] });
    } catch (e) {
      setErrors(applyError(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('appendTitle')} size="small">
      <ErrorAlert lines={errors} />
      <Form
        form={form}
        name="custody"
        layout="vertical"
        onFinish={submit}
        aria-label={t('appendTitle')}
        initialValues={{
          kind: kinds[0],
          occurredAt: dayjs(),
          regionCode: sample.place.regionCode,
          address: sample.place.address,
        }}
      >
        <Form.Item name="kind" label={t('kind')}>
          <Select
            aria-label={t('kind')}
            options={kinds.map((k) => ({ value: k, label: t(`kind_${k}` as never) }))}
          />
        </Form.Item>
        <Form.Item
          name="occurredAt"
          label={t('occurredAt')}
          rules={[{ required: true, message: t('occurredAt') }]}
        >
          <DatePicker showTime format={DATE_TIME} style={{ width: '100%' }} />
        </Form.Item>
        <Row gutter={8}>
          <Col span={8}>
            <Form.Item
              name="regionCode"
              label={t('regionCode')}
              rules={[{ required: true, message: t('regionCode') }]}
            >
              <Input maxLength={6} inputMode="numeric" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item
              name="address"
              label={t('address')}
              rules={[{ required: true, message: t('address') }]}
            >
              <Input maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
        {kind === 'sealed' && (
          <Form.Item
            name={['detail', 'sealNumbers']}
            label={t('sealNumbers')}
            extra={t('sealHelp')}
            rules={[{ required: true, message: t('sealNumbers') }]}
          >
            <Select mode="tags" open={false} aria-label={t('sealNumbers')} />
          </Form.Item>
        )}
        {kind === 'shipped' && (
          <Row gutter={8}>
            <Col span={12}>
              <Form.Item name={['detail', 'carrier']} label={t('carrier')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name={['detail', 'trackingNo']} label={t('trackingNo')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Form.Item name="note" label={t('note')}>
          <Input maxLength={1000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('appendAction')}
        </Button>
      </Form>
    </Card>
  );
}
