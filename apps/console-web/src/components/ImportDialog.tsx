import { Alert, Button, Modal, Table, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, upload } from '../api/client';
import type { components } from '../api/tasks.schema';
import { describeReason } from '../i18n/errors';
import { definePageMessages, useI18n } from '../i18n/i18n';
import { useErrorText } from './errors';

type ImportResult = components['schemas']['ImportResultDto'];
interface RowError {
  row: number;
  column: string;
  reason: string;
}

const useT = definePageMessages(
  {
    title: '导入{what}',
    hint: '上传 CSV 或 XLSX 文件，第一行为表头。文件中任何一行有错误，整个文件都不会导入。',
    choose: '选择文件',
    start: '开始导入',
    done: '导入完成：共 {rows} 行，新增 {inserted}，更新 {updated}，未变 {unchanged}。',
    ignored: '以下列未使用：{columns}',
    errors: '共 {count} 处错误，未导入任何记录。请按下表修改文件中对应的行后重新导入：',
    errorsShown: '（仅列出前 {shown} 处）',
    row: '行号',
    column: '列',
    reason: '问题',
  },
  {
    title: 'Import {what}',
    hint: 'Upload a CSV or XLSX file whose first row is the header. One bad row rejects the whole file.',
    choose: 'Choose a file',
    start: 'Import',
    done: 'Imported: {rows} rows, {inserted} new, {updated} updated, {unchanged} unchanged.',
    ignored: 'Columns not used: {columns}',
    errors:
      '{count} errors; nothing was imported. Correct these rows of the file and import again:',
    errorsShown: '(the first {shown} shown)',
    row: 'Row',
    column: 'Column',
    reason: 'Problem',
  },
);

/**
 * Imports a directory file (POST …/import): all or nothing. A rejected file's errors are shown
 * as a table of spreadsheet row, column and reason, so the user can find each one in the file.
 */
export function ImportDialog({
  open,
  onClose,
  url,
  what,
  onImported,
}: {
  open: boolean;
  onClose(): void;
  url: string;
  what: string;
  onImported(r: ImportResult): void;
}) {
  const t = useT();
  const { t: tc, lang, number } = useI18n();
  const errorText = useErrorText();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [rows, setRows] = useState<{ count: number; items: RowError[] } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const reset = () => {
    setResult(null);
    setRows(null);
    setFailure(null);
  };

  const start = async () => {
    if (!file) return;
    setBusy(true);
    reset();
    try {
      const r = await upload<ImportResult>(url, file);
      setResult(r);
      onImported(r);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'IMPORT_REJECTED' && Array.isArray(e.body.errors)) {
        const items = e.body.errors as unknown as RowError[];
        setRows({ count: Number(e.body.errorCount ?? items.length), items });
      } else setFailure(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('title', { what })}
      width={760}
      onCancel={() => {
        reset();
        setFile(null);
        onClose();
      }}
      footer={[
        <Button key="close" onClick={onClose}>
          {tc('action.close')}
        </Button>,
        <Button key="start" type="primary" disabled={!file} loading={busy} onClick={start}>
          {t('start')}
        </Button>,
      ]}
    >
      <p>{t('hint')}</p>
      <Upload
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        maxCount={1}
        beforeUpload={(f) => {
          setFile(f);
          reset();
          return false;
        }}
        onRemove={() => setFile(null)}
      >
        <Button>{t('choose')}</Button>
      </Upload>
      {failure && (
        <Alert type="error" showIcon role="alert" style={{ marginTop: 16 }} title={failure} />
      )}
      {result && (
        <Alert
          type="success"
          showIcon
          role="status"
          style={{ marginTop: 16 }}
          title={t('done', {
            rows: number(result.rows),
            inserted: number(result.inserted),
            updated: number(result.updated),
            unchanged: number(result.unchanged),
          })}
          description={
            result.ignoredColumns.length
              ? t('ignored', { columns: result.ignoredColumns.join('、') })
              : undefined
          }
        />
      )}
      {rows && (
        <div style={{ marginTop: 16 }}>
          <Alert
            type="error"
            showIcon
            role="alert"
            title={
              t('errors', { count: number(rows.count) }) +
              (rows.count > rows.items.length ? t('errorsShown', { shown: rows.items.length }) : '')
            }
          />
          <Table<RowError>
            size="small"
            style={{ marginTop: 8 }}
            rowKey={(r) => `${r.row}:${r.column}:${r.reason}`}
            pagination={rows.items.length > 20 ? { pageSize: 20 } : false}
            dataSource={rows.items}
            columns={[
              { title: t('row'), dataIndex: 'row', width: 80 },
              { title: t('column'), dataIndex: 'column', width: 160 },
              {
                title: t('reason'),
                dataIndex: 'reason',
                render: (r: string) => describeReason(r, lang),
              },
            ]}
          />
        </div>
      )}
    </Modal>
  );
}
