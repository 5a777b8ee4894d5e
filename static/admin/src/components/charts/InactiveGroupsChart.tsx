import Lozenge from '@atlaskit/lozenge';
import type { Dashboard } from '../../../../../src/contract';
import { Bars } from './Bars';
import { ChartCard } from './ChartCard';
import { chartColours, formatCount } from './chartTheme';

/** Where action is needed: groups with the most licensed members inactive past the threshold. */
export function InactiveGroupsChart({ dashboard }: { dashboard: Dashboard }) {
  const groups = dashboard.topInactiveGroups;
  const label = (g: (typeof groups)[number]) => (g.syncedFromIdp ? `${g.groupName} (IdP)` : g.groupName);
  return (
    <ChartCard
      title="Groups with the most inactive licensed users"
      description="Unprotected members holding a Jira licence, inactive past the threshold. Groups synced from an identity provider (IdP) change only there."
      summary={
        groups.length === 0
          ? 'No group has inactive licensed members.'
          : groups.map((g) => `${label(g)}: ${formatCount(g.inactiveLicensed)}`).join(', ')
      }
      chart={
        <Bars
          data={groups.map((g) => ({
            name: label(g),
            value: g.inactiveLicensed,
            colour: g.syncedFromIdp ? chartColours.discovery : chartColours.warning,
          }))}
          valueName="Inactive licensed users"
          nameWidth={200}
        />
      }
      columns={[
        { header: 'Group', cell: (g) => g.groupName },
        {
          header: 'Membership managed in',
          cell: (g) => (
            <Lozenge appearance={g.syncedFromIdp ? 'new' : 'default'}>
              {g.syncedFromIdp ? 'Identity provider' : 'Atlassian'}
            </Lozenge>
          ),
        },
        { header: 'Inactive licensed', cell: (g) => formatCount(g.inactiveLicensed), numeric: true },
        { header: 'Licensed members', cell: (g) => formatCount(g.licensed), numeric: true },
      ]}
      rows={groups}
      rowKey={(g) => g.groupId}
    />
  );
}
