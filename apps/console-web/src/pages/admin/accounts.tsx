import {
  Alert,
  Button,
  Drawer,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiRequest, queryString } from '../../api/client';
import type { CursorPage } from '../../api/paging';
import type { components } from '../../api/tasks.schema';
import type { Role } from '../../app/session';
import { ErrorAlert, useApplyError, useErrorText } from '../../components/errors';
import { ImportDialog } from '../../components/ImportDialog';
import { ListPage } from '../../components/ListPage';
import { definePageMessages, useI18n } from '../../i18n/i18n';

type Account = components['schemas']['AccountDto'];
type Created = components['schemas']['AccountWithPasswordDto'];
type Imported = components['schemas']['AccountImportResultDto'];

const ROLES: Role[] = ['regulator', 'lab', 'enterprise', 'admin'];

const useT = definePageMessages(
  {
    title: '账户管理',
    userName: '用户名',
    displayName: '姓名',
    role: '角色',
    jurisdiction: '管辖区划代码',
    org: '所属机构',
    orgHelp: '检验机构人员填机构标识，企业填统一社会信用代码',
    staffNo: '执法证号',
    password: '初始密码',
    passwordHelp: '不填则由系统生成；首次登录须修改',
    state: '状态',
    disabled: '已停用',
    active: '正常',
    locked: '锁定至 {until}',
    mustChange: '待改初始密码',
    lastSignIn: '最近登录',
    search: '用户名或姓名',
    disabledFilter: '状态',
    disable: '停用',
    enable: '启用',
    disableConfirm: '停用账户“{name}”？停用后不能登录，已登录的会话立即结束。',
    newAccount: '新建账户',
    created: '账户已创建',
    initialPassword: '初始密码',
    initialPasswordHelp:
      '请将初始密码通过安全途径告知本人；此密码只显示这一次，本人首次登录时须修改。',
    importWhat: '账户',
    importedPasswords: '导入的账户初始密码',
  },
  {
    title: 'Accounts',
    userName: 'User name',
    displayName: 'Name',
    role: 'Role',
    jurisdiction: 'Jurisdiction code',
    org: 'Organisation',
    orgHelp: 'A lab’s id for lab staff, the USCC for an enterprise',
    staffNo: 'Inspector staff number',
    password: 'First password',
    passwordHelp: 'Empty: one is generated; it must be changed at first sign-in',
    state: 'State',
    disabled: 'Disabled',
    active: 'Active',
    locked: 'Locked until {until}',
    mustChange: 'First password not changed',
    lastSignIn: 'Last sign-in',
    search: 'User name or name',
    disabledFilter: 'State',
    disable: 'Disable',
    enable: 'Enable',
    disableConfirm:
      'Disable the account “{name}”? It can no longer sign in, and its sessions end now.',
    newAccount: 'New account',
    created: 'Account created',
    initialPassword: 'First password',
    initialPasswordHelp:
      'Tell the person their first password by a safe channel; it is shown only this once and must be changed at first sign-in.',
    importWhat: 'accounts',
    importedPasswords: 'First passwords of the imported accounts',
  },
);

/** 账户管理: accounts by role and state; create, disable and enable, import a file. */
export default function AccountsPage() {
  const t = useT();
  const { t: tc, dateTime } = useI18n();
  const client = useQueryClient();
  const applyError = useApplyError();
  const errorText = useErrorText();
  const [form] = Form.useForm();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<string[] | null>(null);
  const [rowError, setRowError] = useState<string[] | null>(null);
  const [passwords, setPasswords] = useState<{ userName: string; initialPassword: string }[]>([]);
  const [modal, contextHolder] = Modal.useModal();
  const refresh = () => client.invalidateQueries({ queryKey: ['accounts'] });

  const create = async (v: Record<string, string | undefined>) => {
    setSaving(true);
    setErrors(null);
    try {
      const body = Object.fromEntries(
        Object.entries(v).filter(([, x]) => x !== undefined && x !== ''),
      );
      const a = await apiRequest<Created>('POST', '/api/v1/accounts', body);
      await refresh();
      setCreating(false);
      if (a.initialPassword)
        setPasswords([{ userName: a.userName, initialPassword: a.initialPassword }]);
    } catch (e) {
      setErrors(applyError(form, e));
    } finally {
      setSaving(false);
    }
  };

  const toggle = (a: Account) => {
    const go = async () => {
      setRowError(null);
      try {
        await apiRequest(
          'POST',
          `/api/v1/accounts/${encodeURIComponent(a.userName)}/${a.disabled ? 'enable' : 'disable'}`,
        );
        await refresh();
      } catch (e) {
        setRowError([errorText(e)]);
      }
    };
    if (a.disabled) return void go();
    void modal.confirm({
      title: t('disable'),
      content: t('disableConfirm', { name: `${a.displayName}（${a.userName}）` }),
      okText: t('disable'),
      okButtonProps: { danger: true },
      cancelText: tc('action.cancel'),
      onOk: go,
    });
  };

  return (
    <>
      {contextHolder}
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('title')}
      </Typography.Title>
      <ErrorAlert lines={rowError} />
      <ListPage<Account, Record<string, unknown>>
        queryKey={['accounts']}
        rowKey="userName"
        fetchPage={(filters, cursor) =>
          apiRequest<CursorPage<Account>>(
            'GET',
            `/api/v1/accounts${queryString({ ...filters, cursor, limit: 200 })}`,
          )
        }
        columns={[
          { title: t('userName'), dataIndex: 'userName', width: 180 },
          { title: t('displayName'), dataIndex: 'displayName', width: 140 },
          {
            title: t('role'),
            dataIndex: 'role',
            width: 110,
            render: (v: Role) => tc(`role.${v}`),
          },
          { title: t('jurisdiction'), dataIndex: 'jurisdiction', width: 120 },
          { title: t('org'), dataIndex: 'org', width: 200, ellipsis: true },
          { title: t('staffNo'), dataIndex: 'staffNo', width: 120 },
          {
            title: t('state'),
            key: 'state',
            width: 220,
            render: (_: unknown, a) => (
              <>
                {a.disabled ? <Tag>{t('disabled')}</Tag> : <Tag color="blue">{t('active')}</Tag>}
                {a.lockedUntil && new Date(a.lockedUntil) > new Date() && (
                  <Tag color="red">{t('locked', { until: dateTime(a.lockedUntil) })}</Tag>
                )}
                {a.mustChangePassword && <Tag>{t('mustChange')}</Tag>}
              </>
            ),
          },
          {
            title: t('lastSignIn'),
            dataIndex: 'lastSignInAt',
            width: 170,
            render: (v: string | null) => (v ? dateTime(v) : tc('common.none')),
          },
          {
            title: '',
            key: 'toggle',
            width: 80,
            fixed: 'right',
            render: (_: unknown, a) => (
              <Button
                type="link"
                size="small"
                onClick={() => toggle(a)}
                aria-label={`${a.disabled ? t('enable') : t('disable')} ${a.userName}`}
              >
                {a.disabled ? t('enable') : t('disable')}
              </Button>
            ),
          },
        ]}
        filters={
          <>
            <Form.Item name="q" label={t('search')}>
              <Input allowClear style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="role" label={t('role')}>
              <Select
                allowClear
                style={{ width: 130 }}
                aria-label={t('role')}
                options={ROLES.map((r) => ({ value: r, label: tc(`role.${r}`) }))}
              />
            </Form.Item>
            <Form.Item name="disabled" label={t('disabledFilter')}>
              <Select
                allowClear
                style={{ width: 110 }}
                aria-label={t('disabledFilter')}
                options={[
                  { value: 'false', label: t('active') },
                  { value: 'true', label: t('disabled') },
                ]}
              />
            </Form.Item>
          </>
        }
        actions={
          <>
            <Button
              onClick={() => {
                form.resetFields();
                setErrors(null);
                setCreating(true);
              }}
            >
              {t('newAccount')}
            </Button>
            <Button onClick={() => setImporting(true)}>{tc('action.import')}</Button>
          </>
        }
      />
      <ImportDialog
        open={importing}
        onClose={() => setImporting(false)}
        url="/api/v1/accounts/import"
        what={t('importWhat')}
        onImported={(r) => {
          void refresh();
          const initial = (r as unknown as Imported).initialPasswords ?? [];
          if (initial.length) setPasswords(initial);
        }}
      />
      <Drawer
        open={creating}
        onClose={() => setCreating(false)}
        title={t('newAccount')}
        size={520}
        extra={
          <Space>
            <Button onClick={() => setCreating(false)}>{tc('action.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={() => form.submit()}>
              {tc('action.save')}
            </Button>
          </Space>
        }
      >
        <ErrorAlert lines={errors} />
        <Form form={form} name="account" layout="vertical" onFinish={create}>
          <Form.Item name="userName" label={t('userName')} rules={[{ required: true }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label={t('displayName')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="role" label={t('role')} rules={[{ required: true }]}>
            <Select
              aria-label={t('role')}
              options={ROLES.map((r) => ({ value: r, label: tc(`role.${r}`) }))}
            />
          </Form.Item>
          <Form.Item name="jurisdiction" label={t('jurisdiction')}>
            <Input maxLength={6} inputMode="numeric" />
          </Form.Item>
          <Form.Item name="org" label={t('org')} extra={t('orgHelp')}>
            <Input />
          </Form.Item>
          <Form.Item name="staffNo" label={t('staffNo')}>
            <Input />
          </Form.Item>
          <Form.Item name="password" label={t('password')} extra={t('passwordHelp')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Drawer>
      <Modal
        open={passwords.length > 0}
        title={passwords.length > 1 ? t('importedPasswords') : t('created')}
        onCancel={() => setPasswords([])}
        footer={<Button onClick={() => setPasswords([])}>{tc('action.close')}</Button>}
        width={600}
      >
        <Alert type="warning" role="note" showIcon title={t('initialPasswordHelp')} />
        <Table
          size="small"
          style={{ marginTop: 12 }}
          rowKey="userName"
          pagination={passwords.length > 20 ? { pageSize: 20 } : false}
          dataSource={passwords}
          columns={[
            { title: t('userName'), dataIndex: 'userName' },
            {
              title: t('initialPassword'),
              dataIndex: 'initialPassword',
              render: (v: string) => (
                <Typography.Text code copyable>
                  {v}
                </Typography.Text>
              ),
            },
          ]}
        />
      </Modal>
    </>
  );
}
