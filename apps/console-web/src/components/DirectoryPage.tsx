import {
  Button,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { apiRequest, queryString } from '../api/client';
import type { CursorPage } from '../api/paging';
import { useI18n } from '../i18n/i18n';
import { ErrorAlert, useApplyError } from './errors';
import { ImportDialog } from './ImportDialog';
import { ListPage } from './ListPage';

/** A field of a directory's edit form. */
export interface FieldSpec {
  name: string;
  label: string;
  kind: 'text' | 'select' | 'tags' | 'switch' | 'number';
  options?: { value: string; label: string }[];
  required?: boolean;
  /** The record's key: typed when creating, fixed when editing. */
  key?: boolean;
  /** Checks the value as it is typed (libs/domain), returning the reason it is wrong. */
  check?: (value: string) => string | null;
}

export interface DirectorySpec<T> {
  title: string;
  /** `/api/v1/enterprises` */
  base: string;
  /** The record's id in its URL (`uscc`, `id`, `code`). */
  idOf: (row: T) => string;
  rowKey: keyof T & string;
  columns: TableColumnsType<T>;
  filters: ReactNode;
  fields: FieldSpec[];
  /** Whether the role may write (admins and regulators may; the API decides in the end). */
  canWrite: boolean;
  exportName: string;
}

/**
 * A directory (一单两库): the list with its filters, export and import, and a drawer to create or
 * edit a record, whose refusals appear beside their fields.
 */
export function DirectoryPage<T extends object>({ spec }: { spec: DirectorySpec<T> }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const applyError = useApplyError();
  const [form] = Form.useForm();
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [errors, setErrors] = useState<string[] | null>(null);
  const [saving, setSaving] = useState(false);
  const queryKey = ['directory', spec.base];

  const open = (row: T | 'new') => {
    setErrors(null);
    form.resetFields();
    if (row !== 'new') form.setFieldsValue(row);
    setEditing(row);
  };

  const save = async (values: Record<string, unknown>) => {
    setSaving(true);
    setErrors(null);
    try {
      if (editing === 'new') await apiRequest('POST', spec.base, values);
      else if (editing) {
        const body = { ...values };
        for (const f of spec.fields) if (f.key) delete body[f.name];
        await apiRequest('PATCH', `${spec.base}/${encodeURIComponent(spec.idOf(editing))}`, body);
      }
      await client.invalidateQueries({ queryKey });
      setEditing(null);
    } catch (e) {
      setErrors(applyError(form, e));
    } finally {
      setSaving(false);
    }
  };

  const columns: TableColumnsType<T> = [
    ...spec.columns,
    ...(spec.canWrite
      ? [
          {
            title: t('action.edit'),
            key: '__edit',
            width: 80,
            fixed: 'right' as const,
            render: (_: unknown, row: T) => (
              <Button size="small" type="link" onClick={() => open(row)}>
                {t('action.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {spec.title}
      </Typography.Title>
      <ListPage<T, Record<string, unknown>>
        queryKey={queryKey}
        rowKey={spec.rowKey}
        columns={columns}
        filters={spec.filters}
        fetchPage={(filters, cursor) =>
          apiRequest<CursorPage<T>>(
            'GET',
            `${spec.base}${queryString({ ...filters, cursor, limit: 200 })}`,
          )
        }
        exportUrl={(filters) => `${spec.base}/export${queryString({ ...filters, format: 'xlsx' })}`}
        exportName={spec.exportName}
        actions={
          spec.canWrite && (
            <>
              <Button onClick={() => open('new')}>{t('action.create')}</Button>
              <Button onClick={() => setImporting(true)}>{t('action.import')}</Button>
            </>
          )
        }
      />
      <ImportDialog
        open={importing}
        onClose={() => setImporting(false)}
        url={`${spec.base}/import`}
        what={spec.title}
        onImported={() => void client.invalidateQueries({ queryKey })}
      />
      <Drawer
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={`${editing === 'new' ? t('action.create') : t('action.edit')} · ${spec.title}`}
        size={520}
        extra={
          <Space>
            <Button onClick={() => setEditing(null)}>{t('action.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={() => form.submit()}>
              {t('action.save')}
            </Button>
          </Space>
        }
      >
        <ErrorAlert lines={errors} />
        <Form form={form} layout="vertical" onFinish={save}>
          {spec.fields.map((f) => (
            <Form.Item
              key={f.name}
              name={f.name}
              label={f.label}
              valuePropName={f.kind === 'switch' ? 'checked' : 'value'}
              rules={[
                ...(f.required ? [{ required: true }] : []),
                ...(f.check
                  ? [
                      {
                        validator: async (_: unknown, v: unknown) => {
                          const reason = typeof v === 'string' && v ? f.check!(v) : null;
                          if (reason) throw new Error(reason);
                        },
                      },
                    ]
                  : []),
              ]}
              validateTrigger={['onChange', 'onBlur']}
            >
              {fieldInput(f, editing !== 'new' && !!f.key)}
            </Form.Item>
          ))}
        </Form>
      </Drawer>
    </>
  );
}

function fieldInput(f: FieldSpec, fixed: boolean) {
  switch (f.kind) {
    case 'select':
      return <Select options={f.options} aria-label={f.label} />;
    case 'tags':
      return (
        <Select
          mode="tags"
          options={f.options}
          aria-label={f.label}
          tokenSeparators={[',', '，', ' ']}
        />
      );
    case 'switch':
      return <Switch aria-label={f.label} />;
    case 'number':
      return <InputNumber min={0} style={{ width: '100%' }} />;
    default:
      return <Input disabled={fixed} />;
  }
}

/** A list of codes as tags. */
export const tagsOf = (codes: string[] | undefined) => (
  <>
    {(codes ?? []).map((c) => (
      <Tag key={c}>{c}</Tag>
    ))}
  </>
);
