import { Button, Checkbox, Drawer, Form, Input, Space, Switch, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ok } from '../../api/client';
import { labsApi, STAFF_ME_KEY, type StaffMember } from '../../api/labs';
import { useMe } from '../../app/session';
import { ErrorAlert, useApplyError, LoadErrorAlert } from '../../components/errors';
import { definePageMessages, useI18n } from '../../i18n/i18n';
import { useLabT } from '../lab-shared/labels';

const useT = definePageMessages(
  {
    title: '本机构人员',
    hint: '检验员录入结果，审核人审核，授权签字人签发并管理本机构人员。账号由系统管理员开通；此处的登录名须与账号的用户名一致。',
    readOnly: '只有本机构在岗的授权签字人可以调整人员。',
    add: '添加人员',
    edit: '修改',
    sub: '登录名',
    name: '姓名',
    roles: '岗位',
    active: '在岗',
    inactive: '离岗',
    updatedAt: '更新时间',
    saved: '已保存 {name}',
    drawerNew: '添加人员',
    drawerEdit: '修改人员 {sub}',
    rolesRequired: '至少选择一个岗位',
  },
  {
    title: 'Lab staff',
    hint: 'Testers enter results, reviewers review, authorised signatories issue and manage the lab’s staff. An administrator opens the accounts; the sign-in name here must be the account’s user name.',
    readOnly: 'Only an active authorised signatory of the lab changes its staff.',
    add: 'Add a person',
    edit: 'Edit',
    sub: 'Sign-in name',
    name: 'Name',
    roles: 'Roles',
    active: 'Active',
    inactive: 'Inactive',
    updatedAt: 'Updated',
    saved: 'Saved {name}',
    drawerNew: 'Add a person',
    drawerEdit: 'Edit {sub}',
    rolesRequired: 'Choose at least one role',
  },
);

const ROLES = ['tester', 'reviewer', 'signatory'] as const;
type StaffForm = { sub: string; name: string; roles: StaffMember['roles']; active: boolean };

/** 本机构人员: the lab's staff and their roles, changed by its authorised signatories. */
export default function LabStaffPage() {
  const t = useT();
  const lt = useLabT();
  const { t: tc, dateTime } = useI18n();
  const me = useMe();
  const labId = me.org ?? '';
  const applyError = useApplyError();
  const client = useQueryClient();
  const [form] = Form.useForm<StaffForm>();
  const [editing, setEditing] = useState<StaffMember | 'new' | null>(null);
  const [formError, setFormError] = useState<string[] | null>(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['lab', 'staff', labId],
    queryFn: () => ok(labsApi.GET('/api/v1/labs/{labId}/staff', { params: { path: { labId } } })),
  });
  const mine = useQuery({
    queryKey: STAFF_ME_KEY,
    queryFn: () => ok(labsApi.GET('/api/v1/lab/staff/me')),
  });
  const manager = !!mine.data?.active && mine.data.roles.includes('signatory');

  const open = (m: StaffMember | 'new') => {
    setEditing(m);
    setFormError(null);
    form.resetFields();
    form.setFieldsValue(
      m === 'new'
        ? { sub: '', name: '', roles: ['tester'], active: true }
        : { sub: m.sub, name: m.name, roles: m.roles, active: m.active },
    );
  };
  const save = async (v: StaffForm) => {
    setSaving(true);
    setFormError(null);
    try {
      await ok(
        labsApi.PUT('/api/v1/labs/{labId}/staff/{sub}', {
          params: { path: { labId, sub: v.sub.trim() } },
          body: { name: v.name, roles: v.roles, active: v.active },
        }),
      );
      setEditing(null);
      setNotice(t('saved', { name: v.name }));
      await client.invalidateQueries({ queryKey: ['lab', 'staff'] });
    } catch (e) {
      setFormError(applyError(form, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph>{t('hint')}</Typography.Paragraph>
      <Space style={{ marginBottom: 16 }} wrap>
        {manager ? (
          <Button type="primary" onClick={() => open('new')}>
            {t('add')}
          </Button>
        ) : (
          mine.isFetched && <Typography.Text>{t('readOnly')}</Typography.Text>
        )}
        {notice && <span role="status">{notice}</span>}
      </Space>
      <LoadErrorAlert error={list.error} />
      <Table<StaffMember>
        // On a phone the table scrolls sideways instead of breaking every cell into a column.
        scroll={{ x: 800 }}
        rowKey="sub"
        size="middle"
        pagination={false}
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: tc('list.empty') }}
        columns={[
          { title: t('sub'), dataIndex: 'sub', width: 200 },
          { title: t('name'), dataIndex: 'name', width: 160 },
          {
            title: t('roles'),
            dataIndex: 'roles',
            render: (roles: StaffMember['roles']) =>
              roles.map((r) => <Tag key={r}>{lt(`role_${r}`)}</Tag>),
          },
          {
            title: t('active'),
            dataIndex: 'active',
            width: 90,
            render: (a: boolean) => (a ? t('active') : t('inactive')),
          },
          {
            title: t('updatedAt'),
            dataIndex: 'updatedAt',
            width: 200,
            render: (d: string) => dateTime(d),
          },
          ...(manager
            ? [
                {
                  title: '',
                  key: 'edit',
                  width: 90,
                  render: (_: unknown, m: StaffMember) => (
                    <Button
                      size="small"
                      onClick={() => open(m)}
                      aria-label={`${t('edit')} ${m.sub}`}
                    >
                      {t('edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Drawer
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={
          editing === 'new' ? t('drawerNew') : editing ? t('drawerEdit', { sub: editing.sub }) : ''
        }
        width={420}
        destroyOnHidden
      >
        <ErrorAlert lines={formError} />
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="sub" label={t('sub')} rules={[{ required: true }]}>
            <Input disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item name="name" label={t('name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="roles"
            label={t('roles')}
            rules={[{ required: true, type: 'array', min: 1, message: t('rolesRequired') }]}
          >
            <Checkbox.Group options={ROLES.map((r) => ({ value: r, label: lt(`role_${r}`) }))} />
          </Form.Item>
          <Form.Item name="active" label={t('active')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            {tc('action.save')}
          </Button>
        </Form>
      </Drawer>
    </>
  );
}
