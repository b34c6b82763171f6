import type { Key, ReactNode } from 'react';
import './simple-table.css';

export interface SimpleColumn<T> {
  key: string;
  title: ReactNode;
  width?: number;
  render(row: T): ReactNode;
}

/**
 * A plain semantic table for a start page: antd's Table (with the pagination it pulls in) is
 * about 85 KB gzipped, which the first load's 350 KB budget cannot carry beside the shell.
 */
export function SimpleTable<T>(props: {
  columns: SimpleColumn<T>[];
  rows: readonly T[];
  rowKey(row: T): Key;
  caption?: string;
  empty: ReactNode;
  loading?: boolean;
}) {
  return (
    <div className="simple-table-box" aria-busy={props.loading || undefined}>
      {/* Empty, it takes the box's width: at 1000 px its message sat centred off a phone's screen. */}
      <table
        className={props.rows.length === 0 ? 'simple-table simple-table-none' : 'simple-table'}
      >
        {props.caption && <caption className="simple-table-caption">{props.caption}</caption>}
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th key={c.key} scope="col" style={c.width ? { width: c.width } : undefined}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 ? (
            <tr>
              <td colSpan={props.columns.length} className="simple-table-empty">
                {props.empty}
              </td>
            </tr>
          ) : (
            props.rows.map((r) => (
              <tr key={props.rowKey(r)}>
                {props.columns.map((c) => (
                  <td key={c.key}>{c.render(r)}</td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
