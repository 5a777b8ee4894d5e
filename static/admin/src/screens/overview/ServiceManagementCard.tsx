import Heading from '@atlaskit/heading';
import { Stack } from '@atlaskit/primitives';
import type { Dashboard } from '../../../../../src/contract';

const NUMBER = new Intl.NumberFormat('en-US');

/**
 * Jira Service Management's people told apart: agents hold a paid seat, portal-only customers are free; agents the
 * scan also shows as customers are billed once, as agents.
 */
export function ServiceManagementCard({ people }: { people: NonNullable<Dashboard['serviceManagement']> }) {
  return (
    <Stack space="space.100" testId="service-management">
      <Heading size="small" as="h3">
        Jira Service Management: agents and customers
      </Heading>
      <dl className="service-management-counts">
        <dt>Agents (paid seats)</dt>
        <dd data-testid="jsm-agents">{NUMBER.format(people.agents)}</dd>
        <dt>Portal-only customers (free)</dt>
        <dd data-testid="jsm-customers">{NUMBER.format(people.portalCustomers)}</dd>
        <dt>Agents who are also customers (billed once, as agents)</dt>
        <dd data-testid="jsm-both">{NUMBER.format(people.agentsAlsoCustomers)}</dd>
      </dl>
      <p>
        Rules about Jira Service Management act on agents only: a portal customer never holds a seat and is
        never in their scope.
      </p>
    </Stack>
  );
}
