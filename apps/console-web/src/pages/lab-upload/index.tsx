import { Alert, Button, Progress, Space, Table, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, devToken, toApiError, type ErrorBody } from '../../api/client';
import { describeReason } from '../../i18n/errors';
import { ErrorAlert, useErrorText } from '../../components/errors';
import { definePageMessages, useI18n } from '../../i18n/i18n';

const useT = definePageMessages(
  {
    title: '批量上传检验结果',
    hint: '上传 CSV、XLSX 或 JSON 文件：每行一个检验项目，同一样品编号的行合并为一份报告草稿。文件中任何一处错误，整个文件都不会保存。',
    template: '下载模板（CSV）',
    templateHint:
      '模板的列与导入读取的列一致；检测结果请保留为文本（如 0.50），以免 Excel 去掉末尾的 0。按企业声明的更严格的企业标准判定的项目，在“判定限值”填该标准的限值，在“企业标准”填标准编号。',
    choose: '选择文件并上传',
    uploading: '正在上传 {name}',
    processing: '服务器正在校验和判定…',
    done: '已保存 {reports} 份报告草稿，共 {items} 个项目，其中 {failed} 项不合格。',
    errors: '共 {count} 处错误，未保存任何报告。请按下表修改文件后重新上传：',
    errorsShown: '（仅列出前 {shown} 处）',
    row: '行号',
    column: '列',
    reason: '问题',
    reportItem: '第 {report} 份报告{item}',
    itemOf: '第 {item} 项',
    sampleNo: '样品编号',
    reportNo: '报告编号',
    items: '项目数',
    open: '查看',
    unsupported: '请上传 .csv、.xlsx 或 .json 文件',
    replayed: '这个文件刚才已经上传过，以下是当时的结果。',
  },
  {
    title: 'Bulk upload of results',
    hint: 'Upload a CSV, XLSX or JSON file: one row per test item, the rows of a sample number making one draft report. One error anywhere and nothing of the file is saved.',
    template: 'Download the template (CSV)',
    templateHint:
      'The template has the columns the import reads; keep results as text (0.50) so that Excel keeps their trailing zeros. An item judged by the enterprise’s stricter declared standard takes that standard’s limit under 判定限值 and its number under 企业标准.',
    choose: 'Choose a file and upload',
    uploading: 'Uploading {name}',
    processing: 'The server is checking and judging…',
    done: 'Saved {reports} draft reports, {items} items, {failed} of them failing.',
    errors: '{count} errors; nothing was saved. Correct the file as below and upload it again:',
    errorsShown: '(the first {shown} shown)',
    row: 'Row',
    column: 'Column',
    reason: 'Problem',
    reportItem: 'report {report}{item}',
    itemOf: ', item {item}',
    sampleNo: 'Sample no.',
    reportNo: 'Report no.',
    items: 'Items',
    open: 'Open',
    unsupported: 'Upload a .csv, .xlsx or .json file',
    replayed: 'This file was uploaded just now; here is that answer.',
  },
);

/** The columns POST /lab/reports/import reads (report-file.ts), Chinese headers as the template. */
const TEMPLATE_HEADER = [
  '样品编号',
  '报告编号',
  '检验项目代码',
  '检验项目',
  '检验方法',
  '单位',
  '判定限值',
  '企业标准',
  '检测结果',
  '未检原因',
];

interface BatchAnswer {
  reports: { sampleNo: string; reportNo: string; id: string; items: number }[];
  items: number;
  failedItems: number;
}
interface ErrorRow {
  key: number;
  row: string;
  column: string;
  reason: string;
}

/**
 * POSTs with upload progress (fetch reports none): a JSON batch as it is, a spreadsheet as
 * multipart. One Idempotency-Key per chosen file, so a retry never writes twice.
 */
function send(
  file: File,
  onProgress: (percent: number) => void,
): Promise<{ status: number; body: unknown; replayed: boolean }> {
  const json = /\.json$/i.test(file.name);
  const xhr = new XMLHttpRequest();
  xhr.open('POST', json ? '/api/v1/lab/reports/batch' : '/api/v1/lab/reports/import');
  xhr.withCredentials = true;
  const token = devToken.get();
  if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
  xhr.setRequestHeader('idempotency-key', crypto.randomUUID());
  let body: XMLHttpRequestBodyInit = file;
  if (json) xhr.setRequestHeader('content-type', 'application/json');
  else {
    const form = new FormData();
    form.append('file', file, file.name);
    body = form;
  }
  xhr.upload.onprogress = (e) => {
    if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
  };
  return new Promise((resolve, reject) => {
    xhr.onload = () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        parsed = undefined;
      }
      resolve({
        status: xhr.status,
        body: parsed,
        replayed: xhr.getResponseHeader('idempotent-replayed') === 'true',
      });
    };
    xhr.onerror = () => reject(new Error('network'));
    xhr.send(body);
  });
}

/** 批量上传: CSV, XLSX or JSON, all or nothing; a refusal as a table of row, column and reason. */
export default function LabUploadPage() {
  const t = useT();
  const { lang, number } = useI18n();
  const errorText = useErrorText();
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);
  const [answer, setAnswer] = useState<(BatchAnswer & { replayed: boolean }) | null>(null);
  const [rejected, setRejected] = useState<{ rows: ErrorRow[]; total: number } | null>(null);
  const [error, setError] = useState<string[] | null>(null);

  const downloadTemplate = () => {
    const csv = '\uFEFF' + TEMPLATE_HEADER.join(',') + '\r\n';
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    a.download = '检验结果导入模板.csv';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };

  const errorRows = (body: ErrorBody): ErrorRow[] =>
    (body.errors ?? []).map((e, key) => {
      const x = e as {
        row?: number;
        column?: string;
        report?: number;
        item?: number;
        field: string;
        reason: string;
        sampleNo?: string;
      };
      if (typeof x.row === 'number')
        return { key, row: String(x.row), column: x.column ?? '', reason: x.reason };
      // The JSON batch names reports[i].items[j].field: shown as report and item numbers.
      const where =
        x.report === undefined
          ? '—'
          : t('reportItem', {
              report: x.report + 1,
              item: x.item === undefined ? '' : t('itemOf', { item: x.item + 1 }),
            }) + (x.sampleNo ? ` (${x.sampleNo})` : '');
      return { key, row: where, column: x.field.split('.').pop() ?? x.field, reason: x.reason };
    });

  const choose = async (file: File) => {
    setAnswer(null);
    setRejected(null);
    setError(null);
    if (!/\.(csv|xlsx|json)$/i.test(file.name)) {
      setError([t('unsupported')]);
      return;
    }
    setProgress({ name: file.name, percent: 0 });
    try {
      const r = await send(file, (percent) => setProgress({ name: file.name, percent }));
      if (r.status >= 200 && r.status < 300) {
        setAnswer({ ...(r.body as BatchAnswer), replayed: r.replayed });
        await client.invalidateQueries({ queryKey: ['lab'] });
        return;
      }
      const body = (r.body ?? {
        statusCode: r.status,
        code: `HTTP_${r.status}`,
        message: '',
      }) as ErrorBody;
      if (body.code === 'IMPORT_REJECTED' || body.code === 'BATCH_REJECTED')
        setRejected({ rows: errorRows(body), total: Number(body.errorCount ?? 0) });
      else
        setError([
          errorText(new ApiError(r.status, body)),
          ...(body.errors ?? []).map((e) => `${e.field}: ${describeReason(e.reason, lang)}`),
        ]);
    } catch (e) {
      setError([errorText(toApiError(e))]);
    } finally {
      setProgress(null);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('title')}
      </Typography.Title>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>{t('hint')}</Typography.Paragraph>
        <Space wrap>
          <Button onClick={downloadTemplate}>{t('template')}</Button>
          <Button type="primary" onClick={() => input.current?.click()} loading={progress !== null}>
            {t('choose')}
          </Button>
          <input
            ref={input}
            type="file"
            accept=".csv,.xlsx,.json"
            hidden
            aria-label={t('choose')}
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void choose(f);
            }}
          />
        </Space>
        <Typography.Text type="secondary">{t('templateHint')}</Typography.Text>
        {progress && (
          <div role="status">
            <div>
              {progress.percent < 100 ? t('uploading', { name: progress.name }) : t('processing')}
            </div>
            <Progress
              percent={progress.percent}
              status="active"
              aria-label={t('uploading', { name: progress.name })}
            />
          </div>
        )}
        <ErrorAlert lines={error} />
        {answer && (
          <>
            <Alert
              type="success"
              showIcon
              role="status"
              title={t('done', {
                reports: number(answer.reports.length),
                items: number(answer.items),
                failed: number(answer.failedItems),
              })}
              description={answer.replayed ? t('replayed') : undefined}
            />
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={answer.reports}
              columns={[
                { title: t('sampleNo'), dataIndex: 'sampleNo' },
                { title: t('reportNo'), dataIndex: 'reportNo' },
                { title: t('items'), dataIndex: 'items', width: 100 },
                {
                  title: '',
                  key: 'open',
                  width: 100,
                  render: (_, r) => (
                    <Link to={`/reports/${encodeURIComponent(r.sampleNo)}`}>{t('open')}</Link>
                  ),
                },
              ]}
            />
          </>
        )}
        {rejected && (
          <>
            <Alert
              type="error"
              showIcon
              role="alert"
              title={
                t('errors', { count: number(rejected.total) }) +
                (rejected.total > rejected.rows.length
                  ? t('errorsShown', { shown: rejected.rows.length })
                  : '')
              }
            />
            <Table<ErrorRow>
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={rejected.rows}
              columns={[
                { title: t('row'), dataIndex: 'row', width: 220 },
                { title: t('column'), dataIndex: 'column', width: 180 },
                {
                  title: t('reason'),
                  dataIndex: 'reason',
                  render: (r: string) => describeReason(r, lang),
                },
              ]}
            />
          </>
        )}
      </Space>
    </>
  );
}
