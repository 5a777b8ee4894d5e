import { useCallback, useEffect, useState } from 'react';
import EmptyState from '@atlaskit/empty-state';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { OverviewAnswer } from '../../../../src/contract';
import type { ScreenProps } from '../App';
import { callResolver } from '../api';
import { LoadFailed } from '../components/LoadFailed';
import { ActivityHistogram } from '../components/charts/ActivityHistogram';
import { formatCount } from '../components/charts/chartTheme';
import { DomainsChart } from '../components/charts/DomainsChart';
import { InactiveGroupsChart } from '../components/charts/InactiveGroupsChart';
import { SeatsChart } from '../components/charts/SeatsChart';
import { TrendChart } from '../components/charts/TrendChart';
import { UserStatesChart } from '../components/charts/UserStatesChart';
import { SeatsByPathPanel } from '../components/seats/SeatsByPathPanel';
import { SavingsCard } from './overview/SavingsCard';
import { ServiceManagementCard } from './overview/ServiceManagementCard';
import { ScanNow } from './overview/ScanNow';
import { formatDateTime } from '../format';

type Load =
  { state: 'loading' } | { state: 'failed'; error: unknown } | { state: 'ready'; overview: OverviewAnswer };

/** Seats against licence limits and tiers, who is inactive and where, the trend of past scans and the savings. */
export function Overview(_props: ScreenProps) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const reload = useCallback(() => {
    callResolver('getOverview')
      .then((overview) => setLoad({ state: 'ready', overview }))
      .catch((error: unknown) => setLoad({ state: 'failed', error }));
  }, []);
  useEffect(reload, [reload]);

  if (load.state === 'loading') return <Spinner label="Loading the overview" />;
  if (load.state === 'failed') {
    return <LoadFailed title="The overview could not load" error={load.error} onRetry={reload} />;
  }

  const { overview } = load;
  const { dashboard } = overview;
  if (!dashboard) {
    return (
      <EmptyState
        header={overview.snapshot ? 'The overview is built at the next scan' : 'No scan yet'}
        description="A scan reads every user's Jira activity, groups and product access from your organization. It runs in the background: you can leave this page and come back."
        primaryAction={<ScanNow onFinished={reload} />}
      />
    );
  }
  return (
    <div className="overview">
      <div className="overview-header">
        <p>
          Latest scan {formatDateTime(dashboard.completedAt)}: {formatCount(dashboard.users)} users. Inactive
          means no Jira activity for more than {dashboard.inactiveDays} days.
          {dashboard.changedSinceScan
            ? ` The figures include what runs changed since the scan (${formatCount(dashboard.changedSinceScan)} ${dashboard.changedSinceScan === 1 ? 'user' : 'users'}).`
            : ''}
        </p>
        <ScanNow label="Scan again" appearance="default" onFinished={reload} />
      </div>
      {overview.stale && (
        <SectionMessage appearance="warning" title="Figures use an older inactivity threshold">
          <p>{overview.stale.message} Scan again to recompute them now.</p>
        </SectionMessage>
      )}
      <Heading size="medium" as="h2">
        Seats
      </Heading>
      <div className="overview-grid">
        {overview.seats.map((seats) => (
          <SeatsChart
            key={seats.productKey}
            seats={seats}
            tierBoundaries={overview.settings.tierBoundaries}
            inactiveDays={dashboard.inactiveDays}
          />
        ))}
        {overview.savings && <SavingsCard savings={overview.savings} onSaved={reload} />}
        <SeatsByPathPanel />
        {dashboard.serviceManagement && <ServiceManagementCard people={dashboard.serviceManagement} />}
      </div>
      <Heading size="medium" as="h2">
        Users
      </Heading>
      <div className="overview-grid">
        <UserStatesChart dashboard={dashboard} />
        <ActivityHistogram dashboard={dashboard} />
        <InactiveGroupsChart dashboard={dashboard} />
        <DomainsChart dashboard={dashboard} />
      </div>
      <Heading size="medium" as="h2">
        Trend
      </Heading>
      <TrendChart trend={overview.trend} />
    </div>
  );
}
