import type { SandboxContext } from '../context';
import { BILLABLE_ROLES } from '../org/orgEntities';
import type { JiraCaller } from './auth';
import { JiraHttpError } from './errors';

/**
 * What a caller may do in Jira. The Forge app's own identity holds what its manifest scopes grant
 * (`manage:jira-configuration` → Administer Jira, `read:jira-user` → Browse users and groups) but is not a
 * site administrator: Jira answers group membership changes made asApp with 403 (see the report of
 * https://community.developer.atlassian.com/t/forge-app-error-403-adding-users-to-groups-with-api-asapp/92540).
 */
export function administersJira(ctx: SandboxContext, caller: JiraCaller): boolean {
  switch (caller.kind) {
    case 'app':
      return true;
    case 'person':
    case 'appUser':
      return ctx.org.isJiraAdministrator(caller.user.accountId);
    case 'anonymous':
      return false;
  }
}

/** Site administration: the site-admin group in Jira, which org and site admins belong to. */
export function administersSite(ctx: SandboxContext, caller: JiraCaller): boolean {
  if (caller.kind !== 'person' && caller.kind !== 'appUser') return false;
  const { user } = caller;
  return (
    ctx.org.hasLiveAccess(user) &&
    (user.platformRoles.includes('atlassian/site-admin') ||
      user.platformRoles.includes('atlassian/org-admin'))
  );
}

/** Licensed Jira users can use Jira (browse projects); customers and unlicensed accounts cannot. */
export function usesJira(ctx: SandboxContext, caller: JiraCaller): boolean {
  if (caller.kind === 'app') return true;
  if (caller.kind === 'anonymous') return false;
  const { user } = caller;
  if (!ctx.org.hasLiveAccess(user) || user.accountType !== 'atlassian') return false;
  return ctx.org
    .effectiveRoles(user.accountId)
    .some(
      (r) =>
        BILLABLE_ROLES.has(r.roleId) && ctx.org.productByResource(r.resourceId)?.isJiraApplication === true,
    );
}

/** Browse users and groups: granted to the app, Jira administrators and licensed Jira users. */
export function browsesUsers(ctx: SandboxContext, caller: JiraCaller): boolean {
  return administersJira(ctx, caller) || usesJira(ctx, caller);
}

interface PermissionDefinition {
  id: string;
  name: string;
  type: 'GLOBAL' | 'PROJECT';
  description: string;
  held: (ctx: SandboxContext, caller: JiraCaller) => boolean;
}

/** The permission keys `/mypermissions` answers for. */
export const PERMISSIONS: Readonly<Record<string, PermissionDefinition>> = {
  ADMINISTER: {
    id: '0',
    name: 'Administer Jira',
    type: 'GLOBAL',
    description:
      'Ability to perform most administration functions (excluding Import & Export, SMTP Configuration, etc.).',
    held: administersJira,
  },
  SYSTEM_ADMIN: {
    id: '44',
    name: 'Jira System Administrators',
    type: 'GLOBAL',
    description:
      'Ability to perform all administration functions. There must be at least one group with this permission.',
    held: administersSite,
  },
  USER_PICKER: {
    id: '27',
    name: 'Browse users and groups',
    type: 'GLOBAL',
    description:
      "Ability to select a user or group from a popup window as well as the ability to use the 'share' issues feature. Users with this permission will also be able to see names of all users and groups in the system.",
    held: browsesUsers,
  },
  BROWSE_PROJECTS: {
    id: '10',
    name: 'Browse Projects',
    type: 'PROJECT',
    description: 'Ability to browse projects and the issues within them.',
    held: usesJira,
  },
};

/** Refuses with Jira's 403 unless the caller holds the permission. */
export function requirePermission(held: boolean, message: string): void {
  if (!held) throw new JiraHttpError(403, message);
}
