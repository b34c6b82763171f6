import { Button, Card, Collapse, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, devToken, toApiError } from '../../api/client';
import { SESSION_KEY } from '../../app/session';
import { ErrorAlert, useApplyError } from '../../components/errors';
import { definePageMessages, useI18n } from '../../i18n/i18n';

const useT = definePageMessages(
  {
    title: '登录',
    userName: '用户名',
    password: '密码',
    submit: '登录',
    changeTitle: '首次登录请修改密码',
    changeHint: '管理员设置的初始密码须修改后才能使用。新密码至少 12 位，不能与用户名相同。',
    currentPassword: '当前密码',
    newPassword: '新密码',
    confirmPassword: '再次输入新密码',
    mismatch: '两次输入的新密码不一致',
    change: '修改密码并登录',
    required: '请填写{field}',
    devToken: '开发者令牌（npm run token）',
    useToken: '使用令牌进入',
  },
  {
    title: 'Sign in',
    userName: 'User name',
    password: 'Password',
    submit: 'Sign in',
    changeTitle: 'Change your first password',
    changeHint:
      'A password an administrator set must be changed before use. At least 12 characters, not your user name.',
    currentPassword: 'Current password',
    newPassword: 'New password',
    confirmPassword: 'New password again',
    mismatch: 'The two new passwords differ',
    change: 'Change password and sign in',
    required: '{field} is required',
    devToken: 'Developer token (npm run token)',
    useToken: 'Enter with the token',
  },
);

interface Credentials {
  userName: string;
  password: string;
}

async function post(path: string, body: unknown) {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (e) {
    throw toApiError(e);
  }
  const data = (await res.json().catch(() => undefined)) as unknown;
  if (!res.ok) throw toApiError(data ?? new Error(res.statusText), res);
  return data;
}

/** 登录: the account's password; a first password is changed here before anything else. */
export default function SignInPage() {
  const t = useT();
  const { t: tc, lang, setLang } = useI18n();
  const [form] = Form.useForm<Credentials>();
  const [changeForm] = Form.useForm();
  const [mustChange, setMustChange] = useState<string | null>(null);
  const [errors, setErrors] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const applyError = useApplyError();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const client = useQueryClient();

  const enter = async () => {
    await client.invalidateQueries({ queryKey: SESSION_KEY });
    await client.refetchQueries({ queryKey: SESSION_KEY });
    const next = params.get('next');
    navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', {
      replace: true,
    });
  };

  const signIn = async (v: Credentials) => {
    setBusy(true);
    setErrors(null);
    try {
      devToken.clear();
      await post('/api/v1/auth/login', v);
      await enter();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'PASSWORD_CHANGE_REQUIRED') {
        setMustChange(v.userName);
        changeForm.setFieldsValue({ currentPassword: v.password });
      }
      setErrors(applyError(form, e));
    } finally {
      setBusy(false);
    }
  };

  const change = async (v: { currentPassword: string; newPassword: string }) => {
    setBusy(true);
    setErrors(null);
    try {
      await post('/api/v1/auth/password', {
        userName: mustChange,
        currentPassword: v.currentPassword,
        newPassword: v.newPassword,
      });
      await enter();
    } catch (e) {
      setErrors(applyError(changeForm, e));
    } finally {
      setBusy(false);
    }
  };

  const required = (field: string) => [{ required: true, message: t('required', { field }) }];

  return (
    <main
      style={{
        minHeight: '100vh',
        display: 'grid',
        gridTemplateColumns: 'minmax(0, 400px)',
        placeContent: 'center',
        background: '#f0f2f5',
        padding: 16,
        boxSizing: 'border-box',
      }}
    >
      <Card style={{ width: '100%' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
          <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>
            {tc('app.title')} · {mustChange ? t('changeTitle') : t('title')}
          </Typography.Title>
          <Button
            type="link"
            onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
            lang={lang === 'zh' ? 'en' : 'zh-CN'}
          >
            {tc('lang.switch')}
          </Button>
        </div>
        <ErrorAlert lines={errors} />
        {mustChange ? (
          <Form form={changeForm} layout="vertical" onFinish={change} requiredMark={false}>
            <Typography.Paragraph type="secondary">{t('changeHint')}</Typography.Paragraph>
            <Form.Item
              name="currentPassword"
              label={t('currentPassword')}
              rules={required(t('currentPassword'))}
            >
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Form.Item
              name="newPassword"
              label={t('newPassword')}
              rules={required(t('newPassword'))}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label={t('confirmPassword')}
              dependencies={['newPassword']}
              rules={[
                ...required(t('confirmPassword')),
                ({ getFieldValue }) => ({
                  validator: (_, value) =>
                    !value || getFieldValue('newPassword') === value
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('mismatch'))),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('change')}
            </Button>
          </Form>
        ) : (
          <Form form={form} layout="vertical" onFinish={signIn} requiredMark={false}>
            <Form.Item name="userName" label={t('userName')} rules={required(t('userName'))}>
              <Input autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item name="password" label={t('password')} rules={required(t('password'))}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('submit')}
            </Button>
          </Form>
        )}
        <Collapse
          ghost
          size="small"
          style={{ marginTop: 16 }}
          items={[
            {
              key: 'token',
              label: t('devToken'),
              children: (
                <Form
                  layout="vertical"
                  onFinish={async (v: { token: string }) => {
                    devToken.set(v.token.trim());
                    await enter();
                  }}
                >
                  <Form.Item name="token" label={t('devToken')} rules={required(t('devToken'))}>
                    <Input.TextArea rows={3} spellCheck={false} />
                  </Form.Item>
                  <Button htmlType="submit">{t('useToken')}</Button>
                </Form>
              ),
            },
          ]}
        />
      </Card>
    </main>
  );
}
