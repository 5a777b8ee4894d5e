import type { Dashboard, UserState } from '../../../../../src/contract';
import { MeasureNote } from '../MeasureNote';
import { Bars } from './Bars';
import { ChartCard } from './ChartCard';
import { chartColours, formatCount } from './chartTheme';

const STATES: ReadonlyArray<{ state: UserState; label: string; colour: string; meaning: string }> = [
  {
    state: 'active',
    label: 'Active',
    colour: chartColours.good,
    meaning: 'Used a Jira product within the threshold',
  },
  {
    state: 'inactive',
    label: 'Inactive',
    colour: chartColours.warning,
    meaning: 'No use of any Jira product past the threshold, or never since joining before it',
  },
  {
    state: 'never-active',
    label: 'Never active, new',
    colour: chartColours.danger,
    meaning: 'Has Jira access, never used it, joined within the threshold',
  },
  {
    state: 'invited-not-joined',
    label: 'Invited, not joined',
    colour: chartColours.discovery,
    meaning: 'Invited, never logged in, e-mail unverified',
  },
  {
    state: 'suspended',
    label: 'Suspended',
    colour: chartColours.neutral,
    meaning: 'Suspended or deactivated: not billed',
  },
  {
    state: 'portal-customer',
    label: 'Portal customers (free)',
    colour: chartColours.neutral,
    meaning: 'Jira Service Management portal-only customers: free, never a seat',
  },
  {
    state: 'protected',
    label: 'Protected',
    colour: chartColours.primary,
    meaning: 'Admins, apps, protected users and groups, project and component leads (with Jira access)',
  },
  {
    state: 'no-jira-access',
    label: 'No Jira access',
    colour: chartColours.secondary,
    meaning: 'Uses other products only',
  },
];

/** Every scanned user in exactly one state. */
export function UserStatesChart({ dashboard }: { dashboard: Dashboard }) {
  const rows = STATES.map((s) => ({ ...s, users: dashboard.usersByState[s.state] }));
  return (
    <ChartCard
      title="Users by state"
      description={`${formatCount(dashboard.users)} users; inactive means no Jira activity for more than ${dashboard.inactiveDays} days.`}
      summary={rows.map((r) => `${r.label}: ${formatCount(r.users)}`).join(', ')}
      chart={
        <Bars
          data={rows.map((r) => ({ name: r.label, value: r.users, colour: r.colour }))}
          valueName="Users"
        />
      }
      columns={[
        { header: 'State', cell: (r) => r.label },
        { header: 'Meaning', cell: (r) => r.meaning },
        { header: 'Users', cell: (r) => formatCount(r.users), numeric: true },
      ]}
      footer={
        <MeasureNote measures={['active', 'inactive', 'protected']} inactiveDays={dashboard.inactiveDays} />
      }
      rows={rows}
      rowKey={(r) => r.state}
    />
  );
}
