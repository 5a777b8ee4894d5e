import type { Dashboard } from '../../../../../src/contract';
import { Bars } from './Bars';
import { ChartCard } from './ChartCard';
import { chartColours, formatCount } from './chartTheme';

const BUCKET_END_DAYS: Record<string, number> = {
  '0-30': 30,
  '31-60': 60,
  '61-90': 90,
  '91-180': 180,
  '181-365': 365,
  '366-730': 730,
};

/** Users with Jira access by days since their last Jira activity; buckets past the threshold stand out. */
export function ActivityHistogram({ dashboard }: { dashboard: Dashboard }) {
  const colourOf = (id: string) => {
    if (id === 'never') return chartColours.danger;
    const end = BUCKET_END_DAYS[id];
    return end !== undefined && end <= dashboard.inactiveDays ? chartColours.primary : chartColours.warning;
  };
  const buckets = dashboard.activityHistogram;
  return (
    <ChartCard
      title="Days since last Jira activity"
      description="Live users with access to a Jira product, by days since their latest activity in any Jira product."
      summary={buckets.map((b) => `${b.label}: ${formatCount(b.users)}`).join(', ')}
      chart={
        <Bars
          layout="columns"
          data={buckets.map((b) => ({ name: shortLabel(b.id), value: b.users, colour: colourOf(b.id) }))}
          valueName="Users"
        />
      }
      columns={[
        { header: 'Last Jira activity', cell: (b) => b.label },
        { header: 'Users', cell: (b) => formatCount(b.users), numeric: true },
      ]}
      rows={buckets}
      rowKey={(b) => b.id}
    />
  );
}

/** Bucket ids are short enough to sit under a column: `0-30` becomes `0–30`, `never` becomes `Never`. */
function shortLabel(id: string): string {
  return id === 'never' ? 'Never' : id.replace('-', '–');
}
