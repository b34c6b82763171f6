import { Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { optionsOf, percentToApi, PLAN_LEVELS, RISK_CLASSES, STAGES, type PlanT } from './labels';

/**
 * The ratio editor: the draw's conditions as the API takes them — a ratio per credit-risk class
 * (percentages; classes left empty keep the defaults), stratification by prefecture, and the
 * caps. Field names are the API's, so its refusals (`ratios.B`, `maxTasks`) land beside them.
 */
export function RatioFields({ t }: { t: PlanT }) {
  return (
    <>
      <Form.Item label={t('ratios')} extra={t('ratioHelp')} style={{ marginBottom: 8 }}>
        <Row gutter={8}>
          {RISK_CLASSES.map((cls) => (
            <Col span={6} key={cls}>
              <Form.Item
                name={['ratios', cls]}
                label={t('ratioOf', { cls })}
                rules={[
                  {
                    pattern: /^\s*\d+(\.\d+)?\s*%?\s*$/,
                    message: t('ratioHelp'),
                  },
                ]}
              >
                <Input suffix="%" inputMode="decimal" />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Form.Item>
      <Form.Item
        name="stratifyByPrefecture"
        label={t('stratifyByPrefecture')}
        valuePropName="checked"
      >
        <Switch aria-label={t('stratifyByPrefecture')} />
      </Form.Item>
      <Row gutter={8}>
        <Col span={12}>
          <Form.Item name="maxTasks" label={t('maxTasks')}>
            <InputNumber min={1} placeholder={t('noLimit')} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="maxTasksPerInspector" label={t('maxTasksPerInspector')}>
            <InputNumber min={1} placeholder={t('noLimit')} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

/** The rest of a new plan: number, title, level, jurisdiction, year, categories, stages, dates. */
export function PlanHeadFields({ t }: { t: PlanT }) {
  return (
    <>
      <Form.Item name="code" label={t('code')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="title" label={t('planTitle')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Row gutter={8}>
        <Col span={8}>
          <Form.Item name="level" label={t('level')} rules={[{ required: true }]}>
            <Select options={optionsOf(t, 'level', PLAN_LEVELS)} aria-label={t('level')} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="jurisdiction" label={t('jurisdiction')} rules={[{ required: true }]}>
            <Input maxLength={6} inputMode="numeric" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="year" label={t('year')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="categories" label={t('categories')} rules={[{ required: true }]}>
        <Select mode="tags" aria-label={t('categories')} tokenSeparators={[',', '，', ' ']} />
      </Form.Item>
      <Form.Item name="stages" label={t('stages')} rules={[{ required: true }]}>
        <Select mode="multiple" options={optionsOf(t, 'stage', STAGES)} aria-label={t('stages')} />
      </Form.Item>
      <Row gutter={8}>
        <Col span={12}>
          <Form.Item name="samplingDeadline" label={t('samplingDeadline')}>
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="reportDeadline" label={t('reportDeadline')}>
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

/** Form values → the API's body: percentages with their sign, empty ratios and dates left out. */
export function planBody(v: Record<string, unknown>, create: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = { ...v };
  const ratios: Record<string, string> = {};
  for (const [cls, r] of Object.entries((v.ratios ?? {}) as Record<string, unknown>))
    if (typeof r === 'string' && r.trim()) ratios[cls] = percentToApi(r);
  if (Object.keys(ratios).length) body.ratios = ratios;
  else delete body.ratios;
  for (const k of ['samplingDeadline', 'reportDeadline', 'maxTasks', 'maxTasksPerInspector'])
    if (body[k] === '' || body[k] === undefined || body[k] === null)
      if (create) delete body[k];
      else body[k] = null;
  return body;
}
