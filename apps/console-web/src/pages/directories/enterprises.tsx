import { Form, Input, Select } from 'antd';
import type { components } from '../../api/tasks.schema';
import { useMe } from '../../app/session';
import { DirectoryPage, tagsOf } from '../../components/DirectoryPage';
import { useI18n } from '../../i18n/i18n';
import { options, RISKS, SIZES, STATUSES, useDirT, usccCheck } from './labels';

type Enterprise = components['schemas']['EnterpriseDto'];

/** 检查对象名录库: the enterprises a draw selects from. */
export default function EnterprisesPage() {
  const t = useDirT();
  const { lang } = useI18n();
  const me = useMe();
  return (
    <DirectoryPage<Enterprise>
      spec={{
        title: t('enterprises'),
        base: '/api/v1/enterprises',
        idOf: (r) => r.uscc,
        rowKey: 'uscc',
        exportName: 'enterprises.xlsx',
        canWrite: me.role === 'regulator' || me.role === 'admin',
        columns: [
          { title: t('uscc'), dataIndex: 'uscc', width: 200 },
          { title: t('name'), dataIndex: 'name', width: 260, ellipsis: true },
          { title: t('region'), dataIndex: 'regionCode', width: 110 },
          {
            title: t('size'),
            dataIndex: 'size',
            width: 80,
            render: (v: string) => t(`size_${v}` as never),
          },
          { title: t('risk'), dataIndex: 'riskClass', width: 110 },
          {
            title: t('status'),
            dataIndex: 'status',
            width: 80,
            render: (v: string) => t(`status_${v}` as never),
          },
          { title: t('categories'), dataIndex: 'categories', width: 240, render: tagsOf },
          { title: t('address'), dataIndex: 'address', width: 260, ellipsis: true },
        ],
        filters: (
          <>
            <Form.Item name="q" label={t('q')}>
              <Input allowClear style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="region" label={t('region')}>
              <Input allowClear style={{ width: 110 }} />
            </Form.Item>
            <Form.Item name="riskClass" label={t('risk')}>
              <Select
                mode="multiple"
                allowClear
                style={{ minWidth: 120 }}
                options={RISKS.map((r) => ({ value: r, label: r }))}
                aria-label={t('risk')}
              />
            </Form.Item>
            <Form.Item name="status" label={t('status')}>
              <Select
                allowClear
                style={{ width: 100 }}
                options={options(t, 'status', STATUSES)}
                aria-label={t('status')}
              />
            </Form.Item>
          </>
        ),
        fields: [
          {
            name: 'uscc',
            label: t('uscc'),
            kind: 'text',
            required: true,
            key: true,
            check: usccCheck(lang),
          },
          { name: 'name', label: t('name'), kind: 'text', required: true },
          { name: 'address', label: t('address'), kind: 'text' },
          { name: 'regionCode', label: t('region'), kind: 'text', required: true },
          {
            name: 'size',
            label: t('size'),
            kind: 'select',
            required: true,
            options: options(t, 'size', SIZES),
          },
          {
            name: 'riskClass',
            label: t('risk'),
            kind: 'select',
            required: true,
            options: RISKS.map((r) => ({ value: r, label: r })),
          },
          {
            name: 'status',
            label: t('status'),
            kind: 'select',
            required: true,
            options: options(t, 'status', STATUSES),
          },
          { name: 'categories', label: t('categories'), kind: 'tags' },
        ],
      }}
    />
  );
}
