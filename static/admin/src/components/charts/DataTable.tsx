import type { ReactNode } from 'react';

export interface TableColumn<Row> {
  header: string;
  cell(row: Row): ReactNode;
  /** Numbers are right-aligned. */
  numeric?: boolean;
}

/** The figures behind a chart as a plain, captioned table that screen readers and keyboards read like any table. */
export function DataTable<Row>({
  id,
  caption,
  columns,
  rows,
  rowKey,
}: {
  id: string;
  caption: string;
  columns: TableColumn<Row>[];
  rows: Row[];
  rowKey(row: Row): string;
}) {
  return (
    <table id={id} className="chart-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.header} scope="col" className={column.numeric ? 'numeric' : undefined}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((column) => (
              <td key={column.header} className={column.numeric ? 'numeric' : undefined}>
                {column.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
