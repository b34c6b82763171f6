import { Form, Select } from 'antd';
import type { components } from '../../api/tasks.schema';
import { useMe } from '../../app/session';
import { DirectoryPage } from '../../components/DirectoryPage';
import { useI18n } from '../../i18n/i18n';
import { options, SECTORS, useDirT } from './labels';

type Category = components['schemas']['CategoryDto'];

/** 随机抽查事项清单: product categories and their test items. Admins keep it. */
export default function CatalogPage() {
  const t = useDirT();
  const { t: tc, number } = useI18n();
  const me = useMe();
  return (
    <DirectoryPage<Category>
      spec={{
        title: t('catalog'),
        base: '/api/v1/catalog/categories',
        idOf: (r) => r.code,
        rowKey: 'code',
        exportName: 'catalog.xlsx',
        canWrite: me.role === 'admin',
        columns: [
          { title: t('code'), dataIndex: 'code', width: 160 },
          { title: t('name'), dataIndex: 'name', width: 220 },
          {
            title: t('sector'),
            dataIndex: 'sector',
            width: 120,
            render: (v: string) => t(`sector_${v}` as never),
          },
          {
            title: t('items'),
            dataIndex: 'items',
            width: 110,
            align: 'right',
            render: (i: unknown[]) => number(i.length),
          },
          {
            title: t('active'),
            dataIndex: 'active',
            width: 70,
            render: (a: boolean) => tc(a ? 'common.yes' : 'common.no'),
          },
        ],
        filters: (
          <Form.Item name="sector" label={t('sector')}>
            <Select
              allowClear
              style={{ width: 140 }}
              options={options(t, 'sector', SECTORS)}
              aria-label={t('sector')}
            />
          </Form.Item>
        ),
        fields: [
          { name: 'code', label: t('code'), kind: 'text', required: true, key: true },
          { name: 'name', label: t('name'), kind: 'text', required: true },
          {
            name: 'sector',
            label: t('sector'),
            kind: 'select',
            required: true,
            options: options(t, 'sector', SECTORS),
          },
          { name: 'active', label: t('active'), kind: 'switch' },
        ],
      }}
    />
  );
}
