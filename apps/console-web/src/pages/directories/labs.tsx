import { Form, Input, Select } from 'antd';
import type { components } from '../../api/tasks.schema';
import { useMe } from '../../app/session';
import { DirectoryPage, tagsOf } from '../../components/DirectoryPage';
import { useI18n } from '../../i18n/i18n';
import { useDirT, usccCheck } from './labels';

type Lab = components['schemas']['LabDto'];

/** 检验机构: accredited labs, their categories and capacity. */
export default function LabsPage() {
  const t = useDirT();
  const { t: tc, lang, number } = useI18n();
  const me = useMe();
  const yesNo = [
    { value: 'true', label: tc('common.yes') },
    { value: 'false', label: tc('common.no') },
  ];
  return (
    <DirectoryPage<Lab>
      spec={{
        title: t('labs'),
        base: '/api/v1/labs',
        idOf: (r) => r.id,
        rowKey: 'id',
        exportName: 'labs.xlsx',
        canWrite: me.role === 'regulator' || me.role === 'admin',
        columns: [
          { title: t('name'), dataIndex: 'name', width: 260, ellipsis: true },
          { title: t('uscc'), dataIndex: 'uscc', width: 200 },
          { title: t('cmaNo'), dataIndex: 'cmaNo', width: 160 },
          { title: t('region'), dataIndex: 'regionCode', width: 110 },
          {
            title: t('capacity'),
            dataIndex: 'capacity',
            width: 130,
            align: 'right',
            render: (n: number) => number(n),
          },
          {
            title: t('active'),
            dataIndex: 'active',
            width: 70,
            render: (a: boolean) => tc(a ? 'common.yes' : 'common.no'),
          },
          { title: t('categories'), dataIndex: 'categories', width: 260, render: tagsOf },
        ],
        filters: (
          <>
            <Form.Item name="region" label={t('region')}>
              <Input allowClear style={{ width: 110 }} />
            </Form.Item>
            <Form.Item name="category" label={t('categories')}>
              <Input allowClear style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="active" label={t('active')}>
              <Select allowClear style={{ width: 90 }} options={yesNo} aria-label={t('active')} />
            </Form.Item>
          </>
        ),
        fields: [
          { name: 'name', label: t('name'), kind: 'text', required: true },
          { name: 'uscc', label: t('uscc'), kind: 'text', required: true, check: usccCheck(lang) },
          { name: 'cmaNo', label: t('cmaNo'), kind: 'text', required: true },
          { name: 'regionCode', label: t('region'), kind: 'text', required: true },
          { name: 'capacity', label: t('capacity'), kind: 'number', required: true },
          { name: 'active', label: t('active'), kind: 'switch' },
          { name: 'categories', label: t('categories'), kind: 'tags' },
        ],
      }}
    />
  );
}
