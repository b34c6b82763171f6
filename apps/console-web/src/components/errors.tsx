import { Alert } from 'antd';
import type { FormInstance } from 'antd';
import { ApiError, NETWORK_ERROR } from '../api/client';
import { describeCode, describeReason } from '../i18n/errors';
import { useI18n } from '../i18n/i18n';

/** `items[0].limit.max` as antd's name path: ['items', 0, 'limit', 'max']. */
export function namePath(field: string): (string | number)[] {
  return field
    .split(/\.|\[(\d+)\]/)
    .filter((p) => p !== undefined && p !== '')
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** The headline of any error, in the user's language. */
export function useErrorText() {
  const { lang, t } = useI18n();
  return (error: unknown): string => {
    if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
    if (error.code === NETWORK_ERROR) return t('error.network');
    const known = describeCode(error.code, lang, error.body, '');
    return known || t('error.unknown', { status: error.status }) + ` ${error.message}`;
  };
}

/**
 * Puts an API refusal beside the fields it names (those the form has), in the user's language;
 * returns what is left for an alert above the form: the headline and the fields the form
 * does not show.
 */
export function useApplyError() {
  const { lang } = useI18n();
  const headline = useErrorText();
  return (form: FormInstance | undefined, error: unknown): string[] => {
    const lines = [headline(error)];
    if (!(error instanceof ApiError)) return lines;
    const byField = new Map<string, string[]>();
    for (const e of error.fieldErrors) {
      const list = byField.get(e.field) ?? [];
      list.push(describeReason(e.reason, lang));
      byField.set(e.field, list);
    }
    const shown = new Set<string>();
    if (form) {
      const registered = registeredFields(form);
      const fields = [...byField].filter(([field]) => registered.has(namePath(field).join('.')));
      form.setFields(fields.map(([field, errors]) => ({ name: namePath(field), errors })));
      for (const [field] of fields) shown.add(field);
    }
    for (const [field, reasons] of byField)
      if (!shown.has(field)) lines.push(`${field}: ${reasons.join('；')}`);
    return lines;
  };
}

/** The name paths of the fields a form has mounted, joined with dots. */
function registeredFields(form: FormInstance): Set<string> {
  const names = new Set<string>();
  form.getFieldsValue(true, (meta) => {
    if (meta) names.add(meta.name.join('.'));
    return false;
  });
  return names;
}

/**
 * The lines `useApplyError` left over, above a form or a list. A single line is headed
 * `title`, by default 操作未成功 (an action that was refused).
 */
export function ErrorAlert({
  lines,
  title,
}: {
  lines: string[] | null | undefined;
  title?: string;
}) {
  const { t } = useI18n();
  if (!lines?.length) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={lines.length > 1 ? lines[0] : (title ?? t('error.title'))}
      description={
        lines.length > 1 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {lines.slice(1).map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        ) : (
          lines[0]
        )
      }
    />
  );
}

/**
 * What a page could not load (its record, its list), headed 页面加载失败 and not as a refused
 * action; the reason below it (未找到 for a record that is not there or not the reader's).
 */
export function LoadErrorAlert({ error }: { error: unknown }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  if (!error) return null;
  return <ErrorAlert lines={[errorText(error)]} title={t('error.pageFailed')} />;
}
