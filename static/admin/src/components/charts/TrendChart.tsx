import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { TrendPoint } from '../../../../../src/contract';
import { formatDateTime } from '../../format';
import { ChartCard } from './ChartCard';
import { axisTick, chartColours, formatCount, seriesColours, tooltipStyles } from './chartTheme';

/** Licensed against active users per Jira product, one point per completed scan. */
export function TrendChart({ trend }: { trend: TrendPoint[] }) {
  const products = trend.at(-1)?.products ?? [];
  const data = trend.map((point) => ({
    // Each scan its own point, even two on one day: the time is part of the label.
    date: formatDateTime(point.completedAt),
    ...Object.fromEntries(
      point.products.flatMap((p) => [
        [`${p.productKey}:licensed`, p.licensed],
        [`${p.productKey}:active`, p.active],
      ]),
    ),
  }));
  const countOf = (point: TrendPoint, key: string, field: 'licensed' | 'active') => {
    const product = point.products.find((p) => p.productKey === key);
    return product ? formatCount(product[field]) : '—';
  };
  const latest = trend.at(-1);
  return (
    <ChartCard
      title="Licensed and active users over time"
      description={
        trend.length < 2
          ? 'One point per completed scan: the trend appears after the next scan.'
          : `One point per completed scan: ${trend.length} scans.`
      }
      summary={
        latest
          ? latest.products
              .map(
                (p) =>
                  `${p.productName}: ${formatCount(p.licensed)} licensed, ${formatCount(p.active)} active`,
              )
              .join('; ')
          : 'No scans yet.'
      }
      chart={
        <LineChart data={data} responsive style={{ width: '100%', height: 260 }} accessibilityLayer={false}>
          <CartesianGrid stroke={chartColours.grid} />
          <XAxis dataKey="date" tick={axisTick} minTickGap={24} />
          <YAxis tick={axisTick} tickFormatter={formatCount} allowDecimals={false} width={64} />
          <Tooltip {...tooltipStyles} />
          <Legend wrapperStyle={{ color: axisTick.fill }} />
          {products.flatMap((p, i) => [
            <Line
              key={`${p.productKey}:licensed`}
              dataKey={`${p.productKey}:licensed`}
              name={`${p.productName} licensed`}
              stroke={seriesColours[i % seriesColours.length]}
              strokeWidth={2}
              dot={trend.length < 30}
              isAnimationActive={false}
            />,
            <Line
              key={`${p.productKey}:active`}
              dataKey={`${p.productKey}:active`}
              name={`${p.productName} active`}
              stroke={seriesColours[i % seriesColours.length]}
              strokeDasharray="5 4"
              strokeWidth={2}
              dot={trend.length < 30}
              isAnimationActive={false}
            />,
          ])}
        </LineChart>
      }
      columns={[
        { header: 'Scan completed', cell: (point: TrendPoint) => formatDateTime(point.completedAt) },
        { header: 'Users', cell: (point: TrendPoint) => formatCount(point.users), numeric: true },
        ...products.flatMap((p) => [
          {
            header: `${p.productName} licensed`,
            cell: (point: TrendPoint) => countOf(point, p.productKey, 'licensed'),
            numeric: true,
          },
          {
            header: `${p.productName} active`,
            cell: (point: TrendPoint) => countOf(point, p.productKey, 'active'),
            numeric: true,
          },
        ]),
      ]}
      rows={[...trend].reverse()}
      rowKey={(point) => point.snapshotId}
    />
  );
}
