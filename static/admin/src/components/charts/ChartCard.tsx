import { useId, useState, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { DataTable, type TableColumn } from './DataTable';

export interface ChartCardProps<Row> {
  title: string;
  description?: ReactNode;
  /** One sentence saying what the chart shows, read out in place of the drawing. */
  summary: string;
  chart: ReactNode;
  columns: TableColumn<Row>[];
  rows: Row[];
  rowKey(row: Row): string;
  /** Content under the chart, e.g. a legend. */
  footer?: ReactNode;
}

/**
 * A titled chart with its figures one keyboard press away: the drawing is an image with a summary for screen
 * readers, and "Show table" reveals the same numbers as a table.
 */
export function ChartCard<Row>({
  title,
  description,
  summary,
  chart,
  columns,
  rows,
  rowKey,
  footer,
}: ChartCardProps<Row>) {
  const [showTable, setShowTable] = useState(false);
  const headingId = useId();
  const tableId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <Heading size="small" as="h3" id={headingId}>
        {title}
      </Heading>
      {description && <p className="card-description">{description}</p>}
      <div role="img" aria-label={summary} className="chart">
        {chart}
      </div>
      {footer}
      <div className="card-actions">
        <Button
          appearance="subtle"
          spacing="compact"
          aria-expanded={showTable}
          aria-controls={tableId}
          onClick={() => setShowTable((shown) => !shown)}
        >
          {showTable ? 'Hide table' : 'Show table'}
        </Button>
      </div>
      {showTable && <DataTable id={tableId} caption={title} columns={columns} rows={rows} rowKey={rowKey} />}
    </section>
  );
}
