/**
 * The Overview's Jira Service Management people, told apart: agents (a billable JSM seat), portal-only customers
 * (free), and agents the scan also shows as customers (through a group granting the free customer role on JSM). A
 * customer role held directly is not in the scan (the Organizations API's user search lists product access, not
 * roles), so such agents count as agents only.
 */
import { billableSeats, type SeatPathContext } from './billablePaths';
import type { DirectoryUser } from './directory';
import { isPortalCustomer, JSM_PRODUCT } from './jsm';

const CUSTOMER_ROLE = 'atlassian/customer';

export interface ServiceManagementPeople {
  /** Live Atlassian accounts holding a billable JSM seat. */
  agents: number;
  /** Live portal-only customer accounts: free, never a seat. */
  portalCustomers: number;
  /** Agents who also hold the customer role through a group: billed once, as agents. */
  agentsAlsoCustomers: number;
  /** Groups every member of which is a portal-only customer: a JSM rule scoped to them alone selects nobody. */
  customerOnlyGroupIds: string[];
}

export class ServiceManagementTally {
  private readonly people = { agents: 0, portalCustomers: 0, agentsAlsoCustomers: 0 };
  private readonly groupsWithCustomers = new Set<string>();
  private readonly groupsWithOthers = new Set<string>();

  constructor(private readonly seats: SeatPathContext) {}

  add(user: DirectoryUser): void {
    const customer = isPortalCustomer(user);
    if (customer && isLive(user)) this.people.portalCustomers += 1;
    for (const groupId of user.groupIds)
      (customer ? this.groupsWithCustomers : this.groupsWithOthers).add(groupId);
    const agentOn = billableSeats(user, this.seats)
      .filter((seat) => seat.productKey === JSM_PRODUCT)
      .map((seat) => seat.resourceId);
    if (agentOn.length === 0) return;
    this.people.agents += 1;
    if (this.holdsCustomerRole(user, new Set(agentOn))) this.people.agentsAlsoCustomers += 1;
  }

  result(): ServiceManagementPeople {
    const customerOnlyGroupIds = [...this.groupsWithCustomers].filter((id) => !this.groupsWithOthers.has(id));
    return { ...this.people, customerOnlyGroupIds };
  }

  private holdsCustomerRole(user: DirectoryUser, resourceIds: ReadonlySet<string>): boolean {
    return user.groupIds.some((groupId) =>
      this.seats.groupsById
        .get(groupId)
        ?.grants.some((grant) => grant.roleId === CUSTOMER_ROLE && resourceIds.has(grant.resourceId)),
    );
  }
}

function isLive(user: DirectoryUser): boolean {
  return user.status === 'active' && user.membershipStatus === 'active' && user.accountStatus === 'active';
}
