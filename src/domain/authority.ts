/**
 * The authority boundary (ADR 0019): what the app may change on whose say-so. Pure: the caller's authority, the
 * installed site and the org as last scanned come in as arguments.
 *
 * - Site boundary by default: only groups and product roles of the site the app is installed on are changed.
 * - Organization scope, which only an org admin turns on, is needed for suspension (it removes access to every
 *   product of the org) and for anything on another site's products.
 * - No path to admin rights: nothing adds anyone to a group that grants an admin role, whatever the scope.
 */
import type { PlannedAction } from './decision';
import type { DirectoryGroup, DirectoryUser, ProductInfo } from './directory';
import type { RuleAction } from './rule';

export type AppScope = 'site' | 'org';

export interface AuthorityBoundary {
  scope: AppScope;
  /** The cloud id of the site the app is installed on. */
  siteCloudId: string;
}

/** Roles that administer a product or its users: holding one through a group is an admin right. */
const ADMIN_ROLE_IDS: ReadonlySet<string> = new Set([
  'atlassian/admin',
  'atlassian/user-access-admin',
  'atlassian/org-admin',
  'atlassian/site-admin',
]);

/**
 * Groups Atlassian sites create to hand out site and product administration (site admin, and Jira's ADMINISTER
 * global permission, which Jira grants to groups by name rather than through a product role).
 */
const ADMIN_GROUP_NAMES: ReadonlySet<string> = new Set([
  'site-admins',
  'org-admins',
  'administrators',
  'jira-administrators',
  'jira-admins',
  'confluence-admins',
  'confluence-administrators',
  'system-administrators',
]);

/** Whether the role administers a product, its users, a site or the org. */
export function isAdminRole(roleId: string): boolean {
  return ADMIN_ROLE_IDS.has(roleId);
}

/** Whether membership of the group makes someone an administrator of anything. */
export function grantsAdminRole(group: Pick<DirectoryGroup, 'name' | 'grants'>): boolean {
  return (
    ADMIN_GROUP_NAMES.has(group.name.trim().toLowerCase()) ||
    group.grants.some((grant) => ADMIN_ROLE_IDS.has(grant.roleId))
  );
}

/** Whether a product resource (an ARI ending in `site/<cloudId>`) belongs to the installed site. */
export function isOnSite(resourceId: string, siteCloudId: string): boolean {
  return resourceId.endsWith(`/${siteCloudId}`) || resourceId === siteCloudId;
}

/** The products the app may act on within the boundary. */
export function productsWithin(products: ProductInfo[], boundary: AuthorityBoundary): ProductInfo[] {
  return boundary.scope === 'org'
    ? products
    : products.filter((p) => isOnSite(p.resourceId, boundary.siteCloudId));
}

/** A group whose grants reach beyond the installed site: leaving it would change access on another site. */
export function grantsBeyondSite(group: Pick<DirectoryGroup, 'grants'>, siteCloudId: string): boolean {
  return group.grants.some((grant) => !isOnSite(grant.resourceId, siteCloudId));
}

const ORG_SCOPE_NEEDED = 'only an org admin can allow this by turning on organization scope in Settings';

/** Why an action of a rule is outside the boundary, or null when it is within it. */
export function ruleActionRefusal(
  action: RuleAction,
  boundary: AuthorityBoundary,
  groupsById: ReadonlyMap<string, DirectoryGroup>,
  products: ProductInfo[],
): string | null {
  switch (action.kind) {
    case 'suspend':
      return boundary.scope === 'org'
        ? null
        : `suspending removes access to every product of the organization, not just this site: ${ORG_SCOPE_NEEDED}`;
    case 'add-to-group': {
      const group = groupsById.get(action.groupId);
      return group && grantsAdminRole(group)
        ? `group '${group.name}' grants an admin role; the app never adds anyone to an admin group`
        : null;
    }
    case 'remove-from-groups': {
      if (boundary.scope === 'org') return null;
      const beyond = action.groupIds
        .map((id) => groupsById.get(id))
        .find((group) => group !== undefined && grantsBeyondSite(group, boundary.siteCloudId));
      return beyond
        ? `group '${beyond.name}' grants access on another site of the organization: ${ORG_SCOPE_NEEDED}`
        : null;
    }
    case 'revoke-product': {
      if (boundary.scope === 'org') return null;
      const onSite = products.some(
        (p) => p.key === action.product && isOnSite(p.resourceId, boundary.siteCloudId),
      );
      return onSite
        ? null
        : `product '${action.product}' is only on another site of the organization: ${ORG_SCOPE_NEEDED}`;
    }
  }
}

/** Why one planned change must not be made now, checked again just before acting; null when it may be. */
export function plannedActionRefusal(
  action: PlannedAction,
  boundary: AuthorityBoundary,
  groupsById: ReadonlyMap<string, Pick<DirectoryGroup, 'name' | 'grants'>>,
): string | null {
  switch (action.kind) {
    case 'suspend':
      return boundary.scope === 'org' ? null : `Suspension needs organization scope; ${ORG_SCOPE_NEEDED}.`;
    case 'add-to-group': {
      const group = groupsById.get(action.groupId);
      if (!group)
        return `Group '${action.groupName}' is no longer known, so whether it grants admin rights cannot be checked.`;
      return grantsAdminRole(group)
        ? `Group '${group.name}' grants an admin role; the app never adds anyone to an admin group.`
        : null;
    }
    case 'remove-from-group':
    case 'idp-handoff': {
      if (boundary.scope === 'org') return null;
      const group = groupsById.get(action.groupId);
      return group && grantsBeyondSite(group, boundary.siteCloudId)
        ? `Group '${group.name}' grants access on another site; ${ORG_SCOPE_NEEDED}.`
        : null;
    }
    case 'revoke-direct-role':
      return boundary.scope === 'org' || isOnSite(action.resourceId, boundary.siteCloudId)
        ? null
        : `The role is on another site's product; ${ORG_SCOPE_NEEDED}.`;
  }
}

/** Each action of a rule outside the boundary, against its field, e.g. `actions[1]`. */
export function ruleAuthorityErrors(
  actions: RuleAction[],
  boundary: AuthorityBoundary,
  groupsById: ReadonlyMap<string, DirectoryGroup>,
  products: ProductInfo[],
): Array<{ field: string; message: string }> {
  return actions.flatMap((action, index) => {
    const refusal = ruleActionRefusal(action, boundary, groupsById, products);
    return refusal ? [{ field: `actions[${index}]`, message: refusal }] : [];
  });
}

/**
 * The user as the site sees them: product use elsewhere dropped. The same user object comes back when nothing is
 * dropped, and the same copy for the same user, so the facts the rules share are worked out once.
 */
export function userOnSite(siteCloudId: string): (user: DirectoryUser) => DirectoryUser {
  let lastUser: DirectoryUser | null = null;
  let lastCopy: DirectoryUser | null = null;
  return (user) => {
    if (user.products.every((use) => isOnSite(use.resourceId, siteCloudId))) return user;
    if (user !== lastUser) {
      lastUser = user;
      lastCopy = { ...user, products: user.products.filter((use) => isOnSite(use.resourceId, siteCloudId)) };
    }
    return lastCopy!;
  };
}
