import type { SandboxContext } from '../context';
import type { Product } from '../org/orgEntities';
import { JiraHttpError } from './errors';
import type { JiraCaller } from './auth';
import { administersJira, requirePermission } from './permissions';
import type { JiraRoute } from './route';
import { groupNameView, type JiraGroupName } from './views';

export interface JiraApplicationRole {
  key: string;
  name: string;
  groups: string[];
  groupDetails: JiraGroupName[];
  defaultGroups: string[];
  defaultGroupsDetails: JiraGroupName[];
  selectedByDefault: boolean;
  defined: boolean;
  numberOfSeats: number;
  remainingSeats: number;
  userCount: number;
  userCountDescription: string;
  hasUnlimitedSeats: boolean;
  platform: boolean;
}

/** One Jira application's access settings and seat counts, computed from the live org state. */
export function applicationRoleView(ctx: SandboxContext, product: Product): JiraApplicationRole {
  const accessGroups = ctx.org.groups.filter((g) =>
    g.roleGrants.some((r) => r.resourceId === product.resourceId && r.roleId === 'atlassian/user'),
  );
  const defaultGroups = ctx.org.groups.filter((g) => g.isDefaultFor.includes(product.key));
  const used = ctx.org.seatsUsed(product);
  const unlimited = !Number.isFinite(product.seatLimit);
  return {
    key: product.key,
    name: product.name,
    groups: accessGroups.map((g) => g.name),
    groupDetails: accessGroups.map((g) => groupNameView(ctx, g)),
    defaultGroups: defaultGroups.map((g) => g.name),
    defaultGroupsDetails: defaultGroups.map((g) => groupNameView(ctx, g)),
    selectedByDefault: false,
    defined: false,
    numberOfSeats: unlimited ? -1 : product.seatLimit,
    remainingSeats: unlimited ? -1 : product.seatLimit - used,
    userCount: used,
    userCountDescription: `${used} ${product.key === 'jira-servicedesk' ? 'agents' : 'users'}`,
    hasUnlimitedSeats: unlimited,
    platform: false,
  };
}

export function jiraApplications(ctx: SandboxContext): Product[] {
  return ctx.org.products.filter((p) => p.isJiraApplication);
}

export function applicationRoleRoutes(ctx: SandboxContext): JiraRoute[] {
  const requireAdministrator = (caller: JiraCaller): void =>
    requirePermission(administersJira(ctx, caller), 'You do not have the Administer Jira global permission.');
  return [
    {
      method: 'GET',
      path: '/rest/api/3/applicationrole',
      handler: (_req, caller) => {
        requireAdministrator(caller);
        const roles = jiraApplications(ctx).map((p) => applicationRoleView(ctx, p));
        return { status: 200, body: roles, returned: { coreObjects: roles.length } };
      },
    },
    {
      method: 'GET',
      path: '/rest/api/3/applicationrole/:key',
      handler: (req, caller) => {
        requireAdministrator(caller);
        const key = req.params.key ?? '';
        const product = jiraApplications(ctx).find((p) => p.key === key);
        if (!product) throw new JiraHttpError(404, `The application role with key '${key}' does not exist.`);
        return { status: 200, body: applicationRoleView(ctx, product), returned: { coreObjects: 1 } };
      },
    },
  ];
}
