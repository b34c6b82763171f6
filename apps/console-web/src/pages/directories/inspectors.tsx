import { Form, Input, Select } from 'antd';
import type { components } from '../../api/tasks.schema';
import { useMe } from '../../app/session';
import { DirectoryPage, tagsOf } from '../../components/DirectoryPage';
import { useI18n } from '../../i18n/i18n';
import { useDirT } from './labels';

type Inspector = components['schemas']['InspectorDto'];

/** 执法检查人员名录库: inspectors, their qualifications and declared conflicts. */
export default function InspectorsPage() {
  const t = useDirT();
  const { t: tc } = useI18n();
  const me = useMe();
  const yesNo = [
    { value: 'true', label: tc('common.yes') },
    { value: 'false', label: tc('common.no') },
  ];
  return (
    <DirectoryPage<Inspector>
      spec={{
        title: t('inspectors'),
        base: '/api/v1/inspectors',
        idOf: (r) => r.id,
        rowKey: 'id',
        exportName: 'inspectors.xlsx',
        canWrite: me.role === 'regulator' || me.role === 'admin',
        columns: [
          { title: t('staffNo'), dataIndex: 'staffNo', width: 170 },
          { title: t('name'), dataIndex: 'name', width: 120 },
          { title: t('region'), dataIndex: 'regionCode', width: 110 },
          { title: t('unit'), dataIndex: 'unit', width: 240, ellipsis: true },
          {
            title: t('active'),
            dataIndex: 'active',
            width: 70,
            render: (a: boolean) => tc(a ? 'common.yes' : 'common.no'),
          },
          { title: t('categories'), dataIndex: 'categories', width: 240, render: tagsOf },
          { title: t('conflicts'), dataIndex: 'conflicts', width: 220, render: tagsOf },
        ],
        filters: (
          <>
            <Form.Item name="q" label={t('q')}>
              <Input allowClear style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="region" label={t('region')}>
              <Input allowClear style={{ width: 110 }} />
            </Form.Item>
            <Form.Item name="active" label={t('active')}>
              <Select allowClear style={{ width: 90 }} options={yesNo} aria-label={t('active')} />
            </Form.Item>
          </>
        ),
        fields: [
          { name: 'staffNo', label: t('staffNo'), kind: 'text', required: true },
          { name: 'name', label: t('name'), kind: 'text', required: true },
          { name: 'regionCode', label: t('region'), kind: 'text', required: true },
          { name: 'unit', label: t('unit'), kind: 'text' },
          { name: 'active', label: t('active'), kind: 'switch' },
          { name: 'categories', label: t('categories'), kind: 'tags' },
          { name: 'conflicts', label: t('conflicts'), kind: 'tags' },
        ],
      }}
    />
  );
}
