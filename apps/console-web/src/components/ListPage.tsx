import { Button, Form, Space, Table } from 'antd';
import type { FormInstance, TableColumnsType } from 'antd';
import type { QueryKey } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { cleanQuery, useCursorList, type CursorPage } from '../api/paging';
import { download } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { ErrorAlert, useErrorText } from './errors';

export interface ListPageProps<T, F extends Record<string, unknown>> {
  /** Names the list in the query cache; the filters are added to it. */
  queryKey: QueryKey;
  fetchPage(filters: Partial<F>, cursor: string | undefined): Promise<CursorPage<T>>;
  columns: TableColumnsType<T>;
  rowKey: keyof T & string;
  /** Form.Items of the filter form (their names are the query's parameters). */
  filters?: ReactNode;
  initialFilters?: Partial<F>;
  /** The export's URL for the filters, if the list has one. */
  exportUrl?: (filters: Partial<F>) => string;
  exportName?: string;
  /** Buttons beside the filters (new, import). */
  actions?: ReactNode;
  /** Rows fetched per page. */
  pageSize?: number;
  /** Height of the scrolling body; the table renders only the rows in view. */
  height?: number;
  filterForm?: FormInstance;
}

/**
 * The one list pattern of the consoles: a filter form, a virtualised table that stays smooth at
 * 10,000 rows (antd's virtual table renders only the rows in view), cursor pages fetched as the
 * user scrolls to the end, and the export of the same filters.
 */
export function ListPage<T extends object, F extends Record<string, unknown>>(
  props: ListPageProps<T, F>,
) {
  const { t, number } = useI18n();
  const errorText = useErrorText();
  const [ownForm] = Form.useForm();
  const form = props.filterForm ?? ownForm;
  const [filters, setFilters] = useState<Partial<F>>(props.initialFilters ?? {});
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string[] | null>(null);
  const list = useCursorList<T>([...props.queryKey, filters], (cursor) =>
    props.fetchPage(filters, cursor),
  );
  const height = props.height ?? 560;
  const tableBox = useRef<HTMLDivElement>(null);
  // The table's scrolling body must be reachable from the keyboard (WCAG 2.1.1): antd leaves
  // it without a tab stop.
  useEffect(() => {
    tableBox.current
      ?.querySelectorAll<HTMLElement>('.ant-table-body, .ant-table-tbody-virtual-holder')
      .forEach((el) => {
        el.tabIndex = 0;
      });
  });
  const width = props.columns.reduce((w, c) => w + (Number(c.width) || 160), 0);

  return (
    <>
      <Form
        form={form}
        layout="inline"
        initialValues={props.initialFilters}
        onFinish={(v) => setFilters(cleanQuery(v) as Partial<F>)}
        style={{ marginBottom: 16, rowGap: 8 }}
        aria-label={t('list.filters')}
      >
        {props.filters}
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              {t('action.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilters(props.initialFilters ?? {});
              }}
            >
              {t('action.reset')}
            </Button>
            {props.exportUrl && (
              <Button
                loading={exporting}
                onClick={async () => {
                  setExporting(true);
                  setExportError(null);
                  try {
                    await download(props.exportUrl!(filters), props.exportName ?? 'export.csv');
                  } catch (e) {
                    setExportError([errorText(e)]);
                  } finally {
                    setExporting(false);
                  }
                }}
              >
                {t('action.export')}
              </Button>
            )}
            {props.actions}
          </Space>
        </Form.Item>
      </Form>
      <ErrorAlert lines={list.error ? [errorText(list.error)] : exportError} />
      <div ref={tableBox}>
        <Table<T>
          virtual
          size="small"
          bordered
          rowKey={props.rowKey}
          columns={props.columns}
          dataSource={list.rows}
          loading={list.loading}
          pagination={false}
          scroll={{ x: width, y: height }}
          onScroll={(e) => {
            const el = e.currentTarget;
            if (el.scrollTop + el.clientHeight >= el.scrollHeight - 200) void list.loadMore();
          }}
          footer={() => (
            <Space>
              <span role="status">
                {list.hasMore
                  ? t('list.count', { count: number(list.rows.length) })
                  : t('list.countAll', { count: number(list.rows.length) })}
              </span>
              {list.hasMore && (
                <Button
                  size="small"
                  loading={list.loadingMore}
                  onClick={() => void list.loadMore()}
                >
                  {t('action.loadMore')}
                </Button>
              )}
            </Space>
          )}
        />
      </div>
    </>
  );
}
